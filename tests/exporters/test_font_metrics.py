"""The width tables are Liberation Sans's (Arial's metrics): checked against the font files when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from sendplan.exporters.word.write.font_metrics import text_width_pt

FONTS = Path("/usr/share/fonts/truetype/liberation")
SAMPLES = ["neurodevelopmental", "Performance", "30 September 2026", "Key Performance Indicators", "£1,250 – “quoted”"]


@pytest.mark.parametrize("bold", [False, True])
def test_widths_match_the_font_files(bold: bool) -> None:
    from PIL import ImageFont

    path = FONTS / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf")
    if not path.exists():
        pytest.skip("Liberation Sans is not installed")
    font = ImageFont.truetype(str(path), 2048)
    for text in SAMPLES:
        expected = font.getlength(text, features=["-kern"])
        assert text_width_pt(text, 2048, bold) == pytest.approx(expected, abs=2 * len(text))


def test_unknown_characters_have_a_sensible_width() -> None:
    assert text_width_pt("世界", 10) == pytest.approx(20)  # wide characters: one em each
    assert text_width_pt("e\u0301", 10) == text_width_pt("e", 10)  # a combining accent adds nothing
    assert text_width_pt("ab\u00adc", 10) == text_width_pt("abc", 10)  # a soft hyphen prints only at a line end

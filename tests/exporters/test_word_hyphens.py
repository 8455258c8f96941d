"""Soft hyphens: words break where a reader expects, never leaving fewer than three letters a side."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from sendplan.exporters.word import WordOptions, export_docx
from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.hyphens import SOFT_HYPHEN, break_points, soft_hyphens

from sendplan.model import Plan

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _broken(word: str, room_pt: float, size_pt: float = 11.0) -> str:
    return soft_hyphens(word, lambda piece: text_width_pt(piece, size_pt) <= room_pt).replace(SOFT_HYPHEN, "|")


@pytest.mark.parametrize("word, expected", [
    ("Reconstitute", "Recon|stitute"), ("Intelligence", "Intelli|gence"), ("understanding", "under|standing"),
    ("mainstream", "main|stream"), ("workstream's", "work|stream's"), ("employment", "employ|ment"),
    ("employers", "employ|ers"), ("adulthood", "adult|hood"), ("milestones", "mile|stones"),
    ("framework", "frame|work"), ("Educational", "Educa|tional"), ("physiotherapy", "physio|therapy"),
    ("Psychologist", "Psycho|logist"), ("programme", "pro|gramme"), ("complaints", "com|plaints"),
    ("difference", "differ|ence"), ("weaknesses", "weak|nesses"), ("examples", "exam|ples"),
    ("Neurodevelopmental,", "Neuro|develop|mental,"), ("(Accountability)", "(Accoun|tability)"),
])
def test_words_break_at_syllable_or_morpheme_boundaries(word: str, expected: str) -> None:
    """Each word is given room for its widest expected piece (with its hyphen) but not the whole word."""
    pieces = expected.split("|")
    room = max(text_width_pt(piece + ("-" if i < len(pieces) - 1 else ""), 11.0) for i, piece in enumerate(pieces))
    room += 0.5
    assert text_width_pt(word, 11.0) > room
    assert _broken(word, room) == expected


def test_a_hyphenated_word_breaks_at_its_hyphen_first() -> None:
    assert _broken("self-evaluation", text_width_pt("evalua-", 11.0) + 0.5) == "self-evalua|tion"
    assert _broken("co-production", text_width_pt("produc-", 11.0) + 0.5) == "co-produc|tion"


def test_never_fewer_than_three_letters_either_side() -> None:
    for word in ("complaints", "difference", "resources", "assurance", "streams", "employers", "Strengthen"):
        for point in (p for group in break_points(word) for p in group):
            assert point >= 3 and len(word) - point >= 3, (word, point)
    assert break_points("agent") == [[], [], [], []]  # too short to break at all
    assert _broken("thinks", 5.0) == "thinks"  # a word too short to break stays whole


def test_numbers_and_odd_words_are_not_broken() -> None:
    assert break_points("2025/2026") == [[], [], [], []]
    assert _broken("don't-know", 5.0) == "don't-know"


def test_sample_publication_has_no_short_pieces(sample_plan: Plan, tmp_path: Path) -> None:
    """Every word the publication hyphenates keeps at least three letters on each side of each break,
    and none of the odd breaks of the old rule is left."""
    path = tmp_path / "publication.docx"
    export_docx(sample_plan, path, WordOptions(preset="publication"))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    broken = set()
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        if "softHyphen" not in paragraph:
            continue
        text = "".join(m.group(1) if m.group(1) is not None else "|"
                       for m in re.finditer(r"<w:t[^>]*>([^<]*)</w:t>|<w:softHyphen/>", paragraph))
        broken.update(word for word in text.split() if "|" in word)
    assert broken, "the publication's ten columns at 11 pt should need some soft hyphens"
    for word in broken:
        pieces = word.split("|")
        for left, right in zip(pieces, pieces[1:], strict=False):
            before, after = left.split("-")[-1], right.split("-")[0]
            assert sum(c.isalpha() for c in before) >= 3 and sum(c.isalpha() for c in after) >= 3, word
    pieces = {piece.strip(".,;:()").lower() for word in broken for piece in word.split("|")}
    for odd in ("recons", "intellig", "sel", "emp", "unders", "workst", "mainst", "ts", "ce"):
        assert odd not in pieces


def test_each_run_of_letters_breaks_on_its_own() -> None:
    """A word joined by a slash or an apostrophe still breaks inside its long parts, never across
    the join with fewer than three letters."""
    word = "parents/carers'"
    points = [p for group in break_points(word) for p in group]
    assert points and all(word[p - 3:p].isalpha() and word[p:p + 3].isalpha() for p in points)
    assert _broken("health/education", text_width_pt("health/educa-", 11.0) + 0.5) == "health/educa|tion"


def test_abbreviations_are_not_broken() -> None:
    assert break_points("SENDCos") == [[], [], [], []]
    assert _broken("SENDCos/teachers", text_width_pt("SENDCos/", 11.0) + 0.5) == "SENDCos/teachers"

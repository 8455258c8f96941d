"""Text widths in Arial, from the advance widths of Liberation Sans (metric-compatible with Arial).

The tables were read from the Liberation Sans TTFs with Pillow (``ImageFont.getlength`` at 2048 px,
the fonts' units per em), so layout is the same on every machine whether or not the font is there.
Column widths and row heights in the Word export are computed with these numbers, and the tests
check the written document with them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

UNITS_PER_EM = 2048
_CHARS = "".join(map(chr, [*range(32, 127), *range(160, 256)])) + "–—‘’“”…•→−±€ŵŷ"
_REGULAR = (
    569, 569, 727, 1139, 1139, 1821, 1366, 391, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139,
    1139, 1139, 1139, 1139, 1139, 1139, 569, 569, 1196, 1196, 1196, 1139, 2079, 1366, 1366, 1479, 1479, 1366,
    1251, 1593, 1479, 569, 1024, 1366, 1139, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933,
    1366, 1366, 1251, 569, 569, 569, 961, 1139, 682, 1139, 1139, 1024, 1139, 1139, 569, 1139, 1139, 455, 455,
    1024, 455, 1706, 1139, 1139, 1139, 1139, 682, 1024, 569, 1139, 1024, 1479, 1024, 1024, 1024, 684, 532, 684,
    1196, 569, 682, 1139, 1139, 1139, 1139, 532, 1139, 682, 1509, 758, 1139, 1196, 0, 1509, 1131, 819, 1124,
    682, 682, 682, 1180, 1100, 569, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1366, 1366, 1366, 1366, 1366,
    1366, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593, 1593, 1593, 1593, 1593,
    1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139, 1139, 1139, 1139, 1139, 1821, 1024, 1139,
    1139, 1139, 1139, 569, 569, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1124, 1251, 1139, 1139,
    1139, 1139, 1024, 1139, 1024, 1139, 2048, 455, 455, 682, 682, 2048, 717, 2048, 1196, 1124, 1139, 1479, 1024
)
_BOLD = (
    569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139,
    1139, 1139, 1139, 1139, 1139, 1139, 682, 682, 1196, 1196, 1196, 1251, 1997, 1479, 1479, 1479, 1479, 1366,
    1251, 1593, 1479, 569, 1139, 1479, 1251, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933,
    1366, 1366, 1251, 682, 569, 682, 1196, 1139, 682, 1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569,
    1139, 569, 1821, 1251, 1251, 1251, 1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797, 573, 797,
    1196, 569, 682, 1139, 1139, 1139, 1139, 573, 1139, 682, 1509, 758, 1139, 1196, 0, 1509, 1131, 819, 1124,
    682, 682, 682, 1180, 1139, 569, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1479, 1479, 1479, 1479, 1479,
    1479, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593, 1593, 1593, 1593, 1593,
    1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139, 1139, 1139, 1139, 1139, 1821, 1139, 1139,
    1139, 1139, 1139, 569, 569, 569, 569, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1124, 1251, 1251, 1251,
    1251, 1251, 1139, 1251, 1139, 1139, 2048, 569, 569, 1024, 1024, 2048, 717, 2048, 1196, 1124, 1139, 1593,
    1139
)
_AVERAGE = 1139  # a digit's width: the fallback for characters outside the tables


class _Widths(dict):  # type: ignore[type-arg]
    """Advance widths by character; a character outside the table is estimated once and kept."""

    def __missing__(self, char: str) -> int:
        if char == "\u00ad" or unicodedata.combining(char):  # a soft hyphen prints only at a line end
            width = 0
        else:
            width = UNITS_PER_EM if unicodedata.east_asian_width(char) in ("W", "F") else _AVERAGE
        self[char] = width
        return width


_WIDTHS = {False: _Widths(zip(_CHARS, _REGULAR, strict=True)), True: _Widths(zip(_CHARS, _BOLD, strict=True))}
_WIDTHS[False]["\u00ad"] = _WIDTHS[True]["\u00ad"] = 0


def text_units(text: str, bold: bool = False) -> int:
    """The advance width of ``text`` in font units (:data:`UNITS_PER_EM` to the em): whole numbers,
    so widths added up in units are exact."""
    return sum(map(_WIDTHS[bold].__getitem__, text))


_units = text_units


@lru_cache(maxsize=131072)
def _cached_width(text: str, size_pt: float, bold: bool) -> float:
    return _units(text, bold) * size_pt / UNITS_PER_EM


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """The advance width of ``text`` in points at ``size_pt`` (no kerning, as Word sets table text)."""
    if len(text) > 40:  # long runs are rarely measured twice: keep them out of the cache
        return _units(text, bold) * size_pt / UNITS_PER_EM
    return _cached_width(text, size_pt, bold)

"""Column widths and row heights for the action tables, measured with Arial's real font metrics.

Every column is at least as wide as the longest word it holds (so no word breaks), and the rest of
the page width is shared by how much text each column holds. When the words cannot all fit whole
(ten columns at 11 pt), hyphenated words may break at their hyphens, and the longest words get soft
hyphens at a syllable boundary (:mod:`hyphens`), so a line ends "neuro-" rather than breaking at
the margin; no column is squeezed below about ten characters a line to save paper.
A web address too long for any column is the only thing that may break anywhere. Row heights are
estimated by wrapping each cell's text the way Word does, so tall rows can be allowed to split
across pages and short ones kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.hyphens import SOFT_HYPHEN, soft_hyphens
from sendplan.exporters.word.write.wordml import Span

Paragraphs = Sequence[Sequence[Span]]
LONG_WORD_SHARE = 0.2  # a word wider than this share of the text width may break (URLs)
SLACK_PT = 1.5  # rounding, and renderers that set text a touch wider than its advance widths
CAPS_IN_CHARACTERS = (14, 12, 10)  # lower floors tried for wordy tables, in average characters
YARDSTICK_CAP = 8  # the shortest layout is judged against this floor, which reads too cramped to be used
LINE_FACTOR = 1.15  # Arial's line height as a multiple of its size (ascent + descent + gap)
_SPLIT = re.compile("[ \n\t\u2009\u200b]+")


def words(paragraphs: Paragraphs) -> Iterator[tuple[str, bool]]:
    """Each word of the cell with whether it is bold (a word across a bold/plain boundary counts
    as bold: slightly wider, so safe). Words end only at spaces, tabs and line breaks."""
    for spans in paragraphs:
        carry, carry_bold = "", False
        for span in spans:
            parts = _SPLIT.split(span.text)
            if len(parts) == 1:
                if parts[0]:
                    carry, carry_bold = carry + parts[0], carry_bold or span.bold
                continue
            first = carry + parts[0]
            if first:
                yield first, carry_bold or (span.bold and bool(parts[0]))
            for middle in parts[1:-1]:
                if middle:
                    yield middle, span.bold
            carry, carry_bold = parts[-1], span.bold and bool(parts[-1])
        if carry:
            yield carry, carry_bold


def text_pt(paragraphs: Paragraphs, size_pt: float) -> float:
    """All the cell's text laid end to end: how much room it wants."""
    return sum(text_width_pt(span.text, size_pt, span.bold) for spans in paragraphs for span in spans)


def segments(word: str) -> list[str]:
    """The pieces a renderer may end a line after: at soft hyphens (which then print as "-") and
    after hard hyphens."""
    pieces, current = [], ""
    for char in word:
        if char == SOFT_HYPHEN:
            pieces.append(current + "-")
            current = ""
        elif char == "-":
            pieces.append(current + "-")
            current = ""
        else:
            current += char
    return [p for p in pieces + [current] if p]


def word_pt(word: str, size_pt: float, bold: bool, tight: bool = False) -> float:
    """A word's width; ``tight``: its widest piece between hyphens (where it may end a line)."""
    if (tight and "-" in word) or SOFT_HYPHEN in word:
        return max((text_width_pt(piece, size_pt, bold) for piece in segments(word)), default=0.0)
    return text_width_pt(word, size_pt, bold)


def _floor(cells: Sequence[Paragraphs], size_pt: float, tight: bool, hard_only: bool = False) -> float:
    """The widest word (``tight``: piece between hyphens); ``hard_only``: of the words that cannot
    take a hyphen (numbers, dates, short words)."""
    return max((word_pt(word, size_pt, bold, tight) for cell in cells for word, bold in words(cell)
                if not hard_only or _unbreakable(word)), default=0.0)


def longest_word_pt(cells: Sequence[Paragraphs], size_pt: float) -> float:
    return _floor(cells, size_pt, False)


def _unbreakable(word: str) -> bool:
    return any(char.isdigit() for char in word) or sum(char.isalpha() for char in word) < 7


def _share(minimum: list[float], demand: list[float], total_pt: float) -> list[float]:
    """Share ``total_pt`` by demand; pin columns that fall below their floor and share again."""
    widths = [0.0] * len(minimum)
    fixed: set[int] = set()
    while True:
        free = total_pt - sum(widths[i] for i in fixed)
        share = sum(d for i, d in enumerate(demand) if i not in fixed)
        for i, wanted in enumerate(demand):
            if i not in fixed:
                widths[i] = free * wanted / share
        short = [i for i in range(len(widths)) if i not in fixed and widths[i] < minimum[i]]
        if not short:
            return widths
        fixed.update(short)
        for i in short:
            widths[i] = minimum[i]
        if len(fixed) == len(widths):
            return widths


def _within(minimum: list[float], total_pt: float, padding: float) -> list[float]:
    """Floors lowered together, widest first, until they fit the width."""
    cap = max(minimum, default=0.0)
    while sum(min(m, cap) for m in minimum) > total_pt and cap > padding:
        cap -= 1
    return [min(m, cap) for m in minimum]


def _table_height(columns: Sequence[Sequence[Paragraphs]], widths: list[float], size_pt: float,
                  margin_pt: float, sample: int = 40) -> float:
    """The estimated height of (an even sample of) the table's rows."""
    count = min((len(cells) for cells in columns), default=0)
    step = max(1, count // sample)
    return sum(max(cell_height_pt(cells[r], w - 2 * margin_pt, size_pt, 2.0) for cells, w in zip(columns, widths,
                                                                                                  strict=True))
               for r in range(0, count, step))


def column_widths(columns: Sequence[Sequence[Paragraphs]], headers: Sequence[Paragraphs], total_pt: float,
                  size_pt: float, margin_pt: float, floors: Sequence[float] | None = None) -> list[float]:
    """Widths (pt) summing to ``total_pt``: each at least its longest word plus the cell margins,
    the remainder shared in proportion to the text each column holds. When whole words cannot all
    fit, words may end a line at their hyphens. When the floors leave the wordiest columns too
    narrow (ten columns at 11 pt), lower floors are tried: :func:`hyphenate` then puts soft
    hyphens into the words that no longer fit. Of the layouts within a tenth of the shortest
    possible (columns of eight characters), the one with the fewest words hyphenated is taken, or
    else the shortest with columns of ten characters or more. Header words and ``floors`` (text to keep on
    one line, e.g. "1.1 (d)") stay whole."""
    padding = 2 * margin_pt + SLACK_PT
    long_word = total_pt * LONG_WORD_SHARE
    floors = floors or [0.0] * len(columns)
    hard = [max(_floor([header], size_pt, False), _floor(cells, size_pt, True, hard_only=True), floor) + padding
            for cells, header, floor in zip(columns, headers, floors, strict=True)]
    whole = [max(h, min(_floor(cells, size_pt, False), long_word) + padding) for cells, h in zip(columns, hard,
                                                                                                 strict=True)]
    if sum(whole) > total_pt:
        whole = [max(h, min(_floor(cells, size_pt, True), long_word) + padding) for cells, h in zip(columns, hard,
                                                                                                    strict=True)]
    demand = [sum(text_pt(c, size_pt) for c in cells) + text_pt(header, size_pt) + 1.0
              for cells, header in zip(columns, headers, strict=True)]
    choices = [_share(_within(whole, total_pt, padding), demand, total_pt)]
    if not any(columns):
        return choices[0]
    for chars in (*CAPS_IN_CHARACTERS, YARDSTICK_CAP):
        cap = chars * size_pt * 0.55 + padding
        choices.append(_share(_within([max(h, min(w, cap)) for h, w in zip(hard, whole, strict=True)], total_pt,
                                      padding), demand, total_pt))
    heights = [_table_height(columns, widths, size_pt, margin_pt) for widths in choices]
    shortest = min(heights)
    usable = list(zip(choices[:-1], heights[:-1], strict=True))
    return next((widths for widths, height in usable if height <= shortest * 1.1),
                min(usable, key=lambda choice: choice[1])[0])


def hyphenate(paragraphs: Paragraphs, room_pt: float, size_pt: float, total_pt: float) -> list[list[Span]]:
    """The cell with soft hyphens in every word (other than a web address) too wide for ``room_pt``."""
    too_wide = {word for word, bold in words(paragraphs)
                if word_pt(word, size_pt, bold, tight=True) > room_pt and not may_break(word, total_pt, size_pt)}
    if not too_wide:
        return [list(spans) for spans in paragraphs]
    result = []
    for spans in paragraphs:
        fixed = []
        for span in spans:
            def fits(piece: str, bold: bool = span.bold) -> bool:
                return text_width_pt(piece, size_pt, bold) <= room_pt
            text = " ".join(soft_hyphens(w, fits) if w in too_wide else w for w in span.text.split(" "))
            fixed.append(Span(text, bold=span.bold, italic=span.italic, strike=span.strike, colour=span.colour,
                              half_points=span.half_points))
        result.append(fixed)
    return result


def may_break(word: str, total_pt: float, size_pt: float) -> bool:
    """Whether a word may break anywhere: a web or email address, or too long for any column."""
    return "://" in word or "www." in word or "@" in word or text_width_pt(word, size_pt) > total_pt * LONG_WORD_SHARE


def lines(spans: Sequence[Span], width_pt: float, size_pt: float) -> int:
    """How many lines one paragraph takes in a column ``width_pt`` wide (greedy wrapping)."""
    count, used = 1, 0.0
    space = text_width_pt(" ", size_pt)
    for word, bold in words([spans]):
        width = text_width_pt(word, size_pt, bold)
        if used and used + space + width > width_pt:
            count += 1
            used = 0.0
        if width > width_pt:  # a word that breaks
            count += int(width // width_pt)
            width = width % width_pt
        used += (space if used else 0.0) + width
    return count


def cell_height_pt(paragraphs: Paragraphs, width_pt: float, size_pt: float, after_pt: float) -> float:
    line = size_pt * LINE_FACTOR
    return sum(lines(spans, width_pt, size_pt) * line + after_pt for spans in paragraphs) or line

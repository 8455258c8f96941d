"""Column widths and row heights for the action tables, measured with Arial's real font metrics.

Every column is at least as wide as the longest word it holds (so no word breaks), and the rest of
the page width is shared by how much text each column holds. A word too long for any sensible column
(a long web address) is the only thing allowed to break. Row heights are estimated by wrapping each
cell's text the way Word does, so tall rows can be allowed to split across pages and short ones kept
whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sendplan.exporters.font_metrics import text_width_pt
from sendplan.exporters.ooxml import Span

Paragraphs = Sequence[Sequence[Span]]
LONG_WORD_SHARE = 0.2  # a word wider than this share of the text width may break (URLs)
SLACK_PT = 1.5  # rounding, and renderers that set text a touch wider than its advance widths
LINE_FACTOR = 1.15  # Arial's line height as a multiple of its size (ascent + descent + gap)
_BREAKS = (" ", "\n", "\t", "\u2009", "\u200b")


def words(paragraphs: Paragraphs) -> Iterator[tuple[str, bool]]:
    """Each word of the cell with whether it is bold (a word across a bold/plain boundary counts
    as bold: slightly wider, so safe). Words end only at spaces, tabs and line breaks."""
    for spans in paragraphs:
        current: list[str] = []
        bold = False
        for span in spans:
            for char in span.text:
                if char in _BREAKS:
                    if current:
                        yield "".join(current), bold
                    current, bold = [], False
                else:
                    current.append(char)
                    bold = bold or span.bold
        if current:
            yield "".join(current), bold


def longest_word_pt(paragraphs: Paragraphs, size_pt: float) -> float:
    return max((text_width_pt(word, size_pt, bold) for word, bold in words(paragraphs)), default=0.0)


def text_pt(paragraphs: Paragraphs, size_pt: float) -> float:
    """All the cell's text laid end to end: how much room it wants."""
    return sum(text_width_pt(span.text, size_pt, span.bold) for spans in paragraphs for span in spans)


def column_widths(columns: Sequence[Sequence[Paragraphs]], headers: Sequence[Paragraphs], total_pt: float,
                  size_pt: float, margin_pt: float) -> list[float]:
    """Widths (pt) summing to ``total_pt``: each at least its longest word plus the cell margins,
    the remainder shared in proportion to the text each column holds."""
    long_word = total_pt * LONG_WORD_SHARE
    padding = 2 * margin_pt + SLACK_PT
    minimum = []
    demand = []
    for cells, header in zip(columns, headers, strict=True):
        widest = max([longest_word_pt(header, size_pt)] + [longest_word_pt(c, size_pt) for c in cells])
        minimum.append(min(widest, long_word) + padding)
        demand.append(sum(text_pt(c, size_pt) for c in cells) + text_pt(header, size_pt) + 1.0)
    if sum(minimum) > total_pt:  # cannot all fit: shrink the widest floors first (words there may break)
        cap = max(minimum)
        while sum(min(m, cap) for m in minimum) > total_pt and cap > padding:
            cap -= 1
        minimum = [min(m, cap) for m in minimum]
    widths = [0.0] * len(minimum)
    fixed: set[int] = set()
    while True:  # share by demand; pin columns that fall below their floor and share again
        free = total_pt - sum(widths[i] for i in fixed)
        share = sum(d for i, d in enumerate(demand) if i not in fixed)
        for i, wanted in enumerate(demand):
            if i not in fixed:
                widths[i] = free * wanted / share
        short = [i for i in range(len(widths)) if i not in fixed and widths[i] < minimum[i]]
        if not short:
            break
        fixed.update(short)
        for i in short:
            widths[i] = minimum[i]
        if len(fixed) == len(widths):
            break
    return widths


def may_break(word_pt: float, total_pt: float) -> bool:
    """Whether a word is too long for any column, so a break inside it is allowed."""
    return word_pt > total_pt * LONG_WORD_SHARE


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

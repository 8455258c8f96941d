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

from sendplan.exporters.word.write.font_metrics import UNITS_PER_EM, text_units, text_width_pt
from sendplan.exporters.word.write.hyphens import SOFT_HYPHEN, soft_hyphens
from sendplan.exporters.word.write.wordml import Span

Paragraphs = Sequence[Sequence[Span]]
LONG_WORD_SHARE = 0.2  # a word wider than this share of the text width may break (URLs)
SLACK_PT = 1.5  # rounding, and renderers that set text a touch wider than its advance widths
CAPS_IN_CHARACTERS = (14, 12, 10)  # lower floors tried for wordy tables, in average characters
YARDSTICK_CAP = 8  # the shortest layout is judged against this floor, which reads too cramped to be used
LINE_FACTOR = 1.15  # Arial's line height as a multiple of its size (ascent + descent + gap)
_SEPARATORS = " \n\t\u2009\u200b"  # where words end
_SPLIT = re.compile(f"[{_SEPARATORS}]+")


def words(paragraphs: Paragraphs) -> Iterator[tuple[str, bool]]:
    """Each word of the cell with whether it is bold (a word across a bold/plain boundary counts
    as bold: slightly wider, so safe). Words end only at spaces, tabs and line breaks."""
    for spans in paragraphs:
        carry, carry_bold = "", False
        for span in spans:
            text = span.text
            parts = text.split(" ") if text.isprintable() else _SPLIT.split(text)  # the space is the only
            if len(parts) == 1:  # separator printable text can hold (its runs give empty parts, skipped)
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


class _Units(dict):  # type: ignore[type-arg]
    """Font units of each word, measured the first time it is asked for."""

    def __init__(self, bold: bool) -> None:
        super().__init__()
        self.bold = bold

    def __missing__(self, word: str) -> int:
        units = self[word] = text_units(word, self.bold)
        return units


class WordMeasure:
    """Words measured at one size, each once however often it occurs: :meth:`advance` (as
    :func:`text_width_pt`) and :meth:`__call__` (its :func:`word_pt`, :func:`word_pt` ``tight``,
    and whether it may not take a hyphen)."""

    def __init__(self, size_pt: float) -> None:
        self.size_pt = size_pt
        self.units = {False: _Units(False), True: _Units(True)}
        self._known: dict[tuple[str, bool], tuple[float, float, float, bool]] = {}
        self.space_units = text_units(" ")
        self._hyphenated: dict[tuple[str, bool, float], str] = {}

    def advance(self, word: str, bold: bool) -> float:
        return self.units[bold][word] * self.size_pt / UNITS_PER_EM

    def hyphenated(self, word: str, bold: bool, room_pt: float) -> str:
        """``word`` with soft hyphens so each piece fits ``room_pt`` (:func:`soft_hyphens`), worked out once."""
        key = (word, bold, room_pt)
        found = self._hyphenated.get(key)
        if found is None:
            size = self.size_pt

            def fits(piece: str) -> bool:
                return text_width_pt(piece, size, bold) <= room_pt
            found = self._hyphenated[key] = soft_hyphens(word, fits)
        return found

    def __call__(self, word: str, bold: bool) -> tuple[float, float, float, bool]:
        found = self._known.get((word, bold))
        if found is None:
            size = self.size_pt
            found = self._known[(word, bold)] = (self.advance(word, bold), word_pt(word, size, bold),
                                                 word_pt(word, size, bold, True), _unbreakable(word))
        return found


def advances(spans: Sequence[Span], measure: WordMeasure) -> list[float]:
    """The width of each word of one paragraph, in order (as :func:`words` gives them)."""
    size = measure.size_pt
    if len(spans) == 1 or not _joined(spans):
        widths: list[float] = []
        for span in spans:
            text = span.text
            if text.isprintable():  # the space is the only separator: split at C speed
                units = measure.units[span.bold]
                widths += [units[word] * size / UNITS_PER_EM for word in text.split()]
            else:
                widths += [measure.advance(word, bold) for word, bold in words([[span]])]
        return widths
    return [measure.advance(word, bold) for word, bold in words([spans])]


def _joined(spans: Sequence[Span]) -> bool:
    """Whether a word runs on from one span into the next (no space between them)."""
    before = ""
    for span in spans:
        text = span.text
        if not text:
            continue
        if before and before[-1] not in _SEPARATORS and text[0] not in _SEPARATORS:
            return True
        before = text
    return False


class ColumnText:
    """What :func:`column_widths` needs of one column's cells, gathered cell by cell: its words (to
    find the widest: whole, between hyphens, and of those that may not take a hyphen) and how much
    text each cell holds."""

    __slots__ = ("words", "demand", "_stats")

    def __init__(self) -> None:
        self.words: dict[bool, set[str]] = {False: set(), True: set()}
        self.demand: list[float] = []
        self._stats: tuple[float, float, float] | None = None

    def add(self, paragraphs: Paragraphs, measure: WordMeasure) -> None:
        """One cell: its words and, as :func:`text_pt` gives it, the room its text wants."""
        size = measure.size_pt
        widths = []
        for spans in paragraphs:
            if len(spans) > 1 and _joined(spans):
                for word, bold in words([spans]):
                    self.words[bold].add(word)
                widths += [text_width_pt(span.text, size, span.bold) for span in spans]
                continue
            for span in spans:
                text, bold = span.text, span.bold
                if text.isprintable():  # the only separator is the space: split at C speed
                    parts = text.split()
                    units = sum(map(measure.units[bold].__getitem__, parts)) + text.count(" ") * measure.space_units
                    widths.append(units * size / UNITS_PER_EM)
                else:
                    parts = _SPLIT.split(text)
                    widths.append(text_width_pt(text, size, bold))
                self.words[bold].update(parts)
        self.demand.append(sum(widths))
        self._stats = None

    def stats(self, measure: WordMeasure) -> tuple[float, float, float]:
        """(widest word, widest piece between hyphens, widest such piece of a word that may not take a
        hyphen), in points; 0 for a column without words."""
        if self._stats is None:
            plain = tight = hard = 0.0
            for bold, found in self.words.items():
                for word in found:
                    if not word:
                        continue
                    _, whole, narrow, unbreakable = measure(word, bold)
                    plain, tight = max(plain, whole), max(tight, narrow)
                    if unbreakable:
                        hard = max(hard, narrow)
            self._stats = (plain, tight, hard)
        return self._stats


def measure_columns(columns: Sequence[Sequence[Paragraphs]], measure: WordMeasure) -> list[ColumnText]:
    texts = []
    for cells in columns:
        text = ColumnText()
        for cell in cells:
            text.add(cell, measure)
        texts.append(text)
    return texts


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


def sample_rows(count: int, sample: int = 40) -> range:
    """The rows (of ``count``) whose heights judge a layout: an even sample of about ``sample``."""
    return range(0, count, max(1, count // sample))


class _Sample:
    """A sampled cell, measured once for all the layouts tried: each paragraph's word widths, and the
    narrowest column that holds it on one line (the widest step :func:`lines` compares)."""

    __slots__ = ("paragraphs",)

    def __init__(self, paragraphs: Paragraphs, measure: WordMeasure) -> None:
        space = text_width_pt(" ", measure.size_pt)
        self.paragraphs: list[tuple[list[float], float]] = []
        for spans in paragraphs:
            widths = advances(spans, measure)
            used = peak = 0.0
            for width in widths:
                if used:
                    peak = max(peak, used + space + width)
                peak = max(peak, width)
                used += (space if used else 0.0) + width
            self.paragraphs.append((widths, peak))

    def height(self, width_pt: float, size_pt: float, after_pt: float) -> float:
        """As :func:`cell_height_pt` gives it."""
        line = size_pt * LINE_FACTOR
        space = text_width_pt(" ", size_pt)
        return sum((1 if peak <= width_pt else _wrapped(widths, width_pt, space)) * line + after_pt
                   for widths, peak in self.paragraphs) or line


def _wrapped(widths: list[float], width_pt: float, space: float) -> int:
    """:func:`lines` for words already measured."""
    count, used = 1, 0.0
    for width in widths:
        if used and used + space + width > width_pt:
            count += 1
            used = 0.0
        if width > width_pt:  # a word that breaks
            count += int(width // width_pt)
            width = width % width_pt
        used += (space if used else 0.0) + width
    return count


def _table_height(rows: Sequence[Sequence[_Sample]], widths: list[float], size_pt: float, margin_pt: float) -> float:
    """The estimated height of the sampled rows."""
    return sum(max(cell.height(w - 2 * margin_pt, size_pt, 2.0) for cell, w in zip(row, widths, strict=True))
               for row in rows)


def column_widths(texts: Sequence[ColumnText], headers: Sequence[Paragraphs], total_pt: float, size_pt: float,
                  margin_pt: float, floors: Sequence[float] | None, samples: Sequence[Sequence[Paragraphs]],
                  measure: WordMeasure) -> list[float]:
    """Widths (pt) summing to ``total_pt``: each at least its longest word plus the cell margins,
    the remainder shared in proportion to the text each column holds (``texts``, one per column).
    When whole words cannot all fit, words may end a line at their hyphens. When the floors leave
    the wordiest columns too narrow (ten columns at 11 pt), lower floors are tried: :func:`hyphenate`
    then puts soft hyphens into the words that no longer fit. Of the layouts within a tenth of the
    shortest possible (columns of eight characters), judged by the heights of ``samples`` (rows of
    :func:`sample_rows`), the one with the fewest words hyphenated is taken, or else the shortest
    with columns of ten characters or more. Header words and ``floors`` (text to keep on one line,
    e.g. "1.1 (d)") stay whole."""
    padding = 2 * margin_pt + SLACK_PT
    long_word = total_pt * LONG_WORD_SHARE
    floors = floors or [0.0] * len(texts)
    stats = [text.stats(measure) for text in texts]
    hard = [max(_header_floor(header, measure), stat[2], floor) + padding
            for stat, header, floor in zip(stats, headers, floors, strict=True)]
    whole = [max(h, min(stat[0], long_word) + padding) for stat, h in zip(stats, hard, strict=True)]
    if sum(whole) > total_pt:
        whole = [max(h, min(stat[1], long_word) + padding) for stat, h in zip(stats, hard, strict=True)]
    demand = [sum(text.demand) + text_pt(header, size_pt) + 1.0 for text, header in zip(texts, headers, strict=True)]
    choices = [_share(_within(whole, total_pt, padding), demand, total_pt)]
    if not samples:
        return choices[0]
    for chars in (*CAPS_IN_CHARACTERS, YARDSTICK_CAP):
        cap = chars * size_pt * 0.55 + padding
        choices.append(_share(_within([max(h, min(w, cap)) for h, w in zip(hard, whole, strict=True)], total_pt,
                                      padding), demand, total_pt))
    if all(widths == choices[0] for widths in choices):
        return choices[0]  # every floor tried gives the same widths
    measured = [[_Sample(cell, measure) for cell in row] for row in samples]
    known: dict[tuple[float, ...], float] = {}  # a layout tried twice is measured once
    heights = []
    for widths in choices:
        key = tuple(widths)
        if key not in known:
            known[key] = _table_height(measured, widths, size_pt, margin_pt)
        heights.append(known[key])
    shortest = min(heights)
    usable = list(zip(choices[:-1], heights[:-1], strict=True))
    return next((widths for widths, height in usable if height <= shortest * 1.1),
                min(usable, key=lambda choice: choice[1])[0])


def _header_floor(header: Paragraphs, measure: WordMeasure) -> float:
    return max((measure(word, bold)[1] for word, bold in words(header)), default=0.0)


def too_wide(text: ColumnText, room_pt: float, total_pt: float, measure: WordMeasure) -> frozenset[str]:
    """The column's words too wide for ``room_pt`` that :func:`hyphenate` would break (no web addresses)."""
    return frozenset(word for bold, found in text.words.items() for word in found
                     if word and measure(word, bold)[2] > room_pt and not may_break(word, total_pt, measure.size_pt))


def may_need_hyphens(paragraphs: Paragraphs, candidates: frozenset[str]) -> bool:
    """Whether any word of the cell is one of ``candidates`` (:func:`too_wide`): only then can
    :func:`hyphenate` change it."""
    for spans in paragraphs:
        text = "".join(span.text for span in spans)  # words run on across spans, as :func:`words` reads them
        parts = text.split() if text.isprintable() else _SPLIT.split(text)
        if any(map(candidates.__contains__, parts)):
            return True
    return False


def hyphenate(paragraphs: Paragraphs, room_pt: float, size_pt: float, total_pt: float,
              measure: WordMeasure) -> list[list[Span]]:
    """The cell with soft hyphens in every word (other than a web address) too wide for ``room_pt``."""
    too_wide = {word for word, bold in words(paragraphs)
                if measure(word, bold)[2] > room_pt and not may_break(word, total_pt, size_pt)}
    if not too_wide:
        return [list(spans) for spans in paragraphs]
    result = []
    for spans in paragraphs:
        fixed = []
        for span in spans:
            text = " ".join(measure.hyphenated(w, span.bold, room_pt) if w in too_wide else w
                            for w in span.text.split(" "))
            fixed.append(Span(text, bold=span.bold, italic=span.italic, strike=span.strike, colour=span.colour,
                              half_points=span.half_points))
        result.append(fixed)
    return result


def may_break(word: str, total_pt: float, size_pt: float) -> bool:
    """Whether a word may break anywhere: a web or email address, or too long for any column."""
    return "://" in word or "www." in word or "@" in word or text_width_pt(word, size_pt) > total_pt * LONG_WORD_SHARE


def lines(spans: Sequence[Span], width_pt: float, size_pt: float, measure: WordMeasure | None = None) -> int:
    """How many lines one paragraph takes in a column ``width_pt`` wide (greedy wrapping)."""
    widths = advances(spans, measure) if measure is not None else [text_width_pt(word, size_pt, bold)
                                                                     for word, bold in words([spans])]
    return _wrapped(widths, width_pt, text_width_pt(" ", size_pt))


def cell_height_pt(paragraphs: Paragraphs, width_pt: float, size_pt: float, after_pt: float,
                   measure: WordMeasure | None = None) -> float:
    line = size_pt * LINE_FACTOR
    return sum(lines(spans, width_pt, size_pt, measure) * line + after_pt for spans in paragraphs) or line

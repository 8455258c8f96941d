"""Turn a PDF's positioned words and ruling lines into the paragraphs of a report, in reading order.

Running headers and footers (the same text in the top or bottom margin of several pages) and page
numbers go. Tables come from their ruling lines: two ruled lines of the same width bound a row, and the
vertical rules crossing it split it into cells, so a two-column table is read cell by cell, never
straight across. In each cell, and in the text outside tables, lines become paragraphs where the
vertical gap is wider than the line pitch, where a bullet starts a list item, where a list ends, or
where the weight or size of the type changes; a paragraph carries on over a page break when its first
line on the new page continues the sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from sendplan.exporters.report.pdf import Page, Word
from sendplan.exporters.report.text import BULLETS, Hyphenation, KeepHyphen, Line, Para, continues, join_lines

MARGIN = 0.1  # top and bottom tenth of a page: where running headers and footers live
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_ROW_MIN = 6.0  # points: two rules closer than this are one border drawn twice
Breaks = Callable[[str], str]


@dataclass
class _Line:
    """Words on one baseline within one region (a cell, or the text outside tables)."""

    page: int
    y: float
    words: list[Word]
    width: float
    height: float

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def size(self) -> float:
        return Counter(w.size for w in self.words).most_common(1)[0][0]

    @cached_property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)

    def segments(self) -> list[tuple[float, str]]:
        """The line's runs of text split where a gap wider than three letters leaves a column."""
        runs: list[tuple[float, list[str]]] = []
        end = -1e9
        for word in self.words:
            if not runs or word.x0 - end > 3 * max(word.size, 1):
                runs.append((word.x0, []))
            runs[-1][1].append(word.text)
            end = word.x1
        return [(x, " ".join(texts)) for x, texts in runs]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Row:
    page: int
    top: float
    cells: list[list[_Line]] = field(default_factory=list)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _baselines(words: list[Word], page: Page) -> list[_Line]:
    """Words grouped into lines by baseline, each line left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.y, w.x0)):
        line = lines[-1] if lines else None
        if line is not None and abs(word.y - line.y) <= 0.35 * max(word.size, line.words[0].size, 1):
            line.words.append(word)
        else:
            lines.append(_Line(page.number, word.y, [word], page.width, page.height))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def furniture(pages: list[Page]) -> set[tuple[int, float]]:
    """(page, baseline) of running headers, footers and page numbers: lines in the top or bottom margin
    whose text (digits aside) recurs on at least two pages, or that are only a page number."""
    seen: dict[str, set[int]] = {}
    margins: list[tuple[int, float, str]] = []
    for page in pages:
        for line in _baselines(page.words, page):
            if line.y < page.height * MARGIN or line.y > page.height * (1 - MARGIN):
                margins.append((page.number, line.y, line.text))
                seen.setdefault(_key(line.text), set()).add(page.number)
    return {(number, y) for number, y, text in margins
            if len(seen[_key(text)]) >= 2 or _PAGE_NUMBER.match(text.strip())}


def _merge(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear ruling segments that touch, joined: (position, start, end)."""
    merged: list[list[float]] = []
    for position, start, end in sorted(rules):
        last = merged[-1] if merged else None
        if last is not None and abs(position - last[0]) <= 1.5 and start <= last[2] + 3:
            last[2] = max(last[2], end)
        else:
            merged.append([position, start, end])
    return [(a, b, c) for a, b, c in merged if c - b >= 30]


def _bands(page: Page) -> list[tuple[float, float, float, float, list[float]]]:
    """Table rows on the page: (top, bottom, left, right, inner column edges), top to bottom.

    A row lies between two horizontal rules of the same extent with no rule of that extent between
    them; vertical rules that cross it split it into cells. Underlines never pair up: no other rule
    has their extent."""
    by_extent: dict[tuple[int, int], list[float]] = {}
    for y, x0, x1 in _merge(page.hrules):
        key = next((k for k in by_extent if abs(k[0] - x0) <= 4 and abs(k[1] - x1) <= 4), (round(x0), round(x1)))
        by_extent.setdefault(key, []).append(y)
    verticals = _merge(page.vrules)
    bands = []
    for (left, right), ys in by_extent.items():
        ys = sorted(ys)
        for top, bottom in zip(ys, ys[1:], strict=False):
            if bottom - top < _ROW_MIN:
                continue
            inner = sorted(x for x, y0, y1 in verticals
                           if left + 4 < x < right - 4 and y0 <= top + 3 and y1 >= bottom - 3)
            bands.append((top, bottom, float(left), float(right), inner))
    bands.sort()
    return [band for index, band in enumerate(bands)  # a band inside another (a nested table) is not a row
            if not any(o[0] <= band[0] and o[1] >= band[1] and o[2] <= band[2] - 2 and o[3] >= band[3] + 2
                       for other, o in enumerate(bands) if other != index)]


def _page_items(page: Page, dropped: set[tuple[int, float]]) -> list[_Line | _Row]:
    """The page's free lines and table rows, top to bottom."""
    bands = _bands(page)
    cells: list[list[list[Word]]] = [[[] for _ in range(len(inner) + 1)] for *_, inner in bands]
    free: list[Word] = []
    for word in page.words:
        middle = (word.x0 + word.x1) / 2
        target = next((i for i, (top, bottom, left, right, _) in enumerate(bands)
                       if top < word.y - word.size * 0.3 < bottom and left <= middle <= right), -1)
        if target < 0:
            free.append(word)
        else:
            inner = bands[target][4]
            cells[target][sum(middle > edge for edge in inner)].append(word)
    items: list[_Line | _Row] = [line for line in _baselines(free, page)
                                 if (page.number, line.y) not in dropped]
    for index, (top, *_rest) in enumerate(bands):
        if any(cells[index]):
            items.append(_Row(page.number, top, [_baselines(words, page) for words in cells[index]]))
    items.sort(key=lambda item: item.top if isinstance(item, _Row) else item.y - item.size)
    return items


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between the baselines of two lines of one paragraph, for each size of type."""
    gaps = [b.y - a.y for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and 0 < b.y - a.y < 2.2 * a.size and abs(a.size - b.size) < 0.6]
    if not gaps:
        return 0.0
    common = Counter(round(gap, 0) for gap in gaps).most_common()
    recurring = [gap for gap, count in common if count >= 2] or [gap for gap, _ in common]
    return float(min(recurring))


def _bullet(line: _Line) -> bool:
    first = line.words[0].text
    return len(first) == 1 and first in BULLETS and len(line.words) > 1 or (
        first[:1] in BULLETS and first[:1] not in "-*–" and len(first) > 1 and not first[1].isalnum())


def _paragraphs(lines: list[_Line], pitches: dict[float, float], breaks: Breaks) -> list[tuple[list[_Line], bool]]:
    """Lines of one region (in order, possibly over several pages) grouped into paragraphs."""
    groups: list[tuple[list[_Line], bool]] = []
    item_x = None  # where the text of the current list item starts
    for line in lines:
        if len(line.words) == 1 and line.words[0].text in BULLETS:
            continue  # an empty list item
        bullet = _bullet(line)
        if not groups:
            groups.append(([line], bullet))
            item_x = line.words[1].x0 if bullet else None
            continue
        group, in_list = groups[-1]
        previous = group[-1]
        usual = pitches.get(previous.size) or previous.size * 1.2
        gap = line.y - previous.y
        heading = breaks(line.text) != "" or breaks(previous.text) == "alone"
        changed = abs(line.size - previous.size) > 0.6 or line.bold != previous.bold
        list_ends = in_list and item_x is not None and line.x0 < item_x - 0.8 * line.size
        if line.page != previous.page:
            new = bullet or heading or list_ends or not continues([p.text for p in group], line.text)
        else:
            new = bullet or heading or changed or list_ends or gap > usual * 1.25 or gap < 0
        if new:
            groups.append(([line], bullet))
            item_x = line.words[1].x0 if bullet else (None if not in_list or list_ends else item_x)
        else:
            group.append(line)
    return groups


def _texts(group: list[_Line], bullet: bool) -> list[str]:
    texts = [line.text for line in group]
    if bullet:
        texts[0] = " ".join(w.text for w in group[0].words[1:])
    return texts


def _para(group: list[_Line], bullet: bool, cell: tuple[int, int, int, int] | None, keep_hyphen: KeepHyphen) -> Para:
    lines = [Line(page=line.page, y=-line.y, size=line.size, cells=tuple(line.segments()), width=line.width,
                  height=line.height) for line in group]
    return Para(join_lines(_texts(group, bullet), keep_hyphen), lines, bullet,
                bold=all(line.bold for line in group), page=group[0].page, cell=cell)


def paragraphs_from_pages(pages: list[Page], breaks: Breaks) -> tuple[list[Para], Hyphenation]:
    """The report's paragraphs in reading order (a table cell's paragraphs carry the cell's position), and
    the document's hyphenation as judged from its own line ends."""
    dropped = furniture(pages)
    items = [item for page in pages for item in _page_items(page, dropped)]
    every_line = [line for item in items for line in (
        [line for cell in item.cells for line in cell] if isinstance(item, _Row) else [item])]
    pitches = {size: _pitch([line for line in every_line if line.size == size])
               for size in {line.size for line in every_line}}
    groups: list[tuple[list[_Line], bool, tuple[int, int, int, int] | None]] = []
    free: list[_Line] = []
    table = row_number = 0

    def flush() -> None:
        groups.extend((group, bullet, None) for group, bullet in _paragraphs(free, pitches, breaks))
        free.clear()

    after_row = False
    for item in items:
        if isinstance(item, _Line):
            free.append(item)
            after_row = False
            continue
        flush()
        if not after_row:
            table += 1
            row_number = 0
        row_number += 1
        after_row = True
        for column, lines in enumerate(item.cells):
            groups.extend((group, bullet, (table, row_number, column, len(item.cells)))
                          for group, bullet in _paragraphs(lines, pitches, breaks))
    flush()
    hyphenation = Hyphenation(_texts(group, bullet) for group, bullet, _ in groups)
    return [_para(group, bullet, cell, hyphenation.keep) for group, bullet, cell in groups], hyphenation

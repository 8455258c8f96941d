"""Paragraphs of a report pasted as text: a PDF viewer's copy, pdftotext's (plain, ``-layout`` or
``-raw``), or a .txt file.

Text keeps no positions, so what the PDF reader takes from the page is read from the text itself:
- page breaks are form feeds (pdftotext puts them in; a viewer's copy has none);
- running headers and footers go: lines that (digits aside) recur at the page breaks, or, in a copy
  without page breaks, recur through the text a page or so apart; page numbers go too;
- paragraphs are set apart by blank lines or, in a copy without them, by a line that ends a sentence
  short of the width the lines around it wrap at (narrow in a table's column, wide in the body text);
  a line carrying on in lower case never starts one; an unwrapped text has a paragraph a line;
- the report's title ("Area SEND inspection of …") wrapped over several lines is one line;
- tables: see :mod:`text_tables` (columns kept apart by spaces are read as cells; the responsible
  bodies of a copy without columns become paragraphs of their own, marked as names).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from sendplan.exporters.report.text import BULLETS, Hyphenation, Line, Para, _strip_bullet, continues, join_lines
from sendplan.exporters.report.text_tables import (
    body_runs,
    cells,
    is_header,
    laid_out_table,
    table_header,
    table_paragraphs,
)

from sendplan.text import clean_text

TITLE = "area send inspection of "
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+|[A-Za-z]{6,}")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_MARGIN_LINES = 3  # lines at the top and bottom of a page where running headers and footers live
_PAGE_APART = 20  # lines: a running header or footer in a copy without page breaks recurs at least this far apart
_WINDOW = 6  # lines either side that show the width a line was wrapped at
Breaks = Callable[[str], str]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def split_pages(text: str) -> tuple[list[str], list[int]]:
    """The text's lines (tabs as spaces, trailing spaces gone) and the page of each (form feeds end pages)."""
    raw: list[str] = []
    pages: list[int] = []
    for page, chunk in enumerate(text.split("\f"), start=1):
        lines = clean_text(chunk).split("\n")
        raw += [line.replace("\t", "    ").rstrip() for line in lines]
        pages += [page] * len(lines)
    return raw, pages


def running_lines(raw: list[str], pages: list[int], breaks: Breaks) -> set[int]:
    """Line numbers of page numbers and running headers and footers.

    With page breaks: a line among the first or last few of a page whose text (digits aside) is among
    them on half the pages or more (two at least), and hardly anywhere else. Without: a line whose text
    recurs three times or more, mostly a page's worth of lines apart. Either way, a line that recurs
    beside page numbers, and hardly anywhere else. A heading is never furniture."""
    filled = [n for n, line in enumerate(raw) if line.strip()]
    keys = {n: _furniture_key(raw[n]) for n in filled}
    kept = {n for n in filled if breaks(raw[n].strip()) == "alone" or is_header(raw[n].strip())
            or table_header(raw[n]) is not None}
    dropped = {n for n in filled if _PAGE_NUMBER.match(raw[n].strip())}
    by_page: dict[int, list[int]] = {}
    for n in filled:
        by_page.setdefault(pages[n], []).append(n)
    if len(by_page) > 1:
        margins = {page: lines[:_MARGIN_LINES] + lines[-_MARGIN_LINES:] for page, lines in by_page.items()}
        seen: dict[str, set[int]] = {}
        for page, lines in margins.items():
            for n in lines:
                seen.setdefault(keys[n], set()).add(page)
        often = max(2, (len(by_page) + 1) // 2)  # a running header is on most pages, a name in a table on few
        everywhere = Counter(keys.values())
        in_margins = Counter(keys[n] for lines in margins.values() for n in set(lines))
        dropped |= {n for lines in margins.values() for n in lines if len(seen[keys[n]]) >= often
                    and in_margins[keys[n]] * 5 >= everywhere[keys[n]] * 4}  # and hardly anywhere else
    else:
        places: dict[str, list[int]] = {}
        for position, n in enumerate(filled):
            places.setdefault(keys[n], []).append(position)
        for positions in places.values():
            apart = sum(b - a >= _PAGE_APART for a, b in zip(positions, positions[1:], strict=False))
            if len(positions) >= 3 and apart * 3 >= (len(positions) - 1) * 2:  # short last pages aside
                dropped |= {filled[p] for p in positions}
    counts = Counter(keys.values())
    beside = [n for position, n in enumerate(filled)
              if any(_PAGE_NUMBER.match(raw[m].strip()) for m in filled[max(0, position - 1):position + 2] if m != n)]
    by_number = Counter(keys[n] for n in beside)
    dropped |= {n for n in beside if by_number[keys[n]] >= 2 and by_number[keys[n]] * 5 >= counts[keys[n]] * 4}
    return dropped - kept


def _title_end(raw: list[str], number: int) -> int:
    """The line after the report's title when it starts on line ``number`` and wraps onto the next lines
    (up to the line ending "Partnership"); ``number`` when it is not the title or fits on one line."""
    text = " ".join(raw[number].lower().split())
    if not f"{text} ".startswith(TITLE) or text.endswith("partnership"):
        return number
    for end in range(number + 1, min(number + 3, len(raw))):
        words = raw[end].split()
        if not words or len(words) > 5:
            return number
        if raw[end].strip().lower().endswith("partnership"):
            return end + 1
    return number


def _wrap_width(lines: list[str]) -> float:
    """The width (in characters) the text was wrapped at: the 90th percentile of its line lengths."""
    lengths = sorted(len(line) for line in lines)
    return float(lengths[int(len(lengths) * 0.9)]) if lengths else 80.0


def _local_widths(filled: list[tuple[int, str]], breaks: Breaks) -> dict[int, float]:
    """For each line, the width the lines around it wrap at (within its section): a table's narrow column
    wraps shorter than the text around it."""
    widths: dict[int, float] = {}
    for position, (number, _) in enumerate(filled):
        longest = 0
        for step in (-1, 1):
            for other in range(position, position + step * (_WINDOW + 1), step):
                if not 0 <= other < len(filled) or (other != position and breaks(filled[other][1]) == "alone"):
                    break
                longest = max(longest, len(filled[other][1]))
        widths[number] = float(longest)
    return widths


def _wrapped_blocks(filled: list[tuple[int, str]]) -> set[int]:
    """Lines of blocks (lines with no blank line between) that were wrapped at a width, as a table's
    rows laid out one under another are: three lines or more, most of them near the longest. In such a
    block a line that ends a sentence short of the width ends its paragraph, even where blank lines set
    the other paragraphs apart."""
    wrapped: set[int] = set()
    blocks: list[list[tuple[int, str]]] = []
    for number, line in filled:
        if blocks and number == blocks[-1][-1][0] + 1:
            blocks[-1].append((number, line))
        else:
            blocks.append([(number, line)])
    for block in blocks:
        longest = max(len(line) for _, line in block)
        full = sum(len(line) >= 0.85 * longest for _, line in block[:-1])
        if len(block) >= 3 and full * 2 >= len(block) - 1:
            wrapped |= {number for number, _ in block}
    return wrapped


def _stops_short(line: str, following: str, width: float) -> bool:
    """Whether ``line`` ends a sentence and stops short of the wrap width: the next line's first word
    would have fitted on it, so the next line starts a new paragraph."""
    words = following.split()
    return (bool(words) and line.endswith((".", "!", "?", ":", "”", ")")) and not following[:1].islower()
            and len(line) + 1 + len(words[0]) <= width)


def _packed(filled: list[tuple[int, str]], width: float) -> bool:
    """Whether paragraphs follow one another without blank lines, as text copied from a PDF viewer (or
    pdftotext) comes: more lines stop short with text straight after them than end a sentence before a
    blank line."""
    joined = apart = 0
    for (a, line), (b, following) in zip(filled, filled[1:], strict=False):
        if b == a + 1 and _stops_short(line, following, width):
            joined += 1
        elif b > a + 1 and _stops_short(line, following, float("inf")):
            apart += 1  # a sentence ending before a blank line: paragraphs are set apart
    return joined > apart


def _lone_bullet(text: str) -> bool:
    return len(text) == 1 and text in BULLETS


class _Reader:
    """Groups the lines of pasted text into paragraphs, in one pass."""

    def __init__(self, raw: list[str], pages: list[int], breaks: Breaks) -> None:
        self.raw, self.pages, self.breaks = raw, pages, breaks
        self.dropped = running_lines(raw, pages, breaks)
        self.filled = [(n, line.strip()) for n, line in enumerate(raw)
                       if line.strip() and n not in self.dropped and not _lone_bullet(line.strip())]
        self.width = _wrap_width([line for _, line in self.filled])
        self.widths = _local_widths(self.filled, breaks)
        self.wrapped = _wrapped_blocks(self.filled)
        self.unwrapped = self.width > 150
        self.packed = not self.unwrapped and _packed(self.filled, self.width)
        self.hyphenation = Hyphenation([[line for _, line in self.filled]])
        self.paras: list[Para] = []
        self.current: list[Line] = []
        self.starts_bullet = False
        self.tables = 0

    def _line(self, number: int) -> Line:
        """Line ``number`` as a positioned line (one "point" a character, lines going down)."""
        return Line(page=self.pages[number], y=-float(number), size=11.0, cells=cells(self.raw[number]),
                    width=max(self.width, 1.0), height=1e9)

    def flush(self) -> None:
        if self.current:
            texts = [_strip_bullet(line.text)[0] for line in self.current]
            bullet = self.starts_bullet or _strip_bullet(self.current[0].text)[1]
            self.paras.append(Para(join_lines(texts, self.hyphenation.keep), list(self.current), bullet,
                                   page=self.current[0].page))
            self.current.clear()

    def _own(self, start: int, end: int, named: bool = False) -> None:
        """Lines ``start`` to ``end`` (not counting dropped ones) as a paragraph of their own."""
        self.flush()
        lines = [self._line(n) for n in range(start, end) if self.raw[n].strip() and n not in self.dropped]
        text = join_lines([line.text for line in lines], self.hyphenation.keep)
        self.paras.append(Para(text.rstrip(".") if named else text, lines, page=lines[0].page, named=named))

    def read(self) -> list[Para]:
        raw, breaks = self.raw, self.breaks
        runs = body_runs(raw, self.pages, self.dropped, breaks)
        gap = False
        pending_bullets = 0
        after_bullet = False
        previous = ""
        heading_tail = -1
        number = 0
        while number < len(raw):
            stripped = raw[number].strip()
            if number in self.dropped or not stripped:
                gap = gap or not stripped
                number += 1
                continue
            if table_header(raw[number]) is not None:
                self.flush()
                end, kind, rows = laid_out_table(raw, self.pages, number, self.dropped, breaks)
                self.tables += 1
                self.paras += table_paragraphs(rows, kind, self.tables, self.hyphenation.keep)
                number, gap, previous = end, True, ""
                continue
            end = runs.get(number) or _title_end(raw, number)
            if end < 0:  # a body's name, then its area's first words, on one line
                self.flush()
                self.paras.append(Para(stripped[:-end].strip(), [self._line(number)], page=self.pages[number],
                                       named=True))
                self.current.append(Line(self.pages[number], -float(number), 11.0, ((0.0, stripped[-end:]),)))
                number, gap, previous = number + 1, False, stripped[-end:]
                continue
            if end > number:  # a responsible body's name, or the title wrapped over several lines
                self._own(number, end, named=number in runs)
                number, gap, previous = end, False, ""
                continue
            if _lone_bullet(stripped):
                self.flush()
                # bullets in a column of their own mark the items after them, one each; a bullet after an
                # item starts afresh (a bullet left over from before it marked nothing)
                pending_bullets = (pending_bullets if after_bullet else 0) + 1
                after_bullet = True
                number += 1
                continue
            kind = breaks(stripped) or ("alone" if is_header(stripped) else "")
            following = raw[number + 1].strip() if number + 1 < len(raw) else ""
            if number == heading_tail:
                self.current.append(self._line(number))
                self.flush()
                gap = False
                number += 1
                continue
            if not kind and following and breaks(f"{stripped} {following}") == "alone":
                heading_tail = number + 1  # a heading wrapped over two lines
                self.flush()
            width = self.widths.get(number, self.width)
            carries_on = bool(self.current) and continues([line.text for line in self.current], stripped)
            ends = self.current and not gap and (
                (self.unwrapped and not stripped[:1].islower())
                or ((self.packed or number in self.wrapped) and (_stops_short(previous, stripped, width)
                                     or _stops_short(f"{previous}.", stripped, width * 0.8))))
            if _strip_bullet(stripped)[1] or kind or (gap and (not carries_on or pending_bullets > 0)) or ends:
                self.flush()
            if not self.current:
                self.starts_bullet = pending_bullets > 0
                pending_bullets = max(0, pending_bullets - 1)
                after_bullet = False
            gap = False
            previous = stripped
            self.current.append(self._line(number))
            if kind == "alone":
                self.flush()
            number += 1
        self.flush()
        return self.paras


def _restore_hyphens(paras: list[Para], raw: list[str]) -> None:
    """Put back a hyphen a copy took out at a line's end ("Stoke-on-/Trent" → "Stoke-onTrent", as plain
    pdftotext joins lines): a word found once, the same letters as a hyphenated word the text uses at
    least twice elsewhere (in a running header, say), takes that word's form."""
    words = Counter(word for line in raw for word in _WORD.findall(line))
    hyphenated = {word.replace("-", "").lower(): word for word, count in words.items() if "-" in word and count >= 2}
    for para in paras:
        def fix(match: re.Match[str]) -> str:
            word = match[0]
            known = hyphenated.get(word.replace("-", "").lower())
            return known if known and known != word and words[word] == 1 else word

        para.text = _WORD.sub(fix, para.text)


def paragraphs_from_text(text: str, breaks: Breaks | None = None) -> tuple[list[Para], Hyphenation]:
    """Paragraphs of pasted text, and the hyphenation judged from its line ends (see the module's notes).

    Bullets on lines of their own (as pdftotext puts them, before the items) mark the paragraphs that
    follow; a heading wrapped over two lines is still a heading."""
    raw, pages = split_pages(text)
    reader = _Reader(raw, pages, breaks or (lambda _: ""))
    paras = reader.read()
    _restore_hyphens(paras, raw)
    return paras, reader.hyphenation

"""Turn positioned lines (from a PDF), pasted text or a Word body into the paragraphs of a report.

Lines are re-joined into paragraphs using the vertical gaps between them; a bullet or a change of
font size starts a new paragraph; hyphenation at line ends is undone; running headers, footers and
page numbers (lines that repeat at the top or bottom of the pages) are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sendplan.text import clean_text

BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u2013*-"
_WEAK_BULLETS = "\u2013*\u00b7-"
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", "”", "’", ")")
MARGIN = 0.1  # top and bottom tenth of a page: where running headers and footers live


@dataclass(frozen=True)
class Line:
    """One line of text on a page: its baseline (PDF units, up is larger), font size and pieces.

    ``cells`` are the runs of text left to right, split where a wide horizontal gap separates them
    (the columns of a table); ``width`` is the page's width.
    """

    page: int
    y: float
    size: float
    cells: tuple[tuple[float, str], ...]
    width: float = 600.0
    height: float = 800.0

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.cells).strip()


@dataclass
class Para:
    """A paragraph of the report, with the lines it was made from (for tables laid out in columns)."""

    text: str
    lines: list[Line] = field(default_factory=list)
    bullet: bool = False


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def drop_furniture(lines: list[Line]) -> list[Line]:
    """Lines without running headers, footers and page numbers.

    A line in the top or bottom margin is furniture when the same text (digits aside) appears in a
    margin of at least two pages, or when it is only a page number.
    """
    def in_margin(line: Line) -> bool:
        return line.y > line.height * (1 - MARGIN) or line.y < line.height * MARGIN

    pages_with: dict[str, set[int]] = {}
    for line in lines:
        if in_margin(line):
            pages_with.setdefault(_furniture_key(line.text), set()).add(line.page)
    repeated = {key for key, seen in pages_with.items() if len(seen) >= 2}
    return [line for line in lines
            if not (in_margin(line) and (_furniture_key(line.text) in repeated or _PAGE_NUMBER.match(line.text)))]


def _strip_bullet(text: str) -> tuple[str, bool]:
    """(text without its bullet, whether it had one). A dash or star counts only when a space follows."""
    stripped = text.lstrip()
    first = stripped[:1]
    if first and first in BULLETS and (first not in _WEAK_BULLETS or stripped[1:2] in (" ", "\t", "\u00a0")):
        return stripped[1:].strip(), True
    return text.strip(), False


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Lines of one paragraph as one string, hyphenation at line ends undone.

    A soft hyphen at a line end always goes; a hard hyphen goes only when the joined word appears
    elsewhere in the document without it ("reme-/dy" when "remedy" is used elsewhere), so compound
    words broken at their hyphen ("decision-/making") keep it.
    """
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("\u00ad"):
            text = text[:-1] + line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            head = re.findall(r"[A-Za-z]+$", text[:-1])
            tail = re.findall(r"^[a-z]+", line)
            joined = (head[0] + tail[0]).lower() if head and tail else ""
            text = text[:-1] + line if vocabulary and joined in vocabulary else text + line
        else:
            text = f"{text} {line}"
    return " ".join(text.replace("\u00ad", "").split(" ")).strip()


def _vocabulary(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text)}


def paragraphs_from_lines(lines: list[Line], breaks: Callable[[str], str] | None = None) -> list[Para]:
    """Group positioned lines into paragraphs by the vertical gaps between them.

    ``breaks`` tells which lines start a paragraph even without a gap before them ("start") and which
    are a paragraph of their own ("alone", a known heading).
    """
    lines = drop_furniture(lines)
    vocabulary = _vocabulary([line.text for line in lines])
    pitches = Counter(round(a.y - b.y) for a, b in zip(lines, lines[1:], strict=False)
                      if a.page == b.page and 0 < a.y - b.y < 3 * max(a.size, b.size))
    # the line pitch is the smallest gap that recurs (in a short report the gaps between paragraphs
    # can outnumber the gaps between the lines of one)
    recurring = [gap for gap, count in pitches.items() if count >= 2] or list(pitches)
    groups: list[tuple[list[Line], bool]] = []
    previous: Line | None = None
    for line in lines:
        text, bullet = _strip_bullet(line.text)
        if not text:
            continue
        if previous is None or not groups:
            groups.append(([line], bullet))
            previous = line
            continue
        pitch = max(min(recurring) if recurring else line.size * 1.2, 1)
        if pitch > line.size * 1.6:  # no two lines sit as close as single spacing: every gap is a paragraph's
            pitch = line.size * 1.2
        gap = previous.y - line.y
        new_page = line.page != previous.page
        size_change = abs(line.size - previous.size) > 0.6
        heading = _kind(text, breaks) != "" or _kind(previous.text, breaks) == "alone"
        if bullet or size_change or heading or (not new_page and (gap > pitch * 1.35 or gap < 0)):
            groups.append(([line], bullet))
        elif new_page and not _continues(groups[-1][0], text):
            groups.append(([line], bullet))
        else:
            groups[-1][0].append(line)
        previous = line
    paras = []
    for group, bullet in groups:
        texts = [_strip_bullet(line.text)[0] for line in group]
        paras.append(Para(join_lines(texts, vocabulary), group, bullet))
    return paras


def _kind(text: str, breaks: Callable[[str], str] | None) -> str:
    return breaks(text) if breaks is not None else ""


def _continues(group: list[Line], first_text: str) -> bool:
    """Whether the first line of a page carries on the paragraph that ended the page before."""
    last = group[-1].text.rstrip()
    return first_text[:1].islower() or (len(group) >= 2 and not last.endswith(_TERMINAL))


def _text_furniture(raw: list[str]) -> set[int]:
    """Line numbers of page numbers, and of repeated lines next to one (a running header or footer)."""
    counts = Counter(_furniture_key(line) for line in raw if line.strip())
    filled = [n for n, line in enumerate(raw) if line.strip()]
    numbers = {n for n in filled if _PAGE_NUMBER.match(raw[n].strip())}
    dropped = set(numbers)
    for position, n in enumerate(filled):
        neighbours = filled[max(0, position - 1):position] + filled[position + 1:position + 2]
        if counts[_furniture_key(raw[n])] >= 2 and any(m in numbers for m in neighbours):
            dropped.add(n)
    return dropped


def _wrap_width(lines: list[str]) -> float:
    """The width (in characters) the text was wrapped at: the 90th percentile of its line lengths."""
    lengths = sorted(len(line) for line in lines)
    return float(lengths[int(len(lengths) * 0.9)]) if lengths else 80.0


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


def _text_line(number: int, cells: tuple[tuple[float, str], ...], width: float) -> Line:
    """Line ``number`` of pasted text as a positioned line (one "point" a character, lines going down)."""
    return Line(page=1, y=-float(number), size=11.0, cells=cells, width=max(width, 1.0), height=1e9)


def _lone_bullet(text: str) -> bool:
    return len(text) == 1 and text in BULLETS


def paragraphs_from_text(text: str, breaks: Callable[[str], str] | None = None) -> list[Para]:
    """Paragraphs of pasted text: blank lines separate them (unless the next line carries on in lower
    case); bullets, page numbers and running headers or footers go.

    Text copied from a PDF viewer often has no blank lines between paragraphs: then a line that ends a
    sentence short of the wrap width ends its paragraph (any line, well short of it: a heading, an
    address). Text that was never wrapped (one paragraph a line, as from a web page) has a paragraph
    on each line. A heading wrapped over two lines is still a heading. Bullets on lines of their own
    (as pdftotext puts them, before the items) mark the paragraphs that follow. Columns laid out with
    tabs or runs of spaces become a line's cells (as a PDF's table would).
    """
    raw = clean_text(text).split("\n")
    dropped = _text_furniture(raw)
    filled = [(n, line.strip()) for n, line in enumerate(raw)
              if line.strip() and n not in dropped and not _lone_bullet(line.strip())]
    width = _wrap_width([line for _, line in filled])
    unwrapped = width > 150
    packed = not unwrapped and _packed(filled, width)
    paras: list[Para] = []
    current: list[Line] = []
    vocabulary = _vocabulary(raw)
    gap = False
    pending_bullets = 0
    starts_bullet = False
    previous = ""
    heading_tail = -1

    def flush() -> None:
        if current:
            texts = [_strip_bullet(line.text)[0] for line in current]
            bullet = starts_bullet or _strip_bullet(current[0].text)[1]
            paras.append(Para(join_lines(texts, vocabulary), list(current), bullet))
            current.clear()

    for number, line in enumerate(raw):
        stripped = line.strip()
        if number in dropped:
            continue
        if not stripped:
            gap = True
            continue
        if _lone_bullet(stripped):
            flush()
            pending_bullets += 1
            continue
        cells = tuple((float(m.start()), m[0].strip()) for m in re.finditer(r"\S+(?: \S+)*", line.replace("\t", "   "))
                      if m[0].strip())
        kind = _kind(stripped, breaks)
        following = raw[number + 1].strip() if number + 1 < len(raw) else ""
        if number == heading_tail:
            current.append(_text_line(number, cells, width))
            flush()
            gap = False
            continue
        if not kind and following and _kind(f"{stripped} {following}", breaks) == "alone":
            heading_tail = number + 1  # a heading wrapped over two lines
            flush()
        carries_on = bool(current) and _continues(current, stripped)
        ends = current and not gap and ((unwrapped and not stripped[:1].islower())
                                        or (packed and (_stops_short(previous, stripped, width)
                                                        or _stops_short(f"{previous}.", stripped, width * 0.8))))
        if _strip_bullet(stripped)[1] or kind or (gap and not carries_on) or ends:
            flush()
        if not current:
            starts_bullet = pending_bullets > 0
            pending_bullets = max(0, pending_bullets - 1)
        gap = False
        previous = stripped
        current.append(_text_line(number, cells, width))
        if kind == "alone":
            flush()
    flush()
    return paras


def paragraphs_from_word(blocks: list[Any]) -> list[Para]:
    """Paragraphs of a Word report (docx_reader blocks); a table's cells become positioned lines."""
    from sendplan.exporters.word import Table  # noqa: PLC0415

    paras: list[Para] = []
    for block in blocks:
        if not isinstance(block, Table):
            listed = "list" in block.style.lower()
            for part in block.text.replace("\u00ad", "").split("\n\n"):  # soft hyphens typed in the text go
                if part.strip():
                    paras.append(Para(" ".join(part.split()), [], listed))
            continue
        for r, row in enumerate(block.rows):
            lines = []
            for c, cell in enumerate(row):
                for p, para in enumerate(cell.paragraphs):
                    if para.text:
                        text = para.text.replace("\u00ad", "")
                        lines.append(Line(page=1, y=-(r * 100.0 + p * 10.0), size=11.0,
                                          cells=((c * 1000.0 / max(1, len(row)), text),), width=1000.0))
            if lines:
                paras.append(Para(" ".join(line.text for line in lines), lines, False))
    return paras


def columns(paras: list[Para]) -> tuple[list[str], list[str]]:
    """The paragraphs of a two-column table laid out on the page (left, right), regrouped by gaps."""
    left: list[tuple[float, int, str]] = []
    right: list[tuple[float, int, str]] = []
    for index, para in enumerate(paras):
        for line in para.lines:
            for position, (x, text) in enumerate(line.cells):
                on_right = position > 0 or (len(line.cells) == 1 and x >= line.width * 0.45)
                (right if on_right else left).append((line.y, index, text))
    ys = sorted({line.y for para in paras for line in para.lines}, reverse=True)
    gaps = [a - b for a, b in zip(ys, ys[1:], strict=False)]
    pitch = min(gaps) if gaps else 1.0
    return _regroup(left, pitch), _regroup(right, pitch)


def _regroup(items: list[tuple[float, int, str]], pitch: float) -> list[str]:
    if not items:
        return []
    groups: list[list[str]] = [[items[0][2]]]
    for before, item in zip(items, items[1:], strict=False):
        if before[0] - item[0] > pitch * 1.35 or item[0] > before[0]:
            groups.append([item[2]])
        else:
            groups[-1].append(item[2])
    return ["\n".join(group) for group in groups]

"""The rules every form of report shares (a paragraph, joining its lines, undoing hyphenation where the
document broke words at line ends, bullets), and the paragraphs of a Word report.

Pasted text is read into paragraphs by :mod:`pasted`, a PDF by :mod:`layout`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\u00b7\u25a0\u25a1\u25fc\u2212\u2013*-"
_WEAK_BULLETS = "\u2013*\u00b7-\u2212"
_TERMINAL = (".", "!", "?", ":", ";", "”", "’", ")")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
KeepHyphen = Callable[[str, str], bool]


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
    """A paragraph of the report, with the lines it was made from (for tables laid out in columns).

    ``cell`` is (table, row, column, columns in the row) for a paragraph in a table's cell; rows are
    numbered from 1 in each table."""

    text: str
    lines: list[Line] = field(default_factory=list)
    bullet: bool = False
    bold: bool = False
    page: int = 0
    cell: tuple[int, int, int, int] | None = None
    named: bool = False  # a responsible body's name standing alone (a table's cell, in text without columns)


def _strip_bullet(text: str) -> tuple[str, bool]:
    """(text without its bullet, whether it had one). A dash or star counts only when a space follows."""
    stripped = text.lstrip()
    first = stripped[:1]
    if first and first in BULLETS and (first not in _WEAK_BULLETS or stripped[1:2] in (" ", "\t", "\u00a0")):
        return stripped[1:].strip(), True
    return text.strip(), False


def _broken(text: str, line: str) -> tuple[str, str] | None:
    """(head, tail) when ``text`` ends with a word and a hyphen and ``line`` carries on in lower case."""
    if not (text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower()):
        return None
    head = re.findall(r"[A-Za-z]+$", text[:-1])
    tail = re.findall(r"^[a-z]+", line)
    return (head[0], tail[0]) if head and tail else None


class Hyphenation:
    """Whether the document breaks words at line ends itself, decided from its own evidence.

    A word processor that hyphenates automatically splits ordinary words ("chil-/dren") that the same
    document uses whole elsewhere; one that does not breaks a line only at a real hyphen
    ("partnership-/wide", "neuro-/developmental"). With two or more such splits, making at least half
    the line-end hyphens, the document hyphenates: its line-end hyphens go, except in words it writes
    with a hyphen elsewhere. Otherwise every line-end hyphen is kept.
    """

    def __init__(self, paragraphs: Iterable[list[str]]) -> None:
        groups = [[line.strip() for line in lines if line.strip()] for lines in paragraphs]
        self.words = Counter(w.lower() for lines in groups for line in lines for w in _WORD.findall(line))
        pairs = [pair for lines in groups for a, b in zip(lines, lines[1:], strict=False)
                 if (pair := _broken(a, b))]
        split = [f"{h}-{t}" for h, t in pairs if self.words[(h + t).lower()] and not self.words[f"{h}-{t}".lower()]]
        self.automatic = len(split) >= 2 and len(split) * 2 >= len(pairs)
        self.joined: list[str] = []

    def keep(self, head: str, tail: str) -> bool:
        """Whether the hyphen between ``head`` (at a line's end) and ``tail`` is part of the word."""
        keep = not self.automatic or bool(self.words[f"{head}-{tail}".lower()])
        if not keep and len(self.joined) < 5 and f"{head}-{tail}" not in self.joined:
            self.joined.append(f"{head}-{tail}")
        return keep


def join_lines(lines: list[str], keep_hyphen: KeepHyphen | None = None) -> str:
    """Lines of one paragraph as one string, hyphenation at line ends undone.

    A soft hyphen at a line end always goes; a hard one goes when ``keep_hyphen(head, tail)`` says the
    document broke the word there (by default every hard hyphen is kept: "decision-/making").
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
        elif (pair := _broken(text, line)) is not None:
            text = text + line if keep_hyphen is None or keep_hyphen(*pair) else text[:-1] + line
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isupper():
            text = text + line  # a compound broken at its hyphen before a capital: "Stoke-on-" "Trent"
        else:
            text = f"{text} {line}"
    return " ".join(text.replace("\u00ad", "").split(" ")).strip()


def continues(before: list[str], first_text: str) -> bool:
    """Whether a paragraph's lines ``before`` a page break carry on in ``first_text``, the next page's first line."""
    last = before[-1].rstrip() if before else ""
    return first_text[:1].islower() or (len(before) >= 2 and not last.endswith(_TERMINAL))


def paragraphs_from_word(blocks: list[Any]) -> list[Para]:
    """Paragraphs of a Word report (docx_reader blocks); a table cell's paragraphs carry their cell."""
    from sendplan.exporters.word import Table  # noqa: PLC0415

    paras: list[Para] = []
    tables = 0
    for block in blocks:
        if not isinstance(block, Table):
            listed = "list" in block.style.lower()
            for part in block.text.replace("\u00ad", "").split("\n\n"):  # soft hyphens typed in the text go
                if part.strip():
                    paras.append(Para(" ".join(part.split()), [], listed))
            continue
        tables += 1
        for r, row in enumerate(block.rows, start=1):
            for c, cell in enumerate(row):
                for para in cell.paragraphs:
                    text = " ".join(para.text.replace("\u00ad", "").split())
                    if text:
                        listed = "list" in getattr(para, "style", "").lower()
                        stripped, bullet = _strip_bullet(text)
                        paras.append(Para(stripped, [], listed or bullet, cell=(tables, r, c, len(row))))
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

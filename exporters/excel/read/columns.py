"""Find a tracker's header and what each of its columns means, as a :class:`TableChoice` per sheet.

Column titles are recognised with the shared table of the Word importer
(:mod:`sendplan.exporters.office.columns`), which also names the review a "RAG Sept 25", "Q3 2024/25 RAG" or
"Update Dec 2025" column belongs to. A header over two rows ("RAG rating" merged over "Q2 2025/26 | Q3
2025/26") is read as one title per column. Where a title says nothing (a bare date, "Dec-25", no title
at all), the cells decide. Trackers add two columns of their own: sendplan's hidden action ids, and
earlier due dates. Every column of the sheet is listed, so that nothing in an untitled one is lost.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sendplan.exporters.excel.read.rows import TrackerSheet
from sendplan.exporters.office import (
    ColumnChoice,
    TableChoice,
    classify,
    guess_role,
    is_action_table,
    normalise_title,
    review_like,
)

from sendplan.dates import DateParseError, parse_due, parse_quarter

ID_TITLES = ("id", "sendplan id", "action id")
EARLIER_TITLES = ("previous dates", "previous date", "original date", "original due date", "original deadline",
                  "previous deadline", "original target date", "earlier dates")
_WHEN_FIRST = re.compile(r"^(.+?)\s+(rag|brag|rating|progress|update)$", re.IGNORECASE)  # "Sept 25 RAG"
_MONTH_DASH = re.compile(r"\b([A-Za-z]{3,9})[-/](\d{2}|\d{4})\b")  # "Dec-25" (Excel's mmm-yy), "Sep/2025"
HEADER_SEARCH = 30  # title rows above the header: look this far down for it
SAMPLE = 200  # rows whose cells decide a column the title says nothing about


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def review_day(label: str) -> date | None:
    """The day a review label names: a date, a month's end, a quarter's last day; None for a name."""
    flat = _MONTH_DASH.sub(r"\1 \2", " ".join(label.split()))
    quarter = parse_quarter(flat)
    if quarter is not None:
        return quarter[1]
    try:
        return parse_due(flat).day
    except DateParseError:
        return None


def classify_column(title: str, *, own_ids: bool = False) -> tuple[str, str]:
    """(key, review label) of a column; ``own_ids`` when the workbook is sendplan's (its ID column holds
    action ids)."""
    text = normalise_title(title)
    if own_ids and text in ID_TITLES:
        return "id", ""
    if own_ids and text == "latest progress":  # the progress column of the tracker sendplan writes
        return "progress", ""
    if text in EARLIER_TITLES:
        return "earlier_due", ""
    title_read = _MONTH_DASH.sub(r"\1 \2", title)
    key, label = classify(title_read)
    if key not in ("rag", "progress") and (match := _WHEN_FIRST.match(" ".join(title_read.split()))):
        if review_day(match[1]):
            return ("progress" if match[2].lower() in ("progress", "update") else "rag"), match[1]
    return key, label


def _texts(sheet: TrackerSheet, number: int) -> dict[int, str]:
    return {c: t for c, v in sheet.rows.get(number, {}).items() if (t := text_of(v))}


def _merged_top(sheet: TrackerSheet, number: int) -> dict[int, str]:
    """A row's titles with each merged range's text given to every column it spans."""
    texts = _texts(sheet, number)
    for first_row, first_column, last_row, last_column in sheet.merged:
        if first_row <= number <= last_row and first_column in _texts(sheet, first_row):
            for column in range(first_column, last_column + 1):
                texts.setdefault(column, _texts(sheet, first_row)[first_column])
    return texts


def sheet_titles(sheet: TrackerSheet, header_at: int, header_rows: int, width: int) -> list[str]:
    """One title per column 1…width: the header row's, joined with the row beneath where it spans two
    ("RAG rating" + "Q2 2025/26")."""
    top = _merged_top(sheet, header_at)
    titles = [top.get(c, "") for c in range(1, width + 1)]
    if header_rows > 1:
        below = _texts(sheet, header_at + 1)
        left = ""
        for column in range(1, width + 1):
            left = top.get(column, left) if column in top else left
            under = below.get(column, "")
            if under:
                titles[column - 1] = " ".join(f"{top.get(column, left)} {under}".split())
    return titles


def width_of(sheet: TrackerSheet, header_at: int) -> int:
    numbers = [n for n in sorted(sheet.rows) if n >= header_at][:SAMPLE + 2]
    return max((c for n in numbers for c in sheet.rows[n]), default=0)


def _second_row(sheet: TrackerSheet, header_at: int, keys: dict[int, str]) -> bool:
    """Whether the row under the header is part of it: short labels only, none under the action column,
    each under a titled RAG/progress column (or a merged title), or naming a review."""
    below = _texts(sheet, header_at + 1)
    action = next((c for c, k in keys.items() if k == "action"), None)
    if not below or action in below or any(len(t) > 40 for t in below.values()):
        return False
    if any(b[0] == header_at + 1 and b[3] - b[1] >= 2 for b in sheet.merged):
        return False  # a row merged across the sheet: an area's heading
    spanned = {c for b in sheet.merged if b[0] == header_at for c in range(b[1], b[3] + 1)}
    return all(c in spanned or keys.get(c) in ("rag", "progress") or (c not in keys and review_like(t))
               for c, t in below.items())


def find_sheet_header(sheet: TrackerSheet, *, own_ids: bool = False) -> tuple[int, int] | None:
    """(header row, rows it spans) within the first rows, or None when no row reads as a header."""
    for number in sorted(sheet.rows)[:HEADER_SEARCH]:
        titles = _merged_top(sheet, number)
        keys = {c: classify_column(t, own_ids=own_ids)[0] for c, t in titles.items()}
        if is_action_table([(k, "") for k in keys.values()]):
            return number, (2 if _second_row(sheet, number, keys) else 1)
    return None


def guess_sheet(sheet: TrackerSheet, *, own_ids: bool = False) -> TableChoice | None:
    """How a sheet reads without the officer's help, or None when it has no header."""
    found = find_sheet_header(sheet, own_ids=own_ids)
    if found is None:
        return None
    return columns_for(sheet, found[0], found[1], own_ids=own_ids)


def columns_for(sheet: TrackerSheet, header_at: int, header_rows: int, *, own_ids: bool = False,
                known: list[ColumnChoice] | None = None) -> TableChoice:
    """The sheet read with this header: ``known`` columns (the officer's) kept, the rest guessed."""
    width = width_of(sheet, header_at)
    titles = sheet_titles(sheet, header_at, header_rows, width)
    first = header_at + header_rows
    sample = [sheet.rows[n] for n in sorted(sheet.rows) if n >= first][:SAMPLE]
    fills = [sheet.fills.get(n, {}) for n in sorted(sheet.rows) if n >= first][:SAMPLE]
    columns: list[ColumnChoice] = []
    taken: set[str] = set()
    for index, title in enumerate(titles, start=1):
        if known is not None and index <= len(known):
            column = ColumnChoice(title, known[index - 1].key, known[index - 1].review)
        else:
            key, label = classify_column(title, own_ids=own_ids)
            if key and key not in ("progress", "rag") and key in taken:
                key = ""  # a second column of the same kind is kept as text
            column = ColumnChoice(title, key, label)
            if key in ("", "progress") and not (key == "progress" and not label and title):
                cells = [text_of(row.get(index)) for row in sample]
                guessed, review, why = guess_role(title, key, cells, [f.get(index, "") for f in fills], taken)
                if guessed:
                    column = ColumnChoice(title, guessed, review or label, why)
        column.hidden = index in sheet.hidden
        taken.add(column.key)
        columns.append(column)
    return TableChoice(f"sheet “{sheet.title}”", tuple(titles), columns, header_at, header_rows)

"""Find a tracker's header row and what each of its columns means.

Column titles are recognised with the shared synonym table of the Word importer
(:mod:`sendplan.exporters.office.columns`), which also names the review a "RAG Sept 25" or "Update
Dec 2025" column belongs to; here that label gets its date (a month is dated at its last day).
Trackers add two columns of their own: sendplan's hidden action ids, and earlier due dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sendplan.exporters.office import classify, is_action_table, normalise_title

from sendplan.dates import DateParseError, parse_due

ID_TITLES = ("id", "sendplan id", "action id")
EARLIER_TITLES = ("previous dates", "previous date", "original date", "original due date", "original deadline",
                  "previous deadline", "original target date", "earlier dates")
_WHEN_FIRST = re.compile(r"^(.+?)\s+(rag|brag|rating|progress|update)$", re.IGNORECASE)  # "Sept 25 RAG"
_MONTH_DASH = re.compile(r"\b([A-Za-z]{3,9})[-/](\d{2}|\d{4})\b")  # "Dec-25" (Excel's mmm-yy), "Sep/2025"
HEADER_SEARCH = 30  # title rows above the header: look this far down for it


@dataclass(frozen=True)
class Column:
    """One recognised column: its key ("action", "rag", "area", "id", "" for extra text…), title and,
    for a review's column, the review's label as written and its date."""

    index: int
    title: str
    key: str
    review: str = ""
    day: date | None = None


def _day(label: str) -> date | None:
    try:
        return parse_due(label).day
    except DateParseError:
        return None


def classify_column(index: int, title: str, *, own_ids: bool = False) -> Column:
    """What a column means; ``own_ids`` when the workbook is sendplan's (its ID column holds action ids)."""
    text = normalise_title(title)
    if own_ids and text in ID_TITLES:
        return Column(index, title, "id")
    if own_ids and text == "latest progress":  # the progress column of the tracker sendplan writes
        return Column(index, title, "progress")
    if text in EARLIER_TITLES:
        return Column(index, title, "earlier_due")
    title_read = _MONTH_DASH.sub(r"\1 \2", title)
    key, label = classify(title_read)
    if key not in ("rag", "progress") and (match := _WHEN_FIRST.match(" ".join(title_read.split()))):
        written = match[1]
        if _day(written):
            return Column(index, title, "progress" if match[2].lower() in ("progress", "update") else "rag",
                          written, _day(written))
    if key in ("rag", "progress") and label and (day := _day(label)):
        return Column(index, title, key, label, day)
    return Column(index, title, key, label)


def map_columns(titles: dict[int, str], *, own_ids: bool = False) -> list[Column]:
    """Each titled column's meaning; a second column with the same (undated) key becomes extra text."""
    seen: set[str] = set()
    result = []
    for index in sorted(titles):
        column = classify_column(index, titles[index], own_ids=own_ids)
        if column.key and not column.day and column.key != "progress" and column.key in seen:
            column = Column(index, column.title, "")
        seen.add(column.key)
        result.append(column)
    return result


def is_tracker_header(columns: list[Column]) -> bool:
    """An action column and at least two other recognised ones (the Word importer's test)."""
    return is_action_table([(c.key, c.review) for c in columns])


def find_header(rows: dict[int, dict[int, str]], *, own_ids: bool = False) -> tuple[int, list[Column]] | None:
    """The first row (within the first rows) that reads as a tracker's header, and its columns."""
    for number in sorted(rows)[:HEADER_SEARCH]:
        titles = {c: t for c, t in rows[number].items() if t}
        columns = map_columns(titles, own_ids=own_ids)
        if is_tracker_header(columns):
            return number, columns
    return None


_RATING_WORDS = {"r", "a", "g", "b", "c", "ns", "red", "amber", "green", "blue", "complete", "completed",
                 "not started"}


def _rating_like(text: str) -> bool:
    word = text.strip().lower()
    return word in _RATING_WORDS or re.split(r"[/\s\-–]", word)[0] in _RATING_WORDS


def dated_columns(rows: dict[int, dict[int, str]], header: int, columns: list[Column]) -> tuple[list[Column], int]:
    """The columns once dates are read where trackers put them outside a "RAG Sept 25" title, and the
    number of the row that held them (0 when none):

    - a row of dates under the header ("RAG rating" merged over "Sept 25 | Dec 25"): each date
      column belongs to the titled rag or progress column above it or to its left;
    - a header cell that is only a date (30/09/2025): a RAG column of that date when most of its cells
      are ratings (R, Amber, Green…), else that date's progress.
    """
    by_index = {c.index: c for c in columns}
    below = rows.get(header + 1, {})
    dates = {c: t for c, t in below.items() if t}
    action = next((c.index for c in columns if c.key == "action"), None)
    sub_row = 0
    if dates and action not in dates and all(_day(t) for t in dates.values()):
        sub_row = header + 1
        titled = dict(by_index)
        for index, label in dates.items():
            group = titled.get(index) or titled.get(max((i for i in titled if i < index), default=-1))
            if group is not None and group.key in ("rag", "progress") and not group.day:
                by_index[index] = Column(index, f"{group.title} {label}", group.key, label, _day(label))
    values = [row for number, row in rows.items() if number > max(header, sub_row)]
    for column in list(by_index.values()):
        if column.key == "" and (day := _day(column.title)):
            cells = [row[column.index] for row in values if row.get(column.index)]
            rated = sum(_rating_like(text) for text in cells)
            key = "rag" if cells and rated * 5 >= len(cells) * 3 else "progress"
            by_index[column.index] = Column(column.index, column.title, key, column.title, day)
    return [by_index[i] for i in sorted(by_index)], sub_row

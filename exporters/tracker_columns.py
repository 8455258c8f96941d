"""Find a tracker's header row and what each of its columns means.

Column titles are recognised with the shared synonym table of the Word importer
(:mod:`sendplan.exporters.word_columns`); trackers add two kinds of their own: the area column, and
one RAG (or progress) column per review named by its month ("RAG Sept 25", "Update Dec 2025").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sendplan.exporters.word_columns import classify, is_action_table, normalise

from sendplan.dates import DateParseError, parse_due

AREA_TITLES = ("area", "area for improvement", "areas for improvement", "area of improvement", "priority area",
               "area of weakness", "weakness", "theme", "improvement area", "area for development")
ID_TITLES = ("id", "sendplan id", "action id")
EARLIER_TITLES = ("previous dates", "previous date", "original date", "original due date", "original deadline",
                  "previous deadline", "original target date", "earlier dates")
_DATED = re.compile(r"^(rag|brag|rating|rag rating|rag status|status|progress|update|progress update)\s*[\-–:(]*\s*"
                    r"(.+?)\)?$", re.IGNORECASE)
HEADER_SEARCH = 30  # title rows above the header: look this far down for it


@dataclass(frozen=True)
class Column:
    """One recognised column: its key ("action", "rag", "area", "id", "" for extra text…), title and,
    for a review's column, the review's month as written and its last day."""

    index: int
    title: str
    key: str
    review: str = ""
    day: date | None = None


def _dated(title: str) -> tuple[str, str, date | None]:
    """("rag" or "progress", "Sept 25", 30/09/2025) for a review's column; ("", "", None) otherwise."""
    text = " ".join(title.split())
    match = _DATED.match(text)
    if not match:
        match = re.match(r"^(.+?)\s+(rag|rating|progress|update)$", text, re.IGNORECASE)
        if not match:
            return "", "", None
        when, kind = match[1], match[2]
    else:
        kind, when = match[1], match[2]
    try:
        value = parse_due(when)
    except DateParseError:
        return "", "", None
    if value.day is None:
        return "", "", None
    day = value.day  # a month ("Sept 25") is dated at its last day; a full date is kept
    key = "progress" if kind.lower().startswith(("progress", "update")) else "rag"
    return key, when, day


def classify_column(index: int, title: str) -> Column:
    text = normalise(title)
    if text in AREA_TITLES:
        return Column(index, title, "area")
    if text in ID_TITLES:
        return Column(index, title, "id")
    if text in EARLIER_TITLES:
        return Column(index, title, "earlier_due")
    key, when, day = _dated(title)
    if key:
        return Column(index, title, key, when, day)
    key, period = classify(title)
    return Column(index, title, key, period)


def map_columns(titles: dict[int, str]) -> list[Column]:
    """Each titled column's meaning; a second column with the same (undated) key becomes extra text."""
    seen: set[str] = set()
    result = []
    for index in sorted(titles):
        column = classify_column(index, titles[index])
        if column.key and not column.day and column.key != "progress" and column.key in seen:
            column = Column(index, column.title, "")
        seen.add(column.key)
        result.append(column)
    return result


def is_tracker_header(columns: list[Column]) -> bool:
    """An action column and at least two other recognised ones (the Word importer's test)."""
    return is_action_table([(c.key, c.review) for c in columns])


def find_header(rows: dict[int, dict[int, str]]) -> tuple[int, list[Column]] | None:
    """The first row (within the first rows) that reads as a tracker's header, and its columns."""
    for number in sorted(rows)[:HEADER_SEARCH]:
        titles = {c: t for c, t in rows[number].items() if t}
        columns = map_columns(titles)
        if is_tracker_header(columns):
            return number, columns
    return None

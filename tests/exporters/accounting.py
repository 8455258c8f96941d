"""Text accounting for imports: every non-empty line of the source is in the plan, as text or as structure.

A line counts as in the plan when its words are found in any text the plan holds (titles, wordings, actions,
progress, notes, extras, review labels, sections…), once the parts the test names as structure are taken
out (review labels such as "Dec 25 –", rating words, column titles): what is left of the line must be there.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from docx import Document

from sendplan.codec import plan_to_dict
from sendplan.dates import DateParseError, parse_due
from sendplan.model import Plan

_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


def norm(text: str) -> str:
    return " ".join(text.replace("\uf0b7", " ").replace("\u2022", " ").lower().split())


def corpus(plan: Plan) -> str:
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                texts.append(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(plan_to_dict(plan))
    return norm("\n".join(texts))


def docx_lines(path: Path) -> list[str]:
    """Every non-empty line of the document's paragraphs and table cells (merged cells once)."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        seen: set[object] = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    lines += [p.text for p in cell.paragraphs]
    return [line.strip() for text in lines for line in text.split("\n") if line.strip()]


def xlsx_lines(path: Path) -> list[str]:
    """Every non-empty cell of every sheet; a date as the plan stores it (ISO), a number as written."""
    from openpyxl import load_workbook

    book = load_workbook(str(path))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, datetime | date):
                    found.append((value.date() if isinstance(value, datetime) else value).isoformat())
                elif value is not None and str(value).strip():
                    found += [line.strip() for line in str(value).split("\n") if line.strip()]
    return found


def unaccounted(lines: list[str], plan: Plan, structure: list[str]) -> list[str]:
    """The lines (or what is left of them once ``structure`` is taken out) found nowhere in the plan."""
    text = corpus(plan)
    tokens = [rf"(?<!\w){re.escape(norm(s))}(?!\w)" for s in sorted(structure, key=len, reverse=True)]
    pattern = re.compile("|".join(tokens) or "$^")
    missing = []
    for line in lines:
        flat = norm(line)
        if flat in text:
            continue
        pieces = [p.strip(" /:;,.–—-") for part in pattern.split(flat) for p in re.split(r"[()]", part)]
        if any(p and not any(form in text for form in _forms(p)) for p in pieces):
            missing.append(line)
    return missing


def _forms(piece: str) -> list[str]:
    """The piece, and the same with each date in the forms the plan keeps (2025-07-31, 31/07/2025)."""
    forms = [piece]
    for style in ("iso", "uk"):
        def as_style(match: re.Match[str], style: str = style) -> str:
            try:
                day = parse_due(match[0]).day
            except DateParseError:
                return match[0]
            return day.isoformat() if day and style == "iso" else f"{day:%d/%m/%Y}" if day else match[0]
        forms.append(_DATE.sub(as_style, piece))
    return forms

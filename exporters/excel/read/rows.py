"""Read a tracker's cells within fixed bounds: an .xlsx through the bounded workbook reader, or a .csv.

Values only (formulas are never evaluated: their cells are left empty and noted), each cell's fill
colour, and, for a workbook written by sendplan, the plan's title and its actions' ids from the
hidden "sendplan" sheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendplan.exporters.excel.read.formats import Box, conditional_fill
from sendplan.exporters.excel.read.workbook import MAX_COLUMNS, MAX_ROWS, Sheet, read_cell, read_workbook
from sendplan.exporters.office import OfficeFileError, plural_count

from sendplan.text import clean_text

MAX_CSV = 20 * 1024 * 1024
MAX_CONDITIONAL = 200_000  # cells a workbook's conditional formats are worked out for
MAX_TEXT = 20_000_000  # characters in a tracker's cells (a shared string repeated in every cell counts each time)
META, FORMATS = "sendplan", ("sendplan-tracker", "sendplan-return")


@dataclass
class TrackerSheet:
    title: str
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)  # row → column → value (1-based)
    fills: dict[int, dict[int, str]] = field(default_factory=dict)  # row → column → RRGGBB (conditional included)
    merged: list[Box] = field(default_factory=list)  # merged ranges
    hidden: set[int] = field(default_factory=set)  # hidden columns
    conditional: int = 0  # cells coloured by a conditional format


@dataclass
class TrackerData:
    title: str = ""  # the plan's title, for a workbook sendplan wrote
    ids: list[str] = field(default_factory=list)  # action ids sendplan wrote into the workbook
    sheets: list[TrackerSheet] = field(default_factory=list)  # visible sheets first
    notes: list[str] = field(default_factory=list)


def read_tracker_rows(path: Path) -> TrackerData:
    """The tracker's rows. Raises OfficeFileError (a message for the user) when the file cannot be used."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xls":
        raise OfficeFileError(f"“{path.name}” is an old Excel 97–2003 workbook (.xls). Open it in Excel, save it "
                              "as an Excel Workbook (.xlsx) and import that.")
    book = read_workbook(path, what="a tracker")
    data = TrackerData(notes=list(book.notes))
    meta = book.sheet(META)
    if meta is not None and meta.state != "visible":
        pairs = {str(read_cell(row.get(1))[0] or ""): str(read_cell(row.get(2))[0] or "")
                 for row in meta.rows.values()}
        if pairs.get("format") in FORMATS:
            data.title = pairs.get("plan_title", "")
            data.ids = [key[len("action:"):] for key in pairs if key.startswith("action:")]
    ordered = sorted((s for s in book.sheets if s.title != META or s.state == "visible"),
                     key=lambda s: s.state != "visible")
    characters = 0
    for sheet in ordered:
        out = TrackerSheet(sheet.title)
        formulas = 0
        for number, cells in sheet.rows.items():
            values = {}
            for column, cell in cells.items():
                if isinstance(cell.value, str):
                    characters += len(cell.value)
                    if characters > MAX_TEXT:
                        raise OfficeFileError(f"“{path.name}” holds far more text than a tracker (over "
                                              f"{MAX_TEXT // 1_000_000} million characters by sheet “{sheet.title}”, "
                                              f"row {number:,}): it may be damaged, or made to overload the programs "
                                              "that open it. Open it in Excel, keep the action sheets only, save it "
                                              "and try again.")
                value, problem = read_cell(cell)
                formulas += bool(problem)
                if value not in (None, ""):
                    values[column] = value
            if values:
                out.rows[number] = values
        for (row, column), colour in sheet.fills.items():
            out.fills.setdefault(row, {})[column] = colour
        out.merged, out.hidden = sheet.merged, sheet.hidden
        out.conditional = _conditional_fills(sheet, out)
        if formulas:
            data.notes.append(f"Sheet “{sheet.title}”: {plural_count(formulas, 'cells')} "
                              f"{'holds' if formulas == 1 else 'hold'} formulas or errors; formulas are "
                              "never worked out, so those cells were left empty.")
        data.sheets.append(out)
    return data


def _conditional_fills(sheet: Sheet, out: TrackerSheet) -> int:
    """Colour each cell as its conditional formats would (a rating shown only by a rule's fill); the number
    of cells coloured. Only rows with values are looked at, within a fixed number of cells."""
    if not sheet.rules:
        return 0
    columns = {c for rule in sheet.rules for b in rule.ranges for c in range(b[1], min(b[3], MAX_COLUMNS) + 1)}
    boxes = [b for rule in sheet.rules for b in rule.ranges]
    coloured = budget = 0

    def value_at(row: int, column: int) -> Any:
        return out.rows.get(row, {}).get(column)

    for number in out.rows:
        for column in columns:
            if not any(b[0] <= number <= b[2] and b[1] <= column <= b[3] for b in boxes):
                continue
            budget += 1
            if budget > MAX_CONDITIONAL:
                return coloured
            fill = conditional_fill(sheet.rules, number, column, value_at)
            if fill:
                out.fills.setdefault(number, {})[column] = fill
                coloured += 1
    return coloured


def _read_csv(path: Path) -> TrackerData:
    try:
        size = path.stat().st_size
        if size > MAX_CSV:
            raise OfficeFileError(f"“{path.name}” is {size // (1024 * 1024)} MB, far larger than a tracker.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise OfficeFileError(f"There is no file at “{path}”.") from None
    except IsADirectoryError:
        raise OfficeFileError(f"“{path}” is a folder, not a tracker.") from None
    except OSError as error:
        raise OfficeFileError(f"“{path}” could not be read ({error.strerror}).") from None
    if raw.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        raise OfficeFileError(f"“{path.name}” is an Excel workbook saved with a .csv name; rename it to .xlsx.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("latin-1")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    sheet = TrackerSheet(path.stem)
    number = 0
    data = TrackerData(sheets=[sheet])
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if number > MAX_ROWS:
                data.notes.append(f"“{path.name}”: rows after {MAX_ROWS:,} were not read.")
                break
            values = {c: clean_text(v).strip() for c, v in enumerate(row[:MAX_COLUMNS], start=1) if v.strip()}
            if values:
                sheet.rows[number] = values
    except csv.Error:
        raise OfficeFileError(f"“{path.name}” could not be read as comma-separated values (a cell is far too long or "
                              f"a quote is never closed near row {number + 1:,}). Save it from Excel as .xlsx and "
                              "import that.") from None
    return data

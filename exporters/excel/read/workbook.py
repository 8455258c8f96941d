"""Read an Excel workbook within fixed bounds: only the cells that exist, and plain words for the rest.

For merging returns and importing trackers. The file is checked first (:mod:`sendplan.exporters.office.package`), then
opened read-only so openpyxl streams each sheet's XML; only cells present in the file are kept, so a
sheet whose dimension claims A1:XFD1048576 costs what its real cells cost. Rows and columns past
the limits are not read and a note says so; chart sheets are skipped; openpyxl's warnings are
caught (logged, never printed). Formula cells are kept as formulas so callers can refuse them.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sendplan.exporters.excel.read import formats
from sendplan.exporters.office import OfficeFileError, check_package, main_part_name

from sendplan.text import clean_text

MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000  # every cell element read, across the workbook
MAX_CELL_TEXT = 32_767  # Excel's own limit for one cell: anything longer was not written by Excel
MAX_TEXT = 20_000_000  # characters of text read across the workbook (one long shared string used everywhere)
MAX_SHARED_STRINGS = 64 * 1024 * 1024  # bytes of the shared-strings part, unpacked
_log = logging.getLogger("sendplan")


@dataclass(frozen=True, slots=True)
class SheetCell:
    """One cell as stored: its value and openpyxl's data type ("s", "n", "d", "b", "f" formula, "e" error)."""

    row: int
    column: int
    value: Any
    data_type: str = "s"

    @property
    def coordinate(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    """A worksheet's non-empty cells by row number, then column number."""

    title: str
    state: str = "visible"
    rows: dict[int, dict[int, SheetCell]] = field(default_factory=dict)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → solid fill RRGGBB
    merged: list[formats.Box] = field(default_factory=list)  # merged ranges
    hidden: set[int] = field(default_factory=set)  # hidden columns
    rules: list[formats.Rule] = field(default_factory=list)  # conditional formats giving a fill, by priority

    def row(self, number: int) -> dict[int, SheetCell]:
        return self.rows.get(number, {})


@dataclass
class WorkbookData:
    name: str
    sheets: list[Sheet] = field(default_factory=list)  # worksheets only, in workbook order
    skipped: list[str] = field(default_factory=list)  # chart sheets and other non-worksheets
    notes: list[str] = field(default_factory=list)  # what was left unread, in plain words

    def sheet(self, title: str) -> Sheet | None:
        return next((s for s in self.sheets if s.title == title), None) or next(
            (s for s in self.sheets if s.title.strip().lower() == title.strip().lower()), None)


@dataclass
class _Budget:
    cells: int
    text: int = MAX_TEXT
    spent: bool = False
    clipped: int = 0  # 1: a cell was cut to Excel's limit; 2: and that was said


def read_workbook(path: str | Path, *, what: str = "a workbook", max_rows: int = MAX_ROWS,
                  max_columns: int = MAX_COLUMNS, max_cells: int = MAX_CELLS) -> WorkbookData:
    """The workbook's worksheets within the limits; OfficeFileError (a message for the user) if unusable.

    ``what`` names the workbook in notes: "row 100000 is beyond the 20,000 rows {what} can have".
    """
    path = Path(path)
    main = main_part_name(path, "xl/workbook.xml")  # usually xl/workbook.xml; other programs may put it elsewhere
    check_package(path, kind="Excel", main_part=main if main.endswith(".xml") else "xl/workbook.xml", suffix=".xlsx")
    result = WorkbookData(path.name)
    printed = io.StringIO()  # openpyxl prints some complaints ("0 is out of range") before raising
    with warnings.catch_warnings(record=True) as caught, open(path, "rb") as handle, \
            contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        warnings.simplefilter("always")
        try:  # a file object, so openpyxl does not judge the file by its name (a renamed .xls is fine)
            book = _open_book(handle, path)
        except OfficeFileError:
            raise
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for broken workbooks
            _log.info("openpyxl could not open %s: %r", path, error)
            raise OfficeFileError(f"“{path.name}” looks like an Excel workbook but could not be read: it may be "
                                  "damaged or saved by a program that writes workbooks Excel-style only in "
                                  "part. Open it in Excel, save it again as an Excel Workbook (.xlsx) and try "
                                  "again.") from None
        try:
            budget = _Budget(max_cells)
            for title in book.sheetnames:
                sheet = book[title]
                if not hasattr(sheet, "_get_source"):
                    result.skipped.append(sheet.title)
                    continue
                result.sheets.append(_read_sheet(book, sheet, result, what, max_rows, max_columns, budget))
        except Exception as error:  # noqa: BLE001 - damaged sheet XML
            _log.info("openpyxl could not read a sheet of %s: %r", path, error)
            raise OfficeFileError(f"“{path.name}” is damaged: a sheet inside it could not be read. Open it in "
                                  "Excel, save it again as an Excel Workbook (.xlsx) and try again.") from None
        finally:
            book.close()
    for warning in caught:
        _log.debug("openpyxl warning reading %s: %s", path, warning.message)
    if printed.getvalue():
        _log.debug("openpyxl printed while reading %s: %s", path, printed.getvalue()[:500])
    return result


def _open_book(handle: Any, path: Path) -> Any:
    """openpyxl's read-only workbook, its cell formats skipped when they cannot be read (written by
    another program in a form openpyxl refuses): only the cells are needed, and a date then comes as the
    day number Excel stores, which the merge reads as a date."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(handle, read_only=True, keep_vba=False, data_only=False, keep_links=False)
    shared = next((i for i in reader.archive.infolist() if i.filename.lower().endswith("sharedstrings.xml")), None)
    if shared is not None and shared.file_size > MAX_SHARED_STRINGS:
        raise OfficeFileError(f"“{path.name}” holds {shared.file_size // (1024 * 1024)} MB of text in its shared "
                              "strings, far more than a tracker or return; it was not read. Check that it is the "
                              "right file.")
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    reader.read_properties()
    reader.read_custom()
    reader.read_theme()
    try:
        apply_stylesheet(reader.archive, reader.wb)
    except Exception as error:  # noqa: BLE001 - the formats are not needed to read the cells
        _log.info("cell formats of %s skipped: %r", path, error)
    reader.read_worksheets()
    reader.parser.assign_names()
    return reader.wb


@functools.cache
def _cells_only() -> type:
    """openpyxl's sheet parser reading the rows alone: conditional formats, validations, views and the rest
    are skipped unread, so one written in a form openpyxl does not know cannot make the cells unreadable."""
    from openpyxl.worksheet import _reader
    from openpyxl.xml.functions import iterparse

    kept = {_reader.MERGE_TAG, _reader.COL_TAG, _reader.CF_TAG}
    skipped = {getattr(_reader, name) for name in dir(_reader) if name.endswith("_TAG")} - {
        _reader.ROW_TAG, _reader.CELL_TAG, _reader.VALUE_TAG, _reader.FORMULA_TAG, _reader.DATA_TAG} - kept

    class CellsOnly(_reader.WorkSheetParser):  # type: ignore[misc]
        """Rows as they come; merged ranges, hidden columns and conditional formats kept on the side."""

        dxf_fill: Any = staticmethod(lambda index: "")

        def parse(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
            self.found_merges: list[formats.Box] = []
            self.found_hidden: set[int] = set()
            self.found_rules: list[formats.Rule] = []
            for _, element in iterparse(self.source):
                tag = element.tag
                if tag == _reader.ROW_TAG:
                    row = self.parse_row(element)
                    element.clear()
                    yield row
                elif tag == _reader.MERGE_TAG:
                    self.found_merges = formats.merges(element)
                    element.clear()
                elif tag == _reader.COL_TAG:
                    self.found_hidden |= formats.hidden_columns(element)
                    element.clear()
                elif tag == _reader.CF_TAG:
                    if len(self.found_rules) < formats.MAX_RULES:
                        self.found_rules += formats.rules(element, self.dxf_fill)
                    element.clear()
                elif tag in skipped:
                    element.clear()

    return CellsOnly


def _read_sheet(book: Any, sheet: Any, result: WorkbookData, what: str, max_rows: int, max_columns: int,
                budget: _Budget) -> Sheet:
    from openpyxl.utils import get_column_letter

    out = Sheet(sheet.title, getattr(sheet, "sheet_state", "visible") or "visible")
    if budget.spent:
        return out
    wide = False
    theme = _theme_colours(book)
    with sheet._get_source() as source:
        parser = _cells_only()(source, sheet._shared_strings, data_only=False, epoch=book.epoch,
                               date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        parser.dxf_fill = lambda index: _dxf_fill(book, index, theme)
        for number, cells in parser.parse():
            if number <= max_rows:
                _fills(out, cells, book._cell_styles, book._fills, _theme_colours(book))
            budget.cells -= len(cells)
            if budget.cells < 0:
                budget.spent = True
                result.notes.append(f"“{result.name}” has more cells than {what} can have; sheet “{out.title}” "
                                    f"was read only up to row {number - 1:,}.")
                break
            kept = {c["column"]: SheetCell(c["row"], c["column"], _bounded(c["value"], budget), c["data_type"])
                    for c in cells if c["value"] not in (None, "")}
            if budget.text < 0:
                budget.spent = True
                result.notes.append(f"“{result.name}” holds more text than {what} can have; sheet “{out.title}” was "
                                    f"read only up to row {number - 1:,}.")
                break
            if budget.clipped == 1:
                budget.clipped += 1  # said once
                result.notes.append(f"“{result.name}”, sheet “{out.title}”: a cell holds more text than Excel allows "
                                    f"in one cell ({MAX_CELL_TEXT:,} characters); only that much of it was read.")
            if not kept:
                continue
            if number > max_rows:
                result.notes.append(f"“{result.name}”, sheet “{out.title}”: row {number:,} is beyond the "
                                    f"{max_rows:,} rows {what} can have; it and the rows after it were not read.")
                break
            far = [column for column in kept if column > max_columns]
            if far and not wide:
                wide = True
                result.notes.append(f"“{result.name}”, sheet “{out.title}”: column {get_column_letter(far[0])} is "
                                    f"beyond the {max_columns} columns {what} can have; cells there were not "
                                    "read.")
            out.rows[number] = {k: v for k, v in kept.items() if k <= max_columns}
    out.merged = getattr(parser, "found_merges", [])
    out.hidden = getattr(parser, "found_hidden", set())
    out.rules = sorted(getattr(parser, "found_rules", []), key=lambda rule: rule.priority)
    return out


def _bounded(value: Any, budget: _Budget) -> Any:
    """A cell's value within the text limits (a long shared string may fill thousands of cells)."""
    if not isinstance(value, str):
        return value
    budget.text -= min(len(value), MAX_CELL_TEXT)
    if len(value) <= MAX_CELL_TEXT:
        return value
    budget.clipped = budget.clipped or 1
    return value[:MAX_CELL_TEXT]


def _theme_colours(book: Any) -> list[str]:
    """The workbook theme's colours by Excel's theme index (light 1, dark 1, light 2, dark 2, accents 1–6)."""
    cached = getattr(book, "_sendplan_theme", None)
    if cached is None:
        xml = (book.loaded_theme or b"").decode("utf-8", "replace") if isinstance(book.loaded_theme, bytes) else ""
        scheme = re.search(r"<a:clrScheme\b.*?</a:clrScheme>", xml, re.S)
        found = re.findall(r"<a:(dk1|lt1|dk2|lt2|accent[1-6])>\s*<a:(?:srgbClr val|sysClr [^>]*?lastClr)="
                           r"\"([0-9A-Fa-f]{6})\"", scheme[0] if scheme else "")
        named = {name: value.upper() for name, value in found}
        order = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
        cached = [named.get(name, "") for name in order] if len(named) == len(order) else []
        book._sendplan_theme = cached
    return cached


def _tinted(rgb: str, tint: float) -> str:
    """Excel's tint applied to an RRGGBB colour (darker below 0, lighter above), near enough to rate by."""
    parts = [int(rgb[i:i + 2], 16) for i in (0, 2, 4)]
    parts = [round(c * (1 + tint)) if tint < 0 else round(c + (255 - c) * tint) for c in parts]
    return "".join(f"{max(0, min(255, c)):02X}" for c in parts)


def _colour(colour: Any, theme: list[str]) -> str:
    """An openpyxl colour as RRGGBB: given as RGB, from the legacy palette or from the workbook's theme."""
    from openpyxl.styles.colors import COLOR_INDEX

    if colour is None or (colour.type == "rgb" and colour.rgb == "00000000"):  # openpyxl's "not set"
        return ""
    value = colour.rgb if colour.type == "rgb" else (
        COLOR_INDEX[colour.indexed] if colour.type == "indexed" and 0 <= colour.indexed < 64 else None)
    if colour.type == "theme" and 0 <= colour.theme < len(theme) and theme[colour.theme]:
        value = _tinted(theme[colour.theme], float(colour.tint or 0.0))
    return value[-6:].upper() if isinstance(value, str) and len(value) >= 6 else ""


def _fills(out: Sheet, cells: list[dict[str, Any]], styles: Any, fills: Any, theme: list[str]) -> None:
    """Record each cell's solid fill colour (ratings are sometimes shown only as colour)."""
    for raw in cells:
        style = raw["style_id"]
        if not style or style >= len(styles) or not styles[style].fillId or styles[style].fillId >= len(fills):
            continue
        fill = fills[styles[style].fillId]
        if getattr(fill, "patternType", None) != "solid":
            continue
        value = _colour(getattr(fill, "fgColor", None), theme)
        if value:
            out.fills[(raw["row"], raw["column"])] = value


def _dxf_fill(book: Any, index: int, theme: list[str]) -> str:
    """The fill colour of a conditional format's differential style ("" when it sets none)."""
    styles = getattr(getattr(book, "_differential_styles", None), "styles", None) or []
    if not 0 <= index < len(styles):
        return ""
    fill = getattr(styles[index], "fill", None)
    if fill is None:
        return ""
    return _colour(getattr(fill, "bgColor", None), theme) or _colour(getattr(fill, "fgColor", None), theme)


def read_cell(cell: SheetCell | None) -> tuple[Any, str]:
    """(value, problem). Formulas are never evaluated or trusted: their text comes back as a problem."""
    if cell is None:
        return None, ""
    if cell.data_type == "f":
        return None, f"cell {cell.coordinate} holds a formula ({str(cell.value)[:60]}); it was not used"
    if cell.data_type == "e":
        return None, f"cell {cell.coordinate} shows an error ({cell.value}) instead of a value; it was not used"
    value = cell.value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        value = clean_text(value).strip()
    return value, ""

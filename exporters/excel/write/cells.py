"""Writing workbooks safely: text never becomes a formula, Excel's limits are kept visibly, names are safe."""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sendplan.dates import DueValue
from sendplan.owners import UNASSIGNED
from sendplan.text import clean_text

MAX_CELL = 32_767
FORMULA_START = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_FILE_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_FILLS: dict[str, PatternFill] = {}
# Per workbook, the index of each style object already added (openpyxl hashes every field of a
# style object each time one is set on a cell: a third of a tracker's export went on that).
_STYLE_IDS: WeakKeyDictionary[Workbook, dict[tuple[str, int], int]] = WeakKeyDictionary()
_KEYS = {"_alignments": "alignmentId", "_fills": "fillId", "_protections": "protectionId"}


def set_style(cell: Cell, collection: str, value: Any) -> None:
    """``cell.alignment = value`` (or fill, protection: ``collection`` names the workbook's list) for a
    style object that lives as long as the workbook (a module constant or :func:`solid_fill`)."""
    book = cell.parent.parent
    ids = _STYLE_IDS.get(book)
    if ids is None:
        ids = _STYLE_IDS[book] = {}
    key = (collection, id(value))
    found = ids.get(key)
    if found is None:
        found = ids[key] = getattr(book, collection).add(value)
    if cell._style is None:  # noqa: SLF001 - openpyxl's own descriptor does the same
        cell._style = StyleArray()  # noqa: SLF001
    setattr(cell._style, _KEYS[collection], found)  # noqa: SLF001


def solid_fill(colour: str) -> PatternFill:
    """One shared solid fill per colour."""
    found = _FILLS.get(colour)
    if found is None:
        found = _FILLS[colour] = PatternFill("solid", fgColor=colour)
    return found


def put_text(cell: Cell, value: str) -> None:
    """Store ``value`` as text, never a formula; over Excel's limit, cut with a visible note."""
    text = clean_text(value)
    if len(text) > MAX_CELL:
        note = f" […{len(text) - (MAX_CELL - 80):,} more characters: see the plan in sendplan]"
        text = text[: MAX_CELL - len(note)] + note
    cell._value = text  # noqa: SLF001 - clean text, stored as is: openpyxl would otherwise treat "=…" as a formula
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True  # Excel shows it as typed and will not evaluate it when edited
    set_style(cell, "_alignments", WRAP)


def put_due(cell: Cell, value: DueValue | None) -> None:
    """A real Excel date in dd/mm/yyyy, or the non-date wording as text."""
    if value is None:
        put_text(cell, "")
    elif value.day is not None:
        cell.value = value.day
        cell.number_format = DATE_FORMAT
        set_style(cell, "_alignments", WRAP)
    else:
        put_text(cell, value.text)


def header_row(sheet: Worksheet, titles: list[str], widths: list[float]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=column)
        put_text(cell, title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    print_setup(sheet)


def print_setup(sheet: Worksheet) -> None:
    """Landscape, fitted to one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def fit_rows(sheet: Worksheet, first_row: int = 2, line_points: float = 15.0) -> None:
    """Set each row tall enough for its wrapped text (spreadsheets do not re-fit rows written by code)."""
    widths = {letter: (dimension.width or 10) for letter, dimension in sheet.column_dimensions.items()}
    per_line: dict[int, int | None] = {}  # column → characters a line holds (None: hidden)
    lines: dict[int, int] = {}
    for (row, column), cell in sheet._cells.items():  # noqa: SLF001 - only the cells there are, in one pass
        value = cell._value  # noqa: SLF001
        if row < first_row or not isinstance(value, str) or not value:
            continue
        if column not in per_line:
            letter = get_column_letter(column)
            per_line[column] = None if sheet.column_dimensions[letter].hidden else \
                max(4, int(widths.get(letter, 10) * 1.15))
        room = per_line[column]
        if room is not None:
            lines[row] = max(lines.get(row, 1), sum(max(1, -(-len(part) // room)) for part in value.split("\n")))
    for row in range(first_row, sheet.max_row + 1):
        sheet.row_dimensions[row].height = min(409, lines.get(row, 1) * line_points)


def sheet_title(name: str, taken: set[str] | None = None) -> str:
    """A valid, unique sheet name: ≤31 characters, none of []:*?/\\."""
    base = _SHEET_BAD.sub("-", clean_text(name)).strip("' ") or "Sheet"
    title, number = base[:31], 2
    while taken is not None and title.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    return title


def safe_file_name(name: str, limit: int = 80) -> str:
    """A name Windows accepts: no <>:"/\\|?*, no reserved device names, no trailing dot or space."""
    text = _FILE_BAD.sub("_", clean_text(name)).strip().rstrip(". ")[:limit].rstrip(". ") or UNASSIGNED
    return f"{text}_" if text.split(".")[0].upper() in _RESERVED else text

"""Excel: the tracker sendplan writes (``write/``), workbooks read within fixed bounds and the council's own
trackers read into a new plan (``read/``).

Public: :func:`export_tracker`, :func:`import_tracker` (or :func:`prepare_tracker`, read again as the officer
corrects the column mapping: a :class:`TrackerSource`); :func:`read_workbook` and what it gives
(:class:`WorkbookData`, :class:`Sheet`, :class:`SheetCell`, :func:`read_cell`) and its cells' comments
(:func:`read_cell_comments`, :class:`CellComment`); and what every sendplan
workbook shares, for the returns: the hidden sheet (:data:`META`, :data:`TRACKER`, :data:`RETURN`,
:func:`write_meta`), safe cells (:func:`put_text`, :func:`put_due`, :func:`header_row`, :func:`fit_rows`,
:func:`print_setup`, :func:`sheet_title`, :func:`safe_file_name`, :func:`set_style`), the RAG drop-down
(:func:`rag_validation`) and :func:`save_book`.
"""

from __future__ import annotations

from sendplan.exporters.excel.read.comments import CellComment, read_cell_comments
from sendplan.exporters.excel.read.tracker import TrackerSource, import_tracker, prepare_tracker
from sendplan.exporters.excel.read.workbook import Sheet, SheetCell, WorkbookData, read_cell, read_workbook
from sendplan.exporters.excel.write.cells import (
    DATE_FORMAT,
    EDITABLE_FILL,
    fit_rows,
    header_row,
    print_setup,
    put_due,
    put_text,
    safe_file_name,
    set_style,
    sheet_title,
)
from sendplan.exporters.excel.write.workbooks import (
    META,
    RETURN,
    TRACKER,
    export_tracker,
    rag_validation,
    save_book,
    write_meta,
)

__all__ = ["DATE_FORMAT", "EDITABLE_FILL", "META", "RETURN", "TRACKER", "CellComment", "Sheet", "SheetCell",
           "TrackerSource", "WorkbookData", "export_tracker", "fit_rows", "header_row", "import_tracker",
           "prepare_tracker", "print_setup", "put_due", "put_text", "rag_validation", "read_cell",
           "read_cell_comments", "read_workbook", "safe_file_name", "save_book", "set_style", "sheet_title",
           "write_meta"]

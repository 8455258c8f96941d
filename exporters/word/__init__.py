"""Word: the documents sendplan writes (``write/``), Word plans read back into a plan (``read/``), and the
plan embedded in internal documents so they import back exactly and owners' edits can be merged
(``embed``).

Public: :func:`export_docx` with :class:`WordOptions` (and its presets and columns);
:func:`import_docx`, or :func:`prepare_docx` to read a document again as the officer corrects
its column mapping (a :class:`DocxSource`); the embedded plan (:func:`read_embedded`, :func:`visible_rows`,
:func:`all_rows`, :func:`edited_cells`, :func:`ref_key`, :class:`EmbeddedPlanError`); owners' comments and tracked
changes (:func:`read_marks`, :class:`Mark`); :func:`read_body` and the blocks
it gives (:class:`Para`, :class:`Table`), for readers of other Word documents such as reports.

Each name is loaded from its module when first asked for, so writing a document never loads the
readers (and the command line's export starts sooner).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendplan.exporters.office import CellEdit
    from sendplan.exporters.word.embed import (
        Embedded,
        EmbeddedPlanError,
        VisibleRow,
        all_rows,
        edited_cells,
        read_embedded,
        ref_key,
        rows_by_ref,
        visible_rows,
    )
    from sendplan.exporters.word.marks import Mark, read_marks
    from sendplan.exporters.word.options import (
        COLUMN_TITLES,
        DEFAULT_COLUMNS,
        PRESETS,
        Column,
        OptionsError,
        WordOptions,
        parse_columns,
    )
    from sendplan.exporters.word.read.body import Para, Table, read_body
    from sendplan.exporters.word.read.importer import DocxSource, import_docx, prepare_docx
    from sendplan.exporters.word.write.document import WordExport, export_docx

_HOME = {
    "CellEdit": "sendplan.exporters.office",
    **dict.fromkeys(("Embedded", "EmbeddedPlanError", "VisibleRow", "all_rows", "edited_cells", "read_embedded",
                     "ref_key", "rows_by_ref", "visible_rows"), "sendplan.exporters.word.embed"),
    **dict.fromkeys(("Mark", "read_marks"), "sendplan.exporters.word.marks"),
    **dict.fromkeys(("COLUMN_TITLES", "DEFAULT_COLUMNS", "PRESETS", "Column", "OptionsError", "WordOptions",
                     "parse_columns"), "sendplan.exporters.word.options"),
    **dict.fromkeys(("Para", "Table", "read_body"), "sendplan.exporters.word.read.body"),
    **dict.fromkeys(("DocxSource", "import_docx", "prepare_docx"), "sendplan.exporters.word.read.importer"),
    **dict.fromkeys(("WordExport", "export_docx"), "sendplan.exporters.word.write.document"),
}
__all__ = ["COLUMN_TITLES", "DEFAULT_COLUMNS", "PRESETS", "CellEdit", "Column", "DocxSource", "Embedded",
           "EmbeddedPlanError", "Mark", "OptionsError", "Para", "Table", "VisibleRow", "WordExport", "WordOptions",
           "all_rows", "edited_cells", "export_docx", "import_docx", "parse_columns", "prepare_docx", "read_body",
           "read_embedded", "read_marks", "ref_key", "rows_by_ref", "visible_rows"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return __all__

"""The formats, one package each, readers and writers side by side (installed as ``sendplan.exporters``; no Qt).

- ``office``: what Word and Excel share (package checks, column recognition, the import report);
- ``word``: Word documents written (``write/``) and read (``read/``), and the plan embedded in them;
- ``excel``: the tracker written (``write/``), workbooks and trackers read (``read/``);
- ``returns``: owners' update returns, Word and Excel, out and in;
- ``report``: inspection reports (PDF, Word, text) read into a draft plan.

Each package names its public functions in its ``__init__``; code outside a package imports only those
(a test checks). They are also reachable here, by name, without loading the other formats: the package
a name belongs to is imported when the name is first asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

PUBLIC: dict[str, tuple[str, ...]] = {
    "office": ("CellEdit", "ImportReport", "OfficeFileError", "PlanImport", "check_package", "classify"),
    "word": ("COLUMN_TITLES", "DEFAULT_COLUMNS", "PRESETS", "Column", "OptionsError", "WordOptions", "export_docx",
             "import_docx", "parse_columns", "read_embedded"),
    "excel": ("export_tracker", "import_tracker", "read_workbook"),
    "returns": ("RETURN_KINDS", "ReturnsWritten", "read_returns", "write_returns"),
    "report": ("DraftItem", "ReportDraft", "ReportFileError", "draft_to_plan", "read_report", "read_report_text"),
}
_HOME = {name: package for package, names in PUBLIC.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)


def __dir__() -> list[str]:
    return __all__

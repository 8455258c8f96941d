"""What Word and Excel files share: checking a package before any parser opens it, recognising an action
table's columns by meaning, and the report an import gives the officer.

Public: :class:`OfficeFileError`, :func:`check_package`, :func:`main_part_name`; column recognition
(:func:`classify`, :func:`map_header`, :func:`is_action_table`, :func:`normalise_title`); the import report
(:class:`ImportReport`, :class:`PlanImport`, :class:`CellEdit`, :func:`clip`, :func:`clip_change`).
"""

from __future__ import annotations

from sendplan.exporters.office.columns import classify, is_action_table, map_header, normalise_title
from sendplan.exporters.office.findings import CellEdit, ImportReport, PlanImport, clip, clip_change
from sendplan.exporters.office.package import OfficeFileError, check_package, main_part_name

__all__ = ["CellEdit", "ImportReport", "OfficeFileError", "PlanImport", "check_package", "classify", "clip",
           "clip_change", "is_action_table", "main_part_name", "map_header", "normalise_title"]

"""What Word and Excel files share: checking a package before any parser opens it, recognising an action
table's columns by meaning (from their titles, else from their cells), area headings and note rows, the
column mapping the officer can correct (and that is remembered for documents with the same headers),
and the import report.

Public: :class:`OfficeFileError`, :func:`check_package`, :func:`main_part_name`; column recognition
(:func:`classify`, :func:`map_header`, :func:`is_action_table`, :func:`normalise_title`, :func:`review_like`,
:func:`kept_reason`, :func:`guess_role`, :func:`rating_of`, :func:`fill_rating`, :func:`dated_parts`,
:func:`date_like`);
area headings and notes (:func:`area_heading`, :class:`Heading`, :data:`NUMBERED`, :func:`settle_terms`,
:func:`note_text`, :func:`resolve_notes`); the mapping (:class:`ImportMapping`, :class:`TableChoice`,
:class:`ColumnChoice`, :class:`RowChoice`, :data:`ROLES`, :data:`REVIEWED`, :data:`ROW_KINDS`,
:func:`role_label`, :func:`row_key`, :func:`signature`, :class:`RememberedMappings`); the import report
(:class:`ImportReport`, :class:`PlanImport`, :class:`PlanSource`, :class:`CellEdit`, :func:`clip`,
:func:`clip_change`, :func:`plural_count`); naming the reviews an import makes (:func:`month_label`,
:func:`import_review`, :data:`AT_IMPORT`).
"""

from __future__ import annotations

from sendplan.exporters.office.columns import (
    classify,
    is_action_table,
    kept_reason,
    map_header,
    normalise_title,
    review_like,
)
from sendplan.exporters.office.content import date_like, dated_parts, fill_rating, guess_role, rating_of
from sendplan.exporters.office.findings import (
    CellEdit,
    ImportReport,
    PlanImport,
    PlanSource,
    clip,
    clip_change,
    plural_count,
)
from sendplan.exporters.office.headings import (
    NUMBERED,
    Heading,
    area_heading,
    note_text,
    resolve_notes,
    settle_terms,
)
from sendplan.exporters.office.mapping import (
    REVIEWED,
    ROLES,
    ROW_KINDS,
    ColumnChoice,
    ImportMapping,
    RowChoice,
    TableChoice,
    role_label,
    row_key,
    signature,
)
from sendplan.exporters.office.package import OfficeFileError, check_package, main_part_name
from sendplan.exporters.office.remembered import RememberedMappings
from sendplan.exporters.office.review_names import AT_IMPORT, import_review, month_label

__all__ = ["AT_IMPORT", "NUMBERED", "REVIEWED", "ROLES", "ROW_KINDS", "CellEdit", "ColumnChoice", "Heading",
           "ImportMapping", "ImportReport", "OfficeFileError", "PlanImport", "PlanSource", "RememberedMappings",
           "RowChoice", "TableChoice", "area_heading", "check_package", "classify", "clip", "clip_change",
           "date_like", "dated_parts", "fill_rating", "guess_role", "import_review", "is_action_table",
           "kept_reason", "main_part_name", "map_header", "month_label", "normalise_title", "note_text",
           "plural_count", "settle_terms", "rating_of", "resolve_notes", "review_like", "role_label", "row_key",
           "signature"]

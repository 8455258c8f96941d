"""Inspection reports: an area SEND inspection report (PDF, Word or pasted text) read into a draft the
officer checks, then made into a new plan.

Public: :func:`read_report`, :func:`read_report_text`, :func:`draft_to_plan`, :class:`ReportDraft`,
:class:`DraftItem`, :class:`ReportFileError`.
"""

from __future__ import annotations

from sendplan.exporters.report.importer import DraftItem, ReportDraft, draft_to_plan, read_report, read_report_text
from sendplan.exporters.report.pdf import ReportFileError

__all__ = ["DraftItem", "ReportDraft", "ReportFileError", "draft_to_plan", "read_report", "read_report_text"]

"""Every dialog and window the app shows, built over an open main window, for the layout and accessibility
tests (each as the app builds it; the message boxes through the dialog service's own builders)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sendplan.ui.app import StartScreen
from sendplan.ui.cycle_dialogs import MergeDialog, ReturnsOutDialog
from sendplan.ui.export_job import ExportDialog
from sendplan.ui.import_preview import ImportPreviewDialog
from sendplan.ui.services import DialogService
from sendplan.ui.start_from import ReportPreviewDialog, ReportSourceDialog
from sendplan.ui.start_review import StartReviewDialog
from sendplan.ui.structure_edits import RenumberDialog
from sendplan.ui.undo_history import UndoHistoryDialog

from sendplan.codec import snapshot
from sendplan.merge import MergeResult, ProposedChange

REPORT = """Area SEND inspection of Fellside Local Area Partnership
Inspection dates: 2 to 6 June 2025

Inspection outcome
The local area partnership’s arrangements lead to inconsistent experiences for children.

Areas for improvement
Leaders in Fellside should make sure that every annual review leads to an updated plan within four weeks.

Leaders should improve the local offer so that families can find short breaks without help.
"""


def _merge(window: Any) -> MergeDialog:
    plan = window.session.plan
    action = next(a for _, _, a in plan.iter_actions())
    result = MergeResult(plan.latest_review(), changes=[
        ProposedChange(action.id, action.ref, "rag", "Amber", "Green", "green", "Update return - Lead.docx"),
        ProposedChange(action.id, action.ref, "progress", "", "The panel met.", "The panel met.",
                       "Update return - Lead.xlsx", conflict="also changed in Update return - Lead.docx")],
        problems=["Update return - Other.xlsx: a row with no action number was left out."])
    return MergeDialog(result, window)


class _Source:
    """A document already read: what the preview reads again (the same each time)."""

    name, adjustable = "plan.docx", True

    def __init__(self, result: Any) -> None:
        self.result = result

    def read(self, mapping: Any = None, remembered: Any = None) -> Any:
        return self.result


def _import_preview(window: Any) -> ImportPreviewDialog:
    from sendplan.exporters.office import ColumnChoice, ImportMapping, ImportReport, PlanImport, RowChoice, TableChoice

    report = ImportReport(source=Path("plan.docx"), layouts=["Table 1: one row per action"],
                          mappings=["Action → action"], guesses=["Reviews dated at the month's end"],
                          counts={"Areas": 4, "Objectives": 19, "Actions": 60})
    table = TableChoice("table 1", ("Ref", "Action", "RAG"), [ColumnChoice("Ref", "action_no"),
                                                              ColumnChoice("Action", "action"),
                                                              ColumnChoice("RAG", "rag", "Mar 24")],
                        listed=[RowChoice("1 1 audit plans", "1.1 | Audit plans | G", "action")])
    result = PlanImport(plan=snapshot(window.session.plan), report=report, mapping=ImportMapping([table]))
    return ImportPreviewDialog(_Source(result), result, None, window)


def _report_preview(window: Any) -> ReportPreviewDialog:
    from sendplan.exporters.report import read_report_text

    return ReportPreviewDialog(read_report_text(REPORT), window)


def _message(build: Callable[[DialogService, Any], QWidget]) -> Callable[[Any], QWidget]:
    return lambda window: build(DialogService(), window)


BUILDERS: dict[str, Callable[[Any], QWidget]] = {
    "Send update returns": lambda w: ReturnsOutDialog(w.session.plan, str(Path.home()), w),
    "Merge update returns": _merge,
    "Import a Word action plan": _import_preview,
    "New plan from the inspection report": lambda w: ReportSourceDialog(w),
    "Check what was read from the report": _report_preview,
    "Start a review": lambda w: StartReviewDialog(w.session.plan, w),
    "Renumber": lambda w: RenumberDialog("Renumber the plan", ["4.2 → 4.1", "4.3 → 4.2"], w),
    "Export": lambda w: ExportDialog(w),
    "Undo history": lambda w: UndoHistoryDialog(w.session.undo_stack, w),
    "Start screen": lambda w: StartScreen(),
    "Question": _message(lambda s, w: s.question_box(w, "The plan is open elsewhere", "Open it read-only?",
                                                     ["Open read-only", "Take over"])),
    "Finished": _message(lambda s, w: s.finished_box(w, "Export finished", "Written to pack.docx.",
                                                     ["Open file", "Show in folder"])),
    "Error": _message(lambda s, w: s.error_box(w, "Something went wrong", "A plain explanation.", "details")),
}


def every_dialog(window: Any, qtbot: Any) -> Iterator[tuple[str, QWidget]]:
    """(name, dialog) for each, built over ``window`` and closed by the test's end."""
    for name, build in BUILDERS.items():
        dialog = build(window)
        if not dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):  # those go by themselves
            qtbot.addWidget(dialog)
        yield name, dialog

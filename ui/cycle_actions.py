"""The review cycle's actions on the main window: start a review, send update returns, merge them back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sendplan.ui.background import run_in_background
from sendplan.ui.cycle_dialogs import MergeDialog, ReturnsOutDialog
from sendplan.ui.folders import output_folder
from sendplan.ui.services import dialogs
from sendplan.ui.start_review import StartReviewDialog

from sendplan.codec import snapshot
from sendplan.commands import StartReview

if TYPE_CHECKING:
    from sendplan.exporters.returns import ReturnsWritten
    from sendplan.ui.main_window import MainWindow

    from sendplan.merge import MergeResult


def start_review(window: MainWindow) -> None:
    session = window.session
    plan = session.plan
    dialog = StartReviewDialog(plan, window)
    if not dialogs().run(dialog):
        return
    review = dialog.review()
    session.push(StartReview(plan, review, carry_ratings=dialog.carry.isChecked()))
    session.set_current_review(review)
    window.fill_reviews()
    first = next((a for _, _, a in plan.iter_actions()), None)
    if first is not None:  # a review starts at the top of the plan, in review mode
        window.select_action(first.id)
    window.enter_review_mode()


def returns_out(window: MainWindow) -> None:
    """Write one return per chosen owner, as Excel workbooks or Word documents (the choice is remembered)."""
    session = window.session
    settings = window.settings
    folder = str(output_folder(session.document.path) / "Update returns")
    remembered = str(settings.value("returns/format", "xlsx")) if settings is not None else "xlsx"
    dialog = ReturnsOutDialog(session.plan, folder, window, remembered)
    if not dialogs().run(dialog):
        return
    owners = dialog.chosen_owners()
    if not owners:
        dialogs().inform(window, "No returns written", "Tick at least one owner.")
        return
    kind = dialog.chosen_format()
    if settings is not None:
        settings.setValue("returns/format", kind)
    target, review_id, plan = Path(dialog.folder.text()), dialog.review.currentData(), snapshot(session.plan)

    def work(progress: Callable[[int, int], None]) -> ReturnsWritten:
        from sendplan.exporters.returns import write_returns

        return write_returns(plan, target, kind=kind, review_id=review_id, owners=owners, progress=progress)

    def done(written: ReturnsWritten) -> None:
        """A box that stays until it is closed, as for an export: Show in folder, or Close."""
        count = len(written.files)
        noun = ("Word document" if kind == "docx" else "workbook") + ("" if count == 1 else "s")
        text = f"Wrote {count} update return{'' if count == 1 else 's'} ({noun}) to {written.folder}."
        window.statusBar().showMessage(text, 10000)
        if dialogs().finished(window, "Update returns written", text, ["Show in folder"]) == "Show in folder":
            dialogs().open_folder(written.folder)

    run_in_background(window, work, f"Writing update returns to {target.name}…", done, "Returns not written")


def returns_in(window: MainWindow) -> None:
    """Read the chosen returns on a worker thread (the plan as it was when chosen), then show the merge."""
    session = window.session
    paths = dialogs().open_files(window, "Choose the returned workbooks or Word documents",
                                 str(output_folder(session.document.path)),
                                 "Returned updates (*.xlsx *.docx);;Excel workbooks (*.xlsx);;Word documents (*.docx)")
    if not paths:
        return
    review = session.current_review
    plan, review_id = snapshot(session.plan), review.id if review else None

    def work(progress: Callable[[int, int], None]) -> MergeResult:
        from sendplan.exporters.returns import read_returns

        return read_returns(plan, paths, review_id, progress=progress)

    run_in_background(window, work, f"Reading {len(paths)} returned file{'' if len(paths) == 1 else 's'}…",
                      lambda result: _merge(window, result), "Returns not read", what="read")


def _merge(window: MainWindow, result: MergeResult) -> None:
    """Show what the returns propose; the ticked changes are applied to the plan as it is now, as one step."""
    session = window.session
    result.drop_gone(session.plan)
    if not result.changes:
        unread = result.files and len(result.unusable) == result.files
        first = ("None of the chosen files could be used, so nothing was merged." if unread
                 else "No changes were found in the returns.")
        dialogs().inform(window, "Nothing to merge", "\n".join([first, *result.problems[:10], *result.notes[:10],
                                                                result.count_line()]))
        return
    if not dialogs().run(MergeDialog(result, window)):
        return
    command = result.command(session.plan)
    if command is not None:
        session.push(command)
        window.statusBar().showMessage(command.label, 10000)

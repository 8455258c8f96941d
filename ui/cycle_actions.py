"""The review cycle's actions on the main window: start a review, send update returns, merge them back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sendplan.ui.cycle_dialogs import MergeDialog, ReturnsOutDialog
from sendplan.ui.services import dialogs
from sendplan.ui.start_review import StartReviewDialog

from sendplan.commands import AddItem, CommandGroup, SetRag
from sendplan.model import Review
from sendplan.paths import output_folder

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow


def start_review(window: MainWindow) -> None:
    session = window.session
    plan = session.plan
    dialog = StartReviewDialog(plan, window)
    if not dialogs().run(dialog):
        return
    review = Review(label=dialog.label.text().strip(), short_label=dialog.short.text().strip(),
                    day=dialog.chosen_day(), colour=dialog.colour.currentData(), period=dialog.period.text().strip())
    add = AddItem(plan, None, "reviews", review)
    add.apply(plan)  # the ratings are built against the plan with the review in it
    carried = [SetRag(plan, a.id, review.id, plan.current_rating(a)) for _, _, a in plan.iter_actions()
               if dialog.carry.isChecked() and plan.current_rating(a)]
    add.revert(plan)
    session.push(CommandGroup(f"Start the {review.label}", [add, *carried]))
    session.set_current_review(review)
    window.fill_reviews()
    first = next((a for _, _, a in plan.iter_actions()), None)
    if first is not None:  # a review starts at the top of the plan, in review mode
        window.select_action(first.id)
    window.enter_review_mode()


def returns_out(window: MainWindow) -> None:
    from sendplan.exporters.xlsx_workbooks import write_returns

    session = window.session
    folder = str(output_folder(session.document.path) / "Update returns")
    dialog = ReturnsOutDialog(session.plan, folder, window)
    if not dialogs().run(dialog):
        return
    owners = dialog.chosen_owners()
    if not owners:
        dialogs().inform(window, "No returns written", "Tick at least one owner.")
        return
    try:
        written = write_returns(session.plan, Path(dialog.folder.text()), dialog.review.currentData(), owners)
    except OSError as error:
        dialogs().warn(window, "Returns not written", f"Could not write to “{dialog.folder.text()}”: "
                       f"{error.strerror or error}.")
        return
    window.statusBar().showMessage(f"Wrote {len(written.files)} update returns to {written.folder}", 10000)
    dialogs().open_folder(written.folder)


def returns_in(window: MainWindow) -> None:
    from sendplan.exporters.xlsx_merge import read_returns

    session = window.session
    paths = dialogs().open_files(window, "Choose the returned workbooks", str(output_folder(session.document.path)),
                                 "Excel workbooks (*.xlsx)")
    if not paths:
        return
    review = session.current_review
    result = read_returns(session.plan, paths, review.id if review else None)
    if not result.changes:
        dialogs().inform(window, "Nothing to merge", "\n".join(["No changes were found in the returns.",
                                                                *result.problems[:10]]))
        return
    if not dialogs().run(MergeDialog(result, window)):
        return
    command = result.command(session.plan)
    if command is not None:
        session.push(command)
        window.statusBar().showMessage(command.label, 10000)

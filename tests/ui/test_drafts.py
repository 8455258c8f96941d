"""The draft journal: what is typed in review mode, the grid and the forms is on disk within a moment, kept until
the save that holds it, and offered back ("Keep / Discard") before anything else when the plan is next opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sendplan.ui import app as app_module
from sendplan.ui.action_model import COLUMNS

from sendplan.commands import SetRag
from sendplan.journal import PROGRESS, journal_path, read_drafts
from sendplan.review_state import updates_at
from sendplan.storage import load_plan

pytest_plugins = ["pytestqt"]
TYPED = "The panel met twice and agreed its terms."


def _drafts(window: Any) -> list[Any]:
    return read_drafts(window.session.document.path, window.session.plan.id)


def test_review_mode_typing_is_journalled_then_dropped_once_saved(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.enter_review_mode()
    page = window.review_page
    action = page.current()
    page.update_box.setFocus()
    QTest.keyClicks(page.update_box, TYPED)
    qtbot.waitUntil(lambda: any(d.text.endswith(TYPED) for d in _drafts(window)), timeout=1000)
    [draft] = _drafts(window)
    assert (draft.entity_id, draft.field, draft.review_id) == (action.id, PROGRESS, window.session.current_review.id)
    assert draft.label.startswith(f"{action.ref} update for the ") and draft.committed == -1
    QTest.keyClick(page.update_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [committed] = _drafts(window)  # in the journal at once, until the save holding it is on disk
    assert committed.committed >= 0 and committed.text.endswith(TYPED)
    qtbot.waitUntil(lambda: not journal_path(window.session.document.path).exists(), timeout=3000)
    plan = load_plan(window.session.document.path).plan
    assert any(u.text.endswith(TYPED) for _, _, a in plan.iter_actions() if a.id == action.id for u in a.progress)


@pytest.mark.parametrize("key", ["owner", "outcomes", "action"])
def test_a_grid_commit_is_in_the_journal_at_once_until_it_is_saved(qtbot: Any, window: Any, key: str) -> None:
    """Ctrl+Enter in a grid cell: the view puts the saved value back into the editor before the journal hears of the
    edit; the typed text must stay journalled (written at once) until the save holding it is on disk, not be taken
    for "typed back to what was there" and dropped (a kill just after the commit lost it)."""
    qtbot.waitExposed(window)
    window.session.autosave = False  # the save is what the journal waits for: held back here
    window.show_page("All actions")
    action = window.session.plan.areas[0].objectives[0].actions[1]
    window.select_action(action.id, COLUMNS.index(key))
    grid = window.grid
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, " and the Parent Forum")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    field = "text" if key == "action" else key
    assert getattr(action, field).endswith(" and the Parent Forum")
    [held] = _drafts(window)  # on disk at once, with no timer left to run
    assert (held.field, held.committed) == (field, window.session.edits)
    assert held.text == getattr(action, field)
    assert window.session.save_now()
    qtbot.waitUntil(lambda: not journal_path(window.session.document.path).exists(), timeout=3000)


def test_grid_typing_escape_forgets_it(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.show_page("All actions")
    action = window.session.plan.areas[0].objectives[0].actions[0]
    window.select_action(action.id)
    grid = window.grid
    grid.setCurrentIndex(window.proxy.mapFromSource(window.model.action_index(action.id, COLUMNS.index("owner"))))
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, " and the Parent Forum")
    qtbot.waitUntil(lambda: [d.field for d in _drafts(window)] == ["owner"], timeout=1000)
    assert _drafts(window)[0].text == f"{action.owner} and the Parent Forum"
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not journal_path(window.session.document.path).exists(), timeout=1000)


def _crash_and_reopen(qtbot: Any, window: Any, sample_file: Path) -> Any:
    """"The crash": the window goes without saving or clearing its journal; then the plan is opened again."""
    window.session.autosave = False
    window.session.document.read_only = True
    window.session.writer.stop()
    window.session.lock.unlock()
    window.journal = None
    window.hide()
    app_module._windows.remove(window)
    reopened = app_module.open_plan(sample_file)
    assert reopened is not None
    qtbot.addWidget(reopened)
    return reopened


def test_left_drafts_are_offered_before_anything_else(qtbot: Any, window: Any, scripted: Any,
                                                      sample_file: Path) -> None:
    qtbot.waitExposed(window)
    window.enter_review_mode()
    page = window.review_page
    action = page.current()
    page.update_box.setFocus()
    QTest.keyClicks(page.update_box, TYPED)
    QTest.keyClicks(page.new_date, "31/03/2027")
    QTest.keyClicks(page.reason, "The board meets later.")
    qtbot.waitUntil(lambda: len(_drafts(window)) == 2 and _drafts(window)[1].reason.endswith("later."), timeout=1000)
    left = _drafts(window)
    scripted.answers = ["Keep"]
    reopened = _crash_and_reopen(qtbot, window, sample_file)
    assert scripted.shown[0] == ("choose", "Recovered text"), "asked before anything else"
    assert scripted.defaults[0] == "Keep", "Enter keeps what was typed"
    # review mode shows the action whose text came back, not the next one still without an update
    assert reopened.stack.currentWidget() is reopened.review_page and reopened.review_page.action_id == action.id
    assert reopened.review_page.current() is not None
    plan = reopened.session.plan
    again = next(a for _, _, a in plan.iter_actions() if a.id == action.id)
    assert any(u.text.endswith(TYPED) for u in again.progress)
    assert again.due.current.display("uk") == "31/03/2027"
    assert again.due.revisions[-1].reason == "The board meets later."
    assert reopened.undo_action.text() == "&Undo Recover 2 pieces of text typed before sendplan closed"
    assert {d.key for d in left} <= {d.key for d in _drafts(reopened)}, "kept until the save holds them"
    qtbot.waitUntil(lambda: not journal_path(sample_file).exists(), timeout=3000)


def test_discarded_drafts_go_and_a_closed_box_keeps_them(qtbot: Any, scripted: Any, sample_file: Path) -> None:
    from sendplan.journal import Draft, write_drafts

    plan = load_plan(sample_file).plan
    action = plan.areas[0].objectives[0].actions[0]
    draft = Draft(action.id, "owner", f"{action.ref} By Whom", "Head of Inclusion and the Forum", action.owner)
    write_drafts(sample_file, plan.id, [draft])
    scripted.answers = [None]  # the box closed: asked again next time
    first = app_module.open_plan(sample_file)
    assert first is not None
    qtbot.addWidget(first)
    assert [d.text for d in _drafts(first)] == [draft.text] and first.session.plan.areas[0].objectives[0].actions[
        0].owner == action.owner
    first.close()
    scripted.answers = ["Discard"]
    second = app_module.open_plan(sample_file)
    assert second is not None
    qtbot.addWidget(second)
    assert not journal_path(sample_file).exists() and load_plan(sample_file).plan.areas[0].objectives[0].actions[
        0].owner == action.owner


def _rated_blue_in_review_mode(qtbot: Any, window: Any) -> tuple[Any, Any, Any]:
    """Review mode on an action rated Blue at this review, the keyboard on the ratings."""
    qtbot.waitExposed(window)
    window.enter_review_mode()
    page, review = window.review_page, window.session.current_review
    action = page.current()
    window.session.push(SetRag(window.session.plan, action.id, review.id, "blue"))
    page.show_action(action.id)
    page.chooser.setFocus()
    return page, review, action


def test_a_rating_chosen_before_a_crash_comes_back_with_the_text(qtbot: Any, window: Any, scripted: Any,
                                                                 sample_file: Path) -> None:
    page, review, action = _rated_blue_in_review_mode(qtbot, window)
    QTest.keyClick(page.chooser, Qt.Key.Key_2)  # Amber, and on to the update box
    assert QApplication.focusWidget() is page.update_box
    QTest.keyClicks(page.update_box, TYPED)
    qtbot.waitUntil(lambda: any(d.text.endswith(TYPED) for d in _drafts(window)), timeout=1000)
    [draft] = _drafts(window)
    assert (draft.rating, draft.rating_name, draft.committed) == ("amber", "Amber", -1)
    assert load_plan(sample_file).plan.rating_at(action, review) == "blue", "nothing saved before the crash"

    scripted.answers = ["Keep"]
    reopened = _crash_and_reopen(qtbot, window, sample_file)
    message = scripted.questions[0]
    assert scripted.shown[0] == ("choose", "Recovered text")
    assert f"• {action.ref} update for the {review.label}: “{draft.text}” and the rating Amber\n" in message
    plan = reopened.session.plan
    again = next(a for _, _, a in plan.iter_actions() if a.id == action.id)
    assert again.ratings[review.id] == "amber" and updates_at(again, review)[-1].text == draft.text
    assert reopened.undo_action.text() == "&Undo Recover text and a rating typed before sendplan closed"
    reopened.undo_action.trigger()
    again = next(a for _, _, a in reopened.session.plan.iter_actions() if a.id == action.id)
    assert again.ratings[review.id] == "blue" and all(u.text != draft.text for u in again.progress)


def test_a_rating_alone_is_journalled_and_offered_back(qtbot: Any, window: Any, scripted: Any,
                                                       sample_file: Path) -> None:
    page, review, action = _rated_blue_in_review_mode(qtbot, window)
    QTest.keyClick(page.chooser, Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: [d.rating for d in _drafts(window)] == ["red"], timeout=1000)
    scripted.answers = ["Keep"]
    reopened = _crash_and_reopen(qtbot, window, sample_file)
    assert f"• {action.ref} update for the {review.label}: the rating Red\n" in scripted.questions[0]
    again = next(a for _, _, a in reopened.session.plan.iter_actions() if a.id == action.id)
    assert again.ratings[review.id] == "red"
    assert reopened.undo_action.text() == "&Undo Recover a rating typed before sendplan closed"


def test_a_journalled_rating_is_pending_only_while_the_plan_lacks_it(sample_plan: Any) -> None:
    from sendplan.journal import Draft, offered, pending, recovery_command

    review = sample_plan.latest_review()
    action = sample_plan.areas[0].objectives[0].actions[0]
    action.ratings[review.id] = "blue"
    held = updates_at(action, review)[-1].text if updates_at(action, review) else ""
    rated = Draft(action.id, PROGRESS, "1.1 (a) update", held, held, review.id, rating="amber", rating_name="Amber")
    assert pending(sample_plan, [rated]) == [rated]
    assert offered(sample_plan, rated) == "1.1 (a) update: the rating Amber", "the text the plan holds is not offered"
    off_scale = Draft(action.id, PROGRESS, "1.1 (a) update", held, held, review.id, rating="purple")
    assert pending(sample_plan, [off_scale]) == []
    command = recovery_command(sample_plan, [rated, off_scale])
    assert command is not None and command.label == "Recover a rating typed before sendplan closed"
    count = len(action.progress)
    command.apply(sample_plan)
    assert action.ratings[review.id] == "amber" and len(action.progress) == count
    assert pending(sample_plan, [rated]) == []
    command.revert(sample_plan)
    assert action.ratings[review.id] == "blue"


def test_enter_in_the_recovery_box_keeps_the_text(qtbot: Any) -> None:
    """The real box: Keep is its default button (Enter), Cancel stays on Escape."""
    from PySide6.QtWidgets import QMessageBox
    from sendplan.ui.services import DialogService

    box = DialogService().question_box(None, "Recovered text", "Recovered text…", ["Keep", "Discard"], default="Keep")
    qtbot.addWidget(box)
    assert box.defaultButton().text() == "Keep"
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
    plain = DialogService().question_box(None, "The plan is open elsewhere", "…", ["Open read-only", "Take over"])
    qtbot.addWidget(plain)
    assert plain.defaultButton() is plain.button(QMessageBox.StandardButton.Cancel)  # no default: Cancel, as before

"""What a new officer met on a keyboard-only review day at 1366×768, each kept fixed by a test."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit
from sendplan.ui import cycle_actions
from sendplan.ui.action_model import COLUMNS, ActionRole
from sendplan.ui.field_form import FieldForm
from sendplan.ui.start_review import StartReviewDialog

from sendplan.commands import AddItem
from sendplan.model import Review

pytest_plugins = ["pytestqt"]


def _key(key: Any, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def _review_mode(qtbot: Any, window: Any) -> Any:
    qtbot.waitExposed(window)
    window.activateWindow()
    review = Review(label="February 2027 review", short_label="Feb 2027", day=date.today())
    window.session.push(AddItem(window.session.plan, None, "reviews", review))
    window.session.set_current_review(review)
    window.show_page("All actions")
    window.select_action(window.session.plan.areas[0].objectives[0].actions[0].id)
    window.grid.setFocus()
    _key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    return window.review_page


def test_ctrl_z_in_an_empty_update_box_undoes_the_last_save(qtbot: Any, window: Any) -> None:
    page = _review_mode(qtbot, window)
    first = page.current()
    _key("g")
    QTest.keyClicks(page.update_box, "Board agreed the terms.")
    _key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    second = page.action_id
    assert len(page.done) == 1
    _key("a")  # rate the next one: the keyboard is now in its empty update box
    assert page.update_box.hasFocus() and page.update_box.toPlainText() == ""
    _key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not [u for u in first.progress if u.review_id == window.session.current_review.id]
    assert len(page.done) == 0 and page.action_id == second and page.update_box.hasFocus()
    _key(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(page.done) == 1 and page.action_id == second
    for box in (page.new_date, page.reason):  # the date boxes pass an empty Ctrl+Z on too
        box.setFocus()
        _key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(page.done) == 0
        _key(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert len(page.done) == 1


def test_ctrl_z_while_typing_undoes_the_typing_first(qtbot: Any, window: Any) -> None:
    page = _review_mode(qtbot, window)
    _key("g")
    QTest.keyClicks(page.update_box, "Half a sentence")
    undo_label = window.undo_action.text()
    _key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.update_box.toPlainText() != "Half a sentence" and window.undo_action.text() == undo_label


def _scroll_shows_current(window: Any) -> bool:
    grid = window.grid
    rect = grid.visualRect(grid.currentIndex())
    return rect.isValid() and grid.viewport().rect().intersects(rect)


def test_clearing_find_or_filters_comes_back_to_the_current_action(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.resize(1366, 768)
    window.show_page("All actions")
    plan = window.session.plan
    target = plan.areas[1].objectives[1].actions[1]
    window.select_action(target.id)
    QApplication.processEvents()
    assert window.grid.verticalScrollBar().value() > 0 and _scroll_shows_current(window)
    window.focus_search()
    QTest.keyClicks(window.search, "backlog")
    qtbot.wait(50)  # the officer reads the one match: the grid lays itself out for it
    QTest.keyClick(window.search, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert window.grid.currentIndex().data(ActionRole) == target.id
    assert _scroll_shows_current(window), "clearing Find left the grid at the top, away from the action"
    window.set_filter("overdue", True)
    qtbot.wait(50)
    window.clear_filters()
    QApplication.processEvents()
    assert _scroll_shows_current(window), "clearing the filters left the grid away from the action"


def test_the_reference_cell_is_one_line_and_enter_saves_it(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.activateWindow()
    window.show_page("All actions")
    plan = window.session.plan
    first, second = plan.areas[0].objectives[0].actions[:2]
    window.select_action(second.id, COLUMNS.index("ref"))
    window.grid.setFocus()
    _key(Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "a reference was edited in a multi-line box where Enter adds a line"
    editor.selectAll()
    QTest.keyClicks(editor, first.ref)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert second.ref == first.ref and window.grid.hasFocus()
    index = window.grid.currentIndex()
    assert index.data(ActionRole) == second.id and "same heading" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(index.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    header = window.proxy.index(0, 0)  # an objective's header row still edits its (multi-line) text
    window.grid.setCurrentIndex(header)
    _key(Qt.Key.Key_F2)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)
    _key(Qt.Key.Key_Escape)


def test_a_reference_never_keeps_a_line_break(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    action = window.session.plan.areas[0].objectives[0].actions[1]
    index = window.proxy.mapFromSource(window.model.action_index(action.id, COLUMNS.index("ref")))
    assert window.proxy.setData(index, "1.1 (z)\n")  # pasted from Word with its paragraph mark
    assert action.ref == "1.1 (z)"


def test_dashboard_lists_wrap_at_laptop_size(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.resize(1366, 768)
    window.show_page("Dashboard")
    QApplication.processEvents()
    overdue = window.dashboard.lists["overdue"]
    assert overdue.count() > 0
    for listing in window.dashboard.lists.values():
        for row in range(listing.count()):
            rect = listing.visualRect(listing.model().index(row, 0))
            assert rect.right() <= listing.viewport().width(), listing.item(row).text()
    tall = max(overdue.visualRect(overdue.model().index(r, 0)).height() for r in range(overdue.count()))
    assert tall > overdue.fontMetrics().height() * 1.5  # "…, N days overdue (owner)" wraps instead of vanishing


def test_a_new_numbering_style_is_applied_by_renumber_as_the_overview_says(qtbot: Any, window: Any,
                                                                         scripted: Any) -> None:
    window.show_page("Plan overview")
    page = window.pages["Plan overview"]
    assert any("Edit › Renumber…" in label.text() for label in page.findChildren(QLabel))
    form = next(f for f in page.findChildren(FieldForm) if "numbering" in f.editors)
    box = form.editors["numbering"]
    box.setCurrentIndex(box.findData("1.1a"))
    box.activated.emit(box.currentIndex())
    first = window.session.plan.areas[0].objectives[0].actions[0]
    assert first.ref == "1.1 (a)"  # existing references keep their numbers
    scripted.answers.append(lambda dialog: True)
    window.renumber(None)
    assert first.ref == "1.1a"


def test_a_second_review_in_one_month_gets_its_own_short_label(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    existing = plan.latest_review()  # the sample's November 2026 review, short label "Nov 2026"
    dialog = StartReviewDialog(plan, window)
    qtbot.addWidget(dialog)
    dialog.day.setText((existing.day + timedelta(days=7)).strftime("%d/%m/%Y"))
    assert dialog.label.text() == f"{existing.label} 2"
    assert dialog.short.text() == f"{existing.short_label} (2)", "two chips would both say the same month"
    dialog.short.setText(existing.short_label)
    dialog.short.textEdited.emit(existing.short_label)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "short label" in dialog.error.text()
    dialog.short.setText("Late Nov 2026")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_starting_a_review_opens_review_mode_on_the_first_action(qtbot: Any, window: Any, scripted: Any) -> None:
    qtbot.waitExposed(window)
    plan = window.session.plan
    window.show_page("All actions")
    window.select_action(plan.areas[1].objectives[1].actions[0].id)

    def fill(dialog: Any) -> bool:
        dialog.day.setText("10/02/2027")
        return True
    scripted.answers.append(fill)
    cycle_actions.start_review(window)
    page = window.review_page
    assert window.session.current_review.label == "February 2027 review"
    assert window.stack.currentWidget() is page and page.action_id == plan.areas[0].objectives[0].actions[0].id
    assert page.chooser.hasFocus() and "0 of 60 updated" in page.progress_line.text()


def test_dashboard_counts_never_wrap_inside_a_number(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.resize(1366, 768)
    window.show_page("Dashboard")
    QApplication.processEvents()
    counts = window.dashboard.counts
    for column in range(1, counts.columnCount()):  # each count column as wide as its widest "21 (was 22, −1)"
        assert counts.sizeHintForColumn(column) <= counts.columnWidth(column), counts.item(0, column).text()


def test_leaving_review_mode_entered_from_the_dashboard_highlights_the_grid(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.show_page("Dashboard")
    window.enter_review_mode()
    action_id = window.review_page.action_id
    window.leave_review_mode()
    assert window.stack.currentWidget() is window.actions_page
    assert window.navigator.currentItem().text(0) == "All actions"
    assert window.current_action().id == action_id and window.grid.hasFocus()


def test_left_arrow_moves_along_the_row_not_up_to_the_objective(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    window.show_page("All actions")
    action = window.session.plan.areas[1].objectives[1].actions[1]
    grid = window.grid
    window.select_action(action.id, COLUMNS.index("rag"))
    grid.setFocus()
    grid.setColumnHidden(COLUMNS.index("action"), True)  # hidden columns are stepped over
    QTest.keyClick(grid, Qt.Key.Key_Left)
    assert grid.currentIndex().data(ActionRole) == action.id and grid.currentIndex().column() == COLUMNS.index("ref")
    QTest.keyClick(grid, Qt.Key.Key_Left)  # the first column: stay on the action
    assert grid.currentIndex().data(ActionRole) == action.id and grid.currentIndex().column() == COLUMNS.index("ref")
    grid.setColumnHidden(COLUMNS.index("action"), False)
    QTest.keyClick(grid, Qt.Key.Key_Right)
    assert grid.currentIndex().data(ActionRole) == action.id and grid.currentIndex().column() == COLUMNS.index("action")


def test_arrow_keys_step_through_the_show_choices_without_leaving_them(qtbot: Any, window: Any) -> None:
    page = _review_mode(qtbot, window)
    page.scope.setFocus()
    QTest.keyClick(page.scope, Qt.Key.Key_Down)
    assert page.scope.hasFocus() and page.scope.currentText().startswith("Area 1")
    QTest.keyClick(page.scope, Qt.Key.Key_Down)
    assert page.scope.hasFocus() and page.scope.currentText().startswith("Area 2")
    area = window.session.plan.areas[1]
    assert [a.id for a in page.queue] == [a.id for o in area.objectives for a in o.actions]
    assert page.action_id == area.objectives[0].actions[0].id


def test_the_details_panel_says_what_is_wrong_with_a_reference(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    first, second = window.session.plan.areas[0].objectives[0].actions[:2]
    window.select_action(second.id)
    window.proxy.setData(window.grid.currentIndex().sibling(window.grid.currentIndex().row(), 0), first.ref)
    QApplication.processEvents()
    assert second.ref == first.ref
    assert "Reference problem: another action under the same heading" in window.details.toPlainText()
    window.undo_action.trigger()
    QApplication.processEvents()
    assert "Reference problem" not in window.details.toPlainText()


def test_escape_from_review_mode_keeps_what_was_typed(qtbot: Any, window: Any) -> None:
    page = _review_mode(qtbot, window)
    action = page.current()
    _key("a")
    QTest.keyClicks(page.update_box, "Typed, then Escape before Ctrl+Enter.")
    _key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.actions_page
    review_id = window.session.current_review.id
    assert [u.text for u in action.progress if u.review_id == review_id] == ["Typed, then Escape before Ctrl+Enter."]
    assert action.ratings[review_id] == "amber" and window.current_action().id == action.id


def test_other_ways_out_of_review_mode_keep_what_was_typed(qtbot: Any, window: Any) -> None:
    page = _review_mode(qtbot, window)
    action = page.current()
    review_id = window.session.current_review.id
    QTest.keyClicks(page.update_box, "Typed, then Ctrl+D.")
    _key(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard
    assert [u.text for u in action.progress if u.review_id == review_id] == ["Typed, then Ctrl+D."]
    window.enter_review_mode()
    page.show_action(action.id)
    page.new_date.setText("31/03/2027")  # a new date needs its reason: Escape stays, with the form as typed
    QTest.keyClick(page.new_date, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is page and page.new_date.text() == "31/03/2027"
    assert "Say why the date moves" in page.error.text() and page.reason.hasFocus()
    QTest.keyClicks(page.reason, "Recruitment delayed")
    assert page.error.text() == ""


def test_choosing_another_area_never_leaves_details_of_an_action_not_shown(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    plan = window.session.plan
    window.select_action(plan.areas[0].objectives[2].actions[1].id)
    assert window.details.action_id == plan.areas[0].objectives[2].actions[1].id
    window.navigator.setCurrentItem(window.navigator.items[plan.areas[2].id])
    shown = {a.id for o in plan.areas[2].objectives for a in o.actions}
    assert window.details.action_id is None or window.details.action_id in shown

"""The main window, driven as a user would: edit, undo, autosave, structure, find, keyboard, a11y."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QToolButton, QWidget
from sendplan.ui.action_model import COLUMNS

from sendplan.storage import load_plan

pytest_plugins = ["pytestqt"]


def _rows(window: Any) -> list[Any]:
    """The action rows shown in the grid, in order (objective header rows and filtered rows left out)."""
    proxy = window.proxy
    return [index for o in range(proxy.rowCount()) for r in range(proxy.rowCount(proxy.index(o, 0)))
            if window.grid.is_shown(index := proxy.index(r, 0, proxy.index(o, 0)))]


def _index(window: Any, row: int, key: str) -> Any:
    first = _rows(window)[row]
    return first.siblingAtColumn(COLUMNS.index(key))


def _edit_text(qtbot: Any, window: Any, row: int, key: str, text: str) -> None:
    index = _index(window, row, key)
    window.grid.setCurrentIndex(index)
    window.grid.edit(index)
    editor = window.grid.findChild(QPlainTextEdit)
    assert editor is not None, "the multi-line editor should open"
    editor.setPlainText(text)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter commits


def _press_return(widget: QWidget) -> None:
    """Return in an editor: Qt commits through a queued call, so let the event loop run."""
    QTest.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def _on_disk(path: Path) -> Any:
    return load_plan(path).plan


def test_edit_undo_redo_and_autosave(qtbot: Any, window: Any, sample_file: Path) -> None:
    _edit_text(qtbot, window, 0, "owner", "Head of Inclusion\nand Head of SEND")
    action = window.session.plan.areas[0].objectives[0].actions[0]
    assert action.owner == "Head of Inclusion\nand Head of SEND"
    assert window.undo_action.text() == "&Undo Change By Whom of 1.1 (a)"
    qtbot.waitUntil(lambda: _on_disk(sample_file).areas[0].objectives[0].actions[0].owner == action.owner,
                    timeout=3000)
    qtbot.waitUntil(lambda: window.status_label.text().startswith("Saved "), timeout=3000)  # reported back
    window.undo_action.trigger()
    assert action.owner == "Director of Children's Services"
    assert window.proxy.data(_index(window, 0, "owner")) == "Director of Children's Services"
    window.redo_action.trigger()
    assert action.owner == "Head of Inclusion\nand Head of SEND"
    window.close()  # saves before closing
    assert _on_disk(sample_file).areas[0].objectives[0].actions[0].owner == action.owner


def test_rag_and_progress_go_to_the_current_review(qtbot: Any, window: Any, sample_file: Path) -> None:
    plan = window.session.plan
    first = plan.reviews_by_date()[0]
    window.review_box.setCurrentIndex(window.review_box.findData(first.id))
    assert window.session.current_review is first
    index = _index(window, 2, "rag")
    window.grid.setCurrentIndex(index)
    window.grid.edit(index)
    box = window.grid.findChild(QComboBox, None)
    box = [b for b in window.grid.findChildren(QComboBox) if b.accessibleName() == "RAG rating"][0]
    box.setCurrentIndex(box.findData("red"))
    _press_return(box)
    action = plan.areas[0].objectives[0].actions[2]
    assert action.ratings[first.id] == "red"
    assert window.proxy.data(index) == "Red"
    assert window.proxy.data(index, Qt.ItemDataRole.AccessibleTextRole) == "RAG: Red"
    _edit_text(qtbot, window, 2, "progress", "Rewritten at the December review")
    assert [u.text for u in action.progress if u.review_id == first.id] == ["Rewritten at the December review"]
    window.session.save_now()
    assert _on_disk(sample_file).areas[0].objectives[0].actions[2].ratings[first.id] == "red"


def test_changing_a_date_asks_why_and_keeps_the_old_one(qtbot: Any, window: Any, scripted: Any) -> None:
    index = _index(window, 0, "due")
    window.grid.setCurrentIndex(index)
    window.grid.edit(index)
    editor = [e for e in window.grid.findChildren(QLineEdit) if e.accessibleName().startswith("By When")][0]
    editor.setText("31.03.26")
    scripted.answers.append("Board membership took longer to agree")
    _press_return(editor)
    action = window.session.plan.areas[0].objectives[0].actions[0]
    assert action.due.current.display("uk") == "31/03/2026"
    assert action.due.revisions[-1].reason == "Board membership took longer to agree"
    assert "(was 31/10/2025)" in window.proxy.data(index)
    QApplication.sendPostedEvents(None, 0)  # let the closed editor be deleted
    QApplication.processEvents()
    window.grid.edit(index)
    editor = [e for e in window.grid.findChildren(QLineEdit) if e.accessibleName().startswith("By When")][0]
    editor.setText("next spring")
    _press_return(editor)
    assert scripted.shown[-1][0] == "warn" and len(action.due.revisions) == 1


def test_add_move_delete_keeps_references(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    objective = plan.areas[0].objectives[0]
    window.grid.setCurrentIndex(_index(window, 0, "action"))
    window.add_action.trigger()
    editor = window.grid.findChild(QPlainTextEdit)
    editor.setPlainText("A brand new action")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert objective.actions[1].text == "A brand new action"
    assert window.proxy.data(_index(window, 1, "ref")) == "1.1 (e)"  # the next free reference
    assert window.proxy.data(_index(window, 2, "ref")) == "1.1 (b)"  # neighbours keep theirs
    new_id = objective.actions[1].id
    window.move_up.trigger()
    assert objective.actions[0].id == new_id and window.proxy.data(_index(window, 0, "action")) == "A brand new action"
    window.move_up.trigger()  # nowhere further up: no change
    assert objective.actions[0].id == new_id
    window.grid.setCurrentIndex(_index(window, 0, "action"))
    window.delete_current()
    assert all(a.id != new_id for a in objective.actions)
    assert window.proxy.data(_index(window, 0, "ref")) == "1.1 (a)"
    window.undo_action.trigger()
    assert objective.actions[0].id == new_id


def test_moving_past_the_end_crosses_into_the_next_objective(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    first, second = plan.areas[0].objectives[:2]
    last = first.actions[-1]
    window.select_action(last.id)
    window.move_down.trigger()
    assert second.actions[0] is last and window.model.numbers[last.id] == "1.1 (d)"  # it keeps its reference


def test_find_and_filters(qtbot: Any, window: Any) -> None:
    assert len(_rows(window)) == 60
    window.focus_search()
    QTest.keyClicks(window.search, "waiting list")
    assert 1 <= len(_rows(window)) < 5
    assert window.text_delegate.term == "waiting list"
    assert "of 60 actions" in window.count_label.text()
    window.clear_filters()
    window.toggle_rating("red", True)
    assert len(_rows(window)) == 1 and window.filter_button.text() == "Filters (1 on)"
    window.clear_filters()
    assert window.filter_button.text() == "Filters"
    window.set_filter("revised", True)
    assert len(_rows(window)) == 7
    window.set_filter("overdue", True)
    assert len(_rows(window)) < 7
    scripted_owner = "Designated Clinical"
    window.clear_filters()
    window.filters.owner = scripted_owner
    window._apply_filters()
    assert all(scripted_owner in index.siblingAtColumn(COLUMNS.index("owner")).data() for index in _rows(window))


def test_navigator_shows_an_area_then_a_page(qtbot: Any, window: Any) -> None:
    nav = window.navigator
    area_item = nav.topLevelItem(0).child(1)
    nav.setCurrentItem(area_item)
    assert window.model.action_count() == 18 and window.proxy.data(_index(window, 0, "ref")) == "2.1 (a)"
    assert "Red" in area_item.toolTip(0) or "Amber" in area_item.toolTip(0)
    glossary = nav.findItems("Glossary", Qt.MatchFlag.MatchExactly)[0]
    nav.setCurrentItem(glossary)
    assert window.stack.currentWidget() is window.pages["Glossary"]


def test_keyboard_only_main_path(qtbot: Any, window: Any) -> None:
    """Find an action, change its RAG and progress for the current review, undo — all by keyboard."""
    window.show()
    qtbot.waitExposed(window)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    QTest.keyClicks(window.search, "independent chair")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert window.grid.hasFocus() and len(_rows(window)) == 1
    window.grid.setCurrentIndex(_index(window, 0, "action"))
    QTest.keyClick(window.grid, Qt.Key.Key_Right)  # to RAG
    assert window.grid.currentIndex().column() == COLUMNS.index("rag")
    QTest.keyClick(window.grid, Qt.Key.Key_F2)
    box = [b for b in window.grid.findChildren(QComboBox) if b.accessibleName() == "RAG rating"][0]
    QTest.keyClick(box, Qt.Key.Key_Up)
    _press_return(box)
    action = window.session.plan.areas[0].objectives[0].actions[1]
    latest = window.session.plan.latest_review()
    assert action.ratings[latest.id] != "green"
    for _ in range(3):
        QTest.keyClick(window.grid, Qt.Key.Key_Right)
    assert window.grid.currentIndex().column() == COLUMNS.index("progress")
    QTest.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.grid.findChild(QPlainTextEdit)
    QTest.keyClicks(editor, " Chair appointed.")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [u for u in action.progress if u.review_id == latest.id][-1].text.endswith("Chair appointed.")
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not [u for u in action.progress if u.review_id == latest.id][-1].text.endswith("Chair appointed.")


def test_every_control_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)) and widget not in (
                window.grid, window.navigator, window.details):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
            name = name or widget.defaultAction().text()
        if not name.replace("&", "").strip() and widget.isVisibleTo(window):
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert missing == []
    for action in (window.undo_action, window.redo_action, window.add_action, window.delete_action,
                   window.move_up, window.move_down, window.find_action):
        assert action.text().replace("&", "").strip()
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.add_action.shortcut().toString() == "Ins"
    assert window.move_up.shortcut().toString() == "Alt+Up"


def test_undo_history_view(qtbot: Any, window: Any) -> None:
    _edit_text(qtbot, window, 0, "owner", "Someone else")
    window.show_history()
    assert window.history_view.stack() is window.session.undo_stack
    assert window.session.undo_stack.text(0) == "Change By Whom of 1.1 (a)"


def test_drag_an_action_before_another(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    first, second = plan.areas[0].objectives[:2]
    moving = first.actions[0]
    data = window.proxy.mimeData([_index(window, 0, "action")])
    target = window.proxy.mapFromSource(window.model.action_index(second.actions[1].id, 1))
    assert not window.proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert second.actions[1] is moving and window.model.numbers[moving.id] == "1.1 (a)"
    window.undo_action.trigger()
    assert first.actions[0] is moving


def test_drag_areas_and_objectives_in_the_navigator(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    nav = window.navigator
    top = nav.topLevelItem(0)
    third_area = plan.areas[2]
    assert nav.move_by_drop(top.child(2), top.child(0))
    assert plan.areas[0] is third_area and nav.topLevelItem(0).child(0).text(0).startswith("3. Co-production")
    objective = plan.areas[1].objectives[0]
    assert nav.move_by_drop(nav.topLevelItem(0).child(1).child(0), nav.topLevelItem(0).child(0))
    assert plan.areas[0].objectives[-1] is objective
    assert not nav.move_by_drop(nav.topLevelItem(0).child(0), nav.topLevelItem(0).child(0).child(0))
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert plan.areas[2] is third_area


def test_keyboard_moves_and_deletes_areas_and_objectives(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    nav = window.navigator
    second_area = plan.areas[1]
    nav.setCurrentItem(nav.topLevelItem(0).child(1))
    nav.setFocus()
    QTest.keyClick(nav, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert plan.areas[0] is second_area
    assert nav.currentItem().data(0, Qt.ItemDataRole.UserRole + 11) == second_area.id  # selection follows
    objective = plan.areas[0].objectives[0]
    nav.setCurrentItem(nav.topLevelItem(0).child(0).child(0))
    QTest.keyClick(nav, Qt.Key.Key_Delete)
    assert objective not in plan.areas[0].objectives
    assert window.undo_action.text() == "&Undo Delete objective 2.1"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert plan.areas[1] is second_area and plan.areas[1].objectives[0] is objective


def test_alt_up_in_the_grid_moves_the_action(qtbot: Any, window: Any) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.show_page("All actions")
    objective = window.session.plan.areas[0].objectives[0]
    second = objective.actions[1]
    window.grid.setFocus()
    window.grid.setCurrentIndex(_index(window, 1, "action"))
    QTest.keyClick(window.grid, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert objective.actions[0] is second

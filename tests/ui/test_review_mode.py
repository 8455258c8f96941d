"""Review mode, keyboard only: rate, write the update, Ctrl+Enter to the next action without one."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sendplan.commands import AddItem
from sendplan.model import Review
from sendplan.review_state import review_under_way

pytest_plugins = ["pytestqt"]


def _key(key: Any, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def _new_review(window: Any) -> Review:
    review = Review(label="December 2026 review", short_label="Dec 2026", day=date.today())
    window.session.push(AddItem(window.session.plan, None, "reviews", review))
    window.session.set_current_review(review)
    return review


def test_a_review_by_keyboard(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    plan = window.session.plan
    review = _new_review(window)
    window.show_page("All actions")
    first = plan.areas[0].objectives[0].actions[0]
    window.select_action(first.id)
    window.grid.setFocus()
    _key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = window.review_page
    assert window.stack.currentWidget() is page and page.action_id == first.id
    assert page.chooser.hasFocus() and "0 of 60 updated" in page.progress_line.text()
    _key("a")  # Amber; focus moves on to the update box
    assert page.update_box.hasFocus()
    QTest.keyClicks(page.update_box, "Terms of reference agreed.")
    _key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert first.ratings[review.id] == "amber"
    assert [u.text for u in first.progress if u.review_id == review.id] == ["Terms of reference agreed."]
    assert window.undo_action.text() == f"&Undo Review of {first.ref}"
    second = plan.areas[0].objectives[0].actions[1]
    assert page.action_id == second.id and page.chooser.hasFocus()
    assert "1 of 60 updated" in page.progress_line.text() and page.queue_list.currentRow() == 1
    assert page.queue_list.item(0).text().startswith("✓")
    _key(Qt.Key.Key_PageDown)
    assert page.action_id == plan.areas[0].objectives[0].actions[2].id
    _key(Qt.Key.Key_PageUp)
    _key(Qt.Key.Key_PageUp)
    assert page.action_id == first.id and page.update_box.toPlainText() == "Terms of reference agreed."
    window.undo_action.trigger()  # the whole review step of the first action goes in one undo
    assert review.id not in first.ratings and not [u for u in first.progress if u.review_id == review.id]
    assert page.update_box.toPlainText() == "" and "0 of 60 updated" in page.progress_line.text()
    _key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.actions_page
    assert window.current_action() is first and window.grid.hasFocus()


def test_a_new_date_needs_a_reason(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    plan = window.session.plan
    _new_review(window)
    window.enter_review_mode()
    page = window.review_page
    action = page.current()
    before = action.due
    page.new_date.setText("31/07/2027")
    page.save_and_next()
    assert action.due == before and "Say why" in page.error.text() and page.reason.hasFocus()
    page.reason.setText("Recruitment took longer")
    page.save_and_next()
    assert action.due.current.display("uk") == "31/07/2027"
    assert action.due.revisions[-1].reason == "Recruitment took longer"
    plan.require_date_reason = False
    page.show_action(action.id)
    page.new_date.setText("31/08/2027")
    page.save_and_next()
    assert action.due.current.display("uk") == "31/08/2027"


def test_scope_to_one_owner_and_the_landing_page(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    plan = window.session.plan
    _new_review(window)
    assert review_under_way(window.session.plan, window.session.current_review)
    window.enter_review_mode()
    page = window.review_page
    owner = plan.areas[1].objectives[0].actions[0].owner
    page.scope.setCurrentIndex(page.scope.findData(f"owner:{owner}"))
    page.scope.activated.emit(page.scope.currentIndex())
    mine = [a for _, _, a in plan.iter_actions() if a.owner == owner]
    assert page.queue_list.count() == len(mine) and page.current().owner == owner
    assert f"0 of {len(mine)} updated" in page.progress_line.text()
    old = Review(label="Long ago", day=date(2020, 1, 1))
    window.session.set_current_review(old)
    assert not review_under_way(window.session.plan, window.session.current_review)

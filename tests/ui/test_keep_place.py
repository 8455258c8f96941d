"""Never lose the place: after every kind of edit, undo and redo, the grid keeps its current action,
selection, scroll position and keyboard focus, and no model is ever reset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sendplan.ui.action_model import ActionRole
from sendplan.ui.navigator import IdRole

from sendplan.commands import AddItem, Command, DeleteItem, MoveItem, Renumber, ReviseDueDate, SetField, SetRag
from sendplan.dates import parse_due
from sendplan.model import Action, Area, Objective, Plan, ProgressUpdate, Review

pytest_plugins = ["pytestqt"]


def _place(window: Any) -> tuple[Any, ...]:
    grid = window.grid
    current = grid.currentIndex()
    selected = sorted((i.data(ActionRole), i.column()) for i in grid.selectionModel().selectedIndexes())
    return (current.data(ActionRole), current.column(), selected, grid.verticalScrollBar().value(),
            QApplication.focusWidget() is grid)


def _other(plan: Plan) -> Action:
    return plan.areas[0].objectives[0].actions[1]


def _current(plan: Plan) -> Action:
    return plan.areas[1].objectives[1].actions[1]


EDITS: dict[str, Callable[[Plan], Command]] = {
    "field of the current action": lambda p: SetField(p, _current(p).id, "owner", "Head of SEND"),
    "field of another action": lambda p: SetField(p, _other(p).id, "text", "Reworded"),
    "objective text": lambda p: SetField(p, p.areas[1].objectives[1].id, "text", "Reworded objective"),
    "RAG": lambda p: SetRag(p, _current(p).id, p.latest_review().id, "red"),
    "progress added": lambda p: AddItem(p, _current(p).id, "progress",
                                        ProgressUpdate(text="New", review_id=p.latest_review().id)),
    "progress removed": lambda p: DeleteItem(p, _current(p).progress[0].id),
    "date revised": lambda p: ReviseDueDate(p, _current(p).id, parse_due("On-going"), "Scope grew"),
    "action inserted above": lambda p: AddItem(p, p.areas[0].objectives[0].id, "actions", Action(text="New"), 0),
    "action deleted above": lambda p: DeleteItem(p, _other(p).id),
    "action moved above": lambda p: MoveItem(p, _other(p).id, 0, new_parent_id=p.areas[0].objectives[2].id),
    "current action moved": lambda p: MoveItem(p, _current(p).id, 0, new_parent_id=p.areas[1].objectives[2].id),
    "objective inserted": lambda p: AddItem(p, p.areas[0].id, "objectives", Objective(text="New", actions=[Action()])),
    "objective deleted": lambda p: DeleteItem(p, p.areas[0].objectives[1].id),
    "area inserted": lambda p: AddItem(p, None, "areas", Area(title="New", objectives=[Objective(actions=[Action()])])),
    "area moved": lambda p: MoveItem(p, p.areas[3].id, 0),
    "reference edited": lambda p: SetField(p, _current(p).id, "ref", "2.2 (z)"),
    "renumbered": lambda p: _renumber_after_gap(p),
    "review added": lambda p: AddItem(p, None, "reviews", Review(label="Extra review")),
}


def _renumber_after_gap(plan: Plan) -> Command:
    SetField(plan, _other(plan).id, "ref", "1.1 (q)").apply(plan)  # out of order, so renumbering has work
    return Renumber(plan)


@pytest.mark.parametrize("kind", list(EDITS))
def test_every_edit_undo_and_redo_keeps_the_place(qtbot: Any, window: Any, kind: str) -> None:
    window.show_page("All actions")
    qtbot.waitExposed(window)
    plan = window.session.plan
    resets: list[str] = []
    window.model.modelAboutToBeReset.connect(lambda: resets.append("model"))
    window.proxy.modelAboutToBeReset.connect(lambda: resets.append("proxy"))
    window.select_action(_current(plan).id, 2)
    window.grid.setFocus()
    window.grid.verticalScrollBar().setValue(window.grid.verticalScrollBar().value() + 40)
    QApplication.processEvents()
    before = _place(window)
    assert before[0] == _current(plan).id and before[4]
    window.session.push(EDITS[kind](plan))
    QApplication.processEvents()
    assert _place(window) == before, f"after the edit ({kind})"
    window.undo_action.trigger()
    QApplication.processEvents()
    assert _place(window) == before, f"after undo ({kind})"
    window.redo_action.trigger()
    QApplication.processEvents()
    assert _place(window) == before, f"after redo ({kind})"
    assert resets == []


def test_rows_follow_the_plan_after_structural_edits(qtbot: Any, window: Any) -> None:
    """The model's rows are exactly the plan's, in order, after a run of edits, undos and redos."""
    plan = window.session.plan
    for kind in ("action inserted above", "action moved above", "current action moved", "objective deleted",
                 "area moved", "area inserted"):
        window.session.push(EDITS[kind](plan))
    expected = [(o.id, [a.id for a in o.actions]) for a in plan.areas for o in a.objectives]
    assert [(o.id, [a.id for a in window.model.kids[o.id]]) for o in window.model.top] == expected
    for _ in range(6):
        window.undo_action.trigger()
    expected = [(o.id, [a.id for a in o.actions]) for a in plan.areas for o in a.objectives]
    assert [(o.id, [a.id for a in window.model.kids[o.id]]) for o in window.model.top] == expected
    assert window.proxy.rowCount() == len(window.model.top)


def test_grid_edit_by_keyboard_keeps_focus_and_current_cell(qtbot: Any, window: Any) -> None:
    """Typing the first progress update of the review and pressing Ctrl+Enter (the bug that started it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit
    from sendplan.ui.action_model import COLUMNS

    window.show_page("All actions")
    qtbot.waitExposed(window)
    plan = window.session.plan
    review = Review(label="December 2026 review", day=date(2026, 12, 14))
    window.session.push(AddItem(plan, None, "reviews", review))
    window.session.set_current_review(review)
    action = _current(plan)
    window.select_action(action.id, COLUMNS.index("progress"))
    window.grid.setFocus()
    before = _place(window)
    QTest.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.grid.findChild(QPlainTextEdit)
    QTest.keyClicks(editor, "Panel met twice.")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert [u.text for u in action.progress if u.review_id == review.id] == ["Panel met twice."]
    assert _place(window) == before
    QTest.keyClick(window.grid, Qt.Key.Key_Down)
    assert window.grid.currentIndex().data(ActionRole) == plan.areas[1].objectives[1].actions[2].id


@pytest.mark.parametrize("one_area", [False, True])
def test_random_edits_undos_and_redos_keep_the_model_equal_to_the_plan(qtbot: Any, qtmodeltester: Any, window: Any,
                                                                       one_area: bool) -> None:
    """Every change record is applied to the grid's rows and the navigator's entries as it comes; after any
    mix of edits, groups, undos and redos they are the plan, with no reset (Qt's model tester watching)."""
    import random

    from random_edits import random_command

    rng = random.Random(11 + one_area)
    plan = window.session.plan
    shown = plan.areas[1].id if one_area else None
    if one_area:
        window.model.show_area(shown)
    qtmodeltester.check(window.model, force_py=True)
    resets: list[str] = []
    window.model.modelAboutToBeReset.connect(lambda: resets.append("model"))
    stack = window.session.undo_stack
    for _ in range(120):
        roll = rng.random()
        if roll < 0.2 and stack.canUndo():
            stack.undo()
        elif roll < 0.3 and stack.canRedo():
            stack.redo()
        else:
            window.session.push(random_command(plan, rng))
        expected = [(o.id, [a.id for a in o.actions]) for a in plan.areas if shown in (None, a.id)
                    for o in a.objectives]
        assert [(o.id, [a.id for a in window.model.kids[o.id]]) for o in window.model.top] == expected
        assert window.proxy.rowCount() == len(expected)
        top = window.navigator.topLevelItem(0)
        entries = [(top.child(n).data(0, IdRole), [top.child(n).child(m).data(0, IdRole)
                                                   for m in range(top.child(n).childCount())])
                   for n in range(top.childCount())]
        assert entries == [(a.id, [o.id for o in a.objectives]) for a in plan.areas]
    assert resets == []


def test_deleting_what_the_navigator_highlights_highlights_what_the_grid_shows(qtbot: Any, window: Any) -> None:
    """Delete an objective from the navigator: its area stays highlighted (the grid still shows it). Delete the
    area shown: every area is shown again and "All actions" is highlighted."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    navigator = window.navigator
    area = window.session.plan.areas[0]
    objective = area.objectives[0]
    navigator.setCurrentItem(navigator.items[objective.id])
    navigator.setFocus()
    QTest.keyClick(navigator, Qt.Key.Key_Delete)
    assert navigator.currentItem() is navigator.items[area.id] and window.model.area_id == area.id
    QTest.keyClick(navigator, Qt.Key.Key_Delete)
    assert navigator.currentItem() is navigator.topLevelItem(0) and window.model.area_id is None
    assert window.model.action_count() == sum(1 for _ in window.session.plan.iter_actions())


def test_another_area_comes_in_as_rows_not_a_reset_and_the_filters_still_hold(qtbot: Any, qtmodeltester: Any,
                                                                              window: Any) -> None:
    """Choosing an area in the navigator, and adding an area while one is shown, swap the grid's rows without a
    reset (the view would take it for a new plan); Find still hides what does not match in the rows that came."""
    qtbot.waitExposed(window)
    plan = window.session.plan
    qtmodeltester.check(window.model, force_py=True)
    resets: list[str] = []
    window.model.modelAboutToBeReset.connect(lambda: resets.append("model"))
    word = plan.areas[1].objectives[0].actions[0].text.split()[0].lower()
    window.search.setText(word)
    seen: list[int] = []
    navigator = window.navigator
    everything = navigator.topLevelItem(0)
    for item in (everything.child(1), everything.child(0), everything, everything.child(2)):
        navigator.setCurrentItem(item)
        QApplication.processEvents()
        area = item.data(0, IdRole) or None
        expected = [o.id for a in plan.areas if area in (None, a.id) for o in a.objectives]
        assert [o.id for o in window.model.top] == expected
        grid, proxy = window.grid, window.proxy
        shown = {proxy.index(r, 0, proxy.index(t, 0)).data(ActionRole) for t in range(proxy.rowCount())
                 if not grid.isRowHidden(t, proxy.index(t, 0).parent())
                 for r in range(proxy.rowCount(proxy.index(t, 0))) if not grid.isRowHidden(r, proxy.index(t, 0))}
        matching = {a.id for a_ in plan.areas if area in (None, a_.id) for o in a_.objectives for a in o.actions
                    if word in window.model.haystack(a)}
        assert shown == matching
        seen.append(len(matching))
    assert seen[0] > 0 and seen[2] < sum(1 for _ in plan.iter_actions()), "Find matched some rows, not all"
    window.add_area.trigger()  # while area 3 is shown: the grid shows every area, to show the new one's action
    assert window.model.area_id is None and window.current_action() is plan.areas[-1].objectives[0].actions[0]
    assert resets == []


def test_undoing_the_area_the_place_was_in_moves_the_place_to_its_neighbour(qtbot: Any, window: Any) -> None:
    """Add an area from an area view (the grid shows every area, on the new action), undo, redo: the current row
    is never lost, and the details always show the action the grid is on."""
    qtbot.waitExposed(window)
    plan = window.session.plan
    navigator = window.navigator
    navigator.setCurrentItem(navigator.topLevelItem(0).child(1))
    QApplication.processEvents()
    window.select_action(plan.areas[1].objectives[1].actions[1].id, 2)
    window.add_area.trigger()
    QApplication.processEvents()
    new = plan.areas[-1].objectives[0].actions[0]
    assert window.current_action() is new and window.details.action_id == new.id
    window.undo_action.trigger()
    QApplication.processEvents()
    last = plan.areas[-1].objectives[-1].actions[-1]  # the row before the area that went
    assert window.current_action() is last and window.details.action_id == last.id
    assert window.grid.currentIndex().column() == 1  # the column the new action was chosen in
    rect = window.grid.visualRect(window.grid.currentIndex())
    assert window.grid.viewport().rect().intersects(rect), "the place is in view"
    window.redo_action.trigger()
    QApplication.processEvents()
    assert window.current_action() is last and window.details.action_id == last.id


def test_the_grid_s_count_shows_only_beside_the_grid(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    navigator = window.navigator
    navigator.setCurrentItem(navigator.topLevelItem(0).child(3))
    QApplication.processEvents()
    assert window.count_label.isVisible() and window.count_label.text() == f"{window.model.action_count()} actions"
    window.show_page("Dashboard")
    QApplication.processEvents()
    assert not window.count_label.isVisible()  # it said "12 actions" (area 4's) on the dashboard
    window.enter_review_mode()
    QApplication.processEvents()
    assert not window.count_label.isVisible()  # review mode says its own "57 of 60 updated"
    window.show_page("All actions")
    QApplication.processEvents()
    assert window.count_label.isVisible()

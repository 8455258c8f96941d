"""References in the app: edited like any field, problems shown in red, renumbering with a preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from sendplan.ui.action_model import COLUMNS, ProblemRole

pytest_plugins = ["pytestqt"]


def _ref_index(window: Any, action_id: str) -> Any:
    return window.proxy.mapFromSource(window.model.action_index(action_id, COLUMNS.index("ref")))


def test_a_ref_is_edited_in_the_grid_and_a_duplicate_shows_in_red(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    first, second = plan.areas[0].objectives[0].actions[:2]
    window.show_page("All actions")
    assert window.proxy.setData(_ref_index(window, second.id), "1.1 (a)")
    assert second.ref == "1.1 (a)" and window.undo_action.text() == "&Undo Change reference of 1.1 (b)"
    for action in (first, second):
        index = _ref_index(window, action.id)
        assert "same heading" in index.data(ProblemRole)
        assert "Reference problem" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert isinstance(index.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    window.select_action(second.id)
    editor = window.action_form.editors["ref"]
    assert editor.text() == "1.1 (a)" and "same heading" in editor.toolTip()
    window.undo_action.trigger()
    assert second.ref == "1.1 (b)" and not _ref_index(window, first.id).data(ProblemRole)
    assert editor.text() == "1.1 (b)" and editor.toolTip() == ""
    editor.setText("1.1 (x)")
    editor.editingFinished.emit()
    assert second.ref == "1.1 (x)" and window.proxy.data(_ref_index(window, second.id)) == "1.1 (x)"


def test_renumber_previews_then_applies_as_one_undoable_step(qtbot: Any, window: Any, scripted: Any) -> None:
    plan = window.session.plan
    objective = plan.areas[0].objectives[0]
    window.select_action(objective.actions[0].id)
    window.delete_current()  # leaves a gap: 1.1 (b), (c), (d)
    seen: list[list[str]] = []

    def cancel(dialog: Any) -> bool:
        seen.append([dialog.changes.item(n).text() for n in range(dialog.changes.count())])
        return False
    scripted.answers.append(cancel)
    window.renumber(None)
    assert seen[0][:3] == ["1.1 (b) → 1.1 (a)", "1.1 (c) → 1.1 (b)", "1.1 (d) → 1.1 (c)"]
    assert objective.actions[0].ref == "1.1 (b)", "cancel changes nothing"
    scripted.answers.append(lambda dialog: True)
    window.renumber(plan.areas[0].id)
    assert [a.ref for a in objective.actions] == ["1.1 (a)", "1.1 (b)", "1.1 (c)"]
    assert window.undo_action.text() == f"&Undo Renumber area {plan.areas[0].ref}"
    assert window.proxy.data(_ref_index(window, objective.actions[0].id)) == "1.1 (a)"
    window.undo_action.trigger()
    assert [a.ref for a in objective.actions] == ["1.1 (b)", "1.1 (c)", "1.1 (d)"]
    window.renumber(plan.areas[1].id)  # nothing to change there
    assert scripted.shown[-1][0] == "inform" and "Nothing to renumber" in scripted.shown[-1][1]


def test_numbering_style_on_the_plan_overview(qtbot: Any, window: Any) -> None:
    from sendplan.ui.field_form import FieldForm

    window.show_page("Plan overview")
    form = next(f for f in window.pages["Plan overview"].findChildren(FieldForm) if "numbering" in f.editors)
    box = form.editors["numbering"]
    assert box.currentData() == "1.1 (a)"
    box.setCurrentIndex(box.findData("1a"))
    box.activated.emit(box.currentIndex())
    assert window.session.plan.numbering == "1a"
    window.undo_action.trigger()
    assert window.session.plan.numbering == "1.1 (a)" and box.currentData() == "1.1 (a)"


def test_an_objective_reference_is_edited_beside_the_grid(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    qtbot.waitExposed(window)
    objective = window.session.plan.areas[0].objectives[1]
    header = window.proxy.mapFromSource(window.model.objective_index(objective.id))
    window.grid.setCurrentIndex(header)
    form = window.objective_form
    assert form.isVisibleTo(window) and form.editors["ref"].text() == "1.2"
    form.editors["ref"].setText("1.9")
    form.editors["ref"].editingFinished.emit()
    assert objective.ref == "1.9" and header.data().startswith("1.9  ")
    window.select_action(objective.actions[0].id)
    assert not form.isVisibleTo(window)

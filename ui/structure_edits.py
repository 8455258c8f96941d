"""Edits to the plan's structure from the main window: add, delete and move actions, objectives and
areas, and renumbering (with a preview, as one undoable step)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget
from sendplan.ui.action_model import COLUMNS
from sendplan.ui.screen_fit import fit_window
from sendplan.ui.services import dialogs

from sendplan.commands import AddItem, DeleteItem, MoveItem, locate
from sendplan.model import Action, Area, Objective

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow


class RenumberDialog(QDialog):
    """The references that renumbering would change ("4.2 → 4.1"), with OK and Cancel."""

    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(lines)} references will change (one undoable step):"))
        self.changes = QListWidget()
        self.changes.setAccessibleName("References that will change")
        self.changes.addItems(lines)
        layout.addWidget(self.changes)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Renumber")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        fit_window(self, QSize(420, 420))


class StructureEdits:
    """Mixed into the main window (uses its session, model, proxy and grid)."""

    def _target_objective(self: Any) -> tuple[Objective | None, int]:
        action = self.current_action()
        plan = self.session.plan
        if action is not None:
            where = locate(plan, action.id)
            return where.parent, where.index + 1
        index = self.grid.currentIndex()
        if index.isValid():  # on an objective's header row: add at its start
            objective = self.model.entry(self.proxy.mapToSource(index))[0]
            return objective, 0
        areas = [a for a in plan.areas if self.model.area_id in (None, a.id)]
        objective = next((o for a in areas for o in a.objectives), None)
        return objective, len(objective.actions) if objective else 0

    def add_action_row(self: Any) -> None:
        objective, index = self._target_objective()
        if objective is None:
            dialogs().inform(self, "Add an objective first", "Actions belong to an objective. Add an area for "
                             "improvement and an objective, then add actions to it.")
            return
        action = Action()
        self.session.push(AddItem(self.session.plan, objective.id, "actions", action, index))
        self.select_action(action.id)
        self.grid.edit(self.grid.currentIndex())

    def add_objective_row(self: Any) -> None:
        plan = self.session.plan
        objective, _ = self._target_objective()
        if objective is not None:
            where = locate(plan, objective.id)
            area, index = where.parent, where.index + 1
        else:
            area = next((a for a in plan.areas if self.model.area_id in (None, a.id)), None)
            index = len(area.objectives) if area else 0
        if area is None:
            self.add_area_row()
            return
        new = Objective(text="New objective", actions=[Action()])
        self.session.push(AddItem(plan, area.id, "objectives", new, index))
        self.select_action(new.actions[0].id, COLUMNS.index("action"))

    def add_area_row(self: Any) -> None:
        plan = self.session.plan
        area = Area(title="New area for improvement",
                    objectives=[Objective(text="New objective", actions=[Action()])])
        self.session.push(AddItem(plan, None, "areas", area))
        self.select_action(area.objectives[0].actions[0].id)

    def delete_current(self: MainWindow) -> None:
        action = self.current_action()
        if action is None:
            return
        plan = self.session.plan
        where = locate(plan, action.id)
        siblings = where.parent.actions
        neighbour = (siblings[where.index + 1] if where.index + 1 < len(siblings)
                     else siblings[where.index - 1] if where.index > 0 else None)
        column = self.grid.currentIndex().column()
        self.session.push(DeleteItem(plan, action.id))
        if neighbour is not None:
            self.select_action(neighbour.id, column)

    def move_current(self: MainWindow, step: int) -> None:
        """Move the action up or down; past the end of its objective it goes into the next one."""
        action = self.current_action()
        if action is None:
            return
        plan = self.session.plan
        where = locate(plan, action.id)
        objective = where.parent
        target, index = objective, where.index + step
        if not 0 <= index < len(objective.actions):  # across into the neighbouring objective
            objectives = [o for a in plan.areas for o in a.objectives]
            position = objectives.index(objective) + step
            if not 0 <= position < len(objectives):
                return
            target = objectives[position]
            index = len(target.actions) if step < 0 else 0
        self.session.push(MoveItem(plan, action.id, index, new_parent_id=target.id))

    def renumber(self: MainWindow, area_id: str | None) -> None:
        """Show what renumbering the plan (or one area) would change; on OK, one undoable step."""
        from sendplan.commands import Renumber  # type: ignore[attr-defined]

        plan = self.session.plan
        command = Renumber(plan, area_id)
        lines = [f"{c.old or '(none)'} → {c.new}" for c in command.changes]
        where = f"area {locate(plan, area_id).entity.ref}" if area_id else "the plan"
        if not lines:
            dialogs().inform(self, "Nothing to renumber", f"Every reference in {where} already follows its "
                             "position.")
            return
        if dialogs().run(RenumberDialog(f"Renumber {where}", lines, self)):
            self.session.push(command)

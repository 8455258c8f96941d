"""Edits made in the action grid: typed cells become core commands, and dragged rows become moves.

Mixed into :class:`~sendplan.ui.action_model.ActionTreeModel` (it uses the model's session,
``entry``, ``numbers`` and ``current_update``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from sendplan.commands import AddItem, MoveItem, ReviseDueDate, SetField, SetRag, locate
from sendplan.dates import DueValue
from sendplan.model import Action, ProgressUpdate

COLUMNS = ("ref", "action", "rag", "owner", "due", "progress", "outcomes", "kpis")
FIELD = {"ref": "ref", "action": "text", "owner": "owner", "outcomes": "outcomes", "kpis": "kpis"}
MIME = "application/x-sendplan-action-id"
Index = QModelIndex | QPersistentModelIndex


class ActionEdits:
    """setData and drag-and-drop for the action grid's model."""

    def setData(self: Any, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.session.read_only:
            return False
        session = self.session
        plan = session.plan
        objective, action = self.entry(index)
        if action is None:
            if index.column() != 0 or value == objective.text:
                return False
            session.push(SetField(plan, objective.id, "text", value))
            return True
        key = COLUMNS[index.column()]
        if key == "ref":
            value = " ".join(str(value).split())  # a reference is one line: pasted line breaks never reach the plan
        if key in FIELD:
            if value == getattr(action, FIELD[key]):
                return False
            session.push(SetField(plan, action.id, FIELD[key], value))
        elif key == "rag":
            review = session.current_review
            if review is None or value == action.ratings.get(review.id, ""):
                return False
            session.push(SetRag(plan, action.id, review.id, value))
        elif key == "due":
            due, reason = value  # (DueValue, reason) from the date delegate
            assert isinstance(due, DueValue)
            if due == action.due.current:
                return False
            session.push(ReviseDueDate(plan, action.id, due, reason))
        elif key == "progress":
            return self._set_progress(action, value)
        return True

    def _set_progress(self: Any, action: Action, value: str) -> bool:
        session = self.session
        plan = session.plan
        update = self.current_update(action)
        review = session.current_review
        number = self.numbers.get(action.id, "")
        if update is not None:
            if value == update.text:
                return False
            session.push(SetField(plan, update.id, "text", value, label=f"Edit progress of {number}"))
        elif value.strip() and review is not None:
            session.push(AddItem(plan, action.id, "progress",
                                 ProgressUpdate(text=value, review_id=review.id, added=date.today()),
                                 label=f"Add progress to {number}"))
        else:
            return False
        return True

    # -- drag to reorder --------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self: Any, indexes: Sequence[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        action = self.entry(indexes[0])[1] if indexes else None
        if action is not None:
            data.setData(MIME, action.id.encode())
        return data

    def canDropMimeData(self: Any, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(MIME) and not self.session.read_only

    def dropMimeData(self: Any, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Dropping an action on another puts it before that one; on an objective's header, at its end."""
        if not self.canDropMimeData(data, action, row, column, parent) or not parent.isValid():
            return False
        moving = bytes(data.data(MIME).data()).decode()
        objective, target = self.entry(parent)
        if target is not None:
            index = objective.actions.index(target)
        else:
            index = len(objective.actions) if row < 0 else min(row, len(objective.actions))
        plan = self.session.plan
        where = locate(plan, moving)
        if where.parent is objective and where.index < index:
            index -= 1  # the list closes up behind the action being moved
        if where.parent is objective and where.index == index:
            return False
        self.session.push(MoveItem(plan, moving, index, new_parent_id=objective.id))
        return False  # the move is done; the view must not remove the source row itself

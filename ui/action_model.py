"""The action grid: a thin Qt table model over the plan's actions, with the Word table's columns.

Reads go straight to the plan; edits become core commands on the session's undo stack; change
records from the session turn into ``dataChanged`` for just the rows touched, or a reset when
rows were added, removed or moved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sendplan.exporters.colours import normalise, text_on
from sendplan.ui.session import PlanSession

from sendplan.commands import AddItem, Change, MoveItem, ReviseDueDate, SetField, SetRag, locate
from sendplan.dates import DueValue
from sendplan.model import Action, Area, Objective, ProgressUpdate
from sendplan.summaries import is_overdue

COLUMNS = ("number", "objective", "action", "rag", "owner", "due", "outcomes", "kpis", "progress")
TITLES = {"number": "No", "objective": "Objective", "action": "Action", "rag": "RAG", "owner": "By Whom",
          "due": "By When", "outcomes": "Intended Outcomes", "kpis": "Key Performance Indicators",
          "progress": "Progress this review"}
EDITABLE = {"objective", "action", "rag", "owner", "due", "outcomes", "kpis", "progress"}
FIELD = {"action": "text", "owner": "owner", "outcomes": "outcomes", "kpis": "kpis"}
ActionRole = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-sendplan-action-id"
Index = QModelIndex | QPersistentModelIndex


class ActionTableModel(QAbstractTableModel):
    """Rows are the actions of one area (or of every area when ``area_id`` is None)."""

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.area_id: str | None = None
        self.date_style = "uk"  # dd/mm/yyyy; "dotted" (30.09.17) or "long" by choice
        self.rows: list[tuple[Area, Objective, Action]] = []
        self.row_of: dict[str, int] = {}
        self.numbers: dict[str, str] = {}
        self.haystacks: dict[str, str] = {}
        self._rebuild()
        session.changed.connect(self._on_change)
        session.review_changed.connect(self._refresh_all)

    # -- rows -------------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        plan = self.session.plan
        self.numbers = plan.numbers()
        self.rows = [row for row in plan.iter_actions() if self.area_id is None or row[0].id == self.area_id]
        self.row_of = {action.id: n for n, (_, _, action) in enumerate(self.rows)}
        self.haystacks.clear()

    def show_area(self, area_id: str | None) -> None:
        self.beginResetModel()
        self.area_id = area_id
        self._rebuild()
        self.endResetModel()

    def _refresh_all(self, *_args: object) -> None:
        self.haystacks.clear()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def _on_change(self, change: Change) -> None:
        if change.structural or "text" in change.fields and any(
                self._is_objective(i) for i in change.ids):
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        touched = {self.row_of[i] for i in change.ids if i in self.row_of}
        touched |= {self.row_of[a.id] for i in change.ids for _, _, a in self.rows
                    if any(u.id == i for u in a.progress)}
        if not touched:
            self._refresh_all()
            return
        for row in touched:
            self.haystacks.pop(self.rows[row][2].id, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _is_objective(self, entity_id: str) -> bool:
        return any(objective.id == entity_id for _, objective, _ in self.rows)

    def action_at(self, row: int) -> Action:
        return self.rows[row][2]

    # -- Qt ---------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TITLES[COLUMNS[section]]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if self.session.read_only:
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if COLUMNS[index.column()] in EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def current_update(self, action: Action) -> ProgressUpdate | None:
        review = self.session.current_review
        if review is None:
            return None
        return next((u for u in reversed(action.progress) if u.review_id == review.id), None)

    def rating(self, action: Action) -> str:
        review = self.session.current_review
        plan = self.session.plan
        return plan.rating_at(action, review) if review else plan.current_rating(action)

    def display(self, key: str, row: int) -> str:
        _area, objective, action = self.rows[row]
        plan = self.session.plan
        if key == "number":
            return self.numbers.get(action.id, "")
        if key == "objective":
            return objective.text
        if key == "rag":
            level = plan.rag_level(self.rating(action))
            return level.name if level else "Not rated"
        if key == "due":
            current = action.due.current
            if current is None:
                return ""
            style = self.date_style
            earlier = ", ".join(v.display(style) for v in action.due.earlier)
            return current.display(style) + (f"\n(was {earlier})" if earlier else "")
        if key == "progress":
            update = self.current_update(action)
            return update.text if update else ""
        return str(getattr(action, FIELD[key]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, row = COLUMNS[index.column()], index.row()
        action = self.rows[row][2]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and key == "rag":
                return self.rating(action)
            if role == Qt.ItemDataRole.EditRole and key == "due":
                current = action.due.current
                return current.display("uk") if current else ""
            return self.display(key, row)
        if role == ActionRole:
            return action.id
        if key == "rag" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            level = self.session.plan.rag_level(self.rating(action))
            if level is None:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(level.colour))
            return QBrush(QColor(f"#{text_on(normalise(level.colour, 'FFFFFF'))}"))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{TITLES[key]}: {self.display(key, row) or 'empty'}"
        if role == Qt.ItemDataRole.ToolTipRole and key in ("action", "objective", "progress", "outcomes", "kpis"):
            text = self.display(key, row)
            return text if len(text) > 60 else None
        if role == Qt.ItemDataRole.ForegroundRole and key == "due" and is_overdue(
                self.session.plan, action, self.rating(action), date.today()):
            return QBrush(QColor("#B00020"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = COLUMNS[index.column()]
        _area, objective, action = self.rows[index.row()]
        plan, session = self.session.plan, self.session
        if key == "objective":
            if value == objective.text:
                return False
            session.push(SetField(plan, objective.id, "text", value))
        elif key in FIELD:
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
            update = self.current_update(action)
            review = session.current_review
            if update is not None:
                if value == update.text:
                    return False
                session.push(SetField(plan, update.id, "text", value,
                                      label=f"Edit progress of {self.numbers[action.id]}"))
            elif value.strip() and review is not None:
                session.push(AddItem(plan, action.id, "progress",
                                     ProgressUpdate(text=value, review_id=review.id, added=date.today()),
                                     label=f"Add progress to {self.numbers[action.id]}"))
            else:
                return False
        return True

    # -- drag to reorder ----------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if indexes:
            data.setData(MIME, self.rows[indexes[0].row()][2].id.encode())
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(MIME) and not self.session.read_only

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Dropping an action before another puts it there, in that action's objective."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moving = bytes(data.data(MIME).data()).decode()
        target_row = parent.row() if row < 0 and parent.isValid() else row
        plan = self.session.plan
        if 0 <= target_row < len(self.rows):
            objective = self.rows[target_row][1]
            index = objective.actions.index(self.rows[target_row][2])
        elif self.rows:
            objective = self.rows[-1][1]
            index = len(objective.actions)
        else:
            return False
        where = locate(plan, moving)
        if where.parent is objective and where.index < index:
            index -= 1  # the list closes up behind the action being moved
        if where.parent is objective and where.index == index:
            return False
        self.session.push(MoveItem(plan, moving, index, new_parent_id=objective.id))
        return False  # the move is done; the view must not remove the source row itself

    def haystack(self, row: int) -> str:
        """All of a row's text, lower-cased, for search."""
        action = self.rows[row][2]
        found = self.haystacks.get(action.id)
        if found is None:
            _area, objective, _ = self.rows[row]
            parts = [self.numbers.get(action.id, ""), objective.text, action.text, action.owner,
                     action.outcomes, action.kpis, action.notes, *action.evidence,
                     *(u.text for u in action.progress), self.display("rag", row), self.display("due", row)]
            found = self.haystacks[action.id] = "\n".join(parts).lower()
        return found

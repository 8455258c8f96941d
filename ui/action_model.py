"""The action grid's model: objectives as group header rows, their actions beneath, the Word table's columns.

A thin tree over the plan. Reads go straight to the plan; edits become core commands on the
session's undo stack. Each change record from the session becomes precise Qt signals:
``dataChanged`` for the cells whose fields changed, and ``beginInsertRows``/``beginRemoveRows``/
``beginMoveRows`` for the rows the record says were added, removed or moved (:mod:`grid_rows`).
Never a reset for an edit, so selection, current index, scroll position and focus survive every
edit, undo and redo.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from sendplan.ui.action_edits import COLUMNS, FIELD, MIME, ActionEdits, Index  # noqa: F401 - re-exported
from sendplan.ui.grid_rows import GridRows
from sendplan.ui.session import PlanSession

from sendplan.commands import Change, CommandError, locate
from sendplan.journal import DUE, PROGRESS, Draft
from sendplan.model import Action, Objective, ProgressUpdate
from sendplan.ratings import rating_look
from sendplan.refs import duplicate_ref_ids, ref_problem
from sendplan.review_state import progress_text, update_at, updates_at
from sendplan.summaries import is_overdue

TITLES = {"ref": "No", "action": "Action", "rag": "RAG", "owner": "By Whom", "due": "By When",
          "progress": "Progress this review", "outcomes": "Intended Outcomes", "kpis": "Key Performance Indicators"}
EDITABLE = {"ref", "action", "rag", "owner", "due", "outcomes", "kpis", "progress"}
# Which columns show each field of an action (a field not listed here shows in no column).
FIELD_COLUMNS = {"ref": ("ref",), "text": ("action",), "owner": ("owner",), "due": ("due",),
                 "outcomes": ("outcomes",), "kpis": ("kpis",), "ratings": ("rag", "due"), "progress": ("progress",),
                 "review_id": ("progress",)}
STRUCTURE = {"areas", "objectives", "actions"}
ActionRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 2  # True on an objective's group header row
ProblemRole = Qt.ItemDataRole.UserRole + 3  # what is wrong with a reference, or ""
ACTION_ROW_LINES = 4
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DROP_BELOW = Qt.ItemFlag.ItemIsDropEnabled
# [header row?, action row?][column]: an objective's header edits in its first cell; an action's cells
# drag, take drops and edit where the column is editable
_EDIT, _NONE = Qt.ItemFlag.ItemIsEditable, Qt.ItemFlag.NoItemFlags
_FLAGS = (tuple(_READ_ONLY | Qt.ItemFlag.ItemIsDropEnabled | (_EDIT if column == 0 else _NONE)
                for column in range(len(COLUMNS))),
          tuple(_READ_ONLY | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
                | (_EDIT if key in EDITABLE else _NONE) for key in COLUMNS))


class ActionTreeModel(ActionEdits, GridRows):
    """Top-level rows are the objectives of one area (or of every area when ``area_id`` is None);
    their children are the actions."""

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.date_style = "uk"  # dd/mm/yyyy; "dotted" (30.09.17) or "long" by choice
        self.line_height = 17
        self.numbers: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        self.haystacks: dict[str, str] = {}
        self._load()
        session.changed.connect(self._on_change)
        session.review_changed.connect(self._refresh_all)

    # -- rows -------------------------------------------------------------------------------------

    def _load(self) -> None:
        self._load_rows(self.session.plan.areas)
        self._renumber()

    def _renumber(self) -> set[str]:
        """Refresh references and their problems; returns the ids whose problem came or went."""
        plan = self.session.plan
        self.numbers = plan.numbers()
        before, self.problems = self.problems, {}
        for ident in duplicate_ref_ids(plan):
            self.problems[ident] = "Another item under the same heading has this reference"
        for _area, _objective, action in plan.iter_actions():
            problem = ref_problem(action.ref)
            if problem:
                self.problems[action.id] = problem
        return {i for i in set(before) | set(self.problems) if before.get(i) != self.problems.get(i)}

    def show_area(self, area_id: str | None) -> None:
        """Show one area's objectives (or every area's): a change of view, told as the old top rows going and the
        new ones coming, never as a reset (which the view would take for a new plan). References and their
        problems are the whole plan's, kept by edits."""
        root = QModelIndex()
        if self.top:
            self.beginRemoveRows(root, 0, len(self.top) - 1)
            self.top, self.kids = [], {}
            self._index_rows()
            self.endRemoveRows()
        self.area_id = area_id
        shown = [o for a in self.session.plan.areas if area_id in (None, a.id) for o in a.objectives]
        if shown:
            self.beginInsertRows(root, 0, len(shown) - 1)
        self._load_rows(self.session.plan.areas)
        if shown:
            self.endInsertRows()

    def _refresh_all(self, *_args: object) -> None:
        self.haystacks.clear()
        for row, objective in enumerate(self.top):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            children = self.kids[objective.id]
            if children:
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(children) - 1, len(COLUMNS) - 1, parent))

    def _on_change(self, change: Change) -> None:
        rows = change.rows_in(STRUCTURE)
        flagged: set[str] = set()
        if rows or any(name in ("ref", "numbering") for _, name in change.edited):
            flagged = self._renumber()
        if rows:
            self.apply_rows(rows)
        self._refresh_cells(change, flagged)

    def _refresh_cells(self, change: Change, flagged: set[str]) -> None:
        """``dataChanged`` for exactly the cells whose values the change touched (and references whose
        problem, such as a duplicate, came or went)."""
        cells = {(ident, "ref") for ident in flagged if ident in self.place}  # (action id, column key)
        for ident, name in change.edited:
            if ident in self.place:
                cells |= {(ident, key) for key in FIELD_COLUMNS.get(name, ())}
            elif ident in self.top_row:
                self._objective_changed(ident)
            elif name in ("text", "review_id"):
                owner = self._owner_of_update(ident)
                if owner in self.place:
                    cells.add((owner, "progress"))
        for rows in change.rows_in({"progress"}):
            if rows.parent_id in self.place:
                cells.add((rows.parent_id, "progress"))
            if rows.to_parent_id in self.place:
                cells.add((rows.to_parent_id, "progress"))
        for rows in change.rows_in({"actions"}):  # a moved action shows its (kept) reference anew
            cells |= {(ident, "ref") for ident in rows.ids if ident in self.place}
        for action_id, key in cells:
            self.haystacks.pop(action_id, None)
            index = self.action_index(action_id, COLUMNS.index(key))
            self.dataChanged.emit(index, index)

    def _objective_changed(self, objective_id: str) -> None:
        row = self.top_row[objective_id]
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        for action in self.kids[objective_id]:
            self.haystacks.pop(action.id, None)

    def _owner_of_update(self, ident: str) -> str | None:
        """The action a progress update belongs to (None for anything else, or when it is gone)."""
        try:
            where = locate(self.session.plan, ident)
        except CommandError:
            return None
        return where.parent.id if isinstance(where.parent, Action) else None

    # -- lookups ----------------------------------------------------------------------------------

    def action_index(self, action_id: str, column: int = 1) -> QModelIndex:
        found = self.place.get(action_id)
        if found is None:
            return QModelIndex()
        objective_id, row = found
        return self.createIndex(row, column, self._iid[objective_id])

    def objective_index(self, objective_id: str, column: int = 0) -> QModelIndex:
        row = self.top_row.get(objective_id)
        return QModelIndex() if row is None else self.createIndex(row, column, 0)

    def entry(self, index: Index) -> tuple[Objective, Action | None]:
        """The objective of a row and, for an action row, the action."""
        ident = index.internalId()
        if ident == 0:
            return self.top[index.row()], None
        objective_id = self._by_iid[ident]
        return self.top[self.top_row[objective_id]], self.kids[objective_id][index.row()]

    def actions(self) -> list[Action]:
        """Every action shown, in order."""
        return [a for o in self.top for a in self.kids[o.id]]

    def action_count(self) -> int:
        return len(self.place)

    # -- Qt ---------------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.top) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        objective = self.top[parent.row()]
        if row >= len(self.kids[objective.id]):
            return QModelIndex()
        return self.createIndex(row, column, self._iid[objective.id])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self.top_row[self._by_iid[index.internalId()]], 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.top)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self.kids[self.top[parent.row()].id])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TITLES[COLUMNS[section]]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Worked out once (:data:`_FLAGS`): the view asks for every row each time it lays them out."""
        if not index.isValid():
            return _DROP_BELOW  # the space below the rows takes a drop
        if self.session.read_only:
            return _READ_ONLY
        return _FLAGS[index.internalId() != 0][index.column()]

    def current_update(self, action: Action) -> ProgressUpdate | None:
        return update_at(action, self.session.current_review)

    def draft_for(self, index: Index, text: str) -> Draft | None:
        """What is being typed into a cell, for the draft journal (None for the RAG drop-down)."""
        objective, action = self.entry(index)
        key = COLUMNS[index.column()]
        if action is None:
            return Draft(objective.id, "text", f"Objective {objective.ref}", text, objective.text)
        number, review = self.numbers.get(action.id, ""), self.session.current_review
        if key == "progress" and review is not None:
            update = self.current_update(action)
            return Draft(action.id, PROGRESS, f"{number} progress for the {review.label}", text,
                         update.text if update else "", review.id)
        if key == "due":
            return Draft(action.id, DUE, f"{number} By When", text, str(self.data(index, Qt.ItemDataRole.EditRole)))
        if key in FIELD:
            return Draft(action.id, FIELD[key], f"{number} {TITLES[key]}", text, str(getattr(action, FIELD[key])))
        return None

    def rating(self, action: Action) -> str:
        review = self.session.current_review
        plan = self.session.plan
        return plan.rating_at(action, review) if review else plan.current_rating(action)

    def overdue(self, action: Action) -> bool:
        return is_overdue(self.session.plan, action, self.rating(action), date.today())

    def display(self, key: str, action: Action) -> str:
        plan = self.session.plan
        if key == "ref":
            return self.numbers.get(action.id, "")
        if key == "rag":
            return rating_look(plan, self.rating(action)).name
        if key == "due":
            current = action.due.current
            if current is None:
                return ""
            style = self.date_style
            earlier = ", ".join(v.display(style) for v in action.due.earlier)
            flag = "\nOVERDUE" if self.overdue(action) else ""
            return current.display(style) + flag + (f"\n(was {earlier})" if earlier else "")
        if key == "progress":  # every entry at this review (two owners' returns), in recorded order
            return progress_text(updates_at(action, self.session.current_review))
        return str(getattr(action, FIELD[key]))

    def header_text(self, objective: Objective) -> str:
        number = self.numbers.get(objective.id, "")
        return f"{number}  {objective.text}".strip() if number else objective.text

    def _header_data(self, index: Index, objective: Objective, role: int) -> Any:
        if role == Qt.ItemDataRole.SizeHintRole:  # every column, so laying out rows measures nothing
            lines = 1 if len(objective.text) < 110 else 2
            return QSize(0, lines * self.line_height + 10)
        if role == Qt.ItemDataRole.AccessibleTextRole:  # every column: the row spans them, none is blank
            return f"Objective {self.header_text(objective)}"
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(objective)
        if role == Qt.ItemDataRole.EditRole:
            return objective.text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#E4ECF5"))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#B00020" if objective.id in self.problems else "#1F2F45"))
        if role == HeaderRole:
            return True
        if role == ProblemRole:
            return self.problems.get(objective.id, "")
        if role == Qt.ItemDataRole.ToolTipRole and objective.id in self.problems:
            return f"Reference problem: {self.problems[objective.id]}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        objective, action = self.entry(index)
        if action is None:
            return self._header_data(index, objective, role)
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and key == "rag":
                return self.rating(action)
            if role == Qt.ItemDataRole.EditRole and key == "due":
                current = action.due.current
                return current.display("uk") if current else ""
            if role == Qt.ItemDataRole.EditRole and key == "progress":  # the editor changes the latest entry
                update = self.current_update(action)
                return update.text if update else ""
            return self.display(key, action)
        if role == ActionRole:
            return action.id
        if role == HeaderRole:
            return False
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, ACTION_ROW_LINES * self.line_height + 8)
        if key == "rag" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            key_now = self.rating(action)
            if not key_now:
                return None
            look = rating_look(self.session.plan, key_now)
            return QBrush(QColor(f"#{look.fill if role == Qt.ItemDataRole.BackgroundRole else look.text}"))
        if key == "ref" and role == ProblemRole:
            return self.problems.get(action.id, "")
        if key == "ref" and action.id in self.problems:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#B00020"))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#FDE7EA"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Reference problem: {self.problems[action.id]}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            problem = f" (problem: {self.problems[action.id]})" if key == "ref" and action.id in self.problems else ""
            return f"{TITLES[key]}: {self.display(key, action) or 'empty'}{problem}"
        if role == Qt.ItemDataRole.ToolTipRole and key in ("action", "progress", "outcomes", "kpis"):
            text = self.display(key, action)
            return text if len(text) > 60 else None
        if role == Qt.ItemDataRole.ForegroundRole and key == "due" and self.overdue(action):
            return QBrush(QColor("#B00020"))
        return None

    def haystack(self, action: Action) -> str:
        """All of an action's text (and its objective's), lower-cased, for search."""
        found = self.haystacks.get(action.id)
        if found is None:
            objective_id = self.place[action.id][0]
            objective = self.top[self.top_row[objective_id]]
            parts = [self.numbers.get(action.id, ""), objective.text, action.text, action.owner,
                     action.outcomes, action.kpis, action.notes, *action.evidence,
                     *(u.text for u in action.progress), self.display("rag", action), self.display("due", action)]
            found = self.haystacks[action.id] = "\n".join(parts).lower()
        return found

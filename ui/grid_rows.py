"""The action grid's rows, kept in step with the plan by applying each change record as it comes.

The grid's top rows are the objectives of the areas it shows (every area, or one), in plan order;
each objective's rows are its actions. A change record says exactly which rows came, went or moved
(collection, parent, index, the items); each becomes one ``beginInsertRows``/``beginRemoveRows``/
``beginMoveRows`` bracket around the same step on the model's own lists. Nothing is compared: an
area or objective that arrives part-way through a change brings its children as they were at that
step (:func:`sendplan.changes.children_after`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from sendplan.changes import INSERTED, MOVED, REMOVED, Rows, children_after
from sendplan.model import Action, Area, Objective


class GridRows(QAbstractItemModel):
    """The rows of :class:`sendplan.ui.action_model.ActionTreeModel` and how change records move them."""

    def __init__(self) -> None:
        super().__init__()
        self.area_id: str | None = None  # the one area shown, or None for every area
        self.top: list[Objective] = []  # the top-level rows: the shown areas' objectives, area by area
        self.kids: dict[str, list[Action]] = {}  # objective id → its actions, as rows
        self.groups: list[str] = []  # the shown areas' ids, in plan order (an area without objectives too)
        self.group_len: dict[str, int] = {}  # area id → how many of the top rows are its objectives
        self.top_row: dict[str, int] = {}  # objective id → its top row
        self.place: dict[str, tuple[str, int]] = {}  # action id → (objective id, row under it)
        self._iid: dict[str, int] = {}  # objective id → the internal id its actions' indexes carry
        self._by_iid: dict[int, str] = {}

    def _load_rows(self, areas: Sequence[Area]) -> None:
        shown = [a for a in areas if self.area_id in (None, a.id)]
        self.groups = [a.id for a in shown]
        self.group_len = {a.id: len(a.objectives) for a in shown}
        self.top = [o for a in shown for o in a.objectives]
        self.kids = {o.id: list(o.actions) for o in self.top}
        for objective in self.top:
            self._internal_id(objective.id)
        self._index_rows()

    def _internal_id(self, objective_id: str) -> int:
        found = self._iid.get(objective_id)
        if found is None:
            found = self._iid[objective_id] = len(self._iid) + 1  # 0 means "top level"
            self._by_iid[found] = objective_id
        return found

    def _index_rows(self) -> None:
        """Row lookups, kept true at every step of a structural change (Qt reads them mid-change)."""
        self.top_row = {o.id: n for n, o in enumerate(self.top)}
        self.place = {a.id: (oid, n) for oid, actions in self.kids.items() for n, a in enumerate(actions)}

    def _under(self, objective_id: str) -> QModelIndex:
        """The index of an objective's row, the parent of its actions' rows."""
        return self.createIndex(self.top_row[objective_id], 0, 0)

    def _offset(self, area_id: str, groups: Sequence[str] | None = None,
                lengths: dict[str, int] | None = None) -> int:
        """The top row of ``area_id``'s first objective (where it would be, when it has none)."""
        lengths = self.group_len if lengths is None else lengths
        offset = 0
        for group in self.groups if groups is None else groups:
            if group == area_id:
                return offset
            offset += lengths[group]
        raise KeyError(area_id)

    def apply_rows(self, records: Sequence[Rows]) -> None:
        """Apply the row records of one change (areas, objectives and actions), in the order they happened."""
        for step, record in enumerate(records):
            if record.collection == "areas":
                self._area_rows(records, step, record)
            elif record.collection == "objectives":
                self._objective_rows(records, step, record)
            elif record.collection == "actions":
                self._action_rows(record)
            self._index_rows()

    # -- areas: blocks of top rows ------------------------------------------------------------------

    def _area_rows(self, records: Sequence[Rows], step: int, record: Rows) -> None:
        area = record.items[0]
        if record.kind == INSERTED and self.area_id in (None, area.id) and area.id not in self.group_len:
            objectives = children_after(records, step, area, "objectives")
            position = record.index if self.area_id is None else 0
            self.groups.insert(position, area.id)
            self.group_len[area.id] = 0
            self._insert_top(area.id, 0, objectives, records, step)
        elif record.kind == REMOVED and area.id in self.group_len:
            offset, count = self._offset(area.id), self.group_len[area.id]
            if count:
                self.beginRemoveRows(QModelIndex(), offset, offset + count - 1)
            for objective in self.top[offset:offset + count]:
                del self.kids[objective.id]
            del self.top[offset:offset + count]
            self.groups.remove(area.id)
            del self.group_len[area.id]
            self._index_rows()
            if count:
                self.endRemoveRows()
        elif record.kind == MOVED and self.area_id is None and area.id in self.group_len:
            offset, count = self._offset(area.id), self.group_len[area.id]
            order = [g for g in self.groups if g != area.id]
            order.insert(record.to_index, area.id)
            new_offset = self._offset(area.id, order)
            moving = count > 0 and new_offset != offset
            if moving:
                self.beginMoveRows(QModelIndex(), offset, offset + count - 1, QModelIndex(),
                                   new_offset + count if new_offset > offset else new_offset)
            block = self.top[offset:offset + count]
            del self.top[offset:offset + count]
            self.top[new_offset:new_offset] = block
            self.groups = order
            self._index_rows()
            if moving:
                self.endMoveRows()

    def _insert_top(self, area_id: str, index: int, objectives: list[Objective], records: Sequence[Rows],
                    step: int) -> None:
        """Insert objectives of ``area_id`` at its ``index``, each with its actions as they were at ``step``."""
        offset = self._offset(area_id) + index
        if objectives:
            self.beginInsertRows(QModelIndex(), offset, offset + len(objectives) - 1)
        self.top[offset:offset] = objectives
        for objective in objectives:
            self._internal_id(objective.id)
            self.kids[objective.id] = children_after(records, step, objective, "actions")
        self.group_len[area_id] += len(objectives)
        self._index_rows()
        if objectives:
            self.endInsertRows()

    # -- objectives: single top rows ----------------------------------------------------------------

    def _objective_rows(self, records: Sequence[Rows], step: int, record: Rows) -> None:
        objective = record.items[0]
        source = record.parent_id if record.parent_id in self.group_len else None
        target = record.to_parent_id if record.kind == MOVED else record.parent_id if record.kind == INSERTED else ""
        target = target if target in self.group_len else None
        if record.kind == MOVED and source is not None and target is not None:
            self._move_objective(record, objective)
        elif record.kind in (REMOVED, MOVED) and source is not None:
            offset = self._offset(source) + record.index
            self.beginRemoveRows(QModelIndex(), offset, offset)
            del self.top[offset]
            del self.kids[objective.id]
            self.group_len[source] -= 1
            self._index_rows()
            self.endRemoveRows()
        elif record.kind in (INSERTED, MOVED) and target is not None:
            index = record.to_index if record.kind == MOVED else record.index
            self._insert_top(target, index, [objective], records, step)

    def _move_objective(self, record: Rows, objective: Objective) -> None:
        source, target = record.parent_id, record.to_parent_id
        old = self._offset(source) + record.index
        lengths = dict(self.group_len)
        lengths[source] -= 1
        new = self._offset(target, lengths=lengths) + record.to_index
        if new != old:
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
        del self.top[old]
        self.top.insert(new, objective)
        self.group_len = lengths
        self.group_len[target] += 1
        self._index_rows()
        if new != old:
            self.endMoveRows()

    # -- actions: rows under an objective -----------------------------------------------------------

    def _action_rows(self, record: Rows) -> None:
        action = record.items[0]
        source = record.parent_id if record.parent_id in self.kids else None
        target = record.to_parent_id if record.kind == MOVED else record.parent_id if record.kind == INSERTED else ""
        target = target if target in self.kids else None
        if record.kind == MOVED and source is not None and target is not None:
            same = source == target
            if same and record.to_index == record.index:
                return
            destination = record.to_index + 1 if same and record.to_index > record.index else record.to_index
            self.beginMoveRows(self._under(source), record.index, record.index, self._under(target), destination)
            del self.kids[source][record.index]
            self.kids[target].insert(record.to_index, action)
            self._index_rows()
            self.endMoveRows()
        elif record.kind in (REMOVED, MOVED) and source is not None:
            self.beginRemoveRows(self._under(source), record.index, record.index)
            del self.kids[source][record.index]
            self._index_rows()
            self.endRemoveRows()
        elif record.kind in (INSERTED, MOVED) and target is not None:
            index = record.to_index if record.kind == MOVED else record.index
            self.beginInsertRows(self._under(target), index, index)
            self.kids[target].insert(index, action)
            self._index_rows()
            self.endInsertRows()


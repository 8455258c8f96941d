"""Change records: replaying the row records of every edit, undo and redo on a copy of the plan's
structure gives the plan's structure exactly, and field edits name exactly what changed."""

from __future__ import annotations

import random

from random_edits import random_command

from sendplan.changes import INSERTED, MOVED, REMOVED, Change, children_after
from sendplan.commands import (
    AddItem,
    DeleteItem,
    History,
    MoveItem,
    Renumber,
    SetField,
    SetRag,
)
from sendplan.model import Area, Objective, Plan, ProgressUpdate


def _shape(plan: Plan) -> dict[str, list[str]]:
    """Every parent's child ids, for the three levels a grid shows."""
    shape = {plan.id: [a.id for a in plan.areas]}
    for area in plan.areas:
        shape[area.id] = [o.id for o in area.objectives]
        for objective in area.objectives:
            shape[objective.id] = [a.id for a in objective.actions]
    return shape


def _replay(shape: dict[str, list[str]], change: Change) -> None:
    records = change.rows_in({"areas", "objectives", "actions"})
    for step, rows in enumerate(records):
        ident = rows.ids[0]
        if rows.kind == INSERTED:
            shape.setdefault(rows.parent_id, []).insert(rows.index, ident)
            todo = [rows.items[0]]
            while todo:  # a new item brings its children as they were at this step
                parent = todo.pop()
                collection = {Area: "objectives", Objective: "actions"}.get(type(parent))
                if collection:
                    children = children_after(records, step, parent, collection)
                    shape[parent.id] = [c.id for c in children]
                    todo.extend(children)
        elif rows.kind == REMOVED:
            assert shape[rows.parent_id][rows.index] == ident
            del shape[rows.parent_id][rows.index]
        else:
            assert rows.kind == MOVED and shape[rows.parent_id][rows.index] == ident
            del shape[rows.parent_id][rows.index]
            shape.setdefault(rows.to_parent_id, []).insert(rows.to_index, ident)


def _tree(shape: dict[str, list[str]], root: str) -> dict[str, list[str]]:
    """The part of ``shape`` reachable from ``root`` (removed parents' rows drop out with them)."""
    found, todo = {}, [root]
    while todo:
        parent = todo.pop()
        found[parent] = list(shape.get(parent, []))
        todo.extend(found[parent])
    return {k: v for k, v in found.items() if v}


def test_row_records_replayed_give_the_plan(sample_plan: Plan) -> None:
    rng = random.Random(14)
    history = History(sample_plan)
    shape = _shape(sample_plan)
    for _ in range(60):
        _replay(shape, history.push(random_command(sample_plan, rng)))
        assert _tree(shape, sample_plan.id) == _tree(_shape(sample_plan), sample_plan.id)
    while history.done:
        _replay(shape, history.undo())
        assert _tree(shape, sample_plan.id) == _tree(_shape(sample_plan), sample_plan.id)
    while history.undone:
        _replay(shape, history.redo())
    assert _tree(shape, sample_plan.id) == _tree(_shape(sample_plan), sample_plan.id)


def test_field_edits_name_the_entity_and_field(sample_plan: Plan) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    review = sample_plan.latest_review()
    assert review is not None
    change = SetRag(sample_plan, action.id, review.id, "red").apply(sample_plan)
    assert change.edited == {(action.id, "ratings")} and not change.rows
    change = SetField(sample_plan, action.id, "ref", "1.1 (z)").apply(sample_plan)
    assert change.fields_of(action.id) == {"ref"} and change.ids == {action.id}


def test_progress_records_name_the_action(sample_plan: Plan) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    command = AddItem(sample_plan, action.id, "progress", ProgressUpdate(text="x"))
    change = command.apply(sample_plan)
    (rows,) = change.rows
    assert (rows.kind, rows.collection, rows.parent_id, rows.index) == (INSERTED, "progress", action.id,
                                                                      len(action.progress) - 1)
    undone = command.revert(sample_plan)
    assert undone.rows[0].kind == REMOVED and undone.rows[0].ids == rows.ids


def test_move_records_both_ends_and_group_keeps_order(sample_plan: Plan) -> None:
    first, second = sample_plan.areas[0].objectives[:2]
    moving = first.actions[0]
    change = MoveItem(sample_plan, moving.id, 1, new_parent_id=second.id).apply(sample_plan)
    (rows,) = change.rows
    assert (rows.kind, rows.parent_id, rows.index, rows.to_parent_id, rows.to_index) == (
        MOVED, first.id, 0, second.id, 1)
    renumber = Renumber(sample_plan)
    assert renumber.changes, "the move left a reference out of order"
    change = renumber.apply(sample_plan)
    assert not change.rows and {name for _, name in change.edited} == {"ref"}


def test_locate_remembers_places_but_never_trusts_a_stale_one(sample_plan: Plan) -> None:
    import pytest

    from sendplan.codec import snapshot
    from sendplan.commands import CommandError, locate

    objective = sample_plan.areas[0].objectives[1]
    action = objective.actions[1]
    assert locate(sample_plan, action.id).entity is action
    history = History(sample_plan)
    history.push(MoveItem(sample_plan, action.id, 0))
    where = locate(sample_plan, action.id)
    assert (where.entity, where.index) == (action, 0)
    history.push(DeleteItem(sample_plan, objective.id))
    with pytest.raises(CommandError):
        locate(sample_plan, action.id)  # its objective is gone, though the objective still holds it
    history.undo()
    assert locate(sample_plan, action.id).parent is objective
    copy = snapshot(sample_plan)
    found = locate(copy, action.id)
    assert found.entity is not action and found.entity.id == action.id
    assert locate(sample_plan, action.id).entity is action

"""Property: any sequence of edits, reverted in reverse order, gives back the original plan exactly;
re-applying them all gives the final plan exactly."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sendplan.resources.sample_builder import build_sample_plan

from sendplan.codec import entity_fields, iter_entities, plan_to_dict
from sendplan.commands import (
    CHILDREN,
    AddItem,
    Command,
    CommandError,
    CommandGroup,
    DeleteItem,
    MoveItem,
    Renumber,
    ReviseDueDate,
    SetField,
    SetRag,
    locate,
)
from sendplan.dates import DueValue
from sendplan.model import (
    Action,
    Measure,
    Plan,
    ProgressUpdate,
    RagLevel,
    Review,
)

TEMPLATE = build_sample_plan()
texts = st.text(max_size=24)  # any Unicode, control characters included: commands clean it
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
due_values = st.one_of(
    days.map(lambda d: DueValue(day=d)),
    st.sampled_from(["On-going", "Termly"]).map(lambda t: DueValue(precision="text", text=t)))


def _all(plan: Plan) -> list[Any]:
    return [plan, *iter_entities(plan)]


def _set_field(data: st.DataObject, plan: Plan) -> Command:
    entity = data.draw(st.sampled_from(_all(plan)))
    fields = [(n, h) for n, h in entity_fields(type(entity)) if n != "id" and h in (str, date | None)]
    name, hint = data.draw(st.sampled_from(fields))
    value = data.draw(texts if hint is str else st.none() | days)
    return SetField(plan, entity.id, name, value)


def _set_collection_field(data: st.DataObject, plan: Plan) -> Command:
    action = data.draw(st.sampled_from([a for _, _, a in plan.iter_actions()]))
    if data.draw(st.booleans()):
        return SetField(plan, action.id, "evidence", data.draw(st.lists(texts, max_size=3)))
    return SetField(plan, action.id, "extra", data.draw(st.dictionaries(texts, texts, max_size=2)))


def _set_rag(data: st.DataObject, plan: Plan) -> Command:
    action = data.draw(st.sampled_from([a for _, _, a in plan.iter_actions()]))
    review = data.draw(st.sampled_from(plan.reviews))
    key = data.draw(st.sampled_from(["", *(level.key for level in plan.rag_scale)]))
    return SetRag(plan, action.id, review.id, key)


def _revise(data: st.DataObject, plan: Plan) -> Command:
    action = data.draw(st.sampled_from([a for _, _, a in plan.iter_actions()]))
    return ReviseDueDate(plan, action.id, data.draw(due_values), data.draw(texts),
                         revised_on=data.draw(days))


def _new_item(data: st.DataObject, plan: Plan, cls: type) -> Any:
    review_ids = [r.id for r in plan.reviews] or [""]
    if cls is ProgressUpdate:
        return ProgressUpdate(text=data.draw(texts), review_id=data.draw(st.sampled_from(review_ids)))
    if cls is Review:
        return Review(label=data.draw(texts), day=data.draw(st.none() | days))
    if cls is Action:
        return Action(text=data.draw(texts), owner=data.draw(texts))
    if cls is Measure:
        return Measure(name=data.draw(texts), actuals={data.draw(st.sampled_from(review_ids)): "5"})
    if cls is RagLevel:
        return RagLevel(key=data.draw(st.sampled_from(["blue", "not_started", "purple"])), name="X")
    item = cls()
    first_text = next(n for n, h in entity_fields(cls) if h is str and n != "id")
    setattr(item, first_text, data.draw(texts))
    return item


def _add(data: st.DataObject, plan: Plan) -> Command:
    parents = [e for e in _all(plan) if type(e) in CHILDREN]
    parent = data.draw(st.sampled_from(parents))
    collection, cls = data.draw(st.sampled_from(sorted(CHILDREN[type(parent)].items())))
    item = _new_item(data, plan, cls)
    index = data.draw(st.integers(0, len(getattr(parent, collection)) + 1))
    return AddItem(plan, parent.id, collection, item, index)


def _delete(data: st.DataObject, plan: Plan) -> Command:
    return DeleteItem(plan, data.draw(st.sampled_from(list(iter_entities(plan)))).id)


def _move(data: st.DataObject, plan: Plan) -> Command:
    entity = data.draw(st.sampled_from(list(iter_entities(plan))))
    where = locate(plan, entity.id)
    same_kind = [e for e in _all(plan) if type(e) is type(where.parent)]
    new_parent = data.draw(st.sampled_from(same_kind))
    index = data.draw(st.integers(0, len(getattr(new_parent, where.collection))))
    return MoveItem(plan, entity.id, index, new_parent_id=new_parent.id)


def _renumber(data: st.DataObject, plan: Plan) -> Command:
    area = data.draw(st.sampled_from([None, *plan.areas]))
    style = data.draw(st.sampled_from([None, "1.1 (a)", "1.1a", "1a"]))
    return Renumber(plan, area.id if area else None, style)


MAKERS = [_set_field, _set_collection_field, _set_rag, _revise, _add, _delete, _move, _renumber]


def _draw_command(data: st.DataObject, plan: Plan, depth: int = 0) -> Command | None:
    maker = data.draw(st.sampled_from(MAKERS + ([None] if depth == 0 else [])))
    try:
        if maker is None:  # a group of two, applied as one step
            first = _draw_command(data, plan, 1)
            if first is None:
                return None
            first.apply(plan)  # the second is built against the plan as the first leaves it
            second = _draw_command(data, plan, 1)
            first.revert(plan)
            return CommandGroup("group", [c for c in (first, second) if c is not None])
        return maker(data, plan)
    except CommandError:
        return None  # e.g. deleting a RAG level in use: refused, as the app would


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_revert_all_restores_and_redo_all_reproduces(data: st.DataObject) -> None:
    plan = copy.deepcopy(TEMPLATE)
    original = plan_to_dict(plan)
    applied: list[Command] = []
    for _ in range(data.draw(st.integers(1, 25))):
        command = _draw_command(data, plan)
        if command is None:
            continue
        assert command.label
        command.apply(plan)
        applied.append(command)
        plan_to_dict(plan)  # every intermediate state is serialisable
    final = plan_to_dict(plan)
    for command in reversed(applied):
        command.revert(plan)
    assert plan_to_dict(plan) == original
    for command in applied:
        command.apply(plan)
    assert plan_to_dict(plan) == final

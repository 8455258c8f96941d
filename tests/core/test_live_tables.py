"""The tables an autosave writes, kept up to date from change records, equal the whole plan encoded afresh:
after every edit, undo and redo of random sequences, whatever kind of entity the edit touched."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_edits import random_command

from sendplan.codec import plan_to_tables
from sendplan.commands import (
    AddItem,
    Command,
    DeleteItem,
    MoveItem,
    Renumber,
    ReviseDueDate,
    SetField,
    SetRag,
    StartReview,
)
from sendplan.dates import DueValue
from sendplan.live_tables import LiveTables
from sendplan.model import Measure, Plan, ProgressUpdate, RagLevel, Review, Signatory


def _command(plan: Plan, rng: random.Random) -> Command:
    """Edits of every kind of entity and of the plan itself, besides the structural ones."""
    actions = [a for _, _, a in plan.iter_actions()]
    action = rng.choice(actions) if actions else None
    choice = rng.randrange(14)
    if action is None or choice < 3:
        return random_command(plan, rng)
    if choice == 3 and plan.reviews:
        return SetRag(plan, action.id, rng.choice(plan.reviews).id, rng.choice(["", *(r.key for r in plan.rag_scale)]))
    if choice == 4:
        return AddItem(plan, action.id, "progress", ProgressUpdate(text=f"update {rng.random()}",
                                                                   review_id=rng.choice([*(r.id for r in plan.reviews),
                                                                                         ""])))
    if choice == 5 and action.progress:
        return SetField(plan, rng.choice(action.progress).id, "text", f"changed {rng.random()}")
    if choice == 6:
        return AddItem(plan, action.id, "measures", Measure(name="Waiting time", baseline="20 weeks"))
    if choice == 7 and action.measures and plan.reviews:
        measure = rng.choice(action.measures)
        return SetField(plan, measure.id, "actuals", {**measure.actuals, rng.choice(plan.reviews).id: "18 weeks"})
    if choice == 8:
        return SetField(plan, plan.id, "title", f"Plan {rng.random()}")
    if choice == 9:
        return AddItem(plan, None, "signatories", Signatory(name="A. Officer"), 0)
    if choice == 10 and plan.rag_scale:
        return SetField(plan, rng.choice(plan.rag_scale).id, "descriptor", f"means {rng.random()}")
    if choice == 11:
        return ReviseDueDate(plan, action.id, DueValue(day=date(2027, rng.randint(1, 12), 1)), "staff left")
    if choice == 12 and len(plan.reviews) > 1:
        return DeleteItem(plan, rng.choice(plan.reviews).id)  # its ratings and progress links are cleared too
    if choice == 13:
        return StartReview(plan, Review(label=f"Review {rng.random()}", day=date(2027, 1, rng.randint(1, 28))),
                           carry_ratings=True)
    return Renumber(plan)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6))
def test_kept_tables_equal_the_plan_encoded_afresh(seed: int, sample_plan: Plan) -> None:
    rng = random.Random(seed)
    plan = sample_plan
    live = LiveTables(plan, app_version="test")
    assert live.snapshot().tables() == plan_to_tables(plan, app_version="test")
    done: list[Command] = []
    for _ in range(12):
        if done and rng.random() < 0.3:
            command = done.pop()
            live.note(command.revert(plan))
        else:
            command = _command(plan, rng)
            live.note(command.apply(plan))
            done.append(command)
        if rng.random() < 0.6:  # autosaves come after some edits, not all
            assert live.snapshot().tables() == plan_to_tables(plan, app_version="test")
    while done:
        live.note(done.pop().revert(plan))
    assert live.snapshot().tables() == plan_to_tables(plan, app_version="test")


def test_a_snapshot_is_not_reached_by_later_edits(sample_plan: Plan) -> None:
    live = LiveTables(sample_plan)
    before = live.snapshot()
    frozen = before.tables()
    action = sample_plan.areas[0].objectives[0].actions[0]
    for command in (SetField(sample_plan, action.id, "owner", "Someone else"),
                    AddItem(sample_plan, action.id, "progress", ProgressUpdate(text="later")),
                    MoveItem(sample_plan, action.id, 0, new_parent_id=sample_plan.areas[1].objectives[0].id)):
        live.note(command.apply(sample_plan))
    live.snapshot()
    assert before.tables() == frozen
    assert live.snapshot().tables() == plan_to_tables(sample_plan)


@pytest.mark.parametrize("kind", ["rag level", "signatory"])
def test_what_the_plan_embeds_is_always_current(sample_plan: Plan, kind: str) -> None:
    live = LiveTables(sample_plan)
    live.snapshot()
    if kind == "rag level":
        command: Command = AddItem(sample_plan, None, "rag_scale", RagLevel(key="purple", name="Purple"))
    else:
        command = AddItem(sample_plan, None, "signatories", Signatory(name="B. Officer"))
    live.note(command.apply(sample_plan))
    assert live.snapshot().tables() == plan_to_tables(sample_plan)

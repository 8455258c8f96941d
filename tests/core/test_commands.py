"""Edit commands: labels, change records, reference clean-up, and exact undo."""

from __future__ import annotations

from datetime import date

import pytest

from sendplan.codec import plan_to_dict
from sendplan.commands import (
    AddItem,
    CommandError,
    CommandGroup,
    DeleteItem,
    History,
    MoveItem,
    ReviseDueDate,
    SetField,
    SetRag,
    locate,
)
from sendplan.dates import parse_due
from sendplan.model import Action, GlossaryEntry, Objective, Plan, ProgressUpdate, Review
from sendplan.ratings import rating_key_for


def _action(plan: Plan, area: int = 0, objective: int = 1, action: int = 1) -> Action:
    return plan.areas[area].objectives[objective].actions[action]


def test_set_rag_label_and_undo(sample_plan: Plan) -> None:
    history = History(sample_plan)
    action = _action(sample_plan)
    latest = sample_plan.latest_review()
    assert latest is not None
    before = plan_to_dict(sample_plan)
    command = SetRag(sample_plan, action.id, latest.id, "amber")
    assert command.label == "Change RAG of 1.2 (b) to Amber"
    change = history.push(command)
    assert change.ids == {action.id} and change.fields == {"ratings"} and not change.structural
    assert sample_plan.current_rating(action) == "amber"
    history.undo()
    assert plan_to_dict(sample_plan) == before


def test_rag_at_an_earlier_review_says_which(sample_plan: Plan) -> None:
    first = sample_plan.reviews_by_date()[0]
    command = SetRag(sample_plan, _action(sample_plan).id, first.id, "")
    assert command.label == "Clear RAG of 1.2 (b) at December 2025 review"
    with pytest.raises(CommandError):
        SetRag(sample_plan, _action(sample_plan).id, first.id, "purple")


def test_set_field_cleans_text_and_validates(sample_plan: Plan) -> None:
    action = _action(sample_plan)
    command = SetField(sample_plan, action.id, "owner", "Head of\x0bSEND\x07 Services")
    assert command.label == "Change By Whom of 1.2 (b)"
    command.apply(sample_plan)
    assert action.owner == "Head of\nSEND Services"
    with pytest.raises(CommandError):
        SetField(sample_plan, action.id, "owner", 12)
    with pytest.raises(CommandError):
        SetField(sample_plan, action.id, "progress", [])
    with pytest.raises(CommandError):
        SetField(sample_plan, "not-an-id", "owner", "x")
    SetField(sample_plan, sample_plan.id, "title", "New title").apply(sample_plan)
    assert sample_plan.title == "New title"


def test_revise_due_date_keeps_history(sample_plan: Plan) -> None:
    action = _action(sample_plan, 1, 0, 0)
    original = action.due.current
    command = ReviseDueDate(sample_plan, action.id, parse_due("31.03.26"), "Staff shortage",
                            revised_on=date(2026, 1, 5))
    assert command.label == "Revise By When of 2.1 (a) to 31/03/2026"
    command.apply(sample_plan)
    assert action.due.earlier == (original,)
    assert action.due.revisions[-1].reason == "Staff shortage"
    command.revert(sample_plan)
    assert action.due.current == original and not action.due.revisions


def test_add_action_takes_the_next_free_reference(sample_plan: Plan) -> None:
    objective = sample_plan.areas[0].objectives[0]
    assert [a.ref for a in objective.actions] == ["1.1 (a)", "1.1 (b)", "1.1 (c)", "1.1 (d)"]
    command = AddItem(sample_plan, objective.id, "actions", Action(text="New\x07 action"), index=1)
    assert command.label == "Add action 1.1 (e)"
    change = command.apply(sample_plan)
    assert change.structural and objective.actions[1].text == "New action"
    assert [a.ref for a in objective.actions] == ["1.1 (a)", "1.1 (e)", "1.1 (b)", "1.1 (c)", "1.1 (d)"]
    command.revert(sample_plan)
    assert AddItem(sample_plan, objective.id, "actions", Action(ref="1.1 (z)")).item.ref == "1.1 (z)"
    with pytest.raises(CommandError):
        AddItem(sample_plan, objective.id, "objectives", Objective())


def test_move_objective_to_another_area_keeps_its_reference(sample_plan: Plan) -> None:
    objective = sample_plan.areas[0].objectives[0]
    target = sample_plan.areas[2]
    before = plan_to_dict(sample_plan)
    command = MoveItem(sample_plan, objective.id, 0, new_parent_id=target.id)
    assert command.label == "Move objective 1.1"
    command.apply(sample_plan)
    assert sample_plan.numbers()[objective.id] == "1.1" and sample_plan.areas[2].objectives[0] is objective
    assert sample_plan.numbers()[sample_plan.areas[0].objectives[0].id] == "1.2"
    command.revert(sample_plan)
    assert plan_to_dict(sample_plan) == before
    with pytest.raises(CommandError):
        MoveItem(sample_plan, objective.id, 0, new_parent_id=sample_plan.reviews[0].id)


def test_delete_review_detaches_and_restores_references(sample_plan: Plan) -> None:
    review = sample_plan.reviews[2]
    before = plan_to_dict(sample_plan)
    command = DeleteItem(sample_plan, review.id)
    assert command.label == "Delete review “June 2026 review”"
    change = command.apply(sample_plan)
    assert all(review.id not in a.ratings for _, _, a in sample_plan.iter_actions())
    assert all(u.review_id != review.id for _, _, a in sample_plan.iter_actions() for u in a.progress)
    assert len(change.ids) > 60
    command.revert(sample_plan)
    assert plan_to_dict(sample_plan) == before


def test_delete_workstream_clears_links(sample_plan: Plan) -> None:
    workstream = sample_plan.workstreams[0]
    command = DeleteItem(sample_plan, workstream.id)
    command.apply(sample_plan)
    assert all(m.workstream_id != workstream.id for m in sample_plan.members)
    command.revert(sample_plan)
    assert sum(m.workstream_id == workstream.id for m in sample_plan.members) > 0


def test_rag_level_in_use_cannot_be_removed(sample_plan: Plan) -> None:
    amber = next(level for level in sample_plan.rag_scale if level.key == "amber")
    with pytest.raises(CommandError, match="used by"):
        DeleteItem(sample_plan, amber.id)


def test_group_is_one_step(sample_plan: Plan) -> None:
    before = plan_to_dict(sample_plan)
    action = _action(sample_plan)
    latest = sample_plan.latest_review()
    assert latest is not None
    group = CommandGroup("Apply 2 changes from returns", [
        AddItem(sample_plan, action.id, "progress", ProgressUpdate(text="Done", review_id=latest.id)),
        SetRag(sample_plan, action.id, latest.id, "green"),
    ])
    history = History(sample_plan)
    change = history.push(group)
    assert change.structural and {"progress", "ratings"} <= change.fields
    history.undo()
    assert plan_to_dict(sample_plan) == before
    history.redo()
    assert sample_plan.current_rating(action) == "green"


def test_locate_and_labels_for_plan_lists(sample_plan: Plan) -> None:
    term = sample_plan.glossary[3]
    assert locate(sample_plan, term.id).collection == "glossary"
    assert DeleteItem(sample_plan, term.id).label == f"Delete glossary term “{term.term}”"
    add = AddItem(sample_plan, None, "glossary", GlossaryEntry(term="LAC", meaning="Looked-after child"))
    assert add.label == "Add glossary term “LAC”"
    review = AddItem(sample_plan, None, "reviews", Review(label="March 2027 review"))
    assert review.label == "Add review “March 2027 review”"


def test_rating_words(sample_plan: Plan) -> None:
    assert rating_key_for(sample_plan, " GREEN ") == "green"
    assert rating_key_for(sample_plan, "a") == "amber"
    assert rating_key_for(sample_plan, "Blue") == "blue"
    assert rating_key_for(sample_plan, "purple") == ""


def test_labels_read_only_the_entities_touched(sample_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit's undo label comes from the entity and its parent (references are data), never from a walk
    of the whole plan: a review day of thousands of edits on a large plan stays quick."""
    action = sample_plan.areas[1].objectives[0].actions[1]
    update = action.progress[0]
    locate(sample_plan, update.id)  # where things are is known, as it is after the first edit

    def walked(*_args: object) -> None:
        raise AssertionError("the whole plan was walked for a label")
    monkeypatch.setattr(Plan, "numbers", walked)
    monkeypatch.setattr(Plan, "iter_actions", walked)
    assert SetField(sample_plan, update.id, "text", "Revised").label == f"Change text of progress on {action.ref}"
    assert SetField(sample_plan, action.id, "owner", "Someone").label == f"Change By Whom of {action.ref}"
    assert AddItem(sample_plan, action.id, "progress", ProgressUpdate(text="x")).label == \
        f"Add progress on {action.ref}"
    assert MoveItem(sample_plan, action.id, 0).label == f"Move action {action.ref}"

"""The plan model and its file layout: round trips, numbering, plain-TinyDB readability."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sendplan.resources import sample_plan_path
from sendplan.resources.sample_builder import build_sample_plan
from tinydb import TinyDB

from sendplan.codec import SCHEMA_VERSION, iter_entities, plan_to_dict, plan_to_tables, tables_to_plan
from sendplan.model import Plan, letters, new_plan
from sendplan.storage import load_plan, save_new_plan


def test_sample_plan_has_the_size_of_a_real_plan(sample_plan: Plan) -> None:
    actions = [a for _, _, a in sample_plan.iter_actions()]
    assert len(sample_plan.areas) == 4
    assert sum(len(a.objectives) for a in sample_plan.areas) == 19
    assert len(actions) == 60
    assert 250 <= sum(len(a.progress) for a in actions) <= 300
    assert len(sample_plan.reviews) == 5
    assert len(sample_plan.glossary) >= 20 and len(sample_plan.members) >= 30
    assert sum(1 for a in actions if a.due.revisions) >= 5
    assert all(len(a.ratings) == 5 for a in actions)
    assert any(a.measures for a in actions)


def test_shipped_sample_matches_its_builder() -> None:
    shipped = load_plan(sample_plan_path()).plan
    assert plan_to_dict(shipped) == plan_to_dict(build_sample_plan())


def test_round_trip_through_a_file_is_exact(sample_plan: Plan, tmp_path: Path) -> None:
    target = tmp_path / "copy.sendplan"
    save_new_plan(target, sample_plan)
    assert plan_to_dict(load_plan(target).plan) == plan_to_dict(sample_plan)
    assert load_plan(target).plan == sample_plan


def test_plain_tinydb_reads_the_file_and_documents_carry_uuids(sample_file: Path) -> None:
    with TinyDB(sample_file, access_mode="r") as db:
        assert {"plan", "areas", "objectives", "actions", "progress", "reviews"} <= db.tables()
        head = db.table("plan").all()[0]
        assert head["schema_version"] == SCHEMA_VERSION and head["format"] == "sendplan"
        actions = db.table("actions").all()
        assert len(actions) == 60
        objective_ids = {doc["id"] for doc in db.table("objectives").all()}
        for doc in actions:
            uuid.UUID(doc["id"])
            assert doc["objective_id"] in objective_ids


def test_every_entity_has_a_unique_uuid(sample_plan: Plan) -> None:
    ids = [entity.id for entity in iter_entities(sample_plan)]
    assert len(ids) == len(set(ids))
    for value in ids:
        uuid.UUID(value)


def test_numbering_follows_position(sample_plan: Plan) -> None:
    numbers = sample_plan.numbers()
    area = sample_plan.areas[1]
    objective = area.objectives[2]
    assert numbers[area.id] == "2"
    assert numbers[objective.id] == "2.3"
    assert numbers[objective.actions[1].id] == "2.3 (b)"
    assert [letters(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["a", "b", "z", "aa", "ab", "zz", "aaa"]


def test_current_rating_is_the_latest_review_that_rated(sample_plan: Plan) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    latest = sample_plan.latest_review()
    assert latest is not None
    assert sample_plan.current_rating(action) == action.ratings[latest.id]
    del action.ratings[latest.id]
    previous = sample_plan.reviews_by_date()[-2]
    assert sample_plan.current_rating(action) == action.ratings[previous.id]
    assert sample_plan.rating_at(action, latest) == action.ratings[previous.id]


def test_due_date_history(sample_plan: Plan) -> None:
    revised = next(a for _, _, a in sample_plan.iter_actions() if len(a.due.revisions) == 2)
    assert revised.due.current == revised.due.revisions[-1].value
    assert revised.due.earlier == (revised.due.original, revised.due.revisions[0].value)
    assert all(r.reason for r in revised.due.revisions)


def test_empty_plan_round_trips(tmp_path: Path) -> None:
    plan = new_plan("Empty")
    tables = json.loads(json.dumps(plan_to_tables(plan)))
    assert tables_to_plan(tables) == plan
    assert [level.name for level in plan.rag_scale] == ["Red", "Amber", "Green"]

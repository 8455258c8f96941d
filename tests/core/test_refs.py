"""References are data: stored, kept through moves, deletes, undo, saving and the v1 → v2 upgrade;
renumbering is explicit; duplicates are reported; each numbering style gives the next free ref."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendplan.backups import list_backups
from sendplan.codec import SCHEMA_VERSION, plan_to_dict
from sendplan.commands import AddItem, CommandError, DeleteItem, History, MoveItem, Renumber, SetField
from sendplan.document import PlanDocument
from sendplan.model import Action, Area, Objective, Plan, new_plan
from sendplan.refs import (
    FREE,
    STYLES,
    _bump,
    _numbered,
    assign_missing_refs,
    duplicate_ref_ids,
    next_ref,
    ref_problem,
    ref_problems,
    renumber_changes,
)
from sendplan.storage import load_plan

DATA = Path(__file__).parent / "data"


def _refs(plan: Plan) -> list[str]:
    return [ref for ref in plan.numbers().values()]


# -- the version-1 file ------------------------------------------------------------------------

def test_version_1_file_upgrades_with_exactly_the_numbers_it_showed(tmp_path: Path) -> None:
    path = tmp_path / "old plan.sendplan"
    shutil.copy(DATA / "plan_v1.sendplan", path)
    original = path.read_bytes()
    shown_by_v1 = json.loads((DATA / "plan_v1_numbers.json").read_text(encoding="utf-8"))
    loaded = load_plan(path)
    assert loaded.schema_version == 1 and loaded.upgraded
    assert loaded.plan.numbers() == shown_by_v1
    assert loaded.plan.numbering == "1.1 (a)" and loaded.plan.require_date_reason
    assert path.read_bytes() == original, "opening never writes"

    document = PlanDocument.open(path)
    kept = [b for b in list_backups(path) if b.kind == "before-upgrade"]
    assert len(kept) == 1 and kept[0].path.read_bytes() == original
    document.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["plan"]["1"]["schema_version"] == SCHEMA_VERSION
    assert all(doc["ref"] for table in ("areas", "objectives", "actions") for doc in saved[table].values())
    reloaded = load_plan(path)
    assert reloaded.schema_version == SCHEMA_VERSION and not reloaded.upgraded
    assert reloaded.plan.numbers() == shown_by_v1
    assert plan_to_dict(reloaded.plan) == plan_to_dict(loaded.plan)


# -- kept through edits ------------------------------------------------------------------------

def test_refs_survive_move_delete_undo_redo_and_saving(sample_plan: Plan, tmp_path: Path) -> None:
    before = sample_plan.numbers()
    history = History(sample_plan)
    first = sample_plan.areas[0].objectives[0]
    moved = first.actions[3]
    history.push(MoveItem(sample_plan, moved.id, 0))
    history.push(DeleteItem(sample_plan, first.actions[2].id))  # deletes 1.1 (b)
    history.push(MoveItem(sample_plan, sample_plan.areas[1].id, 0))
    after = sample_plan.numbers()
    assert after[moved.id] == "1.1 (d)" and first.actions[0] is moved
    assert all(after[item_id] == ref for item_id, ref in after.items() if item_id in before)
    assert len(after) == len(before) - 1, "a deleted action leaves a gap; nothing is renumbered"
    assert sample_plan.areas[0].ref == "2" and sample_plan.areas[1].ref == "1"

    path = tmp_path / "plan.sendplan"
    PlanDocument.create(path, sample_plan)
    assert load_plan(path).plan.numbers() == after
    history.undo()
    history.undo()
    history.undo()
    assert sample_plan.numbers() == before
    history.redo()
    assert sample_plan.numbers()[moved.id] == "1.1 (d)"


def test_edit_a_ref_is_undoable_and_labelled(sample_plan: Plan) -> None:
    action = sample_plan.areas[3].objectives[1].actions[0]
    assert action.ref == "4.2 (a)"
    history = History(sample_plan)
    command = SetField(sample_plan, action.id, "ref", "4.2 (x)")
    assert command.label == "Change reference of 4.2 (a)"
    history.push(command)
    assert sample_plan.numbers()[action.id] == "4.2 (x)"
    history.undo()
    assert action.ref == "4.2 (a)"


# -- renumbering ---------------------------------------------------------------------------------

def test_renumber_preview_then_apply_in_one_undo_step(sample_plan: Plan) -> None:
    objective = sample_plan.areas[0].objectives[0]
    History(sample_plan).push(DeleteItem(sample_plan, objective.actions[1].id))
    before = plan_to_dict(sample_plan)
    changes = renumber_changes(sample_plan)
    assert [c.describe() for c in changes] == ["1.1 (c) → 1.1 (b)", "1.1 (d) → 1.1 (c)"]
    assert plan_to_dict(sample_plan) == before, "the preview changes nothing"
    history = History(sample_plan)
    command = Renumber(sample_plan)
    assert command.label == "Renumber the plan" and len(command.changes) == 2
    history.push(command)
    assert [a.ref for a in objective.actions] == ["1.1 (a)", "1.1 (b)", "1.1 (c)"]
    assert renumber_changes(sample_plan) == []
    history.undo()
    assert plan_to_dict(sample_plan) == before


def test_renumber_one_area_keeps_its_own_number(sample_plan: Plan) -> None:
    area = sample_plan.areas[2]
    History(sample_plan).push(SetField(sample_plan, area.id, "ref", "7"))
    command = Renumber(sample_plan, area.id)
    assert command.label == "Renumber area 7"
    History(sample_plan).push(command)
    assert area.ref == "7" and area.objectives[0].ref == "7.1" and area.objectives[0].actions[1].ref == "7.1 (b)"
    assert sample_plan.areas[3].ref == "4", "other areas are untouched"
    with pytest.raises(CommandError):
        Renumber(sample_plan, area.objectives[0].id)


def test_renumber_in_another_style(sample_plan: Plan) -> None:
    history = History(sample_plan)
    history.push(Renumber(sample_plan, style="1a"))
    assert sample_plan.numbering == "1a"
    area = sample_plan.areas[0]
    assert [o.ref for o in area.objectives] == [""] * len(area.objectives)
    letters = [a.ref for o in area.objectives for a in o.actions]
    assert letters[:3] == ["1a", "1b", "1c"] and len(set(letters)) == len(letters)
    history.undo()
    assert sample_plan.numbering == "1.1 (a)" and area.objectives[0].ref == "1.1"


# -- styles and the next free reference --------------------------------------------------------

@pytest.mark.parametrize(("style", "expected"), [
    ("1.1 (a)", ["1", "1.1", "1.1 (a)", "1.1 (b)", "1.2", "1.2 (a)", "2"]),
    ("1.1a", ["1", "1.1", "1.1a", "1.1b", "1.2", "1.2a", "2"]),
    ("1a", ["1", "", "1a", "1b", "", "1c", "2"]),
])
def test_new_items_take_the_next_free_ref_in_the_style(style: str, expected: list[str]) -> None:
    plan = new_plan("Styled")
    plan.numbering = style
    history = History(plan)
    history.push(AddItem(plan, None, "areas", Area(title="One")))
    area = plan.areas[0]
    history.push(AddItem(plan, area.id, "objectives", Objective(text="First")))
    history.push(AddItem(plan, area.objectives[0].id, "actions", Action(text="a")))
    history.push(AddItem(plan, area.objectives[0].id, "actions", Action(text="b")))
    history.push(AddItem(plan, area.id, "objectives", Objective(text="Second", actions=[Action(text="c")])))
    history.push(AddItem(plan, None, "areas", Area(title="Two")))
    assert _refs(plan) == expected


def test_free_style_follows_the_one_before_and_gaps_are_not_refilled() -> None:
    plan = new_plan("Free")
    plan.numbering = "free"
    plan.areas = [Area(ref="P3", objectives=[Objective(ref="P3.9", actions=[Action(ref="P3.9-b")])])]
    assert next_ref(plan, plan) == "P4"
    assert next_ref(plan, plan.areas[0]) == "P3.10"
    assert next_ref(plan, plan.areas[0].objectives[0]) == "P3.9-c"
    plan.numbering = "1.1 (a)"
    plan.areas = [Area(ref="1"), Area(ref="3")]
    assert next_ref(plan, plan) == "4"


def test_assign_missing_refs_keeps_the_ones_given() -> None:
    plan = new_plan("Imported")
    plan.areas = [Area(ref="4", objectives=[Objective(ref="4.2", actions=[Action(), Action(ref="4.2 (c)")]),
                                             Objective(actions=[Action()])])]
    assign_missing_refs(plan)
    assert _refs(plan) == ["4", "4.2", "4.2 (d)", "4.2 (c)", "4.3", "4.3 (a)"]


@settings(max_examples=150, deadline=None)
@given(style=st.sampled_from(sorted(STYLES)),
       shape=st.lists(st.lists(st.lists(st.sampled_from(["", "", "1", "2.3", "2.3 (b)", "1c", "x", "P9", "1.1 (z)"]),
                                        max_size=4), max_size=3), max_size=4),
       area_refs=st.lists(st.sampled_from(["", "", "2", "7", "A", "P3"]), min_size=4, max_size=4))
def test_assign_missing_refs_gives_what_next_ref_would_in_turn(style: str, shape: list[list[list[str]]],
                                                               area_refs: list[str]) -> None:
    """Handing out references in one linear pass gives each item exactly what :func:`next_ref`
    gives it when asked item by item in plan order (the way importers used to number); in free text
    style each new reference follows the one handed out before it, where asking item by item would
    bump the siblings' last reference to the same value again and again."""
    def build() -> Plan:
        plan = new_plan("Imported")
        plan.numbering = style
        plan.areas = [Area(ref=area_refs[n], objectives=[
            Objective(ref=refs[0] if refs else "", actions=[Action(ref=r) for r in refs[1:]]) for refs in objectives])
            for n, objectives in enumerate(shape)]
        return plan

    expected = build()
    if style == FREE:
        _bump_in_turn(expected.areas, "1")
        for area in expected.areas:
            _bump_in_turn(area.objectives, "")
            for objective in area.objectives:
                _bump_in_turn(objective.actions, "")
    for area in expected.areas:  # the one-at-a-time way
        if not area.ref:
            area.ref = next_ref(expected, expected)
        for objective in area.objectives:
            if not objective.ref:
                objective.ref = next_ref(expected, area)
            for action in objective.actions:
                if not action.ref:
                    action.ref = next_ref(expected, objective)
    plan = build()
    assign_missing_refs(plan)
    assert [(kind, item.ref) for kind, item in _numbered(plan)] == \
        [(kind, item.ref) for kind, item in _numbered(expected)]


def _bump_in_turn(items: list, first: str) -> None:
    """Free text style: the siblings' last reference bumped, each missing one from the one before."""
    last = next((item.ref for item in reversed(items) if item.ref), "")
    for item in items:
        if not item.ref:
            item.ref = _bump(last) if last else first
            last = item.ref or last  # a reference that cannot be bumped ("A") gives none, and stays the last


# -- problems --------------------------------------------------------------------------------------

def test_duplicates_and_unusable_refs_are_reported_not_refused(sample_plan: Plan) -> None:
    objective = sample_plan.areas[0].objectives[0]
    history = History(sample_plan)
    history.push(SetField(sample_plan, objective.actions[1].id, "ref", "1.1 (a)"))
    history.push(SetField(sample_plan, objective.actions[2].id, "ref", "   "))
    assert duplicate_ref_ids(sample_plan) == {objective.actions[0].id, objective.actions[1].id}
    problems = ref_problems(sample_plan)
    assert any("1.1 (a) is used more than once" in p for p in problems)
    assert any("unusable reference: it is empty" in p for p in problems)
    assert ref_problem("1.1\n(a)") and ref_problem("x" * 30) and not ref_problem("4.2 (a)")
    sample_plan.areas[1].objectives[0].actions[0].ref = "1.1 (a)"  # another parent: not a duplicate
    assert len(duplicate_ref_ids(sample_plan)) == 2


# -- command line ----------------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sendplan", *args], capture_output=True, text=True,
                          timeout=120, check=False, encoding="utf-8")


def test_cli_renumber_lists_then_applies(sample_plan: Plan, tmp_path: Path) -> None:
    History(sample_plan).push(DeleteItem(sample_plan, sample_plan.areas[3].objectives[0].id))
    path = tmp_path / "plan.sendplan"
    PlanDocument.create(path, sample_plan)
    before = path.read_bytes()
    listed = _cli("renumber", str(path))
    assert listed.returncode == 0, listed.stderr
    assert "4.2 → 4.1" in listed.stdout and "4.2 (a) → 4.1 (a)" in listed.stdout
    assert "nothing changed" in listed.stdout and path.read_bytes() == before
    applied = _cli("renumber", str(path), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert load_plan(path).plan.areas[3].objectives[0].ref == "4.1"
    assert "already follow" in _cli("renumber", str(path)).stdout
    checked = json.loads(_cli("check", str(path), "--json").stdout)
    assert checked["numbering"] == "1.1 (a)" and checked["problems"] == []
    assert _cli("renumber", str(path), "--area", "9").returncode == 1


def test_version_2_file_opens_with_no_responsible_bodies_and_saves_them(tmp_path: Path) -> None:
    """Format 3 stores each area's responsible body; a format 2 file gets none and keeps everything else."""
    path = tmp_path / "v2.sendplan"
    main_plan = new_plan("Eastvale plan")
    main_plan.areas = [Area(wording="Improve the quality of EHC plans.", ref="1")]
    PlanDocument.create(path, main_plan)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["plan"]["1"]["schema_version"] = 2
    for doc in data["areas"].values():
        del doc["responsible_body"]
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_plan(path)
    assert loaded.schema_version == 2 and loaded.upgraded
    assert [(a.wording, a.ref, a.responsible_body) for a in loaded.plan.areas] == [
        ("Improve the quality of EHC plans.", "1", "")]
    document = PlanDocument.open(path)
    SetField(document.plan, document.plan.areas[0].id, "responsible_body",
             "Eastvale Council and NHS Eastvale ICB").apply(document.plan)
    document.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["plan"]["1"]["schema_version"] == SCHEMA_VERSION == 5
    assert [doc["responsible_body"] for doc in saved["areas"].values()] == ["Eastvale Council and NHS Eastvale ICB"]
    assert load_plan(path).plan.areas[0].responsible_body == "Eastvale Council and NHS Eastvale ICB"


def test_version_4_areas_for_priority_action_keep_their_word_and_lose_the_title(tmp_path: Path) -> None:
    """Format 5 keeps an area's own word; a plan made from a report before it held "Area for priority action" as
    every such area's title (so they could not be told apart): the word moves to the new field."""
    path = tmp_path / "v4.sendplan"
    main_plan = new_plan("Eastvale priority action plan")
    main_plan.areas = [Area(title="Area for priority action", wording="Leaders should publish a strategy.", ref="1"),
                       Area(title="Short breaks", wording="Leaders should widen short breaks.", ref="2")]
    PlanDocument.create(path, main_plan)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["plan"]["1"]["schema_version"] = 4
    for doc in data["areas"].values():
        del doc["term"]
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_plan(path)
    assert loaded.schema_version == 4 and loaded.upgraded
    assert [(a.title, a.term, a.wording) for a in loaded.plan.areas] == [
        ("", "Area for priority action", "Leaders should publish a strategy."),
        ("Short breaks", "", "Leaders should widen short breaks.")]

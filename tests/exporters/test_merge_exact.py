"""Merging is exact: accepted changes land one after another (none lost), one undo restores the plan
byte for byte, and two files giving competing values for the same field of one action conflict (two files
commenting on one action do not: each comment is kept as its own note).
The random returns are Excel returns, Word returns and edited trackers."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.comments import Comment
from sendplan.exporters.excel import export_tracker
from sendplan.exporters.returns import read_returns, write_returns

from sendplan.codec import plan_to_dict, plan_to_tables, tables_to_plan
from sendplan.commands import History
from sendplan.dates import DueValue
from sendplan.merge import MergeResult, ProposedChange, change_command
from sendplan.model import (
    Action,
    Area,
    DueDate,
    Objective,
    Plan,
    ProgressUpdate,
    Review,
    default_rag_scale,
)
from sendplan.refs import assign_missing_refs
from sendplan.storage import save_new_plan

OWNERS = ["Head of SEND", "Designated Clinical Officer", "Participation Lead"]
words = st.text(alphabet=st.sampled_from("abcdefgh éü’—\n"), min_size=1, max_size=16).map(
    lambda t: t.strip() or "x")
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    plan = Plan(title="Northbridge Local Area Partnership plan", rag_scale=default_rag_scale())
    plan.reviews = [Review(label="Spring review", day=date(2026, 3, 1)),
                    Review(label="Summer review", day=date(2026, 6, 1))][: draw(st.integers(1, 2))]
    keys = ["", "red", "amber", "green"]
    for _ in range(draw(st.integers(1, 2))):
        area = Area(title=draw(words))
        for _ in range(draw(st.integers(1, 2))):
            objective = Objective(text=draw(words))
            for _ in range(draw(st.integers(1, 3))):
                action = Action(text=draw(words), owner=draw(st.sampled_from(OWNERS[:2])), notes=draw(words))
                if draw(st.booleans()):
                    action.due = DueDate(original=DueValue(day=draw(days)))
                for review in plan.reviews:
                    key = draw(st.sampled_from(keys))
                    if key:
                        action.ratings[review.id] = key
                    if draw(st.booleans()):
                        action.progress.append(ProgressUpdate(text=draw(words), review_id=review.id))
                objective.actions.append(action)
            area.objectives.append(objective)
        plan.areas.append(area)
    assign_missing_refs(plan)
    return plan


def _fill_return(draw: st.DrawFn, path: Path) -> None:
    book = load_workbook(path)
    sheet = book["Your actions"]
    for row in range(2, sheet.max_row + 1):
        if draw(st.booleans()):
            sheet[f"G{row}"] = draw(words)
        sheet[f"H{row}"] = draw(st.sampled_from([None, "Red", "amber", "G"]))
        if draw(st.booleans()):
            sheet[f"I{row}"] = draw(days)
            sheet[f"J{row}"] = draw(words)
        if draw(st.booleans()):
            sheet[f"K{row}"] = draw(words)
    book.save(path)


def _fill_tracker(draw: st.DrawFn, path: Path) -> None:
    book = load_workbook(path)
    sheet = book["Plan"]
    for row in range(2, sheet.max_row + 1):
        if draw(st.booleans()):
            sheet[f"F{row}"] = draw(st.sampled_from(["Red", "Amber", "Green"]))
        if draw(st.booleans()):
            sheet[f"H{row}"] = draw(days)
        if draw(st.booleans()):
            sheet[f"L{row}"] = draw(words)
    book.save(path)


def _fill_word(draw: st.DrawFn, path: Path) -> None:
    """An owner types into a Word return: progress paragraphs, RAG words, new dates with reasons."""
    from docx import Document

    document = Document(str(path))
    for table in document.tables:
        titles = [c.text for c in table.rows[0].cells]
        if "Actions" not in titles:
            continue
        for row in table.rows[1:]:
            if draw(st.booleans()):
                row.cells[titles.index("Progress")].add_paragraph(draw(words).replace("\n", " "))
            if draw(st.booleans()):
                runs = row.cells[titles.index("RAG")].paragraphs[0].runs
                runs[0].text = draw(st.sampled_from(["Red", "Amber", "Green"]))
            if draw(st.booleans()):
                when = draw(days).strftime("%d/%m/%Y")
                row.cells[titles.index("By When")].add_paragraph(f"{when} – {draw(words)}".replace("\n", " "))
    document.save(str(path))


def _normalised(plan: Plan) -> dict[str, Any]:
    """The plan as data, with the fresh ids of added progress updates left out."""
    data = plan_to_dict(plan)
    for area in data["areas"]:
        for objective in area["objectives"]:
            for action in objective["actions"]:
                for update in action["progress"]:
                    update["id"] = ""
    return data


def _saved(plan: Plan, folder: Path) -> bytes:
    return save_new_plan(folder / "plan.sendplan", plan)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), data=st.data())
def test_merge_equals_sequential_application_and_undo_is_exact(plan: Plan, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        original = _saved(plan, folder)
        owners = sorted({a.owner for _, _, a in plan.iter_actions()})
        paths = []
        for n in range(data.draw(st.integers(1, 3), label="returns")):
            owner = data.draw(st.sampled_from(owners), label="owner")
            path = write_returns(plan, folder / f"r{n}", owners=[owner]).files[owner]
            _fill_return(data.draw, path)
            paths.append(path)
        if data.draw(st.booleans(), label="word return"):
            owner = data.draw(st.sampled_from(owners), label="word owner")
            path = write_returns(plan, folder / "word", kind="docx", owners=[owner]).files[owner]
            _fill_word(data.draw, path)
            paths.append(path)
        if data.draw(st.booleans(), label="tracker"):
            tracker = export_tracker(plan, folder / "tracker.xlsx")
            _fill_tracker(data.draw, tracker)
            paths.append(tracker)
        result = read_returns(plan, paths)
        assert result.unusable == []
        event(f"changes from Word: {any(c.source.endswith('.docx') for c in result.changes)}")
        for change in result.changes:
            change.accepted = data.draw(st.booleans(), label=f"accept {change.describe()}")
        accepted = [c for c in result.changes if c.accepted]

        expected = tables_to_plan(plan_to_tables(plan))
        today = date.today()
        sequential = History(expected)
        for change in accepted:
            command = change_command(expected, change, result.review, today)
            if command is not None:
                sequential.push(command)

        history = History(plan)
        command = result.command(plan)
        assert (command is None) == (not accepted)
        if command is None:
            return
        history.push(command)
        assert _normalised(plan) == _normalised(expected)
        _nothing_lost(plan, accepted, result.review)

        history.undo()
        assert _saved(plan, folder) == original
        history.redo()
        assert _normalised(plan) == _normalised(expected)


def _nothing_lost(plan: Plan, accepted: list[Any], review: Review | None) -> None:
    actions = {a.id: a for _, _, a in plan.iter_actions()}
    for change in accepted:
        action = actions[change.action_id]
        if change.kind == "comment":
            assert change.value in action.notes
        elif change.kind == "progress":
            assert any(u.text == change.value and u.review_id == review.id for u in action.progress)  # type: ignore[union-attr]
        elif change.kind == "date":
            assert change.value in [r.value for r in action.due.revisions] or action.due.original == change.value
    for action_id in {c.action_id for c in accepted}:
        last = {c.kind: c for c in accepted if c.action_id == action_id}
        if "rag" in last:
            assert actions[action_id].ratings[review.id] == last["rag"].value  # type: ignore[union-attr]
        if "date" in last:
            assert actions[action_id].due.current == last["date"].value


def _two_returns(plan: Plan, folder: Path, cells: list[dict[str, object]]) -> list[Path]:
    owner = "Head of Inclusion"
    paths = []
    for n, values in enumerate(cells):
        path = write_returns(plan, folder / f"copy{n}", owners=[owner]).files[owner]
        book = load_workbook(path)
        for cell, value in values.items():
            book["Your actions"][cell] = value
        book.save(path)
        paths.append(path)
    return paths


def test_comments_from_two_returns_never_conflict_and_each_lands_as_its_own_note(sample_plan: Plan,
                                                                                  tmp_path: Path) -> None:
    paths = _two_returns(sample_plan, tmp_path, [{"K2": "Parents' forum asked for dates."},
                                                 {"K2": "Budget agreed at the board."}])
    book = load_workbook(paths[1])
    book["Your actions"]["K2"].comment = Comment("Can we discuss this at the Board?", "Jo Bloggs")
    book.save(paths[1])
    result = read_returns(sample_plan, paths)
    comments = [c for c in result.changes if c.kind == "comment"]
    assert len(comments) == 3 and len({c.action_id for c in comments}) == 1
    assert [(c.conflict, c.accepted) for c in comments] == [("", True)] * 3
    assert "[!]" not in result.text() and "also comments" not in result.text()
    before = _saved(sample_plan, tmp_path)
    history = History(sample_plan)
    history.push(result.command(sample_plan))  # type: ignore[arg-type]  # as ticked by default
    notes = next(a for _, _, a in sample_plan.iter_actions() if a.id == comments[0].action_id).notes.splitlines()
    assert notes[-3:] == [f"Comment in {paths[0].name}: Parents' forum asked for dates.",
                          f"Comment in {paths[1].name}: Budget agreed at the board.",
                          f"Comment by Jo Bloggs in {paths[1].name} on Comments: Can we discuss this at the Board?"]
    history.undo()
    assert _saved(sample_plan, tmp_path) == before


def test_a_comment_beside_competing_progress_keeps_its_tick(sample_plan: Plan, tmp_path: Path) -> None:
    """Only the competing values are conflicts: two returns' new progress for one action, not their comments."""
    paths = _two_returns(sample_plan, tmp_path, [{"G2": "Panel met twice.", "K2": "Chair changes in May."},
                                                 {"G2": "Panel met three times.", "K2": "Minutes attached."}])
    result = read_returns(sample_plan, paths)
    marks = sorted((c.kind, c.accepted, bool(c.conflict)) for c in result.changes)
    assert marks == [("comment", True, False), ("comment", True, False), ("progress", False, True),
                     ("progress", False, True)]


def test_two_new_dates_ticked_back_on_are_both_kept_in_order(sample_plan: Plan, tmp_path: Path) -> None:
    paths = _two_returns(sample_plan, tmp_path, [{"I2": date(2027, 1, 31), "J2": "Staff left"},
                                                 {"I2": date(2027, 5, 31), "J2": "Funding late"}])
    result = read_returns(sample_plan, paths)
    dates = [c for c in result.changes if c.kind == "date"]
    assert len(dates) == 2 and all("also changes this action's By When" in c.conflict for c in dates)
    for change in dates:
        change.accepted = True
    action = next(a for _, _, a in sample_plan.iter_actions() if a.id == dates[0].action_id)
    earlier = len(action.due.revisions)
    before = _saved(sample_plan, tmp_path)
    history = History(sample_plan)
    history.push(result.command(sample_plan))  # type: ignore[arg-type]
    added = action.due.revisions[earlier:]
    assert [(r.value.day, r.reason) for r in added] == [(date(2027, 1, 31), "Staff left"),
                                                        (date(2027, 5, 31), "Funding late")]
    history.undo()
    assert _saved(sample_plan, tmp_path) == before and len(action.due.revisions) == earlier


def test_what_was_left_out_is_said_by_kind_with_its_reason() -> None:
    def change(kind: str, conflict: str = "", accepted: bool = False) -> ProposedChange:
        return ProposedChange("a", "1.1 (a)", kind, "", "words", "words", "r.xlsx", conflict=conflict,
                              accepted=accepted)

    result = MergeResult(None, [change("rag", "b.xlsx also changes this action's RAG"), change("progress", "x"),
                                change("action"), change("comment"), change("comment", accepted=True)])
    assert result.left_out() == [
        "2 conflicting changes left out (marked [!] above): another file gives this field a different value, or "
        "the action changed in the plan since the file went out; choose between them in the app's Merge returned "
        "updates.",
        "1 new action left out: new actions are not added unless you ask (--with-new-actions).",
        "1 comment to read left out (marked [ ] above): sendplan cannot tell what it changes; tick it in the app's "
        "Merge returned updates to keep it as a note."]
    assert result.accept_new_actions() == 1 and [c.accepted for c in result.changes] == [False, False, True, False,
                                                                                         True]
    assert len(result.left_out()) == 2

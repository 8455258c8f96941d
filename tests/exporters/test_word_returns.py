"""Word returns: one table-only document per owner, edited in Word (python-docx here) and merged back:
the merge lists exactly the owner's edits, --apply lands them, one undo removes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx_helpers import action_row, table_columns
from openpyxl import load_workbook
from sendplan.exporters.returns import read_returns, write_returns
from sendplan.exporters.returns.word import added_text, new_date
from sendplan.exporters.word import WordOptions, export_docx, read_embedded

from sendplan.cli import main
from sendplan.codec import plan_to_tables
from sendplan.commands import History
from sendplan.model import Plan
from sendplan.storage import load_plan, save_new_plan, serialise

OWNER = "Head of SEND Services"



def _replace(cell: Any, text: str) -> None:
    """What an owner does when they retype a cell's word: the first run keeps its formatting."""
    runs = cell.paragraphs[0].runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _owner_edits(path: Path, current_period: str) -> Path:
    document = Document(str(path))
    _, row, columns = action_row(document, "1.3 (a)")
    row.cells[columns[f"Progress {current_period}"]].add_paragraph("Nov 2026: The draft went to the board.")
    _replace(row.cells[columns["RAG"]], "Amber")
    row.cells[columns["By When"]].add_paragraph("31/12/2026 – the board meets later than planned")
    _, reworded, columns = action_row(document, "1.3 (b)")
    reworded.cells[columns["Actions"]].paragraphs[0].add_run(" with every school governor")
    table, deleted, _ = action_row(document, "2.1 (d)")
    table._tbl.remove(deleted._tr)
    edited = path.with_name("returned.docx")
    document.save(str(edited))
    return edited


def test_one_document_per_owner_with_only_their_actions(sample_plan: Plan, tmp_path: Path) -> None:
    written = write_returns(sample_plan, tmp_path / "out", kind="docx")
    owners = {a.owner for _, _, a in sample_plan.iter_actions()}
    assert set(written.files) == owners
    path = written.files[OWNER]
    assert path.name == f"Update return - {OWNER}.docx"
    document = Document(str(path))
    numbers = sample_plan.numbers()
    mine = [numbers[a.id] for _, _, a in sample_plan.iter_actions() if a.owner == OWNER]
    shown = [row.cells[table_columns(t)["Actions"]].text.split(" ", 2)[:2] for t in document.tables
             if "Actions" in table_columns(t) for row in t.rows[1:]]  # the keys' tables come first
    assert [" ".join(parts) for parts in shown] == mine, "the owner's actions, with the plan's own refs"
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Update return for {OWNER}" in text and "new paragraph" in text and "Progress 2026/2027" in text
    embedded = read_embedded(path)
    assert embedded is not None and embedded.plan.id == sample_plan.id
    assert {embedded.refs[i] for i in embedded.cells} == set(mine)


def test_round_trip_lists_exactly_the_edits_applies_and_undoes(sample_plan: Plan, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    plan_file = tmp_path / "plan.sendplan"
    save_new_plan(plan_file, sample_plan)
    assert main(["returns", str(plan_file), "-o", str(tmp_path / "out"), "--format", "docx", "--owner", OWNER]) == 0
    assert "Wrote 1 update return to" in capsys.readouterr().out
    returned = _owner_edits(tmp_path / "out" / f"Update return - {OWNER}.docx", "2026/2027")

    result = read_returns(sample_plan, [returned])
    listed = [(c.number, c.kind, c.new, c.accepted) for c in result.changes]
    assert listed[:3] == [("1.3 (a)", "rag", "Amber", True),
                          ("1.3 (a)", "date", "31/12/2026", True),
                          ("1.3 (a)", "progress", "The draft went to the board.", True)]
    assert result.changes[1].reason == "the board meets later than planned"
    (_, _, reworded, kept), (_, _, deleted, kept_too) = [x for x in listed[3:]]
    assert [c.number for c in result.changes[3:]] == ["1.3 (b)", "2.1 (d)"] and not kept and not kept_too
    assert "Actions changed in Word" in reworded and "with every school governor" in reworded
    assert "was deleted" in deleted
    assert len(result.changes) == 5 and result.problems == [] and result.unusable == []

    before = serialise(plan_to_tables(load_plan(plan_file).plan))
    assert main(["merge", str(plan_file), str(returned), "--apply"]) == 0
    assert "Apply 3 changes" in capsys.readouterr().out
    plan = load_plan(plan_file).plan
    action = next(a for _, _, a in plan.iter_actions() if plan.numbers()[a.id] == "1.3 (a)")
    review = plan.latest_review()
    assert plan.rating_at(action, review) == "amber"
    assert action.due.current.day == date(2026, 12, 31)  # type: ignore[union-attr]
    assert action.due.revisions[-1].reason == "the board meets later than planned"
    assert action.progress[-1].text == "The draft went to the board." and action.progress[-1].review_id == review.id
    reworded_action = next(a for _, _, a in plan.iter_actions() if plan.numbers()[a.id] == "1.3 (b)")
    assert "school governor" not in reworded_action.text, "a reworded action is never applied silently"

    fresh = load_plan(plan_file).plan  # undo, in process, on a plan as it was before
    fresh_before = serialise(plan_to_tables(sample_plan))
    history = History(sample_plan)
    history.push(read_returns(sample_plan, [returned]).command(sample_plan))  # type: ignore[arg-type]
    assert serialise(plan_to_tables(sample_plan)) != fresh_before
    history.undo()
    assert serialise(plan_to_tables(sample_plan)) == fresh_before == before
    assert fresh.id == sample_plan.id


def test_a_review_pack_edited_in_word_and_an_excel_return_conflict(sample_plan: Plan, tmp_path: Path) -> None:
    pack = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions.for_preset("review-pack")).path
    document = Document(str(pack))
    _, row, columns = action_row(document, "1.3 (a)")
    _replace(row.cells[columns["RAG"]], "Red")
    document.save(str(pack))
    workbook = write_returns(sample_plan, tmp_path / "xlsx", owners=[OWNER]).files[OWNER]
    book = load_workbook(workbook)
    book["Your actions"]["H2"] = "Amber"
    book.save(workbook)
    result = read_returns(sample_plan, [pack, workbook])
    rags = [(c.number, c.new, bool(c.conflict), c.accepted) for c in result.changes]
    assert rags == [("1.3 (a)", "Red", True, False), ("1.3 (a)", "Amber", True, False)]


def test_word_files_that_cannot_be_used(sample_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = export_docx(sample_plan, tmp_path / "plain.docx", WordOptions.for_preset("table-only", embed=False)).path
    other_plan = Plan(id="another", title="Southmere plan", rag_scale=sample_plan.rag_scale)
    other = export_docx(other_plan, tmp_path / "other.docx", WordOptions.for_preset("table-only")).path
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = read_returns(sample_plan, [plain, other, old])
    assert len(result.unusable) == 3 and result.changes == []
    assert "without the plan sendplan puts inside" in result.problems[0]
    assert "belongs to another plan (“Southmere plan”)" in result.problems[1]
    assert "old Word 97–2003 file (.doc)" in result.problems[2]
    plan_file = tmp_path / "plan.sendplan"
    save_new_plan(plan_file, sample_plan)
    assert main(["merge", str(plan_file), str(plain), str(other), str(old)]) == 1
    assert "no file could be used" in capsys.readouterr().err


@pytest.mark.parametrize(("before", "after", "added"), [
    ("Sep: one\nNov: two", "Sep: one\nNov: two\nthree", "three"),
    ("Sep: one", "Sep: one. More typed on.", ". More typed on."),
    ("", "first words", "first words"),
    ("Sep: one\nNov: two", "Sep: one", None),
    ("Sep: one", "Sep: uno", None),
])
def test_added_text(before: str, after: str, added: str | None) -> None:
    assert added_text(before, after) == added


def test_new_date_and_reason() -> None:
    found = new_date("30.09.26", "30.09.26\n31/12/2026: staff left (recruiting)")
    assert found is not None and found[0].day == date(2026, 12, 31) and found[1] == "staff left (recruiting)"
    assert new_date("30.09.26", "30.09.26\nDecember 2026 because of the election")[0].precision == "month"  # type: ignore[index]
    assert new_date("30.09.26", "30.09.26\nsoon, we hope") is None


def test_edits_sendplan_cannot_interpret_are_listed_to_read(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "out", kind="docx", owners=[OWNER]).files[OWNER]
    document = Document(str(path))
    _, first, columns = action_row(document, "1.3 (a)")
    first.cells[columns["Progress 2025/2026"]].add_paragraph("Late note for last year.")
    _replace(first.cells[columns["RAG"]], "Purple")
    _, second, _ = action_row(document, "1.3 (b)")
    progress = second.cells[columns["Progress 2026/2027"]]
    progress._tc.remove(progress.paragraphs[-1]._p)  # an owner deletes last review's update
    second.cells[columns["By When"]].add_paragraph("when the budget allows")
    table, _, _ = action_row(document, "2.1 (a)")
    added = table.add_row()
    added.cells[columns["Actions"]].text = "2.1 (z) Start a new parents' helpline."
    document.save(str(path))
    result = read_returns(sample_plan, [path])
    listed = [(c.number, c.kind, c.accepted, c.new) for c in result.changes]
    assert [(n, k, a) for n, k, a, _ in listed] == [("1.3 (a)", "comment", False), ("1.3 (a)", "comment", True),
                                                    ("1.3 (b)", "comment", False), ("1.3 (b)", "comment", False),
                                                    ("2.1", "action", False)]
    assert "RAG changed in Word to “Purple”" in listed[0][3]
    assert "not the current review's: “Late note for last year.”" in listed[1][3], "kept as a note, ticked"
    assert "By When changed in Word" in listed[2][3] and "Progress 2026/2027 changed in Word" in listed[3][3]
    new = result.changes[4]
    assert new.value.ref == "2.1 (z)" and new.value.text == "Start a new parents' helpline."
    assert "Start a new parents' helpline." in result.text(), "the added text is shown, never lost"
    assert result.problems == []


def test_an_action_changed_in_the_plan_since_the_document_went_out(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "out", kind="docx", owners=[OWNER]).files[OWNER]
    document = Document(str(path))
    _, row, columns = action_row(document, "1.3 (a)")
    _replace(row.cells[columns["RAG"]], "Red")
    document.save(str(path))
    action = next(a for _, _, a in sample_plan.iter_actions() if sample_plan.numbers()[a.id] == "1.3 (a)")
    action.owner = "Head of Performance and Intelligence"
    [change] = read_returns(sample_plan, [path]).changes
    assert change.kind == "rag" and not change.accepted
    assert change.conflict == "this action changed in the plan after the document was written"


def test_files_merged_twice_list_nothing_already_in_the_plan(sample_plan: Plan, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Choosing the whole returns folder again after some files were merged: no duplicate progress offered."""
    plan_file = tmp_path / "plan.sendplan"
    save_new_plan(plan_file, sample_plan)
    written = write_returns(sample_plan, tmp_path / "w", kind="docx", owners=[OWNER])
    word = _owner_edits(written.files[OWNER], "2026/2027")
    excel = write_returns(sample_plan, tmp_path / "x", owners=["Participation Manager"]).files["Participation Manager"]
    book = load_workbook(excel)
    sheet = book["Your actions"]
    titles = {c.value: c.column_letter for c in sheet[1]}
    sheet[f"{titles['New progress']}2"] = "Nov 2026: The forum co-produced the new pages."  # the label copied too
    sheet[f"{titles['Comments']}2"] = "Ask the forum chair to present."
    book.save(excel)
    first = read_returns(sample_plan, [word, excel])
    progress = [c.new for c in first.changes if c.kind == "progress"]
    assert progress == ["The draft went to the board.", "The forum co-produced the new pages."]
    assert main(["merge", str(plan_file), str(word), str(excel), "--apply"]) == 0
    assert "Apply 5 changes" in capsys.readouterr().out

    assert main(["merge", str(plan_file), str(word), str(excel)]) == 0
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("[")]
    assert listed and all(line.startswith("[ ]") and " comment: " in line for line in listed), out
    assert f"{word.name}: 1 change is already in the plan word for word" in out
    assert "Update return - Participation Manager.xlsx: 2 changes are already in the plan" in out
    again = read_returns(load_plan(plan_file).plan, [word, excel])
    assert [c.kind for c in again.changes] == ["comment", "comment"], "only the edits to read are listed again"
    assert not any(c.accepted for c in again.changes)

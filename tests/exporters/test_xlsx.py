"""Excel: the tracker, owner returns, and merging returns back — opened with openpyxl and checked."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sendplan.exporters.excel import export_tracker, put_text, safe_file_name, sheet_title
from sendplan.exporters.returns import read_returns, write_returns

from sendplan.codec import plan_to_dict
from sendplan.commands import History, SetField
from sendplan.model import Plan, new_plan


def _no_formulas(book) -> None:  # type: ignore[no-untyped-def]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"


def test_tracker_contents(sample_plan: Plan, tmp_path: Path) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    action.text = "=HYPERLINK(\"http://example.invalid\",\"click\")"
    action.owner = "+44 1234"
    path = export_tracker(sample_plan, tmp_path / "tracker.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Plan", "RAG history", "Summary", "Glossary", "sendplan"]
    assert book["sendplan"].sheet_state == "veryHidden"
    sheet = book["Plan"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M61"
    assert sheet.column_dimensions["A"].hidden and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert [c.value for c in sheet[1]][:6] == ["ID", "Area", "Action No", "Objective", "Action", "RAG"]
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list" and str(validation.sqref) == "F2:F61"
    assert validation.formula1 == '"Red,Amber,Green,Blue"'
    assert len(sheet.conditional_formatting) >= 1
    first = sheet[2]
    assert first[0].value == action.id and first[2].value == "1.1 (a)"
    assert first[4].value == action.text and first[4].data_type == "s" and first[4].quotePrefix
    assert first[6].value == "+44 1234" and first[6].quotePrefix
    assert isinstance(first[7].value, datetime) and first[7].number_format == "dd/mm/yyyy"
    ongoing = next(r for r in sheet.iter_rows(min_row=2) if r[7].value == "On-going")
    assert ongoing[7].data_type == "s"
    assert first[5].value in ("Red", "Amber", "Green", "Blue") and first[12].value
    assert sheet.row_dimensions[2].height >= 45, "rows are sized to their wrapped text"
    history = book["RAG history"]
    assert [c.value for c in history[1]][2:] == ["Dec 2025", "Mar 2026", "Jun 2026", "Sep 2026", "Nov 2026"]
    assert all(c.fill.fgColor.rgb != "00000000" for c in history[2][2:])
    assert book["Summary"]["A2"].value.startswith("1. ")
    assert book["Glossary"].max_row == 21
    _no_formulas(book)


def test_long_text_is_cut_visibly_and_names_are_safe(tmp_path: Path) -> None:
    cell = Workbook().active["A1"]
    put_text(cell, "x" * 40000)
    assert len(cell.value) <= 32767 and "more characters" in cell.value
    assert sheet_title("Progress [2017/18]: plan? * long enough to be cut") == "Progress -2017-18-- plan- - lon"
    assert len(sheet_title("a" * 40)) == 31 and sheet_title("Plan", {"plan"}) == "Plan (2)"
    assert safe_file_name('Head of SEND: "North/South" <team>?') == "Head of SEND_ _North_South_ _team__"
    assert safe_file_name("CON") == "CON_" and safe_file_name("  . ") == "Unassigned"
    assert safe_file_name("Lead.") == "Lead"


def test_returns_one_per_owner_protected(sample_plan: Plan, tmp_path: Path) -> None:
    written = write_returns(sample_plan, tmp_path / "out")
    owners = {a.owner for _, _, a in sample_plan.iter_actions()}
    assert set(written.files) == owners
    path = written.files["Head of SEND Services"]
    assert path.name == "Update return - Head of SEND Services.xlsx"
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", "Your actions", "sendplan"]
    sheet = book["Your actions"]
    mine = [a for _, _, a in sample_plan.iter_actions() if a.owner == "Head of SEND Services"]
    assert sheet.max_row == len(mine) + 1 and [r[0].value for r in sheet.iter_rows(min_row=2)] == [a.id for a in mine]
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["C2"].protection.locked and not sheet["G2"].protection.locked and not sheet["K2"].protection.locked
    kinds = {str(v.sqref): v.type for v in sheet.data_validations.dataValidation}
    assert kinds == {f"H2:H{len(mine) + 1}": "list", f"I2:I{len(mine) + 1}": "date"}
    assert "Update return for Head of SEND Services" in book["Instructions"]["A1"].value
    _no_formulas(book)


def _fill(path: Path, rows: dict[int, dict[str, object]]) -> None:
    book = load_workbook(path)
    sheet = book["Your actions"]
    columns = {c.value: c.column_letter for c in sheet[1]}
    for row, values in rows.items():
        for title, value in values.items():
            sheet[f"{columns[title]}{row}"] = value
    book.save(path)


def test_round_trip_merge_changes_exactly_what_was_asked(sample_plan: Plan, tmp_path: Path) -> None:
    written = write_returns(sample_plan, tmp_path / "out")
    path = written.files["Head of SEND Services"]
    mine = [a for _, _, a in sample_plan.iter_actions() if a.owner == "Head of SEND Services"]
    before = plan_to_dict(sample_plan)
    _fill(path, {
        2: {"New progress": "=cmd|' /C calc'!A0 was typed by an owner", "Proposed RAG": "Red"},
        3: {"Proposed new date": 46477, "Reason for new date": "Recruitment slipped"},  # an Excel serial date
        4: {"Proposed new date": "31/03/2027", "Comments": "@mention the chair"},
    })
    result = read_returns(sample_plan, [path])
    kinds = [(c.number, c.kind) for c in result.changes]
    numbers = sample_plan.numbers()
    assert (numbers[mine[0].id], "rag") in kinds and (numbers[mine[2].id], "comment") in kinds
    assert any("formula" in p for p in result.problems), "a formula typed by an owner is reported, never used"
    assert not any(c.kind == "progress" and c.action_id == mine[0].id for c in result.changes)
    history = History(sample_plan)
    command = result.command(sample_plan)
    assert command is not None
    history.push(command)
    review = sample_plan.latest_review()
    assert sample_plan.rating_at(mine[0], review) == "red"
    assert mine[1].due.current.day == date(2027, 3, 31)  # serial 46477
    assert mine[1].due.revisions[-1].reason == "Recruitment slipped"
    assert mine[2].due.current.day == date(2027, 3, 31)
    assert mine[2].notes.endswith("Comment in Update return - Head of SEND Services.xlsx: @mention the chair")
    history.undo()
    assert plan_to_dict(sample_plan) == before


def test_progress_from_a_return(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "out", owners=["Participation Manager"]).files[
        "Participation Manager"]
    _fill(path, {2: {"New progress": "Charter signed by all partners.\nLaunch event held."}})
    result = read_returns(sample_plan, [path])
    History(sample_plan).push(result.command(sample_plan))  # type: ignore[arg-type]
    action = next(a for _, _, a in sample_plan.iter_actions() if a.owner == "Participation Manager")
    latest = sample_plan.latest_review()
    assert action.progress[-1].text == "Charter signed by all partners.\nLaunch event held."
    assert action.progress[-1].review_id == latest.id


def test_conflicts_and_problems(sample_plan: Plan, tmp_path: Path) -> None:
    first = write_returns(sample_plan, tmp_path / "a", owners=["Head of SEND Services"]).files["Head of SEND Services"]
    second = write_returns(sample_plan, tmp_path / "b", owners=["Head of SEND Services"]).files["Head of SEND Services"]
    _fill(first, {2: {"Proposed RAG": "Amber"}, 3: {"Proposed RAG": "Red"}})
    _fill(second, {2: {"Proposed RAG": "Red"}})
    mine = [a for _, _, a in sample_plan.iter_actions() if a.owner == "Head of SEND Services"]
    SetField(sample_plan, mine[1].id, "text", "Changed since the return went out").apply(sample_plan)
    book = load_workbook(second)
    book["Your actions"].delete_rows(4)  # an owner deletes a row
    book["Your actions"]["A3"] = "not-an-id"
    book["Your actions"]["B3"] = "9.9 (z)"
    book.save(second)
    result = read_returns(sample_plan, [first, second])
    two = [c for c in result.changes if c.action_id == mine[0].id and c.kind == "rag"]
    assert len(two) == 2 and all(c.conflict and not c.accepted for c in two)
    changed = [c for c in result.changes if c.action_id == mine[1].id]
    assert changed and "changed in the plan" in changed[0].conflict
    assert any("matches no action" in p for p in result.problems)
    deleted = [c for c in result.changes if "was deleted" in c.new]
    assert len(deleted) == 2 and all(c.kind == "comment" and not c.accepted for c in deleted)
    assert "[!]" in result.text() and "conflict:" in result.text()


def test_workbooks_that_cannot_be_used(sample_plan: Plan, tmp_path: Path) -> None:
    other = new_plan("Another area's plan")
    other_path = export_tracker(other, tmp_path / "other.xlsx")
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = read_returns(sample_plan, [other_path, text, old])
    assert result.changes == [] and len(result.unusable) == 3
    assert "belongs to another plan (“Another area's plan”)" in result.problems[0]
    assert "not a Excel workbook" in result.problems[1] or "not an Excel" in result.problems[1] \
        or "Excel's file format" in result.problems[1]
    assert ".xls" in result.problems[2]


def test_an_edited_tracker_can_be_merged(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_tracker(sample_plan, tmp_path / "tracker.xlsx")
    book = load_workbook(path)
    sheet = book["Plan"]
    sheet["F2"] = "Red"
    sheet["H3"] = datetime(2027, 6, 30)
    sheet["L4"] = "Tracker note from the workstream meeting."
    book.save(path)
    result = read_returns(sample_plan, [path])
    kinds = sorted((c.number, c.kind) for c in result.changes)
    assert kinds == [("1.1 (a)", "rag"), ("1.1 (b)", "date"), ("1.1 (c)", "progress")]


@pytest.mark.skipif(shutil.which("soffice") is None and os.environ.get("CI") != "true",
                    reason="LibreOffice is not installed")
@pytest.mark.timeout(300)
def test_libreoffice_converts_the_tracker(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_tracker(sample_plan, tmp_path / "tracker.xlsx")
    soffice = shutil.which("soffice")
    assert soffice, "CI must have LibreOffice"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    assert (tmp_path / "tracker.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_same_file_twice_counts_once(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "out", owners=["Head of Inclusion"]).files["Head of Inclusion"]
    book = load_workbook(path)
    book["Your actions"]["G2"] = "Done."
    book.save(path)
    result = read_returns(sample_plan, [path, tmp_path / "out" / ".." / "out" / path.name])
    assert len(result.changes) == 1 and not result.changes[0].conflict


def test_return_instructions_print_readably(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "out", owners=["Head of Inclusion"]).files["Head of Inclusion"]
    intro = load_workbook(path)["Instructions"]
    assert intro.page_setup.orientation == "landscape" and intro.page_setup.fitToWidth == 1
    assert intro.row_dimensions[5].height >= 30, "the long instruction lines get room to wrap"

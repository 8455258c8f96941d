"""Importing the council's own Excel tracker: each layout officers use, sendplan's own workbooks, bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sendplan.exporters.excel import export_tracker, import_tracker
from sendplan.exporters.office import OfficeFileError
from tracker_fixtures import ACTIONS, AREAS, write_csv, write_filled_down, write_merged_rows

from sendplan.cli import main
from sendplan.model import Plan
from sendplan.storage import load_plan

WORDS = {"R": "red", "A": "amber", "G": "green", "Red": "red", "Amber": "amber", "Green": "green"}


def _check_actions(plan: Plan, *, progress: bool = True, reviews: int = 2) -> None:
    assert [area.wording for area in plan.areas] == AREAS
    actions = [action for _, _, action in plan.iter_actions()]
    assert [a.text for a in actions] == [row[2] for row in ACTIONS]
    assert [a.owner for a in actions] == [row[3] for row in ACTIONS]
    assert actions[0].due.current.day == date(2025, 11, 30)
    assert [a.due.current.text for a in actions[1:]] == ["Termly", "Spring 2026", "Monthly"]
    by_day = {r.day: r for r in plan.reviews}
    assert sorted(by_day) == [date(2025, 9, 30), date(2025, 12, 31)][:reviews]
    sept = by_day[date(2025, 9, 30)]
    assert [a.ratings[sept.id] for a in actions] == [WORDS[row[5]] for row in ACTIONS]
    if reviews == 2:
        dec = by_day[date(2025, 12, 31)]
        assert [a.ratings[dec.id] for a in actions] == [WORDS[row[6]] for row in ACTIONS]
        assert sept.short_label == "Sep 2025" and dec.label == "December 2025 review"
    if progress:
        latest = plan.latest_review()
        assert [[(u.text, u.review_id, u.added) for u in a.progress] for a in actions] == [
            [(row[7], latest.id, latest.day)] for row in ACTIONS]


def test_title_rows_filled_down_areas_words_and_letters(tmp_path: Path) -> None:
    result = import_tracker(write_filled_down(tmp_path / "tracker.xlsx"))
    plan = result.plan
    _check_actions(plan)
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ref for a in actions] == [row[1] for row in ACTIONS]  # refs as written
    assert plan.numbering == "free"
    assert [area.ref for area in plan.areas] == ["1", "2"]
    assert actions[0].extra == {"Board notes": "Discussed at board (1.1)"}
    assert "header on row 4" in result.report.mappings[0]
    assert result.report.layouts == ["a tracker with areas from an Area column, references kept as written "
                                     "(numbering free), 2 dated RAG columns"]
    assert "“RAG Sept 25” → RAG at the review of 30/09/2025" in result.report.mappings[0]


def test_merged_area_rows_fill_colours_and_letter_refs(tmp_path: Path) -> None:
    result = import_tracker(write_merged_rows(tmp_path / "merged.xlsx"))
    plan = result.plan
    _check_actions(plan)
    assert [a.ref for _, _, a in plan.iter_actions()] == ["1a", "1b", "2a", "2b"]
    assert plan.numbering == "1a"
    assert [area.ref for area in plan.areas] == ["1", "2"]
    assert [a.extra for _, _, a in plan.iter_actions()] == [{"Internal code": f"X-{n}"} for n in range(4)]


def test_csv_tracker(tmp_path: Path) -> None:
    plan = import_tracker(write_csv(tmp_path / "tracker.csv")).plan
    _check_actions(plan, reviews=1)


def test_a_tracker_sendplan_wrote_keeps_its_ids(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_tracker(sample_plan, tmp_path / "tracker.xlsx")
    result = import_tracker(path)
    plan = result.plan
    assert result.report.layouts[0].startswith("a workbook written by sendplan: 60 actions keep their ids")
    original = [a for _, _, a in sample_plan.iter_actions()]
    imported = [a for _, _, a in plan.iter_actions()]
    assert [a.id for a in imported] == [a.id for a in original]
    assert [a.ref for a in imported] == [a.ref for a in original]
    assert [a.text for a in imported] == [a.text for a in original]
    assert [a.owner for a in imported] == [a.owner for a in original]
    assert all(len(a.progress) == 1 and a.progress[0].text == b.progress[-1].text
               for a, b in zip(imported, original, strict=True))  # the latest progress
    assert [a.due.current for a in imported] == [a.due.current for a in original]
    assert [a.due.earlier for a in imported] == [a.due.earlier for a in original]  # "Previous dates" kept
    assert sum(bool(a.due.revisions) for a in imported) == sum(bool(a.due.revisions) for a in original) > 0
    assert [o.text for area in plan.areas for o in area.objectives] == [
        o.text for area in sample_plan.areas for o in area.objectives]
    assert [plan.current_rating(a) for a in imported] == [sample_plan.current_rating(a) for a in original]
    assert plan.title == sample_plan.title
    assert len(plan.areas) == len(sample_plan.areas)


def test_bad_trackers(tmp_path: Path) -> None:
    old = tmp_path / "tracker.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(OfficeFileError, match=r"save it as an Excel Workbook \(\.xlsx\)"):
        import_tracker(old)
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Name", "Favourite colour"])
    book.save(str(tmp_path / "other.xlsx"))
    with pytest.raises(OfficeFileError, match="header row"):
        import_tracker(tmp_path / "other.xlsx")
    (tmp_path / "zip.csv").write_bytes(b"PK\x03\x04rest")
    with pytest.raises(OfficeFileError, match="rename it to .xlsx"):
        import_tracker(tmp_path / "zip.csv")


def test_formulas_are_never_used(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "RAG"])
    sheet.append(["1.1", "Run the panel", "=HYPERLINK(\"http://example.invalid\",\"x\")", "Green"])
    book.save(str(tmp_path / "formula.xlsx"))
    result = import_tracker(tmp_path / "formula.xlsx")
    action = next(a for _, _, a in result.plan.iter_actions())
    assert action.owner == ""
    assert any("formulas" in note for note in result.report.notes)


def test_cli_import_tracker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.sendplan"
    report = tmp_path / "report.txt"
    assert main(["import", str(write_filled_down(tmp_path / "t.xlsx")), "-o", str(target),
                 "--report", str(report)]) == 0
    plan = load_plan(target).plan
    _check_actions(plan)
    assert "4 actions" in capsys.readouterr().out
    assert "“Board notes” → kept as extra text" in report.read_text(encoding="utf-8")
    bad = tmp_path / "bad.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert main(["import", str(bad), "-o", str(tmp_path / "bad.sendplan")]) == 1
    assert ".xlsx" in capsys.readouterr().err
    assert not (tmp_path / "bad.sendplan").exists()


def test_fill_from_the_legacy_palette(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Color, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "RAG Mar 26"])
    sheet.append(["1a", "Hold reviews on time", "SEND team", None])
    sheet.cell(row=2, column=4).fill = PatternFill("solid", fgColor=Color(indexed=10))  # palette red
    book.save(str(tmp_path / "palette.xlsx"))
    plan = import_tracker(tmp_path / "palette.xlsx").plan
    action = next(a for _, _, a in plan.iter_actions())
    assert plan.current_rating(action) == "red"


def test_dated_progress_columns_and_full_dates_in_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Owner", "RAG 15/10/2025", "Update Oct 25", "Update Jan 2026", "Progress"])
    sheet.append(["Run the panel weekly", "SEND team", "Amber", "Panel now weekly.", "Backlog cleared.", "On track."])
    book.save(str(tmp_path / "dated.xlsx"))
    plan = import_tracker(tmp_path / "dated.xlsx").plan
    action = next(a for _, _, a in plan.iter_actions())
    days = {r.id: r.day for r in plan.reviews}
    assert sorted(days.values()) == [date(2025, 10, 15), date(2025, 10, 31), date(2026, 1, 31)]
    assert [(u.text, days[u.review_id]) for u in action.progress] == [
        ("Panel now weekly.", date(2025, 10, 31)), ("Backlog cleared.", date(2026, 1, 31)),
        ("On track.", date(2026, 1, 31))]  # the undated progress column belongs to the latest review
    assert {days[k]: v for k, v in action.ratings.items()} == {date(2025, 10, 15): "amber"}


def test_objective_rows_and_unplaced_text(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Objective", "Action", "Lead", "RAG", "Comments"])
    sheet.append(["Area 1: Plans are late"])
    sheet.append(["1.1", "Plans are issued within 20 weeks"])
    sheet.append(["1.1 (a)", None, "Add two coordinators", "Head of SEND", "G"])
    sheet.append(["1.1 (b)", None, "Weekly panel", "Panel chair", "A/G"])
    sheet.append([None, None, None, None, None])
    sheet.append(["1.2", "Plans are good quality"])
    sheet.append(["1.2 (a)", None, "Audit plans termly", "Quality lead", "Complete"])
    sheet.append([None, None, None, None, None, "Note: audit paused in August"])
    book.save(str(tmp_path / "objectives.xlsx"))
    result = import_tracker(tmp_path / "objectives.xlsx")
    plan = result.plan
    assert [a.wording for a in plan.areas] == ["Plans are late"]
    objectives = plan.areas[0].objectives
    assert [(o.ref, o.text) for o in objectives] == [("1.1", "Plans are issued within 20 weeks"),
                                                    ("1.2", "Plans are good quality")]
    assert [[(a.ref, a.text) for a in o.actions] for o in objectives] == [
        [("1.1 (a)", "Add two coordinators"), ("1.1 (b)", "Weekly panel")], [("1.2 (a)", "Audit plans termly")]]
    assert plan.numbering == "1.1 (a)"
    ratings = [plan.current_rating(a) for _, _, a in plan.iter_actions()]
    assert ratings == ["green", "amber", "blue"]
    assert plan.areas[0].extra == {"Note": "audit paused in August"}  # a note row, on the area it sits in
    assert any("“audit paused in August” (sheet “Sheet”, row 9) was kept as a note on area 1, where it sits" in g
               for g in result.report.guesses)


def test_csv_with_a_cell_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text('Ref,Action,Lead,RAG\n1a,"' + "x" * 200_000 + '",Lead,Green\n', encoding="utf-8")
    with pytest.raises(OfficeFileError, match="could not be read as comma-separated values"):
        import_tracker(path)

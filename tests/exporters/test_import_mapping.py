"""The column mapping: the officer's corrections are followed exactly, unused cells are counted, a mapping is
remembered for documents with the same headers, and the command line reads and writes mapping files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import world_layouts as word
import world_trackers as excel
from sendplan.exporters.excel import import_tracker, prepare_tracker
from sendplan.exporters.office import ImportMapping, OfficeFileError, RememberedMappings
from sendplan.exporters.word import import_docx, prepare_docx

from sendplan.cli import main
from sendplan.storage import load_plan


def _set(mapping: ImportMapping, where: str, title: str, key: str, review: str = "") -> None:
    table = mapping.table(where)
    assert table is not None
    column = next(c for c in table.columns if c.title == title)
    column.key, column.review = key, review
    table.chosen = True


def test_a_column_set_to_ignore_is_not_read_and_its_cells_are_counted(tmp_path: Path) -> None:
    source = prepare_docx(word.question_headers(tmp_path / "fernhill.docx"))
    first = source.read()
    assert all(a.ratings for _, _, a in first.plan.iter_actions())
    mapping = first.mapping
    for table in mapping.tables:
        _set(mapping, table.where, "Where are we now?", "ignore")
    again = source.read(mapping)
    assert not any(a.ratings for _, _, a in again.plan.iter_actions())
    assert not any("Where are we now?" in a.extra for _, _, a in again.plan.iter_actions())
    assert again.report.unused == [("table 1, column “Where are we now?”, set to Ignore", 2),
                                   ("table 2, column “Where are we now?”, set to Ignore", 1),
                                   ("table 3, column “Where are we now?”, set to Ignore", 1)]
    assert again.report.things_to_check >= 4 and "Cells not used (each counts) (3):" in again.report.text()
    assert "(as you chose)" in again.report.mappings[0]


def test_a_column_given_a_review_rates_at_that_review(tmp_path: Path) -> None:
    source = prepare_docx(word.question_headers(tmp_path / "fernhill.docx"))
    mapping = source.read().mapping
    for table in mapping.tables:
        _set(mapping, table.where, "Where are we now?", "rag", "Q3 2024/25")
        _set(mapping, table.where, "What has happened", "progress", "Q3 2024/25")
    plan = source.read(mapping).plan
    (review,) = plan.reviews
    assert (review.short_label, str(review.day)) == ("Q3 2024/25", "2024-12-31")
    assert [a.ratings for _, _, a in plan.iter_actions()] == [{review.id: k} for k in ("green", "amber", "red",
                                                                                        "amber")]
    assert all(u.review_id == review.id for _, _, a in plan.iter_actions() for u in a.progress)


def test_a_row_read_as_an_area_heading_or_ignored(tmp_path: Path) -> None:
    source = prepare_docx(word.priority_action_plan(tmp_path / "pap.docx"))
    first = source.read()
    table = first.mapping.table("table 1")
    assert [r.kind for r in table.listed] == ["action", "action", "note"]
    note_row, second_action = table.listed[2], table.listed[1]
    table.rows = {note_row.key: "area", second_action.key: "ignore"}
    table.chosen = True
    plan = source.read(first.mapping).plan
    assert [a.wording for a in plan.areas][:2] == [
        "Children wait too long for speech and language therapy",
        "Note: Action 1.2 is led jointly with the council's family hubs service."]  # as written
    assert [a.ref for a in plan.areas[0].objectives[0].actions] == ["1.1"]
    again = source.read(first.mapping)
    assert any(what.startswith("table 1, a row set to Ignore") for what, _ in again.report.unused)


def test_a_table_nothing_recognises_is_read_once_a_column_is_the_action(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Harbour SEND plan")
    table = doc.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [["Code", "Description", "Contact"], ["A1", "Open a hub", "Jo Hill"],
                                        ["A2", "Train staff", "Sam Oyelaran"]], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.save(str(tmp_path / "harbour.docx"))
    with pytest.raises(OfficeFileError, match="None of the tables"):
        import_docx(tmp_path / "harbour.docx")
    source = prepare_docx(tmp_path / "harbour.docx")
    first = source.read()
    assert first.report.refusal and first.mapping.tables  # listed, so the officer can say what it holds
    _set(first.mapping, "table 1", "Description", "action")
    _set(first.mapping, "table 1", "Contact", "owner")
    plan = import_docx(tmp_path / "harbour.docx", first.mapping).plan
    assert [(a.ref, a.text, a.owner) for _, _, a in plan.iter_actions()] == [("A1", "Open a hub", "Jo Hill"),
                                                                             ("A2", "Train staff", "Sam Oyelaran")]


def test_mapping_files_round_trip_and_refuse_nonsense(tmp_path: Path) -> None:
    mapping = import_tracker(excel.quarterly(tmp_path / "q.xlsx")).mapping
    again = ImportMapping.from_json(mapping.to_json())
    assert [[(c.title, c.key, c.review) for c in t.columns] for t in again.tables] == [
        [(c.title, c.key, c.review) for c in t.columns] for t in mapping.tables]
    assert all(t.chosen for t in again.tables)
    data = json.loads(mapping.to_json())
    assert data["tables"][0]["columns"][0] == {"title": "Ref", "role": "reference"}
    for text, message in (("{", "not JSON"), ('{"format": "x"}', "not a mapping file sendplan wrote"),
                          ('{"format": "sendplan-import-mapping", "tables": [{"columns": [{"role": "colour"}]}]}',
                           "“colour” is not a role")):
        with pytest.raises(OfficeFileError, match=message):
            ImportMapping.from_json(text)


def test_a_sheet_s_header_rows_and_columns_as_chosen(tmp_path: Path) -> None:
    source = prepare_tracker(excel.quarterly(tmp_path / "q.xlsx"))
    mapping = source.read().mapping
    sheet = mapping.table("sheet “Tracker”")
    assert (sheet.header_at, sheet.header_rows) == (3, 2)
    sheet.columns[3].key = "due"  # "Start date" as the deadline, as the officer says
    sheet.columns[4].key = "ignore"
    sheet.chosen = True
    plan = source.read(mapping).plan
    assert [str(a.due.current.day) for _, _, a in plan.iter_actions()] == ["2025-07-01", "2025-08-01", "2025-09-01"]
    report = source.read(mapping).report
    assert ("sheet “Tracker”, column “Target date”, set to Ignore", 3) in report.unused


def test_a_mapping_is_remembered_for_documents_with_the_same_headers(tmp_path: Path) -> None:
    store = RememberedMappings(tmp_path / "remembered.json")
    first = prepare_docx(word.unclear_headers(tmp_path / "one.docx")).read()
    assert first.plan.reviews[0].day is not None
    table = first.mapping.tables[0]
    table.columns[4].key = "ignore"
    table.chosen = True
    assert store.remember(first.mapping) == 1
    other = prepare_docx(word.unclear_headers(tmp_path / "two.docx")).read(remembered=RememberedMappings(store.path))
    assert not any(a.ratings for _, _, a in other.plan.iter_actions())
    assert any("as you chose before" in note for note in other.report.notes)
    (tmp_path / "remembered.json").write_text("{ not json", encoding="utf-8")
    assert prepare_docx(tmp_path / "two.docx").read(remembered=RememberedMappings(store.path)).plan.reviews


def test_the_command_line_writes_the_mapping_used_and_follows_a_corrected_one(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = word.accelerated_progress_plan(tmp_path / "app.docx")
    report = tmp_path / "report.txt"
    assert main(["import", str(source), "-o", str(tmp_path / "a.sendplan"), "--report", str(report)]) == 0
    written = tmp_path / "report.mapping.json"
    assert f"--mapping {written}" in report.read_text(encoding="utf-8")
    data = json.loads(written.read_text(encoding="utf-8"))
    for table in data["tables"]:
        for column in table["columns"]:
            if column["title"] == "Milestones":
                column["role"] = "kpis"
    written.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "b.sendplan"), "--mapping", str(written)]) == 0
    plan = load_plan(tmp_path / "b.sendplan").plan
    assert [a.kpis for _, _, a in plan.iter_actions()] == ["Posts advertised\nTeam in post", "Audit tool agreed",
                                                           "First letters sent"]
    assert "Tables read as" in capsys.readouterr().out
    written.write_text("[]", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "c.sendplan"), "--mapping", str(written)]) == 1
    assert "not a mapping file sendplan wrote" in capsys.readouterr().err
    assert not (tmp_path / "c.sendplan").exists()


def test_a_mapping_entry_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    mapping = prepare_docx(word.unclear_headers(tmp_path / "one.docx")).read().mapping
    mapping.tables[0].where, mapping.tables[0].titles, mapping.tables[0].chosen = "table 9", ("Nothing",), True
    result = import_docx(tmp_path / "one.docx", mapping)
    assert any("entry for table 9 matched no table" in note for note in result.report.notes)
    sheets = prepare_tracker(excel.status_words(tmp_path / "s.xlsx")).read().mapping
    sheets.tables[0].where, sheets.tables[0].titles, sheets.tables[0].chosen = "sheet “Gone”", ("x",), True
    result = import_tracker(tmp_path / "s.xlsx", sheets)
    assert any("entry for sheet “Gone” matched no sheet" in note for note in result.report.notes)

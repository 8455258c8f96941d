"""Word import: both real layouts, nothing lost, the round trip, and every bad input."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from accounting import corpus
from docx import Document
from sendplan.exporters.office import OfficeFileError
from sendplan.exporters.word import WordOptions, export_docx, import_docx
from word_fixtures import KEY, merged_layout, stacked_layout

from sendplan.dates import parse_due_lenient
from sendplan.model import Plan
from sendplan.ratings import rating_key_for


def _by_label(plan: Plan) -> dict[str, str]:
    return {r.id: r.label for r in plan.reviews}


def test_stacked_layout(tmp_path: Path) -> None:
    result = import_docx(stacked_layout(tmp_path / "fellside.docx"))
    plan, report = result.plan, result.report
    assert [r.label for r in plan.reviews_by_date()] == list(KEY)
    assert [r.colour for r in plan.reviews_by_date()] == [f"#{c}" for c in KEY.values()]
    assert plan.reviews_by_date()[0].day.isoformat() == "2017-09-30"  # from "Review Date: 30.09.17"
    area = plan.areas[0]
    assert area.wording == "Leaders in Fellside do not share one picture of need."
    assert [o.text for o in area.objectives] == ["Create one partnership board.", "Share data across services.",
                                                 "Listen to families."]
    first = area.objectives[0].actions
    assert [a.text for a in first] == ["Agree terms of reference\nwith all partners.", "Appoint parent co-chairs.",
                                       "Publish board minutes."]
    assert [a.owner for a in first] == ["DCS", "CCG Chief Officer", "Board Secretary"]
    latest = plan.latest_review()
    assert [plan.rating_at(a, latest) for a in first] == ["green", "amber", "red"]
    assert first[0].due.original.display() == "30.09.17" and first[0].due.current.display() == "31.12.17"
    assert first[1].due.current.text == "On-going" and first[2].due.current.text == "Termly"
    assert first[0].notes == "Check with legal"
    labels = _by_label(plan)
    # progress written per objective does not line up with the three actions: all on the first, reported
    assert [(labels[u.review_id], u.text) for u in first[0].progress] == [
        ("September 2017 review", "Terms agreed in September."), ("December 2017 review", "Co-chairs recruited."),
        ("March 2018 review", "Minutes published monthly.")]
    assert any("given to the first action" in note for note in report.notes)
    merged = area.objectives[1].actions
    assert len(merged) == 1 and merged[0].text == "Build a joint dataset.\nTrain analysts.\nReport monthly."
    assert any("do not line up" in note for note in report.notes)
    shaded = area.objectives[2].actions[0]
    assert plan.rating_at(shaded, latest) == "amber" and shaded.due.current.precision == "month"
    assert plan.areas[1].wording == "Joint commissioning is weak."
    assert plan.areas[1].objectives[0].actions[0].owner == "ICB"
    assert [g.term for g in plan.glossary] == ["DCS", "PCF"]
    assert [(m.name, m.organisation, m.role) for m in plan.members] == [("Ann Example", "Fellside Council", "Chair")]
    green = plan.rag_level("green")
    assert green is not None and green.descriptor == "On track." and green.colour == "#00B050"
    assert any("Nested figure £12k" in s.body for s in plan.sections)
    assert any("A/G" in guess for guess in report.guesses)
    assert any(s.title == "Our vision" and "known, heard" in s.body for s in plan.sections)
    assert plan.title == "Fellside Written Statement of Action"
    text = report.text()
    assert "“Action No” → Reference" in text and "“Comments” → Notes" in text
    assert "“PROGRESS 2017/2018” → Progress at “2017/2018”" in text


def test_merged_layout(tmp_path: Path) -> None:
    plan = import_docx(merged_layout(tmp_path / "offer.docx")).plan
    area = plan.areas[0]
    assert area.wording == "Families do not know what support is available."
    assert [o.text for o in area.objectives] == ["Rebuild the Local Offer.", "Hear from families."]
    assert [[a.text for a in o.actions] for o in area.objectives] == [
        ["Relaunch the website.", "Review every entry."], ["Run forums.", "Publish 'you said, we did'."]]
    latest = plan.latest_review()
    ratings = [plan.rating_at(a, latest) for _, _, a in plan.iter_actions()]
    assert ratings == ["amber", "green", "red", ""]
    assert [r.label for r in plan.reviews] == ["Position at import"]  # the plain Progress column is the same snapshot
    first = area.objectives[0].actions[0]
    assert [(u.text, u.review_id) for u in first.progress] == [("Supplier appointed.", latest.id)]
    assert first.due.current.display() == "31.01.18" and first.owner == "Local Offer Officer"


def _corpus(plan: Plan) -> str:
    texts = [corpus(plan)]
    for _, _, action in plan.iter_actions():
        for value in (action.due.original, *(r.value for r in action.due.revisions)):
            if value is not None:
                texts += [value.display(), value.display("uk"), value.text]
    return _norm("\n".join(texts))


def _cell_paragraphs(cell) -> list[str]:  # type: ignore[no-untyped-def]
    """Paragraph texts of a cell, nested tables included (python-docx turns breaks into newlines)."""
    texts = [p.text for p in cell.paragraphs]
    for table in cell.tables:
        for row in table.rows:
            for inner in row.cells:
                texts += _cell_paragraphs(inner)
    return texts


def _norm(text: str) -> str:
    return " ".join(text.replace("\uf0b7", " ").lower().split())


@pytest.mark.parametrize("build", [stacked_layout, merged_layout])
def test_nothing_is_lost(tmp_path: Path, build) -> None:  # type: ignore[no-untyped-def]
    """Every non-empty paragraph of every table cell is somewhere in the plan (header rows are the
    column mapping, listed in the report; RAG words become ratings and dates become due dates)."""
    source = build(tmp_path / "source.docx")
    result = import_docx(source)
    corpus = _corpus(result.plan)
    dues = {v for _, _, a in result.plan.iter_actions()
            for v in (a.due.original, *(r.value for r in a.due.revisions)) if v is not None}
    missing = []
    for table in Document(str(source)).tables:
        header = [c.text for c in table.rows[0].cells]
        seen: set[object] = set()  # the cell elements themselves: ids of lxml proxies get reused
        for row in table.rows[1:]:
            if [c.text for c in row.cells] == header:
                continue
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                for text in (line for paragraph in _cell_paragraphs(cell) for line in paragraph.split("\n")):
                    if not text.strip() or rating_key_for(result.plan, re.split(r"[/\s]", text.strip())[0]):
                        continue
                    if _norm(text) not in corpus and parse_due_lenient(text) not in dues:
                        missing.append(text)
    assert missing == []


@pytest.mark.parametrize("preset", ["review-pack", "publication", "table-only"])
def test_round_trip_of_our_own_export(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset(preset)).path
    back = import_docx(path).plan
    original_reviews, back_reviews = _by_label(sample_plan), _by_label(back)
    assert len(back.areas) == 4
    pairs = list(zip(sample_plan.iter_actions(), back.iter_actions(), strict=True))
    for (area, objective, action), (area2, objective2, action2) in pairs:
        assert area2.wording == area.wording and objective2.text == objective.text
        assert (action2.text, action2.owner, action2.outcomes, action2.kpis) == (
            action.text, action.owner, action.outcomes, action.kpis)
        assert action2.due.current == action.due.current and action2.due.earlier == action.due.earlier
        assert back.current_rating(action2) == sample_plan.current_rating(action)
        if preset != "table-only":
            assert [(back_reviews[u.review_id], u.text) for u in action2.progress] == [
                (original_reviews[u.review_id], u.text) for u in action.progress]
    if preset != "table-only":
        assert [(r.label, r.short_label, r.day, r.period) for r in back.reviews_by_date()] == [
            (r.label, r.short_label, r.day, r.period) for r in sample_plan.reviews_by_date()]
        assert [g.term for g in back.glossary] == [g.term for g in sample_plan.glossary]


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: _write(p, b"just some text"), "not a Word document"),
    (lambda p: _zip(p, {"hello.txt": b"hi"}), "no Word document inside"),
    (lambda p: _zip(p, {"word/document.xml": b"\0" * (50 * 1024 * 1024)}), "zip bomb"),
    (lambda p: _write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")),
     "password-protected"),
    (lambda p: _write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "Word 97"),
    (lambda p: _write(p, b"PK\x03\x04 broken"), "damaged"),
])
def test_bad_files_get_a_clear_message(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "plan.docx")
    with pytest.raises(OfficeFileError, match=words):
        import_docx(path)


def test_no_tables_and_unknown_headers(tmp_path: Path) -> None:
    empty = Document()
    empty.add_paragraph("Minutes of the meeting")
    empty.save(str(tmp_path / "none.docx"))
    with pytest.raises(OfficeFileError, match="no tables"):
        import_docx(tmp_path / "none.docx")
    other = Document()
    table = other.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Fruit", "Price"
    other.save(str(tmp_path / "fruit.docx"))
    with pytest.raises(OfficeFileError, match="Their first rows read: “Fruit, Price”. Import it with File › Import"):
        import_docx(tmp_path / "fruit.docx")
    blank = Document()
    blank.add_table(rows=2, cols=2)  # a table with nothing in its first row: no ", ." in the message
    blank.save(str(tmp_path / "blank.docx"))
    with pytest.raises(OfficeFileError, match="Their first rows are empty. Import it") as caught:
        import_docx(tmp_path / "blank.docx")
    assert ", ." not in str(caught.value)
    with pytest.raises(OfficeFileError, match="folder"):
        import_docx(tmp_path)
    with pytest.raises(OfficeFileError, match="no file"):
        import_docx(tmp_path / "missing.docx")


def test_thousands_of_rows(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ["Ref", "Actions", "Lead", "By When"], strict=True):
        cell.text = title
    for n in range(3000):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = f"1.{n + 1}", f"Action {n}", "Lead", "On-going"
    doc.save(str(tmp_path / "big.docx"))
    plan = import_docx(tmp_path / "big.docx").plan
    assert sum(1 for _ in plan.iter_actions()) == 3000


@pytest.mark.parametrize("preset", ["review-pack", "publication", "table-only"])
def test_references_survive_export_and_import(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    from sendplan.commands import DeleteItem, History, MoveItem  # noqa: PLC0415

    history = History(sample_plan)
    objective = sample_plan.areas[0].objectives[0]
    history.push(DeleteItem(sample_plan, objective.actions[1].id))  # a gap: 1.1 (a), (c), (d)
    history.push(MoveItem(sample_plan, objective.actions[2].id, 0))  # out of order: (d), (a), (c)
    history.push(DeleteItem(sample_plan, sample_plan.areas[3].objectives[0].id))  # area 4 starts at 4.2
    path = export_docx(sample_plan, tmp_path / f"{preset}.docx", WordOptions(preset=preset)).path
    imported = import_docx(path).plan
    assert list(imported.numbers().values()) == list(sample_plan.numbers().values())


@pytest.mark.parametrize(("line", "edition"), [("Version 1.0 – final", "Final v1.0"), ("Version 1.3", "v1.3"),
                                                (None, "v0.1")])
def test_an_imported_plan_keeps_the_document_s_own_status(tmp_path: Path, line: str | None, edition: str) -> None:
    """Only new plans start as drafts: the pack of an imported plan says what its document said."""
    path = stacked_layout(tmp_path / "fellside.docx")
    if line is not None:
        document = Document(str(path))
        document.paragraphs[1].insert_paragraph_before(line)
        document.save(str(path))
    plan = import_docx(path).plan
    assert plan.edition == edition
    pack = Document(str(export_docx(plan, tmp_path / "pack.docx").path))
    assert f"Version: {edition}" in [p.text for p in pack.paragraphs[:6]]
    assert pack.sections[0].footer.paragraphs[0].text.startswith(f"{edition} · ")
    again = import_docx(tmp_path / "pack.docx").plan  # our own pack's footer gives it back
    assert again.edition == edition

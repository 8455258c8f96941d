"""A plan with one plain RAG column and one plain Progress column, areas given in a column and refs
like "3.1" (no objectives): one review holds both, areas take the number their actions start with,
and `check` finds nothing wrong with a plan just imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from sendplan.exporters.word import export_docx, import_docx

from sendplan.refs import ref_problems
from sendplan.summaries import find_problems

HEADER = ["Area", "Action\nref", "What we will do", "Responsible\nofficer", "Target\ndate", "RAG", "Progress",
          "Notes"]
ROWS = [
    ["Getting ready for adulthood", "3.1", "Begin adulthood reviews in Year 9", "Transitions Lead", "Spring 2026",
     "Amber", "Trial running in three schools.", "Link to the college offer"],
    ["", "3.2", "Publish a travel training offer", "Travel Manager", "End of March 2025", "Green",
     "Offer on the Local Offer site.", ""],
    ["Short breaks", "4.1", "Review the short breaks statement", "Commissioner", "30/06/2025", "Green", "", ""],
    ["", "4.2", "Add holiday club places", "Commissioner", "TBC", "Amber", "Two new providers.",
     "Budget bid pending"],
]


def _write(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Kestrel Bay SEND Improvement Plan")
    table = doc.add_table(rows=1, cols=len(HEADER))
    for cell, title in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = title
    for values in [*ROWS[:2], HEADER, *ROWS[2:]]:  # the header again, as on a later page
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    doc.save(str(path))
    return path


def test_plain_rag_and_progress_columns_are_one_review(tmp_path: Path) -> None:
    result = import_docx(_write(tmp_path / "kestrel.docx"))
    plan = result.plan
    (review,) = plan.reviews
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ref for a in actions] == ["3.1", "3.2", "4.1", "4.2"]
    assert [a.ratings for a in actions] == [{review.id: k} for k in ("amber", "green", "green", "amber")]
    assert [(u.text, u.review_id) for a in actions for u in a.progress] == [
        ("Trial running in three schools.", review.id), ("Offer on the Local Offer site.", review.id),
        ("Two new providers.", review.id)]
    assert [a.notes for a in actions] == ["Link to the college offer", "", "", "Budget bid pending"]
    assert any("filed under “Position at import”" in g for g in result.report.guesses)


def test_areas_take_the_number_their_actions_start_with(tmp_path: Path) -> None:
    plan = import_docx(_write(tmp_path / "kestrel.docx")).plan
    assert [(a.ref, a.title or a.wording) for a in plan.areas] == [
        ("3", "Getting ready for adulthood"), ("4", "Short breaks")]
    assert find_problems(plan) + ref_problems(plan) == []


def test_reviews_without_a_key_get_distinct_colours(tmp_path: Path) -> None:
    from word_families import single_table_pap  # noqa: PLC0415

    plan = import_docx(single_table_pap(tmp_path / "pap.docx")).plan
    colours = [r.colour.upper() for r in plan.reviews]
    assert len(plan.reviews) >= 2 and len(set(colours)) == len(colours)


def test_stacked_actions_with_one_outcome_for_the_objective_are_split(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Area for Improvement 1")
    doc.add_paragraph("Speech therapy waits are too long.")
    titles = ["Action\nNo", "Objective", "Actions", "RAG", "By Whom", "By When", "Intended Outcomes", "KPIs"]
    table = doc.add_table(rows=2, cols=len(titles))
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    values = ["1.1", "Agree a pathway", ["Map the waits", "", "Draft the pathway"], "G", ["Therapy Lead", "",
              "Forum Chair"], "30.09.17", "Waits below 18 weeks", "% seen in 18 weeks"]
    for cell, value in zip(table.rows[1].cells, values, strict=True):
        items = value if isinstance(value, list) else [value]
        cell.text = items[0]
        for item in items[1:]:
            cell.add_paragraph(item)
    doc.save(str(tmp_path / "stacked.docx"))
    result = import_docx(tmp_path / "stacked.docx")
    actions = [a for _, _, a in result.plan.iter_actions()]
    assert [(a.ref, a.text, a.owner, a.outcomes, a.kpis) for a in actions] == [
        ("1.1 (a)", "Map the waits", "Therapy Lead", "Waits below 18 weeks", "% seen in 18 weeks"),
        ("1.1 (b)", "Draft the pathway", "Forum Chair", "", "")]
    assert [a.due.current.display() for a in actions] == ["30.09.17", "30.09.17"]
    assert any("one Intended Outcomes and one KPIs for 2 stacked actions" in n for n in result.report.notes)


def test_glossary_given_as_paragraphs(tmp_path: Path) -> None:
    path = _write(tmp_path / "kestrel.docx")
    doc = Document(str(path))
    for text in ("Glossary", "PfA: Preparing for Adulthood", "Owners: Kestrel Bay SEND Board",
                 "DCO: Designated Clinical Officer", "SENCo – Special educational needs co-ordinator",
                 "NB: The board meets monthly."):
        doc.add_paragraph(text)
    doc.save(str(path))
    plan = import_docx(path).plan
    assert [(g.term, g.meaning) for g in plan.glossary] == [
        ("PfA", "Preparing for Adulthood"), ("DCO", "Designated Clinical Officer"),
        ("SENCo", "Special educational needs co-ordinator")]
    narrative = "\n".join(s.body for s in plan.sections)
    assert "Owners: Kestrel Bay SEND Board" in narrative and "NB: The board meets monthly." in narrative
    assert "Glossary" not in narrative


def test_layout_says_how_many_ratings_came_from_shading_alone(tmp_path: Path) -> None:
    from docx_helpers import shade_cell  # noqa: PLC0415

    path = _write(tmp_path / "kestrel.docx")
    doc = Document(str(path))
    rag = doc.tables[0].rows[1].cells[5]
    rag.text = ""
    shade_cell(rag._tc.get_or_add_tcPr(), "FFC000")
    doc.save(str(path))
    result = import_docx(path)
    assert result.plan.areas[0].objectives[0].actions[0].ratings == {result.plan.reviews[0].id: "amber"}
    assert "RAG given by cell shading only in 1 of 4 rated cells" in result.report.layouts[0]


def test_priority_action_header_and_two_dated_updates_in_one_paragraph(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Fernleigh Priority Action Plan")
    titles = ["No.", "Priority action", "Owner", "Timescale", "RAG\nJune 2024", "RAG\nSept 24", "Commentary"]
    table = doc.add_table(rows=1, cols=len(titles))
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    row = table.add_row()
    row.cells[0].merge(row.cells[-1]).text = "Priority 2 - Families know the Local Offer"
    values = ["2a", "Relaunch the Local Offer website", "Comms Lead", "End of March 2025", "R", "Complete",
              "June 2024: supplier chosen. Sept 24: site live, 3.2k visits. Feb 2025 dates not set: see minutes."]
    for cell, value in zip(table.add_row().cells, values, strict=True):
        cell.text = value
    doc.save(str(tmp_path / "fernleigh.docx"))
    plan = import_docx(tmp_path / "fernleigh.docx").plan
    june, sept = plan.reviews
    (action,) = [a for _, _, a in plan.iter_actions()]
    assert (action.ref, action.text, plan.areas[0].ref) == ("2a", "Relaunch the Local Offer website", "2")
    assert action.ratings == {june.id: "red", sept.id: "blue"}
    assert [(u.review_id, u.text) for u in action.progress] == [
        (june.id, "supplier chosen."), (sept.id, "site live, 3.2k visits. Feb 2025 dates not set: see minutes.")]


def test_the_review_made_at_import_has_a_name_an_officer_would_use(tmp_path: Path) -> None:
    """No review named in the document: "Position at import", and the pack's footer reads naturally."""
    plan = import_docx(_write(tmp_path / "kestrel.docx")).plan
    (review,) = plan.reviews
    assert (review.label, review.short_label, review.day) == ("Position at import", "At import", date.today())
    footer = Document(str(export_docx(plan, tmp_path / "pack.docx").path)).sections[0].footer
    text = " ".join(p.text for p in footer.paragraphs)
    assert f"Position at import ({date.today():%d.%m.%y})" in text and "Progress at Position" not in text

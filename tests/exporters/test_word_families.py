"""Word import of the layout families real plans use: structure, refs, ratings and progress by review,
dates, and text accounting (every non-empty line of the source is somewhere in the plan)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from accounting import corpus, norm
from docx import Document
from sendplan.exporters.office import classify
from sendplan.exporters.word import import_docx
from sendplan.exporters.word.read.reviews import REVIEW_LINE, mentions
from word_families import (
    AREA_TITLE,
    KEY_2017,
    KEY_TABLE,
    PAP_TITLE,
    TITLE_2017,
    area_column,
    single_table_pap,
    wsoa_2017,
)

from sendplan.model import Plan
from sendplan.ratings import rating_key_for


def _source_lines(path: Path) -> list[str]:
    """Every non-empty line of the document's paragraphs and table cells, header cells left out."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        seen: set[object] = set()
        for number, row in enumerate(table.rows):
            for cell in row.cells:
                if cell._tc not in seen and not (number < 2 and classify(cell.text)[0]):
                    seen.add(cell._tc)
                    lines += [p.text for p in cell.paragraphs]
    return [line.strip() for text in lines for line in text.split("\n") if line.strip()]


def _unaccounted(path: Path, plan: Plan) -> list[str]:
    """Source lines found nowhere in the plan, leaving out what became structure: column headers (the
    mapping), RAG words (ratings), "Review Date" lines whose date dated a review, the key's heading,
    "Area for Improvement" headings and bare references."""
    text = corpus(plan)
    days = {r.day for r in plan.reviews}
    missing = []
    for line in _source_lines(path):
        text = norm(line)
        if text in text or classify(line)[0] or rating_key_for(plan, re.split(r"[/\s]", line)[0]):
            continue
        if (match := REVIEW_LINE.match(line)) and mentions(match[1]) and mentions(match[1])[0].value in days:
            continue
        if re.fullmatch(r"(key\b.*|colour code|area for improvement|rag|not started|complete|dec 23|mar 24)", text):
            continue
        if all(norm(part) in text for part in line.split(",")):
            continue  # "Name, Role, Organisation" became a signatory
        heading = re.match(r"^(?:priority|area)?\s*\d+[:.]\s*(.+)$", line, re.IGNORECASE)
        if heading and norm(heading[1]) in text:
            continue  # "Priority 1: …" became an area with its ref
        labelled = re.match(r"^\(?[^:()–]{3,24}?(?:\)\s*[:\-–]?|\s*[:\-–])\s*(.+)$", line)
        if labelled and norm(labelled[1]) in text:
            continue  # "Sep 24: …" became progress at that review
        if any(line in (value.display(), value.display("uk")) for _, _, a in plan.iter_actions()
               for value in (a.due.current,) if value):
            continue
        missing.append(line)
    return missing


@pytest.mark.parametrize("heading", ["  Key:  Progress Section Code ", "Progress key", "Colour code", "Key"])
def test_wsoa_2017_reviews_from_the_key_and_review_date_lines(tmp_path: Path, heading: str) -> None:
    source = wsoa_2017(tmp_path / "southmoor.docx", heading)
    result = import_docx(source)
    plan, report = result.plan, result.report
    assert plan.title == TITLE_2017
    assert [(s.name, s.role, s.organisation) for s in plan.signatories] == [
        ("Alys Penhale", "Chief Officer", "Southmoor CCG"),
        ("Tomas Greer", "Director of Education", "Southmoor Council")]
    reviews = plan.reviews_by_date()
    assert [(r.label, r.day, r.colour) for r in reviews] == [
        (label, day, f"#{colour}") for (label, colour), day in zip(KEY_2017.items(), [
            date(2017, 9, 20), date(2017, 12, 11), date(2018, 4, 14), date(2019, 2, 12), date(2019, 6, 30)],
            strict=True)]
    assert not any("PROGRESS" in r.label for r in plan.reviews)  # no pseudo-review per column
    assert [r.period for r in reviews] == ["2017/2018", "2017/2018", "2017/2018", "2018/2019", "2018/2019"]
    # the two lines that said more than a date keep the rest as the review's note; one date guess is reported
    assert [r.note for r in reviews] == ["", "", "July 2018 (Date moved so the joint visit in July could see the work)",
                                         "further updated 9th April and 21st June 2019", ""]
    assert not any(s.title == "Review dates" for s in plan.sections)
    assert report.guesses == ["The review “Progress identified as at June 2019” gives only a month; it was dated "
                              "30/06/2019, the end of that month."]
    area = plan.areas[0]
    assert area.ref == "1" and area.wording.startswith("Weakness in the strategic leadership")
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ref for a in actions] == ["1.1 (a)", "1.1 (b)", "1.2 (a)"] and plan.numbering == "1.1 (a)"
    assert [o.ref for o in area.objectives] == ["1.1", "1.2"]
    label = {r.id: r.short_label for r in plan.reviews}
    assert [[(label[u.review_id], u.text) for u in a.progress] for a in actions] == [
        [("Sep 2017", "Leads agreed and published."), ("Feb 2019", "Leads reconfirmed after restructure.")],
        [("Dec 2017", "Trust terms drafted."), ("Jul 2018", "Trust launched."),
         ("Jun 2019", "Trust reviewed its first year.")],
        [("Dec 2017", "Scoping started."), ("Jun 2019", "JSNA chapter drafted.")]]
    latest = plan.latest_review()
    assert [plan.rating_at(a, latest) for a in actions] == ["green", "amber", "red"]
    assert [a.due.current.display() for a in actions] == ["30.09.17", "Summer term 2018", "Q3 2018/19"]
    assert _unaccounted(source, plan) == []
    assert report.things_to_check == 1 and "1 thing to check" in report.text()


def test_single_table_priority_action_plan(tmp_path: Path) -> None:
    source = single_table_pap(tmp_path / "westmere.docx")
    result = import_docx(source)
    plan, report = result.plan, result.report
    assert plan.title == PAP_TITLE  # from the document properties, not the first paragraph
    assert [(a.ref, a.wording) for a in plan.areas] == [
        ("1", "EHC plans are issued on time and are of good quality"), ("2", "Children's needs are identified early")]
    assert plan.numbering == "1a"
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ref for a in actions] == ["1a", "1b", "2a", "2b"]
    reviews = plan.reviews_by_date()
    assert [(r.short_label, r.day) for r in reviews] == [
        ("Mar 2024", date(2024, 3, 31)), ("Jun 2024", date(2024, 6, 30)), ("Sep 2024", date(2024, 9, 30))]
    assert [[a.ratings.get(r.id, "") for r in reviews] for a in actions] == [
        ["amber", "green", "blue"], ["red", "amber", "green"], ["green", "green", "green"],
        ["not_started", "amber", "amber"]]
    assert [a.due.current.text for a in actions] == ["Summer term 2024", "Q3 2024/25", "End of March 2025", "Ongoing"]
    label = {r.id: r.short_label for r in plan.reviews}
    assert [[(label[u.review_id], u.text) for u in a.progress] for a in actions] == [
        [("Mar 2024", "Adverts placed."), ("Jun 2024", "One post filled."), ("Sep 2024", "Both posts filled.")],
        [("Mar 2024", "audit tool agreed."), ("Sep 2024", "first audit cycle complete.")],
        [("Jun 2024", "Training plan signed off.")], []]
    assert "areas as merged rows across the table" in report.layouts[0]
    assert "RAG as one column per review" in report.layouts[0]
    assert "RAG given by cell shading only" in report.layouts[0]
    assert any("end of that month (31/03/2024)" in g for g in report.guesses)
    assert _unaccounted(source, plan) == []


def test_area_column_two_line_header_and_key_table(tmp_path: Path) -> None:
    source = area_column(tmp_path / "eastholme.docx")
    result = import_docx(source)
    plan, report = result.plan, result.report
    assert plan.title == AREA_TITLE
    assert [(a.ref, a.wording) for a in plan.areas] == [("1", "Leaders do not use data well"),
                                                        ("2", "Families are not heard")]
    assert [[o.text for o in a.objectives] for a in plan.areas] == [["Use one dataset"], ["Co-produce services"]]
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ref for a in actions] == ["1.1", "1.2", "2.1"]  # as written
    assert [(r.label, r.colour) for r in plan.reviews_by_date()] == [(k, f"#{c}") for k, c in KEY_TABLE.items()]
    dec, mar = plan.reviews_by_date()
    assert [(a.ratings.get(dec.id), a.ratings.get(mar.id)) for a in actions] == [
        ("amber", "green"), ("red", "amber"), ("green", "green")]
    assert [[u.review_id for u in a.progress] for a in actions] == [[dec.id, mar.id], [mar.id], [dec.id]]
    assert actions[0].notes == "Needs ICB data" and actions[1].due.current.text == "Termly"
    assert "(header over 2 rows)" in report.layouts[-1] and "areas in a column" in report.layouts[-1]
    assert "“RAG Dec 23” → RAG at “Dec 23”" in report.text()
    assert _unaccounted(source, plan) == []

"""The report PDF reader on layouts real reports use, printed by LibreOffice (or written by hand): two-column
tables, headings repeated as a table's header cell and a header row repeated over a page break, running
headers that interrupt a paragraph, an area's own sub-list, a row the page break split, glyph-positioned
words, line-end hyphens (a word processor's and a real compound's), a title over two lines.

The LibreOffice cases are skipped where it is not installed, except in CI (CI=true), where they run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from report_layouts import (
    BOTH,
    COUNCIL,
    DATES,
    GLYPH_AREAS,
    ICB,
    IMPROVEMENT,
    LEADERS,
    LONG,
    P1,
    P2,
    P3,
    PARTNERSHIP,
    PREVIOUS,
    RUNNING,
    write_glyph_pdf,
    write_table_report_docx,
)
from sendplan.exporters.report import ReportDraft, draft_to_plan, read_report
from sendplan.exporters.report.layout import furniture
from sendplan.exporters.report.pdf import read_pdf_pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true",
                                   reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert SOFFICE, "CI must have LibreOffice"
    folder = tmp_path_factory.mktemp("layouts")
    source = write_table_report_docx(folder / "tables.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / "tables.pdf"


@pytest.fixture(scope="module")
def draft(printed: Path) -> ReportDraft:
    return read_report(printed)


@needs_soffice
@pytest.mark.timeout(600)
def test_two_column_table_read_cell_by_cell_with_each_areas_responsible_body(draft: ReportDraft) -> None:
    priority = [area for area in draft.areas if area.kind == "priority"]
    assert [area.body for area in priority] == [BOTH, ICB, COUNCIL]
    assert [area.text for area in priority] == ["\n".join(P1), P2, P3]
    assert all("Responsible body" not in area.text for area in draft.areas)
    assert draft.areas[0].title == "Area for priority action"


@needs_soffice
@pytest.mark.timeout(600)
def test_an_areas_sub_list_and_the_paragraph_after_it_stay_in_the_area(draft: ReportDraft) -> None:
    lines = draft.areas[0].text.split("\n")
    assert lines[1:4] == P1[1:4] and lines[4] == P1[4]  # three items, then the cell's last paragraph
    assert len(draft.areas) == 6


@needs_soffice
@pytest.mark.timeout(600)
def test_a_row_split_by_the_page_break_and_the_repeated_header_row(printed: Path, draft: ReportDraft) -> None:
    pages = read_pdf_pages(printed)
    on = [page.number for page in pages if any(w.text == "clinic" for w in page.words)]
    assert len(on) >= 2, "the long area must run over a page break for this test to mean anything"
    header_rows = sum(" ".join(w.text for w in page.words).count("Responsible body Areas for priority action")
                      for page in pages)
    assert header_rows >= 2  # LibreOffice repeats the header row on the next page
    assert draft.areas[1].text == P2 and draft.areas[1].body == ICB


@needs_soffice
@pytest.mark.timeout(600)
def test_heading_repeated_as_the_tables_header_cell(draft: ReportDraft) -> None:
    improvement = [area.text for area in draft.areas if area.kind == "improvement"]
    assert improvement == IMPROVEMENT  # the header cell "Areas for improvement" is neither an area nor a section end
    assert [area.body for area in draft.areas if area.kind == "improvement"] == ["", "", ""]


@needs_soffice
@pytest.mark.timeout(600)
def test_running_header_and_page_number_interrupting_a_paragraph(printed: Path, draft: ReportDraft) -> None:
    pages = read_pdf_pages(printed)
    assert len(pages) >= 3 and len(furniture(pages)) >= 3 * (len(pages) - 1)  # header (two lines) and number
    like = next(s for s in draft.sections if s.title.startswith("What is it like"))
    assert like.text.split("\n")[1] == LONG  # whole, over the page breaks, nothing of the header inside
    everything = "\n".join([draft.outcome, *(s.text for s in draft.sections), *(a.text for a in draft.areas)])
    assert RUNNING not in everything and "Partnership the page break" not in everything


@needs_soffice
@pytest.mark.timeout(600)
def test_line_end_hyphens_decided_from_the_documents_own_evidence(draft: ReportDraft) -> None:
    first = next(area.text for area in draft.areas if area.kind == "improvement")
    assert "children" in first and "services" in first  # the word processor's breaks are undone
    assert "neuro-developmental" in first  # a compound the document writes with its hyphen keeps it
    assert any("chil-dren" in note and "ser-vices" in note for note in draft.notes)  # and the guess is reported


@needs_soffice
@pytest.mark.timeout(600)
def test_title_over_two_lines_dates_outcome_and_partners(draft: ReportDraft) -> None:
    assert draft.partnership == PARTNERSHIP
    assert (draft.inspection_dates, draft.previous_inspection) == (DATES, PREVIOUS)
    assert draft.outcome_level == "systemic" and draft.title == f"{PARTNERSHIP} priority action plan"
    assert draft.partners == [COUNCIL, ICB]
    assert draft.signatories == [(name, role, organisation) for organisation, name, role in LEADERS]


@needs_soffice
@pytest.mark.timeout(600)
def test_the_plan_keeps_bodies_and_puts_priority_actions_first(draft: ReportDraft) -> None:
    plan = draft_to_plan(draft)
    priority = "Area for priority action"
    assert [(a.term, a.title, a.responsible_body) for a in plan.areas] == [
        (priority, "", BOTH), (priority, "", ICB), (priority, "", COUNCIL), ("", "", ""), ("", "", ""), ("", "", "")]
    assert [a.ref for a in plan.areas] == ["1", "2", "3", "4", "5", "6"]
    assert plan.local_area == PARTNERSHIP and plan.partners == (COUNCIL, ICB)


def test_glyph_positioned_words_are_neither_glued_nor_split(tmp_path: Path) -> None:
    pdf = write_glyph_pdf(tmp_path / "glyphs.pdf")
    words = [word.text for page in read_pdf_pages(pdf) for word in page.words]
    assert "updated" in words and "upd" not in words  # a kerning gap inside a word does not split it
    assert "Leaders" in words and "Leadersshould" not in words  # a space's width of paper is a space
    draft = read_report(pdf)
    assert [area.text for area in draft.areas] == GLYPH_AREAS
    assert draft.partnership == "Eastvale Local Area Partnership" and draft.inspection_dates == "2 to 6 June 2025"


def test_each_area_is_printed_in_its_own_word_and_comes_back(draft: ReportDraft, tmp_path: Path) -> None:
    """A priority action plan prints "Area for priority action 1" … then "Area for improvement 4" …, each told
    apart by its wording (the publication lists them under their own headings), and a Word plan read back
    from its print keeps each area's word."""
    from docx import Document
    from sendplan.exporters.word import WordOptions, export_docx, import_docx

    from sendplan.model import Action, Objective, term_of
    from sendplan.refs import assign_missing_refs

    plan = draft_to_plan(draft)
    for area in plan.areas:
        area.objectives = [Objective(text="Agree the first step", actions=[Action(text="Meet the partners")])]
    assign_missing_refs(plan)
    pack = export_docx(plan, tmp_path / "pack.docx", WordOptions.for_preset("review-pack", embed=False)).path
    headings = [p.text for p in Document(str(pack)).paragraphs if p.style.name == "Heading 2"]
    assert [h.split(":")[0] for h in headings[:6]] == [
        "Area for priority action 1", "Area for priority action 2", "Area for priority action 3",
        "Area for improvement 4", "Area for improvement 5", "Area for improvement 6"]
    public = export_docx(plan, tmp_path / "public.docx", WordOptions.for_preset("publication")).path
    lines = [p.text for p in Document(str(public)).paragraphs]
    first, second = lines.index("The areas for priority action"), lines.index("The areas for improvement")
    assert [line.split(". ", 1)[1] for line in lines[first + 1:second]] == [a.wording.split("\n")[0] for a in
                                                                          plan.areas[:3]]
    again = import_docx(pack).plan
    assert [term_of(again, a) for a in again.areas] == ["Area for priority action"] * 3 + ["Area for improvement"] * 3

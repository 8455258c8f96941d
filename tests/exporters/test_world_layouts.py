"""Plans in the layouts councils publish (beyond REAL_PLANS.md's families), each asserting structure, refs,
ratings per review, progress per review, dates, the plan's own word for its areas and version, an honest
report, and text accounting (every non-empty line of the source is in the plan, as text or structure)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import world_layouts as word
import world_trackers as excel
from accounting import docx_lines, unaccounted, xlsx_lines
from docx import Document
from sendplan.exporters.excel import import_tracker
from sendplan.exporters.word import WordOptions, export_docx, import_docx

from sendplan.model import Action, Plan

RATING_WORDS = ["Red", "Amber", "Green", "Blue", "R", "A", "G", "B", "1", "2", "3"]
PAP_STRUCTURE = [*word.PAP_HEADERS, *RATING_WORDS, "Jan 24 / Mar 24", "Jan 24", "Mar 24", "Update March 2024",
                 "October 2024 update", "Progress key", "Note", "Priority 1", "Priority 2"]  # review labels, headers


def _actions(plan: Plan) -> list[Action]:
    return [action for _, _, action in plan.iter_actions()]


def _ratings(plan: Plan) -> list[list[str]]:
    reviews = plan.reviews_by_date()
    return [[action.ratings.get(r.id, "") for r in reviews] for action in _actions(plan)]


def _progress(plan: Plan) -> list[list[tuple[str, str]]]:
    label = {r.id: r.short_label for r in plan.reviews}
    return [[(label[u.review_id], u.text) for u in action.progress] for action in _actions(plan)]


def test_question_headers_one_table_per_recommendation(tmp_path: Path) -> None:
    path = word.question_headers(tmp_path / "fernhill.docx")
    result = import_docx(path)
    plan = result.plan
    assert plan.title == word.QUESTION_TITLE and plan.version == "v2.1" and plan.plan_date == date(2025, 2, 3)
    assert plan.area_term == "Recommendation"
    assert [(a.ref, a.wording) for a in plan.areas] == [(str(n), w) for n, (w, _) in
                                                        enumerate(word.RECOMMENDATIONS, start=1)]
    assert [[o.text for o in a.objectives] for a in plan.areas] == [
        ["Partners share one set of SEND data"], ["Families find what they need"],
        ["Every young person has a plan for adulthood"]]
    rows = [row for _, table in word.RECOMMENDATIONS for row in table]
    actions = _actions(plan)
    assert [(a.text, a.owner, a.kpis) for a in actions] == [(r[1], r[2], r[4]) for r in rows]
    assert [a.ref for a in actions] == ["1.1 (a)", "1.1 (b)", "2.1 (a)", "3.1 (a)"]  # numbered: the plan gives none
    assert actions[0].due.current.day == date(2025, 3, 31) and actions[1].due.current.text == "Summer term 2025"
    (review,) = plan.reviews  # "Where are we now?" holds ratings: the cells decided, in every table alike
    assert _ratings(plan) == [["green"], ["amber"], ["red"], ["amber"]]
    assert (review.label, review.short_label, review.day) == ("Position at 3 February 2025", "Feb 2025",
                                                             date(2025, 2, 3))  # the document's own date
    assert _progress(plan) == [[("Feb 2025", r[6])] for r in rows]
    assert any("“Where are we now?”: its cells hold ratings" in g for g in result.report.guesses)
    assert unaccounted(docx_lines(path), plan, [*word.QUESTION_HEADERS, *RATING_WORDS, "Recommendation 1",
                                                "Recommendation 2", "Recommendation 3"]) == []


def test_accelerated_progress_plan_header_blocks_and_review_named_rag(tmp_path: Path) -> None:
    path = word.accelerated_progress_plan(tmp_path / "app.docx")
    result = import_docx(path)
    plan, report = result.plan, result.report
    assert plan.area_term == "Area of weakness" and plan.local_area == word.APP_AREA
    assert [(a.ref, a.wording, a.extra) for a in plan.areas] == [
        (str(n), wording, {"Lead": lead, "Impact measure": impact})
        for n, (wording, lead, impact, _) in enumerate(word.APP_AREAS, start=1)]
    actions = _actions(plan)
    assert [a.ref for a in actions] == ["P1.1", "P1.2", "P2.1"] and plan.numbering == "free"
    assert [r.label for r in plan.reviews_by_date()] == ["6 month review", "12 month review"]
    assert _ratings(plan) == [["amber", "green"], ["red", "amber"], ["green", "blue"]]
    first = actions[0].due
    assert first.original.day == date(2022, 6, 30) and first.current.day == date(2022, 10, 31)
    assert first.revisions[0].reason == "agreed with DfE"  # its bracket kept whole, and the date read
    assert actions[0].extra == {"Milestones": "Posts advertised\nTeam in post", "Date achieved": "14.10.22"}
    assert actions[0].evidence == ("Structure chart; caseload report",)
    assert "RAG 6 month review" not in actions[0].extra  # ratings, not extra text
    assert report.things_to_check == len(report.guesses) == 2  # the two undated reviews: nothing else
    assert unaccounted(docx_lines(path), plan, [*word.APP_HEADERS, *RATING_WORDS, "Area of weakness 1",
                                                "Area of weakness 2", "Revised:"]) == []


def test_accelerated_progress_plan_lead_milestones_and_evidence_update(tmp_path: Path) -> None:
    """Milestones are never an owner; "Evidence / update" is progress at the latest review the RAG columns
    name; the header block's Lead owns the actions; every kept column is printed in the Word pack."""
    path = word.accelerated_lead_block(tmp_path / "kestrelford.docx")
    result = import_docx(path)
    plan, report = result.plan, result.report
    rows = [row for _, _, table in word.LEAD_AREAS for row in table]
    leads = [lead for _, lead, table in word.LEAD_AREAS for _ in table]
    actions = _actions(plan)
    assert [a.owner for a in actions] == leads  # the area's lead, not the milestone
    assert [a.extra for a in actions] == [{"Milestones": r[2], **({"Date achieved": r[4]} if r[4] else {})}
                                          for r in rows]
    assert _ratings(plan) == [["amber", "green"], ["green", "blue"], ["red", "amber"]]
    assert _progress(plan) == [[("12 month review", r[7])] for r in rows]
    assert [c.key for c in result.mapping.tables[1].columns] == [
        "action_no", "action", "", "due", "achieved", "rag", "rag", "progress"]
    assert not any("people or teams" in g for g in report.guesses)
    assert any("took the area's lead, Head of Post-16 Provision, as owner" in g for g in report.guesses)
    assert report.layouts[0] == "table 1: the heading of area of weakness 1, with 1 detail kept on the area"
    document = Document(str(export_docx(plan, tmp_path / "pack.docx").path))
    tables = [table for table in document.tables if table.rows[0].cells[0].text == "Action No"]
    # the plan has no objectives, outcomes or indicators: those columns are left out, not printed empty
    assert {tuple(c.text for c in table.rows[0].cells) for table in tables} == {
        ("Action No", "Actions", "RAG", "By Whom", "By When", "Progress")}
    body = [[cell.text for cell in row.cells] for table in tables for row in table.rows[1:]]
    # each action's ref under Action No (not merged: the objectives have no number), not repeated in Actions
    assert [(row[0], row[1], row[3]) for row in body] == [
        (r[0], f"{r[1]}\nMilestones: {r[2]}" + (f"\nDate achieved: {r[4]}" if r[4] else ""), lead)
        for r, lead in zip(rows, leads, strict=True)]
    assert [row[-1] for row in body] == [f"12 month review: {r[7]}" for r in rows]
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in tables:  # the whole text width, shared by the columns kept
        assert abs(sum(cell.width for cell in table.rows[1].cells) - text_width) < 12700  # a point



def test_accelerated_progress_plan_pack_without_the_embedded_plan_reads_back(tmp_path: Path) -> None:
    """The refs printed under Action No (and no longer in the Actions cell) name the same actions when the
    pack is read from its tables alone."""
    plan = import_docx(word.accelerated_lead_block(tmp_path / "kestrelford.docx")).plan
    pack = export_docx(plan, tmp_path / "pack.docx", WordOptions.for_preset("review-pack", embed=False)).path
    again = import_docx(pack).plan

    def shown(plan: Plan) -> list[tuple[str, str, str]]:  # (the kept columns come back as the action's lines)
        return [(a.ref, a.text.split("\n")[0], a.owner) for a in _actions(plan)]
    assert shown(again) == shown(plan) and len(shown(plan)) == 3
    assert [o.ref for area in again.areas for o in area.objectives] == [""] * len(again.areas)

def test_priority_action_plan_version_key_labels_and_note_rows(tmp_path: Path) -> None:
    path = word.priority_action_plan(tmp_path / "pap.docx")
    result = import_docx(path)
    plan = result.plan
    assert plan.version == "v3.2" and plan.area_term == "Priority"
    assert plan.status == ""  # "Version 3.2" gave no status: the plan is not made a draft
    assert not any("Version 3.2" in s.body or s.title == "Version 3.2" for s in plan.sections)
    pack = Document(str(export_docx(plan, tmp_path / "pack.docx").path))
    assert "Version: v3.2" in [p.text for p in pack.paragraphs[:5]]
    assert pack.sections[0].footer.paragraphs[0].text.startswith("v3.2 · ")
    assert "Draft" not in "\n".join(p.text for p in pack.paragraphs[:5])
    assert [r.label for r in plan.reviews_by_date()] == list(word.PAP_KEY)
    assert [(r.colour.upper(), r.day) for r in plan.reviews_by_date()] == [
        ("#C00000", date(2024, 1, 31)), ("#0070C0", date(2024, 3, 31)), ("#00B050", date(2024, 10, 31))]
    assert [a.ref for a in _actions(plan)] == ["1.1", "1.2", "2.1", "2.2"]
    assert _ratings(plan) == [["", "", "amber"], ["", "", "green"], ["", "", "blue"], ["", "", "amber"]]
    assert _progress(plan) == [
        [("Mar 2024", "tender documents agreed with the parent carer forum.")],  # coloured March, not January
        [("Jan 2024", "sessions planned in two hubs."),
         ("Oct 2024", "Sessions run weekly in four hubs\n140 families seen")],  # bullets under the bold label
        [("Mar 2024", "guide published and launched at the SENCo conference.")],
        [("Mar 2024", "outreach agreed with three special schools.")]]
    actions = _actions(plan)
    assert actions[1].notes == "Action 1.2 is led jointly with the council's family hubs service."
    assert plan.areas[1].extra == {"Note": "Action 2.3 moved to the SEND Sufficiency Plan in January 2024."}
    assert len(plan.areas) == 2  # a note row is never an area
    assert any("coloured for “March 2024 review”" in g for g in result.report.guesses)
    assert unaccounted(docx_lines(path), plan, PAP_STRUCTURE) == []


def test_work_streams_start_dates_quarters_and_dated_updates(tmp_path: Path) -> None:
    path = word.work_streams(tmp_path / "streams.docx")
    result = import_docx(path)
    plan = result.plan
    assert plan.area_term == "Work stream"
    assert [(a.ref, a.wording) for a in plan.areas] == [("1", "The Local Offer"),
                                                        ("2", "Embedding the Graduated Response")]
    assert [[(o.ref, o.text) for o in a.objectives] for a in plan.areas] == [
        [("1.1", "The local offer is easy to use")], [("2.1", "Schools meet needs earlier")]]
    actions = _actions(plan)
    assert [a.ref for a in actions] == ["1.1.1", "1.1.2", "2.1.1"]
    assert [a.due.current.day or a.due.current.text for a in actions] == [
        date(2024, 12, 31), date(2025, 3, 31), "End of March 2025"]  # the end date, never the start date
    assert [a.extra["Start Date"] for a in actions] == ["01/09/2024", "01/10/2024", "01/09/2024"]
    assert [(r.short_label, r.day) for r in plan.reviews_by_date()] == [
        ("Q3 2024/25", date(2024, 12, 31)), ("Q4 2024/25", date(2025, 3, 31))]
    assert _ratings(plan) == [["amber", "green"], ["red", "amber"], ["green", "green"]]
    assert _progress(plan) == [
        [("Q4 2024/25", "changes made after testing."), ("Q3 2024/25", "twelve families tested the site.")],
        [("Q3 2024/25", "specification agreed.")], [("Q4 2024/25", "61 of 64 schools visited.")]]
    structure = [*word.STREAM_HEADERS, *RATING_WORDS, "Dec 24", "Mar 25", "Work stream One", "Work stream Two",
                 "Objective 1.1", "Objective 2.1"]
    assert unaccounted(docx_lines(path), plan, structure) == []


def test_headers_that_say_little_let_the_cells_decide(tmp_path: Path) -> None:
    path = word.unclear_headers(tmp_path / "oakridge.docx")
    result = import_docx(path)
    plan = result.plan
    actions = _actions(plan)
    assert [(a.ref, a.text, a.owner) for a in actions] == [(r[0], r[1], r[2]) for r in word.UNCLEAR_ROWS]
    (review,) = plan.reviews
    assert review.day == date(2024, 12, 31)
    assert _ratings(plan) == [["amber"], ["green"], ["red"]]
    assert _progress(plan) == [[("Dec 2024", r[5])] for r in word.UNCLEAR_ROWS]
    guesses = " ".join(result.report.guesses)
    assert "references such as 1.1" in guesses and "short names of people or teams" in guesses
    assert "ratings (R, A, G…)" in guesses
    assert unaccounted(docx_lines(path), plan, [*word.UNCLEAR_HEADERS[1:], *RATING_WORDS, "Area for Improvement 1"]
                       ) == []


def test_quarterly_tracker_merged_quarters_conditional_formats_and_split_updates(tmp_path: Path) -> None:
    path = excel.quarterly(tmp_path / "ashcombe.xlsx")
    result = import_tracker(path)
    plan, report = result.plan, result.report
    assert plan.title == excel.QUARTERLY_TITLE and plan.version == "v4" and plan.area_term == "Priority"
    assert plan.status == "" and plan.edition == "v4"  # the tracker's own version, not made a draft
    assert [a.wording for a in plan.areas] == [area.split(": ", 1)[1] for area, _ in excel.QUARTERLY]
    rows = [row for _, actions in excel.QUARTERLY for row in actions]
    actions = _actions(plan)
    assert [(a.ref, a.text, a.owner) for a in actions] == [row[:3] for row in rows]  # no phantom action
    assert [(r.short_label, r.day) for r in plan.reviews_by_date()] == [
        ("Q2 2025/26", date(2025, 9, 30)), ("Q3 2025/26", date(2025, 12, 31))]
    words = {1: "red", 2: "amber", 3: "green"}  # read from the conditional formats' fills alone
    assert _ratings(plan) == [[words[row[5]], words[row[6]]] for row in rows]
    assert [a.due.current.day or a.due.current.text for a in actions] == [
        date(2025, 12, 31), "Monthly", date(2026, 3, 31)]  # the target date, not the start date
    assert [a.extra["Start date"] for a in actions] == ["01/07/2025", "01/08/2025", "01/09/2025"]
    assert _progress(plan) == [
        [("Q3 2025/26", "both coordinators in post."), ("Q2 2025/26", "one post filled.")],
        [("Q2 2025/26", "tracker built; first panel held in October.")],
        [("Q3 2025/26", "guidance drafted with the college.")]]
    assert any("“Finance code” is hidden" in note for note in report.notes)
    structure = ["Ref", "Action", "Lead", "Start date", "Target date", "RAG rating", "Progress update",
                 "Finance code", "Q2 2025/26", "Q3 2025/26", "Sep 25", "Dec 25", "Version 4", "Priority 1",
                 "Priority 2", *RATING_WORDS]
    assert unaccounted(xlsx_lines(path), plan, structure) == []


def test_status_word_tracker_revised_deadlines_and_note_rows(tmp_path: Path) -> None:
    path = excel.status_words(tmp_path / "cranmoor.xlsx")
    result = import_tracker(path)
    plan = result.plan
    assert plan.area_term == "Area for priority action"
    assert [a.ref for a in _actions(plan)] == [row[1] for row in excel.STATUS_ROWS]
    assert _ratings(plan) == [["green"], ["blue"], ["amber"]]
    actions = _actions(plan)
    assert actions[0].due.original.day == date(2025, 6, 30) and actions[0].due.current.day == date(2025, 9, 30)
    assert [a.extra for a in actions] == [{"Lead organisation": "Cranmoor ICB"},
                                          {"Lead organisation": "Cranmoor Council", "Date achieved": "25/04/2025"},
                                          {"Lead organisation": "Cranmoor Council"}]
    assert actions[1].notes == "Action APA1.2 was closed by the board on 12 May 2025."
    assert plan.areas[1].extra == {"Note": "figures are checked by the ICB data team before the board."}
    assert len(plan.areas) == 2
    guesses = " ".join(result.report.guesses)
    assert "“On track” in “Status” was read as Green" in guesses
    assert "“At risk” in “Status” was read as Amber" in guesses
    structure = ["Action ID", "Priority area", "Action", "Lead officer", "Lead organisation", "Original deadline",
                 "Revised deadline", "Status", "Latest update", "Date achieved", "On track", "Complete", "At risk",
                 "Note", "Area for priority action 1", "Area for priority action 2", "2025-04-25"]
    assert unaccounted(xlsx_lines(path), plan, structure) == []


def test_one_sheet_a_recommendation_with_named_reviews(tmp_path: Path) -> None:
    path = excel.per_recommendation(tmp_path / "recs.xlsx")
    result = import_tracker(path)
    plan, report = result.plan, result.report
    assert plan.area_term == "Recommendation"
    assert [(a.ref, a.wording) for a in plan.areas] == [("1", "Leaders should check the quality of EHC plans"),
                                                        ("2", "Leaders should shorten waits for autism assessment")]
    rows = [row for _, sheet in excel.REC_SHEETS for row in sheet]
    assert [(a.ref, a.text, a.owner) for a in _actions(plan)] == [row[:3] for row in rows]
    assert [r.label for r in plan.reviews_by_date()] == ["6 month review", "12 month review"]
    words = {"R": "red", "A": "amber", "G": "green"}
    assert _ratings(plan) == [[words[row[4]], words[row[5]]] for row in rows]
    assert _progress(plan) == [[("12 month review", row[6])] for row in rows]
    assert report.unused == [("sheet “Lookups”, not read as an action sheet", 4)]
    assert report.things_to_check == len(report.guesses) + len(report.notes) + 4
    structure = ["Ref", "What we will do", "Who", "When", "RAG 6 month review", "RAG 12 month review",
                 "What has happened", "Recommendation 1", "Recommendation 2", *RATING_WORDS]
    assert unaccounted(xlsx_lines(path), plan, structure) == []


def test_the_accounting_catches_a_lost_line(tmp_path: Path) -> None:
    """The check above can fail: a plan that lost one update, or a note row, is caught."""
    path = word.priority_action_plan(tmp_path / "pap.docx")
    plan = import_docx(path).plan
    _actions(plan)[3].progress.clear()
    plan.areas[1].extra.clear()
    assert unaccounted(docx_lines(path), plan, PAP_STRUCTURE) == [
        "Update March 2024: outreach agreed with three special schools.",
        "Note: Action 2.3 moved to the SEND Sufficiency Plan in January 2024."]

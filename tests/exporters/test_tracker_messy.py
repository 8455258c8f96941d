"""A tracker as a council officer keeps it: a chart sheet first, title rows, merged area rows, a hidden column,
frozen panes, "RAG Dec-25" (Excel's mmm-yy), action refs "1.1" with no objective level, and a rating given
only by a blue fill.

All names and text are invented for the tests (Kestrel Moor).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sendplan.exporters.excel import import_tracker

from sendplan.refs import ref_problems

TITLE = "Kestrel Moor SEND Written Statement of Action – progress tracker"


def _write(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "WSoA tracker"
    sheet["A1"] = TITLE
    sheet["A2"] = "Updated for the SEND Improvement Board, December 2025"
    headers = ["Ref", "Action", "Lead officer", "Target date", "Internal code", "RAG Sept 25", "RAG Dec-25",
               "Progress update"]
    sheet.append([])
    sheet.append(headers)
    sheet.freeze_panes = "C5"
    sheet.column_dimensions["E"].hidden = True
    sheet.append(["Area 1: Leaders’ weak oversight of EHC plans"])
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=len(headers))
    sheet.append(["1.1", "Audit new EHC plans monthly", "Head of SEND", date(2025, 11, 30), "X-17", "Amber", "G",
                  "24 plans audited."])
    sheet.append(["1.2", "Train coordinators in writing outcomes", "Principal EP", "Spring 2026", "X-18", None, None,
                  "Training booked."])
    sheet.cell(7, 6).fill = PatternFill("solid", fgColor="FFFF0000")
    sheet.cell(7, 7).fill = PatternFill("solid", fgColor="FF0070C0")  # Excel's standard blue: complete
    data = book.create_sheet("Chart data")
    for row in (("Rating", "Count"), ("Red", 1), ("Amber", 1)):
        data.append(row)
    chart_sheet = book.create_chartsheet("RAG chart", 0)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    chart_sheet.add_chart(chart)
    book.save(path)
    return path


def test_messy_tracker_title_fill_and_refs(tmp_path: Path) -> None:
    result = import_tracker(_write(tmp_path / "tracker.xlsx"))
    plan = result.plan
    assert plan.title == TITLE  # the first title row, not the file's name
    actions = [action for _, _, action in plan.iter_actions()]
    assert [(a.ref, a.text, a.extra) for a in actions] == [
        ("1.1", "Audit new EHC plans monthly", {"Internal code": "X-17"}),
        ("1.2", "Train coordinators in writing outcomes", {"Internal code": "X-18"})]
    sept, dec = sorted(plan.reviews, key=lambda r: r.day)
    assert (sept.day, dec.day) == (date(2025, 9, 30), date(2025, 12, 31))
    assert [a.ratings for a in actions] == [{sept.id: "amber", dec.id: "green"}, {sept.id: "red", dec.id: "blue"}]
    assert [level.key for level in plan.rag_scale] == ["red", "amber", "green", "blue"]
    assert plan.numbering == "free" and [a.ref for a in plan.areas] == ["1"]
    assert ref_problems(plan) == []  # the objective a tracker has no column for takes its area's ref
    text = result.report.text()
    assert "Read from the tracker's rows and columns." in text and "Word" not in text


def test_one_sheet_an_area(tmp_path: Path) -> None:
    """A tracker kept one sheet an area, after a "Read me" sheet: every sheet is read (only the first was), each
    sheet's "Area 2: …" title row names its area, and the report says which sheets were read."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active["A1"] = "Update the RAG each quarter."
    for number, name in ((1, "EHC plan quality"), (2, "Early identification")):
        sheet = book.create_sheet(f"Area {number}")
        sheet["A1"] = f"Area {number}: {name}"
        sheet.append(["Ref", "Action", "Lead", "Target date", "RAG Dec 25"])
        sheet.append([f"{number}.1", f"First action of area {number}", "Lead A", "Monthly", "G"])
        sheet.append([f"{number}.2", f"Second action of area {number}", "Lead B", "Spring 2026", "A"])
    book.create_sheet("Area 3").append(["Ref", "Action", "Lead", "RAG Mar 26"])
    book["Area 3"].append(["3.1", "Only action of area 3", "Lead C", "R"])
    book.save(tmp_path / "sheets.xlsx")
    result = import_tracker(tmp_path / "sheets.xlsx")
    plan = result.plan
    assert [(a.ref, a.wording) for a in plan.areas] == [("1", "EHC plan quality"), ("2", "Early identification"),
                                                       ("3", "Area 3")]
    assert [a.ref for _, _, a in plan.iter_actions()] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert [r.day for r in plan.reviews] == [date(2025, 12, 31), date(2026, 3, 31)]
    assert plan.title == "sheets" and ref_problems(plan) == []
    assert any("3 sheets (“Area 1”, “Area 2”, “Area 3”)" in note for note in result.report.notes)
    assert len(result.report.mappings) == 3


def test_ratings_from_theme_colour_fills(tmp_path: Path) -> None:
    """Fills picked from Excel's theme palette are resolved through the workbook's own theme (openpyxl writes
    the Office 2007 theme: accent 2 red C0504D, accent 3 green 9BBB59, accent 6 orange F79646); a tint
    lighter than that still rates."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.styles.colors import Color

    book = Workbook()
    sheet = book.active
    sheet.append(["Area", "Ref", "Action", "Lead", "RAG Dec 25"])
    for ref, theme, tint in (("1a", 5, 0.0), ("1b", 6, 0.0), ("1c", 9, 0.0), ("1d", 6, 0.2)):
        sheet.append(["1. Waits" if ref == "1a" else None, ref, f"Action {ref}", "Lead", None])
        sheet.cell(sheet.max_row, 5).fill = PatternFill("solid", fgColor=Color(theme=theme, tint=tint))
    book.save(tmp_path / "theme.xlsx")
    plan = import_tracker(tmp_path / "theme.xlsx").plan
    review = plan.reviews[0]
    assert [a.ratings.get(review.id) for _, _, a in plan.iter_actions()] == ["red", "green", "amber", "green"]


def test_fill_colours_named_as_a_person_would() -> None:
    from sendplan.exporters.office import fill_rating as _fill_rating

    named = {"C00000": "red", "FFC7CE": "red", "ED7D31": "amber", "FFC000": "amber", "FFFF00": "amber",
             "FFEB9C": "amber", "92D050": "green", "9BBB59": "green", "C6EFCE": "green", "00B050": "green",
             "0070C0": "blue", "FFFFFF": "", "D9D9D9": "", "000000": "", "7030A0": "", "BDD7EE": ""}
    assert {fill: _fill_rating(fill) for fill in named} == named


def test_dates_under_a_merged_rag_title_and_dates_as_titles(tmp_path: Path) -> None:
    """"RAG rating" merged over a row of "Sept 25 | Dec 25" (the December column was dropped and the dates
    row became an empty action), and header cells that are real dates (their ratings were extra text)."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Kestrel Moor tracker"])
    sheet.append(["Ref", "Action", "Lead", "RAG rating", None, "Progress update"])
    sheet.merge_cells("D2:E2")
    sheet.append([None, None, None, "Sept 25", "Dec 25", None])
    sheet.append(["Area 1: Plans"])
    sheet.append(["1.1", "Audit plans", "Head of SEND", "Amber", "Green", "Going well"])
    sheet.append(["1.2", "Train staff", "PEP", "Red", "A", "Booked"])
    book.save(tmp_path / "merged.xlsx")
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", datetime(2025, 9, 30), datetime(2025, 12, 31), "Progress update"])
    sheet.append(["Area 1: Plans"])
    sheet.append(["1.1", "Audit plans", "Head of SEND", "A", "G", "Going well"])
    sheet.append(["1.2", "Train staff", "PEP", "R", "Amber", "Booked"])
    book.save(tmp_path / "dated.xlsx")
    for name in ("merged.xlsx", "dated.xlsx"):
        result = import_tracker(tmp_path / name)
        plan = result.plan
        sept, dec = plan.reviews
        assert (sept.day, dec.day) == (date(2025, 9, 30), date(2025, 12, 31))
        actions = [a for _, _, a in plan.iter_actions()]
        assert [(a.ref, a.text) for a in actions] == [("1.1", "Audit plans"), ("1.2", "Train staff")]
        assert [a.ratings for a in actions] == [{sept.id: "amber", dec.id: "green"}, {sept.id: "red", dec.id: "amber"}]
        assert [[(u.text, u.review_id) for u in a.progress] for a in actions] == [[("Going well", dec.id)],
                                                                                  [("Booked", dec.id)]]
        assert all(not a.extra for a in actions) and result.report.notes == []
    assert "header on rows 2–3 (dates on the second)" in import_tracker(tmp_path / "merged.xlsx").report.mappings[0]

"""Messy Word action plans in the two real layouts, written with python-docx (fictional content)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import RGBColor
from docx_helpers import mark_header_row, shade_cell

KEY = {"September 2017 review": "0070C0", "December 2017 review": "7030A0", "March 2018 review": "00B050"}


def _para(container, text: str = "", colour: str | None = None, *, strike: bool = False, bold: bool = False):  # type: ignore[no-untyped-def]
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        run.font.strike = strike
        run.bold = bold
    return p


def _fill(cell, paragraphs: list[tuple[str, str | None]] | list[str], shade: str | None = None) -> None:  # type: ignore[no-untyped-def]
    first = True
    for item in paragraphs:
        text, colour = (item, None) if isinstance(item, str) else item
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if text:
            run = p.add_run(text)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
    if shade:
        shade_cell(cell._tc.get_or_add_tcPr(), shade)


def stacked_layout(path: Path) -> Path:
    """One row per objective, actions stacked in cells and separated by blank paragraphs."""
    doc = Document()
    _para(doc, "Fellside Written Statement of Action", bold=True)
    _para(doc, "Our vision", bold=True)
    _para(doc, "Children in Fellside with SEND will be known, heard and helped early.")
    _para(doc, "Progress section code", bold=True)
    for label, colour in KEY.items():
        _para(doc, label, colour)
    _para(doc, "Review Date: 30.09.17")
    _para(doc, "Review Date: 15/12/2017")
    key = doc.add_table(rows=4, cols=2)
    _fill(key.rows[0].cells[0], ["RAG"])
    _fill(key.rows[0].cells[1], ["Descriptor"])
    for row, (word, shade, text) in zip(key.rows[1:], [("Green", "00B050", "On track."),
                                                        ("Amber", "FFC000", "Some slippage."),
                                                        ("Red", "FF0000", "Stalled.")], strict=True):
        _fill(row.cells[0], [word], shade)
        _fill(row.cells[1], [text])
    _para(doc, "Area for Improvement")
    _para(doc, "1. Leaders in Fellside do not share one picture of need.")
    headers = ["Action\nNo", "Objective", "Actions", "RAG", "By Whom", "By When", "Intended Outcomes",
               "Key Performance Indicators", "PROGRESS 2017/2018", "Progress 2018/2019", "Comments"]
    table = doc.add_table(rows=1, cols=len(headers))
    for cell, title in zip(table.rows[0].cells, headers, strict=True):
        _fill(cell, [title])
    mark_header_row(table.rows[0]._tr.get_or_add_trPr())
    blue, purple, green = KEY.values()
    rows = [
        ["1.1", ["Create one partnership board."],
         ["\uf0b7\tAgree terms of reference\nwith all partners.", "", "Appoint parent co-chairs.", "",
          "Publish board minutes."],
         ["G", "", "A/G", "", "R"], ["DCS", "", "CCG Chief Officer", "", "Board Secretary"],
         ["30.09.17\n31.12.17", "", "On-going", "", "Termly"],
         ["A board that decides.", "", "Parents lead.", "", "Open decisions."],
         ["Attendance 85%.", "", "Two co-chairs.", "", "Minutes within 10 days."],
         [("Terms agreed in September.", blue), ("Co-chairs recruited.", purple)],
         [("Minutes published monthly.", green)], ["Check with legal"]],
        ["1.2", ["Share data across services."],
         ["Build a joint dataset.", "", "Train analysts.", "", "Report monthly."],
         ["Amber", "", "Green", "", "Amber"], ["Head of Performance"], ["31.03.18", "", "30.06.18", "", "Ongoing"],
         ["Leaders use data.", "", "Analysts skilled."],  # two blocks for three actions: misaligned
         ["Dataset live.", "", "Analysts trained.", "", "Monthly report."],
         [("Dataset scoped.", blue)], [], []],
    ]
    for values in [headers, *rows]:  # the header again, as a repeated page header would appear
        row = table.add_row()
        if values is headers:
            for cell, title in zip(row.cells, headers, strict=True):
                _fill(cell, [title])
            continue
        for cell, value in zip(row.cells, values, strict=True):
            _fill(cell, [value] if isinstance(value, str) else value)
    shaded = table.add_row()
    for cell, value in zip(shaded.cells, ["1.3", "Listen to families.", "Run a family survey.", "", "PCF",
                                          "Sept 2018", "Families heard.", "Survey done.", "", "", ""], strict=True):
        _fill(cell, [value])
    shade_cell(shaded.cells[3]._tc.get_or_add_tcPr(), "FFC000")  # RAG by shading only
    _para(doc, "Area for Improvement 2: Joint commissioning is weak.")
    second = doc.add_table(rows=2, cols=4)
    for cell, title in zip(second.rows[0].cells, ["Ref", "Actions", "Lead", "Timescale"], strict=True):
        _fill(cell, [title])
    for cell, value in zip(second.rows[1].cells, ["2.1", "Agree a commissioning strategy.", "ICB", "31.01.18"],
                           strict=True):
        _fill(cell, [value])
    glossary = doc.add_table(rows=3, cols=2)
    for row, values in zip(glossary.rows, [("Abbreviation", "Meaning"), ("DCS", "Director of Children's Services"),
                                           ("PCF", "Parent Carer Forum")], strict=True):
        _fill(row.cells[0], [values[0]])
        _fill(row.cells[1], [values[1]])
    members = doc.add_table(rows=2, cols=3)
    for row, values in zip(members.rows, [("Name", "Organisation", "Role"),
                                          ("Ann Example", "Fellside Council", "Chair")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _fill(cell, [value])
    other = doc.add_table(rows=1, cols=2)
    _fill(other.rows[0].cells[0], ["Budget note"])
    other.rows[0].cells[1].add_table(rows=1, cols=1).rows[0].cells[0].paragraphs[0].add_run("Nested figure £12k")
    doc.save(str(path))
    return path


def merged_layout(path: Path) -> Path:
    """One row per action; Action No and Objective merged down each objective's rows."""
    doc = Document()
    _para(doc, "Area for Improvement 1")
    _para(doc, "Families do not know what support is available.")
    headers = ["Ref", "Objective", "Action", "RAG", "Lead", "Deadline", "Outcomes", "Measures", "Progress Update"]
    table = doc.add_table(rows=5, cols=len(headers))
    for cell, title in zip(table.rows[0].cells, headers, strict=True):
        _fill(cell, [title])
    data = [
        ["1.1", "Rebuild the Local Offer.", "Relaunch the website.", "Amber", "Local Offer Officer",
         "31.01.18", "Easier to find.", "Visits double.", "Supplier appointed."],
        ["", "", "Review every entry.", "Green", "Local Offer Officer", "28.02.18", "Accurate.", "All reviewed.",
         "Half reviewed."],
        ["1.2", "Hear from families.", "Run forums.", "Red", "PCF", "On-going", "Voices heard.", "Six forums.",
         "First forum held."],
        ["", "", "Publish 'you said, we did'.", "", "Participation Manager", "30.04.18", "Trust grows.",
         "Page live.", ""],
    ]
    for row, values in zip(table.rows[1:], data, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _fill(cell, [value] if value else [])
    shade_cell(table.rows[1].cells[3]._tc.get_or_add_tcPr(), "FFC000")
    for column in (0, 1):  # merge Action No and Objective down each objective's two rows
        table.cell(1, column).merge(table.cell(2, column))
        table.cell(3, column).merge(table.cell(4, column))
    doc.save(str(path))
    return path

"""Messy Word plans in the layout families of REAL_PLANS.md, written with python-docx (fictional content).

Each builder returns the path it wrote; the constants beside it are what the import must find.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import RGBColor
from docx_helpers import shade_cell

# -- the 2017 WSoA family: title first, signatories above it, a progress key of coloured paragraphs ---------

KEY_2017 = {  # label as typed (odd spaces included) → font colour of the progress it marks
    "Progress identified at September 2017 review": "0070C0",
    "Progress identified at December 2017  review": "7030A0",
    "Progress identified at July 2018 review": "00B050",
    "Progress identified at Feb and April 2019 review": "C55A11",
    "Progress identified as at June 2019": "FF0000",
}
REVIEW_LINES_2017 = [
    "Review Date: 20th September 2017",
    "Review Date: 11th December 2017",
    "Review Date:  14th April 2018 – July 2018 (Date moved so the joint visit in July could see the work)",
    "Review Date:  12TH February 2019 further updated 9th April and 21st June 2019.",
]
TITLE_2017 = "Southmoor Local Area Written Statement of Action for children with SEND, October 2017"


def _para(container, text: str = "", colour: str | None = None, *, bold: bool = False,  # type: ignore[no-untyped-def]
          style: str | None = None, fill: str | None = None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    if fill:
        shade_cell(p._p.get_or_add_pPr(), fill)
    return p


def _cell(cell, items: list[str | tuple[str, str]], shade: str | None = None, *, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Fill a cell: each item a paragraph ("" a blank one), (text, colour) a coloured one."""
    for index, item in enumerate(items):
        text, colour = (item, None) if isinstance(item, str) else item
        p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
    if shade:
        shade_cell(cell._tc.get_or_add_tcPr(), shade)


def wsoa_2017(path: Path, key_heading: str = "  Key:  Progress Section Code ") -> Path:
    doc = Document()
    doc.core_properties.title = ""
    _para(doc, " Alys Penhale, Chief Officer, Southmoor CCG ")
    _para(doc, " Tomas Greer, Director of Education, Southmoor Council ")
    _para(doc, TITLE_2017)
    _para(doc, "This action plan responds to the areas for improvement found by the inspection in March 2017.")
    _para(doc, "1. Weaknesses in the strategic leadership of the reforms in the local area.")
    _para(doc, "Vision for all Children and Young People", bold=True)
    _para(doc, "Every child in Southmoor with SEND will be helped early and well.")
    rag = doc.add_table(rows=4, cols=2)
    _cell(rag.rows[0].cells[0], ["RAG Rating"])
    _cell(rag.rows[0].cells[1], ["Descriptor"])
    for row, (word, shade, text) in zip(rag.rows[1:], [("Green", "00B050", "Fully on track."),
                                                        ("Amber", "FFC000", "Mainly on track."),
                                                        ("Red", "FF0000", "Not yet implemented.")], strict=True):
        _cell(row.cells[0], [word], shade)
        _cell(row.cells[1], [text])
    _para(doc, key_heading)
    for label, colour in KEY_2017.items():
        _para(doc, label, colour)
        _para(doc)
        _para(doc)
    _para(doc, " Area for Improvement ")
    _para(doc)
    _para(doc, "1. Weakness in the strategic leadership, governance and implementation of the reforms.")
    headers = ["Action \nNo", "Objective", "Actions", "RAG", "By Whom", "By When", "Intended Outcomes",
               "Key Performance \nIndicators", "PROGRESS 2017/2018", "Progress 2018/ \n2019"]
    table = doc.add_table(rows=3, cols=len(headers))
    for cell, title in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, [title], bold=True)
    sep, dec, jul, feb, jun = KEY_2017.values()
    cells = [
        ["1.1"], ["To have effective strategic leadership for SEND"],
        ["\uf0b7 Agree named strategic leads across education, health and care", "", "",
         "\uf0b7 Establish a Children's Trust with robust governance"],
        ["Green", "", "", "Amber"], ["Director of Education", "", "", "Chief Executive"],
        ["30.09.17", "", "", "Summer term 2018"], ["Leads known to every partner", "", "", "Clear accountability"],
        ["Names published", "", "", "Trust meets quarterly"],
        [("Leads agreed and published.", sep), "", ("Trust terms drafted.", dec), ("Trust launched.", jul)],
        [("Leads reconfirmed after restructure.", feb), "", ("Trust reviewed its first year.", jun)],
    ]
    for cell, items in zip(table.rows[1].cells, cells, strict=True):
        _cell(cell, items)
    cells = [["1.2"], ["To know our local area well"], ["Commission a joint strategic needs assessment for SEND"],
             ["Red"], ["Public Health Lead"], ["Q3 2018/19"], ["A shared picture of need"], ["JSNA published"],
             [("Scoping started.", dec)], [("JSNA chapter drafted.", jun)]]
    for cell, items in zip(table.rows[2].cells, cells, strict=True):
        _cell(cell, items)
    _para(doc)
    for line in REVIEW_LINES_2017:
        _para(doc, line)
    doc.save(str(path))
    return path


# -- the single-table Priority Action Plan: merged priority rows, refs "1a", RAG per review -------------------

PAP_TITLE = "Westmere Local Area Partnership Priority Action Plan"
PAP_HEADERS = ["Ref", "Action", "Lead", "Timescale", "Success measure", "RAG Mar 24", "RAG Jun 24", "RAG Sep 24",
               "Update"]


def single_table_pap(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = PAP_TITLE
    _para(doc, "Version 3 – agreed at the partnership board")
    table = doc.add_table(rows=1, cols=len(PAP_HEADERS))
    for cell, title in zip(table.rows[0].cells, PAP_HEADERS, strict=True):
        _cell(cell, [title.upper() if title.startswith("RAG") else title], "1F3864", bold=True)

    def priority(text: str) -> None:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _cell(merged, [text], "D9E2F3", bold=True)

    def action(values: list[list[str]], shades: dict[int, str] | None = None) -> None:
        row = table.add_row()
        for index, (cell, items) in enumerate(zip(row.cells, values, strict=True)):
            _cell(cell, items, (shades or {}).get(index))

    priority("Priority 1: EHC plans are issued on time and are of good quality")
    action([["1a"], ["Recruit two more EHC coordinators"], ["Head of SEND"], ["Summer term 2024"],
            ["Caseloads under 120"], ["A"], ["G"], ["Complete"],
            ["Mar 24: Adverts placed.", "Jun 24: One post filled.", "Sep 24: Both posts filled."]])
    action([["1b"], ["Quality-assure every new plan"], ["Principal Educational Psychologist"], ["Q3 2024/25"],
            ["90% of audited plans good"], ["R"], ["A/G"], [""],
            ["Update 12/03/24 – audit tool agreed.", "Sept 2024 – first audit cycle complete."]],
           shades={7: "00B050"})
    action([row for row in ([title] for title in PAP_HEADERS)])  # the header repeated at the top of page 2
    priority("Priority 2: Children's needs are identified early")
    action([["2a"], ["Train early years settings in early identification"], ["Early Years Lead"],
            ["End of March 2025"], ["All settings trained"], ["G"], ["G"], ["Green"],
            ["(Jun 24) Training plan signed off."]])
    action([["2b"], ["Publish a graduated approach toolkit"], ["SENCo Network Chair"], ["Ongoing"],
            ["Toolkit used by 80% of schools"], ["Not started"], ["A"], ["A"], [""]], shades={7: "FFC000"})
    doc.save(str(path))
    return path


# -- areas in a column, a two-line header, a progress key as a table, a notes column ------------------------

AREA_TITLE = "Eastholme SEND Improvement Plan 2023–2025"
KEY_TABLE = {"Progress reported at the December 2023 review": "2E75B6",
             "Progress reported at the March 2024 review": "7030A0"}


def area_column(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph(AREA_TITLE, style="Title")
    _para(doc, "Colour code", bold=True)
    key = doc.add_table(rows=2, cols=2)
    for row, (label, colour) in zip(key.rows, KEY_TABLE.items(), strict=True):
        _cell(row.cells[0], [""], colour)
        _cell(row.cells[1], [(label, colour)])
    headers = [["Area", "Ref", "Objective", "Action", "RAG", "", "Owner", "Due", "Notes", "Progress"],
               ["", "", "", "", "Dec 23", "Mar 24", "", "", "", ""]]
    table = doc.add_table(rows=2, cols=len(headers[0]))
    for row, titles in zip(table.rows, headers, strict=True):
        for cell, title in zip(row.cells, titles, strict=True):
            _cell(cell, [title] if title else [], bold=True)
    table.cell(0, 4).merge(table.cell(0, 5))
    dec, mar = KEY_TABLE.values()
    rows = [
        ["Area 1: Leaders do not use data well", "1.1", "Use one dataset", "Build a shared SEND dashboard", "Amber",
         "Green", "Data Lead", "31/01/2024", "Needs ICB data",
         [("Dashboard specified.", dec), ("Dashboard live.", mar)]],
        ["", "1.2", "", "Report the dashboard to the board termly", "Red", "Amber", "Board Secretary", "Termly", "",
         [("First report in March.", mar)]],
        ["2. Families are not heard", "2.1", "Co-produce services", "Fund the parent carer forum", "Green", "Green",
         "Commissioner", "TBC", "", [("Grant agreed.", dec)]],
    ]
    for values in rows:
        row = table.add_row()
        for cell, value in zip(row.cells, values, strict=True):
            _cell(cell, value if isinstance(value, list) else [value] if value else [])
    table.cell(2, 2).merge(table.cell(3, 2))  # the objective merged down its two actions
    doc.save(str(path))
    return path

"""Excel trackers in layouts councils keep that the spec's families do not cover, rebuilt with openpyxl.

Structure and headers follow trackers seen in council papers (see docs/REAL_PLANS.md); all content is
invented for fictional local areas.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

# -- 6. A quarterly tracker: cover sheet, "RAG rating" merged over two quarters, ratings only by conditional
#       formatting, merged area rows, start before target date, both quarters' updates in one cell ------------

QUARTERLY_TITLE = "Ashcombe SEND Improvement Tracker"
QUARTERLY = [  # area row, then (ref, action, lead, start, target, Q2 score, Q3 score, progress)
    ("Priority 1: Families wait too long for EHC needs assessments", [
        ("1.1", "Add two EHC coordinators to the assessment team", "Head of SEND", datetime(2025, 7, 1),
         datetime(2025, 12, 31), 2, 3, "Dec 25 – both coordinators in post. / Sep 25 – one post filled."),
        ("1.2", "Track every assessment weekly at panel", "Panel Chair", datetime(2025, 8, 1), "Monthly", 1, 2,
         "Sep 25 – tracker built; first panel held in October.")]),
    ("Priority 2: Too few young people have a plan for adulthood", [
        ("2.1", "Add adulthood outcomes to Year 9 reviews", "Post-16 Lead", datetime(2025, 9, 1),
         datetime(2026, 3, 31), 2, 2, "Dec 25 – guidance drafted with the college.")]),
]
SCORES = {1: "FF0000", 2: "FFC000", 3: "00B050"}  # the key on the cover: 1 red, 2 amber, 3 green


def quarterly(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    for line in (QUARTERLY_TITLE, "Version 4", "Owner: SEND Programme Office",
                 "RAG key: 1 = off track, 2 = at risk, 3 = on track"):
        cover.append([line])
    sheet = book.create_sheet("Tracker")
    sheet.append(["Improvement tracker – quarterly return to the SEND board"])
    sheet.append([])
    sheet.append(["Ref", "Action", "Lead", "Start date", "Target date", "RAG rating", None, "Progress update",
                  "Finance code"])
    sheet.merge_cells("F3:G3")
    sheet.append([None, None, None, None, None, "Q2 2025/26", "Q3 2025/26", None, None])
    code = 100
    for area, actions in QUARTERLY:
        sheet.append([area])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=9)
        for ref, action, lead, start, target, q2, q3, progress in actions:
            code += 1
            sheet.append([ref, action, lead, start, target, q2, q3, progress, f"SEND-{code}"])
            for column in (4, 5):
                sheet.cell(sheet.max_row, column).number_format = "dd/mm/yyyy"
    for score, colour in SCORES.items():
        sheet.conditional_formatting.add(f"F5:G{sheet.max_row}", CellIsRule(
            operator="equal", formula=[str(score)], fill=PatternFill(bgColor=colour, fill_type="solid")))
    sheet.column_dimensions["I"].hidden = True
    book.save(str(path))
    return path


# -- 7. A status-word tracker: an area column, lead officer and organisation, original and revised deadlines,
#       status words, date achieved, and note rows --------------------------------------------------------

STATUS_AREAS = ["Area for priority action 1: Leaders do not know how long children wait for therapy",
                "Area for priority action 2: Children missing education are not found quickly"]
STATUS_ROWS = [  # area index, ref, action, officer, organisation, original, revised, status, update, achieved
    (0, "APA1.1", "Publish therapy waiting times every month", "Therapies Lead", "Cranmoor ICB",
     datetime(2025, 6, 30), datetime(2025, 9, 30), "On track", "Figures for July and August published.", None),
    (0, "APA1.2", "Offer every waiting family a named contact", "Family Support Manager", "Cranmoor Council",
     datetime(2025, 4, 30), None, "Complete", "All 312 families have a named contact.", datetime(2025, 4, 25)),
    (1, "APA2.1", "Check the roll of every school each fortnight", "Attendance Lead", "Cranmoor Council",
     datetime(2025, 12, 31), None, "At risk", "Two academies have not yet shared rolls.", None),
]
STATUS_NOTES = ["Note: Action APA1.2 was closed by the board on 12 May 2025.",
                "Note: figures are checked by the ICB data team before the board."]


def status_words(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "APA tracker"
    sheet.append(["Action ID", "Priority area", "Action", "Lead officer", "Lead organisation", "Original deadline",
                  "Revised deadline", "Status", "Latest update", "Date achieved"])
    previous = -1
    for area, *values in STATUS_ROWS:
        sheet.append([values[0], STATUS_AREAS[area] if area != previous else None, *values[1:]])
        previous = area
        if values[0] == "APA1.2":
            sheet.append([STATUS_NOTES[0]])
    sheet.append([STATUS_NOTES[1]])
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=10):
        for cell in row:
            cell.number_format = "dd/mm/yyyy"
    book.save(str(path))
    return path


# -- 8. One sheet a recommendation, reviews named "6 month review" / "12 month review", a lookups sheet ------

REC_SHEETS = [
    ("Recommendation 1: Leaders should check the quality of EHC plans", [
        ("R1.1", "Audit ten EHC plans each month", "Quality Lead", "Monthly", "A", "G",
         "Audits run every month since June."),
        ("R1.2", "Share audit findings with schools", "SEND Manager", "Termly", "R", "A",
         "Findings shared at the autumn SENCo forum.")]),
    ("Recommendation 2: Leaders should shorten waits for autism assessment", [
        ("R2.1", "Add a second assessment clinic", "Paediatric Service Manager", "Spring 2026", "R", "R",
         "Clinic space found; recruitment under way.")]),
]


def per_recommendation(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, (title, rows) in enumerate(REC_SHEETS, start=1):
        sheet = book.create_sheet(f"Rec {number}")
        sheet.append([title])
        sheet.append(["Ref", "What we will do", "Who", "When", "RAG 6 month review", "RAG 12 month review",
                      "What has happened"])
        for row in rows:
            sheet.append(list(row))
    lookups = book.create_sheet("Lookups")
    for word in ("R", "A", "G", "B"):
        lookups.append([word])
    book.save(str(path))
    return path

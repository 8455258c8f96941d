"""Fictional trackers of a council's own making, in the layouts officers use (all text invented)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

AREAS = ["EHC plans are completed late and vary in quality", "Families wait too long for autism assessment"]
ACTIONS = [  # area, ref, action, lead, due (cell value), Sept 25 rating, Dec 25 rating, progress
    (0, "1.1", "Recruit two more EHC plan coordinators", "Head of SEND", datetime(2025, 11, 30), "Red", "A",
     "One coordinator started in November; the second post is out to advert."),
    (0, "1.2", "Audit twenty plans a term with health and care colleagues", "Principal Educational Psychologist",
     "Termly", "Amber", "G", "The autumn audit found clearer outcomes in most plans."),
    (1, "2.1", "Commission a second assessment provider", "ICB Commissioning Lead", "Spring 2026", "Amber",
     "Amber", "Tender evaluation is complete; contract award due in January."),
    (1, "2.2", "Send families a monthly letter while they wait", "Designated Clinical Officer", "Monthly",
     "Green", "Green", "Letters have gone out every month since September."),
]
FILLS = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "A": "FFC000", "G": "00B050"}


def write_filled_down(path: Path) -> Path:
    """Title rows; Area written only on each area's first row; words and letters; an unknown column."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "SEND WSoA tracker"
    sheet.append(["Eastvale SEND improvement tracker"])
    sheet.append(["Updated for the December board"])
    sheet.append([])
    sheet.append(["Area", "Ref", "Action", "Lead", "Target date", "RAG Sept 25", "RAG Dec 25", "Progress update",
                  "Board notes"])
    previous = -1
    for area, ref, text, lead, due, sept, dec, progress in ACTIONS:
        sheet.append([AREAS[area] if area != previous else None, ref, text, lead, due, sept, dec, progress,
                      f"Discussed at board ({ref})"])
        previous = area
    sheet.cell(row=5, column=5).number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "C5"
    book.create_sheet("Lookups").append(["Red", "Amber", "Green"])
    book.save(str(path))
    return path


def write_merged_rows(path: Path) -> Path:
    """Merged area rows; refs like 1a; ratings only as fill colour; a hidden column; a chart sheet first."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(["Priority action plan: Eastvale"])
    sheet.append(["No", "Key actions", "Responsible", "Deadline", "Sept 25 RAG", "Dec 25 RAG", "Commentary",
                  "Internal code"])
    row = 2
    previous = -1
    letters = "ab"
    for index, (area, _ref, text, lead, due, sept, dec, progress) in enumerate(ACTIONS):
        if area != previous:
            row += 1
            sheet.cell(row=row, column=1, value=f"Area {area + 1}: {AREAS[area]}")
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
            previous = area
        row += 1
        ref = f"{area + 1}{letters[index % 2]}"
        for column, value in enumerate([ref, text, lead, due, None, None, progress, f"X-{index}"], start=1):
            sheet.cell(row=row, column=column, value=value)
        sheet.cell(row=row, column=5).fill = PatternFill("solid", fgColor=FILLS[sept])
        sheet.cell(row=row, column=6).fill = PatternFill("solid", fgColor=FILLS[dec])
    sheet.column_dimensions["H"].hidden = True
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=3))
    chartsheet = book.create_chartsheet("Chart", 0)
    chartsheet.add_chart(chart)
    book.save(str(path))
    return path


def write_csv(path: Path) -> Path:
    lines = ["Area,Ref,Action,Lead,Target date,RAG Sept 25,Progress"]
    for area, ref, text, lead, due, sept, _dec, progress in ACTIONS:
        when = f"{due:%d/%m/%Y}" if isinstance(due, datetime) else due
        lines.append(f'"{AREAS[area]}",{ref},"{text}","{lead}",{when},{sept},"{progress}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

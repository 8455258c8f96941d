"""The tracker workbook sendplan writes (every action), and what every sendplan workbook shares.

Each workbook carries a very hidden "sendplan" sheet naming the plan, the review, when it was issued
and what was shown of each action (:func:`sendplan.merge.seen_stamp`), so an edited tracker or a
return can be matched to its plan and conflicts detected on merge. The plan is only read.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sendplan.exporters.excel.write.cells import (
    fit_rows,
    header_row,
    put_due,
    put_text,
    set_style,
    solid_fill,
)

from sendplan.atomic import atomic_write_bytes
from sendplan.merge import seen_stamp
from sendplan.model import Action, Plan, Review
from sendplan.ratings import level_look, rating_name, rating_names
from sendplan.review_state import latest_progress, progress_text
from sendplan.summaries import previous_review, summarise
from sendplan.text import clean_text

META = "sendplan"
TRACKER, RETURN = "sendplan-tracker", "sendplan-return"


def write_meta(book: Workbook, kind: str, plan: Plan, review: Review | None, owner: str,
          actions: list[Action]) -> None:
    sheet = book.create_sheet(META)
    sheet.sheet_state = "veryHidden"
    rows = [("format", kind), ("schema", "1"), ("plan_id", plan.id), ("plan_title", plan.title),
            ("review_id", review.id if review else ""), ("owner", owner),
            ("issued", datetime.now().isoformat(timespec="seconds"))]
    rows += [(f"action:{a.id}", seen_stamp(a, review)) for a in actions]
    for row, (key, value) in enumerate(rows, start=1):  # text cells like every other sheet: a title is never a formula
        put_text(sheet.cell(row=row, column=1), key)
        put_text(sheet.cell(row=row, column=2), value)


def _quoted(text: str) -> str:
    """Text as a string literal inside an Excel formula ("" for each quote mark)."""
    return '"' + clean_text(text).replace('"', '""') + '"'


def rag_validation(sheet: Worksheet, plan: Plan, cells: str) -> None:
    names = ",".join(clean_text(level.name).replace(",", " ").replace('"', "'") for level in plan.rag_scale)
    validation = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="RAG rating", error=f"Choose one of: {names.replace(',', ', ')}.")
    validation.add(cells)
    sheet.add_data_validation(validation)
    first = cells.split(":")[0]
    for level in plan.rag_scale:
        colour = level_look(level).fill
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"EXACT({first},{_quoted(level.name)})"],
                                                            fill=fill))


def save_book(book: Workbook, path: Path) -> Path:
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def export_tracker(plan: Plan, path: str | Path, review_id: str | None = None) -> Path:
    """The tracker workbook: Plan, RAG history, Summary and Glossary sheets."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    before = previous_review(plan, review)
    numbers = plan.numbers()
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    titles = ["ID", "Area", "Action No", "Objective", "Action", "RAG", "By Whom", "By When", "Previous dates",
              "Intended Outcomes", "Key Performance Indicators", "Latest progress", "RAG at previous review"]
    header_row(sheet, titles, [12, 24, 9, 30, 45, 11, 22, 12, 18, 32, 32, 50, 13])
    sheet.column_dimensions["A"].hidden = True
    actions = []
    for row, (area, objective, action) in enumerate(plan.iter_actions(), start=2):
        actions.append(action)
        latest = latest_progress(action, review)
        values: list[str] = [action.id, f"{numbers[area.id]}. {area.title or area.wording}"[:200],
                             numbers[action.id], objective.text, action.text,
                             rating_name(plan, plan.rating_at(action, review) if review else ""), action.owner]
        for column, value in enumerate(values, start=1):
            put_text(sheet.cell(row=row, column=column), value)
        put_due(sheet.cell(row=row, column=8), action.due.current)
        put_text(sheet.cell(row=row, column=9), ", ".join(v.display("uk") for v in action.due.earlier))
        for column, value in ((10, action.outcomes), (11, action.kpis), (12, progress_text(latest)),
                              (13, rating_name(plan, plan.rating_at(action, before)) if before else "")):
            put_text(sheet.cell(row=row, column=column), value)
    last = max(2, len(actions) + 1)
    fit_rows(sheet)
    sheet.auto_filter.ref = f"A1:M{last}"
    rag_validation(sheet, plan, f"F2:F{last}")
    _history(book, plan, numbers)
    _summary(book, plan, review)
    glossary = book.create_sheet("Glossary")
    header_row(glossary, ["Term", "Meaning"], [18, 70])
    for row, entry in enumerate(plan.glossary, start=2):
        put_text(glossary.cell(row=row, column=1), entry.term)
        put_text(glossary.cell(row=row, column=2), entry.meaning)
    fit_rows(glossary)
    write_meta(book, TRACKER, plan, review, "", actions)
    return save_book(book, Path(path))


def _history(book: Workbook, plan: Plan, numbers: dict[str, str]) -> None:
    sheet = book.create_sheet("RAG history")
    reviews = plan.reviews_by_date()
    header_row(sheet, ["Action No", "Action", *(r.short_label or r.label for r in reviews)],
               [9, 50, *([12] * len(reviews))])
    fills = {level.key: solid_fill(level_look(level).fill) for level in plan.rag_scale}
    row = 1
    for row, (_, _, action) in enumerate(plan.iter_actions(), start=2):
        put_text(sheet.cell(row=row, column=1), numbers[action.id])
        put_text(sheet.cell(row=row, column=2), action.text)
        for column, review in enumerate(reviews, start=3):
            level = plan.rag_level(action.ratings.get(review.id, ""))
            cell = sheet.cell(row=row, column=column)
            put_text(cell, level.name if level else "")
            if level:
                set_style(cell, "_fills", fills[level.key])
    sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=max(2, len(reviews) + 2)).column_letter}{row}"


def _summary(book: Workbook, plan: Plan, review: Review | None) -> None:
    summary = summarise(plan, review.id if review else None)
    sheet = book.create_sheet("Summary")
    names = rating_names(plan)
    keys = list(summary.rating_keys)
    titles = ["Area"] + [f"{names[k]} now" for k in keys] + [f"{names[k]} before" for k in keys]
    header_row(sheet, titles, [40, *([12] * (2 * len(keys)))])
    for row, area in enumerate(summary.areas, start=2):
        sheet.append([f"{area.number}. {area.title}", *(area.current.get(k, 0) for k in keys),
                      *(area.previous.get(k, 0) for k in keys)])
        put_text(sheet.cell(row=row, column=1), f"{area.number}. {area.title}")

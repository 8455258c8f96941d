"""The Excel workbooks sendplan writes: the tracker (every action) and one update return per owner.

Both carry a very hidden "sendplan" sheet naming the plan, the review, when it was issued and a
fingerprint of each action as it was, so returns can be matched and conflicts detected on merge.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sendplan.exporters.excel.write.cells import (
    DATE_FORMAT,
    EDITABLE_FILL,
    fit_rows,
    header_row,
    print_setup,
    put_due,
    put_text,
    return_file_names,
    sheet_title,
)

from sendplan.atomic import atomic_write_bytes
from sendplan.codec import snapshot
from sendplan.colours import normalise
from sendplan.model import Action, Plan, Review
from sendplan.summaries import UNRATED, previous_review, summarise
from sendplan.text import clean_text

META = "sendplan"
TRACKER, RETURN = "sendplan-tracker", "sendplan-return"
RETURN_FIELDS = ("New progress", "Proposed RAG", "Proposed new date", "Reason for new date", "Comments")


def fingerprint(plan: Plan, action: Action, review: Review | None) -> str:
    """What an owner saw of an action: if it changes in the plan before the return comes back, that is
    a conflict."""
    rid = review.id if review else ""
    state = [action.text, action.owner, action.due.current.to_dict() if action.due.current else None,
             action.ratings.get(rid, ""), [u.text for u in action.progress if u.review_id == rid]]
    return hashlib.sha1(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _meta(book: Workbook, kind: str, plan: Plan, review: Review | None, owner: str,
          actions: list[Action]) -> None:
    sheet = book.create_sheet(META)
    sheet.sheet_state = "veryHidden"
    rows = [("format", kind), ("schema", "1"), ("plan_id", plan.id), ("plan_title", plan.title),
            ("review_id", review.id if review else ""), ("owner", owner),
            ("issued", datetime.now().isoformat(timespec="seconds"))]
    rows += [(f"action:{a.id}", fingerprint(plan, a, review)) for a in actions]
    for row, (key, value) in enumerate(rows, start=1):  # text cells like every other sheet: a title is never a formula
        put_text(sheet.cell(row=row, column=1), key)
        put_text(sheet.cell(row=row, column=2), value)


def _quoted(text: str) -> str:
    """Text as a string literal inside an Excel formula ("" for each quote mark)."""
    return '"' + clean_text(text).replace('"', '""') + '"'


def _rag_validation(sheet: Worksheet, plan: Plan, cells: str) -> None:
    names = ",".join(clean_text(level.name).replace(",", " ").replace('"', "'") for level in plan.rag_scale)
    validation = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="RAG rating", error=f"Choose one of: {names.replace(',', ', ')}.")
    validation.add(cells)
    sheet.add_data_validation(validation)
    first = cells.split(":")[0]
    for level in plan.rag_scale:
        fill = PatternFill("solid", fgColor=normalise(level.colour, "FFFFFF"), bgColor=normalise(level.colour))
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"EXACT({first},{_quoted(level.name)})"],
                                                            fill=fill))


def _save(book: Workbook, path: Path) -> Path:
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def _name(plan: Plan, key: str) -> str:
    level = plan.rag_level(key)
    return level.name if level else ""


def export_tracker(plan: Plan, path: str | Path, review_id: str | None = None) -> Path:
    """The tracker workbook: Plan, RAG history, Summary and Glossary sheets."""
    plan = snapshot(plan)
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
    for area, objective, action in plan.iter_actions():
        actions.append(action)
        latest = next((u for u in reversed(action.progress) if review and u.review_id == review.id), None)
        latest = latest or (action.progress[-1] if action.progress else None)
        row = sheet.max_row + 1
        values: list[str] = [action.id, f"{numbers[area.id]}. {area.title or area.wording}"[:200],
                             numbers[action.id], objective.text, action.text,
                             _name(plan, plan.rating_at(action, review) if review else ""), action.owner]
        for column, value in enumerate(values, start=1):
            put_text(sheet.cell(row=row, column=column), value)
        put_due(sheet.cell(row=row, column=8), action.due.current)
        put_text(sheet.cell(row=row, column=9), ", ".join(v.display("uk") for v in action.due.earlier))
        for column, value in ((10, action.outcomes), (11, action.kpis), (12, latest.text if latest else ""),
                              (13, _name(plan, plan.rating_at(action, before)) if before else "")):
            put_text(sheet.cell(row=row, column=column), value)
    last = max(2, sheet.max_row)
    fit_rows(sheet)
    sheet.auto_filter.ref = f"A1:M{last}"
    _rag_validation(sheet, plan, f"F2:F{last}")
    _history(book, plan, numbers)
    _summary(book, plan, review)
    glossary = book.create_sheet("Glossary")
    header_row(glossary, ["Term", "Meaning"], [18, 70])
    for entry in plan.glossary:
        row = glossary.max_row + 1
        put_text(glossary.cell(row=row, column=1), entry.term)
        put_text(glossary.cell(row=row, column=2), entry.meaning)
    fit_rows(glossary)
    _meta(book, TRACKER, plan, review, "", actions)
    return _save(book, Path(path))


def _history(book: Workbook, plan: Plan, numbers: dict[str, str]) -> None:
    sheet = book.create_sheet("RAG history")
    reviews = plan.reviews_by_date()
    header_row(sheet, ["Action No", "Action", *(r.short_label or r.label for r in reviews)],
               [9, 50, *([12] * len(reviews))])
    for _, _, action in plan.iter_actions():
        row = sheet.max_row + 1
        put_text(sheet.cell(row=row, column=1), numbers[action.id])
        put_text(sheet.cell(row=row, column=2), action.text)
        for column, review in enumerate(reviews, start=3):
            level = plan.rag_level(action.ratings.get(review.id, ""))
            cell = sheet.cell(row=row, column=column)
            put_text(cell, level.name if level else "")
            if level:
                colour = normalise(level.colour, "FFFFFF")
                cell.fill = PatternFill("solid", fgColor=colour)
    sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=max(2, len(reviews) + 2)).column_letter}{sheet.max_row}"


def _summary(book: Workbook, plan: Plan, review: Review | None) -> None:
    summary = summarise(plan, review.id if review else None)
    sheet = book.create_sheet("Summary")
    names = {level.key: level.name for level in plan.rag_scale} | {UNRATED: "Not rated"}
    keys = list(summary.rating_keys)
    titles = ["Area"] + [f"{names[k]} now" for k in keys] + [f"{names[k]} before" for k in keys]
    header_row(sheet, titles, [40, *([12] * (2 * len(keys)))])
    for area in summary.areas:
        sheet.append([f"{area.number}. {area.title}", *(area.current.get(k, 0) for k in keys),
                      *(area.previous.get(k, 0) for k in keys)])
        put_text(sheet.cell(row=sheet.max_row, column=1), f"{area.number}. {area.title}")


@dataclass(frozen=True)
class ReturnsWritten:
    folder: Path
    files: dict[str, Path]  # owner → file


def write_returns(plan: Plan, folder: str | Path, review_id: str | None = None, owners: list[str] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> ReturnsWritten:
    """One update return per owner (or per chosen owner), each listing only that owner's actions."""
    plan = snapshot(plan)
    review = plan.review(review_id) if review_id else plan.latest_review()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_owner: dict[str, list[Action]] = {}
    for _, _, action in plan.iter_actions():
        by_owner.setdefault(action.owner.strip() or "Unassigned", []).append(action)
    chosen = [o for o in by_owner if owners is None or o in owners]
    files: dict[str, Path] = {}
    names = return_file_names(chosen)
    for n, owner in enumerate(chosen):
        name = names[owner]
        files[owner] = _save(_return_book(plan, review, owner, by_owner[owner]), folder / f"{name}.xlsx")
        if progress:
            progress(n + 1, len(chosen))
    return ReturnsWritten(folder, files)


def _return_book(plan: Plan, review: Review | None, owner: str, actions: list[Action]) -> Workbook:
    numbers = plan.numbers()
    book = Workbook()
    intro = book.active
    intro.title = "Instructions"
    label = review.label if review else "the next review"
    for line in (f"Update return for {owner}", f"{plan.title}: progress for the {label}", "",
                 "1. Go to the “Your actions” sheet. Grey columns show each action as it stands; please do not "
                 "change them.",
                 "2. In the yellow columns, write your progress since the last review, choose a proposed RAG "
                 "rating, and if the date must move give the new date (dd/mm/yyyy) and the reason.",
                 "3. Save the file and send it back. No password is needed; do not rename the sheets.",
                 f"Issued {datetime.now():%d/%m/%Y %H:%M}."):
        intro.append([None])
        put_text(intro.cell(row=intro.max_row, column=1), line)
    intro.column_dimensions["A"].width = 100
    fit_rows(intro, first_row=1)
    print_setup(intro)
    sheet = book.create_sheet(sheet_title("Your actions"))
    titles = ["ID", "Action No", "Action", "Current RAG", "By When", "Latest progress", *RETURN_FIELDS]
    header_row(sheet, titles, [12, 9, 45, 12, 12, 50, 50, 14, 14, 30, 30])
    sheet.column_dimensions["A"].hidden = True
    rid = review.id if review else ""
    for action in actions:
        row = sheet.max_row + 1
        latest = next((u for u in reversed(action.progress) if u.review_id == rid), None) or (
            action.progress[-1] if action.progress else None)
        for column, value in enumerate([action.id, numbers[action.id], action.text,
                                        _name(plan, plan.current_rating(action))], start=1):
            put_text(sheet.cell(row=row, column=column), value)
        put_due(sheet.cell(row=row, column=5), action.due.current)
        put_text(sheet.cell(row=row, column=6), latest.text if latest else "")
        for column in range(7, 12):
            cell = sheet.cell(row=row, column=column)
            cell.protection = Protection(locked=False)
            cell.fill = EDITABLE_FILL
            if column == 9:
                cell.number_format = DATE_FORMAT
    last = max(2, sheet.max_row)
    fit_rows(sheet)
    _rag_validation(sheet, plan, f"H2:H{last}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                           showErrorMessage=True, errorTitle="Proposed new date",
                           error="Type a date such as 31/03/2027.")
    dates.add(f"I2:I{last}")
    sheet.add_data_validation(dates)
    sheet.protection.sheet = True  # no password: the grey columns are protected from slips, not secrets
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    sheet.protection.autoFilter = False
    sheet.auto_filter.ref = f"A1:K{last}"
    book.active = 1
    _meta(book, RETURN, plan, review, owner, actions)
    return book

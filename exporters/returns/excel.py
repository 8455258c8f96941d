"""Excel returns: one workbook per owner to fill in (read back by :mod:`.excel_read`).

Each workbook carries a very hidden "sendplan" sheet naming the plan, the review and what the owner
was shown of each action (:func:`sendplan.merge.seen_stamp`), so a return is matched to its plan
and an action changed since is a conflict.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sendplan.exporters.excel import (
    DATE_FORMAT,
    EDITABLE_FILL,
    RETURN,
    fit_rows,
    header_row,
    print_setup,
    put_due,
    put_text,
    rag_validation,
    save_book,
    set_style,
    sheet_title,
    write_meta,
)

from sendplan.model import Action, Plan, Review
from sendplan.ratings import rating_name
from sendplan.review_state import latest_progress, progress_text

RETURN_FIELDS = ("New progress", "Proposed RAG", "Proposed new date", "Reason for new date", "Comments")



def write_excel_return(plan: Plan, review: Review | None, owner: str, actions: list[Action], path: Path) -> None:
    """One owner's update return workbook: instructions, their actions, and the columns to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

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
    unlocked = Protection(locked=False)
    for row, action in enumerate(actions, start=2):
        latest = latest_progress(action, review)
        for column, value in enumerate([action.id, numbers[action.id], action.text,
                                        rating_name(plan, plan.current_rating(action))], start=1):
            put_text(sheet.cell(row=row, column=column), value)
        put_due(sheet.cell(row=row, column=5), action.due.current)
        put_text(sheet.cell(row=row, column=6), progress_text(latest))
        for column in range(7, 12):
            cell = sheet.cell(row=row, column=column)
            set_style(cell, "_protections", unlocked)
            set_style(cell, "_fills", EDITABLE_FILL)
            if column == 9:
                cell.number_format = DATE_FORMAT
    last = max(2, len(actions) + 1)
    fit_rows(sheet)
    rag_validation(sheet, plan, f"H2:H{last}")
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
    write_meta(book, RETURN, plan, review, owner, actions)
    save_book(book, path)

"""Excel returns: one workbook per owner to fill in, and returns (or edited trackers) read back.

Each workbook carries a very hidden "sendplan" sheet naming the plan, the review and what the owner
was shown of each action (:func:`sendplan.merge.seen_stamp`), so a return is matched to its plan
and an action changed since is a conflict. Workbooks are read within bounds; formula cells are never
evaluated: their text is reported and they are not used.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sendplan.exporters.excel import (
    DATE_FORMAT,
    EDITABLE_FILL,
    META,
    RETURN,
    TRACKER,
    Sheet,
    SheetCell,
    WorkbookData,
    fit_rows,
    header_row,
    print_setup,
    put_due,
    put_text,
    rag_validation,
    read_cell,
    read_workbook,
    save_book,
    sheet_title,
    write_meta,
)
from sendplan.exporters.office import OfficeFileError

from sendplan.merge import Collector, MergeResult, seen_stamp
from sendplan.model import Action, Plan, Review
from sendplan.ratings import rating_name
from sendplan.review_state import latest_progress, updates_at

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
    for action in actions:
        row = sheet.max_row + 1
        latest = latest_progress(action, review)
        for column, value in enumerate([action.id, numbers[action.id], action.text,
                                        rating_name(plan, plan.current_rating(action))], start=1):
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


HEADER_ROWS = 10  # a tracker someone made may have title rows above its column headings
MAX_UNMATCHED_LISTED = 10  # rows that match no action, named one by one; the rest are counted
Row = dict[int, SheetCell]


def _titles(row: Row) -> dict[str, int]:
    return {str(c.value).strip().lower(): column for column, c in row.items()
            if c.value is not None and c.data_type != "f"}


def _table(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The header row (number, titles → column) of a sheet of actions, if it has one near the top."""
    for number in sorted(sheet.rows)[:HEADER_ROWS]:
        titles = _titles(sheet.rows[number])
        if "action no" in titles or "id" in titles:
            return number, titles
    return None


class ExcelReturnReader(Collector):
    """Reads Excel returns and edited trackers against the plan; one instance for several files."""

    def __init__(self, plan: Plan, review: Review | None, result: MergeResult) -> None:
        super().__init__(plan, review, result)
        self.by_number_text = {(self.numbers[a.id], a.text.strip()): a for _, _, a in plan.iter_actions()}
        self.unmatched: list[str] = []  # rows of the file being read that match no action

    def read(self, path: Path) -> None:
        name = path.name
        self.origin = str(path)
        try:
            book = read_workbook(path, what="a return")
        except OfficeFileError as error:
            self.unusable(name, str(error))
            return
        self.result.problems += book.notes
        meta_sheet = book.sheet(META)
        meta: dict[str, str] = {}
        if meta_sheet is not None:
            meta = {str(r[1].value): str(r[2].value if 2 in r else "") for r in meta_sheet.rows.values() if 1 in r}
            if meta.get("plan_id") != self.plan.id:
                self.unusable(name, f"“{name}” belongs to another plan (“{meta.get('plan_title', 'unknown')}”); "
                                     "nothing was taken from it. Merge it into that plan instead.")
                return
        kind = meta.get("format", "")
        found = self._sheet(book, "Your actions" if kind == RETURN else "Plan", name)
        if found is None:
            return
        sheet, (header, titles) = found
        seen: set[str] = set()
        self.unmatched = []
        for number in sorted(n for n in sheet.rows if n > header):
            row = sheet.rows[number]
            action = self._match(number, row, titles, name)
            if action is None:
                continue
            seen.add(action.id)
            changed = meta.get(f"action:{action.id}")
            conflict = ("this action changed in the plan after the return was issued"
                        if changed and changed != seen_stamp(action, self.review) else "")
            if kind == TRACKER or not kind:
                self._tracker_row(row, titles, action, name, conflict)
            else:
                self._return_row(row, titles, action, name, conflict)
        if self.unmatched and not seen:
            rows = f"{len(self.unmatched):,} row{'' if len(self.unmatched) == 1 else 's'}"
            self.unusable(name, f"No row of “{name}” (sheet “{sheet.title}”, {rows}) matches an action in this plan "
                                "by its ID or by its Action No and text, so nothing was taken from it. Check that it "
                                "is a return or tracker for this plan.")
            return
        self.result.problems += [f"{name}: {row} matches no action in the plan; it was not used." for row in
                                 self.unmatched[:MAX_UNMATCHED_LISTED]]
        if len(self.unmatched) > MAX_UNMATCHED_LISTED:
            self.result.problems.append(f"{name}: {len(self.unmatched) - MAX_UNMATCHED_LISTED:,} more rows match no "
                                        "action in the plan; they were not used.")
        for key in meta:
            if key.startswith("action:") and key[7:] not in seen and key[7:] in self.ids:
                self.deleted_row(self.ids[key[7:]], name)

    def _sheet(self, book: WorkbookData, preferred: str, name: str) -> tuple[Sheet, tuple[int, dict[str, int]]] | None:
        """The sheet of actions: the one sendplan named, else the first with an Action No or ID column."""
        candidates = [s for s in book.sheets if s.title != META]
        first = book.sheet(preferred)
        if first is not None and first.title != META:
            candidates.insert(0, first)
        for sheet in candidates:
            table = _table(sheet)
            if table is not None:
                return sheet, table
        charts = f" (chart sheets are not read: {', '.join(book.skipped)})" if book.skipped else ""
        if not any(s.rows for s in candidates):
            self.unusable(name, f"“{name}” has nothing in it: every sheet is empty{charts}. Check that you "
                                 "chose the file the owner sent back.")
        else:
            self.unusable(name, f"“{name}” has no sheet with an Action No or ID column{charts}, so its rows "
                                 "cannot be matched to the plan's actions. Use the workbook sendplan wrote, or "
                                 "add an Action No column to the table.")
        return None

    def _value(self, row: Row, titles: dict[str, int], title: str, name: str) -> Any:
        column = titles.get(title.lower())
        if column is None:
            return None
        value, problem = read_cell(row.get(column))
        if problem:
            self.result.problems.append(f"{name}: {problem}.")
        return value

    def _match(self, number: int, row: Row, titles: dict[str, int], name: str) -> Action | None:
        ident = self._value(row, titles, "id", name)
        ref = self._value(row, titles, "action no", name)
        text = self._value(row, titles, "action", name)
        if not ident and not ref and not text:
            return None
        if ident and str(ident) in self.ids:
            return self.ids[str(ident)]
        found = self.by_number_text.get((str(ref or ""), str(text or "").strip()))
        if found is None:
            self.unmatched.append(f"row {number} ({ref or ident or 'no number'})")
        return found

    def _return_row(self, row: Row, titles: dict[str, int], action: Action, name: str, conflict: str) -> None:
        progress = self.unlabelled(str(self._value(row, titles, "new progress", name) or ""))
        if progress:
            self.add(action, "progress", "", progress, progress, name, conflict)
        self.rag(action, self._value(row, titles, "proposed rag", name), name, conflict)
        reason = str(self._value(row, titles, "reason for new date", name) or "")
        self.date(action, self._value(row, titles, "proposed new date", name), reason, name, conflict)
        comment = self._value(row, titles, "comments", name)
        if comment:
            self.add(action, "comment", "", str(comment), f"Comment in {name}: {comment}", name, conflict)

    def _tracker_row(self, row: Row, titles: dict[str, int], action: Action, name: str, conflict: str) -> None:
        self.rag(action, self._value(row, titles, "rag", name), name, conflict)
        self.date(action, self._value(row, titles, "by when", name), "Changed in the tracker", name, conflict)
        progress = self._value(row, titles, "latest progress", name)
        known = {u.text for u in updates_at(action, self.review)} | (
            {action.progress[-1].text} if action.progress else set())
        if progress and str(progress) not in known:
            self.add(action, "progress", "", str(progress), str(progress), name, conflict)

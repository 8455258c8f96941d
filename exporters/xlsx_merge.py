"""Read update returns (and edited trackers) back: a list of proposed changes per action, and conflicts.

Nothing is applied here: the caller shows the list (CLI or app) and applies the accepted changes as
one undoable step with :meth:`MergeResult.command`. Workbooks are read within bounds
(:mod:`xlsx_read`); formula cells are never evaluated: their text is reported and they are not used.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sendplan.exporters.merge_changes import MergeResult, ProposedChange, mark_conflicts
from sendplan.exporters.office_package import OfficeFileError
from sendplan.exporters.xlsx_read import Sheet, SheetCell, WorkbookData, read_cell, read_workbook
from sendplan.exporters.xlsx_workbooks import META, RETURN, TRACKER, fingerprint

from sendplan.commands import rating_key_for
from sendplan.dates import DateParseError, DueValue, parse_due
from sendplan.model import Action, Plan, Review

HEADER_ROWS = 10  # a tracker someone made may have title rows above its column headings
Row = dict[int, SheetCell]


def _due(value: Any) -> DueValue:
    if isinstance(value, date):
        return DueValue(day=value)
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel serial date left unformatted
        return DueValue(day=(datetime(1899, 12, 30) + timedelta(days=float(value))).date())
    return parse_due(str(value))


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


class _Reader:
    def __init__(self, plan: Plan, review: Review | None, result: MergeResult) -> None:
        self.plan, self.review, self.result = plan, review, result
        self.numbers = plan.numbers()
        self.by_number_text = {(self.numbers[a.id], a.text.strip()): a for _, _, a in plan.iter_actions()}
        self.ids = {a.id: a for _, _, a in plan.iter_actions()}
        self.origin = ""
        self.no_review_told = False

    def read(self, path: Path) -> None:
        name = path.name
        self.origin = str(path)
        try:
            book = read_workbook(path, what="a return")
        except OfficeFileError as error:
            self._unusable(name, str(error))
            return
        self.result.problems += book.notes
        meta_sheet = book.sheet(META)
        meta: dict[str, str] = {}
        if meta_sheet is not None:
            meta = {str(r[1].value): str(r[2].value if 2 in r else "") for r in meta_sheet.rows.values() if 1 in r}
            if meta.get("plan_id") != self.plan.id:
                self._unusable(name, f"“{name}” belongs to another plan (“{meta.get('plan_title', 'unknown')}”); "
                                     "nothing was taken from it. Merge it into that plan instead.")
                return
        kind = meta.get("format", "")
        found = self._sheet(book, "Your actions" if kind == RETURN else "Plan", name)
        if found is None:
            return
        sheet, (header, titles) = found
        seen: set[str] = set()
        for number in sorted(n for n in sheet.rows if n > header):
            row = sheet.rows[number]
            action = self._match(number, row, titles, name)
            if action is None:
                continue
            seen.add(action.id)
            changed = meta.get(f"action:{action.id}")
            conflict = ("this action changed in the plan after the return was issued"
                        if changed and changed != fingerprint(self.plan, action, self.review) else "")
            if kind == TRACKER or not kind:
                self._tracker_row(row, titles, action, name, conflict)
            else:
                self._return_row(row, titles, action, name, conflict)
        for key in meta:
            if key.startswith("action:") and key[7:] not in seen and key[7:] in self.ids:
                self.result.problems.append(f"{name}: the row for {self.numbers[key[7:]]} was deleted; "
                                            "nothing was taken for it.")

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
            self._unusable(name, f"“{name}” has nothing in it: every sheet is empty{charts}. Check that you "
                                 "chose the file the owner sent back.")
        else:
            self._unusable(name, f"“{name}” has no sheet with an Action No or ID column{charts}, so its rows "
                                 "cannot be matched to the plan's actions. Use the workbook sendplan wrote, or "
                                 "add an Action No column to the table.")
        return None

    def _unusable(self, name: str, message: str) -> None:
        self.result.unusable.append(name)
        self.result.problems.append(message)

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
            self.result.problems.append(f"{name}: row {number} ({ref or ident or 'no number'}) matches no "
                                        "action in the plan; it was not used.")
        return found

    def _add(self, action: Action, kind: str, old: str, new: str, value: Any, source: str, conflict: str,
             reason: str = "") -> None:
        if kind in ("progress", "rag") and self.review is None:
            if not self.no_review_told:
                self.no_review_told = True
                self.result.problems.append("The plan has no review yet, so new progress and RAG ratings were not "
                                            "taken in: start a review, then merge again.")
            return
        self.result.changes.append(ProposedChange(action.id, self.numbers[action.id], kind, old, new, value, source,
                                                  reason, conflict, accepted=not conflict, origin=self.origin))

    def _rag(self, action: Action, word: Any, name: str, conflict: str) -> None:
        if not word:
            return
        key = rating_key_for(self.plan, str(word))
        current = self.plan.rating_at(action, self.review) if self.review else ""
        if not key:
            self.result.problems.append(f"{name}: “{word}” for {self.numbers[action.id]} is not a RAG rating on "
                                        "this plan's scale; it was not used.")
        elif key != current:
            old = self.plan.rag_level(current)
            self._add(action, "rag", old.name if old else "", self.plan.rag_level(key).name, key, name,  # type: ignore[union-attr]
                      conflict)

    def _date(self, action: Action, value: Any, reason: str, name: str, conflict: str) -> None:
        if value in (None, ""):
            return
        try:
            due = _due(value)
        except DateParseError:
            self.result.problems.append(f"{name}: “{value}” for {self.numbers[action.id]} is not a date; it was "
                                        "not used.")
            return
        if due != action.due.current:
            old = action.due.current.display("uk") if action.due.current else ""
            self._add(action, "date", old, due.display("uk"), due, name, conflict, reason)

    def _return_row(self, row: Row, titles: dict[str, int], action: Action, name: str, conflict: str) -> None:
        progress = self._value(row, titles, "new progress", name)
        if progress:
            self._add(action, "progress", "", str(progress), str(progress), name, conflict)
        self._rag(action, self._value(row, titles, "proposed rag", name), name, conflict)
        reason = str(self._value(row, titles, "reason for new date", name) or "")
        self._date(action, self._value(row, titles, "proposed new date", name), reason, name, conflict)
        comment = self._value(row, titles, "comments", name)
        if comment:
            self._add(action, "comment", "", str(comment), f"Comment in {name}: {comment}", name, conflict)

    def _tracker_row(self, row: Row, titles: dict[str, int], action: Action, name: str, conflict: str) -> None:
        self._rag(action, self._value(row, titles, "rag", name), name, conflict)
        self._date(action, self._value(row, titles, "by when", name), "Changed in the tracker", name, conflict)
        progress = self._value(row, titles, "latest progress", name)
        rid = self.review.id if self.review else ""
        known = {u.text for u in action.progress if u.review_id == rid} | (
            {action.progress[-1].text} if action.progress else set())
        if progress and str(progress) not in known:
            self._add(action, "progress", "", str(progress), str(progress), name, conflict)


def read_returns(plan: Plan, paths: list[Path], review_id: str | None = None) -> MergeResult:
    """Proposed changes from update returns or edited trackers; conflicts marked and not accepted."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    result = MergeResult(review)
    reader = _Reader(plan, review, result)
    for path in dict.fromkeys(Path(p).resolve() for p in paths):  # the same file chosen twice counts once
        result.files += 1
        reader.read(path)
    mark_conflicts(result)
    return result

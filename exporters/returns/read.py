"""Read update returns (and edited trackers) back: a list of proposed changes per action, and conflicts.

Excel returns and trackers are read here, Word returns by :mod:`word_returns`. Nothing is applied
here: the caller shows the list (CLI or app) and applies the accepted changes as one undoable step
with :meth:`MergeResult.command`. Workbooks are read within bounds (:mod:`xlsx_read`); formula
cells are never evaluated: their text is reported and they are not used.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sendplan.exporters.excel.read.workbook import Sheet, SheetCell, WorkbookData, read_cell, read_workbook
from sendplan.exporters.excel.write.workbooks import META, RETURN, TRACKER, fingerprint
from sendplan.exporters.office.package import OfficeFileError

from sendplan.merge import Collector, MergeResult, mark_conflicts
from sendplan.model import Action, Plan, Review

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


class _Reader(Collector):
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
                        if changed and changed != fingerprint(self.plan, action, self.review) else "")
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
        rid = self.review.id if self.review else ""
        known = {u.text for u in action.progress if u.review_id == rid} | (
            {action.progress[-1].text} if action.progress else set())
        if progress and str(progress) not in known:
            self.add(action, "progress", "", str(progress), str(progress), name, conflict)


def _is_word(path: Path) -> bool:
    """A Word file by its contents; a file that is no package at all by its name (an old .doc)."""
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile):
        return path.suffix.lower() in (".doc", ".docx", ".docm", ".dot", ".dotx", ".rtf")


def read_returns(plan: Plan, paths: list[Path], review_id: str | None = None) -> MergeResult:
    """Proposed changes from update returns (Excel or Word) or edited trackers; conflicts marked, unticked."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    result = MergeResult(review)
    reader = _Reader(plan, review, result)
    word: Collector | None = None
    for path in dict.fromkeys(Path(p).resolve() for p in paths):  # the same file chosen twice counts once
        result.files += 1
        if _is_word(path):  # by what is inside, not the name: a renamed file is still read
            from sendplan.exporters.returns.word import WordReturnReader

            word = word or WordReturnReader(plan, review, result)
            word.read(path)
        else:
            reader.read(path)
    mark_conflicts(result)
    return result

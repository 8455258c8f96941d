"""Excel returns and edited trackers read back as proposed changes, losing no word an owner typed.

Rows are matched to actions by the hidden id (else by Action No and text). The columns an owner fills become
progress, ratings, dates and comments; a grey cell changed anyway, a column the owner added and a cell comment
become notes to read; a row added without an id is proposed as a new action under its objective. Every filled
cell is counted. Workbooks are read within bounds; formulas are never evaluated: their text is reported and they
are not used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sendplan.exporters.excel import (
    META,
    RETURN,
    TRACKER,
    Sheet,
    SheetCell,
    WorkbookData,
    read_cell,
    read_cell_comments,
    read_workbook,
)
from sendplan.exporters.office import OfficeFileError, clip

from sendplan.dates import DateParseError, parse_due_lenient
from sendplan.merge import Collector, MergeResult, due_value, seen_stamp
from sendplan.merge_rows import NewAction, added_text
from sendplan.model import Action, Objective, Plan, Review
from sendplan.ratings import rating_key_for, rating_name
from sendplan.review_state import latest_progress, meant_for_review, progress_text, updates_at

HEADER_ROWS = 10  # a tracker someone made may have title rows above its column headings
MAX_UNMATCHED_LISTED = 10  # rows that match no action, named one by one; the rest are counted
Row = dict[int, SheetCell]
Shown = Callable[[Plan, Action, Review | None], str]
# the columns each kind of workbook shows for reading only, with what sendplan wrote in them
SHOWN: dict[str, dict[str, Shown]] = {
    RETURN: {"action": lambda p, a, r: a.text, "current rag": lambda p, a, r: rating_name(p, p.current_rating(a)),
             "latest progress": lambda p, a, r: progress_text(latest_progress(a, r))},
    TRACKER: {"action": lambda p, a, r: a.text, "by whom": lambda p, a, r: a.owner,
              "intended outcomes": lambda p, a, r: a.outcomes, "key performance indicators": lambda p, a, r: a.kpis}}
# the columns an owner fills in, interpreted as changes
FILLED = {RETURN: {"new progress", "proposed rag", "proposed new date", "reason for new date", "comments"},
          TRACKER: {"rag", "by when", "latest progress"}}
DERIVED = ("area", "objective", "by when", "previous dates", "rag at previous review")  # worked out, not typed
_OBJECTIVE_REF = re.compile(r"^\s*(\d+\.\d+)")


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


def _same(value: Any, text: str) -> bool:
    return " ".join(str(value).split()) == " ".join(text.split())


class ExcelReturnReader(Collector):
    """Reads Excel returns and edited trackers against the plan; one instance for several files."""

    def __init__(self, plan: Plan, review: Review | None, result: MergeResult) -> None:
        super().__init__(plan, review, result)
        self.by_number_text = {(self.numbers[a.id], a.text.strip()): a for _, _, a in plan.iter_actions()}
        self.objective_of = {a.id: o for _, o, a in plan.iter_actions()}
        self.unmatched: list[str] = []  # rows of the file being read with an id that matches no action
        self.unknown_ids: set[int] = set()  # their row numbers
        self.owner = ""  # the owner a return was written for (a tracker has none)

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
        kind = meta.get("format", "") or TRACKER
        self.owner = meta.get("owner", "") if kind == RETURN else ""  # a new row is the return's owner's
        found = self._sheet(book, "Your actions" if kind == RETURN else "Plan", name)
        if found is None:
            return
        sheet, (header, titles) = found
        self.columns = {column: title for title, column in titles.items()}
        self.headings = {column: " ".join(str(cell.value).split()) for column, cell in sheet.rows[header].items()
                         if cell.value is not None}  # as the file spells them, for the listing
        seen: dict[int, Action] = {}
        added: list[tuple[int, Row]] = []
        self.unmatched, self.unknown_ids = [], set()
        for number in sorted(n for n in sheet.rows if n > header):
            row = sheet.rows[number]
            action = self._match(number, row, titles, name)
            if action is None:
                added.append((number, row))
                continue
            seen[number] = action
            changed = meta.get(f"action:{action.id}")
            conflict = ("this action changed in the plan after the return was issued"
                        if changed and changed != seen_stamp(action, self.review) else "")
            self._row(kind, row, titles, action, name, conflict)
        if self.unmatched and not seen:
            rows = f"{len(self.unmatched):,} row{'' if len(self.unmatched) == 1 else 's'}"
            self.unusable(name, f"No row of “{name}” (sheet “{sheet.title}”, {rows}) matches an action in this plan "
                                "by its ID or by its Action No and text, so nothing was taken from it. Check that it "
                                "is a return or tracker for this plan.")
            return
        for number, row in added:
            self._added_row(number, row, titles, seen, name)
        self.result.problems += [f"{name}: {row} matches no action in the plan; it was not used." for row in
                                 self.unmatched[:MAX_UNMATCHED_LISTED]]
        if len(self.unmatched) > MAX_UNMATCHED_LISTED:
            self.result.problems.append(f"{name}: {len(self.unmatched) - MAX_UNMATCHED_LISTED:,} more rows match no "
                                        "action in the plan; they were not used.")
        self._comments(path, sheet, header, seen, name)
        for key in meta:
            if key.startswith("action:") and key[7:] not in {a.id for a in seen.values()} and key[7:] in self.ids:
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
        if found is None and ident:
            self.unmatched.append(f"row {number} ({ref or ident})")  # an action since deleted, or another plan's
            self.unknown_ids.add(number)
        return found

    def _row(self, kind: str, row: Row, titles: dict[str, int], action: Action, name: str, conflict: str) -> None:
        """Every filled cell of a matched row, counted: the columns to fill interpreted, the columns shown for
        reading compared with the plan, and any other column's words kept as a note."""
        for cell in sorted((c for c in row.values() if c.value not in (None, "")), key=lambda c: c.column):
            title = self.columns.get(cell.column, "")
            start = self.cell_started()
            value, problem = read_cell(cell)
            if problem:
                self.result.problems.append(f"{name}: {problem}.")
            elif title in FILLED[kind]:
                (self._return_cell if kind == RETURN else self._tracker_cell)(title, value, row, titles, action, name,
                                                                              conflict)
            elif title in SHOWN[kind]:
                written = SHOWN[kind][title](self.plan, action, self.review)
                typed_on = kind == RETURN and title == "latest progress" and self._typed_on(action, written,
                                                                                            str(value), name, conflict)
                if not typed_on and not conflict and not _same(value, written):
                    self.to_read(action, f"{self.headings.get(cell.column, title)} changed in the file to "
                                         f"“{clip(str(value), 300)}” (it "
                                         f"was “{clip(written, 300)}”)", name)
            elif title not in ("id", "action no", *DERIVED):
                shown_title = self.headings.get(cell.column) or f"column {cell.coordinate.rstrip('0123456789')}"
                self.add(action, "comment", "", f"{shown_title}: {value}", f"From {name} ({shown_title}): {value}",
                         name, "")
            self.cell_done(start)

    def _return_cell(self, title: str, value: Any, row: Row, titles: dict[str, int], action: Action, name: str,
                     conflict: str) -> None:
        if title == "new progress":
            progress = self.unlabelled(str(value))
            self.add(action, "progress", "", progress, progress, name, conflict)
        elif title in ("proposed rag", "proposed new date"):
            start = self.cell_started()
            if title == "proposed rag":
                self.rag(action, value, name, conflict)
            else:
                self.date(action, value, str(self._value(row, titles, "reason for new date", name) or ""), name,
                          conflict)
            if self.cell_started() == start:  # what the action has already: said, so no word goes unlisted
                what = "rating" if title == "proposed rag" else "By When"
                self.result.notes.append(f"{name}: {self.numbers[action.id]} {what} “{value}” is what the plan "
                                         "has already.")
        elif title == "reason for new date" and self._value(row, titles, "proposed new date", name) in (None, ""):
            self.add(action, "comment", "", f"a reason for a new date, but no new date: {value}",
                     f"From {name} (reason for a new date, none given): {value}", name, "")
        elif title == "comments":
            self.add(action, "comment", "", str(value), f"Comment in {name}: {value}", name, conflict,
                     said=(self.owner, str(value)))

    def _typed_on(self, action: Action, written: str, value: str, name: str, conflict: str) -> bool:
        """Words an owner added to the Latest progress cell, leaving what was there: on this review's progress an
        addition to that entry (ticked); on an earlier review's, this review's progress when labelled or dated for
        it, else a note (as in a Word return). False when the cell was changed in any other way."""
        added = added_text(written, value) if written and not _same(value, written) else None
        if not added:
            return False
        mine = updates_at(action, self.review) if self.review is not None else []
        if mine:
            tail = value[len(written):] if value.startswith(written) else f"\n{added}"
            self.add(action, "append", "", added, (mine[-1].id, tail), name, conflict,
                     note="typed on at the end of the Latest progress cell")
        elif why := meant_for_review(self.plan, self.review, added):
            self.add(action, "progress", "", self.unlabelled(added), self.unlabelled(added), name, conflict,
                     note=f"typed in the Latest progress column; {why}")
        else:
            self.add(action, "comment", "", f"new text in the Latest progress column, which is an earlier review's: "
                     f"“{clip(added, 300)}”", f"From {name} (Latest progress): {added}", name, "")
        return True

    def _tracker_cell(self, title: str, value: Any, row: Row, titles: dict[str, int], action: Action, name: str,
                      conflict: str) -> None:
        if title == "rag":
            self.rag(action, value, name, conflict)
        elif title == "by when":
            self.date(action, value, "Changed in the tracker", name, conflict)
        elif title == "latest progress":
            written = progress_text(latest_progress(action, self.review))
            if str(value) in {u.text for u in updates_at(action, self.review)} | {written}:
                return
            new = (added_text(written, str(value)) if written else None) or str(value)
            self.add(action, "progress", "", new, new, name, conflict)

    def _added_row(self, number: int, row: Row, titles: dict[str, int], seen: dict[int, Action], name: str) -> None:
        """A row with no id (or an unknown one): a new action under its objective, or words for the action above."""
        cells = {self.columns.get(c.column, "") or c.coordinate: read_cell(c)[0] for c in row.values()
                 if c.value not in (None, "") and c.data_type not in ("f", "e")}
        if not cells or number in self.unknown_ids:
            return
        self.result.cells_read += len(cells)
        self.result.cells_used += len(cells)
        above = seen.get(max((n for n in seen if n < number), default=-1))
        text = str(cells.pop("action", "") or "").strip()
        ref = str(cells.pop("action no", "") or "").strip()
        cells.pop("id", None)
        if not text:
            words = "; ".join(f"{title}: {value}" for title, value in cells.items())
            if above is not None:
                self.add(above, "comment", "", f"words typed in row {number}, a row of their own: “{clip(words, 300)}”",
                         f"From {name} (row {number}): {words}", name, "")
            else:
                self.result.problems.append(f"{name}: row {number} holds words of its own (“{clip(words, 300)}”) that "
                                            "belong to no action; they were not used.")
            return
        objective = self._objective(ref, above)
        if objective is None:
            self.result.problems.append(f"{name}: row {number} adds the action “{clip(text, 200)}”, but which "
                                        "objective it belongs under cannot be told; add it in sendplan if needed.")
            return
        self.new_action(self._new(objective, text, ref, cells), name)

    def _new(self, objective: Objective, text: str, ref: str, cells: dict[str, Any]) -> NewAction:
        new = NewAction(objective.id, text, ref=ref if ref != self.numbers.get(objective.id) else "", owner=self.owner)
        notes = []
        for title, value in cells.items():
            words = str(value).strip()
            if title in ("new progress", "latest progress"):
                new.progress = self.unlabelled(words)
            elif title in ("proposed rag", "rag", "current rag") and (key := rating_key_for(self.plan, words)):
                new.rating, new.rating_name = key, rating_name(self.plan, key)
            elif title in ("proposed new date", "by when"):
                try:
                    new.due = due_value(value)
                except DateParseError:
                    new.due = parse_due_lenient(words)
            elif title == "by whom":
                new.owner = words
            elif title in ("intended outcomes", "key performance indicators"):
                setattr(new, "outcomes" if title == "intended outcomes" else "kpis", words)
            else:
                notes.append(f"{title.capitalize() if title else 'A cell'}: {words}")
        new.notes = "\n".join(notes)
        return new

    def _objective(self, ref: str, above: Action | None) -> Objective | None:
        by_number = {self.numbers.get(o.id, ""): o for a in self.plan.areas for o in a.objectives}
        for text in (ref, (match[1] if (match := _OBJECTIVE_REF.match(ref)) else "")):
            if text and text in by_number:
                return by_number[text]
        return self.objective_of.get(above.id) if above is not None else None

    def _comments(self, path: Path, sheet: Sheet, header: int, seen: dict[int, Action], name: str) -> None:
        """Each cell comment: a note on the action of its row, else listed as it is."""
        comments = read_cell_comments(path, sheet.title)
        self.result.comments_read += len(comments)
        for comment in comments:
            title = self.headings.get(comment.column, "") or "a cell"
            action = seen.get(comment.row)
            what = f"comment by {comment.author} on {title} (row {comment.row}): {comment.text}"
            if action is not None:
                self.add(action, "comment", "", what, f"Comment by {comment.author} in {name} on {title}: "
                         f"{comment.text}", name, "", said=(comment.author, comment.text))
            else:
                self.result.notes.append(f"{name}: a {what} is not on an action's row, so it is not added to the plan.")

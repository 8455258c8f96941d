"""Read update returns (and edited trackers) back: a list of proposed changes per action, and conflicts.

Nothing is applied here. The caller shows the list (CLI or app) and applies the accepted changes as
one undoable step with :meth:`MergeResult.command`. Formula cells are never evaluated: their text is
reported and they are not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sendplan.exporters.office_package import OfficeFileError, check_package
from sendplan.exporters.xlsx_cells import read_cell
from sendplan.exporters.xlsx_workbooks import META, RETURN, TRACKER, fingerprint

from sendplan.commands import AddItem, Command, CommandGroup, ReviseDueDate, SetField, SetRag, rating_key_for
from sendplan.dates import DateParseError, DueValue, parse_due
from sendplan.model import Action, Plan, ProgressUpdate, Review

KINDS = {"progress": "new progress", "rag": "RAG", "date": "By When", "comment": "comment"}


@dataclass
class ProposedChange:
    action_id: str
    number: str
    kind: str  # progress | rag | date | comment
    old: str
    new: str
    value: Any  # text, RAG key, or DueValue
    source: str
    reason: str = ""
    conflict: str = ""
    accepted: bool = True
    origin: str = ""  # the full path: two returns may share a file name

    def describe(self) -> str:
        what = KINDS[self.kind]
        text = f"{self.number} {what}: {self.old or '—'} → {self.new}" if self.kind in ("rag", "date") else \
            f"{self.number} {what}: {self.new[:100]}"
        if self.reason:
            text += f" (reason: {self.reason})"
        return text + f" [from {self.source}]"


@dataclass
class MergeResult:
    review: Review | None
    changes: list[ProposedChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # files nothing can be taken from

    def command(self, plan: Plan) -> Command | None:
        """The accepted changes as one undoable step (None when nothing is accepted)."""
        review = self.review
        commands: list[Command] = []
        for change in (c for c in self.changes if c.accepted):
            if change.kind == "progress" and review is not None:
                commands.append(AddItem(plan, change.action_id, "progress",
                                        ProgressUpdate(text=change.value, review_id=review.id, added=date.today())))
            elif change.kind == "rag" and review is not None:
                commands.append(SetRag(plan, change.action_id, review.id, change.value))
            elif change.kind == "date":
                commands.append(ReviseDueDate(plan, change.action_id, change.value,
                                              change.reason or f"Proposed in {change.source}"))
            elif change.kind == "comment":
                action = _find(plan, change.action_id)
                notes = f"{action.notes}\n{change.value}".strip() if action else change.value
                commands.append(SetField(plan, change.action_id, "notes", notes))
        if not commands:
            return None
        return CommandGroup(f"Apply {len(commands)} changes from update returns", commands)

    def text(self) -> str:
        lines = []
        for change in self.changes:
            mark = "[!]" if change.conflict else "[x]" if change.accepted else "[ ]"
            lines.append(f"{mark} {change.describe()}")
            if change.conflict:
                lines.append(f"      conflict: {change.conflict}")
        lines += [f"Problem: {p}" for p in self.problems]
        return "\n".join(lines) or "No changes found."


def _find(plan: Plan, action_id: str) -> Action | None:
    return next((a for _, _, a in plan.iter_actions() if a.id == action_id), None)


def _due(value: Any) -> DueValue:
    if isinstance(value, date):
        return DueValue(day=value)
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # an Excel serial date left unformatted
        return DueValue(day=(datetime(1899, 12, 30) + timedelta(days=float(value))).date())
    return parse_due(str(value))


class _Reader:
    def __init__(self, plan: Plan, review: Review | None, result: MergeResult) -> None:
        self.plan, self.review, self.result = plan, review, result
        self.numbers = plan.numbers()
        self.by_number_text = {(self.numbers[a.id], a.text.strip()): a for _, _, a in plan.iter_actions()}
        self.ids = {a.id: a for _, _, a in plan.iter_actions()}
        self.origin = ""

    def read(self, path: Path) -> None:
        name = path.name
        self.origin = str(path.resolve())
        try:
            check_package(path, kind="Excel", main_part="xl/workbook.xml", suffix=".xlsx")
            from openpyxl import load_workbook

            book = load_workbook(path, data_only=False)
        except OfficeFileError as error:
            self._unusable(name, str(error))
            return
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for broken workbooks
            self._unusable(name, f"“{name}” could not be read as an Excel workbook ({type(error).__name__}).")
            return
        meta: dict[str, str] = {}
        if META in book.sheetnames:
            meta = {str(r[0]): str(r[1] or "") for r in book[META].iter_rows(values_only=True) if r and r[0]}
            if meta.get("plan_id") != self.plan.id:
                self._unusable(name, f"“{name}” belongs to another plan (“{meta.get('plan_title', 'unknown')}”); "
                                     "nothing was taken from it.")
                return
        kind = meta.get("format", "")
        sheet_name = "Your actions" if kind == RETURN else "Plan"
        if sheet_name not in book.sheetnames:
            sheet_name = next((s for s in book.sheetnames if s != META), "")
        if not sheet_name:
            self._unusable(name, f"“{name}” has no sheet of actions.")
            return
        rows = list(book[sheet_name].iter_rows())
        if not rows:
            self._unusable(name, f"“{name}” is empty.")
            return
        titles = {str(c.value).strip().lower(): i for i, c in enumerate(rows[0]) if c.value is not None}
        if "action no" not in titles and "id" not in titles:
            self._unusable(name, f"“{name}” has no Action No or ID column, so its rows cannot be matched.")
            return
        seen: set[str] = set()
        for row in rows[1:]:
            action = self._match(row, titles, name)
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

    def _unusable(self, name: str, message: str) -> None:
        self.result.unusable.append(name)
        self.result.problems.append(message)

    def _value(self, row: tuple, titles: dict[str, int], title: str, name: str) -> Any:  # type: ignore[type-arg]
        index = titles.get(title.lower())
        if index is None or index >= len(row):
            return None
        value, problem = read_cell(row[index])
        if problem:
            self.result.problems.append(f"{name}: {problem}.")
        return value

    def _match(self, row: tuple, titles: dict[str, int], name: str) -> Action | None:  # type: ignore[type-arg]
        ident = self._value(row, titles, "id", name)
        number = self._value(row, titles, "action no", name)
        text = self._value(row, titles, "action", name)
        if not ident and not number and not text:
            return None
        if ident and str(ident) in self.ids:
            return self.ids[str(ident)]
        found = self.by_number_text.get((str(number or ""), str(text or "").strip()))
        if found is None:
            self.result.problems.append(f"{name}: row {row[0].row} ({number or ident or 'no number'}) matches no "
                                        "action in the plan; it was not used.")
        return found

    def _add(self, action: Action, kind: str, old: str, new: str, value: Any, source: str, conflict: str,
             reason: str = "") -> None:
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

    def _return_row(self, row: tuple, titles: dict[str, int], action: Action, name: str,  # type: ignore[type-arg]
                    conflict: str) -> None:
        progress = self._value(row, titles, "new progress", name)
        if progress:
            self._add(action, "progress", "", str(progress), str(progress), name, conflict)
        self._rag(action, self._value(row, titles, "proposed rag", name), name, conflict)
        reason = str(self._value(row, titles, "reason for new date", name) or "")
        self._date(action, self._value(row, titles, "proposed new date", name), reason, name, conflict)
        comment = self._value(row, titles, "comments", name)
        if comment:
            self._add(action, "comment", "", str(comment), f"Comment in {name}: {comment}", name, conflict)

    def _tracker_row(self, row: tuple, titles: dict[str, int], action: Action, name: str,  # type: ignore[type-arg]
                     conflict: str) -> None:
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
        reader.read(path)
    by_target: dict[tuple[str, str], list[ProposedChange]] = {}
    for change in result.changes:
        by_target.setdefault((change.action_id, change.kind), []).append(change)
    for (_, kind), changes in by_target.items():
        if len({c.origin for c in changes}) > 1 and kind in ("rag", "date", "progress"):
            for change in changes:
                others = ", ".join(sorted({c.source for c in changes if c.origin != change.origin}))
                change.conflict = change.conflict or f"{others} also changes this action's {KINDS[kind]}"
                change.accepted = False
    return result

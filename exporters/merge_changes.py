"""Proposed changes from returned files, their conflicts, and applying the accepted ones exactly.

Readers (Excel returns and trackers, Word returns) fill a :class:`MergeResult`; nothing is applied
while reading. :meth:`MergeResult.command` gives one undoable step that applies the accepted
changes one after another, each built against the plan as the previous one left it, so two accepted
changes to the same field (two comments, two new dates) both land and one undo restores the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendplan.commands import AddItem, Change, Command, ReviseDueDate, SetField, SetRag, locate
from sendplan.model import Plan, ProgressUpdate, Review

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


def change_command(plan: Plan, change: ProposedChange, review: Review | None,
                   today: date | None = None) -> Command | None:
    """One change as a command built against the plan as it is now (None when it would change nothing)."""
    today = today or date.today()
    action = locate(plan, change.action_id).entity
    if change.kind == "progress" and review is not None:
        return AddItem(plan, change.action_id, "progress",
                       ProgressUpdate(text=change.value, review_id=review.id, added=today))
    if change.kind == "rag" and review is not None:
        return SetRag(plan, change.action_id, review.id, change.value) \
            if action.ratings.get(review.id) != change.value else None
    if change.kind == "date":
        return ReviseDueDate(plan, change.action_id, change.value, change.reason or f"Proposed in {change.source}",
                             revised_on=today) if action.due.current != change.value else None
    if change.kind == "comment":
        return SetField(plan, change.action_id, "notes", f"{action.notes}\n{change.value}".strip())
    return None


class ApplyInOrder(Command):
    """Several changes as one undoable step, each built only when the one before it has been applied.

    Built once, on the first apply; redo re-applies the same commands (undo restored the state they
    were built against). If building or applying fails part-way, what was applied is reverted.
    """

    def __init__(self, label: str, builders: list[Callable[[Plan], Command | None]]) -> None:
        self.label = label
        self.builders = builders
        self.commands: list[Command] | None = None

    def apply(self, plan: Plan) -> Change:
        change = Change()
        if self.commands is not None:
            for command in self.commands:
                change |= command.apply(plan)
            return change
        built: list[Command] = []
        try:
            for build in self.builders:
                command = build(plan)
                if command is not None:
                    change |= command.apply(plan)
                    built.append(command)
        except Exception:
            for command in reversed(built):
                command.revert(plan)
            raise
        self.commands = built
        return change

    def revert(self, plan: Plan) -> Change:
        change = Change()
        for command in reversed(self.commands or []):
            change |= command.revert(plan)
        return change


@dataclass
class MergeResult:
    review: Review | None
    changes: list[ProposedChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)  # files nothing can be taken from
    files: int = 0  # different files looked at

    def command(self, plan: Plan) -> Command | None:
        """The accepted changes as one undoable step, applied in order (None when nothing is accepted)."""
        accepted = [c for c in self.changes if c.accepted]
        if not accepted:
            return None
        today = date.today()
        builders: list[Callable[[Plan], Command | None]] = [
            lambda p, c=c: change_command(p, c, self.review, today) for c in accepted]
        noun = "change" if len(accepted) == 1 else "changes"
        return ApplyInOrder(f"Apply {len(accepted)} {noun} from update returns", builders)

    def text(self) -> str:
        lines = []
        for change in self.changes:
            mark = "[!]" if change.conflict else "[x]" if change.accepted else "[ ]"
            lines.append(f"{mark} {change.describe()}")
            if change.conflict:
                lines.append(f"      conflict: {change.conflict}")
        lines += [f"Problem: {p}" for p in self.problems]
        return "\n".join(lines) or "No changes found."


def mark_conflicts(result: MergeResult) -> None:
    """Two files touching the same field of one action (comments included): both flagged and unticked."""
    by_target: dict[tuple[str, str], list[ProposedChange]] = {}
    for change in result.changes:
        by_target.setdefault((change.action_id, change.kind), []).append(change)
    for (_, kind), changes in by_target.items():
        if len({c.origin for c in changes}) < 2:
            continue
        for change in changes:
            others = ", ".join(sorted({c.source for c in changes if c.origin != change.origin}))
            what = "also comments on this action" if kind == "comment" else f"also changes this action's {KINDS[kind]}"
            change.conflict = change.conflict or f"{others} {what}"
            change.accepted = False

"""Proposed changes from returned files, their conflicts, and applying the accepted ones exactly.

Readers (Excel returns and trackers, Word returns) fill a :class:`MergeResult`; nothing is applied
while reading. :meth:`MergeResult.command` gives one undoable step that applies the accepted
changes one after another, each built against the plan as the previous one left it, so two accepted
changes to the same field (two comments, two new dates) both land and one undo restores the plan.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sendplan.commands import AddItem, Change, Command, ReviseDueDate, SetField, SetRag, locate
from sendplan.dates import DateParseError, DueValue, parse_due
from sendplan.merge_rows import NewAction
from sendplan.model import Action, Plan, ProgressUpdate, Review
from sendplan.ratings import rating_key_for
from sendplan.review_state import updates_at

KINDS = {"progress": "new progress", "rag": "RAG", "date": "By When", "comment": "comment", "action": "new action",
         "append": "added to this review's progress"}
_SEPARATORS = " \t-–—:;,."
NEVER_COMPETE = ("comment", "action")  # each is added beside the others, so several files may bring them
LISTED = 400  # characters of progress or a comment shown in the listing (the whole is applied)


def seen_stamp(action: Action, review: Review | None) -> str:
    """What an owner was shown of an action for ``review``, as a short hash: if it changes in the plan
    before the owner's return comes back, merging that return's edits is a conflict."""
    rid = review.id if review else ""
    state = [action.text, action.owner, action.due.current.to_dict() if action.due.current else None,
             action.ratings.get(rid, ""), [u.text for u in action.progress if u.review_id == rid]]
    return hashlib.sha1(json.dumps(state, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


@dataclass
class ProposedChange:
    action_id: str  # for a new action: the objective it goes under
    number: str
    kind: str  # progress | rag | date | comment | action
    old: str
    new: str
    value: Any  # text, RAG key, DueValue, or NewAction
    source: str
    reason: str = ""
    conflict: str = ""
    accepted: bool = True
    origin: str = ""  # the full path: two returns may share a file name
    note: str = ""  # how it was read ("typed in the Progress 2025/2026 column", "a tracked change by …")
    said: tuple[str, str] | None = None  # a comment's author and words, to know it again in another file
    also: list[str] = field(default_factory=list)  # other files that bring the same comment
    duplicate: str = ""  # why a new action is likely one the plan or another file has already

    def sources(self) -> str:
        """The file (or files) the change comes from, as the listing names them."""
        return " and ".join([self.source, *self.also])

    def describe(self, limit: int | None = 100) -> str:
        """One line for a list; progress and comments cut at ``limit`` characters (None: in full)."""
        what = KINDS[self.kind]
        text = f"{self.number} {what}: {self.old or '—'} → {self.new}" if self.kind in ("rag", "date") else \
            f"{self.number} {what}: {self.new if self.kind == 'action' else self.new[:limit]}"
        if self.reason:
            text += f" (reason: {self.reason})"
        if self.note:
            text += f" ({self.note})"
        return text + f" [from {self.sources()}]"


def change_command(plan: Plan, change: ProposedChange, review: Review | None,
                   today: date | None = None) -> Command | None:
    """One change as a command built against the plan as it is now (None when it would change nothing)."""
    today = today or date.today()
    if change.kind == "action":
        new: NewAction = change.value
        return AddItem(plan, new.objective_id, "actions", new.action(plan, review, today),
                       label=f"Add action {new.text[:40]} under {change.number}")
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
    if change.kind == "append" and review is not None:
        update_id, tail = change.value
        update = next((u for u in action.progress if u.id == update_id), None)
        if update is None:  # the entry was deleted since: the owner's words become this review's progress
            return AddItem(plan, change.action_id, "progress",
                           ProgressUpdate(text=tail.strip(), review_id=review.id, added=today))
        return SetField(plan, update_id, "text", update.text + tail)
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
    already: dict[str, int] = field(default_factory=dict)  # file name → changes already in the plan (merged before)
    notes: list[str] = field(default_factory=list)  # how things were read (tracked changes, comments off the table)
    cells_read: int = 0  # non-empty cells of the rows read
    cells_used: int = 0  # of those, the ones something above came from (a change, a note, a problem)
    comments_read: int = 0  # Word and Excel comments
    def drop_gone(self, plan: Plan) -> None:
        """Drop the changes proposed for actions no longer in ``plan`` (deleted while the files were read,
        on another thread), and say so among the problems."""
        present = {a.id for _, _, a in plan.iter_actions()} | {o.id for a in plan.areas for o in a.objectives}
        gone = [c for c in self.changes if c.action_id not in present]
        for number in dict.fromkeys(c.number for c in gone):
            count = sum(1 for c in gone if c.number == number)
            self.problems.append(f"{number} was deleted while the returns were read, so the {count} change"
                                 f"{'' if count == 1 else 's'} proposed for it {'was' if count == 1 else 'were'} "
                                 "not offered.")
        self.changes = [c for c in self.changes if c.action_id in present]

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
            lines.append(f"{mark} {change.describe(LISTED)}")
            if change.conflict:
                lines.append(f"      conflict: {change.conflict}")
            if change.duplicate:
                lines.append(f"      {change.duplicate}")
        if not lines:
            lines.append("No changes found.")
        lines += [f"Note: {n}" for n in self.notes]
        lines += [f"Problem: {p}" for p in self.problems]
        lines.append(self.count_line())
        return "\n".join(lines)

    def accept_new_actions(self) -> int:
        """Tick every new action an owner added that nothing conflicts with; how many were ticked."""
        ticked = [c for c in self.changes if c.kind == "action" and not c.conflict and not c.duplicate
                  and not c.accepted]
        for change in ticked:
            change.accepted = True
        return len(ticked)

    def left_out(self) -> list[str]:
        """What applying the ticked changes leaves out, one line per kind, each saying why."""
        unticked = [c for c in self.changes if not c.accepted]
        conflicts = sum(1 for c in unticked if c.conflict)
        duplicates = sum(1 for c in unticked if not c.conflict and c.duplicate)
        actions = sum(1 for c in unticked if not c.conflict and not c.duplicate and c.kind == "action")
        to_read = len(unticked) - conflicts - duplicates - actions
        lines = []
        if conflicts:
            lines.append(f"{_count(conflicts, 'conflicting change')} left out (marked [!] above): another file gives "
                         "this field a different value, or the action changed in the plan since the file went out; "
                         "choose between them in the app's Merge returned updates.")
        if duplicates:
            lines.append(f"{_count(duplicates, 'new action')} left out as likely "
                         f"{'a duplicate' if duplicates == 1 else 'duplicates'} (said above): the words "
                         "match another new action or an action already under the objective; tick "
                         f"{'it' if duplicates == 1 else 'them'} in the app's Merge returned updates if "
                         f"{'it is a different action' if duplicates == 1 else 'they are different actions'}.")
        if actions:
            lines.append(f"{_count(actions, 'new action')} left out: new actions are not added unless you ask "
                         "(--with-new-actions).")
        if to_read:
            it = "it" if to_read == 1 else "them"
            lines.append(f"{_count(to_read, 'comment')} to read left out (marked [ ] above): sendplan cannot tell what "
                         f"{'it changes' if to_read == 1 else 'they change'}; tick {it} in the app's Merge returned "
                         f"updates to keep {it} as a note.")
        return lines

    def count_line(self) -> str:
        """How much of the files was read and used: every filled cell is listed above or is as it was sent."""
        comments = f" (and {self.comments_read} comment{'' if self.comments_read == 1 else 's'})" \
            if self.comments_read else ""
        same = self.cells_read - self.cells_used
        return (f"Cells read: {self.cells_read:,}{comments}; cells used: {self.cells_used:,}; the other {same:,} "
                f"{'is' if same == 1 else 'are'} as sendplan wrote {'it' if same == 1 else 'them'}.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def mark_conflicts(result: MergeResult) -> None:
    """Two files giving competing values for the same field of one action (its RAG, new progress, By When):
    both flagged and unticked. Comments never compete: each is kept as its own note, with its author and
    file, so two files commenting on one action are not a conflict; nor are two owners' new actions.

    Also says, per file, how many of its changes were already in the plan (a file merged twice)."""
    for name, count in result.already.items():
        things = "change is" if count == 1 else "changes are"
        result.notes.append(f"{name}: {count} {things} already in the plan word for word (the file may have been "
                               "merged before), so not listed again.")
    by_target: dict[tuple[str, str], list[ProposedChange]] = {}
    for change in result.changes:
        by_target.setdefault((change.action_id, change.kind), []).append(change)
    for (_, kind), changes in by_target.items():
        if kind in NEVER_COMPETE or len({c.origin for c in changes}) < 2:
            continue
        for change in changes:
            others = ", ".join(sorted({c.source for c in changes if c.origin != change.origin}))
            change.conflict = change.conflict or f"{others} also changes this action's {KINDS[kind]}"
            change.accepted = False


def plain(text: str) -> str:
    """Words as compared across files: spacing and case set aside."""
    return " ".join(text.split()).casefold()


def holds_comment(line: str, author: str, words: str) -> bool:
    """A line of an action's notes is this comment: it ends with the words, and names the author when it names one
    ("Comment by Jo Bloggs in a.docx on …: words"; a Comments cell is kept as "Comment in a.xlsx: words")."""
    line, words = plain(line), plain(words)
    if not words or not line.endswith(f": {words}"):
        return False
    return not line.startswith("comment by ") or line.startswith(f"comment by {plain(author)} ")


def due_value(value: Any) -> DueValue:
    """A By When from a cell: a date, an Excel serial date left unformatted, or typed text (DateParseError)."""
    if isinstance(value, DueValue):
        return value
    if isinstance(value, date):
        return DueValue(day=value)
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        return DueValue(day=(datetime(1899, 12, 30) + timedelta(days=float(value))).date())
    return parse_due(str(value))


class Collector:
    """What every reader of returned files shares: proposing changes against the plan as it is."""

    def __init__(self, plan: Plan, review: Review | None, result: MergeResult) -> None:
        self.plan, self.review, self.result = plan, review, result
        self.numbers = plan.numbers()
        self.ids = {a.id: a for _, _, a in plan.iter_actions()}
        self.origin = ""  # the file being read, in full
        self.no_review_told = False

    def unusable(self, name: str, message: str) -> None:
        self.result.unusable.append(name)
        self.result.problems.append(message)

    def add(self, action: Action, kind: str, old: str, new: str, value: Any, source: str, conflict: str,
            reason: str = "", accepted: bool = True, note: str = "", said: tuple[str, str] | None = None) -> None:
        if kind in ("progress", "rag") and self.review is None:
            if not self.no_review_told:
                self.no_review_told = True
                self.result.problems.append("The plan has no review yet, so new progress and RAG ratings were not "
                                            "taken in: start a review, then merge again.")
            return
        if self._in_plan(action, kind, value, said):
            self.result.already[source] = self.result.already.get(source, 0) + 1
            return
        self.result.changes.append(ProposedChange(action.id, self.numbers[action.id], kind, old, new, value, source,
                                                  reason, conflict, accepted=accepted and not conflict,
                                                  origin=self.origin, note=note, said=said))

    def new_action(self, new: NewAction, source: str) -> None:
        """Propose an action an owner added as a row: unticked, shown with its text."""
        self.result.changes.append(ProposedChange(new.objective_id, self.numbers.get(new.objective_id, ""), "action",
                                                  "", new.describe(self.plan), new, source, accepted=False,
                                                  origin=self.origin))

    def _listed(self) -> int:
        return len(self.result.changes) + sum(self.result.already.values()) + len(self.result.problems) + len(
            self.result.notes)

    def cell_started(self) -> int:
        """Call before reading one filled cell; pass the result to :meth:`cell_done`."""
        return self._listed()

    def cell_done(self, start: int) -> None:
        """Count the cell as read, and as used when anything was listed while it was read."""
        self.result.cells_read += 1
        if self._listed() != start:
            self.result.cells_used += 1

    def _in_plan(self, action: Action, kind: str, value: Any, said: tuple[str, str] | None) -> bool:
        """True when this progress or note is already on the action, word for word (the file was merged before,
        or another file with the same comment was)."""
        if kind == "progress" and self.review is not None:
            return any(u.text.strip() == str(value).strip() for u in updates_at(action, self.review))
        if kind != "comment":
            return False
        lines = action.notes.splitlines()
        return str(value).strip() in lines or (said is not None and any(holds_comment(line, *said) for line in lines))

    def unlabelled(self, text: str) -> str:
        """New progress without the review's label an owner copied from the lines above ("Nov 2026: …")."""
        review = self.review
        for label in (review.short_label, review.label) if review else ():
            if label and text.lower().startswith(label.lower()):
                return text[len(label):].lstrip(_SEPARATORS) or text
        return text

    def to_read(self, action: Action, what: str, source: str) -> None:
        """Something sendplan cannot interpret: listed, unticked, as a comment the user can keep as a note."""
        self.add(action, "comment", "", what, f"From {source}: {what}", source, "", accepted=False)

    def deleted_row(self, action: Action, source: str) -> None:
        self.to_read(action, f"the row for {self.numbers[action.id]} was deleted in the file; nothing was taken "
                             "from it", source)

    def rag(self, action: Action, word: Any, source: str, conflict: str) -> bool:
        """Propose a rating from its word; False when the word is not on the plan's scale."""
        if not word:
            return True
        key = rating_key_for(self.plan, str(word))
        if not key:
            self.result.problems.append(f"{source}: “{word}” for {self.numbers[action.id]} is not a RAG rating on "
                                        "this plan's scale; it was not used.")
            return False
        current = self.plan.rating_at(action, self.review) if self.review else ""
        if key != current:
            old, new = self.plan.rag_level(current), self.plan.rag_level(key)
            self.add(action, "rag", old.name if old else "", new.name if new else key, key, source, conflict)
        return True

    def date(self, action: Action, value: Any, reason: str, source: str, conflict: str) -> bool:
        """Propose a new By When; False when the value is not a date."""
        if value in (None, ""):
            return True
        try:
            due = due_value(value)
        except DateParseError:
            self.result.problems.append(f"{source}: “{value}” for {self.numbers[action.id]} is not a date; it was "
                                        "not used.")
            return False
        if due != action.due.current:
            old = action.due.current.display("uk") if action.due.current else ""
            self.add(action, "date", old, due.display("uk"), due, source, conflict, reason)
        return True

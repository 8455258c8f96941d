"""Word returns: a table-only document for each owner, and the edits an owner typed into one read back.

A document sendplan writes carries the plan inside it (:mod:`sendplan.exporters.word.embed`), so each visible cell can
be compared with what was written. Edits become proposed changes: a new paragraph in the current
review's progress column is new progress, a changed RAG word a rating, a new date in the By When
cell (with the reason after it) a revised date. Anything else (a reworded action, a changed
objective, a deleted row, text removed) is listed unticked as a comment to read, never applied
silently and never lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from sendplan.exporters.office import OfficeFileError, check_package, classify, clip
from sendplan.exporters.returns.word_rows import RowsAdded, rating_word
from sendplan.exporters.word import (
    CellEdit,
    Embedded,
    EmbeddedPlanError,
    Mark,
    VisibleRow,
    all_rows,
    edited_cells,
    read_embedded,
    read_marks,
    ref_key,
    rows_by_ref,
)

from sendplan.dates import DateParseError, DueValue, parse_due
from sendplan.merge import seen_stamp
from sendplan.merge_rows import added_text
from sendplan.model import Action, Plan, Review
from sendplan.owners import UNASSIGNED, owner_key
from sendplan.ratings import rating_key_for
from sendplan.review_state import meant_for_review

_SEPARATORS = " \t-–—:;,."


# ---------------------------------------------------------------------------------------------
# Writing


def _owner_plan(plan: Plan, owner: str) -> Plan:
    """A view of the plan holding only this owner's actions (and the objectives and areas around them)."""
    areas = []
    for area in plan.areas:
        objectives = [replace(o, actions=[a for a in o.actions if owner_key(a) == owner]) for o in area.objectives]
        objectives = [o for o in objectives if o.actions]
        if objectives:
            areas.append(replace(area, objectives=objectives))
    return replace(plan, areas=areas)


def _instructions(review: Review | None, owner: str) -> tuple[str, ...]:
    label = review.label if review else "the next review"
    period = f"“Progress {review.period}”" if review and review.period else "progress"
    return (f"Update return for {owner}: progress for the {label}.",
            f"For each of your actions, type your progress as a new paragraph at the end of its {period} cell. "
            "If the RAG rating should change, replace the word in the RAG cell (for example Amber). If the By "
            "When date must move, type the new date (dd/mm/yyyy) on a new line in that cell, followed by the "
            "reason.",
            "Please leave the other cells and the rows as they are, then save the document and send it back.")


def write_word_return(plan: Plan, review: Review | None, owner: str, actions: list[Action], path: Path) -> None:
    """One owner's table-only Word document: their instructions under the title, their actions, and the plan
    embedded (as that owner sees it) so every edit they type can be told apart from what was written."""
    from sendplan.exporters.word import WordOptions, export_docx

    export_docx(_owner_plan(plan, owner), path, WordOptions.for_preset(
        "table-only", review_id=review.id if review else None, intro=_instructions(review, owner)))


# ---------------------------------------------------------------------------------------------
# Reading


def new_date(before: str, after: str) -> tuple[DueValue, str] | None:
    """A date typed into a By When cell (on a line that was not there), and the reason written after it."""
    old = {line.strip() for line in before.split("\n")}
    fresh = [line.strip() for line in after.split("\n") if line.strip() and line.strip() not in old]
    for index, line in enumerate(fresh):
        words = line.split()
        for count in range(min(len(words), 4), 0, -1):
            try:
                value = parse_due(" ".join(words[:count]).strip(_SEPARATORS))
            except DateParseError:
                continue
            return value, _reason(" ".join([" ".join(words[count:]), *fresh[index + 1:]]))
    return None


def _reason(text: str) -> str:
    """The words after a new date, without the dash or colon that joined them ("(staff left)" unwrapped)."""
    text = text.strip().lstrip("-–—:;,. ").rstrip(" -–—:;,")
    return text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text


def _period(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("–", "/").replace("-", "/")


class WordReturnReader(RowsAdded):
    """Reads Word returns (and review packs) against the plan; one instance for several files.

    Every filled cell of the action rows is read and counted; a cell an owner changed becomes a proposed
    change or a note; rows the owner added become proposed actions; comments become notes on their action;
    tracked changes are read as accepted and each change they brought says so, by author."""

    def read(self, path: Path) -> None:
        name = path.name
        self.origin = str(path)
        try:
            check_package(path)
            embedded = read_embedded(path)
            if embedded is not None and embedded.plan.id == self.plan.id:
                every = all_rows(path)
                marks = read_marks(path)
        except OfficeFileError as error:
            self.unusable(name, str(error))
            return
        except EmbeddedPlanError as error:
            self.unusable(name, f"“{name}” was written by sendplan but {error}; nothing was taken from it. Ask "
                                "for the document again, or export a fresh one and copy the changes across.")
            return
        if embedded is None:
            self.unusable(name, f"“{name}” is a Word document without the plan sendplan puts inside the documents "
                                "it writes, so its edits cannot be told apart from what was there. Send the owner "
                                "a Word return (sendplan returns --format docx) or a review pack and merge that.")
            return
        if embedded.plan.id != self.plan.id:
            self.unusable(name, f"“{name}” belongs to another plan (“{embedded.plan.title}”); nothing was taken "
                                "from it. Merge it into that plan instead.")
            return
        owners = {owner_key(a) for _, _, a in embedded.plan.iter_actions()}
        self.owner = next(iter(owners)) if len(owners) == 1 and UNASSIGNED not in owners else ""
        rows = rows_by_ref(every)
        places = {(row.table, row.row): action_id for action_id, ref in embedded.refs.items()
                  if (row := rows.get(ref_key(ref))) is not None}
        self.tracked: dict[tuple[int, int, str], list[Mark]] = {}
        for mark in marks:
            if mark.kind != "comment":
                self.tracked.setdefault((mark.table, mark.row, mark.column), []).append(mark)
        edits: dict[str, dict[str, CellEdit]] = {}
        for edit in edited_cells(embedded, rows):
            if edit.action_id:
                edits.setdefault(edit.action_id, {})[edit.column] = edit
        for action_id in dict.fromkeys([*embedded.refs, *edits]):
            self._action(embedded, action_id, rows, edits.get(action_id, {}), name)
        comments = [m for m in marks if m.kind == "comment"]
        self.result.comments_read += len(comments)
        self.rows_added(every, places, comments, name)
        self._comments(comments, places, name)
        self._untold_marks(name)

    def _action(self, embedded: Embedded, action_id: str, rows: dict[str, VisibleRow], edits: dict[str, CellEdit],
                name: str) -> None:
        """Read one action's row: count its filled cells and interpret the ones the owner changed."""
        action = self.ids.get(action_id)
        row = rows.get(ref_key(embedded.refs.get(action_id, "")))
        if action is None:
            if edits:
                self.result.problems.append(f"{name}: {next(iter(edits.values())).ref} is no longer in the plan; its "
                                            "edits in the document were not used.")
            return
        if row is None:
            self.deleted_row(action, name)
            return
        was = next((a for _, _, a in embedded.plan.iter_actions() if a.id == action_id), None)
        then = embedded.plan.review(self.review.id) if self.review else None
        conflict = ("this action changed in the plan after the document was written"
                    if was is None or seen_stamp(was, then) != seen_stamp(action, self.review) else "")
        for column in dict.fromkeys([*row.cells, *edits]):
            filled = bool(row.cells.get(column))
            start = self.cell_started()
            first = len(self.result.changes)
            if column in edits:
                self._edit(action, edits[column], name, conflict)
            told = self.tracked.pop((row.table, row.row, column), [])
            if told:
                note = tracked_note(told)
                for change in self.result.changes[first:]:
                    change.note = "; ".join(n for n in (change.note, note) if n)
                if len(self.result.changes) == first:
                    self.result.notes.append(f"{name}: {self.numbers[action.id]} {column}: {note}; the cell is as "
                                             "sendplan wrote it.")
            if filled:
                self.cell_done(start)

    def _edit(self, action: Action, edit: CellEdit, name: str, conflict: str) -> None:
        key, period = classify(edit.column)
        before, after = edit.before, edit.after
        if key == "rag":
            before, after = rating_word(before), rating_word(after)
        changed = f"{edit.column} changed in Word to “{after[:300]}” (it was “{before[:300]}”)"
        if key == "progress":
            added = added_text(edit.before, edit.after)
            current = self.review is not None and _period(period) == _period(self.review.period)
            why = meant_for_review(self.plan, self.review, added) if added and not current else ""
            if added and (current or why):
                note = f"typed in the {edit.column} column; {why}" if why else ""
                self.add(action, "progress", "", self.unlabelled(added), self.unlabelled(added), name, conflict,
                         note=note)
            elif added:
                self.add(action, "comment", "", f"new text in the {edit.column} column, which is not the current "
                         f"review's: “{added[:300]}”", f"From {name} ({edit.column}): {added}", name, "")
            elif added is None:
                self.to_read(action, changed, name)
        elif key == "rag" and not after and not before:
            return  # a rating word and its "was" line both cleared: nothing to read
        elif key == "rag" and rating_key_for(self.plan, after):
            self.rag(action, after, name, conflict)
        elif key == "due" and (found := new_date(edit.before, edit.after)) is not None:
            self.date(action, found[0], found[1] or f"Changed in {name}", name, conflict)
        else:
            self.to_read(action, changed, name)

    def _comments(self, comments: list[Mark], places: dict[tuple[int, int], str], name: str) -> None:
        """Each comment becomes a note on the action whose row it is in; one elsewhere is listed as it is."""
        for mark in comments:
            about = f" on “{clip(mark.anchor, 120)}”" if mark.anchor else ""
            action = self.ids.get(places.get((mark.table, mark.row), ""))
            if action is not None:
                what = f"comment by {mark.author}{about}: {mark.text}"
                self.add(action, "comment", "", what, f"Comment by {mark.author} in {name}{about}: {mark.text}", name,
                         "", said=(mark.author, mark.text))
            elif (mark.table, mark.row) not in self.placed_comments:
                self.result.notes.append(f"{name}: a comment by {mark.author}{about} is not on an action's row, so it "
                                         f"is not added to the plan: “{mark.text}”")

    def _untold_marks(self, name: str) -> None:
        """Tracked changes outside the action rows (the title, the instructions): said, never applied."""
        for (_, _, column), marks in self.tracked.items():
            where = f"the {column} column of a row that is not an action's" if column else "the text around the tables"
            self.result.notes.append(f"{name}: in {where}, {tracked_note(marks)}.")
        self.tracked = {}


def tracked_note(marks: list[Mark]) -> str:
    """"Word's tracked changes by Jo Bloggs (inserted “…”; deleted “…”) were read as accepted"."""
    authors = ", ".join(dict.fromkeys(m.author for m in marks))
    what = "; ".join(f"{m.kind} “{clip(m.text, 80)}”" for m in marks[:4]) + ("; …" if len(marks) > 4 else "")
    return f"Word's tracked changes by {authors} ({what}) were read as accepted"



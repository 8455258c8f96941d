"""Word returns: a table-only document for each owner, and the edits an owner typed into one read back.

A document sendplan writes carries the plan inside it (:mod:`sendplan.exporters.word.embed`), so each visible cell can
be compared with what was written. Edits become proposed changes: a new paragraph in the current
review's progress column is new progress, a changed RAG word a rating, a new date in the By When
cell (with the reason after it) a revised date. Anything else (a reworded action, a changed
objective, a deleted row, text removed) is listed unticked as a comment to read, never applied
silently and never lost.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

from sendplan.exporters.office import OfficeFileError, check_package, classify
from sendplan.exporters.word import CellEdit, EmbeddedPlanError, edited_cells, read_embedded, ref_key, visible_rows

from sendplan.dates import DateParseError, DueValue, parse_due
from sendplan.merge import Collector, seen_stamp
from sendplan.model import Action, Plan, Review
from sendplan.owners import owner_key
from sendplan.ratings import rating_key_for

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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def added_text(before: str, after: str) -> str | None:
    """Text added to a cell without changing what was there (None when anything was changed or removed)."""
    old, new = _lines(before), _lines(after)
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "insert":
            added += new[j1:j2]
        elif tag == "replace" and i2 - i1 == j2 - j1 and all(b.startswith(a) for a, b in zip(old[i1:i2], new[j1:j2],
                                                                                             strict=True)):
            added += [b[len(a):].strip() for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]  # typed on at the end
        elif tag != "equal":
            return None
    return "\n".join(line for line in added if line)


def new_date(before: str, after: str) -> tuple[DueValue, str] | None:
    """A date typed into a By When cell (on a line that was not there), and the reason written after it."""
    old = set(_lines(before))
    fresh = [line for line in _lines(after) if line not in old]
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


class WordReturnReader(Collector):
    """Reads Word returns (and review packs) against the plan; one instance for several files."""


    def read(self, path: Path) -> None:
        name = path.name
        self.origin = str(path)
        try:
            check_package(path)
            embedded = read_embedded(path)
            if embedded is not None and embedded.plan.id == self.plan.id:
                rows = visible_rows(path)
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
        by_action: dict[str, list[CellEdit]] = {}
        for edit in edited_cells(embedded, rows):
            by_action.setdefault(edit.action_id, []).append(edit)
        for action_id, edits in by_action.items():
            action = self.ids.get(action_id)
            if not action_id:
                self._new_rows(edits, name)
            elif action is None:
                self.result.problems.append(f"{name}: {edits[0].ref} is no longer in the plan; its edits in the "
                                            "document were not used.")
            elif ref_key(embedded.refs.get(action_id, "")) not in rows:
                self.deleted_row(action, name)
            else:
                was = next((a for _, _, a in embedded.plan.iter_actions() if a.id == action_id), None)
                then = embedded.plan.review(self.review.id) if self.review else None
                conflict = ("this action changed in the plan after the document was written"
                            if was is None or seen_stamp(was, then)
                            != seen_stamp(action, self.review) else "")
                for edit in edits:
                    self._edit(action, edit, name, conflict)

    def _new_rows(self, edits: list[CellEdit], name: str) -> None:
        for ref in dict.fromkeys(e.ref for e in edits):
            text = "; ".join(f"{e.column}: {e.after}" for e in edits if e.ref == ref)
            self.result.problems.append(f"{name}: a row {ref} was added in the document ({text[:300]}). It matches "
                                        "no action, so nothing was taken from it; add it in sendplan if it is needed.")

    def _edit(self, action: Action, edit: CellEdit, name: str, conflict: str) -> None:
        key, period = classify(edit.column)
        before, after = edit.before, edit.after
        if key == "rag":
            before, after = _rating_word(before), _rating_word(after)
        changed = f"{edit.column} changed in Word to “{after[:300]}” (it was “{before[:300]}”)"
        if key == "progress":
            added = added_text(edit.before, edit.after)
            current = self.review is not None and _period(period) == _period(self.review.period)
            if added and current:
                self.add(action, "progress", "", self.unlabelled(added), self.unlabelled(added), name, conflict)
            elif added:
                self.to_read(action, f"new text in the {edit.column} column, which is not the current review's: "
                                     f"“{added[:300]}”", name)
            elif added is None:
                self.to_read(action, changed, name)
        elif key == "rag" and rating_key_for(self.plan, after):
            self.rag(action, after, name, conflict)
        elif key == "due" and (found := new_date(edit.before, edit.after)) is not None:
            self.date(action, found[0], found[1] or f"Changed in {name}", name, conflict)
        else:
            self.to_read(action, changed, name)


def _rating_word(text: str) -> str:
    """The rating typed in a RAG cell, without the "was Amber" line sendplan prints under it."""
    return " ".join(line for line in text.split("\n") if not line.strip().lower().startswith("was ")).strip()

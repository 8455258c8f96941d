"""Rows an owner adds to a Word return: each becomes a proposed new action under the objective it was typed in
(with or without a reference), ticked off until the officer ticks it; words typed in a row of their own become a
note on the action above. Every filled cell of such a row is counted as read and listed.
"""

from __future__ import annotations

import re

from sendplan.exporters.office import classify, clip
from sendplan.exporters.word import Mark, VisibleRow

from sendplan.dates import parse_due_lenient
from sendplan.merge import Collector
from sendplan.merge_rows import NewAction
from sendplan.model import Action, Objective
from sendplan.ratings import rating_key_for, rating_name
from sendplan.review_state import meant_for_review

_NEW = re.compile(r"^\s*(?:new(?:\s+action)?\s*[:\-–]\s*)", re.IGNORECASE)
_OBJECTIVE_REF = re.compile(r"^\s*(\d+\.\d+)")


def rating_word(text: str) -> str:
    """The rating typed in a RAG cell, without the "was Amber" line sendplan prints under it."""
    return " ".join(line for line in text.split("\n") if not line.strip().lower().startswith("was ")).strip()


class RowsAdded(Collector):
    """The part of the Word return reader that reads the rows an owner added."""

    placed_comments: set[tuple[int, int]]  # rows whose comments went with a proposed new action
    rows_seen: list[VisibleRow]  # every row of the document being read
    owner: str  # the owner a return was written for ("" for a review pack of several owners' actions)

    def rows_added(self, every: list[VisibleRow], places: dict[tuple[int, int], str], comments: list[Mark],
                   name: str) -> None:
        """Propose each row of the plan's tables that is no action's row (a row the owner added)."""
        self.placed_comments = set()
        self.rows_seen = every
        tables = {table for table, _ in places}
        known = {(r.table, r.row): r for r in every if (r.table, r.row) in places}
        for row in every:
            place = (row.table, row.row)
            if row.table not in tables or place in places:
                continue
            copied = next((r for r in known.values() if r.cells == row.cells), None)
            if copied is not None:
                self.result.notes.append(f"{name}: the row for {copied.ref} appears twice in the document; the copy "
                                         "was not used (it says nothing new).")
                continue
            notes = [f"Comment by {m.author}: {m.text}" for m in comments if (m.table, m.row) == place]
            self.placed_comments |= {place} if notes else set()
            self._row(row, places, notes, name)

    def _row(self, row: VisibleRow, places: dict[tuple[int, int], str], notes: list[str], name: str) -> None:
        above = self._neighbour(row, places, before=True)
        source = self._row_of(above, places, row.table)
        objective = self._objective(row, places)
        new = self._read_row(row, notes, source.cells if source else {}, objective)
        if not new.text:
            words = "; ".join(f"{title}: {text}" for title, text in row.cells.items() if text)
            if above is not None:
                self.add(above, "comment", "", f"words typed in a row of their own below it: “{clip(words, 300)}”",
                         f"From {name} (a row of its own): {words}", name, "")
            else:
                self.result.problems.append(f"{name}: words were typed in a row of their own at the top of a table "
                                            f"(“{clip(words, 300)}”); they belong to no action, so they were not used.")
            return
        if objective is None:
            self.result.problems.append(f"{name}: a row was added with the action “{clip(new.text, 200)}”, but which "
                                        "objective it belongs under cannot be told; add it in sendplan if it is "
                                        "needed.")
            return
        new.objective_id = objective.id
        self.new_action(new, name)

    def _read_row(self, row: VisibleRow, notes: list[str], copied_from: dict[str, str],
                  objective: Objective | None) -> NewAction:
        """The new action a row holds. Cells left as they were in the row it was copied from (Word's Insert Row
        copies the row above) are not the owner's words, except who and when; each filled cell is counted."""
        new = NewAction(objective_id="", text="", ref=row.ref if row.ref and row.ref != row.number else "")
        current = self.review.period.replace(" ", "") if self.review else None
        for title, text in row.cells.items():
            if not text:
                continue
            key, period = classify(title)
            start = self.cell_started()
            if key not in ("owner", "due") and text == copied_from.get(title):
                self.cell_done(start)  # copied with the row: as sendplan wrote it
                continue
            self.result.cells_read += 1
            self.result.cells_used += 1  # listed with the proposal
            if key == "action":
                new.text = _NEW.sub("", text[len(new.ref):] if new.ref and text.startswith(new.ref) else text)
                new.text = new.text.strip(" :-–—")
            elif key == "rag" and (found := rating_key_for(self.plan, rating_word(text))):
                new.rating, new.rating_name = found, rating_name(self.plan, found)
            elif key == "owner":
                new.owner = " ".join(text.split())
            elif key == "due":
                new.due = parse_due_lenient(text.split("\n")[-1])
            elif key in ("outcomes", "kpis"):
                setattr(new, key, text)
            elif key == "progress" and (period.replace(" ", "") == current or
                                        meant_for_review(self.plan, self.review, text)):
                new.progress = "\n".join(p for p in (new.progress, self.unlabelled(text)) if p)
            elif key == "objective" and objective is not None and " ".join(text.split()) == " ".join(
                    objective.text.split()):
                continue
            elif key != "action_no" or text not in (row.number, row.ref):
                notes.append(f"{title}: {text}")
        new.notes = "\n".join(notes)
        new.owner = new.owner or self.owner  # a row added to a return is its owner's unless it names another
        return new

    def _row_of(self, action: Action | None, places: dict[tuple[int, int], str], table: int) -> VisibleRow | None:
        """The row an action is shown in, in ``table``."""
        if action is None:
            return None
        return next((r for r in self.rows_seen if r.table == table and places.get((r.table, r.row)) == action.id),
                    None)

    def _neighbour(self, row: VisibleRow, places: dict[tuple[int, int], str], *, before: bool) -> Action | None:
        """The action of the nearest row above (or below) in the same table."""
        rows = sorted((r for t, r in places if t == row.table and (r < row.row if before else r > row.row)),
                      reverse=before)
        return self.ids.get(places[(row.table, rows[0])]) if rows else None

    def _objective(self, row: VisibleRow, places: dict[tuple[int, int], str]) -> Objective | None:
        """The objective a new row belongs under: the one its number or reference names, else the one of the
        action above it (or below it, at the top of a table)."""
        by_number = {" ".join(self.numbers.get(o.id, "").split()): o for a in self.plan.areas for o in a.objectives}
        for text in (row.number, (match[1] if (match := _OBJECTIVE_REF.match(row.ref)) else "")):
            found = by_number.get(" ".join(text.split())) if text else None
            if found is not None:
                return found
        neighbour = self._neighbour(row, places, before=True) or self._neighbour(row, places, before=False)
        if neighbour is None:
            return None
        return next((o for _, o, a in self.plan.iter_actions() if a is neighbour), None)

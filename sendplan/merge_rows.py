"""What owners add to a return beyond the cells they were asked to fill: new actions typed as rows of their own,
and words typed in the wrong cell, read the way the owner meant them.

:class:`NewAction` holds a row an owner added (with or without a reference) until the officer ticks it; it
becomes an :class:`~sendplan.model.Action` under the objective it was typed in. :func:`added_text` finds the
text typed onto a cell (whether it was meant for this review is :func:`sendplan.review_state.meant_for_review`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from sendplan.dates import DueValue
from sendplan.model import Action, DueDate, Plan, ProgressUpdate, Review


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


@dataclass
class NewAction:
    """An action an owner typed as a row of its own, proposed under an objective."""

    objective_id: str
    text: str
    ref: str = ""  # as written, when no other action under the objective has it
    owner: str = ""
    due: DueValue | None = None
    rating: str = ""  # a RAG key at the review the return is for
    rating_name: str = ""  # as the plan names it ("Amber")
    progress: str = ""
    outcomes: str = ""
    kpis: str = ""
    notes: str = ""  # every other cell, "Title: text"

    def action(self, plan: Plan, review: Review | None, today: date) -> Action:
        """The action to add (its reference the one written, else the next free one)."""
        taken = {a.ref for area in plan.areas for o in area.objectives if o.id == self.objective_id for a in o.actions}
        action = Action(text=self.text, owner=self.owner, outcomes=self.outcomes, kpis=self.kpis, notes=self.notes,
                        ref="" if self.ref in taken else self.ref,
                        due=DueDate(original=self.due) if self.due is not None else DueDate())
        if review is not None and self.rating:
            action.ratings[review.id] = self.rating
        if review is not None and self.progress:
            action.progress.append(ProgressUpdate(text=self.progress, review_id=review.id, added=today))
        return action

    def describe(self, plan: Plan | None = None) -> str:
        """“Set up a parent advisory panel” (By Whom: …; By When: …; …)."""
        taken = plan is not None and self.ref in {a.ref for area in plan.areas for o in area.objectives
                                                  if o.id == self.objective_id for a in o.actions}
        ref = f"{self.ref}, which another action has, so it takes the next free one" if taken else self.ref
        fields = (("ref", ref), ("By Whom", self.owner), ("By When", self.due.display("uk") if self.due else ""),
                  ("RAG", self.rating_name), ("progress", self.progress), ("outcomes", self.outcomes),
                  ("KPIs", self.kpis), ("also", self.notes.replace("\n", "; ")))
        parts = [f"{title}: {value}" for title, value in fields if value]
        return f"“{self.text}”" + (f" ({'; '.join(parts)})" if parts else "")

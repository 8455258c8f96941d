"""The draft journal: text being typed, kept on disk until the plan file holds it, and offered back after a crash.

Whatever is typed in an editor (a grid cell, review mode's boxes, a form field) is a :class:`Draft`: where it
goes (an entity and a field, or this review's progress), the text, and the value it started from; review mode's
draft also carries the rating chosen for this review and not yet saved. The app writes
the drafts to a small file in the user's data folder within a moment of each keystroke (:class:`Journal`), keeps
a committed draft until the save that holds it is on disk, and removes the file when every draft is saved or
discarded. On opening a plan, :func:`pending` gives the drafts the plan does not hold yet and
:func:`recovery_command` puts them back where they were typed, as one step that can be undone. No Qt here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from sendplan.atomic import atomic_write_bytes
from sendplan.backups import backup_folder
from sendplan.commands import AddItem, Command, CommandError, CommandGroup, ReviseDueDate, SetField, SetRag, locate
from sendplan.dates import DateParseError, parse_due
from sendplan.model import Plan, ProgressUpdate
from sendplan.paths import data_dir
from sendplan.review_state import updates_at

FORMAT = 1
MAX_JOURNAL_BYTES = 8 * 1024 * 1024  # a journal larger than this is not ours: it is left alone, unread
PROGRESS, DUE = "progress", "due"  # the two fields that are not plain text on an entity


@dataclass
class Draft:
    """Text typed into one editor: where it goes, what it says, and what the field held when typing began."""

    entity_id: str  # the action (or objective, area, plan…) it belongs to
    field: str  # a text field of that entity, PROGRESS (at ``review_id``) or DUE (the text of a new By When)
    label: str  # what the officer saw: "1.2 (a) update for the November 2026 review"
    text: str
    base: str = ""  # the field's value when typing began (a progress entry being edited, say)
    review_id: str = ""
    reason: str = ""  # with DUE: the reason typed for the new date
    committed: int = -1  # the session's edit count when it was saved to the plan (kept until that is on disk)
    rating: str = ""  # with PROGRESS: the RAG key chosen at ``review_id`` in review mode and not saved yet
    rating_name: str = ""  # that rating as the officer saw it ("Amber")

    @property
    def key(self) -> str:
        return f"{self.entity_id}/{self.field}/{self.review_id}"

    def describe(self, with_text: bool = True) -> str:
        """“1.2 (a) update for the November 2026 review: “…” and the rating Amber” (``with_text`` False: the
        rating alone, when the plan holds the text already)."""
        reason = f" (reason: {self.reason})" if self.reason else ""
        typed = f"“{self.text}”{reason}" if self.text.strip() and (with_text or not self.rating) else ""
        rated = f"the rating {self.rating_name or self.rating}" if self.rating else ""
        return f"{self.label}: {' and '.join(part for part in (typed, rated) if part)}"


def journal_path(plan_path: str | os.PathLike[str]) -> Path:
    """Where the drafts of the plan at ``plan_path`` are kept: the user's data folder, beside its backups."""
    return data_dir() / "drafts" / f"{backup_folder(plan_path).name}.json"


def read_drafts(plan_path: str | os.PathLike[str], plan_id: str) -> list[Draft]:
    """The drafts left for this plan ([] when there are none, or the journal is damaged or another plan's)."""
    path = journal_path(plan_path)
    try:
        if path.stat().st_size > MAX_JOURNAL_BYTES:
            return []
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, dict) or data.get("plan_id") != plan_id or not isinstance(data.get("drafts"), list):
        return []
    names = {f.name for f in fields(Draft)}
    found = []
    for item in data["drafts"]:
        if isinstance(item, dict) and set(item) <= names and all(isinstance(v, (str, int)) for v in item.values()):
            try:
                found.append(Draft(**item))
            except TypeError:
                continue
    return found


def write_drafts(plan_path: str | os.PathLike[str], plan_id: str, drafts: list[Draft]) -> None:
    """Keep ``drafts`` for the plan (removing the journal when there are none). Not fsynced: a journal outlives
    the program being killed, which is what it is for, and must never slow typing down."""
    path = journal_path(plan_path)
    if not drafts:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "plan": os.path.abspath(plan_path), "plan_id": plan_id,
            "drafts": [asdict(d) for d in drafts]}
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"), durable=False)


def _current(plan: Plan, draft: Draft) -> str | None:
    """What the plan holds where the draft goes (None when that place is gone)."""
    try:
        entity = locate(plan, draft.entity_id).entity
    except CommandError:
        return None
    if draft.field == PROGRESS:
        review = plan.review(draft.review_id)
        entries = updates_at(entity, review) if review is not None and hasattr(entity, "progress") else None
        if entries is None:
            return None
        return next((u.text for u in entries if u.text.strip() == draft.text.strip()), entries[-1].text
                    if entries else "")
    if draft.field == DUE:
        due = getattr(entity, "due", None)
        return due.current.display("uk") if due is not None and due.current is not None else ""
    value = getattr(entity, draft.field, None)
    if isinstance(value, tuple):
        return "\n".join(value)
    return value if isinstance(value, str) else None


def _text_pending(draft: Draft, current: str) -> bool:
    """True when the draft's text is not what the plan holds where it goes (``current``)."""
    if not draft.text.strip():
        return False
    if draft.field == DUE:
        try:
            return parse_due(draft.text).display("uk") != current
        except DateParseError:
            return draft.text != current
    return current.strip() != draft.text.strip()


def _rating_pending(plan: Plan, draft: Draft) -> bool:
    """True when the draft chose a rating on the plan's scale that the action does not have at its review."""
    if draft.field != PROGRESS or not draft.rating or plan.rag_level(draft.rating) is None:
        return False
    ratings = getattr(locate(plan, draft.entity_id).entity, "ratings", None)
    return isinstance(ratings, dict) and ratings.get(draft.review_id, "") != draft.rating


def offered(plan: Plan, draft: Draft) -> str:
    """A pending draft as the recovery box lists it: what the plan does not hold of it."""
    return draft.describe(with_text=_text_pending(draft, _current(plan, draft) or ""))


def pending(plan: Plan, drafts: list[Draft]) -> list[Draft]:
    """The drafts the plan does not hold yet (their text, or the rating chosen with it), and which still have a
    place to go."""
    found = []
    for draft in drafts:
        current = _current(plan, draft)
        if current is not None and (_text_pending(draft, current) or _rating_pending(plan, draft)):
            found.append(draft)
    return found


def _progress_commands(plan: Plan, draft: Draft, today: date) -> list[Command]:
    """This review's progress typed in the draft, and the rating chosen with it, as far as the plan lacks them."""
    entity = locate(plan, draft.entity_id).entity
    commands: list[Command] = []
    if _text_pending(draft, _current(plan, draft) or ""):
        entries = updates_at(entity, plan.review(draft.review_id))
        editing = next((u for u in entries if draft.base and u.text == draft.base), None)
        if editing is not None:
            commands.append(SetField(plan, editing.id, "text", draft.text, label="Recover typed progress"))
        else:
            update = ProgressUpdate(text=draft.text, review_id=draft.review_id, added=today)
            commands.append(AddItem(plan, entity.id, "progress", update, label="Recover typed progress"))
    if _rating_pending(plan, draft):
        commands.append(SetRag(plan, entity.id, draft.review_id, draft.rating))
    return commands


def _command(plan: Plan, draft: Draft, today: date) -> Command | None:
    entity = locate(plan, draft.entity_id).entity
    if draft.field == PROGRESS:
        commands = _progress_commands(plan, draft, today)
        if len(commands) < 2:
            return commands[0] if commands else None
        return CommandGroup("Recover typed progress and rating", commands)
    if draft.field == DUE:
        try:
            value = parse_due(draft.text)
        except DateParseError:
            return SetField(plan, entity.id, "notes", f"{entity.notes}\nBy When typed before sendplan closed: "
                            f"{draft.text} {draft.reason}".strip())
        return ReviseDueDate(plan, entity.id, value, draft.reason or "Typed before sendplan closed", revised_on=today)
    value: Any = draft.text
    if isinstance(getattr(entity, draft.field), tuple):
        value = tuple(line.strip() for line in draft.text.split("\n") if line.strip())
    return SetField(plan, entity.id, draft.field, value, label="Recover typed text")


def recovery_command(plan: Plan, drafts: list[Draft], today: date | None = None) -> Command | None:
    """Put every pending draft back where it was typed, as one step that can be undone (None for none)."""
    from sendplan.merge import ApplyInOrder  # noqa: PLC0415  (merging is loaded only when something is recovered)

    chosen = pending(plan, drafts)
    if not chosen:
        return None
    day = today or date.today()
    builders = [lambda p, d=d: _command(p, d, day) for d in chosen]
    texts = sum(1 for d in chosen if _text_pending(d, _current(plan, d) or ""))
    ratings = sum(1 for d in chosen if _rating_pending(plan, d))
    said = ["text" if texts == 1 else f"{texts} pieces of text" if texts else "",
            "a rating" if ratings == 1 else f"{ratings} ratings" if ratings else ""]
    return ApplyInOrder(f"Recover {' and '.join(s for s in said if s)} typed before sendplan closed", builders)

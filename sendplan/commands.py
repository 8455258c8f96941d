"""Every edit a user can make, as a command with a readable label, ``apply`` and ``revert``.

Commands are built against the plan as it is (so labels use today's numbering) and mutate it in
place. ``apply`` and ``revert`` return a :class:`Change` naming the ids and fields touched, which
the UI turns into precise model signals. Applying then reverting any sequence, in reverse order,
restores the plan exactly (a property test checks this).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendplan.changes import Change
from sendplan.codec import entity_fields
from sendplan.dates import DueValue
from sendplan.model import (
    CHILDREN,
    Action,
    Area,
    DueDate,
    GlossaryEntry,
    Measure,
    Member,
    Objective,
    Plan,
    ProgressUpdate,
    RagLevel,
    Review,
    Section,
    Signatory,
    Workstream,
)
from sendplan.refs import STYLES, next_ref, renumber_changes
from sendplan.text import clean_text


class CommandError(ValueError):
    """The edit cannot be made (unknown id, wrong field, value of the wrong kind)."""


FIELD_LABELS = {
    "text": "text", "owner": "By Whom", "outcomes": "intended outcomes", "kpis": "KPIs",
    "evidence": "evidence", "notes": "notes", "due": "By When", "wording": "wording",
    "title": "title", "label": "label", "short_label": "short label", "day": "date",
    "colour": "colour", "period": "reporting period", "body": "text", "term": "term",
    "meaning": "meaning", "name": "name", "organisation": "organisation", "role": "role",
    "descriptor": "descriptor", "protective_marking": "protective marking",
    "local_area": "local area", "plan_date": "plan date", "workstream_id": "workstream",
    "review_id": "review", "baseline": "baseline", "target": "target", "actuals": "actual values",
    "ref": "reference", "numbering": "numbering style", "require_date_reason": "date reason rule",
    "responsible_body": "responsible body", "extra": "details", "area_term": "word for an area",
}


@dataclass(frozen=True)
class Location:
    """Where an entity sits: its parent, the parent's collection attribute, and the index."""

    entity: Any
    parent: Any
    collection: str
    index: int


_FOUND: dict[str, Location] = {}  # where entities were last found; checked before each use, so never stale


def _still_there(plan: Plan, where: Location) -> bool:
    """``where`` is still true: the entity sits at that index, under a parent that is still in ``plan``."""
    for _ in range(8):
        items = getattr(where.parent, where.collection)
        if where.index >= len(items) or items[where.index] is not where.entity:
            return False
        if where.parent is plan:
            return True
        above = _FOUND.get(where.parent.id)
        if above is None or above.entity is not where.parent:
            return False
        where = above
    return False


def locate(plan: Plan, entity_id: str) -> Location:
    """Find any entity (or the plan itself) by id. Raises :class:`CommandError` when absent.

    The last place each entity was found is remembered and checked (up to the plan) before it is
    trusted, so a review day's thousands of edits do not each search the whole plan."""
    if entity_id == plan.id:
        return Location(plan, None, "", -1)
    known = _FOUND.get(entity_id)
    if known is not None and _still_there(plan, known):
        return known
    if len(_FOUND) > 50_000:
        _FOUND.clear()
    stack: list[Any] = [plan]
    while stack:
        parent = stack.pop()
        for attribute in CHILDREN.get(type(parent), {}):
            for index, item in enumerate(getattr(parent, attribute)):
                if item.id == entity_id:
                    found = _FOUND[entity_id] = Location(item, parent, attribute, index)
                    return found
                if type(item) in CHILDREN:  # areas, objectives, actions: remembered on the way past
                    _FOUND[item.id] = Location(item, parent, attribute, index)
                    stack.append(item)
    raise CommandError(f"nothing with id {entity_id} is in the plan")


def describe(entity: Any, parent: Any = None, *, with_kind: bool = False) -> str:
    """A short human name for an entity in command labels: "1.2 (b)" for an action ("action
    1.2 (b)" with ``with_kind``), "objective 1.2", "glossary term “EHCP”", "progress on 1.2 (b)" (a
    progress update is named by its ``parent``). Only the entity and its parent are read, never the
    whole plan: references are stored data."""
    if isinstance(entity, (Area, Objective, Action)):
        kind = {Area: "area", Objective: "objective", Action: "action" if with_kind else ""}[type(entity)]
        return f"{kind} {entity.ref}".strip() if entity.ref else f"new {kind or 'action'}"
    if isinstance(entity, Plan):
        return "the plan"
    if isinstance(entity, ProgressUpdate):
        return f"progress on {parent.ref}".strip() if isinstance(parent, Action) else "progress update"
    names = {Review: ("review", "label"), GlossaryEntry: ("glossary term", "term"),
             Member: ("member", "name"), Section: ("section", "title"),
             Workstream: ("workstream", "name"), Signatory: ("signatory", "name"),
             RagLevel: ("RAG rating", "name"), Measure: ("measure", "name")}
    kind, attribute = names[type(entity)]
    name = getattr(entity, attribute)
    return f"{kind} “{_short(name)}”" if name else kind


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_value(hint: Any, value: Any, name: str) -> Any:
    """Validate and clean a value for a field of the given type hint."""
    origin = typing.get_origin(hint)
    if hint is str:
        if not isinstance(value, str):
            raise CommandError(f"{name} must be text")
        return clean_text(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise CommandError(f"{name} must be true or false")
        return value
    if hint == date | None:
        if value is not None and not isinstance(value, date):
            raise CommandError(f"{name} must be a date or empty")
        return value
    if hint is DueDate:
        if not isinstance(value, DueDate):
            raise CommandError(f"{name} must be a due date")
        return value
    if origin is tuple:
        if not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
            raise CommandError(f"{name} must be a list of text")
        return tuple(clean_text(v) for v in value)
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise CommandError(f"{name} must map names to text")
        return {str(k): clean_text(v) for k, v in value.items()}
    raise CommandError(f"{name} cannot be set directly")


def clean_entity(entity: Any) -> Any:
    """Clean every text field of a new entity (and its children) in place; returns it."""
    for name, hint in entity_fields(type(entity)):
        value = getattr(entity, name)
        if typing.get_origin(hint) is list:
            for child in value:
                clean_entity(child)
        elif name != "id":
            setattr(entity, name, _check_value(hint, value, name))
    return entity


class Command:
    """Base class. Subclasses set ``label`` in ``__init__`` and implement ``apply``/``revert``."""

    label: str = ""

    def apply(self, plan: Plan) -> Change:
        raise NotImplementedError

    def revert(self, plan: Plan) -> Change:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label!r}>"


class SetField(Command):
    """Set one field of any entity (or of the plan's front matter)."""

    def __init__(self, plan: Plan, entity_id: str, field_name: str, value: Any, *,
                 label: str | None = None) -> None:
        where = locate(plan, entity_id)
        entity = where.entity
        hints = dict(entity_fields(type(entity)))
        if field_name not in hints or field_name == "id" or typing.get_origin(hints[field_name]) is list:
            raise CommandError(f"{type(entity).__name__} has no settable field '{field_name}'")
        if field_name == "numbering" and value not in STYLES:
            raise CommandError(f"'{value}' is not a numbering style")
        self.entity_id = entity_id
        self.field_name = field_name
        self.value = _check_value(hints[field_name], value, field_name)
        self.old: Any = None
        what = FIELD_LABELS.get(field_name, field_name.replace("_", " "))
        self.label = label if label is not None else f"Change {what} of {describe(entity, where.parent)}"

    def apply(self, plan: Plan) -> Change:
        entity = locate(plan, self.entity_id).entity
        self.old = getattr(entity, self.field_name)
        setattr(entity, self.field_name, self.value)
        return Change.edit(self.entity_id, self.field_name)

    def revert(self, plan: Plan) -> Change:
        setattr(locate(plan, self.entity_id).entity, self.field_name, self.old)
        return Change.edit(self.entity_id, self.field_name)


class SetRag(Command):
    """Rate an action at one review (``key`` "" removes the rating)."""

    def __init__(self, plan: Plan, action_id: str, review_id: str, key: str) -> None:
        action = locate(plan, action_id).entity
        review = locate(plan, review_id).entity
        if not isinstance(action, Action) or not isinstance(review, Review):
            raise CommandError("a RAG rating needs an action and a review")
        level = plan.rag_level(key) if key else None
        if key and level is None:
            raise CommandError(f"'{key}' is not on this plan's RAG scale")
        self.action_id, self.review_id, self.key = action_id, review_id, key
        self.old: str | None = None
        target = describe(action)
        self.label = (f"Change RAG of {target} to {level.name}" if level
                      else f"Clear RAG of {target}")
        if review.label and review is not plan.latest_review():
            self.label += f" at {review.label}"

    def _set(self, plan: Plan, key: str | None) -> Change:
        action = locate(plan, self.action_id).entity
        if key:
            action.ratings[self.review_id] = key
        else:
            action.ratings.pop(self.review_id, None)
        return Change.edit(self.action_id, "ratings")

    def apply(self, plan: Plan) -> Change:
        self.old = locate(plan, self.action_id).entity.ratings.get(self.review_id)
        return self._set(plan, self.key)

    def revert(self, plan: Plan) -> Change:
        return self._set(plan, self.old)


class ReviseDueDate(SetField):
    """Change an action's due date, keeping the old one visible with the reason for the change."""

    def __init__(self, plan: Plan, action_id: str, value: DueValue, reason: str, *,
                 revised_on: date | None = None) -> None:
        action = locate(plan, action_id).entity
        if not isinstance(action, Action):
            raise CommandError("only an action has a due date")
        due = action.due.revised(value, clean_text(reason), revised_on or date.today())
        verb = "Revise" if action.due.original is not None else "Set"
        super().__init__(plan, action_id, "due", due,
                         label=f"{verb} By When of {describe(action)} to {value.display('uk')}")


class AddItem(Command):
    """Insert a new entity into a collection (``parent_id`` None or the plan's id for plan lists)."""

    def __init__(self, plan: Plan, parent_id: str | None, collection: str, item: Any,
                 index: int | None = None, *, label: str | None = None) -> None:
        parent = locate(plan, parent_id or plan.id).entity
        expected = CHILDREN.get(type(parent), {}).get(collection)
        if expected is None or not isinstance(item, expected):
            raise CommandError(f"cannot add a {type(item).__name__} to '{collection}'")
        items = getattr(parent, collection)
        self.parent_id = parent.id
        self.collection = collection
        self.item = clean_entity(item)
        self.index = len(items) if index is None else max(0, min(index, len(items)))
        items.insert(self.index, item)  # number it where it will be, then take it out again
        try:
            _give_refs(plan, parent, item)
            self.label = label if label is not None else f"Add {describe(item, parent, with_kind=True)}"
        finally:
            items.pop(self.index)

    def apply(self, plan: Plan) -> Change:
        getattr(locate(plan, self.parent_id).entity, self.collection).insert(self.index, self.item)
        return Change.inserted(self.collection, self.parent_id, self.index, self.item)

    def revert(self, plan: Plan) -> Change:
        items = getattr(locate(plan, self.parent_id).entity, self.collection)
        del items[self.index]
        return Change.removed(self.collection, self.parent_id, self.index, self.item)


def _give_refs(plan: Plan, parent: Any, item: Any) -> None:
    """Give a new area, objective or action (and its new children) the next free reference when
    it has none; a reference it already carries (an import, a paste) is kept."""
    if isinstance(item, (Area, Objective, Action)) and not item.ref:
        item.ref = next_ref(plan, parent)
    children = item.objectives if isinstance(item, Area) else item.actions if isinstance(item, Objective) else []
    for child in children:
        _give_refs(plan, item, child)


class DeleteItem(Command):
    """Remove an entity; the others keep their references (a gap is left, never renumbered).
    Deleting a review or workstream also clears references to it (undone too)."""

    def __init__(self, plan: Plan, item_id: str, *, label: str | None = None) -> None:
        where = locate(plan, item_id)
        if where.parent is None:
            raise CommandError("the plan itself cannot be deleted")
        if isinstance(where.entity, RagLevel):
            used = sum(1 for _, _, a in plan.iter_actions() for k in a.ratings.values()
                       if k == where.entity.key)
            if used:
                raise CommandError(f"{where.entity.name} is used by {used} ratings; change those "
                                   "ratings before removing it from the scale")
        self.item_id = item_id
        self.label = label if label is not None else f"Delete {describe(where.entity, where.parent, with_kind=True)}"
        self.location: Location | None = None
        self.detached: list[Command] = []

    def _reference_cleanup(self, plan: Plan, entity: Any) -> list[Command]:
        commands: list[Command] = []
        if isinstance(entity, Review):
            for _, _, action in plan.iter_actions():
                if entity.id in action.ratings:
                    ratings = {k: v for k, v in action.ratings.items() if k != entity.id}
                    commands.append(SetField(plan, action.id, "ratings", ratings, label=""))
                for update in action.progress:
                    if update.review_id == entity.id:
                        commands.append(SetField(plan, update.id, "review_id", "", label=""))
                for measure in action.measures:
                    if entity.id in measure.actuals:
                        actuals = {k: v for k, v in measure.actuals.items() if k != entity.id}
                        commands.append(SetField(plan, measure.id, "actuals", actuals, label=""))
        elif isinstance(entity, Workstream):
            holders: list[Member | Action] = [*plan.members, *(a for _, _, a in plan.iter_actions())]
            for holder in holders:
                if holder.workstream_id == entity.id:
                    commands.append(SetField(plan, holder.id, "workstream_id", "", label=""))
        return commands

    def apply(self, plan: Plan) -> Change:
        where = locate(plan, self.item_id)
        self.detached = self._reference_cleanup(plan, where.entity)
        change = Change()
        for command in self.detached:
            change |= command.apply(plan)
        del getattr(where.parent, where.collection)[where.index]
        self.location = where
        return change | Change.removed(where.collection, where.parent.id, where.index, where.entity)

    def revert(self, plan: Plan) -> Change:
        where = self.location
        assert where is not None, "revert before apply"
        getattr(locate(plan, where.parent.id).entity, where.collection).insert(where.index, where.entity)
        change = Change.inserted(where.collection, where.parent.id, where.index, where.entity)
        for command in reversed(self.detached):
            change |= command.revert(plan)
        return change


class MoveItem(Command):
    """Move an entity within its collection or to another parent of the same kind; it keeps its
    reference (renumbering is the explicit :class:`Renumber` command)."""

    def __init__(self, plan: Plan, item_id: str, index: int, *, new_parent_id: str | None = None,
                 label: str | None = None) -> None:
        where = locate(plan, item_id)
        if where.parent is None:
            raise CommandError("the plan itself cannot be moved")
        target = locate(plan, new_parent_id).entity if new_parent_id else where.parent
        if type(target) is not type(where.parent):
            raise CommandError(f"a {type(where.entity).__name__} cannot be moved there")
        size = len(getattr(target, where.collection)) - (1 if target is where.parent else 0)
        self.item_id = item_id
        self.new_parent_id = target.id
        self.index = max(0, min(index, size))
        self.label = label if label is not None else f"Move {describe(where.entity, where.parent, with_kind=True)}"
        self.origin: Location | None = None

    def apply(self, plan: Plan) -> Change:
        where = locate(plan, self.item_id)
        self.origin = where
        del getattr(where.parent, where.collection)[where.index]
        target = locate(plan, self.new_parent_id).entity
        getattr(target, where.collection).insert(self.index, where.entity)
        return Change.moved(where.collection, where.parent.id, where.index, where.entity, target.id, self.index)

    def revert(self, plan: Plan) -> Change:
        origin = self.origin
        assert origin is not None, "revert before apply"
        target = locate(plan, self.new_parent_id).entity
        del getattr(target, origin.collection)[self.index]
        getattr(locate(plan, origin.parent.id).entity, origin.collection).insert(origin.index,
                                                                                 origin.entity)
        return Change.moved(origin.collection, target.id, self.index, origin.entity, origin.parent.id, origin.index)


class CommandGroup(Command):
    """Several commands applied as one undoable step (e.g. "Apply 14 changes from returns")."""

    def __init__(self, label: str, commands: list[Command]) -> None:
        self.label = label
        self.commands = list(commands)

    def apply(self, plan: Plan) -> Change:
        change = Change()
        for command in self.commands:
            change |= command.apply(plan)
        return change

    def revert(self, plan: Plan) -> Change:
        change = Change()
        for command in reversed(self.commands):
            change |= command.revert(plan)
        return change


class StartReview(CommandGroup):
    """Add a review to the plan and, when asked, start every rated action at its current rating there:
    one undoable step, "Start the December 2026 review"."""

    def __init__(self, plan: Plan, review: Review, *, carry_ratings: bool) -> None:
        add = AddItem(plan, None, "reviews", review)
        add.apply(plan)  # each rating is built against the plan with the review in it
        try:
            carried: list[Command] = [SetRag(plan, a.id, review.id, plan.current_rating(a))
                                      for _, _, a in plan.iter_actions() if carry_ratings and plan.current_rating(a)]
        finally:
            add.revert(plan)
        super().__init__(f"Start the {review.label}", [add, *carried])


class Renumber(CommandGroup):
    """Number by position again, for the whole plan (optionally in a new style) or one area: one
    undoable step. ``changes`` lists what it changes ("4.2 → 4.1"), for the preview."""

    def __init__(self, plan: Plan, area_id: str | None = None, style: str | None = None) -> None:
        if style is not None and style not in STYLES:
            raise CommandError(f"'{style}' is not a numbering style")
        area = locate(plan, area_id).entity if area_id else None
        if area_id and not isinstance(area, Area):
            raise CommandError("only the whole plan or one area can be renumbered")
        self.changes = renumber_changes(plan, area_id, style)
        commands: list[Command] = [SetField(plan, c.id, "ref", c.new, label="") for c in self.changes]
        if area is None and style is not None and style != plan.numbering:
            commands.append(SetField(plan, plan.id, "numbering", style, label=""))
        super().__init__(f"Renumber area {area.ref}" if area is not None else "Renumber the plan",
                         commands)


class History:
    """A plain undo/redo stack over one plan, for the CLI and tests (the app uses QUndoStack)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def push(self, command: Command) -> Change:
        change = command.apply(self.plan)
        self.done.append(command)
        self.undone.clear()
        return change

    def undo(self) -> Change:
        command = self.done.pop()
        self.undone.append(command)
        return command.revert(self.plan)

    def redo(self) -> Change:
        command = self.undone.pop()
        self.done.append(command)
        return command.apply(self.plan)

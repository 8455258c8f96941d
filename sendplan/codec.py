"""Turn a :class:`~sendplan.model.Plan` into TinyDB tables and back, validating every field.

Layout of a plan file (a normal TinyDB database, so ``TinyDB(path)`` can read it)::

    plan        one document: front matter, schema_version, signatories, rag_scale
    sections, areas, reviews, workstreams, members, glossary   ordered by "position"
    objectives  each with "area_id";  actions with "objective_id";  progress with "action_id"

Every document carries our UUID in ``id``; TinyDB's integer keys are only row numbers.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from typing import Any

from sendplan import model
from sendplan.dates import DueValue
from sendplan.model import (
    CHILDREN,
    Action,
    Area,
    DateRevision,
    DueDate,
    Plan,
    iter_children,
)
from sendplan.text import clean_text

FORMAT_NAME = "sendplan"
SCHEMA_VERSION = 5
MAX_FIELD = 2_000_000  # characters in one text field: a plan's longest is a few thousand
MAX_ID = 200

# The tree itself is described once, in model.CHILDREN. The codec only chooses where each collection
# is stored: these stay inside their parent's document; every other collection gets its own table,
# ordered by "position" (and, below the plan, pointing at its parent with "<parent>_id").
EMBEDDED: dict[type, frozenset[str]] = {Plan: frozenset({"signatories", "rag_scale"}),
                                        Action: frozenset({"measures"})}


def tabled(cls: type) -> dict[str, type]:
    """The child collections of ``cls`` that have a table of their own."""
    return {name: item for name, item in CHILDREN.get(cls, {}).items()
            if name not in EMBEDDED.get(cls, frozenset())}


# Table name → (attribute, entity class), for the top-level ordered lists of the plan.
PLAN_LISTS: dict[str, tuple[str, type]] = {name: (name, cls) for name, cls in tabled(Plan).items()}


def _child_tables() -> dict[str, tuple[type, str, str]]:
    """table → (entity class, parent key, attribute of the parent), from the areas downwards."""
    tables: dict[str, tuple[type, str, str]] = {}
    parents = [Area]
    while parents:
        parent = parents.pop(0)
        for name, cls in tabled(parent).items():
            tables[name] = (cls, f"{parent.__name__.lower()}_id", name)
            parents.append(cls)
    return tables


CHILD_TABLES = _child_tables()
FLATTENED = frozenset(PLAN_LISTS) | frozenset(CHILD_TABLES)
ALL_TABLES = ("plan", *PLAN_LISTS, *CHILD_TABLES)


class PlanFormatError(ValueError):
    """The data is not a valid plan; the message says where and what, in plain words."""


# ---------------------------------------------------------------------------------------------
# Field kinds


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def entity_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of each dataclass field of an entity class, cached."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, vars(model))
        found = _FIELDS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _describe(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _encode_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, DueValue):
        return value.to_dict()
    if isinstance(value, DueDate):
        return {
            "original": value.original.to_dict() if value.original else None,
            "revisions": [
                {"value": rev.value.to_dict(), "reason": rev.reason,
                 "revised_on": rev.revised_on.isoformat() if rev.revised_on else None}
                for rev in value.revisions
            ],
        }
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def encode_entity(entity: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """An entity as a JSON-ready dict; nested entity lists are embedded unless in ``skip``."""
    doc: dict[str, Any] = {}
    for name, _hint in entity_fields(type(entity)):
        if name in skip:
            continue
        value = getattr(entity, name)
        kind = type(value)
        if kind is str or kind is bool or value is None:  # most fields: stored as they are
            doc[name] = value
        elif isinstance(value, list):
            doc[name] = [encode_entity(item) for item in value]
        else:
            doc[name] = _encode_value(value)
    return doc


_OPTIONAL_DATE = date | None
_ORIGINS: dict[Any, Any] = {}


def _origin(hint: Any) -> Any:
    """typing.get_origin of a field's type, looked up once per type."""
    found = _ORIGINS[hint] = typing.get_origin(hint) or type(None)  # never None, so the cache can tell
    return found


class _Decoder:
    """Builds entities from documents, raising :class:`PlanFormatError` with a readable location."""

    def __init__(self, cleaned: list[str] | None = None) -> None:
        self.where = ""
        self.cleaned = cleaned if cleaned is not None else []  # where characters a plan cannot keep were removed

    def fail(self, problem: str) -> typing.NoReturn:
        raise PlanFormatError(f"{self.where}: {problem}" if self.where else problem)

    def text(self, value: Any, name: str) -> str:
        if not isinstance(value, str):
            self.fail(f"field '{name}' should be text but is {_describe(value)}")
        if len(value) > MAX_FIELD:
            self.fail(f"field '{name}' holds {len(value):,} characters, far more than any plan's (the limit is "
                      f"{MAX_FIELD:,})")
        text = clean_text(value)
        if text != value and text != value.replace("\r\n", "\n").replace("\r", "\n"):
            self.cleaned.append(f"{self.where}, {name}" if self.where else name)
        return text

    def day(self, value: Any, name: str) -> date | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(f"field '{name}' should be a date but is {_describe(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"field '{name}' holds '{value[:40]}', which is not a date (YYYY-MM-DD)")

    def due_value(self, value: Any, name: str) -> DueValue:
        if not isinstance(value, dict):
            self.fail(f"field '{name}' should be a due date object but is {_describe(value)}")
        precision = value.get("precision", "day")
        if precision not in ("day", "month", "text"):
            self.fail(f"field '{name}' has an unknown precision '{str(precision)[:40]}'")
        day = self.day(value.get("date"), name)
        text = self.text(value.get("text", ""), name)
        if precision != "text" and day is None:
            self.fail(f"field '{name}' is a date without a day")
        return DueValue(day=day, precision=precision, text=text)

    def due(self, value: Any, name: str) -> DueDate:
        if not isinstance(value, dict) or not isinstance(value.get("revisions", []), list):
            self.fail(f"field '{name}' should be a due date object but is {_describe(value)}")
        original = value.get("original")
        revisions = []
        for rev in value.get("revisions", []):
            if not isinstance(rev, dict):
                self.fail(f"a revision of '{name}' is {_describe(rev)}, not an object")
            revisions.append(DateRevision(
                value=self.due_value(rev.get("value"), f"{name}.revisions.value"),
                reason=self.text(rev.get("reason", ""), f"{name}.revisions.reason"),
                revised_on=self.day(rev.get("revised_on"), f"{name}.revisions.revised_on"),
            ))
        return DueDate(
            original=self.due_value(original, f"{name}.original") if original is not None else None,
            revisions=tuple(revisions),
        )

    def value(self, raw: Any, name: str, hint: Any) -> Any:
        if hint is str:
            return self.text(raw, name)
        origin = _ORIGINS.get(hint) or _origin(hint)
        if hint is bool:
            if not isinstance(raw, bool):
                self.fail(f"field '{name}' should be true or false but is {_describe(raw)}")
            return raw
        if hint == _OPTIONAL_DATE:
            return self.day(raw, name)
        if hint is DueDate:
            return self.due(raw, name)
        if origin is tuple:
            if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
                self.fail(f"field '{name}' should be a list of text but is {_describe(raw)}")
            return tuple(self.text(item, name) for item in raw)
        if origin is dict:
            if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
                self.fail(f"field '{name}' should map names to text but is {_describe(raw)}")
            return {self.text(str(k), name): self.text(v, name) for k, v in raw.items()}
        if origin is list:
            (item_cls,) = typing.get_args(hint)
            if not isinstance(raw, list):
                self.fail(f"field '{name}' should be a list but is {_describe(raw)}")
            outer = self.where
            items = []
            for index, item in enumerate(raw, start=1):
                self.where = f"{outer}, {name} item {index}"
                items.append(self.entity(item_cls, item))
            self.where = outer
            return items
        raise AssertionError(f"unhandled field type {hint!r}")  # a programming error, not bad data

    def entity(self, cls: type, doc: Any, *, skip: frozenset[str] = frozenset()) -> Any:
        if not isinstance(doc, dict):
            self.fail(f"expected an object but found {_describe(doc)}")
        values = {}
        for name, hint in entity_fields(cls):
            if name in skip:
                continue
            if name not in doc:
                self.fail(f"required field '{name}' is missing")
            raw = doc[name]
            if hint is str and raw.__class__ is str and len(raw) <= MAX_FIELD and raw.isprintable():
                values[name] = raw  # most fields: text with nothing to clean (checked at C speed)
            else:
                values[name] = self.value(raw, name, hint)
        if not values.get("id"):
            self.fail("the 'id' field is empty")
        if len(values["id"]) > MAX_ID:
            self.fail(f"the 'id' field holds {len(values['id']):,} characters, not an id")
        return cls(**values)


# ---------------------------------------------------------------------------------------------
# Plan ⇄ tables


def _rows(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def plan_to_tables(plan: Plan, *, app_version: str = "") -> dict[str, dict[str, dict[str, Any]]]:
    """The whole plan as TinyDB's on-disk structure: ``{table: {"1": doc, …}}``."""
    return {table: _rows(list(documents)) for table, documents in table_documents(plan, app_version=app_version)}


Documents = typing.Iterator[dict[str, Any]]


def table_documents(plan: Plan, *, app_version: str = "") -> typing.Iterator[tuple[str, Documents]]:
    """Each table's name and its documents in order, made one at a time as they are read (a writer
    can stream the plan without holding it twice): what :func:`plan_to_tables` holds, table by table."""
    head = encode_entity(plan, skip=FLATTENED)
    head.update(format=FORMAT_NAME, schema_version=SCHEMA_VERSION, app_version=app_version)
    yield "plan", iter([head])
    level: dict[type, list[Any]] = {}
    for table, (attribute, cls) in PLAN_LISTS.items():
        items = getattr(plan, attribute)
        level[cls] = items
        yield table, _documents(items, frozenset(tabled(cls)), "", "")
    for table, (cls, parent_key, attribute) in CHILD_TABLES.items():
        parents = next(items for parent, items in level.items() if attribute in tabled(parent))
        level[cls] = [item for parent in parents for item in getattr(parent, attribute)]
        yield table, (document for parent in parents for document in _documents(
            getattr(parent, attribute), frozenset(tabled(cls)), parent_key, parent.id))


def _documents(items: list[Any], skip: frozenset[str], parent_key: str, parent_id: str) -> Documents:
    for position, item in enumerate(items):
        document = encode_entity(item, skip=skip)
        if parent_key:
            document[parent_key] = parent_id
        document["position"] = position
        yield document


def _table(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise PlanFormatError(f"the '{name}' table is {_describe(raw)}, not a table of documents")
    docs = list(raw.values())
    for number, doc in enumerate(docs, start=1):
        if not isinstance(doc, dict):
            raise PlanFormatError(f"{name} document {number} is {_describe(doc)}, not an object")
        if not isinstance(doc.get("position", 0), int):
            raise PlanFormatError(f"{name} document {number}: field 'position' should be a whole number")
    return sorted(docs, key=lambda d: d.get("position", 0))


def plan_head(data: dict[str, Any]) -> dict[str, Any]:
    """The single document of the ``plan`` table, or a :class:`PlanFormatError` saying why not."""
    table = data.get("plan")
    if not isinstance(table, dict) or len(table) != 1:
        raise PlanFormatError("it has no 'plan' table with exactly one document")
    (head,) = table.values()
    if not isinstance(head, dict) or head.get("format") != FORMAT_NAME:
        raise PlanFormatError("its 'plan' document is not marked as a sendplan plan")
    return head


def tables_to_plan(data: dict[str, Any], *, cleaned: list[str] | None = None) -> Plan:
    """Rebuild a plan from TinyDB tables (already upgraded to :data:`SCHEMA_VERSION`). Where characters a plan
    cannot keep (control characters, broken Unicode) were removed from a text is added to ``cleaned``."""
    decoder = _Decoder(cleaned)
    head = plan_head(data)
    decoder.where = "the plan document"
    plan: Plan = decoder.entity(Plan, head, skip=frozenset(FLATTENED))
    for table, (attribute, cls) in PLAN_LISTS.items():
        items = []
        for number, doc in enumerate(_table(data, table), start=1):
            decoder.where = f"{table} document {number}"
            item = decoder.entity(cls, doc, skip=frozenset(tabled(cls)))
            for name in tabled(cls):
                setattr(item, name, [])
            items.append(item)
        setattr(plan, attribute, items)
    parents: dict[str, Any] = {area.id: area for area in plan.areas}
    for table, (cls, parent_key, attribute) in CHILD_TABLES.items():
        found: dict[str, Any] = {}
        own_tables = frozenset(tabled(cls))
        for number, doc in enumerate(_table(data, table), start=1):
            decoder.where = f"{table} document {number}"
            item = decoder.entity(cls, doc, skip=own_tables)
            for name in own_tables:
                setattr(item, name, [])
            named = doc.get(parent_key)
            parent = parents.get(named) if isinstance(named, str) else None
            if parent is None:
                if not isinstance(named, str) or not named:
                    decoder.fail(f"it belongs to no {parent_key.removesuffix('_id')} (its '{parent_key}' is missing "
                                 "or is not text)")
                decoder.fail(f"it refers to {parent_key} '{named[:60]}', which is not in the file")
            getattr(parent, attribute).append(item)
            found[item.id] = item
        parents = found
    _check_unique_ids(plan)
    return plan


def _check_unique_ids(plan: Plan) -> None:
    seen: set[str] = set()
    for entity in iter_entities(plan):
        if entity.id in seen:
            raise PlanFormatError(f"the id '{entity.id[:60]}' is used twice")
        seen.add(entity.id)


def iter_entities(plan: Plan) -> typing.Iterator[Any]:
    """Every entity in the plan, parents before children."""
    return iter_children(plan)


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """A nested, JSON-ready picture of the whole plan (for comparisons and tests)."""
    return encode_entity(plan)


def snapshot(plan: Plan) -> Plan:
    """An independent copy of the plan with every text cleaned, as it would load from disk.

    Exporters work on a snapshot: later edits cannot reach them, and text set on the model
    without going through the commands can still never put a forbidden character in a file.
    """
    return tables_to_plan(plan_to_tables(plan))

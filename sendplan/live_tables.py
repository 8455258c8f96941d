"""The plan's tables as the codec stores them, kept up to date edit by edit from the change records.

An autosave needs the whole plan as plain data that later edits cannot reach. Encoding every entity
again for each save grows with the plan; here each set of siblings (the actions of one objective, the
progress of one action…) is encoded once and kept until a change record says one of them changed or
the set itself did (a row came, went or moved). :meth:`LiveTables.snapshot` then costs little more
than a walk over the parents: the encoding happens where the edits were, and assembling TinyDB's
tables (:meth:`TableSnapshot.tables`) is left to whoever writes them, on any thread. The documents
are never changed once made, so a snapshot shares them safely. What :meth:`TableSnapshot.tables`
gives is exactly :func:`sendplan.codec.plan_to_tables` of the plan at the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sendplan.changes import Change
from sendplan.codec import CHILD_TABLES, EMBEDDED, FLATTENED, FORMAT_NAME, PLAN_LISTS, SCHEMA_VERSION, encode_entity
from sendplan.model import CHILDREN, Plan

Document = dict[str, Any]
Segment = tuple[Document, ...]
_HEAD = ("plan", "")  # where the plan's own document and what it embeds (signatories, the RAG scale) live


def _tabled(cls: type) -> frozenset[str]:
    return frozenset(name for name in CHILDREN.get(cls, {}) if name not in EMBEDDED.get(cls, frozenset()))


@dataclass(frozen=True)
class TableSnapshot:
    """The plan's documents at one moment: the plan's own, then each table's segments in order."""

    head: Document
    segments: tuple[tuple[str, tuple[Segment, ...]], ...]

    def tables(self) -> dict[str, dict[str, Document]]:
        """TinyDB's structure, ``{table: {"1": document, …}}``, as :func:`plan_to_tables` gives it."""
        tables: dict[str, dict[str, Document]] = {"plan": {"1": self.head}}
        for table, segments in self.segments:
            rows: dict[str, Document] = {}
            for segment in segments:
                for document in segment:
                    rows[str(len(rows) + 1)] = document
            tables[table] = rows
        return tables


class LiveTables:
    """The encoded documents of one plan, by segment: (table, parent id) → its children's documents."""

    def __init__(self, plan: Plan, *, app_version: str = "") -> None:
        self.plan = plan
        self.app_version = app_version
        self._segments: dict[tuple[str, str], Segment] = {}
        self._owner: dict[str, tuple[str, str]] = {}  # entity id → the segment its document is in
        self._parent_key = {table: key for table, (_cls, key, _attr) in CHILD_TABLES.items()}
        self._unknown: set[str] = set()  # edited ids no segment was known to hold (new ones)

    def note(self, change: Change) -> None:
        """Forget the segments a change touched (call with every change record, in order)."""
        segments = self._segments
        for ident, _name in change.edited:
            where = self._owner.get(ident)
            if where is None:
                self._unknown.add(ident)
            elif where != _HEAD:
                segments.pop(where, None)
        for rows in change.rows:
            for parent in rows.parents:
                table = rows.collection
                if table in PLAN_LISTS:
                    segments.pop((table, self.plan.id), None)
                elif table in self._parent_key:
                    segments.pop((table, parent), None)
                else:  # a list embedded in its parent's document: the parent's segment is out of date
                    where = self._owner.get(parent)
                    if where is None:
                        self._unknown.add(parent)
                    elif where != _HEAD:
                        segments.pop(where, None)

    def snapshot(self) -> TableSnapshot:
        """The plan's documents now: those of segments no edit touched are reused, the rest encoded."""
        plan = self.plan
        head = encode_entity(plan, skip=FLATTENED)
        head.update(format=FORMAT_NAME, schema_version=SCHEMA_VERSION, app_version=self.app_version)
        self._owner[plan.id] = _HEAD
        for attribute in EMBEDDED.get(Plan, ()):
            for item in getattr(plan, attribute):
                self._owner[item.id] = _HEAD
        segments: list[tuple[str, tuple[Segment, ...]]] = []
        level: dict[type, list[Any]] = {}
        fresh: dict[tuple[str, str], Segment] = {}
        for table, (attribute, cls) in PLAN_LISTS.items():
            items = getattr(plan, attribute)
            level[cls] = items
            segments.append((table, (self._segment(table, plan.id, items, cls, "", fresh),)))
        for table, (cls, parent_key, attribute) in CHILD_TABLES.items():
            parents = next(items for parent, items in level.items() if attribute in _tabled(parent))
            level[cls] = [item for parent in parents for item in getattr(parent, attribute)]
            segments.append((table, tuple(self._segment(table, parent.id, getattr(parent, attribute), cls, parent_key,
                                                        fresh) for parent in parents)))
        self._segments = fresh  # segments of removed parents go
        unknown = {ident for ident in self._unknown if ident not in self._owner}
        if unknown:  # ids edited that no segment holds even now: not in the plan (removed meanwhile)
            self._owner = {ident: where for ident, where in self._owner.items() if where == _HEAD or where in fresh}
        self._unknown.clear()
        return TableSnapshot(head, tuple(segments))

    def _segment(self, table: str, parent_id: str, items: list[Any], cls: type, parent_key: str,
                 fresh: dict[tuple[str, str], Segment]) -> Segment:
        key = (table, parent_id)
        found = self._segments.get(key)
        if found is None:
            skip = _tabled(cls)
            embedded = EMBEDDED.get(cls, frozenset())
            documents = []
            for position, item in enumerate(items):
                document = encode_entity(item, skip=skip)
                if parent_key:
                    document[parent_key] = parent_id
                document["position"] = position
                documents.append(document)
                self._owner[item.id] = key
                for attribute in embedded:
                    for child in getattr(item, attribute):
                        self._owner[child.id] = key
            found = tuple(documents)
        fresh[key] = found
        return found

"""Change records: what an edit did, precisely enough to update a view without rebuilding it.

A command's ``apply`` and ``revert`` each return a :class:`Change`: which fields of which entities
changed value, and which rows were inserted, removed or moved (the collection, its parent's id,
the index, the count and the items themselves), in the order they happened. Views apply these
records to their own rows as they come (:func:`children_after`), never comparing lists; the
coarse ``ids``/``fields``/``structural`` summary stays for simple listeners.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

INSERTED, REMOVED, MOVED = "inserted", "removed", "moved"


@dataclass(frozen=True)
class Rows:
    """Rows that came, went or moved in one collection (``count`` of them from ``index``)."""

    kind: str  # INSERTED, REMOVED or MOVED
    collection: str  # "actions", "objectives", "reviews"…
    parent_id: str
    index: int
    count: int = 1
    ids: tuple[str, ...] = ()
    to_parent_id: str = ""  # MOVED only: where they went (the parent's id and the index there)
    to_index: int = -1
    items: tuple[Any, ...] = field(default=(), compare=False)  # the entities themselves, for views
    @property
    def parents(self) -> set[str]:
        return {self.parent_id} | ({self.to_parent_id} if self.to_parent_id else set())


@dataclass(frozen=True)
class Change:
    """What an apply/revert touched: entity ids, field names, and whether rows were added/removed/moved,
    with the detail in ``edited`` (entity id, field) pairs and ``rows`` records."""

    ids: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    structural: bool = False
    edited: frozenset[tuple[str, str]] = frozenset()
    rows: tuple[Rows, ...] = field(default=())

    def __or__(self, other: Change) -> Change:
        return Change(self.ids | other.ids, self.fields | other.fields, self.structural or other.structural,
                      self.edited | other.edited, self.rows + other.rows)

    @classmethod
    def edit(cls, entity_id: str, field_name: str) -> Change:
        """One field of one entity changed value."""
        return cls(frozenset({entity_id}), frozenset({field_name}), edited=frozenset({(entity_id, field_name)}))

    @classmethod
    def inserted(cls, collection: str, parent_id: str, index: int, item: Any) -> Change:
        return cls._rows(Rows(INSERTED, collection, parent_id, index, 1, (item.id,), items=(item,)))

    @classmethod
    def removed(cls, collection: str, parent_id: str, index: int, item: Any) -> Change:
        return cls._rows(Rows(REMOVED, collection, parent_id, index, 1, (item.id,), items=(item,)))

    @classmethod
    def moved(cls, collection: str, parent_id: str, index: int, item: Any, to_parent_id: str,
              to_index: int) -> Change:
        """``item`` left ``index`` of ``parent_id`` and now sits at ``to_index`` of ``to_parent_id`` (an
        index in the list without it, when the parent is the same)."""
        return cls._rows(Rows(MOVED, collection, parent_id, index, 1, (item.id,), to_parent_id, to_index, (item,)))

    @classmethod
    def _rows(cls, rows: Rows) -> Change:
        return cls(frozenset({*rows.parents, *rows.ids}), frozenset({rows.collection}), True, rows=(rows,))

    def fields_of(self, entity_id: str) -> set[str]:
        """The fields of ``entity_id`` whose values changed."""
        return {name for ident, name in self.edited if ident == entity_id}

    def rows_in(self, collections: set[str]) -> list[Rows]:
        """The row records for any of ``collections``, in order."""
        return [r for r in self.rows if r.collection in collections]


def children_after(records: Sequence[Rows], step: int, parent: Any, collection: str) -> list[Any]:
    """The items of ``parent``'s ``collection`` as they were right after ``records[step]``.

    The plan holds the state after the last record; undoing the later records that touched this list,
    newest first, gives the state at the step. A view uses it for the children of a row it inserts
    part-way through a change (an area added, then objectives added to it, in one step)."""
    items = list(getattr(parent, collection))
    for record in reversed(records[step + 1:]):
        if record.collection != collection:
            continue
        if record.kind == INSERTED and record.parent_id == parent.id:
            del items[record.index:record.index + record.count]
        elif record.kind == REMOVED and record.parent_id == parent.id:
            items[record.index:record.index] = record.items
        elif record.kind == MOVED:
            if record.to_parent_id == parent.id:
                del items[record.to_index]
            if record.parent_id == parent.id:
                items.insert(record.index, record.items[0])
    return items

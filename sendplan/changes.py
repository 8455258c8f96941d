"""Change records: what an edit did, precisely enough to update a view without rebuilding it.

A command's ``apply`` and ``revert`` each return a :class:`Change`: which fields of which entities
changed value, and which rows were inserted, removed or moved (the collection, its parent's id,
the index and the count), in the order they happened. Views turn these into precise signals;
the coarse ``ids``/``fields``/``structural`` summary stays for simple listeners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    def inserted(cls, collection: str, parent_id: str, index: int, item_id: str) -> Change:
        return cls._rows(Rows(INSERTED, collection, parent_id, index, 1, (item_id,)))

    @classmethod
    def removed(cls, collection: str, parent_id: str, index: int, item_id: str) -> Change:
        return cls._rows(Rows(REMOVED, collection, parent_id, index, 1, (item_id,)))

    @classmethod
    def moved(cls, collection: str, parent_id: str, index: int, item_id: str, to_parent_id: str,
              to_index: int) -> Change:
        """``item_id`` left ``index`` of ``parent_id`` and now sits at ``to_index`` of ``to_parent_id``."""
        return cls._rows(Rows(MOVED, collection, parent_id, index, 1, (item_id,), to_parent_id, to_index))

    @classmethod
    def _rows(cls, rows: Rows) -> Change:
        return cls(frozenset({*rows.parents, *rows.ids}), frozenset({rows.collection}), True, rows=(rows,))

    def fields_of(self, entity_id: str) -> set[str]:
        """The fields of ``entity_id`` whose values changed."""
        return {name for ident, name in self.edited if ident == entity_id}

    def rows_in(self, collections: set[str]) -> list[Rows]:
        """The row records for any of ``collections``, in order."""
        return [r for r in self.rows if r.collection in collections]

"""What a plan file holds that this version of sendplan does not know, kept through every save.

A plan written by a later release of the same format, or edited by another tool, may carry a table or a field
this version has no place for. :func:`find_unknown` sets them aside when the file is read; :meth:`Unknown.put_back`
writes them again with the plan, each field on the document of the same entity, so nothing is dropped without a
word; :meth:`Unknown.notice` says what was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sendplan.codec import CHILD_TABLES, FLATTENED, PLAN_LISTS, entity_fields, tabled
from sendplan.model import Plan

HEAD_KEYS = frozenset({"format", "schema_version", "app_version"})


def _known(table: str) -> frozenset[str]:
    """The keys this version writes in a document of ``table``."""
    if table == "plan":
        return frozenset(name for name, _ in entity_fields(Plan) if name not in FLATTENED) | HEAD_KEYS
    if table in PLAN_LISTS:
        cls = PLAN_LISTS[table][1]
        return frozenset(name for name, _ in entity_fields(cls) if name not in tabled(cls)) | {"position"}
    cls, parent_key, _attribute = CHILD_TABLES[table]
    return frozenset(name for name, _ in entity_fields(cls) if name not in tabled(cls)) | {parent_key, "position"}


@dataclass
class Unknown:
    tables: dict[str, Any] = field(default_factory=dict)  # a whole table this version does not know
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # entity id → {unknown key: value}
    counts: dict[str, int] = field(default_factory=dict)  # "the field “x” on actions" → how many documents

    def __bool__(self) -> bool:
        return bool(self.tables or self.fields)

    def put_back(self, tables: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
        """The plan's tables with the unknown content added again (known keys are never overwritten)."""
        if not self:
            return tables
        for table in tables.values():
            for doc in table.values():
                extra = self.fields.get(str(doc.get("id", "")))
                if extra:
                    for key, value in extra.items():
                        doc.setdefault(key, value)
        for name, table in self.tables.items():
            tables.setdefault(name, table)
        return tables

    def notice(self) -> str:
        """What was found, in a sentence for the officer."""
        parts = [f"the table “{name}”" for name in sorted(self.tables)[:5]]
        parts += [f"{what} ({count} document{'' if count == 1 else 's'})"
                  for what, count in list(self.counts.items())[:5]]
        return (f"This plan holds things this version of sendplan does not know ({'; '.join(parts)}). They are kept "
                "as they are whenever the plan is saved.")


def find_unknown(data: dict[str, Any]) -> Unknown:
    """The tables and fields of a plan file (TinyDB's tables, after any upgrade) this version has no place for."""
    found = Unknown()
    for name, table in data.items():
        if name not in ("plan", *PLAN_LISTS, *CHILD_TABLES):
            found.tables[name] = table
            continue
        if not isinstance(table, dict):
            continue
        known = _known(name)
        for doc in table.values():
            if not isinstance(doc, dict):
                continue
            extra = {key: value for key, value in doc.items() if key not in known}
            if extra and isinstance(doc.get("id"), str):
                found.fields.setdefault(doc["id"], {}).update(extra)
                for key in extra:
                    what = f"the field “{key}” on {name}"
                    found.counts[what] = found.counts.get(what, 0) + 1
    return found

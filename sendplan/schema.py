"""Plan-file schema versions and the functions that upgrade older files, one version at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sendplan.codec import SCHEMA_VERSION
from sendplan.model import letters

Upgrade = Callable[[dict[str, Any]], None]

# from-version → function that changes the raw tables in place to from-version + 1.
UPGRADES: dict[int, Upgrade] = {}


def register_upgrade(from_version: int) -> Callable[[Upgrade], Upgrade]:
    """Decorator: ``@register_upgrade(1)`` marks the function that turns a v1 file into v2."""

    def decorate(function: Upgrade) -> Upgrade:
        if from_version in UPGRADES:
            raise ValueError(f"an upgrade from schema {from_version} is already registered")
        UPGRADES[from_version] = function
        return function

    return decorate


class UpgradeError(ValueError):
    """No path from the file's schema version to the current one."""


def upgrade(data: dict[str, Any], from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    """Bring ``data`` (TinyDB tables) from ``from_version`` up to ``to_version`` in place."""
    version = from_version
    while version < to_version:
        step = UPGRADES.get(version)
        if step is None:
            raise UpgradeError(f"this version of sendplan cannot upgrade a schema {version} file")
        step(data)
        version += 1
        next(iter(data["plan"].values()))["schema_version"] = version


def _position(doc: Any) -> int:
    position = doc.get("position", 0) if isinstance(doc, dict) else 0
    return position if isinstance(position, int) else 0


def _children(data: dict[str, Any], table: str, parent_key: str) -> dict[str, list[dict[str, Any]]]:
    """The documents of ``table`` grouped by their parent id, each group in stored order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    raw = data.get(table)
    for doc in sorted(raw.values() if isinstance(raw, dict) else [], key=_position):
        if isinstance(doc, dict):
            groups.setdefault(str(doc.get(parent_key, "")), []).append(doc)
    return groups


@register_upgrade(1)
def _store_references(data: dict[str, Any]) -> None:
    """Format 2 stores every area's, objective's and action's reference instead of computing it from
    position: give each exactly the number format 1 showed ("1", "1.2", "1.2 (b)")."""
    head = next(iter(data["plan"].values()))
    head.setdefault("numbering", "1.1 (a)")
    head.setdefault("require_date_reason", True)
    objectives = _children(data, "objectives", "area_id")
    actions = _children(data, "actions", "objective_id")
    areas = data.get("areas")
    area_docs = sorted(areas.values() if isinstance(areas, dict) else [], key=_position)
    for a_index, area in enumerate((doc for doc in area_docs if isinstance(doc, dict)), start=1):
        area.setdefault("ref", str(a_index))
        for o_index, objective in enumerate(objectives.get(str(area.get("id", "")), []), start=1):
            number = f"{a_index}.{o_index}"
            objective.setdefault("ref", number)
            for c_index, action in enumerate(actions.get(str(objective.get("id", "")), [])):
                action.setdefault("ref", f"{number} ({letters(c_index)})")
    reviews = data.get("reviews")
    for doc in reviews.values() if isinstance(reviews, dict) else []:
        if isinstance(doc, dict):
            doc.setdefault("note", "")  # format 2 also keeps a note with each review
    for table in ("areas", "objectives", "actions"):  # orphans: the codec reports them by name
        raw = data.get(table)
        for doc in raw.values() if isinstance(raw, dict) else []:
            if isinstance(doc, dict):
                doc.setdefault("ref", "")


@register_upgrade(2)
def _store_responsible_bodies(data: dict[str, Any]) -> None:
    """Format 3 keeps with each area the body the inspection addressed it to: none is known for older files."""
    areas = data.get("areas")
    for doc in areas.values() if isinstance(areas, dict) else []:
        if isinstance(doc, dict):
            doc.setdefault("responsible_body", "")


@register_upgrade(3)
def _keep_imported_wording(data: dict[str, Any]) -> None:
    """Format 4 keeps what an imported plan calls its areas ("Priority", "Recommendation"; empty: "Area
    for improvement") and each area's details that have no field of their own ("Lead": …). Only adds."""
    head = next(iter(data["plan"].values()))
    head.setdefault("area_term", "")
    areas = data.get("areas")
    for doc in areas.values() if isinstance(areas, dict) else []:
        if isinstance(doc, dict):
            doc.setdefault("extra", {})


@register_upgrade(4)
def _keep_each_area_s_word(data: dict[str, Any]) -> None:
    """Format 5 keeps an area's own word when it differs from the plan's ("Area for priority action" in a
    plan of areas for improvement). Plans made from a report before it held that word as the area's title:
    it moves to the new field, so those areas are told apart by their wording again."""
    areas = data.get("areas")
    for doc in areas.values() if isinstance(areas, dict) else []:
        if isinstance(doc, dict):
            doc.setdefault("term", "")
            if isinstance(doc.get("title"), str) and doc["title"].strip().lower() == "area for priority action":
                doc["term"], doc["title"] = "Area for priority action", ""

"""Plan-file schema versions and the functions that upgrade older files, one version at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sendplan.codec import SCHEMA_VERSION

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

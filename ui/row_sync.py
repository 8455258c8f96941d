"""Bring a Qt model's own list of rows in line with the plan, one bracketed step at a time.

Used after a change record names a collection whose rows came, went or moved: removals, then
moves, then insertions, each inside ``begin…``/``end…`` so views keep their selection, current
index and scroll position. Never a reset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def sync_rows(model: QAbstractItemModel, parent: QModelIndex, current: list[Any], target: Sequence[Any], *,
              on_insert: Callable[[Any], None] | None = None, after_step: Callable[[], None] | None = None) -> None:
    """Make ``current`` (the model's rows under ``parent``) equal ``target`` (items with an ``id``)."""
    step = after_step or (lambda: None)
    wanted = {item.id for item in target}
    end = len(current) - 1
    while end >= 0:
        if current[end].id in wanted:
            end -= 1
            continue
        start = end
        while start > 0 and current[start - 1].id not in wanted:
            start -= 1
        model.beginRemoveRows(parent, start, end)
        del current[start:end + 1]
        step()
        model.endRemoveRows()
        end = start - 1
    for row, item in enumerate(target):
        if row < len(current) and current[row].id == item.id:
            current[row] = item
            continue
        found = next((n for n in range(row + 1, len(current)) if current[n].id == item.id), -1)
        if found >= 0:
            model.beginMoveRows(parent, found, found, parent, row)
            current.insert(row, current.pop(found))
            step()
            model.endMoveRows()
        else:
            model.beginInsertRows(parent, row, row)
            current.insert(row, item)
            if on_insert is not None:
                on_insert(item)
            step()
            model.endInsertRows()

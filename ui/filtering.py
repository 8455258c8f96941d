"""Find and filter in the action grid: text search over every field, plus RAG/owner/state filters.

Objective header rows show when any of their actions does (recursive filtering), or always when
no filter is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from sendplan.ui.action_model import ActionTreeModel

from sendplan.summaries import is_overdue


@dataclass
class Filters:
    text: str = ""
    ratings: set[str] = field(default_factory=set)  # RAG keys ("" = not rated); empty = all
    owner: str = ""
    overdue: bool = False
    revised: bool = False
    not_updated: bool = False

    def active(self) -> bool:
        return bool(self.text or self.ratings or self.owner or self.overdue or self.revised or self.not_updated)

    def count(self) -> int:
        """How many filters are on (the Filters button shows it)."""
        return (bool(self.text) + len(self.ratings) + bool(self.owner) + self.overdue + self.revised
                + self.not_updated)


class ActionFilterModel(QSortFilterProxyModel):
    def __init__(self, source: ActionTreeModel) -> None:
        super().__init__()
        self.source = source
        self.filters = Filters()
        self.setRecursiveFilteringEnabled(True)
        self.setSourceModel(source)

    def set_filters(self, filters: Filters) -> None:
        self.beginFilterChange()
        self.filters = filters
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        f = self.filters
        if not f.active():
            return True
        if not parent.isValid():
            return False  # an objective shows when one of its actions does
        source = self.source
        action = source.entry(source.index(row, 0, parent))[1]
        if action is None:
            return False
        if f.text and f.text.lower() not in source.haystack(action):
            return False
        rating = source.rating(action)
        if f.ratings and rating not in f.ratings:
            return False
        if f.owner and f.owner.lower() not in action.owner.lower():
            return False
        plan = source.session.plan
        if f.overdue and not is_overdue(plan, action, rating, date.today()):
            return False
        if f.revised and not action.due.revisions:
            return False
        review = source.session.current_review
        if f.not_updated and (review is None or any(u.review_id == review.id for u in action.progress)):
            return False
        return True

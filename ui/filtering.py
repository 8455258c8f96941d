"""Find and filter in the action grid: text search over every field, plus RAG/owner/state filters.

The grid's model passes straight through (an identity proxy, so indexes keep their meaning) and the
view hides the rows that do not match (see :meth:`sendplan.ui.grid_view.ActionGrid.apply_filters`):
no rows are taken out of the model, so objective rows stay spanned and expanded and a search over a
10× plan takes milliseconds. An objective shows when any of its actions does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QIdentityProxyModel
from sendplan.ui.action_model import ActionTreeModel

from sendplan.model import Action
from sendplan.review_state import is_updated
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


class ActionFilterModel(QIdentityProxyModel):
    """The grid's model as the view sees it, with the filters the view applies."""

    def __init__(self, source: ActionTreeModel) -> None:
        super().__init__()
        self.source = source
        self.filters = Filters()
        self.setSourceModel(source)

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters

    def accepts(self, action: Action) -> bool:
        """Whether ``action`` passes every filter that is on."""
        f = self.filters
        if not f.active():
            return True
        source = self.source
        if f.text and f.text.lower() not in source.haystack(action):
            return False
        if f.owner and f.owner.lower() not in action.owner.lower():
            return False
        if f.revised and not action.due.revisions:
            return False
        if f.ratings or f.overdue:  # the rating is worked out only for the filters that need it
            rating = source.rating(action)
            if f.ratings and rating not in f.ratings:
                return False
            if f.overdue and not is_overdue(source.session.plan, action, rating, date.today()):
                return False
        review = source.session.current_review
        return not (f.not_updated and is_updated(action, review))

"""The main window's pages beside the action grid, each built the first time it is shown.

Opening a plan builds the page it lands on (the dashboard, or review mode when a review is under way)
and none of the others: the plan overview, review mode and the lists (reviews, narrative, governance,
glossary…) are made when the officer first goes to them, so the window shows sooner. A page made
later shows the plan as it is then, so nothing is lost by waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget
from sendplan.ui.collection_page import PAGES, CollectionPage
from sendplan.ui.overview_page import OverviewPage

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow


class Pages(Mapping[str, QWidget]):
    """The pages by name; a page is built (and put in ``stack``) when it is first asked for."""

    def __init__(self, stack: QStackedWidget, factories: dict[str, Callable[[], QWidget]]) -> None:
        self.stack = stack
        self.factories = factories
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = self.factories[name]()
            self.stack.addWidget(page)
        return page

    def built(self, name: str) -> QWidget | None:
        """The page when it has been built, without building it."""
        return self._built.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.factories)

    def __len__(self) -> int:
        return len(self.factories)


def page_factories(window: MainWindow) -> dict[str, Callable[[], QWidget]]:
    """How to build each of the window's pages (wired to the window as it is built)."""
    session = window.session

    def dashboard() -> QWidget:
        from sendplan.ui.dashboard import DashboardPage

        page = DashboardPage(session)
        page.jump.connect(window.jump_to_action)
        return page

    def review_mode() -> QWidget:
        from sendplan.ui.review_page import ReviewPage

        page = ReviewPage(session)
        page.leave.connect(window.leave_review_mode)
        page.action_shown.connect(window._review_moved)  # noqa: SLF001 - the window's own slot
        return page

    factories: dict[str, Callable[[], QWidget]] = {"Plan overview": lambda: OverviewPage(session),
                                                   "Dashboard": dashboard, "Review mode": review_mode}
    for name, (title, collection, fields, noun, help_text) in PAGES.items():
        factories[name] = lambda t=title, c=collection, f=fields, n=noun, h=help_text: CollectionPage(
            session, t, c, f, n, h)
    return factories

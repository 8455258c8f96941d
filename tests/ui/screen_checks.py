"""What "fits the screen" means, checked on an open main window: used in-process (with the screen's available
area simulated) and in a child process started with QT_SCALE_FACTOR (the real scaling Windows applies)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from sendplan.ui import screen_fit
from sendplan.ui.action_model import COLUMNS

GRID_COLUMNS = ("ref", "action", "rag", "owner", "due", "progress")
SMALLEST = (1280, 720)  # 1920×1080 at 150%


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _inside(widget: QWidget, window: QWidget) -> bool:
    """Shown, and wholly within the window (so nothing of it is off-screen when the window is on it)."""
    corner = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(corner, widget.size()))


def window_problems(window: Any) -> list[str]:
    """The window against its screen: the frame within the available area, a minimum that fits 1280×720."""
    problems = []
    area = screen_fit.available_geometry(window)
    frame = QRect(window.pos(), window.size() + screen_fit.FRAME)
    if not area.contains(frame):
        problems.append(f"the window {frame} is not within the available area {area}")
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() + screen_fit.FRAME.width() > SMALLEST[0] or \
            minimum.height() + screen_fit.FRAME.height() > SMALLEST[1]:
        problems.append(f"its minimum size {minimum} does not fit a 1280×720 screen")
    if not _inside(window.statusBar(), window):
        problems.append("the status bar is not in view")
    return problems


def grid_problems(window: Any) -> list[str]:
    window.show_page("All actions")
    settle()
    grid, header = window.grid, window.grid.header()
    problems = []
    for key in GRID_COLUMNS:
        column = COLUMNS.index(key)
        left = header.sectionViewportPosition(column)
        if header.isSectionHidden(column) or left < 0 or left + header.sectionSize(column) > grid.viewport().width():
            problems.append(f"the {key} column is not wholly in view")
        elif header.sectionSize(column) < 60:
            problems.append(f"the {key} column is only {header.sectionSize(column)} pixels wide")
    if grid.horizontalScrollBar().maximum() > 0:
        problems.append("the grid scrolls sideways")
    return problems


def review_problems(window: Any) -> list[str]:
    window.enter_review_mode()
    settle()
    page = window.review_page
    problems = []
    line = page.fontMetrics().lineSpacing()
    parts = {"the list of actions": page.queue_list, "the ratings": page.chooser, "the update box": page.update_box,
             "earlier progress": page.earlier, "New By When": page.new_date, "the reason": page.reason,
             "Show": page.scope, **{button.text(): button for button in page.findChildren(QPushButton)
                                    if button.parent() is not page.chooser}}
    for name, widget in parts.items():
        if not _inside(widget, window):
            problems.append(f"{name} is not wholly in view")
    if page.update_box.height() < 3 * line:
        problems.append(f"the update box is {page.update_box.height()} pixels high: less than three lines")
    if page.earlier.height() < 3 * line:
        problems.append(f"earlier progress is {page.earlier.height()} pixels high: less than three lines")
    return problems


def navigator_problems(window: Any) -> list[str]:
    """Every area's title is shown whole (wrapped, never cut short) beside its RAG dots."""
    navigator = window.navigator
    window.show_page("Dashboard")
    settle()
    problems = []
    if navigator.width() < navigator.minimumWidth():
        problems.append(f"the navigator is squeezed to {navigator.width()} pixels")
    metrics = navigator.fontMetrics()
    top = navigator.topLevelItem(0)
    for n in range(top.childCount()):
        item = top.child(n)
        rect = navigator.visualItemRect(item)
        text_width = rect.width() - navigator.iconSize().width() - 8
        needed = metrics.boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap, item.text(0))
        if needed.height() > rect.height() or needed.width() > text_width:
            problems.append(f"“{item.text(0)}” is cut short")
    return problems


def dashboard_problems(window: Any) -> list[str]:
    window.show_page("Dashboard")
    settle()
    return ["the dashboard scrolls sideways"] if window.dashboard.horizontalScrollBar().maximum() > 0 else []


def toolbar_problems(window: Any) -> list[str]:
    """Find and Filters on the toolbar itself, never in its "››" overflow, whatever Undo would undo."""
    settle()
    return [f"{name} is not on the toolbar" for name, widget in (("Find", window.search),
                                                                  ("Filters", window.filter_button))
            if not _inside(widget, window)]


def all_problems(window: Any) -> list[str]:
    return (window_problems(window) + toolbar_problems(window) + grid_problems(window) + review_problems(window)
            + navigator_problems(window) + dashboard_problems(window))

"""Hidden pages mark themselves stale and redraw when shown, instead of redrawing on every edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RedrawWhenShown(QObject):
    """Call :meth:`request` after a change: the page redraws now if it is on screen, else on its next show."""

    def __init__(self, widget: QWidget, redraw: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.redraw = redraw
        self.stale = False
        widget.installEventFilter(self)

    def request(self, *_args: object) -> None:
        if self.widget.isVisible():
            self.stale = False
            self.redraw()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.redraw()
        return False

"""Sizing windows and dialogs to the screen they open on, so nothing is ever larger than the screen.

A council laptop is often a 14" 1920×1080 panel at 150% (1280×720 logical pixels) or a 1366×768 one at
100% or 125%, with the taskbar taking the bottom 40 pixels. Every window and dialog asks
:func:`fit_window` for its size: what its content wants (or its own preferred size), never more than
the screen's *available* area less the title bar and borders, and centred on it. A geometry restored
from the settings (saved on a bigger monitor, perhaps) is pulled back onto the screen the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # Windows 10/11: the title bar and the borders, in logical pixels
FALLBACK = QRect(0, 0, 1366, 728)  # no screen at all (never on a desktop): a 1366×768 laptop with its taskbar


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) that windows may use: without the taskbar."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(FALLBACK)


def room(widget: QWidget | None = None) -> QSize:
    """The largest client area a window can have on the widget's screen, title bar and borders included."""
    area = available_geometry(widget).size()
    return QSize(max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height()))


def fit_window(window: QWidget, preferred: QSize | None = None, *, anchor: QWidget | None = None) -> QSize:
    """Size ``window`` to ``preferred`` (else what its content asks for), but never beyond the screen, and
    centre it on the available area of ``anchor``'s screen (its parent's, else its own). Returns the size."""
    anchor = anchor or window.parentWidget() or window
    space = room(anchor)
    wanted = (preferred or window.sizeHint()).expandedTo(window.minimumSizeHint())
    size = wanted.boundedTo(space)
    window.resize(size)
    _centre(window, size, available_geometry(anchor))
    return size


def restore_on_screen(window: QWidget, state: QByteArray | bytes | None) -> None:
    """Restore a saved geometry, then pull the window back within the screen it lands on."""
    if state:
        window.restoreGeometry(state)  # type: ignore[arg-type]
    area = available_geometry(window)
    space = room(window)
    size = window.size().boundedTo(space)
    if size != window.size():
        window.resize(size)
    frame = QRect(window.pos(), size + FRAME)
    if not area.contains(frame):
        _centre(window, size, area)


def _centre(window: QWidget, size: QSize, area: QRect) -> None:
    outer = size + FRAME
    left = area.x() + max(0, (area.width() - outer.width()) // 2)
    top = area.y() + max(0, (area.height() - outer.height()) // 2)
    window.move(left, top)


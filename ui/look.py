"""The app's look where low vision depends on it: every text and focus colour at 4.5:1 or better, and a focus
frame of at least 2 pixels on every control and every current cell, the same on Windows as anywhere else.

Fusion everywhere (Windows' own styles draw a one-pixel dotted focus rectangle and pick their own selection
colour); a light selection with black text (Qt's default is white on a mid blue, 3.6:1); placeholder hints
in a grey that reads (4.0:1 by default); focus drawn in one dark blue, which stands out both on white and
on the selection.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

FOCUS = "#1F5FA8"  # 6.4:1 on white, 4.8:1 on the selection
SELECTION = "#CCE0F5"  # black text on it: 15:1
SELECTED_TEXT = "#000000"
PLACEHOLDER = "#5F5F5F"  # 6.4:1 on white
FRAME_WIDTH = 2

FOCUS_STYLE = f"""
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QTextBrowser:focus, QComboBox:focus, QTreeView:focus,
QTreeWidget:focus, QListView:focus, QListWidget:focus, QTableView:focus, QTableWidget:focus, QSpinBox:focus,
QDateEdit:focus {{ border: {FRAME_WIDTH}px solid {FOCUS}; }}
QPushButton:focus, QToolButton:focus {{ border: {FRAME_WIDTH}px solid {FOCUS}; border-radius: 3px;
background: #E3EEFA; }}
"""


class FocusFrameStyle(QProxyStyle):
    """Fusion, with the focus rectangle (current cell, check box, radio button, tab) as a solid frame."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element != QStyle.PrimitiveElement.PE_FrameFocusRect:
            super().drawPrimitive(element, option, painter, widget)
            return
        painter.save()
        pen = QPen(QColor(FOCUS), FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FRAME_WIDTH / 2
        painter.drawRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset))
        painter.restore()


_style: FocusFrameStyle | None = None  # kept alive for the application's lifetime


def apply_look(app: QApplication) -> None:
    """Give the application its style, palette and focus frames (once; later calls change nothing)."""
    global _style
    if _style is not None and app.style() is _style:
        return
    _style = FocusFrameStyle(QStyleFactory.create("Fusion"))
    app.setStyle(_style)
    palette = _style.standardPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(SELECTED_TEXT))
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER))
    app.setPalette(palette)
    app.setStyleSheet(FOCUS_STYLE)

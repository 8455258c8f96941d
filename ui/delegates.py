"""Cell editors for the action grid: multi-line text, a one-line reference, the RAG drop-down, and By When."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QIcon, QKeyEvent, QPainter, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)
from sendplan.ui.action_model import COLUMNS, ActionRole
from sendplan.ui.drafts import forget, text_of, track
from sendplan.ui.services import dialogs

from sendplan.commands import locate
from sendplan.dates import DateParseError, parse_due
from sendplan.model import Plan
from sendplan.ratings import NOT_RATED
from sendplan.review_state import REASON_NEEDED, date_reason_needed

Index = QModelIndex | QPersistentModelIndex
EDITOR_MIN_PX = 90  # a cell editor is at least this wide, even over a narrow column
EDITOR_LINES_PX = 120  # a multi-line editor is at least this tall: a few lines show while typing


class CellTextEdit(QPlainTextEdit):
    """Enter makes a new line; Ctrl+Enter (or Tab) commits; Escape cancels."""

    def __init__(self, parent: QWidget, delegate: QStyledItemDelegate) -> None:
        super().__init__(parent)
        self.delegate = delegate
        self.setTabChangesFocus(True)
        self.setAccessibleName("Cell text (Ctrl+Enter to save, Escape to cancel)")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.delegate.commitData.emit(self)
            self.delegate.closeEditor.emit(self, QStyledItemDelegate.EndEditHint.NoHint)
            return
        super().keyPressEvent(event)


class FixedRowsDelegate(QStyledItemDelegate):
    """Row heights come from the model's size hint: measuring every cell's text to lay out hundreds of
    rows (the grid must know every row's height to scroll by pixel) would make each search slow.

    What is typed into a text editor is journalled (:mod:`sendplan.ui.drafts`) when the model can say what
    it is (``draft_for``); Escape drops it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.closeEditor.connect(self._closed)

    def journal(self, editor: QLineEdit | QPlainTextEdit, index: Index) -> None:
        model, source = index.model(), QModelIndex(index)
        while isinstance(model, QAbstractProxyModel):  # the grid shows the plan through its filter
            source, model = model.mapToSource(source), model.sourceModel()
        draft_for = getattr(model, "draft_for", None)
        if draft_for is None:
            return
        kept = QPersistentModelIndex(source)
        track(editor, lambda: draft_for(kept, text_of(editor)) if kept.isValid() else None)

    def _closed(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            forget(editor)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = index.data(Qt.ItemDataRole.SizeHintRole)
        return hint if isinstance(hint, QSize) else super().sizeHint(option, index)


class HighlightDelegate(FixedRowsDelegate):
    """Paints wrapped cell text, highlighting the current search term; edits with CellTextEdit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.term = ""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor: QLineEdit | QPlainTextEdit
        if index.column() == COLUMNS.index("ref") and index.data(ActionRole) is not None:
            editor = QLineEdit(parent)  # a reference is one line: Enter saves it, as in the details panel
            editor.setAccessibleName("Reference (Enter to save, Escape to cancel)")
        else:
            editor = CellTextEdit(parent, self)
        self.journal(editor, index)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Over the cell, as wide as its column (so the next column stays in view) and, for several lines, at
        least EDITOR_LINES_PX tall; kept inside the grid's viewport (moved up from a row at the bottom)."""
        rect = option.rect
        width = max(rect.width(), EDITOR_MIN_PX)
        if isinstance(editor, QLineEdit):
            height = min(rect.height(), editor.sizeHint().height())
            x, y = rect.x(), rect.y() + (rect.height() - height) // 2
        else:
            height = max(rect.height(), EDITOR_LINES_PX)
            x, y = rect.x(), rect.y()
        area = editor.parentWidget()
        if area is not None:  # the viewport: the editor never runs off its right or bottom edge
            bounds = area.rect()
            width, height = min(width, bounds.width()), min(height, bounds.height())
            x = max(bounds.left(), min(x, bounds.right() + 1 - width))
            y = max(bounds.top(), min(y, bounds.bottom() + 1 - height))
        editor.setGeometry(x, y, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole) if self.term else None
        if not isinstance(text, str) or self.term.lower() not in text.lower():
            super().paint(painter, option, index)  # nothing to highlight: painted as without a search
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setTextWidth(option.rect.width() - 6)
        pattern = re.compile(re.escape(self.term), re.IGNORECASE)
        marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", text)
        body = html.escape(marked).replace("\0", '<span style="background:#FFE066;color:#000">')
        document.setHtml(body.replace("\1", "</span>").replace("\n", "<br>"))
        painter.save()
        painter.translate(option.rect.topLeft().x() + 3, option.rect.topLeft().y() + 2)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 6, option.rect.height() - 2))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(context.palette.ColorRole.Text,
                                     option.palette.color(option.palette.ColorRole.HighlightedText))
        document.documentLayout().draw(painter, context)
        painter.restore()


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RagDelegate(FixedRowsDelegate):
    """A drop-down of the plan's RAG scale, each with its colour and word."""

    def __init__(self, plan_source: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan_source = plan_source  # callable returning the Plan

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        plan: Plan = self.plan_source()
        box = QComboBox(parent)
        box.setAccessibleName("RAG rating")
        box.addItem(NOT_RATED, "")
        for level in plan.rag_scale:
            box.addItem(swatch(level.colour), level.name, level.key)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        """A rating's name never wraps ("Amb/er"): in a narrowed column it is shortened with "…"."""
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight


class DueDelegate(FixedRowsDelegate):
    """Type a UK date or "On-going"; changing an existing date asks for the reason (kept in the history),
    which the plan can require (the default) or leave optional."""

    def __init__(self, plan_source: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan_source = plan_source  # callable returning the Plan

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("By When: a date such as 31/03/2026, or On-going")
        editor.setPlaceholderText("dd/mm/yyyy or On-going")
        self.journal(editor, index)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        view = editor.parentWidget().parentWidget() if editor.parentWidget() is not None else None
        try:
            self._set_due(editor, model, index)
        finally:
            if view is not None:  # a box (the reason, a warning) took the keyboard: give it back to the grid, on
                QTimer.singleShot(0, lambda: view.setFocus(Qt.FocusReason.OtherFocusReason))  # the same cell

    def _set_due(self, editor: QLineEdit, model: QAbstractItemModel, index: Index) -> None:
        typed = editor.text().strip()
        previous = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if not typed or typed == previous:
            return
        try:
            value = parse_due(typed)
        except DateParseError as error:
            dialogs().warn(editor.window(), "By When not changed", f"{str(error).capitalize()}.")
            return
        reason = ""
        if previous:
            plan = self.plan_source()
            required = date_reason_needed(plan, locate(plan, index.data(ActionRole)).entity)
            answer = dialogs().ask_text(editor.window(), "Reason for the new date",
                                        f"Why is this action moving from {previous} to {value.display('uk')}?"
                                        + ("" if required else " (optional)"))
            if answer is None:
                return
            reason = answer.strip()
            if required and not reason:
                dialogs().warn(editor.window(), "By When not changed",
                               f"{REASON_NEEDED} (Plan overview sets whether it is required.)")
                return
        model.setData(index, (value, reason), Qt.ItemDataRole.EditRole)

"""A row of RAG ratings chosen from the keyboard: 1–5 or the rating's first letter (R, A, G, B…).

One focus stop (Tab enters and leaves it; Left/Right move along it). Each rating shows its colour
and its name, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QWidget
from sendplan.ui.look import FOCUS

from sendplan.model import RagLevel
from sendplan.ratings import level_look


class RagChooser(QFrame):
    chosen = Signal(str, bool)  # the rating key the user picked; whether to move on to the update box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RagChooser")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.keys: list[str] = []
        self.names: dict[str, str] = {}
        self.signature: tuple[tuple[str, str, str], ...] = ()
        self.group.idClicked.connect(lambda n: self.choose(self.keys[n]))

    def set_scale(self, levels: list[RagLevel]) -> None:
        signature = tuple((level.key, level.name, level.colour) for level in levels)
        if signature == self.signature:
            return
        self.signature = signature
        for button in list(self.group.buttons()):
            self.group.removeButton(button)
            button.deleteLater()
        self.keys = [level.key for level in levels]
        self.names = {level.key: level_look(level).name for level in levels}
        for n, level in enumerate(levels):
            look = level_look(level)
            button = QPushButton(f"{n + 1}  {level.name}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(96)
            button.setStyleSheet(f"QPushButton {{ background: #{look.fill}; color: #{look.text}; padding: 6px 10px; "
                                 f"border: 1px solid #7F7F7F; border-radius: 3px; }} QPushButton:checked {{ "
                                 f"border: 3px solid #000000; font-weight: bold; }}")
            self.group.addButton(button, n)
            self.layout_.addWidget(button)
        self.layout_.addStretch(1)
        self._describe()

    def value(self) -> str:
        checked = self.group.checkedId()
        return self.keys[checked] if checked >= 0 else ""

    def set_value(self, key: str) -> None:
        self.group.setExclusive(False)
        for n, button in enumerate(self.group.buttons()):
            button.setChecked(self.keys[n] == key)
        self.group.setExclusive(True)
        self._describe()

    def choose(self, key: str, advance: bool = True) -> None:
        self.set_value(key)
        self.chosen.emit(key, advance)

    def _describe(self) -> None:
        keys = ", ".join(f"{n + 1} or {self.names[k][:1]} for {self.names[k]}" for n, k in enumerate(self.keys))
        current = self.names.get(self.value(), "not rated")
        self.setAccessibleName(f"RAG at this review: {current}. Press {keys}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().lower()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if plain and text.isdigit() and 1 <= int(text) <= len(self.keys):
            self.choose(self.keys[int(text) - 1])
            return
        match = [k for k in self.keys if self.names[k][:1].lower() == text] if plain and text.isalpha() else []
        if len(match) == 1:
            self.choose(match[0])
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.keys:
            current = self.keys.index(self.value()) if self.value() in self.keys else -1
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            self.choose(self.keys[max(0, min(len(self.keys) - 1, current + step))], False)
            return
        event.ignore()  # Ctrl+Enter, Page Up/Down and Escape belong to the review page

    def paintEvent(self, event: QPaintEvent) -> None:
        """A clear frame while the ratings have the keyboard focus (painted: no restyling per keystroke)."""
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setPen(QPen(QColor(FOCUS), 3))
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -2, -2), 4, 4)
            painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

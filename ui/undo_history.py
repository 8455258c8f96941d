"""The undo history window (Ctrl+H): every saved step, the current one highlighted; choosing one goes back
(or forward) to it. A titled dialog that takes the keyboard when it opens and closes with Escape."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QUndoView, QVBoxLayout, QWidget
from sendplan.ui.screen_fit import fit_window


class UndoHistoryDialog(QDialog):
    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Undo history")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        hint = QLabel("Choose a step to take the plan back (or forward) to it; Escape closes this window.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.view = QUndoView(stack)
        self.view.setEmptyLabel("The plan as it was opened")
        self.view.setAccessibleName("Undo history: choose a step to go back to it")
        hint.setBuddy(self.view)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, QSize(420, 480))

    def stack(self) -> QUndoStack:
        return self.view.stack()

    def open_on_top(self) -> None:
        """Show the window (or bring it back to the front) with the keyboard on the list of steps."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.view.setFocus()

"""Every prompt the app shows goes through one replaceable service, so tests never block on a dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget


class DialogService:
    """The real dialogs. Tests install a scripted replacement with :func:`set_service`."""

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str],
               default: str | None = None) -> str | None:
        """One of ``options`` (button texts), or None when cancelled."""
        return _clicked(self.question_box(parent, title, text, options, default), options)

    def question_box(self, parent: QWidget | None, title: str, text: str, options: list[str],
                     default: str | None = None) -> QMessageBox:
        """The box :meth:`choose` shows: a button per option, and Cancel (also Escape). Enter presses
        ``default`` when it is one of the options (the safe choice: keeping what was typed), else Cancel."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons = {option: box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options}
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons.get(default or "", cancel))
        box.setEscapeButton(cancel)
        return box

    def finished(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> str | None:
        """Something finished well: a plain box with ``options`` and Close (None when closed)."""
        return _clicked(self.finished_box(parent, title, text, options), options)

    def finished_box(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        for option in options:
            box.addButton(option, QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        return box

    def run(self, dialog: QDialog) -> bool:
        """Show one of the app's own dialogs modally; True when the user accepted it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the file manager (a local file URL: never the network)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def error(self, parent: QWidget | None, title: str, text: str, details: str) -> None:
        """An unexpected error: a plain message, with the technical details behind "Show Details…"
        and a "Copy details" button for the helpdesk."""
        self.error_box(parent, title, text, details).exec()

    def error_box(self, parent: QWidget | None, title: str, text: str, details: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        box.setEscapeButton(box.addButton(QMessageBox.StandardButton.Close))
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{text}\n\n{details}"))
        return box

    def choose_item(self, parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
        """One of ``items`` from a list, or None when cancelled."""
        value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return value if ok else None

    def choose_folder(self, parent: QWidget | None, title: str, folder: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, folder)
        return Path(name) if name else None

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def open_file(self, parent: QWidget | None, title: str, folder: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(name) if name else None

    def open_files(self, parent: QWidget | None, title: str, folder: str, filters: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
        return [Path(name) for name in names]

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None


def _clicked(box: QMessageBox, options: list[str]) -> str | None:
    """Show ``box`` and say which of ``options`` was pressed (None for Cancel, Close or Escape)."""
    box.exec()
    button = box.clickedButton()
    text = button.text().replace("&", "") if button is not None else ""  # some desktops add mnemonics
    return next((option for option in options if option.replace("&", "") == text), None)


_service: DialogService = DialogService()


def dialogs() -> DialogService:
    return _service


def set_service(service: DialogService) -> DialogService:
    """Install ``service`` (tests); returns the previous one."""
    global _service
    previous, _service = _service, service
    return previous

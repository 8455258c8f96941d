"""Exporting: the Export dialog, and the export written on a worker thread from a snapshot.

The job (:mod:`sendplan.ui.background`) is kept by the window until it finishes or fails, whatever
else happens meanwhile (clearing filters, switching pages); the "Export finished" box offers Open
file, Show in folder and Close.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
)
from sendplan.exporters.word import COLUMN_TITLES, DEFAULT_COLUMNS, PRESETS, Column, WordOptions
from sendplan.ui.background import run_in_background
from sendplan.ui.folders import output_folder
from sendplan.ui.screen_fit import fit_window
from sendplan.ui.services import dialogs

from sendplan.codec import snapshot

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow



class ExportDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Export")
        settings = window.settings
        remembered = (lambda key, default: str(settings.value(f"export/{key}", default))) if settings else (
            lambda key, default: default)
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems(["Word document", "Excel tracker"])
        self.kind.setCurrentText(remembered("kind", "Word document"))
        self.preset = QComboBox()
        for preset in PRESETS.values():
            self.preset.addItem(preset.name, preset.key)
        self.preset.setCurrentText(remembered("preset", "Review pack"))
        self.review = QComboBox()
        for review in window.session.plan.reviews_by_date():
            self.review.addItem(review.label, review.id)
        current = window.session.current_review
        if current is not None:
            self.review.setCurrentIndex(self.review.findData(current.id))
        self.marking = QLineEdit(remembered("marking", window.session.plan.protective_marking))
        self.marking.setPlaceholderText("e.g. OFFICIAL-SENSITIVE (leave empty for none)")
        self.columns = QListWidget()
        hidden = set(remembered("hidden_columns", "").split(",")) - {""}
        for key in DEFAULT_COLUMNS:
            item = QListWidgetItem(COLUMN_TITLES[key].replace(" {period}", " (one per reporting period)"))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setCheckState(Qt.CheckState.Unchecked if key in hidden else Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.columns.setMaximumHeight(190)
        for label, widget in (("Export as", self.kind), ("Word document", self.preset), ("At review", self.review),
                              ("Protective marking", self.marking), ("Table columns", self.columns)):
            widget.setAccessibleName(label)
            form.addRow(f"{label}:", widget)
        self.kind.currentTextChanged.connect(self._kind_chosen)
        self._kind_chosen(self.kind.currentText())
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        fit_window(self, QSize(560, self.sizeHint().height()))

    def _kind_chosen(self, kind: str) -> None:
        """The Word-only choices are greyed out for the tracker (it has its own sheets and columns)."""
        for widget in (self.preset, self.marking, self.columns):
            widget.setEnabled(kind == "Word document")

    def word_options(self) -> WordOptions:
        keys = [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]
        columns = tuple(Column(k, COLUMN_TITLES[k]) for k in keys) or WordOptions().columns
        return WordOptions.for_preset(self.preset.currentData(), review_id=self.review.currentData(),
                                      marking=self.marking.text().strip(), columns=columns)

    def remember(self, window: MainWindow) -> None:
        if window.settings is None:
            return
        hidden = [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                  if self.columns.item(i).checkState() != Qt.CheckState.Checked]
        for key, value in (("kind", self.kind.currentText()), ("preset", self.preset.currentText()),
                           ("marking", self.marking.text()), ("hidden_columns", ",".join(hidden))):
            window.settings.setValue(f"export/{key}", value)


def export(window: MainWindow) -> None:
    dialog = ExportDialog(window)
    if not dialogs().run(dialog):
        return
    dialog.remember(window)
    word = dialog.kind.currentText() == "Word document"
    session = window.session
    settings = window.settings
    beside = output_folder(session.document.path)
    folder = Path(str(settings.value("export_folder", beside))) if settings else beside
    name = f"{session.document.path.stem} - {dialog.preset.currentText() if word else 'tracker'}"
    target = dialogs().save_file(window, "Export", str(folder / f"{name}.{'docx' if word else 'xlsx'}"),
                                 "Word documents (*.docx)" if word else "Excel workbooks (*.xlsx)")
    if target is None:
        return
    if settings is not None:
        settings.setValue("export_folder", str(target.parent))
    plan = snapshot(session.plan)  # taken here, on the GUI thread: edits made meanwhile cannot reach the export
    if word:
        options = dialog.word_options()

        def work(progress: Callable[[int, int], None]) -> Path:
            from sendplan.exporters.word import export_docx

            return export_docx(plan, target, options, progress=progress).path
    else:
        review_id = dialog.review.currentData()

        def work(progress: Callable[[int, int], None]) -> Path:
            from sendplan.exporters.excel import export_tracker

            progress(0, 1)
            return export_tracker(plan, target, review_id)
    run_in_background(window, work, f"Exporting to {target.name}…", lambda path: _finished(window, path),
                      "Export failed")


def _finished(window: MainWindow, path: Path) -> None:
    """The plain "Export finished" box: Open file, Show in folder or Close."""
    window.statusBar().showMessage(f"Exported to {path}", 10000)
    choice = dialogs().finished(window, "Export finished", f"Written to {path}.", ["Open file", "Show in folder"])
    if choice == "Open file":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif choice == "Show in folder":
        dialogs().open_folder(path.parent)

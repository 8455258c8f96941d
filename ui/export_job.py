"""Exporting: the Export dialog, and the job that writes the file on a worker thread from a snapshot.

The job is kept by the window until it finishes or fails, whatever else happens meanwhile
(clearing filters, switching pages); the "Export finished" box offers Open file, Show in folder
and Close.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
)
from sendplan.exporters.word.options import COLUMN_TITLES, DEFAULT_COLUMNS, Column, WordOptions
from sendplan.ui.services import dialogs
from sendplan.ui.threads import collector_paused

from sendplan.codec import snapshot
from sendplan.logs import log_path
from sendplan.paths import output_folder

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow

PRESETS = {"Review pack": "review-pack", "Publication (accessible)": "publication", "Action tables only": "table-only"}


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(str)
    failed = Signal(str)


class ExportJob(QRunnable):
    """Writes one export on a worker thread; the plan it gets is a snapshot the GUI no longer touches."""

    def __init__(self, work: Callable[[Callable[[int, int], None]], Path]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with collector_paused():
                path = self.work(self.signals.progress.emit)
        except OSError as error:
            self.signals.failed.emit(f"The file could not be written: {error.strerror or error}.")
        except Exception:  # noqa: BLE001 - reported to the user, never a silent failure
            logging.getLogger("sendplan").exception("background job failed")
            self.signals.failed.emit("The file could not be written because of an unexpected problem. Nothing "
                                     f"half-written was left behind; the details are in {log_path()}.")
        else:
            self.signals.done.emit(str(path))


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Export")
        self.setMinimumWidth(560)
        settings = window.settings
        remembered = (lambda key, default: str(settings.value(f"export/{key}", default))) if settings else (
            lambda key, default: default)
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItems(["Word document", "Excel tracker"])
        self.kind.setCurrentText(remembered("kind", "Word document"))
        self.preset = QComboBox()
        self.preset.addItems(list(PRESETS))
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
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def word_options(self) -> WordOptions:
        keys = [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]
        columns = tuple(Column(k, COLUMN_TITLES[k]) for k in keys) or WordOptions().columns
        return WordOptions.for_preset(PRESETS[self.preset.currentText()], review_id=self.review.currentData(),
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
            from sendplan.exporters.word.write.document import export_docx

            return export_docx(plan, target, options, progress=progress).path
    else:
        review_id = dialog.review.currentData()

        def work(progress: Callable[[int, int], None]) -> Path:
            from sendplan.exporters.excel.write.workbooks import export_tracker

            progress(0, 1)
            return export_tracker(plan, target, review_id)
    run_in_background(window, work, f"Exporting to {target.name}…")


def run_in_background(window: MainWindow, work: Callable[[Callable[[int, int], None]], Path], message: str,
                      on_done: Callable[[str], None] | None = None, failed_title: str = "Export failed") -> None:
    """Run ``work`` on a worker thread with a progress bar, kept until it ends; ``on_done`` (else the
    "Export finished" box) gets the path written."""
    bar = QProgressBar()
    bar.setAccessibleName(message)
    bar.setMaximumWidth(220)
    window.statusBar().addWidget(bar)
    window.statusBar().showMessage(message)
    job = ExportJob(work)

    def progress(done: int, total: int) -> None:
        bar.setMaximum(max(1, total))
        bar.setValue(done)

    def finished(path: str) -> None:
        window.statusBar().removeWidget(bar)
        bar.deleteLater()
        window.export_jobs.remove(job)
        if on_done is not None:
            on_done(path)
            return
        window.statusBar().showMessage(f"Exported to {path}", 10000)
        choice = dialogs().finished(window, "Export finished", f"Written to {path}.", ["Open file", "Show in folder"])
        if choice == "Open file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        elif choice == "Show in folder":
            dialogs().open_folder(Path(path).parent)

    def failed(message_text: str) -> None:
        window.export_jobs.remove(job)
        window.statusBar().removeWidget(bar)
        bar.deleteLater()
        dialogs().warn(window, failed_title, message_text)

    job.signals.progress.connect(progress)
    job.signals.done.connect(finished)
    job.signals.failed.connect(failed)
    window.export_jobs.append(job)
    QThreadPool.globalInstance().start(job)


"""The review cycle's actions on the main window: start a review, returns out and in, and export
(which runs on a worker thread, on a snapshot of the plan, with a progress bar)."""

from __future__ import annotations

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
from sendplan.exporters.word_options import COLUMN_TITLES, DEFAULT_COLUMNS, Column, WordOptions
from sendplan.ui.cycle_dialogs import MergeDialog, ReturnsOutDialog, StartReviewDialog
from sendplan.ui.services import dialogs

from sendplan.codec import snapshot
from sendplan.commands import AddItem, CommandGroup, SetRag
from sendplan.model import Review

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow

PRESETS = {"Review pack": "review-pack", "Publication (accessible)": "publication", "Action tables only": "table-only"}


def start_review(window: MainWindow) -> None:
    session = window.session
    plan = session.plan
    dialog = StartReviewDialog(plan, window)
    if not dialogs().run(dialog):
        return
    review = Review(label=dialog.label.text().strip(), short_label=dialog.short.text().strip(),
                    day=dialog.chosen_day(), colour=dialog.colour.currentData(), period=dialog.period.text().strip())
    add = AddItem(plan, None, "reviews", review)
    add.apply(plan)  # the ratings are built against the plan with the review in it
    carried = [SetRag(plan, a.id, review.id, plan.current_rating(a)) for _, _, a in plan.iter_actions()
               if dialog.carry.isChecked() and plan.current_rating(a)]
    add.revert(plan)
    session.push(CommandGroup(f"Start the {review.label}", [add, *carried]))
    session.set_current_review(review)
    window._fill_reviews()


def returns_out(window: MainWindow) -> None:
    from sendplan.exporters.xlsx_workbooks import write_returns

    session = window.session
    folder = str(session.document.path.parent / "Update returns")
    dialog = ReturnsOutDialog(session.plan, folder, window)
    if not dialogs().run(dialog):
        return
    owners = dialog.chosen_owners()
    if not owners:
        dialogs().inform(window, "No returns written", "Tick at least one owner.")
        return
    try:
        written = write_returns(session.plan, Path(dialog.folder.text()), dialog.review.currentData(), owners)
    except OSError as error:
        dialogs().warn(window, "Returns not written", f"Could not write to “{dialog.folder.text()}”: "
                       f"{error.strerror or error}.")
        return
    window.statusBar().showMessage(f"Wrote {len(written.files)} update returns to {written.folder}", 10000)
    dialogs().open_folder(written.folder)


def returns_in(window: MainWindow) -> None:
    from sendplan.exporters.xlsx_merge import read_returns

    session = window.session
    paths = dialogs().open_files(window, "Choose the returned workbooks or Word documents",
                                 str(session.document.path.parent),
                                 "Returned updates (*.xlsx *.docx);;Excel workbooks (*.xlsx);;Word documents (*.docx)")
    if not paths:
        return
    review = session.current_review
    result = read_returns(session.plan, paths, review.id if review else None)
    if not result.changes:
        dialogs().inform(window, "Nothing to merge", "\n".join(["No changes were found in the returns.",
                                                                *result.problems[:10]]))
        return
    if not dialogs().run(MergeDialog(result, window)):
        return
    command = result.command(session.plan)
    if command is not None:
        session.push(command)
        window.statusBar().showMessage(command.label, 10000)


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
            path = self.work(self.signals.progress.emit)
        except OSError as error:
            self.signals.failed.emit(f"The file could not be written: {error.strerror or error}.")
        except Exception as error:  # noqa: BLE001 - reported to the user, never a silent failure
            self.signals.failed.emit(f"The export failed ({type(error).__name__}: {error}).")
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
    folder = Path(str(settings.value("export_folder", session.document.path.parent))) if settings else \
        session.document.path.parent
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
            from sendplan.exporters.xlsx_workbooks import export_tracker

            progress(0, 1)
            return export_tracker(plan, target, review_id)
    run_in_background(window, work, f"Exporting to {target.name}…")


def run_in_background(window: MainWindow, work: Callable[[Callable[[int, int], None]], Path], message: str) -> None:
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
        window.statusBar().showMessage(f"Exported to {path}", 10000)
        choice = dialogs().choose(window, "Export finished", f"Written to {path}.", ["Open file", "Show in folder"])
        if choice == "Open file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        elif choice == "Show in folder":
            dialogs().open_folder(Path(path).parent)

    def failed(message_text: str) -> None:
        window.statusBar().removeWidget(bar)
        bar.deleteLater()
        dialogs().warn(window, "Export failed", message_text)

    job.signals.progress.connect(progress)
    job.signals.done.connect(finished)
    job.signals.failed.connect(failed)
    window.export_jobs.append(job)
    QThreadPool.globalInstance().start(job)


"""Work off the GUI thread: a job with a progress bar in the status bar, kept by the window until it ends.

Exports, writing returns and reading returns all run here, on a plan (or files) the GUI no longer
touches; the window stays usable meanwhile. A failure is told in plain words: an ``OSError`` names
the file, anything else points to the log, never an exception's name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget
from sendplan.ui.services import dialogs
from sendplan.ui.threads import collector_paused

from sendplan.logs import log_path

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow

Progress = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class BackgroundJob(QRunnable):
    """Runs ``work(progress)`` on a worker thread and reports its result, or a plain message, by signal."""

    def __init__(self, work: Callable[[Progress], Any], what: str) -> None:
        super().__init__()
        self.work = work
        self.what = what  # "written" or "read": said when a file fails
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with collector_paused():
                result = self.work(self.signals.progress.emit)
        except OSError as error:
            name = f" ({error.filename})" if error.filename else ""
            self.signals.failed.emit(f"The file could not be {self.what}: {error.strerror or error}{name}.")
        except Exception:  # noqa: BLE001 - reported to the user, never a silent failure
            logging.getLogger("sendplan").exception("background job failed")
            after = (" Nothing half-written was left behind; the details are in" if self.what == "written"
                     else " The details are in")
            self.signals.failed.emit(f"The file could not be {self.what} because of an unexpected problem."
                                     f"{after} {log_path()}.")
        else:
            self.signals.done.emit(result)


class _JobLine(QWidget):
    """What a job is doing, in words, and its progress bar beside them."""

    def __init__(self, message: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(message)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(message[:40]))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(message)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addStretch(1)


def run_in_background(window: MainWindow, work: Callable[[Progress], Any], message: str,
                      on_done: Callable[[Any], None], failed_title: str, *, what: str = "written") -> None:
    """Run ``work`` on a worker thread with a progress bar, kept until it ends; ``on_done`` gets its result."""
    shown = _JobLine(message)  # the words beside the bar, never under it (a status message is painted over by it)
    bar = shown.bar
    window.statusBar().addWidget(shown, 1)
    job = BackgroundJob(work, what)

    def progress(done: int, total: int) -> None:
        bar.setMaximum(max(1, total))
        bar.setValue(done)

    def end() -> None:
        window.export_jobs.remove(job)
        window.statusBar().removeWidget(shown)
        shown.deleteLater()

    def finished(result: Any) -> None:
        end()
        on_done(result)

    def failed(message_text: str) -> None:
        end()
        dialogs().warn(window, failed_title, message_text)

    job.signals.progress.connect(progress)
    job.signals.done.connect(finished)
    job.signals.failed.connect(failed)
    window.export_jobs.append(job)
    QThreadPool.globalInstance().start(job)

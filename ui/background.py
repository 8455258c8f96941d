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
from PySide6.QtWidgets import QProgressBar
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


def run_in_background(window: MainWindow, work: Callable[[Progress], Any], message: str,
                      on_done: Callable[[Any], None], failed_title: str, *, what: str = "written") -> None:
    """Run ``work`` on a worker thread with a progress bar, kept until it ends; ``on_done`` gets its result."""
    bar = QProgressBar()
    bar.setAccessibleName(message)
    bar.setMaximumWidth(220)
    window.statusBar().addWidget(bar)
    window.statusBar().showMessage(message)
    job = BackgroundJob(work, what)

    def progress(done: int, total: int) -> None:
        bar.setMaximum(max(1, total))
        bar.setValue(done)

    def end() -> None:
        window.export_jobs.remove(job)
        window.statusBar().removeWidget(bar)
        bar.deleteLater()
        if window.statusBar().currentMessage() == message:  # "Exporting to…" must not outlive the job
            window.statusBar().clearMessage()

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

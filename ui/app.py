"""Start the desktop app: the start screen, the application object, unexpected errors, screenshots.

Opening plans lives in :mod:`sendplan.ui.opening`; its names are re-exported here for callers.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.look import apply_look
from sendplan.ui.main_window import MainWindow
from sendplan.ui.opening import (  # noqa: F401 - re-exported for callers and tests
    PLAN_FILTER,
    _windows,
    app_icon,
    import_dialog,
    new_plan_dialog,
    open_dialog,
    open_plan,
    recent_files,
    remember,
    reopen,
    settings,
)
from sendplan.ui.screen_fit import fit_window
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan import __version__
from sendplan.document import PlanDocument
from sendplan.logs import log_path
from sendplan.storage import LoadedPlan

RECENT_FOLDER_PX = 380  # the room for a recent plan's folder, elided in the middle beyond it


def recent_label(path: Path, metrics: QFontMetrics) -> str:
    """A recent plan as the start screen lists it: its name and its folder, the folder elided in the middle
    ("C:\\Users\\…\\Documents\\SEND") so plans of the same name in different folders are told apart."""
    folder = metrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, RECENT_FOLDER_PX)
    return f"{path.name}  —  {folder}"


class StartScreen(QWidget):
    """Recent plans, and the ways to begin."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("sendplan")
        self.setAccessibleName("sendplan start screen")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h1>sendplan</h1><p>Keep your SEND action plan structured, safe and up to "
                                "date, and produce the Word document reviewers expect.</p>"))
        layout.addWidget(QLabel("<b>Recent plans</b>"))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent plans: press Enter to open")
        metrics = self.recent.fontMetrics()
        for name in recent_files():
            found = Path(name).is_file()  # kept when missing: a plan on a drive that is not connected comes back
            item = QListWidgetItem(recent_label(Path(name), metrics) + ("" if found else "  (not found)"))
            item.setToolTip(name if found else f"{name}\nNot found: it may have been moved or renamed, or be on a "
                                               "drive that is not connected.")
            if not found:
                item.setForeground(self.palette().placeholderText())
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.recent.addItem(item)
        if not recent_files():
            self.recent.addItem("No recent plans yet")
        self.recent.itemActivated.connect(self._open_recent)
        layout.addWidget(self.recent, 1)
        from sendplan.ui.start_from import import_tracker, new_from_report

        for label, row in (("New plan:", (("&Blank…", lambda: new_plan_dialog(self)),
                                          ("From inspection &report…", lambda: new_from_report(self, open_plan)),
                                          ("From &Word plan…", lambda: import_dialog(self)),
                                          ("From &Excel tracker…", lambda: import_tracker(self, open_plan)))),
                           ("", (("&Open…", lambda: open_dialog(self)), ("Open &sample plan", self.open_sample)))):
            buttons = QHBoxLayout()
            buttons.addWidget(QLabel(f"<b>{label}</b>" if label else ""))
            for text, slot in row:
                button = QPushButton(text)
                name = text.replace("&", "").rstrip("…")
                button.setAccessibleName(f"New plan: {name.lower()}" if label else name)
                button.clicked.connect(lambda _checked=False, s=slot: self._then_close(s()))
                buttons.addWidget(button)
            layout.addLayout(buttons)
        fit_window(self, QSize(640, 460))

    def _then_close(self, window: MainWindow | None) -> None:
        if window is not None:
            self.close()

    def _open_recent(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name:
            self._then_close(open_plan(Path(name), self))

    def open_sample(self) -> MainWindow | None:
        from sendplan.samples import fresh_sample_copy

        return open_plan(fresh_sample_copy(), self)


def application() -> QApplication:
    """The application object (made once), with the app's look: readable colours and clear focus frames."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setApplicationName("sendplan")
        QApplication.setOrganizationName("sendplan")
        QApplication.setApplicationVersion(__version__)
        app = QApplication(sys.argv[:1])
        app.setWindowIcon(app_icon())
    apply_look(app)
    return app


def report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Every unexpected error in the app: logged, and shown in a dialog — never a silent exit."""
    details = "".join(traceback.format_exception(kind, error, trace))
    logging.getLogger("sendplan").error("unexpected error\n%s", details)
    log = log_path()
    dialogs().error(None, "Something went wrong",
                    f"sendplan hit an unexpected problem ({kind.__name__}: {error}). Your plan is saved "
                    f"automatically after every change. The details are in {log}; “Copy details” puts them "
                    "on the clipboard for your IT helpdesk.", f"sendplan {__version__}\n{details}")


def run_app(path: Path | None, *more: Path, loaded: Sequence[LoadedPlan] = ()) -> int:
    """The ``sendplan`` command's GUI: the plan at ``path`` (and any ``more``, each in its window), or the
    start screen. ``loaded``: the plans as the caller has read them already, in the same order."""
    app = application()
    sys.excepthook = report_unexpected
    if path is not None:
        paths = (path, *more)
        ready = [*loaded, *[None] * (len(paths) - len(loaded))]
        opened = [open_plan(Path(each), loaded=read) for each, read in zip(paths, ready, strict=True)]
        if not any(opened):
            return 1
    else:
        start = StartScreen()
        _windows.append(start)
        start.show()
    return app.exec()


def screenshot(path: Path, output: Path, page: str | None = None) -> None:
    """Render the main window on ``path`` (offscreen, 1366×768) to a PNG; ``page`` is a navigator entry
    or "Review mode"."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application()
    document = PlanDocument.open(path, backups=False)
    window = MainWindow(PlanSession(document, autosave=False))  # a screenshot never writes to the plan
    window.resize(1366, 768)  # the common council laptop
    if page == "Review mode":
        window.enter_review_mode()
    elif page:
        recursive = Qt.MatchFlag.MatchRecursive
        matches = (window.navigator.findItems(page, Qt.MatchFlag.MatchFixedString | recursive)
                   or window.navigator.findItems(page, Qt.MatchFlag.MatchContains | recursive))
        if not matches:
            raise ValueError(f"no page called “{page}”")
        window.navigator.setCurrentItem(matches[0])
    else:
        first = next((action for _, _, action in document.plan.iter_actions()), None)
        if first is not None:
            window.select_action(first.id)
    window.show()
    QApplication.processEvents()
    if not window.grab().save(str(output), "PNG"):
        raise OSError(f"could not write {output}")
    window.close()

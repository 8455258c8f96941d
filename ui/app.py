"""Start the desktop app: the start screen, opening plans (locks, read-only), recent files, screenshots."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon
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
from sendplan.ui.main_window import MainWindow
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan import __version__
from sendplan.document import PlanDocument
from sendplan.logs import log_path
from sendplan.model import new_plan
from sendplan.storage import PLAN_SUFFIX, PlanLoadError

PLAN_FILTER = f"sendplan plans (*{PLAN_SUFFIX});;All files (*)"
MAX_RECENT = 10
_windows: list[QWidget] = []  # keep top-level windows alive


def settings() -> QSettings:
    return QSettings("sendplan", "sendplan")


def app_icon() -> QIcon:
    from sendplan.resources import icon_path

    return QIcon(str(icon_path("sendplan.svg")))


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    files = value if isinstance(value, list) else [value] if value else []
    return [f for f in files if isinstance(f, str)]


def remember(path: Path) -> None:
    files = [str(path)] + [f for f in recent_files() if f != str(path)]
    settings().setValue("recent", files[:MAX_RECENT])


def open_plan(path: Path, parent: QWidget | None = None) -> MainWindow | None:
    """Open ``path`` in a new main window; explain (and return None) when it cannot be opened."""
    try:
        document = PlanDocument.open(path)
    except PlanLoadError as error:
        dialogs().warn(parent, "Cannot open the plan", error.message)
        return None
    session = PlanSession(document)
    if document.read_only:
        dialogs().inform(parent, "Opened read-only", document.read_only_reason)
    elif not session.acquire_lock():
        choice = dialogs().choose(
            parent, "The plan is open elsewhere",
            f"“{path.name}” is being edited by {session.lock_message}. Open it read-only, or take it over? "
            "Taking over while they are still working can lose their changes.",
            ["Open read-only", "Take over"])
        if choice is None:
            return None
        if choice == "Take over":
            session.acquire_lock(take_over=True)
        else:
            session.open_read_only(f"{session.lock_message} is editing this plan, so it is open read-only.")
    for notice in document.notices:
        dialogs().inform(parent, "Plan upgraded", notice)
    window = MainWindow(session, settings())
    window.setWindowIcon(app_icon())
    window.show_page("Dashboard")  # the plan's landing page
    remember(path)
    _windows.append(window)
    window.show()
    return window


def reopen(window: MainWindow, path: Path, *, save_first: bool = True) -> None:
    if save_first:
        window.session.save_now()
    window.session.dirty = False
    window.close()
    open_plan(path)


def open_dialog(parent: QWidget | None) -> MainWindow | None:
    folder = str(Path(recent_files()[0]).parent) if recent_files() else str(Path.home())
    path = dialogs().open_file(parent, "Open a plan", folder, PLAN_FILTER)
    return open_plan(path, parent) if path else None


def new_plan_dialog(parent: QWidget | None) -> MainWindow | None:
    title = dialogs().ask_text(parent, "New plan", "Title of the plan:", "SEND Written Statement of Action")
    if title is None:
        return None
    path = dialogs().save_file(parent, "Save the new plan as", str(Path.home() / f"{title}{PLAN_SUFFIX}"), PLAN_FILTER)
    if path is None:
        return None
    if path.suffix != PLAN_SUFFIX:
        path = path.with_suffix(PLAN_SUFFIX)
    try:
        PlanDocument.create(path, new_plan(title))
    except (FileExistsError, OSError) as error:
        dialogs().warn(parent, "Plan not created", str(error))
        return None
    return open_plan(path, parent)


def import_dialog(parent: QWidget | None) -> MainWindow | None:
    """Pick a Word plan, import it, show what the import found, save it as a new plan and open it."""
    from sendplan.exporters.office_package import OfficeFileError
    from sendplan.exporters.word_import import import_docx

    folder = str(Path(recent_files()[0]).parent) if recent_files() else str(Path.home())
    source = dialogs().open_file(parent, "Import a Word action plan", folder,
                                 "Word documents (*.docx *.docm *.dotx *.dotm)")
    if source is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = import_docx(source)
    except OfficeFileError as error:
        dialogs().warn(parent, "Not imported", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    from sendplan.ui.cycle_dialogs import ImportPreviewDialog

    if not dialogs().run(ImportPreviewDialog(result, parent)):
        return None
    target = dialogs().save_file(parent, "Save the imported plan as",
                                 str(source.with_suffix(PLAN_SUFFIX)), PLAN_FILTER)
    if target is None:
        return None
    try:
        PlanDocument.create(target.with_suffix(PLAN_SUFFIX), result.plan)
    except (FileExistsError, OSError) as error:
        dialogs().warn(parent, "Plan not saved", str(error))
        return None
    return open_plan(target.with_suffix(PLAN_SUFFIX), parent)


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
        for name in recent_files():
            item = QListWidgetItem(Path(name).name)
            item.setToolTip(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.recent.addItem(item)
        if not recent_files():
            self.recent.addItem("No recent plans yet")
        self.recent.itemActivated.connect(self._open_recent)
        layout.addWidget(self.recent, 1)
        buttons = QHBoxLayout()
        for text, slot in (("&New plan…", lambda: new_plan_dialog(self)), ("&Open…", lambda: open_dialog(self)),
                           ("&Import Word plan…", lambda: import_dialog(self)),
                           ("Open &sample plan", self.open_sample)):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, s=slot: self._then_close(s()))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(640, 460)

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
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setApplicationName("sendplan")
    QApplication.setOrganizationName("sendplan")
    QApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
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


def run_app(path: Path | None) -> int:
    """The ``sendplan`` command's GUI: the plan at ``path``, or the start screen."""
    app = application()
    sys.excepthook = report_unexpected
    if path is not None:
        if open_plan(Path(path)) is None:
            return 1
    else:
        start = StartScreen()
        _windows.append(start)
        start.show()
    return app.exec()


def screenshot(path: Path, output: Path, page: str | None = None) -> None:
    """Render the main window on ``path`` (offscreen) to a PNG; ``page`` is a navigator entry."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application()
    document = PlanDocument.open(path, backups=False)
    window = MainWindow(PlanSession(document, autosave=False))  # a screenshot never writes to the plan
    window.resize(1500, 900)
    if page:
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

"""Opening plans in windows: open (with the lock and read-only handling), new, import from Word,
reopen, and the recent-files list. The main window reaches these through the :class:`Opener` it is
given, so nothing imports the app or this module back (no import circle).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget
from sendplan.ui.drafts import DraftJournal, offer_recovered
from sendplan.ui.folders import (
    documents_folder,
    output_folder,
    recent_files,
    remember_source,
    settings,
    source_folder,
)
from sendplan.ui.main_window import MainWindow
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan.document import PlanDocument
from sendplan.model import new_plan
from sendplan.review_state import review_under_way
from sendplan.storage import PLAN_SUFFIX, LoadedPlan, PlanLoadError

PLAN_FILTER = f"sendplan plans (*{PLAN_SUFFIX});;All files (*)"
MAX_RECENT = 10
_windows: list[QWidget] = []  # keep top-level windows alive


def app_icon() -> QIcon:
    from sendplan.resources import icon_path

    return QIcon(str(icon_path("sendplan.svg")))


def remember(path: Path) -> None:
    """Put ``path`` first among the recent plans, by its full path (a plan opened as "plan.sendplan" from a
    command prompt must still open from the start screen later, wherever that starts)."""
    full = os.path.abspath(path)
    files = [full] + [f for f in recent_files() if f != full]
    settings().setValue("recent", files[:MAX_RECENT])


def open_plan(path: Path, parent: QWidget | None = None, *, loaded: LoadedPlan | None = None) -> MainWindow | None:
    """Open ``path`` in a new main window (``loaded``: as the caller already read it); explain (and
    return None) when it cannot be opened."""
    try:
        document = PlanDocument.from_loaded(loaded) if loaded is not None else PlanDocument.open(path)
    except PlanLoadError as error:
        dialogs().warn(parent, "Cannot open the plan", error.message)
        return None
    session = PlanSession(document)
    if document.read_only:
        dialogs().inform(parent, "Opened read-only", document.read_only_reason)
    elif not session.acquire_lock() and not _lock_or_read_only(session, path, parent):
        return None
    recovered = offer_recovered(parent, session)  # before anything else: what was being typed when sendplan closed
    for notice in document.notices:
        dialogs().inform(parent, "About this plan", notice)
    window = MainWindow(session, settings(), opener=Opener())
    if not session.read_only:
        window.journal = DraftJournal(session, recovered.drafts)
    window.setWindowIcon(app_icon())
    under_way = review_under_way(session.plan, session.current_review)
    if recovered.action_id is not None:  # the text just put back, where it was typed, not the next action due
        window.show_page("All actions")
        window.select_action(recovered.action_id)
        if under_way:
            window.enter_review_mode()
    else:
        window.show_page("Review mode" if under_way else "Dashboard")  # the landing page
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
    recent = recent_files()
    folder = str(output_folder(Path(recent[0]))) if recent else str(documents_folder())  # not a sample's folder
    path = dialogs().open_file(parent, "Open a plan", folder, PLAN_FILTER)
    return open_plan(path, parent) if path else None


def new_plan_dialog(parent: QWidget | None) -> MainWindow | None:
    title = dialogs().ask_text(parent, "New plan", "Title of the plan:", "SEND Written Statement of Action")
    if title is None:
        return None
    path = dialogs().save_file(parent, "Save the new plan as", str(documents_folder() / f"{title}{PLAN_SUFFIX}"),
                               PLAN_FILTER)
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
    from sendplan.exporters.word import prepare_docx
    from sendplan.ui.import_preview import preview_import

    source = dialogs().open_file(parent, "Import a Word action plan", str(source_folder()),
                                 "Word documents (*.docx *.docm *.dotx *.dotm)")
    if source is None:
        return None
    remember_source(source)
    result = preview_import(parent, prepare_docx, source, "Import a Word action plan")
    if result is None:
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


def _lock_or_read_only(session: PlanSession, path: Path, parent: QWidget | None) -> bool:
    """The plan is locked by someone else (or no lock can be made): open it read-only, or take it over after a
    warning. False when the officer cancelled."""
    if not session.lock_message:
        why = session.lock_unavailable
        reason = (f"sendplan could not put its lock file beside the plan ({why}), so it is open read-only; save a "
                  "copy to keep changes." if why else
                  "Its folder does not accept new files, so it is open read-only; save a copy to keep changes.")
        session.open_read_only(reason)
        dialogs().inform(parent, "Opened read-only", reason)
        return True
    holder = session.lock_message
    choice = dialogs().choose(
        parent, "The plan is open elsewhere",
        f"“{path.name}” is being edited by {holder}. Open it read-only, or take it over? "
        "Taking over while they are still working can lose their changes.", ["Open read-only", "Take over"])
    if choice is None:
        return False
    if choice == "Take over" and session.acquire_lock(take_over=True):
        return True
    if choice == "Take over":
        session.open_read_only(f"{holder} still has this plan open, so it could not be taken over; it is open "
                               "read-only.")
        dialogs().inform(parent, "Not taken over", f"{holder} still has “{path.name}” open on their computer, so "
                         "it cannot be taken over; it is open read-only. Ask them to close it, or save a copy.")
        return True
    session.open_read_only(f"{holder} is editing this plan, so it is open read-only.")
    return True


class Opener:
    """What the File menu of a window needs from here."""

    def new_plan(self, parent: QWidget | None) -> MainWindow | None:
        return new_plan_dialog(parent)

    def open(self, parent: QWidget | None) -> MainWindow | None:
        return open_dialog(parent)

    def import_word(self, parent: QWidget | None) -> MainWindow | None:
        return import_dialog(parent)

    def new_from_report(self, parent: QWidget | None) -> MainWindow | None:
        from sendplan.ui import start_from

        return start_from.new_from_report(parent, open_plan)

    def import_tracker(self, parent: QWidget | None) -> MainWindow | None:
        from sendplan.ui import start_from

        return start_from.import_tracker(parent, open_plan)

    def reopen(self, window: MainWindow, path: Path, *, save_first: bool = True) -> None:
        reopen(window, path, save_first=save_first)

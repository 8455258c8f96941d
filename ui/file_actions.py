"""The File menu: new, open, save a copy, restore from backup, export, and resolving conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from sendplan.ui.services import dialogs

from sendplan import __version__
from sendplan.backups import list_backups, restore_backup
from sendplan.storage import PlanLoadError

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow

PLAN_FILTER = "sendplan plans (*.sendplan);;All files (*)"


class FileActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.window.session

    def fill(self, menu: QMenu) -> None:
        opener = self.window.opener
        if opener is not None:
            new = menu.addMenu("&New plan")
            new.addAction("&Blank…", QKeySequence.StandardKey.New, lambda: opener.new_plan(self.window))
            new.addAction("From inspection &report…", lambda: opener.new_from_report(self.window))
            new.addAction("From &Word plan…", lambda: opener.import_word(self.window))
            new.addAction("From &Excel tracker…", lambda: opener.import_tracker(self.window))
            menu.addAction("&Open…", QKeySequence.StandardKey.Open, lambda: opener.open(self.window))
            menu.addAction("&Import Word plan…", lambda: opener.import_word(self.window))
            menu.addAction("Import &Excel tracker…", lambda: opener.import_tracker(self.window))
            menu.addSeparator()
        menu.addAction("Save a &copy as…", QKeySequence("Ctrl+Shift+S"), self.save_copy)
        menu.addAction("&Restore from backup…", self.restore)
        menu.addSeparator()
        menu.addAction("&Export…", QKeySequence("Ctrl+E"), self.export)
        menu.addSeparator()
        menu.addAction("&Close", QKeySequence.StandardKey.Close, self.window.close)
        menu.addAction("&Quit", QKeySequence.StandardKey.Quit, QApplication.closeAllWindows)

    def export(self) -> None:
        from sendplan.ui import export_job  # the export dialog loads when it is first asked for

        export_job.export(self.window)

    def save_copy(self) -> bool:
        document = self.session.document
        suggested = str(document.path.with_name(f"{document.path.stem} (copy).sendplan"))
        target = dialogs().save_file(self.window, "Save a copy of the plan", suggested, PLAN_FILTER)
        if target is None:
            return False
        try:
            document.save_copy(target)
        except OSError as error:
            dialogs().warn(self.window, "Copy not saved", f"Could not write “{target}”: {error.strerror or error}.")
            return False
        self.window.statusBar().showMessage(f"Copy saved as {target}", 8000)
        return True

    def restore(self) -> None:
        document = self.session.document
        backups = list_backups(document.path)
        if not backups:
            dialogs().inform(self.window, "No backups yet", "There are no backups of this plan yet.")
            return
        labels = [b.describe() for b in backups]
        choice = dialogs().choose_item(self.window, "Restore from backup", "Put this backup back as the plan "
                                       "(the current version is kept as a backup too):", labels)
        if choice is None:
            return
        backup = backups[labels.index(choice)]
        self.session.save_now()
        try:
            restore_backup(backup.path, document.path)
        except (PlanLoadError, OSError) as error:
            dialogs().warn(self.window, "Not restored", getattr(error, "message", str(error)))
            return
        self._reopen(save_first=True)

    def _reopen(self, *, save_first: bool) -> None:
        opener = self.window.opener
        if opener is not None:
            opener.reopen(self.window, self.session.document.path, save_first=save_first)

    def resolve_conflict(self) -> None:
        choice = dialogs().choose(
            self.window, "The plan was changed by someone else",
            f"“{self.session.document.path.name}” was changed on disk since you opened it, so your latest edits "
            "have not been written over it. Reload their version (your unsaved edits are lost), save your "
            "version as a copy, or replace their changes with yours.",
            ["Reload theirs", "Save mine as a copy…", "Replace theirs with mine"])
        if choice == "Reload theirs":
            self._reopen(save_first=False)
        elif choice == "Save mine as a copy…":
            target = dialogs().save_file(self.window, "Save your version as", str(
                self.session.document.path.with_name(f"{self.session.document.path.stem} (my version).sendplan")),
                PLAN_FILTER)
            if target is not None:
                self.session.move_to(target)
                self.window._update_title()
                self.window.statusBar().showMessage(f"Now editing your version: {target}", 10000)
        elif choice == "Replace theirs with mine":
            self.session.save_now(overwrite=True)

    def about(self) -> None:
        dialogs().inform(self.window, "About sendplan",
                         f"sendplan {__version__}\nAn offline editor for SEND action plans. It never connects to "
                         "the internet; your plans stay in the files you choose.")


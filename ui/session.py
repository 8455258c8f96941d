"""One open plan in the app: undo stack, autosave, the lock beside the file, and external changes.

Edits are core commands wrapped in QUndoCommands; every apply/revert emits :attr:`changed` with the
core's change record so views refresh precisely. The plan is saved shortly after each edit, written
on a worker thread (see :mod:`sendplan.ui.autosave`) so a save never blocks typing, and saved
synchronously before closing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sendplan.ui.autosave import BackgroundWriter

from sendplan import __version__
from sendplan.commands import Change, Command
from sendplan.document import PlanDocument
from sendplan.live_tables import LiveTables
from sendplan.model import Plan, Review
from sendplan.plan_lock import LockUnavailable, PlanLock, PlanLocked, lock_path, note_user, read_holder
from sendplan.storage import PlanChangedOnDisk, PlanReadOnly

AUTOSAVE_DELAY_MS = 300


class _UndoAdapter(QUndoCommand):
    def __init__(self, session: PlanSession, command: Command) -> None:
        super().__init__(command.label)
        self.session = session
        self.command = command

    def redo(self) -> None:
        self.session._after(self.command.apply(self.session.plan))

    def undo(self) -> None:
        self.session._after(self.command.revert(self.session.plan))


def lock_holder_text(lock: QLockFile) -> str:
    """"Jo Bloggs on COUNCIL-PC-12 since 10:42 on 22/11/2026" from a lock file's contents."""
    holder = read_holder(Path(lock.fileName()))
    return holder.describe() if holder is not None else "someone else"


def lock_problem(plan_path: Path) -> str:
    """Why no lock file can be made beside the plan (a full disk, a folder that cannot be written), in
    plain words; "" when one can be made after all."""
    probe = PlanLock(plan_path)
    try:
        probe.acquire()
    except LockUnavailable as error:
        return str(error.strerror)
    except PlanLocked:
        return ""
    probe.release()
    return ""


class PlanSession(QObject):
    """The plan being edited, its undo history and its file."""

    changed = Signal(object)  # sendplan.commands.Change
    save_state = Signal(str)  # "Saving…", "Saved 10:42", "Not saved: …", "Read-only"
    review_changed = Signal(object)  # the current Review or None
    conflict = Signal()  # the file was changed by someone else
    saved = Signal(int)  # the plan is on disk with every edit up to this count

    def __init__(self, document: PlanDocument, parent: QObject | None = None, *, autosave: bool = True) -> None:
        super().__init__(parent)
        self.document = document
        self.autosave = autosave
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)
        self.lock: QLockFile | None = None
        self.lock_message = ""
        self.lock_unavailable = ""  # why no lock file can be made beside the plan ("" when one can)
        self.dirty = False
        self.edits = 0  # edits, undos and redos so far: a background save says which it included
        self.current_review: Review | None = document.plan.latest_review()
        self.live_tables = LiveTables(document.plan, app_version=__version__)  # what each autosave writes
        QTimer.singleShot(0, self._prepare_tables)
        self.writer = BackgroundWriter(document)
        self.writer.written.connect(self._written)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_in_background)

    @property
    def plan(self) -> Plan:
        return self.document.plan

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    # -- locking ----------------------------------------------------------------------------------

    def acquire_lock(self, *, take_over: bool = False) -> bool:
        """Lock the plan for this user. False when it cannot be: ``lock_message`` then says who holds it, or
        is "" when nobody does but no lock file can be made beside the plan (``lock_unavailable`` says why:
        a full disk, a folder that refuses new files).

        ``take_over`` (the user was told who holds it and chose to) breaks the other lock through Qt's
        stale-lock API. On Windows that fails while the holder's sendplan still has its lock file open (Qt
        opens it without delete sharing): the plan then stays theirs and this returns False."""
        lock = QLockFile(str(lock_path(self.document.path)))
        lock.setStaleLockTime(0)  # a lock is stale only when its process is gone (same computer)
        acquired = lock.tryLock(0)
        if not acquired and take_over and lock.error() == QLockFile.LockError.LockFailedError:
            acquired = self._break_lock(lock)
        if acquired:
            self.lock, self.lock_message, self.lock_unavailable = lock, "", ""
            self.document.lock_held = True
            note_user(Path(lock.fileName()))
            return True
        if lock.error() != QLockFile.LockError.LockFailedError:  # no lock can be made: not someone else's
            self.lock_unavailable = lock_problem(self.document.path)
            self.lock_message = ""
            return False
        self.lock_message = lock_holder_text(lock)
        return False

    def _break_lock(self, lock: QLockFile) -> bool:
        try:
            removed = lock.removeStaleLockFile()
        except (OSError, RuntimeError):  # whatever the platform reports, the plan stays theirs: never a crash
            removed = False
        return removed and lock.tryLock(0)

    def open_read_only(self, reason: str) -> None:
        self.document.read_only = True
        self.document.read_only_reason = reason
        self.save_state.emit("Read-only")

    def move_to(self, path: Path) -> None:
        """Carry on editing a copy at ``path`` (after "save a copy" resolved a conflict)."""
        self.writer.wait()
        self._unlock()
        self.document.save_as(path)
        self.dirty = False
        self.acquire_lock()
        self.save_state.emit(f"Saved {datetime.now():%H:%M}")

    def release(self) -> None:
        """Closing: end the autosave worker (after its last write) and let go of the lock."""
        self.writer.stop()
        self._unlock()

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
            self.document.lock_held = False

    # -- editing ----------------------------------------------------------------------------------

    def push(self, command: Command) -> None:
        """Apply a core command as one undoable step."""
        if self.read_only:
            return
        self.undo_stack.push(_UndoAdapter(self, command))

    def _after(self, change: Change) -> None:
        self.live_tables.note(change)
        self.dirty = True
        self.edits += 1
        if self.current_review is not None and all(r is not self.current_review for r in self.plan.reviews):
            self.current_review = self.plan.latest_review()  # it was deleted, or its creation undone
            self.review_changed.emit(self.current_review)
        self.changed.emit(change)
        if not self.read_only and self.autosave:
            self.save_state.emit("Saving…")
            self._timer.start()

    def set_current_review(self, review: Review | None) -> None:
        self.current_review = review
        self.review_changed.emit(review)

    # -- saving -----------------------------------------------------------------------------------

    def _prepare_tables(self) -> None:
        """Encode the plan once, soon after opening, so no autosave has to encode more than an edit touched."""
        if self.live_tables.plan is self.plan:
            self.live_tables.snapshot()

    def save_in_background(self) -> None:
        """Snapshot the plan here (only what edits touched is encoded again: :class:`LiveTables`) and
        write it on the worker; :meth:`_written` reports the outcome."""
        if not self.dirty or self.read_only:
            return
        if self.live_tables.plan is not self.plan:  # the document holds another plan now: start again
            self.live_tables = LiveTables(self.plan, app_version=__version__)
        self.writer.submit(self.edits, self.live_tables.snapshot())

    def _written(self, edits: int, outcome: str) -> None:
        if not outcome:
            if edits == self.edits:  # nothing was edited while it was being written
                self.dirty = False
            self.save_state.emit(self.saved_text())
            self.saved.emit(edits)
        elif outcome == "read-only":
            self.save_state.emit("Read-only")
        elif outcome == "conflict":
            self.save_state.emit("Not saved: the file was changed by someone else")
            self.conflict.emit()
        else:
            self.save_state.emit(f"Not saved: {outcome}; will retry")
            self._timer.start(5000)

    def save_now(self, *, overwrite: bool = False) -> bool:
        """Write the plan now, on this thread, after any background write. Returns False (and
        reports why) when it could not be written."""
        self._timer.stop()
        self.writer.wait()
        if not self.dirty and not overwrite:
            self.saved.emit(self.edits)  # every edit is on disk already
            return True
        try:
            self.document.save(overwrite_external_changes=overwrite)
        except PlanReadOnly:
            self.save_state.emit("Read-only")
            return False
        except PlanChangedOnDisk:
            self.save_state.emit("Not saved: the file was changed by someone else")
            self.conflict.emit()
            return False
        except PlanLocked as error:
            self.save_state.emit(f"Not saved: {error}")
            if error.taken_over:
                self.conflict.emit()
            else:
                self._timer.start(5000)
            return False
        except OSError as error:
            self.save_state.emit(f"Not saved: {error.strerror or error}; will retry")
            self._timer.start(5000)
            return False
        self.dirty = False
        self.save_state.emit(self.saved_text())
        self.saved.emit(self.edits)
        return True

    def saved_text(self) -> str:
        """"Saved 10:42", saying so when the backup taken after the save could not be written."""
        problem = self.document.backup_problem
        return f"Saved {datetime.now():%H:%M}" + (f" (but: {problem})" if problem else "")

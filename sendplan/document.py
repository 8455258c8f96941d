"""An open plan: the model, the file it lives in, and saving that never overwrites someone else's work.

Every write happens under the plan's lock (:mod:`sendplan.plan_lock`): the lock this process holds for
the session (the app, a command), checked to be still ours, or else taken for the write alone. Under it
the file on disk is hashed and compared with what was loaded or last saved, and a difference raises
:class:`~sendplan.storage.PlanChangedOnDisk` instead of writing, so two writers can never lose each
other's saved edits. A backup is taken when the plan is opened and after saves (see
:mod:`sendplan.backups`); a backup that cannot be written is reported, never a reason not to open or
save the plan itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sendplan import __version__
from sendplan.atomic import remove_stale_temp_files
from sendplan.backups import newest_backup, take_backup
from sendplan.codec import plan_to_tables
from sendplan.model import Plan
from sendplan.plan_lock import PlanLock, PlanLocked, holds_lock, lock_path, read_holder
from sendplan.storage import (
    AtomicJSONStorage,
    LoadedPlan,
    PlanChangedOnDisk,
    PlanLoadError,
    PlanReadOnly,
    content_hash,
    file_hash,
    load_plan,
    save_new_plan,
)
from sendplan.unknown import Unknown

WRITE_LOCK_WAIT = 5.0  # seconds a write waits for another writer's lock (a command, a save) to be let go
_log = logging.getLogger("sendplan")


def load_plan_file(path: str | os.PathLike[str]) -> LoadedPlan:
    """:func:`~sendplan.storage.load_plan`, naming the plan's newest backup in the error when the
    file cannot be opened: how every plan is opened by the app and the command line."""
    try:
        return load_plan(path)
    except PlanLoadError as error:
        error.newest_backup = newest_backup(path)
        raise


class PlanDocument:
    """One plan open for editing. Construct with :meth:`open` or :meth:`create`."""

    def __init__(self, path: Path, plan: Plan, disk_hash: str | None, *, read_only: bool = False,
                 read_only_reason: str = "", notices: list[str] | None = None,
                 backups: bool = True) -> None:
        self.path = path
        self.plan = plan
        self.disk_hash = disk_hash
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.notices = notices or []
        self.backups = backups
        self.unknown = Unknown()  # what the file held that this version does not know: written back with the plan
        self.lock_held = False  # this process holds the plan's lock for the session (the app, a command)
        self.backup_problem = ""  # why the latest backup could not be written ("" when it was)
        self._writing = threading.Lock()  # one write at a time (autosave writes on a worker thread)

    @classmethod
    def from_loaded(cls, loaded: LoadedPlan, *, backups: bool = True) -> PlanDocument:
        document = cls(loaded.path, loaded.plan, loaded.content_hash, read_only=loaded.read_only,
                       read_only_reason=loaded.read_only_reason, notices=loaded.notices,
                       backups=backups)
        document.unknown = loaded.unknown
        if backups:
            document.backup(loaded.raw, "opened")
            if loaded.upgraded and not loaded.read_only:  # the first save writes the new format
                document.backup(loaded.raw, "before-upgrade")
            if document.backup_problem:
                document.notices.append(document.backup_problem)
        if not loaded.read_only:
            remove_stale_temp_files(loaded.path)
        return document

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, backups: bool = True) -> PlanDocument:
        """Load a plan (raises :class:`~sendplan.storage.PlanLoadError`) and back up the original."""
        return cls.from_loaded(load_plan_file(path), backups=backups)

    @classmethod
    def create(cls, path: str | os.PathLike[str], plan: Plan, *, backups: bool = True) -> PlanDocument:
        """Write a new plan file; refuses to replace an existing file."""
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"“{path}” already exists; choose another name.")
        data = save_new_plan(path, plan)
        return cls(path, plan, content_hash(data), backups=backups)

    def changed_on_disk(self) -> bool:
        """True when the file is no longer what we loaded or last saved (by content, not timestamp)."""
        return file_hash(self.path) != self.disk_hash

    def save(self, *, overwrite_external_changes: bool = False) -> None:
        """Write the plan durably. Raises PlanReadOnly or PlanChangedOnDisk rather than lose work."""
        self.write_tables(self.tables(), overwrite_external_changes=overwrite_external_changes)

    def tables(self) -> dict[str, dict[str, Any]]:
        """The plan as plain data, as it will be stored: a snapshot later edits cannot reach, so
        :meth:`write_tables` may run on another thread (the app's autosave does)."""
        return self.unknown.put_back(plan_to_tables(self.plan, app_version=__version__))

    def write_tables(self, tables: dict[str, dict[str, Any]], *, overwrite_external_changes: bool = False) -> None:
        """The writing half of :meth:`save`, one call at a time from any thread."""
        with self._writing:
            if self.read_only:
                raise PlanReadOnly(self.read_only_reason or "This plan is open read-only; save a copy instead.")
            with self.write_lock():
                if not overwrite_external_changes:
                    on_disk = file_hash(self.path)
                    if on_disk != self.disk_hash:
                        raise PlanChangedOnDisk(self.path, deleted=on_disk is None)
                storage = AtomicJSONStorage(self.path)
                storage.write(tables)
                self.disk_hash = content_hash(storage.last_written)
            if self.backups:
                self.backup(storage.last_written, "save")

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the plan's lock for one write: the session's, if it is still ours (else
        :class:`~sendplan.plan_lock.PlanLocked`: someone took the plan over), or one taken for this write."""
        if self.lock_held:
            if not holds_lock(self.path):
                raise PlanLocked(self.path, read_holder(lock_path(self.path)), taken_over=True)
            yield
            return
        lock = PlanLock(self.path)
        lock.acquire(wait=WRITE_LOCK_WAIT)
        try:
            yield
        finally:
            lock.release()

    def backup(self, data: bytes, kind: str) -> None:
        """Take a backup; one that cannot be written is remembered in :attr:`backup_problem` and logged."""
        try:
            take_backup(self.path, data, kind)
        except OSError as error:
            _log.warning("backup of %s not written: %s", self.path, error)
            self.backup_problem = (f"The backup of “{self.path.name}” could not be written "
                                   f"({error.strerror or 'the backups folder cannot be used'}); the plan itself "
                                   "is saved as usual.")
        else:
            self.backup_problem = ""

    def save_copy(self, path: str | os.PathLike[str]) -> Path:
        """Write the plan to another file, leaving this document attached to its own file."""
        target = Path(path)
        self._write_elsewhere(target)
        return target

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write to ``path`` and carry on editing there (also the way out of read-only mode)."""
        target = Path(path)
        data = self._write_elsewhere(target)
        self.path, self.disk_hash = target, content_hash(data)
        self.read_only, self.read_only_reason, self.lock_held = False, "", False

    def _write_elsewhere(self, target: Path) -> bytes:
        """Write the plan to another file under that file's lock (a plan someone has open is never replaced)."""
        storage = AtomicJSONStorage(target)
        if self.lock_held and os.path.abspath(target) == os.path.abspath(self.path):
            storage.write(self.tables())
        else:
            with PlanLock(target):
                storage.write(self.tables())
        return storage.last_written

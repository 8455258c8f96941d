"""The plan's lock file, shared by every writer: the app (through Qt's QLockFile) and the command line.

The lock is a small file beside the plan (:func:`lock_path`), created exclusively, in the layout
QLockFile uses (process id, process name, computer name, machine id, boot id), so the app and the
command line see each other's locks; a sixth line names the user. :class:`PlanLock` takes it for a
command or for one write; :func:`read_holder` says who holds it ("Jo Bloggs on COUNCIL-PC-12 since
10:42 on 22/11/2026"). A lock left by a process that is gone from this computer is stale and taken
over quietly; a live holder's never is. No Qt here.
"""

from __future__ import annotations

import errno
import getpass
import hashlib
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sendplan.fileops import os_path, process_alive

LOCK_SUFFIX = ".lock"
MAX_NAME_BYTES = 240  # the lock's name, and Qt's ".rmlock" beside it, stay under the usual 255-byte limit
POLL = 0.01


def lock_path(plan_path: str | os.PathLike[str]) -> Path:
    """The lock file of a plan: ``<name>.lock`` beside it, shortened (with a hash of the full name) when
    the plan's own name is so long that the lock's could not exist."""
    path = Path(plan_path)
    name = path.name + LOCK_SUFFIX
    if len(name.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES:
        return path.with_name(name)
    digest = hashlib.sha1(path.name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    stem = path.name.encode("utf-8", "surrogateescape")[:180].decode("utf-8", "ignore")
    return path.with_name(f"{stem}~{digest}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a plan's lock, as its file says."""

    pid: int
    process: str
    host: str
    user: str
    since: datetime | None

    def describe(self) -> str:
        """"Jo Bloggs on COUNCIL-PC-12 since 10:42 on 22/11/2026"."""
        who = self.user or "someone"
        where = self.host or "another computer"
        when = f" since {self.since:%H:%M on %d/%m/%Y}" if self.since else ""
        return f"{who} on {where}{when}"

    @property
    def is_us(self) -> bool:
        return self.pid == os.getpid() and self.host == _host()


class PlanLocked(Exception):
    """Someone else holds the plan's lock; the message names them and says what to do."""

    def __init__(self, plan_path: Path, holder: LockHolder | None, *, taken_over: bool = False) -> None:
        self.plan_path, self.holder, self.taken_over = plan_path, holder, taken_over
        who = holder.describe() if holder else "someone else"
        if taken_over:
            text = (f"“{plan_path.name}” was taken over by {who}, so your changes were not written over theirs: "
                    "save your version as a copy.")
        else:
            text = (f"“{plan_path.name}” is being edited by {who}, so it was not changed. Try again when they "
                    "have closed it.")
        super().__init__(text)


class LockUnavailable(OSError):
    """The lock file cannot be made at all (a full disk, a folder that cannot be written); plain words."""


def _host() -> str:
    return socket.gethostname()


def _process_name() -> str:
    """The name QLockFile records for this process: the executable's file name."""
    try:
        return Path(os.readlink("/proc/self/exe")).name if sys.platform.startswith("linux") else \
            Path(sys.executable).name
    except OSError:
        return Path(sys.executable).name


def _first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.readline().strip()
    except OSError:
        return ""


def _contents() -> bytes:
    machine = _first_line("/etc/machine-id") if sys.platform.startswith("linux") else ""
    boot = _first_line("/proc/sys/kernel/random/boot_id") if sys.platform.startswith("linux") else ""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = ""
    lines = [str(os.getpid()), _process_name(), _host(), machine, boot, user]
    return ("\n".join(lines) + "\n").encode("utf-8", "replace")


def read_holder(path: Path) -> LockHolder | None:
    """Who holds the lock file at ``path`` (None when there is none, or it cannot be read)."""
    try:
        with open(os_path(path), "rb") as handle:
            raw = handle.read(4096)
        since = datetime.fromtimestamp(os.stat(os_path(path)).st_mtime)
    except OSError:
        return None
    lines = raw.decode("utf-8", "replace").split("\n")
    lines += [""] * (6 - len(lines))
    if not lines[0].strip().isdigit():
        return None
    return LockHolder(int(lines[0]), lines[1].strip(), lines[2].strip(), lines[5].strip(), since)


def note_user(path: Path) -> None:
    """Add the user's name to a lock QLockFile made (it records no user); best effort, as on Windows the
    holder's own handle may not share the file."""
    try:
        user = getpass.getuser()
        with open(path, "ab") as handle:
            handle.write(f"{user}\n".encode("utf-8", "replace"))
    except (OSError, KeyError, ImportError):
        pass


def is_stale(holder: LockHolder) -> bool:
    """A lock left on this computer by a process that is gone (or whose number a new program now uses)."""
    if holder.host != _host():
        return False  # another computer's: only its owner, or a deliberate take-over, removes it
    if not process_alive(holder.pid):
        return True
    if sys.platform.startswith("linux"):
        try:
            running = Path(os.readlink(f"/proc/{holder.pid}/exe")).name
        except FileNotFoundError:
            return True  # a process that has ended and not yet been collected by its parent
        except OSError:
            return False  # another user's process: it is running
        return bool(holder.process) and running.removesuffix(" (deleted)") != holder.process
    return False


def describe_lock_error(error: OSError) -> str:
    """Why a lock file could not be made, in plain words (never "being edited by someone else")."""
    if error.errno == errno.ENOSPC:
        return "the disk it is on is full"
    if error.errno == errno.ENAMETOOLONG:
        return "its name is too long for the disk to store a file beside it; rename it to something shorter"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "its folder cannot be written to"
    return error.strerror or "the disk reported a problem"


class PlanLock:
    """The plan's lock, taken by a writer for one command or one write. A context manager."""

    def __init__(self, plan_path: str | os.PathLike[str]) -> None:
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path)
        self.held = False

    def acquire(self, *, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds for a live holder to let go. Raises
        :class:`PlanLocked` naming the holder, or :class:`LockUnavailable` when no lock can be made."""
        deadline = time.monotonic() + wait
        data = _contents()
        while True:
            try:
                descriptor = os.open(os_path(self.path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder is not None and is_stale(holder):
                    self._remove_stale()
                    continue
                if time.monotonic() >= deadline:
                    raise PlanLocked(self.plan_path, holder) from None
                time.sleep(POLL)
                continue
            except OSError as error:
                raise LockUnavailable(error.errno, f"“{self.plan_path.name}” cannot be locked for writing: "
                                                   f"{describe_lock_error(error)}.", str(self.path)) from None
            try:
                os.write(descriptor, data)
            except OSError as error:
                os.close(descriptor)
                self.path.unlink(missing_ok=True)
                raise LockUnavailable(error.errno, f"“{self.plan_path.name}” cannot be locked for writing: "
                                                   f"{describe_lock_error(error)}.", str(self.path)) from None
            os.close(descriptor)
            self.held = True
            return

    def _remove_stale(self) -> None:
        """Remove a dead process's lock, renaming it first so two removers never delete a fresh lock."""
        aside = self.path.with_name(f"{self.path.name}.{os.getpid()}.stale")
        try:
            os.replace(self.path, aside)
        except OSError:
            return
        holder = read_holder(aside)
        if holder is not None and not is_stale(holder):  # a fresh lock was made between reading and renaming
            try:
                os.link(aside, self.path)  # put it back; fails if yet another lock appeared meanwhile
            except OSError:
                pass
        aside.unlink(missing_ok=True)

    def release(self) -> None:
        if self.held:
            self.held = False
            Path(os_path(self.path)).unlink(missing_ok=True)

    def __enter__(self) -> PlanLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def holds_lock(plan_path: str | os.PathLike[str]) -> bool:
    """True when the plan's lock file names this process on this computer (the app's QLockFile or a
    :class:`PlanLock`): a writer that was taken over sees False and must not write."""
    holder = read_holder(lock_path(plan_path))
    return holder is not None and holder.is_us

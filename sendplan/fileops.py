"""File operations as a locked-down Windows laptop needs them, and harmless everywhere else.

- **Long paths**: a path of 248 characters or more is handed to Windows as ``\\\\?\\C:\\…`` (or
  ``\\\\?\\UNC\\server\\share\\…`` on a shared drive), which lifts the 260-character limit that policy
  rarely lets users turn off.
- **Short temporary names**: the temporary file beside a plan is named ``.~sp-<writer>-<n>.tmp``, about 25
  characters whatever the plan is called, so a plan deep in a shared drive that can be read can also be
  saved. The writer part says which computer and process wrote it, so a killed writer's leftovers are
  swept up (:func:`temp_writer`).
- **Patient replacing**: antivirus, the search indexer and OneDrive hold a file for a moment after it
  changes, and Word holds a document as long as it is open. :func:`replace_patiently` retries any
  ``OSError`` for about two seconds, then raises :class:`FileInUseError`, naming the file and what is
  likely holding it ("close it in Word").
- **Probing by writing**: ``os.access`` on Windows ignores the folder's permissions (ACLs), so a plan on a
  read-only share looked editable; :func:`cannot_write` really opens the file for writing and creates a
  temporary file in its folder.
- **Is a process alive**: ``os.kill(pid, 0)`` on POSIX; on Windows ``os.kill`` would *terminate* the process,
  so the process is looked up instead.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import ntpath
import os
import socket
import sys
import time
from pathlib import Path

WINDOWS = sys.platform == "win32"
LONG_PATH = 248  # Windows refuses folders of 248 characters and more, files of 260, without the \\?\ prefix
REPLACE_PATIENCE = 2.0  # seconds to keep retrying a replace that another program blocks
REPLACE_DELAYS = (0.02, 0.05, 0.1, 0.2)  # then every 0.2 s until the patience runs out
TEMP_PREFIX = ".~sp-"
TEMP_SUFFIX = ".tmp"
_HOST_TAG = hashlib.sha1(socket.gethostname().casefold().encode("utf-8")).hexdigest()[:6]
_counter = itertools.count(1)
HOLDERS = {".docx": "Word", ".docm": "Word", ".doc": "Word", ".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel",
           ".csv": "Excel", ".pdf": "your PDF reader"}


# -- long paths ------------------------------------------------------------------------------------


def extended_path(text: str) -> str:
    """A Windows path in its extended-length form: absolute, backslashed, ``\\\\?\\`` in front."""
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        return text
    full = ntpath.normpath(ntpath.abspath(text))
    if full.startswith("\\\\"):  # \\server\share\folder → \\?\UNC\server\share\folder
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


def os_path(path: str | os.PathLike[str]) -> str:
    """``path`` as the operating system should be given it: extended-length on Windows when it is long."""
    text = os.fspath(path)
    return extended_path(text) if WINDOWS and len(text) >= LONG_PATH else text


# -- temporary files -------------------------------------------------------------------------------


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def temp_name() -> str:
    """A short, unique name for a temporary file: ``.~sp-<computer><process>-<n>.tmp``."""
    return f"{TEMP_PREFIX}{_HOST_TAG}{_base36(os.getpid())}-{_base36(next(_counter))}{TEMP_SUFFIX}"


def temp_writer(name: str) -> tuple[bool, int] | None:
    """For one of our temporary files: (written on this computer, by which process); None for other names."""
    if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
        return None
    writer = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].split("-")[0]
    try:
        return writer[:6] == _HOST_TAG, int(writer[6:], 36)
    except ValueError:
        return None


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` is running on this computer (True when that cannot be known)."""
    if WINDOWS:
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal (PermissionError), or any other doubt: assume it runs
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes  # noqa: PLC0415 - Windows only

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists, it is someone else's
    try:
        code = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# -- replacing -------------------------------------------------------------------------------------


class FileInUseError(PermissionError):
    """Another program kept the file from being replaced. ``strerror`` says which, and what to do."""


def in_use_message(target: Path) -> str:
    """What is most likely holding ``target`` and what to do about it, as the end of a sentence."""
    holder = HOLDERS.get(target.suffix.lower())
    if holder:
        return f"it is open in {holder} or another program: close it in {holder} and try again"
    return ("another program is holding it (antivirus, OneDrive or a backup tool usually let go within "
            "moments); try again shortly")


def replace_patiently(source: Path, target: Path) -> None:
    """``os.replace(source, target)``, retried on any ``OSError`` for :data:`REPLACE_PATIENCE` seconds; then a
    :class:`FileInUseError` naming ``target`` when the last refusal was a sharing or permission one, else the
    last error itself."""
    deadline = time.monotonic() + REPLACE_PATIENCE
    for attempt in itertools.count():
        try:
            os.replace(os_path(source), os_path(target))
            return
        except OSError as caught:
            if isinstance(caught, FileNotFoundError) and not os.path.exists(os_path(source)):
                raise  # our temporary file has gone: waiting cannot bring it back
            error = caught
        delay = REPLACE_DELAYS[min(attempt, len(REPLACE_DELAYS) - 1)]
        if time.monotonic() + delay > deadline:
            if isinstance(error, PermissionError) or getattr(error, "winerror", None) in (5, 32, 33):
                raise FileInUseError(errno.EACCES, in_use_message(target), str(target)) from error
            raise error
        time.sleep(delay)


# -- can it be written? ------------------------------------------------------------------------------


def cannot_write(path: Path) -> str:
    """Why ``path`` (an existing file) cannot be replaced, found by trying as a save would: "file" when it
    cannot be opened for writing, "folder" when no file can be created beside it, "" when both work.
    Nothing is changed: the file is not written to, and the probe file is removed again."""
    try:
        with open(os_path(path), "r+b"):
            pass
    except OSError:
        return "file"
    probe = path.with_name(temp_name())
    try:
        with open(os_path(probe), "xb") as handle:
            handle.write(b"\0")
    except OSError:
        return "folder"
    try:
        os.unlink(os_path(probe))
    except OSError:
        pass  # written but not removable: the stale-file sweep removes it later
    return ""

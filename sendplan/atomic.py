"""Writing a file so that a crash leaves the old one or the new one, never a mixture, and sweeping up
the temporary files a killed writer leaves behind. Shared by the plan file, backups, samples and
the exporters."""

from __future__ import annotations

import os
import re
import socket
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

REPLACE_RETRIES = 20
REPLACE_RETRY_DELAY = 0.05
STALE_TEMP_SECONDS = 3600
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically: temp file, flush, fsync, ``os.replace``, dir fsync."""
    with atomic_file(path, durable=durable) as handle:
        handle.write(data)


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A new file, open for writing, that replaces ``path`` atomically when the block ends without an
    exception (flushed, fsynced, ``os.replace``d, the folder fsynced); after an exception it is deleted
    and ``path`` is as it was. For writers that stream their output instead of holding it all."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{_HOST}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with open(temp, "xb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        except FileNotFoundError:
            pass
        _replace_with_retry(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable and sys.platform != "win32":
        _fsync_directory(path.parent)


def _replace_with_retry(source: Path, target: Path) -> None:
    # Antivirus, search indexers and OneDrive briefly hold files open on Windows.
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_RETRY_DELAY)


def _fsync_directory(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # no cheap, safe check: rely on the age rule there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files a killed writer left beside ``path``: ours from dead processes on this
    computer, or anyone's older than an hour. Returns what was removed."""
    prefix = f".{path.name}."
    removed = []
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return []
    for name in names:
        parts = name[len(prefix):].split(".")
        temp = path.parent / name
        try:
            age = time.time() - temp.stat().st_mtime
            dead = (len(parts) == 4 and parts[0] == _HOST and parts[1].isdigit()
                    and not _process_alive(int(parts[1])))
            if dead or age > STALE_TEMP_SECONDS:
                temp.unlink()
                removed.append(temp)
        except OSError:
            continue
    return removed

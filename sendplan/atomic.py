"""Writing a file so that a crash leaves the old one or the new one, never a mixture, and sweeping up
the temporary files a killed writer leaves behind. Shared by the plan file, backups, samples and
the exporters. The Windows side of it (short temporary names, long paths, a patient replace that names
what holds the file) is :mod:`sendplan.fileops`."""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sendplan.fileops import os_path, process_alive, replace_patiently, temp_name, temp_writer

STALE_TEMP_SECONDS = 3600


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically: temp file, flush, fsync, ``os.replace``, dir fsync."""
    with atomic_file(path, durable=durable) as handle:
        handle.write(data)


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A new file, open for writing, that replaces ``path`` atomically when the block ends without an
    exception (flushed, fsynced, replaced, the folder fsynced); after an exception it is deleted and
    ``path`` is as it was. For writers that stream their output instead of holding it all."""
    path = Path(path)
    temp = path.with_name(temp_name())
    try:
        with open(os_path(temp), "xb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            os.chmod(os_path(temp), stat.S_IMODE(os.stat(os_path(path)).st_mode))
        except FileNotFoundError:
            pass
        replace_patiently(temp, path)
    except BaseException:
        Path(os_path(temp)).unlink(missing_ok=True)
        raise
    if durable and sys.platform != "win32":
        _fsync_directory(path.parent)


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


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left beside ``path``: ours from dead processes on this
    computer, or anyone's older than an hour (also those named the way earlier versions named them,
    ".<plan name>.<computer>.<process>.<n>.tmp"). Returns what was removed."""
    legacy = f".{path.name}."
    removed = []
    try:
        names = [n for n in os.listdir(os_path(path.parent))
                 if n.endswith(".tmp") and (temp_writer(n) is not None or n.startswith(legacy))]
    except OSError:
        return []
    for name in names:
        temp = path.parent / name
        writer = temp_writer(name)
        try:
            age = time.time() - os.stat(os_path(temp)).st_mtime
            dead = writer is not None and writer[0] and not process_alive(writer[1])
            if dead or age > STALE_TEMP_SECONDS:
                os.unlink(os_path(temp))
                removed.append(temp)
        except OSError:
            continue
    return removed

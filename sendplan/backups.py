"""Rolling backups of each plan in the user's data folder, thinned over time, and restoring one.

Each plan gets its own folder under ``<data dir>/backups/`` named after the file and a hash of its
full path. A copy is taken when the plan is opened, after saves (the newest ten kept, then one an
hour for two days and one a day for a month), and before a restore overwrites the plan.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sendplan.atomic import atomic_write_bytes
from sendplan.paths import data_dir
from sendplan.storage import PLAN_SUFFIX, PlanLoadError, decode_plan

KEEP_RECENT_SAVES = 10
KEEP_HOURLY = timedelta(hours=48)
KEEP_DAILY = timedelta(days=30)
KEEP_OPENED = 20
KINDS = ("opened", "save", "before-restore", "before-upgrade")
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-(opened|save|before-restore|before-upgrade)\.sendplan$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken: datetime

    def describe(self) -> str:
        what = {"opened": "when opened", "save": "after saving", "before-restore": "before a restore",
                "before-upgrade": "in the older format, before the upgrade"}[self.kind]
        return f"{self.taken:%d/%m/%Y %H:%M:%S} ({what})"


def backup_folder(plan_path: str | os.PathLike[str]) -> Path:
    """The folder holding the backups of the plan at ``plan_path``."""
    full = Path(os.path.abspath(plan_path))
    digest = hashlib.sha1(os.path.normcase(str(full)).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    stem = re.sub(r"[^\w.-]+", "_", full.stem)[:40] or "plan"
    return data_dir() / "backups" / f"{stem}-{digest}"


def list_backups(plan_path: str | os.PathLike[str]) -> list[BackupInfo]:
    """Backups of a plan, newest first."""
    folder = backup_folder(plan_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match:
            taken = datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f")
            found.append(BackupInfo(folder / name, match[2], taken))
    return sorted(found, key=lambda info: info.taken, reverse=True)


def newest_backup(plan_path: str | os.PathLike[str]) -> Path | None:
    backups = list_backups(plan_path)
    return backups[0].path if backups else None


def take_backup(plan_path: str | os.PathLike[str], data: bytes, kind: str,
                now: datetime | None = None) -> Path:
    """Store ``data`` as a backup of ``plan_path`` and thin the older ones."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    now = now or datetime.now()
    folder = backup_folder(plan_path)
    folder.mkdir(parents=True, exist_ok=True)
    source_note = folder / "source.txt"
    if not source_note.exists():
        source_note.write_text(f"Backups of {os.path.abspath(plan_path)}\n", encoding="utf-8", errors="replace")
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{kind}{PLAN_SUFFIX}"
    while target.exists():
        now += timedelta(microseconds=1)
        target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{kind}{PLAN_SUFFIX}"
    # Backups need not survive a power cut the way the plan must: skip fsync to keep saves fast.
    atomic_write_bytes(target, data, durable=False)
    thin_backups(plan_path, now)
    return target


def thin_backups(plan_path: str | os.PathLike[str], now: datetime | None = None) -> list[Path]:
    """Delete backups the policy no longer keeps; returns what was removed."""
    now = now or datetime.now()
    keep: set[Path] = set()
    backups = list_backups(plan_path)
    saves = [b for b in backups if b.kind == "save"]
    keep.update(b.path for b in saves[:KEEP_RECENT_SAVES])
    buckets: set[str] = set()
    for backup in saves[KEEP_RECENT_SAVES:]:
        age = now - backup.taken
        if age <= KEEP_HOURLY:
            bucket = f"h{backup.taken:%Y%m%d%H}"
        elif age <= KEEP_DAILY:
            bucket = f"d{backup.taken:%Y%m%d}"
        else:
            continue
        if bucket not in buckets:  # newest first, so the first seen is the newest of its bucket
            buckets.add(bucket)
            keep.add(backup.path)
    keep.update(b.path for b in backups if b.kind == "before-upgrade")  # the only copy in the old format
    for kind in ("opened", "before-restore"):
        keep.update([b.path for b in backups if b.kind == kind][:KEEP_OPENED])
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore_backup(backup_path: str | os.PathLike[str], plan_path: str | os.PathLike[str]) -> Path:
    """Put a backup back as the plan. The current file (if any) is kept as a "before-restore" backup.

    Raises :class:`~sendplan.storage.PlanLoadError` if the backup itself cannot be read as a plan;
    then nothing is changed.
    """
    backup_path, plan_path = Path(backup_path), Path(plan_path)
    try:
        data = backup_path.read_bytes()
    except OSError as error:
        raise PlanLoadError(backup_path, f"the backup could not be read ({error.strerror}).") from None
    decode_plan(backup_path, data)  # validates; raises PlanLoadError with a clear message
    try:
        current = plan_path.read_bytes()
    except FileNotFoundError:
        current = None
    if current is not None:
        take_backup(plan_path, current, "before-restore")
    atomic_write_bytes(plan_path, data)
    return plan_path

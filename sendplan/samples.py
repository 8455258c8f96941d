"""Fresh, editable copies of the bundled sample plan (the packaged file itself is never opened)."""

from __future__ import annotations

from pathlib import Path

from sendplan.atomic import atomic_write_bytes
from sendplan.paths import data_dir
from sendplan.resources import SAMPLE_PLAN_NAME, sample_plan_bytes


def unused_path(path: Path) -> Path:
    """``path`` if free, else "name (2).ext", "name (3).ext"… so nothing is overwritten."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def fresh_sample_copy(folder: Path | None = None) -> Path:
    """Copy the sample plan into the user's data folder (or ``folder``) under a free name."""
    folder = folder or data_dir() / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    target = unused_path(folder / SAMPLE_PLAN_NAME)
    atomic_write_bytes(target, sample_plan_bytes())
    return target

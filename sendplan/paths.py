"""Where sendplan keeps per-user files (backups, settings, sample copies): never next to the program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA_DIR = "SENDPLAN_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA%\\sendplan, ~/Library/Application Support/sendplan,
    or $XDG_DATA_HOME/sendplan. ``SENDPLAN_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "sendplan"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "sendplan"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sendplan"


def output_folder(plan_path: Path, documents: Path) -> Path:
    """Where to suggest writing exports and returns for a plan: beside it, unless the plan lives in the
    hidden data folder (a copy of the sample plan), where nobody would look: then ``documents`` (the app
    finds the user's Documents folder, which Windows may redirect to OneDrive)."""
    try:
        plan_path.resolve().relative_to(data_dir().resolve())
    except ValueError:
        return plan_path.parent
    return documents

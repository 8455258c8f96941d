"""Where the app suggests files go: the user's Documents folder as Windows knows it (redirected to OneDrive
on many council laptops, which ``home/Documents`` misses), found through QStandardPaths."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from sendplan import paths


def documents_folder() -> Path:
    """The Documents folder (wherever it is redirected), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def output_folder(plan_path: Path) -> Path:
    """Where to suggest exports and returns of a plan: beside it, or Documents for a copy of the sample plan."""
    return paths.output_folder(plan_path, documents_folder())

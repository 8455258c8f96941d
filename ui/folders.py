"""Where the app suggests files go and where it looks for them: the user's Documents folder as Windows knows
it (redirected to OneDrive on many council laptops, which ``home/Documents`` misses), found through
QStandardPaths, and the folder an officer last took a document from; the user's settings that remember it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from sendplan import paths

SOURCE_KEY = "source_folder"  # the folder of the last document imported or read


def settings() -> QSettings:
    """The user's settings: in the registry on Windows (HKCU\\Software\\sendplan), a file elsewhere; in the
    default format, so that a test can point every setting at a folder of its own on any platform."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, "sendplan", "sendplan")


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    files = value if isinstance(value, list) else [value] if value else []
    return [f for f in files if isinstance(f, str)]


def documents_folder() -> Path:
    """The Documents folder (wherever it is redirected), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def output_folder(plan_path: Path) -> Path:
    """Where to suggest exports and returns of a plan: beside it, or Documents for a copy of the sample plan."""
    return paths.output_folder(plan_path, documents_folder())


def source_folder() -> Path:
    """Where to start looking for a document to import (a Word plan, a tracker, an inspection report): the
    folder the last one came from, else beside the latest plan, else Documents — never the hidden folder
    that holds copies of the sample plan."""
    last = settings().value(SOURCE_KEY, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    recent = next((Path(name) for name in recent_files() if Path(name).parent.is_dir()), None)
    return output_folder(recent) if recent is not None else documents_folder()


def remember_source(path: Path) -> None:
    """Remember the folder of a document just picked, for the next import."""
    settings().setValue(SOURCE_KEY, str(path.parent))

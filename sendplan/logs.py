"""Log to a rotating file in the user's data folder (a windowed build has no console to print to)."""

from __future__ import annotations

import io
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from sendplan.paths import data_dir

LOG_NAME = "sendplan.log"


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


class _ToLog(io.TextIOBase):
    """Stands in for stdout/stderr when a windowed program has none: text goes to the log."""

    def __init__(self, level: int) -> None:
        self.level = level

    def write(self, text: str) -> int:
        if text.strip():
            logging.getLogger("sendplan.console").log(self.level, text.rstrip())
        return len(text)


def setup_logging() -> Path | None:
    """Send warnings and errors to ``<data dir>/logs/sendplan.log`` (1 MB × 5). Returns the path, or
    None when the folder cannot be written (logging then stays off rather than failing)."""
    path = log_path()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler) and h.name == LOG_NAME]:
        if Path(handler.baseFilename) == path:
            return path
        root.removeHandler(handler)  # the data folder moved (tests, SENDPLAN_DATA_DIR): follow it
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8",
                                      errors="backslashreplace")  # a file name that is not UTF-8 is logged too
    except OSError:
        return None
    handler.set_name(LOG_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if sys.stdout is None:
        sys.stdout = _ToLog(logging.INFO)
    if sys.stderr is None:
        sys.stderr = _ToLog(logging.ERROR)
    return path

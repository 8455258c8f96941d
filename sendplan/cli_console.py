"""How the ``sendplan`` command meets Windows: output in UTF-8 whatever the console's code page, the windowed
build's messages in a window (it has no console to print them to), and a plan given on its own
(double-click, Open with, drag and drop: ``sendplan.exe plan.sendplan``) opened in the app.

Part of the CLI entry shell: it imports the app (to show a message) lazily, only in the windowed build.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterable
from typing import TextIO

PLAN_SUFFIX = ".sendplan"


def plan_arguments(argv: list[str], commands: Iterable[str]) -> list[str]:
    """``sendplan PLAN…`` means ``sendplan open PLAN…``: arguments that are no command or option but .sendplan
    files (or other existing files, as Open with passes them) are opened."""
    if argv and argv[0] not in set(commands) and not argv[0].startswith("-") and all(
            name.lower().endswith(PLAN_SUFFIX) or os.path.isfile(name) for name in argv):
        return ["open", *argv]
    return argv


def utf8(stream: TextIO | None) -> None:
    """Write ``stream`` in UTF-8 (a redirected Windows console is cp1252, which has no "→" and no emoji)."""
    encoding = (getattr(stream, "encoding", None) or "").replace("-", "").replace("_", "").lower()
    if stream is not None and encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8", errors="replace")


class _Kept(io.TextIOBase):
    """The windowed build's stdout and stderr: what is written goes to the log, and the last of it is kept."""

    LIMIT = 20_000  # characters kept for the message window; the log has everything

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        if text.strip():
            logging.getLogger("sendplan.console").info(text.rstrip())
        self.text = (self.text + text)[-self.LIMIT:]
        return len(text)


class Console:
    """The command's standard streams for one run. In the windowed build (no console: ``sys.stderr`` is None)
    what would have been printed is logged and kept, and shown in a window if the command fails."""

    def __init__(self) -> None:
        self.kept: _Kept | None = None

    @classmethod
    def start(cls) -> Console:
        console = cls()
        if sys.stderr is None:
            console.kept = _Kept()
            sys.stdout = sys.stderr = console.kept
        for stream in (sys.stdout, sys.stderr):
            utf8(stream)
        return console

    def finish(self, code: int | str | None) -> int:
        """End the run with exit ``code``: in the windowed build, a failure's message goes into a window."""
        failed = code not in (0, None)
        if self.kept is not None:
            said = self.kept.text.strip() or (code if isinstance(code, str) else "")
            sys.stdout = sys.stderr = None  # type: ignore[assignment]  # as the windowed build has them
            self.kept = None
            if failed and said:
                show_in_window(said)
        return code if isinstance(code, int) else 1 if failed else 0


def show_in_window(text: str) -> None:
    """A message box for the windowed build's user, who has no console to read the message in (not when Qt
    draws offscreen: nobody could see it, or close it). The message is in the log either way."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return
    from sendplan.ui.app import application  # noqa: PLC0415 - the windowed build always has the app
    from sendplan.ui.services import dialogs  # noqa: PLC0415

    application()
    dialogs().warn(None, "sendplan", text)

"""Child process for the typing crash test: the real app, typing in review mode or in the grid, until killed.

Usage: ``python typing_worker.py PLAN SEED``. The app opens the plan as a user would (recovered text from the
last run is kept), then types one character every 30–60 ms through Qt's own key events into review mode's update
box or a grid cell, committing now and then with Ctrl+Enter and moving on. Each step is printed, flushed, with the
time, so the parent knows what was typed when:

    session N ENTITY FIELD REVIEW BASE_JSON   an editor was opened; BASE_JSON is what it held
    key N TIME CHAR_JSON                      a character was typed into session N
    commit N TIME                             Ctrl+Enter was pressed in session N
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit  # noqa: E402
from sendplan.ui import app as app_module  # noqa: E402
from sendplan.ui.action_model import COLUMNS  # noqa: E402
from sendplan.ui.services import DialogService, set_service  # noqa: E402

from sendplan.journal import PROGRESS  # noqa: E402

WORDS = ("the panel met and agreed terms of reference with parents schools health colleagues "
         "training was delivered to staff in every setting and families said it helped").split()
GRID_FIELDS = {"action": "text", "owner": "owner", "outcomes": "outcomes", "kpis": "kpis", "progress": PROGRESS}


class Answers(DialogService):
    """Keeps recovered text; every other box is passed by (nothing may block the run)."""

    def choose(self, parent: Any, title: str, text: str, options: list[str], default: str | None = None
               ) -> str | None:
        return "Keep" if "Keep" in options else None

    def inform(self, parent: Any, title: str, text: str) -> None:
        pass

    def warn(self, parent: Any, title: str, text: str) -> None:
        pass

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return "typed in the crash test"


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


class Typist:
    def __init__(self, window: Any, rng: random.Random) -> None:
        self.window, self.rng = window, rng
        self.session_number = 0
        self.pending = ""
        self.left = 0
        self.mode = rng.choice(["review", "grid"])
        self.editor: Any = None  # the box this session types into

    def focused(self) -> Any:
        """The box with the keyboard once the events of opening it have run (a person's next key comes after)."""
        QApplication.processEvents()
        return QApplication.focusWidget()

    def open_editor(self) -> None:
        window, rng = self.window, self.rng
        plan = window.session.plan
        review = window.session.current_review
        actions = [a for _, _, a in plan.iter_actions()]
        if self.mode == "review":
            page = window.review_page
            if window.stack.currentWidget() is not page:
                window.select_action(rng.choice(actions).id)
                window.enter_review_mode()
            action = page.current()
            page.update_box.setFocus()
            page.update_box.moveCursor(page.update_box.textCursor().MoveOperation.End)
            self.editor = self.focused()
            if self.editor is not page.update_box:
                self.mode = "grid"
                self.open_editor()
                return
            base, field, entity = page.update_box.toPlainText(), PROGRESS, action.id
        else:
            window.show_page("All actions")
            action = rng.choice(actions)
            key = rng.choice([k for k in GRID_FIELDS if review is not None or k != "progress"])
            window.select_action(action.id, COLUMNS.index(key))
            grid = window.grid
            grid.setFocus()
            QApplication.processEvents()
            QTest.keyClick(grid, Qt.Key.Key_F2)
            self.editor = editor = self.focused()
            if not isinstance(editor, (QPlainTextEdit, QLineEdit)):  # no editor opened: type in review mode
                self.mode = "review"
                self.open_editor()
                return
            base = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            field, entity = GRID_FIELDS[key], action.id
        self.session_number += 1
        self.left = self.rng.randint(20, 120)
        say("session", self.session_number, entity, field, review.id if review else "-", json.dumps(base))
        if base and not base.endswith((" ", "\n")):
            self.pending = " "

    def step(self) -> None:
        if QApplication.focusWidget() is not self.editor:  # the box went (its page changed): start another
            self.open_editor()
            return
        if self.left <= 0:
            say("commit", self.session_number, f"{time.time():.3f}")
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            if self.rng.random() < 0.3:
                self.mode = self.rng.choice(["review", "grid"])
            self.open_editor()
            return
        if not self.pending:
            self.pending = self.rng.choice(WORDS) + " "
        char, self.pending = self.pending[0], self.pending[1:]
        QTest.keyClicks(self.editor, char)
        say("key", self.session_number, f"{time.time():.3f}", json.dumps(char))
        self.left -= 1


def main(path: str, seed: int) -> None:
    app = app_module.application()
    set_service(Answers())
    window = app_module.open_plan(Path(path))
    if window is None:
        say("failed to open")
        return
    rng = random.Random(seed)
    typist = Typist(window, rng)
    typist.open_editor()
    say("ready", f"{time.time():.3f}")
    timer = QTimer()
    timer.timeout.connect(typist.step)
    timer.start(rng.randint(30, 60))
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

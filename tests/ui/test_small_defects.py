"""Small defects found in a review cycle, each fixed: focus after a date change in the grid, the background job's
words beside its bar (never under it), plans with very long names, and a lock that cannot be made."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from sendplan.ui import app as app_module
from sendplan.ui.action_model import COLUMNS, ActionRole

from sendplan.plan_lock import lock_path

pytest_plugins = ["pytestqt"]


def test_focus_stays_in_the_grid_after_a_date_and_its_reason(qtbot: Any, window: Any, scripted: Any,
                                                            monkeypatch: Any) -> None:
    window.show_page("All actions")
    qtbot.waitExposed(window)
    plan = window.session.plan
    action = plan.areas[1].objectives[1].actions[1]
    window.select_action(action.id, COLUMNS.index("due"))
    grid = window.grid
    grid.setFocus()

    def reason(*_args: Any, **_kwargs: Any) -> str:
        window.navigator.setFocus()  # what a modal box does: it takes the keyboard, and gives it back elsewhere
        return "The board meets later."
    monkeypatch.setattr(scripted, "ask_text", reason)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    editor = grid.findChild(QLineEdit)
    editor.setText("30/06/2027")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid, timeout=2000)
    assert action.due.current.display("uk") == "30/06/2027"
    assert action.due.revisions[-1].reason == "The board meets later."
    assert grid.currentIndex().data(ActionRole) == action.id and grid.currentIndex().column() == COLUMNS.index("due")
    page = window.stack.currentWidget()
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is page, "Down moves in the grid, not to another page"
    assert grid.currentIndex().data(ActionRole) == plan.areas[1].objectives[1].actions[2].id


def test_a_background_job_shows_its_words_beside_its_bar(qtbot: Any, window: Any) -> None:
    import threading

    from sendplan.ui.background import run_in_background

    qtbot.waitExposed(window)
    release = threading.Event()
    message = "Writing update returns to Update returns…"
    run_in_background(window, lambda progress: release.wait(10), message, lambda _r: None, "Not written")
    line = next(w for w in window.statusBar().findChildren(QLabel) if w.text() == message)
    qtbot.waitUntil(lambda: line.isVisible(), timeout=2000)
    bar = line.parentWidget().bar
    assert line.width() >= line.fontMetrics().horizontalAdvance(message[:40])
    assert not line.geometry().intersects(bar.geometry()), "the bar never covers its words"
    release.set()
    qtbot.waitUntil(lambda: not window.export_jobs, timeout=5000)


def test_a_plan_with_a_very_long_name_gets_its_lock(qtbot: Any, scripted: Any, sample_file: Path) -> None:
    long = sample_file.with_name("p" * (251 - len(".sendplan")) + ".sendplan")
    long.write_bytes(sample_file.read_bytes())
    window = app_module.open_plan(long)
    assert window is not None
    qtbot.addWidget(window)
    assert not window.session.read_only and window.session.lock is not None
    assert lock_path(long).exists() and len(lock_path(long).name) <= 240
    assert not any("being edited" in text for _kind, text in scripted.shown)


def test_a_lock_that_cannot_be_made_is_not_someone_else(qtbot: Any, scripted: Any, sample_file: Path,
                                                        monkeypatch: Any) -> None:
    import os

    from PySide6.QtCore import QLockFile

    real_open = os.open

    def full(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, flags, *args)
    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)
    monkeypatch.setattr(QLockFile, "error", lambda self: QLockFile.LockError.UnknownError)
    monkeypatch.setattr(os, "open", full)
    window = app_module.open_plan(sample_file)
    assert window is not None
    qtbot.addWidget(window)
    told = [text for kind, text in scripted.shown if kind == "inform"]
    assert window.session.read_only and told and "the disk it is on is full" in told[0]
    assert not any("being edited" in text for text in told)


def test_the_command_line_respects_the_apps_lock(qtbot: Any, window: Any, tmp_path: Path, capsys: Any,
                                                 monkeypatch: Any) -> None:
    import getpass
    import socket

    from openpyxl import load_workbook
    from sendplan.exporters.returns import write_returns

    import sendplan.cli_files as cli_files
    from sendplan.cli import main

    monkeypatch.setattr(cli_files, "COMMAND_LOCK_WAIT", 0.1)
    plan_file = window.session.document.path
    owner = "Head of Inclusion"
    returned = write_returns(window.session.plan, tmp_path / "r", owners=[owner]).files[owner]
    book = load_workbook(returned)
    book["Your actions"]["G2"] = "Typed by the owner."
    book.save(returned)
    before = plan_file.read_bytes()
    assert main(["merge", str(plan_file), str(returned), "--apply"]) == 1
    err = capsys.readouterr().err
    assert f"is being edited by {getpass.getuser()} on {socket.gethostname()} since " in err
    assert plan_file.read_bytes() == before

"""UI test fixtures: a scripted dialog service (no dialog can block) and an opened sample plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sendplan.ui import app as app_module
from sendplan.ui.services import DialogService, set_service


class ScriptedDialogs(DialogService):
    """Answers dialogs from a queue; records what was shown. An unexpected question fails the test."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self.shown: list[tuple[str, str]] = []
        self.questions: list[str] = []  # the text of every choice asked, in order
        self.defaults: list[str | None] = []  # the default option of every choice asked, in order
        self.folders: list[str] = []  # the folder each file dialog opened in, in order

    def _answer(self, kind: str, title: str) -> Any:
        self.shown.append((kind, title))
        if not self.answers:
            raise AssertionError(f"unexpected {kind} dialog: {title}")
        return self.answers.pop(0)

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("inform", f"{title}: {text}"))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("warn", f"{title}: {text}"))

    def run(self, dialog: Any) -> bool:
        """The next answer is a function that fills the dialog in as a user would and returns accept/cancel."""
        self.shown.append(("dialog", dialog.windowTitle()))
        if not self.answers:
            raise AssertionError(f"unexpected dialog: {dialog.windowTitle()}")
        if not self.answers.pop(0)(dialog):
            return False
        dialog.accept()  # press OK, as the user would: the dialog validates and keeps its choices
        return bool(dialog.result() == dialog.DialogCode.Accepted)

    def open_folder(self, folder: Path) -> None:
        self.shown.append(("open_folder", str(folder)))

    def choose_folder(self, parent: Any, title: str, folder: str) -> Path | None:
        return self._answer("choose_folder", title)

    def error(self, parent: Any, title: str, text: str, details: str) -> None:
        self.shown.append(("error", f"{title}: {text}\n{details}"))

    def choose(self, parent: Any, title: str, text: str, options: list[str], default: str | None = None
               ) -> str | None:
        self.questions.append(text)
        self.defaults.append(default)
        return self._answer("choose", title)

    def finished(self, parent: Any, title: str, text: str, options: list[str]) -> str | None:
        return self._answer("finished", title)

    def choose_item(self, parent: Any, title: str, label: str, items: list[str]) -> str | None:
        return self._answer("choose_item", title)

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return self._answer("ask_text", title)

    def open_file(self, parent: Any, title: str, folder: str, filters: str) -> Path | None:
        self.folders.append(folder)
        return self._answer("open_file", title)

    def open_files(self, parent: Any, title: str, folder: str, filters: str) -> list[Path]:
        return self._answer("open_files", title)

    def save_file(self, parent: Any, title: str, suggested: str, filters: str) -> Path | None:
        return self._answer("save_file", title)


@pytest.fixture(autouse=True, scope="session")
def app_look(qapp: Any) -> None:
    """The application as the app makes it: its style, palette and focus frames."""
    app_module.application()


@pytest.fixture(autouse=True)
def desktop_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows open on a 1920×1080 desktop at 100% with its taskbar (the offscreen screen is 800×800);
    tests of other screens simulate theirs the same way."""
    from PySide6.QtCore import QRect
    from sendplan.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(0, 0, 1920, 1040))


@pytest.fixture(autouse=True)
def scripted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ScriptedDialogs]:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    service = ScriptedDialogs()
    previous = set_service(service)
    yield service
    set_service(previous)
    for window in list(app_module._windows):
        window.close()
    app_module._windows.clear()


@pytest.fixture
def window(qtbot: Any, sample_file: Path) -> Any:
    opened = app_module.open_plan(sample_file)
    assert opened is not None
    qtbot.addWidget(opened)
    return opened


@pytest.fixture
def merge_returns(qtbot: Any) -> Any:
    """Merge returned files as the officer does (Review › Merge returned updates), waiting until the files,
    read on a worker thread, have been shown and the merge dialog answered."""
    from sendplan.ui import cycle_actions

    def merge(window: Any) -> None:
        cycle_actions.returns_in(window)
        qtbot.waitUntil(lambda: not window.export_jobs, timeout=30000)
    return merge

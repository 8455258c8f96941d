"""The app on Windows, simulated where this machine is not Windows: taking over a plan whose lock another
computer still holds open, a folder that refuses the lock file, and the Documents folder OneDrive redirects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QStandardPaths
from sendplan.ui import export_job
from sendplan.ui.opening import new_plan_dialog, open_plan


def _held_elsewhere(sample_file: Path) -> QLockFile:
    """The plan's lock, held (by this process standing in for another computer's sendplan)."""
    lock = QLockFile(str(sample_file) + ".lock")
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    return lock


def test_take_over_goes_through_qt_and_works(qtbot: Any, sample_file: Path, scripted: Any) -> None:
    """A lock left by a laptop that went to sleep or crashed: nobody has the file open, so Qt can break it."""
    lock = Path(str(sample_file) + ".lock")
    lock.write_text("4242\nsendplan — Jo Bloggs\nCOUNCIL-PC-12\n\n\n", encoding="utf-8")  # as Qt writes one
    scripted.answers.append("Take over")
    window = open_plan(sample_file)
    assert window is not None and not window.session.read_only and window.session.lock is not None
    assert scripted.shown == [("choose", "The plan is open elsewhere")]
    assert "COUNCIL-PC-12" not in lock.read_text(encoding="utf-8")


def test_take_over_refused_by_windows_opens_read_only_and_says_why(
        qtbot: Any, sample_file: Path, scripted: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt on Windows keeps its lock file open without delete sharing: while the other sendplan runs, the file
    cannot be removed. That is told plainly, never "Something went wrong"."""
    held = _held_elsewhere(sample_file)
    real_unlink = Path.unlink

    def windows_unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name.endswith(".lock"):
            raise PermissionError(13, "The process cannot access the file because it is being used", str(self))
        real_unlink(self, missing_ok=missing_ok)
    monkeypatch.setattr(Path, "unlink", windows_unlink)
    monkeypatch.setattr(QLockFile, "removeStaleLockFile", lambda self: False)  # DeleteFile fails: still open
    scripted.answers.append("Take over")
    window = open_plan(sample_file)
    assert window is not None and window.session.read_only and window.session.lock is None
    assert "could not be taken over" in window.session.document.read_only_reason
    assert scripted.shown[-1][0] == "inform" and "cannot be taken over" in scripted.shown[-1][1]
    assert "(read-only)" in window.windowTitle()
    held.unlock()


def test_a_folder_that_refuses_the_lock_file_opens_read_only(
        qtbot: Any, sample_file: Path, scripted: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)
    monkeypatch.setattr(QLockFile, "error", lambda self: QLockFile.LockError.PermissionError)
    window = open_plan(sample_file)
    assert window is not None and window.session.read_only
    assert scripted.shown == [("inform", "Opened read-only: Its folder does not accept new files, so it is open "
                                         "read-only; save a copy to keep changes.")]


def test_files_are_suggested_in_the_documents_folder_windows_knows(
        qtbot: Any, window: Any, tmp_path: Path, scripted: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """OneDrive moves Documents out of the home folder on many council laptops."""
    documents = tmp_path / "OneDrive - Fellside Council" / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    suggested: list[str] = []

    def save_file(parent: Any, title: str, name: str, filters: str) -> None:
        suggested.append(name)
    monkeypatch.setattr(scripted, "save_file", save_file)
    scripted.answers.append("Fellside WSoA")
    assert new_plan_dialog(window) is None  # cancelled at the file dialog
    from sendplan.samples import fresh_sample_copy

    sample = open_plan(fresh_sample_copy())  # a copy kept in the hidden data folder
    scripted.answers.append(lambda dialog: True)
    export_job.export(sample)
    assert [Path(name).parent for name in suggested] == [documents, documents]

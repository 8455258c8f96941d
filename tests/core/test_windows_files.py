"""Files as Windows treats them, simulated where this machine is not Windows: the 260-character path limit,
files held open by Word or antivirus, shared folders whose permissions ``os.access`` cannot see, a
``sendplan.exe plan.sendplan`` start and a cp1252 console."""

from __future__ import annotations

import errno
import io
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sendplan import atomic, cli, cli_console, fileops, storage
from sendplan.cli import main
from sendplan.model import Plan
from sendplan.storage import load_plan, save_new_plan

MAX_PATH = 260
PREFIX = "\\\\?\\"


@contextmanager
def windows_path_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Windows without long-path support: any path of 260 characters or more is refused unless it carries the
    ``\\\\?\\`` prefix. (The prefix is stripped again here, where the real files are.) Yields every path used."""
    used: list[str] = []

    def real(path: Any) -> Any:
        if isinstance(path, int):
            return path
        text = os.fspath(path)
        used.append(text)
        if text.startswith(PREFIX):
            return text[len(PREFIX):]
        if len(text) >= MAX_PATH:
            raise FileNotFoundError(errno.ENOENT, "The filename or extension is too long", text)
        return text

    def wrap(function: Any, paths: int = 1) -> Any:
        def limited(*args: Any, **kwargs: Any) -> Any:
            return function(*[real(a) if n < paths else a for n, a in enumerate(args)], **kwargs)
        return limited

    opened = open
    for module in (atomic, fileops, storage):
        monkeypatch.setattr(module, "open", wrap(opened), raising=False)
    for name, paths in (("replace", 2), ("stat", 1), ("chmod", 1), ("unlink", 1), ("listdir", 1)):
        monkeypatch.setattr(os, name, wrap(getattr(os, name), paths))
    monkeypatch.setattr(io, "open", wrap(io.open))  # pathlib's reads (the unchanged-check)
    yield used


def _deep_folder(root: Path, length: int) -> Path:
    """A folder at least ``length`` characters long, as nested as a council's shared drive."""
    folder = root
    while len(str(folder)) < length:
        folder /= "Leadership and gover"
    folder.mkdir(parents=True)
    return folder


def test_a_plan_deep_in_a_shared_drive_saves_with_a_short_temporary_name(
        tmp_path: Path, sample_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's own path is 235 characters (Windows opens it); the temporary file beside it must be no longer
    (it used to add about 70 characters, so the plan opened but never saved)."""
    folder = _deep_folder(tmp_path, 190)
    plan = folder / ("Fellside plan " + "x" * (235 - len(str(folder)) - 1 - 14 - 9) + ".sendplan")
    assert len(str(plan)) == 235
    save_new_plan(plan, sample_plan)
    with windows_path_limit(monkeypatch) as used:
        sample_plan.title = "Saved deep down"
        save_new_plan(plan, sample_plan)
        assert load_plan(plan).plan.title == "Saved deep down"
    temps = [p for p in used if p.endswith(".tmp")]
    assert temps and all(len(p) <= len(str(plan)) for p in temps), max(map(len, temps))
    assert not [p for p in plan.parent.iterdir() if p.suffix == ".tmp"]


def test_paths_over_260_characters_are_given_to_windows_in_extended_form(
        tmp_path: Path, sample_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _deep_folder(tmp_path, 290) / "plan.sendplan"
    save_new_plan(plan, sample_plan)
    monkeypatch.setattr(fileops, "WINDOWS", True)
    monkeypatch.setattr(fileops, "extended_path", lambda text: PREFIX + text)  # the real one: see below
    with windows_path_limit(monkeypatch) as used:
        sample_plan.title = "Past the old limit"
        save_new_plan(plan, sample_plan)
        loaded = load_plan(plan)
        atomic.remove_stale_temp_files(plan)
    assert loaded.plan.title == "Past the old limit" and not loaded.read_only
    assert all(p.startswith(PREFIX) for p in used if len(p) >= fileops.LONG_PATH)


def test_the_extended_form_of_windows_paths() -> None:
    assert fileops.extended_path("C:\\Users\\jo\\Documents\\plan.sendplan") == \
        "\\\\?\\C:\\Users\\jo\\Documents\\plan.sendplan"
    assert fileops.extended_path("C:/Users/jo/Plans/../Documents/plan.sendplan") == \
        "\\\\?\\C:\\Users\\jo\\Documents\\plan.sendplan"
    assert fileops.extended_path("\\\\fileserver\\SEND\\Plans\\plan.sendplan") == \
        "\\\\?\\UNC\\fileserver\\SEND\\Plans\\plan.sendplan"
    assert fileops.extended_path("\\\\?\\C:\\already\\long") == "\\\\?\\C:\\already\\long"


def test_os_path_leaves_short_paths_and_other_systems_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    long_one = "C:\\" + "\\".join(["Leadership and governance"] * 11) + "\\plan.sendplan"
    monkeypatch.setattr(fileops, "WINDOWS", False)
    assert fileops.os_path(long_one) == long_one
    monkeypatch.setattr(fileops, "WINDOWS", True)
    assert fileops.os_path("C:\\Plans\\plan.sendplan") == "C:\\Plans\\plan.sendplan"
    assert fileops.os_path(long_one) == PREFIX + long_one


class _Clock:
    """Time that passes only when slept, so waiting two seconds takes none."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _replace_refused(monkeypatch: pytest.MonkeyPatch, error: OSError, for_seconds: float) -> _Clock:
    clock, real_replace = _Clock(), os.replace
    monkeypatch.setattr(time, "monotonic", clock.monotonic)
    monkeypatch.setattr(time, "sleep", clock.sleep)
    started = clock.now

    def replace(source: Any, target: Any) -> None:
        if clock.now - started < for_seconds:
            raise error
        real_replace(source, target)
    monkeypatch.setattr(os, "replace", replace)
    return clock


def test_a_replace_is_retried_for_two_seconds_whatever_the_error(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """OneDrive and antivirus hold a file for more than a second, and not always with a permission error."""
    target = tmp_path / "plan.sendplan"
    _replace_refused(monkeypatch, OSError(errno.EBUSY, "The requested resource is in use"), 1.6)
    atomic.atomic_write_bytes(target, b"{}")
    assert target.read_bytes() == b"{}"


def test_a_document_open_in_word_is_named_with_what_to_do(tmp_path: Path, sample_plan: Plan,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from sendplan.exporters.word import export_docx

    pack, plan = tmp_path / "Review pack.docx", tmp_path / "plan.sendplan"
    export_docx(sample_plan, pack)
    save_new_plan(plan, sample_plan)
    before = pack.read_bytes()
    denied = PermissionError(errno.EACCES, "Access is denied")
    denied.winerror = 5  # type: ignore[attr-defined]  # as Windows says it while Word has the file open
    clock = _replace_refused(monkeypatch, denied, 3600)
    with pytest.raises(PermissionError) as caught:
        export_docx(sample_plan, pack)
    assert 1.8 <= clock.now - 1000.0 <= 2.0, "about two seconds of patience, then the message"
    assert caught.value.filename == str(pack)
    assert "open in Word" in caught.value.strerror and "close it in Word" in caught.value.strerror
    assert pack.read_bytes() == before and not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))
    assert main(["export", str(plan), "-o", str(pack), "--force"]) == 1
    said = capsys.readouterr().err
    assert str(pack) in said and "close it in Word and try again" in said and "Access is denied" not in said


def test_a_folder_that_refuses_new_files_opens_read_only_whatever_os_access_says(
        sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows ``os.access`` reads only the read-only flag, never a shared folder's permissions."""
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: True)
    share = str(sample_file.parent)
    real_open = open

    def share_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if str(file).startswith(share) and any(flag in mode for flag in "wxa+"):
            raise PermissionError(errno.EACCES, "Access is denied", str(file))
        return real_open(file, mode, *args, **kwargs)
    for module in (fileops, storage):
        monkeypatch.setattr(module, "open", share_open, raising=False)
    loaded = load_plan(sample_file)
    assert loaded.read_only and "permission to change" in loaded.read_only_reason


def test_a_folder_without_new_files_is_named(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def no_new_files(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "x" in mode:
            raise PermissionError(errno.EACCES, "Access is denied", str(file))
        return real_open(file, mode, *args, **kwargs)
    monkeypatch.setattr(fileops, "open", no_new_files, raising=False)
    loaded = load_plan(sample_file)
    assert loaded.read_only and "folder cannot be written" in loaded.read_only_reason
    assert [p.name for p in sample_file.parent.iterdir()] == [sample_file.name], "the probe left nothing"


def test_process_alive_never_signals_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.kill`` on Windows terminates the process it is asked about."""
    if sys.platform == "win32":
        import subprocess

        child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                               text=True, encoding="utf-8", check=True)
        assert fileops.process_alive(os.getpid()) and not fileops.process_alive(int(child.stdout))
        return
    monkeypatch.setattr(fileops, "WINDOWS", True)
    monkeypatch.setattr(fileops, "_windows_process_alive", lambda pid: pid == os.getpid())

    def kill(*args: Any) -> None:
        raise AssertionError("os.kill would end the process on Windows")
    monkeypatch.setattr(os, "kill", kill)
    assert fileops.process_alive(os.getpid()) and not fileops.process_alive(999_999_999)


# -- starting it -------------------------------------------------------------------------------------


def test_a_plan_given_on_its_own_opens_it(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Double-click, Open with and drag and drop run ``sendplan.exe "C:\\…\\plan.sendplan"``."""
    opened: list[tuple[Path, ...]] = []
    monkeypatch.setattr(cli, "_app_runner", lambda: lambda *paths, **_read: opened.append(paths) or 0)
    other = sample_file.with_name("another plan.SENDPLAN")
    other.write_bytes(sample_file.read_bytes())
    assert main([str(sample_file)]) == 0
    assert main([str(sample_file), str(other)]) == 0  # two dropped at once: a window each
    assert opened == [(sample_file,), (sample_file, other)]


def test_the_windowed_build_shows_what_it_would_have_printed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """No console: a plan that cannot be opened, or a wrong argument, is told in a window, never silently."""
    shown: list[str] = []
    monkeypatch.setattr(cli_console, "show_in_window", shown.append)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    broken = tmp_path / "broken.sendplan"
    broken.write_text('{"plan": {"1": {"format"', encoding="utf-8")
    assert main([str(broken)]) == 1
    with pytest.raises(SystemExit):
        main(["--no-such-option"])
    assert main(["check", str(broken)]) == 1
    assert len(shown) == 3 and "Cannot open the plan" in shown[0] and str(broken) in shown[0]
    assert "unrecognized arguments" in shown[1] or "--no-such-option" in shown[1]
    assert sys.stdout is None and sys.stderr is None


def test_output_is_utf8_whatever_the_console_code_page(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Windows console redirected to a file writes cp1252, which has no "→" (renumbering prints them)."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    assert main(["renumber", str(sample_file), "--style", "1.1a"]) == 0
    sys.stdout.flush()
    assert "1.1 (a) → 1.1a" in raw.getvalue().decode("utf-8")

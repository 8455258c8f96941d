"""The files around a plan are safe from the command line: no command writes onto its own input, plans are
written only as .sendplan, an existing file needs --force, and --force never replaces a document with a plan.
Writers take the plan's lock; every message is plain (no exception names, no raw "File exists")."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from sendplan import cli
from sendplan.cli import main
from sendplan.plan_lock import lock_path
from sendplan.storage import load_plan


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sendplan"
    assert main(["sample", "-o", str(path)]) == 0
    return path


@pytest.fixture
def word_plan(plan: Path, tmp_path: Path) -> Path:
    path = tmp_path / "council plan.docx"
    assert main(["export", str(plan), "-o", str(path)]) == 0
    return path


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Error" not in err and "Exception" not in err and "None" not in err and "Traceback" not in err, err
    return err


def test_import_never_writes_over_its_source(word_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = word_plan.read_bytes()
    assert main(["import", str(word_plan), "-o", str(word_plan), "--force"]) == 1
    assert ".sendplan extension" in _err(capsys)
    disguised = word_plan.with_suffix(".sendplan")
    disguised.write_bytes(before)  # a Word document under a plan's name: --force leaves it alone
    assert main(["import", str(word_plan), "-o", str(disguised), "--force"]) == 1
    assert "is a Word or Excel file, not a plan, so it is not replaced, even with --force" in _err(capsys)
    assert word_plan.read_bytes() == before and disguised.read_bytes() == before
    link = word_plan.with_name("same.sendplan")
    link.symlink_to(word_plan)
    assert main(["import", str(word_plan), "-o", str(link), "--force"]) == 1
    assert "is also what this command reads" in _err(capsys) and word_plan.read_bytes() == before


def test_plans_only_under_their_own_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "plan.docx")]) == 1
    assert "use “" in _err(capsys) and not (tmp_path / "plan.docx").exists()
    assert main(["sample", "-o", str(tmp_path / "s.xlsx")]) == 1
    assert "plan files are written only with the .sendplan extension" in _err(capsys)
    assert main(["new", str(tmp_path / "noext")]) == 1
    assert "noext.sendplan" in _err(capsys)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    assert main(["new", str(report), "--from-report", str(report), "--force"]) == 1
    assert report.read_bytes() == b"%PDF-1.4\n"


def test_export_and_report_need_force_and_spare_their_input(plan: Path, word_plan: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = plan.read_bytes()
    assert main(["export", str(plan), "-o", str(plan), "--format", "docx", "--force"]) == 1
    assert "is also what this command reads" in _err(capsys) and plan.read_bytes() == before
    stamp = word_plan.stat().st_mtime_ns
    assert main(["export", str(plan), "-o", str(word_plan)]) == 1
    assert "already exists; choose another name or add --force" in _err(capsys)
    assert word_plan.stat().st_mtime_ns == stamp
    assert main(["export", str(plan), "-o", str(word_plan), "--force"]) == 0
    assert Document(str(word_plan)).tables
    target = tmp_path / "new.sendplan"
    assert main(["import", str(word_plan), "-o", str(target), "--report", str(word_plan)]) == 1
    assert "is also what this command reads" in _err(capsys) and not target.exists()


def test_returns_folder_is_a_folder_and_returns_need_force(plan: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "returns.txt"
    afile.write_text("notes", encoding="utf-8")
    assert main(["returns", str(plan), "-o", str(afile)]) == 1
    assert "is a file, not a folder" in _err(capsys) and afile.read_text(encoding="utf-8") == "notes"
    folder = tmp_path / "returns"
    args = ["returns", str(plan), "-o", str(folder), "--owner", "Head of Inclusion"]
    assert main(args) == 0
    written = folder / "Update return - Head of Inclusion.xlsx"
    written.write_bytes(b"owner's edits")
    assert main(args) == 1
    assert "already holds “Update return - Head of Inclusion.xlsx”" in _err(capsys)
    assert written.read_bytes() == b"owner's edits"
    assert main([*args, "--force"]) == 0 and written.read_bytes().startswith(b"PK")


def test_check_names_a_word_document(word_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(word_plan)]) == 1
    err = capsys.readouterr().err
    assert "it is a Word document, not a plan" in err and "File › Import Word plan…" in err and "damaged" not in err
    assert f"sendplan import \"{word_plan.name}\" -o PLAN.sendplan" in err and "ZIP" not in err


def _returns(plan: Path, tmp_path: Path) -> Path:
    from openpyxl import load_workbook

    assert main(["returns", str(plan), "-o", str(tmp_path / "r"), "--owner", "Head of Inclusion"]) == 0
    path = tmp_path / "r" / "Update return - Head of Inclusion.xlsx"
    book = load_workbook(path)
    book["Your actions"]["G2"] = "The fund opened."
    book.save(path)
    return path


def test_merge_apply_on_a_read_only_plan(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _returns(plan, tmp_path)
    data = json.loads(plan.read_text(encoding="utf-8"))
    data["plan"]["1"]["schema_version"] = 99  # saved by a newer sendplan: open read-only, never rewritten
    plan.write_text(json.dumps(data), encoding="utf-8")
    before = plan.read_bytes()
    assert main(["merge", str(plan), str(path), "--apply"]) == 1
    err = _err(capsys)
    assert "cannot be written, so nothing was changed: it was saved by sendplan" in err
    assert plan.read_bytes() == before


def test_merge_apply_waits_for_no_one_but_names_the_holder(plan: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import sendplan.cli_files as cli_files

    monkeypatch.setattr(cli_files, "COMMAND_LOCK_WAIT", 0.1)
    path = _returns(plan, tmp_path)
    app = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # "the app", holding the lock
    try:
        process = Path(os.readlink(f"/proc/{app.pid}/exe")).name if Path("/proc/self/exe").exists() else ""
        lock_path(plan).write_text(f"{app.pid}\n{process}\n{socket.gethostname()}\n\n\nJo Bloggs\n",
                                   encoding="utf-8")
        before = plan.read_bytes()
        assert main(["merge", str(plan), str(path), "--apply"]) == 1
        err = _err(capsys)
        assert f"is being edited by Jo Bloggs on {socket.gethostname()} since " in err
        assert plan.read_bytes() == before
        assert main(["renumber", str(plan), "--apply", "--style", "1.1a"]) == 1
        assert "is being edited by Jo Bloggs" in _err(capsys) and plan.read_bytes() == before
    finally:
        app.kill()
        app.wait()
    assert main(["merge", str(plan), str(path), "--apply"]) == 0  # gone: its lock is stale
    assert any(u.text == "The fund opened." for _, _, a in load_plan(plan).plan.iter_actions() for u in a.progress)
    assert not lock_path(plan).exists()


def test_unexpected_errors_name_no_exception(plan: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_args: object) -> int:
        raise KeyError("nope")

    monkeypatch.setattr(cli, "check_report", broken)
    assert main(["check", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "something unexpected went wrong" in err and "KeyError" not in err and "nope" not in err


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"plan-\xff.sendplan")
    done = subprocess.run([sys.executable, "-m", "sendplan", "check", os.fsencode(tmp_path / name)],
                          capture_output=True, timeout=60)
    assert done.returncode == 1 and b"no file at that location" in done.stderr and b"Error" not in done.stderr

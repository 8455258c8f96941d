"""The command line: exit codes, JSON output, clear errors, no Qt for non-GUI commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sendplan.cli import main
from sendplan.codec import SCHEMA_VERSION
from sendplan.storage import load_plan


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sendplan", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, env={**os.environ, **(env or {})}, encoding="utf-8")


def test_sample_then_check_json(tmp_path: Path) -> None:
    plan = tmp_path / "x.sendplan"
    assert _run("sample", "-o", str(plan)).returncode == 0
    result = _run("check", str(plan), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["file"] == str(plan) and report["schema_version"] == SCHEMA_VERSION
    assert (report["areas"], report["objectives"], report["actions"], report["reviews"]) == (4, 19, 60, 5)
    assert report["progress_updates"] == 297
    assert set(report["rag"]) == {"Red", "Amber", "Green", "Blue", "Not rated"}
    assert sum(report["rag"].values()) == 60
    assert isinstance(report["overdue"], int) and report["problems"] == []


def test_check_does_not_load_qt_or_office_libraries(tmp_path: Path) -> None:
    plan = tmp_path / "x.sendplan"
    main(["sample", "-o", str(plan)])
    probe = ("import sys; from sendplan.cli import main; main(['check', sys.argv[1]]); "
             "bad = [m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'docx', 'openpyxl', 'pypdf', 'pypdfium2')]; "
             "print('LOADED', bad)")
    result = subprocess.run([sys.executable, "-c", probe, str(plan)], capture_output=True, text=True,
                            timeout=60, encoding="utf-8")
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_check_text_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "new plan.sendplan"
    assert main(["new", str(plan), "--title", "Fellside WSoA"]) == 0
    assert main(["check", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "Plan: Fellside WSoA (Draft v0.1)" in out and "0 areas, 0 objectives, 0 actions" in out
    assert load_plan(plan).plan.rag_scale[0].name == "Red"


def test_bad_file_exit_code_and_message(tmp_path: Path) -> None:
    plan = tmp_path / "broken.sendplan"
    plan.write_text('{"plan": {"1": {"format": "sendplan"', encoding="utf-8")
    result = _run("check", str(plan))
    assert result.returncode == 1
    assert "Cannot open the plan" in result.stderr and str(plan) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_usage_errors_exit_2() -> None:
    assert _run("check").returncode == 2
    assert _run("frobnicate").returncode == 2


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "x.sendplan"
    plan.write_text("precious", encoding="utf-8")
    assert main(["sample", "-o", str(plan)]) == 1
    assert "already exists" in capsys.readouterr().err and plan.read_text(encoding="utf-8") == "precious"
    assert main(["sample", "-o", str(plan), "--force"]) == 0
    assert main(["new", str(tmp_path)]) == 1


def test_open_reports_bad_plan_before_starting_anything(tmp_path: Path) -> None:
    result = _run("open", str(tmp_path / "missing.sendplan"))
    assert result.returncode == 1 and "no file at that location" in result.stderr


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("sendplan ")


def test_open_sample_copies_into_the_data_folder(private_data_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from sendplan.resources import sample_plan_bytes, sample_plan_path

    from sendplan import cli

    opened: list[Path | None] = []
    monkeypatch.setattr(cli, "_app_runner", lambda: lambda path: opened.append(path) or 0)
    assert main(["open", "--sample"]) == 0
    assert main(["open", "--sample"]) == 0
    first, second = opened
    assert first is not None and second is not None and first != second
    assert first.parent == private_data_dir / "samples" and first.read_bytes() == sample_plan_bytes()
    assert sample_plan_path() not in opened


def test_export_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    plan = tmp_path / "x.sendplan"
    main(["sample", "-o", str(plan)])
    out = tmp_path / "pack.docx"
    assert main(["export", str(plan), "--format", "docx", "-o", str(out), "--preset", "publication",
                 "--review", "Sep 2026", "--columns", "action_no,action,rag,owner=Lead,due,progress"]) == 0
    assert "Wrote the publication (60 actions at the September 2026 review)" in capsys.readouterr().out
    header = [c.text for c in Document(str(out)).tables[-5].rows[0].cells]
    assert "Lead" in header or any("Lead" in [c.text for c in t.rows[0].cells] for t in Document(str(out)).tables)
    assert main(["export", str(plan), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "cannot tell the format" in capsys.readouterr().err
    assert main(["export", str(plan), "-o", str(out), "--review", "1999", "--force"]) == 1
    assert "no review matches" in capsys.readouterr().err
    assert main(["export", str(plan), "-o", str(out), "--columns", "rag,nope", "--force"]) == 1
    assert "'nope' is not a column" in capsys.readouterr().err


def test_import_word_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "x.sendplan"
    main(["sample", "-o", str(plan)])
    docx = tmp_path / "pack.docx"
    main(["export", str(plan), "-o", str(docx)])
    capsys.readouterr()
    target, report = tmp_path / "back.sendplan", tmp_path / "report.txt"
    assert main(["import", str(docx), "-o", str(target), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "4 areas, 19 objectives, 60 actions, 297 progress updates" in out
    assert load_plan(target).plan.title == "Northbridge SEND Written Statement of Action"
    assert "restored exactly" in out and "0 things to check" in out
    assert "Restored exactly" in report.read_text(encoding="utf-8")
    main(["export", str(plan), "-o", str(docx), "--no-embed", "--force"])
    capsys.readouterr()
    assert main(["import", str(docx), "-o", str(target), "--report", str(report), "--force"]) == 0
    assert "restored exactly" not in capsys.readouterr().out
    assert "Columns recognised:" in report.read_text(encoding="utf-8")
    assert main(["import", str(docx), "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert main(["import", str(bad), "-o", str(tmp_path / "new.sendplan")]) == 1
    assert "Word 97" in capsys.readouterr().err and not (tmp_path / "new.sendplan").exists()


def test_excel_cycle_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    plan = tmp_path / "x.sendplan"
    main(["sample", "-o", str(plan)])
    assert main(["export", str(plan), "-o", str(tmp_path / "tracker.xlsx")]) == 0
    assert load_workbook(tmp_path / "tracker.xlsx")["Plan"].max_row == 61
    assert main(["returns", str(plan), "-o", str(tmp_path / "returns"), "--owner", "Head of Inclusion"]) == 0
    assert "Wrote 1 update return to" in capsys.readouterr().out
    path = tmp_path / "returns" / "Update return - Head of Inclusion.xlsx"
    book = load_workbook(path)
    book["Your actions"]["H2"] = "Red"
    book["Your actions"]["G2"] = "Fund launched late."
    book.save(path)
    assert main(["merge", str(plan), str(path)]) == 0
    out = capsys.readouterr().out
    assert "[x] 2.5 (a) RAG:" in out and "Nothing applied" in out
    assert main(["merge", str(plan), str(path), "--apply"]) == 0
    assert "Apply 2 changes from update returns" in capsys.readouterr().out
    assert main(["merge", str(plan), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No changes found.\n") and "\nNote: " in out and "1 change is already in the plan" in out
    merged = load_plan(plan).plan
    action = merged.areas[1].objectives[4].actions[0]
    assert merged.current_rating(action) == "red" and action.progress[-1].text == "Fund launched late."
    assert main(["returns", str(plan), "-o", str(tmp_path / "r2"), "--owner", "Nobody"]) == 1
    err = capsys.readouterr().err
    assert "no actions are owned by Nobody" in err
    assert "\n  Clinical Lead, Neurodevelopmental Pathway\n" in err, "one owner a line: owners' names hold commas"
    junk = tmp_path / "junk.xlsx"
    junk.write_text("nope", encoding="utf-8")
    assert main(["merge", str(plan), str(path), str(junk), "--apply"]) == 1
    assert "nothing was applied" in capsys.readouterr().err


def _return_with_a_new_row(tmp_path: Path) -> tuple[Path, Path]:
    """The sample plan and a Head of Inclusion return with an unticked RAG change and a row the owner added."""
    from openpyxl import load_workbook

    plan = tmp_path / "x.sendplan"
    main(["sample", "-o", str(plan)])
    main(["returns", str(plan), "-o", str(tmp_path / "returns"), "--owner", "Head of Inclusion"])
    path = tmp_path / "returns" / "Update return - Head of Inclusion.xlsx"
    book = load_workbook(path)
    sheet = book["Your actions"]
    sheet["H2"] = "Red"
    row = sheet.max_row + 1
    sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"G{row}"] = "2.5", "Set up a parent advisory panel", "Terms drafted."
    book.save(path)
    return plan, path


def test_merge_apply_says_a_new_action_was_left_out_and_why(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    plan, path = _return_with_a_new_row(tmp_path)
    capsys.readouterr()
    assert main(["merge", str(plan), str(path), "--apply"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [f"Apply 1 change from update returns. Saved {plan}.",
                        "1 new action left out: new actions are not added unless you ask (--with-new-actions)."]
    texts = [a.text for _, _, a in load_plan(plan).plan.iter_actions()]
    assert "Set up a parent advisory panel" not in texts and len(texts) == 60


def test_merge_with_new_actions_adds_the_owners_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, path = _return_with_a_new_row(tmp_path)
    capsys.readouterr()
    assert main(["merge", str(plan), str(path), "--apply", "--with-new-actions"]) == 0
    out = capsys.readouterr().out
    assert "[x] 2.5 new action: “Set up a parent advisory panel”" in out
    assert out.splitlines()[-1] == f"Apply 2 changes from update returns. Saved {plan}." and "left out" not in out
    merged = load_plan(plan).plan
    objective = next(o for a in merged.areas for o in a.objectives if merged.numbers()[o.id] == "2.5")
    added = objective.actions[-1]
    assert added.text == "Set up a parent advisory panel" and [u.text for u in added.progress] == ["Terms drafted."]
    assert merged.current_rating(objective.actions[0]) == "red"

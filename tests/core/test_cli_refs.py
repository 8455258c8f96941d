"""The command line on references: `check` reports duplicates, a version-1 file is checked without
being written or backed up, and `renumber` piped into `head` stops quietly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from sendplan.document import PlanDocument
from sendplan.model import Plan

DATA = Path(__file__).parent / "data"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sendplan", *args], capture_output=True, text=True,
                          timeout=120, check=False, encoding="utf-8")


def test_check_reports_duplicate_refs_as_problems(sample_plan: Plan, tmp_path: Path) -> None:
    objective = sample_plan.areas[0].objectives[0]
    objective.actions[1].ref = objective.actions[0].ref
    path = tmp_path / "dup.sendplan"
    PlanDocument.create(path, sample_plan, backups=False)
    result = _cli("check", str(path), "--json")
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [p for p in problems if "more than once" in p] == [
        f"The reference {objective.actions[0].ref} is used more than once among the actions of one parent; "
        "renumber or edit one of them."]


def test_check_of_a_version_1_file_writes_nothing_and_says_what_will_happen(tmp_path: Path) -> None:
    path = tmp_path / "old.sendplan"
    shutil.copy(DATA / "plan_v1.sendplan", path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = _cli("check", str(path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1 and report["problems"] == []
    (notice,) = report["notices"]
    assert "before the first save" in notice and "was kept" not in notice
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert path.read_bytes() == (DATA / "plan_v1.sendplan").read_bytes()


def test_renumber_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    path = tmp_path / "plan.sendplan"
    assert _cli("sample", "-o", str(path)).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "sendplan", "renumber", str(path), "--style", "1.1a"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Broken pipe" not in err and "Traceback" not in err


def test_renumbering_a_free_plan_says_which_style_and_keeps_it(sample_plan: Plan, tmp_path: Path) -> None:
    from sendplan.storage import load_plan  # noqa: PLC0415

    sample_plan.numbering = "free"
    sample_plan.areas[0].ref = "P7"
    path = tmp_path / "free.sendplan"
    PlanDocument.create(path, sample_plan, backups=False)
    listed = _cli("renumber", str(path))
    assert listed.returncode == 0, listed.stderr
    assert "follows the 1.1 (a) style" in listed.stdout and "P7 → 1" in listed.stdout
    assert _cli("renumber", str(path), "--apply").returncode == 0
    plan = load_plan(path).plan
    assert plan.numbering == "1.1 (a)" and plan.areas[0].ref == "1"
    assert "already follow" in _cli("renumber", str(path)).stdout


def test_writing_into_a_folder_that_does_not_exist_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    for args in (("sample", "-o", str(missing / "x.sendplan")), ("new", str(missing / "y.sendplan"))):
        result = _cli(*args)
        assert result.returncode == 1
        assert result.stderr.strip() == f"sendplan: could not use “{missing}”: there is no such folder."

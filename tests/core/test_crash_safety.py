"""Kill (SIGKILL, or TerminateProcess on Windows) a process that keeps saving edits: the file always loads
and no acknowledged edit is lost.

This is the short version (30 kills); ``python benchmarks/crash_test.py --kills 300`` is the long one.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sendplan.document import PlanDocument

CRASH_TEST = Path(__file__).resolve().parents[2] / "benchmarks" / "crash_test.py"


@pytest.mark.timeout(300)
def test_kill_at_random_moments(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("crash_test", CRASH_TEST)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_test"] = module
    spec.loader.exec_module(module)
    result = module.run(30, seed=7, folder=tmp_path)
    assert result.corrupt_files == 0
    assert result.lost_edits == 0
    # Not a speed check (a busy machine starts the child slowly): only that kills fell among real saves.
    assert result.acknowledged_edits >= 20, "the child should have saved edits between kills"
    PlanDocument.open(tmp_path / "crash test plan.sendplan")  # the next open sweeps temp files
    assert not list(tmp_path.glob(".*.tmp"))

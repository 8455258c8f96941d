"""SIGKILL the real app while it types in review mode and the grid: every character typed more than a second
before the kill is in the plan or offered back, and every committed edit is in the plan file or the journal.

This is the short version; ``python benchmarks/typing_crash_test.py --kills 100`` is the long one.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

CRASH_TEST = Path(__file__).resolve().parents[2] / "benchmarks" / "typing_crash_test.py"


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
@pytest.mark.timeout(300)
def test_kill_while_typing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("typing_crash_test", CRASH_TEST)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["typing_crash_test"] = module
    spec.loader.exec_module(module)
    monkeypatch.setenv("SENDPLAN_DATA_DIR", str(tmp_path / "userdata"))
    result = module.run(6, seed=11, folder=tmp_path, shortest=1.2, longest=3.0)
    assert result.corrupt_files == 0 and result.lost == []
    assert result.characters_lost == 0 and result.commits_lost == 0
    assert result.characters_due > 50, "the app should have typed between kills"
    assert result.commits >= 1

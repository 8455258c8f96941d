"""Test set-up shared by every test: no screen, no real user folders, the sample plan at hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI runs a fixed set of examples (the same every run); local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

from sendplan.resources import sample_plan_bytes  # noqa: E402

from sendplan.model import Plan  # noqa: E402
from sendplan.storage import load_plan  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups, settings and sample copies go to a throwaway folder in every test."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SENDPLAN_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample plan.sendplan"
    path.write_bytes(sample_plan_bytes())
    return path


@pytest.fixture
def sample_plan(sample_file: Path) -> Plan:
    return load_plan(sample_file).plan

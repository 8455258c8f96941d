"""Exports of a sample copy kept in the hidden data folder are suggested in Documents, others beside the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendplan.paths import ENV_DATA_DIR, output_folder


def test_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "home" / ".local" / "share" / "sendplan"
    documents = tmp_path / "OneDrive - Fellside Council" / "Documents"  # as Windows redirects it
    monkeypatch.setenv(ENV_DATA_DIR, str(data))
    (data / "samples").mkdir(parents=True)
    sample = data / "samples" / "northbridge-wsoa (6).sendplan"
    assert output_folder(sample, documents) == documents
    own = tmp_path / "plans" / "our plan.sendplan"
    assert output_folder(own, documents) == tmp_path / "plans"

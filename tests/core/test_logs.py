"""Logging to the user's data folder, and a CLI that works with no console (windowed builds)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from sendplan import cli_console
from sendplan.cli import main
from sendplan.logs import log_path, setup_logging


def test_log_file_in_the_data_folder(private_data_dir: Path) -> None:
    path = setup_logging()
    assert path == log_path() and path.is_relative_to(private_data_dir)
    logging.getLogger("sendplan.test").warning("a message for the helpdesk")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "a message for the helpdesk" in path.read_text(encoding="utf-8")


def test_cli_without_stdout_or_stderr(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    shown: list[str] = []
    monkeypatch.setattr(cli_console, "show_in_window", shown.append)  # the windowed build: a message box
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["sample", "-o", str(tmp_path / "x.sendplan")]) == 0
    assert main(["check", str(tmp_path / "missing.sendplan")]) == 1
    assert len(shown) == 1 and "Cannot open the plan" in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path().read_text(encoding="utf-8")
    assert "Wrote the sample plan" in text and "Cannot open the plan" in text

"""The product never opens a network connection: the main paths run with socket creation disabled."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sendplan.cli import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise NetworkUsed("a network connection was attempted")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_cli_paths_offline(no_network: None, tmp_path: Path) -> None:
    plan = tmp_path / "plan.sendplan"
    assert main(["sample", "-o", str(plan)]) == 0
    assert main(["check", str(plan), "--json"]) == 0
    for preset in ("review-pack", "publication"):
        assert main(["export", str(plan), "-o", str(tmp_path / f"{preset}.docx"), "--preset", preset]) == 0
    assert main(["export", str(plan), "-o", str(tmp_path / "tracker.xlsx")]) == 0
    assert main(["import", str(tmp_path / "review-pack.docx"), "-o", str(tmp_path / "back.sendplan")]) == 0
    assert main(["returns", str(plan), "-o", str(tmp_path / "returns"), "--owner", "Head of Inclusion"]) == 0
    returned = tmp_path / "returns" / "Update return - Head of Inclusion.xlsx"
    book = load_workbook(returned)
    book["Your actions"]["G2"] = "Offline progress."
    book.save(returned)
    assert main(["merge", str(plan), str(returned), "--apply"]) == 0


def test_app_paths_offline(no_network: None, qtbot: Any, sample_file: Path) -> None:
    from sendplan.ui import app as app_module

    from sendplan.commands import SetField
    from sendplan.storage import load_plan

    window = app_module.open_plan(sample_file)
    assert window is not None
    qtbot.addWidget(window)
    window.session.push(SetField(window.session.plan, window.session.plan.id, "title", "Edited offline"))
    assert window.session.save_now()
    window.close()
    assert load_plan(sample_file).plan.title == "Edited offline"

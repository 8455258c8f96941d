"""Autosave writes on a worker thread, in order, and a synchronous save waits for it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sendplan.commands import SetField
from sendplan.storage import load_plan

pytest_plugins = ["pytestqt"]


def test_autosave_writes_off_the_gui_thread_and_keeps_the_latest(qtbot: Any, window: Any, sample_file: Path,
                                                                monkeypatch: Any) -> None:
    session = window.session
    document = session.document
    threads: list[str] = []
    original = document.write_tables

    def recording(tables: Any, **options: Any) -> None:
        threads.append(threading.current_thread().name)
        original(tables, **options)
    monkeypatch.setattr(document, "write_tables", recording)
    action = session.plan.areas[0].objectives[0].actions[0]
    for n in range(5):
        session.push(SetField(session.plan, action.id, "owner", f"Owner {n}"))
        session.save_in_background()
    qtbot.waitUntil(lambda: not session.dirty, timeout=5000)
    assert threads and all(name == "sendplan-autosave" for name in threads)
    assert load_plan(sample_file).plan.areas[0].objectives[0].actions[0].owner == "Owner 4"
    assert window.status_label.text().startswith("Saved ")
    session.push(SetField(session.plan, action.id, "owner", "Owner 5"))
    session.save_in_background()
    assert session.save_now()  # waits for the write in progress, then writes what is left
    assert load_plan(sample_file).plan.areas[0].objectives[0].actions[0].owner == "Owner 5"

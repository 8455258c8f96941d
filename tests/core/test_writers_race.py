"""Two processes saving edits to one plan at once lose none of them: the check that the file is unchanged
and the replace happen under the plan's lock. And every writer respects a lock someone else holds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import sendplan.document as document_module
from sendplan.document import PlanDocument
from sendplan.model import Action, Area, Objective, new_plan
from sendplan.plan_lock import PlanLock, PlanLocked, lock_path, read_holder
from sendplan.storage import load_plan, save_new_plan

WORKER = Path(__file__).resolve().parents[2] / "benchmarks" / "race_worker.py"
EACH = 500


@pytest.mark.timeout(600)
def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    plan = new_plan("Race")
    plan.areas = [Area(ref="1", wording="Area", objectives=[Objective(ref="1.1", text="Objective",
                                                                      actions=[Action(ref="1.1 (a)", text="Do")])])]
    path = tmp_path / "race.sendplan"
    save_new_plan(path, plan)
    env = {**os.environ, "SENDPLAN_DATA_DIR": str(tmp_path / "data")}
    children = [subprocess.Popen([sys.executable, str(WORKER), str(path), tag, str(EACH)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env) for tag in ("A", "B")]
    saved: set[str] = set()
    for child in children:
        out, err = child.communicate(timeout=580)
        assert child.returncode == 0, err
        saved |= {line.removeprefix("saved ") for line in out.splitlines()}
    assert len(saved) == 2 * EACH
    texts = {u.text.removeprefix("race ") for _, _, a in load_plan(path).plan.iter_actions() for u in a.progress}
    assert saved - texts == set(), f"{len(saved - texts)} saved edits lost"
    assert not lock_path(path).exists()


def test_a_held_lock_stops_every_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_module, "WRITE_LOCK_WAIT", 0.1)
    path = tmp_path / "plan.sendplan"
    save_new_plan(path, new_plan("Held"))
    document = PlanDocument.open(path, backups=False)
    document.plan.title = "Mine"
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        process = Path(os.readlink(f"/proc/{holder.pid}/exe")).name if Path("/proc/self/exe").exists() else ""
        lock_path(path).write_text(f"{holder.pid}\n{process}\n{socket.gethostname()}\n\n\nJo Bloggs\n",
                                   encoding="utf-8")
        with pytest.raises(PlanLocked) as caught:
            document.save()
        assert "Jo Bloggs on " in str(caught.value) and "was not changed" in str(caught.value)
        assert load_plan(path).plan.title == "Held"
    finally:
        holder.kill()
        holder.wait()
    document = PlanDocument.open(path, backups=False)  # the holder is gone: its lock is stale, taken quietly
    document.plan.title = "Mine"
    document.save()
    assert load_plan(path).plan.title == "Mine" and not lock_path(path).exists()  # let go after the write


def test_a_taken_over_session_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.sendplan"
    save_new_plan(path, new_plan("Theirs"))
    document = PlanDocument.open(path, backups=False)
    lock = PlanLock(path)
    lock.acquire()
    document.lock_held = True
    lock.path.write_text(f"1\ninit\n{socket.gethostname()}\n\n\nSam Smith\n", encoding="utf-8")  # taken over
    document.plan.title = "Mine"
    with pytest.raises(PlanLocked) as caught:
        document.save()
    assert caught.value.taken_over and "taken over by Sam Smith" in str(caught.value)
    assert load_plan(path).plan.title == "Theirs"
    holder = read_holder(lock.path)
    assert holder is not None and holder.user == "Sam Smith"


def test_long_plan_names_have_a_lock(tmp_path: Path) -> None:
    name = "n" * 245 + ".sendplan"
    path = tmp_path / name
    lock = lock_path(path)
    assert len(lock.name.encode()) <= 240 and lock.name.endswith(".lock")
    assert lock != lock_path(tmp_path / ("m" * 245 + ".sendplan"))


def test_backups_that_cannot_be_written_never_stop_opening_or_saving(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import sendplan.document as document_module

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(document_module, "take_backup", full)
    path = tmp_path / "plan.sendplan"
    save_new_plan(path, new_plan("Full backups"))
    document = PlanDocument.open(path)
    assert any("The backup of “plan.sendplan” could not be written (No space left on device)" in n
               for n in document.notices)
    document.plan.title = "Saved all the same"
    document.save()
    assert load_plan(path).plan.title == "Saved all the same"
    assert "the plan itself is saved as usual" in document.backup_problem

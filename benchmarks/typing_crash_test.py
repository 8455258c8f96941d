"""Nothing typed is lost: SIGKILL the real app while it types (review mode and the grid), at random moments.

Each run starts the app on the plan (``typing_worker.py``), which types a character every 30–60 ms and commits
now and then with Ctrl+Enter; the parent kills it after a random time. Then, from the files on disk alone, it
checks that every character typed more than a second before the kill is in the plan or offered back by the draft
journal (what the app will offer on opening: :func:`sendplan.journal.pending`), and that every committed edit is
in the plan file or in the journal. The next run opens the plan, keeps the recovered text and types on.
The test suite runs a short version (tests/ui/test_typing_crash.py); run this for the long one::

    python benchmarks/typing_crash_test.py --kills 100 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sendplan.resources import sample_plan_bytes

from sendplan.commands import CommandError, locate
from sendplan.journal import PROGRESS, Draft, pending, read_drafts
from sendplan.model import Plan
from sendplan.review_state import updates_at
from sendplan.storage import PlanLoadError, load_plan

WORKER = Path(__file__).with_name("typing_worker.py")
GRACE = 1.0  # a character typed this long before the kill must be found


@dataclass
class Session:
    entity: str
    field: str
    review: str
    base: str
    keys: list[tuple[float, str]] = field(default_factory=list)
    committed: float | None = None

    def typed_by(self, moment: float) -> str:
        return self.base + "".join(char for at, char in self.keys if at <= moment)


@dataclass
class TypingCrashResult:
    kills: int
    characters_typed: int
    characters_due: int  # typed more than a second before a kill
    characters_lost: int
    commits: int
    commits_lost: int
    commits_only_in_journal: int  # killed before the save: offered back from the journal
    corrupt_files: int
    seconds: float
    lost: list[str] = field(default_factory=list)


def _parse(out: str) -> list[Session]:
    sessions: dict[str, Session] = {}
    for line in out.splitlines():
        parts = line.split(" ", 5)
        if parts[0] == "session" and len(parts) == 6:
            sessions[parts[1]] = Session(parts[2], parts[3], parts[4], json.loads(parts[5]))
        elif parts[0] == "key" and parts[1] in sessions and len(parts) >= 4:
            sessions[parts[1]].keys.append((float(parts[2]), json.loads(line.split(" ", 3)[3])))
        elif parts[0] == "commit" and parts[1] in sessions:
            sessions[parts[1]].committed = float(parts[2])
    return list(sessions.values())


def _places(plan: Plan, session: Session, drafts: list[Draft]) -> tuple[list[str], list[str]]:
    """(what the plan file holds there, what the journal offers back there)."""
    try:
        entity = locate(plan, session.entity).entity
    except CommandError:
        return [], []
    if session.field == PROGRESS:
        held = [u.text for u in updates_at(entity, plan.review(session.review))]
    else:
        held = [str(getattr(entity, session.field, ""))]
    offered = [d.text for d in drafts if d.entity_id == session.entity and d.field == session.field]
    return held, offered


def _read_lines(child: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    assert child.stdout is not None
    for line in iter(child.stdout.readline, ""):
        lines.put(line)


def _wait_for(lines: queue.Queue[str], start: str, timeout: float, reader: threading.Thread) -> list[str]:
    """The lines read until one starting with ``start`` (or until ``timeout`` seconds pass, or the child ends)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.05)
        except queue.Empty:
            if not reader.is_alive():
                break
            continue
        seen.append(line)
        if line.startswith(start):
            break
    return seen


def _drain(lines: queue.Queue[str]) -> list[str]:
    seen = []
    while not lines.empty():
        seen.append(lines.get())
    return seen


def _found(expected: str, texts: list[str]) -> bool:
    want = " ".join(expected.split())
    return any(" ".join(text.split()).startswith(want) for text in texts)


def run(kills: int, *, seed: int = 1, folder: Path | None = None, shortest: float = 1.5,
        longest: float = 6.0) -> TypingCrashResult:
    rng = random.Random(seed)
    folder = folder or Path(tempfile.mkdtemp(prefix="sendplan-typing-"))
    path = folder / "typing test plan.sendplan"
    path.write_bytes(sample_plan_bytes())
    os.environ["SENDPLAN_DATA_DIR"] = str(folder / "userdata")  # the journal is read here as the app would
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "QT_QPA_PLATFORM": "offscreen"}
    result = TypingCrashResult(0, 0, 0, 0, 0, 0, 0, 0, 0.0)
    started = time.perf_counter()
    for number in range(kills):
        child = subprocess.Popen([sys.executable, str(WORKER), str(path), str(rng.randrange(10**6))],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                                 errors="replace", env=env)
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_read_lines, args=(child, lines), daemon=True)
        reader.start()
        seen = _wait_for(lines, "ready", 60.0, reader)
        if not any(line.startswith("ready") for line in seen):
            child.kill()
            child.wait()
            raise RuntimeError(f"the app did not start typing: {''.join(seen)[-500:]}")
        if rng.random() < 1 / 3:  # just after a Ctrl+Enter: the commit must not be lost with the save in flight
            seen += _wait_for(lines, "commit", longest * 3, reader)
            time.sleep(rng.uniform(0.02, 0.3))
        else:
            time.sleep(rng.uniform(shortest, longest))
        moment = time.time()
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(timeout=10)
        seen += _drain(lines)
        sessions = _parse("".join(seen))
        result.kills += 1
        try:
            plan = load_plan(path).plan
        except PlanLoadError as error:
            result.corrupt_files += 1
            result.lost.append(f"kill {number}: {error.message}")
            break
        drafts = pending(plan, read_drafts(path, plan.id))
        for session in sessions:
            result.characters_typed += len(session.keys)
            due = [k for k in session.keys if k[0] <= moment - GRACE]
            if not due and session.committed is None:
                continue
            held, offered = _places(plan, session, drafts)
            result.characters_due += len(due)
            expected = session.typed_by(moment - GRACE)
            if not _found(expected, held + offered):
                result.characters_lost += len(due)
                result.lost.append(f"kill {number}: {session.entity} {session.field}: “{expected[-60:]}”")
            if session.committed is not None:
                result.commits += 1
                typed = session.typed_by(session.committed)
                if _found(typed, held):
                    continue
                if _found(typed, offered):
                    result.commits_only_in_journal += 1
                else:
                    result.commits_lost += 1
                    result.lost.append(f"kill {number}: commit in {session.entity} {session.field} lost")
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.kills, seed=args.seed)
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(f"{result.kills} kills while typing: {result.characters_typed} characters typed, "
              f"{result.characters_due} typed over a second before a kill, {result.characters_lost} lost; "
              f"{result.commits} commits, {result.commits_lost} lost ({result.commits_only_in_journal} held by the "
              f"journal alone); {result.corrupt_files} corrupt files ({result.seconds} s)")
        for line in result.lost[:20]:
            print("  " + line)
    return 0 if not (result.characters_lost or result.commits_lost or result.corrupt_files) else 1


if __name__ == "__main__":
    raise SystemExit(main())

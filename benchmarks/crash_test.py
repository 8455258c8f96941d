"""Crash safety: kill a process that keeps editing and saving a plan, at random moments (SIGKILL on POSIX,
TerminateProcess on Windows: neither lets the process tidy up).

After every kill the file must load and hold every edit the child reported as saved. The test
suite runs a short version (tests/core/test_crash_safety.py); run this for the long one::

    python benchmarks/crash_test.py --kills 300 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sendplan.resources import sample_plan_bytes

from sendplan.storage import PlanLoadError, load_plan

WORKER = Path(__file__).with_name("crash_worker.py")
_EDIT = re.compile(r"^crash-edit (\d+)$")


@dataclass
class CrashResult:
    kills: int
    acknowledged_edits: int
    corrupt_files: int
    lost_edits: int
    killed_mid_save: int  # kills that left an unacknowledged edit in the file (write in flight)
    seconds: float


def _edits_in(path: Path) -> tuple[set[int], int]:
    plan = load_plan(path).plan
    found = {int(m[1]) for _, _, a in plan.iter_actions() for u in a.progress
             if (m := _EDIT.match(u.text))}
    return found, int(plan.version) if plan.version.isdigit() else -1


def _start_up_seconds(env: dict[str, str]) -> float:
    """How long a worker takes to start (the interpreter and the plan code: ~0.15 s on Linux, more on Windows)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sendplan.document"], env=env, check=True, timeout=120)
    return time.perf_counter() - started


def run(kills: int, *, seed: int = 1, folder: Path | None = None,
        min_delay: float = 0.02, max_delay: float = 0.4) -> CrashResult:
    rng = random.Random(seed)
    folder = folder or Path(tempfile.mkdtemp(prefix="sendplan-crash-"))
    path = folder / "crash test plan.sendplan"
    path.write_bytes(sample_plan_bytes())
    env = {**os.environ, "SENDPLAN_DATA_DIR": str(folder / "userdata")}
    acknowledged: set[int] = set()
    corrupt = lost = mid_save = 0
    started = time.perf_counter()
    next_number = 0
    start_up = max(0.15, _start_up_seconds(env))
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, str(WORKER), str(path), str(next_number)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, encoding="utf-8")
        time.sleep(start_up + rng.uniform(min_delay, max_delay))
        child.kill()
        out, err = child.communicate()
        acknowledged.update(int(line.split()[1]) for line in out.splitlines() if line.startswith("saved "))
        try:
            found, counter = _edits_in(path)
        except PlanLoadError as error:
            corrupt += 1
            print(f"corrupt after kill: {error.message}", file=sys.stderr)
            break
        missing = acknowledged - found
        lost += len(missing)
        if counter > max(acknowledged, default=-1):
            mid_save += 1
        next_number = max(found | acknowledged, default=-1) + 1
        if err.strip() and "Traceback" in err and "KeyboardInterrupt" not in err:
            raise RuntimeError(f"worker failed:\n{err}")
    return CrashResult(kills, len(acknowledged), corrupt, lost, mid_save,
                       round(time.perf_counter() - started, 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.kills, seed=args.seed)
    print(json.dumps(asdict(result)) if args.json else
          f"{result.kills} kills, {result.acknowledged_edits} acknowledged edits, "
          f"{result.corrupt_files} corrupt files, {result.lost_edits} lost edits, "
          f"{result.killed_mid_save} kills with a save in flight ({result.seconds} s)")
    return 0 if result.corrupt_files == 0 and result.lost_edits == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

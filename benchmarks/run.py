"""Measure sendplan against the speed budgets in QUALITY.md (medians of repeated runs).

    python benchmarks/run.py [--repeat 21] [--json] [--only load,save]

Rows so far: loading a plan file into the model, and one edit made durable on disk (command +
atomic write + fsync + backup) at 1× and 10×, with the floor for the same bytes (a bare
write + fsync) as the reference. Later features add their rows to ``BENCHMARKS``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_plan import generate  # noqa: E402

from sendplan.commands import SetField  # noqa: E402
from sendplan.document import PlanDocument  # noqa: E402
from sendplan.storage import load_plan, save_new_plan  # noqa: E402

BUDGETS_MS = {("load", 1): 50, ("load", 10): 300, ("save", 1): 20, ("save", 10): 100}


@dataclass
class Row:
    name: str
    scale: int
    median_ms: float
    p90_ms: float
    budget_ms: float | None
    reference: str
    reference_ms: float | None
    runs: int

    @property
    def verdict(self) -> str:
        if self.budget_ms is None:
            return ""
        return "within budget" if self.median_ms <= self.budget_ms else "OVER BUDGET"


def _time(function: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _row(name: str, scale: int, samples: list[float], reference: str = "",
         reference_samples: list[float] | None = None) -> Row:
    ordered = sorted(samples)
    return Row(name, scale, round(statistics.median(ordered), 2),
               round(ordered[int(len(ordered) * 0.9) - 1], 2), BUDGETS_MS.get((name, scale)),
               reference, round(statistics.median(reference_samples), 2) if reference_samples else None,
               len(samples))


def _fsync_floor(folder: Path, data: bytes, repeat: int) -> list[float]:
    target = folder / "floor.bin"

    def write() -> None:
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return _time(write, repeat)


def bench_load(folder: Path, scale: int, repeat: int) -> Row:
    path = folder / f"plan{scale}x.sendplan"
    save_new_plan(path, generate(scale, seed=1))
    load_plan(path)  # warm the file cache, as a second open would be
    return _row("load", scale, _time(lambda: load_plan(path), repeat),
                "json.loads of the same file (ms)",
                _time(lambda: json.loads(path.read_bytes()), repeat))


def bench_save(folder: Path, scale: int, repeat: int) -> Row:
    path = folder / f"edit{scale}x.sendplan"
    save_new_plan(path, generate(scale, seed=1))
    document = PlanDocument.open(path)
    actions = [a for _, _, a in document.plan.iter_actions()]
    counter = iter(range(10**9))

    def edit_and_save() -> None:
        n = next(counter)
        SetField(document.plan, actions[n % len(actions)].id, "owner", f"Owner {n}").apply(document.plan)
        document.save()
    samples = _time(edit_and_save, repeat)
    return _row("save", scale, samples, "bare write + fsync of the same bytes (ms)",
                _fsync_floor(folder, path.read_bytes(), repeat))


BENCHMARKS: dict[str, Callable[[Path, int, int], Row]] = {"load": bench_load, "save": bench_save}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    args = parser.parse_args()
    chosen = [n for n in args.only.split(",") if n] or list(BENCHMARKS)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sendplan-bench-") as folder:
        os.environ["SENDPLAN_DATA_DIR"] = str(Path(folder) / "userdata")
        for name in chosen:
            for scale in (1, 10):
                rows.append(BENCHMARKS[name](Path(folder), scale, args.repeat))
    if args.json:
        print(json.dumps({"rows": [asdict(r) | {"verdict": r.verdict} for r in rows]}, indent=2))
    else:
        print(f"{'what':<6} {'scale':>5} {'median ms':>10} {'p90 ms':>8} {'budget':>7}  "
              f"{'verdict':<14} reference")
        for r in rows:
            print(f"{r.name:<6} {r.scale:>4}x {r.median_ms:>10.1f} {r.p90_ms:>8.1f} "
                  f"{r.budget_ms or '':>7}  {r.verdict:<14} {r.reference}: {r.reference_ms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

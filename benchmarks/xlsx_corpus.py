"""Run the return/merge reader (or the tracker import) over every spreadsheet in a folder and count what went
wrong.

    python benchmarks/xlsx_corpus.py FOLDER [--tracker] [--timeout 30] [--memory-mb 1024] [--json] [--list KIND]

Each .xlsx/.xlsm/.xlsb/.xls file (found recursively) is merged into the sample plan by
``read_returns`` (with ``--tracker``: imported as a council's tracker, then read again with each sheet's first row as
its header and its columns given every role in turn, as an officer correcting the preview might) in its own process,
limited to ``--timeout`` seconds and ``--memory-mb`` of address
space. A file counts as: read (changes or none, possibly with notes), refused (a message saying why
it cannot be used), a traceback (anything printed on stderr with "Traceback", or a crash), a bad
message (one naming an exception class, Python's own warnings reaching stderr, or anything else
printed), a hang (killed at the time limit) or a memory blow-up (MemoryError or killed by the memory
limit). The slowest files
and the peak resident memory are reported. Uses the standard library and sendplan only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls"}
EXCEPTION_NAME = re.compile(r"\b(?:[A-Z][A-Za-z]*(?:Error|Exception|Warning)|Traceback|NoneType|Errno)\b")
_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from sendplan.exporters.returns import read_returns
from sendplan.storage import load_plan
plan = load_plan(sys.argv[1]).plan
started = time.perf_counter()
result = read_returns(plan, [Path(sys.argv[2])])
result.command(plan)
print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "changes": len(result.changes),
                  "problems": result.problems, "unusable": bool(result.unusable),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
_TRACKER_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from sendplan.exporters.excel import prepare_tracker
from sendplan.exporters.office import ImportMapping, OfficeFileError, TableChoice
sys.path.insert(0, sys.argv[3])
from remap import remap
started = time.perf_counter()
problems, unusable = [], False
try:
    source = prepare_tracker(Path(sys.argv[2]))
    result = source.read()
    # every sheet read with its first row as the header, then remapped (every role in turn)
    first_rows = ImportMapping([TableChoice(f"sheet “{s.title}”", (), [], min(s.rows), 1, chosen=True)
                                for s in source.data.sheets if s.rows])
    again = source.read(remap(source.read(first_rows).mapping))
    problems = [result.report.refusal] + result.report.notes + result.report.guesses + again.report.notes
    problems = [p for p in problems if p]
    unusable = bool(result.report.refusal)
except OfficeFileError as error:
    problems, unusable = [str(error)], True
print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "changes": 0, "problems": problems,
                  "unusable": unusable, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _limits(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_one(plan_file: Path, path: Path, timeout: float, memory_mb: int, tracker: bool = False) -> dict[str, object]:
    """One file in its own process: its outcome, time, peak memory and messages."""
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", _TRACKER_CHILD if tracker else _CHILD, str(plan_file), str(path),
                               str(Path(__file__).parent)], capture_output=True, text=True, encoding="utf-8",
                              timeout=timeout, preexec_fn=lambda: _limits(memory_mb), check=False)
    except subprocess.TimeoutExpired:
        return {"file": str(path), "outcome": "hang", "ms": timeout * 1000}
    wall = (time.perf_counter() - started) * 1000
    stderr = done.stderr.strip()
    if "MemoryError" in stderr or done.returncode < 0:
        return {"file": str(path), "outcome": "memory", "ms": wall, "detail": stderr[-400:]}
    if done.returncode != 0 or "Traceback" in stderr:
        return {"file": str(path), "outcome": "traceback", "ms": wall, "detail": stderr[-1500:]}
    *printed, last = done.stdout.strip().splitlines()
    report = json.loads(last)
    bad = [p for p in report["problems"] if EXCEPTION_NAME.search(p)] + ([stderr[-400:]] if stderr else []) + (
        ["printed: " + "\n".join(printed)[-400:]] if printed else [])
    outcome = "bad message" if bad else "refused" if report["unusable"] else "read"
    return {"file": str(path), "outcome": outcome, "ms": report["ms"], "peak_mb": report["peak_mb"],
            "changes": report["changes"], "problems": report["problems"], "detail": "\n".join(bad)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per file (default 30)")
    parser.add_argument("--memory-mb", type=int, default=1024, help="address-space limit per file (default 1024)")
    parser.add_argument("--json", action="store_true", help="print every file's outcome as JSON")
    parser.add_argument("--list", metavar="KIND", help="list the files with this outcome and their messages")
    parser.add_argument("--tracker", action="store_true", help="import each file as a tracker (and remap it) "
                                                               "instead of merging it as a return")
    args = parser.parse_args(argv)
    from sendplan.resources import sample_plan_bytes

    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        print(f"No spreadsheets found in {args.folder}.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="sendplan-corpus-") as scratch:
        plan_file = Path(scratch) / "sample.sendplan"
        plan_file.write_bytes(sample_plan_bytes())
        os.environ.setdefault("SENDPLAN_DATA_DIR", scratch)
        outcomes = []
        for n, path in enumerate(files, 1):
            outcomes.append(run_one(plan_file, path, args.timeout, args.memory_mb, args.tracker))
            if n % 100 == 0:
                print(f"… {n}/{len(files)}", file=sys.stderr)
    counts = Counter(str(o["outcome"]) for o in outcomes)
    slowest = sorted(outcomes, key=lambda o: -float(o["ms"]))[:5]  # type: ignore[arg-type]
    peak = max((o for o in outcomes if "peak_mb" in o), key=lambda o: float(o["peak_mb"]), default=None)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps({"counts": counts, "files": outcomes}, indent=1))
        return 0
    by_suffix = Counter(Path(str(o["file"])).suffix.lower() for o in outcomes)
    print(f"{len(files)} files ({', '.join(f'{n} {s}' for s, n in sorted(by_suffix.items()))})")
    for kind in ("read", "refused", "traceback", "bad message", "hang", "memory"):
        print(f"  {kind:12} {counts.get(kind, 0)}")
    print("slowest: " + "; ".join(f"{Path(str(o['file'])).name} {float(o['ms']):.0f} ms" for o in slowest))  # type: ignore[arg-type]
    if peak is not None:
        print(f"peak memory: {float(peak['peak_mb']):.0f} MB ({Path(str(peak['file'])).name})")  # type: ignore[arg-type]
    for outcome in outcomes:
        if args.list and outcome["outcome"] == args.list:
            print(f"\n{outcome['file']}\n  " + "\n  ".join(
                [str(outcome.get("detail", ""))] if outcome.get("detail") else list(outcome.get("problems", []))))  # type: ignore[arg-type]
    return 1 if any(counts.get(k) for k in ("traceback", "bad message", "hang", "memory")) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Merging one returned workbook from a 10× plan, whatever its sheets claim: time (median) and peak memory.

    python benchmarks/merge_bounds.py [--repeat 9] [--json]

Rows: one owner's return and the whole tracker of the 10× plan, each as written, with a stray
cell at XFD1048576, and with ten cells in rows 100000–100009 of column GJH. Each case runs in a
fresh process so its peak resident memory is its own; the budget (QUALITY.md, issue 13) is under
1 s and 150 MB per merge.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_plan import generate  # noqa: E402

from sendplan.storage import save_new_plan  # noqa: E402

BUDGET_MS, BUDGET_MB = 1000, 150
_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from sendplan.exporters.returns import read_returns
from sendplan.storage import load_plan
plan = load_plan(sys.argv[1]).plan
path, repeat = Path(sys.argv[2]), int(sys.argv[3])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
samples = []
for _ in range(repeat):
    started = time.perf_counter()
    result = read_returns(plan, [path])
    result.command(plan)
    samples.append((time.perf_counter() - started) * 1000)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"samples": samples, "peak_mb": peak, "before_mb": before, "changes": len(result.changes),
                  "problems": len(result.problems)}))
"""


def _cases(folder: Path) -> tuple[Path, dict[str, Path]]:
    from openpyxl import load_workbook
    from sendplan.exporters.excel import export_tracker
    from sendplan.exporters.returns import write_returns

    plan = generate(10, seed=1)
    plan_file = folder / "plan10x.sendplan"
    save_new_plan(plan_file, plan)
    owner = sorted({a.owner for _, _, a in plan.iter_actions()})[0]
    sources = {"return": (write_returns(plan, folder / "returns", owners=[owner]).files[owner], "Your actions", "G"),
               "tracker": (export_tracker(plan, folder / "tracker.xlsx"), "Plan", "L")}
    cases: dict[str, Path] = {}
    for kind, (source, sheet_name, column) in sources.items():
        for variant in ("as written", "XFD1048576", "far rows"):
            book = load_workbook(source)
            sheet = book[sheet_name]
            for row in range(2, sheet.max_row + 1):
                sheet[f"{column}{row}"] = "Progress reported by the owner this quarter."
            if variant == "XFD1048576":
                sheet["XFD1048576"] = "stray"
            elif variant == "far rows":
                for row in range(100_000, 100_010):
                    sheet[f"GJH{row}"] = f"far {row}"
            path = folder / f"{kind} {variant}.xlsx"
            book.save(path)
            cases[f"{kind}, {variant}"] = path
    return plan_file, cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="sendplan-merge-") as name:
        plan_file, cases = _cases(Path(name))
        for label, path in cases.items():
            out = subprocess.run([sys.executable, "-c", _CHILD, str(plan_file), str(path), str(args.repeat)],
                                 capture_output=True, text=True, check=True, timeout=600, encoding="utf-8")
            data = json.loads(out.stdout)
            median = statistics.median(data["samples"])
            rows.append({"case": label, "file_kb": round(path.stat().st_size / 1024), "median_ms": round(median, 1),
                         "peak_mb": round(data["peak_mb"], 1), "baseline_mb": round(data["before_mb"], 1),
                         "changes": data["changes"],
                         "verdict": "within budget" if median < BUDGET_MS and data["peak_mb"] < BUDGET_MB
                         else "OVER BUDGET"})
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'case':28} {'KB':>5} {'median ms':>10} {'peak MB':>8} {'(start MB)':>10} {'changes':>8}")
        for row in rows:
            print(f"{row['case']:28} {row['file_kb']:>5} {row['median_ms']:>10} {row['peak_mb']:>8} "
                  f"{row['baseline_mb']:>10} {row['changes']:>8}  {row['verdict']}")
    return 0 if all(r["verdict"] == "within budget" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

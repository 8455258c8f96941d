"""Import every Word file in a folder and count what went wrong: ``python benchmarks/import_corpus.py FOLDER``.

``--as-plan`` gives every table action-plan headers first, so the whole walk runs over real tables;
``--remap`` then reads every file again with each table's columns given every role in turn and its
rows read as headings and notes, as an officer correcting the preview might (the mapping path).
Each file is imported in a child process with a time and memory limit, so a hang or a crash is
counted rather than stopping the run. Counted: imports, clear refusals (a plain message), tracebacks
(anything else escaping), messages that name an exception class, over-long messages, hangs and
crashes. Standard library and the project only. Exit status 1 when any traceback, named exception,
hang or crash was seen.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
NAMED_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback|\bFile \"")
CHILD = r"""
import json, resource, sys, traceback
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
from sendplan.exporters.office import OfficeFileError
from sendplan.exporters.word import import_docx


def as_plan(path):
    # Stress the whole walk on real tables: give every table the headers of an action table.
    from sendplan.exporters.word import Para, Table, read_body
    from sendplan.exporters.word.read.importer import _Importer
    titles = ["Action No", "Objective", "Actions", "RAG", "By Whom", "By When", "Intended Outcomes",
              "Key Performance Indicators", "Progress 2017/2018", "RAG Mar 24", "Update Jun 24", "Area"]
    body = read_body(Path(path))
    for block in body.blocks:
        if isinstance(block, Table) and block.rows:
            for cell, title in zip(block.rows[0], titles):
                cell.paragraphs = [Para(title)]
    return _Importer(Path(path), body, None, None).run()


def remapped(path):
    # Read, then read again with every column given a role in turn and rows read as headings and notes.
    from sendplan.exporters.word import prepare_docx
    sys.path.insert(0, sys.argv[3])
    from remap import remap
    source = prepare_docx(Path(path))
    return source.read(remap(source.read().mapping, header_rows=True))


try:
    mode = sys.argv[2:3]
    result = as_plan(sys.argv[1]) if mode == ["as-plan"] else remapped(sys.argv[1]) if mode == ["remap"] \
        else import_docx(sys.argv[1])
    report = result.report
    outcome = {"kind": "imported", "message": report.text(), "actions": report.counts.get("Actions", 0),
               "restored": report.restored}
except OfficeFileError as error:
    outcome = {"kind": "refused", "message": str(error)}
except BaseException:
    outcome = {"kind": "traceback", "message": traceback.format_exc()}
print(json.dumps(outcome))
"""


def run_one(path: Path, timeout: float, mode: str = "") -> dict[str, object]:
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), *([mode, str(Path(__file__).parent)]
                                                                         if mode else [])],
                              capture_output=True, text=True,
                              timeout=timeout, check=False, encoding="utf-8")
    except subprocess.TimeoutExpired:
        return {"kind": "hang", "message": f"no answer within {timeout:.0f} s", "seconds": timeout}
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    try:
        outcome: dict[str, object] = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        outcome = {}
    if not outcome:
        outcome = {"kind": "crash", "message": (done.stderr or "no output")[-400:]}
    outcome["seconds"] = seconds
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, help="folder searched (recursively) for .docx/.docm/.dotx/.dotm")
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed per file (default 60)")
    parser.add_argument("--json", type=Path, help="also write every file's outcome to this JSON file")
    parser.add_argument("--as-plan", action="store_true",
                        help="stress test: give every table action-plan headers, so the whole import walk runs "
                             "over each file's real tables")
    parser.add_argument("--remap", action="store_true",
                        help="stress test: read each file again with every table's columns and rows remapped")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        print(f"No Word files in {args.folder}.")
        return 1
    counts: Counter[str] = Counter()
    outcomes = {}
    problems = []
    for path in files:
        outcome = run_one(path, args.timeout, "as-plan" if args.as_plan else "remap" if args.remap else "")
        outcomes[str(path)] = outcome
        kind = str(outcome["kind"])
        counts[kind] += 1
        message = str(outcome.get("message", ""))
        shown = message if kind != "imported" else ""
        if kind == "refused" and len(message) > 400:
            counts["over-long messages"] += 1
            problems.append((path, "over-long message", message[:200]))
        if kind in ("imported", "refused") and NAMED_EXCEPTION.search(message):
            counts["messages naming an exception"] += 1
            problems.append((path, "names an exception", message[:300]))
        if kind in ("traceback", "hang", "crash"):
            problems.append((path, kind, shown[-600:]))
    slowest = sorted(outcomes.items(), key=lambda item: -float(item[1]["seconds"]))[:3]  # type: ignore[arg-type]
    print(f"{len(files)} Word files in {args.folder}")
    for kind in ("imported", "refused", "traceback", "hang", "crash", "messages naming an exception",
                 "over-long messages"):
        print(f"  {kind}: {counts.get(kind, 0)}")
    print("  slowest: " + ", ".join(f"{Path(p).name} {float(o['seconds']):.1f} s" for p, o in slowest))
    refusals = Counter(re.sub(r"“[^”]*”", "“…”", str(o["message"])) for o in outcomes.values()
                       if o["kind"] == "refused")
    if refusals:
        print("Refusals by message:")
        for message, number in refusals.most_common(10):
            print(f"  {number} × {message[:160]}")
    for path, kind, detail in problems:
        print(f"\n{kind}: {path}\n{detail}")
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1), encoding="utf-8")
    bad = sum(counts.get(k, 0) for k in ("traceback", "hang", "crash", "messages naming an exception"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

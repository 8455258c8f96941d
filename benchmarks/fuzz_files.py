"""Hostile files, bounded: every command that reads a file gives a plain answer, in bounded time and memory,
and never changes its input.

Runs the command line (in a forked process per run, each measured: seconds and peak memory) over damaged plans
and damaged Office files made by benchmarks/fuzz_inputs.py, and over folders of real files (the public test
suites of python-docx, openpyxl, Apache POI, Open XML SDK, pandoc, mammoth, SheetJS, ClosedXML, pdf.js, pypdf):
plans are checked and exported, Word and Excel files imported and merged, PDFs started from and merged. It counts
messages naming an exception (or showing a Python ``None``, or echoing pages of a file), runs over 60 s or 1 GB,
and inputs changed::

    python benchmarks/fuzz_files.py --plans 500 --office 300 --corpus /work/corpora/issue24 [--jobs 2] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fuzz_inputs import damaged_office_files, damaged_plans, office_bases  # noqa: E402

TIMEOUT = 60.0
MEMORY_LIMIT = 1024  # MB: a run above this fails the bar
ADDRESS_SPACE = 6 * 1024 ** 3  # a runaway run stops here instead of taking the machine down
WORD = (".docx", ".docm", ".dotx", ".dotm")
EXCEL = (".xlsx", ".xlsm", ".xltx", ".xltm")
BAD = [("names an exception", re.compile(r"Traceback|\bErrno\b|\b[A-Za-z_]*(?:Error|Exception)\b")),
       ("shows a Python None", re.compile(r"\bNone\b(?! of\b)")),  # "None of the tables…" is English
       ("echoes pages of the file", re.compile(r"[^\n]{1500}")),
       ("fails without saying why", re.compile(r"something unexpected went wrong|could not use: Invalid argument"))]


@dataclass
class Run:
    kind: str
    args: list[str]
    code: int
    seconds: float
    peak_mb: float
    output: str
    problems: list[str] = field(default_factory=list)


@dataclass
class FuzzResult:
    runs: int = 0
    inputs: Counter = field(default_factory=Counter)  # kind → files
    bad_messages: int = 0
    over_time: int = 0
    over_memory: int = 0
    inputs_changed: int = 0
    slowest: float = 0.0
    peak_mb: float = 0.0
    exit_codes: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def _preload() -> None:
    """Import what every run needs once, so each forked run starts at once."""
    import docx  # noqa: F401, PLC0415
    import openpyxl  # noqa: F401, PLC0415
    import pypdfium2  # noqa: F401, PLC0415
    from sendplan.exporters import excel, report, returns, word  # noqa: F401, PLC0415

    from sendplan import cli  # noqa: F401, PLC0415


def _child(args: list[str], out: Path, err: Path) -> None:
    from sendplan.cli import main  # noqa: PLC0415

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    for number, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), number)
    code = 70
    try:
        code = main(args)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _digest(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        try:
            found.append(hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            found.append("")
    return found


def _judge(run: Run, inputs: list[Path]) -> None:
    text = run.output
    for path in inputs:  # file names are the user's words, not the program's: "ExcelErrors.xlsx" says nothing
        text = text.replace(str(path), "FILE").replace(path.name, "FILE").replace(path.stem, "FILE")
    for what, pattern in BAD:
        if pattern.search(text):
            run.problems.append(what)
    if run.seconds > TIMEOUT:
        run.problems.append("over 60 s")
    if run.peak_mb > MEMORY_LIMIT:
        run.problems.append("over 1 GB")


def run_all(tasks: list[tuple[str, list[str], list[Path]]], work: Path, jobs: int,
            log: Path | None = None) -> FuzzResult:
    result = FuzzResult()
    journal = open(log, "w", encoding="utf-8") if log else None  # noqa: SIM115 - written run by run
    pending = list(reversed(tasks))
    running: dict[int, tuple[str, list[str], list[Path], float, Path, Path, list[str]]] = {}
    number = 0
    while pending or running:
        while pending and len(running) < jobs:
            kind, args, inputs = pending.pop()
            number += 1
            out, err = work / f"run{number}.out", work / f"run{number}.err"
            before = _digest(inputs)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(args, out, err)
            running[pid] = (kind, args, inputs, time.monotonic(), out, err, before)
        time.sleep(0.005)
        for pid, (kind, args, inputs, started, out, err, before) in list(running.items()):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            elapsed = time.monotonic() - started
            if done == 0:
                if elapsed > TIMEOUT + 5:
                    os.kill(pid, signal.SIGKILL)
                continue
            del running[pid]
            stdout = out.read_text(encoding="utf-8", errors="replace")
            shown = "\n".join(line for line in stdout.splitlines() if not line.startswith(" "))
            run = Run(kind, args, os.waitstatus_to_exitcode(status), round(elapsed, 2), usage.ru_maxrss / 1024,
                      shown + "\n" + err.read_text(encoding="utf-8", errors="replace"))
            _judge(run, inputs)
            if _digest(inputs) != before:
                run.problems.append("changed its input")
                result.inputs_changed += 1
            result.runs += 1
            result.exit_codes[run.code] += 1
            result.slowest = max(result.slowest, run.seconds)
            result.peak_mb = max(result.peak_mb, round(run.peak_mb, 1))
            result.bad_messages += any(p in [what for what, _ in BAD] for p in run.problems)
            result.over_time += "over 60 s" in run.problems
            result.over_memory += "over 1 GB" in run.problems
            if run.problems and len(result.examples) < 60:
                result.examples.append(f"{', '.join(run.problems)}: sendplan {' '.join(args)} → "
                                       f"{run.output.strip()[:300]}")
            if journal is not None:
                journal.write(json.dumps({"args": args, "code": run.code, "seconds": run.seconds,
                                          "peak_mb": round(run.peak_mb, 1), "output": run.output.strip(),
                                          "problems": run.problems}, ensure_ascii=False) + "\n")
            out.unlink(missing_ok=True)
            err.unlink(missing_ok=True)
    if journal is not None:
        journal.close()
    return result


def tasks_for(path: Path, plan: Path, work: Path, kind: str) -> list[tuple[str, list[str], list[Path]]]:
    suffix = path.suffix.lower()
    out = work / f"out-{hashlib.sha1(str(path).encode()).hexdigest()[:12]}"
    if suffix == ".sendplan":
        return [(kind, ["check", str(path), "--json"], [path]),
                (kind, ["export", str(path), "-o", f"{out}.xlsx", "--force"], [path])]
    if suffix == ".pdf":
        return [(kind, ["new", f"{out}.sendplan", "--from-report", str(path), "--force"], [path]),
                (kind, ["merge", str(plan), str(path)], [path, plan])]
    return [(kind, ["import", str(path), "-o", f"{out}.sendplan", "--force"], [path]),
            (kind, ["merge", str(plan), str(path)], [path, plan])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=500)
    parser.add_argument("--office", type=int, default=300)
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="a folder of real files (repeat)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--log", type=Path, help="write every run (command, exit code, time, memory, output) here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sendplan-fuzz-"))
    os.environ["SENDPLAN_DATA_DIR"] = str(work / "userdata")
    from sendplan.resources import sample_plan_bytes  # noqa: PLC0415

    plan = work / "plan.sendplan"
    plan.write_bytes(sample_plan_bytes())
    (work / "plans").mkdir()
    (work / "office").mkdir()
    tasks: list[tuple[str, list[str], list[Path]]] = []
    for path in damaged_plans(work / "plans", args.plans, args.seed):
        tasks += tasks_for(path, plan, work, "damaged plan")
    for path in damaged_office_files(work / "office", office_bases(work / "office", plan), args.office, args.seed):
        tasks += tasks_for(path, plan, work, "damaged Office file")
    for folder in args.corpus:
        for path in sorted(folder.rglob("*")):
            suffix = path.suffix.lower()
            if path.is_file() and suffix in (*WORD, *EXCEL, ".pdf"):
                tasks += tasks_for(path, plan, work, "real PDF" if suffix == ".pdf" else "real Office file")
    _preload()
    result = run_all(tasks, work, args.jobs, args.log)
    result.inputs = Counter(kind for kind, _, _ in tasks[::2])
    if args.json:
        print(json.dumps(asdict(result), default=str))
    else:
        inputs = ", ".join(f"{n:,} {kind}s" for kind, n in result.inputs.items())
        print(f"{result.runs:,} runs over {inputs}: {result.bad_messages} messages naming an exception (or None, "
              f"echoing the file, or failing without saying why), {result.over_time} runs over 60 s, "
              f"{result.over_memory} over 1 GB, {result.inputs_changed} inputs changed; slowest {result.slowest} s, "
              f"peak {result.peak_mb} MB; exit codes {dict(result.exit_codes)}")
        for line in result.examples:
            print("  " + line)
    return 0 if not (result.bad_messages or result.over_time or result.over_memory or result.inputs_changed) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure sendplan against the speed budgets in QUALITY.md (medians of repeated runs).

    python benchmarks/run.py [--repeat 21] [--json] [--only load,save,word]

Rows: loading a plan file into the model; one edit made durable on disk (command + atomic write
+ fsync + backup), beside a bare write + fsync of the same bytes; the Word review pack, beside
python-docx writing a bare table of the same cell count the fast way (the floor, with the ratio)
and LibreOffice loading and re-saving the exported file; the same pack as a whole process (load the
plan file, write the pack) beside python-docx writing a bare table of the same rows, columns and
characters in its own process; the app started in a new process until
its window shows the plan (beside a bare interpreter start), a search in the grid, and the app's
peak memory; importing a real-layout Word plan, beside python-docx just opening it; the Excel
tracker beside openpyxl writing as many plain cells; merging 20 filled-in returns (10× only). Each at 1×
and 10×. Later features add their rows to ``BENCHMARKS``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
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

BUDGETS_MS = {("load", 1): 50, ("load", 10): 300, ("save", 1): 20, ("save", 10): 100,
              ("word", 1): 500, ("word", 10): 3000, ("start", 1): 600, ("start", 10): 1500,
              ("filter", 1): 50, ("filter", 10): 100, ("memory", 1): 150, ("memory", 10): 200,
              ("import", 1): 300, ("import", 10): 1000,
              ("import-tables", 1): 500, ("import-tables", 10): 1000, ("xlsx", 1): 300, ("xlsx", 10): 2000,
              ("merge", 10): 2000}


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
    second_reference: str = ""
    second_reference_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        return round(self.median_ms / self.reference_ms, 1) if self.reference_ms else None

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


def _bare_table_floor(folder: Path, cells: int, columns: int, repeat: int) -> list[float]:
    """python-docx writing a table of ``cells`` short cells, filling row.cells (the fast path)."""
    from docx import Document

    def write() -> None:
        document = Document()
        table = document.add_table(rows=1, cols=columns)
        for _ in range(cells // columns - 1):
            for cell in table.add_row().cells:
                cell.text = "Text"
        document.save(str(folder / "floor.docx"))
    return _time(write, repeat)


def _libreoffice_resave_ms(path: Path, folder: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    out = folder / "lo-out"
    profile = folder / "lo-profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
               "--outdir", str(out), str(path)]
    subprocess.run(command, capture_output=True, timeout=600)  # first start creates the profile
    samples = _time(lambda: subprocess.run(command, capture_output=True, timeout=600), 3)
    return round(statistics.median(samples), 1)


def bench_word(folder: Path, scale: int, repeat: int) -> Row:
    from docx import Document
    from sendplan.exporters.word import WordOptions, export_docx

    plan = generate(scale, seed=1)
    path = folder / f"pack{scale}x.docx"
    runs = max(3, repeat // (5 if scale > 1 else 2))
    samples = _time(lambda: export_docx(plan, path, WordOptions.for_preset("review-pack")), runs)
    tables = Document(str(path)).tables
    cells = sum(len(table._tbl.findall(".//" + table._tbl.tag.replace("tbl", "tc"))) for table in tables)
    columns = max(len(table.columns) for table in tables)
    row = _row("word", scale, samples, f"floor: bare python-docx table of {cells} cells (ms)",
               _bare_table_floor(folder, cells, columns, runs))
    row.second_reference = "LibreOffice load + save of the exported file (ms)"
    row.second_reference_ms = _libreoffice_resave_ms(path, folder)
    return row


def _table_shape(path: Path) -> tuple[int, int, int]:
    """Rows, columns (the widest table) and characters of every table in a .docx."""
    from docx import Document

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = columns = characters = 0
    for tbl in Document(str(path)).element.body.iter(f"{w}tbl"):
        rows += len(tbl.findall(f"{w}tr"))
        columns = max(columns, len(tbl.find(f"{w}tblGrid")))
        characters += sum(len(t.text or "") for t in tbl.iter(f"{w}t"))
    return rows, columns, characters


def bench_word_process(folder: Path, scale: int, repeat: int) -> Row:
    """The review pack as a user gets it: a new process that loads the plan file and writes the pack,
    beside a new process in which python-docx writes a bare table of the same rows, columns and
    characters (issue 15's target: at most 2.5 times the floor at 10x)."""
    plan_path = folder / f"process{scale}x.sendplan"
    save_new_plan(plan_path, generate(scale, seed=1))
    out = folder / f"process{scale}x.docx"
    export = [sys.executable, "-m", "sendplan", "export", str(plan_path), "-o", str(out), "--preset", "review-pack"]
    run = max(3, repeat // 7)
    samples = _time(lambda: subprocess.run(export, check=True, capture_output=True), run)
    rows, columns, characters = _table_shape(out)
    floor = [sys.executable, str(Path(__file__).with_name("bare_table.py")), str(rows), str(columns),
             str(characters), str(folder / "bare.docx")]
    reference = _time(lambda: subprocess.run(floor, check=True, capture_output=True), run)
    row = _row("word-process", scale, samples,
               f"floor: new process, python-docx bare table of {rows} rows x {columns} columns, "
               f"{characters} characters (ms)", reference)
    row.second_reference = "best of runs: pack / floor"
    row.second_reference_ms = round(min(samples) / min(reference), 2)
    return row


def _gui_runs(folder: Path, scale: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """Start the app on a plan in a new process, ``repeat`` times: (start ms, filter ms, peak MB)."""
    path = folder / f"gui{scale}x.sendplan"
    if not path.exists():
        save_new_plan(path, generate(scale, seed=1))
    probe = Path(__file__).with_name("gui_probe.py")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    starts, filters, memory = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(probe), str(path)], stdout=subprocess.PIPE, text=True, env=env,
                                 stderr=subprocess.DEVNULL, encoding="utf-8")
        assert child.stdout is not None
        line = child.stdout.readline()
        starts.append((time.perf_counter() - started) * 1000)
        if line.strip() != "shown":
            raise RuntimeError("the app did not start")
        figures = json.loads(child.stdout.readline())
        child.wait(timeout=120)
        filters.append(figures["filter_ms"])
        memory.append(figures["peak_mb"])
    return starts, filters, memory


_GUI_CACHE: dict[int, tuple[list[float], list[float], list[float]]] = {}


def _gui(folder: Path, scale: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    if scale not in _GUI_CACHE:
        _GUI_CACHE[scale] = _gui_runs(folder, scale, max(3, repeat // 3))
    return _GUI_CACHE[scale]


def _python_start_ms(repeat: int) -> list[float]:
    return _time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)


def bench_start(folder: Path, scale: int, repeat: int) -> Row:
    starts, _, _ = _gui(folder, scale, repeat)
    return _row("start", scale, starts, "bare Python interpreter start (ms)", _python_start_ms(5))


def bench_filter(folder: Path, scale: int, repeat: int) -> Row:
    _, filters, _ = _gui(folder, scale, repeat)
    return _row("filter", scale, filters)


def bench_memory(folder: Path, scale: int, repeat: int) -> Row:
    _, _, memory = _gui(folder, scale, repeat)
    row = _row("memory", scale, memory)
    row.reference = "(figures are peak resident MB, not ms)"
    return row


def _bench_import(folder: Path, scale: int, repeat: int, embed: bool) -> Row:
    from sendplan.exporters.word import WordOptions, export_docx, import_docx

    name = "import" if embed else "import-tables"
    path = export_docx(generate(scale, seed=1), folder / f"{name}{scale}x.docx",
                       WordOptions.for_preset("review-pack", embed=embed)).path
    runs = max(3, repeat // (5 if scale > 1 else 2))
    from docx import Document

    return _row(name, scale, _time(lambda: import_docx(path), runs),
                "python-docx just opening the same file (ms)", _time(lambda: Document(str(path)), runs))


def bench_import(folder: Path, scale: int, repeat: int) -> Row:
    """Import our own review pack at this scale (the plan comes back from the part embedded in it)."""
    return _bench_import(folder, scale, repeat, embed=True)


def bench_import_tables(folder: Path, scale: int, repeat: int) -> Row:
    """Import the same review pack exported without the embedded plan (read from its text and tables)."""
    return _bench_import(folder, scale, repeat, embed=False)


def bench_xlsx(folder: Path, scale: int, repeat: int) -> Row:
    """The tracker workbook, beside openpyxl writing the same number of plain cells."""
    from openpyxl import Workbook
    from sendplan.exporters.excel import export_tracker

    plan = generate(scale, seed=1)
    runs = max(3, repeat // (3 if scale > 1 else 1))
    cells = sum(1 for _ in plan.iter_actions()) * 13

    def bare() -> None:
        book = Workbook()
        sheet = book.active
        for n in range(cells // 13):
            sheet.append([f"text {n}"] * 13)
        book.save(str(folder / "bare.xlsx"))
    return _row("xlsx", scale, _time(lambda: export_tracker(plan, folder / f"tracker{scale}x.xlsx"), runs),
                f"openpyxl writing {cells} plain cells (ms)", _time(bare, runs))


def bench_merge(folder: Path, scale: int, repeat: int) -> Row:
    """Reading 20 filled-in returns against a plan at this scale (10x only, as QUALITY.md asks)."""
    from openpyxl import load_workbook
    from sendplan.exporters.returns import read_returns, write_returns

    plan = generate(scale, seed=1)
    owners = sorted({a.owner for _, _, a in plan.iter_actions()})
    written = write_returns(plan, folder / f"returns{scale}x", owners=owners)
    paths = list(written.files.values())
    while len(paths) < 20:  # the synthetic plan has ten owners: send each a second copy
        copy = folder / f"returns{scale}x" / f"copy {len(paths)}.xlsx"
        copy.write_bytes(paths[len(paths) % len(written.files)].read_bytes())
        paths.append(copy)
    for path in paths:
        book = load_workbook(path)
        sheet = book["Your actions"]
        for row in range(2, sheet.max_row + 1):
            sheet[f"G{row}"] = "Progress reported by the owner this quarter."
            sheet[f"H{row}"] = "Green"
        book.save(path)
    runs = max(3, repeat // 5)
    return _row("merge", scale, _time(lambda: read_returns(plan, paths).command(plan), runs))


BENCHMARKS: dict[str, Callable[[Path, int, int], Row]] = {"load": bench_load, "save": bench_save,
                                                          "word": bench_word, "word-process": bench_word_process,
                                                          "start": bench_start,
                                                          "filter": bench_filter, "memory": bench_memory,
                                                          "import": bench_import, "import-tables": bench_import_tables,
                                                          "xlsx": bench_xlsx,
                                                          "merge": bench_merge}


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
            for scale in (10,) if name == "merge" else (1, 10):
                rows.append(BENCHMARKS[name](Path(folder), scale, args.repeat))
    if args.json:
        print(json.dumps({"rows": [asdict(r) | {"verdict": r.verdict, "ratio_to_reference": r.ratio}
                                   for r in rows]}, indent=2))
    else:
        print(f"{'what':<6} {'scale':>5} {'median ms':>10} {'p90 ms':>8} {'budget':>7}  "
              f"{'verdict':<14} reference")
        for r in rows:
            print(f"{r.name:<6} {r.scale:>4}x {r.median_ms:>10.1f} {r.p90_ms:>8.1f} "
                  f"{r.budget_ms or '':>7}  {r.verdict:<14} {r.reference}: {r.reference_ms} "
                  f"(ratio {r.ratio})")
            if r.second_reference:
                print(f"{'':>50}{r.second_reference}: {r.second_reference_ms}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

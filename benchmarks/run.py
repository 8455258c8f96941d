"""Measure sendplan against the speed budgets in QUALITY.md: medians of repeated runs at 1×, 10×, 30× and
100× the size of a real plan, each beside a reference measured in the same run, and each operation's
growth exponent from 10× to 100×.

    python benchmarks/run.py [--repeat 7] [--scales 1,10,30,100] [--only word-process,xlsx] [--json]

Rows (CPU time of the work is the figure judged; wall time is shown beside it, as the machine may be
busy with other work):
- load: a plan file into the model, beside json.loads of the same file;
- save: one edit made durable (command, atomic write, fsync, backup), beside a bare write + fsync;
- word: the review pack in this process, beside python-docx writing a bare table of as many cells the
  fast way (row.cells) and, up to 10×, LibreOffice loading and re-saving the pack;
- word-process: the pack as a user gets it from the command line (a new process loads the plan file and
  writes the pack) beside the physical floor, a new process writing the same rows and characters as
  WordprocessingML strings into a ZIP (``raw_floor.py``); also beside python-docx writing the same bare
  table in a new process (``bare_table.py``); word-memory: that process's peak resident memory (MB);
- start: the app in a new process until its window shows the plan, beside a bare interpreter start;
  memory: that process's peak (MB); find, filter, autosave, navigate: work on the GUI thread (CPU ms)
  for a search typed into Find, a RAG filter, one autosave's snapshot, a switch of area in the
  navigator (``gui_probe.py``);
- import / import-tables: our own review pack read back with / without its embedded plan, beside
  python-docx just opening it;
- xlsx: the tracker, beside openpyxl writing as many plain cells;
- merge: reading 20 filled-in returns (10× only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_plan import generate  # noqa: E402
from measure import Sample, calls, child_env, children, exponent, median, p90  # noqa: E402

from sendplan.commands import SetField  # noqa: E402
from sendplan.document import PlanDocument  # noqa: E402
from sendplan.storage import load_plan, save_new_plan  # noqa: E402

HERE = Path(__file__).resolve().parent
SCALES = (1, 10, 30, 100)
# (row, scale) → budget: ms of CPU, or MB for memory rows, or for "ratio" the most times the reference.
BUDGETS: dict[tuple[str, int], float] = {
    ("load", 1): 50, ("load", 10): 300, ("save", 1): 20, ("save", 10): 100,
    ("word", 1): 300, ("word", 10): 1000, ("word-memory", 100): 250, ("start", 1): 450, ("start", 10): 1000,
    ("memory", 1): 150, ("memory", 10): 200, ("find", 30): 16, ("filter", 30): 16, ("autosave", 30): 16,
    ("navigate", 30): 16, ("import", 1): 1000, ("import", 10): 5000, ("import-tables", 1): 1000,
    ("import-tables", 10): 5000, ("xlsx", 1): 100, ("xlsx", 10): 500, ("merge", 10): 2000}
RATIO_BUDGETS = {("word-process", 10): 8.0}
EXPONENT_BUDGET = 1.1
MB_ROWS = {"word-memory", "memory"}


@dataclass
class Row:
    name: str
    scale: int
    cpu_ms: float  # the median (MB for memory rows)
    wall_ms: float
    p90_ms: float
    runs: int
    reference: str = ""
    reference_ms: float | None = None
    second_reference: str = ""
    second_reference_ms: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return round(self.cpu_ms / self.reference_ms, 2) if self.reference_ms else None

    @property
    def verdict(self) -> str:
        budget = BUDGETS.get((self.name, self.scale))
        ratio_budget = RATIO_BUDGETS.get((self.name, self.scale))
        verdicts = []
        if budget is not None:
            verdicts.append("ok" if self.cpu_ms <= budget else f"OVER {budget:g}")
        if ratio_budget is not None and self.ratio is not None:
            verdicts.append(f"ratio ok (≤{ratio_budget:g})" if self.ratio <= ratio_budget
                            else f"RATIO OVER {ratio_budget:g}")
        return ", ".join(verdicts)


def _row(name: str, scale: int, samples: list[Sample], reference: str = "",
         reference_samples: list[Sample] | None = None) -> Row:
    cpu = [s.cpu_ms for s in samples]
    return Row(name, scale, median(cpu), median([s.wall_ms for s in samples]), p90(cpu), len(samples), reference,
               median([s.cpu_ms for s in reference_samples]) if reference_samples else None)


@dataclass
class Bench:
    folder: Path
    repeat: int
    env: dict[str, str]

    def runs(self, scale: int) -> int:
        return max(3, self.repeat // (1 if scale == 1 else 2 if scale == 10 else 3))

    def plan_file(self, scale: int) -> Path:
        path = self.folder / f"plan{scale}x.sendplan"
        if not path.exists():
            save_new_plan(path, generate(scale, seed=1))
        return path


def bench_load(bench: Bench, scale: int) -> list[Row]:
    path = bench.plan_file(scale)
    load_plan(path)  # the file in the cache, as a second open finds it
    return [_row("load", scale, calls(lambda: load_plan(path), bench.runs(scale)), "json.loads of the same file",
                 calls(lambda: json.loads(path.read_bytes()), bench.runs(scale)))]


def bench_save(bench: Bench, scale: int) -> list[Row]:
    path = bench.folder / f"edit{scale}x.sendplan"
    shutil.copy(bench.plan_file(scale), path)
    document = PlanDocument.open(path)
    actions = [a for _, _, a in document.plan.iter_actions()]
    counter = iter(range(10**9))

    def edit_and_save() -> None:
        n = next(counter)
        SetField(document.plan, actions[n % len(actions)].id, "owner", f"Owner {n}").apply(document.plan)
        document.save()

    def bare() -> None:
        with open(bench.folder / "floor.bin", "wb") as handle:
            handle.write(path.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
    return [_row("save", scale, calls(edit_and_save, bench.runs(scale)), "bare write + fsync of the same bytes",
                 calls(bare, bench.runs(scale)))]


def _table_shape(path: Path) -> tuple[int, int, int]:
    """Rows, columns (the widest table) and characters of every table in a .docx."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = columns = characters = 0
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    for tbl in body.iter(f"{w}tbl"):
        rows += len(tbl.findall(f"{w}tr"))
        columns = max(columns, len(tbl.find(f"{w}tblGrid")))
        characters += sum(len(t.text or "") for t in tbl.iter(f"{w}t"))
    return rows, columns, characters


def bench_word(bench: Bench, scale: int) -> list[Row]:
    from sendplan.exporters.word import WordOptions, export_docx

    plan = load_plan(bench.plan_file(scale)).plan
    path = bench.folder / f"pack{scale}x.docx"
    runs = bench.runs(scale)
    samples = calls(lambda: export_docx(plan, path, WordOptions.for_preset("review-pack")), runs)
    rows, columns, characters = _table_shape(path)

    def bare() -> None:
        from docx import Document

        document = Document()
        table = document.add_table(rows=0, cols=columns)
        for _ in range(rows):
            for cell in table.add_row().cells:
                cell.text = "Text"
        document.save(str(bench.folder / "floor.docx"))
    row = _row("word", scale, samples, f"python-docx bare table of {rows * columns} cells", calls(bare, runs))
    if scale <= 10 and shutil.which("soffice"):
        out, profile = bench.folder / "lo-out", bench.folder / "lo-profile"
        command = [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--convert-to", "docx", "--outdir", str(out), str(path)]
        row.second_reference = "LibreOffice load + save of the pack (wall)"
        row.second_reference_ms = median([s.wall_ms for s in children(command, bench.env, 3)])
    return [row]


def bench_word_process(bench: Bench, scale: int) -> list[Row]:
    """The pack as a whole process, beside the raw-XML floor and python-docx's bare table, each a process."""
    out = bench.folder / f"process{scale}x.docx"
    export = [sys.executable, "-m", "sendplan", "export", str(bench.plan_file(scale)), "-o", str(out), "--force"]
    runs = bench.runs(scale)
    samples = children(export, bench.env, runs)
    shape = [str(n) for n in _table_shape(out)]
    floor = children([sys.executable, str(HERE / "raw_floor.py"), *shape, str(bench.folder / "raw.docx")], bench.env,
                     runs)
    bare = children([sys.executable, str(HERE / "bare_table.py"), *shape, str(bench.folder / "bare.docx")], bench.env,
                    runs)
    row = _row("word-process", scale, samples, f"raw-XML floor: {shape[0]} rows x {shape[1]} columns, "
               f"{shape[2]} characters as WordprocessingML, zipped (new process)", floor)
    row.second_reference = "python-docx bare table of the same, new process"
    row.second_reference_ms = median([s.cpu_ms for s in bare])
    memory = Row("word-memory", scale, median([s.peak_mb for s in samples]), 0.0, p90([s.peak_mb for s in samples]),
                 len(samples), "raw-XML floor's peak (MB)", median([s.peak_mb for s in floor]))
    return [row, memory]


def bench_gui(bench: Bench, scale: int) -> list[Row]:
    """The app started in a new process on a plan; what the probe measured on its GUI thread."""
    path = bench.folder / f"gui{scale}x.sendplan"
    shutil.copy(bench.plan_file(scale), path)
    runs = max(3, bench.runs(scale) // 2)
    results = []
    python = children([sys.executable, "-c", "pass"], bench.env, 5)
    for _ in range(runs + 1):  # the first run is not counted (bytecode and file caches)
        command = [sys.executable, str(HERE / "gui_probe.py"), str(path), str(time.time())]
        output = subprocess.run(command, env=bench.env, capture_output=True, text=True, encoding="utf-8",
                                timeout=900, check=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    results = results[1:]
    start = [Sample(r["start_cpu_ms"], r["start_wall_ms"]) for r in results]
    rows = [_row("start", scale, start, "bare interpreter start", python),
            Row("memory", scale, median([r["peak_mb"] for r in results]), 0.0, p90([r["peak_mb"] for r in results]),
                len(results), "(peak resident MB of the app)")]
    for name in ("find", "filter", "autosave", "navigate"):
        values = [v for r in results for v in r[name]]
        rows.append(Row(name, scale, median(values), 0.0, p90(values), len(values),
                        "(CPU ms on the GUI thread, key press to repainted view)"))
    return rows


def _bench_import(bench: Bench, scale: int, embed: bool) -> list[Row]:
    from sendplan.exporters.word import WordOptions, export_docx, import_docx

    name = "import" if embed else "import-tables"
    plan = load_plan(bench.plan_file(scale)).plan
    path = export_docx(plan, bench.folder / f"{name}{scale}x.docx",
                       WordOptions.for_preset("review-pack", embed=embed)).path

    def open_only() -> None:
        from docx import Document

        Document(str(path))
    return [_row(name, scale, calls(lambda: import_docx(path), bench.runs(scale)), "python-docx opening the file",
                 calls(open_only, bench.runs(scale)))]


def bench_import(bench: Bench, scale: int) -> list[Row]:
    return _bench_import(bench, scale, embed=True)


def bench_import_tables(bench: Bench, scale: int) -> list[Row]:
    return _bench_import(bench, scale, embed=False)


def bench_xlsx(bench: Bench, scale: int) -> list[Row]:
    from openpyxl import Workbook
    from sendplan.exporters.excel import export_tracker

    plan = load_plan(bench.plan_file(scale)).plan
    cells = sum(1 for _ in plan.iter_actions()) * 13

    def bare() -> None:
        book = Workbook()
        sheet = book.active
        for n in range(cells // 13):
            sheet.append([f"text {n}"] * 13)
        book.save(str(bench.folder / "bare.xlsx"))
    return [_row("xlsx", scale, calls(lambda: export_tracker(plan, bench.folder / f"tracker{scale}x.xlsx"),
                                      bench.runs(scale)), f"openpyxl writing {cells} plain cells",
                 calls(bare, bench.runs(scale)))]


def bench_merge(bench: Bench, scale: int) -> list[Row]:
    """Reading 20 filled-in returns against the plan (10× only, as QUALITY.md asks)."""
    from openpyxl import load_workbook
    from sendplan.exporters.returns import read_returns, write_returns

    if scale != 10:
        return []
    plan = load_plan(bench.plan_file(scale)).plan
    owners = sorted({a.owner for _, _, a in plan.iter_actions()})
    written = write_returns(plan, bench.folder / f"returns{scale}x", owners=owners)
    paths = list(written.files.values())
    while len(paths) < 20:  # the synthetic plan has ten owners: send each a second copy
        copy = bench.folder / f"returns{scale}x" / f"copy {len(paths)}.xlsx"
        copy.write_bytes(paths[len(paths) % len(written.files)].read_bytes())
        paths.append(copy)
    for path in paths:
        book = load_workbook(path)
        sheet = book["Your actions"]
        for row in range(2, sheet.max_row + 1):
            sheet[f"G{row}"] = "Progress reported by the owner this quarter."
            sheet[f"H{row}"] = "Green"
        book.save(path)
    return [_row("merge", scale, calls(lambda: read_returns(plan, paths).command(plan), bench.runs(scale)))]


BENCHMARKS: dict[str, Callable[[Bench, int], list[Row]]] = {
    "load": bench_load, "save": bench_save, "word": bench_word, "word-process": bench_word_process,
    "gui": bench_gui, "import": bench_import, "import-tables": bench_import_tables, "xlsx": bench_xlsx,
    "merge": bench_merge}


def growth(rows: list[Row]) -> dict[str, float | None]:
    """Each row's growth exponent from 10× to 100× (when both were measured)."""
    by_key = {(r.name, r.scale): r for r in rows}
    return {name: exponent(by_key[(name, 10)].cpu_ms, by_key[(name, 100)].cpu_ms)
            for name in dict.fromkeys(r.name for r in rows)
            if (name, 10) in by_key and (name, 100) in by_key and name not in MB_ROWS}


def _print(rows: list[Row], exponents: dict[str, float | None]) -> None:
    print(f"{'what':<14}{'scale':>6}{'median':>10}{'wall':>9}{'p90':>9}  {'verdict':<22}reference: median (ratio)")
    for r in rows:
        unit = "MB" if r.name in MB_ROWS else "ms"
        reference = f"{r.reference}: {r.reference_ms} ({r.ratio}x)" if r.reference_ms else r.reference
        print(f"{r.name:<14}{r.scale:>5}x{r.cpu_ms:>8.1f}{unit}{r.wall_ms:>9.1f}{r.p90_ms:>9.1f}  {r.verdict:<22}"
              f"{reference}")
        if r.second_reference:
            print(f"{'':>60}{r.second_reference}: {r.second_reference_ms}")
    if exponents:
        print(f"\ngrowth exponent 10x -> 100x (budget <= {EXPONENT_BUDGET}):")
        for name, value in exponents.items():
            verdict = "" if value is None else "ok" if value <= EXPONENT_BUDGET else "OVER"
            print(f"  {name:<14}{value}  {verdict}")


def _in_child(bench: Bench, name: str, scale: int) -> list[Row]:
    """One benchmark at one scale in a new process (a heap of its own, so none weighs on another)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(scale), "--folder",
               str(bench.folder), "--repeat", str(bench.repeat)]
    output = subprocess.run(command, env=bench.env, capture_output=True, text=True, encoding="utf-8",
                            timeout=5400, check=True).stdout
    return [Row(**fields) for fields in json.loads(output.strip().splitlines()[-1])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs at 1x (fewer at larger scales, never under 3)")
    parser.add_argument("--scales", default=",".join(map(str, SCALES)))
    parser.add_argument("--only", default="", help="comma-separated benchmark names: " + ", ".join(BENCHMARKS))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "SCALE"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one benchmark, in the process the parent started for it
        bench = Bench(args.folder, args.repeat, child_env(args.folder))
        rows = BENCHMARKS[args.child[0]](bench, int(args.child[1]))
        print(json.dumps([asdict(row) for row in rows]))
        return 0
    chosen = [n for n in args.only.split(",") if n] or list(BENCHMARKS)
    scales = [int(s) for s in args.scales.split(",") if s]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sendplan-bench-") as folder:
        bench = Bench(Path(folder), args.repeat, child_env(Path(folder)))
        for scale in scales:
            bench.plan_file(scale)
        for name in chosen:
            for scale in scales:
                rows += _in_child(bench, name, scale)
    exponents = growth(rows)
    if args.json:
        print(json.dumps({"rows": [asdict(r) | {"verdict": r.verdict, "ratio_to_reference": r.ratio} for r in rows],
                          "growth_exponents": exponents}, indent=2))
    else:
        _print(rows, exponents)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

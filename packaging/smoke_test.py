"""Run the built app and fail on any error: --version, sample, check, UTF-8 output, a plan given on its own
(as a double-click passes it), export to docx and xlsx, import of
the Word pack and of the tracker, Word returns and merging one, a new plan from an inspection report
(text, and PDF when LibreOffice is there to print one), and a screenshot offscreen. Also reports the
folder size and start-up times.

    python packaging/smoke_test.py [--dist dist/sendplan]
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
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist" / "sendplan")
    args = parser.parse_args()
    suffix = ".exe" if sys.platform == "win32" else ""
    cli, gui = args.dist / f"sendplan-cli{suffix}", args.dist / f"sendplan{suffix}"
    for program in (cli, gui):
        if not program.exists():
            print(f"FAILED: {program} is missing; run python packaging/build.py first")
            return 1
    work = Path(tempfile.mkdtemp(prefix="sendplan-smoke-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SENDPLAN_DATA_DIR": str(work / "userdata")}
    failures = 0

    def step(name: str, command: list[str], check: object = None, code: int = 0) -> float:
        nonlocal failures
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, encoding="utf-8")
        elapsed = time.perf_counter() - started
        ok = result.returncode == code and "Traceback" not in result.stderr
        if ok and callable(check):
            try:
                ok = bool(check(result.stdout + result.stderr))
            except Exception as error:  # noqa: BLE001 - a smoke test reports, it does not crash
                ok, result.stderr = False, f"{result.stderr}\n{error}"
        print(f"{'ok    ' if ok else 'FAILED'} {name} ({elapsed:.2f} s)")
        if not ok:
            failures += 1
            print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        return elapsed

    plan, docx, xlsx, png = work / "plan.sendplan", work / "pack.docx", work / "tracker.xlsx", work / "shot.png"
    version = [step("--version", [str(cli), "--version"], lambda out: out.startswith("sendplan "))
               for _ in range(3)]
    step("windowed --version", [str(gui), "--version"])
    step("sample", [str(cli), "sample", "-o", str(plan)])
    step("check", [str(cli), "check", str(plan), "--json"], lambda out: json.loads(out)["actions"] == 60)
    step("UTF-8 output", [str(cli), "renumber", str(plan), "--style", "1.1a"], lambda out: "1.1 (a) → 1.1a" in out)
    step("a plan given on its own", [str(cli), str(work / "no such plan.sendplan")],
         lambda out: "Cannot open the plan" in out, code=1)
    step("export docx", [str(cli), "export", str(plan), "-o", str(docx)],
         lambda out: "word/document.xml" in zipfile.ZipFile(docx).namelist())
    step("export xlsx", [str(cli), "export", str(plan), "-o", str(xlsx)],
         lambda out: "xl/workbook.xml" in zipfile.ZipFile(xlsx).namelist())
    step("import docx", [str(cli), "import", str(docx), "-o", str(work / "back.sendplan")],
         lambda out: "60 actions" in out)
    step("import tracker", [str(cli), "import", str(xlsx), "-o", str(work / "tracker.sendplan")],
         lambda out: "60 actions" in out)
    returns = work / "returns"
    step("returns docx", [str(cli), "returns", str(plan), "-o", str(returns), "--format", "docx"],
         lambda out: len(list(returns.glob("*.docx"))) > 1)
    first = sorted(returns.glob("*.docx"))[:1]
    step("merge docx", [str(cli), "merge", str(plan), *map(str, first)], lambda out: "No changes found." in out)
    report = work / "report.txt"
    report.write_text("Area SEND inspection of Ashcombe Local Area Partnership\n\nAreas for improvement\n\n"
                      "Leaders should make sure that plans are finished on time.\n\n"
                      "Leaders should listen to children and young people and their families.\n", encoding="utf-8")
    step("new from report (text)", [str(cli), "new", str(work / "r1.sendplan"), "--from-report", str(report)],
         lambda out: "2 areas" in out)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), str(report)], capture_output=True, timeout=300, check=False)
        step("new from report (PDF)", [str(cli), "new", str(work / "r2.sendplan"), "--from-report",
                                        str(work / "report.pdf")], lambda out: "2 areas" in out)
    shots = [step("screenshot", [str(cli), "screenshot", str(plan), "-o", str(png)],
                  lambda out: png.read_bytes()[:4] == b"\x89PNG") for _ in range(3)]
    size = sum(p.stat().st_size for p in args.dist.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"Folder size: {size / 2**20:.0f} MB; --version median {statistics.median(version):.2f} s; "
          f"window built and grabbed (screenshot) median {statistics.median(shots):.2f} s")
    print("passed" if not failures else f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

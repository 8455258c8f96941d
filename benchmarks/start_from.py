"""Measure starting a plan from what the officer already has (medians of repeated runs).

    python benchmarks/start_from.py [--repeat 7] [--json]

Rows: a new plan from a 60-page inspection report PDF (printed once by LibreOffice from a generated
Word report; budget 2 s), beside PDFium extracting the same PDF's plain text (the floor); importing
a council-made tracker at 1× and 10× (title rows, filled-down areas, two RAG columns, a progress
column) and a quarterly tracker (cover sheet, "RAG rating" merged over two quarters, ratings coloured
only by conditional formatting, merged area rows, both quarters' updates in one cell), each against
QUALITY.md's 0.5 s, beside openpyxl reading the same workbook's values read-only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "exporters"))

from generate_plan import generate  # noqa: E402
from report_fixtures import write_report_docx  # noqa: E402
from sendplan.exporters.excel import import_tracker  # noqa: E402
from sendplan.exporters.report import draft_to_plan, read_report  # noqa: E402

BUDGETS_MS = {"report": 2000, "tracker": 500}  # the tracker: QUALITY.md's 10× Excel budget


def _median(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _report_pdf(folder: Path) -> tuple[Path, int]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed to print the generated report to PDF.")
    docx = write_report_docx(folder / "report60.docx", padding=61)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=600)
    import pypdfium2 as pdfium

    pdf = folder / "report60.pdf"
    return pdf, len(pdfium.PdfDocument(str(pdf)))


def _tracker(folder: Path, scale: int) -> Path:
    """A council-style tracker of the generated plan: title rows, Area on each area's first row only."""
    from openpyxl import Workbook

    plan = generate(scale, 1)
    reviews = plan.reviews_by_date()[-2:]
    book = Workbook()
    sheet = book.active
    sheet.append([f"{plan.title} tracker"])
    sheet.append([])
    sheet.append(["Area", "Ref", "Action", "Lead", "Target date", *(f"RAG {r.day:%b %y}" for r in reviews),
                  "Progress update", "Notes"])
    previous = ""
    for area, _objective, action in plan.iter_actions():
        ratings = [plan.rag_level(action.ratings.get(r.id, "")) for r in reviews]
        due = action.due.current
        sheet.append([area.wording if area.id != previous else None, action.ref, action.text, action.owner,
                      due.day if due and due.day else (due.text if due else ""),
                      *(level.name if level else "" for level in ratings),
                      action.progress[-1].text if action.progress else "", action.kpis])
        previous = area.id
    path = folder / f"tracker{scale}x.xlsx"
    book.save(str(path))
    return path


def _quarterly_tracker(folder: Path, scale: int) -> Path:
    """The quarterly layout (docs/REAL_PLANS.md, layout 6) of the generated plan: a cover sheet, "RAG rating"
    merged over two quarters, merged area rows, ratings as scores coloured only by conditional formatting,
    a start date before the target date, both quarters' updates in one cell."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    plan = generate(scale, 1)
    scores = {"red": 1, "amber": 2, "green": 3, "blue": 3}
    book = Workbook()
    book.active.title = "Cover"
    book.active.append([f"{plan.title} tracker"])
    book.active.append(["Version 4"])
    sheet = book.create_sheet("Tracker")
    sheet.append(["Ref", "Action", "Lead", "Start date", "Target date", "RAG rating", None, "Progress update"])
    sheet.merge_cells("F1:G1")
    sheet.append([None, None, None, None, None, "Q2 2025/26", "Q3 2025/26", None])
    previous = ""
    for area, _objective, action in plan.iter_actions():
        if area.id != previous:
            sheet.append([f"Priority {area.ref}: {area.wording}"])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8)
            previous = area.id
        rating = scores.get(plan.current_rating(action), 2)
        updates = [u.text for u in action.progress[-2:]]
        progress = " / ".join(f"{label} – {text}" for label, text in zip(("Dec 25", "Sep 25"), reversed(updates),
                                                                          strict=False))
        due = action.due.current
        sheet.append([action.ref, action.text, action.owner, "01/04/2025",
                      due.day if due and due.day else (due.text if due else ""), max(1, rating - 1), rating,
                      progress])
    for score, colour in {1: "FF0000", 2: "FFC000", 3: "00B050"}.items():
        sheet.conditional_formatting.add(f"F3:G{sheet.max_row}", CellIsRule(
            operator="equal", formula=[str(score)], fill=PatternFill(bgColor=colour, fill_type="solid")))
    path = folder / f"quarterly{scale}x.xlsx"
    book.save(str(path))
    return path


def _openpyxl_values(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            pass
    book.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pdf, pages = _report_pdf(folder)

        def plain_text() -> None:
            import pypdfium2 as pdfium

            document = pdfium.PdfDocument(str(pdf))
            for page in document:
                textpage = page.get_textpage()
                textpage.get_text_range(0, textpage.count_chars())
            document.close()

        areas = len(read_report(pdf).areas)
        rows.append({"name": f"new plan from a {pages}-page report PDF ({areas} areas)", "scale": 1,
                     "median_ms": round(_median(lambda: draft_to_plan(read_report(pdf)), args.repeat), 1),
                     "budget_ms": BUDGETS_MS["report"], "reference": "PDFium plain text of the same PDF",
                     "reference_ms": round(_median(plain_text, args.repeat), 1)})
        for scale, (kind, write) in ((s, k) for k in (("council", _tracker), ("quarterly", _quarterly_tracker))
                                     for s in (1, 10)):
            path = write(folder, scale)
            actions = sum(1 for _ in import_tracker(path).plan.iter_actions())
            rows.append({"name": f"import a {kind} tracker ({actions} actions)", "scale": scale,
                         "median_ms": round(_median(lambda p=path: import_tracker(p), args.repeat), 1),
                         "budget_ms": BUDGETS_MS["tracker"], "reference": "openpyxl reading its values read-only",
                         "reference_ms": round(_median(lambda p=path: _openpyxl_values(p), args.repeat), 1)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        budget = f"budget {row['budget_ms']} ms" if row["budget_ms"] else "no budget"
        verdict = "" if not row["budget_ms"] else ("  OK" if row["median_ms"] <= row["budget_ms"] else "  OVER")
        print(f"{row['name']:<52} {row['scale']:>3}x  median {row['median_ms']:>8.1f} ms  ({budget}){verdict}   "
              f"{row['reference']}: {row['reference_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Starting a plan from a file on the command line: ``sendplan new PLAN --from-report REPORT`` (the
inspection report) and ``sendplan import SOURCE -o PLAN`` (a Word action plan or an Excel tracker).

The readers live in ``sendplan.exporters`` and are imported only when these run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sendplan.cli_files import CliError, check_output, check_plan_output, shown


class StartError(Exception):
    """A report or tracker that cannot be used: the message is for the user."""


def new_from_report(args: argparse.Namespace) -> int:
    """Read the report (a file, or text on standard input for "-"), make the plan and save it."""
    from sendplan.exporters.report import (  # noqa: PLC0415
        ReportFileError,
        draft_to_plan,
        read_report,
        read_report_text,
    )

    try:
        source = str(args.from_report)
        text = sys.stdin.read() if source == "-" else ""
        if source == "-" and not text.strip():
            raise StartError("No text came on standard input: paste the report's text (or pipe it in), or give "
                             "the report's file instead of “-”.")
        draft = read_report_text(text) if source == "-" else read_report(args.from_report)
    except ReportFileError as error:
        raise StartError(str(error)) from None
    if args.title != "Untitled plan":
        draft.title = args.title
    for section in draft.sections:
        section.include = args.with_sections
    from sendplan.storage import save_new_plan  # noqa: PLC0415

    plan = draft_to_plan(draft)
    plan.numbering = args.numbering  # areas are numbered 1, 2…; objectives and actions follow this style
    save_new_plan(args.path, plan)
    form = "inspection report" if draft.form == "report" else "outcome letter"
    print(f"Created {args.path} from the {form}: “{plan.title}”, {len(plan.areas)} areas.")
    outcome = {"positive": "typically positive", "inconsistent": "inconsistent",
               "systemic": "widespread and/or systemic failings"}.get(draft.outcome_level, "")
    for label, value in (("Partnership", draft.partnership), ("Inspection dates", draft.inspection_dates),
                         ("Previous inspection", draft.previous_inspection), ("Outcome", outcome),
                         ("Partners", "; ".join(draft.partners)),
                         ("Signatories to confirm", "; ".join(", ".join(part for part in (name, role) if part)
                                                              for name, role, _ in draft.signatories))):
        if value:
            print(f"  {label}: {value}")
    for area in plan.areas:
        kind = "Area for priority action" if area.title == "Area for priority action" else "Area"
        print(f"  {kind} {area.ref}: {area.wording[:100]}{'…' if len(area.wording) > 100 else ''}")
        if area.responsible_body:
            print(f"    Responsible body: {area.responsible_body}")
    skipped = [s.title for s in draft.sections if not s.include]
    if skipped:
        print(f"  Narrative sections left out (add --with-sections to keep them): {'; '.join(skipped)}")
    for note in draft.notes:
        print(f"  To check: {note}")
    return 0


TRACKER_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".csv")


def _is_workbook(path: Path) -> bool:
    """An Excel tracker by what is inside (a workbook renamed .docx is still one), else by its name."""
    import zipfile  # noqa: PLC0415

    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return path.suffix.lower() in TRACKER_SUFFIXES
    return "xl/workbook.xml" in names or ("word/document.xml" not in names and path.suffix.lower() in TRACKER_SUFFIXES)


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, help="the Word action plan (.docx, .docm, .dotx or .dotm) or Excel "
                                                  "tracker (.xlsx, .csv) to import")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the new .sendplan file")
    parser.add_argument("--report", type=Path, help="also write the import report to this text file")
    parser.add_argument("--force", action="store_true", help="replace an existing plan file (never a document)")


def run_import(args: argparse.Namespace) -> int:
    from sendplan.atomic import atomic_write_bytes  # noqa: PLC0415
    from sendplan.exporters.office import OfficeFileError  # noqa: PLC0415
    from sendplan.exporters.word import import_docx  # noqa: PLC0415
    from sendplan.storage import save_new_plan  # noqa: PLC0415

    check_plan_output(args.output, args.force, [args.source])
    if args.report:
        check_output(args.report, args.force, [args.source, args.output], what="report")
    if args.source.suffix.lower() == ".pdf":
        raise CliError(f"“{shown(Path(args.source.name))}” is a PDF. To start a plan from an inspection report, "
                       f"use 'sendplan new {shown(args.output)} --from-report {shown(args.source)}'.")
    try:
        if _is_workbook(args.source):
            from sendplan.exporters.excel import import_tracker  # noqa: PLC0415

            result = import_tracker(args.source)
        else:
            result = import_docx(args.source)
    except OfficeFileError as error:
        raise CliError(str(error)) from None
    save_new_plan(args.output, result.plan)
    report = result.report.text()
    if args.report:
        atomic_write_bytes(args.report, report.encode("utf-8"))
    counts = ", ".join(f"{n} {name.lower()}" for name, n in result.report.counts.items())
    print(f"Imported {args.source} into {args.output}: {counts}.")
    if result.report.restored:
        print("It was written by sendplan: the plan saved inside it was restored exactly.")
    print(f"{result.report.things_to_check} things to check, of which {len(result.report.unplaced)} pieces of "
          "unplaced text" + (f"; see {args.report}" if args.report else " (add --report FILE for the details)") + ".")
    return 0

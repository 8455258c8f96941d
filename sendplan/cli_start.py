"""Start a plan from what the officer has: ``sendplan new PLAN --from-report REPORT`` (the inspection
report) and ``sendplan import SOURCE -o PLAN [--mapping FILE] [--report FILE]`` (a Word plan or an Excel
tracker, read as a mapping file says, with the mapping used written beside the report so that a batch
run can be corrected and run again).

The readers live in ``sendplan.exporters`` and are imported only when this runs.
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
    from sendplan.model import term_of  # noqa: PLC0415

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
        print(f"  {term_of(plan, area)} {area.ref}: {area.wording[:100]}{'…' if len(area.wording) > 100 else ''}")
        if area.responsible_body:
            print(f"    Responsible body: {area.responsible_body}")
    skipped = [s.title for s in draft.sections if not s.include]
    if skipped:
        print(f"  Narrative sections left out (add --with-sections to keep them): {'; '.join(skipped)}")
    for note in draft.notes:
        print(f"  To check: {note}")
    return 0


def mapping_path(report: Path) -> Path:
    """Where ``--report REPORT.txt`` writes the mapping it used: REPORT.mapping.json beside it."""
    return report.with_name(f"{report.stem}.mapping.json")


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
    parser.add_argument("--report", type=Path, help="also write the import report to this text file, and the column "
                                                    "mapping used beside it (REPORT.mapping.json)")
    parser.add_argument("--mapping", type=Path, help="read each table or sheet as this mapping file says (as written "
                                                     "by --report, then corrected)")
    parser.add_argument("--force", action="store_true", help="replace an existing plan file (never a document)")


def run_import(args: argparse.Namespace) -> int:
    from sendplan.atomic import atomic_write_bytes  # noqa: PLC0415
    from sendplan.exporters.office import ImportMapping, OfficeFileError  # noqa: PLC0415
    from sendplan.exporters.word import import_docx  # noqa: PLC0415
    from sendplan.storage import save_new_plan  # noqa: PLC0415

    check_plan_output(args.output, args.force, [args.source])
    if args.report:
        check_output(args.report, args.force, [args.source, args.output], what="report")
        check_output(mapping_path(args.report), args.force, [args.source, args.output], what="mapping")
    if args.source.suffix.lower() == ".pdf":
        raise CliError(f"“{shown(Path(args.source.name))}” is a PDF. To start a plan from an inspection report, "
                       f"use 'sendplan new {shown(args.output)} --from-report {shown(args.source)}'.")
    try:
        mapping = ImportMapping.load(args.mapping) if args.mapping else None
        if _is_workbook(args.source):
            from sendplan.exporters.excel import import_tracker  # noqa: PLC0415

            result = import_tracker(args.source, mapping)
        else:
            result = import_docx(args.source, mapping)
    except OfficeFileError as error:
        raise CliError(str(error)) from None
    save_new_plan(args.output, result.plan)
    if args.report:
        written = mapping_path(args.report)
        text = result.report.text()
        if result.mapping.tables:
            atomic_write_bytes(written, result.mapping.to_json().encode("utf-8"))
            text += (f"\nThe column mapping used is in {shown(written)}: correct a role or a row there and run again "
                     f"with --mapping {shown(written)}.\n")
        atomic_write_bytes(args.report, text.encode("utf-8"))
    print(f"Imported {args.source} into {args.output}: {result.report.counted()}.")
    if result.report.restored:
        print("It was written by sendplan: the plan saved inside it was restored exactly.")
    if mapping is not None:
        print(f"Tables read as {shown(args.mapping)} says: {sum(t.chosen for t in result.mapping.tables)}.")
    unplaced = len(result.report.unplaced)
    print(f"{result.report.checks()}, of which {unplaced} {'is a piece' if unplaced == 1 else 'are pieces'} of "
          "unplaced text" + (f"; see {args.report}" if args.report else " (add --report FILE for the details)") + ".")
    return 0

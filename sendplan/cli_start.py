"""``sendplan new PLAN --from-report REPORT``: start a plan from the inspection report.

The report reader lives in ``sendplan.exporters`` and is imported only when this runs.
"""

from __future__ import annotations

import argparse
import sys


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

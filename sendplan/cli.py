"""The ``sendplan`` command: subcommands for plans (new, sample, check, open…) and the app.

Each subcommand is a (configure, run) pair in :data:`SUBCOMMANDS`; later features add theirs.
Heavy libraries (Qt, python-docx, openpyxl) are imported only inside the subcommand that needs
them, so ``sendplan check`` starts quickly and never loads Qt.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sendplan import __version__
from sendplan.cli_cycle import (
    configure_merge,
    configure_renumber,
    configure_returns,
    review_named,
    run_merge,
    run_renumber,
    run_returns,
)
from sendplan.cli_files import CliError, check_output, check_plan_output, shown
from sendplan.cli_start import configure_import, run_import
from sendplan.document import load_plan_file as load_plan
from sendplan.fileops import FileInUseError
from sendplan.logs import log_path
from sendplan.model import Plan
from sendplan.plan_lock import LockUnavailable
from sendplan.storage import LoadedPlan, PlanLoadError, PlanReadOnly

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# ---------------------------------------------------------------------------------------------
# The app


def _app_runner() -> Callable[[Path | None], int]:
    """The app's entry point, or a CliError saying why the window cannot start."""
    try:
        from sendplan.ui.app import run_app  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("sendplan.ui"):
            raise CliError("the desktop app is not part of this build yet. The plan tools work: "
                           "try 'sendplan sample -o plan.sendplan' and 'sendplan check "
                           "plan.sendplan'.") from None
        raise CliError(f"the desktop app cannot start because {error.name} is not installed; "
                       "reinstall sendplan.") from None
    return run_app  # type: ignore[no-any-return]


def _launch_app(path: Path | None, *more: Path, loaded: Sequence[LoadedPlan] = ()) -> int:
    return int(_app_runner()(path, *more, loaded=loaded))


def _configure_open(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plans", nargs="*", type=Path, metavar="PLAN", help="the .sendplan file(s) to open")
    parser.add_argument("--sample", action="store_true", help="open a fresh copy of the bundled sample plan")


def _run_open(args: argparse.Namespace) -> int:
    if args.sample == bool(args.plans):
        raise CliError("give the plan to open, or --sample for a copy of the sample plan (not both).")
    if args.sample:
        from sendplan.samples import fresh_sample_copy  # noqa: PLC0415

        run_app = _app_runner()  # before copying, so a failed start leaves nothing behind
        return int(run_app(fresh_sample_copy()))
    loaded = [load_plan(plan) for plan in args.plans]  # a clear message now rather than a failed window later
    return _launch_app(*args.plans, loaded=loaded)  # the app opens what was read here: each file is read once


# ---------------------------------------------------------------------------------------------
# Plan files


def _configure_sample(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the plan")
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def _run_sample(args: argparse.Namespace) -> int:
    from sendplan.atomic import atomic_write_bytes  # noqa: PLC0415
    from sendplan.resources import sample_plan_bytes  # noqa: PLC0415

    check_plan_output(args.output, args.force)
    atomic_write_bytes(args.output, sample_plan_bytes())
    print(f"Wrote the sample plan to {args.output}")
    return EXIT_OK


def _configure_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="the new .sendplan file")
    parser.add_argument("--title", default="Untitled plan", help="the plan's title")
    parser.add_argument("--numbering", default="1.1 (a)", choices=["1.1 (a)", "1.1a", "1a", "free"],
                        help="how new areas, objectives and actions are numbered (default: 1.1 (a))")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("--from-report", type=Path, metavar="REPORT",
                        help="start from the inspection report (.pdf, .docx or .txt; - reads pasted text)")
    parser.add_argument("--with-sections", action="store_true",
                        help="with --from-report: keep the report's other sections as narrative")


def _run_new(args: argparse.Namespace) -> int:
    from sendplan.model import new_plan  # noqa: PLC0415
    from sendplan.storage import save_new_plan  # noqa: PLC0415

    check_plan_output(args.path, args.force, [args.from_report] if args.from_report else [])
    if args.from_report:
        from sendplan.cli_start import StartError, new_from_report  # noqa: PLC0415

        try:
            return new_from_report(args)
        except StartError as error:
            raise CliError(str(error)) from None
    plan = new_plan(args.title)
    plan.numbering = args.numbering
    save_new_plan(args.path, plan)
    print(f"Created {args.path}")
    return EXIT_OK


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file to check")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def check_report(path: Path) -> dict[str, object]:
    """Load and validate a plan; the figures ``sendplan check`` prints."""
    from sendplan.ratings import rating_names  # noqa: PLC0415
    from sendplan.refs import ref_problems  # noqa: PLC0415
    from sendplan.summaries import find_problems, summarise  # noqa: PLC0415

    loaded = load_plan(path)
    plan = loaded.plan
    summary = summarise(plan)
    names = rating_names(plan)
    actions = [action for _, _, action in plan.iter_actions()]
    return {
        "file": str(path),
        "schema_version": loaded.schema_version,
        "read_only": loaded.read_only,
        "title": plan.title,
        "version": plan.edition,
        "areas": len(plan.areas),
        "objectives": plan.objective_count(),
        "actions": len(actions),
        "progress_updates": sum(len(action.progress) for action in actions),
        "reviews": len(plan.reviews),
        "latest_review": summary.review.label if summary.review else None,
        "rag": {names.get(key, key): count for key, count in summary.totals().items()},
        "overdue": len(summary.overdue),
        "revised": len(summary.revised),
        "not_updated": len(summary.not_updated),
        "numbering": plan.numbering,
        "problems": find_problems(plan) + ref_problems(plan),
        "notices": [note for note in (loaded.read_only_reason, *loaded.notices) if note],
    }


def _run_check(args: argparse.Namespace) -> int:
    report = check_report(args.plan)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    counts = ", ".join(f"{name} {count}" for name, count in report["rag"].items() if count)  # type: ignore[attr-defined]
    problems: list[str] = report["problems"]  # type: ignore[assignment]
    lines = [
        f"Plan: {report['title']}" + (f" ({report['version']})" if report["version"] else ""),
        f"File: {report['file']} (plan format {report['schema_version']})",
        f"{report['areas']} areas, {report['objectives']} objectives, {report['actions']} actions, "
        f"{report['progress_updates']} progress updates, {report['reviews']} reviews",
        f"Current RAG ({report['latest_review'] or 'no reviews yet'}): {counts or 'none rated'}",
        f"Overdue: {report['overdue']}; dates revised: {report['revised']}; "
        f"not updated at the latest review: {report['not_updated']}",
        *report["notices"],  # type: ignore[misc]
        f"Problems ({len(problems)}):" if problems else "No problems found.",
        *(f"  - {problem}" for problem in problems),
    ]
    print("\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# Export


def _export_docx(args: argparse.Namespace, plan: Plan) -> str:
    from sendplan.exporters.word import WordOptions, export_docx, parse_columns  # noqa: PLC0415

    review = review_named(plan, args.review)
    overrides: dict[str, object] = {"review_id": review.id if review else None,
                                    "date_style": args.date_style, "progress": args.progress}
    if args.marking is not None:
        overrides["marking"] = args.marking
    if args.columns:
        overrides["columns"] = parse_columns(args.columns)
    if args.no_embed:
        overrides["embed"] = False
    result = export_docx(plan, args.output, WordOptions.for_preset(args.preset, **overrides))
    at = f" at the {result.review}" if result.review else ""
    return f"Wrote the {result.preset.replace('-', ' ')} ({result.actions} actions{at}) to {result.path}"


def _export_xlsx(args: argparse.Namespace, plan: Plan) -> str:
    from sendplan.exporters.excel import export_tracker  # noqa: PLC0415

    review = review_named(plan, args.review)
    path = export_tracker(plan, args.output, review.id if review else None)
    return f"Wrote the tracker ({sum(1 for _ in plan.iter_actions())} actions) to {path}"


EXPORT_FORMATS: dict[str, Callable[[argparse.Namespace, Plan], str]] = {"docx": _export_docx, "xlsx": _export_xlsx}


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file to export")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--format", choices=sorted(EXPORT_FORMATS),
                        help="output format (default: from the output file's extension)")
    parser.add_argument("--preset", default="review-pack",
                        help="Word: what the document contains: review-pack (the default), publication or "
                             "table-only")
    parser.add_argument("--review", help="Word: the review to report at (label, short label or "
                                         "date; default the latest)")
    parser.add_argument("--marking", help="Word: protective marking, e.g. OFFICIAL-SENSITIVE "
                                          "(default: the plan's own; none for publication)")
    parser.add_argument("--columns", help="Word: columns in order, '=' renames, e.g. "
                                          "action_no,objective,action,rag,owner=Lead,due,progress")
    parser.add_argument("--no-embed", action="store_true",
                        help="Word: do not carry the plan inside the document (the publication preset "
                             "never does; the others do, so sendplan can read them back exactly)")
    parser.add_argument("--date-style", choices=("dotted", "uk", "long"), default="dotted",
                        help="Word: how dates appear throughout the document (default dotted: 30.09.17)")
    parser.add_argument("--progress", choices=("all", "latest"), default="all",
                        help="Word: every review's progress up to the chosen one (default), or the "
                             "chosen review's only")
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def _run_export(args: argparse.Namespace) -> int:
    from sendplan.exporters.word import OptionsError  # noqa: PLC0415

    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise CliError(f"cannot tell the format from “{args.output.name}”; add --format "
                       f"({' or '.join(sorted(EXPORT_FORMATS))}).")
    check_output(args.output, args.force, [args.plan], what="export")
    plan = load_plan(args.plan).plan
    try:
        print(EXPORT_FORMATS[fmt](args, plan))
    except OptionsError as error:
        raise CliError(str(error)) from None
    return EXIT_OK


def _configure_screenshot(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file to show")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PNG to write")
    parser.add_argument("--page", help="a navigator entry to show, e.g. Reviews, Glossary, or an area's name")
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def _run_screenshot(args: argparse.Namespace) -> int:
    _app_runner()  # a clear message if the app is not installed
    from sendplan.ui.app import screenshot  # noqa: PLC0415

    check_output(args.output, args.force, [args.plan], what="picture")
    load_plan(args.plan)
    try:
        screenshot(args.plan, args.output, args.page)
    except ValueError as error:
        raise CliError(str(error)) from None
    print(f"Wrote {args.output}")
    return EXIT_OK


SUBCOMMANDS: list[Subcommand] = [
    Subcommand("open", "open a plan in the app", _configure_open, _run_open),
    Subcommand("new", "create a plan: empty, or from the inspection report", _configure_new, _run_new),
    Subcommand("sample", "write the bundled sample plan to a file", _configure_sample, _run_sample),
    Subcommand("check", "load and validate a plan, and print a summary", _configure_check, _run_check),
    Subcommand("export", "write the plan as a Word document or an Excel tracker", _configure_export, _run_export),
    Subcommand("import", "make a new plan from a Word action plan or an Excel tracker", configure_import, run_import),
    Subcommand("returns", "write an update return (Excel or Word) for each owner", configure_returns, run_returns),
    Subcommand("merge", "read returned workbooks or Word documents and list (or --apply) the changes", configure_merge,
               run_merge),
    Subcommand("renumber", "number areas, objectives and actions by their order (lists; --apply saves)",
               configure_renumber, run_renumber),
    Subcommand("screenshot", "render the main window to a PNG (offscreen)", _configure_screenshot,
               _run_screenshot),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendplan",
        description="Edit, check and export SEND action plans (Written Statements of Action). "
                    "With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"sendplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for sub in SUBCOMMANDS:
        sub_parser = commands.add_parser(sub.name, help=sub.help, description=sub.help)
        sub.configure(sub_parser)
        sub_parser.set_defaults(run=sub.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    from sendplan.cli_console import Console, plan_arguments  # noqa: PLC0415
    from sendplan.logs import setup_logging  # noqa: PLC0415

    console = Console.start()  # UTF-8 output; the windowed build's messages in a window
    setup_logging()
    try:
        return console.finish(_main(plan_arguments(sys.argv[1:] if argv is None else argv,
                                                   [sub.name for sub in SUBCOMMANDS])))
    except SystemExit as exit_:
        console.finish(exit_.code)
        raise


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", lambda _args: _launch_app(None))
    try:
        return run(args)
    except PlanLoadError as error:
        print(error.message, file=sys.stderr)
    except CliError as error:
        print(f"sendplan: {error}", file=sys.stderr)
    except PlanReadOnly as error:
        print(f"sendplan: the plan cannot be written, so nothing was changed: {error}", file=sys.stderr)
    except BrokenPipeError:  # the reader went away (`sendplan renumber PLAN | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush does not fail again
    except LockUnavailable as error:
        print(f"sendplan: {error.strerror}", file=sys.stderr)
    except OSError as error:
        print(f"sendplan: {_os_problem(error)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("sendplan: stopped.", file=sys.stderr)
    except (RecursionError, MemoryError):
        print("sendplan: the file is too deeply nested or too large to read, so nothing was done with it.",
              file=sys.stderr)
    except Exception:  # noqa: BLE001 - the last line of defence: never a traceback
        logging.getLogger("sendplan").exception("unexpected error in 'sendplan %s'", args.command or "")
        if os.environ.get("SENDPLAN_DEBUG"):
            raise
        print("sendplan: something unexpected went wrong, so the command stopped. Run it again with "
              f"SENDPLAN_DEBUG=1 to see the details (they are also in {log_path()}), and report them.",
              file=sys.stderr)
    return EXIT_FAILED


def _os_problem(error: OSError) -> str:
    """An operating system's refusal in plain words, naming the file."""
    name = Path(os.fsdecode(error.filename)) if error.filename else None
    if isinstance(error, FileNotFoundError) and name is not None and not name.parent.exists():
        return f"could not use “{shown(name.parent)}”: there is no such folder."
    where = f" “{shown(name)}”" if name is not None else ""
    if isinstance(error, FileExistsError):
        return f"could not write{where}: something with that name is already there."
    if isinstance(error, IsADirectoryError):
        return f"could not use{where}: it is a folder, not a file."
    if isinstance(error, FileInUseError):  # already a sentence: what holds it and what to do
        return f"could not use{where}: {error.strerror}."
    reason = {errno.ENOSPC: "the disk is full", errno.ENAMETOOLONG: "the name is too long for the disk",
              errno.EACCES: "permission was refused", errno.EROFS: "the disk is read-only"}.get(
        error.errno or 0, (error.strerror or "the system refused it").rstrip("."))
    return f"could not use{where}: {reason}."

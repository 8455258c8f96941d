"""The review cycle on the command line: ``returns`` (one update return per owner), ``merge`` (list, or
apply, what returned files propose) and ``renumber``.

A command that changes the plan holds its lock from reading to saving (:func:`plan_for_writing`), so it
never saves over the app or another command. Formats are imported only inside the subcommand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sendplan.cli_files import CliError, check_folder_output, plan_for_writing, shown
from sendplan.document import PlanDocument
from sendplan.document import load_plan_file as load_plan
from sendplan.model import Plan, Review
from sendplan.owners import actions_by_owner
from sendplan.review_state import ReviewNotFound, find_review


def review_named(plan: Plan, text: str | None) -> Review | None:
    """The review asked for on the command line (the latest when none was), or a plain error."""
    try:
        return find_review(plan, text)
    except ReviewNotFound as error:
        raise CliError(str(error)) from None


def configure_returns(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the folder for the returns")
    parser.add_argument("--review", help="the review the returns are for (default: the latest)")
    parser.add_argument("--owner", action="append", help="only this owner (repeat for several)")
    parser.add_argument("--format", choices=("xlsx", "docx"), default="xlsx",
                        help="Excel workbooks (default) or Word documents holding just each owner's actions")
    parser.add_argument("--force", action="store_true", help="replace returns already in the folder")


def run_returns(args: argparse.Namespace) -> int:
    from sendplan.exporters.returns import ReturnsExist, write_returns  # noqa: PLC0415

    check_folder_output(args.output)
    plan = load_plan(args.plan).plan
    review = review_named(plan, args.review)
    owners = actions_by_owner(plan)
    unknown = [o for o in args.owner or [] if o not in owners]
    if unknown:
        raise CliError(f"no actions are owned by {'; '.join(unknown)}. The owners are (one per line):\n  "
                       + "\n  ".join(sorted(owners)))
    try:
        written = write_returns(plan, args.output, kind=args.format, review_id=review.id if review else None,
                                owners=args.owner, replace=args.force)
    except ReturnsExist as error:
        names = ", ".join(f"“{shown(Path(p.name))}”" for p in error.paths[:5])
        more = f" and {len(error.paths) - 5} more" if len(error.paths) > 5 else ""
        raise CliError(f"“{shown(args.output)}” already holds {names}{more}; nothing was written. Choose another "
                       "folder, or add --force to replace them.") from None
    print(f"Wrote {len(written.files)} update return{'' if len(written.files) == 1 else 's'} to {written.folder}:")
    for owner, path in written.files.items():
        print(f"  {owner}: {path.name}")
    return 0


def configure_merge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file")
    parser.add_argument("returns", type=Path, nargs="+",
                        help="returned workbooks or Word documents (or an edited tracker or review pack)")
    parser.add_argument("--review", help="the review the progress and RAG belong to (default: the latest)")
    parser.add_argument("--apply", action="store_true", help="apply the changes that have no conflict")
    parser.add_argument("--with-new-actions", action="store_true",
                        help="also add the actions owners typed as new rows (left out unless you ask)")


def run_merge(args: argparse.Namespace) -> int:
    if not args.apply:
        plan = load_plan(args.plan).plan
        result = _read(plan, args)
        print(result.text())
        print("Nothing applied (add --apply to apply the changes marked [x]).")
        return 0
    with plan_for_writing(args.plan) as document:
        from sendplan.commands import History  # noqa: PLC0415

        plan = document.plan
        result = _read(plan, args)
        print(result.text())
        if result.unusable:
            raise CliError(f"nothing was applied because {len(result.unusable)} file(s) could not be used: "
                           f"{', '.join(result.unusable)}. Remove them and merge again.")
        command = result.command(plan)
        if command is not None:
            History(plan).push(command)
            document.save()
            _backup_note(document.backup_problem)
    print(f"{command.label}. Saved {args.plan}." if command is not None else "Nothing to apply.")
    for line in result.left_out():
        print(line)
    return 0


def _read(plan: Plan, args: argparse.Namespace):  # noqa: ANN202 - a MergeResult (the formats load lazily)
    from sendplan.exporters.returns import read_returns  # noqa: PLC0415

    review = review_named(plan, args.review)
    result = read_returns(plan, args.returns, review.id if review else None)
    if len(result.unusable) == result.files:
        raise CliError("no file could be used, so nothing was merged:\n" + "\n".join(f"  {p}" for p in result.problems))
    if args.with_new_actions:
        result.accept_new_actions()
    return result


def _backup_note(problem: str) -> None:
    if problem:
        print(f"sendplan: {problem}", file=sys.stderr)


def configure_renumber(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="the .sendplan file")
    parser.add_argument("--area", help="renumber only the area with this reference (it keeps its own)")
    parser.add_argument("--style", choices=["1.1 (a)", "1.1a", "1a"], help="number in this style from now on")
    parser.add_argument("--apply", action="store_true", help="renumber and save (otherwise only list)")


def run_renumber(args: argparse.Namespace) -> int:
    if not args.apply:
        return _renumber(load_plan(args.plan).plan, args, None)
    with plan_for_writing(args.plan) as document:
        return _renumber(document.plan, args, document)


def _renumber(plan: Plan, args: argparse.Namespace, document: PlanDocument | None) -> int:
    from sendplan.commands import History, Renumber  # noqa: PLC0415

    area = next((a for a in plan.areas if a.ref == args.area), None) if args.area else None
    if args.area and area is None:
        raise CliError(f"the plan has no area numbered {args.area}.")
    style = args.style
    if style is None and plan.numbering == "free" and area is None:
        style = "1.1 (a)"  # numbering by position needs a style: the default, said so (--style picks another)
        print("This plan's references are free text; renumbering follows the 1.1 (a) style (--style picks another).")
    command = Renumber(plan, area.id if area else None, style)
    for change in command.changes:
        print(change.describe())
    if not command.commands:
        print("The numbers already follow the order of the plan; nothing to renumber.")
        return 0
    if document is None:
        print(f"{len(command.changes)} references would change; nothing changed (add --apply to renumber).")
        return 0
    History(plan).push(command)
    document.save()
    _backup_note(document.backup_problem)
    print(f"Renumbered {len(command.changes)} references. Saved {args.plan}.")
    return 0

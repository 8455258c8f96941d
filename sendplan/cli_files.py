"""What the command line may write, and where: the files around a plan are never damaged by a command.

A command never writes onto one of its own inputs; plan files are written only under the ``.sendplan``
extension; an existing file is replaced only with ``--force``, and ``--force`` never replaces a Word,
Excel or PDF document with a plan. A command that changes a plan holds the plan's lock while it reads and
writes it (:func:`plan_for_writing`), or refuses, naming who holds it. No Qt, no formats.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sendplan.document import PlanDocument
from sendplan.plan_lock import LockUnavailable, PlanLock, PlanLocked
from sendplan.storage import PLAN_SUFFIX

COMMAND_LOCK_WAIT = 3.0  # seconds a command waits for another command (or a save) to let go of the plan
MAX_NAME = 120  # characters of a file name quoted in a message


class CliError(Exception):
    """A failure to report on stderr as one clear message (exit code 1)."""


def shown(path: Path) -> str:
    """A path for a message: never a lone surrogate (a name that is not UTF-8) and never a page of it."""
    text = os.fsdecode(path).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= MAX_NAME else f"{text[:MAX_NAME // 2]}…{text[-MAX_NAME // 2:]}"


def same_file(first: Path, second: Path) -> bool:
    """True when both names lead to one file (also through links, case or "..")."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.normcase(os.path.abspath(first)) == os.path.normcase(os.path.abspath(second))


def document_kind(path: Path) -> str:
    """What an existing file is, by its first bytes: "a Word document", "an Excel workbook", "a PDF",
    "an Office file" or "" (text, a plan, or something else)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return ""
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an Office file"
    if head.startswith(b"PK"):
        suffix = path.suffix.lower()
        if suffix.startswith(".do"):
            return "a Word document"
        if suffix.startswith(".xl"):
            return "an Excel workbook"
        return "a Word or Excel file"
    return ""


def check_output(path: Path, force: bool, inputs: Iterable[Path] = (), *, what: str = "file") -> None:
    """Refuse (CliError) to write ``path`` when it is one of the command's ``inputs``, a folder, or an
    existing file without ``--force``."""
    for source in inputs:
        if source is not None and same_file(path, source):
            raise CliError(f"“{shown(path)}” is also what this command reads, so it was not written over; "
                           f"choose another name for the {what}.")
    if path.is_dir():
        raise CliError(f"“{shown(path)}” is a folder; give a file name for the {what}.")
    if path.exists() and not force:
        raise CliError(f"“{shown(path)}” already exists; choose another name or add --force to replace it.")


def check_plan_output(path: Path, force: bool, inputs: Iterable[Path] = ()) -> None:
    """As :func:`check_output`, for a plan file: only under ``.sendplan``, and never over a document."""
    if path.suffix.lower() != PLAN_SUFFIX:
        better = path.with_suffix(PLAN_SUFFIX) if path.suffix else path.with_name(path.name + PLAN_SUFFIX)
        raise CliError(f"plan files are written only with the {PLAN_SUFFIX} extension, so “{shown(path)}” was not "
                       f"written: use “{shown(better)}”.")
    check_output(path, force, inputs, what="plan")
    kind = document_kind(path) if path.exists() else ""
    if kind:
        raise CliError(f"“{shown(path)}” is {kind}, not a plan, so it is not replaced, even with --force; "
                       "choose another name for the plan.")


def check_folder_output(folder: Path) -> None:
    """A folder to write into (made when missing): refuse a file in its place."""
    if folder.exists() and not folder.is_dir():
        raise CliError(f"“{shown(folder)}” is a file, not a folder; give a folder for the returns (it is made "
                       "when it does not exist).")


@contextlib.contextmanager
def plan_for_writing(path: Path) -> Iterator[PlanDocument]:
    """Open a plan for a command that changes it, holding the plan's lock until the command ends."""
    lock = PlanLock(path)
    try:
        lock.acquire(wait=COMMAND_LOCK_WAIT)
    except PlanLocked as error:
        raise CliError(str(error)) from None
    except LockUnavailable as error:
        raise CliError(str(error.strerror)) from None
    try:
        document = PlanDocument.open(path)
        if document.read_only:
            why = document.read_only_reason.split(", so ")[0].rstrip(".") or "it is read-only"
            raise CliError(f"“{shown(path)}” cannot be written, so nothing was changed: {why[0].lower()}{why[1:]}.")
        document.lock_held = True
        yield document
    finally:
        lock.release()

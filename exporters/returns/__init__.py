"""Owners' update returns, out and in: one Word or Excel file per owner, and the files they send back
read as proposed changes (:class:`sendplan.merge.MergeResult`) for the officer to accept.

Public: :func:`write_returns`, :func:`read_returns`, :data:`RETURN_KINDS`, :class:`ReturnsWritten`,
:class:`ReturnsExist`.
Which reader takes a returned file is decided by what is inside it, not by its name.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from sendplan.exporters.returns.common import ReturnsExist, ReturnsWritten, write_per_owner
from sendplan.exporters.returns.excel import write_excel_return
from sendplan.exporters.returns.excel_read import ExcelReturnReader
from sendplan.exporters.returns.word import WordReturnReader, write_word_return

from sendplan.merge import MergeResult, mark_conflicts
from sendplan.merge_same import join_repeats
from sendplan.model import Plan

__all__ = ["RETURN_KINDS", "ReturnsExist", "ReturnsWritten", "read_returns", "write_returns"]

RETURN_KINDS = {"xlsx": "Excel workbooks", "docx": "Word documents"}
Progress = Callable[[int, int], None]


def write_returns(plan: Plan, folder: str | Path, *, kind: str = "xlsx", review_id: str | None = None,
                  owners: list[str] | None = None, progress: Progress | None = None,
                  replace: bool = True) -> ReturnsWritten:
    """One update return per owner (or per chosen owner), each listing only that owner's actions, as Excel
    workbooks (``kind="xlsx"``) or Word documents (``"docx"``). The plan is only read. With
    ``replace=False``, :class:`ReturnsExist` when any of the files is in the folder already."""
    write_one = write_word_return if kind == "docx" else write_excel_return
    return write_per_owner(plan, folder, review_id, owners, progress, f".{kind}", write_one, replace=replace)


def _kind(path: Path) -> str:
    """"word", "excel" or "pdf" by what is inside; a file that is no package at all by its name (an old .doc)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) == b"%PDF-":
                return "pdf"
        with zipfile.ZipFile(path) as package:
            return "word" if "word/document.xml" in package.namelist() else "excel"
    except (OSError, zipfile.BadZipFile, zlib.error, ValueError, EOFError):
        return "word" if path.suffix.lower() in (".doc", ".docx", ".docm", ".dot", ".dotx", ".rtf") else "excel"


def read_returns(plan: Plan, paths: list[Path], review_id: str | None = None,
                 progress: Progress | None = None) -> MergeResult:
    """Proposed changes from update returns (Excel or Word) or edited trackers; conflicts marked, unticked.
    Nothing is applied: the caller shows the list and applies the accepted changes as one step."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    result = MergeResult(review)
    excel = ExcelReturnReader(plan, review, result)
    word = WordReturnReader(plan, review, result)
    files = list(dict.fromkeys(Path(p).resolve() for p in paths))  # the same file chosen twice counts once
    for done, path in enumerate(files):
        result.files += 1
        kind = _kind(path)  # by what is inside, not the name
        if kind == "pdf":
            result.unusable.append(path.name)
            result.problems.append(f"“{path.name}” is a PDF, which cannot be merged: returns are the Excel workbooks "
                                   "or Word documents sendplan wrote (or a review pack). Ask the owner for the Word "
                                   "or Excel file they filled in.")
        else:
            (word if kind == "word" else excel).read(path)
        if progress:
            progress(done + 1, len(files))
    join_repeats(plan, result)
    mark_conflicts(result)
    return result

"""Returns from one owner merged together (a Word and an Excel copy, a file sent again): a new row is the return's
owner's, the same comment lands once naming both files, a comment already in the notes is not offered again, the
same new action is flagged as a likely duplicate, and words typed on at the end of this review's progress in an
Excel return are added to that progress."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.table import _Row
from docx_helpers import action_row
from openpyxl import load_workbook
from openpyxl.comments import Comment
from sendplan.exporters.returns import read_returns, write_returns

from sendplan.commands import History
from sendplan.model import Action, Plan
from sendplan.storage import save_new_plan

OWNER = "Head of SEND Services"
AUTHOR = "Jo Bloggs"
ASK = "Can we discuss whether this is now complete at the Board?"
PANEL = "Set up a parent advisory panel for the Board"


def _action(plan: Plan, number: str) -> Action:
    numbers = plan.numbers()
    return next(a for _, _, a in plan.iter_actions() if numbers[a.id] == number)


def _excel(plan: Plan, folder: Path, *, comment: str = "", new_row: str = "", progress: dict[str, str] | None = None
           ) -> Path:
    """The owner's Excel return: a cell comment on 1.3 (a), a row added at the end, words typed in Latest progress."""
    path = write_returns(plan, folder, owners=[OWNER]).files[OWNER]
    book = load_workbook(path)
    sheet = book["Your actions"]
    titles = {c.value: c.column for c in sheet[1]}
    rows = {sheet.cell(row=r, column=titles["Action No"]).value: r for r in range(2, sheet.max_row + 1)}
    if comment:
        sheet.cell(row=rows["1.3 (a)"], column=titles["New progress"]).comment = Comment(comment, AUTHOR)
    if new_row:
        last = sheet.max_row + 1
        sheet.cell(row=last, column=titles["Action"], value=new_row)
        sheet.cell(row=last, column=titles["By When"], value="31/03/2027")
    for number, typed in (progress or {}).items():
        cell = sheet.cell(row=rows[number], column=titles["Latest progress"])
        cell.value = f"{cell.value}{typed}"
    book.save(path)
    return path


def _word(plan: Plan, folder: Path, *, comment: str = "", new_row: str = "", owner_cell: str | None = None) -> Path:
    """The owner's Word return: a comment on 1.3 (a), a row copied below 2.3 (a) (Word's Insert Row) and retyped."""
    path = write_returns(plan, folder, kind="docx", owners=[OWNER]).files[OWNER]
    document = Document(str(path))
    _, row, columns = action_row(document, "1.3 (a)")
    if comment:
        document.add_comment(row.cells[columns["Actions"]].paragraphs[0].runs[0], comment, author=AUTHOR)
    if new_row:
        _, above, columns = action_row(document, "2.3 (a)")
        tr = copy.deepcopy(above._tr)
        above._tr.addnext(tr)
        added = _Row(tr, above._parent)
        for title, text in columns.items():
            cell = added.cells[text]
            value = {"Actions": new_row, "By When": "31/03/2027"}.get(title, "")
            if title == "By Whom" and owner_cell is not None:
                value = owner_cell
            elif title == "By Whom":
                continue
            for paragraph in cell.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            cell.paragraphs[0].text = value
    document.save(str(path))
    return path


def test_a_row_added_to_an_excel_return_is_the_returns_owners(sample_plan: Plan, tmp_path: Path) -> None:
    excel = _excel(sample_plan, tmp_path / "x", new_row=PANEL)
    result = read_returns(sample_plan, [excel])
    new = next(c for c in result.changes if c.kind == "action")
    assert new.value.owner == OWNER and f"(By Whom: {OWNER}; By When: 31/03/2027)" in result.text()
    assert result.accept_new_actions() == 1
    History(sample_plan).push(result.command(sample_plan))  # type: ignore[arg-type]
    added = next(a for _, _, a in sample_plan.iter_actions() if a.text == PANEL)
    assert added.owner == OWNER


def test_a_row_added_to_a_word_return_is_the_returns_owners_unless_it_names_another(sample_plan: Plan,
                                                                                    tmp_path: Path) -> None:
    blank = _word(sample_plan, tmp_path / "a", new_row=PANEL, owner_cell="")
    named = _word(sample_plan, tmp_path / "b", new_row="Run a families' survey", owner_cell="Parent Carer Forum")
    result = read_returns(sample_plan, [blank, named])
    owners = {c.value.text: c.value.owner for c in result.changes if c.kind == "action"}
    assert owners == {PANEL: OWNER, "Run a families' survey": "Parent Carer Forum"}


def test_the_same_comment_in_a_word_and_an_excel_return_is_one_change_naming_both(sample_plan: Plan,
                                                                                  tmp_path: Path) -> None:
    word = _word(sample_plan, tmp_path / "w", comment=ASK)
    excel = _excel(sample_plan, tmp_path / "x", comment=f"  {ASK.upper()}\n")  # spacing and case aside
    result = read_returns(sample_plan, [word, excel])
    comments = [c for c in result.changes if c.kind == "comment"]
    assert len(comments) == 1 and comments[0].accepted
    assert comments[0].sources() == f"{word.name} and {excel.name}"
    assert f"[from {word.name} and {excel.name}]" in result.text()
    History(sample_plan).push(result.command(sample_plan))  # type: ignore[arg-type]
    notes = _action(sample_plan, "1.3 (a)").notes.splitlines()
    assert [n for n in notes if ASK in n] == [f"Comment by {AUTHOR} in {word.name} and {excel.name} on “1.3 (a)”: "
                                              f"{ASK}"]


def test_a_comment_the_notes_already_hold_is_not_offered_again(sample_plan: Plan, tmp_path: Path) -> None:
    """The Word return merged first, then the Excel one with the same comment: already in the plan, said as a note."""
    word = _word(sample_plan, tmp_path / "w", comment=ASK)
    excel = _excel(sample_plan, tmp_path / "x", comment=ASK)
    first = read_returns(sample_plan, [word])
    History(sample_plan).push(first.command(sample_plan))  # type: ignore[arg-type]
    notes = _action(sample_plan, "1.3 (a)").notes
    second = read_returns(sample_plan, [excel])
    assert not [c for c in second.changes if c.kind == "comment"] and second.already == {excel.name: 1}
    text = second.text()
    assert f"Note: {excel.name}: 1 change is already in the plan word for word" in text and "Problem:" not in text
    assert second.command(sample_plan) is None and _action(sample_plan, "1.3 (a)").notes == notes


def test_the_same_new_action_in_two_returns_is_flagged_as_a_likely_duplicate(sample_plan: Plan,
                                                                             tmp_path: Path) -> None:
    excel = _excel(sample_plan, tmp_path / "x", new_row=PANEL)
    word = _word(sample_plan, tmp_path / "w", new_row=f"NEW: {PANEL.lower()}.")
    result = read_returns(sample_plan, [excel, word])
    first, second = [c for c in result.changes if c.kind == "action"]
    assert not first.duplicate
    assert second.duplicate == (f"likely a duplicate of the new action under {first.number} from {excel.name} "
                                "(the same words); left unticked")
    assert result.accept_new_actions() == 1 and first.accepted and not second.accepted
    assert f"      {second.duplicate}" in result.text()
    assert result.left_out() == [
        "1 new action left out as likely a duplicate (said above): the words match another new action or an action "
        "already under the objective; tick it in the app's Merge returned updates if it is a different action."]
    History(sample_plan).push(result.command(sample_plan))  # type: ignore[arg-type]
    assert sum(1 for _, _, a in sample_plan.iter_actions() if a.text.lower().startswith(PANEL.lower())) == 1


def test_a_new_action_matching_one_under_its_objective_is_flagged(sample_plan: Plan, tmp_path: Path) -> None:
    existing = _action(sample_plan, "3.3 (c)")  # the last action of the Excel return: a new row goes under 3.3
    excel = _excel(sample_plan, tmp_path / "x", new_row=" ".join(existing.text.upper().split()))
    result = read_returns(sample_plan, [excel])
    new = next(c for c in result.changes if c.kind == "action")
    assert new.duplicate == "likely a duplicate: 3.3 (c) under 3.3 has these words already; left unticked"
    assert result.accept_new_actions() == 0 and result.command(sample_plan) is None


def test_words_typed_on_this_reviews_progress_in_excel_are_added_to_it(sample_plan: Plan, tmp_path: Path) -> None:
    action = _action(sample_plan, "1.3 (b)")
    review = sample_plan.latest_review()
    assert review is not None
    [entry] = [u for u in action.progress if u.review_id == review.id]
    before_text, count = entry.text, len(action.progress)
    typed = "\nNov: consultation closed with 74% of schools responding."
    excel = _excel(sample_plan, tmp_path / "x", progress={"1.3 (b)": typed})
    result = read_returns(sample_plan, [excel])
    [change] = result.changes
    assert (change.kind, change.accepted, change.conflict) == ("append", True, "")
    assert change.describe() == ("1.3 (b) added to this review's progress: Nov: consultation closed with 74% of "
                                 "schools responding. (typed on at the end of the Latest progress cell) "
                                 f"[from {excel.name}]")
    assert result.left_out() == []
    saved = save_new_plan(tmp_path / "before.sendplan", sample_plan)
    history = History(sample_plan)
    history.push(result.command(sample_plan))  # type: ignore[arg-type]
    assert entry.text == before_text + typed and len(action.progress) == count, "the entry edited, none added"
    history.undo()
    assert save_new_plan(tmp_path / "after.sendplan", sample_plan) == saved

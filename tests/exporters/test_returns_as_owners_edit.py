"""Returns edited the way owners really edit them: Word comments, tracked changes by author, rows added with and
without a reference, words typed in the wrong cell, Excel cell comments, and LibreOffice re-saves. Every filled
cell and every comment is listed, and the listing ends with the cells read and used."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx_helpers import action_row, table_columns
from lxml import etree
from openpyxl import load_workbook
from openpyxl.comments import Comment
from sendplan.exporters.returns import read_returns, write_returns
from sendplan.exporters.word import read_embedded

from sendplan.commands import History
from sendplan.model import Plan

OWNER = "Head of SEND Services"
AUTHOR = "Sam Owner"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ids = iter(range(900, 10_000))



def _tracked(tag: str, text: str) -> Any:
    """A run of ``text`` inside a w:ins or w:del by the owner, as Word writes it with Track Changes on."""
    mark = etree.Element(qn(f"w:{tag}"), {qn("w:id"): str(next(_ids)), qn("w:author"): AUTHOR,
                                          qn("w:date"): "2026-11-10T09:00:00Z"})
    run = etree.SubElement(mark, qn("w:r"))
    etree.SubElement(run, qn("w:delText" if tag == "del" else "w:t")).text = text
    return mark


def _track_new_paragraph(cell: Any, text: str) -> None:
    cell.add_paragraph()._p.append(_tracked("ins", text))


def _track_replace_first_run(cell: Any, text: str) -> None:
    run = cell.paragraphs[0].runs[0]._r
    old = run.findtext(qn("w:t"))
    run.addprevious(_tracked("del", old))
    run.addprevious(_tracked("ins", text))
    run.getparent().remove(run)


def _set(cell: Any, text: str) -> None:
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    paragraph = cell.paragraphs[0]
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraph.runs:
        paragraph.runs[0].text = text
    else:
        paragraph.add_run(text)


def _copy_row_below(row: Any) -> Any:
    """Word's Insert › Row Below: the new row copies the one above, merged Action No and Objective included."""
    new = copy.deepcopy(row._tr)
    row._tr.addnext(new)
    from docx.table import _Row

    return _Row(new, row._parent)


@pytest.fixture
def returned(sample_plan: Plan, tmp_path: Path) -> Path:
    path = write_returns(sample_plan, tmp_path / "out", kind="docx", owners=[OWNER]).files[OWNER]
    document = Document(str(path))
    _, row, columns = action_row(document, "1.3 (a)")
    document.add_comment(row.cells[columns["RAG"]].paragraphs[0].runs[0],
                         "Can we discuss whether this is now complete at the Board?", author=AUTHOR, initials="SO")
    _, row, _ = action_row(document, "1.3 (b)")
    _track_new_paragraph(row.cells[columns["Progress 2026/2027"]], "Nov 2026: Consultation closed with 212 replies.")
    _, row, _ = action_row(document, "1.5 (a)")
    added = _copy_row_below(row)  # a new action without a reference, under objective 1.5
    _track_replace_first_run(row.cells[columns["RAG"]], "Amber")
    _set(added.cells[columns["Actions"]], "NEW: set up a parent advisory panel for the Board")
    _set(added.cells[columns["By Whom"]], "Chair of the Parent Forum")
    _set(added.cells[columns["By When"]], "31/03/2027")
    _set(added.cells[columns["RAG"]], "Green")
    for title in ("Intended Outcomes", "Key Performance Indicators", "Progress 2025/2026", "Progress 2026/2027"):
        _set(added.cells[columns[title]], "")
    document.add_comment(added.cells[columns["Actions"]].paragraphs[0].runs[0], "Parents asked for this.",
                         author=AUTHOR)
    _, row, _ = action_row(document, "2.1 (d)")
    copied = _copy_row_below(row)  # copied from the last one, reference and all, then retyped
    _set(copied.cells[columns["Actions"]], "2.1 (e) Publish a monthly backlog report")
    _, row, _ = action_row(document, "2.1 (a)")
    row.cells[columns["Progress 2025/2026"]].add_paragraph("Nov 2026: the tracker went live.")  # the wrong column
    _, row, _ = action_row(document, "2.1 (b)")
    row.cells[columns["Progress 2025/2026"]].add_paragraph("Also: funding was agreed in the summer.")
    document.add_comment(document.paragraphs[0].runs[0], "Sorry this is late.", author=AUTHOR)
    document.save(str(path))
    return path


def _filled_cells(path: Path) -> list[tuple[str, str, str]]:
    """(ref, column, text) of every filled cell of every action table, merged cells once."""
    found = []
    for table in Document(str(path)).tables:
        columns = table_columns(table)
        if "Actions" not in columns:
            continue
        seen: set[Any] = set()  # the cell elements themselves (a merged cell is met once per row it spans)
        for row in table.rows[1:]:
            ref = " ".join(row.cells[columns["Actions"]].text.split()[:2])
            for title, index in columns.items():
                cell = row.cells[index]
                if cell._tc in seen or not cell.text.strip():
                    continue
                seen.add(cell._tc)
                found.append((ref, title, cell.text.strip()))
    return found


def _all_listed(path: Path, plan: Plan, text: str) -> None:
    """Every filled cell is either as sendplan wrote it, or each of its new lines is in the listing."""
    embedded = read_embedded(path)
    assert embedded is not None
    written: dict[str, set[str]] = {}  # column → every line sendplan wrote in it (a copied row repeats them)
    for cells in embedded.cells.values():
        for column, value in cells.items():
            written.setdefault(column, set()).update(line.strip() for line in value.split("\n"))
    for ref, column, value in _filled_cells(path):
        before = written.get(column, set())
        for line in value.split("\n"):
            if line.strip() in before or column in ("Action No", "Objective"):
                continue
            line = line.strip().removeprefix(ref).strip().removeprefix("NEW: ").removeprefix("Nov 2026: ")
            assert line in text, f"{ref} {column}: “{line}” is not listed"


def test_every_word_of_a_word_return_is_listed(sample_plan: Plan, returned: Path) -> None:
    result = read_returns(sample_plan, [returned])
    text = result.text()
    by = {(c.number, c.kind): c for c in result.changes}
    comment = by[("1.3 (a)", "comment")]
    assert comment.accepted and f"comment by {AUTHOR} on “Green”" in comment.new
    assert "Can we discuss whether this is now complete at the Board?" in comment.value
    progress = by[("1.3 (b)", "progress")]
    assert progress.new == "Consultation closed with 212 replies." and progress.accepted
    assert f"Word's tracked changes by {AUTHOR}" in progress.note and "read as accepted" in progress.note
    rag = by[("1.5 (a)", "rag")]
    assert rag.new == "Amber" and "deleted “Green”" in rag.note and "inserted “Amber”" in rag.note
    panel = by[("1.5", "action")]
    assert not panel.accepted and panel.value.text == "set up a parent advisory panel for the Board"
    assert panel.value.owner == "Chair of the Parent Forum" and panel.value.due.display("uk") == "31/03/2027"
    assert panel.value.rating == "green" and "Parents asked for this." in panel.value.notes
    report = by[("2.1", "action")]
    assert report.value.ref == "2.1 (e)" and report.value.text == "Publish a monthly backlog report"
    assert "2.1 (e), which another action has, so it takes the next free one" in report.new
    wrong = by[("2.1 (a)", "progress")]
    assert wrong.new == "the tracker went live." and "typed in the Progress 2025/2026 column" in wrong.note
    assert "labelled for the November 2026 review" in wrong.note and wrong.accepted
    note = by[("2.1 (b)", "comment")]
    assert note.accepted and "Also: funding was agreed in the summer." in note.value
    assert f"a comment by {AUTHOR} on “{sample_plan.title}” is not on an action's row" in text
    assert "Sorry this is late." in text
    assert result.comments_read == 3
    _all_listed(returned, sample_plan, text)
    assert text.splitlines()[-1].startswith(f"Cells read: {len(_filled_cells(returned))} (and 3 comments); "
                                            f"cells used: {result.cells_used};")
    assert result.cells_used == 11  # 4 edited cells, 4 of the new row, 3 of the copied one (not what it copied)

    history = History(sample_plan)
    for change in result.changes:
        change.accepted = True
    history.push(result.command(sample_plan))  # type: ignore[arg-type]
    objective = next(o for a in sample_plan.areas for o in a.objectives if o.ref == "1.5")
    added = objective.actions[-1]
    assert added.text == "set up a parent advisory panel for the Board"
    assert added.ref.startswith("1.5 (") and [a.ref for a in objective.actions].count(added.ref) == 1
    assert added.owner == "Chair of the Parent Forum" and "Parents asked for this." in added.notes
    assert next(a for a in sample_plan.iter_actions() if a[2].text == "Publish a monthly backlog report")[2].ref == \
        "2.1 (f)"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.timeout(180)
def test_a_libreoffice_resave_reads_the_same(sample_plan: Plan, returned: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lo"
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "docx", "--outdir", str(folder), str(returned)],
                          capture_output=True, timeout=150)
    resaved = folder / returned.name
    assert done.returncode == 0 and resaved.exists(), done.stderr
    before = {(c.number, c.kind, c.new) for c in read_returns(sample_plan, [returned]).changes}
    result = read_returns(sample_plan, [resaved])
    after = {(c.number, c.kind, c.new) for c in result.changes}
    assert before == after
    assert result.comments_read == 3
    _all_listed(resaved, sample_plan, result.text())


def test_excel_cell_comments_unknown_columns_and_new_rows(sample_plan: Plan, tmp_path: Path) -> None:
    path = write_returns(sample_plan, tmp_path / "x", owners=[OWNER]).files[OWNER]
    book = load_workbook(path)
    sheet = book["Your actions"]
    titles = {c.value: c.column for c in sheet[1]}
    sheet.protection.sheet = False
    sheet.cell(row=2, column=titles["Proposed RAG"]).comment = Comment("Amber if the board slips.", AUTHOR)
    sheet.cell(row=3, column=titles["Action"]).comment = Comment("This wording is out of date.", AUTHOR)
    sheet.cell(row=1, column=12, value="My notes")
    sheet.cell(row=2, column=12, value="Check with finance first.")
    last = sheet.max_row + 1
    sheet.cell(row=last, column=titles["Action No"], value="2.1")
    sheet.cell(row=last, column=titles["Action"], value="Set up a parents' helpline")
    sheet.cell(row=last, column=titles["New progress"], value="Staff are being recruited.")
    sheet.cell(row=4, column=titles["Action"], value=sheet.cell(row=4, column=titles["Action"]).value + " (and carers)")
    book.save(path)
    result = read_returns(sample_plan, [path])
    text = result.text()
    for words in ("Amber if the board slips.", "This wording is out of date.", "Check with finance first.",
                  "Set up a parents' helpline", "Staff are being recruited.", "(and carers)"):
        assert words in text, words
    new = next(c for c in result.changes if c.kind == "action")
    assert new.number == "2.1" and not new.accepted and new.value.progress == "Staff are being recruited."
    assert result.comments_read == 2
    filled = sum(1 for row in load_workbook(path)["Your actions"].iter_rows(min_row=2) for c in row
                 if c.value not in (None, ""))
    assert result.cells_read == filled and text.splitlines()[-1].startswith(f"Cells read: {filled} (and 2 comments)")


def test_a_pdf_is_named_as_a_pdf(sample_plan: Plan, tmp_path: Path) -> None:
    pdf = tmp_path / "return.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    result = read_returns(sample_plan, [pdf])
    assert result.unusable == ["return.pdf"] and "is a PDF, which cannot be merged" in result.problems[0]
    assert "Excel workbook" not in result.problems[0].split(":")[0]

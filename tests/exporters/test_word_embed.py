"""The plan carried inside internal Word documents: written, read back whole, edits in Word found."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from sendplan.exporters.word import (
    EmbeddedPlanError,
    WordOptions,
    edited_cells,
    export_docx,
    read_embedded,
    ref_key,
    visible_rows,
)
from sendplan.exporters.word.embed import NAMESPACE

from sendplan.codec import plan_to_dict, snapshot
from sendplan.model import Plan

INTERNAL = ["review-pack", "table-only"]


def _custom_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("customXml/")}


@pytest.mark.parametrize("preset", INTERNAL)
def test_internal_presets_carry_the_whole_plan(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset(preset)).path
    embedded = read_embedded(path)
    assert embedded is not None
    assert plan_to_dict(embedded.plan) == plan_to_dict(snapshot(sample_plan))
    actions = [a for _, _, a in sample_plan.iter_actions()]
    assert set(embedded.fingerprints) == {a.id for a in actions}
    numbers = sample_plan.numbers()
    assert all(ref_key(embedded.refs[a.id]) == ref_key(numbers[a.id]) for a in actions)
    first = actions[0]
    assert embedded.cells[first.id]["Actions"].endswith(first.text.split("\n")[-1])
    assert embedded.cells[first.id]["By Whom"] == first.owner
    # the part is declared as Word expects: a customXml relationship from the document and item props
    with zipfile.ZipFile(path) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    item = next(n for n, data in _custom_parts(path).items() if NAMESPACE.encode() in data and "Props" not in n)
    assert item.split("/")[-1] in rels and "customXmlProperties+xml" in types
    # and the fingerprints describe the rows as saved: nothing reads as edited
    assert edited_cells(embedded, visible_rows(path)) == []


def test_publication_and_no_embed_carry_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    published = export_docx(sample_plan, tmp_path / "p.docx", WordOptions.for_preset("publication", embed=True)).path
    plain = export_docx(sample_plan, tmp_path / "n.docx", WordOptions.for_preset("review-pack", embed=False)).path
    for path in (published, plain):
        assert read_embedded(path) is None
        assert not any(NAMESPACE.encode() in data for data in _custom_parts(path).values())
        assert sample_plan.id.encode() not in b"".join(_custom_parts(path).values())


def test_cli_no_embed(sample_file: Path, tmp_path: Path) -> None:
    for flag, expected in (([], True), (["--no-embed"], False)):
        out = tmp_path / f"out{len(flag)}.docx"
        done = subprocess.run([sys.executable, "-m", "sendplan", "export", str(sample_file), "-o", str(out), *flag],
                              capture_output=True, text=True, timeout=120, encoding="utf-8")
        assert done.returncode == 0, done.stderr
        assert (read_embedded(out) is not None) is expected


def _edit_cell(path: Path, ref_start: str, column: str, new_text: str) -> None:
    """Change one cell's text in Word's way: open, edit, save (the custom part is kept)."""
    document = Document(str(path))
    for table in document.tables:
        titles = [c.text for c in table.rows[0].cells]
        if column not in titles or "Actions" not in titles:
            continue
        for row in table.rows[1:]:
            if row.cells[titles.index("Actions")].text.startswith(ref_start):
                cell = row.cells[titles.index(column)]
                for paragraph in cell.paragraphs[1:]:
                    paragraph._p.getparent().remove(paragraph._p)
                cell.paragraphs[0].text = new_text
                document.save(str(path))
                return
    raise AssertionError(f"no row {ref_start}")


def test_edited_cells_are_reported(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset("table-only")).path
    _edit_cell(path, "1.1 (a)", "By Whom", "Someone new")
    embedded = read_embedded(path)
    assert embedded is not None
    edits = edited_cells(embedded, visible_rows(path))
    first = next(a for _, _, a in sample_plan.iter_actions())
    assert [(e.action_id, ref_key(e.ref), e.column, e.before, e.after) for e in edits] == [
        (first.id, "1.1a", "By Whom", first.owner, "Someone new")]


def test_damaged_part_is_a_plain_error(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset("table-only")).path
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if NAMESPACE.encode() in data and info.filename.startswith("customXml/"):
                data = data.replace(b'"format":"sendplan"', b'"format":"other"')
            target.writestr(info, data)
    with pytest.raises(EmbeddedPlanError) as caught:
        read_embedded(broken)
    assert "damaged" in str(caught.value) and "Error" not in str(caught.value)


def test_import_of_an_edited_document_restores_the_plan_and_lists_the_edit(sample_plan: Plan, tmp_path: Path) -> None:
    from sendplan.exporters.word import import_docx

    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset("review-pack")).path
    _edit_cell(path, "1.1 (a)", "By Whom", "Someone new")
    result = import_docx(path)
    first = next(a for _, _, a in sample_plan.iter_actions())
    assert result.report.restored and plan_to_dict(result.plan) == plan_to_dict(snapshot(sample_plan))
    assert result.report.things_to_check == 1 and "1 thing to check." in result.report.text()
    assert f"action 1.1 (a), By Whom: “{first.owner}” → “Someone new”" in result.report.text()

"""Hostile Office files get a plain answer within bounds: a shared string filling every cell, broken compressed
parts (bad CRCs), and a damaged plan inside a sendplan document."""

from __future__ import annotations

import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from sendplan.exporters.excel import import_tracker, read_workbook
from sendplan.exporters.office import OfficeFileError
from sendplan.exporters.returns import read_returns, write_returns
from sendplan.exporters.word import WordOptions, export_docx, import_docx

from sendplan.model import Plan


def _shared_string_workbook(path: Path, rows: int, length: int) -> None:
    """A workbook whose every data cell shows one shared string ``length`` characters long (as Apache POI's
    poc-shared-strings.xlsx does), written part by part."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    titles = "".join(f'<c r="{col}1" t="inlineStr"><is><t>{t}</t></is></c>'
                     for col, t in zip("ABCDE", ("Ref", "Action", "Lead", "Target date", "RAG"), strict=True))
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>1.{r}</t></is></c>'
                   + "".join(f'<c r="{col}{r}" t="s"><v>0</v></c>' for col in "BCD") + "</row>"
                   for r in range(2, rows + 2))
    rng = random.Random(1)
    words = "".join(rng.choice("abcdefghij ") for _ in range(length))
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Tracker" sheetId="1" '
        'r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="r2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1">{titles}</row>{body}'
        "</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="1" uniqueCount="1"><si><t>{words}</t></si></sst>'}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)


def test_one_long_shared_string_in_every_cell_stays_small(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _shared_string_workbook(path, 6000, 1_000_000)  # 18,000 cells of a megabyte: 18 GB if each were kept
    tracemalloc.start()
    try:
        data = read_workbook(path, what="a tracker")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 250 * 1024 * 1024, f"{peak / 1024 ** 2:.0f} MB"
    assert any("more text than a tracker can have" in note for note in data.notes)
    assert any("more text than Excel allows in one cell" in note for note in data.notes)
    result = import_tracker(path)
    assert result.plan.areas, "what was read within the limits is imported"


def _flip_inside(path: Path, part: str) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        info = package.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(10, min(info.compress_size, 400), 37):
        data[start + offset] ^= 0x55
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml", "word/styles.xml"])
def test_a_broken_part_inside_a_word_file_is_named(sample_plan: Plan, tmp_path: Path, part: str) -> None:
    path = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions.for_preset("table-only")).path
    _flip_inside(path, part)
    before = path.read_bytes()
    with pytest.raises(OfficeFileError) as caught:
        import_docx(path)
    assert f"the part “{part}” inside it does not unpack" in str(caught.value)
    result = read_returns(sample_plan, [path])
    assert result.unusable == ["pack.docx"] and "does not unpack" in result.problems[0]
    assert path.read_bytes() == before


def test_a_broken_part_inside_a_return_workbook(sample_plan: Plan, tmp_path: Path) -> None:
    owner = next(a.owner for _, _, a in sample_plan.iter_actions())
    path = write_returns(sample_plan, tmp_path, owners=[owner]).files[owner]
    _flip_inside(path, "xl/worksheets/sheet2.xml")
    result = read_returns(sample_plan, [path])
    assert result.unusable and "does not unpack as it was written" in result.problems[0]
    assert "Open it in Excel" in result.problems[0]


def test_tables_inside_text_boxes_are_not_called_missing(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_paragraph("Our action plan is in the box below.")
    run = document.add_paragraph().add_run()
    run._r.append(parse_xml(
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent><w:tbl><w:tr><w:tc><w:p>'
        '<w:r><w:t>Actions</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>RAG</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        "<w:p/></w:txbxContent></v:textbox></v:shape></w:pict>"))
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    with pytest.raises(OfficeFileError) as caught:
        import_docx(path)
    assert "its 1 table sits inside text boxes or shapes" in str(caught.value)
    assert "contains no tables" not in str(caught.value)


def test_a_word_return_with_nesting_too_deep_in_its_relationships_is_still_read(sample_plan: Plan,
                                                                               tmp_path: Path) -> None:
    """Found by the fuzz run: relationships nested past the XML parser's depth limit stopped the merge with "something
    unexpected went wrong". The document's cells are still read; its comments part is passed by."""
    owner = next(a.owner for _, _, a in sample_plan.iter_actions())
    written = write_returns(sample_plan, tmp_path / "out", kind="docx", owners=[owner]).files[owner]
    deep = tmp_path / "deep.docx"
    rels = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(deep, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == rels:
                data = b"<a>" * 300 + b"</a>" * 300
            target.writestr(info, data)
    result = read_returns(sample_plan, [deep])
    assert result.unusable == [] and result.files == 1


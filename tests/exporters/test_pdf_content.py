"""The fast PDF text reader places text exactly where pypdf's own extraction does, and hands pypdf the pages
it does not follow."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import write_letter_docx
from sendplan.exporters.report import pdf as report_pdf
from sendplan.exporters.report import read_report
from sendplan.exporters.report.pdf_content import Unsupported, _literal, page_pieces

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _simple_pdf(path: Path, content: bytes, *, encoding: str = "/WinAnsiEncoding") -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject(encoding)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_literal_strings_escapes_and_nesting() -> None:
    assert _literal(rb"a \(b\) (c) \101\n) tail", 0) == (b"a (b) (c) A\n", 19)


def test_simple_font_text_and_positions(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = _simple_pdf(tmp_path / "simple.pdf", b"q 1 0 0 1 10 20 cm BT /F1 12 Tf 72 700 Td (Areas for (draft)) Tj "
                                                 b"0 -20 Td [(Leaders) -400 (should act.)] TJ T* ET Q")
    pieces = page_pieces(PdfReader(str(pdf)).pages[0])
    assert [p[:4] for p in pieces] == [(720.0, 82.0, 12.0, "Areas for (draft)"),
                                       (700.0, 82.0, 12.0, "Leaders should act.")]
    # Helvetica has no /Widths here, so each glyph is 500/1000 em; the TJ adjustment of -400 adds 4.8
    assert pieces[1][4] == pytest.approx(82.0 + (len("Leaders") + len("should act.")) * 6.0 + 4.8)


def test_unsupported_pages_go_to_pypdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    pdf = _simple_pdf(tmp_path / "odd.pdf", b"BT /F1 12 Tf 72 700 Td (Hello from a page left to pypdf) Tj ET",
                      encoding="/MacRomanEncoding")
    with pytest.raises(Unsupported):
        page_pieces(PdfReader(str(pdf)).pages[0])
    assert [line.text for line in report_pdf.read_pdf_lines(pdf)] == ["Hello from a page left to pypdf"]


@pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true", reason="LibreOffice is not installed")
@pytest.mark.timeout(600)
def test_fast_reader_agrees_with_pypdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    assert SOFFICE, "CI must have LibreOffice"
    docx = write_letter_docx(tmp_path / "letter.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "letter.pdf"
    for page in PdfReader(str(pdf)).pages:
        fast = page_pieces(page)
        slow = report_pdf._visited_pieces(page)
        assert [p[3].strip() for p in fast] == [p[3].strip() for p in slow]
        assert all(abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5 and abs(a[2] - b[2]) < 0.1
                   for a, b in zip(fast, slow, strict=True))
        assert all(a[1] < a[4] < page.mediabox.width for a in fast)  # each piece ends on the page, after it starts
    fast_draft = read_report(pdf)

    def refuse(page: object) -> list[object]:
        raise Unsupported("test")

    monkeypatch.setattr(report_pdf, "page_pieces", refuse)
    assert read_report(pdf) == fast_draft


def test_hyphenation_undone_in_a_pdf(tmp_path: Path) -> None:
    lines = [(760, b"Area SEND inspection of Fellside Local Area Partnership"),
             (740, b"Inspection dates: 2 to 6 June 2025"), (700, b"Areas for improvement"),
             (680, b"Leaders should improve the commun\xad"), (666, b"ication of plans and reme-"),
             (652, b"dy delays. A remedy is needed."), (620, b"Leaders should publish waiting times.")]
    content = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET\n" % (y, text) for y, text in lines)
    draft = read_report(_simple_pdf(tmp_path / "hyphens.pdf", content))
    assert [area.text for area in draft.areas] == [
        "Leaders should improve the communication of plans and remedy delays. A remedy is needed.",
        "Leaders should publish waiting times."]
    assert draft.partnership == "Fellside Local Area Partnership"


def test_soft_hyphen_drawn_on_its_own_is_undone(tmp_path: Path) -> None:
    """LibreOffice draws a soft hyphen at a line break as a lone "-" touching the word part before it (here
    "particu" is 7 glyphs of 6 points from x=72, so it ends at 114); a hard hyphen comes with its word."""
    content = (b"BT /F1 12 Tf 72 760 Td (Area SEND inspection of Fellside Local Area Partnership) Tj ET\n"
               b"BT /F1 12 Tf 72 700 Td (Areas for improvement) Tj ET\n"
               b"BT /F1 12 Tf 72 680 Td (Leaders should act, particu) Tj ET BT /F1 12 Tf 234 680 Td (-) Tj ET\n"
               b"BT /F1 12 Tf 72 666 Td (larly on decision-) Tj ET\n"
               b"BT /F1 12 Tf 72 652 Td (making for families.) Tj ET\n")
    draft = read_report(_simple_pdf(tmp_path / "soft.pdf", content))
    assert [area.text for area in draft.areas] == ["Leaders should act, particularly on decision-making for families."]

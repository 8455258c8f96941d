"""Small inspection reports laid out the way real ones are, for the PDF reader's tests.

:func:`write_table_report_docx` builds (with python-docx) a report whose areas sit in ruled tables:
areas for priority action in two columns (responsible body | area) with a repeated header row, one
area with its own sub-list and a paragraph after it, one long enough to run over a page break; areas
for improvement in one column under a header cell that repeats the section's heading; a title over
two lines; a running header and a page-number footer on every page, with a long paragraph the page
break interrupts; line-end hyphens, some a word processor's (broken words), one a real compound.
LibreOffice prints it to PDF. :func:`write_glyph_pdf` writes a PDF by hand in which every glyph is
positioned on its own and no space character is drawn. Every sentence here is invented.
"""

from __future__ import annotations

from pathlib import Path

PARTNERSHIP = "Northbridge and Fellside Local Area Partnership"
TITLE = f"Area SEND inspection of {PARTNERSHIP}"
DATES = "8 to 12 September 2025"
PREVIOUS = "4 to 8 March 2019"
COUNCIL = "Northbridge City Council"
ICB = "NHS Northbridge and Fellside Integrated Care Board"
BOTH = f"{COUNCIL} and {ICB}"
RUNNING = f"Area SEND inspection report: {PARTNERSHIP}"
LONG = " ".join(f"Sentence {n} of a paragraph so long that it must run over the page break, with the running "
                "header and the page number between its halves." for n in range(1, 41))
P1 = ["Leaders across the partnership should make sure that the needs of children and young people are "
      "identified early. This includes:",
      "• health visitors checking every child at two years",
      "• nurseries sharing what they notice with the family’s doctor",
      "• schools asking for advice before a child falls behind.",
      "Leaders should also report each term on how many children were helped early."]
P2 = " ".join(f"Health leaders should reduce the wait for assessment in clinic {n}, and tell families "
              "how long the wait will be." for n in range(1, 23))
P3 = "Leaders at the council should publish the short breaks offer in plain English."
I1_LINES = ["Leaders should make sure that the plans for chil-", "dren are written with the families and that "
            "ser-", "vices for every child follow the plan, using the neuro-", "developmental pathway."]
I1 = ("Leaders should make sure that the plans for children are written with the families and that services "
      "for every child follow the plan, using the neuro-developmental pathway.")
I2 = "Leaders should improve how the partnership listens to young people, so that their views shape services."
I3 = "The partnership should help young people prepare for adult life from the age of fourteen."
IMPROVEMENT = [I1, I2, I3]
LEADERS = [(COUNCIL, "Priya Kaur", "Director of Children’s Services"),
           (ICB, "Thomas Whitfield", "Chief Executive Officer")]


def _borders(table) -> None:  # type: ignore[no-untyped-def]
    """Single ruling lines round every cell (as the reports' tables have)."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement  # noqa: PLC0415

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _footer(doc) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    section = doc.sections[0]
    section.header.paragraphs[0].text = RUNNING
    run = section.footer.paragraphs[0].add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def _cell_text(cell, lines: list[str], typed_bullets: bool) -> None:  # type: ignore[no-untyped-def]
    cell.text = ""
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if line.startswith("• ") and not typed_bullets:
            paragraph.style = "List Bullet"
            line = line[2:]
        paragraph.add_run(line)


def write_table_report_docx(path: Path, typed_bullets: bool = False) -> Path:
    """The report; with ``typed_bullets`` its list items start with a bullet character (as the text of
    real reports' PDFs has it), not Word's list numbering (whose bullet a text copy of the PDF loses)."""
    from docx import Document  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    doc = Document()
    _footer(doc)
    title = doc.add_paragraph()
    title.add_run(TITLE).font.size = Pt(24)  # two lines across the page
    doc.add_paragraph(f"Inspection dates: {DATES}")
    doc.add_paragraph(f"Dates of previous inspection: {PREVIOUS}")
    doc.add_heading("Inspection outcome", level=2)
    doc.add_paragraph("There are widespread and/or systemic failings in how the partnership meets the needs of "
                      "children and young people with SEND in Northbridge and Fellside.")
    doc.add_heading("What is it like to be a child or young person with SEND in this area?", level=2)
    doc.add_paragraph("Children in Northbridge and Fellside are welcomed in their local nurseries, and the "
                      "neuro-developmental team is well known to families and children.")
    doc.add_paragraph(LONG)
    doc.add_heading("Areas for priority action", level=2)
    table = doc.add_table(rows=4, cols=2)
    _borders(table)
    _repeat_header(table.rows[0])
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Responsible body", "Areas for priority action"
    for row, (body, lines) in enumerate(((BOTH, P1), (ICB, [P2]), (COUNCIL, [P3])), start=1):
        table.rows[row].cells[0].text = body
        _cell_text(table.rows[row].cells[1], lines, typed_bullets)
    doc.add_heading("Areas for improvement", level=2)
    table = doc.add_table(rows=4, cols=1)
    _borders(table)
    table.rows[0].cells[0].text = "Areas for improvement"
    table.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    cell = table.rows[1].cells[0]
    cell.text = ""
    for index, line in enumerate(I1_LINES):  # line breaks where a hyphenating word processor put them
        run = cell.paragraphs[0].add_run(line)
        if index < len(I1_LINES) - 1:
            run.add_break()
    table.rows[2].cells[0].text = I2
    table.rows[3].cells[0].text = I3
    doc.add_heading("Local area partnership details", level=2)
    table = doc.add_table(rows=4, cols=2)
    _borders(table)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Local authority", "Integrated care board"
    for column, (organisation, name, role) in enumerate(LEADERS):
        table.rows[1].cells[column].text = organisation
        table.rows[2].cells[column].text = f"{name}, {role}"
        table.rows[3].cells[column].text = f"www.{organisation.split()[0].lower()}.example"
    doc.add_heading("Information about this inspection", level=2)
    doc.add_paragraph("The inspection was carried out by a team of inspectors from education, health and care.")
    doc.save(str(path))
    return path


GLYPH_LINES = [
    (14, "Area SEND inspection of Eastvale Local Area Partnership"),
    (11, "Inspection dates: 2 to 6 June 2025"),
    (14, "Areas for improvement"),
    (11, "Leaders should make sure that every annual review leads to an updated plan."),
    (11, ""),
    (11, "Leaders should tell families how long they will wait for an assessment."),
]
GLYPH_AREAS = [GLYPH_LINES[3][1], GLYPH_LINES[5][1]]


def write_glyph_pdf(path: Path) -> Path:
    """A one-page PDF whose every glyph is placed on its own (Courier: 0.6 em a glyph), words set apart
    by a space's width of empty page with no space character; "updated" is drawn in two pieces with a
    kerning gap between them, which must not split it."""
    def escape(char: str) -> str:
        return "\\" + char if char in "()\\" else char

    ops = ["BT"]
    y = 780.0
    for size, text in GLYPH_LINES:
        x = 72.0
        for word in text.split():
            for index, char in enumerate(word):
                ops.append(f"/F1 {size} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({escape(char)}) Tj")
                x += 0.6 * size + (0.02 * size if word == "updated" and index == 2 else 0)
            x += 0.6 * size
        y -= size * 1.5
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path

"""Fictional inspection reports in both forms (2023 framework report, earlier outcome letter) as .docx.

The tests print them to PDF with LibreOffice. Every sentence here is invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

PARTNERSHIP = "Northbridge Local Area Partnership"
DATES = "3 to 7 March 2025"
PREVIOUS = "12 to 14 June 2019"
OUTCOME = (
    "The local area partnership’s special educational needs and/or disabilities (SEND) arrangements lead "
    "to inconsistent experiences and outcomes for children and young people with SEND. The local area "
    "partnership must work jointly to make improvements."
)
AREAS = [
    "Leaders across the partnership should make sure that education, health and care plans are finished within "
    "the statutory twenty weeks, and that the advice of health and social care practitioners is always included "
    "before a plan is issued, so that families do not wait for the help their children need.",
    "Leaders should strengthen the pathway for neurodevelopmental assessment. They should reduce the time "
    "children and young people wait for an autism assessment in Northbridge and keep families informed while "
    "they wait, so that support in school does not depend on a diagnosis.",
    "The partnership should improve how it prepares young people with SEND for adulthood, including "
    "supported internships, travel training and well-planned moves from children’s to adults’ health services.",
]
LEADERS = [
    ("Northbridge City Council", "Priya Kaur", "Director of Children’s Services"),
    ("NHS Northbridge and Eastvale Integrated Care Board", "Thomas Whitfield",
     "Chief Executive of the Integrated Care Board"),
]
LIKE_BODY = [
    "Children and young people with SEND in Northbridge are welcomed in their local schools and nurseries, "
    "and many families speak warmly of the staff who know their children well.",
    "Some families describe long waits for assessments and say they have had to repeat their story to many "
    "different practitioners before help arrived.",
]
EFFECTIVE = [
    "The parent carer forum is a valued partner and helped leaders design the new short breaks offer.",
    "Speech and language therapists train early years staff so that needs are identified sooner.",
]
BETTER = [
    "Too many education, health and care plans are issued late, and the quality of the advice they contain "
    "varies between teams.",
    "Waiting times for neurodevelopmental assessment remain too long for many children and young people.",
]
LETTER_AREAS = [
    "The slow pace at which leaders in Eastvale have implemented the disability and special educational needs "
    "reforms since 2014.",
    "The poor quality of education, health and care plans, which too often fail to describe the outcomes "
    "children and young people are working towards.",
    "The absence of a shared approach to jointly commissioning services across education, health and care.",
    "Weak communication with parents and carers, including a local offer that families find hard to use.",
]
LETTER_DATES = "Between 9 October 2017 and 13 October 2017"


def _filler(doc, sentences: int, seed: str) -> None:  # type: ignore[no-untyped-def]
    words = ("Practitioners across the partnership described the work they do with families in "
             f"{seed}, and inspectors heard how services are changing in response.")
    for index in range(sentences):
        doc.add_paragraph(f"{words} This is note {index + 1} of the {seed} section, which pads the report "
                          "so that it runs over several pages like a real one.")


def _furniture(doc, running: str) -> None:  # type: ignore[no-untyped-def]
    """A running header and a footer with the page number (a PAGE field)."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    section = doc.sections[0]
    section.header.paragraphs[0].text = running
    footer = section.footer.paragraphs[0]
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def write_report_docx(path: Path, padding: int = 1) -> Path:
    """A 2023-framework area SEND inspection report (several pages, header and footer on each);
    ``padding`` multiplies the filler paragraphs (about 100 makes 60 pages)."""
    from docx import Document  # noqa: PLC0415

    doc = Document()
    _furniture(doc, f"Area SEND inspection report: {PARTNERSHIP}, {DATES}")
    doc.add_heading(f"Area SEND inspection of {PARTNERSHIP}", level=1)
    doc.add_paragraph(f"Inspection dates: {DATES}")
    doc.add_paragraph(f"Date of previous inspection: {PREVIOUS}")
    doc.add_heading("Inspection outcome", level=2)
    doc.add_paragraph(OUTCOME)
    doc.add_paragraph("The next full area SEND inspection will be within approximately three years.")
    doc.add_heading("Information about the local area partnership", level=2)
    _filler(doc, 4, "information")
    doc.add_heading("What is it like to be a child or young person with SEND in this area?", level=2)
    for text in LIKE_BODY:
        doc.add_paragraph(text)
    _filler(doc, 6 * padding, "experience")
    doc.add_heading("What is the area partnership doing that is effective?", level=2)
    for text in EFFECTIVE:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_heading("What does the area partnership need to do better?", level=2)
    for text in BETTER:
        doc.add_paragraph(text, style="List Bullet")
    _filler(doc, 3 * padding, "improvement")
    doc.add_heading("Areas for improvement", level=2)
    for text in AREAS:
        doc.add_paragraph(text)
    doc.add_heading("Local area partnership details", level=2)
    table = doc.add_table(rows=4, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Local authority", "Integrated care board"
    for column, (organisation, name, role) in enumerate(LEADERS):
        table.rows[1].cells[column].text = organisation
        cell = table.rows[2].cells[column]
        cell.text = name
        cell.add_paragraph(role)
        table.rows[3].cells[column].text = f"www.{organisation.split()[-2].lower()}.example"
    doc.add_heading("Information about this inspection", level=2)
    _filler(doc, 2, "inspection")
    doc.save(str(path))
    return path


def write_letter_docx(path: Path) -> Path:
    """An earlier (2016–2022) outcome letter listing the areas of significant weakness as bullets."""
    from docx import Document  # noqa: PLC0415

    doc = Document()
    _furniture(doc, "Joint local area SEND inspection in Eastvale")
    doc.add_paragraph("Ms Helen Armitage")
    doc.add_paragraph("Director of Children’s Services, Eastvale Borough Council")
    doc.add_paragraph("Dear Ms Armitage")
    doc.add_heading("Joint local area SEND inspection in Eastvale", level=1)
    doc.add_paragraph(f"{LETTER_DATES}, Ofsted and the Care Quality Commission (CQC) conducted a joint inspection "
                      "of the local area of Eastvale to judge the effectiveness of the area in implementing the "
                      "disability and special educational needs reforms.")
    doc.add_paragraph("As a result of the findings of this inspection, Her Majesty’s Chief Inspector has determined "
                      "that a Written Statement of Action is required because of significant areas of weakness in "
                      "the local area’s practice. The local authority and the area’s clinical commissioning group "
                      "are jointly responsible for submitting the written statement to Ofsted.")
    doc.add_paragraph("The local area is required to produce and submit a Written Statement of Action to Ofsted "
                      "that explains how the local area will tackle the following areas of significant weakness:")
    for text in LETTER_AREAS:
        doc.add_paragraph(text, style="List Bullet")
    doc.add_paragraph("The written statement must be sent to Ofsted within 70 working days of this letter.")
    doc.add_heading("Main findings", level=2)
    _filler(doc, 8, "findings")
    doc.add_paragraph("Yours sincerely")
    doc.save(str(path))
    return path

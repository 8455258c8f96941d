"""Report text as officers paste it: copied from a PDF viewer (or pdftotext) with no blank lines between
paragraphs, bullets on lines of their own, headings wrapped over two lines, or never wrapped at all.

All names and sentences are invented for the tests (Harrowgate Fen, Kestrel Moor).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sendplan.exporters.report import ReportFileError, read_report_text

AREAS = [
    "Leaders in Harrowgate Fen should act quickly to shorten the time that children and young people wait for "
    "speech and language therapy, particularly those in the early years and in alternative provision.",
    "The partnership should improve the quality and timeliness of annual reviews of education, health and care "
    "plans, so that plans describe what children and young people can do now.",
    "Health commissioners and the local authority should jointly develop a clear pathway for young people moving "
    "from children’s to adults’ health services.",
]
LIKE = ("Many children and young people with SEND in Harrowgate Fen enjoy school and take part in clubs and "
        "activities in their communities.")
LETTER_AREAS = [
    "Leaders’ weak oversight of the quality of education, health and care plans, many of which are generic.",
    "The inconsistent identification of needs in early years settings and in schools.",
    "The lack of co-production with parents and carers.",
]


def _wrap(text: str) -> str:
    return textwrap.fill(text, 76)


def _packed_report() -> str:
    """The 2023 form as pdftotext prints it without -layout: no blank line between paragraphs, a heading
    wrapped over two lines, a page break (page number, form feed, running header) inside an area, and the
    partnership details' cells one under the other."""
    second = _wrap(AREAS[1]).split("\n")
    return "\n".join([
        "Area SEND inspection of Harrowgate Fen Local Area Partnership",
        "Inspection dates: 14 to 18 October 2024",
        "Date of previous inspection: 2 to 6 December 2019",
        "Inspection outcome",
        _wrap("The local area partnership’s arrangements lead to inconsistent experiences and outcomes."),
        "What is it like to be a child or young person with SEND in",
        "this area?",
        _wrap(LIKE),
        "Areas for improvement",
        _wrap(AREAS[0]),
        "\n".join(second[:1]),
        "",
        "Page 3 of 4",
        "",
        "\fArea SEND inspection: Harrowgate Fen Local Area Partnership",
        "\n".join(second[1:]),
        _wrap(AREAS[2]),
        "",
        "Local area partnership details",
        "Local authority", "", "Integrated care board", "", "Harrowgate Fen District Council", "",
        "NHS Fenland and Marsh Integrated", "Care Board", "", "Dr Aisha Okonjo", "", "Graham Pettifer", "",
        "Page 4 of 4", "", "\fArea SEND inspection: Harrowgate Fen Local Area Partnership", "",
    ])


def test_packed_text_split_where_lines_stop_short() -> None:
    text = _packed_report()
    assert "\n\n" not in text.split("Areas for improvement")[1].split("Page 3")[0].strip()  # really packed
    draft = read_report_text(text)
    assert [area.text for area in draft.areas] == AREAS
    assert draft.partnership == "Harrowgate Fen Local Area Partnership"
    assert draft.inspection_dates == "14 to 18 October 2024" and draft.previous_inspection == "2 to 6 December 2019"
    assert draft.outcome == "The local area partnership’s arrangements lead to inconsistent experiences and outcomes."
    assert [(s.title, s.text) for s in draft.sections] == [
        ("What is it like to be a child or young person with SEND in this area?", LIKE)]
    # cells one under the other cannot be told apart: no wrong partner, a note to type them in instead
    assert draft.partners == [] and draft.signatories == []
    assert any("partners" in note for note in draft.notes)


def test_letter_with_lone_bullets_and_address_lines() -> None:
    """pdftotext puts each bullet glyph on a line of its own before the items; the address has no blank lines."""
    text = "\n".join([
        "Joint local area SEND inspection in Kestrel Moor",
        "Mr Daniel Ashworth",
        "Director of Children’s Services, Kestrel Moor Metropolitan Borough Council",
        "Dear Mr Ashworth",
        "",
        "Joint local area SEND inspection in Kestrel Moor",
        _wrap("Between 5 March 2018 and 9 March 2018, Ofsted and the Care Quality Commission (CQC) conducted a "
              "joint inspection of the local area of Kestrel Moor."),
        _wrap("The local area is required to produce and submit a Written Statement of Action to Ofsted that "
              "explains how the local area will tackle the following areas of significant weakness:"),
        "\uf0b7", "", "\uf0b7", "", "\uf0b7", "",
        "\n".join(_wrap(area) for area in LETTER_AREAS),
        "",
        "The letter outlines our findings from the inspection.",
    ])
    draft = read_report_text(text)
    assert draft.form == "letter"
    assert [area.text for area in draft.areas] == LETTER_AREAS
    assert draft.partnership == "Kestrel Moor"
    assert draft.inspection_dates == "5 March 2018 to 9 March 2018"
    assert draft.signatories == [("Mr Daniel Ashworth", "Director of Children’s Services",
                                  "Kestrel Moor Metropolitan Borough Council")]


def test_text_never_wrapped_has_a_paragraph_a_line() -> None:
    text = "\n".join(["Area SEND inspection of Harrowgate Fen Local Area Partnership", "Areas for improvement",
                      *AREAS, "Local area partnership details"])
    assert [area.text for area in read_report_text(text).areas] == AREAS


def test_text_with_blank_lines_keeps_sentence_ends_inside_paragraphs() -> None:
    """Blank lines between paragraphs: a line ending a sentence short of the width does not end a paragraph."""
    area = ("Leaders should publish waiting times. They should check them monthly and tell families what the "
            "waits mean for them.")
    text = ("Area SEND inspection of Harrowgate Fen Local Area Partnership\n\nAreas for improvement\n\n"
            "Leaders should publish waiting times.\nThey should check them monthly and tell families what the "
            f"waits mean for them.\n\n{_wrap(AREAS[0])}\n")
    assert [a.text for a in read_report_text(text).areas] == [area, AREAS[0]]


def test_bullets_with_no_text_are_not_areas() -> None:
    text = ("Joint local area SEND inspection in Kestrel Moor\n\nThe local area will tackle the following areas of "
            "significant weakness:\n\n\uf0b7\n\n\uf0b7\n")
    with pytest.raises(ReportFileError, match="no areas"):
        read_report_text(text)


def test_word_report_soft_and_non_breaking_hyphens(tmp_path: Path) -> None:
    """A soft hyphen typed into a Word report goes (it is invisible); Word's non-breaking hyphen is a hyphen."""
    from docx import Document
    from docx.oxml import OxmlElement
    from sendplan.exporters.report import read_report

    doc = Document()
    doc.add_paragraph("Area SEND inspection of Harrowgate Fen Local Area Partnership")
    doc.add_heading("Areas for improvement", level=2)
    para = doc.add_paragraph("Leaders should improve co")
    para.add_run()._r.append(OxmlElement("w:noBreakHyphen"))
    para.add_run("production and the over\u00adsight of plans.")
    doc.save(str(tmp_path / "report.docx"))
    draft = read_report(tmp_path / "report.docx")
    assert [area.text for area in draft.areas] == ["Leaders should improve co-production and the oversight of plans."]


def test_letter_title_line_followed_straight_by_the_dates() -> None:
    """pdftotext -layout: blank lines between paragraphs, but the letter's title runs straight into its text."""
    text = "\n".join([
        "Mr Daniel Ashworth", "", "Director of Children’s Services, Kestrel Moor Metropolitan Borough Council", "",
        "Dear Mr Ashworth", "", "",
        "Joint local area SEND inspection in Kestrel Moor",
        "Between 5 March 2018 and 9 March 2018, Ofsted and the Care Quality",
        "Commission (CQC) conducted a joint inspection of the local area of Kestrel Moor.", "",
        "The local area will tackle the following areas of significant weakness:", "",
        *(f"\uf0b7 {area}" for area in LETTER_AREAS), "",
        "Yours sincerely",
    ])
    draft = read_report_text(text)
    assert [area.text for area in draft.areas] == LETTER_AREAS
    assert (draft.partnership, draft.inspection_dates) == ("Kestrel Moor", "5 March 2018 to 9 March 2018")


def test_a_sentence_under_the_partnership_details_is_not_a_partner() -> None:
    text = ("Area SEND inspection of Harrowgate Fen Local Area Partnership\n\nAreas for improvement\n\n"
            f"{_wrap(AREAS[0])}\n\nLocal area partnership details\n\nSee the council's website.\n")
    draft = read_report_text(text)
    assert draft.partners == [] and any("partners" in note for note in draft.notes)

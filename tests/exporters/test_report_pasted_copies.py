"""A report pasted as text, in each form a copy of the PDF takes: plain pdftotext (a table's columns one after
the other, no blank lines inside a block), ``pdftotext -layout`` (columns kept apart by spaces), and a PDF
viewer's copy (``pdftotext -raw``: content order, no blank lines, no page breaks). Each carries a title over
several lines, running headers and footers through the text, the two-column table of areas for priority
action and the partnership details. Where text cannot carry a fact, the draft says so and guesses nothing.

The names and sentences are invented (Kestrel Vale); the last tests print a report with LibreOffice and copy
it with pdftotext, skipped where those are not installed (except in CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from sendplan.exporters.report import read_report_text

PARTNERSHIP = "Kestrel Vale Local Area Partnership"
COUNCIL = "Kestrel Vale Metropolitan Borough Council"
ICB = "NHS Kestrel and Marsh Integrated Care Board"
BOTH = f"{COUNCIL} and {ICB}"
A1 = ("Leaders across the partnership should agree a shared strategy for children and young people with SEND "
      "and check each term that it is making a difference.")
A2_HEAD = "Leaders across the partnership should cut the waits for:"
A2_ITEMS = ["autism assessments", "speech and language therapy."]
A3 = "Health leaders must make sure that children waiting for therapy get help while they wait."
I1 = ("Leaders should improve the quality of education, health and care plans so that they describe what "
      "children can do now.")
I2 = "The local area partnership should improve the local offer, so that families find help without asking."
FOOTER = ["Inspection report: Kestrel Vale Local Area Partnership", "3 to 7 February 2025"]


def _norm(text: str) -> str:
    return " ".join(text.replace("• ", "").split())


def _front(title: list[str]) -> list[str]:
    return [*title, "Inspection dates: 3 to 7 February 2025", "Dates of previous inspection: 1 to 5 May 2018", "",
            "Inspection outcome", "There are widespread and/or systemic failings leading to significant concerns.",
            ""]


def layout_copy() -> str:
    """As ``pdftotext -layout`` gives it: the table's columns side by side, shifting a little on the next
    page, one row split by the page break (its first cell empty overleaf), the header row repeated there."""
    edge = " " * 36
    return "\n".join([
        *_front(["Area SEND inspection of Kestrel Vale Local", "Area Partnership"]),
        "Areas for priority action", "",
        " Responsible body                   Areas for priority action",
        " Kestrel Vale Metropolitan          Leaders across the partnership should agree a shared",
        " Borough Council and NHS            strategy for children and young people with SEND and",
        " Kestrel and Marsh Integrated       check each term that it is making a difference.",
        " Care Board",
        " NHS Kestrel and Marsh              Leaders across the partnership should cut the waits",
        " Integrated Care Board              for:",
        f"{edge}    •   autism assessments",
        "", "", f"{FOOTER[0]}", f"{FOOTER[1]}                                                    4",
        "\f Responsible body                   Areas for priority action",
        f"{edge}    •   speech and language therapy.",
        " Kestrel Vale Metropolitan   Health leaders must make sure that children waiting for",
        " Borough Council             therapy get help while they wait.",
        "", "Areas for improvement", "",
        "Leaders should improve the quality of education, health and care plans so that they",
        "describe what children can do now.",
        "The local area partnership should improve the local offer, so that families find help",
        "without asking.",
        "", "Local area partnership details", "",
        "Local authority                                  Integrated care board",
        "Kestrel Vale Metropolitan Borough                NHS Kestrel and Marsh Integrated Care",
        "Council                                          Board",
        "Amira Haddad, Director of Children’s             Owen Pritchard (OBE)",
        "Services",
        "www.kestrelvale.gov.uk                           www.kestrelmarsh.icb.nhs.uk",
        "", "", FOOTER[0], f"{FOOTER[1]}                                                    5", "",
    ])


def plain_copy(bodies: tuple[str, str, str] = (BOTH, ICB, "Kestrel Vale Metropolitan Borough Council")) -> str:
    """As plain ``pdftotext`` gives it: the table's bodies in a column of their own before the areas, no
    blank lines between paragraphs, the partnership details one column after the other."""
    def cell(name: str) -> list[str]:
        words = name.split()
        return [" ".join(words[:3]), " ".join(words[3:6]), " ".join(words[6:])] if len(words) > 6 else [
            " ".join(words[:3]), " ".join(words[3:])]

    return "\n".join([
        *_front(["Area SEND inspection of", "Kestrel Vale Local Area", "Partnership"]),
        "Areas for priority action", "Responsible body",
        *cell(bodies[0]), "", *cell(bodies[1]), "", *cell(bodies[2]), "",
        "Areas for priority action",
        "Leaders across the partnership should agree a shared", "strategy for children and young people with SEND and",
        "check each term that it is making a difference.",
        "Leaders across the partnership should cut the waits", "for:", "• autism assessments",
        "• speech and language therapy.",
        "Health leaders must make sure that children waiting for", "therapy get help while they wait.", "",
        "", FOOTER[0], FOOTER[1], "", "4", "\fAreas for improvement",
        "Leaders should improve the quality of education, health and care plans so that they",
        "describe what children can do now.",
        "The local area partnership should improve the local offer, so that families find help",
        "without asking.", "",
        "Local area partnership details", "Local authority", "Kestrel Vale Metropolitan Borough Council",
        "Amira Haddad, Director of Children’s", "Services", "www.kestrelvale.gov.uk", "1 Market Street",
        "Kestrel Vale", "KV1 1AA", "", "Integrated care board", "NHS Kestrel and Marsh Integrated Care",
        "Board", "Owen Pritchard, Chief Executive", "www.kestrelmarsh.icb.nhs.uk", "",
        FOOTER[0], FOOTER[1], "", "5", "",
    ])


def _narrative(heading: str, lines: int) -> list[str]:
    return [heading, *(f"Line {n} of what the inspectors found, wrapped as the report wraps its body text."
                       for n in range(lines)), "The end of the section."]


def viewer_copy() -> str:
    """As a PDF viewer copies it (``pdftotext -raw`` without page breaks): each row's body, then its area;
    a short row on one line; the running footer (with the page number) a page apart, in the middle of a
    list and of a sentence."""
    return "\n".join([
        *_front(["Area SEND inspection of Kestrel Vale Local", "Area Partnership"]),
        *_narrative("Information about the local area partnership", 14), FOOTER[0], f"{FOOTER[1]} 2",
        *_narrative("What is it like to be a child or young person with SEND in this area?", 22),
        "Areas for priority action", "Responsible body Areas for priority action",
        "Kestrel Vale Metropolitan", "Borough Council and NHS", "Kestrel and Marsh Integrated", "Care Board",
        "Leaders across the partnership should agree a shared", "strategy for children and young people with SEND and",
        "check each term that it is making a difference.",
        "NHS Kestrel and Marsh", "Integrated Care Board",
        "Leaders across the partnership should cut the waits", "for:", "• autism assessments",
        FOOTER[0], f"{FOOTER[1]} 3",
        "Responsible body Areas for priority action",
        "• speech and language therapy.",
        "Kestrel Vale Metropolitan Borough Council Health leaders must make sure that",
        "children waiting for therapy get help while they wait.",
        *_narrative("What is the area partnership doing that is effective?", 14),
        "Areas for improvement",
        "Leaders should improve the quality of education, health and care plans so that they",
        "describe what children can do now.", FOOTER[0], f"{FOOTER[1]} 4",
        "The local area partnership should improve the local offer, so that families find help",
        "without asking.",
        "Local area partnership details", "Local authority Integrated care board",
        "Kestrel Vale Metropolitan Borough Council NHS Kestrel and Marsh Integrated Care Board",
        FOOTER[0], f"{FOOTER[1]} 5", "",
    ])


def _areas(text: str) -> list[tuple[str, str, str]]:
    return [(area.kind, area.body, _norm(area.text)) for area in read_report_text(text).areas]


EXPECTED = [("priority", BOTH, _norm(A1)), ("priority", ICB, _norm(f"{A2_HEAD} {' '.join(A2_ITEMS)}")),
            ("priority", COUNCIL, _norm(A3)), ("improvement", "", _norm(I1)), ("improvement", "", _norm(I2))]


def test_layout_copy_reads_the_table_cell_by_cell() -> None:
    draft = read_report_text(layout_copy())
    assert draft.partnership == PARTNERSHIP
    assert (draft.inspection_dates, draft.previous_inspection) == ("3 to 7 February 2025", "1 to 5 May 2018")
    assert _areas(layout_copy()) == EXPECTED
    assert draft.areas[1].text.count("• ") == 2  # the row the page break split keeps its list
    assert draft.partners == [COUNCIL, ICB]
    assert draft.signatories == [("Amira Haddad", "Director of Children’s Services", COUNCIL),
                                 ("Owen Pritchard (OBE)", "", ICB)]
    assert not any("Inspection report" in area.text or "February" in area.text for area in draft.areas)
    assert not any("responsible bod" in note.lower() for note in draft.notes)


def test_plain_copy_keeps_bodies_out_of_the_areas_and_says_it_cannot_match_them() -> None:
    draft = read_report_text(plain_copy())
    assert draft.partnership == PARTNERSHIP  # the title over three lines
    assert [(kind, text) for kind, _, text in _areas(plain_copy())] == [(k, t) for k, _, t in EXPECTED]
    assert [area.body for area in draft.areas] == [""] * 5  # three different bodies, column by column: unknown
    note = next(note for note in draft.notes if note.startswith("The pasted text does not keep"))
    assert f"the table names {BOTH}; {ICB}; {COUNCIL}" in note
    assert draft.partners == [COUNCIL, ICB]  # the details one column after the other
    assert draft.signatories == [("Amira Haddad", "Director of Children’s Services", COUNCIL),
                                 ("Owen Pritchard", "Chief Executive", ICB)]


def test_plain_copy_gives_every_area_the_one_body_the_table_names() -> None:
    """When every body in the column is the same one, once for each area, each area is addressed to it."""
    draft = read_report_text(plain_copy((BOTH, BOTH, BOTH)))
    assert [area.body for area in draft.areas[:3]] == [BOTH] * 3
    assert not any("responsible bod" in note.lower() for note in draft.notes)


def test_viewer_copy_matches_each_body_to_the_area_after_it() -> None:
    draft = read_report_text(viewer_copy())
    assert draft.partnership == PARTNERSHIP
    assert _areas(viewer_copy()) == EXPECTED  # the footer inside the list and inside I1 is gone
    assert draft.partners == [] and draft.signatories == []  # both columns on one line: not guessed
    assert any("partners" in note for note in draft.notes)


def test_running_footers_without_page_breaks_go_but_a_repeated_body_stays() -> None:
    """A viewer's copy has no form feeds: the footer is told by recurring a page apart; the bodies that
    recur row after row are names, not footers."""
    def filler(part: str) -> list[str]:
        return [f"Paragraph {n} of {part} says something about the local area that the inspectors found."
                for n in range(25)]

    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "Inspection outcome",
                      *filler("the outcome"), *FOOTER[:1], "3 to 7 February 2025 2", *filler("the findings"),
                      *FOOTER[:1], "3 to 7 February 2025 3", "Areas for priority action",
                      "Responsible body Areas for priority action",
                      *[line for _ in range(3) for line in ("NHS Kestrel and Marsh", "Integrated Care Board", A3)],
                      "Areas for improvement", I1, "Information about this inspection", *filler("the inspection"),
                      *FOOTER[:1], "3 to 7 February 2025 4"])
    draft = read_report_text(text)
    assert [(area.body, area.text) for area in draft.areas][:4] == [(ICB, A3)] * 3 + [("", I1)]
    assert not any("Inspection report" in area.text for area in draft.areas)


def test_areas_in_a_narrow_column_are_not_split_at_its_line_ends() -> None:
    """A sentence that ends at the end of a narrow column's line, with no room there for the next word,
    does not end the area (the column, not the page, sets the width); "This includes…" belongs to the
    area before; a line that stops well short ends it."""
    text = "\n".join([
        "Area SEND inspection of Kestrel Vale Local Area Partnership", "Areas for priority action",
        "Responsible body", "Kestrel Vale Metropolitan", "Borough Council", "", "Kestrel Vale Metropolitan",
        "Borough Council", "", "Areas for priority action",
        "Leaders should publish a plan for short breaks for",
        "disabled children and tell families about it early.",
        "Parents should be asked what they need before the",
        "plan is written.",
        "This includes the costs of each break and who pays",
        "for the transport to and from the break.",
        "Leaders should review the home-to-school transport",
        "policy with families and publish the result by June.", "",
        "Areas for improvement",
        "Leaders across the partnership should make sure that annual reviews lead to updated plans on time.",
    ])
    draft = read_report_text(text)
    assert [area.body for area in draft.areas] == [COUNCIL] * 2 + [""]  # the one body, once for each area
    assert [area.text for area in draft.areas] == [
        "Leaders should publish a plan for short breaks for disabled children and tell families about it early. "
        "Parents should be asked what they need before the plan is written.\nThis includes the costs of each "
        "break and who pays for the transport to and from the break.",
        "Leaders should review the home-to-school transport policy with families and publish the result by June.",
        "Leaders across the partnership should make sure that annual reviews lead to updated plans on time."]


def test_an_area_that_may_be_two_is_pointed_out() -> None:
    """A sentence ending at a full line, then a line starting as areas do: text cannot tell whether a new
    area began, so the draft says where to look."""
    lines = ["Leaders should make sure that the plans for children are written with their families and",
             "that every plan is reviewed on time by the partnership’s own panel of senior officers.",
             "Leaders across the partnership should improve the local offer so that families can find",
             "help."]
    assert len(lines[1]) + 1 + len("Leaders") > max(len(line) for line in lines)  # the next word would not fit
    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "", "Areas for improvement", "",
                      *lines, ""])
    draft = read_report_text(text)
    assert len(draft.areas) == 1
    assert any(note.startswith("Area 1 may be two areas: after “…panel of senior officers.” a line begins "
                               "“Leaders across the partnership should improve") for note in draft.notes)


def test_dates_given_after_their_label_and_a_hyphen_a_copy_dropped() -> None:
    text = "\n".join(["Area SEND inspection of Stoke-onTrent Local Area", "Partnership", "Inspection dates:", "",
                      "3 to 7 February 2025", "", "Date of previous inspection:", "", "1 to 5 May 2018", "",
                      "Areas for improvement", "Leaders in Stoke-on-Trent should publish waiting times.", "",
                      "Inspection report: Stoke-on-Trent Local Area Partnership"])
    draft = read_report_text(text)
    assert draft.partnership == "Stoke-on-Trent Local Area Partnership"
    assert (draft.inspection_dates, draft.previous_inspection) == ("3 to 7 February 2025", "1 to 5 May 2018")


def test_details_given_row_by_row_name_the_partners_but_not_their_leaders() -> None:
    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "Areas for improvement", I1, "",
                      "Local area partnership details", "Local authority", COUNCIL, "", "Integrated care board",
                      ICB, "", "Amira Haddad, Director of Children’s Services", "",
                      "Owen Pritchard, Chief Executive", "", "www.kestrelvale.gov.uk", ""])
    draft = read_report_text(text)
    assert draft.partners == [COUNCIL, ICB] and draft.signatories == []
    assert any(note.startswith("The leaders could not be matched to the partners") for note in draft.notes)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_tools = pytest.mark.skipif((SOFFICE is None or PDFTOTEXT is None) and os.environ.get("CI") != "true",
                                 reason="LibreOffice or pdftotext is not installed")


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The table report (report_layouts) printed to PDF by LibreOffice, then copied by pdftotext three ways."""
    from report_layouts import write_table_report_docx

    assert SOFFICE and PDFTOTEXT, "CI must have LibreOffice and poppler-utils"
    folder = tmp_path_factory.mktemp("copies")
    source = write_table_report_docx(folder / "report.docx", typed_bullets=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    found = {}
    for name, option in (("plain", []), ("layout", ["-layout"]), ("raw", ["-raw"])):
        found[name] = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", *option, str(folder / "report.pdf"), "-"],
                                     check=True, capture_output=True, timeout=60).stdout.decode("utf-8")
    found["viewer"] = found["raw"].replace("\f", "")
    return found


@needs_tools
@pytest.mark.timeout(600)
@pytest.mark.parametrize("copy", ["plain", "layout", "raw", "viewer"])
def test_pdftotext_copies_of_a_printed_report(copies: dict[str, str], copy: str) -> None:
    from report_layouts import BOTH as TABLE_BOTH
    from report_layouts import COUNCIL as TABLE_COUNCIL
    from report_layouts import ICB as TABLE_ICB
    from report_layouts import IMPROVEMENT, LEADERS, P1, P2, P3
    from report_layouts import PARTNERSHIP as TABLE_PARTNERSHIP

    draft = read_report_text(copies[copy])
    assert draft.partnership == TABLE_PARTNERSHIP  # the title over three lines, the running header gone
    priority = [(area.body, _norm(area.text)) for area in draft.areas if area.kind == "priority"]
    assert priority == [(TABLE_BOTH, _norm(" ".join(P1))), (TABLE_ICB, _norm(P2)), (TABLE_COUNCIL, _norm(P3))]
    assert draft.areas[0].text.count("• ") == 3
    improvement = [_norm(area.text) for area in draft.areas if area.kind == "improvement"]
    if copy == "plain":  # the first area's hand-made line breaks leave no way to see where it ends
        assert improvement == [_norm(f"{IMPROVEMENT[0]} {IMPROVEMENT[1]}").replace("neuro-dev", "neurodev"),
                               IMPROVEMENT[2]]
        assert any(note.startswith("Area 4 may be two areas") for note in draft.notes)
    else:
        assert improvement == IMPROVEMENT
    if copy == "layout":
        assert draft.signatories == [(name, role, organisation) for organisation, name, role in LEADERS]
    else:  # the details table's cells came row by row, or both on one line
        assert draft.signatories == [] and any("partners" in note for note in draft.notes)


def test_a_row_on_one_line_whose_area_begins_with_the_body_s_name() -> None:
    """A viewer's copy may run a short row into one line, the area starting with the body's own name."""
    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "Areas for priority action",
                      "Responsible body Areas for priority action", "NHS Kestrel and Marsh", "Integrated Care Board",
                      A3, "Kestrel Vale Metropolitan Borough Council Kestrel Vale Metropolitan Borough Council",
                      "leaders should publish the short breaks offer.", "Areas for improvement", I1])
    draft = read_report_text(text)
    assert [(area.body, area.text) for area in draft.areas] == [
        (ICB, A3), (COUNCIL, f"{COUNCIL} leaders should publish the short breaks offer."), ("", I1)]


def test_bullets_on_lines_of_their_own_mark_only_their_items() -> None:
    """pdftotext may print a list's bullets apart from its items, some in a column, some one before each:
    a bullet left over from before an item marks nothing after the list."""
    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "Areas for improvement",
                      "Leaders should improve how plans are written. This should focus on:", "▪", "", "▪", "",
                      "the outcomes in each plan", "", "the time a plan takes", "", "▪", "",
                      "the help while families wait.", "", I1, ""])
    draft = read_report_text(text)
    assert [area.text for area in draft.areas] == [
        "Leaders should improve how plans are written. This should focus on:\n• the outcomes in each plan\n"
        "• the time a plan takes\n• the help while families wait.", I1]


def test_more_areas_than_the_table_has_rows_is_pointed_out() -> None:
    """Bodies in a column of their own count the table's rows: a row whose cell holds two paragraphs reads as
    two areas, and the draft says to check where each area ends."""
    text = "\n".join(["Area SEND inspection of Kestrel Vale Local Area Partnership", "Areas for priority action",
                      "Responsible body", f"{COUNCIL} and NHS", "Kestrel and Marsh Integrated Care Board", "", ICB,
                      "", "Areas for priority action",
                      A1, "", "Leaders should publish the strategy.", "", A3, "", "Areas for improvement", I1])
    draft = read_report_text(text)
    assert [area.text for area in draft.areas] == [A1, "Leaders should publish the strategy.", A3, I1]
    assert any(note.startswith("The table names a body for 2 rows, but 3 areas for priority action were read")
               for note in draft.notes)
    assert [area.body for area in draft.areas] == ["", "", "", ""]

"""A new plan from the inspection report: both report forms, as PDF (printed by LibreOffice), Word and text.

The PDF tests are skipped where LibreOffice is not installed, except in CI (CI=true), where they run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from report_fixtures import (
    AREAS,
    BETTER,
    DATES,
    LEADERS,
    LETTER_AREAS,
    OUTCOME,
    PARTNERSHIP,
    PREVIOUS,
    write_letter_docx,
    write_report_docx,
)
from sendplan.exporters.report import (
    ReportDraft,
    ReportFileError,
    draft_to_plan,
    read_report,
    read_report_text,
)
from sendplan.exporters.report import pdf as report_pdf
from sendplan.exporters.report.text import Hyphenation, join_lines

from sendplan.cli import main
from sendplan.storage import load_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true",
                                   reason="LibreOffice is not installed")


SHORT_REPORT = """Area SEND inspection of Ashcombe Local Area Partnership

Inspection dates: 3 to 7 March 2025

Areas for improvement

Leaders across the partnership should make sure that education, health and care plans are finished within \
the statutory 20 weeks and are of consistently good quality.

Leaders should improve how the partnership listens to children and young people with SEND and their \
families, and show how their views shape services.
"""
ONE_LINE_REPORT = """Area SEND inspection of Ashcombe Local Area Partnership

Areas for improvement

Leaders should make sure that plans are finished on time.

Leaders should listen to children and young people and their families.
"""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both fictional reports and a document that is not a report, printed to PDF in one LibreOffice run."""
    assert SOFFICE, "CI must have LibreOffice"
    from docx import Document

    folder = tmp_path_factory.mktemp("reports")
    other = Document()
    other.add_paragraph("Minutes of the Northbridge allotment society, spring meeting.")
    other.save(str(folder / "minutes.docx"))
    (folder / "short.txt").write_text(SHORT_REPORT, encoding="utf-8")
    (folder / "oneline.txt").write_text(ONE_LINE_REPORT, encoding="utf-8")
    sources = [write_report_docx(folder / "report.docx"), write_letter_docx(folder / "letter.docx"),
               folder / "minutes.docx", folder / "short.txt", folder / "oneline.txt"]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True, timeout=300)
    return {path.stem: folder / f"{path.stem}.pdf" for path in sources}


def _check_report(draft: ReportDraft) -> None:
    assert draft.form == "report"
    assert [area.text for area in draft.areas] == AREAS
    assert draft.partnership == PARTNERSHIP
    assert draft.inspection_dates == DATES
    assert draft.previous_inspection == PREVIOUS
    assert draft.outcome.split("\n")[0] == OUTCOME
    assert draft.partners == [organisation for organisation, _, _ in LEADERS]
    assert draft.signatories == [(name, role, organisation) for organisation, name, role in LEADERS]
    titles = [section.title for section in draft.sections]
    assert "What is it like to be a child or young person with SEND in this area?" in titles
    assert "What is the area partnership doing that is effective?" in titles
    better = next(s for s in draft.sections if s.title == "What does the area partnership need to do better?")
    assert better.text.split("\n")[:2] == BETTER
    assert not any(section.include for section in draft.sections)
    assert draft.notes == []


def _check_letter(draft: ReportDraft) -> None:
    assert draft.form == "letter"
    assert [area.text for area in draft.areas] == LETTER_AREAS
    assert draft.partnership == "Eastvale"
    assert draft.inspection_dates == "9 October 2017 to 13 October 2017"
    assert "Written Statement of Action is required" in draft.outcome
    assert draft.signatories == [("Ms Helen Armitage", "Director of Children’s Services", "Eastvale Borough Council")]
    assert [s.title for s in draft.sections] == ["Main findings"]


@needs_soffice
@pytest.mark.timeout(600)
def test_a_short_report_whose_paragraph_gaps_outnumber_its_line_gaps(pdfs: dict[str, Path]) -> None:
    wanted = [" ".join(p.split()) for p in SHORT_REPORT.split("\n\n")[3:]]
    assert [area.text for area in read_report(pdfs["short"]).areas] == wanted


@needs_soffice
@pytest.mark.timeout(600)
def test_a_report_of_one_line_paragraphs(pdfs: dict[str, Path]) -> None:
    """Every gap is a blank line: none is as close as single spacing, so each is a paragraph break."""
    wanted = [p.strip() for p in ONE_LINE_REPORT.split("\n\n")[2:]]
    assert [area.text for area in read_report(pdfs["oneline"]).areas] == wanted


@needs_soffice
@pytest.mark.timeout(600)
def test_report_pdf_areas_word_for_word_and_front_matter(pdfs: dict[str, Path]) -> None:
    draft = read_report(pdfs["report"])
    _check_report(draft)
    everything = "\n".join([draft.outcome, *(s.text for s in draft.sections), *(a.text for a in draft.areas)])
    assert "Area SEND inspection report:" not in everything  # the running header is gone
    assert not any(line.strip().isdigit() for line in everything.split("\n"))  # so are page numbers


@needs_soffice
@pytest.mark.timeout(600)
def test_letter_pdf_bullets_become_areas(pdfs: dict[str, Path]) -> None:
    _check_letter(read_report(pdfs["letter"]))


@needs_soffice
@pytest.mark.timeout(600)
def test_pdf_that_is_not_a_report_says_what_was_looked_for(pdfs: dict[str, Path]) -> None:
    with pytest.raises(ReportFileError) as caught:
        read_report(pdfs["minutes"])
    assert "Areas for improvement" in str(caught.value)
    assert "areas of significant weakness" in str(caught.value)


@needs_soffice
@pytest.mark.timeout(600)
def test_cli_new_from_report_pdf(pdfs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.sendplan"
    assert main(["new", str(target), "--from-report", str(pdfs["report"]), "--with-sections"]) == 0
    plan = load_plan(target).plan
    assert [area.wording for area in plan.areas] == AREAS
    assert plan.local_area == PARTNERSHIP
    assert [s.name for s in plan.signatories] == ["Priya Kaur", "Thomas Whitfield"]
    assert plan.sections[0].title == "Inspection outcome" and OUTCOME in plan.sections[0].body
    assert len(plan.sections) == 5
    assert "3 areas" in capsys.readouterr().out


@needs_soffice
@pytest.mark.timeout(600)
def test_page_and_size_caps(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_pdf, "MAX_PAGES", 1)
    with pytest.raises(ReportFileError, match="pages"):
        read_report(pdfs["report"])
    monkeypatch.setattr(report_pdf, "MAX_PAGES", 200)
    monkeypatch.setattr(report_pdf, "MAX_CHARACTERS", 1000)
    with pytest.raises(ReportFileError, match="far more text"):
        read_report(pdfs["report"])
    monkeypatch.setattr(report_pdf, "MAX_BYTES", 1000)
    with pytest.raises(ReportFileError, match="MB"):
        read_report(pdfs["report"])


def test_word_reports(tmp_path: Path) -> None:
    _check_report(read_report(write_report_docx(tmp_path / "report.docx")))
    _check_letter(read_report(write_letter_docx(tmp_path / "letter.docx")))


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 70))


PASTED = f"""Area SEND inspection of {PARTNERSHIP}
Inspection dates: {DATES}
Date of previous inspection: {PREVIOUS}

Inspection outcome
{_wrap(OUTCOME)}

Area SEND inspection report: {PARTNERSHIP}, {DATES}
4

What does the area partnership need to do better?
• {BETTER[0]}
• {BETTER[1]}
Areas for improvement
{_wrap(AREAS[0])}

Area SEND inspection report: {PARTNERSHIP}, {DATES}
5

{AREAS[1]}

{_wrap(AREAS[2])}
Local area partnership details
Local authority    Integrated care board
"""


def test_pasted_text() -> None:
    draft = read_report_text(PASTED)
    assert [area.text for area in draft.areas] == AREAS
    assert draft.outcome == OUTCOME
    assert draft.sections[0].text.split("\n") == BETTER
    assert draft.partnership == PARTNERSHIP and draft.previous_inspection == PREVIOUS
    assert any("partners" in note for note in draft.notes)
    plan = draft_to_plan(draft)
    assert [a.wording for a in plan.areas] == AREAS
    assert plan.sections[0].body.startswith(f"Inspection dates: {DATES}\nDate of previous inspection: {PREVIOUS}")


def test_headings_in_other_forms() -> None:
    draft = read_report_text(f"Area SEND inspection of {PARTNERSHIP}\nInspection dates: {DATES}\n\n"
                             f"AREA FOR IMPROVEMENT:\n{AREAS[0]}\n")
    assert [area.text for area in draft.areas] == AREAS[:1]


def test_hyphenation_at_line_ends() -> None:
    assert join_lines(["children with commun\u00ad", "ication needs"]) == "children with communication needs"
    assert join_lines(["strategic decision-", "making"]) == "strategic decision-making"
    assert join_lines(["the reme-", "dy was"], lambda head, tail: False) == "the remedy was"
    assert join_lines(["ends here –", "and goes on"]) == "ends here – and goes on"
    assert join_lines(["Area SEND inspection of Stoke-on-", "Trent"]) == "Area SEND inspection of Stoke-on-Trent"


def test_hyphenation_decided_from_the_documents_own_evidence() -> None:
    hyphenating = Hyphenation([["children and their chil-", "dren’s families use ser-", "vices that serve children",
                                "in the services the neuro-developmental team runs, a neuro-", "developmental view"]])
    assert hyphenating.automatic  # ordinary words split at line ends, used whole elsewhere
    assert join_lines(["their chil-", "dren"], hyphenating.keep) == "their children"
    assert join_lines(["a neuro-", "developmental view"], hyphenating.keep) == "a neuro-developmental view"
    assert hyphenating.joined == ["chil-dren"]  # reported in the draft's notes
    compound = Hyphenation([["a partnership-", "wide plan and a co-", "produced one; coproduction matters"]])
    assert not compound.automatic  # only real compounds break at line ends: every hyphen stays
    assert join_lines(["a co-", "produced one"], compound.keep) == "a co-produced one"


def _blank_pdf(path: Path, *, password: str = "") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_bad_inputs_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = _blank_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReportFileError, match="has no text: it may be a scan"):
        read_report(scan)
    with pytest.raises(ReportFileError, match="password"):
        read_report(_blank_pdf(tmp_path / "locked.pdf", password="secret"))
    (tmp_path / "fake.pdf").write_text("not really a PDF", encoding="utf-8")
    with pytest.raises(ReportFileError, match="not a PDF"):
        read_report(tmp_path / "fake.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    with pytest.raises(ReportFileError):
        read_report(tmp_path / "broken.pdf")
    (tmp_path / "report.xlsx").write_bytes(b"PK")
    with pytest.raises(ReportFileError, match="not a report sendplan can read"):
        read_report(tmp_path / "report.xlsx")
    with pytest.raises(ReportFileError, match="does not look like an area SEND inspection report"):
        read_report_text("Minutes of the spring meeting.\n\nApologies were received.")
    target = tmp_path / "plan.sendplan"
    assert main(["new", str(target), "--from-report", str(scan)]) == 1
    err = capsys.readouterr().err
    assert "it may be a scan" in err and "Traceback" not in err and "Error" not in err
    assert not target.exists()


def test_cli_reads_pasted_text_from_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASTED))
    target = tmp_path / "pasted.sendplan"
    assert main(["new", str(target), "--from-report", "-", "--title", "Northbridge plan"]) == 0
    plan = load_plan(target).plan
    assert plan.title == "Northbridge plan" and [a.wording for a in plan.areas] == AREAS
    assert [a.ref for a in plan.areas] == ["1", "2", "3"]
    assert "To check: The partners and their leaders could not be read" in capsys.readouterr().out


def test_cli_empty_standard_input_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(" \n"))
    target = tmp_path / "empty.sendplan"
    assert main(["new", str(target), "--from-report", "-"]) == 1
    assert "No text came on standard input" in capsys.readouterr().err and not target.exists()


def test_the_draft_says_where_the_reading_is_unsure() -> None:
    long_area = " ".join(["Leaders should make sure that every plan is reviewed on time."] * 40)
    draft = read_report_text(f"Area SEND inspection of {PARTNERSHIP}\nInspection dates: {DATES}\n\n"
                             "Inspection outcome\nThere are widespread and/or systemic failings.\n\n"
                             "Areas for priority action\nLeaders should publish a strategy.\n\n"
                             f"Areas for improvement\n{long_area}\n")
    assert draft.outcome_level == "systemic"
    assert [(area.kind, area.body) for area in draft.areas] == [("priority", ""), ("improvement", "")]
    assert any(note.startswith("1 of the 1 areas for priority action have no responsible body") for note in draft.notes)
    assert any(note.startswith("Area 2 is long (440 words)") for note in draft.notes)
    without = read_report_text(f"Area SEND inspection of {PARTNERSHIP}\n\nInspection outcome\nThere are widespread "
                               "and/or systemic failings.\n\nAreas for improvement\nLeaders should act.\n")
    assert any("no areas for priority action were found" in note for note in without.notes)


def _few_words_pdf(path: Path, pages: int) -> Path:
    """A PDF whose every page holds one short word of real text (a picture book, say), written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for number in range(pages):
        stream = f"BT /F1 12 Tf 72 720 Td (P{number}) Tj ET".encode()
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>"
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def test_a_pdf_with_a_little_text_is_not_called_a_scan(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError) as caught:
        read_report(_few_words_pdf(tmp_path / "pictures.pdf", 30))
    message = str(caught.value)
    assert "has almost no text (" in message and "on 30 pages" in message and "no text:" not in message


def test_cli_summary_of_a_leader_with_no_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A leader named without a role (as some partnership details give one) is listed without a dangling comma."""
    import io

    import sendplan.exporters.report as report

    draft = read_report_text(SHORT_REPORT)
    draft.signatories = [("Priya Kaur", "Director of Children’s Services", "Ashcombe Council"),
                         ("Thomas Whitfield (OBE)", "", "NHS Ashcombe ICB")]
    monkeypatch.setattr(report, "read_report_text", lambda text: draft)
    monkeypatch.setattr("sys.stdin", io.StringIO(SHORT_REPORT))
    assert main(["new", str(tmp_path / "leaders.sendplan"), "--from-report", "-"]) == 0
    out = capsys.readouterr().out
    assert "  Signatories to confirm: Priya Kaur, Director of Children’s Services; Thomas Whitfield (OBE)\n" in out


def test_cli_lists_each_area_in_its_own_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The summary after ``new --from-report`` calls a priority area one, and the others areas for improvement."""
    import io

    text = (f"Area SEND inspection of {PARTNERSHIP}\n\nAreas for priority action\n"
            "Leaders should publish a strategy.\n\n"
            "Areas for improvement\nLeaders should make sure that plans are finished on time.\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["new", str(tmp_path / "terms.sendplan"), "--from-report", "-"]) == 0
    out = capsys.readouterr().out
    assert "  Area for priority action 1: Leaders should publish a strategy.\n" in out
    assert "  Area for improvement 2: Leaders should make sure that plans are finished on time.\n" in out

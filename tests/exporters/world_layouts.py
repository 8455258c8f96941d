"""Word plans in layouts councils publish that REAL_PLANS.md's families do not cover, rebuilt with python-docx.

Structure and headers follow published plans (see docs/REAL_PLANS.md for where each layout was seen); every
name and sentence is invented for a fictional local area. Each builder returns the path it wrote; the
constants beside it are what the import must find.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from word_families import _cell, _para

# -- 1. A SEND strategy delivery plan: question headers, one table per "Recommendation N" -------------------

QUESTION_TITLE = "Fernhill SEND Strategy Delivery Plan 2024–2027"
QUESTION_HEADERS = ["What we want", "What we will do", "Who", "When", "How we will know", "Where are we now?",
                    "What has happened"]
RECOMMENDATIONS = [
    ("Leaders across education, health and care should agree one shared picture of need.", [
        ["Partners share one set of SEND data", "Publish a joint SEND dashboard each term", "Head of Insight",
         "31/03/2025", "Dashboard published three terms running", "Green", "The first dashboard went to the board."],
        ["Partners share one set of SEND data", "Add health waiting times to the dashboard", "ICB Analyst",
         "Summer term 2025", "Waiting times shown by service", "Amber", "Data sharing agreement signed."]]),
    ("Families should be able to find the local offer and trust what it says.", [
        ["Families find what they need", "Rebuild the local offer website with families", "Local Offer Manager",
         "30/09/2025", "Satisfaction above 70%", "Red", "Supplier chosen; build starts in May."]]),
    ("Young people should be helped to plan for adulthood from Year 9.", [
        ["Every young person has a plan for adulthood", "Train SENCos in preparing-for-adulthood reviews",
         "Post-16 Lead", "Termly", "All Year 9 reviews include adulthood outcomes", "Amber",
         "Two of four training sessions delivered."]]),
]


def question_headers(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = ""
    _para(doc, QUESTION_TITLE)
    _para(doc, "Version 2.1 – 03/02/2025")
    _para(doc, "This plan sets out how the Fernhill partnership will answer each recommendation of the inspection.")
    for number, (wording, rows) in enumerate(RECOMMENDATIONS, start=1):
        _para(doc, f"Recommendation {number}", bold=True)
        _para(doc, wording)
        table = doc.add_table(rows=1, cols=len(QUESTION_HEADERS))
        for cell, title in zip(table.rows[0].cells, QUESTION_HEADERS, strict=True):
            _cell(cell, [title], "D9E2F3", bold=True)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                _cell(cell, [value])
    doc.save(str(path))
    return path


# -- 2. The DfE Accelerated Progress Plan: a front table, a header block before each action table -----------

APP_AREA = "Brackenmoor"
APP_HEADERS = ["Ref", "Action", "Lead", "Milestones", "Original date", "Date achieved", "RAG 6 month review",
               "RAG 12 month review", "Evidence"]
APP_AREAS = [
    ("The timeliness and quality of EHC plans remain too variable.", "Director of Education and Skills",
     "90% of new EHC plans issued within 20 weeks", [
         ["P1.1", "Recruit a permanent EHC assessment team", "Head of SEND Assessment",
          "Posts advertised\nTeam in post", ["30.06.22", "Revised: 31.10.22 (agreed with DfE)"], "14.10.22",
          "Amber", "Green", "Structure chart; caseload report"],
         ["P1.2", "Quality-assure ten plans a month with health and care", "Principal Educational Psychologist",
          "Audit tool agreed", ["30.09.22"], "", "Red", "Amber", "Audit summaries"]]),
    ("Families are not told how long they will wait for an autism assessment.", "Chief Nursing Officer, ICB",
     "Every family on the waiting list hears from the service each month", [
         ["P2.1", "Write to every waiting family each month", "Designated Clinical Officer", "First letters sent",
          ["31.08.22"], "29.08.22", "Green", "Blue", "Copies of letters"]]),
]


def accelerated_progress_plan(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = f"{APP_AREA} Accelerated Progress Plan"
    _para(doc, "Annex A: Accelerated Progress Plan (APP) for a local area", bold=True)
    front = doc.add_table(rows=0, cols=2)
    for label, value in (("Name of the local area", APP_AREA), ("Date of inspection", "13 – 15 June 2022"),
                         ("Date of publication of the revisit report", "19 August 2022"),
                         ("Accountable officers", "Director of Children's Services; ICB Chief Nurse")):
        row = front.add_row()
        _cell(row.cells[0], [label], bold=True)
        _cell(row.cells[1], [value])
    for number, (wording, lead, impact, rows) in enumerate(APP_AREAS, start=1):
        block = doc.add_table(rows=0, cols=2)
        for label, value in ((f"Area of weakness {number}", wording), ("Lead", lead), ("Impact measure", impact)):
            row = block.add_row()
            _cell(row.cells[0], [label], "FBE4D5", bold=True)
            _cell(row.cells[1], [value])
        _para(doc)
        table = doc.add_table(rows=1, cols=len(APP_HEADERS))
        for cell, title in zip(table.rows[0].cells, APP_HEADERS, strict=True):
            _cell(cell, [title], bold=True)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                _cell(cell, value if isinstance(value, list) else value.split("\n") if value else [])
        _para(doc)
    doc.save(str(path))
    return path


# -- 2b. An Accelerated Progress Plan whose header block names the area's lead (no owner column), with
# milestones, dates achieved and one "Evidence / update" column beside the review-named RAG columns -----------

LEAD_HEADERS = ["Ref", "Action", "Milestones", "Deadline", "Date achieved", "RAG 6 month review",
                "RAG 12 month review", "Evidence / update"]
LEAD_AREAS = [
    ("Too few young people with SEND move into paid work or training.", "Head of Post-16 Provision", [
        ["P1.1", "Set up a supported internship forum with employers", "Forum convened", "30.11.23", "",
         "Amber", "Green", "Eight employers attend; first interns start in the spring."],
        ["P1.2", "Publish a post-16 options guide written with young people", "Guide printed", "31.08.23",
         "12.08.23", "Green", "Blue", "Guide handed out at every Year 11 review."]]),
    ("Parents do not know how to raise a concern about an EHC plan.", "Parent Carer Forum Chair", [
        ["P2.1", "Run termly drop-ins for families with the SENDIASS team", "Dates fixed", "31.01.24", "",
         "Red", "Amber", "Two drop-ins held; thirty families came."]]),
]


def accelerated_lead_block(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = "Kestrelford Accelerated Progress Plan"
    _para(doc, "Kestrelford Accelerated Progress Plan")
    for number, (wording, lead, rows) in enumerate(LEAD_AREAS, start=1):
        block = doc.add_table(rows=0, cols=2)
        for label, value in ((f"Area of weakness {number}", wording), ("Lead", lead)):
            row = block.add_row()
            _cell(row.cells[0], [label], "FBE4D5", bold=True)
            _cell(row.cells[1], [value])
        _para(doc)
        table = doc.add_table(rows=1, cols=len(LEAD_HEADERS))
        for cell, title in zip(table.rows[0].cells, LEAD_HEADERS, strict=True):
            _cell(cell, [title], bold=True)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                _cell(cell, [value] if value else [])
        _para(doc)
    doc.save(str(path))
    return path


# -- 3. A Priority Action Plan (2023 framework): version line, colour key, notes, labelled updates ----------

PAP_TITLE = "Westfold Local Area Partnership Priority Action Plan"
PAP_KEY = {"January 2024 review": "C00000", "March 2024 review": "0070C0", "October 2024 review": "00B050"}
PAP_HEADERS = ["Ref", "Action", "Lead", "Due", "RAG", "Progress"]


def priority_action_plan(path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = PAP_TITLE
    _para(doc, "Version 3.2")
    _para(doc, "Progress key", bold=True)
    for label, colour in PAP_KEY.items():
        _para(doc, label, colour)
    jan, mar, octo = PAP_KEY.values()
    _para(doc, "Priority 1: Children wait too long for speech and language therapy")
    table = doc.add_table(rows=1, cols=len(PAP_HEADERS))
    for cell, title in zip(table.rows[0].cells, PAP_HEADERS, strict=True):
        _cell(cell, [title], bold=True)

    def row(values: list[object]) -> None:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _cell(cell, value if isinstance(value, list) else [value])  # type: ignore[arg-type]

    def note(text: str) -> None:
        added = table.add_row()
        merged = added.cells[0].merge(added.cells[-1])
        _cell(merged, [text], "F2F2F2")

    row(["1.1", "Commission a second therapy provider", "ICB Commissioner", "31/07/2024", "Amber",
         [("Jan 24 / Mar 24: tender documents agreed with the parent carer forum.", mar)]])
    row(["1.2", "Offer drop-in advice sessions in family hubs", "Therapy Manager", "Ongoing", "Green",
         [("Jan 24: sessions planned in two hubs.", jan), ("October 2024 update", octo),
          ("\uf0b7 Sessions run weekly in four hubs", octo), ("\uf0b7 140 families seen", octo)]])
    note("Note: Action 1.2 is led jointly with the council's family hubs service.")
    doc.add_paragraph()
    _para(doc, "Priority 2: Too few children with SEND have their needs met in mainstream schools")
    table = doc.add_table(rows=1, cols=len(PAP_HEADERS))
    for cell, title in zip(table.rows[0].cells, PAP_HEADERS, strict=True):
        _cell(cell, [title], bold=True)
    row(["2.1", "Publish an ordinarily available provision guide", "Inclusion Lead", "Spring 2024", "Blue",
         [("Mar 24: guide published and launched at the SENCo conference.", mar)]])
    row(["2.2", "Fund outreach from special schools", "Head of Inclusion", "30/09/2024", "Amber",
         [("Update March 2024: outreach agreed with three special schools.", mar)]])
    note("Note: Action 2.3 moved to the SEND Sufficiency Plan in January 2024.")
    doc.save(str(path))
    return path


# -- 4. A work-stream plan: start and end dates, objectives as merged rows, RAG by quarter, dated updates -----

STREAM_HEADERS = ["No.", "Key Action", "Lead Officer", "Start Date", "End Date", "Success Criteria", "Q3 2024/25",
                  "Q4 2024/25", "Commentary"]
STREAMS = [
    ("Work stream One – The Local Offer", "Objective 1.1: The local offer is easy to use", [
        ["1.1.1", "Test the website with twenty families", "Local Offer Officer", "01/09/2024", "31/12/2024",
         "Twenty families tested it", "A", "G", "Mar 25 – changes made after testing. / Dec 24 – twelve families "
                                                "tested the site."],
        ["1.1.2", "Add a search by age", "Web Team", "01/10/2024", "31/03/2025", "Search used 500 times a month",
         "R", "A", "Dec 24 – specification agreed."]]),
    ("Work stream Two – Embedding the Graduated Response", "Objective 2.1: Schools meet needs earlier", [
        ["2.1.1", "Visit every primary school with the inclusion toolkit", "Inclusion Adviser", "01/09/2024",
         "End of March 2025", "All primary schools visited", "G", "G", "Mar 25 – 61 of 64 schools visited."]]),
]


def work_streams(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Thornbury Local Area SEND Action Plan", style="Title")
    for heading, objective, rows in STREAMS:
        _para(doc, heading, bold=True)
        table = doc.add_table(rows=1, cols=len(STREAM_HEADERS))
        for cell, title in zip(table.rows[0].cells, STREAM_HEADERS, strict=True):
            _cell(cell, [title], "1F3864", bold=True)
        added = table.add_row()
        _cell(added.cells[0].merge(added.cells[-1]), [objective], "DEEAF6", bold=True)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                _cell(cell, [value])
    doc.save(str(path))
    return path


# -- 5. An improvement plan whose headers say little: blank titles, "Position at 31/12/24" --------------------

UNCLEAR_HEADERS = ["", "Action", "", "Target", "Position at 31/12/24", "Notes on progress"]
UNCLEAR_ROWS = [
    ["1.1", "Agree a joint commissioning strategy for SEND", "Strategic Commissioner", "31/03/2025", "A",
     "Draft strategy out to consultation."],
    ["1.2", "Appoint a designated social care officer", "Assistant Director", "30/11/2024", "G",
     "Officer appointed in November."],
    ["1.3", "Review short breaks eligibility with families", "Short Breaks Manager", "Summer 2025", "R",
     "Review delayed until the forum elects a new chair."],
]


def unclear_headers(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Oakridge SEND Improvement Plan", style="Title")
    _para(doc, "Area for Improvement 1")
    _para(doc, "Leaders do not plan services for children with SEND together.")
    table = doc.add_table(rows=1, cols=len(UNCLEAR_HEADERS))
    for cell, title in zip(table.rows[0].cells, UNCLEAR_HEADERS, strict=True):
        _cell(cell, [title] if title else [], bold=True)
    for values in UNCLEAR_ROWS:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _cell(cell, [value])
    doc.save(str(path))
    return path

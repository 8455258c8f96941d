"""Read an area SEND inspection report (PDF, Word or text) into a draft plan the officer can edit.

Two forms are understood: the 2023 framework report (the areas under "Areas for priority action" and
"Areas for improvement", each with its responsible body; front matter from its first page, the
outcome, and the partnership details), and the earlier outcome letter (the bullets after "…will
tackle the following areas of significant weakness:"). :func:`read_report` gives a
:class:`ReportDraft`; :func:`draft_to_plan` makes the plan: areas for priority action first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sendplan.exporters.report.areas import read_areas, seams
from sendplan.exporters.report.details import _person, read_details
from sendplan.exporters.report.layout import paragraphs_from_pages
from sendplan.exporters.report.pasted import paragraphs_from_text
from sendplan.exporters.report.pdf import ReportFileError, read_pdf_pages
from sendplan.exporters.report.text import Hyphenation, Para
from sendplan.exporters.report.text_tables import complete_name

from sendplan.model import Area, Plan, Section, Signatory, new_plan
from sendplan.refs import assign_missing_refs

MAX_TEXT = 2 * 1024 * 1024
HEADINGS = (
    "inspection outcome", "information about the local area partnership",
    "what is it like to be a child or young person with send in this area?",
    "what is the area partnership doing that is effective?", "what does the area partnership need to do better?",
    "areas for priority action", "areas for improvement", "local area partnership details",
    "information about this inspection", "inspection team", "main findings", "areas of strength", "strengths",
    "areas for development", "areas for improvement and development", "yours sincerely",
)
NARRATIVE = HEADINGS[1:5] + ("main findings", "areas of strength", "strengths", "areas for development")
LETTER_PREFIX = "effectiveness of the local area in"
PRIORITY_TERM = "Area for priority action"  # what the plan calls such an area, beside its areas for improvement
AREA_HEADINGS = {"areas for priority action": "priority", "areas for improvement": "improvement"}
OUTCOMES = (("typically lead to positive", "positive"), ("inconsistent experiences", "inconsistent"),
            ("systemic failings", "systemic"))
_SINGULAR = {"area for improvement": "areas for improvement", "area for priority action": "areas for priority action"}
WEAKNESS = re.compile(r"following areas? of significant weakness(es)?\s*:?\s*$", re.IGNORECASE)
_OWN_LINE = ("inspection dates", "inspection date:", "date of previous inspection", "dates of previous inspection",
             "area send inspection of ", LETTER_PREFIX, "dear ")
_LETTER_TITLE = "joint local area send inspection in "
_DATES = re.compile(r"\b\d{1,2}\b.*\b(?:19|20)\d\d\b")


@dataclass
class DraftItem:
    """An area or a narrative section as the preview shows it: ticked ones go into the plan.

    An area has its ``kind`` ("priority" for an area for priority action, "improvement" otherwise), the
    body responsible for it (as the report names it) and its reference when the report numbers it."""

    title: str
    text: str
    include: bool = True
    kind: str = ""
    body: str = ""
    ref: str = ""


@dataclass
class ReportDraft:
    """Everything read from the report, editable before the plan is made."""

    source: str
    form: str  # "report" (2023 framework) or "letter" (earlier outcome letter)
    title: str = ""
    partnership: str = ""
    inspection_dates: str = ""
    previous_inspection: str = ""
    outcome: str = ""
    outcome_level: str = ""  # "positive", "inconsistent" or "systemic" (the three outcomes since 2023)
    partners: list[str] = field(default_factory=list)
    signatories: list[tuple[str, str, str]] = field(default_factory=list)  # name, role, organisation
    areas: list[DraftItem] = field(default_factory=list)
    sections: list[DraftItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _heading_key(text: str) -> str:
    """A heading's key: lower case, without a trailing colon, "Area for improvement" as the plural."""
    key = _key(text).rstrip(": ")
    return _SINGULAR.get(key, key)


def _breaks(line: str) -> str:
    """"alone" for a heading (a paragraph of its own), "start" for a line that begins one (a labelled fact)."""
    key = _heading_key(line)
    if key in HEADINGS or (key.startswith(_LETTER_TITLE) and len(key.split()) <= 14):
        return "alone"  # a known heading, or the letter's title line ("Joint local area SEND inspection in …")
    return "start" if key.startswith(_OWN_LINE) else ""


def _heading(para: Para) -> str:
    key = _heading_key(para.text)
    if key in HEADINGS or key.startswith(LETTER_PREFIX):
        return key
    return ""


def _sections(paras: list[Para]) -> dict[str, list[Para]]:
    """Paragraphs under each known heading (its first occurrence), up to the next different known heading.

    A heading repeated under itself (as a table's header cell, or at the top of a page) is skipped."""
    found: dict[str, list[Para]] = {}
    current: list[Para] | None = None
    heading_now = ""
    for para in paras:
        heading = _heading(para)
        if heading and heading == heading_now:
            continue
        if heading:
            current = found.setdefault(heading, []) if heading not in found else None
            heading_now = heading
            continue
        if current is not None:
            current.append(para)
    return found


def _first(paras: list[Para], pattern: str) -> re.Match[str] | None:
    regex = re.compile(pattern, re.IGNORECASE)
    return next((m for p in paras if (m := regex.search(p.text))), None)


def _labelled(paras: list[Para], label: str) -> str:
    """The value after a label ("Inspection dates: 3 to 7 March 2025"), or in the paragraph after a label
    standing alone (a copy that gives the label's cell and the value's one after the other)."""
    match = _first(paras, rf"^{label}\s*:\s*(.+)$")
    if match:
        return match[1].strip()
    alone = re.compile(rf"^{label}\s*:?$", re.IGNORECASE)
    index = next((n for n, para in enumerate(paras) if alone.match(para.text.strip())), -1)
    following = paras[index + 1].text.strip() if 0 <= index < len(paras) - 1 else ""
    return following if _DATES.search(following) and len(following) < 60 else ""


def _looks_like_name(text: str) -> bool:
    person = _person(text.strip())
    return person is not None and not person[1]


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)


def _report(draft: ReportDraft, paras: list[Para], sections: dict[str, list[Para]],
            hyphenation: Hyphenation | None) -> None:
    match = _first(paras, r"^area send inspection of (?:the )?(.+)$")
    draft.partnership = match[1].strip() if match else ""
    draft.inspection_dates = _labelled(paras, r"inspection dates?")
    draft.previous_inspection = _labelled(paras, r"dates? of (?:the )?previous inspections?")
    draft.outcome = _text(sections.get("inspection outcome", []))
    outcome = _key(draft.outcome)
    draft.outcome_level = next((level for words, level in OUTCOMES if words in outcome), "")
    keep = hyphenation.keep if hyphenation is not None else None
    draft.partners, draft.signatories = read_details(sections.get("local area partnership details", []), keep)
    for heading, kind in AREA_HEADINGS.items():
        title = PRIORITY_TERM if kind == "priority" else ""
        found, bodies = read_areas(sections.get(heading, []))
        draft.areas += [DraftItem(title, area.text, kind=kind, body=area.body, ref=area.ref) for area in found]
        whole = [body for body in bodies if complete_name(body)]
        if len(whole) < len(bodies):
            draft.notes.append("The pasted text runs the table's cells into one another (bodies' names come in "
                               "pieces): check the wording of each area for priority action against the report.")
        elif bodies and len(bodies) != len(found):
            draft.notes.append(f"The table names a body for {len(bodies)} rows, but {len(found)} areas for priority "
                               "action were read from the pasted text: check where each area ends (Join with next, "
                               "or Split at cursor).")
        if bodies and not all(area.body for area in found):
            named = "; ".join(dict.fromkeys(whole))
            draft.notes.append("The pasted text does not keep the table's two columns, so which body each area for "
                               "priority action is addressed to cannot be told" + (f" (the table names {named})"
                                                                                  if named else "")
                               + ": type each area's responsible body in, or read the report's PDF instead.")
    priority = "areas for priority action" in sections
    draft.title = f"{draft.partnership or 'Local area'} {'priority action plan' if priority else 'SEND strategic plan'}"
    if hyphenation is not None and hyphenation.automatic and hyphenation.joined:
        draft.notes.append("The report breaks words at line ends itself, so those hyphens were taken out (for "
                           f"example {', '.join(hyphenation.joined[:3])}): check any compound word.")


def _letter(draft: ReportDraft, paras: list[Para], start: int) -> None:
    listed: list[Para] = []
    for para in paras[start + 1:]:
        if _heading(para) or (listed and listed[0].bullet and not para.bullet):
            break
        listed.append(para)
    draft.areas = [DraftItem("", p.text) for p in listed]
    match = _first(paras, r"joint local area send inspection in (.+)$")
    draft.partnership = match[1].strip() if match else ""
    match = _first(paras, r"\bbetween (\d{1,2} \w+(?: \d{4})?) and (\d{1,2} \w+ \d{4}),? ofsted")
    draft.inspection_dates = f"{match[1]} to {match[2]}" if match else ""
    outcome = next((p for p in paras if "statement of action is required" in _key(p.text)), None)
    draft.outcome = outcome.text if outcome else ""
    dear = next((i for i, p in enumerate(paras) if _key(p.text).startswith("dear ")), -1)
    if dear >= 2 and _looks_like_name(paras[dear - 2].text):
        role, _, organisation = paras[dear - 1].text.rpartition(",")
        draft.signatories = [(paras[dear - 2].text, role.strip() or organisation.strip(), organisation.strip())]
        draft.partners = [organisation.strip()]
    draft.notes.append("The letter does not name the health partner (clinical commissioning group or integrated "
                       "care board): add it to the partners.")
    draft.title = f"{draft.partnership or 'Local area'} Written Statement of Action"


def parse_report(paras: list[Para], source: str, hyphenation: Hyphenation | None = None,
                 pasted: bool = False) -> ReportDraft:
    """The draft plan in ``paras``; ReportFileError when neither form of report is recognised. For
    ``pasted`` text, the preview also says where an area may hold two (text cannot show a table's rows)."""
    sections = _sections(paras)
    weakness = next((i for i, p in enumerate(paras) if WEAKNESS.search(p.text)), -1)
    if any(sections.get(h) for h in AREA_HEADINGS) and weakness < 0:
        draft = ReportDraft(source, "report")
        _report(draft, paras, sections, hyphenation)
    elif weakness >= 0:
        draft = ReportDraft(source, "letter")
        _letter(draft, paras, weakness)
    else:
        raise ReportFileError(f"“{source}” does not look like an area SEND inspection report: it has no section "
                              "headed “Areas for improvement” or “Areas for priority action” (reports since "
                              "2023), and no list after “…will tackle the following areas of significant "
                              "weakness:” (outcome letters before 2023).")
    draft.areas = [area for area in draft.areas if area.text.strip()]
    if not draft.areas:
        raise ReportFileError(f"“{source}” has the heading for the areas but no text under it, so there are no "
                              "areas to start the plan with.")
    for heading, body in sections.items():
        if heading in NARRATIVE or heading.startswith(LETTER_PREFIX):
            title = next(p.text for p in paras if _heading_key(p.text) == heading).rstrip(": ")
            if body:
                draft.sections.append(DraftItem(title, _text(body), include=False))
    if draft.form == "report" and not draft.signatories:
        draft.notes.append("The leaders could not be matched to the partners in the partnership details (the "
                           "text runs the table's cells together): type them in as signatories to confirm."
                           if draft.partners else "The partners and their leaders could not be read from the "
                           "partnership details: type them in.")
    for label, value in (("partnership's name", draft.partnership), ("inspection dates", draft.inspection_dates)):
        if not value:
            draft.notes.append(f"The {label} could not be found: type it in.")
    if draft.form == "report":
        _doubts(draft)
        if pasted:
            _seams(draft, [para for heading in AREA_HEADINGS for para in sections.get(heading, [])])
    return draft


def _seams(draft: ReportDraft, paras: list[Para]) -> None:
    """A note for each area that may hold two (the first place it may divide)."""
    noted: set[int] = set()
    for before, after in seams(paras):
        number = next((n for n, area in enumerate(draft.areas, start=1)
                       if f"{before} {after}" in " ".join(area.text.split())), 0)
        if number and number not in noted:
            noted.add(number)
            draft.notes.append(f"Area {number} may be two areas: after “…{before}” a line begins “{after}…”, and "
                               "pasted text cannot show whether a new area starts there. Check it against the "
                               "report (put the cursor there and Split).")


def _doubts(draft: ReportDraft) -> None:
    """Notes where the reading looks unsure: what was found, and what to check."""
    priority = [area for area in draft.areas if area.kind == "priority"]
    unnamed = sum(not area.body for area in priority)
    if unnamed and not any(note.startswith("The pasted text does not keep") for note in draft.notes):
        draft.notes.append(f"{unnamed} of the {len(priority)} areas for priority action have no responsible body "
                           "(the table could not be read in two columns): type it in.")
    if draft.outcome_level == "systemic" and not priority:
        draft.notes.append("The outcome asks for a priority action plan, but no areas for priority action were "
                           "found: check the areas against the report.")
    if not draft.outcome_level and draft.outcome:
        draft.notes.append("The inspection outcome is not worded as any of the three outcomes: check it.")
    for number, area in enumerate(draft.areas, start=1):
        words = len(area.text.split())
        if words > 300:
            draft.notes.append(f"Area {number} is long ({words} words): check whether it holds more than one area "
                               "(Split at cursor).")


def read_report(path: str | Path) -> ReportDraft:
    """Read a report file (.pdf, .docx or .txt). Raises ReportFileError with a clear message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        paras, hyphenation = paragraphs_from_pages(read_pdf_pages(path), _breaks)
        return parse_report(paras, path.name, hyphenation)
    elif suffix in (".docx", ".docm"):
        from sendplan.exporters.office import OfficeFileError  # noqa: PLC0415
        from sendplan.exporters.report.text import paragraphs_from_word  # noqa: PLC0415
        from sendplan.exporters.word import read_body  # noqa: PLC0415

        try:
            paras = paragraphs_from_word(read_body(path).blocks)
        except OfficeFileError as error:
            raise ReportFileError(str(error)) from None
    elif suffix in (".txt", ".text", ""):
        paras, hyphenation = paragraphs_from_text(_read_text(path), _breaks)
        return parse_report(paras, path.name, hyphenation, pasted=True)
    else:
        raise ReportFileError(f"“{path.name}” is not a report sendplan can read: use the PDF from the Ofsted "
                              "website, a Word (.docx) copy, or a text file of the report.")
    return parse_report(paras, path.name)


def read_report_text(text: str) -> ReportDraft:
    """A report pasted as text."""
    if len(text) > MAX_TEXT:
        raise ReportFileError("The pasted text is far longer than an inspection report.")
    paras, hyphenation = paragraphs_from_text(text, _breaks)
    return parse_report(paras, "the pasted text", hyphenation, pasted=True)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_TEXT:
            raise ReportFileError(f"“{path.name}” is far larger than an inspection report.")
        data = path.read_bytes()
    except OSError as error:
        raise ReportFileError(f"“{path}” could not be read ({error.strerror}).") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def draft_to_plan(draft: ReportDraft) -> Plan:
    """A new plan from the (edited) draft: front matter, areas, and the ticked narrative sections."""
    plan = new_plan(draft.title.strip() or "Untitled plan")
    plan.local_area = draft.partnership.strip()
    plan.partners = tuple(p.strip() for p in draft.partners if p.strip())
    plan.signatories = [Signatory(name=n.strip(), role=r.strip(), organisation=o.strip())
                        for n, r, o in draft.signatories if n.strip()]
    facts = [f"Inspection dates: {draft.inspection_dates}" if draft.inspection_dates else "",
             f"Date of previous inspection: {draft.previous_inspection}" if draft.previous_inspection else "",
             draft.outcome]
    if any(facts):
        plan.sections.append(Section(title="Inspection outcome", body="\n".join(f for f in facts if f)))
    plan.sections += [Section(title=s.title, body=s.text) for s in draft.sections if s.include]
    chosen = [a for a in draft.areas if a.include and a.text.strip()]
    chosen.sort(key=lambda a: a.kind != "priority")  # areas for priority action first, in the report's order
    plan.areas = [Area(title="" if a.title == PRIORITY_TERM else a.title, wording=a.text.strip(), ref=a.ref.strip(),
                       responsible_body=a.body.strip(), term=PRIORITY_TERM if a.kind == "priority" else "")
                  for a in chosen]  # each area for priority action says so, and is told apart by its wording
    assign_missing_refs(plan)
    return plan

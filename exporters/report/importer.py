"""Read an area SEND inspection report (PDF, Word or text) into a draft plan the officer can edit.

Two forms are understood: the 2023 framework report (the paragraphs under "Areas for improvement"
and "Areas for priority action", front matter from its first page and the partnership details), and
the earlier outcome letter (the bullets after "…will tackle the following areas of significant
weakness:"). :func:`read_report` gives a :class:`ReportDraft`; :func:`draft_to_plan` makes the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sendplan.exporters.report.pdf import ReportFileError, read_pdf_lines
from sendplan.exporters.report.text import Para, columns, paragraphs_from_lines, paragraphs_from_text

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
AREA_HEADINGS = {"areas for priority action": "Area for priority action", "areas for improvement": ""}
_SINGULAR = {"area for improvement": "areas for improvement", "area for priority action": "areas for priority action"}
WEAKNESS = re.compile(r"following areas? of significant weakness(es)?\s*:?\s*$", re.IGNORECASE)
_NAME_WORDS = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr|Prof|Sir|Dame)\.? )?[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){1,3}$")
_NOT_NAME = ("council", "board", "nhs", "director", "chief", "executive", "officer", "services", "authority",
             "integrated", "care", "group", "commissioning", "children")
_OWN_LINE = ("inspection dates", "inspection date:", "date of previous inspection", "dates of previous inspection",
             "area send inspection of ", LETTER_PREFIX, "dear ")
_LETTER_TITLE = "joint local area send inspection in "
_LABELS = ("local authority", "integrated care board", "clinical commissioning group", "local area partnership")
_WEB = re.compile(r"(www\.|https?://|\.gov\.uk|\.nhs\.uk|\.uk\b|@)", re.IGNORECASE)


@dataclass
class DraftItem:
    """An area or a narrative section as the preview shows it: ticked ones go into the plan."""

    title: str
    text: str
    include: bool = True


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
    """Paragraphs under each known heading (the first occurrence), up to the next known heading."""
    found: dict[str, list[Para]] = {}
    current: list[Para] | None = None
    for para in paras:
        heading = _heading(para)
        if heading:
            current = found.setdefault(heading, []) if heading not in found else None
            continue
        if current is not None:
            current.append(para)
    return found


def _first(paras: list[Para], pattern: str) -> re.Match[str] | None:
    regex = re.compile(pattern, re.IGNORECASE)
    return next((m for p in paras if (m := regex.search(p.text))), None)


def _looks_like_name(text: str) -> bool:
    return bool(_NAME_WORDS.match(text.strip())) and not any(w in text.lower().split() for w in _NOT_NAME)


def _leaders(details: list[Para]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Partners and named leaders from the "Local area partnership details" table (two columns)."""
    partners: list[str] = []
    leaders: list[tuple[str, str, str]] = []
    for column in columns(details):
        if column and _key(column[0]).startswith(_LABELS) and _key(column[0].split("\n")[0]) not in _LABELS:
            return [], []  # both columns' labels on one line: pasted text whose columns cannot be told apart
        if sum(_key(group.split("\n")[0]) in _LABELS for group in column) > 1:
            return [], []  # both columns' cells one under the other (text copied from a PDF viewer)
        groups = list(column)
        if groups and _key(groups[0].split("\n")[0]) in _LABELS:
            groups[0] = "\n".join(groups[0].split("\n")[1:])
        groups = [g for g in groups if g.strip()]
        if not groups:
            continue
        organisation = " ".join(groups[0].split("\n"))
        if organisation.rstrip().endswith((".", ":", "!", "?")) or len(organisation) > 150:
            continue  # a sentence ("See the council's website."), not an organisation's name
        partners.append(organisation)
        person = groups[1].split("\n") if len(groups) > 1 else []
        if person and not _WEB.search(groups[1]) and _looks_like_name(person[0]):
            role = " ".join(person[1:])
            if not role and len(groups) > 2 and not _WEB.search(groups[2]):
                role = " ".join(groups[2].split("\n"))  # the role in a paragraph of its own
            leaders.append((person[0], role, organisation))
    return partners, leaders


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)


def _report(draft: ReportDraft, paras: list[Para], sections: dict[str, list[Para]]) -> None:
    match = _first(paras, r"^area send inspection of (.+)$")
    draft.partnership = match[1].strip() if match else ""
    match = _first(paras, r"^inspection dates?\s*:\s*(.+)$")
    draft.inspection_dates = match[1].strip() if match else ""
    match = _first(paras, r"^dates? of (?:the )?previous inspection\s*:\s*(.+)$")
    draft.previous_inspection = match[1].strip() if match else ""
    draft.outcome = _text(sections.get("inspection outcome", []))
    draft.partners, draft.signatories = _leaders(sections.get("local area partnership details", []))
    for heading, title in AREA_HEADINGS.items():
        draft.areas += [DraftItem(title, p.text) for p in sections.get(heading, [])]
    priority = "areas for priority action" in sections
    draft.title = f"{draft.partnership or 'Local area'} {'priority action plan' if priority else 'SEND strategic plan'}"


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


def parse_report(paras: list[Para], source: str) -> ReportDraft:
    """The draft plan in ``paras``; ReportFileError when neither form of report is recognised."""
    sections = _sections(paras)
    weakness = next((i for i, p in enumerate(paras) if WEAKNESS.search(p.text)), -1)
    if any(sections.get(h) for h in AREA_HEADINGS) and weakness < 0:
        draft = ReportDraft(source, "report")
        _report(draft, paras, sections)
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
        draft.notes.append("The partners and their leaders could not be read from the partnership details: "
                           "type them in.")
    for label, value in (("partnership's name", draft.partnership), ("inspection dates", draft.inspection_dates)):
        if not value:
            draft.notes.append(f"The {label} could not be found: type it in.")
    return draft


def read_report(path: str | Path) -> ReportDraft:
    """Read a report file (.pdf, .docx or .txt). Raises ReportFileError with a clear message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        paras = paragraphs_from_lines(read_pdf_lines(path), _breaks)
    elif suffix in (".docx", ".docm"):
        from sendplan.exporters.office import OfficeFileError  # noqa: PLC0415
        from sendplan.exporters.report.text import paragraphs_from_word  # noqa: PLC0415
        from sendplan.exporters.word import read_body  # noqa: PLC0415

        try:
            paras = paragraphs_from_word(read_body(path).blocks)
        except OfficeFileError as error:
            raise ReportFileError(str(error)) from None
    elif suffix in (".txt", ".text", ""):
        paras = paragraphs_from_text(_read_text(path), _breaks)
    else:
        raise ReportFileError(f"“{path.name}” is not a report sendplan can read: use the PDF from the Ofsted "
                              "website, a Word (.docx) copy, or a text file of the report.")
    return parse_report(paras, path.name)


def read_report_text(text: str) -> ReportDraft:
    """A report pasted as text."""
    if len(text) > MAX_TEXT:
        raise ReportFileError("The pasted text is far longer than an inspection report.")
    return parse_report(paragraphs_from_text(text, _breaks), "the pasted text")


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
    plan.areas = [Area(title=a.title, wording=a.text.strip()) for a in draft.areas if a.include and a.text.strip()]
    assign_missing_refs(plan)
    return plan

"""The front of an imported Word plan: its title, the signatories above it, the document's own version
line ("Version 3.2", "V2.1 FINAL – 14/05/2025"), and glossary terms written as paragraphs."""

from __future__ import annotations

import re
from datetime import date

from sendplan.exporters.office import area_heading
from sendplan.exporters.word.read.body import Para, Table

from sendplan.dates import DateParseError, parse_due
from sendplan.model import GlossaryEntry, Plan, Signatory

_TITLE_WORDS = re.compile(r"\b(action plan|statement of action|wsoa|priority action|improvement plan|send|"
                          r"progress plan|delivery plan)\b", re.IGNORECASE)
_GLOSSARY_LINE = re.compile(r"^\s*([A-Za-z&/]*[A-Z][A-Za-z&/]*[A-Z][A-Za-z&/]*)\s*[:–=]\s*([A-Z].{1,119})$")
_NOT_TERMS = {"NB", "PS", "PPS", "TBC", "RE", "FAO", "CC"}  # "NB: …" is a note, not a term
_GLOSSARY_HEADING = re.compile(r"^\s*(glossary( of terms)?|abbreviations|acronyms)\s*:?\s*$", re.IGNORECASE)
_SIGNATORY = re.compile(r"^([^,]{3,60}),\s*([^,]{2,80}),\s*(.{2,120})$")
_VERSION = re.compile(r"^\s*(?:document\s+)?(?:version|ver\.?|v)(?:\s+(?:no\.?|number))?\s*[:\-–]?\s*"
                      r"(?P<number>\d+(?:\.\d+)*)\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_STATUS = re.compile(r"\b(final|draft|published)\b", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4}|"
                   r"[A-Za-z]{3,9}\s+\d{4})\b")


def early_paragraphs(blocks: list[Para | Table], consumed: set[int], limit: int = 12) -> list[tuple[int, Para]]:
    """The paragraphs before the first table or area heading (where a title and version are)."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Table) or area_heading(b.text)), len(blocks))
    return [(i, b) for i, b in enumerate(blocks[:first]) if isinstance(b, Para) and b.text
            and i not in consumed][:limit]


def read_title(plan: Plan, blocks: list[Para | Table], consumed: set[int], core_title: str,
               guesses: list[str], file_stem: str) -> None:
    """From the Title style, else the document properties, else the first title-like paragraph; signatories'
    "Name, Role, Organisation" lines above it become signatories."""
    early = early_paragraphs(blocks, consumed)
    styled = next(((i, b) for i, b in early if b.style.lower().replace(" ", "") == "title"), None)
    if styled is not None:
        plan.title = styled[1].text
        consumed.add(styled[0])
        return
    generic = not core_title or re.fullmatch(r"(document\d*|untitled.*|microsoft word.*)", core_title, re.IGNORECASE)
    if not generic:
        plan.title = core_title
        consumed.update(i for i, b in early[:1] if b.text == core_title)
        return
    candidates = [(i, b) for i, b in early if len(b.text) <= 200 and not _VERSION.match(b.text)]
    chosen = next(((i, b) for i, b in candidates if _TITLE_WORDS.search(b.text)), None) or (
        candidates[0] if candidates else None)
    if chosen is None:
        plan.title = file_stem
        guesses.append(f"The document has no title; the plan was named after the file, “{plan.title}”.")
        return
    plan.title = chosen[1].text
    consumed.add(chosen[0])
    for index, para in early:
        if index < chosen[0] and (match := _SIGNATORY.match(para.text)):
            plan.signatories.append(Signatory(name=match[1].strip(), role=match[2].strip(),
                                              organisation=match[3].strip()))
            consumed.add(index)


def read_version(plan: Plan, blocks: list[Para | Table], consumed: set[int], footer: tuple[str, ...],
                 guesses: list[str]) -> None:
    """The document's own version ("Version 3.2 – final, 14/05/2025"): the plan keeps its number, status and
    date. The line is used up only when it says nothing else (anything more stays in the narrative)."""
    lines = [(i, b.text) for i, b in early_paragraphs(blocks, consumed, limit=20)] + [(-1, line) for line in footer]
    for index, text in lines:
        match = _VERSION.match(text)
        if not match or len(text) > 120:
            continue
        rest = match["rest"]
        plan.version = f"v{match['number']}"
        status = _STATUS.search(rest)
        if status:
            plan.status = status[1].capitalize()
            rest = rest.replace(status[0], " ")
        when = _DATE.search(rest)
        day = _day(when[1]) if when else None
        if day is not None:
            plan.plan_date = day
            rest = rest.replace(when[0], " ")  # type: ignore[index]
        where = "the footer" if index < 0 else "the document"
        guesses.append(f"The plan takes its version, {plan.version}, from “{' '.join(text.split())}” in {where}.")
        if index >= 0 and not re.sub(r"[\s,;:.\-–—()|]+|\b(dated|date|issued|on|as at)\b", "", rest,
                                     flags=re.IGNORECASE):
            consumed.add(index)
        return


def _day(text: str) -> date | None:
    try:
        value = parse_due(text)
    except DateParseError:
        return None
    return value.day if value.precision == "day" else None


def read_glossary(plan: Plan, blocks: list[Para | Table], consumed: set[int]) -> None:
    """Runs of two or more "ASD: Autism spectrum disorder" paragraphs, or any under a plain "Glossary" line,
    become glossary terms."""
    def entry(index: int) -> re.Match[str] | None:
        block = blocks[index] if 0 <= index < len(blocks) else None
        if not isinstance(block, Para) or index in consumed:
            return None
        match = _GLOSSARY_LINE.match(block.text)
        return match if match and match[1].upper() not in _NOT_TERMS else None

    def heading(index: int) -> bool:
        block = blocks[index] if index >= 0 else None
        return isinstance(block, Para) and index not in consumed and bool(_GLOSSARY_HEADING.match(block.text))

    found = {index: match for index in range(len(blocks)) if (match := entry(index))}
    for index, match in found.items():
        start = index
        while start - 1 in found:
            start -= 1
        if index - 1 not in found and index + 1 not in found and not heading(start - 1):
            continue
        plan.glossary.append(GlossaryEntry(term=match[1], meaning=match[2].strip()))
        consumed.update({index} | ({start - 1} if heading(start - 1) else set()))

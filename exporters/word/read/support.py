"""Helpers for the Word importer: stacked blocks, date stacks, and the tables that are not action tables."""

from __future__ import annotations

import re

from sendplan.exporters.office import date_like, normalise_title
from sendplan.exporters.word.read.body import Cell, Para, Table

from sendplan.model import GlossaryEntry, Member, Plan, RagLevel, Signatory, Workstream, optional_rag_levels
from sendplan.ratings import rating_key_for

Blocks = list[list[Para]]
_LEADING_REF = re.compile(r"^(\d+(?:\.\d+)*(?:\s?\([a-z]{1,3}\)|(?!st\b|nd\b|rd\b|th\b)[a-z]{1,2}\b)|\(?[a-z]{1,3}\))"
                          r"[\s:.\u2013-]+")


def split_blocks(cell: Cell) -> Blocks:
    """Paragraphs grouped into blocks separated by blank paragraphs (how stacked actions are laid out)."""
    blocks: Blocks = [[]]
    for para in cell.paragraphs:
        if para.text:
            blocks[-1].append(para)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def split_ref(text: str, objective_ref: str) -> tuple[str, str]:
    """"1.2 (b) Recruit…" → ("1.2 (b)", "Recruit…"); "(b) Recruit…" → (objective ref + " (b)", …); a
    text that starts with no reference → ("", text). The reference is data, not part of the text."""
    match = _LEADING_REF.match(text)
    if not match:
        return "", text
    ref = match[1]
    if ref.endswith(")") and not ref[0].isdigit():
        ref = f"{objective_ref} ({ref.strip('()')})".strip()
    return ref, text[match.end():]


_REVISED = re.compile(r"^(?:revised|amended|re-?profiled|extended|moved|changed|new date|now)\b"
                      r"(?:\s+(?:date|deadline|to|on|until))*\s*[:\-–—]?\s*(?P<value>[^()]+?)\s*"
                      r"(?:\((?P<reason>[^()]*)\)|[-–—,]\s+(?P<why>.+))?$", re.IGNORECASE)
_WITH_REASON = re.compile(r"^(?P<value>[^()]+?)\s*\((?P<reason>[^()]+)\)$")


def due_lines(block: list[Para]) -> list[tuple[str, str, bool]]:
    """The dates in a By When cell as (value, reason, earlier): struck-through or "was …" values are
    earlier; "Revised: 31.10.22 (agreed with DfE)" is a later date with its reason; "31.10.22 (agreed with
    DfE)" too. A line wholly in brackets loses them; any other bracket is kept."""
    found: list[tuple[str, str, bool]] = []
    for para in block:
        for line in para.text.split("\n"):
            line = line.strip()
            if line.startswith("(") and line.endswith(")") and line.count("(") == 1:
                line = line[1:-1].strip()
            if not line:
                continue
            if line.lower().startswith("was "):
                found += [(part.strip(), "", True) for part in line[4:].split(",") if part.strip()]
            elif para.strike:
                found.append((line, "", True))
            elif (match := _REVISED.match(line)) and date_like(match["value"]):
                found.append((match["value"].strip(), (match["reason"] or match["why"] or "").strip(), False))
            elif (match := _WITH_REASON.match(line)) and date_like(match["value"]):
                found.append((match["value"].strip(), match["reason"].strip(), False))
            else:
                found.append((line, "", False))
    return [item for item in found if item[2]] + [item for item in found if not item[2]]


def classify_table(titles: list[str], table: Table, plan: Plan) -> str:
    t = [normalise_title(title) for title in titles]
    first = t[0] if t else ""
    if first in ("rating", "rag", "rag rating", "rag status", "status", "key", "rag key"):
        return "rag-key"
    words = [row[0].text for row in table.rows[1:] if row and row[0].text]
    if words and len(words) <= 6 and all(rating_key_for(plan, w) or w.lower() in ("blue", "not started")
                                         for w in words):
        return "rag-key"
    if len(t) >= 2 and first in ("term", "terms", "abbreviation", "abbreviations", "acronym", "acronyms",
                                 "glossary"):
        return "glossary"
    if t[:3] == ["name", "role", "organisation"]:
        return "signatories"
    if first.startswith("name") and any(x.startswith(("organisation", "organization", "role", "agency"))
                                        for x in t[1:]):
        return "members"
    if first.startswith("workstream") and any(x.startswith("lead") for x in t[1:]):
        return "workstreams"
    return ""


def _at(row: list[str], index: int) -> str:
    return row[index] if 0 <= index < len(row) else ""


def read_other_table(plan: Plan, kind: str, table: Table) -> bool:
    """Glossary, RAG key, signatories, members or workstreams into the plan; False for other tables."""
    titles = [c.text for c in table.rows[0]]
    rows = [[c.text for c in row] for row in table.rows[1:] if any(c.text for c in row)]
    if kind == "glossary":
        plan.glossary += [GlossaryEntry(term=r[0], meaning="\n".join(r[1:])) for r in rows]
    elif kind == "rag-key":
        _rag_key(plan, table)
    elif kind == "signatories":
        plan.signatories += [Signatory(name=r[0], role=_at(r, 1), organisation=_at(r, 2)) for r in rows]
    elif kind == "members":
        order = [normalise_title(t) for t in titles]
        pick = {name: next((i for i, t in enumerate(order) if t.startswith(name)), -1)
                for name in ("name", "organisation", "role", "workstream")}
        if pick["organisation"] < 0:
            pick["organisation"] = next((i for i, t in enumerate(order) if t.startswith(("organization", "agency"))),
                                        -1)
        streams = {w.name: w.id for w in plan.workstreams}
        for r in rows:
            member = Member(name=_at(r, pick["name"]), organisation=_at(r, pick["organisation"]),
                            role=_at(r, pick["role"]))
            stream = _at(r, pick["workstream"])
            if stream in streams:
                member.workstream_id = streams[stream]
            elif stream:
                member.role = f"{member.role} ({stream})".strip()
            plan.members.append(member)
    elif kind == "workstreams":
        plan.workstreams += [Workstream(name=r[0], lead=_at(r, 1), description=_at(r, 2)) for r in rows]
    else:
        return False
    return True


def _rag_key(plan: Plan, table: Table) -> None:
    for row in table.rows[1:]:
        if not row or not row[0].text:
            continue
        key = rating_key_for(plan, row[0].text)
        descriptor = "\n".join(c.text for c in row[1:] if c.text)
        level = plan.rag_level(key) if key else None
        if level is None:
            extra = next((lv for lv in optional_rag_levels() if lv.name.lower() == row[0].text.lower()), None)
            level = extra or RagLevel(key=normalise_title(row[0].text).replace(" ", "_"), name=row[0].text)
            plan.rag_scale.append(level)
        level.descriptor = descriptor or level.descriptor
        if row[0].fill:
            level.colour = f"#{row[0].fill}"

"""Area headings in the words plans use, and note rows — in Word documents and Excel trackers alike.

"Area for Improvement 2", "Priority 1: …", "Area of weakness 3", "Recommendation 1", "Work stream
One – The Local Offer" start an area; the document's own word for an area is kept for the plan. A note
row ("Note: Action 2.3 moved to …") becomes a note on the action or area it names, else narrative —
never an area.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sendplan.model import Area, Plan, Section

_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12"}
_TERM = (r"area(?:s)?\s+(?:for|of)\s+(?:significant\s+)?(?:improvement|development|weakness(?:es)?|concern|"
         r"priority\s+action)|(?:significant\s+)?weakness|priority|recommendation|work\s?stream|theme|area")
AREA = re.compile(rf"^\s*(?P<term>{_TERM})\b\s*(?P<number>[A-Z]?\d+[a-z]?|{'|'.join(_NUMBER_WORDS)})?\b"
                  r"(?P<sep>[\s:.\-–—)]*)(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.+)$", re.DOTALL)
_NUMBER_OPTIONAL = re.compile(r"^area(?:s)?\s+for\s+(?:improvement|development)$", re.IGNORECASE)
_NOTE = re.compile(r"^\s*(?:(?:please\s+note|n\.?\s?b\.?|notes?)\s*[:.\-–—]|\*+)\s*(?P<text>.+)$",
                   re.IGNORECASE | re.DOTALL)
_NAMES_ACTION = re.compile(r"\b(?:actions?|refs?\.?|references?|items?)\s+(?P<ref>[A-Za-z]{0,4}\d+(?:\.\d+)*"
                           r"(?:\s?\([a-z]{1,2}\)|[a-z]{1,2}\b)?)", re.IGNORECASE)
_NAMES_AREA = re.compile(rf"\b(?:{_TERM})\s+(?P<ref>\d+)\b", re.IGNORECASE)
_DEFAULT_TERMS = ("area for improvement", "area for development", "area")


@dataclass(frozen=True)
class Heading:
    """An area heading: the plan's word for it as written ("Area of weakness"), its number, its wording."""

    term: str
    ref: str
    wording: str


def area_heading(text: str) -> Heading | None:
    """The area a heading starts, or None. Every word but "Area for improvement" needs its number, so a
    sentence such as "Priority was given to…" is not a heading."""
    match = AREA.match(text)
    if not match:
        return None
    number = match["number"] or ""
    number = _NUMBER_WORDS.get(number.lower(), number)
    term = " ".join(match["term"].split())
    if not number and not _NUMBER_OPTIONAL.match(term):
        return None
    rest = match["rest"].strip()
    if rest[:1].islower() and not match["sep"].strip():  # "Priority 1 is to …": a sentence about it
        return None
    return Heading(term_word(term), number, rest)


def term_word(term: str) -> str:
    """A term as the plan keeps it: singular, sentence case ("AREAS OF WEAKNESS" → "Area of weakness")."""
    words = term.lower().split()
    words[0] = words[0].rstrip("s") if words[0] == "areas" else words[0]
    if words[-1] == "weaknesses":
        words[-1] = "weakness"
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def plan_term(terms: Counter[str]) -> str:
    """The word the document uses most for its areas; "" (the usual "Area for improvement") when it is that."""
    if not terms:
        return ""
    term = terms.most_common(1)[0][0]
    return "" if term.lower() in _DEFAULT_TERMS else term


def settle_terms(plan: Plan, terms: Counter[str]) -> None:
    """The plan's word for its areas is the one the document uses most; an area keeps its own word only where
    that differs ("Area for priority action" among areas for improvement)."""
    plan.area_term = plan_term(terms)
    usual = {plan.area_term.lower()} if plan.area_term else set(_DEFAULT_TERMS)
    for area in plan.areas:
        if area.term.lower() in usual:
            area.term = ""


def note_text(text: str) -> str:
    """The text of a note row ("Note: Action 2.3 moved …" → "Action 2.3 moved …"), "" if it is not one."""
    match = _NOTE.match(text)
    return match["text"].strip() if match else ""


def resolve_notes(plan: Plan, notes: list[tuple[str, str, Area | None]], guess: list[str],
                  section: str = "Notes from the action tables") -> None:
    """Each note row (text, where it was, the area it sat in) onto the action it names ("Action 2.3"), else
    the area it names ("Priority 2"), else the area it sat in, else into the narrative under ``section``;
    each placement is reported as a guess."""
    actions = {ref_form(a.ref): a for _, _, a in plan.iter_actions() if a.ref}
    areas = {a.ref: a for a in plan.areas if a.ref}
    unnamed = []
    for text, where, within in notes:
        named = next((actions[ref_form(m["ref"])] for m in _NAMES_ACTION.finditer(text)
                      if ref_form(m["ref"]) in actions), None)
        if named is not None:
            named.notes = f"{named.notes}\n{text}".strip()
            guess.append(f"The note row “{_short(text)}” ({where}) was kept as a note on action {named.ref}, "
                         "which it names.")
            continue
        area = next((areas[m["ref"]] for m in _NAMES_AREA.finditer(text) if m["ref"] in areas), None)
        how = "which it names"
        if area is None and within is not None and within in plan.areas:
            area, how = within, "where it sits"
        if area is not None:
            area.extra["Note"] = f"{area.extra.get('Note', '')}\n{text}".strip()
            guess.append(f"The note row “{_short(text)}” ({where}) was kept as a note on area {area.ref}, {how}.")
            continue
        unnamed.append(text)
        guess.append(f"The note row “{_short(text)}” ({where}) names no action or area; it was kept in the "
                     f"narrative under “{section}”.")
    if unnamed:
        plan.sections.append(Section(title=section, body="\n".join(unnamed)))


def ref_form(ref: str) -> str:
    return re.sub(r"[\s()]", "", ref).lower()


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:59].rstrip() + "…"

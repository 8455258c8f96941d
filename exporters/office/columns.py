"""Recognise the columns of an imported action table by meaning, whatever their exact titles."""

from __future__ import annotations

import difflib
import functools
import re

SYNONYMS: dict[str, tuple[str, ...]] = {
    "action_no": ("action no", "action number", "ref", "ref no", "reference", "no", "number", "action ref",
                  "action reference", "ref number", "item", "id"),
    "area": ("area", "area for improvement", "areas for improvement", "improvement area", "priority area",
             "area of improvement", "area of weakness", "weakness", "priority", "key priority", "priorities"),
    "objective": ("objective", "objectives", "aim", "what we want to achieve", "outcome sought",
                  "strategic objective", "sub priority"),
    "action": ("actions", "action", "key actions", "what we will do", "activity", "activities", "tasks",
               "action description", "actions to be taken", "what will we do", "action required",
               "priority action", "priority actions", "key action", "action s", "actions we will take"),
    "rag": ("rag", "rag rating", "rag status", "status", "rating", "brag", "brag rating", "current rag",
            "rag rating current"),
    "owner": ("by whom", "lead", "owner", "responsible", "who", "lead officer", "responsible officer", "leads",
              "lead person", "accountable", "lead agency", "action owner", "lead officers", "responsible lead"),
    "due": ("by when", "deadline", "timescale", "timescales", "due date", "target date", "when", "date due", "due",
            "completion date", "target", "timeframe", "timeline", "target completion date"),
    "outcomes": ("intended outcomes", "outcomes", "expected outcomes", "impact", "intended outcome",
                 "success looks like", "intended impact", "expected impact", "outcome"),
    "kpis": ("key performance indicators", "kpis", "kpi", "measures", "performance indicators",
             "success measures", "measures of success", "success measure", "measure of success",
             "success criteria", "how we will measure success", "measure"),
    "evidence": ("evidence", "evidence of impact", "evidence sources", "evidence of progress"),
    "notes": ("notes", "comments", "note", "additional notes", "risks", "risks and issues"),
}
_PERIOD = re.compile(r"(\d{4}\s*[/\-–]\s*\d{2,4}|\d{4})")
_PROGRESS = ("progress", "update", "progress update", "commentary", "position", "current position",
             "progress to date", "updates", "progress made", "progress commentary")
_RAG_WORDS = ("rag", "brag", "rating", "status", "rag rating", "rag status")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|q[1-4]|quarter [1-4])")
_WHEN = re.compile(rf"\b({_MONTH}\.?\s*'?(?:\d{{4}}|\d{{2}})\b(?:\s*[/\-–]\s*\d{{2,4}})?"
                   r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})", re.IGNORECASE)


def normalise_title(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", title.lower()).split())


@functools.lru_cache(maxsize=4096)
def classify(title: str) -> tuple[str, str]:
    """(column key, reporting period or review label) for a header title; key "" when not recognised.

    "Progress 2017/2018" → ("progress", "2017/2018"); "Action\\nNo" → ("action_no", "");
    "RAG Mar 24" → ("rag", "Mar 24"); "Update Sept 25" → ("progress", "Sept 25").
    """
    text = normalise_title(title)
    if not text:
        return "", ""
    when = _WHEN.search(title)
    if text.startswith(_PROGRESS):
        if when:
            return "progress", " ".join(when[1].split())
        match = _PERIOD.search(title)
        return "progress", re.sub(r"\s+", "", match[1]).replace("–", "/").replace("-", "/") if match else ""
    if when and text.startswith(_RAG_WORDS):
        return "rag", " ".join(when[1].split())
    for key, names in SYNONYMS.items():
        if text in names:
            return key, ""
    best = difflib.get_close_matches(text, [n for names in SYNONYMS.values() for n in names], n=1, cutoff=0.82)
    if best:
        return next(k for k, names in SYNONYMS.items() if best[0] in names), ""
    return "", ""


def map_header(titles: list[str]) -> list[tuple[str, str]]:
    """Each column's (key, period); a repeated column after the first becomes an unrecognised extra
    (progress columns may repeat, and RAG columns when each names its own review)."""
    seen: set[tuple[str, str]] = set()
    mapped = []
    for title in titles:
        key, period = classify(title)
        if key and key != "progress" and (key, period if key == "rag" else "") in seen:
            key, period = "", ""
        seen.add((key, period if key == "rag" else ""))
        mapped.append((key, period))
    return mapped


def is_action_table(mapping: list[tuple[str, str]]) -> bool:
    keys = {key for key, _ in mapping}
    return "action" in keys and len(keys & {"objective", "rag", "owner", "due", "outcomes", "kpis", "progress",
                                            "action_no"}) >= 2

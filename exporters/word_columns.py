"""Recognise the columns of an imported action table by meaning, whatever their exact titles."""

from __future__ import annotations

import difflib
import re

SYNONYMS: dict[str, tuple[str, ...]] = {
    "action_no": ("action no", "action number", "ref", "ref no", "reference", "no", "number", "action ref"),
    "objective": ("objective", "objectives", "priority", "aim", "what we want to achieve"),
    "action": ("actions", "action", "key actions", "what we will do", "activity", "activities", "tasks"),
    "rag": ("rag", "rag rating", "rag status", "status", "rating", "brag"),
    "owner": ("by whom", "lead", "owner", "responsible", "who", "lead officer", "responsible officer", "leads"),
    "due": ("by when", "deadline", "timescale", "timescales", "due date", "target date", "when", "date due"),
    "outcomes": ("intended outcomes", "outcomes", "expected outcomes", "impact", "intended outcome",
                 "success looks like"),
    "kpis": ("key performance indicators", "kpis", "kpi", "measures", "performance indicators",
             "success measures", "measures of success"),
    "evidence": ("evidence", "evidence of impact", "evidence sources"),
}
_PERIOD = re.compile(r"(\d{4}\s*[/\-–]\s*\d{2,4}|\d{4})")


def normalise(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", title.lower()).split())


def classify(title: str) -> tuple[str, str]:
    """(column key, reporting period) for a header title; key "" when not recognised.

    "Progress 2017/2018" → ("progress", "2017/2018"); "Action\\nNo" → ("action_no", "").
    """
    text = normalise(title)
    if not text:
        return "", ""
    if text.startswith(("progress", "update", "progress update")):
        match = _PERIOD.search(title)
        return "progress", match[1].replace(" ", "").replace("–", "/") if match else ""
    for key, names in SYNONYMS.items():
        if text in names:
            return key, ""
    best = difflib.get_close_matches(text, [n for names in SYNONYMS.values() for n in names], n=1, cutoff=0.82)
    if best:
        return next(k for k, names in SYNONYMS.items() if best[0] in names), ""
    return "", ""


def map_header(titles: list[str]) -> list[tuple[str, str]]:
    """Each column's (key, period); duplicates after the first become unrecognised extras."""
    seen: set[str] = set()
    mapped = []
    for title in titles:
        key, period = classify(title)
        if key and key != "progress" and key in seen:
            key = ""
        seen.add(key)
        mapped.append((key, period))
    return mapped


def is_action_table(mapping: list[tuple[str, str]]) -> bool:
    keys = {key for key, _ in mapping}
    return "action" in keys and len(keys & {"objective", "rag", "owner", "due", "outcomes", "kpis", "progress",
                                            "action_no"}) >= 2

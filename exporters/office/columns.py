"""Recognise the columns of an imported action table by meaning, whatever their exact titles.

A title gives a column key ("action", "owner", "rag"…) and, for ratings and progress, the review it
belongs to: "RAG Mar 24", "RAG 6 month review", "Q3 2024/25 RAG", "Progress 2017/2018", "Update at
the 12 month review". Titles phrased as questions ("What we will do", "How we will know", "What has
happened") are read by their meaning; "Start date" and "Date achieved" are never taken for the
deadline. Where the title says nothing, :mod:`sendplan.exporters.office.content` lets the cells decide.
"""

from __future__ import annotations

import difflib
import functools
import re

SYNONYMS: dict[str, tuple[str, ...]] = {
    "action_no": ("action no", "action number", "ref", "ref no", "reference", "no", "number", "action ref",
                  "action reference", "ref number", "item", "id", "action id", "ref id", "item no"),
    "area": ("area", "area for improvement", "areas for improvement", "improvement area", "priority area",
             "area of improvement", "area of weakness", "weakness", "priority", "key priority", "priorities",
             "area of significant weakness", "significant weakness", "recommendation", "recommendations",
             "area for priority action", "areas for priority action", "workstream", "work stream", "theme"),
    "objective": ("objective", "objectives", "aim", "what we want to achieve", "outcome sought",
                  "strategic objective", "sub priority", "goal", "key objective", "strategic aim", "aims",
                  "outcome we want", "outcomes we want"),
    "action": ("actions", "action", "key actions", "what we will do", "activity", "activities", "tasks",
               "action description", "actions to be taken", "what will we do", "action required",
               "priority action", "priority actions", "key action", "action s", "actions we will take",
               "key tasks", "actions required", "task", "interventions", "how we will do it"),
    "rag": ("rag", "rag rating", "rag status", "status", "rating", "brag", "brag rating", "current rag",
            "rag rating current", "current status", "overall rag", "rag current", "current rating"),
    "owner": ("by whom", "lead", "owner", "responsible", "who", "lead officer", "responsible officer", "leads",
              "lead person", "accountable", "lead agency", "action owner", "lead officers", "responsible lead",
              "lead officer s", "lead s", "owner s", "owners", "named lead", "accountable lead",
              "accountable officer", "senior responsible officer", "sro", "lead partner", "delivery lead",
              "lead organisation", "lead service", "responsible person", "responsible officers", "action lead",
              "lead and partners", "lead officer and partners", "who will lead", "who is responsible"),
    "due": ("by when", "deadline", "timescale", "timescales", "due date", "target date", "when", "date due", "due",
            "completion date", "target", "timeframe", "timeline", "target completion date", "original date",
            "original deadline", "original target date", "original timescale", "end date", "target end date",
            "planned completion date", "date for completion", "deadline date", "by when will it be done"),
    "start": ("start date", "start", "date started", "commencement date", "start by", "planned start",
              "planned start date", "date of start", "start month", "begins", "from"),
    "achieved": ("date achieved", "date completed", "actual completion date", "completed date", "date complete",
                 "achieved", "date closed", "closed date", "completed on", "actual date", "date of completion",
                 "achieved date", "date met"),
    "revised": ("revised date", "revised deadline", "revised target date", "revised timescale",
                "revised completion date", "new date", "new deadline", "revised due date", "revised by when",
                "revised timescales", "amended date", "revised end date"),
    "outcomes": ("intended outcomes", "outcomes", "expected outcomes", "impact", "intended outcome",
                 "success looks like", "intended impact", "expected impact", "outcome", "what success looks like",
                 "expected outcome", "difference it will make"),
    "kpis": ("key performance indicators", "kpis", "kpi", "measures", "performance indicators",
             "success measures", "measures of success", "success measure", "measure of success",
             "success criteria", "how we will measure success", "measure", "impact measure", "impact measures",
             "measures of impact", "kpi s", "performance measures", "how we will know", "how will we know"),
    "evidence": ("evidence", "evidence of impact", "evidence sources", "evidence available"),
    "notes": ("notes", "comments", "note", "additional notes", "risks", "risks and issues", "risk", "issues",
              "rag comments", "rag rationale", "rag justification", "dependencies"),
}
# Titles that are real columns with no field of their own: kept on each action as text under their title
# (listed so that a near spelling never makes them the deadline or the owner).
KEPT_AS_TEXT = ("milestones", "milestone", "key milestones", "milestones and deliverables", "deliverables",
                "key deliverables", "resources", "funding", "cost", "budget", "links", "related plans",
                "dependencies and risks", "partners", "partners involved", "support from")
_PERIOD = re.compile(r"(\d{4}\s*[/\-–]\s*\d{2,4}|\d{4})")
_PROGRESS = ("progress", "update", "progress update", "commentary", "position", "current position",
             "progress to date", "updates", "progress made", "progress commentary", "what has happened",
             "status update", "progress and impact", "latest update", "latest progress", "highlight",
             "progress narrative", "narrative", "progress summary", "rag commentary", "position statement",
             # evidence and update in one column is the progress column of a review ("Evidence / update")
             "evidence / update", "evidence/update", "evidence update", "evidence and update", "evidence and updates",
             "update / evidence", "update and evidence", "evidence of progress", "evidence and progress",
             "progress and evidence", "progress / evidence", "evidence / progress", "update on progress",
             "progress updates", "latest position", "progress to date and evidence")
_PROGRESS_WORDS = ("progress update", "progress", "updates", "update", "commentary", "position", "narrative")
_RAG_WORDS = ("rag rating", "rag status", "brag rating", "brag", "rag", "rating", "status")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_QUARTER = r"(?:q[1-4]|quarter [1-4])"
_WHEN = re.compile(rf"\b((?:{_MONTH}|{_QUARTER})\.?[\s\-]*'?(?:\d{{4}}|\d{{2}})\b(?:\s*[/\-–]\s*\d{{2,4}})?"
                   r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})", re.IGNORECASE)
# A label that names a review rather than describing the column ("6 month review", "Sept board", "Q2").
_REVIEW_WORDS = re.compile(rf"\d|\b(review|quarter|term|month|months|year|meeting|board|stocktake|visit|"
                           rf"{_MONTH}|{_QUARTER})\b", re.IGNORECASE)
_JOINERS = re.compile(r"^(?:at|as at|for|on|in|to|of|by|from)\b\s*|\s*\b(?:at|as at|for|of)$", re.IGNORECASE)
_QUESTIONS = (  # titles phrased as questions, by meaning (first match wins)
    (re.compile(r"^(?:what|which)\b.*\b(?:happened|done|achieved|changed|so far|progress)\b"), "progress"),
    (re.compile(r"^(?:what|which)\b.*\b(?:want|achieve|aim|aiming|trying|looking)\b"), "objective"),
    (re.compile(r"^what\b.*\bdifference\b|^what will (?:be|look) different"), "outcomes"),
    (re.compile(r"^(?:how|what)\b.*\b(?:know|measure|measured|tell|evidence)\b"), "kpis"),
    (re.compile(r"^(?:what|how)\b.*\b(?:do|doing|deliver|get there|happen|need to)\b"), "action"),
    (re.compile(r"^who\b"), "owner"),
    (re.compile(r"^(?:by )?when\b"), "due"),
)
KEYS = tuple(SYNONYMS) + ("progress",)


def normalise_title(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", title.lower()).split())


def _label(text: str) -> str:
    """A review label as written, without joining words and stray punctuation ("at the 6 month review" →
    "the 6 month review" → "6 month review")."""
    text = " ".join(text.strip(" \t\n:–—-()[],.").split())
    text = _JOINERS.sub("", text).strip(" :–—-()[],.")
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def review_like(text: str) -> bool:
    """Whether ``text`` names a review ("Q2 2025/26", "Dec-25", "6 month review", "30/09/2025")."""
    return bool(_REVIEW_WORDS.search(text)) and len(text.split()) <= 6


def _named(title: str, words: tuple[str, ...]) -> str | None:
    """The review a title names around one of ``words`` ("RAG 6 month review", "Q3 RAG"), None if none."""
    flat = " ".join(title.replace("\n", " ").split())
    for word in words:
        pattern = rf"^{re.escape(word)}\b(?P<rest>.+)$|^(?P<head>.+?)\b{re.escape(word)}$"
        match = re.match(pattern, flat, re.IGNORECASE)
        if match:
            label = _label(match["rest"] or match["head"])
            relative = re.match(r"^(previous|last|prior|next|current|latest|this|most recent)\b", label, re.IGNORECASE)
            return label if label and review_like(label) and not relative else None
    return None


@functools.lru_cache(maxsize=4096)
def classify(title: str) -> tuple[str, str]:
    """(column key, reporting period or review label) for a header title; key "" when not recognised.

    "Progress 2017/2018" → ("progress", "2017/2018"); "Action\\nNo" → ("action_no", "");
    "RAG Mar 24" → ("rag", "Mar 24"); "RAG 6 month review" → ("rag", "6 month review");
    "Update Sept 25" → ("progress", "Sept 25"); "What has happened" → ("progress", "").
    """
    text = normalise_title(title)
    if not text:
        return "", ""
    if text in _PROGRESS:
        return "progress", ""
    for key, names in SYNONYMS.items():
        if text in names:
            return key, ""
    if text in KEPT_AS_TEXT:
        return "", ""
    if text.startswith(("what ", "which ", "how ", "who ", "when ", "by when ")):
        for pattern, key in _QUESTIONS:
            if pattern.search(text):
                return key, ""
    when = _WHEN.search(title)
    if text.startswith(_PROGRESS_WORDS) or text.endswith(_PROGRESS_WORDS):
        if when:
            return "progress", " ".join(when[1].split())
        match = _PERIOD.search(title)
        if match and text.startswith(_PROGRESS_WORDS):
            return "progress", re.sub(r"\s+", "", match[1]).replace("–", "/").replace("-", "/")
        label = _named(title, ("progress update", "progress", "update", "commentary", "position"))
        if label is not None or text.startswith(_PROGRESS_WORDS) or text.endswith(("progress", "updates")):
            return "progress", label or ""
    if text.startswith(_RAG_WORDS) or text.endswith(_RAG_WORDS):
        if when:
            return "rag", " ".join(when[1].split())
        label = _named(title, _RAG_WORDS)
        if label:
            return "rag", label
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


def kept_reason(title: str) -> str:
    """Why a column with no role was kept on each action as text, in the officer's words."""
    text = normalise_title(title)
    if not text:
        return "it has no title and its cells do not say what it holds; kept on each action as text"
    if text in KEPT_AS_TEXT:
        return "its title names something with no field of its own; kept on each action as text under its title"
    if classify(title)[0]:
        return "another column already has this role; kept on each action as text under its title"
    return "neither its title nor its cells say what it holds; kept on each action as text under its title"


def is_action_table(mapping: list[tuple[str, str]]) -> bool:
    keys = {key for key, _ in mapping}
    return "action" in keys and len(keys & {"objective", "rag", "owner", "due", "outcomes", "kpis", "progress",
                                            "action_no", "start", "achieved", "revised"}) >= 2

"""Rating names and colours: the plan's RAG scale as every view, tracker and document shows it.

One place says what a rating key is called ("Not rated" for none), which colour it is drawn in, which
text colour reads on it, and which key a typed word ("Green", "g", "AMBER") means.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendplan.colours import normalise, text_on
from sendplan.model import Plan, RagLevel

UNRATED = ""  # the key of "no rating yet", in counts and summaries
NOT_RATED = "Not rated"
UNRATED_COLOUR = "D9D9D9"
FALLBACK_COLOUR = "BFBFBF"  # a level whose colour cannot be read is drawn grey


@dataclass(frozen=True)
class RatingLook:
    """How one rating is shown: its name, its fill (hex, no #) and the text colour that reads on it."""

    name: str
    fill: str
    text: str


def rating_names(plan: Plan) -> dict[str, str]:
    """Every key of the scale → its name, in scale order, then "" → "Not rated"."""
    return {level.key: level.name for level in plan.rag_scale} | {UNRATED: NOT_RATED}


def rating_colours(plan: Plan) -> dict[str, str]:
    """Every key of the scale → its colour as six hex digits, then "" → the grey of "Not rated"."""
    return {level.key: normalise(level.colour, FALLBACK_COLOUR) for level in plan.rag_scale} | {
        UNRATED: UNRATED_COLOUR}


def level_look(level: RagLevel | None) -> RatingLook:
    """The name, fill and text colour of a level of the scale ("Not rated" in grey for none)."""
    fill = normalise(level.colour, FALLBACK_COLOUR) if level else UNRATED_COLOUR
    return RatingLook(level.name if level else NOT_RATED, fill, text_on(fill))


def rating_look(plan: Plan, key: str) -> RatingLook:
    """How ``key`` is shown ("Not rated" in grey for none or a key not on the scale)."""
    return level_look(plan.rag_level(key) if key else None)


def rating_name(plan: Plan, key: str) -> str:
    """The name of ``key`` on the plan's scale; "" when the action is not rated (or the key is unknown)."""
    level = plan.rag_level(key) if key else None
    return level.name if level else ""


def rating_key_for(plan: Plan, word: str) -> str:
    """The scale key for a rating word or abbreviation ("Green", "g", "AMBER"); "" when unknown."""
    lowered = word.strip().lower()
    for level in plan.rag_scale:
        if lowered in (level.key, level.name.lower(), level.name[:1].lower()):
            return level.key
    return ""

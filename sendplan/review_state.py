"""The plan as it was known at a review: what a pack produced for that review may show.

Later reviews, and the ratings, progress and measure values recorded at them, are left out; a due
date revised after the review's date shows as it stood then. Everything else (wording, owners,
structure) is the plan as it is now.
"""

from __future__ import annotations

from dataclasses import replace

from sendplan.codec import snapshot
from sendplan.dates import DateParseError, parse_uk_date
from sendplan.model import Plan, Review


def plan_at_review(plan: Plan, review: Review | None, progress: str = "all") -> Plan:
    """A copy of ``plan`` as known on ``review``'s date. ``progress="latest"`` keeps only the
    updates reported at that review. With no review, a copy of the plan as it is."""
    copy = snapshot(plan)
    if review is None:
        return copy
    ordered = copy.reviews_by_date()
    chosen = next((r for r in ordered if r.id == review.id), None)
    if chosen is None:
        return copy
    later = {r.id for r in ordered[ordered.index(chosen) + 1:]}
    day = chosen.day
    copy.reviews = [r for r in copy.reviews if r.id not in later]
    for _, _, action in copy.iter_actions():
        action.ratings = {k: v for k, v in action.ratings.items() if k not in later}
        action.progress = [
            u for u in action.progress
            if u.review_id not in later
            and not (not u.review_id and day is not None and u.added is not None and u.added > day)
            and (progress != "latest" or u.review_id == chosen.id)]
        for measure in action.measures:
            measure.actuals = {k: v for k, v in measure.actuals.items() if k not in later}
        if day is not None and action.due.revisions:
            kept = tuple(r for r in action.due.revisions if r.revised_on is None or r.revised_on <= day)
            action.due = replace(action.due, revisions=kept)
    return copy


class ReviewNotFound(ValueError):
    """No review of the plan matches what was asked for; the message names the plan's reviews."""


def find_review(plan: Plan, text: str | None) -> Review | None:
    """A review by id, label, short label, date (UK style) or the start of one label ("June 2026"
    for "June 2026 review"); the latest when ``text`` is None."""
    if not text:
        return plan.latest_review()
    wanted = text.strip().lower()
    for review in plan.reviews:
        if wanted in (review.id, review.label.lower(), review.short_label.lower()):
            return review
    try:
        day = parse_uk_date(text)
    except DateParseError:
        day = None
    for review in plan.reviews:
        if day is not None and review.day == day:
            return review
    starting = [r for r in plan.reviews if r.label.lower().startswith(wanted + " ")]  # "June 2026"
    if len(starting) == 1:
        return starting[0]
    labels = ", ".join(f"“{r.label}”" for r in plan.reviews_by_date()) or "none"
    raise ReviewNotFound(f"no review matches “{text}” (the plan's reviews: {labels})")

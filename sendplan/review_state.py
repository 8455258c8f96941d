"""The state of the review cycle: which review is under way, what each action reported at a review, the
rules a new review and a moved date must keep, and the plan as it was known at a review.

Every view, tracker and document asks here, so they agree: "updated at this review" means the same on
the dashboard, in review mode, in the grid's filter and in the review pack.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from sendplan.dates import DateParseError, format_date, parse_due, parse_uk_date
from sendplan.model import Action, Plan, ProgressUpdate, Review

UNDER_WAY_FOR = timedelta(weeks=6)  # a review dated this long ago (or ahead) can still be under way
REASON_NEEDED = "Say why the date moves: this plan keeps a reason with every new By When."


# -- what happened at a review -------------------------------------------------------------------------


def updates_at(action: Action, review: Review | None) -> list[ProgressUpdate]:
    """Every progress update reported for ``review``, in the order they were recorded ([] for none)."""
    if review is None:
        return []
    return [u for u in action.progress if u.review_id == review.id]


def update_at(action: Action, review: Review | None) -> ProgressUpdate | None:
    """The latest progress update reported for ``review`` (None when the action has none yet)."""
    found = updates_at(action, review)
    return found[-1] if found else None


def is_updated(action: Action, review: Review | None) -> bool:
    """True when the action has progress for ``review``."""
    return review is not None and any(u.review_id == review.id for u in action.progress)


def latest_progress(action: Action, review: Review | None) -> list[ProgressUpdate]:
    """The progress to show as "latest": every update at ``review``, else every update the action's last
    update was reported with (an action not yet updated still shows where it stood), in recorded order.

    Two owners' returns may both bring progress for one review: each is kept and shown, never only one."""
    found = updates_at(action, review)
    if found or not action.progress:
        return found
    last = action.progress[-1].review_id
    return [u for u in action.progress if u.review_id == last] if last else [action.progress[-1]]


def progress_text(updates: list[ProgressUpdate]) -> str:
    """Several updates as one text (a cell, a tracker column): each in recorded order, a blank line between."""
    return "\n\n".join(u.text for u in updates)


def review_under_way(plan: Plan, review: Review | None, today: date | None = None) -> bool:
    """A review is under way: it is dated within the last six weeks (or ahead) and some actions still
    have no update for it. The plan then opens in review mode."""
    today = today or date.today()
    if review is None or review.day is None or review.day < today - UNDER_WAY_FOR:
        return False
    return any(not is_updated(a, review) for _, _, a in plan.iter_actions())


_SEPARATORS = " \t-–—:;,.()"
_LEADING_DATE = re.compile(r"^\W*(?:update\s+|progress\s+)?(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|"
                           r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{2,4})",
                           re.IGNORECASE)


def _leading_day(text: str) -> date | None:
    """The date a text starts with ("12/11/2026: …", "Update 3 Nov 2026 – …", "Nov 2026: …"), if any."""
    match = _LEADING_DATE.match(text)
    if not match:
        return None
    ordinal = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", match[1], flags=re.IGNORECASE)
    try:
        value = parse_due(ordinal.replace(".", "/") if ordinal[:1].isdigit() and "." in ordinal else ordinal)
    except DateParseError:
        return None
    return value.day


def meant_for_review(plan: Plan, review: Review | None, text: str) -> str:
    """Why ``text`` (typed in another review's cell) belongs to ``review``: "labelled for the …" or "dated
    12/11/2026", or "" when nothing says it does."""
    if review is None:
        return ""
    start = text.strip().lower()
    for label in (review.short_label, review.label):
        if label and start.startswith(label.lower()) and start[len(label):len(label) + 1] in ("", *_SEPARATORS):
            return f"labelled for the {review.label}"
    day = _leading_day(text)
    if day is None:
        return ""
    ordered = [r for r in plan.reviews_by_date() if r.day is not None]
    earlier = [r.day for r in ordered if review.day is not None and r.day is not None and r.day < review.day]
    after = max(earlier, default=None)
    until = review.day + UNDER_WAY_FOR if review.day is not None else None
    if (after is None or day > after) and (until is None or day <= until):
        return f"dated {day:%d/%m/%Y}"
    return ""


# -- starting a review ---------------------------------------------------------------------------------


def academic_year(day: date) -> str:
    """The reporting period a review on ``day`` falls in: "2026/2027" from September."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def _first_free(base: str, taken: set[str], again: str) -> str:
    """``base``, or ``again`` filled with 2, 3… (``{base}`` and ``{n}``) until it is not in ``taken`` (casefolded)."""
    label, n = base, 2
    while label.casefold() in taken:
        label, n = again.format(base=base, n=n), n + 1
    return label


def suggested_label(plan: Plan, day: date) -> str:
    """"December 2026 review", or "December 2026 review 2" when that one exists already."""
    return _first_free(f"{day:%B %Y} review", {r.label.strip().casefold() for r in plan.reviews}, "{base} {n}")


def suggested_short_label(plan: Plan, day: date) -> str:
    """"Dec 2026", or "Dec 2026 (2)" when that one is taken: RAG chips and Word headings must tell them apart."""
    return _first_free(f"{day:%b %Y}", {r.short_label.strip().casefold() for r in plan.reviews}, "{base} ({n})")


def new_review_problem(plan: Plan, day: date, label: str, short_label: str) -> str:
    """Why a new review with this date and these labels cannot join the plan ("" when it can): a review
    is told apart from the others by its label, its short label and its date."""
    label, short_label = label.strip(), short_label.strip()
    if not label:
        return f"Give the review a label, such as “{suggested_label(plan, day)}”."
    same = next((r for r in plan.reviews if r.label.strip().casefold() == label.casefold()), None)
    if same is not None:
        return (f"There is already a review called “{same.label}”. Choose another label, such as "
                f"“{suggested_label(plan, day)}”, or carry on with that review.")
    same = next((r for r in plan.reviews
                 if short_label and r.short_label.strip().casefold() == short_label.casefold()), None)
    if same is not None:
        return (f"The {same.label} already has the short label “{same.short_label}” (used in the RAG history "
                f"and Word headings). Choose another, such as “{suggested_short_label(plan, day)}”.")
    same = next((r for r in plan.reviews if r.day == day), None)
    if same is not None:
        return (f"The {same.label} is already on {format_date(day, 'uk')}. Choose another date, or carry on "
                "with that review (choose it in the toolbar).")
    return ""


# -- moving a date -------------------------------------------------------------------------------------


def date_reason_needed(plan: Plan, action: Action) -> bool:
    """Moving this action's By When needs a reason: it already has a date, and the plan keeps a reason
    with every new one (the Plan overview page can make it optional)."""
    return plan.require_date_reason and action.due.original is not None


# -- finding a review ----------------------------------------------------------------------------------


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


# -- the plan as known at a review ---------------------------------------------------------------------


def plan_at_review(plan: Plan, review: Review | None, progress: str = "all") -> Plan:
    """The plan as known on ``review``'s date: later reviews, and the ratings, progress and measure values
    recorded at them, left out; a due date revised after the review's date shown as it stood then.
    ``progress="latest"`` keeps only the updates reported at that review. Everything else (wording,
    owners, structure) is the plan as it is now.

    A view, not a copy: the lists that differ are new, everything else is shared with ``plan``, so
    neither may be changed while the view is in use (exporters only read)."""
    ordered = plan.reviews_by_date()
    chosen = next((r for r in ordered if review is not None and r.id == review.id), None)
    if chosen is None:
        return plan
    later = {r.id for r in ordered[ordered.index(chosen) + 1:]}
    day = chosen.day

    def action_then(action: Action) -> Action:
        kept = [u for u in action.progress
                if u.review_id not in later
                and not (not u.review_id and day is not None and u.added is not None and u.added > day)
                and (progress != "latest" or u.review_id == chosen.id)]
        due = action.due
        if day is not None and due.revisions:
            due = replace(due, revisions=tuple(r for r in due.revisions if r.revised_on is None or r.revised_on <= day))
        measures = [replace(m, actuals={k: v for k, v in m.actuals.items() if k not in later}) for m in action.measures]
        return replace(action, ratings={k: v for k, v in action.ratings.items() if k not in later}, progress=kept,
                       due=due, measures=measures)

    areas = [replace(area, objectives=[replace(objective, actions=[action_then(a) for a in objective.actions])
                                       for objective in area.objectives]) for area in plan.areas]
    return replace(plan, reviews=[r for r in plan.reviews if r.id not in later], areas=areas)

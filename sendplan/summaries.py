"""The figures the dashboard and the review pack both show, computed in one place so they agree.

RAG counts per area at a review and at the one before, the change, and the exception lists:
red, overdue, revised-date and not-updated actions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sendplan.dates import DueValue
from sendplan.model import Action, Area, Plan, Review
from sendplan.ratings import UNRATED
from sendplan.review_state import is_updated

NOT_RECORDED = "Not recorded"  # a measure's value missing at a review, on the dashboard and in the review pack


@dataclass(frozen=True)
class ActionRef:
    """Enough about an action to list it and jump to it."""

    action_id: str
    area_id: str
    number: str
    text: str
    owner: str
    rating: str


@dataclass(frozen=True)
class OverdueAction:
    action: ActionRef
    due: DueValue
    days_overdue: int


@dataclass(frozen=True)
class RevisedAction:
    action: ActionRef
    times: int
    earlier: tuple[DueValue, ...]
    current: DueValue | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AreaCounts:
    area_id: str
    number: str
    title: str
    current: dict[str, int]
    previous: dict[str, int]

    @property
    def change(self) -> dict[str, int]:
        keys = set(self.current) | set(self.previous)
        return {k: self.current.get(k, 0) - self.previous.get(k, 0) for k in keys}

    @property
    def total(self) -> int:
        return sum(self.current.values())


@dataclass(frozen=True)
class PlanSummary:
    review: Review | None
    previous: Review | None
    as_of: date
    rating_keys: tuple[str, ...]  # scale order, then UNRATED
    areas: list[AreaCounts] = field(default_factory=list)
    red: list[ActionRef] = field(default_factory=list)
    overdue: list[OverdueAction] = field(default_factory=list)
    revised: list[RevisedAction] = field(default_factory=list)
    not_updated: list[ActionRef] = field(default_factory=list)

    def totals(self, which: str = "current") -> dict[str, int]:
        total: Counter[str] = Counter()
        for area in self.areas:
            total.update(getattr(area, which))
        return {key: total.get(key, 0) for key in self.rating_keys}


def area_title(area: Area) -> str:
    """The area's short title, else the first line of its wording."""
    return area.title or (area.wording.split("\n", 1)[0] if area.wording else "")


def previous_review(plan: Plan, review: Review | None) -> Review | None:
    if review is None:
        return None
    ordered = plan.reviews_by_date()
    position = ordered.index(review)
    return ordered[position - 1] if position > 0 else None


def is_overdue(plan: Plan, action: Action, rating: str, as_of: date) -> bool:
    """Due date passed and the rating does not mark the action complete (Green/Blue)."""
    due = action.due.current
    if due is None or due.day is None or due.day >= as_of:
        return False
    level = plan.rag_level(rating) if rating else None
    return not (level is not None and level.complete)


def summarise(plan: Plan, review_id: str | None = None, *, as_of: date | None = None) -> PlanSummary:
    """Figures at ``review_id`` (default: the latest review), compared with the review before it."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    previous = previous_review(plan, review)
    as_of = as_of or date.today()
    numbers = plan.numbers()
    red_keys = {level.key for level in plan.rag_scale if level.key == "red"}
    summary = PlanSummary(review=review, previous=previous, as_of=as_of,
                          rating_keys=(*(level.key for level in plan.rag_scale), UNRATED))
    for area in plan.areas:
        current: Counter[str] = Counter()
        before: Counter[str] = Counter()
        for objective in area.objectives:
            for action in objective.actions:
                rating = plan.rating_at(action, review) if review else plan.current_rating(action)
                current[rating] += 1
                before[plan.rating_at(action, previous)] += 1
                ref = ActionRef(action.id, area.id, numbers[action.id], action.text, action.owner,
                                rating)
                if rating in red_keys:
                    summary.red.append(ref)
                if is_overdue(plan, action, rating, as_of):
                    due = action.due.current
                    assert due is not None and due.day is not None
                    summary.overdue.append(OverdueAction(ref, due, (as_of - due.day).days))
                if action.due.revisions:
                    summary.revised.append(RevisedAction(
                        ref, len(action.due.revisions), action.due.earlier, action.due.current,
                        tuple(r.reason for r in action.due.revisions)))
                if review is not None and not is_updated(action, review):
                    summary.not_updated.append(ref)
        summary.areas.append(AreaCounts(
            area.id, numbers[area.id], area_title(area),
            {k: current.get(k, 0) for k in summary.rating_keys},
            {k: before.get(k, 0) for k in summary.rating_keys} if previous else {},
        ))
    return summary


def find_problems(plan: Plan) -> list[str]:
    """Things an officer should fix before a review: missing owners or dates, dangling references."""
    problems: list[str] = []
    numbers = plan.numbers()
    review_ids = {r.id for r in plan.reviews}
    scale = {level.key for level in plan.rag_scale}
    if not plan.title.strip():
        problems.append("The plan has no title.")
    for review in plan.reviews:
        if review.day is None:
            problems.append(f"Review “{review.label or 'untitled'}” has no date.")
    for area in plan.areas:
        if not area.objectives:
            problems.append(f"Area {numbers[area.id]} has no objectives.")
        for objective in area.objectives:
            if not objective.actions:
                problems.append(f"Objective {numbers[objective.id]} has no actions.")
    for _area, _objective, action in plan.iter_actions():
        number = numbers[action.id]
        if not action.text.strip():
            problems.append(f"Action {number} has no text.")
        if not action.owner.strip():
            problems.append(f"Action {number} has no owner (By Whom).")
        if action.due.current is None:
            problems.append(f"Action {number} has no due date (By When).")
        for rid, key in action.ratings.items():
            if rid not in review_ids:
                problems.append(f"Action {number} has a rating for a review that no longer exists.")
            elif key not in scale:
                problems.append(f"Action {number} is rated “{key}”, which is not on the RAG scale.")
        for update in action.progress:
            if update.review_id and update.review_id not in review_ids:
                problems.append(f"Action {number} has progress for a review that no longer exists.")
            elif not update.review_id:
                problems.append(f"Action {number} has progress not linked to any review.")
    return problems

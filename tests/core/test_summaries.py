"""The shared figures for the dashboard and the review pack, on a small hand-made plan."""

from __future__ import annotations

from datetime import date

from sendplan.dates import DueValue, parse_due
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    Objective,
    Plan,
    ProgressUpdate,
    Review,
    new_plan,
)
from sendplan.ratings import UNRATED
from sendplan.refs import assign_missing_refs
from sendplan.summaries import find_problems, summarise


def _plan() -> tuple[Plan, list[Action]]:
    plan = new_plan("Small plan")
    first = Review(label="Autumn", day=date(2026, 3, 1))
    second = Review(label="Spring", day=date(2026, 6, 1))
    plan.reviews = [second, first]  # stored out of order on purpose
    actions = [
        Action(text="Late and amber", owner="A", due=DueDate(parse_due("01.05.26")),
               ratings={first.id: "red", second.id: "amber"},
               progress=[ProgressUpdate(text="p", review_id=second.id)]),
        Action(text="Late but green", owner="B", due=DueDate(parse_due("01.05.26")),
               ratings={first.id: "amber", second.id: "green"}),
        Action(text="Revised twice", owner="C",
               due=DueDate(parse_due("01.04.26"), (DateRevision(parse_due("01.07.26"), "slow"),
                                                   DateRevision(parse_due("01.09.26"), "slower"))),
               ratings={first.id: "red"}),
        Action(text="Never rated", owner="", due=DueDate(DueValue(precision="text", text="On-going"))),
    ]
    plan.areas = [Area(title="One", objectives=[Objective(text="o", actions=actions[:2])]),
                  Area(title="Two", objectives=[Objective(text="p", actions=actions[2:])])]
    assign_missing_refs(plan)
    return plan, actions


def test_counts_change_and_exceptions() -> None:
    plan, actions = _plan()
    summary = summarise(plan, as_of=date(2026, 6, 10))
    assert summary.review is not None and summary.review.label == "Spring"
    assert summary.previous is not None and summary.previous.label == "Autumn"
    one, two = summary.areas
    assert one.current == {"red": 0, "amber": 1, "green": 1, UNRATED: 0}
    assert one.previous == {"red": 1, "amber": 1, "green": 0, UNRATED: 0}
    assert one.change == {"red": -1, "amber": 0, "green": 1, UNRATED: 0}
    # "Revised twice" was not re-rated in spring: its autumn Red carries forward
    assert two.current == {"red": 1, "amber": 0, "green": 0, UNRATED: 1}
    assert summary.totals() == {"red": 1, "amber": 1, "green": 1, UNRATED: 1}
    assert [r.action.text for r in summary.overdue] == ["Late and amber"]
    assert summary.overdue[0].days_overdue == 40
    assert [(r.action.text, r.times, r.reasons) for r in summary.revised] == [
        ("Revised twice", 2, ("slow", "slower"))]
    assert [r.text for r in summary.red] == ["Revised twice"]
    assert [r.text for r in summary.not_updated] == ["Late but green", "Revised twice", "Never rated"]
    assert summary.red[0].number == "2.1 (a)"


def test_at_an_earlier_review() -> None:
    plan, _ = _plan()
    autumn = next(r for r in plan.reviews if r.label == "Autumn")
    summary = summarise(plan, autumn.id, as_of=date(2026, 3, 1))
    assert summary.previous is None and summary.areas[0].previous == {}
    assert summary.totals() == {"red": 2, "amber": 1, "green": 0, UNRATED: 1}
    assert summary.overdue == []


def test_plan_with_no_reviews() -> None:
    plan, _ = _plan()
    plan.reviews = []
    for _, _, action in plan.iter_actions():
        action.ratings.clear()
    summary = summarise(plan)
    assert summary.review is None and summary.not_updated == []
    assert summary.totals()[UNRATED] == 4


def test_problems_are_specific() -> None:
    plan, actions = _plan()
    actions[1].due = DueDate()
    actions[0].ratings["gone"] = "red"
    problems = find_problems(plan)
    assert "Action 2.1 (b) has no owner (By Whom)." in problems
    assert "Action 1.1 (b) has no due date (By When)." in problems
    assert "Action 1.1 (a) has a rating for a review that no longer exists." in problems


def test_sample_summary_agrees_with_itself(sample_plan: Plan) -> None:
    summary = summarise(sample_plan, as_of=date(2026, 11, 22))
    assert sum(area.total for area in summary.areas) == 60
    assert len(summary.overdue) > 0 and len(summary.revised) == 7
    assert len(summary.not_updated) > 0

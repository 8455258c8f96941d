"""The plan as known at a review: later reviews' ratings, progress, measures and date changes left out."""

from __future__ import annotations

from datetime import date

from sendplan.codec import plan_to_dict
from sendplan.dates import DueValue
from sendplan.model import DateRevision, DueDate, Plan, ProgressUpdate
from sendplan.review_state import plan_at_review


def test_later_facts_are_left_out_and_the_plan_is_unchanged(sample_plan: Plan) -> None:
    before = plan_to_dict(sample_plan)
    ordered = sample_plan.reviews_by_date()
    march = ordered[1]
    action = sample_plan.areas[0].objectives[0].actions[0]
    action.due = DueDate(DueValue(date(2026, 1, 31)), (
        DateRevision(DueValue(date(2026, 2, 28)), "known", None),
        DateRevision(DueValue(date(2026, 4, 30)), "later", date(2026, 4, 1))))
    action.progress.append(ProgressUpdate(text="Unlinked, written later", added=date(2026, 5, 1)))
    action.progress.append(ProgressUpdate(text="Unlinked, undated"))
    before = plan_to_dict(sample_plan)
    seen = plan_at_review(sample_plan, march)
    assert plan_to_dict(sample_plan) == before
    assert [r.label for r in seen.reviews_by_date()] == [r.label for r in ordered[:2]]
    copy = seen.areas[0].objectives[0].actions[0]
    assert [r.reason for r in copy.due.revisions] == ["known"]
    texts = [u.text for u in copy.progress]
    assert "Unlinked, written later" not in texts and "Unlinked, undated" in texts
    assert {u.review_id for u in copy.progress if u.review_id} <= {r.id for r in ordered[:2]}
    later_ids = {r.id for r in ordered[2:]}
    for _, _, item in seen.iter_actions():
        assert not later_ids & set(item.ratings)
        for measure in item.measures:
            assert not later_ids & set(measure.actuals)


def test_latest_progress_only(sample_plan: Plan) -> None:
    june = sample_plan.reviews_by_date()[2]
    seen = plan_at_review(sample_plan, june, progress="latest")
    updates = [u for _, _, a in seen.iter_actions() for u in a.progress]
    assert updates and {u.review_id for u in updates} == {june.id}


def test_no_review_is_the_plan_as_it_is(sample_plan: Plan) -> None:
    assert plan_to_dict(plan_at_review(sample_plan, None)) == plan_to_dict(sample_plan)


def test_text_meant_for_a_review(sample_plan: Plan) -> None:
    """Words typed in last year's progress cell belong to this review when dated or labelled for it."""
    from sendplan.review_state import meant_for_review

    november = sample_plan.reviews_by_date()[-1]  # 16/11/2026, after the September review
    assert meant_for_review(sample_plan, november, "Nov 2026: the panel met") == "labelled for the November 2026 review"
    assert meant_for_review(sample_plan, november, "12/11/2026 – the panel met") == "dated 12/11/2026"
    assert meant_for_review(sample_plan, november, "Update 3rd November 2026: met") == "dated 03/11/2026"
    assert meant_for_review(sample_plan, november, "01/12/2026 written just after") == "dated 01/12/2026"
    assert meant_for_review(sample_plan, november, "15/09/2026: before September's review") == ""
    assert meant_for_review(sample_plan, november, "31/03/2027 far too late") == ""
    assert meant_for_review(sample_plan, november, "The panel met.") == ""
    assert meant_for_review(sample_plan, None, "Nov 2026: x") == ""

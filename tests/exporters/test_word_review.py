"""A pack produced for a review shows the plan as it was known on that review's date: checked for
every review of the sample, against figures worked out here from the plan itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx_helpers import W, action_tables, cell_text, column, open_docx
from sendplan.exporters.word import WordOptions, export_docx
from sendplan.resources.sample_builder import build_sample_plan

from sendplan.model import Plan

SAMPLE = build_sample_plan()
REVIEWS = [r.label for r in SAMPLE.reviews_by_date()]


def _known_dates(plan: Plan, action, day) -> list[str]:  # type: ignore[no-untyped-def]
    values = [action.due.original] + [r.value for r in action.due.revisions
                                      if r.revised_on is None or r.revised_on <= day]
    return [v.display("dotted") for v in values if v is not None]


@pytest.mark.parametrize("label", REVIEWS)
def test_the_pack_is_true_to_its_review(sample_plan: Plan, tmp_path: Path, label: str) -> None:
    ordered = sample_plan.reviews_by_date()
    review = next(r for r in ordered if r.label == label)
    later = ordered[ordered.index(review) + 1:]
    options = WordOptions.for_preset("review-pack", review_id=review.id)
    path = export_docx(sample_plan, tmp_path / "r.docx", options).path
    document = open_docx(path)
    tables = action_tables(document)
    actions = [a for _, _, a in sample_plan.iter_actions()]

    by_when = [cell_text(tc) for tbl in tables for tc in column(tbl, "By When")]
    ratings = [cell_text(tc) for tbl in tables for tc in column(tbl, "RAG")]
    names = {level.key: level.name for level in sample_plan.rag_scale}
    for action, shown, rating in zip(actions, by_when, ratings, strict=True):
        known = _known_dates(sample_plan, action, review.day)
        assert shown.split("\n") == [f"was {d}" for d in known[:-1]] + known[-1:]  # superseded ones say "was"
        before = ordered[ordered.index(review) - 1] if ordered.index(review) else None
        was = names.get(sample_plan.rating_at(action, before)) if before else None
        assert rating == names.get(sample_plan.rating_at(action, review), "Not rated") + (f"\nwas {was}" if was else "")

    progress = "\n".join(cell_text(tc) for tbl in tables for tr in tbl.findall(f"{W}tr")[1:]
                         for tc in tr.findall(f"{W}tc"))
    for gone in later:
        assert f"{gone.short_label}:" not in progress
    assert f"{review.short_label}:" in progress

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    revised = sum(1 for a in actions if _known_dates(sample_plan, a, review.day)[1:])
    red = sum(1 for a in actions if sample_plan.rating_at(a, review) == "red")
    assert f"Actions whose date was revised ({revised})" in headings
    assert f"Red actions ({red})" in headings
    overdue = next(h for h in headings if h.startswith("Overdue actions"))
    expected_overdue = 0
    for action in actions:
        values = _known_dates(sample_plan, action, review.day)
        current = [r.value for r in action.due.revisions if r.revised_on is None or r.revised_on <= review.day]
        due = (current[-1] if current else action.due.original)
        level = sample_plan.rag_level(sample_plan.rating_at(action, review))
        if values and due.day is not None and due.day < review.day and not (level and level.complete):
            expected_overdue += 1
    assert int(re.search(r"\((\d+)\)", overdue)[1]) == expected_overdue  # type: ignore[index]

    measures = next(t for t in document.element.body.iter(f"{W}tbl")
                    if t.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == "Key performance measures")
    header = [cell_text(tc) for tc in measures.find(f"{W}tr").findall(f"{W}tc")]
    assert header[-1] == review.short_label and not {r.short_label for r in later} & set(header)

    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    assert f"Progress at {review.label}" in footer


def test_a_date_revised_later_is_not_shown(sample_plan: Plan, tmp_path: Path) -> None:
    march = next(r for r in sample_plan.reviews if r.label == "March 2026 review")
    path = export_docx(sample_plan, tmp_path / "m.docx", WordOptions.for_preset("review-pack", review_id=march.id)).path
    text = "\n".join(cell_text(tc) for tbl in action_tables(open_docx(path)) for tc in column(tbl, "By When"))
    assert "31.12.26" not in text and "30.09.26" in text
    assert sample_plan.areas[0].objectives[1].actions[2].due.current.display() == "31.12.26"  # the plan is unchanged

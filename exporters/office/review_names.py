"""How an import names the reviews it makes, alike for Word and Excel: one short-label form for a month
("Mar 2025", whether the document wrote "March 2025" or "Mar 25"), and the review a plain RAG column rates
at when the document names none — dated by the document's own date when it gives one."""

from __future__ import annotations

import calendar
from datetime import date

from sendplan.model import Review

AT_IMPORT = "Position at import"


def month_label(day: date) -> str:
    """"Mar 2025": the one form of a review's short label for a month."""
    return f"{calendar.month_abbr[day.month]} {day.year}"


def import_review(plan_date: date | None) -> Review:
    """The review a plain RAG or progress column rates at when the document names no review: "Position at
    3 February 2025" when the document carries its own date (its version line), else "Position at import",
    dated today. Its label reads after "Progress at" or alone in a pack's footer."""
    if plan_date is not None:
        return Review(label=f"Position at {plan_date.day} {plan_date:%B %Y}", short_label=month_label(plan_date),
                      day=plan_date)
    return Review(label=AT_IMPORT, short_label="At import", day=date.today())

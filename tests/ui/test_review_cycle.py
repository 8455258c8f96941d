"""The review cycle in the app: dashboard, starting a review, returns out and in, import preview, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from sendplan.summaries import summarise


def test_dashboard_agrees_with_the_core_summary(qtbot: Any, window: Any) -> None:
    dashboard = window.dashboard
    assert window.stack.currentWidget() is dashboard, "the dashboard is the landing page"
    plan = window.session.plan
    expected = summarise(plan, window.session.current_review.id, as_of=date.today())
    assert dashboard.summary == expected
    assert dashboard.counts.item(0, 1).text() == (
        f"{expected.areas[0].current['red']} (was {expected.areas[0].previous['red']}, ±0)")
    assert dashboard.lists["overdue"].count() == len(expected.overdue)
    assert dashboard.titles["red"].text() == f"<b>Red actions ({len(expected.red)})</b>"
    assert "Stacked bar chart" in dashboard.chart.accessibleDescription()
    item = dashboard.lists["revised"].item(0)
    dashboard.lists["revised"].itemActivated.emit(item)
    assert window.stack.currentIndex() == 0
    assert window.current_action().id == item.data(Qt.ItemDataRole.UserRole)
    earlier = plan.reviews_by_date()[1]
    window.review_box.setCurrentIndex(window.review_box.findData(earlier.id))
    assert dashboard.summary.review is earlier

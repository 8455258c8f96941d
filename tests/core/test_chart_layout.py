"""The RAG chart's layout: one scale across split parts, readable label sizes, nothing drawn outside."""

from __future__ import annotations

import copy

from sendplan.chart_layout import SMALL_PT, layout_chart, split_chart
from sendplan.model import Plan, new_id
from sendplan.summaries import summarise

COLOURS = {"red": "C00000", "amber": "FFC000", "green": "00B050", "blue": "0070C0", "": "D9D9D9"}
NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue", "": "Not rated"}


def _big(plan: Plan) -> Plan:
    for _ in range(6):
        for area in copy.deepcopy(plan.areas[:4]):
            area.id = new_id()
            for objective in area.objectives:
                objective.id = new_id()
                for action in objective.actions:
                    action.id = new_id()
            plan.areas.append(area)
    plan.areas[-1].objectives[0].actions = plan.areas[-1].objectives[0].actions[:1]
    return plan


def test_split_parts_share_one_scale_and_fit_the_height(sample_plan: Plan) -> None:
    summary = summarise(_big(sample_plan))
    parts = split_chart(summary, COLOURS, NAMES, 600, 430)
    assert len(parts) > 1
    assert [a for p in parts for a in p.area_ids] == [a.area_id for a in summary.areas]
    per_action = set()
    for part in parts:
        assert part.height <= 430
        for box in part.boxes:
            assert 0 <= box.x and box.x + box.width <= part.width + 0.01 and box.y + box.height <= part.height
    whole = layout_chart(summary, COLOURS, NAMES, 600)
    for layout in [*parts, whole]:  # one action is the same length of bar everywhere
        per_action |= {round(b.width / b.count, 6) for b in layout.boxes if b.count}
    assert len(per_action) == 1


def test_labels_are_at_least_nine_point(sample_plan: Plan) -> None:
    layout = layout_chart(summarise(sample_plan), COLOURS, NAMES, 600)
    assert layout.labels and min(label.size_pt for label in layout.labels) >= 9 == SMALL_PT
    titles = [label.text for label in layout.labels]
    assert any(t.startswith("1. Leadership") for t in titles) and "Amber" in titles

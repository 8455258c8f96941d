"""The RAG chart's layout (bars, scale, labels, legend), computed once for every way it is drawn.

Horizontal stacked bars: for each area, the previous review's bar above this review's, each
tagged with its review's short label ("Sep 2026" above "Nov 2026"). The layout is in points at the
size it will be shown; Pillow draws it for Word and QPainter for the dashboard, so both show the
same chart. Split across several images, every part keeps the same scale. No drawing library is
imported here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sendplan.model import Review
from sendplan.summaries import AreaCounts, PlanSummary

Measure = Callable[[str, float, bool], float]  # (text, size in pt, bold) → width in pt
LABEL_PT = 9.5
SMALL_PT = 9.0
TITLE_PT = 11.0
BAR_PT = 13.0
GAP_PT = 3.0
MUTED = "404040"


def rough_measure(text: str, size_pt: float, bold: bool = False) -> float:
    """A fallback width for sans-serif text when no font metrics are at hand."""
    return len(text) * size_pt * (0.58 if bold else 0.55)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str  # RRGGBB
    outline: str = ""
    count: int = 0  # for a bar: the number of actions it stands for


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the text's vertical middle
    text: str
    size_pt: float
    colour: str = "000000"
    anchor: str = "left"  # left, centre or right of x
    bold: bool = False


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    labels: tuple[Label, ...]
    first_area: str
    last_area: str
    area_ids: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fit(text: str, room: float, size: float, measure: Measure, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``room``."""
    text = _one_line(text)
    if measure(text, size, bold) <= room:
        return text
    while text and measure(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def shown_keys(summary: PlanSummary) -> list[str]:
    return [k for k in summary.rating_keys if any(a.current.get(k) or a.previous.get(k) for a in summary.areas)]


def scale_of(summary: PlanSummary) -> int:
    """The largest bar of the whole summary: every part of a split chart uses it."""
    return max([a.total for a in summary.areas] + [sum(a.previous.values()) for a in summary.areas] + [1])


def bar_tags(summary: PlanSummary) -> tuple[str, str]:
    """What the two bars of an area are called: the reviews' short labels ("Sep 2026", "Nov 2026"),
    so a reader sees which review each bar is, or "was" and "now" where a review has none."""
    def tag(review: Review | None, fallback: str) -> str:
        text = _one_line(review.short_label) if review is not None else ""
        return text if text and len(text) <= 12 else fallback
    return tag(summary.previous, "was"), tag(summary.review, "now")


def area_height(summary: PlanSummary) -> float:
    bars = 2 if summary.previous is not None else 1
    return bars * (BAR_PT + GAP_PT) + 2 * GAP_PT


def layout_chart(summary: PlanSummary, colours: dict[str, str], names: dict[str, str], width: float, *,
                 areas: Sequence[AreaCounts] | None = None, scale: int | None = None,
                 measure: Measure = rough_measure, title: bool = True) -> ChartLayout:
    """The chart for ``areas`` (default: all of the summary's) at ``width`` points wide."""
    areas = list(summary.areas if areas is None else areas)
    scale = scale or scale_of(summary)
    keys = shown_keys(summary)
    boxes: list[Box] = []
    labels: list[Label] = []
    y = 0.0
    if title:
        heading = f"RAG ratings by area at {summary.review.label}" if summary.review else "RAG ratings by area"
        if areas and len(areas) < len(summary.areas):  # one part of a split chart says which areas it shows
            heading += f" (areas {areas[0].number} to {areas[-1].number})"
        labels.append(Label(0, TITLE_PT * 0.7, _fit(heading, width, TITLE_PT, measure, True), TITLE_PT, bold=True))
        y = TITLE_PT * 1.6
    with_previous = summary.previous is not None
    was_tag, now_tag = bar_tags(summary)
    tag_room = max(measure(was_tag, SMALL_PT, False), measure(now_tag, SMALL_PT, False)) + 6 if with_previous else 0.0
    names_room = min(width * 0.34, max([measure(_one_line(f"{a.number}. {a.title}"), LABEL_PT, False)
                                        for a in areas] + [40.0]) + 6)
    left = names_room + tag_room
    plot = max(40.0, width - left - 4)
    per_area = area_height(summary)
    for area in areas:
        text = _fit(f"{area.number}. {area.title}", names_room - 6, LABEL_PT, measure)
        labels.append(Label(0, y + per_area / 2, text, LABEL_PT))
        bars = ([(was_tag, area.previous)] if with_previous else []) + [(now_tag, area.current)]
        by = y + GAP_PT
        for tag, counts in bars:
            if with_previous:
                labels.append(Label(left - 4, by + BAR_PT / 2, tag, SMALL_PT, MUTED, "right"))
            x = left
            for key in keys:
                count = counts.get(key, 0)
                if not count:
                    continue
                bar = plot * count / scale
                fill = colours.get(key, "BFBFBF")
                boxes.append(Box(x, by, bar, BAR_PT, fill, "FFFFFF", count))
                if bar >= measure(str(count), SMALL_PT, True) + 4:
                    labels.append(Label(x + bar / 2, by + BAR_PT / 2, str(count), SMALL_PT, _text_on(fill),
                                        "centre", True))
                x += bar
            by += BAR_PT + GAP_PT
        y += per_area
    y += GAP_PT * 2
    x = 0.0
    swatch = LABEL_PT
    for key in keys:  # the legend, wrapping onto a new line when the width is used up
        name = _fit(names.get(key, key), width / 2, LABEL_PT, measure)
        needed = swatch + 4 + measure(name, LABEL_PT, False) + 12
        if x and x + needed > width:
            x, y = 0.0, y + LABEL_PT * 1.8
        boxes.append(Box(x, y + LABEL_PT * 0.4, swatch, swatch, colours.get(key, "BFBFBF"), "000000"))
        labels.append(Label(x + swatch + 4, y + LABEL_PT * 0.4 + swatch / 2, name, LABEL_PT))
        x += needed
    height = y + LABEL_PT * 2
    first = areas[0].number if areas else ""
    last = areas[-1].number if areas else ""
    return ChartLayout(width, height, tuple(boxes), tuple(labels), first, last, tuple(a.area_id for a in areas))


def split_chart(summary: PlanSummary, colours: dict[str, str], names: dict[str, str], width: float,
                max_height: float, measure: Measure = rough_measure) -> list[ChartLayout]:
    """The chart in parts no taller than ``max_height``, all on one scale."""
    fixed = TITLE_PT * 1.6 + GAP_PT * 2 + LABEL_PT * 6  # title and a legend of up to three lines
    per_part = max(1, int((max_height - fixed) // area_height(summary)))
    scale = scale_of(summary)
    parts = [summary.areas[i:i + per_part] for i in range(0, len(summary.areas), per_part)] or [[]]
    return [layout_chart(summary, colours, names, width, areas=part, scale=scale, measure=measure)
            for part in parts]


def _text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    try:
        r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "000000"
    light = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "FFFFFF"


def chart_alt_text(summary: PlanSummary, names: dict[str, str]) -> str:
    """The chart's content in words, for screen readers."""
    parts = []
    for area in summary.areas:
        now = ", ".join(f"{n} {names.get(k, k)}" for k, n in area.current.items() if n) or "no actions"
        text = f"Area {area.number} ({area.title}): {now}"
        if summary.previous is not None:
            was = ", ".join(f"{n} {names.get(k, k)}" for k, n in area.previous.items() if n) or "no actions"
            text += f"; at {summary.previous.label}: {was}"
        parts.append(text)
    review = summary.review.label if summary.review else "the current position"
    return f"Stacked bar chart of RAG ratings by area at {review}. " + ". ".join(parts) + "."

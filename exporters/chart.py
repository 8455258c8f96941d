"""A stacked bar chart of RAG counts per area (this review and the previous one), as PNG bytes.

Drawn with Pillow so the exporters stay free of Qt; the numbers are also given as text beside it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from sendplan.exporters.colours import rgb, text_on

from sendplan.summaries import PlanSummary

if TYPE_CHECKING:
    from PIL import ImageFont

SCALE = 2  # draw at twice the size for crisp printing
WIDTH = 1000


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    return ImageFont.load_default(size=size * SCALE)


def _shorten(text: str, limit: int) -> str:
    """One line (chart labels cannot wrap), cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rag_chart_png(summary: PlanSummary, colours: dict[str, str], names: dict[str, str]) -> bytes:
    """Horizontal stacked bars: for each area, the previous review's bar above this review's."""
    from PIL import Image, ImageDraw  # Pillow loads only when a chart is drawn

    keys = [k for k in summary.rating_keys if any(a.current.get(k) or a.previous.get(k) for a in summary.areas)]
    with_previous = summary.previous is not None
    bar, gap = 20, 4  # callers split charts into page-sized groups of areas
    per_area = bar * (2 if with_previous else 1) + gap * 3
    top, left, right = 40, 330, 40
    legend = 48
    height = top + per_area * max(1, len(summary.areas)) + legend
    image = Image.new("RGB", (WIDTH * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    label_font, small_font = _font(13), _font(11)
    largest = max([a.total for a in summary.areas] + [sum(a.previous.values()) for a in summary.areas] + [1])
    plot = WIDTH - left - right

    def s(value: float) -> int:
        return int(value * SCALE)

    title = f"RAG ratings by area at {summary.review.label}" if summary.review else "RAG ratings by area"
    draw.text((s(10), s(8)), _shorten(title, 110), fill="black", font=_font(15))
    y = top
    for area in summary.areas:
        label = _shorten(f"{area.number}. {area.title}", 42)
        draw.text((s(10), s(y + gap + (per_area - 2 * gap) / 2)), label, fill="black", font=label_font,
                  anchor="lm")
        bars = [("previous", area.previous)] if with_previous else []
        bars.append(("current", area.current))
        by = y + gap
        for which, counts in bars:
            x = left
            for key in keys:
                count = counts.get(key, 0)
                if not count:
                    continue
                width = plot * count / largest
                fill = colours.get(key, "BFBFBF")
                draw.rectangle((s(x), s(by), s(x + width) - 1, s(by + bar)), fill=rgb(fill), outline="white")
                if width >= 16:
                    draw.text((s(x + width / 2), s(by + bar / 2)), str(count), fill=f"#{text_on(fill)}",
                              font=small_font, anchor="mm")
                x += width
            tag = "was" if which == "previous" else "now"
            draw.text((s(left - 6), s(by + bar / 2)), tag, fill="#404040", font=small_font, anchor="rm")
            by += bar + gap
        y += per_area
    x = 10
    for key in keys:
        draw.rectangle((s(x), s(y + 14), s(x + 16), s(y + 30)), fill=rgb(colours.get(key, "BFBFBF")),
                       outline="black")
        name = _shorten(names.get(key, key), 30)
        draw.text((s(x + 22), s(y + 22)), name, fill="black", font=label_font, anchor="lm")
        x += 34 + draw.textlength(name, font=label_font) / SCALE
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


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

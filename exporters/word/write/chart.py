"""Draw the RAG chart's layout (:mod:`sendplan.chart_layout`) as a PNG with Pillow, for Word.

The layout is in points at print size; the image is drawn at 200 dots per inch so text printed at
9 pt is 9 pt on paper. The numbers are also given in the document as a table and as alt text.
"""

from __future__ import annotations

import io
from functools import lru_cache

from sendplan.chart_layout import ChartLayout
from sendplan.colours import rgb

DPI = 200
_FONTS = {False: ("arial.ttf", "LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
          True: ("arialbd.ttf", "LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf")}
_ANCHORS = {"left": "lm", "centre": "mm", "right": "rm"}


@lru_cache(maxsize=32)
def _font(pixels: int, bold: bool):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for name in _FONTS[bold]:
        for candidate in (name, f"/usr/share/fonts/truetype/liberation/{name}"):
            try:
                return ImageFont.truetype(candidate, pixels)
            except OSError:
                continue
    return ImageFont.load_default(size=pixels)


def chart_png(layout: ChartLayout) -> bytes:
    """The layout drawn at print resolution."""
    from PIL import Image, ImageDraw

    scale = DPI / 72

    def s(value: float) -> int:
        return int(round(value * scale))

    image = Image.new("RGB", (s(layout.width), s(layout.height)), "white")
    draw = ImageDraw.Draw(image)
    for box in layout.boxes:
        draw.rectangle((s(box.x), s(box.y), s(box.x + box.width) - 1, s(box.y + box.height) - 1),
                       fill=rgb(box.fill), outline=rgb(box.outline) if box.outline else None)
    for label in layout.labels:
        draw.text((s(label.x), s(label.y)), label.text, fill=rgb(label.colour),
                  font=_font(s(label.size_pt), label.bold), anchor=_ANCHORS[label.anchor])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()

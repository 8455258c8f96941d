"""Draw the RAG chart's layout (:mod:`sendplan.chart_layout`) as a PNG with Pillow, for Word.

The layout is in points at print size; the image is drawn at 200 dots per inch so text printed at
9 pt is 9 pt on paper. The numbers are also given in the document as a table and as alt text. The
PNG is written here (rows unfiltered, fast deflate): Pillow's own encoder tries every filter on
every row, which took three times as long as drawing the chart, for the same pixels.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from typing import Any

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
    return png_bytes(image)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bytes(image: Any) -> bytes:
    """An RGB image as a PNG: 8 bits a channel, no filter, deflated at speed."""
    width, height = image.size
    stride = width * 3
    padded = image.tobytes("raw", "RGB", stride + 1)  # each row followed by one zero byte
    deflate = zlib.compressobj(1)
    if padded[stride::stride + 1].count(0) == height:  # so, led by a zero byte, each row has its filter byte
        data = deflate.compress(b"\0") + deflate.compress(memoryview(padded)[:-1])
    else:  # an encoder that does not zero the padding: put the filter bytes in one by one
        raw = memoryview(image.tobytes())
        data = b"".join(deflate.compress(b"\0") + deflate.compress(raw[start:start + stride])
                        for start in range(0, stride * height, stride))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, deflate, no filter, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data + deflate.flush())
            + _chunk(b"IEND", b""))

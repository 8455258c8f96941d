"""Measure rendered pages: where the ink ends on each page, and whether a table continues overleaf."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

DPI = 50
MARGIN_MM = 12.7


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext, layout mode)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120, encoding="utf-8").stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def blank_below_ink(pdf: Path, folder: Path) -> list[float]:
    """For each page, the share of the text area left blank below the last inked line."""
    prefix = folder / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(prefix)], check=True, timeout=300)
    shares = []
    for image_path in sorted(folder.glob(f"{pdf.stem}-page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        with Image.open(image_path) as image:
            width, height = image.size
            margin = round(MARGIN_MM / 25.4 * DPI)
            top, bottom = margin, height - margin
            pixels = image.load()
            last = top
            for y in range(top, bottom):
                if any(pixels[x, y] < 160 for x in range(margin, width - margin, 2)):
                    last = y
            shares.append((bottom - last) / (bottom - top))
    return shares


def continues_overleaf(texts: list[str], header: tuple[str, ...] = ("Action", "Objective")) -> list[bool]:
    """Whether each page is followed by a page that starts with a repeated table header (its first
    words are the first header cells' words, side by side)."""
    result = []
    for following in texts[1:]:
        lines = [line.strip() for line in following.splitlines() if line.strip()]
        body = lines[1:3]  # after the running header (the plan title)
        result.append(bool(body) and tuple(body[0].split()[:len(header)]) == header)
    return result + [False]


def blank_pages_before_continuing_tables(pdf: Path, folder: Path) -> float:
    """Total blank space, in pages, on pages whose table goes on overleaf."""
    shares = blank_below_ink(pdf, folder)
    flags = continues_overleaf(page_texts(pdf))
    return sum(share for share, flag in zip(shares, flags, strict=True) if flag)

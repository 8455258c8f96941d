"""Colour arithmetic for accessible output: WCAG contrast ratios and readable text colours."""

from __future__ import annotations

import re
from functools import lru_cache

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
BLACK, WHITE = "000000", "FFFFFF"


def normalise(colour: str, fallback: str = "000000") -> str:
    """``#c00000`` → ``C00000``; anything unparseable → ``fallback``."""
    match = _HEX.match(colour.strip()) if colour else None
    return match[1].upper() if match else fallback


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=1024)
def luminance(colour: str) -> float:
    hex_ = normalise(colour)
    r, g, b = (int(hex_[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@lru_cache(maxsize=1024)
def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def darken_for(colour: str, background: str = WHITE, ratio: float = 4.5) -> str:
    """``colour`` darkened just enough to reach ``ratio`` against ``background``."""
    hex_ = normalise(colour)
    rgb = [int(hex_[i:i + 2], 16) for i in (0, 2, 4)]
    for _ in range(100):
        candidate = "".join(f"{v:02X}" for v in rgb)
        if contrast(candidate, background) >= ratio:
            return candidate
        rgb = [int(v * 0.92) for v in rgb]
    return BLACK


def rgb(colour: str) -> tuple[int, int, int]:
    hex_ = normalise(colour)
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)

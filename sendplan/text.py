"""Clean text on the way into a plan so that anything stored can be written as XML/JSON safely."""

from __future__ import annotations

import re

# Characters that XML 1.0 forbids: C0 controls other than tab/newline/CR, surrogates, U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Word's vertical tab (manual line break) and form feed (page break) become line breaks.
_BREAK_CHARACTERS = ("\x0b", "\x0c", "\u2028", "\u2029")


def clean_text(value: str) -> str:
    """Return ``value`` with line endings normalised and XML-forbidden characters removed.

    ``\\x0b`` (a soft return pasted from Word) becomes a line break; ``\\x07`` (Word's cell
    marker) and other control characters are dropped; tabs, non-breaking spaces, smart quotes and
    emoji are kept as typed.
    """
    if not value:
        return ""
    if value.isprintable():  # nothing to clean (the usual case, checked at C speed)
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    for char in _BREAK_CHARACTERS:
        if char in text:
            text = text.replace(char, "\n")
    return _FORBIDDEN.sub("", text)


def clean_line(value: str) -> str:
    """Like :func:`clean_text` but for single-line fields: breaks become spaces, ends trimmed."""
    return " ".join(clean_text(value).split("\n")).strip()

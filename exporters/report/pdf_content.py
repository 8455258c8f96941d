"""Place the text of a PDF page quickly: a small interpreter for the text operators of its content stream.

pypdf's own text extraction walks every operator through its general object parser, which takes
about 40 ms a page for the one-glyph-run-per-kerning-pair output of word processors; a 60-page report
would miss its 2 s budget. This reads the content stream with one regular expression, follows only
the operators that place text (q Q cm BT Tf Td TD Tm T* TL Tc Tw Tz Tj TJ ' "), and decodes strings
through each font's ToUnicode map. A page it cannot read exactly (a form XObject, a font without a
ToUnicode map) returns None, and the caller falls back to pypdf's visitor for that page.
"""

from __future__ import annotations

import re
from typing import Any

Piece = tuple[float, float, float, str, float]  # baseline y, x, font size on the page, text, x where it ends
Matrix = tuple[float, float, float, float, float, float]
_TOKEN = re.compile(rb"%[^\r\n]*|<<|>>|<[0-9A-Fa-f\s]*>|\(|\[|\]|/[^\s/\[\]()<>{}%]*|[+-]?(?:\d+\.?\d*|\.\d+)"
                    rb"|[A-Za-z'\"*][A-Za-z0-9*]*|[{}]")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


class Unsupported(Exception):
    """The page uses something this reader does not follow; use pypdf for it."""


def _mul(a: Matrix, b: Matrix) -> Matrix:
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A (string) from just after its opening parenthesis: (bytes, index after the closing one)."""
    out = bytearray()
    depth, i = 1, start
    while i < len(data):
        char = data[i]
        if char == 0x5C:  # backslash
            nxt = data[i + 1] if i + 1 < len(data) else 0
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4])
                out.append(int(digits[0], 8) & 0xFF)  # type: ignore[index]
                i += 1 + len(digits[0])  # type: ignore[index]
            elif nxt in (0x0D, 0x0A):
                i += 2
            else:
                out.append(nxt)
                i += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(char)
        i += 1
    return bytes(out), i


class Font:
    """What is needed to decode a font's strings: code length, code → text, code → width."""

    def __init__(self, font: Any) -> None:
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            raise Unsupported("Type 3 font")
        self.two_bytes = subtype == "/Type0"
        self.map: dict[int, str] = {}
        self.widths: dict[int, float] = {}
        self.default_width = 500.0
        cmap = font.get("/ToUnicode")
        if cmap is None:
            encoding = font.get("/Encoding")
            if self.two_bytes or not (encoding is None or encoding in ("/WinAnsiEncoding", "/StandardEncoding")):
                raise Unsupported("font without a ToUnicode map")
            self.map = {code: bytes([code]).decode("cp1252", "replace") for code in range(256)}
        else:
            self._read_cmap(cmap.get_object().get_data())
        self._read_widths(font)

    def _read_cmap(self, data: bytes) -> None:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            pairs = _HEX.findall(block)
            for source, target in zip(pairs[::2], pairs[1::2], strict=False):
                self.map[int(source, 16)] = _utf16(target)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for low, high, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)",
                                              block):
                start, end = int(low, 16), int(high, 16)
                if end - start > 65535:
                    continue
                if rest.startswith(b"["):
                    for offset, target in enumerate(_HEX.findall(rest)):
                        self.map[start + offset] = _utf16(target)
                else:
                    base = int(rest[1:-1], 16)
                    width = len(rest) - 2
                    for code in range(start, end + 1):
                        self.map[code] = _utf16(f"{base + code - start:0{width}X}".encode())

    def _read_widths(self, font: Any) -> None:
        if self.two_bytes:
            descendant = font["/DescendantFonts"][0].get_object()
            self.default_width = float(descendant.get("/DW", 1000))
            spec = list(descendant.get("/W", []))
            i = 0
            while i + 1 < len(spec):
                first = int(spec[i])
                second = spec[i + 1]
                if isinstance(second, list) or hasattr(second, "__iter__"):
                    for offset, width in enumerate(second):
                        self.widths[first + offset] = float(width)
                    i += 2
                else:
                    for code in range(first, int(second) + 1):
                        self.widths[code] = float(spec[i + 2])
                    i += 3
            return
        first = int(font.get("/FirstChar", 0))
        for offset, width in enumerate(font.get("/Widths", []) or []):
            self.widths[first + offset] = float(width)

    def decode(self, raw: bytes) -> tuple[str, float, int]:
        """(text, total width in thousandths of an em, number of spaces) of a shown string."""
        step = 2 if self.two_bytes else 1
        text, width, spaces = [], 0.0, 0
        for i in range(0, len(raw) - step + 1, step):
            code = (raw[i] << 8 | raw[i + 1]) if step == 2 else raw[i]
            char = self.map.get(code, "")
            text.append(char)
            width += self.widths.get(code, self.default_width)
            spaces += char == " " and step == 1
        return "".join(text), width, spaces


def _utf16(hexed: bytes) -> str:
    data = bytes.fromhex(hexed.decode())
    return data.decode("utf-16-be", "replace") if len(data) >= 2 else data.decode("latin-1")


def page_pieces(page: Any) -> list[Piece]:
    """The pieces of text on ``page`` with their positions; raises Unsupported when the page needs pypdf."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    fonts_dict = resources.get("/Font")
    fonts_dict = fonts_dict.get_object() if fonts_dict is not None else {}
    xobjects = resources.get("/XObject")
    forms = {name for name, ref in (xobjects.get_object().items() if xobjects is not None else [])
             if ref.get_object().get("/Subtype") == "/Form"}
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    fonts: dict[str, Font] = {}
    pieces: list[Piece] = []
    stack: list[Matrix] = []
    ctm, tm, tlm = _IDENTITY, _IDENTITY, _IDENTITY
    font: Font | None = None
    size, leading, char_space, word_space, scale = 0.0, 0.0, 0.0, 0.0, 1.0
    operands: list[Any] = []
    array: list[Any] | None = None
    position = 0
    while True:
        match = _TOKEN.search(data, position)
        if match is None:
            break
        token = match[0]
        position = match.end()
        first = token[0]
        if first == 0x28:  # (
            value, position = _literal(data, position)
            (array if array is not None else operands).append(value)
            continue
        if first == 0x3C and token != b"<<":  # <hex>
            hexed = re.sub(rb"\s", b"", token[1:-1])
            value = bytes.fromhex((hexed + b"0" * (len(hexed) % 2)).decode())
            (array if array is not None else operands).append(value)
            continue
        if token == b"[":
            array = []
            continue
        if token == b"]":
            operands.append(array or [])
            array = None
            continue
        if first in b"+-.0123456789":
            (array if array is not None else operands).append(float(token))
            continue
        if first == 0x2F:  # /name
            operands.append(token[1:].decode("latin-1"))
            continue
        if first == 0x25 or token in (b"<<", b">>", b"{", b"}"):
            continue
        op = token
        if op == b"BI":  # an inline image: skip its binary data
            end = data.find(b"EI", position)
            position = len(data) if end < 0 else end + 2
        elif op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else _IDENTITY
        elif op == b"cm" and len(operands) >= 6:
            ctm = _mul(tuple(operands[-6:]), ctm)  # type: ignore[arg-type]
        elif op == b"BT":
            tm = tlm = _IDENTITY
        elif op == b"Tf" and len(operands) >= 2:
            name = f"/{operands[-2]}"
            if name not in fonts:
                if name not in fonts_dict:
                    raise Unsupported(f"font {name} missing")
                fonts[name] = Font(fonts_dict[name].get_object())
            font, size = fonts[name], float(operands[-1])
        elif op in (b"Td", b"TD") and len(operands) >= 2:
            if op == b"TD":
                leading = -operands[-1]
            tlm = tm = _mul((1, 0, 0, 1, operands[-2], operands[-1]), tlm)
        elif op == b"Tm" and len(operands) >= 6:
            tlm = tm = tuple(operands[-6:])  # type: ignore[assignment]
        elif op == b"T*":
            tlm = tm = _mul((1, 0, 0, 1, 0, -leading), tlm)
        elif op == b"TL" and operands:
            leading = operands[-1]
        elif op == b"Tc" and operands:
            char_space = operands[-1]
        elif op == b"Tw" and operands:
            word_space = operands[-1]
        elif op == b"Tz" and operands:
            scale = operands[-1] / 100
        elif op == b"Do" and operands and operands[-1] in {f[1:] for f in forms}:
            raise Unsupported("form XObject")
        elif op in (b"Tj", b"TJ", b"'", b'"') and operands and font is not None:
            if op in (b"'", b'"'):
                if op == b'"' and len(operands) >= 3:
                    word_space, char_space = operands[-3], operands[-2]
                tlm = tm = _mul((1, 0, 0, 1, 0, -leading), tlm)
            shown = operands[-1] if op == b"TJ" else [operands[-1]]
            matrix = _mul(tm, ctm)
            parts: list[str] = []
            advance = 0.0
            for item in shown if isinstance(shown, list) else []:
                if isinstance(item, bytes):
                    text, width, spaces = font.decode(item)
                    parts.append(text)
                    advance += (width / 1000 * size + char_space * len(item) + word_space * spaces) * scale
                elif isinstance(item, float):
                    if item < -250 and parts and not parts[-1].endswith(" "):
                        parts.append(" ")
                    advance -= item / 1000 * size * scale
            text = "".join(parts)
            if text.strip():
                effective = size * (abs(matrix[3]) or abs(matrix[1]) or 1.0)
                tm = _mul((1, 0, 0, 1, advance, 0), tm)
                pieces.append((matrix[5], matrix[4], effective, text, _mul(tm, ctm)[4]))
            else:
                tm = _mul((1, 0, 0, 1, advance, 0), tm)
        operands = [] if array is None else operands
    return pieces

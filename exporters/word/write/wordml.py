"""WordprocessingML written as text: the one way sendplan writes a Word document's content.

Paragraphs, runs, fields, pictures, cells, rows and tables are built as strings (children in schema
order) and the body is streamed, block by block, straight into the package (:class:`Body`): nothing
is parsed into a tree and nothing waits in memory for the end. Headers and footers are written
with the same functions. The text written is exactly what an XML serialiser would write for the
same content (attributes' line breaks and tabs as spaces, ``&``, ``<`` and ``>`` escaped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from sendplan.text import clean_text

EMU_PER_PT = 12700
TWIPS_PER_PT = 20
SOFT_HYPHEN = "\u00ad"
FLUSH_CHARACTERS = 1 << 18  # the body goes to the package in pieces of about this many characters

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class Span:
    """A piece of text with simple formatting, written as one ``w:r`` by :func:`run`."""

    __slots__ = ("text", "bold", "italic", "strike", "colour", "half_points")

    def __init__(self, text: str, *, bold: bool = False, italic: bool = False, strike: bool = False,
                 colour: str | None = None, half_points: int | None = None) -> None:
        self.text = text
        self.bold, self.italic, self.strike = bold, italic, strike
        self.colour, self.half_points = colour, half_points


def safe(text: str) -> str:
    """Text as it may go into the document (XML-forbidden characters removed)."""
    return text if text.isprintable() else clean_text(text)


def escape(text: str) -> str:
    """Element text: ``&``, ``<`` and ``>`` escaped."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    return text.replace(">", "&gt;") if ">" in text else text


def attr(value: str) -> str:
    """An attribute's value, cleaned and escaped; its line breaks and tabs as spaces (what XML's
    attribute-value normalisation reads them as)."""
    return escape(safe(value)).replace('"', "&quot;").replace("\n", " ").replace("\t", " ")


def first_strong_is_rtl(text: str) -> bool:
    """Unicode's paragraph-direction rule: the first strong character decides."""
    if not _RTL.search(text):
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


@lru_cache(maxsize=512)
def _run_properties(bold: bool, italic: bool, strike: bool, colour: str | None, half_points: int | None) -> str:
    props = []
    if bold:
        props.append("<w:b/>")
    if italic:
        props.append("<w:i/>")
    if strike:
        props.append("<w:strike/>")
    if colour:
        props.append(f'<w:color w:val="{colour}"/>')
    if half_points:
        props.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    return f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""


def run_properties(span: Span) -> str:
    """A run's ``w:rPr``, children in schema order (b, i, strike, color, sz, szCs); "" when plain."""
    return _run_properties(span.bold, span.italic, span.strike, span.colour, span.half_points)


def _text(piece: str) -> str:
    space = ' xml:space="preserve"' if piece[0] == " " or piece[-1] == " " else ""
    return f"<w:t{space}>{escape(piece)}</w:t>"


def run(span: Span) -> str:
    """One ``w:r`` holding the span's text: line breaks, tabs and soft hyphens as Word's own elements."""
    text = span.text
    props = _run_properties(span.bold, span.italic, span.strike, span.colour, span.half_points)
    if text.isprintable():  # the usual case: no breaks, tabs, soft hyphens or characters to clean
        return f"<w:r>{props}{_text(text)}</w:r>" if text else f"<w:r>{props}</w:r>" if props else "<w:r/>"
    parts = [props]
    for index, line in enumerate(clean_text(text).split("\n")):
        if index:
            parts.append("<w:br/>")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                parts.append("<w:tab/>")
            for piece_index, piece in enumerate(part.split(SOFT_HYPHEN)):  # Word's own soft hyphen element
                if piece_index:
                    parts.append("<w:softHyphen/>")
                if piece:
                    parts.append(_text(piece))
    content = "".join(parts)
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


def field(instruction: str, placeholder: str, span: Span) -> str:
    """A complex field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update, formatted as ``span``."""
    props = run_properties(span)
    pieces = ('<w:fldChar w:fldCharType="begin"/>',
              f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>',
              '<w:fldChar w:fldCharType="separate"/>', f"<w:t>{escape(placeholder)}</w:t>",
              '<w:fldChar w:fldCharType="end"/>')
    return "".join(f"<w:r>{props}{piece}</w:r>" for piece in pieces)


def _right_to_left(spans: Sequence[Span]) -> bool:
    """Whether the paragraph reads right to left (its first strong character does)."""
    for span in spans:
        text = span.text
        if not text.isascii() and _RTL.search(text):
            return first_strong_is_rtl("".join(s.text for s in spans))
    return False


@lru_cache(maxsize=256)
def _paragraph_properties(style: str | None, keep_next: bool, page_break_before: bool, bidi: bool,
                          align: str | None) -> str:
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        props.append("<w:keepNext/>")
    if page_break_before:
        props.append("<w:pageBreakBefore/>")
    if bidi:
        props.append("<w:bidi/>")
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>" if props else "<w:p>"


def paragraph(spans: Sequence[Span], *, style: str | None = None, align: str | None = None,
              keep_next: bool = False, page_break_before: bool = False, runs: str | None = None) -> str:
    """A ``w:p`` of ``spans`` (or of ready ``runs``); pPr children in schema order (pStyle, keepNext,
    pageBreakBefore, bidi, jc)."""
    head = _paragraph_properties(style, keep_next, page_break_before, _right_to_left(spans), align)
    content = runs if runs is not None else "".join(map(run, spans))
    return f"{head}{content}</w:p>" if content or head != "<w:p>" else "<w:p/>"


def cell(paragraphs: Sequence[Sequence[Span]], width_twips: int, *, style: str, align: str | None = None,
         fill: str | None = None, vmerge: str | None = None, keep_next: bool = False) -> str:
    """A ``w:tc``; ``vmerge`` is "restart", "continue" or None; ``keep_next`` keeps its row on the
    page of the next row. A cell always holds a paragraph."""
    props = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if not paragraphs:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph([], style=style, keep_next=keep_next)}</w:tc>"
    head = _paragraph_properties(style, keep_next, False, False, align)
    body = "".join([f"{head}{''.join(map(run, spans))}</w:p>" if not _right_to_left(spans)
                    else paragraph(spans, style=style, align=align, keep_next=keep_next) for spans in paragraphs])
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(cells: Sequence[str], *, header: bool = False, cant_split: bool = False) -> str:
    props = ("<w:cantSplit/>" if cant_split or header else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def table(rows: Sequence[str], widths_twips: Sequence[int], *, caption: str, description: str,
          margin_twips: int) -> str:
    """A fixed-layout bordered table ("Table Grid") with alt text for screen readers."""
    return table_start(widths_twips, caption=caption, description=description, margin_twips=margin_twips) + \
        "".join(rows) + "</w:tbl>"


def table_start(widths_twips: Sequence[int], *, caption: str, description: str, margin_twips: int) -> str:
    """The opening of :func:`table`, up to its first row (rows and ``</w:tbl>`` follow)."""
    total = sum(widths_twips)
    margins = "".join(f'<w:{side} w:w="{margin_twips if side in ("left", "right") else margin_twips // 2}" '
                      f'w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{attr(caption[:250])}"/><w:tblDescription w:val="{attr(description[:1000])}"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>")


def picture(rel_id: str, number: int, width_pt: float, height_pt: float, *, title: str, description: str) -> str:
    """A paragraph of its own holding an inline picture (kept on one page), with a title and alt text."""
    cx, cy = int(width_pt * EMU_PER_PT), int(height_pt * EMU_PER_PT)
    return ('<w:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:pPr><w:keepLines/>'
            '<w:spacing w:before="240"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{number}" name="Picture {number}" descr="{attr(description)}" '
            f'title="{attr(title)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="chart{number}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
            "</w:drawing></w:r></w:p>")


class Sink(Protocol):
    def write(self, data: bytes, /) -> int: ...


class Body:
    """The document's body, block by block, streamed in order into ``sink`` (the body part of the
    package) as UTF-8. ``add_picture`` stores a PNG in the package and gives its relationship id."""

    def __init__(self, sink: Sink, add_picture: Callable[[bytes], str]) -> None:
        self.sink = sink
        self.add_picture = add_picture
        self._pending: list[str] = []
        self._size = 0
        self._break_next = False
        self._pictures = 0

    def add(self, xml: str) -> None:
        self._pending.append(xml)
        self._size += len(xml)
        if self._size > FLUSH_CHARACTERS:
            self.flush()

    def page_break_before_next(self) -> None:
        """The next paragraph added with :meth:`para` starts a new page (no empty paragraph)."""
        self._break_next = True

    def para(self, spans: Sequence[Span], *, style: str | None = None, align: str | None = None,
             keep_next: bool = False) -> None:
        self.add(paragraph(spans, style=style, align=align, keep_next=keep_next,
                           page_break_before=self._break_next))
        self._break_next = False

    def heading(self, text: str, level: int, *, keep_next: bool = True) -> None:
        self.para([Span(text)], style="Title" if level == 0 else f"Heading{level}", keep_next=keep_next)

    def picture(self, png: bytes, width_pt: float, height_pt: float, *, title: str, description: str) -> None:
        """A PNG in a paragraph of its own, kept on one page, with a title and alt text for screen readers."""
        rel_id = self.add_picture(png)
        self._pictures += 1
        self.add(picture(rel_id, self._pictures, width_pt, height_pt, title=title, description=description))

    def flush(self) -> None:
        if self._pending:
            self.sink.write("".join(self._pending).encode("utf-8"))
            self._pending, self._size = [], 0

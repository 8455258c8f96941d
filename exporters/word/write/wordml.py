"""WordprocessingML written as text: the one way sendplan writes a Word document's content.

Paragraphs, runs, fields, pictures, cells, rows and tables are built as strings (children in schema
order) and parsed in batches with python-docx's own parser; python-docx is only the package shell
(parts, styles, relationships). Headers, footers and the body all go through here.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

from sendplan.text import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PICTURE_NS = {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _PICTURE_NS.items())
EMU_PER_PT = 12700
_ATTR = {'"': "&quot;"}
TWIPS_PER_PT = 20
SOFT_HYPHEN = "\u00ad"


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
    return clean_text(text)


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


def attr(value: str) -> str:
    return escape(safe(value), _ATTR)


def run_properties(span: Span) -> str:
    """A run's ``w:rPr``, children in schema order (b, i, strike, color, sz, szCs); "" when plain."""
    props = []
    if span.bold:
        props.append("<w:b/>")
    if span.italic:
        props.append("<w:i/>")
    if span.strike:
        props.append("<w:strike/>")
    if span.colour:
        props.append(f'<w:color w:val="{span.colour}"/>')
    if span.half_points:
        props.append(f'<w:sz w:val="{span.half_points}"/><w:szCs w:val="{span.half_points}"/>')
    return f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""


def run(span: Span) -> str:
    """One ``w:r`` holding the span's text: line breaks, tabs and soft hyphens as Word's own elements."""
    parts = [run_properties(span)]
    for index, line in enumerate(safe(span.text).split("\n")):
        if index:
            parts.append("<w:br/>")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                parts.append("<w:tab/>")
            for piece_index, piece in enumerate(part.split(SOFT_HYPHEN)):  # Word's own soft hyphen element
                if piece_index:
                    parts.append("<w:softHyphen/>")
                if piece:
                    space = ' xml:space="preserve"' if piece[0] == " " or piece[-1] == " " else ""
                    parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{''.join(parts)}</w:r>"


def field(instruction: str, placeholder: str, span: Span) -> str:
    """A complex field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update, formatted as ``span``."""
    props = run_properties(span)
    pieces = ('<w:fldChar w:fldCharType="begin"/>',
              f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>',
              '<w:fldChar w:fldCharType="separate"/>', f"<w:t>{escape(placeholder)}</w:t>",
              '<w:fldChar w:fldCharType="end"/>')
    return "".join(f"<w:r>{props}{piece}</w:r>" for piece in pieces)


def paragraph(spans: Sequence[Span], *, style: str | None = None, align: str | None = None,
              keep_next: bool = False, page_break_before: bool = False, runs: str | None = None) -> str:
    """A ``w:p`` of ``spans`` (or of ready ``runs``); pPr children in schema order (pStyle, keepNext,
    pageBreakBefore, bidi, jc)."""
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        props.append("<w:keepNext/>")
    if page_break_before:
        props.append("<w:pageBreakBefore/>")
    if first_strong_is_rtl("".join(s.text for s in spans)):
        props.append("<w:bidi/>")
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    head = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{head}{runs if runs is not None else ''.join(run(span) for span in spans)}</w:p>"


def cell(paragraphs: Sequence[Sequence[Span]], width_twips: int, *, style: str, align: str | None = None,
         fill: str | None = None, vmerge: str | None = None, keep_next: bool = False) -> str:
    """A ``w:tc``; ``vmerge`` is "restart", "continue" or None; ``keep_next`` keeps its row on the
    page of the next row. A cell always holds a paragraph."""
    props = [f'<w:tcW w:w="{width_twips}" w:type="dxa"/>']
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    body = "".join(paragraph(spans, style=style, align=align, keep_next=keep_next) for spans in paragraphs) or \
        paragraph([], style=style, keep_next=keep_next)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{body}</w:tc>"


def row(cells: Sequence[str], *, header: bool = False, cant_split: bool = False) -> str:
    props = ("<w:cantSplit/>" if cant_split or header else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def table(rows: Sequence[str], widths_twips: Sequence[int], *, caption: str, description: str,
          margin_twips: int) -> str:
    """A fixed-layout bordered table ("Table Grid") with alt text for screen readers."""
    total = sum(widths_twips)
    margins = "".join(f'<w:{side} w:w="{margin_twips if side in ("left", "right") else margin_twips // 2}" '
                      f'w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{attr(caption[:250])}"/><w:tblDescription w:val="{attr(description[:1000])}"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def parse(xml: str) -> list[BaseOxmlElement]:
    """Blocks written here, as python-docx elements."""
    return list(parse_xml(f"<w:body {NAMESPACES}>{xml}</w:body>"))


class Body:
    """Blocks for the end of the document body, in order, as XML text parsed in batches."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._pending: list[str] = []
        self._break_next = False
        self._pictures = 0

    def add(self, xml: str) -> None:
        self._pending.append(xml)

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
        rel_id, _ = self.document.part.get_or_add_image(io.BytesIO(png))
        self._pictures += 1
        number, cx, cy = self._pictures, int(width_pt * EMU_PER_PT), int(height_pt * EMU_PER_PT)
        self.add('<w:p><w:pPr><w:keepLines/><w:spacing w:before="240"/></w:pPr><w:r><w:drawing>'
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

    def flush(self) -> None:
        if not self._pending:
            return
        blocks = parse("".join(self._pending))
        self._pending = []
        sect_pr = self.document.element.body.sectPr
        for child in blocks:
            if sect_pr is not None:
                sect_pr.addprevious(child)
            else:
                self.document.element.body.append(child)

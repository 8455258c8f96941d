"""WordprocessingML written as text: paragraphs, cells, rows and tables built as strings, parsed once.

python-docx creates one proxy object per cell, paragraph and property, which dominated the export
of a large plan. Here the body is assembled as XML text (children in schema order) and parsed in
batches with python-docx's own parser, so the document model is the same as if it had been built
through the API.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from sendplan.exporters.office.ooxml import Span, first_strong_is_rtl, safe

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ATTR = {'"': "&quot;"}
TWIPS_PER_PT = 20
SOFT_HYPHEN = "\u00ad"


def attr(value: str) -> str:
    return escape(safe(value), _ATTR)


def run(span: Span) -> str:
    """One ``w:r``: rPr children in schema order (b, i, strike, color, sz, szCs)."""
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
    parts = [f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""]
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


def paragraph(spans: Sequence[Span], *, style: str | None = None, align: str | None = None,
              keep_next: bool = False, page_break_before: bool = False) -> str:
    """A ``w:p``; pPr children in schema order (pStyle, keepNext, pageBreakBefore, bidi, jc)."""
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
    return f"<w:p>{head}{''.join(run(span) for span in spans)}</w:p>"


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


class Body:
    """Blocks for the end of the document body, in order: XML text or ready elements (pictures)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._pending: list[str] = []
        self._break_next = False

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

    def element(self, element: BaseOxmlElement) -> None:
        self.flush()
        self.document.element.body._insert_p(element)  # before the final sectPr  # type: ignore[attr-defined]

    def flush(self) -> None:
        if not self._pending:
            return
        wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self._pending)}</w:body>')
        self._pending = []
        sect_pr = self.document.element.body.sectPr
        for child in list(wrapper):
            if sect_pr is not None:
                sect_pr.addprevious(child)
            else:
                self.document.element.body.append(child)

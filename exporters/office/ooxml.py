"""Small WordprocessingML helpers python-docx lacks: shading, header rows, merges, fields, captions.

Children are inserted in schema order (Word reports "unreadable content" otherwise).
"""

from __future__ import annotations

import re
import unicodedata

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from sendplan.text import clean_text

# Successors of each element in its parent's schema sequence (for insert_element_before).
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_TCPR_AFTER_VMERGE = ("w:tcBorders", "w:shd", *_TCPR_AFTER_SHD)
_PPR_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                   "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_PPR_AFTER_JC = ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                 "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


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


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def shade_cell(tc_pr: BaseOxmlElement, fill: str) -> None:
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    tc_pr.insert_element_before(_element("w:shd", val="clear", color="auto", fill=fill), *_TCPR_AFTER_SHD)


def set_vmerge(tc_pr: BaseOxmlElement, restart: bool) -> None:
    element = _element("w:vMerge", val="restart") if restart else _element("w:vMerge")
    tc_pr.insert_element_before(element, *_TCPR_AFTER_VMERGE)


def mark_header_row(tr_pr: BaseOxmlElement) -> None:
    """Repeat this row at the top of every page, and never split it."""
    tr_pr.append(_element("w:cantSplit"))
    tr_pr.append(_element("w:tblHeader"))


def keep_row_together(tr_pr: BaseOxmlElement) -> None:
    tr_pr.append(_element("w:cantSplit"))


def set_bidi(p_pr: BaseOxmlElement) -> None:
    p_pr.insert_element_before(_element("w:bidi"), *_PPR_AFTER_BIDI)


def set_table_caption(tbl_pr: BaseOxmlElement, caption: str, description: str) -> None:
    """Alt text for a table (tblCaption/tblDescription are the last children of tblPr)."""
    tbl_pr.append(_element("w:tblCaption", val=safe(caption)[:250]))
    tbl_pr.append(_element("w:tblDescription", val=safe(description)[:1000]))


def set_language(r_pr: BaseOxmlElement, language: str) -> None:
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.insert_element_before(_element("w:lang", val=language, eastAsia=language, bidi="ar-SA"),
                               *_RPR_AFTER_LANG)


def add_field(paragraph_element: BaseOxmlElement, instruction: str, placeholder: str,
              run_properties: BaseOxmlElement | None = None) -> None:
    """Append a complex field (e.g. ``PAGE``, ``NUMPAGES``) that Word and LibreOffice update."""
    import copy

    def run(*children: BaseOxmlElement) -> BaseOxmlElement:
        r = OxmlElement("w:r")
        if run_properties is not None:
            r.append(copy.deepcopy(run_properties))
        for child in children:
            r.append(child)
        return r

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    text = OxmlElement("w:t")
    text.text = placeholder
    for element in (run(_element("w:fldChar", fldCharType="begin")), run(instr),
                    run(_element("w:fldChar", fldCharType="separate")), run(text),
                    run(_element("w:fldChar", fldCharType="end"))):
        paragraph_element.append(element)


def set_cell_margins(tbl_pr: BaseOxmlElement, twips: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_element(f"w:{side}", w=str(twips if side in ("left", "right") else twips // 2),
                                type="dxa"))
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


class Span:
    """A piece of text with simple formatting, turned into a ``w:r`` by :func:`paragraph`."""

    __slots__ = ("text", "bold", "italic", "strike", "colour", "half_points")

    def __init__(self, text: str, *, bold: bool = False, italic: bool = False, strike: bool = False,
                 colour: str | None = None, half_points: int | None = None) -> None:
        self.text = text
        self.bold, self.italic, self.strike = bold, italic, strike
        self.colour, self.half_points = colour, half_points


def _run(span: Span) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    if span.bold or span.italic or span.strike or span.colour or span.half_points:
        r_pr = OxmlElement("w:rPr")  # children in schema order: b, i, strike, color, sz
        if span.bold:
            r_pr.append(OxmlElement("w:b"))
        if span.italic:
            r_pr.append(OxmlElement("w:i"))
        if span.strike:
            r_pr.append(OxmlElement("w:strike"))
        if span.colour:
            r_pr.append(_element("w:color", val=span.colour))
        if span.half_points:
            r_pr.append(_element("w:sz", val=str(span.half_points)))
            r_pr.append(_element("w:szCs", val=str(span.half_points)))
        run.append(r_pr)
    for index, line in enumerate(safe(span.text).split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                run.append(OxmlElement("w:tab"))
            if part:
                text = OxmlElement("w:t")
                text.text = part
                if part[0] == " " or part[-1] == " ":
                    text.set(qn("xml:space"), "preserve")
                run.append(text)
    return run


def paragraph(spans: list[Span], *, style_id: str | None = None, align: str | None = None,
              target: BaseOxmlElement | None = None) -> BaseOxmlElement:
    """A ``w:p`` holding ``spans`` (or fill the empty ``target`` paragraph)."""
    p = target if target is not None else OxmlElement("w:p")
    rtl = first_strong_is_rtl("".join(s.text for s in spans))
    if style_id or align or rtl:
        p_pr = p.get_or_add_pPr()
        if style_id:
            p_pr.get_or_add_pStyle().set(qn("w:val"), style_id)
        if rtl:
            set_bidi(p_pr)
        if align:
            p_pr.insert_element_before(_element("w:jc", val=align), *_PPR_AFTER_JC)
    for span in spans:
        p.append(_run(span))
    return p


def fill_cell(tc: BaseOxmlElement, paragraphs: list[list[Span]], *, style_id: str,
              align: str | None = None) -> None:
    """Put paragraphs into an empty table cell (which already holds one empty ``w:p``)."""
    first = tc.p_lst[0]
    if not paragraphs:
        paragraph([], style_id=style_id, target=first)
        return
    paragraph(paragraphs[0], style_id=style_id, align=align, target=first)
    for spans in paragraphs[1:]:
        tc.append(paragraph(spans, style_id=style_id, align=align))


def append_block(document: object, element: BaseOxmlElement) -> None:
    """Add a paragraph at the end of the body (before its final ``w:sectPr``, as the schema needs)."""
    document.element.body._insert_p(element)  # type: ignore[attr-defined]

"""The package around the document's body: python-docx's default template, set up for sendplan.

The template (``docx/templates`` of python-docx, read as files: python-docx itself is never imported
to write) gives the styles, settings, numbering, fonts, theme and the start of the document and of
its header and footer. Here they get A4 landscape, Arial and sizes, British English, the three
table styles, and the properties; relationships and content types are written as text. What comes
out is what python-docx wrote for the same settings, part for part.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
LANGUAGE = "en-GB"
PAGE_TWIPS = (16838, 11906)  # A4 landscape, as python-docx rounds 297 x 210 mm
MARGIN_TWIPS = 720  # 12.7 mm
HEADER_TWIPS = 340  # 6 mm from the edge to the header and the footer
EMU_PER_TWIP = 635
TEMPLATE_PARTS = ("word/stylesWithEffects.xml", "word/webSettings.xml", "word/fontTable.xml",
                  "word/theme/theme1.xml", "customXml/item1.xml", "customXml/itemProps1.xml")
# The template's own relationships of the document part, in python-docx's order.
DOCUMENT_RELS = (("rId3", "styles", "styles.xml"),
                 ("rId4", "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
                  "stylesWithEffects.xml"),
                 ("rId5", "settings", "settings.xml"), ("rId6", "webSettings", "webSettings.xml"),
                 ("rId7", "fontTable", "fontTable.xml"), ("rId8", "theme", "theme/theme1.xml"),
                 ("rId1", "customXml", "../customXml/item1.xml"), ("rId2", "numbering", "numbering.xml"))
_TYPES = {
    "/customXml/itemProps": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "/word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "/word/footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "/word/header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "/word/stylesWithEffects.xml": "application/vnd.ms-word.stylesWithEffects+xml",
    "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
    "/word/webSettings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml",
}
_DEFAULTS = {"png": "image/png", "rels": "application/vnd.openxmlformats-package.relationships+xml",
             "xml": "application/xml"}
# Child orders of the WordprocessingML elements edited here (as python-docx inserts them).
_STYLE_SEQ = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
              "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
              "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")
_PPR_SEQ = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_RPR_SEQ = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath")
HEADING_COLOUR = "1F3864"
HEADINGS = (("Title", 26), ("Subtitle", 15), ("Heading 1", 17), ("Heading 2", 14), ("Heading 3", 12))


def text_area_pt() -> tuple[float, float]:
    """The page's width and height for text, in points (less the margins), as python-docx measured them."""
    width = (PAGE_TWIPS[0] * EMU_PER_TWIP - MARGIN_TWIPS * EMU_PER_TWIP - MARGIN_TWIPS * EMU_PER_TWIP) / 12700
    height = (PAGE_TWIPS[1] * EMU_PER_TWIP - MARGIN_TWIPS * EMU_PER_TWIP - MARGIN_TWIPS * EMU_PER_TWIP) / 12700
    return width, height


def _template_folder() -> Path:
    """python-docx's ``templates`` folder, found without importing python-docx."""
    spec = importlib.util.find_spec("docx")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "templates"
        if candidate.is_dir():
            return candidate
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "docx" / "templates"
    if frozen.is_dir():
        return frozen
    import docx  # the last resort: ask the package where it lives

    return Path(os.path.dirname(docx.__file__)) / "templates"


@lru_cache(maxsize=1)
def _template() -> dict[str, bytes]:
    with zipfile.ZipFile(_template_folder() / "default.docx") as package:
        return {name: package.read(name) for name in package.namelist()}


def _parse(data: bytes) -> Any:
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def _serialise(element: Any) -> bytes:
    from lxml import etree

    return etree.tostring(element, encoding="UTF-8", standalone=True)


def template_part(name: str) -> bytes:
    """A part copied from the template as it is."""
    return _template()[name]


@lru_cache(maxsize=4)
def reserialised_part(name: str) -> bytes:
    """A template part python-docx reads and writes back (settings, numbering): the same XML, compact."""
    return _serialise(_parse(_template()[name]))


# ---------------------------------------------------------------------------------------------
# Styles


def _child(parent: Any, tag: str, order: tuple[str, ...]) -> Any:
    """``parent``'s ``w:tag`` child, added in schema order when missing (python-docx's get_or_add)."""
    found = parent.find(_W + tag)
    if found is not None:
        return found
    element = parent.makeelement(_W + tag, {})
    later = {_W + name for name in order[order.index(tag) + 1:]}
    successor = next((child for child in parent if child.tag in later), None)
    if successor is not None:
        successor.addprevious(element)
    else:
        parent.append(element)
    return element


def _on_off(element: Any, on: bool) -> None:
    if on:
        element.attrib.pop(_W + "val", None)
    else:
        element.set(_W + "val", "0")


def _font(style: Any, *, name: str | None = None, half_points: int | None = None, colour: str | None = None,
          italic: bool | None = None, bold: bool | None = None) -> None:
    r_pr = _child(style, "rPr", _STYLE_SEQ)
    if name is not None:
        fonts = _child(r_pr, "rFonts", _RPR_SEQ)
        fonts.set(_W + "ascii", name)
        fonts.set(_W + "hAnsi", name)
    if half_points is not None:
        _child(r_pr, "sz", _RPR_SEQ).set(_W + "val", str(half_points))
    if colour is not None:
        old = r_pr.find(_W + "color")
        if old is not None:
            r_pr.remove(old)
        _child(r_pr, "color", _RPR_SEQ).set(_W + "val", colour)
    if italic is not None:
        _on_off(_child(r_pr, "i", _RPR_SEQ), italic)
    if bold is not None:
        _on_off(_child(r_pr, "b", _RPR_SEQ), bold)


def _paragraph(style: Any, *, keep_next: bool = False, widow_control: bool = False,
               spacing: tuple[tuple[str, int], ...] = ()) -> None:
    p_pr = _child(style, "pPr", _STYLE_SEQ)
    if keep_next:
        _child(p_pr, "keepNext", _PPR_SEQ)
    if widow_control:
        _child(p_pr, "widowControl", _PPR_SEQ)
    for side, twips in spacing:
        _child(p_pr, "spacing", _PPR_SEQ).set(_W + side, str(twips))


def _style(root: Any, style_id: str) -> Any:
    return next(s for s in root.iter(_W + "style") if s.get(_W + "styleId") == style_id)


@lru_cache(maxsize=2)
def styles_part(publication: bool) -> bytes:
    """The template's styles with Arial throughout, sendplan's sizes and heading colour, British English
    by default, and the table text, table heading and area wording styles."""
    root = _parse(_template()["word/styles.xml"])
    normal = _style(root, "Normal")
    _font(normal, name="Arial", half_points=22 if publication else 20)
    _paragraph(normal, spacing=(("after", 80),))
    for name, size in HEADINGS:
        style = _style(root, name.replace(" ", ""))
        _font(style, name="Arial", half_points=size * 2, colour=HEADING_COLOUR, italic=False)
        before = 240 if name.startswith("Heading") else 0
        _paragraph(style, keep_next=True, spacing=(("before", before), ("after", 120)))
        fonts = style.find(f"{_W}rPr/{_W}rFonts")
        for attribute in [a for a in fonts.attrib if "theme" in a.lower()]:
            del fonts.attrib[attribute]  # theme fonts would override Arial
    body = 22 if publication else 18
    for name, bold in (("TableText", False), ("TableHeading", True), ("AreaWording", False), ("AreaDetail", False)):
        style = root.makeelement(_W + "style", {_W + "type": "paragraph", _W + "customStyle": "1",
                                                _W + "styleId": name})
        root.append(style)
        _child(style, "name", _STYLE_SEQ).set(_W + "val", name)
        _child(style, "basedOn", _STYLE_SEQ).set(_W + "val", "Normal")
        _font(style, half_points=body if name != "AreaWording" else body + 2, bold=bold)
        after = 40 if name != "AreaWording" else 120
        _paragraph(style, widow_control=True, spacing=(("after", after), ("before", 0)))
    _set_language(root)
    return _serialise(root)


def _set_language(root: Any) -> None:
    """British English for every run by default (spelling, hyphenation and screen readers' voice)."""
    r_pr = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    for old in r_pr.findall(_W + "lang"):
        r_pr.remove(old)
    language = r_pr.makeelement(_W + "lang", {_W + "val": LANGUAGE, _W + "eastAsia": LANGUAGE, _W + "bidi": "ar-SA"})
    later = [child for child in r_pr if child.tag in {_W + t for t in ("eastAsianLayout", "specVanish", "oMath")}]
    if later:
        later[0].addprevious(language)
    else:
        r_pr.append(language)


# ---------------------------------------------------------------------------------------------
# The document part around the body, header and footer


@lru_cache(maxsize=1)
def document_frame() -> tuple[str, str]:
    """The document part before and after the body's blocks: the template's root element and its
    section, A4 landscape with narrow margins and the header and footer referred to."""
    root = _parse(_template()["word/document.xml"])
    body = root.find(_W + "body")
    sect_pr = body.find(_W + "sectPr")
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for kind, rel in (("footer", "rId10"), ("header", "rId9")):  # each goes first: header, then footer
        reference = sect_pr.makeelement(f"{_W}{kind}Reference", {_W + "type": "default", r_id: rel})
        sect_pr.insert(0, reference)
    size = sect_pr.find(_W + "pgSz")
    size.set(_W + "w", str(PAGE_TWIPS[0]))
    size.set(_W + "h", str(PAGE_TWIPS[1]))
    size.set(_W + "orient", "landscape")
    margins = sect_pr.find(_W + "pgMar")
    for side in ("top", "right", "bottom", "left"):
        margins.set(_W + side, str(MARGIN_TWIPS))
    margins.set(_W + "header", str(HEADER_TWIPS))
    margins.set(_W + "footer", str(HEADER_TWIPS))
    marker = body.makeelement(_W + "p", {})
    sect_pr.addprevious(marker)
    text = _serialise(root).decode("utf-8")
    before, after = text.split("<w:p/>")
    return before, after


@lru_cache(maxsize=2)
def _frame(kind: str) -> tuple[str, str]:
    root = _parse((_template_folder() / f"default-{kind}.xml").read_bytes())
    for child in list(root):
        root.remove(child)
    root.append(root.makeelement(_W + "p", {}))
    before, after = _serialise(root).decode("utf-8").split("<w:p/>")
    return before, after


def header_footer_part(kind: str, blocks: list[str]) -> bytes:
    """The header (``kind`` "header") or footer part holding ``blocks`` of WordprocessingML."""
    before, after = _frame(kind)
    return (before + "".join(blocks) + after).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Properties, relationships, content types


def core_properties(*, title: str, subject: str, author: str, keywords: str, comments: str) -> bytes:
    """``docProps/core.xml`` (created and modified now, as local time)."""
    from sendplan.exporters.word.write.wordml import escape

    now = datetime.now().replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def element(tag: str, text: str) -> str:
        return f"<{tag}>{escape(text)}</{tag}>" if text else f"<{tag}/>"
    return (DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + element("dc:title", title) + element("dc:subject", subject) + element("dc:creator", author)
            + element("cp:keywords", keywords) + element("dc:description", comments)
            + "<cp:lastModifiedBy>sendplan</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified><cp:category/>'
            f"<dc:language>{LANGUAGE}</dc:language></cp:coreProperties>").encode("utf-8")


def relationships(rels: list[tuple[str, str, str]]) -> bytes:
    """A ``.rels`` part: (id, type, target) each; a type without a scheme is an officeDocument one."""
    items = "".join(f'<Relationship Id="{r_id}" Type="{kind if "://" in kind else RT + kind}" Target="{target}"/>'
                    for r_id, kind, target in rels)
    return (DECLARATION + f'<Relationships xmlns="{REL_NS}">{items}</Relationships>').encode("utf-8")


def content_types(part_names: list[str]) -> bytes:
    """``[Content_Types].xml`` for these parts (names without the leading slash): a default per
    extension where one applies, an override for each other part, as python-docx sorts them."""
    defaults: set[str] = set()
    overrides: dict[str, str] = {}
    for name in part_names:
        partname = "/" + name
        kind = next((t for prefix, t in _TYPES.items() if partname == prefix or (
            not prefix.endswith(".xml") and partname.startswith(prefix))), None)
        extension = name.rsplit(".", 1)[-1]
        if kind is None:
            defaults.add(extension)
        else:
            overrides[partname] = kind
    defaults.add("rels")
    items = "".join(f'<Default Extension="{e}" ContentType="{_DEFAULTS[e]}"/>' for e in sorted(defaults))
    items += "".join(f'<Override PartName="{p}" ContentType="{overrides[p]}"/>' for p in sorted(overrides))
    return (DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + items + "</Types>").encode("utf-8")

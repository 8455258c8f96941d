"""Read a Word document into plain blocks: paragraphs and tables, with the formatting the importer uses.

The package is checked and its main part found by :mod:`sendplan.exporters.word.read.package`; the XML
is read directly (content controls and tracked insertions are looked into, deleted text is not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sendplan.text import clean_text

if TYPE_CHECKING:
    from sendplan.exporters.word.read.package import WordPackage

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLETS = "\uf0b7\u2022\uf0a7\uf076\uf0d8\u25aa\u25cf\u2023\u2043"


@dataclass
class Para:
    text: str
    colour: str = ""  # the first explicit run colour (hex), "" for automatic
    style: str = ""
    bold: bool = False
    strike: bool = False
    fill: str = ""  # paragraph or run shading / highlight (hex), "" for none


@dataclass
class Cell:
    paragraphs: list[Para]
    fill: str = ""  # shading, "" when none
    continues: bool = False  # a vMerge continuation of the cell above
    nested: bool = False  # held a nested table (its text is flattened into paragraphs)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass
class Table:
    rows: list[list[Cell]]
    header_rows: int = 0  # rows marked to repeat as a header
    caption: str = ""  # the table's title for screen readers (alt text), "" when none


@dataclass
class Body:
    blocks: list[Para | Table] = field(default_factory=list)
    title: str = ""  # the title in the document properties
    notes: tuple[str, ...] = ()  # what was unusual about the package
    footer: tuple[str, ...] = ()  # footer paragraphs' text


def _on(toggle) -> bool:  # type: ignore[no-untyped-def]
    """A Word on/off property: present and not switched off with val="0"/"false"."""
    return toggle is not None and toggle.get(f"{W}val", "1").lower() not in ("0", "false", "off")


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo")
HIGHLIGHTS = {"yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
              "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
              "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
              "lightGray": "C0C0C0", "black": "000000"}


_SHD, _FILL, _HIGHLIGHT, _VAL = f"{W}shd", f"{W}fill", f"{W}highlight", f"{W}val"
_R, _R_PR, _P_PR, _COLOR, _B, _STRIKE = f"{W}r", f"{W}rPr", f"{W}pPr", f"{W}color", f"{W}b", f"{W}strike"
_NONE = ("auto", "ffffff", "AUTO", "FFFFFF")


def _shade(element) -> str:  # type: ignore[no-untyped-def]
    """The fill of a ``w:shd`` child (or a highlight), "" when none or white."""
    if element is None:
        return ""
    shd = element.find(_SHD)
    value = shd.get(_FILL) if shd is not None else None
    if not value or value in _NONE or value.lower() in _NONE:
        highlight = element.find(_HIGHLIGHT)
        if highlight is None:
            return ""
        value = HIGHLIGHTS.get(highlight.get(_VAL, ""))
    return value.upper() if value and value.lower() not in _NONE else ""


_T, _BREAKS, _TAB, _SYM = f"{W}t", (f"{W}br", f"{W}cr"), f"{W}tab", f"{W}sym"
_NO_BREAK_HYPHEN = f"{W}noBreakHyphen"  # a hyphen Word keeps on the line ("co-production")


def _pieces(p):  # type: ignore[no-untyped-def]
    """Text, breaks, tabs and symbols in order, leaving out the copies kept for old Word versions."""
    pieces = p.iter(_T, *_BREAKS, _TAB, _SYM, _NO_BREAK_HYPHEN)
    if next(p.iter(_MC_FALLBACK), None) is None:
        return pieces
    return (x for x in pieces if not any(a.tag == _MC_FALLBACK for a in x.iterancestors()))


def _para(p) -> Para:  # type: ignore[no-untyped-def]
    colour = ""
    bold = strike = False
    p_pr = p.find(_P_PR)
    fill = _shade(p_pr)
    for r_pr in p.iter(_R_PR):
        if r_pr.getparent().tag != _R:
            continue  # the paragraph mark's own formatting
        c = r_pr.find(_COLOR)
        value = c.get(_VAL) if c is not None else None
        if not colour and value and value.lower() != "auto":
            colour = value.upper()
        fill = fill or _shade(r_pr)
        bold = bold or _on(r_pr.find(_B))
        strike = strike or _on(r_pr.find(_STRIKE))
    parts = []
    for piece in _pieces(p):
        tag = piece.tag
        if tag == _T:
            parts.append(piece.text or "")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            parts.append("\uf0b7" if (piece.get(f"{W}char") or "").upper() in ("F0B7", "B7") else "")
    style = p_pr.find(f"{W}pStyle") if p_pr is not None else None
    return Para(paragraph_text("".join(parts)), colour, style.get(_VAL) if style is not None else "", bold, strike,
                fill)


def paragraph_text(raw: str) -> str:
    """A paragraph's text as read (its runs' text, breaks and tabs joined): cleaned, each line trimmed
    and without a leading bullet character. Writers use it to know what a reader will see."""
    text = raw if raw.isprintable() else clean_text(raw)
    if "\n" in text or (text and text[0] in BULLETS) or text[-1:].isspace() or text[:1].isspace():
        text = "\n".join(line.strip().lstrip(BULLETS).strip() for line in text.split("\n")).strip("\n")
    return text


def iter_blocks(parent):  # type: ignore[no-untyped-def]
    """The ``w:p`` and ``w:tbl`` children of a body or cell, looking inside content controls."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from iter_blocks(child)


def _cell(tc) -> Cell:  # type: ignore[no-untyped-def]
    paragraphs: list[Para] = []
    nested = False
    for child in iter_blocks(tc):
        if child.tag == f"{W}p":
            paragraphs.append(_para(child))
        else:
            nested = True
            paragraphs += [_para(p) for p in child.iter(f"{W}p")]
    tc_pr = tc.find(f"{W}tcPr")
    fill, continues = "", False
    if tc_pr is not None:
        fill = _shade(tc_pr)
        merge = tc_pr.find(f"{W}vMerge")
        continues = merge is not None and merge.get(f"{W}val") in (None, "continue")
    return Cell(paragraphs, fill, continues, nested)


def _count(element, name: str) -> int:  # type: ignore[no-untyped-def]
    """A small whole-number property such as ``w:gridSpan`` (0 when absent or nonsense)."""
    found = element.find(name) if element is not None else None
    try:
        return max(0, min(64, int(found.get(f"{W}val", "0")))) if found is not None else 0
    except ValueError:
        return 0


def read_table(tbl) -> Table:  # type: ignore[no-untyped-def]
    """One ``w:tbl`` element as rows of cells (a horizontal span fills the cells it covers)."""
    rows, header_rows = [], 0
    for tr in (row for row in tbl.iter(f"{W}tr") if next(row.iterancestors(f"{W}tbl")) is tbl):
        tr_pr = tr.find(f"{W}trPr")
        cells = [Cell([], "", True) for _ in range(_count(tr_pr, f"{W}gridBefore"))]
        for tc in (cell for cell in tr.iter(f"{W}tc") if next(cell.iterancestors(f"{W}tr")) is tr):
            cell = _cell(tc)
            cells.append(cell)
            for _ in range(_count(tc.find(f"{W}tcPr"), f"{W}gridSpan") - 1):
                cells.append(Cell([], cell.fill, True))  # the rest of a horizontal span holds nothing
        if tr_pr is not None and tr_pr.find(f"{W}tblHeader") is not None and len(rows) == header_rows:
            header_rows += 1
        rows.append(cells)
    caption = tbl.find(f"{W}tblPr/{W}tblCaption")
    return Table(rows, header_rows, caption.get(f"{W}val", "") if caption is not None else "")


def read_blocks(body_element, *, tables_only: bool = False) -> list[Para | Table]:  # type: ignore[no-untyped-def]
    """The paragraphs and tables of a ``w:body`` (or a python-docx document's body), in order."""
    return [read_table(child) if child.tag == f"{W}tbl" else _para(child) for child in iter_blocks(body_element)
            if not tables_only or child.tag == f"{W}tbl"]


def read_body(path: Path, *, tables_only: bool = False) -> Body:
    """Check and read the document body, in order. Raises OfficeFileError with a plain message."""
    from sendplan.exporters.word.read.package import open_main  # only readers need the package checks

    return body_of(open_main(path), tables_only=tables_only)


def body_of(package: WordPackage, *, tables_only: bool = False) -> Body:
    """The blocks of an opened package (only its tables when that is all that is needed)."""
    return Body(read_blocks(package.body, tables_only=tables_only), package.title, package.notes, package.footer)

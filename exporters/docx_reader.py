"""Read a .docx into plain blocks: paragraphs and tables, with the formatting the importer uses.

The file is checked by :func:`sendplan.exporters.office_package.check_package` before python-docx
sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sendplan.exporters.office_package import OfficeFileError, check_package

from sendplan.text import clean_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLETS = "\uf0b7\u2022\uf0a7\uf076\uf0d8\u25aa\u25cf\u2023\u2043"


@dataclass
class Para:
    text: str
    colour: str = ""  # the first explicit run colour (hex), "" for automatic
    style: str = ""
    bold: bool = False
    strike: bool = False


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


@dataclass
class Body:
    blocks: list[Para | Table] = field(default_factory=list)


def _on(toggle) -> bool:  # type: ignore[no-untyped-def]
    """A Word on/off property: present and not switched off with val="0"/"false"."""
    return toggle is not None and toggle.get(f"{W}val", "1").lower() not in ("0", "false", "off")


def _para(p) -> Para:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    colour = ""
    bold = strike = False
    for run in p.iter(f"{W}r"):
        r_pr = run.find(f"{W}rPr")
        if r_pr is not None:
            c = r_pr.find(f"{W}color")
            value = c.get(f"{W}val") if c is not None else None
            if not colour and value and value.lower() != "auto":
                colour = value.upper()
            bold = bold or _on(r_pr.find(f"{W}b"))
            strike = strike or _on(r_pr.find(f"{W}strike"))
        for child in run:
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif child.tag == f"{W}tab":
                parts.append("\t")
            elif child.tag == f"{W}sym":
                parts.append("\uf0b7" if (child.get(f"{W}char") or "").upper() in ("F0B7", "B7") else "")
    text = clean_text("".join(parts))
    text = "\n".join(line.strip().lstrip(BULLETS).strip() for line in text.split("\n")).strip("\n")
    style = p.find(f"{W}pPr/{W}pStyle")
    return Para(text, colour, style.get(f"{W}val") if style is not None else "", bold, strike)


def _cell(tc) -> Cell:  # type: ignore[no-untyped-def]
    paragraphs: list[Para] = []
    nested = False
    for child in tc:
        if child.tag == f"{W}p":
            paragraphs.append(_para(child))
        elif child.tag == f"{W}tbl":
            nested = True
            paragraphs += [_para(p) for p in child.iter(f"{W}p")]
    tc_pr = tc.find(f"{W}tcPr")
    fill, continues = "", False
    if tc_pr is not None:
        shd = tc_pr.find(f"{W}shd")
        value = shd.get(f"{W}fill") if shd is not None else None
        fill = value.upper() if value and value.lower() not in ("auto", "ffffff") else ""
        merge = tc_pr.find(f"{W}vMerge")
        continues = merge is not None and merge.get(f"{W}val") in (None, "continue")
    return Cell(paragraphs, fill, continues, nested)


def read_table(tbl) -> Table:  # type: ignore[no-untyped-def]
    """One ``w:tbl`` element as rows of cells (a horizontal span fills the cells it covers)."""
    rows, header_rows = [], 0
    for tr in tbl.findall(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            cell = _cell(tc)
            cells.append(cell)
            for _ in range(int(span.get(f"{W}val")) - 1 if span is not None else 0):
                cells.append(Cell([], cell.fill, True))  # the rest of a horizontal span holds nothing
        if tr.find(f"{W}trPr/{W}tblHeader") is not None and len(rows) == header_rows:
            header_rows += 1
        rows.append(cells)
    return Table(rows, header_rows)


def read_body(path: Path) -> Body:
    """Check and read the document body, in order."""
    check_package(path)
    from docx import Document

    try:
        document = Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for broken packages
        raise OfficeFileError(f"“{path.name}” could not be read as a Word document ({type(error).__name__}).") \
            from None
    body = Body()
    for child in document.element.body:
        if child.tag == f"{W}p":
            body.blocks.append(_para(child))
        elif child.tag == f"{W}tbl":
            body.blocks.append(read_table(child))
    return body

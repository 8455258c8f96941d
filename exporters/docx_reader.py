"""Read a .docx safely into plain blocks: paragraphs and tables, with the formatting the importer uses.

Before python-docx sees the file it is checked: a ZIP (not an OLE file, which is how Word stores
password-protected and 97–2003 documents), with a document part, and no zip bomb (entry count,
total unpacked size and compression ratio are checked first).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sendplan.text import clean_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5000
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200
MAX_FILE = 200 * 1024 * 1024
BULLETS = "\uf0b7\u2022\uf0a7\uf076\uf0d8\u25aa\u25cf\u2023\u2043"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class WordImportError(Exception):
    """A Word file that cannot be imported; the message says why, for the user."""


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


def check_package(path: Path, *, kind: str = "Word", main_part: str = "word/document.xml",
                  suffix: str = ".docx") -> None:
    """Raise WordImportError with a clear message unless ``path`` is an Office file safe to open.

    ``kind``/``main_part``/``suffix`` describe what is expected (Word by default; Excel for returns).
    """
    name = f"{kind} document" if kind == "Word" else f"{kind} workbook"
    if path.is_dir():
        raise WordImportError(f"“{path}” is a folder, not a {name}.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise WordImportError(f"There is no file at “{path}”.") from None
    except OSError as error:
        raise WordImportError(f"“{path}” could not be read ({error.strerror}).") from None
    if size > MAX_FILE:
        raise WordImportError(f"“{path.name}” is {size // (1024 * 1024)} MB, far larger than any action plan.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _ENCRYPTED in path.read_bytes()[:MAX_FILE]:
            raise WordImportError(f"“{path.name}” is password-protected. Open it in {kind}, remove the password "
                                  "(File › Info › Protect, Encrypt with Password, clear it), save, and try again.")
        old = ".doc" if kind == "Word" else ".xls"
        raise WordImportError(f"“{path.name}” is an old {kind} 97–2003 file ({old}). Open it in {kind} and save "
                              f"it in the current format ({suffix}), then try again.")
    if not head.startswith(b"PK"):
        raise WordImportError(f"“{path.name}” is not a {name} ({suffix}): it is not in {kind}'s file format.")
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            if len(entries) > MAX_ENTRIES:
                raise WordImportError(f"“{path.name}” has {len(entries)} parts inside, far more than a {name}; "
                                      "it was not opened.")
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_UNPACKED:
                raise WordImportError(f"“{path.name}” would unpack to {unpacked // (1024 * 1024)} MB, far more "
                                      f"than a {name}; it was not opened.")
            for entry in entries:
                if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(1, entry.compress_size):
                    raise WordImportError(f"“{path.name}” contains a part that is compressed suspiciously "
                                          "tightly (a “zip bomb”); it was not opened.")
            names = package.namelist()
            if main_part not in names:
                other = next((label for part, label in (("word/document.xml", "a Word document"),
                                                        ("xl/workbook.xml", "an Excel workbook"),
                                                        ("ppt/presentation.xml", "a PowerPoint file"))
                              if part in names), "")
                if other:
                    raise WordImportError(f"“{path.name}” is {other}, not a {name}.")
                raise WordImportError(f"“{path.name}” is a ZIP file but has no {name} inside.")
    except zipfile.BadZipFile:
        raise WordImportError(f"“{path.name}” is damaged: it looks like a {name} but cannot be unpacked.") \
            from None


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


def _table(tbl) -> Table:  # type: ignore[no-untyped-def]
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
        raise WordImportError(f"“{path.name}” could not be read as a Word document ({type(error).__name__}).") \
            from None
    body = Body()
    for child in document.element.body:
        if child.tag == f"{W}p":
            body.blocks.append(_para(child))
        elif child.tag == f"{W}tbl":
            body.blocks.append(_table(child))
    return body

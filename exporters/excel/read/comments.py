"""Cell comments and notes of an Excel workbook, read from the package directly (openpyxl's streaming reader
leaves them out), so an owner's comment on a return is listed like the cells it is on.

Excel keeps each sheet's notes in a comments part its relationships name (threaded comments also keep a copy
there); LibreOffice does the same. Parts are size-capped and parsed without entities or network access.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendplan.text import clean_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART = 20 * 1024 * 1024
MAX_COMMENTS = 20_000
MAX_TEXT = 4000
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


@dataclass(frozen=True)
class CellComment:
    row: int
    column: int
    author: str
    text: str


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _parse(package: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    info = package.getinfo(name)
    if info.file_size > MAX_PART:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(package.read(info), parser)


def _target(package: zipfile.ZipFile, part: str, kind: str, ident: str | None = None) -> str | None:
    """The part a relationship of ``part`` points to, by relationship id or by type ending."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels not in package.namelist():
        return None
    root = _parse(package, rels)
    for rel in root.iter(f"{_PKG_REL}Relationship") if root is not None else ():
        if (ident is not None and rel.get("Id") == ident) or (ident is None and rel.get("Type", "").endswith(kind)):
            if rel.get("TargetMode") == "External":
                return None
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(part), target))
    return None


def read_cell_comments(path: str | Path, sheet_title: str) -> list[CellComment]:
    """The comments and notes on one worksheet, in the order stored ([] when it has none or they cannot be read:
    the cells are still read, and nothing false is said)."""
    try:
        with zipfile.ZipFile(path) as package:
            book = _parse(package, "xl/workbook.xml")
            sheet = next((s for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet_title), None) \
                if book is not None else None
            if sheet is None:
                return []
            part = _target(package, "xl/workbook.xml", "", sheet.get(f"{_REL}id"))
            comments = _target(package, part, "/comments") if part else None
            root = _parse(package, comments) if comments and comments in package.namelist() else None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError):
        return []
    if root is None:
        return []
    authors = [clean_text(a.text or "") for a in root.iter(f"{_MAIN}author")]
    found = []
    for comment in root.iter(f"{_MAIN}comment"):
        match = _CELL.match(comment.get("ref", "").split(":")[0].upper())
        if not match:
            continue
        try:
            author = authors[int(comment.get("authorId", "0"))]
        except (ValueError, IndexError):
            author = ""
        text = clean_text("".join(t.text or "" for t in comment.iter(f"{_MAIN}t"))).strip()
        if text.startswith(f"{author}:"):
            text = text[len(author) + 1:].strip()  # Excel starts a note with its author's name
        found.append(CellComment(int(match[2]), _column_number(match[1]), author or "someone", text[:MAX_TEXT]))
        if len(found) >= MAX_COMMENTS:
            break
    return found

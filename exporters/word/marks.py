"""What an owner marks in a Word document besides its text: comments and tracked changes, each with its author
and where it sits (which table, row and column), so a returned document's every word can be listed.

The body reader takes tracked changes as accepted (inserted text read, deleted text left out); this module
says so by author. Comments keep the text they are anchored to. Positions use the same numbering as
:func:`sendplan.exporters.word.embed.all_rows`: tables in document order, rows within the table, and the column
by its title in the table's first row.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendplan.exporters.word.read.body import W, iter_blocks, read_table
from sendplan.exporters.word.read.package import open_main

from sendplan.text import clean_text

_COMMENTS_TYPE = "/comments"
MAX_COMMENTS_PART = 20 * 1024 * 1024
MAX_MARK_TEXT = 4000


@dataclass(frozen=True)
class Mark:
    """A comment, or text inserted or deleted with Word's Track Changes on."""

    kind: str  # "comment", "inserted" or "deleted"
    author: str
    text: str  # the comment's words, or the text inserted or deleted
    anchor: str = ""  # a comment's: the document text it is attached to
    table: int = -1  # the table's place in the document (-1: not in a table)
    row: int = -1
    column: str = ""  # the title of its column in the table's first row


def _text_of(element: Any, tags: tuple[str, ...] = (f"{W}t",)) -> str:
    parts = []
    for piece in element.iter(*tags, f"{W}br", f"{W}tab", f"{W}p"):
        if piece.tag in tags:
            parts.append(piece.text or "")
        elif piece.tag == f"{W}tab":
            parts.append(" ")
        elif parts and piece.tag != f"{W}p":
            parts.append("\n")
    return clean_text("".join(parts)).strip()[:MAX_MARK_TEXT]


def _comment_texts(path: Path) -> dict[str, tuple[str, str]]:
    """Comment id → (author, words), from the comments part the main part names."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        rels_name = next((n for n in names if n.endswith("_rels/document.xml.rels")), "word/_rels/document.xml.rels")
        target = "word/comments.xml"
        if rels_name in names and package.getinfo(rels_name).file_size < 1024 * 1024:
            rels = etree.fromstring(package.read(rels_name), etree.XMLParser(resolve_entities=False, no_network=True))
            for rel in rels:
                if rel.get("Type", "").endswith(_COMMENTS_TYPE) and rel.get("TargetMode") != "External":
                    folder = posixpath.dirname(rels_name.replace("_rels/", "").removesuffix(".rels"))
                    target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")).lstrip("/"))
        if target not in names or package.getinfo(target).file_size > MAX_COMMENTS_PART:
            return {}
        data = package.read(target)
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    return {c.get(f"{W}id", ""): (c.get(f"{W}author", "") or "someone", _text_of(c)) for c in root.iter(f"{W}comment")}


class _Places:
    """Where an element of the body sits: (table, row, column title), by the body reader's numbering."""

    def __init__(self, body: Any) -> None:
        # keyed by the elements themselves: lxml keeps one Python object per element only while it is referenced
        self.tables = {tbl: n for n, tbl in enumerate(t for t in iter_blocks(body) if t.tag == f"{W}tbl")}
        self.titles: dict[Any, list[str]] = {}
        self.rows: dict[Any, dict[Any, int]] = {}

    def _table_info(self, tbl: Any) -> None:
        if tbl in self.rows:
            return
        table = read_table(tbl)
        self.titles[tbl] = [" ".join(c.text.split()) for c in table.rows[0]] if table.rows else []
        direct = [tr for tr in tbl.iter(f"{W}tr") if next(tr.iterancestors(f"{W}tbl")) is tbl]
        self.rows[tbl] = {tr: n for n, tr in enumerate(direct)}

    def of(self, element: Any) -> tuple[int, int, str]:
        outer = None
        for ancestor in element.iterancestors(f"{W}tbl"):
            if ancestor in self.tables:
                outer = ancestor
        if outer is None:
            return -1, -1, ""
        self._table_info(outer)
        tr = next(a for a in [element, *element.iterancestors(f"{W}tr")] if a.tag == f"{W}tr" and
                  next(a.iterancestors(f"{W}tbl")) is outer)
        tc = next((a for a in [element, *element.iterancestors(f"{W}tc")] if a.tag == f"{W}tc" and
                   a.getparent() is not None and next(a.iterancestors(f"{W}tr")) is tr), None)
        column = _grid(tr.find(f"{W}trPr"), "gridBefore")
        for cell in (c for c in tr.iter(f"{W}tc") if next(c.iterancestors(f"{W}tr")) is tr):
            if cell is tc:
                break
            column += max(1, _grid(cell.find(f"{W}tcPr"), "gridSpan"))
        titles = self.titles[outer]
        title = titles[column] if tc is not None and column < len(titles) else ""
        return self.tables[outer], self.rows[outer].get(tr, -1), title


def _grid(element: Any, name: str) -> int:
    found = element.find(f"{W}{name}") if element is not None else None
    try:
        return max(0, min(64, int(found.get(f"{W}val", "0")))) if found is not None else 0
    except ValueError:
        return 0


def read_marks(path: str | Path) -> list[Mark]:
    """The comments (with the text they are attached to) and tracked changes of a Word document, in document
    order. Raises OfficeFileError (a plain message) when the document cannot be read."""
    path = Path(path)
    body = open_main(path).body
    try:
        comments = _comment_texts(path)
    except (OSError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, SyntaxError):  # lxml's parse errors too
        comments = {}  # damaged comments: the document's text is still read, and the listing says nothing false
    places = _Places(body)
    marks: list[Mark] = []
    anchors: dict[str, list[str]] = {}
    where: dict[str, Any] = {}
    for element in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference", f"{W}t",
                             f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
        tag = element.tag
        ident = element.get(f"{W}id", "")
        if tag == f"{W}commentRangeStart":
            anchors[ident], where[ident] = [], element
        elif tag == f"{W}commentRangeEnd":
            where.setdefault(ident, element)
        elif tag == f"{W}commentReference" and ident in comments:
            author, words = comments.pop(ident)
            anchor = clean_text("".join(anchors.pop(ident, []))).strip()
            table, row, column = places.of(where.get(ident, element))
            marks.append(Mark("comment", author, words, anchor[:MAX_MARK_TEXT], table, row, column))
        elif tag == f"{W}t":
            for words in anchors.values():
                words.append(element.text or "")
        elif element.getparent() is not None and element.getparent().tag != f"{W}rPr":  # not a mark's own format
            kind = "inserted" if tag in (f"{W}ins", f"{W}moveTo") else "deleted"
            text = _text_of(element, (f"{W}t",) if kind == "inserted" else (f"{W}delText", f"{W}t"))
            if text:
                table, row, column = places.of(element)
                marks.append(Mark(kind, element.get(f"{W}author", "") or "someone", text, "", table, row, column))
    for author, words in comments.values():  # comments with no mark in the text (their anchor was deleted)
        marks.append(Mark("comment", author, words))
    return marks

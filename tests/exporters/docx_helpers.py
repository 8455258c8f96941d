"""Read back what the Word exporter wrote: tables, cells, runs and their formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path) -> DocumentObject:
    return Document(str(path))


def _paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for element in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
        parts.append(element.text or "" if element.tag == f"{W}t" else "\n" if element.tag == f"{W}br" else "\t")
    return "".join(parts)


def cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    """A cell's text: paragraphs and line breaks as newlines, tabs as tabs."""
    return "\n".join(_paragraph_text(p) for p in tc.iter(f"{W}p"))


def action_tables(document: DocumentObject) -> list:  # type: ignore[type-arg]
    """The tables whose caption says they hold an area's actions."""
    found = []
    for tbl in document.element.body.iter(f"{W}tbl"):
        caption = tbl.find(f"{W}tblPr/{W}tblCaption")
        if caption is not None and caption.get(qn("w:val")).startswith("Actions for area"):
            found.append(tbl)
    return found


def rows(tbl) -> list:  # type: ignore[no-untyped-def, type-arg]
    return tbl.findall(f"{W}tr")


def header_titles(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    return [cell_text(tc) for tc in rows(tbl)[0].findall(f"{W}tc")]


def column(tbl, title: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    """The body cells (w:tc) under the header ``title``."""
    index = header_titles(tbl).index(title)
    return [tr.findall(f"{W}tc")[index] for tr in rows(tbl)[1:]]


def fill_of(tc) -> str | None:  # type: ignore[no-untyped-def]
    shd = tc.find(f"{W}tcPr/{W}shd")
    return shd.get(qn("w:fill")) if shd is not None else None


def runs(element) -> list:  # type: ignore[no-untyped-def, type-arg]
    return list(element.iter(f"{W}r"))


def run_colour(run) -> str | None:  # type: ignore[no-untyped-def]
    colour = run.find(f"{W}rPr/{W}color")
    return colour.get(qn("w:val")) if colour is not None else None


def run_text(run) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


# Building fixture documents: the two table-cell properties real plans use that python-docx lacks.
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _element(tag: str, **attributes: str):  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def shade_cell(properties, fill: str) -> None:  # type: ignore[no-untyped-def]
    """Shade a cell (tcPr) or paragraph (pPr) with ``fill``, as Word does."""
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    properties.insert_element_before(_element("w:shd", val="clear", color="auto", fill=fill), *_TCPR_AFTER_SHD)


def mark_header_row(tr_pr) -> None:  # type: ignore[no-untyped-def]
    """Repeat this row at the top of every page, and never split it."""
    tr_pr.append(_element("w:cantSplit"))
    tr_pr.append(_element("w:tblHeader"))


def table_columns(table: Any) -> dict[str, int]:
    """A python-docx table's column titles (its first row) by position."""
    return {cell.text: i for i, cell in enumerate(table.rows[0].cells)}


def action_row(document: Any, ref: str) -> tuple[Any, Any, dict[str, int]]:
    """The table, row and column titles of the action whose Actions cell starts with ``ref``."""
    for table in document.tables:
        columns = table_columns(table)
        for row in table.rows[1:] if "Actions" in columns else []:
            if row.cells[columns["Actions"]].text.startswith(f"{ref} "):
                return table, row, columns
    raise AssertionError(f"no row for {ref}")

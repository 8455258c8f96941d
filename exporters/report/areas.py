"""The areas under "Areas for priority action" and "Areas for improvement", whatever their layout.

A two-column table (responsible body | area) gives one area a row, with its body; a one-column table
gives one area a row; paragraphs outside a table give one area a paragraph. An area's own list
("This includes: • … • …") and any paragraph after it in the same cell stay in the area. A row the
page break split (the first row on a new page, with its first cell empty or its text carrying on a
sentence or a list) is joined back together; a table's header row, repeated at the top of a page, is
skipped. "1." or "2." at the start of an area is kept as its reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sendplan.exporters.report.text import Para, join_lines

_HEADER_CELLS = {"responsible body", "responsible bodies", "areas for priority action", "area for priority action",
                 "areas for improvement", "area for improvement", "area", "areas", ""}
_NUMBERED = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
_TERMINAL = (".", "!", "?", ";", "”", "’", ")")


@dataclass
class Found:
    """One area as read: its paragraphs (list items start with "• "), responsible body and reference."""

    paragraphs: list[str] = field(default_factory=list)
    body: str = ""
    ref: str = ""
    from_row: bool = False
    page: int = 0  # the page of its last row

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).rstrip(": ")


def _line(para: Para) -> str:
    return f"• {para.text}" if para.bullet else para.text


def _carries_on(before: Found, paras: list[Para], body: str, columns: int) -> bool:
    """Whether a row at the top of a page is the rest of the row the page break split."""
    if not before.from_row:
        return False
    if not paras or (columns > 1 and not body):
        return True  # one cell empty: the other cell's text ran over the page
    first, last = paras[0], (before.paragraphs[-1] if before.paragraphs else "")
    return first.bullet or first.text[:1].islower() or last.endswith(":") or not last.endswith(_TERMINAL)


def _extend(area: Found, paras: list[Para]) -> None:
    """Add a split row's paragraphs, joining a sentence the page break cut in two."""
    for index, para in enumerate(paras):
        last = area.paragraphs[-1] if area.paragraphs else ""
        if index == 0 and last and not para.bullet and not last.endswith((*_TERMINAL, ":")):
            area.paragraphs[-1] = join_lines([last, para.text])
        else:
            area.paragraphs.append(_line(para))


def _rows(paras: list[Para]) -> list[tuple[Para | None, list[list[Para]]]]:
    """The section as units in order: (paragraph, []) outside tables, (None, cells) for a table row."""
    units: list[tuple[Para | None, list[list[Para]]]] = []
    current: tuple[int, int] | None = None
    for para in paras:
        if para.cell is None:
            units.append((para, []))
            current = None
            continue
        table, row, column, count = para.cell
        if current != (table, row):
            units.append((None, [[] for _ in range(count)]))
            current = (table, row)
        units[-1][1][min(column, count - 1)].append(para)
    return units


def read_areas(paras: list[Para]) -> list[Found]:
    """The areas of one section ("Areas for priority action" or "Areas for improvement")."""
    found: list[Found] = []
    for para, cells in _rows(paras):
        if para is not None:
            if not para.text.strip() or _key(para.text) in _HEADER_CELLS:
                continue
            if found and not found[-1].from_row and (para.bullet or found[-1].paragraphs[-1].endswith(":")):
                found[-1].paragraphs.append(_line(para))
            else:
                found.append(Found([_line(para)]))
            continue
        texts = [" ".join(p.text for p in cell) for cell in cells]
        if all(_key(text) in _HEADER_CELLS for text in texts):
            continue  # the header row (on the table's first page, or repeated)
        body = " ".join(texts[0].split()).rstrip(".") if len(cells) > 1 else ""
        wording = [p for cell in cells[1:] for p in cell] if len(cells) > 1 else cells[0]
        page = min(p.page for cell in cells for p in cell)
        if found and page > found[-1].page and _carries_on(found[-1], wording, body, len(cells)):
            if body:
                found[-1].body = f"{found[-1].body} {body}".strip()
            _extend(found[-1], wording)
            found[-1].page = page
            continue
        if wording:
            found.append(Found([_line(p) for p in wording], body, from_row=True, page=page))
    numbered = []
    for area in found:
        numbered += _split_numbered(area)
    return [area for area in numbered if area.text.strip()]


def _split_numbered(area: Found) -> list[Found]:
    """An area that starts "1." holds one area for each numbered paragraph in it; the numbers become refs."""
    if not area.paragraphs or not _NUMBERED.match(area.paragraphs[0]):
        return [area]
    parts: list[Found] = []
    for paragraph in area.paragraphs:
        number = _NUMBERED.match(paragraph)
        if number:
            parts.append(Found([paragraph[number.end():]], area.body, number[1], area.from_row, area.page))
        else:
            parts[-1].paragraphs.append(paragraph)
    return parts

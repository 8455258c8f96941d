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
from sendplan.exporters.report.text_tables import OPENING, complete_name, is_header

_HEADER_CELLS = {"responsible body", "responsible bodies", "areas for priority action", "area for priority action",
                 "areas for improvement", "area for improvement", "area", "areas", ""}
_NUMBERED = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
_TERMINAL = (".", "!", "?", ";", "”", "’", ")")
_CONTINUING = re.compile(r"^(?:They|This|These|It|Their|In particular|In addition|Also|However|Furthermore)\b"
                         r"|^\S+(?: \S+){0,5} (?:should|must|needs? to) also\b")  # refers back to the area before


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


def _paragraph(found: list[Found], para: Para) -> None:
    """A paragraph outside a table: a new area, or part of the one before (a list item, the text after
    "…includes:", a sentence carrying on in lower case, or one that refers back: "They should…", "This
    includes…", "Leaders should also…" — an area names who must act, and does not begin with "also")."""
    before = found[-1] if found and not found[-1].from_row else None
    if before is not None and (para.bullet or before.paragraphs[-1].endswith(":") or _CONTINUING.match(para.text)):
        before.paragraphs.append(_line(para))
    elif before is not None and para.text[:1].islower():
        before.paragraphs[-1] = join_lines([before.paragraphs[-1], para.text])
    else:
        found.append(Found([_line(para)]))


def _names(text: str, known: list[str]) -> list[str]:
    """A body's name as read, or the names it repeats when one copy of the table ran two cells together."""
    for name in known:
        copies = len(text) // (len(name) + 1) + 1
        if copies > 1 and " ".join([name] * copies) == text:
            return [name] * copies
    return [text]


def _from_flow(paras: list[Para]) -> tuple[list[Found], list[str]]:
    """The areas of a table whose cells came one after another (pasted text without columns), and the
    bodies named in it. Where every row reads body then area, each area keeps the body before it; where
    the order says nothing (the bodies in a column of their own), an area gets a body only when every
    body named is the same one, once for each area."""
    units: list[str | Para] = []
    for para in paras:
        if not para.text.strip() or _key(para.text) in _HEADER_CELLS or is_header(para.text):
            continue
        if para.named:
            units += _names(para.text, [u for u in units if isinstance(u, str)])
        else:
            units.append(para)
    bodies = [unit for unit in units if isinstance(unit, str)]
    rows: list[Found] = []
    for unit in units:
        if isinstance(unit, str):
            rows.append(Found(body=unit, from_row=True))
        elif rows and (rows[-1].paragraphs or unit.text[:1].isupper() and not unit.bullet):
            _extend(rows[-1], [unit])
        else:
            rows = []
            break
    if rows and all(row.paragraphs and complete_name(row.body) for row in rows):
        return rows, bodies  # body, then its area, row after row
    found: list[Found] = []
    for unit in units:
        if not isinstance(unit, str):
            _paragraph(found, unit)
    if bodies and len(set(bodies)) == 1 and len(bodies) == len(found) and complete_name(bodies[0]):
        for area in found:
            area.body = bodies[0]
    return found, bodies


def read_areas(paras: list[Para]) -> tuple[list[Found], list[str]]:
    """The areas of one section ("Areas for priority action" or "Areas for improvement"), and the bodies
    named in a table that pasted text gave without its columns (none otherwise)."""
    if any(para.named for para in paras) and not any(para.cell for para in paras):
        found, bodies = _from_flow(paras)
        return _numbered(found), bodies
    found: list[Found] = []
    for para, cells in _rows(paras):
        if para is not None:
            if not para.text.strip() or _key(para.text) in _HEADER_CELLS or is_header(para.text):
                continue
            _paragraph(found, para)
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
    return _numbered(found), []


def _numbered(found: list[Found]) -> list[Found]:
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


def seams(paras: list[Para]) -> list[tuple[str, str]]:
    """Where text may hide a boundary between two areas: a sentence ends at the end of a line and the next
    line begins as areas do ("Leaders across…"), with nothing in a copy of the text to say whether a new
    area began there. Each as (the words before, the words after)."""
    found = []
    for para in paras:
        for line, following in zip(para.lines, para.lines[1:], strict=False):
            if line.text.rstrip().endswith((".", "!", "?")) and OPENING.match(_strip(following.text)):
                found.append((" ".join(line.text.split()[-4:]), " ".join(_strip(following.text).split()[:6])))
    return found


def _strip(text: str) -> str:
    return text.lstrip("•▪◼●◦-–−* \uf0b7")

"""The small header blocks some Word plans put before each action table: a table of label | value rows
("Area of weakness 1 | <wording>", "Lead | …"), or a one-cell banner ("Priority 2: …"). The block
becomes the area; its other rows become the area's details."""

from __future__ import annotations

from dataclasses import dataclass

from sendplan.exporters.office import Heading, area_heading
from sendplan.exporters.word.read.body import Table


@dataclass
class HeaderBlock:
    heading: Heading
    details: list[tuple[str, str]]


def header_block(table: Table) -> HeaderBlock | None:
    """A small label | value table heading an action table ("Area of weakness 1 | …", "Lead | …"), or a
    one-cell banner ("Priority 2: …"); None for any other table."""
    rows = [[c.text for c in row if not c.continues] for row in table.rows]
    rows = [[t for t in row] for row in rows if any(row)]
    if not rows or len(rows) > 10 or any(len(row) > 3 for row in rows):
        return None
    found = None
    details = []
    for index, row in enumerate(rows):
        label, value = row[0], "\n".join(t for t in row[1:] if t)
        heading = area_heading(label) if len(label) <= 60 or not value else None
        if found is None and heading is not None:
            wording = "\n".join(t for t in (heading.wording, value) if t)
            if not wording and index + 1 < len(rows) and len(rows[index + 1]) == 1:
                continue  # the wording is the next row, merged across: taken below
            found = Heading(heading.term, heading.ref, wording)
        elif found is None and index > 0 and len(row) == 1 and (previous := area_heading(rows[index - 1][0])):
            found = Heading(previous.term, previous.ref, label)
        elif len(label) > 60 or not label:
            return None  # a table of text, not a header block
        else:
            details.append((label.rstrip(":").strip(), value))
    return HeaderBlock(found, details) if found is not None else None

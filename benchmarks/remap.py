"""Remap every table of an import as an officer correcting the preview might, for the corpus benchmarks:
each column given a role in turn (a RAG or progress column sometimes a named review), the first rows read
as headings, notes, ignored or actions, and the table marked as chosen, so the next read follows it."""

from __future__ import annotations

from sendplan.exporters.office import ROLES, ImportMapping


def remap(mapping: ImportMapping, *, header_rows: bool = False) -> ImportMapping:
    """``mapping`` with every table remapped (its header rows changed too when ``header_rows``)."""
    roles = [key for key in ROLES if key not in ("id", "earlier_due")]
    for number, table in enumerate(mapping.tables):
        for index, column in enumerate(table.columns):
            column.key = roles[(index + number) % len(roles)]
            column.review = "Q2 2025/26" if column.key in ("rag", "progress") and index % 2 else ""
        for index, row in enumerate(table.listed[:12]):
            table.rows[row.key] = ("area", "objective", "note", "ignore", "action")[index % 5]
        if header_rows:
            table.header_rows = 1 + number % 2
        table.chosen = True
    return mapping

"""How a Word table is read, before any row is: which rows make its header, its column titles, and each
column's role — from the titles (:mod:`sendplan.exporters.office.columns`), else from the cells, shared by
the tables with the same headers — or the officer's choice made to fit the table."""

from __future__ import annotations

from sendplan.exporters.office import ColumnChoice, TableChoice, guess_role, is_action_table, map_header
from sendplan.exporters.word.read.body import Cell, Table

_SAMPLE = 200  # rows whose cells decide a column the title says nothing about


def titles_at(table: Table, header_at: int, header_rows: int) -> list[str]:
    """The column titles of ``header_rows`` rows from ``header_at``: a second row is joined beneath the
    titles spanning it ("RAG" over "Mar 24 | Jun 24")."""
    if header_rows <= 0 or header_at >= len(table.rows):
        width = max((len(row) for row in table.rows), default=0)
        return [""] * width
    row = table.rows[header_at]
    titles = [" ".join(c.text.split()) for c in row]
    for below in table.rows[header_at + 1:header_at + header_rows]:
        top, joined = "", []
        for index, cell in enumerate(row):
            under = below[index].text if index < len(below) else ""
            top = top if cell.continues and not cell.text else " ".join(cell.text.split())
            joined.append(" ".join(f"{top} {under}".split()) if under else top)
        titles = joined
    return titles


def find_header(table: Table) -> tuple[int, int, list[str]]:
    """(first header row, number of header rows, column titles): the first action-like row in the first
    four, joined with a second header row beneath spanned titles; (0, 0, []) when there is none."""
    for index, row in enumerate(table.rows[:4]):
        titles = [" ".join(c.text.split()) for c in row]
        if not is_action_table(map_header(titles)):
            continue
        below = table.rows[index + 1] if index + 1 < len(table.rows) else []
        spanned = any(c.continues and not c.paragraphs for c in row)
        if below and (spanned or table.header_rows > index + 1) and len(below) == len(row) and all(
                len(c.text) <= 40 for c in below):
            joined = titles_at(table, index, 2)
            if is_action_table(map_header(joined)):
                return index, 2, joined
        return index, 1, titles
    return 0, 0, []


def guess_header(table: Table) -> tuple[int, int, list[str]]:
    """The header as found, else the first row taken as one."""
    header_at, header_rows, titles = find_header(table)
    return (header_at, header_rows, titles) if header_rows else (0, 1, titles_at(table, 0, 1))


def guess_table(table: Table, where: str, alike: list[Table] = (),  # type: ignore[assignment]
                header: tuple[int, int] | None = None) -> TableChoice:
    """How a table reads without the officer's help: its header (unless ``header`` gives it), and each
    column's role from its title, else from its cells — its own and those of the ``alike`` tables with the
    same headers (a plan split into one table per area reads each alike, even when one has a single row)."""
    header_at, header_rows, titles = guess_header(table)
    if header is not None:
        header_at, header_rows = header
        titles = titles_at(table, header_at, header_rows)
    mapped = map_header(titles)
    columns = [ColumnChoice(title, key, review) for title, (key, review) in zip(titles, mapped, strict=True)]
    body: list[list[Cell]] = []
    for other in [table, *[t for t in alike if t is not table]]:
        skip = guess_header(other)
        body += other.rows[skip[0] + skip[1]:skip[0] + skip[1] + _SAMPLE - len(body)]
    taken = {c.key for c in columns}
    for index, column in enumerate(columns):
        if column.key not in ("", "progress"):
            continue
        cells = [row[index] for row in body if index < len(row) and not row[index].continues]
        key, review, why = guess_role(column.title, column.key, [c.text for c in cells], [c.fill for c in cells],
                                      taken)
        if key:
            columns[index] = ColumnChoice(column.title, key, column.review or review, why)
            taken.add(key)
    return TableChoice(where, tuple(titles), columns, header_at, header_rows)


def fit(choice: TableChoice, table: Table) -> TableChoice:
    """A chosen mapping made to fit the table: as many columns as the table is wide (a missing one is kept
    as text, one too many dropped); with no columns (only the header chosen), the columns are guessed."""
    width = max((len(row) for row in table.rows), default=0)
    titles = titles_at(table, choice.header_at, choice.header_rows)
    if not choice.columns:
        guess = guess_table(table, choice.where, header=(choice.header_at, choice.header_rows))
        return TableChoice(choice.where, tuple(titles), guess.columns, choice.header_at, choice.header_rows,
                           dict(choice.rows), chosen=True)
    columns = list(choice.columns[:width])
    columns += [ColumnChoice(titles[i] if i < len(titles) else "", "") for i in range(len(columns), width)]
    return TableChoice(choice.where, tuple(titles), columns, choice.header_at, choice.header_rows, dict(choice.rows),
                       chosen=True, remembered=choice.remembered)

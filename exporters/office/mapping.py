"""The column mapping of an import: what each column of each table (or sheet) was read as, which rows
are headings or notes, and how many rows make the header — guessed by the importer, corrected by the
officer, and written to or read from a small JSON file so that a batch run can be corrected and rerun.

The importers take an :class:`ImportMapping` and follow every table the officer chose (``chosen``);
the others are guessed afresh. The mapping an import used comes back with its result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendplan.exporters.office.columns import normalise_title
from sendplan.exporters.office.package import OfficeFileError

FORMAT = "sendplan-import-mapping"
MAX_FILE = 2 * 1024 * 1024
# Column roles, in the order the preview offers them: key → what the officer reads.
ROLES: dict[str, str] = {
    "action_no": "Reference", "area": "Area heading", "objective": "Objective", "action": "Action",
    "owner": "Owner", "due": "Due date", "revised": "Revised due date", "start": "Start date (kept as text)",
    "achieved": "Date achieved (kept as text)", "earlier_due": "Earlier due dates", "id": "sendplan action id",
    "rag": "RAG", "progress": "Progress", "outcomes": "Outcomes",
    "kpis": "KPIs", "evidence": "Evidence", "notes": "Notes", "": "Kept as text", "ignore": "Ignore",
}
REVIEWED = ("rag", "progress")  # roles that belong to a review
# The words mapping files use for roles (a file is edited by people: "reference", not "action_no").
FILE_ROLES: dict[str, str] = {"action_no": "reference", "": "text"}
# What a table's row can be read as.
ROW_KINDS: dict[str, str] = {"action": "Action row", "area": "Area heading", "objective": "Objective heading",
                             "note": "Note", "ignore": "Ignore"}


def role_label(key: str, review: str = "") -> str:
    """"RAG at “Q2 2025/26”", "Progress (the current review)", "Owner"."""
    label = ROLES.get(key, key)
    if key in REVIEWED:
        return f"{label} at “{review}”" if review else f"{label} (the current review)"
    return label


def row_key(texts: list[str]) -> str:
    """What identifies a row across re-reads and later versions of a document: its words, clipped."""
    return normalise_title(" ".join(t[:200] for t in texts if t)[:400])[:120]


@dataclass
class ColumnChoice:
    """One column: its title as read, its role, the review a RAG or progress column belongs to (""
    for the current rating or the import's review), and why the cells decided, when they did."""

    title: str
    key: str
    review: str = ""
    why: str = ""
    hidden: bool = False  # hidden in the workbook

    def describe(self) -> str:
        hidden = " (hidden in the workbook)" if self.hidden else ""
        return f"“{' '.join(self.title.split()) or '(no title)'}”{hidden} → {role_label(self.key, self.review)}"


@dataclass
class RowChoice:
    """A row of the table as the preview lists it: its key, a short preview, what it was read as."""

    key: str
    preview: str
    kind: str


@dataclass
class TableChoice:
    """How one table or sheet was read. ``where`` names it ("table 3", "sheet “Tracker”"); ``header_at``
    is the first header row (0-based in a Word table, the row number in a sheet) and ``header_rows``
    how many rows the header spans; ``rows`` maps a row's key to what it is read as, for the rows the
    officer set (or that were not ordinary action rows); ``chosen`` when the officer (or a mapping file)
    set this table, so the importer follows it instead of guessing. A chosen table with no ``titles`` is
    for whatever headers the table has at its place (the officer changed the header rows); with no
    ``columns``, the columns under the chosen header are guessed."""

    where: str
    titles: tuple[str, ...]
    columns: list[ColumnChoice]
    header_at: int = 0
    header_rows: int = 1
    rows: dict[str, str] = field(default_factory=dict)
    chosen: bool = False
    listed: list[RowChoice] = field(default_factory=list)  # every body row, for the preview (not saved)
    remembered: bool = False  # taken from the mappings remembered for documents with the same headers
    read_as: str = ""  # what a table that is not an action table was read as ("the heading of priority 2: …")

    @property
    def signature(self) -> str:
        return signature(self.titles)

    def describe(self) -> str:
        return f"{self.where}: " + ", ".join(column.describe() for column in self.columns)

    def keys(self) -> list[str]:
        return [column.key for column in self.columns]


def signature(titles: tuple[str, ...] | list[str]) -> str:
    """The headers, as compared between documents (case, spacing and punctuation aside)."""
    return " | ".join(normalise_title(title) for title in titles)


@dataclass
class ImportMapping:
    """Every table's choice, in document order."""

    tables: list[TableChoice] = field(default_factory=list)

    def find(self, where: str, titles: tuple[str, ...] | list[str], *, used: set[int] | None = None
             ) -> TableChoice | None:
        """The chosen table for this place and these headers: same place and headers first, else the
        first unused one with the same headers."""
        wanted = signature(titles)
        chosen = [t for t in self.tables if t.chosen]
        for table in chosen:
            if table.where == where and table.signature == wanted:
                return table
        for table in chosen:
            if table.signature == wanted and (used is None or id(table) not in used):
                return table
        return None

    def table(self, where: str) -> TableChoice | None:
        return next((t for t in self.tables if t.where == where), None)

    # -- files ---------------------------------------------------------------------------------------

    def to_json(self) -> str:
        tables = []
        for table in self.tables:
            columns = []
            for column in table.columns:
                item: dict[str, Any] = {"title": column.title, "role": FILE_ROLES.get(column.key, column.key)}
                if column.key in REVIEWED:
                    item["review"] = column.review
                columns.append(item)
            entry: dict[str, Any] = {"table": table.where, "header_at": table.header_at,
                                     "header_rows": table.header_rows, "columns": columns}
            rows = {**{row.key: row.kind for row in table.listed if row.kind != "action"}, **table.rows}
            if rows:
                entry["rows"] = rows
            tables.append(entry)
        data = {"format": FORMAT, "version": 1,
                "roles": [FILE_ROLES.get(k, k) for k in ROLES], "row_kinds": list(ROW_KINDS), "tables": tables}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, name: str = "the mapping file") -> ImportMapping:
        """A mapping file as written by ``--report`` (every table in it counts as chosen). Raises
        OfficeFileError naming the first problem."""
        try:
            data = json.loads(text)
        except ValueError as error:
            raise OfficeFileError(f"{name} is not a mapping file sendplan can read (not JSON: {error.msg} "
                                  f"at line {error.lineno}).") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("tables"), list):
            raise OfficeFileError(f"{name} is not a mapping file sendplan wrote (it should say \"format\": "
                                  f"\"{FORMAT}\" and list the tables).")
        names = {FILE_ROLES.get(k, k): k for k in ROLES}
        tables = []
        for number, entry in enumerate(data["tables"], start=1):
            where = f"{name}, table entry {number}"
            if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list):
                raise OfficeFileError(f"{where} has no list of columns.")
            columns = []
            for column in entry["columns"]:
                role = column.get("role") if isinstance(column, dict) else None
                if role not in names:
                    raise OfficeFileError(f"{where}: “{role}” is not a role; use one of "
                                          + ", ".join(names) + ".")
                columns.append(ColumnChoice(str(column.get("title", "")), names[role],
                                            str(column.get("review", "") or "") if names[role] in REVIEWED else ""))
            rows = entry.get("rows", {})
            if not isinstance(rows, dict) or any(kind not in ROW_KINDS for kind in rows.values()):
                raise OfficeFileError(f"{where}: each row must be read as one of {', '.join(ROW_KINDS)}.")
            header_at, header_rows = entry.get("header_at", 0), entry.get("header_rows", 1)
            if not isinstance(header_at, int) or not isinstance(header_rows, int) or not 0 <= header_rows <= 4:
                raise OfficeFileError(f"{where}: header_at and header_rows must be small whole numbers.")
            tables.append(TableChoice(str(entry.get("table", "")), tuple(c.title for c in columns), columns,
                                      header_at, header_rows, {row_key([str(k)]): str(v) for k, v in rows.items()},
                                      chosen=True))
        return cls(tables)

    @classmethod
    def load(cls, path: Path) -> ImportMapping:
        try:
            if path.stat().st_size > MAX_FILE:
                raise OfficeFileError(f"“{path.name}” is far larger than a mapping file.")
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise OfficeFileError(f"There is no mapping file at “{path}”.") from None
        except UnicodeDecodeError:
            raise OfficeFileError(f"“{path.name}” is not a text file, so it cannot be a mapping file.") from None
        except OSError as error:
            raise OfficeFileError(f"“{path}” could not be read ({error.strerror}).") from None
        return cls.from_json(text, f"“{path.name}”")

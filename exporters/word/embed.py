"""Carry the plan inside the internal Word documents sendplan writes, and read it back exactly.

At export time the writer streams a custom XML part (:func:`embedded_part`) holding the plan (the
codec's tables as JSON) and, for each action, the text of its visible table cells with a fingerprint
of them. The writer hands over each table as the importer's reader would see it (:class:`ShownRows`),
so the fingerprint describes what a reader sees without the document being read back. :func:`read_embedded`
finds the part again in a saved file, whichever version wrote it; :func:`edited_cells` lists the
cells someone changed in Word since.
The publication preset never calls this: a published document carries only what it prints.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sendplan.exporters.office import CellEdit, is_action_table, map_header, normalise_title
from sendplan.exporters.word.read.body import Body, Cell, Table, read_body
from sendplan.exporters.word.read.support import split_ref

from sendplan.model import Plan
from sendplan.text import clean_text

NAMESPACE = "urn:sendplan:embedded-plan"
PART_FORMAT = "1"
_NS = f"{{{NAMESPACE}}}"
_DATASTORE_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_ITEM = re.compile(r"^customXml/item\d*\.xml$", re.IGNORECASE)
MAX_PART = 100 * 1024 * 1024


@dataclass
class VisibleRow:
    """One action's row as a reader sees it: the ref written in the table and each cell's text."""

    ref: str
    cells: dict[str, str]  # column title → text (cells merged down from the row above are left out)
    table: int = -1  # the table's place among the document's tables (0 for the first)
    row: int = -1  # the row's place in its table (0 for the header)
    number: str = ""  # the Action No cell over this row (an objective's number, merged down), "" for none
    columns: int = 0  # how many kinds of action column its table has (an area's table beats a summary)

    @property
    def fingerprint(self) -> str:
        return cells_fingerprint(self.cells)


@dataclass
class Embedded:
    """What an internal document carried: the plan and, per action id, its visible cells when written."""

    plan: Plan
    fingerprints: dict[str, str] = field(default_factory=dict)  # action id → fingerprint
    cells: dict[str, dict[str, str]] = field(default_factory=dict)  # action id → column title → text
    refs: dict[str, str] = field(default_factory=dict)  # action id → ref as written in the table


def ref_key(text: str) -> str:
    """A reference reduced for matching: "1.1 (a)" and "1.1a" and "1.1(A)" → "1.1a"."""
    return re.sub(r"[\s()]+", "", text.lower()).rstrip(".")


def cells_fingerprint(cells: dict[str, str]) -> str:
    """A hash of the text shown in a row's cells, to tell an edited row from the one written."""
    data = json.dumps(sorted(cells.items()), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# Visible rows


def _row_ref(number: str, action_cell: Cell | None) -> str:
    """The action's ref as the row shows it: at the start of the action's text ("1.1 (a) Recruit…",
    or "(a) Recruit…" under the number 1.1), else the number cell ("1a", "4.2")."""
    number = " ".join(number.split())
    first = action_cell.text.split("\n", 1)[0] if action_cell is not None else ""
    written, _ = split_ref(first, number)
    return written or number


def table_rows(table: Table, place: int = -1, *, with_unnamed: bool = False) -> list[VisibleRow]:
    """The action rows of one table (none when it is not an action table), keyed by their ref; with
    ``with_unnamed``, also the rows that name no action (a row an owner added without a reference)."""
    if not table.rows:
        return []
    titles = [" ".join(c.text.split()) for c in table.rows[0]]
    mapping = map_header(titles)
    if not is_action_table(mapping):
        return []
    keys = [key for key, _ in mapping]
    kinds = len({key for key in keys if key})
    number_at = keys.index("action_no") if "action_no" in keys else -1
    action_at = keys.index("action")
    header = [normalise_title(t) for t in titles]
    found: list[VisibleRow] = []
    number = ""
    for index, row in enumerate(table.rows[1:], start=1):
        if len(row) == len(header) and all(normalise_title(c.text) == h for c, h in zip(row, header, strict=True)):
            continue  # a header repeated on a later page
        if 0 <= number_at < len(row) and not row[number_at].continues:
            number = row[number_at].text
        action_cell = row[action_at] if action_at < len(row) else None
        cells = {title: cell.text for title, cell in zip(titles, row, strict=False) if not cell.continues}
        if action_cell is None or not action_cell.text:
            if with_unnamed and any(text for title, text in cells.items() if titles.index(title) != number_at):
                found.append(VisibleRow("", cells, place, index, number, kinds))  # words typed in a row of their own
            continue  # an objective without actions, or an empty row
        ref = _row_ref(number, action_cell)
        if not ref and not with_unnamed:
            continue  # a row that names no action cannot be matched (a listing of refs, say)
        found.append(VisibleRow(ref, cells, place, index, number, kinds))
    return found


def _tables(source: Body | Path | str) -> list[Table]:
    body = source if isinstance(source, Body) else read_body(Path(source), tables_only=True)
    return [b for b in body.blocks if isinstance(b, Table)]


def all_rows(source: Body | Path | str) -> list[VisibleRow]:
    """Every row of every action table, in document order, named or not (what an owner may have added)."""
    return [row for place, table in enumerate(_tables(source)) for row in table_rows(table, place, with_unnamed=True)]


def visible_rows(source: Body | Path | str) -> dict[str, VisibleRow]:
    """Every action row of a Word document by :func:`ref_key` of its ref.

    ``source`` is a saved file or a :class:`Body` the importer already read. A ref shown in several
    tables keeps the row of the table with the most action columns (the area's own table rather than
    a summary listing), else the first.
    """
    return rows_by_ref([row for place, table in enumerate(_tables(source)) for row in table_rows(table, place)])


def rows_by_ref(rows: list[VisibleRow]) -> dict[str, VisibleRow]:
    """Named rows by :func:`ref_key`, a ref shown twice keeping the row of the richer table, else the first."""
    found: dict[str, VisibleRow] = {}
    for row in sorted((r for r in rows if r.ref), key=lambda r: r.columns, reverse=True):  # stable: document order
        found.setdefault(ref_key(row.ref), row)
    return found


class ShownRows:
    """The action rows of a document's tables, added in document order as a reader sees them (by the writer
    as it writes each table, so the document need not be read back); only the rows are kept."""

    def __init__(self) -> None:
        self._found: list[VisibleRow] = []
        self._tables = 0

    def add(self, table: Table) -> None:
        self._found.extend(table_rows(table, self._tables))
        self._tables += 1

    def rows(self) -> dict[str, VisibleRow]:
        return rows_by_ref(self._found)


# ---------------------------------------------------------------------------------------------
# Writing



_UNCLEAN_JSON = re.compile("[\x7f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _clean_json(text: str) -> str:
    """:func:`clean_text` of JSON text, which escapes every other character clean_text would change."""
    if text.isascii():
        return text.replace("\x7f", "") if "\x7f" in text else text
    return clean_text(text) if _UNCLEAN_JSON.search(text) else text


_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def _text(text: str) -> str:
    """Element text as lxml writes it: ``&``, ``<``, ``>`` and carriage returns escaped."""
    for char, entity in _ESCAPES:
        if char in text:  # a search at C speed; most text holds none of them
            text = text.replace(char, entity)
    return text


def _attribute(text: str) -> str:
    """An attribute's value as lxml writes it (line breaks and tabs as character references)."""
    return _text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def embedded_part(plan: Plan, rows: dict[str, VisibleRow]) -> Iterator[str]:
    """The custom XML part, in pieces: the plan (the whole plan, not the view at a review) as the
    codec's tables in JSON, then each action's visible cells with their fingerprint (``rows``, by
    :func:`ref_key`). Written document by document, so the plan is never held twice in memory."""
    from sendplan import __version__
    from sendplan.codec import table_documents

    yield (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<sendplan xmlns=\"{NAMESPACE}\" "
           f'format="{PART_FORMAT}" app-version="{_attribute(__version__)}"><plan>')
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    opened = "{"
    for table, documents in table_documents(plan, app_version=__version__):
        yield _text(_clean_json(f"{opened}{dumps(table)}:{{"))  # what XML cannot hold (reading cleans it too)
        opened, first = ",", True
        for number, document in enumerate(documents, start=1):
            yield _text(_clean_json(f'{"" if first else ","}"{number}":{dumps(document)}'))
            first = False
        yield "}"
    yield "}" if opened == "," else "{}"
    yield "</plan>"
    numbers = plan.numbers()
    for _area, _objective, action in plan.iter_actions():
        row = rows.get(ref_key(numbers.get(action.id, "")))
        if row is None:
            continue  # a column set without the action's cells, or an action the table does not show
        cells = "".join(f'<cell column="{_attribute(title)}">{_text(text)}</cell>' for title, text in row.cells.items())
        yield (f'<row action="{_attribute(action.id)}" ref="{_attribute(row.ref)}" '
               f'fingerprint="{row.fingerprint}">{cells}</row>')
    yield "</sendplan>"


def item_properties() -> bytes:
    """The embedded part's properties, naming it by a new id and the schema it follows."""
    import uuid

    return (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
            f'<ds:datastoreItem ds:itemID="{{{str(uuid.uuid4()).upper()}}}" xmlns:ds="{_DATASTORE_NS}">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>').encode()


# ---------------------------------------------------------------------------------------------
# Reading


class EmbeddedPlanError(ValueError):
    """The document carries a sendplan part that cannot be used; the message says why, plainly."""


def _find_part(path: Path) -> bytes | None:
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            if not _ITEM.match(info.filename) or info.file_size > MAX_PART:
                continue
            data = package.read(info)
            if NAMESPACE.encode() in data[:4096]:
                return data
    return None


def _decode_plan(text: str) -> Plan:
    from sendplan.codec import SCHEMA_VERSION, PlanFormatError, plan_head, tables_to_plan
    from sendplan.schema import UpgradeError, upgrade

    try:
        data = json.loads(text)
        head = plan_head(data)
        version = head.get("schema_version", 1)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise EmbeddedPlanError("the plan inside it was written by a newer version of sendplan")
        if version < SCHEMA_VERSION:
            upgrade(data, version)
        return tables_to_plan(data)
    except RecursionError:
        raise EmbeddedPlanError("the plan inside it is damaged (nested far too deeply)") from None
    except (ValueError, UpgradeError, PlanFormatError) as error:
        if isinstance(error, EmbeddedPlanError):
            raise
        raise EmbeddedPlanError(f"the plan inside it is damaged ({str(error)[:200]})") from None


def read_embedded(path: str | Path) -> Embedded | None:
    """The plan a sendplan document carries, or None when it carries none (or is not a ZIP).

    Raises :class:`EmbeddedPlanError` when the part is there but unusable.
    """
    from lxml import etree

    try:
        data = _find_part(Path(path))
    except (OSError, zipfile.BadZipFile, zlib.error):
        return None
    if data is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise EmbeddedPlanError("the plan inside it is damaged (its XML cannot be read)") from None
    plan_element = root.find(f"{_NS}plan")
    if root.tag != f"{_NS}sendplan" or plan_element is None or not plan_element.text:
        raise EmbeddedPlanError("the plan inside it is incomplete")
    embedded = Embedded(_decode_plan(plan_element.text))
    for row in root.iter(f"{_NS}row"):
        action_id = row.get("action", "")
        embedded.fingerprints[action_id] = row.get("fingerprint", "")
        embedded.refs[action_id] = row.get("ref", "")
        embedded.cells[action_id] = {cell.get("column", ""): cell.text or "" for cell in row.iter(f"{_NS}cell")}
    return embedded


def edited_cells(embedded: Embedded, rows: dict[str, VisibleRow]) -> list[CellEdit]:
    """Cells whose visible text differs from what was written, in plan order; rows added in Word
    come last with an empty ``before`` and ``action_id``; a removed row gives one edit with empty
    ``after`` per cell."""
    edits: list[CellEdit] = []
    seen: set[str] = set()
    for action_id, written in embedded.cells.items():
        ref = embedded.refs.get(action_id, "")
        key = ref_key(ref)
        seen.add(key)
        row = rows.get(key)
        if row is None:
            edits += [CellEdit(action_id, ref, column, text, "") for column, text in written.items() if text]
            continue
        if row.fingerprint == embedded.fingerprints.get(action_id):
            continue
        for column in dict.fromkeys([*written, *row.cells]):
            before, after = written.get(column, ""), row.cells.get(column, "")
            if before != after:
                edits.append(CellEdit(action_id, ref, column, before, after))
    for key, row in rows.items():
        if key not in seen:
            edits += [CellEdit("", row.ref, column, "", text) for column, text in row.cells.items() if text]
    return edits

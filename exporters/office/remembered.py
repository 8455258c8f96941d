"""The column mappings the officer chose, remembered for documents with the same headers.

Kept as one small JSON file in the user's data folder (``import-mappings.json``), keyed by the
headers of each table or sheet; the most recent choices are kept, up to a fixed number. A damaged
or unreadable file is treated as empty (and replaced on the next save): remembering is a convenience,
never a reason for an import to fail.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

from sendplan.exporters.office.mapping import ColumnChoice, ImportMapping, TableChoice

from sendplan.atomic import atomic_write_bytes
from sendplan.paths import data_dir

FILE_NAME = "import-mappings.json"
KEEP = 200  # tables remembered; the oldest are forgotten first
_log = logging.getLogger("sendplan")


def default_path() -> Path:
    return data_dir() / FILE_NAME


class RememberedMappings:
    """Look up and remember table choices by their headers."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._entries: dict[str, dict] | None = None

    def _load(self) -> dict[str, dict]:
        if self._entries is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                entries = data.get("tables", {}) if isinstance(data, dict) else {}
                self._entries = {k: v for k, v in entries.items() if isinstance(v, dict)}
            except FileNotFoundError:
                self._entries = {}
            except (OSError, ValueError) as error:
                _log.info("remembered import mappings in %s not read: %r", self.path, error)
                self._entries = {}
        return self._entries

    def lookup(self, signature: str) -> TableChoice | None:
        """The choice remembered for tables with these headers (marked chosen and remembered), or None."""
        entry = self._load().get(signature)
        if entry is None:
            return None
        try:
            text = json.dumps({"format": "sendplan-import-mapping", "tables": [entry["table"]]})
            (table,) = ImportMapping.from_json(text).tables
        except Exception as error:  # noqa: BLE001 - a damaged entry is forgotten, never fatal
            _log.info("remembered mapping for %r not used: %r", signature, error)
            return None
        return replace(table, remembered=True, columns=[replace(c) for c in table.columns])

    def remember(self, mapping: ImportMapping) -> int:
        """Keep every chosen table of ``mapping`` (newest first); the number kept. Never raises."""
        entries = self._load()
        kept = 0
        for table in mapping.tables:
            if not table.chosen or not table.columns:
                continue
            clean = replace(table, where=table.where, listed=[], columns=[
                ColumnChoice(c.title, c.key, c.review) for c in table.columns])
            (entry,) = json.loads(ImportMapping([clean]).to_json())["tables"]
            entries.pop(table.signature, None)
            entries[table.signature] = {"table": entry, "saved": date.today().isoformat()}
            kept += 1
        if not kept:
            return 0
        while len(entries) > KEEP:
            entries.pop(next(iter(entries)))
        try:
            text = json.dumps({"format": "sendplan-remembered-mappings", "tables": entries}, ensure_ascii=False)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, text.encode("utf-8"))
        except OSError as error:
            _log.info("remembered import mappings not saved to %s: %r", self.path, error)
            return 0
        return kept

"""The plan file: an atomic TinyDB storage, loading with clear errors, and saving that never corrupts.

Writes serialise first, write a temporary file in the same folder, flush, fsync and ``os.replace``
it over the plan (retrying briefly when Windows reports a sharing violation), so a crash leaves
either the old file or the new one, never a mixture. Loading never writes to the file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sendplan import __version__
from sendplan.atomic import atomic_write_bytes
from sendplan.codec import (
    SCHEMA_VERSION,
    PlanFormatError,
    plan_head,
    plan_to_tables,
    tables_to_plan,
)
from sendplan.fileops import cannot_write, os_path
from sendplan.model import Plan
from sendplan.schema import UpgradeError, upgrade
from sendplan.unknown import Unknown, find_unknown

PLAN_SUFFIX = ".sendplan"
MAX_PLAN_BYTES = 64 * 1024 * 1024  # a 10x plan is ~2 MB; anything this large is not a plan
MAX_DEPTH = 40  # objects and lists inside one another: a plan goes six deep
MAX_PROBLEM = 600  # characters of a problem told about a file


def serialise(data: dict[str, Any]) -> bytes:
    """TinyDB tables as the bytes we store: UTF-8 JSON with one document per line, so a diff
    shows which documents changed (and json's fast C encoder does the work, unlike ``indent``)."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    tables = []
    for name, table in data.items():
        rows = ",\n".join(f"  {dumps(str(key))}: {dumps(doc)}" for key, doc in table.items())
        tables.append(f" {dumps(name)}: {{\n{rows}\n }}" if rows else f" {dumps(name)}: {{}}")
    return ("{\n" + ",\n".join(tables) + "\n}\n").encode("utf-8")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never rewrites the file in place (TinyDB's JSONStorage can truncate it).

    ``TinyDB(path, storage=AtomicJSONStorage)`` works; so does a plain ``TinyDB(path)`` for reading.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.last_written: bytes = b""

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = Path(os_path(self.path)).read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        data: dict[str, dict[str, Any]] = json.loads(raw.decode("utf-8-sig"))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise PermissionError(errno.EROFS, "this plan is open read-only", str(self.path))
        payload = serialise(data)
        atomic_write_bytes(self.path, payload)
        self.last_written = payload

    def close(self) -> None:
        """Nothing stays open between writes."""


# ---------------------------------------------------------------------------------------------
# Loading


class PlanLoadError(Exception):
    """A plan file that cannot be opened. ``message`` is one paragraph for the user."""

    def __init__(self, path: Path, problem: str, newest_backup: Path | None = None, *, exists: bool = True) -> None:
        self.path = Path(path)
        self.problem = problem
        self.newest_backup = newest_backup
        self.exists = exists  # False: there is no file, so nothing to say about leaving it unchanged
        super().__init__(self.message)

    @property
    def message(self) -> str:
        problem = self.problem if len(self.problem) <= MAX_PROBLEM else self.problem[:MAX_PROBLEM - 1] + "…"
        text = f"Cannot open the plan “{self.path}”: {problem}" + (" The file has not been changed." if self.exists
                                                                    else "")
        if self.newest_backup is not None:
            text += f" The newest backup of this plan is “{self.newest_backup}”; you can restore it."
        return text


@dataclass
class LoadedPlan:
    """A plan read from disk, with what the app needs to save it back safely."""

    path: Path
    plan: Plan
    content_hash: str
    raw: bytes
    schema_version: int  # as found in the file, before any upgrade
    read_only: bool = False
    read_only_reason: str = ""
    notices: list[str] = field(default_factory=list)
    unknown: Unknown = field(default_factory=Unknown)  # tables and fields this version does not know, kept

    @property
    def upgraded(self) -> bool:
        """True when the file is in an older format (it is saved in the current one)."""
        return self.schema_version < SCHEMA_VERSION


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _describe_not_plan(data: Any) -> str:
    if not isinstance(data, dict):
        return "it contains valid JSON, but not a sendplan plan (the top level is not an object)."
    if data and all(isinstance(v, dict) for v in data.values()):
        tables = ", ".join(sorted(map(str, data))[:6])
        if "plan" not in data:
            return (f"it is a TinyDB database of another program (its tables are: {tables}), "
                    "not a sendplan plan.")
    return "it contains valid JSON, but not a sendplan plan."


def _check_read_only(path: Path) -> str:
    """Why the plan cannot be written, or "" when it can: found by trying (``os.access`` cannot see a
    shared folder's permissions on Windows), see :func:`sendplan.fileops.cannot_write`."""
    try:
        mode = os.stat(os_path(path)).st_mode
    except OSError:
        return ""
    if not mode & stat.S_IWUSR:
        return "The file is marked read-only, so it is open read-only; save a copy to keep changes."
    refused = cannot_write(path)
    if refused == "file":
        return "You do not have permission to change the file, so it is open read-only; save a copy to keep changes."
    if refused == "folder":
        return "Its folder cannot be written to, so it is open read-only; save a copy to keep changes."
    return ""


def read_plan_bytes(path: Path) -> bytes:
    """Read the whole file (one place, so tests can simulate permission problems)."""
    with open(os_path(path), "rb") as handle:
        return handle.read()


def _office_file(path: Path) -> str:
    """What to do with a Word document or Excel workbook given where a plan was expected."""
    suffix = path.suffix.lower()
    command = f"sendplan import \"{path.name}\" -o PLAN.sendplan"
    if suffix in (".xlsx", ".xlsm"):
        return (f"it is an Excel workbook, not a plan; to make a plan from a tracker, use File › Import Excel "
                f"tracker… (or, at the command line, {command}).")
    if suffix in (".docx", ".docm"):
        return (f"it is a Word document, not a plan; to make a plan from an action plan in Word, use File › Import "
                f"Word plan… (or, at the command line, {command}).")
    return ("it is a Word document or an Excel workbook, not a plan; to make a plan from it, use File › Import Word "
            "plan… or File › Import Excel tracker….")


def decode_plan(path: Path, raw: bytes) -> LoadedPlan:
    """Parse, upgrade and validate plan-file bytes; raises :class:`PlanLoadError` (no backup hint)."""
    if not raw.strip():
        raise PlanLoadError(path, "the file is empty (0 bytes of plan data).")
    if raw.startswith(b"PK\x03\x04"):
        raise PlanLoadError(path, _office_file(path))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanLoadError(path, "it is an old-style or password-protected Office file, not a plan.")
    if raw.startswith(b"%PDF"):
        raise PlanLoadError(path, "it is a PDF, not a plan; to start a plan from an inspection report, choose "
                                  "“New plan › From inspection report”.")
    if b"\x00" in raw:
        raise PlanLoadError(path, "it contains NUL (zero) bytes, which a plan file never has; it was "
                                  "probably damaged while being copied, synced or written.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanLoadError(path, "it is not a text file, so it cannot be a plan.") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise PlanLoadError(path, "its data is nested far more deeply than any plan's, so it is not a plan file "
                                  "or it has been damaged.") from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) - 1 or error.msg.startswith("Unterminated string"):
            problem = ("its contents stop part-way through (the file looks cut short, perhaps by an "
                       "interrupted copy or a full disk).")
        else:
            problem = (f"it is not valid plan data (line {error.lineno}, column {error.colno}: "
                       f"{error.msg.lower()}).")
        raise PlanLoadError(path, problem) from None
    try:
        head = plan_head(data) if isinstance(data, dict) else None
    except PlanFormatError:
        head = None
    if head is None:
        raise PlanLoadError(path, _describe_not_plan(data))
    if _depth(data) > MAX_DEPTH:
        raise PlanLoadError(path, "its data is nested far more deeply than any plan's, so it is not a plan file or "
                                  "it has been damaged.")
    version = head.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise PlanLoadError(path, "its schema version is missing or not a whole number.")
    read_only_reason = ""
    notices = []
    if version > SCHEMA_VERSION:
        written_by = head.get("app_version") or "a newer version"
        read_only_reason = (f"It was saved by sendplan {written_by} (plan format {version}); this "
                            f"version understands format {SCHEMA_VERSION}, so it is open read-only "
                            "and will not be rewritten. Install the newer sendplan to edit it.")
    elif version < SCHEMA_VERSION:
        try:
            upgrade(data, version)
        except UpgradeError as error:
            raise PlanLoadError(path, f"{error}.") from None
        notices.append(f"This plan was saved in format {version} and is read upgraded to format {SCHEMA_VERSION}, "
                       "with the same numbers; the original is backed up before the first save in the new format.")
    unknown = find_unknown(data) if version <= SCHEMA_VERSION else Unknown()
    if unknown:
        notices.append(unknown.notice())
    cleaned: list[str] = []
    try:
        plan = tables_to_plan(data, cleaned=cleaned)
    except PlanFormatError as error:
        if version > SCHEMA_VERSION:
            raise PlanLoadError(path, f"it was saved by a newer version of sendplan (plan format "
                                      f"{version}) that this version cannot read. Install the "
                                      "newer sendplan to open it.") from None
        raise PlanLoadError(path, f"part of it is damaged or was edited by hand: {error}.") from None
    if cleaned:
        where = f"{cleaned[0]}" + (f" and {len(cleaned) - 1} more" if len(cleaned) > 1 else "")
        notices.append(f"Some text held characters a plan cannot keep (control characters or broken Unicode, as "
                       f"pasted text sometimes brings: {where}). They were removed as it was read, so the next save "
                       "leaves them out; the copy taken when it was opened keeps them.")
    return LoadedPlan(path=path, plan=plan, content_hash=content_hash(raw), raw=raw,
                      schema_version=version, read_only=bool(read_only_reason),
                      read_only_reason=read_only_reason, notices=notices, unknown=unknown)


def _depth(data: Any) -> int:
    """How deeply objects and lists sit inside one another (counted without recursion)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                return deepest
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def load_plan(path: str | os.PathLike[str]) -> LoadedPlan:
    """Open a plan file without ever writing to it. Raises :class:`PlanLoadError` with a clear message
    (:func:`sendplan.document.load_plan_file` adds the newest backup to it)."""
    path = Path(path)
    try:
        info = os.stat(os_path(path))
    except FileNotFoundError:
        raise PlanLoadError(path, "there is no file at that location (it may have been moved or renamed, or be on "
                                  "a drive that is not connected).", exists=False) from None
    except OSError as error:
        raise PlanLoadError(path, f"it cannot be reached ({error.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise PlanLoadError(path, "it is a folder, not a plan file.")
    if info.st_size > MAX_PLAN_BYTES:
        raise PlanLoadError(path, f"it is {_size_text(info.st_size)}, far larger than any plan "
                                  f"(the limit is {_size_text(MAX_PLAN_BYTES)}), so it is not "
                                  "a plan file or it has been damaged.")
    try:
        raw = read_plan_bytes(path)
    except PermissionError:
        raise PlanLoadError(path, "you do not have permission to read it (ask whoever manages "
                                  "the shared folder).") from None
    except OSError as error:
        raise PlanLoadError(path, f"it could not be read ({error.strerror or error}).") from None
    loaded = decode_plan(path, raw)
    if not loaded.read_only:
        loaded.read_only_reason = _check_read_only(path)
        loaded.read_only = bool(loaded.read_only_reason)
    return loaded


# ---------------------------------------------------------------------------------------------
# Saving


class PlanChangedOnDisk(Exception):
    """The file on disk is not the one we loaded or last saved: someone else changed it."""

    def __init__(self, path: Path, deleted: bool = False) -> None:
        self.path = path
        self.deleted = deleted
        what = "was moved or deleted" if deleted else "was changed by someone else"
        super().__init__(f"The plan “{path}” {what} since you opened it. Your changes have not "
                         "been written over it: reload it, or save your version as a copy.")


class PlanReadOnly(Exception):
    """The plan was opened read-only; it can only be saved as a copy."""


def save_new_plan(path: str | os.PathLike[str], plan: Plan) -> bytes:
    """Write ``plan`` to ``path`` atomically (a new file, or a deliberate overwrite). Returns the bytes."""
    storage = AtomicJSONStorage(path)
    storage.write(plan_to_tables(plan, app_version=__version__))
    return storage.last_written


def file_hash(path: Path) -> str | None:
    try:
        return content_hash(Path(os_path(path)).read_bytes())
    except FileNotFoundError:
        return None

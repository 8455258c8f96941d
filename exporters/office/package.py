"""Check an Office file (.docx, .xlsx) before any parser opens it.

It must be a ZIP (not an OLE file, which is how Office stores password-protected and 97–2003
files), hold the expected main part in the usual (Transitional) Open XML format, and not be a zip
bomb: entry count, total unpacked size and compression ratio are checked first; then every part must
unpack to what the package says it holds, so no reader meets a broken part. Every message names what
the file is and what to do.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path

MAX_ENTRIES = 5000
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200
MAX_FILE = 200 * 1024 * 1024
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_STRICT = b"purl.oclc.org/ooxml/"  # the namespaces of ISO Strict Open XML, which openpyxl cannot read
_SAVE_AS = {"Word": "Word Document (.docx)", "Excel": "Excel Workbook (.xlsx)"}


_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")  # the first record of Excel 2.1–4.0 files (before OLE)
_OFFICE_DOCUMENT = re.compile(rb"<Relationship\b[^>]*?Type=\"[^\"]*/officeDocument\"[^>]*>")
_TARGET = re.compile(rb"\bTarget=\"([^\"]+)\"")


class OfficeFileError(Exception):
    """A Word or Excel file that cannot be used; the message says why, for the user."""


def main_part_name(path: Path, default: str) -> str:
    """The package's main part as its ``_rels/.rels`` names it (``default`` when it does not say, or cannot)."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("_rels/.rels")
            rels = package.read(info) if info.file_size <= 64 * 1024 else b""
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, RuntimeError, ValueError, EOFError):
        return default  # check_package then says what is wrong with the file
    relationship = _OFFICE_DOCUMENT.search(rels)
    target = _TARGET.search(relationship[0]) if relationship else None
    if target is None or b"External" in relationship[0]:  # type: ignore[index]
        return default
    return posixpath.normpath(target[1].decode("utf-8", "replace").lstrip("/"))


def _not_a_package(path: Path, head: bytes, kind: str, name: str, suffix: str, save_as: str) -> str:
    """What a file that is not an Office package is, in words, when it can be told."""
    if path.name.startswith("~$"):
        return (f"“{path.name}” is the small file {kind} keeps beside “{path.name[2:]}” while that is open, not "
                f"{name}: choose “{path.name[2:]}” itself (close it in {kind} first).")
    if kind == "Excel" and head[:2] in _BIFF:
        return f"“{path.name}” is an Excel file in a very old format (Excel 2.1–4.0). {save_as}"
    if head.lstrip()[:1] == b"<":
        return (f"“{path.name}” is a web page or XML file, not {name} ({suffix}), whatever its name says. "
                f"{save_as}")
    return (f"“{path.name}” is not {name} ({suffix}): it is not in {kind}'s file format. Check that you chose the "
            "right file.")


def _corrupt_part(package: zipfile.ZipFile) -> str:
    """The first part that does not unpack to what the package says it holds (a bad CRC, broken compressed
    data, an unknown compression method), or "" when every part is sound."""
    for info in package.infolist():
        try:
            with package.open(info) as part:
                while part.read(1 << 16):
                    pass
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
            return info.filename or "(unnamed)"
    return ""


def check_package(path: Path, *, kind: str = "Word", main_part: str = "word/document.xml",
                  suffix: str = ".docx") -> None:
    """Raise OfficeFileError with a clear message unless ``path`` is an Office file safe to open.

    ``kind``/``main_part``/``suffix`` describe what is expected (Word by default; Excel for returns).
    """
    name = {"Word": "a Word document", "Excel": "an Excel workbook"}.get(kind, f"a {kind} file")
    save_as = f"Open it in {kind}, choose File › Save As, pick “{_SAVE_AS.get(kind, suffix)}” and try again."
    if path.is_dir():
        raise OfficeFileError(f"“{path}” is a folder, not {name}: choose a file inside it.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise OfficeFileError(f"There is no file at “{path}”: check its name and folder.") from None
    except OSError as error:
        raise OfficeFileError(f"“{path}” could not be read ({error.strerror}).") from None
    if size > MAX_FILE:
        raise OfficeFileError(f"“{path.name}” is {size // (1024 * 1024)} MB, far larger than any action plan.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _ENCRYPTED in path.read_bytes()[:MAX_FILE]:
            raise OfficeFileError(f"“{path.name}” is password-protected. Open it in {kind}, remove the password "
                                  "(File › Info › Protect, Encrypt with Password, clear it), save, and try again.")
        old = ".doc" if kind == "Word" else ".xls"
        raise OfficeFileError(f"“{path.name}” is an old {kind} 97–2003 file ({old}). Open it in {kind} and save "
                              f"it in the current format ({suffix}), then try again.")
    if not head.startswith(b"PK"):
        raise OfficeFileError(_not_a_package(path, head, kind, name, suffix, save_as))
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            if len(entries) > MAX_ENTRIES:
                raise OfficeFileError(f"“{path.name}” has {len(entries)} parts inside, far more than {name}; "
                                      "it was not opened.")
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_UNPACKED:
                raise OfficeFileError(f"“{path.name}” would unpack to {unpacked // (1024 * 1024)} MB, far more "
                                      f"than {name}; it was not opened.")
            for entry in entries:
                if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(1, entry.compress_size):
                    raise OfficeFileError(f"“{path.name}” contains a part that is compressed suspiciously "
                                          "tightly (a “zip bomb”); it was not opened.")
            names = package.namelist()
            if main_part not in names and kind == "Excel" and any("\\" in n for n in names):
                raise OfficeFileError(f"“{path.name}” is an Excel workbook written by a program that names the parts "
                                      "inside it in a way Excel itself does not, so sendplan cannot read it. "
                                      f"{save_as}")
            if main_part not in names:
                if kind == "Excel" and any(n.lower().endswith("workbook.bin") for n in names):
                    raise OfficeFileError(f"“{path.name}” is an Excel binary workbook (.xlsb), which sendplan "
                                          f"cannot read. {save_as}")
                other = next((label for part, label in (("word/document.xml", "a Word document"),
                                                        ("xl/workbook.xml", "an Excel workbook"),
                                                        ("xl/workbook.bin", "an Excel binary workbook (.xlsb)"),
                                                        ("ppt/presentation.xml", "a PowerPoint file"))
                              if part in names), "")
                if other:
                    raise OfficeFileError(f"“{path.name}” is {other}, not {name}.")
                raise OfficeFileError(f"“{path.name}” is a ZIP file but has no {name[name.index(' ') + 1:]} "
                                      "inside.")
            corrupt = _corrupt_part(package)
            if corrupt:
                raise OfficeFileError(f"“{path.name}” is damaged: the part “{corrupt[:80]}” inside it does not unpack "
                                      f"as it was written. Open it in {kind}, which may offer to repair it, save it "
                                      "and try again.")
            if kind == "Excel":  # the Word reader maps Strict namespaces itself (word_package.py)
                with package.open(main_part) as main:
                    strict = _STRICT in main.read(4096)
                if strict:
                    raise OfficeFileError(f"“{path.name}” is saved in the Strict Open XML format, which sendplan "
                                          f"cannot read. {save_as}")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        raise OfficeFileError(f"“{path.name}” is damaged: it looks like {name} but cannot be unpacked. Open it in "
                              f"{kind}, which may offer to repair it, save it and try again.") from None

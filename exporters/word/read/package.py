"""Open the main part of any Word package (.docx, .docm, .dotx, .dotm, ISO Strict) as XML, safely.

The main part is found through the package relationships, not assumed to be
``word/document.xml``; Strict documents are read by mapping their namespaces to the transitional
ones; macros and missing optional parts (thumbnail, styles) are ignored. Files that are not Word
packages (OpenDocument, old binary Word, password-protected) get a message that says what the file
is and what to do.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from sendplan.exporters.office import OfficeFileError, check_package

MAX_MESSAGE = 400
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
# ISO Strict namespace → the transitional one the reader knows (the same vocabulary, other names).
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main":
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
}
_KINDS = {
    "macroEnabled.main": "a macro-enabled Word document (.docm); its macros were ignored",
    "template.main": "a Word template (.dotx)",
    "macroEnabledTemplate.main": "a macro-enabled Word template (.dotm); its macros were ignored",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_MAX_SMALL_PART = 2 * 1024 * 1024


@dataclass
class WordPackage:
    """The parsed main part (its ``w:body``), the title in the document properties, and notes."""

    body: object  # an lxml element
    title: str = ""
    notes: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()  # the text of each footer paragraph (sendplan writes version and review there)


def short(message: str) -> str:
    """A message capped at a readable length."""
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1].rstrip() + "…"


def _parser():  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def _small(package: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    return package.read(info) if info.file_size <= _MAX_SMALL_PART else None


def _main_part(path: Path) -> str:
    """The main part's name from ``_rels/.rels`` ("word/document.xml" when the package does not say)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as package:
            mimetype = (_small(package, "mimetype") or b"").decode("ascii", "replace")
            if mimetype.startswith("application/vnd.oasis.opendocument"):
                kind = "text document (.odt)" if "text" in mimetype else "file"
                raise OfficeFileError(short(
                    f"“{path.name}” is an OpenDocument {kind}, not a Word document"
                    f"{', whatever its name says' if path.suffix.lower() != '.odt' else ''}. "
                    "Open it in LibreOffice Writer or Word and save it as a Word Document (.docx), then "
                    "import that."))
            rels = _small(package, "_rels/.rels")
    except (OSError, zipfile.BadZipFile, zlib.error):
        return "word/document.xml"  # check_package explains what is wrong with the file
    if rels:
        try:
            for rel in etree.fromstring(rels, _parser()).iter(_RELS):
                if rel.get("Type") in _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                    return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        except etree.XMLSyntaxError:
            pass
    return "word/document.xml"


def _content_type(package: zipfile.ZipFile, part: str) -> str:
    types = _small(package, "[Content_Types].xml") or b""
    match = re.search(rb'PartName="/' + re.escape(part.encode()) + rb'"\s+ContentType="([^"]+)"', types)
    return match[1].decode() if match else ""


def open_main(path: Path) -> WordPackage:
    """Check the package and return its parsed body. Raises OfficeFileError with a plain message."""
    from lxml import etree

    main = _main_part(path)
    check_package(path, main_part=main)
    notes: list[str] = []
    with zipfile.ZipFile(path) as package:
        data = package.read(main)
        content_type = _content_type(package, main)
        core = _small(package, "docProps/core.xml")
        footer = _footer_lines(package, main)
    kind = next((text for marker, text in _KINDS.items() if f".{marker}+xml" in content_type), "")
    if kind:
        notes.append(f"The file is {kind}.")
    if main != "word/document.xml":
        notes.append(f"The document's text is stored in “{main}” rather than the usual place; it was found "
                     "through the package's relationships.")
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main" in data[:4096]
    if strict:
        for old, new in _STRICT.items():
            data = data.replace(old, new)
        notes.append("The file is saved as Strict Open XML; it was read, but if anything looks wrong, open it in "
                     "Word, use Save As › Word Document (.docx) and import that.")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        raise OfficeFileError(short(f"“{path.name}” is damaged: its text cannot be read. Open it in Word, which "
                                    "may offer to repair it, save it, and try again.")) from None
    body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    if body is None:
        raise OfficeFileError(short(f"“{path.name}” has no document body: it may be a Word part saved on its own "
                                    "rather than a whole document."))
    return WordPackage(body, _core_title(core), tuple(notes), footer)


def _footer_lines(package: zipfile.ZipFile, main: str) -> tuple[str, ...]:
    from lxml import etree

    folder, name = posixpath.split(main)
    rels = _small(package, posixpath.join(folder, "_rels", f"{name}.rels"))
    lines: list[str] = []
    if not rels:
        return ()
    try:
        for rel in etree.fromstring(rels, _parser()).iter(_RELS):
            if not rel.get("Type", "").endswith("/footer") or rel.get("TargetMode") == "External":
                continue
            data = _small(package, posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))))
            if data is None:
                continue
            for old, new in _STRICT.items():
                data = data.replace(old, new)
            root = etree.fromstring(data, _parser())
            for p in root.iter(f"{_W}p"):
                text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
                if text.strip():
                    lines.append(text.strip())
    except etree.XMLSyntaxError:
        return tuple(lines)
    return tuple(lines)


def _core_title(core: bytes | None) -> str:
    from lxml import etree

    if not core:
        return ""
    try:
        element = etree.fromstring(core, _parser()).find(_DC_TITLE)
    except etree.XMLSyntaxError:
        return ""
    return " ".join((element.text or "").split()) if element is not None else ""

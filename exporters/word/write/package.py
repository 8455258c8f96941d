"""The .docx as it is written: one ZIP streamed into an open file, parts in python-docx's order.

:class:`WordPackage` writes the content types, the package's relationships and properties first,
then hands out the body part as a stream (:meth:`WordPackage.body`); pictures are stored as they
come, and the header, footer, template parts, the embedded plan and the document's relationships
follow when the body is done (:meth:`WordPackage.finish`). Nothing is held back to the end but the
pictures' bytes, so a document of any size needs little memory.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Iterable
from typing import IO

from sendplan.exporters.word.write import shell

CUSTOM_XML = "customXml"
# The embedded plan is read by sendplan alone: deflated at speed (a tenth larger at 10x, half the time).
EMBEDDED_LEVEL = 3
_PROPS_TYPE = "customXmlProps"


class WordPackage:
    """A Word document being written into ``file``. ``pictures`` and ``embedded`` say whether any
    picture or an embedded part will be added: the content types, written first, name them."""

    def __init__(self, file: IO[bytes], *, pictures: bool, embedded: bool) -> None:
        self.zip = zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED)
        self.pictures = pictures
        self.embedded = embedded
        self.images: list[tuple[str, str, bytes]] = []  # relationship id, part name, PNG
        self._by_digest: dict[str, str] = {}
        self._next_rel = 11  # after the template's parts, the header (rId9) and the footer (rId10)

    def start(self, core: bytes, app: bytes) -> None:
        """The content types, the package's relationships and the document properties."""
        names = ["docProps/app.xml", "docProps/core.xml", "word/document.xml", "word/styles.xml",
                 "word/settings.xml", "word/numbering.xml", "word/header1.xml", "word/footer1.xml",
                 *shell.TEMPLATE_PARTS]
        if self.pictures:
            names.append("word/media/image1.png")
        if self.embedded:
            names += [f"{CUSTOM_XML}/item2.xml", f"{CUSTOM_XML}/itemProps2.xml"]
        self.zip.writestr("[Content_Types].xml", shell.content_types(names))
        self.zip.writestr("_rels/.rels", shell.relationships([
            ("rId3", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"), ("rId4", "extended-properties", "docProps/app.xml"),
            ("rId1", "officeDocument", "word/document.xml")]))
        self.zip.writestr("docProps/core.xml", core)
        self.zip.writestr("docProps/app.xml", app)

    def body(self) -> IO[bytes]:
        """The document part, open for writing (close it before :meth:`finish`)."""
        return self.zip.open("word/document.xml", "w")

    def add_picture(self, png: bytes) -> str:
        """Store a PNG (once, however often it is shown) and give the document's relationship id for it."""
        if not self.pictures:
            raise ValueError("a picture was added to a package written without pictures")
        digest = hashlib.sha1(png).hexdigest()  # noqa: S324 - a fingerprint of the image, as python-docx keeps one
        found = self._by_digest.get(digest)
        if found is None:
            found = self._by_digest[digest] = self._rel_id()
            self.images.append((found, f"word/media/image{len(self.images) + 1}.png", png))
        return found

    def _rel_id(self) -> str:
        number, self._next_rel = self._next_rel, self._next_rel + 1
        return f"rId{number}"

    def finish(self, *, publication: bool, header: list[str], footer: list[str],
               embedded: Iterable[str] = ()) -> None:
        """Everything after the body: styles and the template's other parts, the header and footer, the
        pictures, the embedded part (written from ``embedded``, pieces of its XML) and the relationships."""
        rels = [*shell.DOCUMENT_RELS, ("rId9", "header", "header1.xml"), ("rId10", "footer", "footer1.xml")]
        write = self.zip.writestr
        write("word/styles.xml", shell.styles_part(publication))
        write("word/settings.xml", shell.reserialised_part("word/settings.xml"))
        write("word/numbering.xml", shell.reserialised_part("word/numbering.xml"))
        for name in shell.TEMPLATE_PARTS:
            write(name, shell.template_part(name))
        write("customXml/_rels/item1.xml.rels", shell.relationships([("rId1", _PROPS_TYPE, "itemProps1.xml")]))
        write("word/header1.xml", shell.header_footer_part("header", header))
        write("word/footer1.xml", shell.header_footer_part("footer", footer))
        for rel_id, name, png in self.images:
            write(name, png)
            rels.append((rel_id, "image", name.removeprefix("word/")))
        if self.embedded:
            item = zipfile.ZipInfo(f"{CUSTOM_XML}/item2.xml", time.localtime()[:6])
            item.compress_type = zipfile.ZIP_DEFLATED
            item._compresslevel = EMBEDDED_LEVEL  # noqa: SLF001 - the one way to set it on a part written in pieces
            with self.zip.open(item, "w") as part:
                pending: list[str] = []
                size = 0
                for piece in embedded:
                    pending.append(piece)
                    size += len(piece)
                    if size > 1 << 18:
                        part.write("".join(pending).encode("utf-8"))
                        pending, size = [], 0
                part.write("".join(pending).encode("utf-8"))
            from sendplan.exporters.word.embed import item_properties

            write(f"{CUSTOM_XML}/itemProps2.xml", item_properties())
            write(f"{CUSTOM_XML}/_rels/item2.xml.rels", shell.relationships([("rId1", _PROPS_TYPE, "itemProps2.xml")]))
            rels.append((self._rel_id(), CUSTOM_XML, f"../{CUSTOM_XML}/item2.xml"))
        write("word/_rels/document.xml.rels", shell.relationships(rels))
        self.zip.close()

    def abandon(self) -> None:
        """Stop after a failure (the caller throws the file away)."""
        try:
            self.zip.close()
        except (OSError, ValueError, RuntimeError):
            pass

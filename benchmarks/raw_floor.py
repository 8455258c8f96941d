"""The physical floor for a Word export: a table's rows and characters written as WordprocessingML
strings and zipped, nothing else.

    python benchmarks/raw_floor.py ROWS COLUMNS CHARACTERS OUTPUT.docx

Run as its own process, so the time includes starting Python, as the export's does. The document
is the smallest package Word opens (content types, relationships, the body) holding one table of
``ROWS`` rows by ``COLUMNS`` cells with ``CHARACTERS`` characters of text in all, each cell a
paragraph of one run, compressed as the export compresses (deflate, the default level). The text is
words drawn from a fixed vocabulary, different in every cell, so it compresses like real text rather
than like one string repeated.
"""

from __future__ import annotations

import random
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')

VOCABULARY = ("the", "of", "and", "to", "review", "progress", "children", "young", "people", "families", "plan",
              "assessment", "health", "education", "care", "needs", "support", "service", "board", "partnership",
              "outcomes", "pathway", "quality", "training", "schools", "settings", "parents", "carers", "advice",
              "timeliness", "annual", "reviews", "commissioning", "joint", "strategy", "evidence", "monitoring",
              "improved", "delivered", "agreed", "published", "local", "offer", "transition", "adulthood",
              "therapy", "speech", "language", "waiting", "times", "reduced", "co-produced", "feedback", "audit",
              "a", "in", "with", "by", "for", "on", "is", "was", "has", "been", "at", "from", "this", "their")


def main() -> None:
    rows, columns, characters, output = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    per_cell = max(1, characters // max(1, rows * columns))
    rng = random.Random(1)
    text = " ".join(rng.choice(VOCABULARY) for _ in range(20000))  # ~140,000 characters, sliced per cell
    width = 15000 // columns
    head = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>'
    tail = "</w:t></w:r></w:p></w:tc>"
    span = len(text) - per_cell
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
             f'<w:tbl><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/></w:tblPr>'
             f"<w:tblGrid>{grid}</w:tblGrid>"]
    at = 0
    for _ in range(rows):
        cells = []
        for _ in range(columns):
            at = (at + 7919) % span
            cells.append(head + text[at:at + per_cell] + tail)
        parts.append("<w:tr>" + "".join(cells) + "</w:tr>")
    parts.append("</w:tbl><w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", "".join(parts))


if __name__ == "__main__":
    main()

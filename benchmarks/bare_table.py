"""The floor for the Word export: python-docx writing a bare table of given rows, columns and characters.

    python benchmarks/bare_table.py ROWS COLUMNS CHARACTERS OUTPUT.docx

Run as its own process, so the time includes starting Python and importing python-docx, as the
export's does. Cells are filled through ``row.cells`` (python-docx's fast path).
"""

from __future__ import annotations

import sys


def main() -> None:
    from docx import Document

    rows, columns, characters, output = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    per_cell = max(1, characters // max(1, rows * columns))
    words = ("progress reported " * (per_cell // 18 + 1))[:per_cell]
    document = Document()
    table = document.add_table(rows=0, cols=columns)
    for _ in range(rows):
        for cell in table.add_row().cells:
            cell.text = words
    document.save(output)


if __name__ == "__main__":
    main()

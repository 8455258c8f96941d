"""Read a PDF's text layer as positioned lines (pypdf), refusing files that cannot be a report.

pypdf is imported here, lazily, only when a report is read. Each piece of text pypdf shows is placed
by its text and transformation matrices; pieces on one baseline make a line, and a wide horizontal
gap splits a line into cells (the columns of a table).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sendplan.exporters.report.pdf_content import Piece, page_pieces
from sendplan.exporters.report.text import Line

MAX_PAGES = 200
MAX_BYTES = 50 * 1024 * 1024
MIN_CHARS_PER_PAGE = 20
MAX_CHARACTERS = 3_000_000  # a 60-page report has about 200,000; pypdf itself caps each stream it unpacks
_CHAR_WIDTH = 0.5  # a piece's width is estimated at half its font size per character


class ReportFileError(Exception):
    """An inspection report that cannot be used; the message says why, in plain words."""


def _open(path: Path):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader  # noqa: PLC0415

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken-but-readable files warn loudly
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReportFileError(f"“{path}” could not be read ({error.strerror}).") from None
    if size > MAX_BYTES:
        raise ReportFileError(f"“{path.name}” is {size // (1024 * 1024)} MB, far larger than an inspection report "
                              f"(the limit is {MAX_BYTES // (1024 * 1024)} MB).")
    with open(path, "rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ReportFileError(f"“{path.name}” is not a PDF file.")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not _unlock(reader):
            raise ReportFileError(f"“{path.name}” is protected by a password, so its text cannot be read. Save an "
                                  "unprotected copy (or copy the report's text and paste it instead).")
        pages = len(reader.pages)
    except ReportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds for damaged files
        logging.getLogger("sendplan").info("PDF not readable: %r", error)
        raise ReportFileError(f"“{path.name}” is damaged or not a PDF that can be read.") from None
    if pages > MAX_PAGES:
        raise ReportFileError(f"“{path.name}” has {pages} pages; an inspection report has far fewer (the limit is "
                              f"{MAX_PAGES}).")
    return reader


def _unlock(reader) -> bool:  # type: ignore[no-untyped-def]
    """Open a PDF protected only against editing (an empty user password); False when a password is needed."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - missing crypto support or a broken security handler
        return False


def _visited_pieces(page) -> list[Piece]:  # type: ignore[no-untyped-def]
    """The pieces of text on a page through pypdf's own extraction (slower; for pages the fast reader skips)."""
    pieces: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        size = size * scale if size * scale < 200 else size
        pieces.append((y, x, size, text.replace("\n", " "), x + len(text) * size * _CHAR_WIDTH))  # end estimated

    page.extract_text(visitor_text=visit)
    return pieces


def _page_lines(page, number: int) -> list[Line]:  # type: ignore[no-untyped-def]
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    try:
        pieces = page_pieces(page)
    except Exception as error:  # noqa: BLE001 - anything the fast reader does not follow: pypdf reads it
        logging.getLogger("sendplan").debug("page %d read by pypdf (%r)", number, error)
        pieces = _visited_pieces(page)
    pieces.sort(key=lambda p: (-round(p[0], 0), p[1]))
    lines: list[Line] = []
    row: list[Piece] = []
    for piece in pieces:
        if row and abs(row[0][0] - piece[0]) > 2.0:
            lines.append(_line(row, number, width, height))
            row = []
        row.append(piece)
    if row:
        lines.append(_line(row, number, width, height))
    return lines


def _soft_hyphen(row: list[Piece], index: int, end: float) -> bool:
    """Whether the piece at ``index`` is a hyphen shown on its own, touching the word before it, at the end of
    the line: how LibreOffice (and Word) draw a soft hyphen where a line breaks. A hard hyphen at a line end
    is drawn with its word ("decision-")."""
    _, x, size, text, _ = row[index]
    before = row[index - 1][3] if index else ""
    return (text == "-" and index == len(row) - 1 and index > 0 and before[-1:].isalpha()
            and abs(x - end) < 0.1 * size)


def _line(row: list[Piece], page: int, width: float, height: float) -> Line:
    row.sort(key=lambda p: p[1])
    cells: list[tuple[float, str]] = []
    end = -1e9
    for index, (_, x, size, text, piece_end) in enumerate(row):
        if _soft_hyphen(row, index, end):
            text = "\u00ad"  # a word processor's soft hyphen, drawn as "-" on its own at the line's end
        if cells and x - end > 3 * size:
            cells.append((x, text.strip()))
        elif cells:
            joined = cells[-1][1]
            space = not joined.endswith(" ") and not text.startswith(" ") and x - end > 0.1 * size
            cells[-1] = (cells[-1][0], f"{joined}{' ' if space else ''}{text}")
        else:
            cells.append((x, text.strip()))
        end = piece_end
    size = max(p[2] for p in row)
    return Line(page=page, y=row[0][0], size=round(size, 1),
                cells=tuple((x, " ".join(t.split())) for x, t in cells if t.strip()), width=width, height=height)


def read_pdf_lines(path: str | Path) -> list[Line]:
    """Every line of the PDF's text layer in reading order. Raises ReportFileError with a clear message."""
    path = Path(path)
    reader = _open(path)
    lines: list[Line] = []
    characters = 0
    try:
        for number, page in enumerate(reader.pages, start=1):
            page_lines = _page_lines(page, number)
            lines += page_lines
            characters += sum(len(line.text) for line in page_lines)
            if characters > MAX_CHARACTERS:
                raise ReportFileError(f"“{path.name}” holds far more text than an inspection report (more than "
                                      f"{MAX_CHARACTERS:,} characters by page {number}); it was not read further.")
    except ReportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged content stream
        logging.getLogger("sendplan").info("PDF text not readable: %r", error)
        raise ReportFileError(f"The text of “{path.name}” could not be read: the file may be damaged.") from None
    if characters < MIN_CHARS_PER_PAGE * max(1, len(reader.pages)) / 2:
        raise ReportFileError(f"“{path.name}” has no text: it may be a scan. Use the report from the Ofsted "
                              "website, or copy its text and paste it instead.")
    return lines

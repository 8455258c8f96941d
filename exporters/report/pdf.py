"""Read a PDF's text layer as positioned words and ruling lines (PDFium), refusing files that cannot be a report.

pypdfium2 (PDFium, the PDF engine of Chromium) is imported here, lazily, only when a report is read. It
decodes every font and gives each character its box; this module groups characters into words by the
gaps between them, measured against the font size (so words a PDF positions glyph by glyph, without
space characters, are never glued, and kerned words are never split), and keeps the thin filled or
stroked paths that draw a table's ruling lines. Everything is bounded: file size, pages, characters,
drawn objects per page and time.
"""

from __future__ import annotations

import ctypes
import logging
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_PAGES = 200
MAX_BYTES = 50 * 1024 * 1024
MAX_CHARACTERS = 3_000_000  # a 60-page report has about 200,000
MAX_OBJECTS = 20_000  # drawn objects looked at on one page (a report's page has a few hundred)
MAX_SECONDS = 30.0
MIN_CHARS_PER_PAGE = 20
GAP = 0.11  # a gap wider than this share of the font size between two glyphs is a space
RULE = 2.5  # a path thinner than this (points) is a ruling line
_SPACES = " \t\r\n\u00a0\u2002\u2003\u2009\u200b\x00"
_LINE_END_HYPHEN = "\ufffe\x02"  # how PDFium marks a hyphen it takes for a word broken at the line's end


class ReportFileError(Exception):
    """An inspection report that cannot be used; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class Word:
    """A word on a page: its text, left and right edges, baseline (from the top of the page), size, weight."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool = False


@dataclass(slots=True)
class Page:
    """One page: its words in the order drawn, and its ruling lines (from the top of the page).

    ``hrules`` are (y, x0, x1); ``vrules`` are (x, y0, y1) with y0 < y1.
    """

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium  # noqa: PLC0415

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
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReportFileError(f"“{path.name}” is protected by a password, so its text cannot be read. Save an "
                                  "unprotected copy (or copy the report's text and paste it instead).") from None
        logging.getLogger("sendplan").info("PDF not readable: %r", error)
        raise ReportFileError(f"“{path.name}” is damaged or not a PDF that can be read.") from None
    pages = len(document)
    if pages > MAX_PAGES:
        document.close()
        raise ReportFileError(f"“{path.name}” has {pages} pages; an inspection report has far fewer (the limit is "
                              f"{MAX_PAGES}).")
    return document


def _words(textpage: Any, height: float) -> list[Word]:
    """The page's words: characters joined while each follows the last on its line with no more than a
    kerning gap; a space character, a wider gap, a step back or a change of line ends a word."""
    import pypdfium2.raw as raw  # noqa: PLC0415

    handle = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the Basic Multilingual Plane: read one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
    box = raw.FS_RECTF()
    place = raw.FPDFText_GetLooseCharBox
    corners = struct.Struct("4f").unpack_from  # FS_RECTF: left, top, right, bottom
    words: list[Word] = []
    chars: list[str] = []
    first = -1
    x0 = x1 = last = middle = tall = 0.0

    def close() -> None:
        if chars:
            words.append(_word(handle, first, "".join(chars), x0, x1, height))
            chars.clear()

    for index, char in enumerate(text):
        if char in _SPACES:
            close()
            continue
        place(handle, index, box)
        left, top, right, bottom = corners(box)
        if top <= bottom:
            continue  # a character PDFium made up, not one drawn
        centre = (top + bottom) / 2
        if chars and (abs(centre - middle) > tall * 0.4 or left - x1 > GAP * tall / 1.2 or left < last - 0.5):
            close()  # a new line, a space's width, or a step back (a ligature's letters share one box)
        if not chars:
            first, x0, x1, middle, tall = index, left, right, centre, top - bottom
        elif right > x1:
            x1 = right
        chars.append("-" if char in _LINE_END_HYPHEN else char)
        last = left
    close()
    return words


def _word(handle: Any, index: int, text: str, x0: float, x1: float, height: float) -> Word:
    import pypdfium2.raw as raw  # noqa: PLC0415

    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(handle, index, x, y)
    size = raw.FPDFText_GetFontSize(handle, index)
    weight = raw.FPDFText_GetFontWeight(handle, index)
    if weight <= 0:
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        raw.FPDFText_GetFontInfo(handle, index, name, 128, ctypes.byref(flags))
        weight = 700 if b"bold" in name.value.lower() else 400
    return Word(text, x0, x1, height - y.value, round(size, 1), weight >= 600)


def _rules(page: Any, target: Page) -> None:
    """The thin paths on the page: the ruling lines of tables (and underlines, told apart later)."""
    import pypdfium2.raw as raw  # noqa: PLC0415

    for seen, item in enumerate(page.get_objects(max_depth=1)):
        if seen >= MAX_OBJECTS:
            break
        if item.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = item.get_bounds()
        if top - bottom <= RULE and right - left >= 4:
            target.hrules.append((target.height - (top + bottom) / 2, left, right))
        elif right - left <= RULE and top - bottom >= 4:
            target.vrules.append(((left + right) / 2, target.height - top, target.height - bottom))


def read_pdf_pages(path: str | Path) -> list[Page]:
    """Every page's words and ruling lines. Raises ReportFileError with a clear message."""
    path = Path(path)
    document = _open(path)
    started = time.perf_counter()
    pages: list[Page] = []
    characters = 0
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            width, height = page.get_size()
            textpage = page.get_textpage()
            characters += textpage.count_chars()
            if characters > MAX_CHARACTERS:
                raise ReportFileError(f"“{path.name}” holds far more text than an inspection report (more than "
                                      f"{MAX_CHARACTERS:,} characters by page {number}); it was not read further.")
            result = Page(number, width, height, _words(textpage, height))
            _rules(page, result)
            pages.append(result)
            textpage.close()
            page.close()
            if time.perf_counter() - started > MAX_SECONDS:
                raise ReportFileError(f"“{path.name}” took too long to read (more than {MAX_SECONDS:.0f} seconds by "
                                      f"page {number}): it may be damaged.")
    except ReportFileError:
        raise
    except Exception as error:  # noqa: BLE001 - PDFium reports damage in many ways
        logging.getLogger("sendplan").info("PDF text not readable: %r", error)
        raise ReportFileError(f"The text of “{path.name}” could not be read: the file may be damaged.") from None
    finally:
        document.close()
    read = sum(len(w.text) for p in pages for w in p.words)
    if read < MIN_CHARS_PER_PAGE * max(1, len(pages)) / 2:
        raise ReportFileError(_too_little_text(path, read, characters, len(pages)))
    return pages


def _too_little_text(path: Path, read: int, characters: int, pages: int) -> str:
    """Why a PDF with (almost) no words cannot be a report, told as it is: no text at all, little text for its
    pages, or characters that are there but not laid out as words."""
    advice = "Use the report from the Ofsted website, or copy its text and paste it instead."
    if characters >= MIN_CHARS_PER_PAGE * max(1, pages) and read < characters / 2:
        return (f"“{path.name}” holds {characters:,} characters, but they are not laid out as lines of words "
                f"sendplan can read (they may be drawn as shapes or placed off the page). {advice}")
    if read == 0:
        return f"“{path.name}” has no text: it may be a scan. {advice}"
    return (f"“{path.name}” has almost no text ({read:,} characters on {pages:,} page{'' if pages == 1 else 's'}, "
            f"where a report has thousands on each): it may be scanned pages or pictures. {advice}")

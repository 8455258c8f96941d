"""Tables in a report pasted as text, where the PDF's ruling lines are gone.

A copy laid out with spaces (``pdftotext -layout``) keeps a table's columns apart: under a header row of
known cells ("Responsible body | Areas for priority action", "Local authority | Integrated care board")
each line is split at the header's column edge, and the lines become rows and cells as a PDF's ruled
table does. A row of the areas table starts where both cells start afresh (a body begins beside an area
that begins a sentence); a row the page break split carries on with its first cell empty.

A copy without columns (plain ``pdftotext``, a PDF viewer's copy) gives a table's cells one after
another. Under "Areas for priority action" a responsible body is then a run of lines that name an
organisation ("Bury Metropolitan Borough" / "Council and NHS Greater" / "Manchester ICB") standing where
a row starts: it becomes a paragraph of its own, marked as a body's name, never part of an area.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sendplan.exporters.report.text import BULLETS, Line, Para, _strip_bullet, join_lines

HEADER_ROWS = {
    ("responsible body", "areas for priority action"): "areas",
    ("responsible bodies", "areas for priority action"): "areas",
    ("responsible body", "area for priority action"): "areas",
    ("local authority", "integrated care board"): "details",
    ("local authority", "integrated care boards"): "details",
}
PRIORITY = "areas for priority action"
OPENING = re.compile(r"(?:^|(?<= ))(?:(?:Area|Health|ICB|Strategic|Partnership|Local area partnership) leaders|Leaders"
                     r"|The (?:local area )?partnership|The LAP|Local authority|Commissioners|Health commissioners)\b")
_CELLS = re.compile(r"\S+(?: \S+)*")
_ENDS_SENTENCE = (".", "!", "?", ".”", ".’", ".)")
_LOWER_IN_NAMES = {"and", "of", "the", "for", "area", "school", "college", "leaders", "upon", "on", "in", "&"}
_NAME_WORDS = {"council", "nhs", "icb", "board", "trust", "authority", "partnership", "leaders", "group", "borough",
               "commissioning", "services", "care", "first"}
_NAME_ENDS = {"council", "board", "icb", "icbs", "trust", "leaders", "authority", "partnership", "group", "first",
              "services", "ccg", "commissioners"}
Breaks = Callable[[str], str]


def key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).rstrip(": ")


def cells(line: str) -> tuple[tuple[float, str], ...]:
    """A line's runs of text, split where two or more spaces (or a tab) leave a gap, each with its column."""
    return tuple((float(m.start()), m[0]) for m in _CELLS.finditer(line.replace("\t", "    ")))


def table_header(line: str) -> tuple[str, float] | None:
    """(the table's kind, the column edge) when ``line`` is the header row of a table laid out with spaces."""
    found = cells(line)
    if len(found) != 2:
        return None
    kind = HEADER_ROWS.get((key(found[0][1]), key(found[1][1])))
    return (kind, found[1][0]) if kind else None


def is_header(text: str) -> bool:
    """Whether ``text`` is a table's header row read straight across ("Responsible body Areas for priority
    action"), or the cell that heads the bodies' column ("Responsible body"), repeated at a page's top."""
    return any(key(text) in (f"{left} {right}", left) for left, right in HEADER_ROWS if left != "local authority")


def names_organisation(text: str) -> bool:
    """Whether a line could be (part of) an organisation's name: capitalised words, and only the small words
    names use ("and", "of", "school and college leaders"); never a sentence."""
    words = [word.strip(",.;:()") for word in text.split()]
    words = [word for word in words if word]
    if not words or len(words) > 8 or _strip_bullet(text)[1] or words[0] == "Leaders":
        return False  # "Leaders, NHS Nottingham and Nottinghamshire" begins an area, never a name
    return all(word.lower() in _LOWER_IN_NAMES or word[:1].isupper() for word in words)


def complete_name(text: str) -> bool:
    """Whether a body's name reads as whole: it ends as the names of councils, boards and trusts end, not
    at "and", "Integrated Care" or a comma, where a page break or the other column cut it."""
    words = text.replace("(", " ").replace(")", " ").split()
    return bool(words) and words[-1].strip(",.;").lower() in _NAME_ENDS and not text.rstrip().endswith(",")


@dataclass
class _Row:
    page: int
    left: list[str] = field(default_factory=list)
    right: list[tuple[float, str]] = field(default_factory=list)  # (column, text); "" for a blank line


def _two_runs_edge(line: str, edge: float) -> float | None:
    """Where the second cell starts on a line whose cells are two or more spaces apart."""
    runs = cells(line)
    return runs[1][0] if len(runs) > 1 and runs[0][0] < edge / 2 else None


def _split(line: str, edges: list[float]) -> tuple[str, tuple[float, str] | None, float] | None:
    """(left cell's text, right cell's (column, text), the column edge on this line), or None where a run
    of text crosses the edge (a line of ordinary text: the table has ended).

    pdftotext may shift a column by a few characters from one block of lines to the next, and may leave
    only one space where two cells meet: a gap of two spaces or more after the first run of text is the
    edge; otherwise the first of ``edges`` (where the lines after have it, where the line before had it,
    last) with a space just before it."""
    runs = cells(line)
    edge = edges[-1]
    if len(runs) == 1 and runs[0][0] < edge - 1 < runs[0][0] + len(runs[0][1]):
        at = next((int(e) for e in edges if 0 < int(e) < len(line) and line[int(e) - 1] == " "
                   and line[int(e)] != " "), 0)
        if not at:
            return None
        runs = ((runs[0][0], line[:at].strip()), (float(at), line[at:].strip()))  # cells one space apart
        edge = float(at)
    if (found := _two_runs_edge(line, edge)) is not None:
        edge = min(edge, found)  # never further right: the right cell's own lists are indented
    left = [text for x, text in runs if x < edge - 1]
    right = [(x, text) for x, text in runs if x >= edge - 1]
    joined = (right[0][0], " ".join(text for _, text in right)) if right else None
    return " ".join(left), joined, edge


def _edges_ahead(raw: list[str], pages: list[int], number: int, edge: float) -> list[float]:
    """Where the next few lines of the page that have two cells set the column edge."""
    found: list[float] = []
    for other in range(number + 1, min(number + 6, len(raw))):
        if pages[other] != pages[number]:
            break
        if (at := _two_runs_edge(raw[other], edge)) is not None:
            found.append(at)
    return found


def laid_out_table(raw: list[str], pages: list[int], start: int, dropped: set[int],
                   breaks: Breaks) -> tuple[int, str, list[_Row]]:
    """The table whose header row is line ``start``: (the line after it, its kind, its rows)."""
    kind, header_edge = table_header(raw[start]) or ("", 0.0)
    edge, page = header_edge, pages[start]
    rows: list[_Row] = []
    number = start + 1
    gap = True
    while number < len(raw):
        line = raw[number]
        if number in dropped or not line.strip():
            gap = gap or not line.strip()
            if rows and not line.strip() and rows[-1].right and rows[-1].right[-1][1]:
                rows[-1].right.append((0.0, ""))
            number += 1
            continue
        if breaks(line.strip()) == "alone":
            break
        if pages[number] != page:
            edge, page = header_edge, pages[number]  # a new page lays the columns out afresh
        split = _split(line, [*_edges_ahead(raw, pages, number, edge), edge])
        if split is None:
            break
        left, right, edge = split
        if table_header(line) is not None:
            number += 1
            gap = True
            continue  # the header row repeated at the top of a page
        previous = next((text for _, text in reversed(rows[-1].right) if text), "") if rows else ""
        body = " ".join(rows[-1].left) if rows else ""
        starts = not rows or (kind == "areas" and left[:1].isupper() and right is not None and (
            gap or not previous or previous.endswith(_ENDS_SENTENCE)) and not right[1][:1].islower()
            and (not body or complete_name(body)))
        if starts and (kind == "areas" or not rows):
            rows.append(_Row(pages[number]))
        if left:
            rows[-1].left.append(left)
        if right is not None:
            rows[-1].right.append(right)
        gap = False
        number += 1
    return number, kind, rows


def _cell_paragraphs(items: list[tuple[float, str]]) -> list[tuple[list[str], bool]]:
    """A cell's lines as paragraphs: a bullet starts a list item, a blank line or a line back at the
    cell's left edge after a list ends one."""
    groups: list[tuple[list[str], bool]] = []
    base = min((x for x, text in items if text), default=0.0)
    blank = True
    for x, text in items:
        if not text:
            blank = True
            continue
        stripped, bullet = _strip_bullet(text)
        if len(text) == 1 and text in BULLETS:
            continue
        in_list = bool(groups) and groups[-1][1]
        if blank or bullet or not groups or (in_list and x <= base + 1):
            groups.append(([stripped], bullet))
        else:
            groups[-1][0].append(stripped)
        blank = False
    return groups


def table_paragraphs(rows: list[_Row], kind: str, table: int, keep_hyphen: Callable[[str, str], bool]
                     ) -> list[Para]:
    """A laid-out table's rows as paragraphs carrying their cells (table, row, column, 2)."""
    paras: list[Para] = []
    for number, row in enumerate(rows, start=1):
        if row.left:
            paras.append(Para(join_lines(row.left, keep_hyphen), _lines(row.left, row.page), page=row.page,
                              cell=(table, number, 0, 2)))
        if kind == "details":
            texts = [text for _, text in row.right if text]
            if texts:
                paras.append(Para(join_lines(texts, keep_hyphen), _lines(texts, row.page), page=row.page,
                                  cell=(table, number, 1, 2)))
            continue
        for texts, bullet in _cell_paragraphs(row.right):
            paras.append(Para(join_lines(texts, keep_hyphen), _lines(texts, row.page), bullet, page=row.page,
                              cell=(table, number, 1, 2)))
    return paras


def _lines(texts: list[str], page: int) -> list[Line]:
    return [Line(page=page, y=-float(n), size=11.0, cells=((0.0, text),)) for n, text in enumerate(texts)]


def _name_and_area(line: str, below: list[str]) -> int:
    """Where the area begins on a line that starts with a whole body's name ("Northbridge City Council Leaders
    at the council should…", as a viewer's copy runs a short row into one line); 0 when it does not, or
    when the lines ``below`` it (to the end of the sentence) carry more of a name: the cells' lines are
    interleaved, and the name on this line may be only part of the body's."""
    opening = OPENING.search(line)
    repeated = re.match(r"^(.{6,}?) (?=\1\b)", line)  # "Plymouth City Council Plymouth City Council leaders…"
    at = opening.start() if opening else repeated.end() if repeated else 0
    name = line[:at].strip()
    if not (name and names_organisation(name) and complete_name(name)):
        return 0
    for text in below:
        if names_organisation(text):
            return 0
        if text.endswith(_ENDS_SENTENCE):
            break
    return at


def body_runs(raw: list[str], pages: list[int], dropped: set[int], breaks: Breaks) -> dict[int, int]:
    """Runs of lines (first line → the line after the run) naming a responsible body where a row of the
    "Areas for priority action" table starts, in a copy without columns; for a line that holds a name and
    then its area's first words, minus where the area begins."""
    runs: dict[int, int] = {}
    inside = False
    row_starts = False
    number = 0
    filled = [n for n, line in enumerate(raw) if line.strip() and n not in dropped]
    position = 0
    while position < len(filled):
        number = filled[position]
        text = raw[number].strip()
        if breaks(text) == "alone":
            inside = key(text) == PRIORITY
            row_starts = True
            position += 1
            continue
        if is_header(text) or key(text) in {left for left, _ in HEADER_ROWS}:
            row_starts = True
            position += 1
            continue
        gap = position > 0 and number - filled[position - 1] > 1  # a blank line, or a page's footer and header
        below = [raw[n].strip() for n in filled[position + 1:position + 8]]
        if inside and (row_starts or gap) and (split := _name_and_area(text, below)):
            runs[number] = -split  # the body and its area's first words on one line: split at the area
            row_starts = False
            position += 1
            continue
        if inside and (row_starts or gap) and text[:1].isupper() and names_organisation(text):
            end = position + 1
            while end < len(filled) and all(raw[n].strip() for n in range(filled[end - 1] + 1, filled[end])) \
                    and names_organisation(raw[filled[end]].strip()) and breaks(raw[filled[end]].strip()) != "alone":
                end += 1  # the name's lines, up to a blank line (a running footer between them aside)
            after = raw[filled[end]].strip() if end < len(filled) else ""
            apart = end < len(filled) and not all(raw[n].strip() for n in range(filled[end - 1] + 1, filled[end]))
            run = " ".join(raw[filled[n]].strip() for n in range(position, end))
            top = gap and (pages[number] != pages[filled[position - 1]] or any(
                n in dropped for n in range(filled[position - 1], number)))  # a split row's rest, overleaf
            if (apart or top or not after[:1].islower()) and any(
                    word.strip(",.()").lower() in _NAME_WORDS for word in run.split()):
                runs[number] = filled[end - 1] + 1
                position = end
                row_starts = True
                continue
        row_starts = text.endswith(_ENDS_SENTENCE)
        position += 1
    return runs

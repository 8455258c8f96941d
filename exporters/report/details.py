"""The partners and their named leaders, from the report's "Local area partnership details" table.

The table has a column for the local authority and one for the integrated care board(s): under the
column's label, the organisation's name, then its leader or leaders ("Name, Role", "Name – Role",
"Name (Role)", or the name on a line of its own with the role below), then a web address and a postal
address. A ruled table is read cell by cell; a table laid out without rules (or pasted text) by the
columns its lines fall into.
"""

from __future__ import annotations

import re

from sendplan.exporters.report.text import KeepHyphen, Para, columns, join_lines

LABELS = ("local authority", "integrated care board", "integrated care boards", "clinical commissioning group",
          "local area partnership")
_WEB = re.compile(r"(www\.|https?://|\.gov\.uk|\.nhs\.uk|\.org\.uk|\.co\.uk|@|^website:|[^\s.]+\.[^\s.]+\.[^\s.]*$)",
                  re.IGNORECASE)
_LABEL = re.compile(r"^name of [^:]{2,40}:\s*", re.IGNORECASE)
_HONORIFIC = {"dr", "mr", "mrs", "ms", "miss", "cllr", "prof", "professor", "sir", "dame"}
_HONOURS = re.compile(r"^\(?(?:[A-Z]{2,4})\)?,?$")
_ROLE_WORDS = {"director", "executive", "chief", "corporate", "interim", "managing", "strategic", "acting", "deputy",
               "head", "ceo", "place", "lead", "assistant", "officer", "dcs", "chair", "leader", "manager",
               "commissioner", "icb", "senior", "programme", "operating"}
_NOT_NAME = {"council", "board", "nhs", "services", "authority", "integrated", "care", "group", "commissioning",
             "children", "families", "borough", "county", "city", "partnership", "learning", "education", "trust"}
_CONNECTORS = ("and", "of", "for", "the", "to", "at", ",", "&", "-", "–")


def _word(token: str) -> str:
    return re.sub(r"[’']s$", "", token.strip("(),.").lower())


def _person(line: str) -> tuple[str, str] | None:
    """(name, the rest of the line) when ``line`` starts with a person's name, else None."""
    tokens = line.split()
    name: list[str] = []
    index = 0
    if tokens and _word(tokens[0]) in _HONORIFIC:
        name.append(tokens[0])
        index = 1
    words = 0
    while index < len(tokens):
        token = tokens[index]
        if _HONOURS.match(token) and words >= 2:
            name.append(token.rstrip(","))
            index += 1
            if token.endswith(","):
                break
            continue
        if token in ("-", "–", "—") or token.startswith("(") or _word(token) in _ROLE_WORDS:
            break
        if not token[:1].isupper() or _word(token) in _NOT_NAME or words >= 4:
            return None
        name.append(token.rstrip(","))
        words += 1
        index += 1
        if token.endswith(","):
            break
    if words < 2:
        return None
    return " ".join(name), " ".join(tokens[index:])


def _role(parts: list[str], keep_hyphen: KeepHyphen | None) -> str:
    role = join_lines(parts, keep_hyphen).strip()
    role = re.sub(r"^[-–—,]\s*", "", role)
    if role.startswith("(") and role.endswith(")"):
        role = role[1:-1]
    return role.rstrip(". ").strip()


def people(lines: list[str], keep_hyphen: KeepHyphen | None = None) -> list[tuple[str, str]]:
    """The leaders named in a cell's lines: each a name, with its role after it or on the lines below."""
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        line = _LABEL.sub("", line.strip())
        if not line or line.endswith(":") and len(line) < 60:
            continue
        if _WEB.search(line):
            break
        start = _person(line)
        follows = bool(found) and found[-1][1] and found[-1][1][-1].split()[-1].lower() in _CONNECTORS
        if start is not None and not follows:
            found.append((start[0], [start[1]] if start[1] else []))
        elif found:
            found[-1][1].append(line)
        else:
            return []
    return [(name, _role(role, keep_hyphen)) for name, role in found]


def _organisation(lines: list[str], keep_hyphen: KeepHyphen | None) -> str:
    lines = [_LABEL.sub("", line).strip() for line in lines]
    return join_lines([line for line in lines if line and not (line.endswith(":") and len(line) < 60)], keep_hyphen)


def _entry(lines: list[str]) -> list[list[str]]:
    """A column's lines (or one cell's) as [the organisation's lines, its leaders' lines, the web address
    and what follows]: the name runs until a line that names a person, a label ("Name of lead person:")
    or a web address; the leaders run until the web address."""
    organisation: list[str] = []
    for index, line in enumerate(lines):
        bare = _LABEL.sub("", line.strip()).strip()
        label = not bare or line.strip().endswith(":") and len(line) < 60
        carries_on = bool(organisation) and organisation[-1].endswith((",", " and", " of", " the", " &"))
        if organisation and not carries_on and (label or _WEB.search(line) or _person(bare) is not None):
            rest = lines[index:]
            web = next((n for n, other in enumerate(rest) if _WEB.search(other)), len(rest))
            return [organisation, rest[:web], rest[web:]]
        if not label:
            organisation.append(bare)
    return [organisation]


def _cell_lines(paras: list[Para]) -> list[str]:
    return [line.text for para in paras for line in para.lines] or [para.text for para in paras]


def _named_later(lines: list[str]) -> bool:
    """Whether a leader seems named among ``lines``: a person's name with a role after it or below it."""
    def role(text: str) -> bool:
        return any(_word(token) in _ROLE_WORDS for token in text.split())

    return any((person := _person(line)) is not None and (role(person[1]) or role("".join(lines[n + 1:n + 2])))
               for n, line in enumerate(lines))


def _one_after_another(lines: list[tuple[float, str]], keep_hyphen: KeepHyphen | None
                       ) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The details of a copy that gives the table's columns one after the other, each under its label
    ("Local authority" …, then "Integrated care board" …); ``lines`` are (position, text), a gap in the
    positions being a blank line. Labels one after the other (the cells came row by row, or the labels'
    row first) cannot be told apart: nothing. A column's leaders are the lines straight after its
    organisation, up to a blank line or its web address; where a column has none, or a person seems
    named further down (the cells came partly row by row), the organisations are right but the leaders
    cannot be matched to them: none."""
    first = next((n for n, (_, line) in enumerate(lines) if line.lower().strip(": ") == "local authority"), -1)
    second = next((n for n, (_, line) in enumerate(lines) if n > first >= 0
                   and line.lower().strip(": ") in LABELS[1:]), -1)
    if first < 0 or second < 0 or second == first + 1:
        return [], []
    partners: list[str] = []
    leaders: list[tuple[str, str, str]] = []
    sure = True
    for start, end in ((first + 1, second), (second + 1, len(lines))):
        column = lines[start:end]
        entry = _entry([line for _, line in column])
        organisation = _organisation(entry[0], keep_hyphen)
        if not organisation or organisation.endswith((".", "!", "?")) or len(organisation) > 150:
            return [], []
        partners.append(organisation)
        after = len(column) - sum(len(part) for part in entry[1:])  # the first line after the organisation
        rest = column[after:]
        block = next((n for n in range(len(rest)) if _WEB.search(rest[n][1])
                      or rest[n][0] - (rest[n - 1][0] if n else column[after - 1][0]) > 1), len(rest))
        named = people([line for _, line in rest[:block]], keep_hyphen)
        sure = sure and bool(named) and not _named_later([line for _, line in rest[block:]
                                                          if not _WEB.search(line)])
        leaders += [(name, role, organisation) for name, role in named]
    return partners, leaders if sure else []


def read_details(paras: list[Para], keep_hyphen: KeepHyphen | None = None
                 ) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(partners, leaders as (name, role, organisation)) from the details section's paragraphs."""
    if any(para.cell is not None for para in paras):
        table: dict[int, dict[tuple[int, int], list[Para]]] = {}
        for para in paras:
            if para.cell is not None:
                number, row, column, _ = para.cell
                table.setdefault(column, {}).setdefault((number, row), []).append(para)
        cells_by_column = [[_cell_lines(cell) for _, cell in sorted(table[column].items())]
                           for column in sorted(table)]
    else:
        laid_out = columns(paras)
        if len(laid_out[1]) == 0:
            return _one_after_another([(-line.y, line.text) for para in paras for line in para.lines], keep_hyphen)
        for column in laid_out:
            firsts = [group.split("\n")[0].lower().strip(": ") for group in column]
            if column and firsts[0] not in LABELS and firsts[0].startswith(LABELS) or sum(
                    first in LABELS for first in firsts) > 1:
                return [], []  # pasted text whose two columns came on one line, or one under the other
        cells_by_column = [[group.split("\n") for group in column] for column in laid_out]
    partners: list[str] = []
    leaders: list[tuple[str, str, str]] = []
    for cells in cells_by_column:
        cells = [cell for cell in cells if any(line.strip() for line in cell)]
        if cells and " ".join(cells[0]).lower().strip(": ") in LABELS:
            cells = cells[1:]
        elif cells and cells[0][0].lower().strip(": ") in LABELS:
            cells[0] = cells[0][1:]
        if not cells:
            continue
        if len(cells) == 1 and len(cells[0]) > 1:  # all in one cell: the organisation, then its leaders
            cells = _entry(cells[0])
        organisation = _organisation(cells[0], keep_hyphen)
        if not organisation or organisation.endswith((".", "!", "?")) or len(organisation) > 150:
            continue  # a sentence ("See the council's website."), not an organisation's name
        partners.append(organisation)
        named: list[tuple[str, str]] = []
        for cell in cells[1:]:
            if named and not named[-1][1] and not people(cell) and not any(_WEB.search(line) for line in cell):
                named[-1] = (named[-1][0], _role(cell, keep_hyphen))  # the role in a cell of its own
                break
            if named or any(_WEB.search(line) for line in cell):
                break
            named = people(cell, keep_hyphen)
        leaders += [(name, role, organisation) for name, role in named]
    return partners, leaders

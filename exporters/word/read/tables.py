"""Read one action table of an imported Word plan into areas, objectives and actions.

Layouts understood: one table per area; one big table whose areas/priorities are full-width merged
rows; an area column filled only on each area's first row; one row per objective with actions
stacked in the cells; one row per action with the number and objective merged down or repeated;
header rows over two lines or repeated on later pages; RAG and progress as one column or one column
per review; note rows. How the table is read — each column's role, the header rows, which rows are
headings or notes — is a :class:`TableChoice` (guessed in :mod:`choice`, or the officer's), followed
exactly here.
"""

from __future__ import annotations

import re

from sendplan.exporters.office import (
    RowChoice,
    TableChoice,
    area_heading,
    clip,
    is_action_table,
    map_header,
    normalise_title,
    note_text,
    row_key,
)
from sendplan.exporters.word.read.body import Cell, Para, Table
from sendplan.exporters.word.read.cells import CellValues, due_of
from sendplan.exporters.word.read.state import ImportState
from sendplan.exporters.word.read.support import Blocks, split_blocks, split_ref

from sendplan.model import Action, Objective, Review, Section

SHARED_KEYS = ("owner", "due", "rag")
_OBJECTIVE_WIDE = ("outcomes", "kpis")  # one of these for several stacked actions describes the whole objective
_HEADING_ROW = re.compile(r"^\s*(?:(priority|area(?:s)? (?:for|of) (?:improvement|development)|weakness|"
                          r"area|theme|objective|outcome)\s*)?(\d+(?:\.\d+)?[a-z]?)?\s*[:.\-–)]*\s*(.*)$",
                          re.IGNORECASE | re.DOTALL)
_OBJECTIVE_NO = re.compile(r"^\d+(\.\d+)+")
_YEARS = re.compile(r"\d{4}(/\d{2,4})?")


class ActionTable(CellValues):
    """Fills the plan from one action table, starting from where the walk is."""

    def __init__(self, state: ImportState, table: Table, number: int, choice: TableChoice) -> None:
        self.state = state
        self.table = table
        self.number = number
        self.choice = choice
        self.skip = choice.header_at + choice.header_rows
        self.titles = [c.title for c in choice.columns]
        self.keys = [c.key for c in choice.columns]
        self.periods = [c.review for c in choice.columns]
        self.layout: set[str] = set()
        self.column_reviews: dict[int, Review] = {}
        self.rated = self.shading_only = 0  # RAG cells read, and those read from their shading alone
        self.guessed: set[str] = set()  # reviews an unlabelled progress column was filed under (reported once)
        self.unused: dict[int, int] = {}  # ignored column → non-empty cells left unread

    def read(self) -> None:
        state, report = self.state, self.state.report
        report.mappings.append(self.choice.describe() + (" (as you chose)" if self.choice.chosen else ""))
        for column in self.choice.columns:
            if column.why:
                report.guesses.append(f"Table {self.number}, column “{column.title or '(no title)'}”: {column.why}, "
                                      f"so it was read as {column.describe().split(' → ')[1]}.")
        for index, (key, period) in enumerate(zip(self.keys, self.periods, strict=True)):
            if period and (key == "rag" or (key == "progress" and not _YEARS.fullmatch(period))):
                self.column_reviews[index] = state.reviews.for_column(period)
                self.layout.add(f"{'RAG' if key == 'rag' else 'progress'} as one column per review")
        for row in self.table.rows[:self.choice.header_at]:
            self._above_header(row)
        header = [normalise_title(t) for t in self.titles]
        number = ""
        rows = self.table.rows[self.skip:]
        owned = any(self._owns_number(rows, i) for i in range(len(rows)))  # then every own number cell is
        for position, row in enumerate(rows):
            texts = [c.text for c in row]
            short = len(texts) == len(self.titles) and all(len(t) <= 60 for t in texts)
            if not any(texts) or short and ([normalise_title(t) for t in texts] == header or (
                    all(len(t) <= 40 for t in texts) and is_action_table(map_header(texts)))):
                continue  # empty, or the header repeated on a later page
            key = row_key(texts)
            kind = self.choice.rows.get(key) or self._row_kind(row)
            self.choice.listed.append(RowChoice(key, clip(" | ".join(t for t in texts if t), 100), kind))
            if kind != "action":
                self._special_row(row, kind)
                continue
            self._area_cell(row)
            if state.area is None:
                state.new_area()
                report.notes.append(f"Table {self.number} had no “Area for Improvement” text before it; a new area "
                                    "was started for it.")
            number = self._objective(row, number)
            cell = self._cell(row, "action_no")
            self._row(row, number, self._owns_number(rows, position) or (
                owned and cell is not None and not cell.continues and bool(cell.text)))
        for index, count in self.unused.items():
            report.unused.append((f"table {self.number}, column “{self.titles[index] or index + 1}”, set to Ignore",
                                  count))
        report.layouts.append(self._describe())

    def _describe(self) -> str:
        shape = "one row per objective with actions stacked" if "stacked" in self.layout else "one row per action"
        if self.shading_only:
            self.layout.add("RAG given by cell shading only" + (
                f" in {self.shading_only} of {self.rated} rated cells" if self.shading_only < self.rated else ""))
        extra = sorted(self.layout - {"stacked"})
        return f"table {self.number}: action table, {shape}" + (f"; {'; '.join(extra)}" if extra else "") + \
            (f" (header over {self.skip} rows)" if self.skip > 1 else "")

    def _cell(self, row: list[Cell], key: str) -> Cell | None:
        return row[self.keys.index(key)] if key in self.keys and self.keys.index(key) < len(row) else None

    # -- rows that are not actions ---------------------------------------------------------------------

    def _above_header(self, row: list[Cell]) -> None:
        """A row above the header (a title inside the table): an area heading, else kept as narrative."""
        text = "\n".join(dict.fromkeys(c.text for c in row if c.text))
        if not text:
            return
        heading = area_heading(text)
        if heading is not None:
            self.state.heading(heading)
        else:
            self.state.plan.sections.append(Section(title=f"Text above table {self.number}", body=text))

    def _row_kind(self, row: list[Cell]) -> str:
        """"note", "area" or "objective" for a full-width row of one text; "action" otherwise."""
        action = self._cell(row, "action")
        texts = {c.text for c in row if c.text}
        if len(texts) != 1 or (action is not None and action.text and len(row) > 2 and not (
                all(c.continues for c in row[1:]))):
            return "action"
        text = next(iter(texts))
        if note_text(text):
            return "note"
        match = _HEADING_ROW.match(text)
        kind = (match[1] or "").lower() if match else ""
        area = self.state.area
        if kind in ("objective", "outcome") or (not kind and match and match[2] and "." in match[2] and area
                                                 and area.ref and match[2].startswith(f"{area.ref}.")):
            return "objective"
        return "area"

    def _special_row(self, row: list[Cell], kind: str) -> None:
        texts = list(dict.fromkeys(c.text for c in row if c.text and not c.continues))
        text = "\n".join(texts)
        state = self.state
        if kind == "ignore":
            state.report.unused.append((f"table {self.number}, a row set to Ignore: “{clip(text, 60)}”", len(texts)))
        elif kind == "note":
            state.notes.append((note_text(text) or text, f"table {self.number}", state.area))
        elif kind == "objective":
            number = self._cell(row, "action_no")
            match = _HEADING_ROW.match(text)
            own = number.text if number is not None and number.text and len(texts) > 1 else ""
            ref = own or (match[2] if match else "") or ""
            words = [t for t in texts if t != ref] or texts
            body = "\n".join(words)
            if match and match[2] and len(texts) == 1:
                body = match[3].strip() or text
            state.area = state.area or state.new_area()
            state.objective = Objective(text=body, ref=ref)
            state.area.objectives.append(state.objective)
            self.layout.add("objectives as merged rows")
        else:
            self._area_row(texts)

    def _area_row(self, texts: list[str]) -> None:
        text = "\n".join(texts)
        heading = next((h for t in texts if (h := area_heading(t)) is not None), None)
        if heading is not None:
            self.state.heading(heading, fill_current=True)
        else:
            match = _HEADING_ROW.match(text)
            wording = match[3].strip() if match and match[3].strip() else text
            self.state.fill_or_new_area(wording, match[2] if match and match[2] else "")
        self.layout.add("areas as merged rows across the table")

    def _area_cell(self, row: list[Cell]) -> None:
        cell = self._cell(row, "area")
        if cell is None or cell.continues or not cell.text:
            return
        heading = area_heading(cell.text)
        if heading is not None:
            self.state.terms[heading.term] += 1
        match = _HEADING_ROW.match(cell.text)
        ref = heading.ref if heading else match[2] if match and match[2] else ""
        wording = heading.wording if heading and heading.wording else (
            match[3].strip() if match and match[3].strip() else cell.text)
        area = self.state.area
        if area is None or (area.wording != wording and (area.objectives or area.wording)):
            area = self.state.new_area(wording, ref)
        if heading is not None:
            area.term = heading.term
        else:
            area.wording, area.ref = wording, area.ref or ref
        self.layout.add("areas in a column, given on each area's first row")

    # -- actions ---------------------------------------------------------------------------------------

    def _owns_number(self, rows: list[list[Cell]], position: int) -> bool:
        """Whether the row's number is its action's own ("1.2" on each row of an objective merged down, or
        repeated) rather than its objective's (merged down itself, or one row per objective)."""
        row = rows[position]
        number, objective = self._cell(row, "action_no"), self._cell(row, "objective")
        if number is None or number.continues or not number.text:
            return False
        if objective is None or objective.continues:
            return True
        neighbours = [rows[i] for i in (position - 1, position + 1) if 0 <= i < len(rows)]
        for other in neighbours:
            other_number, other_objective = self._cell(other, "action_no"), self._cell(other, "objective")
            if other_number is not None and other_objective is not None and not other_number.continues and (
                    other_objective.continues and other is rows[min(position + 1, len(rows) - 1)]
                    or other_objective.text == objective.text):
                return True
        return False

    def _objective(self, row: list[Cell], previous: str) -> str:
        state = self.state
        number_cell, objective_cell = self._cell(row, "action_no"), self._cell(row, "objective")
        number = " ".join(number_cell.text.split()) if number_cell and not number_cell.continues else previous
        if number_cell is not None and number_cell.continues:
            self.layout.add("number merged down")
        objective_text = objective_cell.text if objective_cell and not objective_cell.continues else None
        prefix = _OBJECTIVE_NO.match(number)[0] if _OBJECTIVE_NO.match(number) else ""
        objectives = state.area.objectives  # type: ignore[union-attr]
        current = state.objective if objectives and objectives[-1] is state.objective else None  # the area's own
        if objective_cell is None:
            if current is None:
                state.objective = Objective()
                state.area.objectives.append(state.objective)  # type: ignore[union-attr]
            return number
        new_number = bool(prefix) and current is not None and bool(current.ref) and prefix != current.ref
        if current is None or (objective_text and objective_text != current.text) or (new_number and objective_text):
            state.objective = Objective(text=objective_text or "", ref=prefix)
            state.area.objectives.append(state.objective)  # type: ignore[union-attr]
        return number

    def _row(self, row: list[Cell], number: str, own: bool) -> None:
        state = self.state
        cells = {i: cell for i, cell in enumerate(row) if i < len(self.keys)}
        for extra in range(len(self.keys), len(row)):
            if row[extra].text and not row[extra].continues:
                state.unplaced(row[extra].text, "a cell beyond the table's header")
        for i, cell in cells.items():
            if self.keys[i] == "ignore" and cell.text and not cell.continues:
                self.unused[i] = self.unused.get(i, 0) + 1
        action_at = self.keys.index("action")
        action_blocks = split_blocks(cells[action_at]) if action_at in cells else []
        n = max(1, len(action_blocks))
        columns: dict[int, Blocks] = {i: split_blocks(cell) for i, cell in cells.items() if self.keys[i] not in (
            "action_no", "objective", "area", "ignore") and not cell.continues}
        loose = ("progress", "", "notes", "start", "achieved")
        misaligned = [self.titles[i] for i, blocks in columns.items()
                      if self.keys[i] not in loose and len(blocks) not in (0, n)
                      and not (len(blocks) == 1 and self.keys[i] in (*SHARED_KEYS, *_OBJECTIVE_WIDE, "revised"))]
        if n > 1:
            self.layout.add("stacked")
        if n > 1 and misaligned:
            state.report.notes.append(f"Table {self.number}, row “{clip(number or action_blocks[0][0].text, 40)}”: "
                                      f"the stacked actions do not line up with {', '.join(misaligned)}; kept as one "
                                      "action with all the text.")
            n = 1
            columns = {i: [[p for block in blocks for p in block]] if blocks else [] for i, blocks in columns.items()}
            action_blocks = [[p for block in action_blocks for p in block]] if action_blocks else []
        wide = [self.titles[i] for i, blocks in columns.items() if n > 1 and len(blocks) == 1
                and self.keys[i] in _OBJECTIVE_WIDE]
        if wide:
            state.report.notes.append(f"Table {self.number}, row “{clip(number or action_blocks[0][0].text, 40)}”: "
                                      f"one {' and one '.join(wide)} for {n} stacked actions; given to the first.")
        objective = state.objective
        assert objective is not None
        added = [self._action(n, position, action_blocks, columns, cells, number, own, objective)
                 for position in range(n)]
        for i, blocks in columns.items():
            if self.keys[i] != "progress" or not blocks:
                continue
            if len(blocks) == n:
                for action, block in zip(added, blocks, strict=True):
                    self.progress(action, block, i)
            else:
                if n > 1:
                    row_name = clip(number or added[0].text, 40)
                    state.report.notes.append(f"Table {self.number}, row “{row_name}”: progress in “{self.titles[i]}” "
                                              "does not line up with the stacked actions; it was all given to the "
                                              "first action.")
                self.progress(added[0], [p for block in blocks for p in block], i)

    def _action(self, n: int, position: int, action_blocks: Blocks, columns: dict[int, Blocks],
                cells: dict[int, Cell], number: str, own: bool, objective: Objective) -> Action:
        action = Action()
        block = action_blocks[position] if position < len(action_blocks) else []
        written, action.text = split_ref("\n".join(p.text for p in block),
                                         number if _OBJECTIVE_NO.fullmatch(number) else objective.ref)
        action.ref = self._ref(number, written, own and n == 1, objective)
        due: list[Para] = []
        revised: list[str] = []
        for i, blocks in columns.items():
            key = self.keys[i]
            if key in ("action", "progress"):
                continue
            if key in (*SHARED_KEYS, "revised") and len(blocks) == 1:
                chosen = blocks[0]
            elif len(blocks) != n:  # extra text that does not line up: all on the first action
                chosen = [p for b in blocks for p in b] if position == 0 else []
            else:
                chosen = blocks[position]
            if key == "due":
                due = chosen
            elif key == "revised":
                revised += [line for p in chosen for line in p.text.split("\n") if line.strip()]
            else:
                self.fill_field(action, i, chosen, cells[i])
        if due or revised:
            action.due = due_of(due, revised)
        objective.actions.append(action)
        self.state.last_action = action
        return action

    @staticmethod
    def _ref(number: str, written: str, own: bool, objective: Objective) -> str:
        """The action's reference as written: at the start of its text ("1.1 (a) …", "(a) …" under
        number 1.1, "1a …"), else the number cell when it is the action's own ("1a", "4.2"); ""
        when the document gives none (numbered afterwards)."""
        if own and not written:
            if objective.ref == number:
                objective.ref = ""  # the number was the action's, not its objective's
            return number
        if _OBJECTIVE_NO.fullmatch(number):
            objective.ref = objective.ref or number
        return written

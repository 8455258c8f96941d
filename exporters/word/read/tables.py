"""Read one action table of an imported Word plan into areas, objectives and actions.

Layouts understood: one table per area; one big table whose areas/priorities are full-width merged
rows; an area column filled only on each area's first row; one row per objective with actions
stacked in the cells; one row per action with the number and objective merged down or repeated;
header rows over two lines or repeated on later pages; RAG as one column or one column per review.
"""

from __future__ import annotations

import re

from sendplan.exporters.office import is_action_table, map_header, normalise_title
from sendplan.exporters.word.read.body import Cell, Para, Table
from sendplan.exporters.word.read.reviews import split_inline_labels
from sendplan.exporters.word.read.state import ImportState, clip
from sendplan.exporters.word.read.support import Blocks, earlier_and_current, split_blocks, split_ref

from sendplan.colours import rgb
from sendplan.dates import DueValue, parse_due
from sendplan.model import Action, DateRevision, DueDate, Objective, ProgressUpdate, Review, optional_rag_levels
from sendplan.ratings import rating_key_for

SHARED_KEYS = ("owner", "due", "rag")
_OBJECTIVE_WIDE = ("outcomes", "kpis")  # one of these for several stacked actions describes the whole objective
_HEADING_ROW = re.compile(r"^\s*(?:(priority|area(?:s)? (?:for|of) (?:improvement|development)|weakness|"
                          r"area|theme|objective|outcome)\s*)?(\d+(?:\.\d+)?[a-z]?)?\s*[:.\-–)]*\s*(.*)$",
                          re.IGNORECASE | re.DOTALL)
_OBJECTIVE_NO = re.compile(r"^\d+(\.\d+)+")
_RATING_ALIASES = {"g": "green", "a": "amber", "r": "red", "b": "blue", "complete": "blue", "completed": "blue",
                   "done": "blue", "achieved": "blue", "on track": "green", "off track": "red"}


def header_rows(table: Table) -> tuple[int, list[str]]:
    """(number of header rows, column titles): the first action-like row in the first four,
    joined with a second header row beneath spanned titles ("RAG" over "Mar 24 | Jun 24")."""
    for index, row in enumerate(table.rows[:4]):
        titles = [" ".join(c.text.split()) for c in row]
        if not is_action_table(map_header(titles)):
            continue
        below = table.rows[index + 1] if index + 1 < len(table.rows) else []
        spanned = any(c.continues and not c.paragraphs for c in row)
        if below and (spanned or table.header_rows > index + 1) and len(below) == len(row) and all(
                len(c.text) <= 40 for c in below):
            top, joined = "", []
            for cell, under in zip(row, below, strict=True):
                top = top if cell.continues and not cell.text else " ".join(cell.text.split())
                joined.append(" ".join(f"{top} {under.text}".split()) if under.text else top)
            if is_action_table(map_header(joined)):
                return index + 2, joined
        return index + 1, titles
    return 0, []


class ActionTable:
    """Fills the plan from one action table, starting from where the walk is."""

    def __init__(self, state: ImportState, table: Table, number: int) -> None:
        self.state = state
        self.table = table
        self.number = number
        self.skip, self.titles = header_rows(table)
        self.mapping = map_header(self.titles)
        self.keys = [key for key, _ in self.mapping]
        self.layout: set[str] = set()
        self.column_reviews: dict[int, Review] = {}
        self.rated = self.shading_only = 0  # RAG cells read, and those read from their shading alone
        self.guessed: set[str] = set()  # reviews an unlabelled progress column was filed under (reported once)

    def read(self) -> None:
        state, report = self.state, self.state.report
        described = ", ".join(f"“{t}” → {k or 'kept as extra text'}{' (' + p + ')' if p else ''}"
                              for t, (k, p) in zip(self.titles, self.mapping, strict=True))
        report.mappings.append(f"table {self.number}: {described}")
        for index, (key, period) in enumerate(self.mapping):
            if period and (key == "rag" or (key == "progress" and not re.fullmatch(r"\d{4}(/\d{2,4})?", period))):
                review = state.reviews.by_label(period)
                if review is not None:
                    self.column_reviews[index] = review
                    self.layout.add(f"{'RAG' if key == 'rag' else 'progress'} as one column per review")
        header = [normalise_title(t) for t in self.titles]
        number = ""
        rows = self.table.rows[self.skip:]
        owned = any(self._owns_number(rows, i) for i in range(len(rows)))  # then every own number cell is
        for position, row in enumerate(rows):
            texts = [c.text for c in row]
            if not any(texts) or [normalise_title(t) for t in texts] == header or (
                    len(texts) == len(self.titles) and all(len(t) <= 40 for t in texts)
                    and is_action_table(map_header(texts))):
                continue  # empty, or the header repeated on a later page
            if self._heading_row(row):
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

    def _heading_row(self, row: list[Cell]) -> bool:
        """A full-width merged row naming an area/priority (or an objective) inside the table."""
        action = self._cell(row, "action")
        texts = {c.text for c in row if c.text}
        if len(texts) != 1 or (action is not None and action.text and len(row) > 2 and not (
                all(c.continues for c in row[1:]))):
            return False
        text = texts.pop()
        match = _HEADING_ROW.match(text)
        kind = (match[1] or "").lower() if match else ""
        if kind in ("objective", "outcome"):
            self.state.objective = Objective(text=match[3].strip() or text, ref=match[2] or "")  # type: ignore[index]
            self.state.area = self.state.area or self.state.new_area()
            self.state.area.objectives.append(self.state.objective)
            self.layout.add("objectives as merged rows")
            return True
        area = self.state.area
        wording = match[3].strip() if match and match[3].strip() else text
        ref = match[2] if match and match[2] else ""
        if area is not None and not area.objectives and not area.wording:
            area.wording, area.ref = wording, area.ref or ref
        else:
            self.state.new_area(wording, ref)
        self.layout.add("areas as merged rows across the table")
        return True

    def _area_cell(self, row: list[Cell]) -> None:
        cell = self._cell(row, "area")
        if cell is None or cell.continues or not cell.text:
            return
        match = _HEADING_ROW.match(cell.text)
        ref = match[2] if match and match[2] else ""
        wording = match[3].strip() if match and match[3].strip() else cell.text
        area = self.state.area
        if area is None or (area.wording != wording and (area.objectives or area.wording)):
            self.state.new_area(wording, ref)
        else:
            area.wording, area.ref = wording, area.ref or ref
        self.layout.add("areas in a column, given on each area's first row")

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
        current = state.objective if state.objective in state.area.objectives else None  # type: ignore[union-attr]
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
        cells = {i: cell for i, cell in enumerate(row) if i < len(self.mapping)}
        for extra in range(len(self.mapping), len(row)):
            if row[extra].text and not row[extra].continues:
                state.unplaced(row[extra].text, "a cell beyond the table's header")
        action_at = self.keys.index("action")
        action_blocks = split_blocks(cells[action_at]) if action_at in cells else []
        n = max(1, len(action_blocks))
        columns: dict[int, Blocks] = {i: split_blocks(cell) for i, cell in cells.items()
                                      if self.keys[i] not in ("action_no", "objective", "area") and not cell.continues}
        misaligned = [self.titles[i] for i, blocks in columns.items()
                      if self.keys[i] not in ("progress", "", "notes") and len(blocks) not in (0, n)
                      and not (len(blocks) == 1 and self.keys[i] in (*SHARED_KEYS, *_OBJECTIVE_WIDE))]
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
        added = []
        for position in range(n):
            action = Action()
            block = action_blocks[position] if position < len(action_blocks) else []
            written, action.text = split_ref("\n".join(p.text for p in block),
                                             number if _OBJECTIVE_NO.fullmatch(number) else objective.ref)
            action.ref = self._ref(number, written, own and n == 1, objective)
            for i, blocks in columns.items():
                key = self.keys[i]
                if key in ("action", "progress"):
                    continue
                if key in SHARED_KEYS and len(blocks) == 1:
                    chosen = blocks[0]
                elif len(blocks) != n:  # extra text that does not line up: all on the first action
                    chosen = [p for b in blocks for p in b] if position == 0 else []
                else:
                    chosen = blocks[position]
                self._fill(action, i, chosen, cells[i])
            objective.actions.append(action)
            state.last_action = action
            added.append(action)
        for i, blocks in columns.items():
            if self.keys[i] != "progress" or not blocks:
                continue
            if len(blocks) == n:
                for action, block in zip(added, blocks, strict=True):
                    self._progress(action, block, i)
            else:
                if n > 1:
                    row_name = clip(number or added[0].text, 40)
                    state.report.notes.append(f"Table {self.number}, row “{row_name}”: progress in “{self.titles[i]}” "
                                              "does not line up with the stacked actions; it was all given to the "
                                              "first action.")
                self._progress(added[0], [p for block in blocks for p in block], i)

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

    def _fill(self, action: Action, index: int, block: list[Para], cell: Cell) -> None:
        key, title = self.keys[index], self.titles[index]
        text = "\n".join(p.text for p in block)
        if key in ("owner", "outcomes", "kpis", "notes"):
            setattr(action, key, text)
        elif key == "evidence":
            action.evidence = tuple(p.text for p in block)
        elif key == "due":
            action.due = self._due(block)
        elif key == "rag":
            self._rag(action, block, cell, index)
        elif text:
            action.extra[title or "Extra"] = text

    @staticmethod
    def _due(block: list[Para]) -> DueDate:
        """Dates stacked (struck-through or "was …" first) become revisions; wording stays as written."""
        earlier, current = earlier_and_current(block)
        values = []
        for text in earlier + current:
            try:
                value = parse_due(text)
            except ValueError:
                value = None
            if value is None or not value.is_date:
                value = DueValue(precision="text", text=text)
            values.append(value)
        if not values:
            return DueDate()
        reason = "Revised date shown in the imported document"
        return DueDate(values[0], tuple(DateRevision(v, reason) for v in values[1:]))

    def _rag(self, action: Action, block: list[Para], cell: Cell, index: int) -> None:
        state = self.state
        review = self.column_reviews.get(index) or state.current_rating_review()
        earlier = [p for p in block if p.text.lower().startswith("was ")]
        block = [p for p in block if p not in earlier]
        if earlier and index not in self.column_reviews:
            self._earlier_ratings(action, review, [p.text[4:].strip() for p in earlier])
        text = " ".join(p.text for p in block).strip()
        key = self._rating_word(text) if text else ""
        shaded = ""
        if cell.fill and len(block) <= 1:
            shaded = min(state.plan.rag_scale, key=lambda lv: _distance(lv.colour, cell.fill)).key
        if key and shaded and key != shaded:
            state.report.notes.append(f"Action {action.ref or clip(action.text, 30)}: the RAG cell says “{text}” but "
                                      f"is shaded {state.plan.rag_level(shaded).name}; the word was kept.")  # type: ignore[union-attr]
        if not key and shaded:
            key = shaded
            self.shading_only += 1
        if key:
            self.rated += 1
            action.ratings[review.id] = key
            if text and rating_key_for(state.plan, text) != key:
                state.report.guesses.append(f"RAG “{clip(text, 30)}” was read as "
                                            f"{state.plan.rag_level(key).name}.")  # type: ignore[union-attr]
        elif text and normalise_title(text) not in ("not rated", "n a", "na", "tbc", ""):
            state.unplaced(text, "a RAG cell", action)

    def _earlier_ratings(self, action: Action, review: Review, words: list[str]) -> None:
        """"was Amber" under the rating: the rating at the review before (then the one before that)."""
        ordered = self.state.plan.reviews_by_date()
        position = ordered.index(review) if review in ordered else len(ordered)
        for word, earlier in zip(words, reversed(ordered[:position]), strict=False):
            key = self._rating_word(word)
            if key:
                action.ratings[earlier.id] = key
            else:
                self.state.unplaced(f"was {word}", "a RAG cell", action)
        if len(words) > position:
            self.state.unplaced("; ".join(f"was {w}" for w in words[position:]), "a RAG cell", action)

    def _rating_word(self, text: str) -> str:
        """The scale key for a RAG word, letter or pair ("Green", "G", "A/G" → amber, "Complete" → blue)."""
        plan = self.state.plan
        first = re.split(r"[/\s\-–]", text.strip())[0]
        aliases = (_RATING_ALIASES.get(normalise_title(text), ""), _RATING_ALIASES.get(first.lower(), ""))
        for candidate in (text, first, *aliases):
            key = rating_key_for(plan, candidate) if candidate else ""
            if key:
                return key
        wanted = _RATING_ALIASES.get(normalise_title(text), normalise_title(text))
        extra = next((lv for lv in optional_rag_levels() if lv.name.lower() in (wanted, text.strip().lower())), None)
        if extra is None:
            return ""
        if plan.rag_level(extra.key) is None:
            plan.rag_scale.append(extra)
        return extra.key

    def _progress(self, action: Action, paragraphs: list[Para], index: int) -> None:
        state = self.state
        title, period = self.titles[index], self.mapping[index][1]
        labelled = False  # an update that began "Dec 2017:" continues over unlabelled paragraphs
        for para in [part for whole in paragraphs for part in split_inline_labels(whole)]:
            if not para.text:
                continue
            review, text, has_label = state.reviews.review_for(para)
            if has_label:
                self.layout.add("progress as dated paragraphs")
            elif review is not None:
                self.layout.add("progress coloured by the review key")
            if review is None:
                review = self.column_reviews.get(index) or self._period_review(title, period)
            if period and re.fullmatch(r"\d{4}(/\d{2,4})?", period) and not review.period:
                review.period = period
            previous = action.progress[-1] if action.progress else None
            if not has_label and labelled and previous is not None and previous.review_id == review.id:
                previous.text = f"{previous.text}\n{text}"
                continue
            labelled = has_label
            action.progress.append(ProgressUpdate(text=text, review_id=review.id, added=review.day))

    def _period_review(self, title: str, period: str) -> Review:
        """Only when neither a label, a colour nor the column says which review: one review per column;
        a table's only, undated progress column is the same snapshot as its RAG column."""
        label = " ".join(title.split()) or "Progress"
        if not period and [key for key, _ in self.mapping].count("progress") == 1:
            review = self.state.current_rating_review()
            if review.id not in self.guessed:
                self.guessed.add(review.id)
                self.state.report.guesses.append(f"Progress in “{label}” says nothing of its review; it was filed "
                                                 f"under “{review.label}”, the review its RAG column rates at.")
            return review
        found = next((r for r in self.state.plan.reviews if r.label == label), None)
        if found is None:
            found = self.state.reviews.add(Review(label=label, short_label=period or label, period=period))
            self.state.report.guesses.append(f"Progress in “{label}” says nothing of its review; it was filed "
                                             f"under a review named after the column.")
        return found


def _distance(colour: str, fill: str) -> int:
    a, b = rgb(colour), rgb(fill)
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))

"""Import an existing Word action plan into a new plan, losing nothing.

Areas come from "Area for Improvement" paragraphs, actions from tables whose headers mean Actions,
RAG, By Whom… (either one row per action, or one row per objective with actions stacked in the
cells and separated by blank paragraphs), reviews from a progress key and "Review Date" lines.
Anything that cannot be placed is kept on the nearest action as an "Unplaced text" note and listed
in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sendplan.exporters.colours import rgb
from sendplan.exporters.docx_reader import Cell, Para, Table, read_body
from sendplan.exporters.office_package import OfficeFileError
from sendplan.exporters.word_columns import is_action_table, map_header, normalise
from sendplan.exporters.word_import_support import (
    Blocks,
    KeyReviews,
    classify_table,
    earlier_and_current,
    split_blocks,
    split_ref,
)

from sendplan.commands import rating_key_for
from sendplan.dates import parse_due_lenient
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    GlossaryEntry,
    Member,
    Objective,
    Plan,
    ProgressUpdate,
    RagLevel,
    Review,
    Section,
    Signatory,
    Workstream,
    new_plan,
    optional_rag_levels,
)
from sendplan.refs import assign_missing_refs

_AREA = re.compile(r"^\s*area(?:s)? (?:for|of) (?:improvement|development)\b[\s:.\-–]*(\d+)?[\s:.\-–]*(.*)$",
                   re.IGNORECASE | re.DOTALL)
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.+)$", re.DOTALL)
SHARED_KEYS = ("owner", "due", "rag")
_OBJECTIVE_NO = re.compile(r"^\d+(\.\d+)*")


@dataclass
class ImportReport:
    source: Path
    mappings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        lines = [f"Import report for {self.source}", ""]
        lines += [f"{name}: {count}" for name, count in self.counts.items()]
        lines += ["", "Columns recognised:"] + [f"  {m}" for m in self.mappings]
        lines += ["", f"Things to check ({len(self.notes)}):"] + [f"  - {n}" for n in self.notes or ["none"]]
        lines += ["", f"Unplaced text, kept on the nearest action ({len(self.unplaced)}):"]
        lines += [f"  - {u}" for u in self.unplaced or ["none"]]
        return "\n".join(lines) + "\n"


@dataclass
class WordImport:
    plan: Plan
    report: ImportReport


class _Importer:
    def __init__(self, path: Path, tables_and_paras: list[Para | Table]) -> None:
        self.blocks = tables_and_paras
        self.plan = new_plan(path.stem)
        self.plan.title = ""
        self.report = ImportReport(path)
        self.keys = KeyReviews(self.plan)
        self.area: Area | None = None
        self.objective: Objective | None = None
        self.last_action: Action | None = None
        self.section: Section | None = None
        self.column_reviews: dict[str, Review] = {}
        self.rating_review: Review | None = None

    # -- the walk ---------------------------------------------------------------------------------

    def run(self) -> WordImport:
        self.keys.collect(self.blocks)
        if not any(isinstance(b, Table) and is_action_table(map_header([c.text for c in b.rows[0]]))
                   for b in self.blocks if isinstance(b, Table) and b.rows):
            found = [", ".join(c.text.replace("\n", " ") for c in b.rows[0])
                     for b in self.blocks if isinstance(b, Table) and b.rows][:3]
            if not found:
                raise OfficeFileError(f"“{self.report.source.name}” contains no tables, so there is no action "
                                      "table to import.")
            raise OfficeFileError(f"None of the tables in “{self.report.source.name}” has recognisable action "
                                  f"plan headers (such as Actions, RAG, By Whom, By When). Headers found: "
                                  + "; ".join(found) + ".")
        self.rating_review = self.keys.latest() or self.keys.add(Review(label="Rating at import",
                                                                       short_label="Import", day=date.today()))
        expect_wording = False
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table):
                expect_wording = False
                self._table(block, index)
                continue
            if not block.text or self.keys.consumed(index):
                continue
            match = _AREA.match(block.text)
            if match:
                self._new_area(match[2].strip(), int(match[1]) if match[1] else None)
                expect_wording = not match[2].strip()
                continue
            if expect_wording and self.area is not None:
                numbered = _NUMBERED.match(block.text)
                text = numbered[2] if numbered else block.text
                self.area.wording = f"{self.area.wording}\n{text}".strip()
                continue
            self._narrative(block)
        self._finish()
        return WordImport(self.plan, self.report)

    def _new_area(self, wording: str, number: int | None) -> None:
        numbered = _NUMBERED.match(wording)
        self.area = Area(wording=numbered[2] if numbered else wording, ref=str(number) if number else "")
        self.plan.areas.append(self.area)
        self.objective = None

    def _narrative(self, para: Para) -> None:
        heading = para.style.lower().startswith(("heading", "title")) or (para.bold and len(para.text) <= 80)
        if not self.plan.title and heading and not self.plan.sections and not self.plan.areas:
            self.plan.title = para.text  # the document's first heading names the plan
            return
        if heading or self.section is None:
            self.section = Section(title=para.text if heading else "Imported text", body="" if heading else para.text)
            self.plan.sections.append(self.section)
        else:
            self.section.body = f"{self.section.body}\n{para.text}".strip()

    # -- tables -----------------------------------------------------------------------------------

    def _table(self, table: Table, index: int) -> None:
        if not table.rows:
            return
        if any(cell.nested for row in table.rows for cell in row):
            number = sum(1 for block in self.blocks[: index + 1] if isinstance(block, Table))
            self.report.notes.append(f"Table {number} contains tables inside cells; their text was read as "
                                     "ordinary paragraphs.")
        titles = [c.text for c in table.rows[0]]
        mapping = map_header(titles)
        if is_action_table(mapping):
            self._action_table(table, titles, mapping)
            return
        kind = classify_table(titles, table, self.plan)
        rows = [[c.text for c in row] for row in table.rows[1:] if any(c.text for c in row)]
        if kind == "progress-key" or kind == "review-dates" or self.keys.consumed(index):
            return
        if kind == "glossary":
            self.plan.glossary += [GlossaryEntry(term=r[0], meaning="\n".join(r[1:])) for r in rows]
        elif kind == "rag-key":
            self._rag_key(table)
        elif kind == "signatories":
            self.plan.signatories += [Signatory(name=r[0], role=_at(r, 1), organisation=_at(r, 2)) for r in rows]
        elif kind == "members":
            order = [normalise(t) for t in titles]
            pick = {name: next((i for i, t in enumerate(order) if t.startswith(name)), -1)
                    for name in ("name", "organisation", "role", "workstream")}
            pick["organisation"] = pick["organisation"] if pick["organisation"] >= 0 else next(
                (i for i, t in enumerate(order) if t.startswith(("organization", "agency"))), -1)
            for r in rows:
                self.plan.members.append(Member(name=_at(r, pick["name"]), organisation=_at(r, pick["organisation"]),
                                                role=_at(r, pick["role"])))
                ws = _at(r, pick["workstream"])
                if ws:
                    self.plan.members[-1].role = f"{self.plan.members[-1].role} ({ws})".strip()
        elif kind == "workstreams":
            self.plan.workstreams += [Workstream(name=r[0], lead=_at(r, 1), description=_at(r, 2)) for r in rows]
        else:
            body = "\n".join(" | ".join(c for c in r if c) for r in [titles, *rows] if any(r))
            self.plan.sections.append(Section(title=self.section.title if self.section else "Imported table",
                                              body=body))
            self.section = None

    def _rag_key(self, table: Table) -> None:
        for row in table.rows[1:]:
            if not row or not row[0].text:
                continue
            key = rating_key_for(self.plan, row[0].text)
            descriptor = "\n".join(c.text for c in row[1:] if c.text)
            level = self.plan.rag_level(key) if key else None
            if level is None:
                extra = next((lv for lv in optional_rag_levels() if lv.name.lower() == row[0].text.lower()), None)
                level = extra or RagLevel(key=normalise(row[0].text).replace(" ", "_"), name=row[0].text)
                self.plan.rag_scale.append(level)
            level.descriptor = descriptor or level.descriptor
            if row[0].fill:
                level.colour = f"#{row[0].fill}"

    def _action_table(self, table: Table, titles: list[str], mapping: list[tuple[str, str]]) -> None:
        described = ", ".join(f"“{t.replace(chr(10), ' ')}” → {k or 'kept as extra text'}"
                              f"{' (' + p + ')' if p else ''}" for t, (k, p) in zip(titles, mapping, strict=True))
        self.report.mappings.append(f"table {len(self.report.mappings) + 1}: {described}")
        if self.area is None:
            self._new_area("", None)
            self.report.notes.append("An action table had no “Area for Improvement” text before it; a new area "
                                     "was started for it.")
        header = [normalise(t) for t in titles]
        previous_number = ""
        for row in table.rows[1:]:
            if [normalise(c.text) for c in row] == header or all(not c.text for c in row):
                continue  # a repeated header row, or an empty one
            cells = {i: cell for i, cell in enumerate(row) if i < len(mapping)}
            for extra_index in range(len(mapping), len(row)):
                if row[extra_index].text:
                    self._unplaced(row[extra_index].text, "a cell beyond the table's header")
            number_cell = next((cells[i] for i, (k, _) in enumerate(mapping) if k == "action_no" and i in cells), None)
            objective_cell = next((cells[i] for i, (k, _) in enumerate(mapping) if k == "objective" and i in cells),
                                  None)
            number = number_cell.text if number_cell and not number_cell.continues else previous_number
            objective_number = _OBJECTIVE_NO.match(number)[0] if _OBJECTIVE_NO.match(number) else ""
            objective_text = objective_cell.text if objective_cell and not objective_cell.continues else None
            new_number = bool(objective_number) and objective_number != previous_number
            if self.objective is None or (objective_text and objective_text != self.objective.text) or new_number:
                self.objective = Objective(text=objective_text or "", ref=objective_number)
                self.area.objectives.append(self.objective)  # type: ignore[union-attr]
            previous_number = objective_number or previous_number
            if number and not re.match(r"^\d+(\.\d+)*\s*(\([a-z]+\))?$", number):
                self._unplaced(number, "the Action No cell")
            self._row(cells, mapping, titles)
            if re.fullmatch(r"\d+(\.\d+)*\s*\([a-z]+\)", number) and not self.last_action.ref:  # type: ignore[union-attr]
                self.last_action.ref = number  # type: ignore[union-attr]

    def _row(self, cells: dict[int, Cell], mapping: list[tuple[str, str]], titles: list[str]) -> None:
        action_index = next(i for i, (k, _) in enumerate(mapping) if k == "action")
        action_blocks = split_blocks(cells[action_index]) if action_index in cells else []
        n = max(1, len(action_blocks))
        columns: dict[int, Blocks] = {i: split_blocks(cell) for i, cell in cells.items()
                                      if mapping[i][0] not in ("action_no", "objective")}
        misaligned = [titles[i] for i, blocks in columns.items()
                      if mapping[i][0] not in ("progress", "") and len(blocks) not in (0, n)
                      and not (len(blocks) == 1 and mapping[i][0] in SHARED_KEYS)]
        number = f"{len(self.plan.areas)}.{len(self.area.objectives)}"  # type: ignore[union-attr]
        if n > 1 and misaligned:
            self.report.notes.append(f"Objective {number}: the stacked actions do not line up with "
                                     f"{', '.join(misaligned)}; kept as one action with all the text.")
            n = 1
            columns = {i: [[p for block in blocks for p in block]] if blocks else [] for i, blocks in columns.items()}
            action_blocks = [[p for block in action_blocks for p in block]] if action_blocks else []
        for position in range(n):
            action = Action()
            for i, blocks in columns.items():
                key, period = mapping[i]
                if key == "progress":
                    continue
                if key in SHARED_KEYS and len(blocks) == 1:
                    block = blocks[0]
                elif key == "" and len(blocks) != n:  # extra text that does not line up: all on the first
                    block = [p for b in blocks for p in b] if position == 0 else []
                else:
                    block = blocks[position] if position < len(blocks) else []
                self._fill(action, key, titles[i], block, cells[i])
            if not action.text and action_blocks[position:position + 1]:
                action.ref, action.text = split_ref("\n".join(p.text for p in action_blocks[position]),
                                                    self.objective.ref)  # type: ignore[union-attr]
            self.objective.actions.append(action)  # type: ignore[union-attr]
            self.last_action = action
        added = self.objective.actions[-n:]  # type: ignore[union-attr]
        for i, blocks in columns.items():
            key, period = mapping[i]
            if key != "progress":
                continue
            if len(blocks) == n:
                for action, block in zip(added, blocks, strict=True):
                    self._progress(action, block, titles[i], period)
            elif blocks:
                if n > 1:
                    self.report.notes.append(f"Objective {number}: progress in “{titles[i]}” does not line up "
                                             "with the actions; it was all given to the first action.")
                self._progress(added[0], [p for block in blocks for p in block], titles[i], period)

    def _fill(self, action: Action, key: str, title: str, block: list[Para], cell: Cell) -> None:
        text = "\n".join(p.text for p in block)
        if key == "action":
            action.ref, action.text = split_ref(text, self.objective.ref)  # type: ignore[union-attr]
        elif key == "owner":
            action.owner = text
        elif key == "outcomes":
            action.outcomes = text
        elif key == "kpis":
            action.kpis = text
        elif key == "evidence":
            action.evidence = tuple(p.text for p in block)
        elif key == "due":
            action.due = self._due(block)
        elif key == "rag":
            self._rag(action, block, cell)
        elif text:
            action.extra[title.replace("\n", " ").strip() or "Extra"] = text

    def _due(self, block: list[Para]) -> DueDate:
        earlier, current = earlier_and_current(block)
        values = [parse_due_lenient(t) for t in earlier + current]
        if not values:
            return DueDate()
        reason = "Revised date shown in the imported document"
        return DueDate(values[0], tuple(DateRevision(v, reason) for v in values[1:]))

    def _rag(self, action: Action, block: list[Para], cell: Cell) -> None:
        text = " ".join(p.text for p in block).strip()
        assert self.rating_review is not None
        key = self._rating_word(text) if text else ""
        if not key and cell.fill:
            key = min(self.plan.rag_scale, key=lambda lv: _distance(lv.colour, cell.fill)).key
        if key:
            action.ratings[self.rating_review.id] = key
            if text and rating_key_for(self.plan, text) != key:
                self.report.notes.append(f"RAG “{text}” was read as {self.plan.rag_level(key).name}.")  # type: ignore[union-attr]
        if text and not key and text.lower() != "not rated":
            self._unplaced(text, "a RAG cell", action)

    def _rating_word(self, text: str) -> str:
        """The scale key for a RAG word or abbreviation ("Green", "A/G" → amber); adds Blue or Not
        started to the scale when the document uses them."""
        key = rating_key_for(self.plan, text) or rating_key_for(self.plan, re.split(r"[/\s\-–]", text)[0])
        if key:
            return key
        extra = next((lv for lv in optional_rag_levels() if lv.name.lower() == text.strip().lower()), None)
        if extra is None:
            return ""
        self.plan.rag_scale.append(extra)
        return extra.key

    def _progress(self, action: Action, paragraphs: list[Para], title: str, period: str) -> None:
        labelled = False  # an update that began "Dec 2017:" continues over unlabelled paragraphs
        for para in paragraphs:
            if not para.text:
                continue
            review, text, has_label = self.keys.review_for(para)
            if review is None:
                review = self._column_review(title, period)
            previous = action.progress[-1] if action.progress else None
            if not has_label and labelled and previous is not None and previous.review_id == review.id:
                previous.text = f"{previous.text}\n{text}"
                continue
            labelled = has_label
            action.progress.append(ProgressUpdate(text=text, review_id=review.id, added=review.day))

    def _column_review(self, title: str, period: str) -> Review:
        label = title.replace("\n", " ").strip() or "Progress"
        if label not in self.column_reviews:
            self.column_reviews[label] = self.keys.add(Review(label=label, short_label=period or label,
                                                              period=period))
        return self.column_reviews[label]

    def _unplaced(self, text: str, where: str, action: Action | None = None) -> None:
        target = action or self.last_action
        self.report.unplaced.append(f"from {where}: {text[:120]}")
        if target is not None:
            target.notes = f"{target.notes}\nUnplaced text (from {where}): {text}".strip()
        else:
            self.plan.sections.append(Section(title="Unplaced text", body=text))

    def _finish(self) -> None:
        self.plan.title = self.plan.title or self.report.source.stem
        plan = self.plan
        assign_missing_refs(plan)  # the references the document gave are kept; the rest numbered
        actions = [a for _, _, a in plan.iter_actions()]
        self.report.counts = {"Areas": len(plan.areas), "Objectives": sum(len(a.objectives) for a in plan.areas),
                              "Actions": len(actions), "Progress updates": sum(len(a.progress) for a in actions),
                              "Reviews": len(plan.reviews), "Glossary terms": len(plan.glossary),
                              "Members": len(plan.members), "Narrative sections": len(plan.sections)}


def _at(row: list[str], index: int) -> str:
    return row[index] if 0 <= index < len(row) else ""


def _distance(colour: str, fill: str) -> int:
    a, b = rgb(colour), rgb(fill)
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))


def import_docx(path: str | Path) -> WordImport:
    """Read a Word action plan into a new plan (not saved). Raises OfficeFileError with a clear message."""
    path = Path(path)
    return _Importer(path, read_body(path).blocks).run()


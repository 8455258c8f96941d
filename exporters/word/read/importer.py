"""Import a Word action plan into a new plan, losing nothing: ``import_docx(path)``, or ``prepare_docx(path)``
to read it again whenever the officer corrects how a table is read.

A document sendplan wrote for internal use carries its plan (see :mod:`sendplan.exporters.word.embed`): it comes back
exactly, with any cell edited in Word since listed in the report. Any other document is read from
its text: the title and version, the areas ("Area for Improvement", "Priority 2", "Recommendation 1",
header blocks, merged rows or an area column), the action tables (:mod:`tables`, each read as the
officer chose or as guessed), the reviews and their colours and dates (:mod:`reviews`), glossary,
members and narrative. Anything that cannot be placed is kept on the nearest action as an "Unplaced
text" note and listed in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sendplan.exporters.office import (
    NUMBERED,
    ColumnChoice,
    Heading,
    ImportMapping,
    ImportReport,
    OfficeFileError,
    PlanImport,
    RememberedMappings,
    TableChoice,
    area_heading,
    classify,
    clip,
    is_action_table,
    plural_count,
    resolve_notes,
    settle_terms,
    signature,
)
from sendplan.exporters.word.embed import Embedded, EmbeddedPlanError, edited_cells, read_embedded, visible_rows
from sendplan.exporters.word.options import RESPONSIBLE_BODY
from sendplan.exporters.word.read.body import Body, Para, Table, W, body_of
from sendplan.exporters.word.read.choice import fit, guess_header, guess_table, titles_at
from sendplan.exporters.word.read.front import read_glossary, read_title, read_version
from sendplan.exporters.word.read.headings import header_block
from sendplan.exporters.word.read.own import read_own_parts
from sendplan.exporters.word.read.package import open_main, short
from sendplan.exporters.word.read.reviews import Reviews
from sendplan.exporters.word.read.state import ImportState
from sendplan.exporters.word.read.support import classify_table, read_other_table
from sendplan.exporters.word.read.tables import ActionTable

from sendplan.codec import snapshot
from sendplan.model import Plan, Section, new_plan, term_of
from sendplan.refs import assign_missing_refs

_LOCAL_AREA = re.compile(r"^(name of (the )?)?local area( partnership)?( name)?:?$", re.IGNORECASE)


class _Importer:
    def __init__(self, path: Path, body: Body, chosen: ImportMapping | None,
                 remembered: RememberedMappings | None) -> None:
        self.blocks = body.blocks
        self.core_title = body.title
        self.footer = body.footer
        plan = new_plan(path.stem)
        plan.title = ""
        plan.status = ""  # the document's own status when it gives one (read_version); only new plans are drafts
        report = ImportReport(path, notes=list(body.notes))
        self.state = ImportState(plan, report, Reviews(plan, report.guesses.append))
        self.plan, self.report = plan, report
        self.chosen = chosen or ImportMapping()
        self.remembered = remembered
        self.used: set[int] = set()  # chosen tables already matched to a table of this document
        self.alike: dict[int, list[Table]] = {}  # table → the tables with the same headers (guessed together)
        self.group_guess: dict[str, TableChoice] = {}  # headers → the columns guessed for all those tables
        self.section: Section | None = None
        self.consumed: set[int] = set()
        self.action_tables = 0
        self.own = read_own_parts(self.blocks, body.footer)

    def run(self) -> PlanImport:
        self.state.reviews.collect(self.blocks)
        self.consumed = self.state.reviews.consumed | self.own.consumed
        if self.own.rated_at:  # the review a sendplan document was produced for rates its RAG column
            self.state.rating_review = self.state.reviews.named(self.own.rated_at, self.own.rated_on)
        read_title(self.plan, self.blocks, self.consumed, self.core_title, self.report.guesses,
                   self.report.source.stem)
        if not self.own.footer_found:
            read_version(self.plan, self.blocks, self.consumed, self.footer, self.report.guesses)
        read_glossary(self.plan, self.blocks, self.consumed)
        groups: dict[str, list[Table]] = {}
        for block in self.blocks:
            if isinstance(block, Table) and block.rows:
                groups.setdefault(signature(guess_header(block)[2]), []).append(block)
        self.alike = {id(t): group for group in groups.values() if len(group) > 1 for t in group}
        expect_wording = False
        table_number = 0
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table):
                expect_wording = False
                table_number += 1
                if index not in self.consumed and block.rows:
                    self._table(block, table_number)
                continue
            if not block.text or index in self.consumed:
                continue
            heading = area_heading(block.text)
            if heading is not None:
                numbered = NUMBERED.match(heading.wording)
                self.state.heading(Heading(heading.term, heading.ref or (numbered[1] if numbered else ""),
                                           numbered[2] if numbered else heading.wording))
                expect_wording = not heading.wording
                continue
            area = self.state.area
            if area is not None and block.style == "AreaWording" and not expect_wording:
                # sendplan's own heading "Area for improvement 1: <short title>" with the wording under it
                area.title, area.wording, expect_wording = area.wording, "", True
            if expect_wording and area is not None and block.text.startswith(RESPONSIBLE_BODY):
                area.responsible_body = block.text[len(RESPONSIBLE_BODY):].strip()
                continue
            if area is not None and block.style == "AreaDetail" and ": " in block.text:
                label, _, value = block.text.partition(": ")
                area.extra[label.strip()] = value.strip()
                continue
            if expect_wording and area is not None:
                numbered = NUMBERED.match(block.text)
                if numbered and not area.ref:
                    area.ref = numbered[1]
                area.wording = f"{area.wording}\n{numbered[2] if numbered else block.text}".strip()
                continue
            self._narrative(block)
        self._finish()
        return PlanImport(self.plan, self.report, self.state.mapping)

    def _narrative(self, para: Para) -> None:
        style = para.style.lower().replace(" ", "")
        heading = style.startswith(("heading", "title", "subtitle")) or (para.bold and len(para.text) <= 80)
        if heading or self.section is None:
            self.section = Section(title=para.text if heading else "Imported text", body="" if heading else para.text)
            self.plan.sections.append(self.section)
        else:
            self.section.body = f"{self.section.body}\n{para.text}".strip()

    # -- tables ---------------------------------------------------------------------------------------

    def _choice(self, table: Table, where: str) -> TableChoice:
        """The officer's choice for this table (same place and headers, else same headers), else the one
        remembered for these headers, else a guess."""
        guess = self._guess(table, where)
        for choice in (c for c in self.chosen.tables if c.chosen and id(c) not in self.used):
            titles = titles_at(table, choice.header_at, choice.header_rows)
            if choice.where == where and (not choice.titles or signature(titles) == choice.signature):
                self.used.add(id(choice))
                return fit(choice, table)
        for choice in (c for c in self.chosen.tables if c.chosen and id(c) not in self.used):
            if choice.titles and signature(titles_at(table, choice.header_at, choice.header_rows)) == choice.signature:
                self.used.add(id(choice))
                return fit(choice, table)
        known = self.remembered.lookup(guess.signature) if self.remembered is not None else None
        if known is not None and len(known.columns) == len(guess.columns):
            self.report.notes.append(f"Table {where.split()[-1]} was read as you chose before for a document with the "
                                     "same headers.")
            known.where = where
            return fit(known, table)
        return guess

    def _guess(self, table: Table, where: str) -> TableChoice:
        """The guess for a table; tables with the same headers share one, made once from all their cells."""
        alike = self.alike.get(id(table))
        if not alike:
            return guess_table(table, where)
        header_at, header_rows, titles = guess_header(table)
        shared = self.group_guess.get(signature(titles))
        first = shared is None  # the cells' say is reported once, for the first of the tables
        if shared is None:
            shared = self.group_guess[signature(titles)] = guess_table(table, where, alike)
        columns = [ColumnChoice(c.title, c.key, c.review, c.why if first else "") for c in shared.columns]
        return TableChoice(where, tuple(titles), columns, header_at, header_rows)

    def _table(self, table: Table, number: int) -> None:
        where = f"table {number}"
        if any(cell.nested for row in table.rows for cell in row):
            self.report.notes.append(f"Table {number} contains tables inside cells; their text was read as "
                                     "ordinary paragraphs.")
        choice = self._choice(table, where)
        keys = choice.keys()
        if "action" in keys and (choice.chosen or is_action_table([(k, "") for k in keys])):
            self.state.mapping.tables.append(choice)
            ActionTable(self.state, table, number, choice).read()
            self.action_tables += 1
            self.section = None
            return
        if len(table.rows) > 1 and max(len(row) for row in table.rows) > 1:
            self.state.mapping.tables.append(choice)  # listed, so the officer can read it as an action table
        block = header_block(table)
        if block is not None:
            area = self.state.heading(block.heading)
            area.extra.update({label: value for label, value in block.details if label})
            heading = block.heading
            wording = f" — {clip(heading.wording, 80).rstrip('.')}" if heading.wording else ""
            choice.read_as = f"the heading of {heading.term.lower()} {heading.ref}".rstrip() + ": " + "; ".join(
                [f"{heading.term} {heading.ref}".strip() + wording]
                + [f"{label}: {clip(value, 60)}" for label, value in block.details if label])
            details = f", with {plural_count(len(block.details), 'details')} kept on the area" if block.details else ""
            self.report.layouts.append(f"table {number}: the heading of {block.heading.term.lower()} "
                                       f"{block.heading.ref}{details}")
            return
        titles = [c.text for c in table.rows[0]]
        kind = classify_table(titles, table, self.plan)
        if read_other_table(self.plan, kind, table):
            self.report.layouts.append(f"table {number}: {kind.replace('-', ' ')}")
            choice.read_as = {"rag-key": "the RAG key"}.get(kind, f"the {kind.replace('-', ' ')}")
            if self.section is not None and not self.section.body:
                self.plan.sections.remove(self.section)  # its heading only named this table
            self.section = None
            return
        rows = [[c.text for c in row if not c.continues] for row in table.rows if any(c.text for c in row)]
        for row in rows:
            if len(row) >= 2 and _LOCAL_AREA.match(row[0].strip()) and not self.plan.local_area:
                self.plan.local_area = row[1].strip()
        body = "\n".join(" | ".join(c for c in r if c) for r in rows)
        if self.section is not None and not self.section.body:
            self.section.body = body
        else:
            self.plan.sections.append(Section(title=self.section.title if self.section else "Imported table",
                                              body=body))
        self.report.layouts.append(f"table {number}: not an action table; kept as narrative text")
        choice.read_as = "narrative text (not an action table)"
        self.section = None

    # -- the end --------------------------------------------------------------------------------------

    def _finish(self) -> None:
        plan = self.plan
        plan.title = plan.title or self.report.source.stem
        self.state.reviews.finish()
        plan.reviews = plan.reviews_by_date()
        plan.numbering = numbering_style(plan)  # first: the missing refs follow the document's style
        _area_refs_from_actions(plan)
        assign_missing_refs(plan)
        resolve_notes(plan, self.state.notes, self.report.guesses)
        plan.sections = [s for s in plan.sections if s.body.strip()]  # a heading over nothing, or over a table read
        settle_terms(plan, self.state.terms)
        leads_as_owners(plan, self.report.guesses)
        self.own.apply(plan)
        self.report.printed_own = self.own.footer_found
        self.report.counts = counts(plan)
        self.report.guesses[:] = list(dict.fromkeys(self.report.guesses))  # one guess made for several tables
        for choice in self.chosen.tables:
            if choice.chosen and id(choice) not in self.used:
                self.report.notes.append(f"The mapping's entry for {choice.where} matched no table of this document "
                                         "(neither its place nor its headers); it was not used.")
        if not self.action_tables:
            tables = [b for b in self.blocks if isinstance(b, Table) and b.rows]
            if not tables:
                self.report.refusal = short(f"“{self.report.source.name}” contains no tables, so there is no "
                                            "action table to import.")
            else:
                found = [", ".join(words for c in t.rows[0] if (words := " ".join(c.text.split())))
                         for t in tables]
                found = [f"“{headers}”" for headers in found if headers][:3]
                self.report.refusal = short(
                    f"None of the tables in “{self.report.source.name}” has recognisable action plan headers (such as "
                    "Actions, RAG, By Whom, By When). " + (f"Their first rows read: {'; '.join(found)}. " if found else
                                                           "Their first rows are empty. ")
                    + "Import it with File › Import Word plan… to choose each column's role yourself.")


def numbering_style(plan: Plan) -> str:
    """The numbering style the imported references follow ("free" when they follow none)."""
    refs = [a.ref for _, _, a in plan.iter_actions() if a.ref]
    for style, pattern in (("1.1 (a)", r"\d+\.\d+ \([a-z]{1,2}\)"), ("1.1a", r"\d+\.\d+[a-z]{1,2}"),
                           ("1a", r"\d+[a-z]{1,2}")):
        if refs and all(re.fullmatch(pattern, ref) for ref in refs):
            return style
    return "free" if refs else plan.numbering


def _area_refs_from_actions(plan: Plan) -> None:
    """An area the document did not number takes the number all its items start with ("3.1", "3.2" → 3)."""
    used = {area.ref for area in plan.areas}
    for area in plan.areas:
        refs = [o.ref for o in area.objectives if o.ref] + [a.ref for o in area.objectives for a in o.actions if a.ref]
        leading = {match[1] for match in (re.match(r"(\d+)(?!\d)", ref) for ref in refs) if match}
        if not area.ref and len(leading) == 1 and refs and all(re.match(r"\d", ref) for ref in refs):
            (number,) = leading
            if number not in used:
                area.ref = number
                used.add(number)


def leads_as_owners(plan: Plan, guesses: list[str]) -> None:
    """An action with no owner of its own is owned by its area's lead, when the area's header block names
    one ("Lead | Director of Commissioning")."""
    for area in plan.areas:
        lead = next((" ".join(value.split()) for label, value in area.extra.items()
                     if value.strip() and classify(label)[0] == "owner"), "")
        ownerless = [a for o in area.objectives for a in o.actions if not a.owner.strip()]
        if not lead or not ownerless:
            continue
        for action in ownerless:
            action.owner = lead
        guesses.append(f"{len(ownerless)} action{'' if len(ownerless) == 1 else 's'} with no owner of "
                       f"{'its' if len(ownerless) == 1 else 'their'} own in "
                       + f"{term_of(plan, area).lower()} {area.ref}".strip()
                       + f" took the area's lead, {clip(lead, 60)}, as owner.")


def counts(plan: Plan) -> dict[str, int]:
    actions = [a for _, _, a in plan.iter_actions()]
    return {"Areas": len(plan.areas), "Objectives": plan.objective_count(),
            "Actions": len(actions), "Progress updates": sum(len(a.progress) for a in actions),
            "Reviews": len(plan.reviews), "Glossary terms": len(plan.glossary), "Members": len(plan.members),
            "Narrative sections": len(plan.sections)}


@dataclass
class DocxSource:
    """A Word document opened for import: read again, quickly, for each mapping the officer tries."""

    path: Path
    body: Body
    embedded: Embedded | None = None
    problem: str = ""  # why the plan saved inside could not be used
    given: bool = False  # the embedded plan was handed out once (later reads hand out copies)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def adjustable(self) -> bool:
        return self.embedded is None

    def read(self, mapping: ImportMapping | None = None, remembered: RememberedMappings | None = None
             ) -> PlanImport:
        if self.embedded is not None:
            report = ImportReport(self.path, restored=True, notes=list(self.body.notes))
            report.layouts.append("written by sendplan: the plan saved inside the document was restored exactly "
                                  "(history, reasons, measures, evidence, notes and colours included)")
            report.edits = edited_cells(self.embedded, visible_rows(self.body))
            plan = snapshot(self.embedded.plan) if self.given else self.embedded.plan
            self.given = True
            report.counts = counts(plan)
            return PlanImport(plan, report)
        result = _Importer(self.path, self.body, mapping, remembered).run()
        if self.problem:
            result.report.notes.insert(0, f"The document carries a plan saved by sendplan, but {clip(self.problem)}; "
                                          "it was read from its tables instead.")
        return result


def prepare_docx(path: str | Path) -> DocxSource:
    """Open a Word plan for import (checked and read once). Raises OfficeFileError with a clear message."""
    path = Path(path)
    package = open_main(path)  # checks the file before anything else reads it
    try:
        embedded = read_embedded(path)
    except EmbeddedPlanError as error:
        return DocxSource(path, body_of(package), problem=str(error))
    if embedded is not None:
        return DocxSource(path, body_of(package, tables_only=True), embedded)
    body = body_of(package)
    if not any(isinstance(b, Table) for b in body.blocks):
        boxes = package.body.iter(f"{W}txbxContent")  # type: ignore[attr-defined]
        boxed = sum(1 for box in boxes for _ in box.iter(f"{W}tbl"))
        if boxed:  # the tables are there, but inside text boxes or shapes: say so, never "no tables"
            raise OfficeFileError(short(f"“{path.name}” has no tables on its pages: its {boxed} table"
                                        f"{'' if boxed == 1 else 's'} sit{'s' if boxed == 1 else ''} inside text boxes "
                                        "or shapes, which are not read as an action plan. Copy the action table out "
                                        "of its box onto the page in Word, save, and import again."))
    return DocxSource(path, body)


def import_docx(path: str | Path, mapping: ImportMapping | None = None,
                remembered: RememberedMappings | None = None) -> PlanImport:
    """Read a Word action plan into a new plan (not saved), following ``mapping`` where it says how a table
    is read. Raises OfficeFileError with a clear message, also when no table reads as an action table."""
    result = prepare_docx(path).read(mapping, remembered)
    if result.report.refusal:
        raise OfficeFileError(result.report.refusal)
    return result

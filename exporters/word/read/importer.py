"""Import a Word action plan into a new plan, losing nothing: ``import_docx(path)``.

A document sendplan wrote for internal use carries its plan (see :mod:`sendplan.exporters.word.embed`): it comes back
exactly, with any cell edited in Word since listed in the report. Any other document is read from
its text: the title, the areas ("Area for Improvement", "Priority 2", merged rows or an area
column), the action tables (:mod:`tables`), the reviews and their colours and dates
(:mod:`reviews`), glossary, members and narrative. Anything that cannot be placed is kept on the
nearest action as an "Unplaced text" note and listed in the report.
"""

from __future__ import annotations

import re
from pathlib import Path

from sendplan.exporters.office import ImportReport, OfficeFileError, PlanImport, clip
from sendplan.exporters.word.embed import Embedded, EmbeddedPlanError, edited_cells, read_embedded, visible_rows
from sendplan.exporters.word.options import RESPONSIBLE_BODY
from sendplan.exporters.word.read.body import Body, Para, Table, W, body_of
from sendplan.exporters.word.read.own import read_own_parts
from sendplan.exporters.word.read.package import open_main, short
from sendplan.exporters.word.read.reviews import Reviews
from sendplan.exporters.word.read.state import ImportState
from sendplan.exporters.word.read.support import classify_table, read_other_table
from sendplan.exporters.word.read.tables import ActionTable, header_rows

from sendplan.model import GlossaryEntry, Plan, Section, Signatory, new_plan
from sendplan.refs import assign_missing_refs

_AREA = re.compile(r"^\s*(?:area(?:s)? (?:for|of) (?:improvement|development)\b\s*(\d+)?|"
                   r"(?:weakness|priority|area)\s+(\d+))[\s:.\-–]*(.*)$", re.IGNORECASE | re.DOTALL)
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.+)$", re.DOTALL)
_TITLE_WORDS = re.compile(r"\b(action plan|statement of action|wsoa|priority action|improvement plan|send)\b",
                          re.IGNORECASE)
_GLOSSARY_LINE = re.compile(r"^\s*([A-Za-z&/]*[A-Z][A-Za-z&/]*[A-Z][A-Za-z&/]*)\s*[:–=]\s*([A-Z].{1,119})$")
_NOT_TERMS = {"NB", "PS", "PPS", "TBC", "RE", "FAO", "CC"}  # "NB: …" is a note, not a term
_GLOSSARY_HEADING = re.compile(r"^\s*(glossary( of terms)?|abbreviations|acronyms)\s*:?\s*$", re.IGNORECASE)
_SIGNATORY = re.compile(r"^([^,]{3,60}),\s*([^,]{2,80}),\s*(.{2,120})$")


class _Importer:
    def __init__(self, path: Path, body: Body) -> None:
        self.blocks = body.blocks
        self.core_title = body.title
        plan = new_plan(path.stem)
        plan.title = ""
        report = ImportReport(path, notes=list(body.notes))
        self.state = ImportState(plan, report, Reviews(plan, report.guesses.append))
        self.plan, self.report = plan, report
        self.section: Section | None = None
        self.consumed: set[int] = set()
        self.own = read_own_parts(self.blocks, body.footer)

    def run(self) -> PlanImport:
        tables = [b for b in self.blocks if isinstance(b, Table) and b.rows]
        if not any(header_rows(t)[1] for t in tables):
            if not tables:
                raise OfficeFileError(short(f"“{self.report.source.name}” contains no tables, so there is no action "
                                            "table to import."))
            found = [", ".join(c.text.replace("\n", " ") for c in t.rows[0]) for t in tables][:3]
            raise OfficeFileError(short(f"None of the tables in “{self.report.source.name}” has recognisable action "
                                        "plan headers (such as Actions, RAG, By Whom, By When). Headers found: "
                                        + "; ".join(found) + "."))
        self.state.reviews.collect(self.blocks)
        self.consumed = self.state.reviews.consumed | self.own.consumed
        if self.own.rated_at:  # the review a sendplan document was produced for rates its RAG column
            self.state.rating_review = self.state.reviews.named(self.own.rated_at, self.own.rated_on)
        self._title()
        self._glossary_paragraphs()
        expect_wording = False
        table_number = 0
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table):
                expect_wording = False
                table_number += 1
                if index not in self.consumed:
                    self._table(block, table_number)
                continue
            if not block.text or index in self.consumed:
                continue
            match = _AREA.match(block.text)
            if match:
                wording = match[3].strip()
                numbered = _NUMBERED.match(wording)
                self.state.new_area(numbered[2] if numbered else wording,
                                    match[1] or match[2] or (numbered[1] if numbered else ""))
                expect_wording = not wording
                continue
            area = self.state.area
            if area is not None and block.style == "AreaWording" and not expect_wording:
                # sendplan's own heading "Area for improvement 1: <short title>" with the wording under it
                area.title, area.wording, expect_wording = area.wording, "", True
            if expect_wording and area is not None and block.text.startswith(RESPONSIBLE_BODY):
                area.responsible_body = block.text[len(RESPONSIBLE_BODY):].strip()
                continue
            if expect_wording and area is not None:
                numbered = _NUMBERED.match(block.text)
                if numbered and not area.ref:
                    area.ref = numbered[1]
                area.wording = f"{area.wording}\n{numbered[2] if numbered else block.text}".strip()
                continue
            self._narrative(block)
        self._finish()
        return PlanImport(self.plan, self.report)

    # -- title and narrative ------------------------------------------------------------------------

    def _title(self) -> None:
        """From the Title style, else the document properties, else the first title-like paragraph."""
        first_table = next((i for i, b in enumerate(self.blocks) if isinstance(b, Table) or _AREA.match(b.text)),
                           len(self.blocks))
        early = [(i, b) for i, b in enumerate(self.blocks[:first_table]) if isinstance(b, Para) and b.text
                 and i not in self.consumed][:12]
        styled = next(((i, b) for i, b in early if b.style.lower().replace(" ", "") == "title"), None)
        if styled is not None:
            self.plan.title = styled[1].text
            self.consumed.add(styled[0])
            return
        generic = not self.core_title or re.fullmatch(r"(document\d*|untitled.*|microsoft word.*)", self.core_title,
                                                      re.IGNORECASE)
        if not generic:
            self.plan.title = self.core_title
            self.consumed |= {i for i, b in early[:1] if b.text == self.core_title}
            return
        candidates = [(i, b) for i, b in early if len(b.text) <= 200]
        chosen = next(((i, b) for i, b in candidates if _TITLE_WORDS.search(b.text)), None) or (
            candidates[0] if candidates else None)
        if chosen is None:
            self.plan.title = self.report.source.stem
            self.report.guesses.append(f"The document has no title; the plan was named after the file, "
                                       f"“{self.plan.title}”.")
            return
        self.plan.title = chosen[1].text
        self.consumed.add(chosen[0])
        for index, para in early:
            if index < chosen[0] and (match := _SIGNATORY.match(para.text)):
                self.plan.signatories.append(Signatory(name=match[1].strip(), role=match[2].strip(),
                                                       organisation=match[3].strip()))
                self.consumed.add(index)

    def _glossary_paragraphs(self) -> None:
        """Runs of two or more "ASD: Autism spectrum disorder" paragraphs, or any under a plain
        "Glossary" line, become glossary terms."""
        def entry(index: int) -> re.Match[str] | None:
            block = self.blocks[index] if 0 <= index < len(self.blocks) else None
            if not isinstance(block, Para) or index in self.consumed:
                return None
            match = _GLOSSARY_LINE.match(block.text)
            return match if match and match[1].upper() not in _NOT_TERMS else None

        def heading(index: int) -> bool:
            block = self.blocks[index] if index >= 0 else None
            return isinstance(block, Para) and index not in self.consumed and bool(_GLOSSARY_HEADING.match(block.text))

        found = {index: match for index in range(len(self.blocks)) if (match := entry(index))}
        for index, match in found.items():
            start = index
            while start - 1 in found:
                start -= 1
            if index - 1 not in found and index + 1 not in found and not heading(start - 1):
                continue
            self.plan.glossary.append(GlossaryEntry(term=match[1], meaning=match[2].strip()))
            self.consumed |= {index} | ({start - 1} if heading(start - 1) else set())

    def _narrative(self, para: Para) -> None:
        style = para.style.lower().replace(" ", "")
        heading = style.startswith(("heading", "title", "subtitle")) or (para.bold and len(para.text) <= 80)
        if heading or self.section is None:
            self.section = Section(title=para.text if heading else "Imported text", body="" if heading else para.text)
            self.plan.sections.append(self.section)
        else:
            self.section.body = f"{self.section.body}\n{para.text}".strip()

    # -- tables ---------------------------------------------------------------------------------------

    def _table(self, table: Table, number: int) -> None:
        if any(cell.nested for row in table.rows for cell in row):
            self.report.notes.append(f"Table {number} contains tables inside cells; their text was read as "
                                     "ordinary paragraphs.")
        if header_rows(table)[1]:
            ActionTable(self.state, table, number).read()
            return
        titles = [c.text for c in table.rows[0]]
        kind = classify_table(titles, table, self.plan)
        if read_other_table(self.plan, kind, table):
            self.report.layouts.append(f"table {number}: {kind.replace('-', ' ')}")
            if self.section is not None and not self.section.body:
                self.plan.sections.remove(self.section)  # its heading only named this table
            self.section = None
            return
        rows = [[c.text for c in row] for row in table.rows if any(c.text for c in row)]
        body = "\n".join(" | ".join(c for c in r if c) for r in rows)
        if self.section is not None and not self.section.body:
            self.section.body = body
        else:
            self.plan.sections.append(Section(title=self.section.title if self.section else "Imported table",
                                              body=body))
        self.report.layouts.append(f"table {number}: not an action table; kept as narrative text")
        self.section = None

    # -- the end --------------------------------------------------------------------------------------

    def _finish(self) -> None:
        plan = self.plan
        plan.title = plan.title or self.report.source.stem
        plan.sections = [s for s in plan.sections if s.body.strip()]  # a heading over nothing, or over a table read
        self.state.reviews.finish()
        plan.reviews = plan.reviews_by_date()
        plan.numbering = numbering_style(plan)  # first: the missing refs follow the document's style
        _area_refs_from_actions(plan)
        assign_missing_refs(plan)
        self.own.apply(plan)
        self.report.printed_own = self.own.footer_found
        self.report.counts = counts(plan)


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


def counts(plan: Plan) -> dict[str, int]:
    actions = [a for _, _, a in plan.iter_actions()]
    return {"Areas": len(plan.areas), "Objectives": sum(len(a.objectives) for a in plan.areas),
            "Actions": len(actions), "Progress updates": sum(len(a.progress) for a in actions),
            "Reviews": len(plan.reviews), "Glossary terms": len(plan.glossary), "Members": len(plan.members),
            "Narrative sections": len(plan.sections)}


def _restore(path: Path, body: Body, embedded: Embedded) -> PlanImport:
    """The plan sendplan saved inside the document, with any visible edits reported."""
    report = ImportReport(path, restored=True, notes=list(body.notes))
    report.layouts.append("written by sendplan: the plan saved inside the document was restored exactly "
                          "(history, reasons, measures, evidence, notes and colours included)")
    report.edits = edited_cells(embedded, visible_rows(body))
    report.counts = counts(embedded.plan)
    return PlanImport(embedded.plan, report)


def import_docx(path: str | Path) -> PlanImport:
    """Read a Word action plan into a new plan (not saved). Raises OfficeFileError with a clear message."""
    path = Path(path)
    package = open_main(path)  # checks the file before anything else reads it
    problem = ""
    try:
        embedded = read_embedded(path)
    except EmbeddedPlanError as error:
        embedded, problem = None, str(error)
    if embedded is not None:
        return _restore(path, body_of(package, tables_only=True), embedded)
    body = body_of(package)
    if not any(isinstance(b, Table) for b in body.blocks):
        boxes = package.body.iter(f"{W}txbxContent")  # type: ignore[attr-defined]
        boxed = sum(1 for box in boxes for _ in box.iter(f"{W}tbl"))
        if boxed:  # the tables are there, but inside text boxes or shapes: say so, never "no tables"
            raise OfficeFileError(short(f"“{path.name}” has no tables on its pages: its {boxed} table"
                                        f"{'' if boxed == 1 else 's'} sit{'s' if boxed == 1 else ''} inside text boxes "
                                        "or shapes, which are not read as an action plan. Copy the action table out "
                                        "of its box onto the page in Word, save, and import again."))
    result = _Importer(path, body).run()
    if problem:
        result.report.notes.insert(0, f"The document carries a plan saved by sendplan, but {clip(problem)}; "
                                      "it was read from its tables instead.")
    return result

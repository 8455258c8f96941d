"""Import the council's own Excel tracker (.xlsx or .csv) into a new plan, losing nothing:
``import_tracker(path)``, or ``prepare_tracker(path)`` to read it again whenever the officer corrects how
a sheet is read.

Every sheet with a recognised header is read (a tracker kept one sheet an area), in order, as its
:class:`TableChoice` says (:mod:`columns` guesses it; the officer may correct it; a mapping remembered
for the same headers is used); the rows become the plan (:mod:`actions`). A cover sheet before the
first action sheet gives the title and version, and its other lines are kept as narrative; title rows
above a header give the title, or name the sheet's area ("Area 2: …"). A workbook written by sendplan
keeps its actions' ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sendplan.exporters.excel.read.actions import AREA_ROW, TrackerBuilder
from sendplan.exporters.excel.read.columns import columns_for, guess_sheet, sheet_titles, text_of, width_of
from sendplan.exporters.excel.read.rows import TrackerData, TrackerSheet, read_tracker_rows
from sendplan.exporters.office import (
    ROLES,
    ImportMapping,
    OfficeFileError,
    PlanImport,
    RememberedMappings,
    TableChoice,
    plural_count,
    resolve_notes,
    settle_terms,
    signature,
)

from sendplan.model import Plan, Section
from sendplan.refs import AREA_LETTER, FREE, LETTER, PAREN, assign_missing_refs

_STYLES = ((PAREN, re.compile(r"\d+\.\d+ \([a-z]+\)")), (LETTER, re.compile(r"\d+\.\d+[a-z]+")),
           (AREA_LETTER, re.compile(r"\d+[a-z]+")))
_VERSION = re.compile(r"^\s*(?:document\s+)?(?:version|v)\s*[:\-–]?\s*(\d+(?:\.\d+)*)\s*$", re.IGNORECASE)
NO_HEADER = ("No sheet of “{name}” has a header row sendplan recognises (it looks in the first rows of each sheet "
             "for titles such as Action, Ref, Lead, Target date and RAG).")


def _apply_refs(plan: Plan, refs: dict[str, str]) -> None:
    """References as written go into ``.ref``; the numbering style is the one they follow (free when
    they follow none); the items without one get the next free reference."""
    for area in plan.areas:
        area.ref = refs.get(area.id, "")
        for objective in area.objectives:
            objective.ref = refs.get(objective.id, "")
            for action in objective.actions:
                action.ref = refs.get(action.id, "")
    written = [a.ref for _, _, a in plan.iter_actions() if a.ref]
    if written:
        plan.numbering = next((style for style, pattern in _STYLES if all(pattern.fullmatch(r) for r in written)),
                              FREE)
    assign_missing_refs(plan)
    if plan.numbering == FREE:  # no style to follow: an area's objectives (a tracker has none) take its ref
        for area in plan.areas:
            empty = [objective for objective in area.objectives if not objective.ref]
            for index, objective in enumerate(empty, start=1):
                objective.ref = area.ref if len(area.objectives) == 1 else f"{area.ref}.{index}"


def _lines(sheet: TrackerSheet, rows: list[int]) -> list[str]:
    return [" | ".join(t for c in sorted(sheet.rows[n]) if (t := text_of(sheet.rows[n][c]))) for n in rows]


@dataclass
class TrackerSource:
    """A tracker opened for import: read again, quickly, for each mapping the officer tries."""

    path: Path
    data: TrackerData
    adjustable: bool = True

    @property
    def name(self) -> str:
        return self.path.name

    def _choices(self, mapping: ImportMapping | None, remembered: RememberedMappings | None,
                 notes: list[str]) -> list[tuple[TrackerSheet, TableChoice | None]]:
        own = bool(self.data.ids)
        chosen = [c for c in (mapping.tables if mapping else []) if c.chosen]
        found: list[tuple[TrackerSheet, TableChoice | None]] = []
        for sheet in self.data.sheets:
            where = f"sheet “{sheet.title}”"
            choice = next((c for c in chosen if c.where == where), None) or next(
                (c for c in chosen if c.titles and c.signature == signature(
                    sheet_titles(sheet, c.header_at, c.header_rows, width_of(sheet, c.header_at)))), None)
            if choice is not None:
                chosen.remove(choice)
                read = columns_for(sheet, choice.header_at, choice.header_rows, own_ids=own,
                                   known=choice.columns or None)
                found.append((sheet, TableChoice(where, read.titles, read.columns, choice.header_at,
                                                 choice.header_rows, dict(choice.rows), chosen=True)))
                continue
            guess = guess_sheet(sheet, own_ids=own)
            known = remembered.lookup(guess.signature) if guess is not None and remembered is not None else None
            if known is not None and len(known.columns) == len(guess.columns):
                notes.append(f"Sheet “{sheet.title}” was read as you chose before for a tracker with the same headers.")
                read = columns_for(sheet, known.header_at, known.header_rows, own_ids=own, known=known.columns)
                guess = TableChoice(where, read.titles, read.columns, known.header_at, known.header_rows,
                                    dict(known.rows), chosen=True, remembered=True)
            found.append((sheet, guess))
        notes += [f"The mapping's entry for {c.where} matched no sheet of this workbook (neither its name nor its "
                  "headers); it was not used." for c in chosen]
        return found

    def read(self, mapping: ImportMapping | None = None, remembered: RememberedMappings | None = None
             ) -> PlanImport:
        notes = list(self.data.notes)
        choices = self._choices(mapping, remembered, notes)
        found = [(sheet, choice) for sheet, choice in choices if choice is not None and "action" in choice.keys()]
        if self.data.ids:
            found = found[:1]
        first = found[0] if found else None
        builder = TrackerBuilder(self.path.name, self.data.title or self.path.stem, self.data.ids)
        builder.report.notes += notes
        if first is None:
            builder.report.refusal = NO_HEADER.format(name=self.path.name)
        covers = [s for s, _ in choices[:choices.index(first)]] if first else []
        title = self._front(builder, covers, first)
        builder.plan.title = self.data.title or title or self.path.stem
        mapping_used = ImportMapping([c for _, c in choices if c is not None])
        for sheet, choice in found:
            builder.sheet(choice)
            if len(found) > 1:
                builder.area_name = sheet.title
            self._sheet(builder, sheet, choice)
        for sheet, choice in choices:
            if (sheet, choice) not in found and sheet not in covers and sheet.rows:
                builder.report.unused.append((f"sheet “{sheet.title}”, not read as an action sheet",
                                              sum(len(r) for r in sheet.rows.values())))
        if len(found) > 1:
            names = ", ".join(f"“{sheet.title}”" for sheet, _ in found)
            builder.report.notes.append(f"Actions were read from {len(found)} sheets ({names}): if one of them only "
                                        "repeats the others (a summary), delete its areas in the plan.")
        return self._finish(builder, mapping_used, found)

    @staticmethod
    def _front(builder: TrackerBuilder, covers: list[TrackerSheet], first: tuple[TrackerSheet, TableChoice] | None
               ) -> str:
        """The title (a cover sheet's first line, else the first title row above the header), the version
        ("Version 4"), and every other line of the cover sheets kept as narrative."""
        title = ""
        for sheet in covers:
            lines = [line for line in _lines(sheet, sorted(sheet.rows)) if line]
            kept = []
            for line in lines:
                if not title and len(line) <= 150 and not line.endswith((".", "!", "?")) and "|" not in line:
                    title = line  # a title, not a sentence of instructions
                elif match := _VERSION.match(line.replace(" | ", " ")):
                    builder.plan.version = f"v{match[1]}"
                    builder.report.guesses.append(f"The plan takes its version, v{match[1]}, from the sheet "
                                                  f"“{sheet.title}”.")
                else:
                    kept.append(line)
            if kept:
                builder.plan.sections.append(Section(title=sheet.title, body="\n".join(kept)))
        if first is not None:
            sheet, choice = first
            above = [n for n in sorted(sheet.rows) if n < choice.header_at]
            singles = [n for n in above if len([v for v in sheet.rows[n].values() if text_of(v)]) == 1]
            title_row = next((n for n in singles if not AREA_ROW.match(_lines(sheet, [n])[0])), None)
            if not title and title_row is not None:
                title = _lines(sheet, [title_row])[0]
                above.remove(title_row)
            rest = [line for n in above if not AREA_ROW.match(line := _lines(sheet, [n])[0]) and line]
            if rest:
                builder.plan.sections.append(Section(title=f"Above the table on “{sheet.title}”",
                                                     body="\n".join(rest)))
        return title

    @staticmethod
    def _sheet(builder: TrackerBuilder, sheet: TrackerSheet, choice: TableChoice) -> None:
        described = ", ".join(_describe(c, builder) for c in choice.columns if c.title or c.key)
        last = choice.header_at + choice.header_rows - 1
        rows = f"rows {choice.header_at}–{last} (dates on the second)" if last > choice.header_at else \
            f"row {choice.header_at}"
        builder.report.mappings.append(f"sheet “{sheet.title}”, header on {rows}: {described}"
                                       + (" (as you chose)" if choice.chosen else ""))
        for column in choice.columns:
            if column.why:
                builder.report.guesses.append(f"Sheet “{sheet.title}”, column “{column.title or '(no title)'}”: "
                                              f"{column.why}, so it was read as {_describe(column, builder, True)}.")
            if column.hidden and column.key != "ignore":
                builder.report.notes.append(f"Sheet “{sheet.title}”: the column “{column.title}” is hidden in the "
                                            "workbook; it was read all the same (set it to Ignore if not wanted).")
        header = [text_of(v) for v in sheet.rows.get(choice.header_at, {}).values()]
        for number in sorted(sheet.rows):
            cells = sheet.rows[number]
            texts = [text_of(v) for v in cells.values() if text_of(v)]
            if number < choice.header_at and len(texts) == 1 and AREA_ROW.match(texts[0]):
                builder.area_name = texts[0]  # "Area 2: …" above the header names the sheet's area
            elif number > last and [text_of(v) for v in cells.values()] != header:
                builder.row(number, cells, sheet.fills.get(number, {}))
        builder.end_sheet()

    @staticmethod
    def _finish(builder: TrackerBuilder, mapping: ImportMapping,
                found: list[tuple[TrackerSheet, TableChoice]]) -> PlanImport:
        plan, report = builder.plan, builder.report
        _apply_refs(plan, builder.refs)
        resolve_notes(plan, builder.notes, report.guesses, "Notes from the tracker")
        settle_terms(plan, builder.terms)
        plan.reviews = plan.reviews_by_date()
        if builder.used_ids:
            kept = len(builder.used_ids)
            report.layouts.append(f"a workbook written by sendplan: {plural_count(kept, 'actions')} "
                                  f"{'keeps its id' if kept == 1 else 'keep their ids'}, so returns and documents "
                                  "made from the original plan still match")
        if found:
            areas = "an Area column" if any("area" in c.keys() for _, c in found) else "area rows"
            dated = sum(1 for _, c in found for column in c.columns if column.key == "rag" and column.review)
            report.layouts.append(f"a tracker with areas from {areas}, references kept as written "
                                  f"(numbering {plan.numbering}), {dated} dated RAG columns")
        report.guesses[:] = list(dict.fromkeys(report.guesses))  # one guess made for many rows
        actions = [a for _, _, a in plan.iter_actions()]
        report.counts = {"Areas": len(plan.areas), "Objectives": plan.objective_count(),
                         "Actions": len(actions), "Progress updates": sum(len(a.progress) for a in actions),
                         "Reviews": len(plan.reviews)}
        return PlanImport(plan, report, mapping)


def _describe(column: object, builder: TrackerBuilder, short: bool = False) -> str:
    from sendplan.exporters.excel.read.columns import review_day

    key, review, title = column.key, column.review, column.title  # type: ignore[attr-defined]
    day = review_day(review) if review else None
    if key in ("rag", "progress") and review:
        what = "RAG" if key == "rag" else "progress"
        read = f"{what} at the review of {day:%d/%m/%Y}" if day else f"{what} at the review “{review}”"
    else:
        read = {"": "kept as extra text", "id": "sendplan id", "ignore": "ignored"}.get(key) or ROLES.get(key, key)
    return read if short else f"“{' '.join(title.split()) or '(no title)'}” → {read}"


def prepare_tracker(path: str | Path) -> TrackerSource:
    """Open a tracker for import (checked and read once). Raises OfficeFileError with a clear message."""
    path = Path(path)
    return TrackerSource(path, read_tracker_rows(path), adjustable=True)


def import_tracker(path: str | Path, mapping: ImportMapping | None = None,
                   remembered: RememberedMappings | None = None) -> PlanImport:
    """Read a tracker (.xlsx or .csv) into a new plan (not saved), following ``mapping`` where it says how a
    sheet is read. Raises OfficeFileError with a clear message, also when no sheet has a header."""
    result = prepare_tracker(path).read(mapping, remembered)
    if result.report.refusal:
        raise OfficeFileError(result.report.refusal)
    return result

"""Import the council's own Excel tracker (.xlsx or .csv) into a new plan, losing nothing.

The header row is found below any title rows and its columns recognised by meaning
(:mod:`sendplan.exporters.excel.read.columns`). Areas come from an area column (written only on each
area's first row) or from rows holding a single cell (merged area rows); references are kept as
written; each "RAG Sept 25" column becomes a review dated at the month's end, with ratings from
words, letters or the cell's fill; the progress column belongs to the latest review; unknown
columns are kept as extra text. A workbook written by sendplan keeps its actions' ids.
"""

from __future__ import annotations

import colorsys
import re
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sendplan.exporters.excel.read.columns import HEADER_SEARCH, Column, dated_columns, find_header
from sendplan.exporters.excel.read.rows import read_tracker_rows
from sendplan.exporters.office import ImportReport, OfficeFileError, PlanImport

from sendplan.colours import rgb
from sendplan.dates import DueValue, parse_due_lenient
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    Objective,
    Plan,
    ProgressUpdate,
    Review,
    Section,
    new_plan,
    optional_rag_levels,
)
from sendplan.ratings import rating_key_for
from sendplan.refs import AREA_LETTER, FREE, LETTER, PAREN, assign_missing_refs

_AREA_LABEL = re.compile(r"^\s*(?:area(?:s)?(?: for (?:improvement|development))?|priority|weakness|theme)?\s*"
                         r"(\d+)\s*[:.)\-–]\s*(.+)$", re.IGNORECASE | re.DOTALL)
_AREA_ROW = re.compile(r"^\s*(area|priority|weakness|theme)\b", re.IGNORECASE)
_REF = re.compile(r"^\s*\(?\d+[\w.()\s]{0,10}$")
_OBJECTIVE_REF = re.compile(r"^(\d+\.\d+)(?=\s*\(?[a-z]\b|[a-z]\b|\.\d)", re.IGNORECASE)
_STYLES = ((PAREN, re.compile(r"\d+\.\d+ \([a-z]+\)")), (LETTER, re.compile(r"\d+\.\d+[a-z]+")),
           (AREA_LETTER, re.compile(r"\d+[a-z]+")))
_SAMPLE = 200  # rows looked at to tell a date-titled column's ratings from its progress
_LETTER_FORMS = {"b": "blue", "c": "blue", "complete": "blue", "completed": "blue", "ns": "not_started"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _TrackerImporter:
    def __init__(self, name: str, plan_title: str, columns: list[Column], ids: list[str]) -> None:
        self.plan = new_plan(plan_title)
        self.report = ImportReport(Path(name))
        self.ids = ids
        self.used_ids: set[str] = set()
        self.last: Action | None = None
        self.refs: dict[str, str] = {}  # entity id → reference as written
        self.import_review: Review | None = None
        self.sheet(columns)

    def sheet(self, columns: list[Column]) -> None:
        """Start reading a sheet with these columns. ``area_name`` (set by the caller) names the area the
        sheet's first actions go to when it starts none of its own (one sheet an area)."""
        self.columns = columns
        self.area: Area | None = None
        self.area_written = ""
        self.area_name = ""
        self.objective: Objective | None = None
        self.reviews: dict[int, Review] = {}
        dated = sorted((c for c in columns if c.day), key=lambda c: c.day)  # type: ignore[arg-type, return-value]
        for column in dated:  # every review a column is dated by, oldest first
            self.reviews[column.index] = self._review(column.review, column.day)  # type: ignore[arg-type]
        self.plan.reviews.sort(key=lambda review: review.day)
        self.latest = self.plan.latest_review()

    def _review(self, written: str, day: date) -> Review:
        existing = next((r for r in self.plan.reviews if r.day == day), None)
        if existing:
            return existing
        review = Review(label=f"{day:%B %Y} review", short_label=written, day=day)
        self.plan.reviews.append(review)
        return review

    def _rating_review(self) -> Review:
        if self.latest is not None:
            return self.latest
        if self.import_review is None:
            self.import_review = Review(label="Rating at import", short_label="Import", day=date.today())
            self.plan.reviews.append(self.import_review)
        return self.import_review

    # -- rows ---------------------------------------------------------------------------------------

    def row(self, number: int, cells: dict[int, Any], fills: dict[int, str]) -> None:
        filled = {c: v for c, v in cells.items() if _text(v)}
        by_key = {c.key: c for c in self.columns if c.key}
        keys = {c.index: c.key for c in self.columns}
        if len(filled) == 1:  # a merged (or single-cell) area row
            only, value = next(iter(filled.items()))
            key, written = keys.get(only, ""), _text(value)
            first = only == min(c.index for c in self.columns)  # merged rows keep their text in the first cell
            if _AREA_ROW.match(written) or key == "area" or (first and key in ("", "action_no")
                                                             and not _REF.match(written)):
                self._new_area(written)
                return
        area_column = by_key.get("area")
        if area_column and _text(cells.get(area_column.index)):
            text = _text(cells.get(area_column.index))
            if self.area is None or text != self.area_written:
                self._new_area(text)
        action_column = by_key.get("action")
        text = _text(cells.get(action_column.index)) if action_column else ""
        is_action = bool(text) or any(_text(cells.get(c.index)) or fills.get(c.index) for c in self.columns
                                      if c.key in ("owner", "due", "rag"))
        ref = _text(cells.get(by_key["action_no"].index)) if "action_no" in by_key else ""
        objective_column = by_key.get("objective")
        objective_text = _text(cells.get(objective_column.index)) if objective_column else ""
        objective_ref = match[1] if (match := _OBJECTIVE_REF.match(ref)) else ""
        if not is_action and not objective_text:
            self._unplaced(number, "; ".join(_text(v) for v in filled.values()))
            return
        if self.area is None:
            self._new_area(self.area_name)
            if not self.area_name:
                self.report.notes.append("The first actions came before any area; a new area was started for them.")
        current = self.objective
        if (current is None or (objective_text and objective_text != current.text)
                or (objective_ref and objective_ref != self.refs.get(current.id, objective_ref))):
            self.objective = Objective(text=objective_text)
            self.area.objectives.append(self.objective)  # type: ignore[union-attr]
            if objective_ref or (objective_text and not is_action and ref):
                self.refs[self.objective.id] = objective_ref or ref  # an objective's own row gives its ref
        if not is_action:
            return
        action = Action(id=self._id(cells), text=text)
        if ref:
            self.refs[action.id] = ref
        for column in self.columns:
            self._fill(action, column, cells.get(column.index), fills.get(column.index, ""), number)
        earlier = next((cells.get(c.index) for c in self.columns if c.key == "earlier_due"), None)
        if _text(earlier) and action.due.current is not None:
            values = [_due_value(v) for v in re.split(r"[,;\n]", _text(earlier)) if v.strip()]
            revisions = tuple(DateRevision(v, "Earlier date shown in the tracker") for v in values[1:])
            action.due = DueDate(values[0], (*revisions, DateRevision(action.due.current,
                                                                      "Date revised in the tracker")))
        self.objective.actions.append(action)  # type: ignore[union-attr]  # made above for every action
        self.last = action

    def _unplaced(self, number: int, text: str) -> None:
        """Text on a row that is neither an area, an objective nor an action: kept where it can be seen."""
        if not text:
            return
        self.report.unplaced.append(f"from row {number}: {text[:120]}")
        if self.last is not None:
            self.last.notes = f"{self.last.notes}\nUnplaced text (row {number}): {text}".strip()
        else:
            self.plan.sections.append(Section(title="Unplaced text", body=text))

    def _new_area(self, written: str) -> None:
        match = _AREA_LABEL.match(written)
        self.area = Area(wording=(match[2] if match else written).strip())
        if match:
            self.refs[self.area.id] = match[1]
        self.area_written = written
        self.plan.areas.append(self.area)
        self.objective = None

    def _id(self, cells: dict[int, Any]) -> str:
        column = next((c for c in self.columns if c.key == "id"), None)
        value = _text(cells.get(column.index)) if column else ""
        if value in self.ids and value not in self.used_ids:
            self.used_ids.add(value)
            return value
        return str(uuid.uuid4())

    def _fill(self, action: Action, column: Column, value: Any, fill: str, number: int) -> None:
        text = _text(value)
        key = column.key
        if key in ("action", "action_no", "objective", "area", "id", "earlier_due"):
            return
        if key == "owner":
            action.owner = text
        elif key == "outcomes":
            action.outcomes = text
        elif key == "kpis":
            action.kpis = text
        elif key == "notes" and text:
            action.notes = f"{action.notes}\n{column.title.strip()}: {text}".strip()
        elif key == "evidence" and text:
            action.evidence = tuple(line for line in text.split("\n") if line.strip())
        elif key == "due" and text:
            action.due = DueDate(_due_value(value))
        elif key == "rag":
            review = self.reviews.get(column.index)
            if review is None:  # an undated RAG column: the current rating, unless a dated one gave it
                review = self._rating_review()
                if review.id in action.ratings:
                    return
            self._rate(action, review, text, fill, number, column.title)
        elif key == "progress" and text:
            review = self._progress_review(column)
            action.progress.append(ProgressUpdate(text=text, review_id=review.id, added=review.day))
        elif text:
            action.extra[" ".join(column.title.split()) or "Extra"] = text

    def _progress_review(self, column: Column) -> Review:
        return self.reviews.get(column.index) or self._rating_review()

    def _rate(self, action: Action, review: Review, text: str, fill: str, number: int, title: str) -> None:
        key = self._rating_word(text) if text else ""
        if not key and fill:
            key = _fill_rating(fill)
            blue = next((lv for lv in optional_rag_levels() if lv.key == "blue"), None)
            if key == "blue" and blue is not None and self.plan.rag_level("blue") is None:
                self.plan.rag_scale.append(blue)  # a blue fill is complete, not the nearest of red, amber and green
        if key:
            action.ratings[review.id] = key
        elif text:
            self.report.notes.append(f"Row {number}, {title}: “{text}” is not a rating; kept in the notes.")
            action.notes = f"{action.notes}\n{title}: {text}".strip()

    def _rating_word(self, text: str) -> str:
        word = text.strip().lower()
        key = rating_key_for(self.plan, word) or rating_key_for(self.plan, re.split(r"[/\s\-–]", word)[0])
        if key:
            return key
        wanted = _LETTER_FORMS.get(word) or next((lv.key for lv in optional_rag_levels() if lv.name.lower() == word),
                                                 "")
        extra = next((lv for lv in optional_rag_levels() if lv.key == wanted), None)
        if extra is None:
            return ""
        if self.plan.rag_level(extra.key) is None:
            self.plan.rag_scale.append(extra)
        return extra.key

    def finish(self) -> PlanImport:
        _apply_refs(self.plan, self.refs)
        if self.used_ids:
            self.report.layouts.append(f"a workbook written by sendplan: {len(self.used_ids)} actions keep their "
                                       "ids, so returns and documents made from the original plan still match")
        areas = "an Area column" if any(c.key == "area" for c in self.columns) else "area rows"
        dated = sum(1 for c in self.columns if c.key == "rag" and c.day)
        self.report.layouts.append(f"a tracker with areas from {areas}, references kept as written "
                                   f"(numbering {self.plan.numbering}), {dated} dated RAG columns")
        actions = [a for _, _, a in self.plan.iter_actions()]
        self.report.counts = {"Areas": len(self.plan.areas),
                              "Objectives": sum(len(a.objectives) for a in self.plan.areas),
                              "Actions": len(actions), "Progress updates": sum(len(a.progress) for a in actions),
                              "Reviews": len(self.plan.reviews)}
        return PlanImport(self.plan, self.report)


def _due_value(value: Any) -> DueValue:
    """A real Excel date becomes a date; words ("Spring 2026", "Monthly") are kept as written."""
    if isinstance(value, datetime):
        return DueValue(day=value.date())
    if isinstance(value, date):
        return DueValue(day=value)
    return parse_due_lenient(_text(value))


_HUE_BANDS = ((15, "red"), (70, "amber"), (170, "green"), (260, "blue"), (330, ""), (361, "red"))


def _fill_rating(fill: str) -> str:
    """The rating a cell's fill colour shows, told by its hue as a person would name it: red, amber
    (orange to yellow, 15–70°), green (olive to teal, 70–170°) or a strong blue; "" for white, grey, black,
    purple or pale blue. Excel's pale conditional-formatting fills (light red, yellow, green) count."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in rgb(fill)))
    if saturation < 0.12 or value < 0.3:
        return ""
    key = next(key for limit, key in _HUE_BANDS if hue * 360 < limit)
    return "" if key == "blue" and saturation < 0.35 else key  # pale blue is a banded row's shading, not "complete"


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


def _title(rows: dict[int, dict[int, Any]], header: int) -> str:
    """The first title row above the header (a row with one cell of text, not naming an area), if any."""
    for number in sorted(rows):
        texts = [_text(v) for v in rows[number].values() if _text(v)]
        if number < header and len(texts) == 1 and not _AREA_ROW.match(texts[0]):
            return texts[0]
    return ""


def import_tracker(path: str | Path) -> PlanImport:
    """Read a tracker (.xlsx or .csv) into a new plan (not saved). Raises OfficeFileError with a clear message.

    Every sheet with a recognised header is read (a tracker kept one sheet an area), in order; a title row
    above a sheet's header that names an area ("Area 2: …") starts it, else the sheet's name does. A
    workbook sendplan wrote has one such sheet.
    """
    path = Path(path)
    data = read_tracker_rows(path)
    found = []
    for sheet in data.sheets:
        texts = {n: {c: _text(v) for c, v in sheet.rows[n].items()} for n in sorted(sheet.rows)[:HEADER_SEARCH]}
        header = find_header(texts, own_ids=bool(data.ids))
        if header is not None:
            sample = {n: {c: _text(v) for c, v in sheet.rows[n].items()} for n in sorted(sheet.rows)[:_SAMPLE]}
            columns, sub_row = dated_columns(sample, header[0], header[1])
            found.append((sheet, header[0], columns, sub_row))
    if data.ids:
        found = found[:1]
    if not found:
        raise OfficeFileError(f"No sheet of “{path.name}” has a header row sendplan recognises (it looks in the "
                              "first rows of each sheet for titles such as Action, Ref, Lead, Target date and RAG).")
    first, first_header, first_columns, _ = found[0]
    importer = _TrackerImporter(path.name, data.title or _title(first.rows, first_header) or path.stem,
                                first_columns, data.ids)
    importer.report.notes += data.notes
    for sheet, header, columns, sub_row in found:
        if sheet is not first:
            importer.sheet(columns)
        if len(found) > 1:
            importer.area_name = sheet.title
        described = ", ".join(f"“{' '.join(c.title.split())}” → {_describe(c)}" for c in columns)
        rows = f"rows {header}–{sub_row} (dates on the second)" if sub_row else f"row {header}"
        importer.report.mappings.append(f"sheet “{sheet.title}”, header on {rows}: {described}")
        titles = [_text(t) for t in sheet.rows[header].values()]
        for number in sorted(sheet.rows):
            cells = sheet.rows[number]
            texts = [_text(v) for v in cells.values() if _text(v)]
            if number < header and len(texts) == 1 and _AREA_ROW.match(texts[0]):
                importer.area_name = texts[0]  # "Area 2: …" above the header names the sheet's area
            elif number > header and number != sub_row and [_text(v) for v in cells.values()] != titles:
                importer.row(number, cells, sheet.fills.get(number, {}))
    if len(found) > 1:
        names = ", ".join(f"“{sheet.title}”" for sheet, _, _, _ in found)
        importer.report.notes.append(f"Actions were read from {len(found)} sheets ({names}): if one of them only "
                                     "repeats the others (a summary), delete its areas in the plan.")
    return importer.finish()


def _describe(column: Column) -> str:
    if column.key == "rag" and column.day:
        return f"RAG at the review of {column.day:%d/%m/%Y}"
    if column.key == "progress" and column.day:
        return f"progress at the review of {column.day:%d/%m/%Y}"
    return {"": "kept as extra text", "id": "sendplan id"}.get(column.key, column.key)

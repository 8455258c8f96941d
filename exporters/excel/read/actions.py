"""Build a plan from a tracker's rows, one sheet at a time, as each sheet's :class:`TableChoice` says.

Areas come from an area column (written only on each area's first row) or from rows holding a single
cell (merged area rows, "Priority 2: …"); a single-cell "Note: …" row is a note on the action it names.
References are kept as written; each review column rates at its review (a month at its end, a quarter
at its last day, anything else undated under its own name), with ratings from words, letters or the
cell's fill (conditional formatting included); one cell holding several reviews' updates ("Dec 25 – …
/ Sep 25 – …") is split between them; unknown columns are kept as extra text; "Start date" and "Date
achieved" are kept, never taken for the deadline. A workbook written by sendplan keeps its actions' ids.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sendplan.exporters.excel.read.columns import review_day, text_of
from sendplan.exporters.office import (
    ImportReport,
    RowChoice,
    TableChoice,
    area_heading,
    clip,
    dated_parts,
    fill_rating,
    import_review,
    month_label,
    note_text,
    plural_count,
    rating_of,
    row_key,
)

from sendplan.dates import DueValue, parse_due_lenient, parse_quarter
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    Objective,
    ProgressUpdate,
    Review,
    Section,
    new_plan,
    optional_rag_levels,
)
from sendplan.ratings import rating_key_for

_AREA_LABEL = re.compile(r"^\s*(?:area(?:s)?(?: for (?:improvement|development))?|priority|weakness|theme)?\s*"
                         r"(\d+)\s*[:.)\-–]\s*(.+)$", re.IGNORECASE | re.DOTALL)
AREA_ROW = re.compile(r"^\s*(area|priority|weakness|theme|recommendation|work\s?stream)\b", re.IGNORECASE)
_REF = re.compile(r"^\s*\(?\d+[\w.()\s]{0,10}$")
_OBJECTIVE_REF = re.compile(r"^(\d+\.\d+)(?=\s*\(?[a-z]\b|[a-z]\b|\.\d)", re.IGNORECASE)
_LETTER_FORMS = {"b": "blue", "c": "blue", "complete": "blue", "completed": "blue", "ns": "not_started"}
_KEPT = ("start", "achieved", "")  # kept on the action as text under the column's title


def cell_due(value: Any) -> DueValue:
    """A real Excel date becomes a date; words ("Spring 2026", "Monthly") are kept as written."""
    if isinstance(value, datetime):
        return DueValue(day=value.date())
    if isinstance(value, date):
        return DueValue(day=value)
    return parse_due_lenient(text_of(value))


class TrackerBuilder:
    """The plan being built from a tracker's sheets, and where the reading is."""

    def __init__(self, name: str, plan_title: str, ids: list[str]) -> None:
        self.plan = new_plan(plan_title)
        self.plan.status = ""  # a tracker gives a version at most: an imported plan is not made a draft
        self.report = ImportReport(Path(name))
        self.ids = ids
        self.used_ids: set[str] = set()
        self.last: Action | None = None
        self.refs: dict[str, str] = {}  # entity id → reference as written
        self.import_review: Review | None = None
        self.months: dict[str, set[tuple[int, int]]] = {}  # review id → the months it covers
        self.terms: Counter[str] = Counter()
        self.notes: list[tuple[str, str, Area | None]] = []
        self.area_name = ""

    def sheet(self, choice: TableChoice) -> None:
        """Start reading a sheet as ``choice`` says. ``area_name`` (set by the caller) names the area the
        sheet's first actions go to when it starts none of its own (one sheet an area)."""
        self.choice = choice
        self.keys = {index: column.key for index, column in enumerate(choice.columns, start=1)}
        self.titles = {index: " ".join(column.title.split()) for index, column in enumerate(choice.columns, start=1)}
        self.first = min(self.keys, default=1)
        self.area: Area | None = None
        self.area_written = ""
        self.area_name = ""
        self.objective: Objective | None = None
        self.unused: dict[int, int] = {}
        self.coloured: dict[str, list[str]] = {}  # column → what its cells say where their colour gave the rating
        self.reviews: dict[int, Review] = {}
        labelled = [(i, c.review) for i, c in enumerate(choice.columns, start=1) if c.key in ("rag", "progress")
                    and c.review]
        for index, label in sorted(labelled, key=lambda item: review_day(item[1]) or date.max):
            self.reviews[index] = self.review_for(label)
        self.plan.reviews = self.plan.reviews_by_date()
        self.latest = self.plan.latest_review()

    def review_for(self, label: str) -> Review:
        """The review a label names, made if new: by date (a month at its end, a quarter at its last day),
        else by name, undated."""
        flat = " ".join(label.split())
        day = review_day(flat)
        quarter = parse_quarter(flat)
        for review in self.plan.reviews:
            if (day is not None and review.day == day) or flat.lower() in (review.label.lower(),
                                                                           review.short_label.lower()):
                return review
        if day is None:
            review = Review(label=flat, short_label=flat)
            self.report.guesses.append(f"The review “{flat}” has no date in the tracker; it was left undated (give "
                                       "it one on the Reviews page).")
        elif quarter is not None:
            review = Review(label=f"{flat} review", short_label=flat, day=day)
            first = quarter[0]
            self.months[review.id] = {(first.year, first.month + n) for n in range(3)}
            year = "financial" if quarter[2] else "calendar"
            self.report.guesses.append(f"“{flat}” was taken as a review on {day:%d/%m/%Y}, the end of that "
                                       f"{year} year's quarter.")
        else:
            review = Review(label=f"{day:%B %Y} review", short_label=month_label(day), day=day)
            self.months[review.id] = {(day.year, day.month)}
        self.plan.reviews.append(review)
        return review

    def _rating_review(self) -> Review:
        if self.latest is not None:
            return self.latest
        if self.import_review is None:
            self.import_review = import_review(self.plan.plan_date)
            self.plan.reviews.append(self.import_review)
        return self.import_review

    # -- rows ---------------------------------------------------------------------------------------

    def row(self, number: int, cells: dict[int, Any], fills: dict[int, str]) -> None:
        texted = {c: text_of(cells[c]) for c in sorted(cells)}  # each cell's text, worked out once
        texts = list(texted.values())
        filled = {c: t for c, t in texted.items() if t}
        key = row_key(texts)
        kind = self.choice.rows.get(key) or self._row_kind(filled)
        self.choice.listed.append(RowChoice(key, clip(" | ".join(t for t in texts if t), 100), kind))
        text = "\n".join(filled.values())
        if kind == "ignore":
            self.report.unused.append((f"{self.choice.where}, row {number}, set to Ignore", len(filled)))
        elif kind == "note":
            self.notes.append((note_text(text) or text, f"{self.choice.where}, row {number}", self.area))
        elif kind == "area":
            self._new_area(text)
        elif kind == "objective":
            ref = next((filled[c] for c, k in self.keys.items() if k == "action_no" and c in filled), "")
            self._start_area()
            self.objective = Objective(text="\n".join(t for c, t in filled.items() if t != ref))
            self.area.objectives.append(self.objective)  # type: ignore[union-attr]
            if ref:
                self.refs[self.objective.id] = ref
        else:
            self._action_row(number, cells, fills, filled)

    def _row_kind(self, filled: dict[int, str]) -> str:
        if len(filled) != 1:
            return "action"
        only, written = next(iter(filled.items()))
        if note_text(written):
            return "note"
        key = self.keys.get(only, "")
        if AREA_ROW.match(written) or key == "area" or (only == self.first and key in ("", "action_no")
                                                         and not _REF.match(written)):
            return "area"  # a merged (or single-cell) area row: merged rows keep their text in the first cell
        return "action"

    def _action_row(self, number: int, cells: dict[int, Any], fills: dict[int, str], filled: dict[int, str]) -> None:
        by_key = {k: c for c, k in sorted(self.keys.items(), reverse=True) if k}
        area_column = by_key.get("area")
        if area_column and filled.get(area_column):
            if self.area is None or filled[area_column] != self.area_written:
                self._new_area(filled[area_column])
        text = filled.get(by_key["action"], "") if "action" in by_key else ""
        is_action = bool(text) or any(filled.get(c) or fills.get(c) for c, k in self.keys.items()
                                      if k in ("owner", "due", "rag"))
        ref = filled.get(by_key["action_no"], "") if "action_no" in by_key else ""
        objective_text = filled.get(by_key["objective"], "") if "objective" in by_key else ""
        objective_ref = match[1] if (match := _OBJECTIVE_REF.match(ref)) else ""
        if not is_action and not objective_text:
            self._unplaced(number, "; ".join(t for c, t in filled.items() if self.keys.get(c) != "ignore"))
            return
        self._start_area()
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
        revised: list[DueValue] = []
        earlier: list[DueValue] = []
        for index, key in self.keys.items():
            value, text = cells.get(index), filled.get(index, "")
            if key == "revised" and text:
                revised.append(cell_due(value))
            elif key == "earlier_due" and text:
                earlier += [cell_due(v) for v in re.split(r"[,;\n]", text) if v.strip()]
            elif key == "ignore":
                self.unused[index] = self.unused.get(index, 0) + bool(text)
            elif text or (key == "rag" and fills.get(index)):
                self._fill(action, index, key, value, text, fills.get(index, ""), number)
        self._dates(action, earlier, revised)
        self.objective.actions.append(action)  # type: ignore[union-attr]  # made above for every action
        self.last = action

    @staticmethod
    def _dates(action: Action, earlier: list[DueValue], revised: list[DueValue]) -> None:
        """Earlier dates before the deadline (they are the deadline when the tracker has no other), a revised
        date after it, each change with the reason the tracker gives."""
        current = action.due.current
        values = earlier + ([current] if current is not None else [])
        if values:
            last = len(values) - 1
            action.due = DueDate(values[0], tuple(
                DateRevision(v, "Date revised in the tracker" if n == last else "Earlier date shown in the tracker")
                for n, v in enumerate(values[1:], start=1)))
        for value in revised:
            action.due = action.due.revised(value, "Revised date shown in the tracker", None)

    def _start_area(self) -> None:
        if self.area is None:
            self._new_area(self.area_name)
            if not self.area_name:
                self.report.notes.append("The first actions came before any area; a new area was started for them.")

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
        heading = area_heading(written)
        match = _AREA_LABEL.match(written)
        if heading is not None and heading.ref:
            self.terms[heading.term] += 1
            wording, ref = heading.wording or written, heading.ref
        else:
            wording, ref = (match[2] if match else written), (match[1] if match else "")
        self.area = Area(wording=wording.strip(), term=heading.term if heading is not None and heading.ref else "")
        if ref:
            self.refs[self.area.id] = ref
        self.area_written = written
        self.plan.areas.append(self.area)
        self.objective = None

    def _id(self, cells: dict[int, Any]) -> str:
        index = next((i for i, k in self.keys.items() if k == "id"), None)
        value = text_of(cells.get(index)) if index else ""
        if value in self.ids and value not in self.used_ids:
            self.used_ids.add(value)
            return value
        return str(uuid.uuid4())

    # -- cells --------------------------------------------------------------------------------------

    def _fill(self, action: Action, index: int, key: str, value: Any, text: str, fill: str, number: int) -> None:
        title = self.titles[index]
        if key in ("action", "action_no", "objective", "area", "id"):
            return
        if key in ("owner", "outcomes", "kpis"):
            setattr(action, key, text)
        elif key == "notes" and text:
            action.notes = f"{action.notes}\n{title}: {text}".strip()
        elif key == "evidence" and text:
            action.evidence = tuple(line for line in text.split("\n") if line.strip())
        elif key == "due" and text:
            action.due = DueDate(cell_due(value))
        elif key == "rag":
            review = self.reviews.get(index)
            if review is None:  # an undated RAG column: the current rating, unless a dated one gave it
                review = self._rating_review()
                if review.id in action.ratings:
                    return
            self._rate(action, review, text, fill, number, title)
        elif key == "progress" and text:
            self._progress(action, index, text)
        elif key in _KEPT and text:
            action.extra[title or f"Column {index}"] = text

    def _progress(self, action: Action, index: int, text: str) -> None:
        """The cell's updates, each under the review its label names ("Sep 25 – …"), else the column's."""
        column_review = self.reviews.get(index) or self._rating_review()
        for label, part in dated_parts(text):
            review = self._labelled(label) if label else column_review
            action.progress.append(ProgressUpdate(text=part, review_id=review.id, added=review.day))

    def _labelled(self, label: str) -> Review:
        """The review a dated label falls in (the quarter holding "Sep 25"), else one made for its month."""
        day = review_day(label)
        if day is not None:
            for review in self.plan.reviews:
                if (day.year, day.month) in self.months.get(review.id, set()):
                    return review
        found = self.review_for(label)
        if found.day is not None and day is not None and review_day(label) and not parse_quarter(label):
            self.report.guesses.append(f"The update labelled “{label}” was filed under “{found.label}”.")
        return found

    def _rate(self, action: Action, review: Review, text: str, fill: str, number: int, title: str) -> None:
        key = self._rating_word(text) if text else ""
        coloured = False
        if not key and fill:
            key = fill_rating(fill)
            coloured = bool(key and text)
            blue = next((lv for lv in optional_rag_levels() if lv.key == "blue"), None)
            if key == "blue" and blue is not None and self.plan.rag_level("blue") is None:
                self.plan.rag_scale.append(blue)  # a blue fill is complete, not the nearest of red, amber and green
        if key:
            action.ratings[review.id] = key
            level = self.plan.rag_level(key)
            if coloured:
                self.coloured.setdefault(title, []).append(text)
            elif text and level is not None and not rating_key_for(self.plan, text):
                self.report.guesses.append(f"“{text}” in “{title}” was read as {level.name}.")
        elif text:
            self.report.notes.append(f"Row {number}, {title}: “{text}” is not a rating; kept in the notes.")
            action.notes = f"{action.notes}\n{title}: {text}".strip()

    def _rating_word(self, text: str) -> str:
        word = text.strip().lower()
        key = rating_key_for(self.plan, word) or rating_key_for(self.plan, re.split(r"[/\s\-–]", word)[0])
        if key:
            return key
        wanted = _LETTER_FORMS.get(word) or rating_of(word) or next(
            (lv.key for lv in optional_rag_levels() if lv.name.lower() == word), "")
        if wanted in ("red", "amber", "green"):
            return wanted
        extra = next((lv for lv in optional_rag_levels() if lv.key == wanted), None)
        if extra is None:
            return ""
        if self.plan.rag_level(extra.key) is None:
            self.plan.rag_scale.append(extra)
        return extra.key

    def end_sheet(self) -> None:
        for title, texts in self.coloured.items():
            said = ", ".join(f"“{t}”" for t in sorted(set(texts))[:5])
            where = self.choice.where[:1].upper() + self.choice.where[1:]
            cells = plural_count(len(texts), "cells")
            self.report.guesses.append(f"{where}, column “{title}”: its cells say {said}, which are not "
                                       f"ratings; each rating was read from the cell's colour ({cells}).")
        for index, count in self.unused.items():
            if count:
                self.report.unused.append((f"{self.choice.where}, column “{self.titles[index] or index}”, set to "
                                           "Ignore", count))

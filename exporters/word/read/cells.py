"""What one cell of an action table says about its action: the deadline (with earlier and revised dates
and their reasons), the rating at the review its column names (from words, letters, pairs or shading),
and progress, each update filed under its review (by its label, its colour, a label heading the
updates below it, or the column)."""

from __future__ import annotations

import re
from dataclasses import replace

from sendplan.exporters.office import dated_parts, normalise_title
from sendplan.exporters.word.read.body import Cell, Para
from sendplan.exporters.word.read.reviews import label_only, split_inline_labels
from sendplan.exporters.word.read.state import ImportState, clip
from sendplan.exporters.word.read.support import due_lines

from sendplan.colours import rgb
from sendplan.dates import DueValue, parse_due
from sendplan.model import Action, DateRevision, DueDate, ProgressUpdate, Review, optional_rag_levels
from sendplan.ratings import rating_key_for

_RATING_ALIASES = {"g": "green", "a": "amber", "r": "red", "b": "blue", "complete": "blue", "completed": "blue",
                   "done": "blue", "achieved": "blue", "on track": "green", "off track": "red", "at risk": "amber"}
_YEARS = re.compile(r"\d{4}(/\d{2,4})?")
REVISED_REASON = "Revised date shown in the imported document"


def due_of(block: list[Para], revised: list[str] = ()) -> DueDate:  # type: ignore[assignment]
    """Dates stacked (struck-through or "was …" first) become revisions with their reasons; a revised-date
    column's value comes last; wording stays as written."""
    lines = due_lines(block) + [(text, "", False) for text in revised if text]
    values = []
    for text, reason, _ in lines:
        try:
            value = parse_due(text)
        except ValueError:
            value = None
        if value is None or not value.is_date:
            value = DueValue(precision="text", text=text)
        values.append((value, reason))
    if not values:
        return DueDate()
    return DueDate(values[0][0], tuple(DateRevision(v, reason or REVISED_REASON) for v, reason in values[1:]))


class CellValues:
    """The cell readers of :class:`~sendplan.exporters.word.read.tables.ActionTable` (which sets these)."""

    state: ImportState
    number: int
    titles: list[str]
    keys: list[str]
    periods: list[str]
    column_reviews: dict[int, Review]
    layout: set[str]
    rated: int
    shading_only: int
    guessed: set[str]

    def fill_field(self, action: Action, index: int, block: list[Para], cell: Cell) -> None:
        key, title = self.keys[index], self.titles[index]
        text = "\n".join(p.text for p in block)
        if key in ("owner", "outcomes", "kpis", "notes"):
            setattr(action, key, f"{getattr(action, key)}\n{text}".strip())
        elif key == "evidence":
            action.evidence = tuple(p.text for p in block)
        elif key == "due":
            action.due = due_of(block)
        elif key == "rag":
            self.rate(action, block, cell, index)
        elif text and key != "revised":
            action.extra[" ".join(title.split()) or "Extra"] = text

    # -- ratings ---------------------------------------------------------------------------------------

    def rate(self, action: Action, block: list[Para], cell: Cell, index: int) -> None:
        state = self.state
        review = self.column_reviews.get(index) or state.current_rating_review()
        earlier = [p for p in block if p.text.lower().startswith("was ")]
        block = [p for p in block if p not in earlier]
        if earlier and index not in self.column_reviews:
            self._earlier_ratings(action, review, [p.text[4:].strip() for p in earlier])
        text = " ".join(p.text for p in block).strip()
        key = self.rating_word(text) if text else ""
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
            key = self.rating_word(word)
            if key:
                action.ratings[earlier.id] = key
            else:
                self.state.unplaced(f"was {word}", "a RAG cell", action)
        if len(words) > position:
            self.state.unplaced("; ".join(f"was {w}" for w in words[position:]), "a RAG cell", action)

    def rating_word(self, text: str) -> str:
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

    # -- progress --------------------------------------------------------------------------------------

    def progress(self, action: Action, paragraphs: list[Para], index: int) -> None:
        """Each update under its review: its own label ("Sep 24: …", "Dec 25 – … / Sep 25 – …"), its colour,
        a label heading the updates below it (bold "October 2024 update"), else the column's review."""
        state = self.state
        title, period = self.titles[index], self.periods[index]
        labelled = False  # an update that began "Dec 2017:" continues over unlabelled paragraphs
        heading: Review | None = None  # the review a label-only paragraph set for the updates under it
        for para in self._pieces(paragraphs):
            if not para.text:
                continue
            label = label_only(para)
            if label:
                heading = state.reviews.for_column(label)
                labelled = False
                self.layout.add("progress under dated labels")
                continue
            review, text, has_label = state.reviews.review_for(para)
            if has_label:
                self.layout.add("progress as dated paragraphs")
                heading = None
            elif review is not None:
                self.layout.add("progress coloured by the review key")
            review = review or heading or self.column_reviews.get(index) or self.period_review(title, period)
            if period and _YEARS.fullmatch(period) and not review.period:
                review.period = period
            previous = action.progress[-1] if action.progress else None
            joins = (labelled and not has_label) or (heading is not None and not has_label)
            if joins and previous is not None and previous.review_id == review.id:
                previous.text = f"{previous.text}\n{text}"
                continue
            labelled = has_label
            action.progress.append(ProgressUpdate(text=text, review_id=review.id, added=review.day))

    @staticmethod
    def _pieces(paragraphs: list[Para]) -> list[Para]:
        """Paragraphs split where one holds several dated updates ("Jun 24: … Sep 24: …", "Dec 25 – … /
        Sep 25 – …"), each piece starting with its label."""
        pieces = []
        for whole in paragraphs:
            for part in split_inline_labels(whole):
                parts = dated_parts(part.text)
                if len(parts) == 1:
                    pieces.append(part)
                    continue
                pieces += [replace(part, text=f"{label}: {text}" if label else text) for label, text in parts if text]
        return pieces

    def period_review(self, title: str, period: str) -> Review:
        """Only when neither a label, a colour nor the column says which review: one review per column;
        a table's only, undated progress column is the same snapshot as its RAG column."""
        label = " ".join(title.split()) or "Progress"
        if not period and self.keys.count("progress") == 1:
            rated = [self.column_reviews[i] for i, key in enumerate(self.keys)
                     if key == "rag" and i in self.column_reviews]
            ordered = self.state.plan.reviews_by_date()
            review = max(rated, key=ordered.index) if rated else self.state.current_rating_review()
            which = "the latest review its RAG columns rate at" if rated else "the review its RAG column rates at"
            if review.id not in self.guessed:
                self.guessed.add(review.id)
                self.state.report.guesses.append(f"Progress in “{label}” says nothing of its review; it was filed "
                                                 f"under “{review.label}”, {which}.")
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

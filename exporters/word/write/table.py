"""The familiar action table: one table per area for improvement, one row per action.

Review pack: Action No and Objective merged down the rows of one objective, and every Actions cell
starts with the action's full reference so a continuation page is never without one; where objectives
have no number ("1a", "P1.1"), Action No shows each action's ref instead. Publication:
no merged and no empty cells (values repeat; blanks read "Not set"/"None recorded"). Both: header
row repeated on every page, RAG cells shaded and naming the rating, earlier due dates visible,
progress in one column per reporting period with each update coloured by its review and prefixed
by its label. Column widths come from the text at the real font size; rows taller than a sixth of
a page may split across pages, shorter ones stay whole; the area heading and wording keep with the
table. A column nothing in the plan fills (an imported plan without objectives or indicators) is left
out, its width going to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sendplan.exporters.word.options import RESPONSIBLE_BODY, Column, WordOptions
from sendplan.exporters.word.read.body import Cell, Para, Table, paragraph_text
from sendplan.exporters.word.write import layout as word_layout
from sendplan.exporters.word.write import wordml
from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.wordml import SOFT_HYPHEN, Span

from sendplan.colours import darken_for, normalise, text_on
from sendplan.model import Action, Area, Objective, Plan, ProgressUpdate, Review, term_of
from sendplan.ratings import NOT_RATED, RatingLook, level_look
from sendplan.summaries import area_title

HEADER_FILL = "1F3864"
MUTED = "404040"
CELL_MARGIN_TWIPS = 70
SPLIT_SHARE = 1 / 6  # rows taller than this share of the page body may split across pages (a third left too much blank)
KEEP_ROWS = 3000  # up to this many rows, the cells made to measure the columns are kept to write them
Contents = list[list[Span]]
Shown = Callable[[Table], None]


def shown_cell(paragraphs: Sequence[Sequence[Span]], continues: bool = False) -> Cell:
    """A written cell as a reader will see it (:mod:`sendplan.exporters.word.read.body`): its
    paragraphs' text without soft hyphens, which a reader drops."""
    lines = []
    for spans in paragraphs:
        text = "".join([span.text for span in spans])
        if not text.isprintable():  # breaks, tabs, soft hyphens or characters a writer cleans
            text = "".join([wordml.safe(span.text).replace(SOFT_HYPHEN, "") for span in spans])
        lines.append(paragraph_text(text))
    return Cell([Para("\n".join(lines))], continues=continues)


@dataclass(frozen=True)
class TableContext:
    """What every table of one export shares."""

    plan: Plan  # the plan as known at the review
    options: WordOptions
    review: Review | None  # the review the document is produced for
    reviews: list[Review]  # reviews up to and including it, in date order
    periods: list[str]  # reporting periods, in order, for the progress columns
    text_width_pt: float
    body_height_pt: float  # the page's height for text (less margins)
    body_pt: float
    measure: word_layout.WordMeasure  # words measured at body_pt, once each
    shown: Shown | None = None  # given each table as a reader will see it (for the embedded plan)

    @property
    def date_style(self) -> str:
        return self.options.date_style


def build_context(plan: Plan, options: WordOptions, review: Review | None, text_width_pt: float,
                  body_height_pt: float, body_pt: float, shown: Shown | None = None) -> TableContext:
    ordered = plan.reviews_by_date()
    upto = ordered[: ordered.index(review) + 1] if review in ordered else ordered
    periods: list[str] = []
    with_progress = [review] if options.progress == "latest" and review is not None else upto
    for item in with_progress:
        if item.period not in periods:
            periods.append(item.period)
    return TableContext(plan, options, review, upto, periods or [""], text_width_pt, body_height_pt, body_pt,
                        word_layout.WordMeasure(body_pt), shown)


# What each column holds, for the table's description read by screen readers
DESCRIBED = {"objective": "its objective", "rag": "RAG rating", "owner": "owner", "due": "due date",
             "outcomes": "intended outcomes", "kpis": "key performance indicators", "evidence": "evidence",
             "progress": "progress by review"}
# Columns only some plans use: left out of every table when nothing in the plan fills them (an imported
# Accelerated Progress Plan has no objectives, outcomes or indicators), their width given to the others
OPTIONAL_COLUMNS = ("action_no", "objective", "outcomes", "kpis", "evidence")


def filled_columns(plan: Plan) -> set[str]:
    """The optional columns something in ``plan`` fills."""
    filled: set[str] = set()
    for area in plan.areas:
        for objective in area.objectives:
            if objective.ref.strip():
                filled.add("action_no")
            if objective.text.strip():
                filled.add("objective")
            for action in objective.actions:
                if action.ref.strip():
                    filled.add("action_no")
                for key in ("outcomes", "kpis"):
                    if getattr(action, key).strip():
                        filled.add(key)
                if any(item.strip() for item in action.evidence):
                    filled.add("evidence")
    return filled


def expand_columns(context: TableContext) -> list[tuple[Column, str]]:
    """The columns the plan fills, with "progress" expanded into one per reporting period: (column, period)."""
    expanded: list[tuple[Column, str]] = []
    filled = filled_columns(context.plan)
    for column in context.options.columns:
        if column.key in OPTIONAL_COLUMNS and column.key not in filled:
            continue
        if column.key != "progress":
            expanded.append((column, ""))
            continue
        for period in context.periods:
            title = column.title.replace("{period}", period).strip() if period else \
                column.title.replace("{period}", "").strip() or "Progress"
            expanded.append((Column("progress", title), period))
    return expanded


@dataclass
class _Row:
    objective: Objective
    action: Action | None
    cells: list[tuple[Contents, str | None]]
    merges: list[str | None]  # per cell: None, or "restart"/"continue" for a cell merged down an objective's rows


class AreaTableWriter:
    """Writes the action tables; one instance per export. Widths are shared by every table."""

    def __init__(self, body: wordml.Body, context: TableContext) -> None:
        self.body = body
        self.context = context
        self.plan = context.plan
        self.publication = context.options.publication
        self.merge = not self.publication
        self.columns = expand_columns(context)
        self.keys = [column.key for column, _ in self.columns]
        described = [DESCRIBED[key] for key in dict.fromkeys(self.keys) if key in DESCRIBED]
        self.description = "One row per action" + (
            f" with {', '.join(described[:-1])} and {described[-1]}." if len(described) > 1
            else f" with {described[0]}." if described else ".")
        self.review_ids = {r.id for r in context.reviews}
        self.review_order = {r.id: n for n, r in enumerate(context.reviews)}
        self.colours = {r.id: darken_for(normalise(r.colour, "1F3864")) for r in context.reviews}
        reviews_by_id: dict[str, Review] = {}
        for item in self.plan.reviews:
            reviews_by_id.setdefault(item.id, item)
        # for progress: each shown review's (order, reporting period), and its label (a span shared by
        # every update of the review) and colour
        self.progress_slots = {r: (self.review_order[r], reviews_by_id[r].period) for r in self.review_ids}
        self.progress_labels: dict[str, tuple[Span | None, str | None]] = {}
        for review_id, review in reviews_by_id.items():
            label = review.short_label or review.label
            colour = self.colours.get(review_id)
            self.progress_labels[review_id] = (Span(f"{label}: ", bold=True, colour=colour) if label else None, colour)
        self.looks: dict[int, RatingLook] = {}  # each level of the scale's look, worked out once
        self.numbers = self.plan.numbers()
        # the rating at the review before, printed as "was Red" under the rating in internal documents
        shown = context.reviews
        self.previous_review = shown[-2] if not self.publication and len(shown) > 1 and shown[-1] is context.review \
            else None
        measure = context.measure
        count = sum(len(objective.actions) or 1 for area in self.plan.areas for objective in area.objectives)
        sampled = set(word_layout.sample_rows(count))
        texts = [word_layout.ColumnText() for _ in self.columns]
        samples: list[list[Contents]] = []
        self._kept: dict[str, list[_Row]] = {}
        number = 0
        for area in self.plan.areas:  # every cell measured once; kept to be written when there are few
            rows = self._rows(area)
            for row in rows:
                for text, (content, _) in zip(texts, row.cells, strict=True):
                    text.add(content, measure)
                if number in sampled:
                    samples.append([content for content, _ in row.cells])
                number += 1
            if count <= KEEP_ROWS:
                self._kept[area.id] = rows
        headers = [[[Span(column.title, bold=True)]] for column, _ in self.columns]
        margin_pt = CELL_MARGIN_TWIPS / wordml.TWIPS_PER_PT
        refs = max([text_width_pt(self.numbers[a.id], context.body_pt, True) for _, _, a in self.plan.iter_actions()]
                   + [0.0])
        floors = [refs if key in ("action_no", "action") else  # "1.1 (d)" on one line; dates and ratings whole
                  text.stats(measure)[0] if key in ("due", "rag") else 0.0
                  for key, text in zip(self.keys, texts, strict=True)]
        self.widths_pt = word_layout.column_widths(texts, headers, context.text_width_pt, context.body_pt,
                                                   margin_pt, floors, samples, measure)
        self.widths = [int(w * wordml.TWIPS_PER_PT) for w in self.widths_pt]
        self.widths[-1] += int(context.text_width_pt * wordml.TWIPS_PER_PT) - sum(self.widths)
        self.text_widths_pt = [w - 2 * margin_pt for w in self.widths_pt]
        # soft hyphens go into the words too wide for their column: only columns holding one need looking at
        self.too_wide = [word_layout.too_wide(text, room, context.text_width_pt, measure)
                         if text.stats(measure)[1] > room else frozenset()
                         for text, room in zip(texts, self.text_widths_pt, strict=True)]

    # -- cell contents --------------------------------------------------------------------------

    def _empty(self, key: str) -> Contents:
        if not self.publication:
            return []
        # "None" alone would read as a finding ("Evidence: None"); the cell only says nothing was recorded
        return [[Span("None recorded" if key in ("progress", "evidence") else "Not set", italic=True)]]

    def _text(self, value: str, key: str) -> Contents:
        if not value.strip():
            return self._empty(key)
        return [[Span(line)] for line in value.split("\n")]

    def _rag(self, action: Action) -> tuple[Contents, str | None]:
        key = self.plan.rating_at(action, self.context.review) if self.context.review else ""
        level = self.plan.rag_level(key) if key else None
        if level is None:
            return [[Span(NOT_RATED if not key else key, italic=True)]], None
        look = self.looks.get(id(level))
        if look is None:
            look = self.looks[id(level)] = level_look(level)
        fill = look.fill
        contents = [[Span(level.name, bold=True, colour=look.text)]]
        before = self.plan.rag_level(self.plan.rating_at(action, self.previous_review)) \
            if self.previous_review is not None else None
        if before is not None:
            contents.append([Span(f"was {before.name}", colour=text_on(fill))])
        return contents, fill

    def _due(self, action: Action) -> Contents:
        due = action.due
        current = due.current
        if current is None:
            return self._empty("due")
        style = self.context.date_style
        shown = [[Span(current.display(style), bold=bool(due.revisions))]]
        earlier = [value.display(style) for value in due.earlier]
        if not earlier:
            return shown
        if self.publication:
            return shown + [[Span(f"was {text}", colour=MUTED)] for text in earlier]
        # struck through as officers know it, and "was" in words: a screen reader does not announce strikethrough
        return [[Span("was ", colour=MUTED), Span(text, strike=True, colour=MUTED)] for text in earlier] + shown

    def _progress(self, action: Action, period: str) -> Contents:
        """The action's updates of reviews in ``period`` (and, in the last period, those of no review),
        in review order, each led by its review's label and in its colour."""
        slots = self.progress_slots
        updates: list[tuple[int, int, ProgressUpdate]] = []
        last = period == self.context.periods[-1]
        for position, update in enumerate(action.progress):
            slot = slots.get(update.review_id)
            if slot is not None:
                if slot[1] == period:
                    updates.append((slot[0], position, update))
            elif not update.review_id and last:
                updates.append((len(self.review_order), position, update))
        if not updates:
            return self._empty("progress")
        updates.sort()  # by review, then as stored (positions never tie)
        paragraphs = []
        for _, _, update in updates:
            label, colour = self.progress_labels.get(update.review_id, (None, None))
            spans = [label] if label is not None else []
            lines = update.text.split("\n")
            spans.append(Span(lines[0], colour=colour))
            paragraphs.append(spans)
            if len(lines) > 1:
                paragraphs.extend([[Span(line, colour=colour)] for line in lines[1:]])
        return paragraphs

    def _ref_in_number(self, objective: Objective) -> bool:
        """Whether the Action No cells of ``objective``'s rows show each action's own ref rather than the
        objective's number: in the publication, and wherever the objective has no number (the "1a" and
        "P1.1" styles, where a blank Action No would leave the ref to the Actions cell)."""
        return self.publication or not objective.ref.strip()

    def _action_text(self, action: Action, objective: Objective) -> Contents:
        """The action, led by its full reference unless the row's Action No cell shows it, then the
        columns an import kept as text ("Milestones: …", "Date achieved: …"), so none is lost from view."""
        lines = action.text.split("\n") if action.text.strip() else []
        kept = [[Span(f"{label}: ", bold=True), Span(value.strip())] for label, value in action.extra.items()
                if value.strip()]
        if self._ref_in_number(objective) and "action_no" in self.keys:
            return ([[Span(line)] for line in lines] + kept) or self._empty("action")
        ref = [Span(f"{self.numbers.get(action.id, '')} ", bold=True)]
        return [ref + [Span(lines[0] if lines else "")]] + [[Span(line)] for line in lines[1:]] + kept

    def _cell(self, key: str, period: str, objective: Objective, action: Action | None) -> tuple[Contents, str | None]:
        if key == "action_no":
            number = self.numbers[action.id] if action and self._ref_in_number(objective) \
                else self.numbers[objective.id]
            return [[Span(number, bold=True)]], None
        if key == "objective":
            return self._text(objective.text, key), None
        if action is None:
            return self._empty(key), None
        if key == "action":
            return self._action_text(action, objective), None
        if key == "rag":
            return self._rag(action)
        if key == "due":
            return self._due(action), None
        if key == "progress":
            return self._progress(action, period), None
        value = "\n".join(action.evidence) if key == "evidence" else getattr(action, key)
        return self._text(value, key), None

    def _rows(self, area: Area) -> list[_Row]:
        rows = []
        for objective in area.objectives:
            merged = [self.merge and (key == "objective" or key == "action_no" and not self._ref_in_number(objective))
                      for key in self.keys]
            for n, action in enumerate(objective.actions or [None]):  # type: ignore[list-item]
                merges = [("continue" if n else "restart") if merge else None for merge in merged]
                cells = [([], None) if how == "continue" else self._cell(key, period, objective, action)
                         for key, (_, period), how in zip(self.keys, self.columns, merges, strict=True)]
                rows.append(_Row(objective, action, cells, merges))
        return rows

    # -- writing --------------------------------------------------------------------------------

    def _whole(self, row: _Row, split_above: float) -> bool:
        """Whether the row is short enough to be kept on one page (no taller than ``split_above``)."""
        size, measure = self.context.body_pt, self.context.measure
        margin = CELL_MARGIN_TWIPS / wordml.TWIPS_PER_PT
        return all(word_layout.cell_height_pt(content, width, size, 2.0, measure) + margin <= split_above
                   for (content, _), width in reversed(list(zip(row.cells, self.text_widths_pt, strict=True))))
        # (the last columns, progress, are the tallest: a row too tall is known at once)

    def write(self, area: Area, area_number: str) -> None:
        """The heading (in the plan's own word: "Priority 2", "Recommendation 1"…), the wording, the area's
        details ("Lead: …") and the table for one area."""
        body = self.body
        title = area_title(area)
        term = term_of(self.context.plan, area)
        body.heading(f"{term} {area_number}" + (f": {title}" if area.title.strip() else ""), 2)
        wording = [line for line in (area.wording or "").split("\n") if line.strip()]
        rows = self._kept.pop(area.id, None) or self._rows(area)
        for line in wording:
            body.para([Span(line)], style="AreaWording", keep_next=True)
        if area.responsible_body.strip():
            body.para([Span(f"{RESPONSIBLE_BODY} ", bold=True), Span(area.responsible_body.strip())],
                      style="AreaWording", keep_next=True)
        for label, value in area.extra.items():
            if value.strip():
                body.para([Span(f"{label}: ", bold=True), Span(" ".join(value.split()))], style="AreaDetail",
                          keep_next=True)
        if not rows:
            body.para([Span("No objectives have been added to this area yet.")])
            return
        context = self.context
        for row in rows:
            row.cells = [(word_layout.hyphenate(content, room, context.body_pt, context.text_width_pt, context.measure)
                          if wide and word_layout.may_need_hyphens(content, wide) else content, fill)
                         for (content, fill), room, wide in zip(row.cells, self.text_widths_pt, self.too_wide,
                                                                strict=True)]
        header_cells = [[[Span(column.title, bold=True, colour="FFFFFF")]] for column, _ in self.columns]
        header = wordml.row([wordml.cell(content, width, style="TableHeading", fill=HEADER_FILL)
                             for content, width in zip(header_cells, self.widths, strict=True)], header=True)
        split_above = context.body_height_pt * SPLIT_SHARE
        body.add(wordml.table_start(
            self.widths, margin_twips=CELL_MARGIN_TWIPS,
            caption=f"Actions for {term.lower()} {area_number}: {title or 'untitled'}",
            description=self.description) + header)
        for row in rows:
            cells = []
            for key, (content, fill), width, how in zip(self.keys, row.cells, self.widths, row.merges, strict=True):
                cells.append(wordml.cell(
                    content, width, style="TableText", align="center" if key == "rag" else None, fill=fill,
                    vmerge=how))
            body.add(wordml.row(cells, cant_split=self._whole(row, split_above)))
        body.add("</w:tbl>")
        if context.shown is not None:
            context.shown(Table([[shown_cell(content) for content in header_cells]] + [
                [shown_cell(content, how == "continue")
                 for (content, _), how in zip(row.cells, row.merges, strict=True)] for row in rows]))

"""The familiar action table: one table per area for improvement, one row per action.

Review pack: Action No and Objective merged down the rows of one objective, and every Actions cell
starts with the action's full reference so a continuation page is never without one. Publication:
no merged and no empty cells (values repeat; blanks read "Not set"/"None recorded"). Both: header
row repeated on every page, RAG cells shaded and naming the rating, earlier due dates visible,
progress in one column per reporting period with each update coloured by its review and prefixed
by its label. Column widths come from the text at the real font size; rows taller than a sixth of
a page may split across pages, shorter ones stay whole; the area heading and wording keep with the
table.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendplan.exporters.word.options import RESPONSIBLE_BODY, Column, WordOptions
from sendplan.exporters.word.write import layout as word_layout
from sendplan.exporters.word.write import wordml
from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.wordml import Span

from sendplan.colours import darken_for, normalise, text_on
from sendplan.model import Action, Area, Objective, Plan, ProgressUpdate, Review, term_of
from sendplan.ratings import NOT_RATED, level_look
from sendplan.summaries import area_title

HEADER_FILL = "1F3864"
MUTED = "404040"
CELL_MARGIN_TWIPS = 70
SPLIT_SHARE = 1 / 6  # rows taller than this share of the page body may split across pages (a third left too much blank)
Contents = list[list[Span]]


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

    @property
    def date_style(self) -> str:
        return self.options.date_style


def build_context(plan: Plan, options: WordOptions, review: Review | None, text_width_pt: float,
                  body_height_pt: float, body_pt: float) -> TableContext:
    ordered = plan.reviews_by_date()
    upto = ordered[: ordered.index(review) + 1] if review in ordered else ordered
    periods: list[str] = []
    shown = [review] if options.progress == "latest" and review is not None else upto
    for item in shown:
        if item.period not in periods:
            periods.append(item.period)
    return TableContext(plan, options, review, upto, periods or [""], text_width_pt, body_height_pt, body_pt)


def expand_columns(context: TableContext) -> list[tuple[Column, str]]:
    """Columns with "progress" expanded into one per reporting period: (column, period)."""
    expanded: list[tuple[Column, str]] = []
    for column in context.options.columns:
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
    continuing: bool  # same objective as the row above (merged cells in the review pack)


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
        self.review_ids = {r.id for r in context.reviews}
        self.review_order = {r.id: n for n, r in enumerate(context.reviews)}
        self.colours = {r.id: darken_for(normalise(r.colour, "1F3864")) for r in context.reviews}
        self.numbers = self.plan.numbers()
        # the rating at the review before, printed as "was Red" under the rating in internal documents
        shown = context.reviews
        self.previous_review = shown[-2] if not self.publication and len(shown) > 1 and shown[-1] is context.review \
            else None
        self.rows = {area.id: self._rows(area) for area in self.plan.areas}
        headers = [[[Span(column.title, bold=True)]] for column, _ in self.columns]
        per_column: list[list[Contents]] = [[] for _ in self.columns]
        for rows in self.rows.values():
            for row in rows:
                for index, (content, _) in enumerate(row.cells):
                    per_column[index].append(content)
        margin_pt = CELL_MARGIN_TWIPS / wordml.TWIPS_PER_PT
        refs = max([text_width_pt(self.numbers[a.id], context.body_pt, True) for _, _, a in self.plan.iter_actions()]
                   + [0.0])
        floors = [refs if key in ("action_no", "action") else  # "1.1 (d)" on one line; dates and ratings whole
                  word_layout.longest_word_pt(cells, context.body_pt) if key in ("due", "rag") else 0.0
                  for key, cells in zip(self.keys, per_column, strict=True)]
        self.widths_pt = word_layout.column_widths(per_column, headers, context.text_width_pt, context.body_pt,
                                                   margin_pt, floors)
        self.widths = [int(w * wordml.TWIPS_PER_PT) for w in self.widths_pt]
        self.widths[-1] += int(context.text_width_pt * wordml.TWIPS_PER_PT) - sum(self.widths)
        self.text_widths_pt = [w - 2 * margin_pt for w in self.widths_pt]
        for rows in self.rows.values():  # soft hyphens in the words too wide for their column
            for row in rows:
                row.cells = [(word_layout.hyphenate(content, room, context.body_pt, context.text_width_pt), fill)
                             for (content, fill), room in zip(row.cells, self.text_widths_pt, strict=True)]

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
        look = level_look(level)
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
        updates: list[tuple[int, int, ProgressUpdate]] = []
        last_period = self.context.periods[-1]
        for position, update in enumerate(action.progress):
            if update.review_id in self.review_ids:
                review = self.plan.review(update.review_id)
                if review is not None and review.period == period:
                    updates.append((self.review_order[update.review_id], position, update))
            elif not update.review_id and period == last_period:
                updates.append((len(self.review_order), position, update))
        if not updates:
            return self._empty("progress")
        paragraphs = []
        for _, _, update in sorted(updates, key=lambda item: item[:2]):
            review = self.plan.review(update.review_id)
            colour = self.colours.get(update.review_id)
            label = (review.short_label or review.label) if review else ""
            spans = [Span(f"{label}: ", bold=True, colour=colour)] if label else []
            lines = update.text.split("\n")
            spans.append(Span(lines[0], colour=colour))
            paragraphs.append(spans)
            paragraphs.extend([[Span(line, colour=colour)] for line in lines[1:]])
        return paragraphs

    def _action_text(self, action: Action) -> Contents:
        """The action, led by its full reference unless an unmerged Action No column shows it."""
        lines = action.text.split("\n") if action.text.strip() else []
        if self.publication and "action_no" in self.keys:
            return [[Span(line)] for line in lines] or self._empty("action")
        ref = [Span(f"{self.numbers.get(action.id, '')} ", bold=True)]
        return [ref + [Span(lines[0] if lines else "")]] + [[Span(line)] for line in lines[1:]]

    def _cell(self, key: str, period: str, objective: Objective, action: Action | None) -> tuple[Contents, str | None]:
        if key == "action_no":
            number = self.numbers[action.id] if self.publication and action else self.numbers[objective.id]
            return [[Span(number, bold=True)]], None
        if key == "objective":
            return self._text(objective.text, key), None
        if action is None:
            return self._empty(key), None
        if key == "action":
            return self._action_text(action), None
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
            for n, action in enumerate(objective.actions or [None]):  # type: ignore[list-item]
                continuing = self.merge and n > 0
                cells = [([], None) if continuing and key in ("action_no", "objective")
                         else self._cell(key, period, objective, action) for key, (_, period) in
                         zip(self.keys, self.columns, strict=True)]
                rows.append(_Row(objective, action, cells, continuing))
        return rows

    # -- writing --------------------------------------------------------------------------------

    def _height_pt(self, row: _Row) -> float:
        size = self.context.body_pt
        return max(word_layout.cell_height_pt(content, width, size, 2.0)
                   for (content, _), width in zip(row.cells, self.text_widths_pt, strict=True)) \
            + CELL_MARGIN_TWIPS / wordml.TWIPS_PER_PT

    def write(self, area: Area, area_number: str) -> None:
        """The heading (in the plan's own word: "Priority 2", "Recommendation 1"…), the wording, the area's
        details ("Lead: …") and the table for one area."""
        body = self.body
        title = area_title(area)
        term = term_of(self.context.plan, area)
        body.heading(f"{term} {area_number}" + (f": {title}" if area.title.strip() else ""), 2)
        wording = [line for line in (area.wording or "").split("\n") if line.strip()]
        rows = self.rows[area.id]
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
        header = wordml.row([wordml.cell([[Span(column.title, bold=True, colour="FFFFFF")]], width,
                                             style="TableHeading", fill=HEADER_FILL)
                               for (column, _), width in zip(self.columns, self.widths, strict=True)], header=True)
        split_above = self.context.body_height_pt * SPLIT_SHARE
        xml_rows = [header]
        for row in rows:
            cells = []
            for key, (content, fill), width in zip(self.keys, row.cells, self.widths, strict=True):
                merged = key in ("action_no", "objective") and self.merge
                cells.append(wordml.cell(
                    content, width, style="TableText", align="center" if key == "rag" else None, fill=fill,
                    vmerge=("continue" if row.continuing else "restart") if merged else None))
            xml_rows.append(wordml.row(cells, cant_split=self._height_pt(row) <= split_above))
        body.add(wordml.table(
            xml_rows, self.widths, margin_twips=CELL_MARGIN_TWIPS,
            caption=f"Actions for {term.lower()} {area_number}: {title or 'untitled'}",
            description="One row per action with its objective, RAG rating, owner, due date, intended outcomes, "
                        "key performance indicators and progress by review."))

"""The familiar action table: one table per area for improvement, one row per action.

Review pack: Action No and Objective merged down the rows of one objective. Publication: no
merged and no empty cells (values repeat; blanks read "Not set"/"None"). Both: header row repeated
on every page, RAG cells shaded and naming the rating, earlier due dates visible, progress in one
column per reporting period with each update coloured by its review and prefixed by its label.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.shared import Emu, Pt
from sendplan.exporters import ooxml
from sendplan.exporters.colours import darken_for, normalise, text_on
from sendplan.exporters.ooxml import Span
from sendplan.exporters.word_options import COLUMN_WEIGHTS, Column, WordOptions

from sendplan.model import Action, Area, Objective, Plan, ProgressUpdate, Review, letters
from sendplan.summaries import area_title

HEADER_FILL = "1F3864"
MUTED = "404040"
PAGE_TEXT_HEIGHT_PT = 440  # A4 landscape less margins, header, footer and the header row


@dataclass(frozen=True)
class TableContext:
    """What every table of one export shares."""

    plan: Plan
    options: WordOptions
    review: Review | None  # the review the document is produced for
    reviews: list[Review]  # reviews up to and including it, in date order
    periods: list[str]  # reporting periods, in order, for the progress columns
    text_width: Emu
    body_pt: float

    @property
    def style(self) -> str:
        return "TableText"


def build_context(plan: Plan, options: WordOptions, review: Review | None, text_width: Emu,
                  body_pt: float) -> TableContext:
    ordered = plan.reviews_by_date()
    upto = ordered[: ordered.index(review) + 1] if review in ordered else ordered
    periods: list[str] = []
    for item in upto:
        if item.period not in periods:
            periods.append(item.period)
    return TableContext(plan, options, review, upto, periods or [""], text_width, body_pt)


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


# The widest value each column must show without breaking a word, in characters.
_MIN_CHARS = {"action_no": 4.5, "objective": 9, "action": 10, "owner": 10, "due": 7,
              "outcomes": 9, "kpis": 9, "evidence": 9, "progress": 12}
CELL_MARGIN_TWIPS = 70


def longest_words(plan: Plan, cap: int = 13) -> dict[str, int]:
    """Per column key, the length of the longest word it will hold (capped)."""
    texts: dict[str, list[str]] = {"objective": [], "action": [], "owner": [], "outcomes": [],
                                   "kpis": [], "evidence": []}
    for area in plan.areas:
        texts["objective"] += [o.text for o in area.objectives]
    for _, _, action in plan.iter_actions():
        texts["action"].append(action.text)
        texts["owner"].append(action.owner)
        texts["outcomes"].append(action.outcomes)
        texts["kpis"].append(action.kpis)
        texts["evidence"] += action.evidence
    return {key: min(cap, max((len(w) for t in values for w in t.split()), default=0))
            for key, values in texts.items()}


def column_widths(context: TableContext, columns: list[tuple[Column, str]]) -> list[int]:
    """Widths (EMU) summing to the text width: by weight, but never narrower than the longest
    header word or the longest word the column holds at this font size."""
    pt = context.body_pt
    longest = longest_words(context.plan)
    margin = Emu(CELL_MARGIN_TWIPS * 635 * 2)
    rag_chars = max([len(level.name) for level in context.plan.rag_scale] + [len("Not rated") * 0.7])
    minimum, header_floor = [], []
    for column, _ in columns:
        header = max(len(word) for word in (column.title.split() or [""])) * 0.6
        header_floor.append(int(Pt(header * pt)) + margin)
        chars = rag_chars if column.key == "rag" else max(longest.get(column.key, 0), _MIN_CHARS[column.key] * (
            1.6 if column.key == "action_no" and context.options.publication else 1))
        minimum.append(int(Pt(max(header, chars * 0.56) * pt)) + margin)
    weights = [COLUMN_WEIGHTS[column.key] * (1.2 if column.key == "progress" and context.options.publication
                                             else 1) for column, _ in columns]
    total_width = int(context.text_width)
    progress = [i for i, (column, _) in enumerate(columns) if column.key == "progress"]
    for i in progress:  # progress holds the most text: it is guaranteed a fair share first
        minimum[i] = max(minimum[i], int(total_width * min(0.16, 0.5 / len(progress))))
    hard = [i for i, (column, _) in enumerate(columns) if column.key in ("rag", "due", "action_no")]
    others = [i for i in range(len(columns)) if i not in progress and i not in hard]
    room = total_width - sum(minimum[i] for i in progress + hard)
    wanted = sum(minimum[i] for i in others)
    if others and wanted > room * 0.9:  # prose floors that cannot all fit shrink together
        for i in others:
            minimum[i] = max(header_floor[i], int(minimum[i] * room * 0.9 / wanted))
    widths = [0] * len(columns)
    fixed: set[int] = set()
    while True:  # give every column its share; pin the ones below their minimum and repeat
        free = total_width - sum(widths[i] for i in fixed)
        share = sum(w for i, w in enumerate(weights) if i not in fixed)
        for i, weight in enumerate(weights):
            if i not in fixed:
                widths[i] = int(free * weight / share)
        short = [i for i in range(len(columns)) if i not in fixed and widths[i] < minimum[i]]
        if not short or len(fixed) + len(short) >= len(columns):
            break
        for i in short:
            widths[i] = minimum[i]
            fixed.add(i)
    widths[-1] += total_width - sum(widths)
    return widths


class AreaTableWriter:
    """Writes the action tables; one instance per export."""

    def __init__(self, document: Document, context: TableContext) -> None:
        self.document = document
        self.context = context
        self.plan = context.plan
        self.publication = context.options.publication
        self.columns = expand_columns(context)
        self.widths = column_widths(context, self.columns)
        self.review_ids = {r.id for r in context.reviews}
        self.review_order = {r.id: n for n, r in enumerate(context.reviews)}
        self.colours = {r.id: darken_for(normalise(r.colour, "1F3864")) for r in context.reviews}
        self.numbers = self.plan.numbers()

    # -- cell contents --------------------------------------------------------------------------

    def _empty(self, key: str) -> list[list[Span]]:
        if not self.publication:
            return []
        return [[Span("None" if key in ("progress", "evidence") else "Not set", italic=True)]]

    def _text(self, value: str, key: str) -> list[list[Span]]:
        if not value.strip():
            return self._empty(key)
        return [[Span(line)] for line in value.split("\n")]

    def _rag(self, action: Action) -> tuple[list[list[Span]], str | None]:
        key = self.plan.rating_at(action, self.context.review) if self.context.review else ""
        level = self.plan.rag_level(key) if key else None
        if level is None:
            return [[Span("Not rated" if not key else key, italic=True)]], None
        fill = normalise(level.colour, "FFFFFF")
        return [[Span(level.name, bold=True, colour=text_on(fill))]], fill

    def _due(self, action: Action) -> list[list[Span]]:
        due = action.due
        current = due.current
        if current is None:
            return self._empty("due")
        style = self.context.options.date_style
        shown = [[Span(current.display(style), bold=bool(due.revisions))]]
        earlier = [value.display(style) for value in due.earlier]
        if not earlier:
            return shown
        if self.publication:
            return shown + [[Span(f"was {text}", colour=MUTED)] for text in earlier]
        return [[Span(text, strike=True, colour=MUTED)] for text in earlier] + shown

    def _progress(self, action: Action, period: str) -> list[list[Span]]:
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

    def _cell(self, key: str, period: str, objective: Objective, action: Action | None,
              letter: str) -> tuple[list[list[Span]], str | None]:
        if key == "action_no":
            number = self.numbers[objective.id]
            if self.publication and action:
                number = self.numbers[action.id]
            return [[Span(number, bold=True)]], None
        if key == "objective":
            return self._text(objective.text, key), None
        if action is None:
            return self._empty(key), None
        if key == "action":
            if not action.text.strip():
                return self._empty(key), None
            lines = action.text.split("\n")
            first = [Span(f"{self.numbers[action.id]} ", bold=True), Span(lines[0])] if not self.publication \
                else [Span(lines[0])]
            return [first] + [[Span(line)] for line in lines[1:]], None
        if key == "rag":
            return self._rag(action)
        if key == "owner":
            return self._text(action.owner, key), None
        if key == "due":
            return self._due(action), None
        if key == "outcomes":
            return self._text(action.outcomes, key), None
        if key == "kpis":
            return self._text(action.kpis, key), None
        if key == "evidence":
            return self._text("\n".join(action.evidence), key), None
        return self._progress(action, period), None

    # -- rows -----------------------------------------------------------------------------------

    def _estimated_height_pt(self, cells: list[list[list[Span]]]) -> float:
        line_pt = self.context.body_pt * 1.25
        tallest = 0.0
        for content, width in zip(cells, self.widths, strict=True):
            chars_per_line = max(4, Emu(width).pt / (self.context.body_pt * 0.5))
            lines = sum(max(1, -(-sum(len(s.text) for s in spans) // int(chars_per_line))) for spans in content)
            tallest = max(tallest, lines * line_pt + 4)
        return tallest

    def write(self, area: Area, area_number: str) -> None:
        """The heading, wording and table for one area for improvement."""
        doc = self.document
        doc.add_heading(f"Area for Improvement {area_number}", level=2)
        if area.wording.strip() or area.title.strip():
            for line in (area.wording or area.title).split("\n"):
                if line.strip():
                    ooxml.append_block(doc, ooxml.paragraph([Span(line)], style_id="AreaWording"))
        rows = [(objective, action, letters(n)) for objective in area.objectives
                for n, action in enumerate(objective.actions or [None])]  # type: ignore[list-item]
        if not rows:
            doc.add_paragraph("No objectives have been added to this area yet.")
            return
        table = doc.add_table(rows=1, cols=len(self.columns))
        table.style = doc.styles["Table Grid"]
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        ooxml.set_cell_margins(tbl_pr, CELL_MARGIN_TWIPS)
        for column, width in zip(table.columns, self.widths, strict=True):
            column.width = Emu(width)
        header = table.rows[0]
        ooxml.mark_header_row(header._tr.get_or_add_trPr())
        for tc, (column, _), width in zip(header._tr.tc_lst, self.columns, self.widths, strict=True):
            tc.width = Emu(width)
            ooxml.fill_cell(tc, [[Span(column.title, bold=True, colour="FFFFFF")]], style_id="TableHeading")
            ooxml.shade_cell(tc.get_or_add_tcPr(), HEADER_FILL)
        merge = not self.publication
        previous_objective: Objective | None = None
        for objective, action, letter in rows:
            tr = table.add_row()._tr
            contents = [self._cell(column.key, period, objective, action, letter) for column, period in self.columns]
            continuing = merge and objective is previous_objective
            for tc, (column, _), (content, fill) in zip(tr.tc_lst, self.columns, contents, strict=True):
                if merge and column.key in ("action_no", "objective"):
                    ooxml.set_vmerge(tc.get_or_add_tcPr(), restart=not continuing)
                    if continuing:
                        continue
                ooxml.fill_cell(tc, content, style_id=self.context.style,
                                align="center" if column.key == "rag" else None)
                if fill:
                    ooxml.shade_cell(tc.get_or_add_tcPr(), fill)
            if self._estimated_height_pt([c for c, _ in contents]) < PAGE_TEXT_HEIGHT_PT:
                ooxml.keep_row_together(tr.get_or_add_trPr())
            previous_objective = objective
        title = area_title(area) or f"area {area_number}"
        ooxml.set_table_caption(
            tbl_pr, f"Actions for area for improvement {area_number}: {title}",
            "One row per action with its objective, RAG rating, owner, due date, intended outcomes, "
            "key performance indicators and progress by review.")
        doc.add_paragraph()


def table_width(document: Document) -> Emu:
    section = document.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin)


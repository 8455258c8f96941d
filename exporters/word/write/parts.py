"""The parts of a Word export around the action tables: cover, summary, keys, appendices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sendplan.exporters.word.read.body import Table
from sendplan.exporters.word.write import layout as word_layout
from sendplan.exporters.word.write import wordml
from sendplan.exporters.word.write.chart import chart_png
from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.table import HEADER_FILL, MUTED, TableContext, shown_cell
from sendplan.exporters.word.write.wordml import Span

from sendplan.chart_layout import chart_alt_text, split_chart
from sendplan.colours import darken_for, normalise, text_on
from sendplan.dates import format_date
from sendplan.model import Plan, term_of, term_plural
from sendplan.ratings import UNRATED, level_look, rating_colours, rating_names
from sendplan.summaries import NOT_RECORDED, ActionRef, PlanSummary, area_title

Cell = str | list[list[Span]]
MAX_CHART_HEIGHT_PT = 430.0  # a chart image never taller than a page's text area
CHART_WIDTH_SHARE = 0.8
KEEP_WHOLE_ROWS = 12  # a table of up to this many rows is kept on one page
KEEP_WITH_HEADING_ROWS = 3  # a longer one keeps this many rows with its heading


def _content(value: Cell | tuple[Cell, str], header: bool, publication: bool) -> tuple[list[list[Span]], str]:
    content, fill = value if isinstance(value, tuple) else (value, HEADER_FILL if header else "")
    if isinstance(content, str):
        if not content.strip() and publication:
            content = "None"
        content = [[Span(line, bold=header)] for line in content.split("\n")]
    if fill:
        colour = text_on(fill)
        content = [[Span(s.text, bold=s.bold or header, italic=s.italic, colour=colour) for s in p]
                   for p in content]
    return content, fill


def simple_table(body: wordml.Body, context: TableContext, headers: Sequence[Cell | tuple[Cell, str]],
                 rows: Sequence[Sequence[Cell | tuple[Cell, str]]], caption: str, description: str,
                 whole: Sequence[int] = ()) -> None:
    """A plain bordered table with a repeating header row, columns sized to their text; a cell may be
    (content, fill colour). Rows are kept whole; the columns in ``whole`` never wrap (references).
    A short table is kept on one page; a long one keeps its first rows with its heading."""
    publication = context.options.publication
    head = [_content(value, True, publication) for value in headers]
    body_rows = [[_content(value, False, publication) for value in row] for row in rows]
    margin_twips = 85
    measure = context.measure
    columns = [[row[i][0] for row in body_rows] for i in range(len(headers))]
    floors = [max((word_layout.text_pt(cell, context.body_pt) for cell in cells), default=0.0) if i in whole else 0.0
              for i, cells in enumerate(columns)]
    texts = word_layout.measure_columns(columns, measure)
    samples = [[cells[r] for cells in columns] for r in word_layout.sample_rows(len(body_rows))]
    widths_pt = word_layout.column_widths(texts, [c for c, _ in head], context.text_width_pt, context.body_pt,
                                          margin_twips / wordml.TWIPS_PER_PT, floors, samples, measure)
    widths = [int(w * wordml.TWIPS_PER_PT) for w in widths_pt]
    rooms = [w - 2 * margin_twips / wordml.TWIPS_PER_PT for w in widths_pt]
    wide = [word_layout.too_wide(text, room, context.text_width_pt, measure) if text.stats(measure)[1] > room
            else frozenset() for text, room in zip(texts, rooms, strict=True)]
    body_rows = [[(word_layout.hyphenate(content, room, context.body_pt, context.text_width_pt, measure)
                   if words and word_layout.may_need_hyphens(content, words) else content, fill)
                  for (content, fill), room, words in zip(row, rooms, wide, strict=True)] for row in body_rows]

    def cells(values: list[tuple[list[list[Span]], str]], style: str, keep: bool) -> list[str]:
        return [wordml.cell(content, width, style=style, fill=fill or None, keep_next=keep)
                for (content, fill), width in zip(values, widths, strict=True)]
    kept = len(body_rows) - 1 if len(body_rows) <= KEEP_WHOLE_ROWS else KEEP_WITH_HEADING_ROWS
    body.add(wordml.table_start(widths, caption=caption, description=description, margin_twips=margin_twips)
             + wordml.row(cells(head, "TableHeading", bool(body_rows)), header=True))
    for i, row in enumerate(body_rows):
        body.add(wordml.row(cells(row, "TableText", i < kept), cant_split=True))
    body.add("</w:tbl>")
    if context.shown is not None:
        context.shown(Table([[shown_cell(content) for content, _ in values] for values in [head, *body_rows]]))


def write_cover(body: wordml.Body, plan: Plan, context: TableContext, heading: str) -> None:
    body.para([Span(plan.title or "Untitled plan")], style="Title")
    if plan.local_area:
        body.para([Span(plan.local_area)], style="Subtitle")
    lines = [heading] if heading else []
    if plan.partners:
        lines.append("Partners: " + ", ".join(plan.partners))
    if plan.edition:
        lines.append(f"Version: {plan.edition}")
    if context.review is not None and context.review.day is not None:
        lines.append(f"Review date: {format_date(context.review.day, context.date_style)}")
    elif plan.plan_date is not None:
        lines.append(f"Date: {format_date(plan.plan_date, context.date_style)}")
    for line in lines:
        body.para([Span(line)])
    if plan.signatories:
        body.heading("Signatories", 1)
        simple_table(body, context, ["Name", "Role", "Organisation"],
                     [[s.name, s.role, s.organisation] for s in plan.signatories],
                     "Signatories", "The people who signed the plan, with their roles and organisations.")
    body.page_break_before_next()


def _count_cell(now: int, was: int | None) -> list[list[Span]]:
    cell = [[Span(str(now), bold=True)]]
    if was is not None:
        change = now - was
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        cell.append([Span(f"was {was} ({sign}{abs(change)})", colour=MUTED)])
    return cell


def _action_rows(refs: Sequence[ActionRef], extra: Sequence[Sequence[str]] | None = None) -> list[list[Cell]]:
    return [[ref.number, ref.text, ref.owner or "Not set", *(extra[n] if extra else [])]
            for n, ref in enumerate(refs)]


def _chart(body: wordml.Body, plan: Plan, context: TableContext, summary: PlanSummary, review: str) -> None:
    names, colours = rating_names(plan), rating_colours(plan)
    parts = split_chart(summary, colours, names, context.text_width_pt * CHART_WIDTH_SHARE, MAX_CHART_HEIGHT_PT,
                        measure=text_width_pt)
    for layout in parts:  # one image per page-full of areas, all on one scale
        shown = [a for a in summary.areas if a.area_id in layout.area_ids]
        which = f" (areas {layout.first_area} to {layout.last_area})" if len(parts) > 1 else ""
        body.picture(chart_png(layout), layout.width, layout.height,
                     title=f"Chart: RAG ratings by area at {review}{which}",
                     description=chart_alt_text(replace(summary, areas=shown), names))


def write_summary(body: wordml.Body, plan: Plan, context: TableContext, summary: PlanSummary) -> None:
    names, colours = rating_names(plan), rating_colours(plan)
    review = summary.review.label if summary.review else "the current position"
    body.heading(f"Summary of progress at {review}", 1)
    keys = [k for k in summary.rating_keys
            if k != UNRATED or any(a.current.get(k) or a.previous.get(k) for a in summary.areas)]
    if summary.previous is not None:
        body.para([Span(f"Counts of actions by RAG rating at {review}; beneath each, the count "
                        f"at {summary.previous.label} and the change.")], keep_next=True)
    previous = summary.previous is not None
    rows: list[list[Cell | tuple[Cell, str]]] = []
    for area in summary.areas:
        rows.append([f"{area.number}. {area.title}",
                     *(_count_cell(area.current.get(k, 0), area.previous.get(k, 0) if previous else None)
                       for k in keys), str(area.total)])
    totals, before = summary.totals(), summary.totals("previous")
    rows.append([[[Span("All areas", bold=True)]],
                 *(_count_cell(totals.get(k, 0), before.get(k, 0) if previous else None) for k in keys),
                 str(sum(totals.values()))])
    headers: list[Cell | tuple[Cell, str]] = ["Area", *((names.get(k, k), colours.get(k, "D9D9D9")) for k in keys),
                                              "Total"]
    simple_table(body, context, headers, rows, f"RAG ratings by area at {review}",
                 "For each area, the number of actions at each RAG rating, with the previous count and change.")
    _chart(body, plan, context, summary, review)
    write_exceptions(body, context, summary)


def write_exceptions(body: wordml.Body, context: TableContext, summary: PlanSummary) -> None:
    style = context.date_style
    body.heading("Exceptions", 2)
    sections: list[tuple[str, list[str], list[list[Cell]]]] = [
        ("Red actions", ["Action", "Description", "By Whom"], _action_rows(summary.red)),
        ("Overdue actions", ["Action", "Description", "By Whom", "Due",  # counted to the review's date, else today
                             f"Days overdue at {format_date(summary.as_of, style)}"],
         _action_rows([o.action for o in summary.overdue],
                      [[o.due.display(style), str(o.days_overdue)] for o in summary.overdue])),
        ("Actions whose date was revised", ["Action", "Description", "By Whom", "Dates", "Reasons"],
         _action_rows([r.action for r in summary.revised],
                      [[" → ".join(v.display(style) for v in (*r.earlier, r.current) if v is not None),
                        "\n".join(f"{n}. {reason or 'No reason recorded'}" for n, reason in
                                  enumerate(r.reasons, 1))] for r in summary.revised])),
        (f"Actions with no update at {summary.review.label}" if summary.review else "Actions with no update",
         ["Action", "Description", "By Whom"], _action_rows(summary.not_updated)),
    ]
    for title, headers, rows in sections:
        body.heading(f"{title} ({len(rows)})", 3)
        if not rows:
            body.para([Span("None.")])
            continue
        simple_table(body, context, headers, rows, title, f"{title}: one row per action.", whole=[0])


def write_measures(body: wordml.Body, plan: Plan, context: TableContext) -> None:
    numbers = plan.numbers()
    measured = [(a, m) for _, _, a in plan.iter_actions() for m in a.measures]
    if not measured:
        return
    reviews = context.reviews[-5:]
    body.heading("Key performance measures", 2)
    headers: list[Cell | tuple[Cell, str]] = ["Action", "Measure", "Baseline", "Target",
                                              *(r.short_label or r.label for r in reviews)]

    def value(text: str) -> Cell:
        return text if text.strip() else [[Span(NOT_RECORDED, italic=True, colour=MUTED)]]
    rows = [[numbers[a.id], m.name, value(m.baseline), value(m.target),
             *(value(m.actuals.get(r.id, "")) for r in reviews)] for a, m in measured]
    simple_table(body, context, headers, rows, "Key performance measures",
                 "Each measure's baseline, target and actual value at each review.", whole=[0])


def write_keys(body: wordml.Body, plan: Plan, context: TableContext) -> None:
    body.heading("RAG key", 1)
    simple_table(body, context, ["Rating", "What it means"],
                 [[(level.name, level_look(level).fill), level.descriptor] for level in plan.rag_scale],
                 "RAG key", "Each RAG rating, shaded in its colour, with what it means.")
    if not context.reviews:
        return
    body.heading("Progress key", 1)
    body.para([Span("Progress updates in the action tables are coloured by the review at which "
                    "they were reported, and begin with the review's short label.")], keep_next=True)
    rows: list[list[Cell]] = []
    periods = any(review.period.strip() for review in context.reviews)  # a column nobody filled is left out
    for review in context.reviews:
        colour = darken_for(normalise(review.colour, "1F3864"))
        rows.append([[[Span(review.short_label or review.label, bold=True, colour=colour)]],
                     [[Span(review.label, colour=colour)]],
                     format_date(review.day, context.date_style) if review.day else "Not set"]
                    + ([review.period] if periods else []))
    simple_table(body, context, ["Label", "Review", "Date"] + (["Reporting period"] if periods else []), rows,
                 "Progress key", "Each review's label, written in the colour used for its progress updates.")


def write_narrative(body: wordml.Body, plan: Plan) -> None:
    for section in plan.sections:
        body.heading(section.title or "Untitled section", 1)
        for line in section.body.split("\n"):
            if line.strip():
                body.para([Span(line)], style="Normal")


def write_area_list(body: wordml.Body, plan: Plan) -> None:
    """The areas, numbered, before the tables (publication), under a heading in their own word ("The areas for
    priority action", then "The areas for improvement"; "The priorities"…) for each run of areas that share it."""
    numbers = plan.numbers()
    last = None
    for i, area in enumerate(plan.areas):
        term = term_of(plan, area)
        if term != last:  # "The …", not "Areas for…": importers read that as an area
            body.heading(f"The {term_plural(term).lower()}", 1)
            last = term
        title = area_title(area) or "Untitled area"
        body.para([Span(f"{numbers[area.id]}. ", bold=True), Span(title)], keep_next=i < len(plan.areas) - 1)


def write_appendices(body: wordml.Body, plan: Plan, context: TableContext) -> None:
    if plan.glossary:
        body.heading("Glossary", 1)
        simple_table(body, context, ["Term", "Meaning"], [[g.term, g.meaning] for g in plan.glossary],
                     "Glossary", "Abbreviations and terms used in this plan.")
    workstreams = {w.id: w.name for w in plan.workstreams}
    if plan.workstreams or plan.members:
        body.heading("Governance and membership", 1)
    if plan.workstreams:
        body.heading("Workstreams", 2)
        simple_table(body, context, ["Workstream", "Lead", "Remit"],
                     [[w.name, w.lead, w.description] for w in plan.workstreams],
                     "Workstreams", "Each workstream with its lead and remit.")
    if plan.members:
        body.heading("Members", 2)
        simple_table(body, context, ["Name", "Organisation", "Role", "Workstream"],
                     [[m.name, m.organisation, m.role, workstreams.get(m.workstream_id, "")] for m in plan.members],
                     "Members", "Members of the partnership board and workstreams.")
    if context.reviews:
        body.heading("Review dates", 1)
        noted = any(r.note for r in context.reviews)
        periods = any(r.period.strip() for r in context.reviews)
        simple_table(body, context, ["Review", "Date"] + (["Reporting period"] if periods else [])
                     + (["Note"] if noted else []),
                     [[r.label, format_date(r.day, context.date_style) if r.day else "Not set"]
                      + ([r.period] if periods else []) + ([r.note] if noted else []) for r in context.reviews],
                     "Review dates", "The dates of the plan's formal reviews.")

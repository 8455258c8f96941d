"""The parts of a Word export around the action tables: cover, summary, keys, appendices."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Emu, Mm
from PIL import Image
from sendplan.exporters import ooxml
from sendplan.exporters.chart import chart_alt_text, rag_chart_png
from sendplan.exporters.colours import darken_for, normalise, text_on
from sendplan.exporters.ooxml import Span
from sendplan.exporters.word_table import HEADER_FILL, MUTED, TableContext

from sendplan.dates import format_date
from sendplan.model import Plan
from sendplan.summaries import UNRATED, ActionRef, PlanSummary

Cell = str | list[list[Span]]
CHART_AREAS_PER_IMAGE = 14
MAX_IMAGE_HEIGHT = Mm(165)


def rating_names(plan: Plan) -> dict[str, str]:
    return {level.key: level.name for level in plan.rag_scale} | {UNRATED: "Not rated"}


def rating_colours(plan: Plan) -> dict[str, str]:
    return {level.key: normalise(level.colour, "BFBFBF") for level in plan.rag_scale} | {UNRATED: "D9D9D9"}


def simple_table(document: Document, context: TableContext, headers: Sequence[Cell | tuple[Cell, str]],
                 rows: Sequence[Sequence[Cell | tuple[Cell, str]]], weights: Sequence[float],
                 caption: str, description: str) -> None:
    """A plain bordered table with a repeating header row; a cell may be (content, fill colour)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    total = sum(weights)
    widths = [Emu(int(context.text_width * w / total)) for w in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    ooxml.set_cell_margins(table._tbl.tblPr, 85)

    def put(tc: object, value: Cell | tuple[Cell, str], header: bool) -> None:
        content, fill = value if isinstance(value, tuple) else (value, HEADER_FILL if header else "")
        if isinstance(content, str):
            if not content.strip() and context.options.publication:
                content = "None"
            content = [[Span(line, bold=header)] for line in content.split("\n")]
        if fill:
            colour = text_on(fill)
            content = [[Span(s.text, bold=s.bold or header, italic=s.italic, colour=colour) for s in p]
                       for p in content]
            ooxml.shade_cell(tc.get_or_add_tcPr(), fill)  # type: ignore[attr-defined]
        ooxml.fill_cell(tc, content, style_id="TableHeading" if header else "TableText")  # type: ignore[arg-type]

    ooxml.mark_header_row(table.rows[0]._tr.get_or_add_trPr())
    for tc, value, width in zip(table.rows[0]._tr.tc_lst, headers, widths, strict=True):
        tc.width = width
        put(tc, value, True)
    for row in rows:
        tr = table.add_row()._tr
        ooxml.keep_row_together(tr.get_or_add_trPr())
        for tc, value in zip(tr.tc_lst, row, strict=True):
            put(tc, value, False)
    ooxml.set_table_caption(table._tbl.tblPr, caption, description)
    document.add_paragraph()


def write_cover(document: Document, plan: Plan, context: TableContext, heading: str) -> None:
    document.add_paragraph(plan.title or "Untitled plan", style="Title")
    if plan.local_area:
        document.add_paragraph(plan.local_area, style="Subtitle")
    lines = [heading]
    if plan.partners:
        lines.append("Partners: " + ", ".join(plan.partners))
    lines.append(f"Version: {plan.status} {plan.version}".strip())
    if context.review is not None and context.review.day is not None:
        lines.append(f"Review date: {format_date(context.review.day, 'long')}")
    elif plan.plan_date is not None:
        lines.append(f"Date: {format_date(plan.plan_date, 'long')}")
    for line in lines:
        document.add_paragraph(line)
    if plan.signatories:
        document.add_heading("Signatories", level=1)
        simple_table(document, context, ["Name", "Role", "Organisation"],
                     [[s.name, s.role, s.organisation] for s in plan.signatories], [3, 4, 4],
                     "Signatories", "The people who signed the plan, with their roles and organisations.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _count_cell(now: int, was: int | None) -> list[list[Span]]:
    cell = [[Span(str(now), bold=True)]]
    if was is not None:
        change = now - was
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        cell.append([Span(f"was {was} ({sign}{abs(change)})", colour=MUTED)])
    return cell


def _action_rows(refs: Sequence[ActionRef], extra: Sequence[Sequence[str]] | None = None) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for n, ref in enumerate(refs):
        rows.append([ref.number, ref.text, ref.owner or "Not set", *(extra[n] if extra else [])])
    return rows


def write_summary(document: Document, plan: Plan, context: TableContext, summary: PlanSummary) -> None:
    names, colours = rating_names(plan), rating_colours(plan)
    review = summary.review.label if summary.review else "the current position"
    document.add_heading(f"Summary of progress at {review}", level=1)
    keys = [k for k in summary.rating_keys
            if k != UNRATED or any(a.current.get(k) or a.previous.get(k) for a in summary.areas)]
    if summary.previous is not None:
        document.add_paragraph(f"Counts of actions by RAG rating at {review}; beneath each, the count "
                               f"at {summary.previous.label} and the change.")
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
    simple_table(document, context, headers, rows, [6, *([1.6] * len(keys)), 1.2],
                 f"RAG ratings by area at {review}",
                 "For each area, the number of actions at each RAG rating, with the previous count and change.")
    chunks = [summary.areas[i:i + CHART_AREAS_PER_IMAGE]
              for i in range(0, len(summary.areas), CHART_AREAS_PER_IMAGE)]
    for chunk in chunks:  # one image per page-full of areas, so no chart is ever cut off
        part = replace(summary, areas=chunk)
        image = rag_chart_png(part, colours, names)
        with Image.open(io.BytesIO(image)) as picture:
            aspect = picture.height / picture.width
        width = min(int(context.text_width * 0.75), int(MAX_IMAGE_HEIGHT / aspect))
        document.add_picture(io.BytesIO(image), width=Emu(width))
        doc_pr = document.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", chart_alt_text(part, names))
        which = f" (areas {chunk[0].number} to {chunk[-1].number})" if len(chunks) > 1 else ""
        doc_pr.set("title", f"Chart: RAG ratings by area at {review}{which}")
    write_exceptions(document, context, summary)


def write_exceptions(document: Document, context: TableContext, summary: PlanSummary) -> None:
    style = context.options.date_style
    document.add_heading("Exceptions", level=2)
    sections: list[tuple[str, list[str], list[list[Cell]], list[float]]] = [
        ("Red actions", ["Action", "Description", "By Whom"], _action_rows(summary.red), [1.2, 7, 2.5]),
        ("Overdue actions", ["Action", "Description", "By Whom", "Due", "Days overdue"],
         _action_rows([o.action for o in summary.overdue],
                      [[o.due.display(style), str(o.days_overdue)] for o in summary.overdue]),
         [1.2, 6, 2.5, 1.3, 1.2]),
        ("Actions whose date was revised", ["Action", "Description", "By Whom", "Dates", "Reasons"],
         _action_rows([r.action for r in summary.revised],
                      [[" → ".join(v.display(style) for v in (*r.earlier, r.current) if v is not None),
                        "\n".join(f"{n}. {reason or 'No reason recorded'}" for n, reason in
                                  enumerate(r.reasons, 1))] for r in summary.revised]),
         [1.2, 4.5, 2, 2.2, 4]),
        (f"Actions with no update at {summary.review.label}" if summary.review else "Actions with no update",
         ["Action", "Description", "By Whom"], _action_rows(summary.not_updated), [1.2, 7, 2.5]),
    ]
    for title, headers, rows, weights in sections:
        document.add_heading(f"{title} ({len(rows)})", level=3)
        if not rows:
            document.add_paragraph("None.")
            continue
        simple_table(document, context, headers, rows, weights, title, f"{title}: one row per action.")


def write_measures(document: Document, plan: Plan, context: TableContext) -> None:
    numbers = plan.numbers()
    measured = [(a, m) for _, _, a in plan.iter_actions() for m in a.measures]
    if not measured:
        return
    reviews = context.reviews[-5:]
    document.add_heading("Key performance measures", level=2)
    headers: list[Cell | tuple[Cell, str]] = ["Action", "Measure", "Baseline", "Target",
                                              *(r.short_label or r.label for r in reviews)]
    rows = [[numbers[a.id], m.name, m.baseline, m.target, *(m.actuals.get(r.id, "") for r in reviews)]
            for a, m in measured]
    simple_table(document, context, headers, rows, [1.2, 5, 1.4, 1.4, *([1.4] * len(reviews))],
                 "Key performance measures", "Each measure's baseline, target and actual value at each review.")


def write_keys(document: Document, plan: Plan, context: TableContext) -> None:
    document.add_heading("RAG key", level=1)
    simple_table(document, context, ["Rating", "What it means"],
                 [[(level.name, normalise(level.colour, "FFFFFF")), level.descriptor]
                  for level in plan.rag_scale],
                 [1.5, 8], "RAG key", "Each RAG rating, shaded in its colour, with what it means.")
    if not context.reviews:
        return
    document.add_heading("Progress key", level=1)
    document.add_paragraph("Progress updates in the action tables are coloured by the review at which "
                           "they were reported, and begin with the review's short label.")
    rows: list[list[Cell]] = []
    for review in context.reviews:
        colour = darken_for(normalise(review.colour, "1F3864"))
        rows.append([[[Span(review.short_label or review.label, bold=True, colour=colour)]],
                     [[Span(review.label, colour=colour)]],
                     format_date(review.day, "uk") if review.day else "Not set", review.period])
    simple_table(document, context, ["Label", "Review", "Date", "Reporting period"], rows, [1.5, 4, 2, 2],
                 "Progress key", "Each review's label, written in the colour used for its progress updates.")


def write_narrative(document: Document, plan: Plan) -> None:
    for section in plan.sections:
        document.add_heading(section.title or "Untitled section", level=1)
        for line in section.body.split("\n"):
            if line.strip():
                ooxml.append_block(document, ooxml.paragraph([Span(line)], style_id="Normal"))


def write_appendices(document: Document, plan: Plan, context: TableContext) -> None:
    if plan.glossary:
        document.add_heading("Glossary", level=1)
        simple_table(document, context, ["Term", "Meaning"], [[g.term, g.meaning] for g in plan.glossary],
                     [2, 8], "Glossary", "Abbreviations and terms used in this plan.")
    workstreams = {w.id: w.name for w in plan.workstreams}
    if plan.workstreams or plan.members:
        document.add_heading("Governance and membership", level=1)
    if plan.workstreams:
        document.add_heading("Workstreams", level=2)
        simple_table(document, context, ["Workstream", "Lead", "Remit"],
                     [[w.name, w.lead, w.description] for w in plan.workstreams], [3, 3, 6],
                     "Workstreams", "Each workstream with its lead and remit.")
    if plan.members:
        document.add_heading("Members", level=2)
        simple_table(document, context, ["Name", "Organisation", "Role", "Workstream"],
                     [[m.name, m.organisation, m.role, workstreams.get(m.workstream_id, "")]
                      for m in plan.members], [3, 4, 4, 3],
                     "Members", "Members of the partnership board and workstreams.")
    if context.reviews:
        document.add_heading("Review dates", level=1)
        simple_table(document, context, ["Review", "Date", "Reporting period"],
                     [[r.label, format_date(r.day, "uk") if r.day else "Not set", r.period]
                      for r in context.reviews], [5, 2, 2],
                     "Review dates", "The dates of the plan's formal reviews.")


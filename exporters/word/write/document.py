"""Export a plan to Word: the review pack, the accessible publication version, or the tables only.

``export_docx(plan, path, options)`` is the one entry point for the app and the CLI. The plan is
only read. The document is written in one streaming pass (:mod:`package`, :mod:`wordml`) into a
temporary file that replaces ``path`` only when complete, so a failure never leaves a half-written
document.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sendplan.exporters.word.options import PRESETS, WordOptions

from sendplan.atomic import atomic_file
from sendplan.dates import format_date
from sendplan.model import Plan, Review
from sendplan.summaries import PlanSummary, summarise

if TYPE_CHECKING:
    from sendplan.exporters.word.write.table import TableContext
    from sendplan.exporters.word.write.wordml import Body

Progress = Callable[[int, int], None]
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


@dataclass(frozen=True)
class WordExport:
    """What was written."""

    path: Path
    preset: str
    review: str
    tables: int
    actions: int


def _header_footer(plan: Plan, options: WordOptions, review: Review | None) -> tuple[list[str], list[str]]:
    """The header's and footer's paragraphs: marking (when set) at top and bottom, the plan's title above,
    version, status, review and "Page X of Y" below."""
    from sendplan.exporters.word.write import wordml
    from sendplan.exporters.word.write.wordml import Span

    marking = (plan.protective_marking if options.marking is None and not options.publication
               else options.marking or "").strip().upper()
    small = 22 if options.publication else 16  # half-points
    header_paragraphs = []
    if marking:
        header_paragraphs.append(([Span(marking, bold=True, half_points=small + 4)], "center"))
    header_paragraphs.append(([Span(plan.title or "Untitled plan", colour="404040", half_points=small)], None))
    footer_line = [plan.edition] if plan.edition else []
    if review is not None:
        when = f" ({format_date(review.day, options.date_style)})" if review.day else ""
        named = review.label.lower().startswith(("position at", "progress at", "rating at"))  # reads alone
        footer_line.append(f"{review.label if named else f'Progress at {review.label}'}{when}")
    header_xml = [wordml.paragraph(spans, align=align, style="Header" if index == 0 else None)
                  for index, (spans, align) in enumerate(header_paragraphs)]
    page = Span(" · ".join([*footer_line, "Page "]), half_points=small)
    number = Span("", half_points=small)
    footer_xml = [wordml.paragraph([page], style="Footer", align="left", runs=(
        wordml.run(page) + wordml.field("PAGE", "1", number) + wordml.run(Span(" of ", half_points=small))
        + wordml.field("NUMPAGES", "1", number)))]
    if marking:
        footer_xml.append(wordml.paragraph([Span(marking, bold=True, half_points=small + 4)], align="center"))
    return header_xml, footer_xml


def _properties(plan: Plan, options: WordOptions, review: Review | None) -> tuple[bytes, bytes]:
    """Core properties and an honest app.xml (this program; page and word counts left for Word to
    fill in); no template thumbnail."""
    from sendplan.exporters.word.write import shell
    from sendplan.exporters.word.write.wordml import escape, safe

    kind = PRESETS[options.preset].subject
    core = shell.core_properties(title=safe(plan.title) or "Untitled plan",
                                 subject=safe(f"{kind}{' at the ' + review.label if review else ''}"),
                                 author=safe(plan.local_area) or "sendplan",
                                 keywords="SEND; Written Statement of Action; action plan",
                                 comments="Made with sendplan.")
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<Properties xmlns="{APP_NS}" xmlns:vt="{VT_NS}"><Application>sendplan</Application>'
           "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
           f"<Company>{escape(safe(plan.local_area))}</Company><LinksUpToDate>false</LinksUpToDate>"
           "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()
    return core, app


def export_docx(plan: Plan, path: str | Path, options: WordOptions | None = None, *,
                progress: Progress | None = None) -> WordExport:
    """Write the plan to ``path`` as a Word document. Raises OptionsError or OSError; nothing
    partial is ever left at ``path``. The plan is read as it was known at the chosen review, through
    a view (:func:`plan_at_review`), never copied or changed: a caller that goes on editing the plan
    meanwhile (the app) hands over a snapshot. The document is streamed into a temporary file beside
    ``path`` and moved into place when it is complete."""
    target = Path(path)
    if not target.parent.is_dir():  # say so before the work, naming the folder the user chose
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(target.parent))
    options = options or WordOptions()
    try:
        with atomic_file(target) as handle:
            result = _write(plan, handle, options, progress)
    except OSError as error:  # name the file the user chose, not the temporary file beside it
        raise type(error)(error.errno, error.strerror or str(error), str(target)) from error
    if progress:
        progress(result[0], result[0])
    return WordExport(target, options.preset, *result[1:])


def _write(source: Plan, handle: IO[bytes], options: WordOptions,
           progress: Progress | None) -> tuple[int, str, int, int]:
    """The document into ``handle``: (steps, review label, tables, actions)."""
    from sendplan.exporters.word.write import shell
    from sendplan.exporters.word.write.package import WordPackage
    from sendplan.exporters.word.write.table import build_context
    from sendplan.exporters.word.write.wordml import Body

    from sendplan.review_state import plan_at_review

    chosen = source.review(options.review_id) if options.review_id else source.latest_review()
    plan = plan_at_review(source, chosen, options.progress)  # the plan as known at the review: a view
    review = plan.review(chosen.id) if chosen else None
    as_of = options.as_of or (review.day if review and review.day else date.today())
    summary = summarise(plan, review.id, as_of=as_of) if options.include_summary and review else None
    embed = options.embed and not options.publication
    package = WordPackage(handle, pictures=summary is not None, embedded=embed)
    shown = None
    if embed:
        from sendplan.exporters.word.embed import ShownRows

        shown = ShownRows()
    try:
        package.start(*_properties(plan, options, review))
        body_pt = 11.0 if options.publication else 9.0
        width_pt, height_pt = shell.text_area_pt()
        context = build_context(plan, options, review, width_pt, height_pt, body_pt,
                                shown.add if shown is not None else None)
        steps = len(plan.areas) + 2
        if progress:
            progress(0, steps)
        before, after = shell.document_frame()
        with package.body() as stream:
            stream.write(before.encode("utf-8"))
            body = Body(stream, package.add_picture)
            _body(body, plan, options, context, summary, progress, steps)
            body.flush()
            stream.write(after.encode("utf-8"))
        header, footer = _header_footer(plan, options, review)
        embedded = ()
        if shown is not None:
            from sendplan.exporters.word.embed import embedded_part

            embedded = embedded_part(source, shown.rows())  # the whole plan, not the view at the review
        package.finish(publication=options.publication, header=header, footer=footer, embedded=embedded)
    except BaseException:
        package.abandon()
        raise
    actions = sum(1 for _ in plan.iter_actions())
    return steps, review.label if review else "", len(plan.areas), actions


def _body(body: Body, plan: Plan, options: WordOptions, context: TableContext, summary: PlanSummary | None,
          progress: Progress | None, steps: int) -> None:
    """The document's content in order: cover, summary, narrative, keys, the action tables, appendices."""
    from sendplan.exporters.word.write import parts as word_parts
    from sendplan.exporters.word.write.table import AreaTableWriter
    from sendplan.exporters.word.write.wordml import Span

    if options.include_cover:
        word_parts.write_cover(body, plan, context, PRESETS[options.preset].heading)
    elif options.preset == "table-only":
        body.heading(plan.title or "Untitled plan", 1)
    for line in options.intro:
        body.para([Span(line)])
    if summary is not None and not options.publication:
        word_parts.write_summary(body, plan, context, summary)
        word_parts.write_measures(body, plan, context)
    if options.include_narrative:
        word_parts.write_narrative(body, plan)
    if options.publication:
        word_parts.write_area_list(body, plan)
    if options.include_keys:
        word_parts.write_keys(body, plan, context)
    if progress:
        progress(1, steps)
    # the tables start on a page of their own, never under a sliver of a row, when a summary, narrative or
    # list of areas comes before them; keys alone stay with the tables, not on a page of their own
    front = (summary is not None and not options.publication) or (options.include_narrative and plan.sections) \
        or options.publication
    if plan.areas and options.preset != "table-only" and front:
        body.page_break_before_next()
    body.heading("Action plan", 1)
    if not plan.areas:
        body.para([Span("This plan has no areas for improvement or actions yet. Add them in sendplan, "
                        "then export again.")])
    writer = AreaTableWriter(body, context)
    numbers = plan.numbers()
    for index, area in enumerate(plan.areas, start=1):
        writer.write(area, numbers[area.id])
        if progress:
            progress(1 + index, steps)
    if summary is not None and options.publication:
        word_parts.write_summary(body, plan, context, summary)
        word_parts.write_measures(body, plan, context)
    if options.include_appendices:
        word_parts.write_appendices(body, plan, context)

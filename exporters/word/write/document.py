"""Export a plan to Word: the review pack, the accessible publication version, or the tables only.

``export_docx(plan, path, options)`` is the one entry point for the app and the CLI. The plan is
only read. The file is built in memory and written atomically, so a failure never leaves a
half-written document.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sendplan.exporters.word.options import WordOptions

from sendplan.atomic import atomic_write_bytes
from sendplan.dates import format_date
from sendplan.model import Plan, Review
from sendplan.summaries import summarise

Progress = Callable[[int, int], None]
LANGUAGE = "en-GB"
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


def _setup(plan: Plan, options: WordOptions, review: Review | None):  # type: ignore[no-untyped-def]
    """A new document: A4 landscape, styles, header/footer, properties and language."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor
    from sendplan.exporters.office import ooxml
    from sendplan.exporters.office.ooxml import Span

    document = Document()
    body_pt = 11.0 if options.publication else 9.0
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12.7))
    section.header_distance = section.footer_distance = Mm(6)

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11 if options.publication else 10)
    normal.paragraph_format.space_after = Pt(4)
    dark = RGBColor(0x1F, 0x38, 0x64)
    for name, size in (("Title", 26), ("Subtitle", 15), ("Heading 1", 17), ("Heading 2", 14),
                       ("Heading 3", 12)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = dark
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if name.startswith("Heading") else 0)
        style.paragraph_format.space_after = Pt(6)
        fonts = style.element.rPr.rFonts
        for attribute in [a for a in fonts.attrib if "theme" in a.lower()]:
            del fonts.attrib[attribute]  # theme fonts would override Arial
    for name, bold in (("TableText", False), ("TableHeading", True), ("AreaWording", False)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(body_pt if name != "AreaWording" else body_pt + 1)
        style.font.bold = bold
        style.paragraph_format.space_after = Pt(2 if name != "AreaWording" else 6)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.widow_control = True  # a split row leaves no single line of a paragraph alone
    ooxml.set_language(styles.element.find(ooxml.qn("w:docDefaults")).find(ooxml.qn("w:rPrDefault"))
                       .find(ooxml.qn("w:rPr")), LANGUAGE)

    marking = (plan.protective_marking if options.marking is None and not options.publication
               else options.marking or "").strip().upper()
    small = 22 if options.publication else 16  # half-points
    header = section.header
    header_paragraphs = []
    if marking:
        header_paragraphs.append(([Span(marking, bold=True, half_points=small + 4)], "center"))
    header_paragraphs.append(([Span(plan.title or "Untitled plan", colour="404040", half_points=small)], None))
    footer_line = [f"{plan.status} {plan.version}".strip()]
    if review is not None:
        when = f" ({format_date(review.day, options.date_style)})" if review.day else ""
        footer_line.append(f"Progress at {review.label}{when}")
    for index, (spans, align) in enumerate(header_paragraphs):
        target = header.paragraphs[0]._p if index == 0 else None
        element = ooxml.paragraph(spans, align=align, target=target)
        if target is None:
            header._element.append(element)
    footer = section.footer
    line = footer.paragraphs[0]
    ooxml.paragraph([Span(" · ".join(footer_line) + " · Page ", half_points=small)], target=line._p)
    run_pr = line._p.r_lst[0].find(ooxml.qn("w:rPr"))
    ooxml.add_field(line._p, "PAGE", "1", run_pr)
    line._p.append(ooxml.paragraph([Span(" of ", half_points=small)]).r_lst[0])
    ooxml.add_field(line._p, "NUMPAGES", "1", run_pr)
    if marking:
        footer._element.append(ooxml.paragraph([Span(marking, bold=True, half_points=small + 4)],
                                               align="center"))
    line.alignment = WD_ALIGN_PARAGRAPH.LEFT

    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    return document, body_pt, width_pt, height_pt


def find_review(plan: Plan, text: str | None) -> Review | None:
    """A review by id, label, short label, date (UK style) or the start of one label ("June 2026"
    for "June 2026 review"); the latest when ``text`` is None."""
    from sendplan.exporters.word.options import OptionsError

    from sendplan.dates import DateParseError, parse_uk_date

    if not text:
        return plan.latest_review()
    wanted = text.strip().lower()
    for review in plan.reviews:
        if wanted in (review.id, review.label.lower(), review.short_label.lower()):
            return review
    try:
        day = parse_uk_date(text)
    except DateParseError:
        day = None
    for review in plan.reviews:
        if day is not None and review.day == day:
            return review
    starting = [r for r in plan.reviews if r.label.lower().startswith(wanted + " ")]  # "June 2026"
    if len(starting) == 1:
        return starting[0]
    labels = ", ".join(f"“{r.label}”" for r in plan.reviews_by_date()) or "none"
    raise OptionsError(f"no review matches “{text}” (the plan's reviews: {labels})")


def _document_properties(document, plan: Plan, options: WordOptions, review: Review | None) -> None:  # type: ignore[no-untyped-def]
    """Core properties, an honest app.xml (this program; page and word counts left for Word to
    fill in) and no template thumbnail."""
    from xml.sax.saxutils import escape

    from sendplan.exporters.office.ooxml import safe

    properties = document.core_properties
    properties.title = plan.title or "Untitled plan"
    kind = {"review-pack": "Review pack", "publication": "Action plan",
            "table-only": "Action tables"}[options.preset]
    properties.subject = f"{kind}{' at the ' + review.label if review else ''}"
    properties.author = plan.local_area or "sendplan"
    properties.language = LANGUAGE
    properties.keywords = "SEND; Written Statement of Action; action plan"
    properties.comments = "Made with sendplan."
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.last_modified_by = "sendplan"
    properties.revision = 1
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rel_id]
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = (  # noqa: SLF001
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Properties xmlns="{APP_NS}" xmlns:vt="{VT_NS}"><Application>sendplan</Application>'
                "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
                f"<Company>{escape(safe(plan.local_area))}</Company><LinksUpToDate>false</LinksUpToDate>"
                "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
            ).encode()


def export_docx(plan: Plan, path: str | Path, options: WordOptions | None = None, *,
                progress: Progress | None = None) -> WordExport:
    """Write the plan to ``path`` as a Word document. Raises OptionsError or OSError; nothing
    partial is ever left at ``path``. The plan is read as it was known at the chosen review, from
    a copy, never changed."""
    from sendplan.exporters.office.ooxml import Span
    from sendplan.exporters.word.write import parts as word_parts
    from sendplan.exporters.word.write.table import AreaTableWriter, build_context
    from sendplan.exporters.word.write.wordml import Body

    from sendplan.review_state import plan_at_review

    target = Path(path)
    if not target.parent.is_dir():  # say so before the work, naming the folder the user chose
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(target.parent))
    options = options or WordOptions()
    chosen = plan.review(options.review_id) if options.review_id else plan.latest_review()
    source = plan  # the whole plan (for anything that carries the plan itself, not the view at the review)
    plan = plan_at_review(source, chosen, options.progress)
    review = plan.review(chosen.id) if chosen else None
    document, body_pt, width_pt, height_pt = _setup(plan, options, review)
    _document_properties(document, plan, options, review)
    context = build_context(plan, options, review, width_pt, height_pt, body_pt)
    body = Body(document)
    steps = len(plan.areas) + 2
    if progress:
        progress(0, steps)
    as_of = options.as_of or (review.day if review and review.day else date.today())
    summary = summarise(plan, review.id, as_of=as_of) if options.include_summary and review else None
    if options.include_cover:
        heading = {"review-pack": "Review pack", "publication": "Action plan", "table-only": ""}[options.preset]
        word_parts.write_cover(body, plan, context, heading)
    elif options.preset == "table-only":
        body.heading(plan.title or "Untitled plan", 1)
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
    if plan.areas and options.preset != "table-only":
        body.page_break_before_next()  # the tables start on a page of their own, never under a sliver of a row
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
    body.flush()
    if options.embed and not options.publication:
        from sendplan.exporters.word.embed import embed_plan

        from sendplan.codec import snapshot

        embed_plan(document, snapshot(source))  # the whole plan, not the view at the review
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        atomic_write_bytes(target, buffer.getvalue())
    except OSError as error:  # name the file the user chose, not the temporary file beside it
        raise type(error)(error.errno, error.strerror or str(error), str(target)) from error
    if progress:
        progress(steps, steps)
    actions = sum(1 for _ in plan.iter_actions())
    return WordExport(target, options.preset, review.label if review else "", len(plan.areas), actions)

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
from typing import Any

from sendplan.exporters.word.options import PRESETS, WordOptions

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
    from docx.shared import Mm, Pt, RGBColor
    from sendplan.exporters.word.write import wordml
    from sendplan.exporters.word.write.wordml import Span

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
    for name, bold in (("TableText", False), ("TableHeading", True), ("AreaWording", False), ("AreaDetail", False)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(body_pt if name != "AreaWording" else body_pt + 1)
        style.font.bold = bold
        style.paragraph_format.space_after = Pt(2 if name != "AreaWording" else 6)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.widow_control = True  # a split row leaves no single line of a paragraph alone
    _set_language(styles.element)

    marking = (plan.protective_marking if options.marking is None and not options.publication
               else options.marking or "").strip().upper()
    small = 22 if options.publication else 16  # half-points
    header_paragraphs = []
    if marking:
        header_paragraphs.append(([Span(marking, bold=True, half_points=small + 4)], "center"))
    header_paragraphs.append(([Span(plan.title or "Untitled plan", colour="404040", half_points=small)], None))
    footer_line = [f"{plan.status} {plan.version}".strip()]
    if review is not None:
        when = f" ({format_date(review.day, options.date_style)})" if review.day else ""
        footer_line.append(f"Progress at {review.label}{when}")
    header_xml = [wordml.paragraph(spans, align=align, style="Header" if index == 0 else None)
                  for index, (spans, align) in enumerate(header_paragraphs)]
    page = Span(" · ".join(footer_line) + " · Page ", half_points=small)
    number = Span("", half_points=small)
    footer_xml = [wordml.paragraph([page], style="Footer", align="left", runs=(
        wordml.run(page) + wordml.field("PAGE", "1", number) + wordml.run(Span(" of ", half_points=small))
        + wordml.field("NUMPAGES", "1", number)))]
    if marking:
        footer_xml.append(wordml.paragraph([Span(marking, bold=True, half_points=small + 4)], align="center"))
    for part, blocks in ((section.header._element, header_xml), (section.footer._element, footer_xml)):
        for old in list(part):
            part.remove(old)
        part.extend(wordml.parse("".join(blocks)))

    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    return document, body_pt, width_pt, height_pt


def _set_language(styles: Any) -> None:
    """British English for every run by default (spelling, hyphenation and screen readers' voice)."""
    from docx.oxml.ns import qn

    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    language = r_pr.makeelement(qn("w:lang"), {qn("w:val"): LANGUAGE, qn("w:eastAsia"): LANGUAGE,
                                               qn("w:bidi"): "ar-SA"})
    later = [child for child in r_pr if child.tag in {qn(t) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")}]
    if later:
        later[0].addprevious(language)
    else:
        r_pr.append(language)


def _document_properties(document, plan: Plan, options: WordOptions, review: Review | None) -> None:  # type: ignore[no-untyped-def]
    """Core properties, an honest app.xml (this program; page and word counts left for Word to
    fill in) and no template thumbnail."""
    from xml.sax.saxutils import escape

    from sendplan.exporters.word.write.wordml import safe

    properties = document.core_properties
    properties.title = safe(plan.title) or "Untitled plan"
    kind = PRESETS[options.preset].subject
    properties.subject = safe(f"{kind}{' at the ' + review.label if review else ''}")
    properties.author = safe(plan.local_area) or "sendplan"
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
    partial is ever left at ``path``. The plan is read as it was known at the chosen review, through
    a view (:func:`plan_at_review`), never copied or changed: a caller that goes on editing the plan
    meanwhile (the app) hands over a snapshot."""
    from sendplan.exporters.word.write import parts as word_parts
    from sendplan.exporters.word.write.table import AreaTableWriter, build_context
    from sendplan.exporters.word.write.wordml import Body, Span

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

        embed_plan(document, source)  # the whole plan, not the view at the review
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

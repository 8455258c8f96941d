"""Word export layout: words fit their columns, refs on every row, headings keep with their tables,
no empty spacer paragraphs, one date style, honest document properties, publication order."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx_helpers import W, action_tables, cell_text, column, open_docx, rows
from sendplan.exporters.word import WordOptions, export_docx, parse_columns
from sendplan.exporters.word.write.font_metrics import text_width_pt
from sendplan.exporters.word.write.layout import may_break

from sendplan.model import Plan

PRESETS = ["review-pack", "publication", "table-only"]
DATE_STYLES = ["dotted", "uk", "long"]
TEXT_WIDTH_PT = (297 - 2 * 12.7) / 25.4 * 72


def _style_sizes(document) -> dict[str, float]:  # type: ignore[no-untyped-def]
    sizes = {}
    normal = document.styles["Normal"].font.size.pt
    for style in document.styles:
        font = getattr(style, "font", None)
        if font is not None:
            sizes[style.style_id] = font.size.pt if font.size is not None else normal
    return sizes


def _words(p) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """(word, bold) for a paragraph, words ending only at spaces, tabs and line breaks."""
    found: list[tuple[str, bool]] = []
    current, bold = "", False
    for run in p.iter(f"{W}r"):
        is_bold = run.find(f"{W}rPr/{W}b") is not None
        for child in run:
            if child.tag == f"{W}t":
                for char in child.text or "":
                    if char in " \t":
                        if current:
                            found.append((current, bold))
                        current, bold = "", False
                    else:
                        current += char
                        bold = bold or is_bold
            elif child.tag == f"{W}softHyphen":
                current += "\u00ad"
            elif child.tag in (f"{W}br", f"{W}tab") and current:
                found.append((current, bold))
                current, bold = "", False
    if current:
        found.append((current, bold))
    return found


def _fits(word: str, room: float, size: float, bold: bool) -> bool:
    """The whole word fits, or each piece a line may end after (a soft or hard hyphen) fits."""
    if text_width_pt(word.replace("\u00ad", ""), size, bold) <= room:
        return True
    pieces = [p for p in re.split(r"(?<=-)|\u00ad", word) if p]
    return all(text_width_pt(p if p.endswith("-") or p is pieces[-1] else p + "-", size, bold) <= room
               for p in pieces)


def _too_wide(path: Path) -> list[str]:
    """Every word wider than the text area of its cell, at the paragraph style's real size."""
    document = open_docx(path)
    sizes = _style_sizes(document)
    problems = []
    for tbl in document.element.body.iter(f"{W}tbl"):
        grid = [int(c.get(qn("w:w"))) / 20 for c in tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]
        margins = tbl.find(f"{W}tblPr/{W}tblCellMar")
        sides = sum(int(margins.find(f"{W}{side}").get(qn("w:w"))) / 20 for side in ("left", "right"))
        for tr in rows(tbl):
            for tc, width in zip(tr.findall(f"{W}tc"), grid, strict=True):
                room = width - sides
                for p in tc.findall(f"{W}p"):
                    style = p.find(f"{W}pPr/{W}pStyle")
                    size = sizes[style.get(qn("w:val")) if style is not None else "Normal"]
                    for word, bold in _words(p):
                        if not _fits(word, room, size, bold) and not may_break(word, TEXT_WIDTH_PT, size):
                            problems.append(f"{word!r} in a {room:.1f}pt column")
    return problems


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("date_style", DATE_STYLES)
def test_no_word_is_wider_than_its_column(sample_plan: Plan, tmp_path: Path, preset: str, date_style: str) -> None:
    path = export_docx(sample_plan, tmp_path / "w.docx", WordOptions.for_preset(preset, date_style=date_style)).path
    assert _too_wide(path) == []
    assert len(action_tables(open_docx(path))) == 4


@pytest.mark.parametrize("spec", ["action_no,action,rag,owner=Lead,due,progress",
                                  "action,due=Deadline,kpis,evidence,outcomes,objective,owner,rag",
                                  "objective,action,rag,owner,due,outcomes,kpis,evidence,progress"])
def test_no_word_is_wider_than_its_column_for_other_columns(sample_plan: Plan, tmp_path: Path, spec: str) -> None:
    for preset in ("publication", "review-pack"):
        options = WordOptions.for_preset(preset, columns=parse_columns(spec), date_style="long")
        assert _too_wide(export_docx(sample_plan, tmp_path / f"{preset}.docx", options).path) == []


def test_a_long_web_address_may_break_but_nothing_else(sample_plan: Plan, tmp_path: Path) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    action.kpis = "See https://www.northbridge.example.gov.uk/send/local-offer/dashboards/annual-reviews"
    path = export_docx(sample_plan, tmp_path / "u.docx", WordOptions.for_preset("publication")).path
    assert _too_wide(path) == []
    kpis = column(action_tables(open_docx(path))[0], "Key Performance Indicators")
    assert "https://" in cell_text(kpis[0])


@pytest.mark.parametrize("preset", PRESETS)
def test_every_action_row_shows_its_full_reference(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    path = export_docx(sample_plan, tmp_path / "r.docx", WordOptions.for_preset(preset)).path
    numbers = sample_plan.numbers()
    expected = [numbers[a.id] for _, _, a in sample_plan.iter_actions()]
    shown = []
    for tbl in action_tables(open_docx(path)):
        cells = column(tbl, "Action No" if preset == "publication" else "Actions")
        shown += [cell_text(tc) for tc in cells]
    assert len(shown) == len(expected) == 60
    for text, ref in zip(shown, expected, strict=True):
        assert text == ref if preset == "publication" else text.startswith(ref + " "), (text, ref)


@pytest.mark.parametrize("preset", PRESETS)
def test_area_heading_and_wording_keep_with_the_table(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    document = open_docx(export_docx(sample_plan, tmp_path / "k.docx", WordOptions.for_preset(preset)).path)
    body = list(document.element.body)
    for tbl in action_tables(document):
        position = body.index(tbl)
        before = []
        for element in reversed(body[:position]):
            if element.tag != f"{W}p":
                break
            before.insert(0, element)
            style = element.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(qn("w:val")) == "Heading2":
                break
        assert cell_text(before[0]).startswith("Area for improvement ")
        assert len(before) >= 2, "the area's wording is shown"
        for p in before:
            assert p.find(f"{W}pPr/{W}keepNext") is not None, cell_text(p)


def test_rows_split_only_when_tall(sample_plan: Plan, tmp_path: Path) -> None:
    document = open_docx(export_docx(sample_plan, tmp_path / "s.docx", WordOptions.for_preset("review-pack")).path)
    whole = split = 0
    for tbl in action_tables(document):
        for tr in rows(tbl)[1:]:
            lines = sum(len(cell_text(p)) for p in tr.iter(f"{W}p"))
            if tr.find(f"{W}trPr/{W}cantSplit") is not None:
                whole += 1
            else:
                split += 1
                assert lines > 400, "only rows with plenty of text may split"
    assert split > 0


@pytest.mark.parametrize("preset", PRESETS)
def test_no_empty_paragraphs_between_blocks(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    document = open_docx(export_docx(sample_plan, tmp_path / "e.docx", WordOptions.for_preset(preset)).path)
    for element in document.element.body:
        if element.tag == f"{W}p":
            has_picture = next(element.iter(f"{W}drawing"), None) is not None
            assert cell_text(element).strip() or has_picture, "an empty paragraph used as a spacer"


_DATE_FORMS = {
    "dotted": re.compile(r"\b\d{2}\.\d{2}\.\d{2}\b"),
    "uk": re.compile(r"\b\d{2}/\d{2}/\d{4}\b"),
    "long": re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December) \d{4}\b"),
    "iso": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}


@pytest.mark.parametrize("date_style", DATE_STYLES)
def test_one_date_style_throughout(sample_plan: Plan, tmp_path: Path, date_style: str) -> None:
    options = WordOptions.for_preset("review-pack", date_style=date_style)
    path = export_docx(sample_plan, tmp_path / "d.docx", options).path
    document = open_docx(path)
    parts = [document.element.body, *(s.footer._element for s in document.sections)]
    text = "\n".join(cell_text(part) for part in parts)
    for style, pattern in _DATE_FORMS.items():
        found = pattern.findall(text)
        if style == date_style:
            assert len(found) > 20
        else:
            assert found == [], f"{style} dates in a {date_style} document: {found[:5]}"


def test_document_properties_are_honest(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "p.docx", WordOptions.for_preset("review-pack")).path
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode("utf-8")
        rels = package.read("_rels/.rels").decode("utf-8")
    assert "<Application>sendplan</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels


def test_publication_order(sample_plan: Plan, tmp_path: Path) -> None:
    document = open_docx(export_docx(sample_plan, tmp_path / "o.docx", WordOptions.for_preset("publication")).path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    narrative = [s.title for s in sample_plan.sections]
    order = [*narrative, "The areas for improvement", "RAG key", "Progress key", "Action plan",
             "Summary of progress at November 2026 review"]
    assert [h for h in headings if h in order] == order
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("The areas for improvement")
    listed = paragraphs[start + 1:start + 3]
    assert listed == ["1. Leadership and self-evaluation", "2. Education, health and care plans"]
    assert "Area for improvement 1: Leadership and self-evaluation" in paragraphs  # the heading over its table


def test_missing_measure_values_read_not_recorded(sample_plan: Plan, tmp_path: Path) -> None:
    document = open_docx(export_docx(sample_plan, tmp_path / "m.docx", WordOptions.for_preset("review-pack")).path)
    table = next(t for t in document.element.body.iter(f"{W}tbl")
                 if t.find(f"{W}tblPr/{W}tblCaption").get(qn("w:val")) == "Key performance measures")
    texts = [cell_text(tc) for tc in table.iter(f"{W}tc")]
    assert "Not recorded" in texts and "None" not in texts and "" not in texts


def test_latest_progress_only(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "l.docx", WordOptions.for_preset("review-pack", progress="latest")).path
    tbl = action_tables(open_docx(path))[0]
    progress = [t for t in [cell_text(tc) for tr in rows(tbl)[:1] for tc in tr.findall(f"{W}tc")]
                if t.startswith("Progress")]
    assert progress == ["Progress 2026/2027"]
    text = "\n".join(cell_text(tc) for tc in column(tbl, "Progress 2026/2027"))
    assert "Nov 2026:" in text and "Sep 2026:" not in text and "Jun 2026:" not in text


def test_chart_prints_at_the_size_it_was_laid_out(sample_plan: Plan, tmp_path: Path) -> None:
    """The chart image is placed at 1:1 (its pixels at 200 dpi), so its 9 pt labels print at 9 pt."""
    import io

    from PIL import Image
    from sendplan.exporters.word.write.chart import DPI

    document = open_docx(export_docx(sample_plan, tmp_path / "c.docx", WordOptions.for_preset("review-pack")).path)
    shapes = document.inline_shapes
    assert len(shapes) == 1
    blip = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    with Image.open(io.BytesIO(document.part.related_parts[blip.embed].blob)) as image:
        printed_pt = shapes[0].width / 12700
        assert abs(image.width - printed_pt * DPI / 72) <= 2
        assert abs(image.height - shapes[0].height / 12700 * DPI / 72) <= 2


def _kept(tr) -> bool:  # type: ignore[no-untyped-def]
    """Every paragraph of the row keeps with the next (so the row stays on the next row's page)."""
    paragraphs = list(tr.iter(f"{W}p"))
    return bool(paragraphs) and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)


def test_short_tables_stay_whole_and_long_ones_keep_rows_with_their_heading(sample_plan: Plan,
                                                                           tmp_path: Path) -> None:
    """The summary table (five rows) never leaves 'All areas' overleaf; a long table (the glossary)
    keeps its header and first rows with its heading, and then may break; the publication's list of
    areas stays together."""
    path = tmp_path / "publication.docx"
    export_docx(sample_plan, path, WordOptions(preset="publication"))
    body = open_docx(path).element.body
    by_caption = {t.find(f"{W}tblPr/{W}tblCaption").get(qn("w:val")): t for t in body.iter(f"{W}tbl")}
    summary = next(t for caption, t in by_caption.items() if caption.startswith("RAG ratings by area"))
    summary_rows = rows(summary)
    assert all(_kept(tr) for tr in summary_rows[:-1]) and not _kept(summary_rows[-1])
    glossary = rows(by_caption["Glossary"])
    assert len(glossary) > 13
    assert [_kept(tr) for tr in glossary[:5]] == [True, True, True, True, False]
    assert not any(_kept(tr) for tr in glossary[4:])
    for tbl in action_tables(open_docx(path)):
        assert not any(_kept(tr) for tr in rows(tbl)[1:])  # action rows are paginated by height instead
    paragraphs = list(body.iterchildren(f"{W}p"))
    start = next(i for i, p in enumerate(paragraphs) if "".join(t.text or "" for t in p.iter(f"{W}t"))
                 == "The areas for improvement")
    listed = paragraphs[start + 1:start + 1 + len(sample_plan.areas)]
    assert [p.find(f"{W}pPr/{W}keepNext") is not None for p in listed] == [True] * (len(listed) - 1) + [False]


def test_publication_keeps_the_wordy_columns_readable(sample_plan: Plan, tmp_path: Path) -> None:
    """Ten columns at 11 pt: the shortest table is not bought with an Actions column of eight letters
    a line; Objective and Actions leave at least 55 pt for text (nine or ten average characters at 11 pt,
    where the shortest layout left 50 pt)."""
    path = tmp_path / "publication.docx"
    export_docx(sample_plan, path, WordOptions(preset="publication"))
    for tbl in action_tables(open_docx(path)):
        widths_pt = [int(g.get(qn("w:w"))) / 20 for g in tbl.iter(f"{W}gridCol")]
        headers = [cell_text(tc) for tc in rows(tbl)[0].iter(f"{W}tc")]
        for name in ("Objective", "Actions"):
            assert widths_pt[headers.index(name)] - 2 * 70 / 20 >= 55, (name, widths_pt)  # 70 twips margins


def test_publication_blanks_say_nothing_was_recorded(sample_plan: Plan, tmp_path: Path) -> None:
    """An empty Evidence cell reads "None recorded", not "None" (which reads like a finding)."""
    columns = parse_columns("action_no,objective,action,rag,owner,due,evidence,progress")
    path = export_docx(sample_plan, tmp_path / "e.docx", WordOptions(preset="publication", columns=columns)).path
    tbl = action_tables(open_docx(path))[0]
    evidence = [cell_text(tc) for tc in column(tbl, "Evidence")]
    assert "None recorded" in evidence and "None" not in evidence and "" not in evidence

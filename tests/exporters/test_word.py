"""Word export: open the .docx written and check what is inside."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx_helpers import (
    W,
    action_tables,
    cell_text,
    column,
    fill_of,
    header_titles,
    open_docx,
    rows,
    run_colour,
    run_text,
    runs,
)
from sendplan.exporters.word import OptionsError, WordOptions, export_docx, parse_columns

from sendplan.colours import contrast
from sendplan.model import Plan, new_plan
from sendplan.review_state import ReviewNotFound, find_review


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from sendplan.resources.sample_builder import build_sample_plan

    plan = build_sample_plan()
    folder = tmp_path_factory.mktemp("word")
    return {preset: export_docx(plan, folder / f"{preset}.docx", WordOptions.for_preset(preset)).path
            for preset in ("review-pack", "publication", "table-only")}


PRESETS = ["review-pack", "publication", "table-only"]


@pytest.mark.parametrize("preset", PRESETS)
def test_every_section_is_a4_landscape(exported: dict[str, Path], preset: str) -> None:
    for section in open_docx(exported[preset]).sections:
        assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
        assert section.orientation == 1  # landscape
        assert Mm(10) <= section.left_margin <= Mm(15)


@pytest.mark.parametrize("preset", PRESETS)
def test_one_action_table_per_area_with_repeating_header(exported: dict[str, Path], preset: str) -> None:
    tables = action_tables(open_docx(exported[preset]))
    assert len(tables) == 4
    for tbl in tables:
        header = rows(tbl)[0]
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in rows(tbl)[1:])
        assert header_titles(tbl) == ["Action No", "Objective", "Actions", "RAG", "By Whom", "By When",
                                      "Intended Outcomes", "Key Performance Indicators",
                                      "Progress 2025/2026", "Progress 2026/2027"]
        assert tbl.find(f"{W}tblPr/{W}tblDescription") is not None
    assert sum(len(rows(t)) - 1 for t in tables) == 60


@pytest.mark.parametrize("preset", PRESETS)
def test_rag_cells_are_shaded_and_name_the_rating(exported: dict[str, Path], preset: str) -> None:
    colours = {"Red": "C00000", "Amber": "FFC000", "Green": "00B050", "Blue": "0070C0"}
    seen = set()
    for tbl in action_tables(open_docx(exported[preset])):
        for tc in column(tbl, "RAG"):
            word, *before = cell_text(tc).split("\n")
            assert word in colours, word
            assert fill_of(tc) == colours[word]
            # internal documents say what it was at the review before (import reads it back)
            assert before == [] if preset == "publication" else len(before) <= 1
            assert all(line.removeprefix("was ") in colours for line in before), before
            for run in runs(tc):
                assert contrast(run_colour(run) or "000000", colours[word]) >= 4.5
            seen.add(word)
    assert seen == set(colours)


def test_rating_at_the_previous_review_is_printed_and_read_back(sample_plan: Plan, tmp_path: Path) -> None:
    from sendplan.exporters.word import import_docx  # noqa: PLC0415

    options = WordOptions(embed=False)
    document = open_docx(export_docx(sample_plan, tmp_path / "pack.docx", options).path)
    ordered = sample_plan.reviews_by_date()
    cells = [cell_text(tc) for tbl in action_tables(document) for tc in column(tbl, "RAG")]
    actions = [a for _, _, a in sample_plan.iter_actions()]
    expected = []
    for action in actions:
        now, before = (sample_plan.rag_level(sample_plan.rating_at(action, r)) for r in ordered[-1:-3:-1])
        expected.append(f"{now.name}\nwas {before.name}" if before else now.name)
    assert cells == expected
    assert any("\nwas " in c and c.split("\n")[0] != c.split("\n")[1][4:] for c in cells), "a rating that moved"
    imported = import_docx(tmp_path / "pack.docx").plan
    back = imported.reviews_by_date()
    for action, again in zip(actions, (a for _, _, a in imported.iter_actions()), strict=True):
        for review, same in zip(ordered[-2:], back[-2:], strict=True):
            assert imported.rating_at(again, same) == sample_plan.rating_at(action, review)


def test_review_pack_merges_objective_cells(exported: dict[str, Path]) -> None:
    tbl = action_tables(open_docx(exported["review-pack"]))[0]
    merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in column(tbl, "Objective")]
    starts = [m for m in merges if m is not None and m.get(qn("w:val")) == "restart"]
    continues = [m for m in merges if m is not None and m.get(qn("w:val")) is None]
    assert len(starts) == 5  # five objectives in area 1
    assert len(continues) == len(merges) - 5
    assert cell_text(column(tbl, "Action No")[0]) == "1.1"
    actions = [cell_text(tc) for tc in column(tbl, "Actions")]
    assert actions[1].startswith("1.1 (b) ") and actions[4].startswith("1.2 (a) ")


def test_publication_has_no_merged_or_empty_cells(exported: dict[str, Path]) -> None:
    document = open_docx(exported["publication"])
    body = document.element.body
    assert not list(body.iter(f"{W}vMerge")) and not list(body.iter(f"{W}gridSpan"))
    for tc in body.iter(f"{W}tc"):
        assert cell_text(tc).strip(), "a publication table cell is empty"
    tbl = action_tables(document)[0]
    assert [cell_text(tc) for tc in column(tbl, "Action No")[:3]] == ["1.1 (a)", "1.1 (b)", "1.1 (c)"]
    objectives = [cell_text(tc) for tc in column(tbl, "Objective")[:2]]
    assert objectives[0] == objectives[1] != ""


def test_publication_text_is_at_least_11_point(exported: dict[str, Path]) -> None:
    document = open_docx(exported["publication"])
    for style in document.styles:
        size = getattr(getattr(style, "font", None), "size", None)
        if size is not None and style.name in ("Normal", "TableText", "TableHeading", "AreaWording"):
            assert size.pt >= 11, style.name
    parts = [document.element, *(s.footer._element for s in document.sections),
             *(s.header._element for s in document.sections)]
    for part in parts:
        for sz in part.iter(f"{W}sz"):
            assert int(sz.get(qn("w:val"))) >= 22


def test_publication_text_colours_have_contrast(exported: dict[str, Path]) -> None:
    for tc in open_docx(exported["publication"]).element.body.iter(f"{W}tc"):
        background = fill_of(tc) or "FFFFFF"
        for run in runs(tc):
            if run_text(run).strip():
                assert contrast(run_colour(run) or "000000", background) >= 4.5, run_text(run)


def test_progress_is_per_period_labelled_and_coloured(exported: dict[str, Path]) -> None:
    tbl = action_tables(open_docx(exported["review-pack"]))[0]
    first = column(tbl, "Progress 2025/2026")[0]
    paragraphs = first.findall(f"{W}p")
    labels = [run_text(runs(p)[0]) for p in paragraphs]
    assert labels == ["Dec 2025: ", "Mar 2026: ", "Jun 2026: "]
    assert run_colour(runs(paragraphs[0])[0]) == "1F4E79" and run_colour(runs(paragraphs[1])[0]) == "7030A0"
    later = [run_text(runs(p)[0]) for p in column(tbl, "Progress 2026/2027")[0].findall(f"{W}p")]
    assert later[0] == "Sep 2026: "


def test_by_when_keeps_earlier_dates_visible(exported: dict[str, Path]) -> None:
    pack = action_tables(open_docx(exported["review-pack"]))[0]
    cell = [tc for tc in column(pack, "By When") if "31.12.26" in cell_text(tc)][0]
    struck = [run_text(r) for r in runs(cell) if r.find(f"{W}rPr/{W}strike") is not None]
    assert struck == ["30.06.26", "30.09.26"] and cell_text(cell).endswith("31.12.26")
    assert cell_text(cell) == "was 30.06.26\nwas 30.09.26\n31.12.26", "superseded in words, not by strikethrough alone"
    publication = action_tables(open_docx(exported["publication"]))[0]
    cell = [tc for tc in column(publication, "By When") if "31.12.26" in cell_text(tc)][0]
    assert cell_text(cell) == "31.12.26\nwas 30.06.26\nwas 30.09.26"
    assert not [r for r in runs(cell) if r.find(f"{W}rPr/{W}strike") is not None]


@pytest.mark.parametrize("preset", PRESETS)
def test_footer_has_page_x_of_y_fields_and_version(exported: dict[str, Path], preset: str) -> None:
    footer = open_docx(exported[preset]).sections[0].footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    assert text.startswith("Final v1.4 · Progress at November 2026 review (16.11.26) · Page ")


@pytest.mark.parametrize("preset", PRESETS)
def test_properties_language_and_headings(exported: dict[str, Path], preset: str) -> None:
    document = open_docx(exported[preset])
    assert document.core_properties.title == "Northbridge SEND Written Statement of Action"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == "Northbridge Local Area Partnership"
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(qn("w:val")) == "en-GB"
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert levels and levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, "heading levels must not skip"
    areas = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Area")]
    assert areas[0] == "Area for improvement 1: Leadership and self-evaluation"
    assert [a.split(":")[0] for a in areas] == [f"Area for improvement {n}" for n in range(1, 5)]


def test_review_pack_summary_chart_and_exceptions(exported: dict[str, Path]) -> None:
    document = open_docx(exported["review-pack"])
    pictures = list(document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert len(pictures) == 1
    alt = pictures[0].get("descr")
    assert alt.startswith("Stacked bar chart of RAG ratings by area at November 2026 review")
    assert "Area 1 (Leadership and self-evaluation)" in alt
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary of progress at November 2026 review" in headings
    assert "Red actions (1)" in headings and "Overdue actions (18)" in headings
    assert "Actions whose date was revised (7)" in headings
    assert "Key performance measures" in headings
    assert headings.index("RAG key") < headings.index("Action plan") < headings.index("Glossary")
    assert "Review dates" in headings and "Governance and membership" in headings


def test_table_only_has_just_the_tables(exported: dict[str, Path]) -> None:
    document = open_docx(exported["table-only"])
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Northbridge SEND Written Statement of Action", "RAG key", "Progress key", "Action plan"]
    assert [h.split(":")[0] for h in headings[4:]] == [f"Area for improvement {n}" for n in range(1, 5)]
    assert len(action_tables(document)) == 4 and len(document.tables) == 6 and not document.inline_shapes


def test_marking_on_every_page_when_set(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "m.docx",
                       WordOptions.for_preset("review-pack", marking="official-sensitive")).path
    section = open_docx(path).sections[0]
    header = [p.text for p in section.header.paragraphs]
    footer = [p.text for p in section.footer.paragraphs]
    assert header[0] == "OFFICIAL-SENSITIVE" and footer[-1] == "OFFICIAL-SENSITIVE"
    assert section.header.paragraphs[0].alignment == 1 or \
        section.header.paragraphs[0]._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "center"
    sample_plan.protective_marking = "Official"
    publication = export_docx(sample_plan, tmp_path / "p.docx", WordOptions.for_preset("publication")).path
    assert "OFFICIAL" not in "".join(p.text for p in open_docx(publication).sections[0].header.paragraphs)


def test_columns_can_be_hidden_renamed_and_reordered(sample_plan: Plan, tmp_path: Path) -> None:
    columns = parse_columns("action_no,action,rag,owner=Lead,due=Deadline,progress=Update {period}")
    path = export_docx(sample_plan, tmp_path / "c.docx",
                       WordOptions.for_preset("table-only", columns=columns)).path
    tbl = action_tables(open_docx(path))[0]
    assert header_titles(tbl) == ["Action No", "Actions", "RAG", "Lead", "Deadline",
                                  "Update 2025/2026", "Update 2026/2027"]
    widths = [int(c.get(qn("w:w"))) for c in tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]
    assert abs(sum(widths) - Mm(297 - 2 * 12.7).twips) <= len(widths) * 2
    with pytest.raises(OptionsError, match="frog"):
        parse_columns("action,frog")


def test_report_at_an_earlier_review(sample_plan: Plan, tmp_path: Path) -> None:
    review = find_review(sample_plan, "Mar 2026")
    assert review is not None and find_review(sample_plan, "16/03/2026") is review
    path = export_docx(sample_plan, tmp_path / "r.docx",
                       WordOptions.for_preset("review-pack", review_id=review.id)).path
    document = open_docx(path)
    tbl = action_tables(document)[0]
    assert header_titles(tbl)[-1] == "Progress 2025/2026"  # later periods not reached yet
    text = "\n".join(cell_text(tc) for tc in column(tbl, "Progress 2025/2026"))
    assert "Mar 2026:" in text and "Jun 2026:" not in text
    action = sample_plan.areas[0].objectives[0].actions[0]
    assert cell_text(column(tbl, "RAG")[0]).lower().split("\n")[0] == action.ratings[review.id]
    assert "Progress at March 2026 review" in "".join(p.text for p in document.sections[0].footer.paragraphs)
    with pytest.raises(ReviewNotFound, match="no review matches"):
        find_review(sample_plan, "Christmas")


def test_a_review_is_found_by_the_start_of_its_label(sample_plan: Plan) -> None:
    """"June 2026" finds "June 2026 review"; a start shared by two labels finds neither."""
    june = next(r for r in sample_plan.reviews if r.label == "June 2026 review")
    assert find_review(sample_plan, "june 2026") is june and find_review(sample_plan, "June") is june
    with pytest.raises(ReviewNotFound, match="no review matches"):
        find_review(sample_plan, "June 20")  # whole words only
    sample_plan.reviews.append(replace(june, id="extra", label="June 2026 review (extra)"))
    with pytest.raises(ReviewNotFound, match="no review matches"):
        find_review(sample_plan, "June 2026")


def test_empty_plan_gives_a_clear_short_document(tmp_path: Path) -> None:
    for preset in PRESETS:
        path = export_docx(new_plan("Empty plan"), tmp_path / f"{preset}.docx", WordOptions.for_preset(preset)).path
        text = "\n".join(p.text for p in open_docx(path).paragraphs)
        assert "has no areas for improvement or actions yet" in text


def test_plan_without_reviews(sample_plan: Plan, tmp_path: Path) -> None:
    sample_plan.reviews = []
    for _, _, action in sample_plan.iter_actions():
        action.ratings.clear()
        for update in action.progress:
            update.review_id = ""
    path = export_docx(sample_plan, tmp_path / "n.docx", WordOptions.for_preset("publication")).path
    tbl = action_tables(open_docx(path))[0]
    assert header_titles(tbl)[-1] == "Progress"
    assert {cell_text(tc) for tc in column(tbl, "RAG")} == {"Not rated"}
    assert "Work on" in cell_text(column(tbl, "Progress")[0])


def test_awkward_text_exports_cleanly(sample_plan: Plan, tmp_path: Path) -> None:
    action = sample_plan.areas[0].objectives[0].actions[0]
    action.text = "Bell\x07 vertical\x0btab NUL\x00 🙂 emoji"  # set directly: no cleaning on the way in
    action.owner = "מנהל השירות"
    action.outcomes = "word " * 12000
    short = sample_plan.areas[0].objectives[0].actions[1]
    short.text, short.outcomes, short.kpis, short.progress = "A short action.", "Better.", "Done.", []
    path = export_docx(sample_plan, tmp_path / "a.docx", WordOptions.for_preset("review-pack")).path
    tbl = action_tables(open_docx(path))[0]
    assert cell_text(column(tbl, "Actions")[0]) == "1.1 (a) Bell vertical\ntab NUL 🙂 emoji"
    owner = column(tbl, "By Whom")[0]
    assert owner.find(f"{W}p/{W}pPr/{W}bidi") is not None
    long_row = rows(tbl)[1]
    assert long_row.find(f"{W}trPr/{W}cantSplit") is None, "a row taller than a page may split"
    assert rows(tbl)[2].find(f"{W}trPr/{W}cantSplit") is not None, "a short row stays whole"


def test_failed_export_leaves_the_old_file(sample_plan: Plan, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"the previous pack")
    from sendplan.exporters.word.write.package import WordPackage

    def broken(self: object, **_: object) -> None:  # the disk fills up once the body is written
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(WordPackage, "finish", broken)
    with pytest.raises(OSError):
        export_docx(sample_plan, target, WordOptions())
    assert target.read_bytes() == b"the previous pack"
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_progress_callback_reaches_the_end(sample_plan: Plan, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    export_docx(sample_plan, tmp_path / "p.docx", WordOptions(), progress=lambda d, t: steps.append((d, t)))
    assert steps[0] == (0, 6) and steps[-1] == (6, 6)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)


def test_overdue_is_counted_at_the_review_date(sample_plan: Plan, tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "o.docx", WordOptions(as_of=date(2030, 1, 1))).path
    headings = [p.text for p in open_docx(path).paragraphs if p.style.name.startswith("Heading")]
    overdue = next(h for h in headings if h.startswith("Overdue actions"))
    assert int(re.search(r"\((\d+)\)", overdue)[1]) > 18  # type: ignore[index]


def test_many_areas_split_the_chart_into_page_sized_images(sample_plan: Plan, tmp_path: Path) -> None:
    import copy

    from sendplan.model import new_id

    for _ in range(6):  # 4 → 28 areas
        for area in copy.deepcopy(sample_plan.areas[:4]):
            area.id, area.ref = new_id(), str(len(sample_plan.areas) + 1)
            for objective in area.objectives:
                objective.id = new_id()
                for action in objective.actions:
                    action.id = new_id()
                    action.measures = []
                    for update in action.progress:
                        update.id = new_id()
            sample_plan.areas.append(area)
    document = open_docx(export_docx(sample_plan, tmp_path / "big.docx", WordOptions()).path)
    shapes = document.inline_shapes
    assert 2 <= len(shapes) <= 4
    for shape in shapes:
        assert shape.height <= Mm(160) and shape.width == shapes[0].width
        assert shape._inline.docPr.get("descr").startswith("Stacked bar chart")
    titles = [s._inline.docPr.get("title") for s in shapes]
    ranges = [re.search(r"\(areas (\d+) to (\d+)\)$", t).groups() for t in titles]  # type: ignore[union-attr]
    assert ranges[0][0] == "1" and ranges[-1][1] == "28"
    assert all(int(b[0]) == int(a[1]) + 1 for a, b in zip(ranges, ranges[1:], strict=False))


def test_chart_labels_with_line_breaks(sample_plan: Plan, tmp_path: Path) -> None:
    sample_plan.rag_scale[0].name = "Red\r(off track)"
    sample_plan.areas[0].title = "Two\nlines"
    sample_plan.reviews[-1].label = "Last\nreview"
    document = open_docx(export_docx(sample_plan, tmp_path / "c.docx", WordOptions()).path)
    assert len(document.inline_shapes) == 1


def test_a_missing_folder_or_unwritable_file_is_named_plainly(sample_plan: Plan, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The error names the folder or file the user chose (never the temporary file beside it), and
    nothing is left behind."""
    with pytest.raises(FileNotFoundError) as missing:
        export_docx(sample_plan, tmp_path / "no such folder" / "pack.docx")
    assert missing.value.filename == str(tmp_path / "no such folder")
    assert missing.value.strerror == "there is no such folder"

    @contextmanager
    def refuse(target: Path) -> Iterator[None]:
        raise PermissionError(13, "Permission denied", str(target.parent / f".{target.name}.tmp"))
        yield
    monkeypatch.setattr("sendplan.exporters.word.write.document.atomic_file", refuse)
    with pytest.raises(PermissionError) as refused:
        export_docx(sample_plan, tmp_path / "pack.docx")
    assert refused.value.filename == str(tmp_path / "pack.docx")
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("no such folder"))


def test_review_notes_print_in_the_review_dates_and_come_back(sample_plan: Plan, tmp_path: Path) -> None:
    from sendplan.exporters.word import import_docx  # noqa: PLC0415

    sample_plan.reviews[2].note = "Moved a week for the joint visit"
    path = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions(embed=False)).path
    tables = open_docx(path).tables
    header = ["Review", "Date", "Reporting period", "Note"]
    dates = next(t for t in tables if [c.text for c in t.rows[0].cells] == header)
    assert [row.cells[3].text for row in dates.rows[1:]] == [r.note for r in sample_plan.reviews_by_date()]
    imported = import_docx(path).plan
    assert [r.note for r in imported.reviews_by_date()] == [r.note for r in sample_plan.reviews_by_date()]


@pytest.mark.parametrize("preset", ["review-pack", "publication"])
def test_a_reporting_period_nobody_gave_is_left_out_not_printed_as_none(sample_plan: Plan, tmp_path: Path,
                                                                        preset: str) -> None:
    """Plans imported without periods: the keys and review dates leave the column out ("None" in every row of a
    publication read as a fault)."""
    for review in sample_plan.reviews:
        review.period = ""
    path = export_docx(sample_plan, tmp_path / f"{preset}.docx", WordOptions.for_preset(preset)).path
    headers = [[c.text for c in t.rows[0].cells] for t in open_docx(path).tables]
    assert ["Label", "Review", "Date"] in headers
    assert not any("Reporting period" in row for row in headers)
    if preset == "publication":
        assert ["Review", "Date"] in headers or ["Review", "Date", "Note"] in headers


def test_days_overdue_say_the_day_they_are_counted_to(sample_plan: Plan, tmp_path: Path) -> None:
    review = sample_plan.latest_review()
    path = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions(embed=False)).path
    headers = [[c.text for c in t.rows[0].cells] for t in open_docx(path).tables]
    assert ["Action", "Description", "By Whom", "Due", f"Days overdue at {review.day:%d.%m.%y}"] in headers

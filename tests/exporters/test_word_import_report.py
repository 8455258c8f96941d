"""The import report says plainly what changed, even when the change is far into a long cell."""

from __future__ import annotations

from pathlib import Path

from sendplan.exporters.office import ImportReport, clip_change
from sendplan.exporters.word import CellEdit, WordOptions, export_docx, import_docx

from sendplan.model import Plan

LONG = ("Reconstitute the improvement board with revised terms of reference, parent carer co-chairs and "
        "named senior leads from each partner")


def test_a_change_at_the_end_of_a_long_cell_is_visible() -> None:
    before, after = clip_change(LONG, LONG + " Edited by hand.")
    assert before != after
    assert after.endswith("Edited by hand.") and after.startswith("…")
    assert "from each partner" in before and len(after) <= 80


def test_short_changes_are_shown_whole() -> None:
    assert clip_change("Head of SEND", "Someone new") == ("Head of SEND", "Someone new")


def test_report_line_for_an_edit_past_the_clip(tmp_path: Path) -> None:
    report = ImportReport(source=tmp_path / "pack.docx")
    report.edits.append(CellEdit("id1", "1.1 (a)", "Actions", LONG, LONG + " Edited by hand."))
    (line,) = report.edit_lines()
    old, new = line.split(": ", 1)[1].split(" → ")
    assert old != new and "Edited by hand." in new


def test_the_count_at_the_top_matches_the_sections_below(tmp_path: Path) -> None:
    report = ImportReport(source=tmp_path / "plan.docx", guesses=["“Mar 24” was taken as 31/03/2024."])
    text = report.text()
    assert "1 thing to check." in text and "Guesses (1):" in text
    assert "Other things to check (0):" in text and "\nThings to check (0)" not in text


def test_a_sendplan_document_without_its_plan_says_only_the_print_came_back(sample_plan: Plan,
                                                                           tmp_path: Path) -> None:
    path = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions.for_preset("review-pack", embed=False)).path
    text = import_docx(path).report.text()
    assert "without the plan saved inside it" in text and "only what the document prints came back" in text
    assert "without the plan saved inside it" not in ImportReport(source=tmp_path / "other.docx").text()


def test_an_odt_is_not_told_its_name_misleads(tmp_path: Path) -> None:
    import zipfile  # noqa: PLC0415

    import pytest  # noqa: PLC0415
    from sendplan.exporters.office import OfficeFileError  # noqa: PLC0415

    for name, misleading in (("plan.odt", False), ("plan.docx", True)):
        with zipfile.ZipFile(tmp_path / name, "w") as package:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", "<office:document-content/>")
        with pytest.raises(OfficeFileError) as raised:
            import_docx(tmp_path / name)
        assert ("whatever its name says" in str(raised.value)) is misleading
        assert "OpenDocument text document (.odt)" in str(raised.value)


def test_counts_say_one_of_a_kind_in_the_singular(tmp_path: Path) -> None:
    report = ImportReport(source=tmp_path / "plan.docx", unplaced=["from a RAG cell: Purple"])
    report.counts = {"Areas": 2, "Reviews": 1, "Narrative sections": 1, "Progress updates": 0}
    assert report.counted() == "2 areas, 1 review, 1 narrative section, 0 progress updates"
    assert report.checks() == "1 thing to check"

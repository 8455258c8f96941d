"""Reading returned workbooks within bounds: far cells, chart sheets, odd files, warnings, exit codes,
and every cell sendplan writes is safe text (no formula from user text on any sheet)."""

from __future__ import annotations

import re
import time
import tracemalloc
import warnings
import zipfile
from datetime import date
from itertools import cycle
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from sendplan.exporters.excel import META, export_tracker, read_workbook
from sendplan.exporters.returns import read_returns, write_returns

from sendplan.cli import main
from sendplan.codec import entity_fields, iter_entities
from sendplan.model import Plan
from sendplan.storage import save_new_plan

OWNER = "Head of Inclusion"


def _return(plan: Plan, folder: Path, progress: str = "Training delivered to all SENCOs.") -> Path:
    path = write_returns(plan, folder, owners=[OWNER]).files[OWNER]
    book = load_workbook(path)
    book["Your actions"]["G2"] = progress
    book.save(path)
    return path


def _edit(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def _bounded(function):  # type: ignore[no-untyped-def]
    """(result, seconds, peak MB) of one call."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _progress_only(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.new for c in result.changes if c.kind == "progress"]


def test_a_cell_at_xfd1048576_costs_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    def far(book) -> None:  # type: ignore[no-untyped-def]
        book["Your actions"]["XFD1048576"] = "stray"
        book["Instructions"]["XFD1048575"].number_format = "0.00"  # a styled empty cell: not a cell to read

    path = _edit(_return(sample_plan, tmp_path / "out"), far)
    assert path.stat().st_size < 40_000
    result, seconds, peak = _bounded(lambda: read_returns(sample_plan, [path]))
    assert _progress_only(result) == ["Training delivered to all SENCOs."]
    assert any("row 1,048,576 is beyond the 20,000 rows a return can have" in p for p in result.problems)
    assert seconds < 5 and peak < 60, (seconds, peak)  # loosely: the benchmark measures it properly


def test_ten_cells_far_down_a_far_column(sample_plan: Plan, tmp_path: Path) -> None:
    def sparse(book) -> None:  # type: ignore[no-untyped-def]
        sheet = book["Your actions"]
        for row in range(100_000, 100_010):
            sheet.cell(row=row, column=5000, value=f"far {row}")
        sheet.cell(row=3, column=900, value="wide")

    path = _edit(_return(sample_plan, tmp_path / "out"), sparse)
    result, seconds, peak = _bounded(lambda: read_returns(sample_plan, [path]))
    assert _progress_only(result) == ["Training delivered to all SENCOs."] and not result.unusable
    assert any("row 100,000 is beyond the 20,000 rows" in p for p in result.problems)
    assert any("column AHP is beyond the 200 columns a return can have" in p for p in result.problems)
    assert seconds < 5 and peak < 60, (seconds, peak)


def test_reader_keeps_only_existing_cells(tmp_path: Path, sample_plan: Plan) -> None:
    path = _edit(_return(sample_plan, tmp_path / "out"), lambda b: b["Your actions"].cell(row=19_999, column=3,
                                                                                         value="last"))
    book = read_workbook(path)
    sheet = book.sheet("your actions")
    assert sheet is not None and sheet.row(19_999)[3].value == "last" and 5000 not in sheet.rows
    assert [s.title for s in book.sheets] == ["Instructions", "Your actions", META]
    assert book.sheet(META).state == "veryHidden" and book.notes == []  # type: ignore[union-attr]


def test_a_chart_sheet_first_is_skipped(sample_plan: Plan, tmp_path: Path) -> None:
    def chart_first(book) -> None:  # type: ignore[no-untyped-def]
        chart = BarChart()
        chart.add_data(Reference(book["Your actions"], min_col=2, min_row=1, max_row=3), titles_from_data=True)
        book.create_chartsheet("Chart", 0).add_chart(chart)

    path = _edit(_return(sample_plan, tmp_path / "out"), chart_first)
    assert load_workbook(path).sheetnames[0] == "Chart"
    result = read_returns(sample_plan, [path])
    assert _progress_only(result) == ["Training delivered to all SENCOs."] and not result.unusable
    assert read_workbook(path).skipped == ["Chart"]


def test_an_empty_first_sheet_and_a_renamed_table_sheet(sample_plan: Plan, tmp_path: Path) -> None:
    def reshaped(book) -> None:  # type: ignore[no-untyped-def]
        del book[META]
        book["Plan"].title = "Actions 2026"
        book["Actions 2026"]["F2"] = "Red"
        book.create_sheet("Sheet1", 0)

    path = _edit(export_tracker(sample_plan, tmp_path / "tracker.xlsx"), reshaped)
    result = read_returns(sample_plan, [path])
    assert [(c.number, c.kind, c.new) for c in result.changes] == [("1.1 (a)", "rag", "Red")]
    empty = tmp_path / "empty.xlsx"
    blank = Workbook()
    blank.create_sheet("Sheet2")
    blank.save(empty)
    result = read_returns(sample_plan, [empty])
    assert result.unusable == ["empty.xlsx"] and "every sheet is empty" in result.problems[0]


@pytest.mark.parametrize("name", ["return.xls", "return", "return.zip", "RETURN.XLSX"])
def test_a_renamed_workbook_is_read_by_what_it_is(sample_plan: Plan, tmp_path: Path, name: str) -> None:
    renamed = tmp_path / name
    _return(sample_plan, tmp_path / "out").rename(renamed)
    result = read_returns(sample_plan, [renamed])
    assert _progress_only(result) == ["Training delivered to all SENCOs."] and result.problems == []


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for part, data in parts.items():
            package.writestr(part, data)
    return path


def test_files_that_cannot_be_used_say_what_they_are(sample_plan: Plan, tmp_path: Path) -> None:
    good = _return(sample_plan, tmp_path / "out")
    with zipfile.ZipFile(good) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    strict = _zip(tmp_path / "strict.xlsx", {n: d.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                                          b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                                             for n, d in parts.items()})
    xlsb = _zip(tmp_path / "binary.xlsb", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0\1"})
    word = _zip(tmp_path / "letter.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    broken = _zip(tmp_path / "broken.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not xml"})
    text = tmp_path / "notes.xlsx"
    text.write_text("Action No,Progress\n1.1 (a),Done\n", encoding="utf-8")
    result = read_returns(sample_plan, [strict, xlsb, word, broken, text])
    assert result.changes == [] and len(result.unusable) == 5
    strict_p, xlsb_p, word_p, broken_p, text_p = result.problems
    assert "Strict Open XML" in strict_p and "Save As" in strict_p and "Excel Workbook (.xlsx)" in strict_p
    assert "Excel binary workbook (.xlsb)" in xlsb_p and "Save As" in xlsb_p
    assert "is a Word document without the plan sendplan puts inside" in word_p
    assert "could not be read" in broken_p and "save it again" in broken_p
    assert "is not an Excel workbook" in text_p and "a Excel" not in " ".join(result.problems)
    for problem in result.problems:
        assert not re.search(r"\b[A-Z][a-z]+(Error|Exception)\b", problem), problem


def test_openpyxl_warnings_are_caught_and_the_bad_cell_named(sample_plan: Plan, tmp_path: Path) -> None:
    def huge_date(book) -> None:  # type: ignore[no-untyped-def]
        cell = book["Your actions"]["I2"]
        cell.value = 10**9
        cell.number_format = "dd/mm/yyyy"

    path = _edit(_return(sample_plan, tmp_path / "out"), huge_date)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read_returns(sample_plan, [path])
    assert [str(w.message) for w in caught] == []
    assert any("cell I2 shows an error" in p for p in result.problems)
    assert _progress_only(result) == ["Training delivered to all SENCOs."]


def test_merge_exit_codes(sample_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan_file = tmp_path / "plan.sendplan"
    save_new_plan(plan_file, sample_plan)
    good = _return(sample_plan, tmp_path / "out")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nothing", encoding="utf-8")
    assert main(["merge", str(plan_file), str(bad), str(tmp_path / "missing.xlsx")]) == 1
    out, err = capsys.readouterr()
    assert "bad.xlsx" in err and "missing.xlsx" in err and "no file could be used" in err
    assert "Traceback" not in err and "site-packages" not in err
    assert main(["merge", str(plan_file), str(bad), str(good)]) == 0
    out, err = capsys.readouterr()
    assert "Training delivered" in out and "bad.xlsx" in out and err == ""
    assert main(["merge", str(plan_file), str(bad), str(good), "--apply"]) == 1
    assert "nothing was applied" in capsys.readouterr().err


def _hostile(plan: Plan) -> None:
    """Every text field of the plan starts with a formula character."""
    prefixes = cycle(["=", "+", "-", "@"])
    skip = {"id", "key", "colour", "review_id", "workstream_id"}
    for entity in [plan, *iter_entities(plan)]:
        for name, hint in entity_fields(type(entity)):
            value = getattr(entity, name)
            if name in skip:
                continue
            if hint is str:
                setattr(entity, name, f"{next(prefixes)}{value or 'SUM(A1:A9)'}")
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                setattr(entity, name, tuple(f"{next(prefixes)}{v}" for v in value))


def test_no_formula_cell_on_any_sheet(sample_plan: Plan, tmp_path: Path) -> None:
    _hostile(sample_plan)
    assert sample_plan.title.startswith("=")
    books = [export_tracker(sample_plan, tmp_path / "tracker.xlsx"),
             *write_returns(sample_plan, tmp_path / "returns").files.values()]
    for path in books:
        with zipfile.ZipFile(path) as package:
            for part in (n for n in package.namelist() if n.startswith("xl/worksheets/")):
                assert b"<f>" not in package.read(part) and b"<f " not in package.read(part), f"{path.name} {part}"
        book = load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}"
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                        assert cell.quotePrefix, f"{path.name} {sheet.title}!{cell.coordinate}"
        meta = {r[0].value: r[1] for r in book[META].iter_rows()}
        assert meta["plan_title"].value == sample_plan.title and meta["plan_title"].data_type == "s"
    assert read_returns(sample_plan, books).unusable == []


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist()}


def test_odd_but_real_workbooks_found_in_the_wild(sample_plan: Plan, tmp_path: Path) -> None:
    """Cases from running benchmarks/xlsx_corpus.py over public test-suite workbooks."""
    parts = _parts(_return(sample_plan, tmp_path / "out"))
    # The workbook part somewhere other than xl/ (the package's relationships say where): still read.
    moved = {n.replace("xl/", "book/"): d.replace(b"/xl/", b"/book/").replace(b'Target="xl/', b'Target="book/')
             for n, d in parts.items()}
    elsewhere = _zip(tmp_path / "elsewhere.xlsx", moved)
    # A conditional format in a form openpyxl does not know: the cells are read all the same.
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    odd = dict(parts)
    odd[sheet] = parts[sheet].replace(b"</sheetData>", b'</sheetData><conditionalFormatting sqref="A1"><cfRule '
                                                       b'type="cellIs" operator="sideways" priority="1"/>'
                                                       b"</conditionalFormatting>", 1)
    formats = _zip(tmp_path / "formats.xlsx", odd)
    for path in (elsewhere, formats):
        result = read_returns(sample_plan, [path])
        assert _progress_only(result) == ["Training delivered to all SENCOs."], path.name
        assert result.unusable == [], result.problems


def test_files_that_are_not_returns_say_so_in_words(sample_plan: Plan, tmp_path: Path) -> None:
    parts = _parts(_return(sample_plan, tmp_path / "out"))
    backslashes = _zip(tmp_path / "backslashes.xlsx", {n.replace("/", "\\"): d for n, d in parts.items()})
    biff = tmp_path / "ancient.xls"
    biff.write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\0" * 64)
    web = tmp_path / "export.xls"
    web.write_text("<html><body><table><tr><td>Action No</td></tr></table></body></html>", encoding="utf-8")
    lock = tmp_path / "~$Update return - Head of Inclusion.xlsx"
    lock.write_bytes(b"\x0cJan Novak" + b" " * 150)
    book = Workbook()
    book.active.append(["ID", "Action No", "Action"])
    for n in range(25):
        book.active.append([f"id-{n}", f"9.{n}", "Not an action of this plan"])
    strangers = tmp_path / "pivot.xlsx"
    book.save(strangers)
    result = read_returns(sample_plan, [backslashes, biff, web, lock, strangers])
    assert result.changes == [] and len(result.unusable) == 5
    back_p, biff_p, web_p, lock_p, strangers_p = result.problems
    assert "is an Excel workbook written by a program that names the parts" in back_p and "Save As" in back_p
    assert "very old format (Excel 2.1–4.0)" in biff_p and "Save As" in biff_p
    assert "is a web page or XML file" in web_p and "whatever its name says" in web_p
    assert "the small file Excel keeps beside “Update return - Head of Inclusion.xlsx” while that is open" in lock_p
    assert strangers_p.startswith("No row of “pivot.xlsx” (sheet “Sheet”, 25 rows) matches an action in this plan")
    assert len(result.problems) == 5, "one message per file, not one per row"


def test_rows_that_match_nothing_are_listed_up_to_ten_then_counted(sample_plan: Plan, tmp_path: Path) -> None:
    def strangers(book) -> None:  # type: ignore[no-untyped-def]
        for n in range(30):
            book["Your actions"].append([f"id-{n}", f"9.{n}", "Not an action of this plan"])
    result = read_returns(sample_plan, [_edit(_return(sample_plan, tmp_path / "out"), strangers)])
    assert _progress_only(result) == ["Training delivered to all SENCOs."]
    unmatched = [p for p in result.problems if "match" in p]
    assert len(unmatched) == 11
    assert unmatched[-1].endswith("20 more rows match no action in the plan; they were not used.")


def test_cell_formats_openpyxl_refuses_are_skipped_and_dates_still_read(sample_plan: Plan, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    def new_date(book) -> None:  # type: ignore[no-untyped-def]
        book["Your actions"]["I2"] = date(2027, 3, 31)
        book["Your actions"]["J2"] = "Waiting for the new contract"
    parts = _parts(_edit(_return(sample_plan, tmp_path / "out"), new_date))
    styles = parts["xl/styles.xml"]
    parts["xl/styles.xml"] = re.sub(rb"<fills[^>]*>.*?</fills>", b'<fills count="1"><fill/></fills>', styles,
                                    flags=re.S)
    odd = _zip(tmp_path / "odd styles.xlsx", parts)
    with pytest.raises(Exception):  # noqa: B017, PT011 - openpyxl itself refuses the workbook
        load_workbook(odd, read_only=True)
    capsys.readouterr()
    result = read_returns(sample_plan, [odd])
    assert result.unusable == [] and _progress_only(result) == ["Training delivered to all SENCOs."]
    moved = [c for c in result.changes if c.kind == "date"]
    assert [(c.new, c.reason) for c in moved] == [("31/03/2027", "Waiting for the new contract")]
    assert capsys.readouterr() == ("", ""), "nothing openpyxl prints reaches the terminal"

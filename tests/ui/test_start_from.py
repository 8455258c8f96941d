"""Starting a plan in the app: from the inspection report (pasted or chosen, edited in the preview) and
from an Excel tracker; the start screen offers every way to begin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QListWidget, QPushButton, QTableWidget, QTreeWidget
from sendplan.ui import screen_fit, start_from
from sendplan.ui.app import StartScreen
from sendplan.ui.opening import open_plan

from sendplan.storage import load_plan

AREA_ONE = "Leaders in Fellside should make sure that every annual review leads to an updated plan within four weeks."
AREA_TWO = "Leaders should improve the local offer so that families can find short breaks without help."
REPORT = f"""Area SEND inspection of Fellside Local Area Partnership
Inspection dates: 2 to 6 June 2025
Date of previous inspection: 1 to 3 May 2018

Inspection outcome
The local area partnership’s arrangements lead to inconsistent experiences for children.

What is the area partnership doing that is effective?
• Health visitors identify needs early.

Areas for improvement
{AREA_ONE}

{AREA_TWO}
"""


def test_start_screen_offers_every_way_to_begin(qtbot: Any) -> None:
    start = StartScreen()
    qtbot.addWidget(start)
    names = [b.accessibleName() for b in start.findChildren(QPushButton)]
    assert names[:4] == ["New plan: blank", "New plan: from inspection report", "New plan: from word plan",
                         "New plan: from excel tracker"]


def test_new_plan_from_pasted_report_with_edits(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    start = StartScreen()
    qtbot.addWidget(start)
    target = tmp_path / "Fellside.sendplan"
    seen: dict[str, Any] = {}

    def paste(dialog: Any) -> bool:
        dialog.text.setPlainText(REPORT)
        return True

    def edit(dialog: Any) -> bool:
        areas = dialog.areas.table
        seen["areas"] = [areas.item(r, 0).text() for r in range(areas.rowCount())]
        areas.setCurrentCell(1, 0)
        dialog.areas.wording.setPlainText(AREA_TWO + " Edited.")
        areas.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
        sections = dialog.findChildren(QListWidget)[0]
        seen["sections"] = sections.item(0).checkState()
        sections.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.fields["title"].setText("Fellside priority plan")
        dialog.areas.add_area()
        dialog.areas.wording.setPlainText("Leaders should publish waiting times each month.")
        signatories: QTableWidget = dialog.signatories
        from PySide6.QtWidgets import QTableWidgetItem

        signatories.setItem(0, 0, QTableWidgetItem("Asha Patel"))
        signatories.setItem(0, 1, QTableWidgetItem("Director of Children's Services"))
        return True

    scripted.answers += [paste, edit, target]
    window = start_from.new_from_report(start, open_plan)
    assert window is not None and window.session.document.path == target
    assert seen == {"areas": [AREA_ONE, AREA_TWO], "sections": Qt.CheckState.Unchecked}
    plan = load_plan(target).plan
    assert plan.title == "Fellside priority plan"
    assert [a.wording for a in plan.areas] == [AREA_TWO + " Edited.",
                                               "Leaders should publish waiting times each month."]
    assert [a.ref for a in plan.areas] == ["1", "2"]
    assert plan.local_area == "Fellside Local Area Partnership"
    assert [(s.name, s.role) for s in plan.signatories] == [("Asha Patel", "Director of Children's Services")]
    assert [s.title for s in plan.sections] == ["Inspection outcome",
                                                "What is the area partnership doing that is effective?"]
    assert plan.sections[1].body == "Health visitors identify needs early."


def test_report_that_cannot_be_used_gives_a_message(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    def paste(dialog: Any) -> bool:
        dialog.text.setPlainText("Minutes of the allotment society.")
        return True

    scripted.answers.append(paste)
    assert start_from.new_from_report(None, open_plan) is None
    kind, text = scripted.shown[-1]
    assert kind == "warn" and "does not look like an area SEND inspection report" in text


def test_import_excel_tracker(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Fellside tracker"])
    sheet.append(["Area", "Ref", "Action", "Lead", "RAG Mar 26"])
    sheet.append(["Annual reviews", "1a", "Hold reviews on time", "SEND team", "Green"])
    sheet.append([None, "1b", "Check every plan", "Quality lead", "Red"])
    tracker = tmp_path / "tracker.xlsx"
    book.save(str(tracker))
    target = tmp_path / "Tracker plan.sendplan"
    seen: list[int] = []

    def preview(dialog: Any) -> bool:
        tree = dialog.findChild(QTreeWidget)
        seen.append(tree.topLevelItemCount())
        details = dialog.findChild(QListWidget)  # the column mapping wraps; the actions' wording gets the width
        assert details.wordWrap() and not tree.header().stretchLastSection()
        return dialog.windowTitle() == "Import an Excel tracker"

    scripted.answers += [tracker, preview, target]
    window = start_from.import_tracker(None, open_plan)
    assert window is not None and seen == [1]
    assert window.model.rowCount() == 1 and window.model.rowCount(window.model.index(0, 0)) == 2  # 1 objective
    plan = load_plan(target).plan
    assert [a.ref for _, _, a in plan.iter_actions()] == ["1a", "1b"]
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    scripted.answers.append(old)
    assert start_from.import_tracker(None, open_plan) is None
    assert scripted.shown[-1][0] == "warn" and ".xlsx" in scripted.shown[-1][1]


def test_file_menu_offers_both(window: Any) -> None:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Import Excel tracker…" in texts
    new = next(a.menu() for a in file_menu.actions() if a.text().replace("&", "") == "New plan")
    assert [a.text().replace("&", "") for a in new.actions()] == ["Blank…", "From inspection report…",
                                                                   "From Word plan…", "From Excel tracker…"]


def test_pdf_and_excel_readers_load_only_when_used(sample_file: Path, private_data_dir: Path) -> None:
    import os
    import subprocess
    import sys

    probe = ("import sys; from sendplan.ui import app; app.application(); "
             "w = app.open_plan(__import__('pathlib').Path(sys.argv[1])); "
             "w.menuBar().actions(); "
             "print('LOADED', [m for m in ('pypdf', 'pypdfium2', 'openpyxl', 'docx') if m in sys.modules])")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SENDPLAN_DATA_DIR": str(private_data_dir),
           "XDG_CONFIG_HOME": str(private_data_dir / "config")}
    result = subprocess.run([sys.executable, "-c", probe, str(sample_file)], capture_output=True, text=True,
                            timeout=120, env=env, encoding="utf-8")
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_keyboard_can_leave_every_text_box_and_edit_areas_wrapped(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    """Tab leaves the paste box and the preview's text boxes (it used to type a tab: a keyboard trap); a file
    chosen moves focus to "Read the report" and pasting afterwards reads the text; an area is edited in a
    wrapped box, not one line; the chosen narrative section's text is shown (not only in a tooltip)."""
    from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit
    from sendplan.exporters.report import read_report_text

    source = start_from.ReportSourceDialog()
    qtbot.addWidget(source)
    assert source.text.tabChangesFocus() and source.focusWidget() is source.text  # ready for Ctrl+V
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    scripted.answers.append(report)
    source.show()
    source.choose.click()
    assert source.path == report and source.focusWidget() is source.box.button(QDialogButtonBox.StandardButton.Ok)
    assert source.box.button(QDialogButtonBox.StandardButton.Ok).text() == "&Read the report"
    source.text.setPlainText(REPORT)
    assert source.path is None and "pasted text" in source.chosen.text()

    preview = start_from.ReportPreviewDialog(read_report_text(REPORT))
    qtbot.addWidget(preview)
    assert all(box.tabChangesFocus() for box in preview.findChildren(QPlainTextEdit))
    assert not preview.areas.table.tabKeyNavigation() and not preview.signatories.tabKeyNavigation()
    assert preview.areas.wording.toPlainText() == AREA_ONE  # the chosen area's whole wording, wrapped, below
    assert preview.areas.wording.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    preview.areas.wording.setPlainText("Leaders should\npublish waits.")
    assert preview.draft.areas[0].text == "Leaders should\npublish waits."
    assert preview.areas.table.item(0, 0).text() == "Leaders should publish waits."
    assert preview.section_text.toPlainText() == "Health visitors identify needs early."


def test_preview_fits_a_small_laptop_screen(qtbot: Any, monkeypatch: Any) -> None:
    from sendplan.exporters.report import read_report_text

    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(0, 0, 1366, 728))
    preview = start_from.ReportPreviewDialog(read_report_text(REPORT))
    qtbot.addWidget(preview)
    room = screen_fit.room(preview)
    assert (preview.width(), preview.height()) == (1000, min(700, room.height()))  # the title bar and taskbar fit
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(0, 0, 800, 600))
    screen_fit.fit_window(preview, QSize(3000, 3000))  # larger than any screen: kept inside it
    assert (preview.width(), preview.height()) == (800 - screen_fit.FRAME.width(), 600 - screen_fit.FRAME.height())

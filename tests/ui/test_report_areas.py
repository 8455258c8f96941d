"""The report preview's areas: each shown with its kind and responsible body, and put right by the officer
(edit, split, join, delete, add, re-order, undo) before the plan is made."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sendplan.exporters.report import DraftItem, ReportDraft, draft_to_plan
from sendplan.ui.start_from import ReportPreviewDialog

BODY = "Fellside Council and NHS Fellside Integrated Care Board"
ICB = "NHS Fellside Integrated Care Board"
STRATEGY = "Leaders should publish a shared strategy. Leaders should also fund it for three years."
WAITS = "Health leaders must cut the waits:\n• for autism assessments\n• for speech and language therapy"


def _draft() -> ReportDraft:
    draft = ReportDraft("report.pdf", "report", title="Fellside priority action plan",
                        partnership="Fellside Local Area Partnership")
    draft.areas = [
        DraftItem("Area for priority action", STRATEGY, kind="priority", body=BODY),
        DraftItem("Area for priority action", WAITS, kind="priority", body=ICB),
        DraftItem("", "Leaders should improve the local offer", kind="improvement"),
        DraftItem("", "so that families find short breaks without help.", kind="improvement"),
        DraftItem("", "Leaders should review home-to-school transport.", kind="improvement"),
    ]
    return draft


def _column(preview: ReportPreviewDialog, column: int) -> list[str]:
    table = preview.areas.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_each_area_is_shown_with_its_kind_and_responsible_body(qtbot: Any) -> None:
    preview = ReportPreviewDialog(_draft())
    qtbot.addWidget(preview)
    table = preview.areas.table
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == ["Area", "Kind", "No.", "Responsible body"]
    assert _column(preview, 3) == [BODY, ICB, "", "", ""]
    assert _column(preview, 1) == ["Priority action"] * 2 + ["Improvement"] * 3
    assert _column(preview, 0)[1] == "Health leaders must cut the waits: • for autism assessments • for speech and " \
                                     "language therapy"
    table.setCurrentCell(1, 0)
    assert preview.areas.wording.toPlainText() == WAITS and preview.areas.body.text() == ICB
    assert preview.areas.kind.currentText() == "Priority action"
    assert preview.areas.status.text() == "5 of 5 areas will go into the plan (2 for priority action, listed first)."
    assert preview.tabs.currentWidget() is preview.areas  # the areas are what the officer checks first


def test_the_officer_fixes_the_areas_before_the_plan_is_made(qtbot: Any) -> None:
    draft = _draft()
    preview = ReportPreviewDialog(draft)
    qtbot.addWidget(preview)
    editor, table = preview.areas, preview.areas.table
    buttons = editor.buttons

    table.setCurrentCell(0, 0)  # split: the second sentence is an area of its own, with the same body
    cursor = editor.wording.textCursor()
    cursor.setPosition(STRATEGY.index("Leaders should also"))
    editor.wording.setTextCursor(cursor)
    buttons["split"].click()
    assert table.currentRow() == 1 and _column(preview, 3)[:3] == [BODY, BODY, ICB]
    assert [a.text for a in draft.areas[:2]] == ["Leaders should publish a shared strategy.",
                                                 "Leaders should also fund it for three years."]

    table.setCurrentCell(3, 0)  # join: the reader cut one area in two
    buttons["join"].click()
    assert draft.areas[3].text == "Leaders should improve the local offer so that families find short breaks " \
                                  "without help."
    assert len(draft.areas) == 5

    table.setCurrentCell(4, 0)  # delete, undo, and delete again
    buttons["delete"].click()
    assert len(draft.areas) == 4
    buttons["undo"].click()
    assert draft.areas[4].text == "Leaders should review home-to-school transport." and table.currentRow() == 4
    buttons["up"].click()  # re-order: transport before the local offer
    assert [a.text[:22] for a in draft.areas[3:]] == ["Leaders should review ", "Leaders should improve"]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # and back, from the keyboard
    assert [a.text[:22] for a in draft.areas[3:]] == ["Leaders should improve", "Leaders should review "]

    editor.body.setText("Fellside Council")  # the body of an area for improvement, typed in
    assert _column(preview, 3)[4] == "Fellside Council"
    table.setCurrentCell(2, 0)  # an area the reader took for a priority action is one for improvement
    editor.kind.setCurrentIndex(1)
    assert draft.areas[2].kind == "improvement" and draft.areas[2].title == ""
    table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # left out
    buttons["add"].click()
    editor.wording.setPlainText("Leaders should publish waiting times each month.")
    editor.ref.setText("7")
    assert editor.status.text() == "5 of 6 areas will go into the plan (1 for priority action, listed first)."

    preview.accept()
    plan = draft_to_plan(draft)
    assert [(a.title, a.wording, a.responsible_body) for a in plan.areas] == [
        ("Area for priority action", "Leaders should publish a shared strategy.", BODY),
        ("", WAITS, ICB),
        ("", "Leaders should publish waiting times each month.", ""),
        ("", "Leaders should improve the local offer so that families find short breaks without help.", ""),
        ("", "Leaders should review home-to-school transport.", "Fellside Council"),
    ]
    assert [a.ref for a in plan.areas][2] == "7"


def test_split_needs_the_cursor_inside_the_wording(qtbot: Any) -> None:
    draft = _draft()
    preview = ReportPreviewDialog(draft)
    qtbot.addWidget(preview)
    preview.areas.table.setCurrentCell(4, 0)
    preview.areas.wording.moveCursor(preview.areas.wording.textCursor().MoveOperation.End)
    preview.areas.buttons["split"].click()
    assert len(draft.areas) == 5 and "Put the cursor" in preview.areas.status.text()
    assert not preview.areas.buttons["join"].isEnabled() and not preview.areas.buttons["down"].isEnabled()

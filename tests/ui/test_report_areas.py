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
    assert [(a.term, a.title, a.wording, a.responsible_body) for a in plan.areas] == [
        ("Area for priority action", "", "Leaders should publish a shared strategy.", BODY),
        ("", "", WAITS, ICB),
        ("", "", "Leaders should publish waiting times each month.", ""),
        ("", "", "Leaders should improve the local offer so that families find short breaks without help.", ""),
        ("", "", "Leaders should review home-to-school transport.", "Fellside Council"),
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


def _shown(qtbot: Any, draft: ReportDraft) -> ReportPreviewDialog:
    preview = ReportPreviewDialog(draft)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    preview.activateWindow()
    return preview


def test_undo_takes_back_typing_and_list_changes_in_the_order_made(qtbot: Any) -> None:
    """Select area 2, Ctrl+Down, type at the end of area 1's wording, Undo: the typing goes first (one step),
    then the move; Redo brings both back. Nothing typed is ever dropped by undoing a change to the list."""
    draft = _draft()
    preview = _shown(qtbot, draft)
    editor, table = preview.areas, preview.areas.table
    table.setCurrentCell(1, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [a.text for a in draft.areas[1:3]] == ["Leaders should improve the local offer", WAITS]
    table.setCurrentCell(0, 0)
    editor.wording.setFocus()
    qtbot.keyClick(editor.wording, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.wording, " Officer added this sentence.")
    typed = f"{STRATEGY} Officer added this sentence."
    assert draft.areas[0].text == typed
    assert editor.buttons["undo"].toolTip() == "Undo typing in area 1’s wording (Ctrl+Z)"

    editor.buttons["undo"].click()  # the typing, as one step
    assert draft.areas[0].text == STRATEGY and editor.wording.toPlainText() == STRATEGY
    assert draft.areas[2].text == WAITS  # the move stays
    assert editor.status.text().startswith("Undone: typing in area 1’s wording.")
    editor.buttons["undo"].setFocus()  # then the move: Ctrl+Z wherever the keyboard is, a button included
    qtbot.keyClick(editor.buttons["undo"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.text for a in draft.areas[:3]] == [STRATEGY, WAITS, "Leaders should improve the local offer"]
    assert not editor.buttons["undo"].isEnabled()
    editor.buttons["redo"].click()
    editor.wording.setFocus()
    qtbot.keyClick(editor.wording, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Y in the box
    assert draft.areas[0].text == typed and draft.areas[2].text == WAITS and editor.wording.toPlainText() == typed


def test_typing_after_undo_is_kept_and_ticks_are_steps(qtbot: Any) -> None:
    draft = _draft()
    preview = _shown(qtbot, draft)
    editor, table = preview.areas, preview.areas.table
    table.setCurrentCell(4, 0)
    editor.buttons["delete"].click()
    table.setCurrentCell(0, 0)
    editor.body.setFocus()
    editor.body.selectAll()
    qtbot.keyClicks(editor.body, "Fellside Council")
    table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    assert not draft.areas[1].include
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the tick
    assert draft.areas[1].include and draft.areas[0].body == "Fellside Council"
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the typing, then the delete
    assert draft.areas[0].body == BODY and len(draft.areas) == 4
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(draft.areas) == 5


def test_the_list_has_the_keyboard_when_the_preview_opens(qtbot: Any) -> None:
    draft = _draft()
    preview = _shown(qtbot, draft)
    table = preview.areas.table
    qtbot.waitUntil(lambda: preview.focusWidget() is table)
    qtbot.keyClick(preview.focusWidget(), Qt.Key.Key_Down)
    assert table.currentRow() == 1
    qtbot.keyClick(preview.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert table.currentRow() == 2 and draft.areas[2].text == WAITS


def test_rows_keep_room_for_their_text_after_a_change(qtbot: Any) -> None:
    """After a move or a split every row is still as tall as its wrapped text (a three-line responsible
    body included), with room above and below it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics
    from sendplan.ui.report_areas import PADDING

    draft = _draft()
    draft.areas[1].body = "Fellside Metropolitan Borough Council, NHS Fellside and Marsh Integrated Care Board " \
                          "and Fellside Children’s Trust"
    preview = _shown(qtbot, draft)
    preview.resize(1000, 700)
    editor, table = preview.areas, preview.areas.table
    table.setCurrentCell(1, 0)
    editor.buttons["down"].click()
    table.setCurrentCell(0, 0)
    cursor = editor.wording.textCursor()
    cursor.setPosition(STRATEGY.index("Leaders should also"))
    editor.wording.setTextCursor(cursor)
    editor.buttons["split"].click()
    qtbot.wait(50)
    metrics = QFontMetrics(table.font())
    for row in range(table.rowCount()):
        for column in (0, 3):
            width = table.columnWidth(column) - 12  # the cell's text margins
            text = table.item(row, column).text()
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            assert table.rowHeight(row) >= needed + 2 * PADDING - 1, (row, column, text)
    three_lines = next(r for r in range(table.rowCount()) if "Children’s Trust" in table.item(r, 3).text())
    assert table.rowHeight(three_lines) >= 3 * metrics.lineSpacing() + 2 * PADDING - 1


def test_a_disabled_buttons_key_never_types_into_the_wording(qtbot: Any) -> None:
    draft = _draft()
    preview = _shown(qtbot, draft)
    editor, table = preview.areas, preview.areas.table
    table.setCurrentCell(0, 0)
    assert not editor.buttons["up"].isEnabled()
    editor.wording.setFocus()
    qtbot.keyClick(editor.wording, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Move &up, disabled
    qtbot.keyClick(editor.body, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert draft.areas[0].text == STRATEGY and editor.wording.toPlainText() == STRATEGY
    assert draft.areas[0].body == BODY
    preview.tabs.setCurrentIndex(0)
    preview.outcome.setFocus()
    qtbot.keyClick(preview.outcome, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # on another tab too
    assert preview.outcome.toPlainText() == ""
    editor.wording.setFocus()
    qtbot.keyClick(editor.wording, Qt.Key.Key_U)  # typing itself still types
    assert draft.areas[0].text == "u" + STRATEGY


def test_a_body_the_reading_could_not_tell_is_shown_as_not_known(qtbot: Any) -> None:
    """Pasted text that cannot say which body an area is addressed to: the list says so plainly in the body's
    column, the box invites typing it, and the notes say why — never a guessed name."""
    from sendplan.ui.report_areas import UNKNOWN

    draft = _draft()
    draft.areas[1].body = ""
    draft.notes = ["The pasted text does not keep the table's two columns, so which body each area for priority "
                   "action is addressed to cannot be told: type each area's responsible body in."]
    preview = _shown(qtbot, draft)
    editor, table = preview.areas, preview.areas.table
    assert _column(preview, 3) == [BODY, UNKNOWN, "", "", ""]  # areas for improvement need no body
    assert table.item(1, 3).font().italic() and not table.item(0, 3).font().italic()
    table.setCurrentCell(1, 0)
    assert editor.body.text() == "" and editor.body.placeholderText().startswith("Not known")
    editor.body.setText(ICB)
    assert _column(preview, 3)[1] == ICB and not table.item(1, 3).font().italic()
    assert draft.notes[0] in preview.notes.toPlainText()
    preview.accept()
    assert draft.areas[1].body == ICB

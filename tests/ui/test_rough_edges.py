"""The rough edges of review day: no duplicate reviews, named colours, reasons for new dates, no
keyboard trap, Escape clears Find, the shortcut list, a plain "Export finished" and jobs kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sendplan.ui.start_review import StartReviewDialog

pytest_plugins = ["pytestqt"]


def test_start_review_never_repeats_a_review(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    existing = plan.latest_review()
    dialog = StartReviewDialog(plan, window)
    qtbot.addWidget(dialog)
    dialog.day.setText("14/12/2026")
    assert dialog.label.text() == "December 2026 review" and dialog.short.text() == "Dec 2026"
    dialog.day.setText(existing.day.strftime("%d/%m/%Y"))
    assert dialog.label.text() == f"{existing.label} 2", "the next free label is suggested"
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "already on" in dialog.error.text()
    dialog.day.setText("14/01/2027")
    dialog.label.setText(existing.label)
    dialog.label.textEdited.emit(existing.label)
    dialog.accept()
    assert "already a review called" in dialog.error.text()
    dialog.day.setText("15/01/2027")
    assert dialog.label.text() == existing.label, "an edited label stops following the date"
    assert "(" not in dialog.colour.itemText(0) and not dialog.colour.itemText(0).startswith("#")
    assert dialog.colour.currentData() in dialog.preview.text()


def test_a_new_date_in_the_grid_needs_a_reason(qtbot: Any, window: Any, scripted: Any) -> None:
    window.show_page("All actions")
    plan = window.session.plan
    action = plan.areas[0].objectives[0].actions[0]
    from sendplan.ui.action_model import COLUMNS

    index = window.proxy.mapFromSource(window.model.action_index(action.id, COLUMNS.index("due")))
    window.grid.setCurrentIndex(index)
    window.grid.edit(index)
    editor = [e for e in window.grid.findChildren(QLineEdit) if e.accessibleName().startswith("By When")][0]
    editor.setText("31/03/2027")
    scripted.answers.append("   ")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert action.due.current.display("uk") != "31/03/2027" and scripted.shown[-1][0] == "warn"


def test_escape_clears_find_and_the_filters_button_counts(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    window.focus_search()
    QTest.keyClicks(window.search, "board")
    assert window.filter_button.text() == "Filters (1 on)"
    QTest.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.filter_button.text() == "Filters"


def test_keyboard_shortcuts_in_help(qtbot: Any, window: Any, scripted: Any) -> None:
    from sendplan.ui.window_menus import show_shortcuts

    show_shortcuts(window)
    kind, text = scripted.shown[-1]
    assert kind == "inform" and "Ctrl+R" in text and "Review mode" in text and "R, A, G, B" in text


def test_tab_leaves_every_part_of_every_page(qtbot: Any, window: Any) -> None:
    """From each page, Tab reaches the navigator again: focus never stays trapped inside one widget."""
    qtbot.waitExposed(window)
    for page in ("All actions", "Dashboard", "Review mode", "Reviews", "Plan overview"):
        window.show_page(page)
        window.stack.currentWidget().setFocus()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen = []
        for _ in range(80):
            focus = QApplication.focusWidget()
            seen.append(focus)
            if focus is window.navigator:
                break
            QTest.keyClick(focus, Qt.Key.Key_Tab)
        assert window.navigator in seen, f"Tab did not leave the {page} page"
        runs = max(sum(1 for _ in group) for group in _runs(seen))
        assert runs <= 1, f"Tab stayed in one widget on the {page} page"


def _runs(items: list[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    for item in items:
        if groups and groups[-1][-1] is item:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def test_export_jobs_survive_clearing_filters_and_finish_plainly(qtbot: Any, window: Any, scripted: Any,
                                                                 tmp_path: Any) -> None:
    from sendplan.ui import export_job

    target = tmp_path / "tracker.xlsx"
    scripted.answers += [lambda d: d.kind.setCurrentText("Excel tracker") or True, target, "Show in folder"]
    export_job.export(window)
    window.clear_filters()
    assert window.export_jobs, "clearing the filters keeps the running export"
    qtbot.waitUntil(lambda: ("open_folder", str(tmp_path)) in scripted.shown, timeout=20000)
    assert ("finished", "Export finished") in scripted.shown and not window.export_jobs  # the plain box

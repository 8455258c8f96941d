"""The grid at a 1366×768 laptop: this review's progress in view without scrolling sideways, objectives
as header rows, columns shown or hidden from the header's menu, and widths remembered."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication
from sendplan.ui import app as app_module
from sendplan.ui.action_model import COLUMNS, HeaderRole


def _wholly_visible(window: Any, key: str) -> bool:
    header = window.grid.header()
    column = COLUMNS.index(key)
    left = header.sectionViewportPosition(column)
    return (not header.isSectionHidden(column) and left >= 0
            and left + header.sectionSize(column) <= window.grid.viewport().width())


def test_laptop_size_columns_and_header_rows(qtbot: Any, window: Any, sample_file: Any) -> None:
    window.resize(1366, 768)
    window.show_page("All actions")
    qtbot.waitExposed(window)
    QApplication.processEvents()
    for key in ("ref", "action", "rag", "due", "progress"):
        assert _wholly_visible(window, key), key
    assert window.grid.horizontalScrollBar().maximum() == 0
    first = window.proxy.index(0, 0)
    assert first.data(HeaderRole) and first.data().startswith("1.1  Establish governance")
    assert window.grid.isFirstColumnSpanned(0, first.parent())
    menu = window.grid.column_menu()
    titles = {a.text(): a for a in menu.actions()}
    assert "No" not in titles and not titles["Intended Outcomes"].isChecked()
    titles["Intended Outcomes"].setChecked(True)
    titles["By Whom"].setChecked(False)
    assert not window.grid.header().isSectionHidden(COLUMNS.index("outcomes"))
    window.grid.header().resizeSection(COLUMNS.index("action"), 300)
    window.close()
    reopened = app_module.open_plan(sample_file)
    qtbot.addWidget(reopened)
    header = reopened.grid.header()
    assert header.isSectionHidden(COLUMNS.index("owner")) and not header.isSectionHidden(COLUMNS.index("outcomes"))
    assert header.sectionSize(COLUMNS.index("action")) == 300


def test_an_editor_in_the_last_visible_row_stays_in_the_grid_and_its_column(qtbot: Any, window: Any) -> None:
    """F2 on By Whom in the row at the bottom of the grid: the editor is as wide as the column (By When stays in
    view) and moves up rather than running off the grid's bottom edge."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    window.resize(1366, 768)
    window.show_page("All actions")
    qtbot.waitExposed(window)
    QApplication.processEvents()
    grid, proxy = window.grid, window.proxy
    viewport = grid.viewport().rect()
    column = COLUMNS.index("owner")
    rows = [proxy.index(r, column, proxy.index(o, 0)) for o in range(proxy.rowCount())
            for r in range(proxy.rowCount(proxy.index(o, 0)))]
    last = max((i for i in rows if viewport.intersects(grid.visualRect(i))), key=lambda i: grid.visualRect(i).y())
    cell = grid.visualRect(last)
    assert cell.bottom() + 120 > viewport.bottom(), "the row is at the bottom: a tall editor would run off"
    grid.setCurrentIndex(last)
    QTest.keyClick(grid, Qt.Key.Key_F2)
    editor = grid.findChild(QPlainTextEdit)
    assert editor is not None and editor.isVisible()
    box = editor.geometry()
    assert viewport.contains(box), (box, viewport)
    assert box.width() == cell.width() and box.x() == cell.x()  # By When, to its right, is not covered
    assert box.height() >= 120 and box.bottom() == viewport.bottom()
    QTest.keyClick(editor, Qt.Key.Key_Escape)

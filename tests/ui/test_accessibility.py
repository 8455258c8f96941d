"""Every officer can use it: a screen reader is told every value (walked in Qt's accessibility tree), every
control is reached from the keyboard, text and focus stand out at 4.5:1 or more with a focus frame of at
least 2 pixels, ratings are never colour alone, and every dialog has a title and closes with Escape."""

from __future__ import annotations

from typing import Any

from a11y_tree import accessibility_problems, covers
from every_dialog import every_dialog
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionFocusRect
from sendplan.ui import look
from sendplan.ui.action_model import COLUMNS
from sendplan.ui.app import StartScreen
from sendplan.ui.navigator import PAGE_NAMES, rag_dots
from shiboken6 import isValid

from sendplan.colours import contrast
from sendplan.ratings import RatingLook


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_every_page_tells_a_screen_reader_everything(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    for page in ("All actions", "Review mode", *PAGE_NAMES):
        window.show_page(page)
        _settle()
        assert accessibility_problems(window) == [], page


def test_review_mode_says_the_values_not_their_names(qtbot: Any, window: Any) -> None:
    window.show_page("Review mode")
    _settle()
    page = window.review_page
    action = page.current()
    assert page.progress_line.accessibleName() == "57 of 60 updated at the November 2026 review"
    assert page.history.accessibleName() == ("RAG by review: Dec 2025 Amber, Mar 2026 Green, Jun 2026 Amber, "
                                             "Sep 2026 Green, Nov 2026 Blue")
    row = page.queue.index(action)
    said = page.queue_list.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == f"{action.ref} {action.text}: no update yet" and covers(said, page.queue_list.item(row).text())


def test_objective_rows_are_announced_in_every_cell(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    first = window.proxy.index(0, 0)
    said = {window.proxy.index(0, column).data(Qt.ItemDataRole.AccessibleTextRole) for column in range(len(COLUMNS))}
    assert said == {f"Objective {first.data()}"} and first.data().startswith("1.1  Establish governance")


def test_earlier_progress_is_reached_and_scrolled_from_the_keyboard(qtbot: Any, window: Any) -> None:
    window.resize(1280, 560)  # a short window: earlier progress has more than it can show
    window.show_page("Review mode")
    qtbot.waitExposed(window)
    page = window.review_page
    chain, widget = [], page.queue_list
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible()):
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[:3] == [page.earlier, page.chooser, page.update_box]
    bar = page.earlier.verticalScrollBar()
    assert bar.maximum() > 0
    page.earlier.setFocus()
    for _ in range(12):
        QTest.keyClick(page.earlier, Qt.Key.Key_Down)
    assert bar.value() > 0, "the arrow keys scroll it"
    shown = page.action_id
    QTest.keyClick(page.earlier, Qt.Key.Key_PageDown)
    assert page.action_id != shown, "Page Down still goes to the next action, as everywhere in review mode"


def test_every_dialog_has_a_title_names_and_escape(qtbot: Any, window: Any) -> None:
    for name, dialog in every_dialog(window, qtbot):
        dialog.show()
        _settle()
        assert dialog.windowTitle().strip(), name
        assert accessibility_problems(dialog) == [], name
        if isinstance(dialog, StartScreen):
            continue  # a window of its own, not a dialog: it stays until a plan opens
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        _settle()
        assert not isValid(dialog) or not dialog.isVisible(), f"{name} does not close with Escape"


def test_the_undo_history_is_a_titled_dialog_with_the_keyboard(qtbot: Any, window: Any) -> None:
    window.show_history()
    history = window.history_view
    qtbot.waitExposed(history)
    assert history.windowTitle() == "Undo history" and history.isWindow()
    history.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is history.view)
    QTest.keyClick(history.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.history_view is None)  # closed, and gone
    window.show_history()
    assert window.history_view is not None and window.history_view is not history


def test_text_and_focus_colours_reach_4_5_to_1() -> None:
    palette = QApplication.instance().palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        def colour(role: QPalette.ColorRole, g: QPalette.ColorGroup = group) -> str:
            return palette.color(g, role).name()
        pairs = {"text": (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                 "text on alternate rows": (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
                 "the focused cell": (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
                 "placeholder hints": (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
                 "labels": (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                 "buttons": (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button)}
        for what, (front, back) in pairs.items():
            assert contrast(colour(front), colour(back)) >= 4.5, (what, group)
        for back in (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.Highlight,
                     QPalette.ColorRole.AlternateBase):
            assert contrast(look.FOCUS, colour(back)) >= 4.5, ("focus frame", back)
    assert contrast(look.FOCUS, "E4ECF5") >= 4.5  # on an objective's header row


def test_the_focus_frame_is_solid_and_at_least_2_pixels() -> None:
    style = QApplication.instance().style()  # the app's style sheet over look.FocusFrameStyle, as widgets use it
    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionFocusRect()
    option.rect = QRect(0, 0, 60, 30)
    option.state = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
    painter = QPainter(image)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter)
    painter.end()
    across = [image.pixelColor(x, 15).name() for x in range(60)]
    down = [image.pixelColor(30, y).name() for y in range(30)]
    for line in (across, down):
        assert line[:2] == [look.FOCUS.lower()] * 2 and line[-2:] == [look.FOCUS.lower()] * 2, line[:4]
    assert "border: 2px solid" in QApplication.instance().styleSheet()


def test_the_current_cell_shows_the_focus_frame(qtbot: Any, window: Any) -> None:
    window.show_page("All actions")
    qtbot.waitExposed(window)
    grid = window.grid
    grid.setCurrentIndex(window.proxy.index(0, COLUMNS.index("action"), window.proxy.index(0, 0)))
    window.activateWindow()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    cell = grid.visualRect(grid.currentIndex())
    image = grid.viewport().grab().toImage()
    middle = cell.center().y()
    left = [image.pixelColor(QPoint(x, middle)).name() for x in range(cell.left(), cell.left() + 2)]
    top = [image.pixelColor(QPoint(cell.center().x(), y)).name() for y in range(cell.top(), cell.top() + 2)]
    assert left == top == [look.FOCUS.lower()] * 2


def test_navigator_dots_carry_the_rating_s_letter() -> None:
    same_colour = [RatingLook("Red", "C00000", "FFFFFF"), RatingLook("Amber", "C00000", "FFFFFF")]
    red, amber = (rag_dots([one]).pixmap(48, 16).toImage() for one in same_colour)
    assert red != amber, "two ratings of one colour are told apart by their letters"
    white = sum(red.pixelColor(x, y).lightness() > 200 for x in range(16) for y in range(16)
                if QRect(1, 1, 14, 14).contains(x, y) and red.pixelColor(x, y).alpha() == 255)
    assert white >= 6, "the letter is drawn in the rating's text colour inside the dot"

"""The main window's actions, toolbar and menus (File, Edit, View, Review, Help), and its filter menu."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QToolButton
from sendplan.ui.services import dialogs

if TYPE_CHECKING:
    from sendplan.ui.main_window import MainWindow

SHORTCUTS = (
    ("Anywhere", [("Ctrl+R", "Review mode on or off"), ("Ctrl+F", "Find in the plan (Escape clears it)"),
                  ("Ctrl+Z / Ctrl+Y", "Undo / redo"), ("Ctrl+H", "Undo history"), ("Ctrl+D", "Dashboard"),
                  ("Ctrl+E", "Export"), ("F1", "This list of keys"),
                  ("Tab / Shift+Tab", "Next / previous part of the window")]),
    ("Action grid", [("Arrow keys", "Move between cells"), ("F2 or typing", "Edit the cell"),
                     ("Ctrl+Enter", "Save a cell you are editing"), ("Escape", "Cancel the edit"),
                     ("Insert", "Add an action"), ("Ctrl+Shift+O", "Add an objective"),
                     ("Ctrl+Shift+A", "Add an area for improvement"), ("Delete", "Delete the action"),
                     ("Alt+Up / Alt+Down", "Move the action")]),
    ("Navigator", [("Up / Down", "Choose a page, area or objective"),
                   ("Alt+Up / Alt+Down", "Move the area or objective"),
                   ("Delete", "Delete the area or objective (Ctrl+Z brings it back)")]),
    ("Review mode", [("1–5 or R, A, G, B", "Choose the RAG rating"), ("Ctrl+Enter", "Save and go to the next "
                                                                       "action without an update"),
                     ("Page Up / Page Down", "Previous / next action"), ("Escape", "Back to the grid")]),
)


def _cycle() -> ModuleType:
    """The review cycle's actions (and their dialogs), loaded when one is first chosen, not at start-up."""
    from sendplan.ui import cycle_actions

    return cycle_actions


def make_action(window: MainWindow, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tip or text.replace("&", ""))
    action.triggered.connect(slot)  # type: ignore[arg-type]
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    stack = window.session.undo_stack
    window.undo_action = stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    editable = not window.session.read_only
    window.add_action = make_action(window, "Add &action", window.add_action_row, "Insert", "Add an action (Insert)")
    window.add_objective = make_action(window, "Add &objective", window.add_objective_row, "Ctrl+Shift+O")
    window.add_area = make_action(window, "Add a&rea for improvement", window.add_area_row, "Ctrl+Shift+A")
    window.delete_action = make_action(window, "&Delete action", window.delete_current,
                                       QKeySequence.StandardKey.Delete,
                                       "Delete the selected action (Delete; undo brings it back)")
    window.move_up = make_action(window, "Move &up", lambda: window.move_current(-1), "Alt+Up", "Move the action up")
    window.move_down = make_action(window, "Move do&wn", lambda: window.move_current(1), "Alt+Down",
                                   "Move the action down")
    window.renumber_action = make_action(window, "Re&number…", lambda: window.renumber(None),
                                         tip="Number every area, objective and action by position again")
    window.renumber_area_action = make_action(window, "Renumber this a&rea…",
                                              lambda: window.renumber(window.model.area_id),
                                              tip="Number the area on show by position again")
    for action in (window.add_action, window.add_objective, window.add_area, window.delete_action, window.move_up,
                   window.move_down, window.renumber_action):
        action.setEnabled(editable)
    window.renumber_area_action.setEnabled(editable and window.model.area_id is not None)  # on an area's page
    for action in (window.delete_action, window.move_up, window.move_down):  # the navigator has its own
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.grid.addAction(action)
    window.find_action = make_action(window, "&Find…", window.focus_search, QKeySequence.StandardKey.Find)
    window.history_action = make_action(window, "Undo &history", window.show_history, "Ctrl+H")
    window.review_mode_action = make_action(window, "&Review mode", window.toggle_review_mode, "Ctrl+R",
                                            "One action at a time: rate it and write this review's update (Ctrl+R)")
    window.review_mode_action.setCheckable(True)


class _StackAction(QAction):
    """Undo or Redo for the toolbar: a short word that never pushes Find and Filters off it; what it would undo
    or redo ("Undo Revise By When of 1.2 (c) to 31/01/2027") is its tooltip, and in full on the Edit menu."""

    def __init__(self, window: MainWindow, verb: str) -> None:
        super().__init__(verb, window)
        self.verb = verb
        self.setObjectName(f"toolbar_{verb.lower()}")
        stack = window.session.undo_stack
        undo = verb == "Undo"
        self.triggered.connect(stack.undo if undo else stack.redo)
        (stack.canUndoChanged if undo else stack.canRedoChanged).connect(self.setEnabled)
        (stack.undoTextChanged if undo else stack.redoTextChanged).connect(self.describe)
        self.setEnabled(stack.canUndo() if undo else stack.canRedo())
        self.describe(stack.undoText() if undo else stack.redoText())

    def describe(self, words: str) -> None:
        self.setToolTip(f"{self.verb} {words}" if words else f"Nothing to {self.verb.lower()}")
        self.setStatusTip(self.toolTip())


def build_toolbar(window: MainWindow) -> None:
    bar = window.addToolBar("Main")
    bar.setObjectName("MainToolbar")
    bar.setMovable(False)
    bar.addWidget(QLabel(" Review: "))
    window.review_box = QComboBox()
    window.review_box.setAccessibleName("Current review: new progress and RAG changes go to this review")
    window.review_box.setMinimumWidth(170)
    window.fill_reviews()
    window.review_box.currentIndexChanged.connect(window.review_chosen)
    window.session.changed.connect(window.reviews_maybe_changed)
    bar.addWidget(window.review_box)
    bar.addAction(window.review_mode_action)
    bar.addSeparator()
    for verb in ("Undo", "Redo"):
        bar.addAction(_StackAction(window, verb))
    bar.addSeparator()
    for action in (window.add_action, window.delete_action, window.move_up, window.move_down):
        bar.addAction(action)
    bar.addSeparator()
    bar.addWidget(window.search)
    window.filter_button = QToolButton()
    window.filter_button.setText("Filters")
    window.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.filter_menu = QMenu(window.filter_button)
    window.filter_button.setMenu(window.filter_menu)
    fill_filter_menu(window)
    bar.addWidget(window.filter_button)
    for widget in bar.findChildren(QToolButton):
        if widget.defaultAction() is not None and not widget.accessibleName():
            widget.setAccessibleName(widget.defaultAction().toolTip())


def fill_filter_menu(window: MainWindow) -> None:
    menu = window.filter_menu
    filters = window.filters
    menu.clear()
    for level in window.session.plan.rag_scale:
        action = menu.addAction(f"Only {level.name}")
        action.setCheckable(True)
        action.setChecked(level.key in filters.ratings)
        action.toggled.connect(lambda on, key=level.key: window.toggle_rating(key, on))
    menu.addSeparator()
    for name, attribute in (("Overdue", "overdue"), ("Date revised", "revised"),
                            ("No update this review", "not_updated")):
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(getattr(filters, attribute))
        action.toggled.connect(lambda on, a=attribute: window.set_filter(a, on))
    menu.addAction("Owner contains…", window.ask_owner)
    menu.addSeparator()
    menu.addAction("Clear filters", window.clear_filters)
    count = filters.count()
    window.filter_button.setText(f"Filters ({count} on)" if count else "Filters")
    window.filter_button.setAccessibleName(f"Filters: {count} on" if count else
                                           "Filters: filter actions by RAG, overdue, revised or not updated")


def build_menus(window: MainWindow) -> None:
    from sendplan.ui.file_actions import FileActions

    window.file_actions = FileActions(window)
    file_menu = window.menuBar().addMenu("&File")
    window.file_actions.fill(file_menu)
    edit = window.menuBar().addMenu("&Edit")
    for action in (window.undo_action, window.redo_action, window.history_action, None, window.find_action, None,
                   window.add_action, window.add_objective, window.add_area, window.delete_action, window.move_up,
                   window.move_down, None, window.renumber_action, window.renumber_area_action):
        edit.addSeparator() if action is None else edit.addAction(action)
    view = window.menuBar().addMenu("&View")
    view.addAction(window.review_mode_action)
    view.addMenu(window.filter_menu).setText("&Filters")
    view.addAction("&Columns…", lambda: window.grid.column_menu().popup(window.grid.mapToGlobal(
        window.grid.rect().topLeft())))
    dates = view.addMenu("&Date style")
    group = QActionGroup(window)
    settings = window.settings
    chosen = str(settings.value("date_style", "uk")) if settings is not None else "uk"
    for style, label in (("uk", "30/09/2017"), ("dotted", "30.09.17"), ("long", "30 September 2017")):
        action = dates.addAction(label)
        action.setCheckable(True)
        action.setChecked(style == chosen)
        action.triggered.connect(lambda _on=False, s=style: window.set_date_style(s))
        group.addAction(action)
    window.model.date_style = chosen if chosen in ("uk", "dotted", "long") else "uk"
    review = window.menuBar().addMenu("&Review")
    review.addAction("&Start a review…", lambda: _cycle().start_review(window))
    review.addAction(window.review_mode_action)
    review.addAction("Send update &returns…", lambda: _cycle().returns_out(window))
    review.addAction("&Merge returned updates…", lambda: _cycle().returns_in(window))
    review.addSeparator()
    review.addAction("&Dashboard", QKeySequence("Ctrl+D"), lambda: window.show_page("Dashboard"))
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction("&Keyboard shortcuts", QKeySequence("F1"), lambda: show_shortcuts(window))
    help_menu.addAction("&About sendplan", window.file_actions.about)


def shortcuts_text() -> str:
    parts = []
    for title, keys in SHORTCUTS:
        parts.append(f"{title}\n" + "\n".join(f"  {key}: {what}" for key, what in keys))
    return "\n\n".join(parts)


def show_shortcuts(window: MainWindow) -> None:
    dialogs().inform(window, "Keyboard shortcuts", shortcuts_text())

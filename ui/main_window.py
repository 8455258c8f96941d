"""The main window: navigator, the action grid with its details panel, the plan's other pages."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.action_model import COLUMNS, ActionRole, ActionTableModel
from sendplan.ui.collection_page import PAGES, CollectionPage, Field
from sendplan.ui.dashboard import DashboardPage
from sendplan.ui.delegates import DueDelegate, HighlightDelegate, RagDelegate
from sendplan.ui.details import DetailsPanel
from sendplan.ui.field_form import FieldForm, FormField
from sendplan.ui.filtering import ActionFilterModel, Filters
from sendplan.ui.measures import MeasuresEditor
from sendplan.ui.navigator import Navigator
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan.commands import AddItem, Change, DeleteItem, MoveItem, locate
from sendplan.model import Action, Area, Objective

WIDTHS = {"number": 70, "objective": 170, "action": 260, "rag": 80, "owner": 140, "due": 100,
          "outcomes": 180, "kpis": 180, "progress": 300}


class MainWindow(QMainWindow):
    def __init__(self, session: PlanSession, settings: QSettings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.filters = Filters()
        self.export_jobs: list[object] = []  # running exports (kept alive until they finish)
        self.setObjectName("MainWindow")
        self.model = ActionTableModel(session)
        self.proxy = ActionFilterModel(self.model)
        self._build_grid()
        self._build_pages()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Save status")
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.status_label)
        session.save_state.connect(self.status_label.setText)
        session.setParent(self)  # the session, its undo stack and its timers go when the window goes
        session.changed.connect(self._update_counts)
        session.conflict.connect(self._resolve_conflict)
        session.undo_stack.cleanChanged.connect(self._update_title)
        self.status_label.setText("Read-only" if session.read_only else "Saved")
        self._update_title()
        self._update_counts()
        for corner in self.findChildren(QAbstractButton, "qt_tableview_cornerbutton"):
            corner.setAccessibleName("Select all cells")
        self.resize(1400, 860)
        if settings is not None and settings.value("geometry") is not None:
            self.restoreGeometry(settings.value("geometry"))  # type: ignore[arg-type]

    # -- construction -----------------------------------------------------------------------------

    def _build_grid(self) -> None:
        self.grid = QTableView()
        self.grid.setModel(self.proxy)
        self.grid.setAccessibleName("Action table")
        self.grid.setWordWrap(True)
        self.grid.setAlternatingRowColors(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid.verticalHeader().setVisible(False)
        self.grid.setDragEnabled(True)
        self.grid.setAcceptDrops(True)
        self.grid.setDropIndicatorShown(True)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.grid.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.grid.setDragDropOverwriteMode(False)
        self.grid.verticalHeader().setDefaultSectionSize(84)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, key in enumerate(COLUMNS):
            header.resizeSection(column, WIDTHS[key])
        self.text_delegate = HighlightDelegate(self.grid)
        self.grid.setItemDelegate(self.text_delegate)
        self.grid.setItemDelegateForColumn(COLUMNS.index("rag"), RagDelegate(lambda: self.session.plan, self.grid))
        self.grid.setItemDelegateForColumn(COLUMNS.index("due"), DueDelegate(self.grid))
        self.details = DetailsPanel(self.session)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in the plan (Ctrl+F)")
        self.search.setAccessibleName("Find text in every field")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.grid.setFocus)

    def _build_pages(self) -> None:
        self.navigator = Navigator(self.session)
        self.navigator.page_chosen.connect(self._page_chosen)
        self.area_form = FieldForm(self.session, [FormField("title", "Area title"),
                                                  FormField("wording", "Area for improvement", "text")],
                                   lambda: self.model.area_id)
        grid_side = QWidget()
        grid_layout = QVBoxLayout(grid_side)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.area_form)
        grid_layout.addWidget(self.grid, 1)
        self.action_form = FieldForm(self.session, [FormField("evidence", "Evidence (one per line)", "lines"),
                                                    FormField("notes", "Notes", "text")],
                                     lambda: self.details.action_id)
        details_side = QWidget()
        details_layout = QVBoxLayout(details_side)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.details, 1)
        self.measures = MeasuresEditor(self.session, lambda: self.details.action_id)
        details_layout.addWidget(self.measures)
        details_layout.addWidget(self.action_form)
        actions_page = QSplitter(Qt.Orientation.Horizontal)
        actions_page.addWidget(grid_side)
        actions_page.addWidget(details_side)
        actions_page.setStretchFactor(0, 3)
        actions_page.setStretchFactor(1, 1)
        actions_page.setSizes([980, 360])
        self.stack = QStackedWidget()
        self.stack.addWidget(actions_page)
        self.dashboard = DashboardPage(self.session)
        self.dashboard.jump.connect(self.jump_to_action)
        self.pages: dict[str, QWidget] = {"Plan overview": self._overview_page(), "Dashboard": self.dashboard}
        self.stack.addWidget(self.pages["Plan overview"])
        self.stack.addWidget(self.dashboard)
        for name, (title, collection, fields, noun, help_text) in PAGES.items():
            page = CollectionPage(self.session, title, collection, fields, noun, help_text)
            self.pages[name] = page
            self.stack.addWidget(page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setSizes([300, 1100])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

    def _overview_page(self) -> QWidget:
        page = QWidget()
        page.setAccessibleName("Plan overview")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<h2>Plan overview</h2>"))
        layout.addWidget(FieldForm(self.session, [
            FormField("title", "Title"), FormField("local_area", "Local area partnership"),
            FormField("partners", "Partner organisations (one per line)", "lines"),
            FormField("plan_date", "Plan date", "date"), FormField("status", "Status (e.g. Draft, Final)"),
            FormField("version", "Version (e.g. v0.3)"),
            FormField("protective_marking", "Protective marking (e.g. OFFICIAL-SENSITIVE)")],
            lambda: self.session.plan.id))
        signatories = CollectionPage(self.session, "Signatories", "signatories",
                                     [Field("name", "Name"), Field("role", "Role"),
                                      Field("organisation", "Organisation")], "signatory")
        layout.addWidget(signatories, 1)
        return page

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        editable = not self.session.read_only
        self.add_action = self._action("Add &action", self.add_action_row, "Insert", "Add an action (Insert)")
        self.add_objective = self._action("Add &objective", self.add_objective_row, "Ctrl+Shift+O")
        self.add_area = self._action("Add a&rea for improvement", self.add_area_row, "Ctrl+Shift+A")
        self.delete_action = self._action("&Delete action", self.delete_current, QKeySequence.StandardKey.Delete,
                                          "Delete the selected action (Delete; undo brings it back)")
        self.move_up = self._action("Move &up", lambda: self.move_current(-1), "Alt+Up", "Move the action up")
        self.move_down = self._action("Move do&wn", lambda: self.move_current(1), "Alt+Down",
                                      "Move the action down")
        for action in (self.add_action, self.add_objective, self.add_area, self.delete_action, self.move_up,
                       self.move_down):
            action.setEnabled(editable)
        for action in (self.delete_action, self.move_up, self.move_down):  # the navigator has its own
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.grid.addAction(action)
        self.find_action = self._action("&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self.history_action = self._action("Undo &history", self.show_history, "Ctrl+H")

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("MainToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Current review: "))
        self.review_box = QComboBox()
        self.review_box.setAccessibleName("Current review: new progress and RAG changes go to this review")
        self.review_box.setMinimumWidth(220)
        self._fill_reviews()
        self.review_box.currentIndexChanged.connect(self._review_chosen)
        self.session.changed.connect(self._reviews_maybe_changed)
        bar.addWidget(self.review_box)
        bar.addSeparator()
        for action in (self.undo_action, self.redo_action):
            bar.addAction(action)
        bar.addSeparator()
        for action in (self.add_action, self.delete_action, self.move_up, self.move_down):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.search)
        self.filter_button = QToolButton()
        self.filter_button.setText("Filters")
        self.filter_button.setAccessibleName("Filter actions by RAG, overdue, revised or not updated")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self.filter_button)
        self.filter_button.setMenu(self.filter_menu)
        self._fill_filter_menu()
        bar.addWidget(self.filter_button)
        for widget in bar.findChildren(QToolButton):
            if widget.defaultAction() is not None and not widget.accessibleName():
                widget.setAccessibleName(widget.defaultAction().toolTip())

    def _fill_filter_menu(self) -> None:
        menu = self.filter_menu
        menu.clear()
        for level in self.session.plan.rag_scale:
            action = menu.addAction(f"Only {level.name}")
            action.setCheckable(True)
            action.setChecked(level.key in self.filters.ratings)
            action.toggled.connect(lambda on, key=level.key: self._toggle_rating(key, on))
        menu.addSeparator()
        for name, attribute in (("Overdue", "overdue"), ("Date revised", "revised"),
                                ("No update this review", "not_updated")):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(getattr(self.filters, attribute))
            action.toggled.connect(lambda on, a=attribute: self._set_filter(a, on))
        menu.addAction("Owner contains…", self._ask_owner)
        menu.addSeparator()
        menu.addAction("Clear filters", self.clear_filters)

    def _build_menus(self) -> None:
        from sendplan.ui.file_actions import FileActions

        self.file_actions = FileActions(self)
        file_menu = self.menuBar().addMenu("&File")
        self.file_actions.fill(file_menu)
        edit = self.menuBar().addMenu("&Edit")
        for action in (self.undo_action, self.redo_action, self.history_action, None, self.find_action, None,
                       self.add_action, self.add_objective, self.add_area, self.delete_action, self.move_up,
                       self.move_down):
            edit.addSeparator() if action is None else edit.addAction(action)
        view = self.menuBar().addMenu("&View")
        view.addMenu(self.filter_menu).setText("&Filters")
        dates = view.addMenu("&Date style")
        group = QActionGroup(self)
        chosen = str(self.settings.value("date_style", "uk")) if self.settings is not None else "uk"
        for style, label in (("uk", "30/09/2017"), ("dotted", "30.09.17"), ("long", "30 September 2017")):
            action = dates.addAction(label)
            action.setCheckable(True)
            action.setChecked(style == chosen)
            action.triggered.connect(lambda _on=False, s=style: self.set_date_style(s))
            group.addAction(action)
        self.model.date_style = chosen if chosen in ("uk", "dotted", "long") else "uk"
        from sendplan.ui import cycle_actions

        review = self.menuBar().addMenu("&Review")
        review.addAction("&Start a review…", lambda: cycle_actions.start_review(self))
        review.addAction("Send update &returns…", lambda: cycle_actions.returns_out(self))
        review.addAction("&Merge returned updates…", lambda: cycle_actions.returns_in(self))
        review.addSeparator()
        review.addAction("&Dashboard", QKeySequence("Ctrl+D"), lambda: self.show_page("Dashboard"))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction("&About sendplan", self.file_actions.about)

    def set_date_style(self, style: str) -> None:
        self.model.date_style = style
        if self.settings is not None:
            self.settings.setValue("date_style", style)
        self.model._refresh_all()

    # -- reviews, search and filters --------------------------------------------------------------

    def _reviews_maybe_changed(self, change: Change) -> None:
        if "reviews" in change.fields or change.fields & {"label", "day"}:
            self._fill_reviews()

    def _fill_reviews(self) -> None:
        box = self.review_box
        box.blockSignals(True)
        box.clear()
        for review in self.session.plan.reviews_by_date():
            box.addItem(review.label or "Untitled review", review.id)
        current = self.session.current_review
        if current is not None and box.findData(current.id) >= 0:
            box.setCurrentIndex(box.findData(current.id))
        box.blockSignals(False)

    def _review_chosen(self, index: int) -> None:
        review_id = self.review_box.itemData(index)
        self.session.set_current_review(self.session.plan.review(review_id) if review_id else None)

    def focus_search(self) -> None:
        self.navigator.setCurrentItem(self.navigator.topLevelItem(0))
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.filters.text = text.strip()
        self.text_delegate.term = self.filters.text
        self._apply_filters()

    def _toggle_rating(self, key: str, on: bool) -> None:
        (self.filters.ratings.add if on else self.filters.ratings.discard)(key)
        self._apply_filters()

    def _set_filter(self, attribute: str, on: bool) -> None:
        setattr(self.filters, attribute, on)
        self._apply_filters()

    def _ask_owner(self) -> None:
        owner = dialogs().ask_text(self, "Filter by owner", "Show actions whose By Whom contains:",
                                   self.filters.owner)
        if owner is not None:
            self.filters.owner = owner.strip()
            self._apply_filters()

    def clear_filters(self) -> None:
        self.filters = Filters()
        self.export_jobs: list[object] = []  # running exports (kept alive until they finish)
        self.search.clear()
        self._fill_filter_menu()
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.proxy.set_filters(self.filters)
        self.grid.viewport().update()
        self._update_counts()

    # -- selection and pages ----------------------------------------------------------------------

    def _page_chosen(self, kind: str, ident: str) -> None:
        if kind == "page":
            self.stack.setCurrentWidget(self.pages[ident])
            return
        self.stack.setCurrentIndex(0)
        if kind == "objective":
            area = locate(self.session.plan, ident).parent
            self.model.show_area(area.id)
            objective = locate(self.session.plan, ident).entity
            if objective.actions:
                self.select_action(objective.actions[0].id)
        else:
            self.model.show_area(ident or None)
        self.area_form.refresh()
        self._update_counts()

    def _current_changed(self, current: object, _previous: object) -> None:
        index = self.grid.currentIndex()
        self.details.show_action(index.data(ActionRole) if index.isValid() else None)
        self.action_form.refresh()
        self.measures.refresh()

    def show_page(self, name: str) -> None:
        matches = self.navigator.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.navigator.setCurrentItem(matches[0])

    def jump_to_action(self, action_id: str) -> None:
        """From the dashboard to the action in the grid, with the filters cleared if they hide it."""
        self.navigator.setCurrentItem(self.navigator.topLevelItem(0))
        self.select_action(action_id)
        self.grid.setFocus()

    def current_action(self) -> Action | None:
        index = self.grid.currentIndex()
        action_id = index.data(ActionRole) if index.isValid() else None
        return locate(self.session.plan, action_id).entity if action_id else None

    def select_action(self, action_id: str, column: int = 2) -> None:
        row = self.model.row_of.get(action_id)
        if row is None:
            self.model.show_area(None)
            row = self.model.row_of.get(action_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, column))
        self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(index)

    # -- structure edits --------------------------------------------------------------------------

    def _target_objective(self) -> tuple[Objective | None, int]:
        action = self.current_action()
        plan = self.session.plan
        if action is not None:
            where = locate(plan, action.id)
            return where.parent, where.index + 1
        areas = [a for a in plan.areas if self.model.area_id in (None, a.id)]
        objective = next((o for a in areas for o in a.objectives), None)
        return objective, len(objective.actions) if objective else 0

    def add_action_row(self) -> None:
        objective, index = self._target_objective()
        if objective is None:
            dialogs().inform(self, "Add an objective first", "Actions belong to an objective. Add an area for "
                             "improvement and an objective, then add actions to it.")
            return
        action = Action()
        self.session.push(AddItem(self.session.plan, objective.id, "actions", action, index))
        self.select_action(action.id)
        self.grid.edit(self.grid.currentIndex())

    def add_objective_row(self) -> None:
        plan = self.session.plan
        action = self.current_action()
        if action is not None:
            where = locate(plan, locate(plan, action.id).parent.id)
            area, index = where.parent, where.index + 1
        else:
            area = next((a for a in plan.areas if self.model.area_id in (None, a.id)), None)
            index = len(area.objectives) if area else 0
        if area is None:
            self.add_area_row()
            return
        objective = Objective(text="New objective", actions=[Action()])
        self.session.push(AddItem(plan, area.id, "objectives", objective, index))
        self.select_action(objective.actions[0].id, COLUMNS.index("objective"))

    def add_area_row(self) -> None:
        plan = self.session.plan
        area = Area(title="New area for improvement",
                    objectives=[Objective(text="New objective", actions=[Action()])])
        self.session.push(AddItem(plan, None, "areas", area))
        self.select_action(area.objectives[0].actions[0].id)

    def delete_current(self) -> None:
        action = self.current_action()
        if action is None:
            return
        row = self.grid.currentIndex().row()
        self.session.push(DeleteItem(self.session.plan, action.id))
        if self.proxy.rowCount():
            next_row = min(row, self.proxy.rowCount() - 1)
            self.grid.setCurrentIndex(self.proxy.index(next_row, 2))

    def move_current(self, step: int) -> None:
        action = self.current_action()
        if action is None:
            return
        plan = self.session.plan
        where = locate(plan, action.id)
        objective = where.parent
        target, index = objective, where.index + step
        if not 0 <= index < len(objective.actions):  # across into the neighbouring objective
            objectives = [o for a in plan.areas for o in a.objectives]
            position = objectives.index(objective) + step
            if not 0 <= position < len(objectives):
                return
            target = objectives[position]
            index = len(target.actions) if step < 0 else 0
        column = max(0, self.grid.currentIndex().column())  # the proxy filters rows, never columns
        self.session.push(MoveItem(plan, action.id, index, new_parent_id=target.id))
        self.select_action(action.id, column)

    # -- misc -------------------------------------------------------------------------------------

    def show_history(self) -> None:
        view = QUndoView(self.session.undo_stack)
        view.setWindowTitle("Undo history")
        view.setAccessibleName("Undo history: choose a step to go back to it")
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.setParent(self, Qt.WindowType.Tool)
        view.resize(420, 480)
        view.show()
        self.history_view = view

    def _update_title(self, *_args: object) -> None:
        document = self.session.document
        suffix = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{self.session.plan.title or document.path.stem}{suffix} — sendplan")

    def _update_counts(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} actions" if shown != total else f"{total} actions")

    def _resolve_conflict(self) -> None:
        QTimer.singleShot(0, self.file_actions.resolve_conflict)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.read_only and self.session.dirty and not self.session.save_now():
            choice = dialogs().choose(self, "Changes not saved", "Your latest changes could not be saved to the "
                                      "plan file. Save a copy before closing?", ["Save a copy…", "Close anyway"])
            if choice is None:
                event.ignore()
                return
            if choice == "Save a copy…" and not self.file_actions.save_copy():
                event.ignore()
                return
        if self.settings is not None:
            self.settings.setValue("geometry", self.saveGeometry())
        self.session.release()
        event.accept()


"""The main window: navigator, the action grid with its details panel, review mode, the plan's other pages.

It composes; file opening, exporting, merging and the menus live in their own modules, and nothing
imports the window back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui import window_menus
from sendplan.ui.action_model import COLUMNS, ActionRole, ActionTreeModel
from sendplan.ui.delegates import DueDelegate, HighlightDelegate, RagDelegate
from sendplan.ui.details import DetailsPanel
from sendplan.ui.field_form import FieldForm, FormField
from sendplan.ui.filtering import ActionFilterModel, Filters
from sendplan.ui.grid_view import ActionGrid
from sendplan.ui.measures import MeasuresEditor
from sendplan.ui.navigator import Navigator
from sendplan.ui.pages import Pages, page_factories
from sendplan.ui.screen_fit import fit_window, restore_on_screen
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown
from sendplan.ui.structure_edits import StructureEdits
from sendplan.ui.undo_history import UndoHistoryDialog

from sendplan.commands import Change, locate
from sendplan.model import Action

if TYPE_CHECKING:
    from sendplan.ui.dashboard import DashboardPage
    from sendplan.ui.review_page import ReviewPage

PREFERRED_SIZE = QSize(1366, 768)  # the design size; smaller screens get what they have
DETAILS_WIDTH = (250, 340)  # the details panel beside the grid: narrowest and widest

if TYPE_CHECKING:
    from sendplan.ui.drafts import DraftJournal


class MainWindow(StructureEdits, QMainWindow):
    def __init__(self, session: PlanSession, settings: QSettings | None = None, *, opener: Any = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.opener = opener  # sendplan.ui.opening.Opener, for File › New/Open/Import
        self.filters = Filters()
        self.history_view: UndoHistoryDialog | None = None
        self.export_jobs: list[object] = []  # running exports, kept until each finishes or fails
        self.journal: DraftJournal | None = None  # what is being typed, journalled (none when read-only)
        self.setObjectName("MainWindow")
        self.model = ActionTreeModel(session)
        self.proxy = ActionFilterModel(self.model)
        self._build_grid()
        self._build_pages()
        window_menus.build_actions(self)
        window_menus.build_toolbar(self)
        window_menus.build_menus(self)
        self.status_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.status_label)
        session.save_state.connect(self._save_state)
        session.setParent(self)  # the session, its undo stack and its timers go when the window goes
        session.changed.connect(self._update_counts)
        session.review_changed.connect(self._review_switched)
        session.conflict.connect(self._resolve_conflict)
        session.undo_stack.cleanChanged.connect(self._update_title)
        self._save_state("Read-only" if session.read_only else "Saved")
        self._update_title()
        self._update_counts()
        for corner in self.findChildren(QAbstractButton, "qt_tableview_cornerbutton"):
            corner.setAccessibleName("Select all cells")
        fit_window(self, PREFERRED_SIZE)  # never larger than the screen: 150% on a 14" laptop is 1280×720
        if settings is not None and settings.value("geometry") is not None:
            restore_on_screen(self, settings.value("geometry"))  # type: ignore[arg-type]
        self._share_width()

    # -- construction -----------------------------------------------------------------------------

    def _build_grid(self) -> None:
        self.grid = ActionGrid(self.proxy, self.settings)
        self.text_delegate = HighlightDelegate(self.grid)
        self.grid.setItemDelegate(self.text_delegate)
        self.grid.setItemDelegateForColumn(COLUMNS.index("rag"), RagDelegate(lambda: self.session.plan, self.grid))
        self.grid.setItemDelegateForColumn(COLUMNS.index("due"), DueDelegate(lambda: self.session.plan, self.grid))
        self.details = DetailsPanel(self.session)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in the plan (Ctrl+F)")
        self.search.setAccessibleName("Find text in every field (Escape clears it)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.grid.setFocus)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)

    def _build_pages(self) -> None:
        self.navigator = Navigator(self.session)
        self.navigator.page_chosen.connect(self._page_chosen)
        self.navigator.renumber_requested.connect(self.renumber)
        self.area_form = FieldForm(self.session, [FormField("ref", "Area number"), FormField("title", "Area title"),
                                                  FormField("term", "Kind of area (empty: the plan's word)"),
                                                  FormField("wording", "Wording (as the inspection put it)", "text"),
                                                  FormField("responsible_body", "Responsible body"),
                                                  FormField("extra", "Details (one “Label: value” a line)", "details")],
                                   lambda: self.model.area_id)
        grid_side = QWidget()
        grid_layout = QVBoxLayout(grid_side)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.area_form)
        grid_layout.addWidget(self.grid, 1)
        self.action_form = FieldForm(self.session, [FormField("ref", "Reference"),
                                                    FormField("evidence", "Evidence (one per line)", "lines"),
                                                    FormField("notes", "Notes", "text")],
                                     lambda: self.details.action_id)
        details_side = QWidget()
        details_layout = QVBoxLayout(details_side)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.objective_id: str | None = None  # the objective whose header row is current in the grid
        self.objective_form = FieldForm(self.session, [FormField("ref", "Objective number"),
                                                       FormField("text", "Objective", "text")],
                                        lambda: self.objective_id)
        details_layout.addWidget(self.objective_form)
        details_layout.addWidget(self.details, 1)
        self.measures = MeasuresEditor(self.session, lambda: self.details.action_id)
        details_layout.addWidget(self.measures)
        details_layout.addWidget(self.action_form)
        self.actions_page = QSplitter(Qt.Orientation.Horizontal)
        self.actions_page.addWidget(grid_side)
        self.actions_page.addWidget(details_side)
        self.actions_page.setStretchFactor(0, 3)
        self.actions_page.setStretchFactor(1, 1)
        self.actions_page.setCollapsible(0, False)
        self.details_redraw = RedrawWhenShown(self.actions_page, self._refresh_forms)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.actions_page)
        self.stack.currentChanged.connect(  # the grid's count, only beside the grid (never stale on other pages)
            lambda _n: self.count_label.setVisible(self.stack.currentWidget() is self.actions_page))
        self.pages = Pages(self.stack, page_factories(self))  # each built when first shown
        splitter = self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setCollapsible(0, False)  # the navigator never shrinks to a strip of coloured dots
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

    @property
    def dashboard(self) -> DashboardPage:
        return self.pages["Dashboard"]  # type: ignore[return-value]

    @property
    def review_page(self) -> ReviewPage:
        return self.pages["Review mode"]  # type: ignore[return-value]

    def _in_review_mode(self) -> bool:
        page = self.pages.built("Review mode")
        return page is not None and self.stack.currentWidget() is page

    def _share_width(self) -> None:
        """The navigator and the details panel take what they need of the window's width; the grid the rest."""
        navigator = self.navigator.width_for(self.width())
        rest = max(1, self.width() - navigator)
        details = max(DETAILS_WIDTH[0], min(DETAILS_WIDTH[1], rest // 4))
        self.main_splitter.setSizes([navigator, rest])
        self.actions_page.setSizes([rest - details, details])

    def set_date_style(self, style: str) -> None:
        self.model.date_style = style
        if self.settings is not None:
            self.settings.setValue("date_style", style)
        self.model._refresh_all()

    # -- reviews, search and filters --------------------------------------------------------------

    def reviews_maybe_changed(self, change: Change) -> None:
        if "reviews" in change.fields or change.fields & {"label", "day"}:
            self.fill_reviews()

    def fill_reviews(self) -> None:
        box = self.review_box
        box.blockSignals(True)
        box.clear()
        for review in self.session.plan.reviews_by_date():
            box.addItem(review.label or "Untitled review", review.id)
        current = self.session.current_review
        if current is not None and box.findData(current.id) >= 0:
            box.setCurrentIndex(box.findData(current.id))
        box.blockSignals(False)

    def review_chosen(self, index: int) -> None:
        review_id = self.review_box.itemData(index)
        self.session.set_current_review(self.session.plan.review(review_id) if review_id else None)

    def _review_switched(self, *_args: object) -> None:
        """Another review: RAG and "no update" filters now mean something else."""
        if self.filters.active():
            self._apply_filters()

    def focus_search(self) -> None:
        self.navigator.setCurrentItem(self.navigator.topLevelItem(0))
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.filters.text = text.strip()
        self.text_delegate.term = self.filters.text
        self._apply_filters()

    def toggle_rating(self, key: str, on: bool) -> None:
        (self.filters.ratings.add if on else self.filters.ratings.discard)(key)
        self._apply_filters()

    def set_filter(self, attribute: str, on: bool) -> None:
        setattr(self.filters, attribute, on)
        self._apply_filters()

    def ask_owner(self) -> None:
        owner = dialogs().ask_text(self, "Filter by owner", "Show actions whose By Whom contains:",
                                   self.filters.owner)
        if owner is not None:
            self.filters.owner = owner.strip()
            self._apply_filters()

    def clear_filters(self) -> None:
        self.filters = Filters()
        self.search.clear()
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.grid.refilter(lambda: self.proxy.set_filters(self.filters))
        window_menus.fill_filter_menu(self)
        self.grid.viewport().update()
        self._update_counts()

    # -- selection and pages ----------------------------------------------------------------------

    def _page_chosen(self, kind: str, ident: str) -> None:
        self.review_mode_action.setChecked(False)
        if kind == "page":
            self.stack.setCurrentWidget(self.pages[ident])
            return
        self.stack.setCurrentWidget(self.actions_page)
        if kind == "objective":
            where = locate(self.session.plan, ident)
            self._show_area(where.parent.id)
            if where.entity.actions:
                self.select_action(where.entity.actions[0].id)
        elif self.model.area_id != (ident or None):
            self._show_area(ident or None)
            self._current_changed(None, None)  # the details follow the grid, never an action of another area
        else:
            self._show_area(self.model.area_id)

    def _show_area(self, area_id: str | None) -> None:
        """The grid shows one area (or all), with that area's form above it and its counts below."""
        if self.model.area_id != area_id:
            self.model.show_area(area_id)
            self.grid.area_shown()
        self.area_form.refresh()
        self.renumber_area_action.setEnabled(self.model.area_id is not None and not self.session.read_only)
        self._update_counts()

    def _current_changed(self, current: object, _previous: object) -> None:
        index = self.grid.currentIndex()
        action_id = index.data(ActionRole) if index.isValid() else None
        header = index.isValid() and action_id is None
        self.objective_id = self.model.entry(self.proxy.mapToSource(index))[0].id if header else None
        self.details.show_action(action_id)
        self.details_redraw.request()  # the forms beside the grid: now, or when the grid is shown again

    def _refresh_forms(self) -> None:
        self.objective_form.refresh()
        self.action_form.refresh()
        self.measures.refresh()

    def show_page(self, name: str) -> None:
        if name == "Review mode":
            self.enter_review_mode()
            return
        matches = self.navigator.findItems(name, Qt.MatchFlag.MatchExactly)
        if not matches:
            return
        if self.navigator.currentItem() is matches[0]:
            self.navigator.page_chosen.emit(*self.navigator.item_target(matches[0]))
        else:
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

    def select_action(self, action_id: str, column: int = 1) -> None:
        index = self.model.action_index(action_id, column)
        if not index.isValid():  # in another area: show them all, and say so in the navigator and the form
            self._show_area(None)
            self.navigator.mark_grid(None)
            index = self.model.action_index(action_id, column)
        if not index.isValid():
            return
        shown = self.proxy.mapFromSource(index)
        if not self.grid.is_shown(shown):
            self.clear_filters()
        self.grid.selectionModel().setCurrentIndex(shown, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.grid.scrollTo(shown)

    # -- review mode ------------------------------------------------------------------------------

    def toggle_review_mode(self) -> None:
        if self._in_review_mode():
            self.leave_review_mode()
        else:
            self.enter_review_mode()

    def enter_review_mode(self) -> None:
        action = self.current_action()
        self.stack.setCurrentWidget(self.review_page)
        self.review_mode_action.setChecked(True)
        self.review_page.start(action.id if action is not None else None)

    def leave_review_mode(self) -> None:
        if not self.review_page.save(confirm_rating=False):  # what was typed is kept; a wrong date stays to fix
            self.review_mode_action.setChecked(True)
            return
        self.review_mode_action.setChecked(False)
        action_id = self.review_page.action_id
        self.stack.setCurrentWidget(self.actions_page)
        if action_id:
            self.select_action(action_id)
        self.navigator.mark_grid(self.model.area_id)
        self.grid.setFocus()

    def _review_moved(self, action_id: str) -> None:
        """Keep the grid on the action being reviewed, so leaving review mode lands on it."""
        index = self.model.action_index(action_id, 1)
        shown = self.proxy.mapFromSource(index) if index.isValid() else index
        if shown.isValid():
            self.grid.selectionModel().setCurrentIndex(shown, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # -- misc -------------------------------------------------------------------------------------

    def show_history(self) -> None:
        if self.history_view is None:
            self.history_view = UndoHistoryDialog(self.session.undo_stack, self)
            self.history_view.destroyed.connect(lambda: setattr(self, "history_view", None))
        self.history_view.open_on_top()

    def _save_state(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setAccessibleName(f"Save status: {text}")  # the state itself, not only what it is

    def _update_title(self, *_args: object) -> None:
        document = self.session.document
        suffix = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{self.session.plan.title or document.path.stem}{suffix} — sendplan")

    def _update_counts(self, *_args: object) -> None:
        total = self.model.action_count()
        shown = self.grid.shown_actions() if self.filters.active() else total
        self.count_label.setText(f"{shown} of {total} actions" if shown != total else f"{total} actions")

    def _resolve_conflict(self) -> None:
        QTimer.singleShot(0, self.file_actions.resolve_conflict)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._in_review_mode() and not self.review_page.save(confirm_rating=False):
            event.ignore()  # the review form says what to fix (a new date without its reason)
            return
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

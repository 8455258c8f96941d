"""The action grid as a view: objective header rows spanning the table, hideable columns, widths remembered.

On a laptop screen, from 1280×720 (150%) up, the visible columns (No, Action, RAG, By Whom, By When,
Progress this review) fit without scrolling sideways: when the grid is narrower than the columns'
widths, the columns that wrap their text (Action, By Whom, Progress, Outcomes, KPIs) give up width in
proportion, down to a readable floor, while No, RAG and By When keep theirs. Intended Outcomes and KPIs
start hidden and come back from the header's context menu. The widths the officer chooses and which
columns show are kept in the settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget
from sendplan.ui.action_model import COLUMNS, TITLES, ActionRole, ActionTreeModel
from sendplan.ui.filtering import ActionFilterModel

from sendplan.ratings import rating_names

WIDTHS = {"ref": 64, "action": 240, "rag": 76, "owner": 110, "due": 96, "progress": 200, "outcomes": 200,
          "kpis": 200}
FLOORS = {"action": 150, "owner": 80, "progress": 130, "outcomes": 110, "kpis": 110}  # the wrapping columns
HIDDEN_BY_DEFAULT = {"outcomes", "kpis"}
ALWAYS_SHOWN = {"ref", "action"}
STATE_KEY = "grid/header"
WIDTHS_KEY = "grid/widths"  # the widths the officer chose, "action=300,owner=120"; shown narrower when need be


class ActionGrid(QTreeView):
    """The grid of actions under their objectives. Tab leaves it (no keyboard trap)."""

    def __init__(self, proxy: ActionFilterModel, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setModel(proxy)
        self.setAccessibleName("Action table: objectives with their actions. F2 edits a cell; "
                               "right-click the column headings to show or hide columns")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(False)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # only visible rows are measured
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        source = proxy.source
        source.line_height = QFontMetrics(self.font()).lineSpacing()
        header = self.header()
        header.setSectionsMovable(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.fitting = False
        self.preferred: dict[str, int] = {}
        self._apply_default_widths(source)
        if settings is not None and settings.value(STATE_KEY) is not None:
            header.restoreState(settings.value(STATE_KEY))  # type: ignore[arg-type]
            self.preferred |= {key: header.sectionSize(c) for c, key in enumerate(COLUMNS) if header.sectionSize(c)}
        self.preferred |= _read_widths(settings.value(WIDTHS_KEY) if settings is not None else None)
        header.sectionResized.connect(self._resized)
        self._hidden: set[str] = set()  # ids of the objectives and actions this view hides
        proxy.rowsInserted.connect(self._rows_inserted)
        proxy.rowsInserted.connect(self._rows_shown)
        self._landing: tuple[str, int] | None = None  # where the place goes when its row is removed
        proxy.rowsAboutToBeRemoved.connect(self._place_leaving)
        proxy.rowsRemoved.connect(self._place_left)
        proxy.layoutChanged.connect(self.refresh_spans)
        self.refresh_spans()

    def _apply_default_widths(self, source: ActionTreeModel) -> None:
        header = self.header()
        metrics = QFontMetrics(self.font())
        names = list(rating_names(source.session.plan).values())
        rag_width = max(metrics.horizontalAdvance(name) for name in names) + 18  # a RAG word never breaks
        for column, key in enumerate(COLUMNS):
            self.preferred[key] = rag_width if key == "rag" else WIDTHS[key]
            header.resizeSection(column, self.preferred[key])
            header.setSectionHidden(column, key in HIDDEN_BY_DEFAULT)
        header.setMinimumSectionSize(40)

    def _shown(self) -> list[int]:
        header = self.header()
        order = [header.logicalIndex(visual) for visual in range(header.count())]
        return [column for column in order if not header.isSectionHidden(column)]

    def fit_columns(self) -> None:
        """Show every visible column within the grid's width: the wrapping columns give up what is needed,
        each in proportion to what it has above its floor (the last column stretches to the edge)."""
        shown = self._shown()
        if not shown:
            return
        widths = {c: self.preferred.get(COLUMNS[c], WIDTHS[COLUMNS[c]]) for c in shown}
        excess = sum(widths.values()) - self.viewport().width()
        spare = {c: max(0, widths[c] - FLOORS[COLUMNS[c]]) for c in shown if COLUMNS[c] in FLOORS}
        total = sum(spare.values())
        if excess > 0 and total:
            for column, room in spare.items():
                widths[column] -= min(room, -(-excess * room // total))  # rounded up: the sum fits
        header = self.header()
        self.fitting = True
        try:
            for column in shown:  # the last one too: it stretches from there, never below it
                if header.sectionSize(column) != widths[column]:
                    header.resizeSection(column, widths[column])
        finally:
            self.fitting = False

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()  # a smaller window, the details panel dragged wider, a scroll bar appearing
        return super().viewportEvent(event)

    def _resized(self, column: int, _old: int, new: int) -> None:
        """The officer dragged a column's edge: that width is kept (the stretching last column is not a choice)."""
        if self.fitting or not new or column == (self._shown() or [-1])[-1]:
            return
        self.preferred[COLUMNS[column]] = new
        self._remember()

    def _remember(self) -> None:
        if self.settings is not None:
            self.settings.setValue(STATE_KEY, self.header().saveState())
            self.settings.setValue(WIDTHS_KEY, ",".join(f"{key}={width}" for key, width in self.preferred.items()))

    def _header_menu(self, point: QPoint) -> None:
        self.column_menu().popup(self.header().mapToGlobal(point))

    def column_menu(self) -> QMenu:
        """Show or hide each column (No and Action always show)."""
        menu = QMenu(self)
        header = self.header()
        for column, key in enumerate(COLUMNS):
            if key in ALWAYS_SHOWN:
                continue
            action = menu.addAction(TITLES[key])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
        return menu

    def set_column_shown(self, column: int, shown: bool) -> None:
        self.header().setSectionHidden(column, not shown)
        self.fit_columns()
        self._remember()

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Left moves one cell left along an action's row, as in a table; QTreeView would jump to the
        objective's header row instead (and F2 there edits the objective, not the cell next door)."""
        current = self.currentIndex()
        if cursorAction != QAbstractItemView.CursorAction.MoveLeft or not current.parent().isValid():
            return super().moveCursor(cursorAction, modifiers)
        header = self.header()
        visual = header.visualIndex(current.column()) - 1
        while visual >= 0 and header.isSectionHidden(header.logicalIndex(visual)):
            visual -= 1
        return current.sibling(current.row(), header.logicalIndex(visual)) if visual >= 0 else current

    # -- objective header rows --------------------------------------------------------------------------

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        for row in range(first, last + 1):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        if last - first > 8:  # another area's rows: one pass over the tree, not a layout per row
            self.expandAll()
            return
        for row in range(first, last + 1):
            self.expand(self.model().index(row, 0))

    def refilter(self, apply: Callable[[], None]) -> None:
        """Change the filters with ``apply``, then hide what no longer matches; the current action stays in view."""
        apply()
        self.apply_filters()
        current = self.currentIndex()
        if current.isValid() and self.is_shown(current):
            self.scrollTo(current)  # clearing Find or a filter comes back to where the officer was

    def apply_filters(self) -> None:
        """Hide the actions the filters reject, and objectives left with none (rows stay in the model).

        Which rows are hidden is kept here by id, so only the rows whose state changes are touched; the
        actions of an objective that stays hidden are left as they are until it shows again."""
        proxy = self.model()
        source = proxy.source
        active = proxy.filters.active()
        hidden = self._hidden
        root = QModelIndex()
        for row, objective in enumerate(source.top):
            actions = source.kids[objective.id]
            keep = [not active or proxy.accepts(action) for action in actions]
            hide = active and not any(keep)
            if (objective.id in hidden) != hide:
                self.setRowHidden(row, root, hide)
                (hidden.add if hide else hidden.discard)(objective.id)
            if hide:
                continue
            parent = None
            for n, (action, kept) in enumerate(zip(actions, keep, strict=True)):
                if (action.id in hidden) == kept:
                    parent = parent or proxy.index(row, 0)
                    self.setRowHidden(n, parent, not kept)
                    (hidden.discard if kept else hidden.add)(action.id)

    def area_shown(self) -> None:
        """Another area's rows came in (:meth:`ActionTreeModel.show_area`): the filters still hold for them."""
        self._hidden.clear()
        self.apply_filters()

    def _place_leaving(self, parent: QModelIndex, first: int, last: int) -> None:
        """The current row is about to go (an undo takes back the action or area it was on): note the nearest
        action left on show, before it, else after it, so the place moves there instead of being lost."""
        current = self.currentIndex()
        if not current.isValid():
            return
        top = current.parent() if current.parent().isValid() else current
        if parent.isValid():
            inside = current.parent() == parent and first <= current.row() <= last
        else:
            inside = first <= top.row() <= last
        if not inside:
            return
        source = self.model().source
        going = ({a.id for o in source.top[first:last + 1] for a in source.kids[o.id]} if not parent.isValid()
                 else {a.id for a in source.kids[source.top[parent.row()].id][first:last + 1]})
        order = [a.id for o in source.top if o.id not in self._hidden for a in source.kids[o.id]]
        here = current.data(ActionRole)
        objective = source.top[top.row()]
        at = order.index(here) if here in order else next(
            (n for n, ident in enumerate(order) if source.place[ident][0] == objective.id), len(order))
        staying = [ident for ident in order if ident not in going and ident not in self._hidden]
        before = [ident for ident in order[:at] if ident in staying]
        after = [ident for ident in order[at:] if ident in staying]
        landing = before[-1] if before else after[0] if after else None
        self._landing = (landing, current.column()) if landing else None

    def _place_left(self, *_args: object) -> None:
        if self._landing is None:
            return
        action_id, column = self._landing
        self._landing = None
        proxy = self.model()
        index = proxy.mapFromSource(proxy.source.action_index(action_id, column))
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _rows_shown(self, parent: QModelIndex, first: int, last: int) -> None:
        """Rows that arrive are shown (an action put back by an undo may carry the id of one hidden before)."""
        source = self.model().source
        if parent.isValid():
            actions = source.kids[source.top[parent.row()].id]
            self._hidden.difference_update(a.id for a in actions[first:last + 1])
        else:
            self._hidden.difference_update(o.id for o in source.top[first:last + 1])

    def shown_actions(self) -> int:
        """How many action rows the filters leave on show."""
        source, hidden = self.model().source, self._hidden
        return sum(1 for objective in source.top if objective.id not in hidden
                   for action in source.kids[objective.id] if action.id not in hidden)

    def is_shown(self, index: QModelIndex) -> bool:
        """``index`` (of the view's model) is on a row the filters leave on show."""
        parent = index.parent()
        return not self.isRowHidden(index.row(), parent) and (
            not parent.isValid() or not self.isRowHidden(parent.row(), QModelIndex()))

    def refresh_spans(self) -> None:
        model = self.model()
        for row in range(model.rowCount()):
            if not self.isFirstColumnSpanned(row, QModelIndex()):
                self.setFirstColumnSpanned(row, QModelIndex(), True)
        self.expandAll()

    def column_of(self, key: str) -> int:
        return COLUMNS.index(key)


def _read_widths(value: object) -> dict[str, int]:
    """"action=300,owner=120" from the settings → {"action": 300, "owner": 120} (anything unreadable is skipped)."""
    widths = {}
    for part in str(value or "").split(","):
        key, _, number = part.partition("=")
        if key in WIDTHS and number.isdigit() and int(number) > 0:
            widths[key] = int(number)
    return widths

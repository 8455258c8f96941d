"""The import preview: what a Word plan or Excel tracker gave, and how each table or sheet was read — each
column's role, the header rows, which rows are headings or notes — all editable; every change reads the
document again at once, and the plan is made from what the preview shows. Choices are remembered for
documents with the same headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.screen_fit import fit_window

from sendplan.model import area_term
from sendplan.summaries import area_title

if TYPE_CHECKING:  # the importers load when an import starts
    from sendplan.exporters.office import PlanImport, PlanSource, RememberedMappings, TableChoice

KIND = Qt.ItemDataRole.UserRole
TITLES_LIMIT = 70  # characters of column titles in the table list


def _no_blank_cells(tree: QTreeWidget) -> None:
    """An empty cell is announced as its row (an area or objective) or as "By Whom: none", never as blank."""
    titles = [tree.headerItem().text(column) for column in range(tree.columnCount())]
    pending = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        pending += [item.child(n) for n in range(item.childCount())]
        for column in range(1, tree.columnCount()):
            if not item.text(column):
                said = item.text(0) if item.childCount() else f"{titles[column]}: none"
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole, said)


class RowKindDelegate(QStyledItemDelegate):
    """Edits what a row is read as with a drop-down of the row kinds."""

    def __init__(self, kinds: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.kinds = kinds

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QComboBox(parent)
        editor.setAccessibleName("Read this row as")
        for key, label in self.kinds.items():
            editor.addItem(label, key)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(KIND))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt's name
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
            model.setData(index, editor.currentData(), KIND)  # last: this is the change the dialog acts on


class ImportPreviewDialog(QDialog):
    """What an import found, and how it was read (editable), before the plan is created."""

    def __init__(self, source: PlanSource, result: PlanImport, remembered: RememberedMappings | None = None,
                 parent: QWidget | None = None, title: str = "Import a Word action plan") -> None:
        from sendplan.exporters.office import ROLES, ROW_KINDS, kept_reason

        super().__init__(parent)
        self.source, self.remembered = source, remembered
        self.outcome = result  # not "result": QDialog.result() is the accept/reject code
        self.pending = False  # a read is due once the current signal is handled
        self.roles = ROLES
        self.kept_reason = kept_reason
        self.corrected: set[str] = set()  # tables whose columns the officer changed themselves
        # the tables the last column change was applied to, and what to tell the officer about it
        self.applied: tuple[set[str], str] = (set(), "")
        self.focus_cell: tuple[int, int] | None = None  # the control to give the focus back to after a re-read
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("What was found, how it was read, and the report")
        layout.addWidget(self.tabs, 1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Found", "By Whom", "By When"])
        self.tree.setAccessibleName("Areas, objectives and actions found")
        self.tree.header().setStretchLastSection(False)  # the actions' wording gets the width, not By When
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.tree, "What was found")
        self.tabs.addTab(self._mapping_page(ROW_KINDS), "How it was read")
        self.details = QListWidget()
        self.details.setAccessibleName("Layout, column mapping, things to check and unplaced text")
        self.details.setWordWrap(True)  # the column mapping is one long line: wrap it rather than scroll sideways
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tabs.addTab(self.details, "Report")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create the plan…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_result()
        fit_window(self, QSize(1000, 660))

    # -- building ----------------------------------------------------------------------------------------

    def _mapping_page(self, kinds: dict[str, str]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        pick = QHBoxLayout()
        self.table_picker = QComboBox()
        self.table_picker.setAccessibleName("Table or sheet to correct")
        self.table_picker.currentIndexChanged.connect(self._show_table)
        pick.addWidget(QLabel("&Table:"))
        pick.itemAt(0).widget().setBuddy(self.table_picker)  # type: ignore[union-attr]
        pick.addWidget(self.table_picker, 1)
        self.header_at = QSpinBox()
        self.header_at.setRange(1, 10_000)
        self.header_at.setAccessibleName("Row the header starts on")
        self.header_rows = QSpinBox()
        self.header_rows.setRange(1, 4)
        self.header_rows.setAccessibleName("Rows the header spans")
        for spin in (self.header_at, self.header_rows):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._header_changed)
        pick.addWidget(QLabel("Header on row"))
        pick.addWidget(self.header_at)
        pick.addWidget(QLabel("spanning"))
        pick.addWidget(self.header_rows)
        pick.addWidget(QLabel("rows"))
        layout.addLayout(pick)
        self.table_state = QLabel()
        self.table_state.setWordWrap(True)
        layout.addWidget(self.table_state)
        self.columns = QTableWidget(0, 4)
        self.columns.setHorizontalHeaderLabels(["Column", "Read as", "Review", "Why"])
        self.columns.setAccessibleName("Each column and what it is read as")
        self.columns.setTabKeyNavigation(False)
        self.columns.verticalHeader().setVisible(False)
        self.columns.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for index, width in ((0, 220), (1, 210), (2, 150)):
            self.columns.horizontalHeader().resizeSection(index, width)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.columns)
        self.rows = QTableWidget(0, 2)
        self.rows.setHorizontalHeaderLabels(["Row", "Read as"])
        self.rows.setAccessibleName("The table's rows: F2 or double-click changes what a row is read as")
        self.rows.setTabKeyNavigation(False)
        self.rows.setItemDelegateForColumn(1, RowKindDelegate(kinds, self.rows))
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.rows.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rows.horizontalHeader().resizeSection(1, 170)
        self.rows.itemChanged.connect(self._row_changed)
        self.kinds = kinds
        self.split.addWidget(self.rows)
        self.split.setStretchFactor(0, 3)  # the columns get the room; the rows list is for the odd heading or note
        self.split.setStretchFactor(1, 1)
        layout.addWidget(self.split, 1)
        hint = QLabel("Every change reads the document again at once; the plan is made from what you see. Your "
                      "choices are remembered for documents with the same headers.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #444")
        layout.addWidget(hint)
        return page

    def _show_result(self) -> None:
        report, plan = self.outcome.report, self.outcome.plan
        refusal = f"<b>{report.refusal}</b> Choose a column's role (Action) under “How it was read”." \
            if report.refusal else ""
        self.summary.setText(refusal or f"Found {report.counted()}. {report.checks()} (Report tab).")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not report.refusal)
        self.tree.clear()
        numbers = plan.numbers()
        term = area_term(plan)
        for area in plan.areas:
            top = QTreeWidgetItem([f"{term} {numbers[area.id]}: {area_title(area)}"])
            self.tree.addTopLevelItem(top)
            for objective in area.objectives:
                heading = f"{numbers[objective.id]} {objective.text}".strip()
                child = top
                if heading:  # an objective with no number or text of its own: its actions sit under the area
                    child = QTreeWidgetItem([heading])
                    top.addChild(child)
                for action in objective.actions:
                    due = action.due.current.display("uk") if action.due.current else ""
                    child.addChild(QTreeWidgetItem([f"{numbers[action.id]} {action.text}", action.owner, due]))
        self.tree.expandAll()
        _no_blank_cells(self.tree)
        self.details.clear()
        self.details.addItems([f"Layout: {m}" for m in report.layouts] + [f"Columns: {m}" for m in report.mappings]
                              + [f"Edited in Word: {e}" for e in report.edit_lines()]
                              + [f"Guess: {g}" for g in report.guesses] + [f"Check: {n}" for n in report.notes]
                              + [f"Unplaced (kept as a note): {u}" for u in report.unplaced]
                              + [f"Not used: {u}" for u in report.unused_lines()])
        tables = self.outcome.mapping.tables
        current = self.table_picker.currentData()
        self.table_picker.blockSignals(True)
        self.table_picker.clear()
        for table in tables:
            titles = titles_label(table.titles)
            state = "" if "action" in table.keys() else \
                f" (read as {table.read_as.split(':')[0]})" if table.read_as else " (not read as an action table)"
            self.table_picker.addItem(f"{table.where}{state}: {titles}", table.where)
        first = next((i for i, t in enumerate(tables) if "action" in t.keys()), 0)
        index = self.table_picker.findData(current) if current else -1
        self.table_picker.setCurrentIndex(index if index >= 0 else min(first, len(tables) - 1))
        self.table_picker.blockSignals(False)
        self.tabs.setTabEnabled(1, self.source.adjustable and bool(tables))
        self._show_table()

    def table(self) -> TableChoice | None:
        where = self.table_picker.currentData()
        return self.outcome.mapping.table(where) if where else None

    def _show_table(self) -> None:
        table = self.table()
        self.columns.setRowCount(0)
        self.rows.blockSignals(True)
        self.rows.setRowCount(0)
        if table is None:
            self.rows.blockSignals(False)
            return
        applied = self.applied[1] if table.where in self.applied[0] else ""
        if "action" not in table.keys() and table.read_as:
            self.table_state.setText(f"Read as {table.read_as}. To read it as an action table instead, give one "
                                     "column the role Action.")
        elif "action" not in table.keys():
            self.table_state.setText("This table was not read as an action table: it has no column read as Action. "
                                     "Give one column the role Action to read it as one.")
        else:
            chosen = " as you chose" if table.chosen else ""
            self.table_state.setText(applied or f"Read as an action table{chosen}. Change a column's role, the review "
                                                "a RAG or progress column belongs to, or what a row is read as.")
        excel = table.where.startswith("sheet")
        for spin, value in ((self.header_at, table.header_at + (0 if excel else 1)), (self.header_rows,
                                                                                      max(1, table.header_rows))):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.columns.setRowCount(len(table.columns))
        for row, column in enumerate(table.columns):
            name = QTableWidgetItem(" ".join(column.title.split()) or f"(column {row + 1}, no title)")
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(row, 0, name)
            role = QComboBox()
            role.setAccessibleName(f"Read column “{name.text()}” as")
            for key, label in self.roles.items():
                if key not in ("id", "earlier_due") or key == column.key:
                    role.addItem(label, key)
            role.setCurrentIndex(max(0, role.findData(column.key)))
            role.currentIndexChanged.connect(lambda _i, r=row: self._column_changed(r))
            self.columns.setCellWidget(row, 1, role)
            review = QLineEdit(column.review)
            review.setPlaceholderText("the current review")
            review.setAccessibleName(f"Review of column “{name.text()}” (for RAG or progress)")
            review.setEnabled(column.key in ("rag", "progress"))
            review.editingFinished.connect(lambda r=row: self._column_changed(r, 2))
            self.columns.setCellWidget(row, 2, review)
            reason = column.why or (self.kept_reason(column.title) if column.key == "" else "")
            why = QTableWidgetItem(("hidden in the workbook; " if column.hidden else "") + reason)
            why.setFlags(why.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(row, 3, why)
        self.rows.setRowCount(len(table.listed))
        for row, listed in enumerate(table.listed):
            text = QTableWidgetItem(listed.preview)
            text.setFlags(text.flags() & ~Qt.ItemFlag.ItemIsEditable)
            text.setData(KIND, listed.key)
            kind = QTableWidgetItem(self.kinds.get(listed.kind, listed.kind))
            kind.setData(KIND, listed.kind)
            self.rows.setItem(row, 0, text)
            self.rows.setItem(row, 1, kind)
        self.rows.blockSignals(False)

    # -- changes -----------------------------------------------------------------------------------------

    def _column_changed(self, row: int, part: int = 1) -> None:
        """A column's role or review changed (``part`` 1 or 2: which control): the change applies to every
        table with the same headers, except those the officer corrected separately."""
        table = self.table()
        if table is None or row >= len(table.columns):
            return
        role = self.columns.cellWidget(row, 1)
        review = self.columns.cellWidget(row, 2)
        assert isinstance(role, QComboBox) and isinstance(review, QLineEdit)
        column = table.columns[row]
        key = str(role.currentData())
        text = review.text().strip() if key in ("rag", "progress") else ""
        if (key, text) == (column.key, column.review):
            return
        self.corrected.add(table.where)
        alike = [t for t in self.outcome.mapping.tables if t is not table and table.titles and
                 t.signature == table.signature and len(t.columns) == len(table.columns)]
        kept = [t.where for t in alike if t.where in self.corrected]
        changed = [table, *(t for t in alike if t.where not in self.corrected)]
        for each in changed:
            each.columns[row].key, each.columns[row].review, each.columns[row].why = key, text, ""
            each.chosen = True
        self.applied = ({t.where for t in changed}, _applied(column.title, [t.where for t in changed], kept)) \
            if alike else (set(), "")
        self.focus_cell = (row, part)
        self._reread_soon()

    def _row_changed(self, item: QTableWidgetItem) -> None:
        table = self.table()
        if table is None or item.column() != 1:
            return
        key = self.rows.item(item.row(), 0).data(KIND)
        kind = str(item.data(KIND))
        listed = next((r for r in table.listed if r.key == key), None)
        if listed is None or listed.kind == kind:
            return
        table.rows[key] = kind
        table.chosen = True
        self._reread_soon()

    def _header_changed(self) -> None:
        table = self.table()
        if table is None:
            return
        excel = table.where.startswith("sheet")
        table.header_at = self.header_at.value() - (0 if excel else 1)
        table.header_rows = self.header_rows.value()
        table.titles, table.columns = (), []  # the columns under the new header are read afresh
        table.chosen = True
        self._reread_soon()

    def _reread_soon(self) -> None:
        """Read again once the control that changed has finished handling its signal (it is rebuilt)."""
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self.reread)

    def reread(self) -> None:
        """Read the document again with the mapping as it now stands, and show what it gives."""
        self.pending = False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.outcome = self.source.read(self.outcome.mapping, self.remembered)
        finally:
            QApplication.restoreOverrideCursor()
        self._show_result()
        if self.focus_cell is not None:  # the officer goes on from the control they changed, not from the top
            row, part = self.focus_cell
            self.focus_cell = None
            widget = self.columns.cellWidget(row, part) if row < self.columns.rowCount() else None
            if widget is not None:
                self.columns.setCurrentCell(row, part)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.pending:
            self.reread()  # a change made just before pressing Create counts
        if self.outcome.report.refusal:
            return
        if self.remembered is not None:
            self.remembered.remember(self.outcome.mapping)
        super().accept()


def titles_label(titles: Sequence[str], limit: int = TITLES_LIMIT) -> str:
    """A table's column titles for the table list: whole titles while they fit in ``limit`` characters, then
    "…" ("Ref, Action, Milestones, …"), never a title cut short or a trailing comma."""
    shown: list[str] = []
    length = 0
    for title in (" ".join(t.split()) for t in titles):
        if not title:
            continue
        length += len(title) + (2 if shown else 0)
        if length > limit:
            if not shown:  # one very long title: its first words
                return title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return ", ".join(shown) + ", …"
        shown.append(title)
    return ", ".join(shown)


def _applied(title: str, changed: list[str], kept: list[str]) -> str:
    """"Your change to “Milestones” was applied to the 4 tables with these headers (tables 2, 4, 6 and 8)."."""
    def joined(wheres: list[str]) -> str:
        names = [w.split(" ", 1)[-1] for w in wheres]
        kind = wheres[0].split(" ", 1)[0] + ("s" if len(wheres) > 1 else "")
        return f"{kind} " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])

    name = " ".join(title.split()) or "the column"
    text = f"Your change to “{name}” was applied to the {len(changed)} tables with these headers ({joined(changed)})" \
        if len(changed) > 1 else f"Your change to “{name}” was applied to this table only"
    if kept:
        text += f"; {joined(kept)}, which you corrected separately, kept {'its' if len(kept) == 1 else 'their'} own"
    return text + "."


def preview_import(parent: QWidget | None, prepare: object, source_path: object, title: str) -> PlanImport | None:
    """Open ``source_path`` with ``prepare`` (a format's prepare function) under the wait cursor, read it (with
    the mappings remembered for its headers) and show the preview; the import the officer accepted, or None
    (a file that cannot be used is told in plain words)."""
    from sendplan.exporters.office import RememberedMappings
    from sendplan.ui.cycle_dialogs import read_for_import
    from sendplan.ui.services import dialogs

    remembered = RememberedMappings()
    source = read_for_import(parent, prepare, source_path)  # type: ignore[arg-type]
    if source is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = source.read(remembered=remembered)
    finally:
        QApplication.restoreOverrideCursor()
    if result.report.refusal and not result.mapping.tables:
        dialogs().warn(parent, "Not imported", result.report.refusal)
        return None
    preview = ImportPreviewDialog(source, result, remembered, parent, title)
    return preview.outcome if dialogs().run(preview) else None

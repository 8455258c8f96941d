"""Pages that edit one of the plan's lists (reviews, glossary, members, sections…) as a table.

One model and one page serve every list: each column names a field and how it is typed. Every
edit, addition, removal and move is a core command on the session's undo stack.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from sendplan.ui.delegates import HighlightDelegate
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan.changes import INSERTED, REMOVED, Rows
from sendplan.colours import darken_for, normalise
from sendplan.commands import CHILDREN, AddItem, Change, CommandError, DeleteItem, MoveItem, SetField, describe
from sendplan.dates import DateParseError, format_date, parse_uk_date
from sendplan.journal import Draft
from sendplan.model import Plan

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    kind: str = "text"  # text | long | date | colour | bool


class CollectionModel(QAbstractTableModel):
    """Rows are the model's own copy of the plan list, kept in step by the change records."""

    def __init__(self, session: PlanSession, collection: str, fields: list[Field]) -> None:
        super().__init__()
        self.session, self.collection, self.fields = session, collection, fields
        self.items: list[Any] = list(getattr(session.plan, collection))
        self.columns = {f.name: n for n, f in enumerate(fields)}
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        for record in change.rows_in({self.collection}):
            self._apply(record)
        rows = {item.id: n for n, item in enumerate(self.items)}
        for ident, name in change.edited:
            if ident in rows and name in self.columns:
                index = self.index(rows[ident], self.columns[name])
                self.dataChanged.emit(index, index)

    def _apply(self, record: Rows) -> None:
        """One row record of the plan's list (this page's rows all sit under the plan)."""
        root = QModelIndex()
        if record.kind == INSERTED:
            self.beginInsertRows(root, record.index, record.index + record.count - 1)
            self.items[record.index:record.index] = record.items
            self.endInsertRows()
        elif record.kind == REMOVED:
            self.beginRemoveRows(root, record.index, record.index + record.count - 1)
            del self.items[record.index:record.index + record.count]
            self.endRemoveRows()
        elif record.to_index != record.index:
            destination = record.to_index + 1 if record.to_index > record.index else record.to_index
            self.beginMoveRows(root, record.index, record.index, root, destination)
            self.items.insert(record.to_index, self.items.pop(record.index))
            self.endMoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def draft_for(self, index: Index, text: str) -> Draft | None:
        """What is being typed into a text cell, for the draft journal."""
        field = self.fields[index.column()]
        if field.kind not in ("text", "long") or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        return Draft(item.id, field.name, f"{field.title} of {describe(item)}", text, str(getattr(item, field.name)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].title if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.session.read_only:
            return flags
        if self.fields[index.column()].kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.items[index.row()]
        field = self.fields[index.column()]
        value = getattr(item, field.name)
        if field.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:  # a tick box alone would be announced as blank
                return f"{field.title}: {'yes' if value else 'no'}"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.AccessibleTextRole):
            text = format_date(value, "uk") if field.kind == "date" and value else (value or "")
            return f"{field.title}: {text or 'empty'}" if role == Qt.ItemDataRole.AccessibleTextRole else text
        if field.kind == "colour" and role == Qt.ItemDataRole.DecorationRole:
            return QColor(value)
        if field.kind == "colour" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(value))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.items[index.row()]
        field = self.fields[index.column()]
        if field.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif field.kind == "date":
            try:
                value = parse_uk_date(value) if str(value).strip() else None
            except DateParseError as error:
                dialogs().warn(None, "Date not changed", f"{str(error).capitalize()}.")
                return False
        elif field.kind == "colour" and not QColor(value).isValid():
            dialogs().warn(None, "Colour not changed", f"“{value}” is not a colour; use a form like #1F4E79.")
            return False
        if value == getattr(item, field.name):
            return False
        try:
            self.session.push(SetField(self.session.plan, item.id, field.name, value))
        except CommandError as error:
            dialogs().warn(None, "Not changed", str(error))
            return False
        return True


class CollectionPage(QWidget):
    """A heading, a table of one plan list, and Add / Delete / Move buttons."""

    def __init__(self, session: PlanSession, title: str, collection: str, fields: list[Field],
                 noun: str, help_text: str = "") -> None:
        super().__init__()
        self.session, self.collection, self.noun = session, collection, noun
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        layout.addWidget(heading)
        if help_text:
            note = QLabel(help_text)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.model = CollectionModel(session, collection, fields)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrow keys move inside it)
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"{title} table")
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
                                   | QTableView.EditTrigger.AnyKeyPressed)
        for column, field in enumerate(fields):
            if field.kind == "long":
                self.table.setItemDelegateForColumn(column, HighlightDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, field in enumerate(fields):
            header.resizeSection(column, {"long": 420, "date": 110, "colour": 100, "bool": 90}.get(field.kind, 200))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, slot, name in ((f"Add {noun}", self.add, f"Add {noun}"),
                                 ("Delete", self.delete, f"Delete the selected {noun}"),
                                 ("Move up", lambda: self.move(-1), f"Move the selected {noun} up"),
                                 ("Move down", lambda: self.move(1), f"Move the selected {noun} down")):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            button.setEnabled(not session.read_only)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if collection == "reviews":
            self.preview = QLabel()  # its own words are what a screen reader says: every review's line
            self.preview.setWordWrap(True)
            layout.addWidget(self.preview)
            session.changed.connect(self._preview)
            self._preview()

    def _preview(self, *_args: object) -> None:
        """The progress key as it prints in Word: each review's label in its (readable) colour."""
        parts = []
        for review in self.session.plan.reviews_by_date():
            colour = darken_for(normalise(review.colour, "1F3864"))
            when = format_date(review.day, "uk") if review.day else "no date"
            parts.append(f"<span style='color:#{colour}'><b>{html.escape(review.short_label or review.label)}:</b> "
                         f"{html.escape(review.label)} ({when})</span>")
        self.preview.setText("<b>Progress key as it will print:</b><br>" + "<br>".join(parts))

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() or (
            [self.table.currentIndex()] if self.table.currentIndex().isValid() else [])
        return rows[0].row() if rows else None

    def add(self) -> None:
        plan: Plan = self.session.plan
        item = CHILDREN[Plan][self.collection]()
        if self.collection == "rag_scale":  # a rating needs a stable key of its own
            item.key, item.name, item.colour = f"custom-{item.id[:8]}", "New rating", "#7F7F7F"
        row = self._selected()
        index = len(self.model.items) if row is None else row + 1
        self.session.push(AddItem(plan, None, self.collection, item, index))
        self.table.setCurrentIndex(self.model.index(index, 0))
        self.table.edit(self.model.index(index, 0))

    def delete(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            self.session.push(DeleteItem(self.session.plan, self.model.items[row].id))
        except CommandError as error:
            dialogs().warn(self, f"Cannot delete this {self.noun}", str(error))

    def move(self, step: int) -> None:
        row = self._selected()
        if row is None or not 0 <= row + step < len(self.model.items):
            return
        self.session.push(MoveItem(self.session.plan, self.model.items[row].id, row + step))
        self.table.setCurrentIndex(self.model.index(row + step, 0))


PAGES: dict[str, tuple[str, str, list[Field], str, str]] = {
    # page name: (title, collection, fields, noun, help)
    "Reviews": ("Reviews", "reviews", [Field("label", "Review"), Field("short_label", "Short label"),
                                       Field("day", "Date", "date"), Field("colour", "Colour", "colour"),
                                       Field("period", "Reporting period"), Field("note", "Note")], "review",
                "Each review's colour is its “progress section code”: progress reported at that review is "
                "printed in it. New progress and RAG changes go to the current review chosen in the toolbar."),
    "Narrative": ("Narrative sections", "sections", [Field("title", "Heading"), Field("body", "Text", "long")],
                  "section", "The plan's narrative, in the order it prints: vision, introduction, governance…"),
    "Governance & members": ("Members", "members", [Field("name", "Name"), Field("organisation", "Organisation"),
                                                    Field("role", "Role")], "member", ""),
    "Workstreams": ("Workstreams", "workstreams", [Field("name", "Workstream"), Field("lead", "Lead"),
                                                   Field("description", "Remit", "long")], "workstream", ""),
    "Glossary": ("Glossary", "glossary", [Field("term", "Term"), Field("meaning", "Meaning", "long")], "term", ""),
    "RAG scale & keys": ("RAG scale", "rag_scale", [Field("name", "Rating"), Field("colour", "Colour", "colour"),
                                                    Field("descriptor", "What it means", "long"),
                                                    Field("complete", "Counts as complete", "bool")], "rating",
                         "Ratings marked complete (Green, Blue) stop an action counting as overdue."),
}

"""The areas read from an inspection report, as the officer checks them before the plan is made: each
area with its kind and the body responsible for it, its wording edited below the list, and the list
itself put right (add, delete, split at the cursor, join with the next, move up or down).

Every change is a step in one history, in the order made — typing into a field (one step until the
officer turns to another field or area), a tick, and each change to the list — so Undo and Redo
(the buttons, or Ctrl+Z and Ctrl+Y anywhere in the editor) never lose what was typed."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from sendplan.exporters.report import DraftItem

KINDS = {"priority": "Priority action", "improvement": "Improvement"}
COLUMNS = ("Area", "Kind", "No.", "Responsible body")
SUMMARY = 160  # characters of an area's wording shown in the list
PADDING = 5  # pixels above and below a row's text, so a wrapped line never touches the cell's border
HISTORY = 100  # steps kept for Undo
FIELDS = {"text": "wording", "body": "responsible body", "ref": "number", "kind": "kind"}
UNKNOWN = "Not known: type it in"  # shown for an area for priority action whose body was not read


@dataclass
class Step:
    """One step in the history: what it did, and the areas (and the chosen row) as they were before it."""

    label: str
    areas: list[DraftItem]
    current: int


class NoAltTyping(QObject):
    """Alt with a letter in a text box is a button's key (its underlined letter), never typing.

    On X11 a text box takes Alt+U as the letter "u" when the button it would press is disabled; this
    filter drops such keys instead. AltGr (Ctrl+Alt on Windows) still types."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers()
        alt_only = bool(modifiers & Qt.KeyboardModifier.AltModifier) and not modifiers & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        return alt_only and event.text().isprintable() and bool(event.text().strip())


class _Padded(QStyledItemDelegate):
    """Rows as tall as their wrapped text, with room above and below it."""

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 2 * PADDING)


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY else f"{flat[:SUMMARY - 1]}…"


class AreaEditor(QWidget):
    """Edits ``areas`` (the draft's list) in place: ticked areas go into the plan."""

    def __init__(self, areas: list[DraftItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas = areas
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._typing: tuple[int, str] | None = None  # (row, field) that typing goes on merging into
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Areas read from the report: tick the ones to keep (Space); the chosen one "
                                     "is edited below")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_Padded(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(3, 260)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.table.itemChanged.connect(self._ticked)
        layout.addWidget(self.table, 3)
        layout.addLayout(self._buttons())
        layout.addLayout(self._form(), 2)
        for widget in self.findChildren(QWidget):  # Ctrl+Z and Ctrl+Y wherever the keyboard is in the editor
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widget.installEventFilter(self)
        self._fill(0)

    # -- building ---------------------------------------------------------------------------------

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
                ("add", "&Add", "Add an empty area after the chosen one", self.add_area),
                ("delete", "De&lete", "Delete the chosen area (Undo brings it back)", self.delete_area),
                ("split", "&Split at cursor", "Make the wording after the cursor an area of its own", self.split_area),
                ("join", "&Join with next", "Join the chosen area and the one after it", self.join_area),
                ("up", "Move &up", "Move the chosen area up (Ctrl+Up)", lambda: self.move_area(-1)),
                ("down", "Move do&wn", "Move the chosen area down (Ctrl+Down)", lambda: self.move_area(1)),
                ("undo", "U&ndo", "Undo (Ctrl+Z)", self.undo),
                ("redo", "R&edo", "Redo (Ctrl+Y)", self.redo)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Up and Ctrl+Down in the list move the chosen area; Ctrl+Z and Ctrl+Y anywhere in the editor
        undo and redo its history (a text box's own undo would know only the typing since it was filled)."""
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        ctrl = event.modifiers() == Qt.KeyboardModifier.ControlModifier
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or (ctrl and event.key() == Qt.Key.Key_Y)
        move = watched is self.table and ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if not (undo or redo or move):
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to this widget as a key press, taken below
        elif undo:
            self.undo()
        elif redo:
            self.redo()
        else:
            self.move_area(-1 if event.key() == Qt.Key.Key_Up else 1)
        return True

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.wording = QPlainTextEdit()
        self.wording.setTabChangesFocus(True)
        self.wording.setUndoRedoEnabled(False)  # typing is undone in the editor's history, in order
        self.wording.setAccessibleName("The chosen area's wording (a list item on a line starting “• ”)")
        self.wording.textChanged.connect(lambda: self._edited("text", self.wording.toPlainText()))
        self.body = QLineEdit()
        self.body.setAccessibleName("The body responsible for the chosen area")
        self.body.setPlaceholderText("Not known: type the body this area is addressed to")
        self.body.textChanged.connect(lambda text: self._edited("body", text))
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS.values()))
        self.kind.setAccessibleName("The chosen area's kind")
        self.kind.currentIndexChanged.connect(lambda index: self._edited("kind", list(KINDS)[index]))
        self.ref = QLineEdit()
        self.ref.setAccessibleName("The chosen area's number, as the report gives it")
        self.ref.setMaximumWidth(80)
        self.ref.textChanged.connect(lambda text: self._edited("ref", text))
        line = QHBoxLayout()
        line.addWidget(self.kind)
        line.addWidget(QLabel("Number"))
        line.addWidget(self.ref)
        line.addWidget(QLabel("Responsible body"))
        line.addWidget(self.body, 1)
        form.addRow("Wording", self.wording)
        form.addRow("Kind", line)
        self.no_alt = NoAltTyping(self)
        for widget in (self.wording, self.body, self.ref):
            widget.installEventFilter(self.no_alt)
        return form

    # -- showing ----------------------------------------------------------------------------------

    def _fill(self, current: int) -> None:
        """Show every area, then choose row ``current``."""
        self._filling = True
        self.table.setRowCount(len(self.areas))
        for row, area in enumerate(self.areas):
            self._row(row, area)
        self._filling = False
        if self.areas:
            current = max(0, min(current, len(self.areas) - 1))
            self.table.setCurrentCell(current, 0)
        self._show(current if self.areas else -1)
        self._count()

    def _row(self, row: int, area: DraftItem) -> None:
        unknown = area.kind == "priority" and not area.body.strip()
        texts = (_summary(area.text), KINDS.get(area.kind, "Improvement"), area.ref, UNKNOWN if unknown else area.body)
        for column, text in enumerate(texts):
            item = self.table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, column, item)
            item.setText(text)
            item.setToolTip(area.text if column == 0 else text)
            title = self.table.horizontalHeaderItem(column).text()
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: {text or 'none'}")  # never a blank cell
        body = self.table.item(row, 3)
        font = body.font()
        font.setItalic(unknown)
        body.setFont(font)
        body.setForeground(self.palette().placeholderText() if unknown else self.palette().text())
        first = self.table.item(row, 0)
        first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        first.setCheckState(Qt.CheckState.Checked if area.include else Qt.CheckState.Unchecked)

    def _count(self) -> None:
        kept = [a for a in self.areas if a.include and a.text.strip()]
        priority = sum(a.kind == "priority" for a in kept)
        self.status.setText(f"{len(kept)} of {len(self.areas)} areas will go into the plan"
                            + (f" ({priority} for priority action, listed first)." if priority else "."))

    def current(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.areas) else -1

    def _show(self, row: int) -> None:
        area = self.areas[row] if 0 <= row < len(self.areas) else None
        self._filling = True
        for widget in (self.wording, self.body, self.kind, self.ref):
            widget.setEnabled(area is not None)
        self.wording.setPlainText(area.text if area else "")
        self.body.setText(area.body if area else "")
        self.ref.setText(area.ref if area else "")
        self.kind.setCurrentIndex(list(KINDS).index(area.kind) if area and area.kind in KINDS else 1)
        self._filling = False
        for key in ("delete", "split", "join", "up", "down"):
            self.buttons[key].setEnabled(area is not None)
        self.buttons["join"].setEnabled(0 <= row < len(self.areas) - 1)
        self.buttons["up"].setEnabled(row > 0)
        self.buttons["down"].setEnabled(0 <= row < len(self.areas) - 1)
        self._typing = None  # typing in another area is another step
        self._history_buttons()

    def _history_buttons(self) -> None:
        """Undo and Redo enabled when there is a step to take, each saying which."""
        for key, steps, verb, keys in (("undo", self._undo, "Undo", "Ctrl+Z"), ("redo", self._redo, "Redo", "Ctrl+Y")):
            button = self.buttons[key]
            button.setEnabled(bool(steps))
            tip = f"{verb} {steps[-1].label} ({keys})" if steps else f"Nothing to {verb.lower()}"
            button.setToolTip(tip)
            button.setAccessibleName(tip)

    # -- editing ----------------------------------------------------------------------------------

    def _edited(self, name: str, value: str) -> None:
        row = self.current()
        if self._filling or row < 0 or getattr(self.areas[row], name) == value:
            return
        if self._typing != (row, name):
            verb = "the change of" if name == "kind" else "typing in"
            self._remember(f"{verb} area {row + 1}’s {FIELDS[name]}")
            self._typing = (row, name)
        area = self.areas[row]
        setattr(area, name, value)
        if name == "kind":
            area.title = "Area for priority action" if value == "priority" else ""
        self._filling = True
        self._row(row, area)
        self._filling = False
        self._count()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0 or not 0 <= item.row() < len(self.areas):
            return
        include = item.checkState() == Qt.CheckState.Checked
        if self.areas[item.row()].include != include:
            self._remember(f"{'ticking' if include else 'unticking'} area {item.row() + 1}")
            self.areas[item.row()].include = include
        self._count()

    def _remember(self, label: str) -> None:
        """A new step: the areas as they are now, to come back to with Undo."""
        self._undo.append(Step(label, copy.deepcopy(self.areas), self.current()))
        del self._undo[:-HISTORY]
        self._redo.clear()
        self._typing = None
        self._history_buttons()

    def _replace(self, areas: list[DraftItem], current: int) -> None:
        self.areas[:] = areas
        self._fill(current)

    def _travel(self, source: list[Step], target: list[Step], done: str) -> None:
        """Go back (Undo) or forward (Redo) one step, keeping the way to return."""
        if not source:
            return
        step = source.pop()
        target.append(Step(step.label, copy.deepcopy(self.areas), self.current()))
        self._replace(step.areas, step.current)
        self.status.setText(f"{done}: {step.label}. {self.status.text()}")

    def undo(self) -> None:
        """Go back one step: the last typing, tick or change to the list."""
        self._travel(self._undo, self._redo, "Undone")

    def redo(self) -> None:
        self._travel(self._redo, self._undo, "Redone")

    def add_area(self) -> None:
        """A new, ticked, empty area after the chosen one (of the same kind), ready to type into."""
        from sendplan.exporters.report import DraftItem

        row = self.current()
        self._remember(f"adding area {row + 2}")
        kind = self.areas[row].kind if row >= 0 else "improvement"
        new = DraftItem("Area for priority action" if kind == "priority" else "", "", kind=kind or "improvement")
        areas = list(self.areas)
        areas.insert(row + 1, new)
        self._replace(areas, row + 1)
        self.wording.setFocus()

    def delete_area(self) -> None:
        row = self.current()
        if row < 0:
            return
        self._remember(f"deleting area {row + 1}")
        self._replace(self.areas[:row] + self.areas[row + 1:], row)

    def split_area(self) -> None:
        """The wording after the cursor becomes a new area just below, with the same kind and body."""
        row = self.current()
        if row < 0:
            return
        text = self.wording.toPlainText()
        cursor = self.wording.textCursor().position()
        before, after = text[:cursor].rstrip(), text[cursor:].strip()
        if not before or not after:
            self.status.setText("Put the cursor in the wording where the second area should begin, then split.")
            return
        self._remember(f"splitting area {row + 1}")
        first = copy.deepcopy(self.areas[row])
        first.text = before
        second = copy.deepcopy(first)
        second.text, second.ref = after, ""
        self._replace(self.areas[:row] + [first, second] + self.areas[row + 1:], row + 1)

    def join_area(self) -> None:
        """The chosen area and the next become one: the wordings one after the other (a sentence the report
        reader cut in two is joined back into one line)."""
        row = self.current()
        if not 0 <= row < len(self.areas) - 1:
            return
        self._remember(f"joining areas {row + 1} and {row + 2}")
        first, second = copy.deepcopy(self.areas[row]), self.areas[row + 1]
        head, tail = first.text.strip(), second.text.strip()
        ends = head.endswith((".", "!", "?", ":", ";", "”", "’", ")")) or tail.startswith("•")
        first.text = (f"{head}\n{tail}" if ends else f"{head} {tail}") if head and tail else head or tail
        if second.body and second.body != first.body:
            first.body = f"{first.body}; {second.body}" if first.body else second.body
        first.include = first.include or second.include
        self._replace(self.areas[:row] + [first] + self.areas[row + 2:], row)

    def move_area(self, step: int) -> None:
        row = self.current()
        target = row + step
        if row < 0 or not 0 <= target < len(self.areas):
            return
        self._remember(f"moving area {row + 1} {'up' if step < 0 else 'down'}")
        areas = list(self.areas)
        areas[row], areas[target] = areas[target], areas[row]
        self._replace(areas, target)

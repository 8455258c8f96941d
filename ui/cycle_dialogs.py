"""Dialogs for the review cycle: send returns out, bring returns in; reading a file for import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.screen_fit import fit_window
from sendplan.ui.services import dialogs

from sendplan.model import Plan
from sendplan.owners import actions_by_owner

if TYPE_CHECKING:  # only for type hints: the mergers load when a merge starts
    from sendplan.merge import MergeResult, ProposedChange

def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


RETURN_FORMATS = {
    "xlsx": ("Excel workbooks (.xlsx)", "Owners type into the yellow columns: new progress, a proposed RAG from a "
             "drop-down, a new date and its reason, comments."),
    "docx": ("Word documents (.docx)", "Each owner gets the action table with just their actions and types into it "
             "as in the plan: progress at the end of the current column, a new RAG word, a new date with its "
             "reason."),
}


class ReturnsOutDialog(QDialog):
    def __init__(self, plan: Plan, folder: str, parent: QWidget | None = None, kind: str = "xlsx") -> None:
        super().__init__(parent)
        self.setWindowTitle("Send update returns")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("One return per owner, listing only their actions:"))
        self.owners = QListWidget()
        self.owners.setAccessibleName("Owners to send a return to")
        counts = {owner: len(actions) for owner, actions in actions_by_owner(plan).items()}
        for owner, n in sorted(counts.items()):
            item = QListWidgetItem(f"{owner} ({n} action{'' if n == 1 else 's'})")
            item.setData(Qt.ItemDataRole.UserRole, owner)
            item.setCheckState(Qt.CheckState.Checked)
            self.owners.addItem(item)
        layout.addWidget(self.owners)
        ticks = QHBoxLayout()
        for text, state in (("Tick all", Qt.CheckState.Checked), ("Untick all", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=state: self.tick_all(s))
            ticks.addWidget(button)
        ticks.addStretch(1)
        layout.addLayout(ticks)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setAccessibleName("Format of the returns")
        for key, (title, _) in RETURN_FORMATS.items():
            self.format.addItem(title, key)
        self.format.setCurrentIndex(max(0, self.format.findData(kind)))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444")
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 3)  # either hint fits: nothing jumps
        self.format.currentIndexChanged.connect(self._show_hint)
        self._show_hint()
        self.review = QComboBox()
        self.review.setAccessibleName("Review the returns are for")
        for review in plan.reviews_by_date():
            self.review.addItem(review.label, review.id)
        self.review.setCurrentIndex(self.review.count() - 1)
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName("Folder for the returns")
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose the folder for the returns")
        choose.clicked.connect(self.choose_folder)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(choose)
        form.addRow("Format:", self.format)
        form.addRow("", self.hint)
        form.addRow("Review:", self.review)
        form.addRow("Folder:", where)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Write returns"))
        fit_window(self, QSize(560, self.sizeHint().height()))

    def tick_all(self, state: Qt.CheckState) -> None:
        for i in range(self.owners.count()):
            self.owners.item(i).setCheckState(state)

    def choose_folder(self) -> None:
        chosen = dialogs().choose_folder(self, "Folder for the update returns", self.folder.text())
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _show_hint(self) -> None:
        self.hint.setText(RETURN_FORMATS[self.chosen_format()][1])

    def chosen_format(self) -> str:
        """"xlsx" or "docx"."""
        return str(self.format.currentData())

    def chosen_owners(self) -> list[str]:
        return [self.owners.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.owners.count())
                if self.owners.item(i).checkState() == Qt.CheckState.Checked]


def _source_label(name: str) -> str:
    """A returned file as the list names it: the owner, and whether it came back in Word or Excel."""
    stem, _, suffix = name.rpartition(".")
    kind = {"docx": "Word", "docm": "Word", "xlsx": "Excel", "xlsm": "Excel"}.get(suffix.lower())
    return f"{stem.removeprefix('Update return - ')} ({kind})" if stem and kind else name



def _unticked_why(change: ProposedChange) -> str:
    """Why a change with no conflict starts unticked: what ticking it does."""
    if change.accepted:
        return ""
    if change.kind == "action":
        return "A new action the owner added: tick to add it to the plan"
    if change.kind == "comment":
        return "sendplan cannot tell what this changes: tick to keep it as a note"
    return ""

class MergeDialog(QDialog):
    """Every proposed change with a tick box; conflicts highlighted and unticked."""

    def __init__(self, result: MergeResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.merge = result  # not "result": QDialog.result() is the accept/reject code
        self.setWindowTitle("Merge update returns")
        layout = QVBoxLayout(self)
        review = result.review.label if result.review else "the plan"
        layout.addWidget(QLabel(f"Changes found for the {review}. Tick the ones to apply; they are applied as "
                                "one step you can undo."))
        self.table = QTableWidget(len(result.changes), 4)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Proposed changes: space ticks or unticks")
        self.table.setHorizontalHeaderLabels(["Action", "Change", "From", "Conflict or note"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, change in enumerate(result.changes):
            first = QTableWidgetItem(change.number)
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked if change.accepted else Qt.CheckState.Unchecked)
            what = change.describe(limit=None).split(f" [from {change.sources()}]")[0].removeprefix(change.number + " ")
            source = " and ".join(_source_label(s) for s in (change.source, *change.also))
            warning = change.conflict or change.duplicate
            why = warning or _unticked_why(change)
            cells = [first, QTableWidgetItem(what), QTableWidgetItem(source), QTableWidgetItem(why)]
            said = f"{'Conflict' if warning else 'Note'}: {why or 'none'}"
            cells[3].setData(Qt.ItemDataRole.AccessibleTextRole, said)
            cells[2].setToolTip(change.sources())
            for column, cell in enumerate(cells):
                if warning:
                    cell.setBackground(QBrush(QColor("#FCE4E4")))
                    cell.setForeground(QBrush(QColor("#7A0010")))
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 90)
        header.resizeSection(2, 230)
        header.resizeSection(3, 260 if any(c.conflict or c.duplicate or _unticked_why(c) for c in result.changes)
                             else 120)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        # rows follow their text as the columns take their final widths (sized once, they stayed too tall)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 3)
        buttons = QHBoxLayout()
        for text, state in (("Accept all", Qt.CheckState.Checked), ("Reject all", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=state: self.set_all(s))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for title, lines, name in ((f"Not used ({len(result.problems)})", result.problems,
                                    "Problems found in the returns"),
                                   (f"How the files were read ({len(result.notes)})", result.notes,
                                    "Notes on how the returns were read: comments off the table, tracked changes")):
            if lines:
                layout.addWidget(QLabel(f"<b>{title}:</b>"))
                listed = QListWidget()
                listed.setAccessibleName(name)
                listed.setWordWrap(True)
                listed.addItems(lines)
                layout.addWidget(listed, 1)
        count = QLabel(result.count_line())
        count.setAccessibleName(result.count_line())
        layout.addWidget(count)
        layout.addWidget(_buttons(self, "Apply ticked changes"))
        fit_window(self, QSize(1000, 600))

    def set_all(self, state: Qt.CheckState) -> None:
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def accept(self) -> None:
        for row, change in enumerate(self.merge.changes):
            change.accepted = self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        super().accept()


def read_for_import(parent: QWidget | None, read: Callable[[Path], Any], source: Path) -> Any | None:
    """Run an importer on ``source`` under the wait cursor; a file it cannot use is told in plain words
    and gives None."""
    from sendplan.exporters.office import OfficeFileError

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return read(source)
    except OfficeFileError as error:
        dialogs().warn(parent, "Not imported", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()

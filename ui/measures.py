"""Structured KPIs of the selected action: name, baseline, target, and the actual at the current review."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.commands import AddItem, CommandError, DeleteItem, SetField, locate
from sendplan.model import Action, Measure

FIELDS = ("name", "baseline", "target")


class MeasuresEditor(QWidget):
    def __init__(self, session: PlanSession, action_id: Callable[[], str | None]) -> None:
        super().__init__()
        self.session, self.action_id = session, action_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Key performance measures</b>"))
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrow keys move inside it)
        self.table.setAccessibleName("Key performance measures of the selected action")
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes what is left
        self.table.setWordWrap(True)
        self.table.cellChanged.connect(self._edited)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        for text, slot in (("Add measure", self.add), ("Delete measure", self.delete)):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setEnabled(not session.read_only)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.redraw = RedrawWhenShown(self, self.refresh)
        session.changed.connect(self._changed)
        session.review_changed.connect(self._changed)
        self.refresh()

    def _changed(self, *_args: object) -> None:
        if not self.isHidden():  # hidden for want of an action: the page refreshes it when one is chosen
            self.redraw.request()

    def _action(self) -> Action | None:
        ident = self.action_id()
        try:
            entity = locate(self.session.plan, ident).entity if ident else None
        except CommandError:
            return None
        return entity if isinstance(entity, Action) else None

    def refresh(self, *_args: object) -> None:
        action = self._action()
        self.setVisible(action is not None)
        if action is None:
            return
        review = self.session.current_review
        self.table.blockSignals(True)
        self.table.setHorizontalHeaderLabels(["Measure", "Baseline", "Target", "Actual"])
        actual = self.table.horizontalHeaderItem(3)
        actual.setToolTip(f"Actual at the {review.label}" if review else "Actual")
        self.table.setRowCount(len(action.measures))
        for row, measure in enumerate(action.measures):
            values = [measure.name, measure.baseline, measure.target,
                      measure.actuals.get(review.id, "") if review else ""]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        rows = self.table.verticalHeader().length() if action.measures else 0  # an empty table takes no room
        self.table.setFixedHeight(min(130, self.table.horizontalHeader().height() + rows + 4))
        self.table.blockSignals(False)

    def _edited(self, row: int, column: int) -> None:
        action = self._action()
        if action is None or row >= len(action.measures) or self.session.read_only:
            return
        measure = action.measures[row]
        value = self.table.item(row, column).text()
        plan = self.session.plan
        if column < 3:
            if value != getattr(measure, FIELDS[column]):
                self.session.push(SetField(plan, measure.id, FIELDS[column], value))
        elif self.session.current_review is not None:
            rid = self.session.current_review.id
            if value != measure.actuals.get(rid, ""):
                actuals = {k: v for k, v in measure.actuals.items() if k != rid} | ({rid: value} if value else {})
                label = f"Record {measure.name or 'measure'} at {self.session.current_review.label}"
                self.session.push(SetField(plan, measure.id, "actuals", actuals, label=label))

    def add(self) -> None:
        action = self._action()
        if action is not None:
            self.session.push(AddItem(self.session.plan, action.id, "measures", Measure(name="New measure")))

    def delete(self) -> None:
        action = self._action()
        row = self.table.currentRow()
        if action is not None and 0 <= row < len(action.measures):
            self.session.push(DeleteItem(self.session.plan, action.measures[row].id))

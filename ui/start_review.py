"""The Start a review dialog: date, label, short label, colour and reporting period.

The label follows the date until you edit it, and never repeats a review already in the plan (an
existing label or date is refused with the reason: the rules are :mod:`sendplan.review_state`'s).
Colours are named and previewed as the progress text will print.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget
from sendplan.ui.delegates import swatch
from sendplan.ui.screen_fit import fit_window

from sendplan.dates import DateParseError, format_date, parse_uk_date
from sendplan.model import REVIEW_COLOURS, Plan, Review
from sendplan.review_state import academic_year, new_review_problem, suggested_label, suggested_short_label


class StartReviewDialog(QDialog):
    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        from sendplan.ui.cycle_dialogs import _buttons

        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("Start a review")
        today = date.today()
        form = QFormLayout(self)
        self.day = QLineEdit(format_date(today, "uk"))
        self.label = QLineEdit(suggested_label(plan, today))
        self.short = QLineEdit(suggested_short_label(plan, today))
        self.period = QLineEdit(academic_year(today))
        self.edited: set[str] = set()  # the boxes the user typed in: they stop following the date
        for name, box in (("label", self.label), ("short", self.short), ("period", self.period)):
            box.textEdited.connect(lambda _text, n=name: self.edited.add(n))
        self.day.textChanged.connect(self._follow_date)
        self.colour = QComboBox()
        used = {r.colour.upper() for r in plan.reviews}
        for colour, name in sorted(REVIEW_COLOURS, key=lambda c: c[0].upper() in used):
            self.colour.addItem(swatch(colour), name + (" (used by another review)" if colour.upper() in used else ""),
                                colour)
        self.preview = QLabel()
        self.colour.currentIndexChanged.connect(self._preview)
        self.carry = QCheckBox("Start every action at its current RAG rating")
        self.carry.setChecked(True)
        for label, widget in (("Date (dd/mm/yyyy)", self.day), ("Label", self.label), ("Short label", self.short),
                              ("Colour of its progress", self.colour), ("Reporting period", self.period)):
            widget.setAccessibleName(label)
            form.addRow(f"{label}:", widget)
        form.addRow("", self.preview)
        self.carry.setAccessibleName(self.carry.text())
        form.addRow(self.carry)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(_buttons(self, "Start review"))
        self._preview()
        fit_window(self)

    def _follow_date(self, text: str) -> None:
        try:
            day = parse_uk_date(text)
        except DateParseError:
            return
        if "label" not in self.edited:
            self.label.setText(suggested_label(self.plan, day))
        if "short" not in self.edited:
            self.short.setText(suggested_short_label(self.plan, day))
        if "period" not in self.edited:
            self.period.setText(academic_year(day))

    def _preview(self, *_args: object) -> None:
        colour = self.colour.currentData() or "#1F4E79"
        name = self.colour.currentText().split(" (")[0]
        self.preview.setText(f"<span style='color:{colour}'><b>{name}:</b> progress reported at this review "
                             "prints in this colour.</span>")
        self.preview.setAccessibleName(f"How it will print: {name}: progress reported at this review prints in "
                                       "this colour.")

    def accept(self) -> None:
        try:
            day = parse_uk_date(self.day.text())
        except DateParseError as error:
            self.error.setText(f"{str(error).capitalize()}.")
            return
        problem = new_review_problem(self.plan, day, self.label.text(), self.short.text())
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def review(self) -> Review:
        """The review as chosen in the dialog (call after it was accepted)."""
        return Review(label=self.label.text().strip(), short_label=self.short.text().strip(), day=self.chosen_day(),
                      colour=self.colour.currentData(), period=self.period.text().strip())

    def chosen_day(self) -> date:
        return parse_uk_date(self.day.text())

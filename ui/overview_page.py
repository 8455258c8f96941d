"""The Plan overview page: the plan's front matter (title, partnership, dates, marking, numbering style) and
its signatories. It scrolls when the window is short, so it never sets the window's minimum height."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget
from sendplan.ui.collection_page import CollectionPage, Field
from sendplan.ui.field_form import FieldForm, FormField
from sendplan.ui.session import PlanSession

from sendplan.refs import STYLES

FIELDS = [FormField("title", "Title"), FormField("local_area", "Local area partnership"),
          FormField("partners", "Partner organisations (one per line)", "lines"),
          FormField("plan_date", "Plan date", "date"), FormField("status", "Status (e.g. Draft, Final)"),
          FormField("version", "Version (e.g. v0.3)"),
          FormField("protective_marking", "Protective marking (e.g. OFFICIAL-SENSITIVE)"),
          FormField("numbering", "Numbering style of new items", "choice", tuple(STYLES.items())),
          FormField("area_term", "The plan's word for an area (e.g. Priority; empty: Area for improvement)"),
          FormField("require_date_reason", "A new By When needs a reason", "bool")]


class OverviewPage(QScrollArea):
    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.setAccessibleName("Plan overview")
        self.setWidgetResizable(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<h2>Plan overview</h2>"))
        layout.addWidget(FieldForm(session, FIELDS, lambda: session.plan.id))
        hint = QLabel("Existing references keep their numbers when the style changes: Edit › Renumber… "
                      "renumbers them in the new style (it lists every change first, and can be undone).")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        signatories = CollectionPage(session, "Signatories", "signatories",
                                     [Field("name", "Name"), Field("role", "Role"),
                                      Field("organisation", "Organisation")], "signatory")
        signatories.setMinimumHeight(220)  # the list and its form stay usable when the page scrolls
        layout.addWidget(signatories, 1)
        self.setWidget(page)

"""Start a plan from what the officer already has: the inspection report (a file or pasted text, with an
editable preview before the plan is made) or the council's own Excel tracker (with the import preview)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.folders import documents_folder, remember_source, source_folder
from sendplan.ui.report_areas import AreaEditor
from sendplan.ui.screen_fit import fit_window
from sendplan.ui.services import dialogs

from sendplan.document import PlanDocument
from sendplan.model import Plan
from sendplan.storage import PLAN_SUFFIX

if TYPE_CHECKING:
    from collections.abc import Callable

    from sendplan.exporters.report import ReportDraft
    from sendplan.ui.main_window import MainWindow

    OpenPlan = Callable[[Path, QWidget | None], MainWindow | None]

PLAN_FILTER = f"sendplan plans (*{PLAN_SUFFIX});;All files (*)"
REPORT_FILTER = "Inspection reports (*.pdf *.docx *.txt);;All files (*)"
TRACKER_FILTER = "Excel trackers (*.xlsx *.xlsm *.csv);;Excel 97–2003 (*.xls);;All files (*)"


def _plain_text(text: str = "") -> QPlainTextEdit:
    """A text box that Tab leaves (pasted tabs are kept; the Tab key moves on, as a keyboard user expects)."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    return box


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ReportSourceDialog(QDialog):
    """Choose the report's file (PDF, Word or text), or paste its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New plan from the inspection report")
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose the inspection report (the PDF from the Ofsted website, or a Word or text "
                                "copy), or paste its text below."))
        row = QHBoxLayout()
        self.choose = QPushButton("Choose a &file…")
        self.choose.clicked.connect(self._choose)
        self.chosen = QLabel("No file chosen")
        row.addWidget(self.choose)
        row.addWidget(self.chosen, 1)
        layout.addLayout(row)
        self.text = _plain_text()
        self.text.setPlaceholderText("…or paste the report's text here")
        self.text.setAccessibleName("Pasted report text")
        self.text.textChanged.connect(self._typed)
        layout.addWidget(self.text, 1)
        self.box = _buttons(self, "&Read the report")
        layout.addWidget(self.box)
        fit_window(self, QSize(720, 480))
        self.text.setFocus()  # ready for Ctrl+V; Alt+F chooses a file instead

    def _choose(self) -> None:
        path = dialogs().open_file(self, "Choose the inspection report", str(source_folder()), REPORT_FILTER)
        if path is not None:
            remember_source(path)
            self.path = path
            self.text.blockSignals(True)
            self.text.clear()  # the file chosen last is what is read
            self.text.blockSignals(False)
            self.chosen.setText(str(path))
            self.box.button(QDialogButtonBox.StandardButton.Ok).setFocus()

    def _typed(self) -> None:
        """Text pasted or typed after choosing a file is what is read."""
        if self.path is not None and self.text.toPlainText().strip():
            self.path = None
            self.chosen.setText("No file chosen: the pasted text will be read")


class ReportPreviewDialog(QDialog):
    """What was read from the report, editable; untick what should not go into the plan."""

    def __init__(self, draft: ReportDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setWindowTitle("Check what was read from the report")
        layout = QVBoxLayout(self)
        kind = "an inspection report (2023 framework)" if draft.form == "report" else "an outcome letter"
        priority = sum(area.kind == "priority" for area in draft.areas)
        found = f"{len(draft.areas)} areas" + (f", {priority} of them for priority action" if priority else "")
        layout.addWidget(QLabel(f"Read {kind}: {found}. Check the areas and their responsible bodies, and edit "
                                "anything before the plan is made."))
        tabs = QTabWidget()
        tabs.setAccessibleName("What was read: front matter, areas and other sections")
        layout.addWidget(tabs, 1)
        self.tabs = tabs
        front = QWidget()
        form = QFormLayout(front)
        self.fields = {name: QLineEdit(getattr(draft, name)) for name in
                       ("title", "partnership", "inspection_dates", "previous_inspection")}
        for name, label in (("title", "Plan title"), ("partnership", "Local area partnership"),
                            ("inspection_dates", "Inspection dates"), ("previous_inspection", "Previous inspection")):
            form.addRow(label, self.fields[name])
        self.outcome = _plain_text(draft.outcome)
        form.addRow("Inspection outcome", self.outcome)
        self.partners = _plain_text("\n".join(draft.partners))
        self.partners.setAccessibleName("Partners, one a line")
        form.addRow("Partners (one a line)", self.partners)
        self.signatories = self._table(["Name", "Role", "Organisation"], [list(s) for s in draft.signatories], 4)
        form.addRow("Signatories to confirm", self.signatories)
        tabs.addTab(front, "Front matter")
        self.areas = AreaEditor(draft.areas)
        tabs.addTab(self.areas, "Areas")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Narrative sections: tick the ones to keep")
        for section in draft.sections:
            item = QListWidgetItem(f"{section.title} ({len(section.text.split())} words)")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if section.include else Qt.CheckState.Unchecked)
            self.sections.addItem(item)
        self.section_text = _plain_text()
        self.section_text.setReadOnly(True)
        self.section_text.setAccessibleName("The chosen section's text")
        self.sections.currentRowChanged.connect(self._show_section)
        sections_page = QWidget()
        sections_layout = QVBoxLayout(sections_page)
        sections_layout.addWidget(QLabel("Tick the sections to keep in the plan (Space ticks); the text of the "
                                         "chosen one is shown below."))
        sections_layout.addWidget(self.sections, 1)
        sections_layout.addWidget(self.section_text, 2)
        if draft.sections:
            self.sections.setCurrentRow(0)
        tabs.addTab(sections_page, "Other sections")
        tabs.setCurrentWidget(self.areas)  # what the officer checks first
        self.areas.table.setFocus()  # so the arrow keys and Ctrl+Up/Down work at once
        for box in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            if not self.areas.isAncestorOf(box):  # the area editor's own boxes have the filter already
                box.installEventFilter(self.areas.no_alt)  # a disabled button's Alt+letter never types
        if draft.notes:
            notes = QPlainTextEdit("\n".join(f"• {note}" for note in draft.notes))
            notes.setReadOnly(True)
            notes.setTabChangesFocus(True)
            notes.setAccessibleName("What to check: where the reading of the report is unsure")
            lines = notes.fontMetrics().lineSpacing()
            notes.setMaximumHeight(lines * min(6, 1 + sum(len(note) // 150 + 1 for note in draft.notes)) + 12)
            layout.addWidget(QLabel("To check:"))
            layout.addWidget(notes)
            self.notes = notes
        layout.addWidget(_buttons(self, "&Create the plan…"))
        fit_window(self, QSize(1000, 700))

    def _show_section(self, row: int) -> None:
        self.section_text.setPlainText(self.draft.sections[row].text if 0 <= row < len(self.draft.sections) else "")

    def _table(self, titles: list[str], rows: list[list[str]], spare: int,
               ticks: list[bool] | None = None) -> QTableWidget:
        table = QTableWidget(len(rows) + spare, len(titles))
        table.setHorizontalHeaderLabels(titles)
        table.setWordWrap(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # Tab moves on to the next control; the arrow keys move between cells
        for r in range(len(rows), len(rows) + spare):  # rows to type into: said as such, not as blank
            for c, title in enumerate(titles):
                table.setItem(r, c, QTableWidgetItem())
                table.item(r, c).setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: empty, type to add")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if ticks is not None and c == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if ticks[r] else Qt.CheckState.Unchecked)
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        return table

    def accept(self) -> None:
        """Write the edits back into the draft."""
        draft = self.draft
        for name, field in self.fields.items():
            setattr(draft, name, field.text().strip())
        draft.outcome = self.outcome.toPlainText().strip()
        draft.partners = [line.strip() for line in self.partners.toPlainText().split("\n") if line.strip()]
        rows = [tuple(self._cell(self.signatories, r, c) for c in range(3)) for r in range(self.signatories.rowCount())]
        draft.signatories = [(name, role, organisation) for name, role, organisation in rows if name]
        for area in draft.areas:
            area.text, area.body, area.ref = area.text.strip(), area.body.strip(), area.ref.strip()
        for r, section in enumerate(draft.sections):
            section.include = self.sections.item(r).checkState() == Qt.CheckState.Checked
        super().accept()

    @staticmethod
    def _cell(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item else ""


def _read(parent: QWidget | None, source: ReportSourceDialog) -> ReportDraft | None:
    from sendplan.exporters.report import ReportFileError, read_report, read_report_text

    text = source.text.toPlainText()
    if source.path is None and not text.strip():
        dialogs().warn(parent, "No report", "Choose the report's file, or paste its text.")
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return read_report(source.path) if source.path is not None else read_report_text(text)
    except ReportFileError as error:
        dialogs().warn(parent, "The report could not be used", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()


def _create(parent: QWidget | None, plan_title: str, plan: Plan, open_plan: OpenPlan) -> MainWindow | None:
    target = dialogs().save_file(parent, "Save the new plan as", str(documents_folder() / f"{plan_title}{PLAN_SUFFIX}"),
                                 PLAN_FILTER)
    if target is None:
        return None
    target = target.with_suffix(PLAN_SUFFIX)
    try:
        PlanDocument.create(target, plan)
    except (FileExistsError, OSError) as error:
        dialogs().warn(parent, "Plan not saved", str(error))
        return None
    return open_plan(target, parent)


def new_from_report(parent: QWidget | None, open_plan: OpenPlan) -> MainWindow | None:
    """New plan › From inspection report…: read, preview (editable), save and open (with ``open_plan``,
    which the caller gives so that this module never imports the code that opens windows)."""
    from sendplan.exporters.report import draft_to_plan

    source = ReportSourceDialog(parent)
    if not dialogs().run(source):
        return None
    draft = _read(parent, source)
    if draft is None or not dialogs().run(ReportPreviewDialog(draft, parent)):
        return None
    if not any(area.include and area.text for area in draft.areas):
        dialogs().warn(parent, "No areas", "Every area was left out, so there is nothing to start the plan with.")
        return None
    return _create(parent, draft.title or "New plan", draft_to_plan(draft), open_plan)


def import_tracker(parent: QWidget | None, open_plan: OpenPlan) -> MainWindow | None:
    """File › Import Excel tracker…: read the tracker, show the import preview (editable), save and open."""
    from sendplan.exporters.excel import prepare_tracker
    from sendplan.ui.import_preview import preview_import

    source = dialogs().open_file(parent, "Import an Excel tracker", str(source_folder()), TRACKER_FILTER)
    if source is None:
        return None
    remember_source(source)
    result = preview_import(parent, prepare_tracker, source, "Import an Excel tracker")
    if result is None:
        return None
    return _create(parent, source.stem, result.plan, open_plan)  # the file's own name suggests the plan's

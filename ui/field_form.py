"""A small form bound to one entity's fields; each edit becomes a SetField command when you leave the box."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget
from sendplan.ui.drafts import text_of, track
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.commands import CommandError, SetField, describe, locate
from sendplan.dates import DateParseError, format_date, parse_uk_date
from sendplan.journal import Draft


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: str = "line"  # line | text | lines (a tuple, one per line) | details ("Label: value" lines) | date
    #                     | choice | bool
    options: tuple[tuple[str, str], ...] = ()  # a choice's (value, what it shows)


Editor = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox


def _to_text(kind: str, value: Any) -> str:
    if kind == "lines":
        return "\n".join(value)
    if kind == "details":  # a value over several lines goes on indented lines under its label
        return "\n".join(f"{label}: " + text.replace("\n", "\n  ") for label, text in value.items())
    if kind == "date":
        return format_date(value, "uk") if value else ""
    return str(value or "")


def details(text: str) -> dict[str, str]:
    """"Lead: Jo Hill" lines as {"Lead": "Jo Hill"}; an indented line (or one with no label) continues the
    value above it; text before any label is kept under "Details"."""
    found: dict[str, str] = {}
    label = ""
    for line in text.split("\n"):
        if not line.strip():
            continue
        head, colon, rest = line.partition(": ")
        if colon and not line[:1].isspace() and 0 < len(head.strip()) <= 40:
            label = head.strip()
            found[label] = rest.strip()
        else:
            label = label or "Details"
            found[label] = f"{found.get(label, '')}\n{line.strip()}".strip()
    return found


class FieldForm(QWidget):
    """Edits ``fields`` of the entity whose id ``entity_id()`` returns (None hides the form)."""

    def __init__(self, session: PlanSession, fields: list[FormField], entity_id: Callable[[], str | None]) -> None:
        super().__init__()
        self.session, self.fields, self.entity_id = session, fields, entity_id
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, Editor] = {}
        for field in fields:
            editor: Editor
            if field.kind == "choice":
                editor = QComboBox()
                for value, shown in field.options:
                    editor.addItem(shown, value)
                editor.activated.connect(lambda _n, f=field: self.commit(f))
            elif field.kind == "bool":
                editor = QCheckBox()
                editor.toggled.connect(lambda _on, f=field: self.commit(f))
            elif field.kind in ("text", "lines", "details"):
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight({"lines": 60, "details": 48}.get(field.kind, 72))
                editor.installEventFilter(self)
            else:
                editor = QLineEdit()
                editor.editingFinished.connect(lambda f=field: self.commit(f))
                if field.kind == "date":
                    editor.setPlaceholderText("dd/mm/yyyy")
            editor.setAccessibleName(field.label)
            if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                editor.setReadOnly(session.read_only)
                if field.kind in ("line", "text", "lines"):
                    track(editor, lambda f=field, e=editor: self._draft(f, e))  # journalled as typed
            else:
                editor.setEnabled(not session.read_only)
            label = QLabel(f"{field.label}:")
            label.setBuddy(editor)
            layout.addRow(label, editor)
            self.editors[field.name] = editor
        self.redraw = RedrawWhenShown(self, self.refresh)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, *_args: object) -> None:
        """Redraw now when on screen; under a hidden page, when shown. A form with nothing to show
        stays hidden until its page asks it to refresh (a new current action or area)."""
        if not self.isHidden():
            self.redraw.request()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            field = next(f for f in self.fields if self.editors[f.name] is watched)
            self.commit(field)
        return super().eventFilter(watched, event)

    def _entity(self) -> Any:
        ident = self.entity_id()
        if not ident:
            return None
        try:
            return locate(self.session.plan, ident).entity
        except CommandError:
            return None

    def refresh(self, *_args: object) -> None:
        entity = self._entity()
        self.setVisible(entity is not None)
        if entity is None:
            return
        for field in self.fields:
            editor = self.editors[field.name]
            value = getattr(entity, field.name, None)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
                continue
            if isinstance(editor, QCheckBox):
                editor.blockSignals(True)
                editor.setChecked(bool(value))
                editor.blockSignals(False)
                continue
            if field.name == "ref":
                self._flag_ref(editor, entity)
            text = _to_text(field.kind, value)
            current = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if current == text or editor.hasFocus():
                continue
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
            else:
                editor.setText(text)

    def _draft(self, field: FormField, editor: QLineEdit | QPlainTextEdit) -> Draft | None:
        entity = self._entity()
        if entity is None:
            return None
        return Draft(entity.id, field.name, f"{field.label} of {describe(entity, with_kind=True)}", text_of(editor),
                     _to_text(field.kind, getattr(entity, field.name, "")))

    def _flag_ref(self, editor: Editor, entity: Any) -> None:
        """A duplicate or unusable reference shows in red with the reason (it is never refused)."""
        from sendplan.refs import duplicate_ref_ids, ref_problem

        problem = ref_problem(entity.ref) or (
            "another item under the same heading has this reference"
            if entity.id in duplicate_ref_ids(self.session.plan) else "")
        editor.setStyleSheet("QLineEdit { color: #B00020; background: #FDE7EA; }" if problem else "")
        editor.setToolTip(f"Reference problem: {problem}" if problem else "")
        editor.setAccessibleDescription(f"Reference problem: {problem}" if problem else "")

    def commit(self, field: FormField) -> None:
        entity = self._entity()
        if entity is None or self.session.read_only:
            return
        editor = self.editors[field.name]
        value: Any
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QCheckBox):
            value = editor.isChecked()
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else \
            editor.text() if isinstance(editor, QLineEdit) else ""
        if isinstance(editor, (QLineEdit, QPlainTextEdit)):
            value = text
        if field.kind == "lines":
            value = tuple(line.strip() for line in text.split("\n") if line.strip())
        elif field.kind == "details":
            value = details(text)
        elif field.kind == "date":
            try:
                value = parse_uk_date(text) if text.strip() else None
            except DateParseError as error:
                dialogs().warn(self, f"{field.label} not changed", f"{str(error).capitalize()}.")
                self.refresh()
                return
        if value == getattr(entity, field.name):
            return
        try:
            self.session.push(SetField(self.session.plan, entity.id, field.name, value))
        except CommandError as error:
            dialogs().warn(self, f"{field.label} not changed", str(error))
            self.refresh()

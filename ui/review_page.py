"""Review mode: one action at a time, laid out for a 1366×768 laptop, driven from the keyboard.

The action, its owner and date, its RAG history as labelled chips, earlier progress (latest first),
then this review's rating (1–5 or R/A/G/B), a large box for the update and a new date with its
reason. Ctrl+Enter saves (one undoable command) and goes to the next action still without an
update; Page Up/Down move; Escape goes back to the grid. A queue on the left shows where you are.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.drafts import retell, track
from sendplan.ui.rag_chooser import RagChooser
from sendplan.ui.review_text import (
    EarlierProgress,
    PlanUndoWhenEmpty,
    UpdateBox,
    date_draft,
    earlier_html,
    heading_html,
    say,
    show_history,
    update_draft,
    update_label_html,
)
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.commands import AddItem, Change, Command, CommandGroup, ReviseDueDate, SetField, SetRag
from sendplan.dates import DateParseError, parse_due
from sendplan.model import Action, ProgressUpdate, Review
from sendplan.review_state import REASON_NEEDED, date_reason_needed, is_updated, update_at
from sendplan.summaries import area_title

QUEUE_CHARS = 30
ALL = "all:"  # the scope combo's data: "all:", "area:<id>" or "owner:<name>"


class ReviewPage(QWidget):
    leave = Signal()  # Escape: back to the grid
    action_shown = Signal(str)  # the action now under review

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.setAccessibleName("Review mode")
        self.action_id: str | None = None
        self.queue: list[Action] = []
        self.done: set[str] = set()  # ids in the queue with an update at the current review
        self.rating_touched = False
        self.saving = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.progress_line = QLabel()
        top.addWidget(self.progress_line, 1)
        top.addWidget(QLabel("Show:"))
        self.scope = QComboBox()
        self.scope.setAccessibleName("Review only the actions of one owner or one area")
        self.scope.setMinimumWidth(240)
        self.scope.activated.connect(lambda _n: self.start(self.action_id, focus=False))  # arrows keep choosing
        top.addWidget(self.scope)
        layout.addLayout(top)
        body = QHBoxLayout()
        self.queue_list = QListWidget()
        self.queue_list.setAccessibleName("Actions in this review: a tick shows an update is in")
        self.queue_list.setFixedWidth(230)
        self.queue_list.setUniformItemSizes(True)
        self.queue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue_list.currentRowChanged.connect(self._queue_clicked)
        body.addWidget(self.queue_list)
        body.addLayout(self._build_form(), 1)
        layout.addLayout(body, 1)
        self.redraw = RedrawWhenShown(self, lambda: self.start(self.action_id))
        session.changed.connect(self._on_change)
        session.review_changed.connect(self.redraw.request)
        self.setTabOrder(self.scope, self.queue_list)
        for first, second in ((self.queue_list, self.earlier), (self.earlier, self.chooser),
                              (self.chooser, self.update_box), (self.update_box, self.new_date),
                              (self.new_date, self.reason), (self.reason, self.save_button)):
            self.setTabOrder(first, second)

    def _build_form(self) -> QVBoxLayout:
        form = QVBoxLayout()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addWidget(self.heading)
        self.history = QLabel()
        self.history.setWordWrap(True)  # many reviews: the chips flow onto a second line
        form.addWidget(self.history)
        form.addWidget(QLabel("<b>Earlier progress</b> (latest first)"))
        self.earlier = EarlierProgress()
        form.addWidget(self.earlier, 2)
        rating_row = QHBoxLayout()
        rating_label = QLabel("<b>RAG at this review</b> (1–5 or R/A/G/B):")
        self.chooser = RagChooser()
        rating_label.setBuddy(self.chooser)
        rating_row.addWidget(rating_label)
        rating_row.addWidget(self.chooser, 1)
        form.addLayout(rating_row)
        self.chooser.chosen.connect(self._rated)
        self.update_label = QLabel()
        form.addWidget(self.update_label)
        self.update_box = UpdateBox()
        self.update_box.setAccessibleName("This review's update (Ctrl+Enter saves and goes to the next action)")
        self.update_box.setPlaceholderText("What has happened since the last review? Ctrl+Enter saves and moves on.")
        self.update_box.setMinimumHeight(80)
        self.update_label.setBuddy(self.update_box)
        form.addWidget(self.update_box, 3)
        dates = QGridLayout()
        self.new_date = QLineEdit()
        self.new_date.setPlaceholderText("dd/mm/yyyy or On-going")
        self.new_date.setAccessibleName("New By When: leave empty to keep the date")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why the date moves")
        self.reason.setAccessibleName("Reason for the new date")
        dates.addWidget(QLabel("New By When:"), 0, 0)
        dates.addWidget(self.new_date, 0, 1)
        dates.addWidget(QLabel("Reason:"), 0, 2)
        dates.addWidget(self.reason, 0, 3)
        dates.setColumnStretch(1, 1)
        dates.setColumnStretch(3, 2)
        form.addLayout(dates)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B00020; font-weight: bold")
        self.error.setWordWrap(True)
        form.addWidget(self.error)
        buttons = QHBoxLayout()
        for text, slot, name in (("◀ Previous (PgUp)", lambda: self.step(-1), "Previous action"),
                                 ("Next (PgDn) ▶", lambda: self.step(1), "Next action"),
                                 ("Back to the grid (Esc)", self.leave.emit, "Back to the grid")):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button = QPushButton("Save and next (Ctrl+Enter)")
        self.save_button.setAccessibleName("Save and go to the next action without an update")
        self.save_button.clicked.connect(self.save_and_next)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons)
        self.plan_undo = PlanUndoWhenEmpty(self)
        for box in (self.update_box, self.new_date, self.reason):
            box.installEventFilter(self.plan_undo)
        track(self.update_box, lambda: update_draft(self.session.plan, self.current(), self.review,
                                                    self.update_box.toPlainText(),
                                                    self.chooser.value() if self.rating_touched else ""))
        dates = lambda: date_draft(self.current(), self.new_date.text(), self.reason.text())  # noqa: E731
        track(self.new_date, dates)  # what is typed is journalled, and offered back after a crash
        track(self.reason, dates)
        for line in (self.new_date, self.reason):
            line.textEdited.connect(self.error.clear)  # the message goes once the officer acts on it
        return form

    # -- which actions ------------------------------------------------------------------------------

    @property
    def review(self) -> Review | None:
        return self.session.current_review

    def _fill_scope(self) -> None:
        plan = self.session.plan
        chosen = self.scope.currentData() or ALL
        self.scope.clear()
        self.scope.addItem("All actions", ALL)
        for area in plan.areas:
            self.scope.addItem(f"Area {area.ref}: {area_title(area)}", f"area:{area.id}")
        for owner in sorted({a.owner for _, _, a in plan.iter_actions() if a.owner}):
            self.scope.addItem(f"By Whom: {owner}", f"owner:{owner}")
        self.scope.setCurrentIndex(max(0, self.scope.findData(chosen)))

    def _in_scope(self) -> list[Action]:
        kind, _, value = str(self.scope.currentData() or ALL).partition(":")
        rows = self.session.plan.iter_actions()
        if kind == "area":
            return [a for area, _, a in rows if area.id == value]
        if kind == "owner":
            return [a for _, _, a in rows if a.owner == value]
        return [a for _, _, a in rows]

    def updated(self, action: Action) -> bool:
        return is_updated(action, self.review)

    def start(self, action_id: str | None = None, *, focus: bool = True) -> None:
        """(Re)build the queue and show ``action_id``, or the first action still without an update;
        ``focus`` puts the keyboard on the ratings."""
        self._fill_scope()
        self.queue = self._in_scope()
        self.done = {a.id for a in self.queue if self.updated(a)}
        self.queue_list.blockSignals(True)
        self.queue_list.clear()
        for action in self.queue:
            item = QListWidgetItem()
            self._label_item(item, action)
            self.queue_list.addItem(item)
        self.queue_list.blockSignals(False)
        ids = [a.id for a in self.queue]
        if action_id not in ids:
            action_id = next((a.id for a in self.queue if not self.updated(a)), ids[0] if ids else None)
        self.show_action(action_id)
        if focus:
            self.chooser.setFocus()

    def _label_item(self, item: QListWidgetItem, action: Action) -> None:
        done = self.updated(action)
        text = f"{'✓' if done else '•'} {action.ref}  {' '.join(action.text.split())}"
        item.setText(text if len(text) <= QUEUE_CHARS else text[:QUEUE_CHARS - 1] + "…")  # cut here: painting
        # hundreds of rows that Qt must elide costs more than a commit may
        item.setToolTip(action.text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{action.ref} {' '.join(action.text.split())}: {'updated' if done else 'no update yet'}")

    def _update_progress_line(self) -> None:
        review = self.review
        if review is None:
            say(self.progress_line, "<b>No review yet.</b> Start one from Review › Start a review…")
            return
        done = len(self.done)
        say(self.progress_line, f"<b>{done} of {len(self.queue)} updated</b> at the {html.escape(review.label)}")

    # -- showing one action -------------------------------------------------------------------------

    def current(self) -> Action | None:
        return next((a for a in self.queue if a.id == self.action_id), None)

    def show_action(self, action_id: str | None) -> None:
        self.action_id = action_id
        self.rating_touched = False
        self.error.clear()
        self.new_date.clear()
        self.reason.clear()
        self._update_progress_line()
        action = self.current()
        row = self.queue.index(action) if action is not None else -1
        self.queue_list.blockSignals(True)
        self.queue_list.setCurrentRow(row)
        self.queue_list.blockSignals(False)
        if row >= 0:
            self.queue_list.scrollToItem(self.queue_list.item(row))
        self._fill_form(action)
        if action is not None:
            self.action_shown.emit(action.id)

    def _fill_form(self, action: Action | None) -> None:
        plan = self.session.plan
        review = self.review
        enabled = action is not None and review is not None and not self.session.read_only
        for widget in (self.chooser, self.update_box, self.new_date, self.reason, self.save_button):
            widget.setEnabled(enabled)
        self.chooser.set_scale(plan.rag_scale)
        if action is None:
            self.heading.setText("<p>No actions to review here.</p>")
            say(self.history, "")
            self.earlier.clear()
            self.update_box.clear()
            return
        self.heading.setText(heading_html(plan, action, review))
        show_history(self.history, plan, action)
        self.earlier.setHtml(earlier_html(plan, action, review))
        if review is not None:
            self.update_label.setText(update_label_html(action, review))
            self.chooser.set_value(action.ratings.get(review.id) or plan.rating_at(action, review))
        existing = self._existing_update(action)
        self.update_box.setPlainText(existing.text if existing else "")
        self.update_box.moveCursor(self.update_box.textCursor().MoveOperation.End)

    def _existing_update(self, action: Action) -> ProgressUpdate | None:
        return update_at(action, self.review)

    def _rated(self, _key: str, advance: bool) -> None:
        self.rating_touched = True
        retell(self.update_box)  # the rating is journalled with the update, and offered back after a crash
        if advance:
            self.update_box.setFocus()

    # -- saving and moving --------------------------------------------------------------------------

    def _commands(self, action: Action, *, confirm_rating: bool) -> list[Command] | None:
        """The edits on the form as commands ([] when nothing changed; None when the form is wrong)."""
        plan = self.session.plan
        review = self.review
        if review is None:
            return []
        commands: list[Command] = []
        key = self.chooser.value()
        if key and (confirm_rating or self.rating_touched) and key != action.ratings.get(review.id, ""):
            commands.append(SetRag(plan, action.id, review.id, key))
        text = self.update_box.toPlainText().strip()
        existing = self._existing_update(action)
        number = action.ref
        if existing is not None and text and text != existing.text:
            commands.append(SetField(plan, existing.id, "text", text, label=f"Edit progress of {number}"))
        elif existing is None and text:
            commands.append(AddItem(plan, action.id, "progress",
                                    ProgressUpdate(text=text, review_id=review.id, added=date.today()),
                                    label=f"Add progress to {number}"))
        typed = self.new_date.text().strip()
        if typed:
            try:
                value = parse_due(typed)
            except DateParseError as error:
                self.error.setText(f"By When not changed: {error}.")
                self.new_date.setFocus()
                return None
            reason = self.reason.text().strip()
            if date_reason_needed(plan, action) and not reason:
                self.error.setText(REASON_NEEDED)
                self.reason.setFocus()
                return None
            if value != action.due.current:
                commands.append(ReviseDueDate(plan, action.id, value, reason))
        return commands

    def save(self, *, confirm_rating: bool = True) -> bool:
        action = self.current()
        if action is None or self.session.read_only:
            return True
        commands = self._commands(action, confirm_rating=confirm_rating)
        if commands is None:
            return False
        self.saving = True  # the form is filled for the next action next, not again for this one
        try:
            if len(commands) == 1:
                self.session.push(commands[0])
            elif commands:
                self.session.push(CommandGroup(f"Review of {action.ref}", commands))
        finally:
            self.saving = False
        return True

    def save_and_next(self) -> None:
        if not self.save():
            return
        ids = [a.id for a in self.queue]
        start = ids.index(self.action_id) if self.action_id in ids else -1
        ordered = self.queue[start + 1:] + self.queue[:start + 1]
        following = next((a.id for a in ordered if a.id not in self.done), None)
        if following is None:
            say(self.progress_line, self.progress_line.text() + " — every action has an update")
            following = self.action_id
        self.show_action(following)
        self.chooser.setFocus()

    def step(self, delta: int) -> None:
        if not self.queue or not self.save(confirm_rating=False):
            return
        ids = [a.id for a in self.queue]
        row = ids.index(self.action_id) if self.action_id in ids else 0
        self.show_action(ids[max(0, min(len(ids) - 1, row + delta))])
        self.chooser.setFocus()

    def _queue_clicked(self, row: int) -> None:
        if 0 <= row < len(self.queue) and self.queue[row].id != self.action_id:
            if self.save(confirm_rating=False):
                self.show_action(self.queue[row].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_and_next()
        elif event.key() == Qt.Key.Key_PageDown:
            self.step(1)
        elif event.key() == Qt.Key.Key_PageUp:
            self.step(-1)
        elif event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # another page chosen mid-update: keep what was typed
        if self.action_id is not None and not self.saving:
            self.save(confirm_rating=False)
        super().hideEvent(event)

    # -- keeping up with edits made elsewhere (undo, redo, the grid) ---------------------------------------

    def _on_change(self, change: Change) -> None:
        if not self.isVisible():
            self.redraw.stale = True
            return
        if change.structural and change.fields & {"areas", "objectives", "actions"}:
            self.start(self.action_id)
            return
        touched = {r.parent_id for r in change.rows_in({"progress"})} | {i for i, _ in change.edited}
        if any(name in ("text", "review_id") for _, name in change.edited):
            touched |= {a.id for a in self.queue for u in a.progress if u.id in change.ids}
        for row, action in enumerate(self.queue):
            if action.id in touched:
                (self.done.add if self.updated(action) else self.done.discard)(action.id)
                self._label_item(self.queue_list.item(row), action)
        self._update_progress_line()
        if self.action_id in touched and not self.saving:  # undo, redo or an edit made elsewhere
            self._fill_form(self.current())


"""What review mode shows about an action (heading, RAG chips, earlier progress), in words a screen reader
says as well as on screen, and its update box."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextBrowser

from sendplan.journal import DUE, PROGRESS, Draft
from sendplan.model import Action, Plan, Review
from sendplan.ratings import rating_look
from sendplan.review_state import update_at, updates_at
from sendplan.summaries import is_overdue


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class UpdateBox(QPlainTextEdit):
    """This review's update. Ctrl+Enter and Page Up/Down go to the review page, Tab leaves the box."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if (ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)) or event.key() in (
                Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Escape):
            event.ignore()
            return
        super().keyPressEvent(event)


class EarlierProgress(QTextBrowser):
    """Progress from earlier reviews: a Tab stop, read and scrolled with the arrow keys; Page Up/Down go to the
    review page (the previous or next action), as everywhere in review mode."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Earlier progress, latest first")
        self.setTabChangesFocus(True)
        self.setMinimumHeight(70)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            event.ignore()
            return
        super().keyPressEvent(event)


class PlanUndoWhenEmpty(QObject):
    """Ctrl+Z / Ctrl+Y in a box with nothing of its own to undo or redo undo or redo the plan instead.

    A text box takes those keys for its own typing, so after Ctrl+Enter (a fresh, empty box) Ctrl+Z
    would do nothing at all; the officer means "undo what I just saved".
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            own = watched.isUndoAvailable() if isinstance(watched, QLineEdit) else _document_can(watched, "undo")
        elif event.matches(QKeySequence.StandardKey.Redo):
            own = watched.isRedoAvailable() if isinstance(watched, QLineEdit) else _document_can(watched, "redo")
        else:
            return False
        if own:
            return False
        event.ignore()  # not taken by the box: the window's Undo / Redo shortcut runs
        return True


def _document_can(widget: QObject, what: str) -> bool:
    if not isinstance(widget, QPlainTextEdit):
        return True
    document = widget.document()
    return document.isUndoAvailable() if what == "undo" else document.isRedoAvailable()


def heading_html(plan: Plan, action: Action, review: Review | None) -> str:
    """The action's reference and text, its owner and date (OVERDUE in words as well as colour)."""
    due = action.due.current
    rating = plan.rating_at(action, review) if review else plan.current_rating(action)
    overdue = " <b style='color:#B00020'>OVERDUE</b>" if is_overdue(plan, action, rating, date.today()) else ""
    return (f"<h3 style='margin:0'>Action {_e(action.ref)}</h3><p style='margin:2px 0'>"
            f"{_e(action.text) or '<i>No text'}</p><p style='margin:2px 0'><b>By Whom:</b> "
            f"{_e(action.owner) or '—'} &nbsp; <b>By When:</b> {due.display('uk') if due else 'not set'}{overdue}</p>")


def rating_chips(plan: Plan, action: Action) -> str:
    """The rating at every review as coloured, labelled chips that never break inside."""
    chips = []
    for earlier in plan.reviews_by_date():
        look = rating_look(plan, action.ratings.get(earlier.id, ""))
        chips.append(f"<span style='background:#{look.fill};color:#{look.text};white-space:nowrap'>&nbsp;"
                     f"{_e(earlier.short_label or earlier.label)}: <b>{look.name}</b>&nbsp;</span>")
    return " ".join(chips)


def history_words(plan: Plan, action: Action) -> str:
    """The rating at every review as a screen reader says it: "RAG by review: Mar 2026 Amber, Jun 2026 Green"."""
    said = [f"{review.short_label or review.label} {rating_look(plan, action.ratings.get(review.id, '')).name}"
            for review in plan.reviews_by_date()]
    return f"RAG by review: {', '.join(said) or 'no reviews yet'}"


def show_history(label: QLabel, plan: Plan, action: Action) -> None:
    """The rating at every review, as chips for the eye and in words for a screen reader."""
    label.setText(f"<p style='line-height:150%'><b>RAG by review:</b> {rating_chips(plan, action)}</p>")
    label.setAccessibleName(history_words(plan, action))


def say(label: QLabel, text: str) -> None:
    """Show rich ``text`` and give a screen reader the same words (never a summary in their place)."""
    label.setText(text)
    label.setAccessibleName(QTextDocumentFragment.fromHtml(text).toPlainText())


def earlier_html(plan: Plan, action: Action, review: Review | None) -> str:
    """This review's other entries first (two owners may both have reported; the box edits the last), in
    the order recorded, then progress from other reviews, latest first."""
    order = {r.id: n for n, r in enumerate(plan.reviews_by_date())}
    reviews = {r.id: r for r in plan.reviews}
    parts = []
    here = updates_at(action, review)
    for number, update in enumerate(here[:-1], start=1):
        parts.append(f"<p><b>{_e(review.label if review else '')} ({number} of {len(here)}):</b> {_e(update.text)}</p>")
    updates = sorted((u for u in action.progress if review is None or u.review_id != review.id),
                     key=lambda u: order.get(u.review_id, -1), reverse=True)
    for update in updates:
        label = reviews[update.review_id].label if update.review_id in reviews else "No review"
        parts.append(f"<p><b>{_e(label)}:</b> {_e(update.text)}</p>")
    return "".join(parts) or "<p><i>No earlier progress.</i></p>"


def update_label_html(action: Action, review: Review) -> str:
    """The label over the update box; with several entries at this review, which one the box holds."""
    count = len(updates_at(action, review))
    which = f" (entry {count} of {count}; the others are shown above)" if count > 1 else ""
    return f"<b>Update for the {_e(review.label)}{which}:</b>"


def update_draft(plan: Plan, action: Action | None, review: Review | None, text: str,
                 chosen: str = "") -> Draft | None:
    """What is typed in review mode's update box, for the draft journal, with the rating ``chosen`` for this review
    when the action does not have it yet (a choice not saved: it is offered back with the text after a crash)."""
    if action is None or review is None:
        return None
    rating = chosen if chosen != action.ratings.get(review.id, "") else ""
    existing = update_at(action, review)
    return Draft(action.id, PROGRESS, f"{action.ref} update for the {review.label}", text,
                 existing.text if existing else "", review.id, rating=rating,
                 rating_name=rating_look(plan, rating).name if rating else "")


def date_draft(action: Action | None, typed: str, reason: str) -> Draft | None:
    """A new By When and its reason typed in review mode, for the draft journal."""
    return Draft(action.id, DUE, f"{action.ref} new By When", typed, reason=reason) if action is not None else None

"""The draft journal in the app: what is typed in any editor is on disk within a moment, and offered back after a
crash (the rules are in :mod:`sendplan.journal`; this module watches the editors and talks to the officer).

An editor is tracked with :func:`track` and a function describing its draft; each keystroke schedules a write a
quarter of a second later. A draft the plan holds (its edit committed) is kept until the save holding it is on
disk, so at every moment a word typed is in the plan file or in the journal. On opening a plan,
:func:`offer_recovered` asks "Keep / Discard" before anything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from sendplan.ui.services import dialogs
from sendplan.ui.session import PlanSession

from sendplan.journal import Draft, offered, pending, read_drafts, recovery_command, write_drafts

WRITE_AFTER_MS = 250  # a keystroke is in the journal this soon (plus the write itself)
Describe = Callable[[], Draft | None]
_log = logging.getLogger("sendplan")


def text_of(editor: QWidget) -> str:
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    return editor.text() if isinstance(editor, QLineEdit) else ""


def track(editor: QLineEdit | QPlainTextEdit, describe: Describe) -> None:
    """Journal what is typed in ``editor``; ``describe`` says what its draft is now (None: nothing to keep)."""
    editor._sendplan_describe = describe  # type: ignore[union-attr]
    editor.textChanged.connect(lambda *_args: _typed(editor, describe))


def retell(editor: QWidget) -> None:
    """Journal ``editor``'s draft again though its text did not change (review mode: a rating was chosen)."""
    describe = getattr(editor, "_sendplan_describe", None)
    if describe is not None:
        _typed(editor, describe)


def forget(editor: QWidget) -> None:
    """The officer cancelled what they typed (Escape): it is not offered back."""
    journal = _journal_of(editor)
    describe = getattr(editor, "_sendplan_describe", None)
    if journal is not None and describe is not None:
        draft = describe()
        if draft is not None:
            journal.drop(draft.key)


def _journal_of(editor: QWidget) -> DraftJournal | None:
    journal = getattr(editor.window(), "journal", None)
    return journal if isinstance(journal, DraftJournal) else None


def _typed(editor: QWidget, describe: Describe) -> None:
    journal = _journal_of(editor)
    if journal is not None:
        journal.typed(describe())


class DraftJournal(QObject):
    """The drafts of one open plan, written to its journal file as they are typed."""

    def __init__(self, session: PlanSession, left: list[Draft] | None = None) -> None:
        super().__init__(session)
        self.session = session
        self.drafts: dict[str, Draft] = {draft.key: draft for draft in left or []}
        self.problem = ""  # why the journal could not be written ("" when it was)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WRITE_AFTER_MS)
        self._timer.timeout.connect(self.flush)
        session.changed.connect(self._changed)
        session.saved.connect(self._saved)
        self.flush()  # what was offered back and discarded goes; what was kept stays until it is saved

    def typed(self, draft: Draft | None) -> None:
        if draft is None or self.session.read_only:
            return
        held = self.drafts.get(draft.key)
        if held is not None and held.committed >= 0 and (held.text, held.rating) == (draft.text, draft.rating):
            return  # the box shows what was just saved: it stays journalled until that is on disk
        if draft.text == draft.base and not draft.rating and (held is None or held.committed < 0):
            if held is not None and held.text.strip() == draft.text.strip() and held.text.strip() != held.base.strip():
                # the plan holds what was typed: the view put the committed value back into the editor before
                # the journal heard of the edit. Kept (written now) until the save holding it is on disk.
                held.committed = self.session.edits
                self.flush()
                return
            self.drop(draft.key)  # typed back to what was there, and no rating chosen
            return
        self.drafts[draft.key] = draft
        if not self._timer.isActive():
            self._timer.start()

    def drop(self, key: str) -> None:
        if self.drafts.pop(key, None) is not None and not self._timer.isActive():
            self._timer.start()

    def _changed(self, *_args: object) -> None:
        """An edit landed in the plan: the drafts it holds now are committed, and kept until they are saved."""
        held = [d for d in self.drafts.values() if d.committed < 0 and not pending(self.session.plan, [d])]
        for draft in held:
            draft.committed = self.session.edits
        if held:
            self.flush()  # a commit is in the journal at once: the save follows within a second

    def _saved(self, edits: int) -> None:
        gone = [key for key, d in self.drafts.items() if 0 <= d.committed <= edits]
        for key in gone:
            del self.drafts[key]
        if gone:
            self.flush()

    def flush(self) -> None:
        self._timer.stop()
        document = self.session.document
        try:
            write_drafts(document.path, document.plan.id, list(self.drafts.values()))
            self.problem = ""
        except OSError as error:  # typing goes on; the plan file itself is saved as usual
            _log.warning("draft journal not written: %s", error)
            self.problem = error.strerror or "the journal could not be written"


class Recovered(NamedTuple):
    """What :func:`offer_recovered` leaves: the drafts to keep journalling, and the action whose text was put
    back (the first, when several were), for the window to show rather than the next action due."""

    drafts: list[Draft]
    action_id: str | None = None


def offer_recovered(parent: QWidget | None, session: PlanSession) -> Recovered:
    """After a crash: offer back what was being typed ("Keep", the default, puts it where it was typed, as one
    step that can be undone; "Discard" drops it). Closing the box keeps the drafts for later."""
    if session.read_only:
        return Recovered([])
    left = read_drafts(session.document.path, session.plan.id)
    found = pending(session.plan, left)
    if not found:
        return Recovered([])
    listed = "\n".join(f"• {offered(session.plan, draft)}" for draft in found[:20])
    more = f"\n…and {len(found) - 20} more." if len(found) > 20 else ""
    choice = dialogs().choose(parent, "Recovered text",
                              f"Recovered text you were typing when sendplan closed:\n\n{listed}{more}\n\nKeep puts it "
                              "back where it was typed (one step you can undo); Discard drops it.", ["Keep", "Discard"],
                              default="Keep")
    if choice == "Keep":
        command = recovery_command(session.plan, found)
        if command is not None:
            session.push(command)
        for draft in found:  # in the plan now, and in the journal until that is saved
            draft.committed = session.edits
        actions = {action.id for _, _, action in session.plan.iter_actions()}
        return Recovered(found, next((d.entity_id for d in found if d.entity_id in actions), None))
    return Recovered([] if choice == "Discard" else found)

"""Autosave off the GUI thread: the GUI thread takes a snapshot later edits cannot reach (encoding only
what edits touched, :mod:`sendplan.live_tables`); one worker assembles the tables, encodes the JSON,
writes it atomically, fsyncs and backs it up.

One worker, so writes land in the order they were asked for; a request made while another waits
replaces it (the newer snapshot includes everything the older one had). :meth:`wait` lets a
synchronous save (closing, "save a copy") queue up behind a write in progress.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal
from sendplan.ui.threads import collector_paused

from sendplan.document import PlanDocument
from sendplan.live_tables import TableSnapshot
from sendplan.plan_lock import PlanLocked
from sendplan.storage import PlanChangedOnDisk, PlanReadOnly


class BackgroundWriter(QObject):
    # the edit count the snapshot included; "" when written, else "read-only", "conflict" or the OS error
    written = Signal(int, str)

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()  # no Qt parent: the worker keeps this object alive until it stops, so a
        # report never goes to a deleted object (a closed window's session just stops listening)
        self.document = document
        self._wake = threading.Condition()
        self._pending: tuple[int, TableSnapshot | dict[str, Any]] | None = None
        self._busy = False
        self._stopped = False
        self._thread: threading.Thread | None = None

    def submit(self, edits: int, tables: TableSnapshot | dict[str, Any]) -> None:
        """Write ``tables`` (a snapshot, or TinyDB's tables) on the worker; ``edits`` is the edit count it holds."""
        if self._stopped:
            return
        with self._wake:
            self._pending = (edits, tables)
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sendplan-autosave", daemon=True)
            self._thread.start()

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until nothing is waiting or being written (True), or ``timeout`` seconds pass."""
        with self._wake:
            return self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def stop(self) -> None:
        """Finish the write in progress (and any waiting), then end the worker."""
        self.wait()
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._stopped)
                if self._pending is None:
                    return
                edits, tables = self._pending
                self._pending, self._busy = None, True
            outcome = ""
            try:
                with collector_paused():
                    self.document.write_tables(tables.tables() if isinstance(tables, TableSnapshot) else tables)
            except PlanReadOnly:
                outcome = "read-only"
            except PlanChangedOnDisk:
                outcome = "conflict"
            except PlanLocked as error:  # taken over: like a change on disk; else another writer is at it
                who = error.holder.describe() if error.holder else "someone else"
                outcome = "conflict" if error.taken_over else f"{who} is writing to it"
            except OSError as error:
                outcome = error.strerror or str(error) or "the file could not be written"
            with self._wake:
                self._busy = False
                self._wake.notify_all()
            self.written.emit(edits, outcome)

"""Python work on worker threads beside Qt: the cycle collector is paused while such work runs.

Run on a worker thread, Python's cycle collector could destroy Qt objects the GUI left as garbage,
which only the GUI thread may do (Qt aborts). Exports, returns and autosave therefore pause it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_paused = [0]
_paused_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection anywhere while the body runs (nested and concurrent uses count)."""
    with _paused_lock:
        _paused[0] += 1
        if _paused[0] == 1:
            gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused[0] -= 1
            if _paused[0] == 0:
                gc.enable()

"""The Qt desktop front end (installed as ``sendplan.ui``).

PySide6 6.12 hands back ``None`` (and, from some calls, ``True``/``False``) without taking a new
reference: harmless on Python 3.12+, where these are immortal, but on Python 3.11 every ``setText``,
``setBrush``… call takes one reference away, and after a few thousand calls the interpreter aborts with
"deallocating None" (a review of sixty actions is enough). On 3.11 they are therefore given reference
counts no session can use up, which is what 3.12 does in every interpreter.
"""

from __future__ import annotations

import sys

if sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    import ctypes

    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 48

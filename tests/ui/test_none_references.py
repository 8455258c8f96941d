"""A long session never exhausts None's references (PySide6 6.12 on Python 3.11 leaks one per void call)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_many_void_calls_leave_none_alive(qtbot: object) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for n in range(20000):
        label.setText(str(n))
    assert sys.getrefcount(None) > 1_000_000 and sys.getrefcount(None) >= before - 20000

"""A long session never exhausts None's references.

PySide6 6.12.0 hands back ``None`` from every void call (``setText``…) without taking a reference:
on Python 3.11 a review of sixty actions then aborts with "deallocating None". pyproject.toml keeps
that release out; this test fails on any PySide6 that brings the leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_take_references_to_none(qtbot: object) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for n in range(20000):
        label.setText(str(n))
        label.setVisible(n % 2 == 0)
    assert sys.getrefcount(None) >= before - 100

"""What a screen reader is told, read from Qt's accessibility tree (``QAccessible.queryAccessibleInterface``, the
tree AT-SPI and UI Automation pass on), and what it is not told: a control it can reach with no name, a value
hidden behind a summary name, a cell that would be read as blank."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeView, QWidget


def _walk(node: QAccessibleInterface, depth: int = 0) -> Iterator[QAccessibleInterface]:
    if node is None or not node.isValid() or node.state().invisible or depth > 60:
        return
    yield node
    for n in range(node.childCount()):
        yield from _walk(node.child(n), depth + 1)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def covers(said: str, shown: str) -> bool:
    """Every word on screen is in what is said (a word cut short on screen, "Reconst…", by its whole)."""
    spoken = words(said)
    return all(any(word.startswith(seen) for word in spoken) for seen in words(shown))


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def _label_problems(label: QLabel, name: str) -> list[str]:
    shown = _plain(label.text())
    if label.accessibleName() and shown.strip() and not covers(name, shown):
        return [f"the label “{shown[:60]}” is announced as “{name[:60]}”: the value is hidden behind a summary"]
    return []


def _indexes(view: QAbstractItemView, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    model = view.model()
    for row in range(model.rowCount(parent)):
        for column in range(64):  # columnCount() is private in some of Qt's own models
            index = model.index(row, column, parent)
            if not index.isValid():
                break
            yield index
            if column == 0 and model.rowCount(index):
                yield from _indexes(view, index)


def _item_problems(view: QAbstractItemView) -> list[str]:
    """Each cell is said with what it shows; a cell inside a row spanned across the table is never blank."""
    problems = []
    for index in _indexes(view):
        shown = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        said = index.data(Qt.ItemDataRole.AccessibleTextRole)
        spanned = isinstance(view, QTreeView) and index.column() > 0 and view.isFirstColumnSpanned(
            index.row(), index.parent())
        where = f"{view.accessibleName()[:40]} row {index.row()} column {index.column()}"
        if spanned and not (said or shown).strip():
            problems.append(f"{where}: a cell of a spanned row is announced as blank")
        elif said is not None and shown.strip() and not covers(str(said), shown):
            problems.append(f"{where}: shows “{shown[:50]}” but is announced as “{str(said)[:50]}”")
    return problems


def accessibility_problems(widget: QWidget) -> list[str]:
    """Everything a screen reader user would miss in ``widget`` (a page or a dialog) as it is shown now."""
    problems = []
    for node in _walk(QAccessible.queryAccessibleInterface(widget)):
        name = node.text(QAccessible.Text.Name).strip()
        owner = node.object()
        kind = f"{node.role().name} {type(owner).__name__ if owner is not None else 'item'}"
        if node.state().focusable and not name:
            problems.append(f"an unnamed control that takes the keyboard: {kind}")
        if isinstance(owner, QLabel) and owner.isVisible():
            problems += _label_problems(owner, name)
    for view in [widget] * isinstance(widget, QAbstractItemView) + widget.findChildren(QAbstractItemView):
        if view.isVisible():
            problems += _item_problems(view)
    return problems

"""The navigator: plan pages, and areas → objectives with RAG dots and action counts."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QMenu, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem
from sendplan.ui.session import PlanSession

from sendplan.changes import INSERTED, MOVED, REMOVED, Rows, children_after
from sendplan.commands import Change, DeleteItem, MoveItem, locate
from sendplan.model import Area, Objective, Plan
from sendplan.ratings import RatingLook, rating_look
from sendplan.summaries import area_title

ALL_ACTIONS = "All actions"
PAGE_NAMES = ("Dashboard", "Plan overview", "Reviews", "Narrative", "Governance & members", "Workstreams", "Glossary",
              "RAG scale & keys")
MIN_CHARS, WIDE_CHARS = 16, 30  # how much of an area's title the navigator shows: at least, and at most
KindRole = Qt.ItemDataRole.UserRole + 10
IdRole = Qt.ItemDataRole.UserRole + 11


def rag_dots(looks: list[RatingLook], size: int = 16) -> QIcon:
    """A small icon with up to three dots, most common rating first, each carrying its rating's first letter
    (R, A, G, B, N for not rated) so that colour is never the only cue."""
    pixmap = QPixmap(size * 3, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPixelSize(size - 6)
    font.setBold(True)
    painter.setFont(font)
    for n, look in enumerate(looks[:3]):
        dot = QRect(n * size + 1, 1, size - 2, size - 2)
        painter.setBrush(QColor(f"#{look.fill}"))
        painter.setPen(QColor("#404040"))
        painter.drawEllipse(dot)
        painter.setPen(QColor(f"#{look.text}"))
        painter.drawText(dot, Qt.AlignmentFlag.AlignCenter, look.name[:1].upper())
    painter.end()
    return QIcon(pixmap)


class _WrappedTitles(QStyledItemDelegate):
    """Rows as tall as their titles wrap at the navigator's width (QTreeView would cut them to one line)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTreeWidget):
            return hint
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = view.iconSize().width() + 8 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        width = max(40, view.viewport().width() - depth * view.indentation() - icon - 8)
        text = str(index.data() or "")
        lines = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), lines.height() + 6))


def _item(text: str, kind: str, ident: str, icon: QIcon | None = None, tip: str = "",
          spoken: str = "") -> QTreeWidgetItem:
    """A navigator entry: what it shows, what it leads to, and what a screen reader says."""
    item = QTreeWidgetItem([text])
    item.setData(0, KindRole, kind)
    item.setData(0, IdRole, ident)
    if icon is not None:
        item.setIcon(0, icon)
    if tip:
        item.setToolTip(0, tip)
    if spoken:
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
    return item


class Navigator(QTreeWidget):
    page_chosen = Signal(str, str)  # kind ("actions", "page"), id (area/objective id or page name)
    renumber_requested = Signal(object)  # an area id, or None for the whole plan

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.setHeaderHidden(True)
        self.setAccessibleName("Navigator: plan pages and areas for improvement. Alt+Up or Alt+Down moves "
                               "an area or objective; Delete removes it")
        self.setIconSize(QPixmap(48, 16).size())
        self.setWordWrap(True)  # a long area title takes two lines rather than being cut short
        self.setItemDelegate(_WrappedTitles(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_CHARS + 48)  # the dots and a readable title
        self.setDragDropMode(QTreeWidget.DragDropMode.InternalMove)
        self.setDragEnabled(not session.read_only)
        self.setAcceptDrops(not session.read_only)
        self.currentItemChanged.connect(self._chosen)
        session.changed.connect(self._on_change)
        session.review_changed.connect(lambda *_: self.relabel(None))
        self.rebuild()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows are as tall as their titles wrap at the new width

    def width_for(self, window_width: int) -> int:
        """The navigator's share of a window this wide: a sixth, between its minimum and about 30 characters."""
        widest = self.fontMetrics().averageCharWidth() * WIDE_CHARS + 48
        return max(self.minimumWidth(), min(widest, window_width // 6))

    def _on_change(self, change: Change) -> None:
        """Areas and objectives that came, went or moved are placed as the change says; then the entries
        touched are relabelled."""
        records = change.rows_in({"areas", "objectives"})
        if records:
            self._apply(records)
            self.relabel(None)
        elif change.fields & {"ref", "numbering"}:
            self.relabel(None)
        elif change.structural and "actions" in change.fields or change.fields & {"text", "title", "ratings"}:
            self.relabel(change.ids)

    def _counts_text(self, plan: Plan, actions: list) -> tuple[str, QIcon]:  # type: ignore[type-arg]
        review = self.session.current_review
        ratings = Counter(plan.rating_at(a, review) if review else plan.current_rating(a) for a in actions)
        looks = [rating_look(plan, k) for k, _ in ratings.most_common()]
        words = ", ".join(f"{n} {plan.rag_level(k).name if plan.rag_level(k) else 'not rated'}"  # type: ignore[union-attr]
                          for k, n in ratings.most_common())
        return words, rag_dots(looks)

    def _label(self, item: QTreeWidgetItem, entity: Area | Objective, numbers: dict[str, str]) -> None:
        plan = self.session.plan
        if isinstance(entity, Area):
            actions = [a for o in entity.objectives for a in o.actions]
            words, icon = self._counts_text(plan, actions)
            number = numbers.get(entity.id, "")
            item.setText(0, f"{number}. {area_title(entity)} ({len(actions)})")
            item.setToolTip(0, words)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"Area {number}: {area_title(entity)}; {len(actions)} actions: {words}")
        else:
            words, icon = self._counts_text(plan, entity.actions)
            number = numbers.get(entity.id, "")
            item.setText(0, f"{number} {entity.text}".strip())
            item.setToolTip(0, f"{entity.text}\n{words}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"Objective {number}: {entity.text}; {words}")
        item.setIcon(0, icon)

    def relabel(self, ids: frozenset[str] | None) -> None:
        """Update the text and RAG dots of the entries holding ``ids`` (every entry when None)."""
        plan = self.session.plan
        numbers = plan.numbers()
        for area in plan.areas:
            area_hit = ids is None or area.id in ids
            for objective in area.objectives:
                hit = ids is None or objective.id in ids or any(a.id in ids for a in objective.actions)
                if hit and objective.id in self.items:
                    self._label(self.items[objective.id], objective, numbers)
                area_hit = area_hit or hit
            if area_hit and area.id in self.items:
                self._label(self.items[area.id], area, numbers)

    def _apply(self, records: list[Rows]) -> None:
        """Take, insert and move entries exactly as the records say; the current entry stays current (or, when
        it went, "All actions" is highlighted without choosing it)."""
        current = self.currentItem()
        kept = self.item_target(current) if current is not None else ("actions", "")
        self.blockSignals(True)
        top = self.topLevelItem(0)
        numbers = self.session.plan.numbers()
        parent_of: dict[str, str] = {}  # objective id → the area it was last in
        for step, record in enumerate(records):
            entity = record.items[0]
            if record.collection == "objectives":
                parent_of[entity.id] = record.to_parent_id if record.kind == MOVED else record.parent_id
            if record.collection == "areas":
                source, target = top, top
            else:
                source = self.items.get(record.parent_id)
                target = self.items.get(record.to_parent_id if record.kind == MOVED else record.parent_id)
            if record.kind == INSERTED and target is not None:
                objectives = children_after(records, step, entity, "objectives") if isinstance(entity, Area) else []
                target.insertChild(record.index, self._entry(entity, objectives, numbers))
            elif record.kind == REMOVED and source is not None:
                source.takeChild(record.index)
                self._forget(entity)
            elif record.kind == MOVED and source is not None and target is not None:
                target.insertChild(record.to_index, source.takeChild(record.index))
        top.setExpanded(True)
        gone = kept[0] != "page" and bool(kept[1]) and kept[1] not in self.items
        area = self.items.get(parent_of.get(kept[1], "")) if gone else None
        self.setCurrentItem(current if not gone else area or top)
        self.blockSignals(False)
        if gone and area is None:  # the area shown was deleted: the grid shows every area again
            self.page_chosen.emit("actions", "")

    def _entry(self, entity: Area | Objective, objectives: list[Objective], numbers: dict[str, str]) -> QTreeWidgetItem:
        """A new entry for an area (with entries for ``objectives``) or an objective."""
        item = self.items[entity.id] = _item("", "actions" if isinstance(entity, Area) else "objective", entity.id)
        self._label(item, entity, numbers)
        for objective in objectives:
            item.addChild(self._entry(objective, [], numbers))
        return item

    def _forget(self, entity: Area | Objective) -> None:
        self.items.pop(entity.id, None)
        for objective in entity.objectives if isinstance(entity, Area) else ():
            self.items.pop(objective.id, None)

    def rebuild(self, *_args: object) -> None:
        selected = self.currentItem()
        keep = (selected.data(0, KindRole), selected.data(0, IdRole)) if selected else ("actions", "")
        self.blockSignals(True)
        self.clear()
        self.items: dict[str, QTreeWidgetItem] = {}
        plan = self.session.plan
        numbers = plan.numbers()
        top = _item(ALL_ACTIONS, "actions", "")
        self.addTopLevelItem(top)
        restore = top
        for area in plan.areas:
            top.addChild(self._entry(area, area.objectives, numbers))
        if keep[0] != "page" and keep[1] in self.items:
            restore = self.items[keep[1]]
        for name in PAGE_NAMES:
            page = _item(name, "page", name)
            self.addTopLevelItem(page)
            if keep == ("page", name):
                restore = page
        top.setExpanded(True)
        self.setCurrentItem(restore)
        self.blockSignals(False)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Renumber the plan, or the area under the pointer."""
        item = self.itemAt(event.pos())
        if item is None or item.data(0, KindRole) != "actions" or self.session.read_only:
            return
        ident = item.data(0, IdRole)
        menu = QMenu(self)
        menu.addAction("Renumber this area…" if ident else "Renumber the plan…",
                       lambda: self.renumber_requested.emit(ident or None))
        menu.exec(event.globalPos())

    def move_by_drop(self, source: QTreeWidgetItem, target: QTreeWidgetItem | None) -> bool:
        """Areas drop before areas; objectives before objectives or onto an area (at its end)."""
        if target is None or source is target:
            return False
        kinds = (source.data(0, KindRole), target.data(0, KindRole))
        source_id, target_id = source.data(0, IdRole), target.data(0, IdRole)
        plan = self.session.plan
        if kinds == ("actions", "actions") and source_id and target_id:  # area before area
            index = locate(plan, target_id).index
            command = MoveItem(plan, source_id, index)
        elif kinds == ("objective", "objective"):
            where = locate(plan, target_id)
            command = MoveItem(plan, source_id, where.index, new_parent_id=where.parent.id)
        elif kinds == ("objective", "actions") and target_id:
            command = MoveItem(plan, source_id, len(locate(plan, target_id).entity.objectives),
                               new_parent_id=target_id)
        else:
            return False
        self.session.push(command)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete removes the selected area or objective (undo brings it back); Alt+Up/Down moves it."""
        item = self.currentItem()
        kind, ident = (item.data(0, KindRole), item.data(0, IdRole)) if item else ("", "")
        structural = bool(ident) and kind in ("actions", "objective") and not self.session.read_only
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if structural and event.key() == Qt.Key.Key_Delete:
            self.session.push(DeleteItem(self.session.plan, ident))
            return
        if structural and alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            where = locate(self.session.plan, ident)
            index = where.index + (-1 if event.key() == Qt.Key.Key_Up else 1)
            if 0 <= index < len(getattr(where.parent, where.collection)):
                self.session.push(MoveItem(self.session.plan, ident, index))
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentItem()
        if source is not None:
            self.move_by_drop(source, self.itemAt(event.position().toPoint()))
        event.ignore()  # the entries move when the plan's change says so; never let Qt move them itself

    def mark_grid(self, area_id: str | None) -> None:
        """Highlight the grid's entry (all actions or the area shown) without choosing it again, when the grid
        comes back from review mode or turns to another area: the navigator must name what the grid shows."""
        current = self.currentItem()
        kind, ident = self.item_target(current) if current is not None else ("page", "")
        if kind == "actions" and (ident or None) == area_id:
            return
        if kind == "objective" and area_id is not None and current.parent() is self.items.get(area_id):
            return
        self.blockSignals(True)
        self.setCurrentItem(self.items.get(area_id or "") or self.topLevelItem(0))
        self.blockSignals(False)

    @staticmethod
    def item_target(item: QTreeWidgetItem) -> tuple[str, str]:
        return item.data(0, KindRole), item.data(0, IdRole)

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.page_chosen.emit(*self.item_target(item))

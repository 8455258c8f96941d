"""The dashboard: RAG by area now and at the previous review (chart and numbers), and the exceptions.

Every figure comes from :func:`sendplan.summaries.summarise`, the same function the review pack uses.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sendplan.exporters.chart import chart_alt_text
from sendplan.exporters.colours import normalise, text_on
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.summaries import UNRATED, ActionRef, PlanSummary, summarise

BAR, GAP, LABEL = 16, 4, 260


class RagChart(QWidget):
    """Stacked horizontal bars: for each area, the previous review ("was") above this one ("now")."""

    def __init__(self) -> None:
        super().__init__()
        self.summary: PlanSummary | None = None
        self.colours: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_summary(self, summary: PlanSummary, colours: dict[str, str], names: dict[str, str]) -> None:
        self.summary, self.colours, self.names = summary, colours, names
        rows = 2 if summary.previous is not None else 1
        self.setFixedHeight(max(60, len(summary.areas) * (rows * (BAR + GAP) + 2 * GAP) + 36))
        self.setAccessibleName("RAG chart by area")
        self.setAccessibleDescription(chart_alt_text(summary, names))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.summary is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        summary = self.summary
        largest = max([a.total for a in summary.areas] + [sum(a.previous.values()) for a in summary.areas] + [1])
        plot = max(100, self.width() - LABEL - 20)
        y = 4.0
        for area in summary.areas:
            bars = ([("was", area.previous)] if summary.previous is not None else []) + [("now", area.current)]
            painter.setPen(self.palette().text().color())
            height = len(bars) * (BAR + GAP)
            label = painter.fontMetrics().elidedText(f"{area.number}. {area.title}", Qt.TextElideMode.ElideRight,
                                                     LABEL - 50)
            painter.drawText(QRectF(0, y, LABEL - 50, height), Qt.AlignmentFlag.AlignVCenter, label)
            for tag, counts in bars:
                painter.setPen(self.palette().text().color())
                right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(QRectF(LABEL - 46, y, 40, BAR), right, tag)
                x = float(LABEL)
                for key in summary.rating_keys:
                    count = counts.get(key, 0)
                    if not count:
                        continue
                    width = plot * count / largest
                    fill = self.colours.get(key, "BFBFBF")
                    painter.fillRect(QRectF(x, y, width - 1, BAR), QColor(f"#{fill}"))
                    if width > 14:
                        painter.setPen(QColor(f"#{text_on(fill)}"))
                        painter.drawText(QRectF(x, y, width, BAR), Qt.AlignmentFlag.AlignCenter, str(count))
                    x += width
                y += BAR + GAP
            y += 2 * GAP
        x = 0.0
        for key in summary.rating_keys:
            if not any(a.current.get(key) or a.previous.get(key) for a in summary.areas):
                continue
            painter.fillRect(QRectF(x, y + 6, 14, 14), QColor(f"#{self.colours.get(key, 'BFBFBF')}"))
            painter.setPen(self.palette().text().color())
            name = self.names.get(key, key)
            painter.drawText(QRectF(x + 18, y + 4, 120, 18), Qt.AlignmentFlag.AlignVCenter, name)
            x += 30 + painter.fontMetrics().horizontalAdvance(name)
        painter.end()


class DashboardPage(QScrollArea):
    jump = Signal(str)  # an action id

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.setWidgetResizable(True)
        self.setAccessibleName("Dashboard")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.chart = RagChart()
        layout.addWidget(self.chart)
        self.counts = QTableWidget()
        self.counts.setTabKeyNavigation(False)  # no keyboard trap: Tab leaves the table
        self.counts.setAccessibleName("RAG counts by area, now and at the previous review")
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.verticalHeader().setVisible(False)
        layout.addWidget(self.counts)
        grid = QGridLayout()
        self.lists: dict[str, QListWidget] = {}
        self.titles: dict[str, QLabel] = {}
        for n, key in enumerate(("red", "overdue", "revised", "not_updated")):
            title = QLabel()
            listing = QListWidget()
            listing.setMinimumHeight(140)
            listing.itemActivated.connect(self._activated)
            listing.itemDoubleClicked.connect(self._activated)
            grid.addWidget(title, (n // 2) * 2, n % 2)
            grid.addWidget(listing, (n // 2) * 2 + 1, n % 2)
            self.lists[key], self.titles[key] = listing, title
        layout.addLayout(grid)
        self.measures_title = QLabel("<b>Key performance measures</b>")
        self.measures = QTableWidget()
        self.measures.setTabKeyNavigation(False)
        self.measures.setAccessibleName("Key performance measures by review")
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.measures_title)
        layout.addWidget(self.measures)
        layout.addStretch(1)
        self.setWidget(body)
        self.summary: PlanSummary | None = None
        self.redraw = RedrawWhenShown(self, self.refresh)  # a hidden dashboard redraws when it is shown
        session.changed.connect(self.redraw.request)
        session.review_changed.connect(self.redraw.request)
        self.refresh()

    def _activated(self, item: QListWidgetItem) -> None:
        self.jump.emit(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self, *_args: object) -> None:
        plan = self.session.plan
        review = self.session.current_review
        summary = summarise(plan, review.id if review else None, as_of=date.today())
        self.summary = summary
        names = {level.key: level.name for level in plan.rag_scale} | {UNRATED: "Not rated"}
        colours = {level.key: normalise(level.colour, "BFBFBF") for level in plan.rag_scale} | {UNRATED: "D9D9D9"}
        compared = f", compared with the {summary.previous.label}" if summary.previous else ""
        at = review.label if review else "current position"
        self.heading.setText(f"<h2>Dashboard</h2><p>RAG ratings at the {at}{compared}.</p>")
        self.chart.show_summary(summary, colours, names)
        keys = [k for k in summary.rating_keys if k != UNRATED or summary.totals().get(UNRATED)]
        self.counts.setColumnCount(len(keys) + 2)
        self.counts.setHorizontalHeaderLabels(["Area", *(names[k] for k in keys), "Total"])
        self.counts.setRowCount(len(summary.areas) + 1)
        rows = [(f"{a.number}. {a.title}", a.current, a.previous) for a in summary.areas]
        rows.append(("All areas", summary.totals(), summary.totals("previous") if summary.previous else {}))
        for r, (title, now, was) in enumerate(rows):
            self.counts.setItem(r, 0, QTableWidgetItem(title))
            for c, key in enumerate(keys, start=1):
                text = str(now.get(key, 0))
                if summary.previous is not None:
                    change = now.get(key, 0) - was.get(key, 0)
                    sign = "+" if change > 0 else "−" if change < 0 else "±"
                    text += f" (was {was.get(key, 0)}, {sign}{abs(change)})"
                self.counts.setItem(r, c, QTableWidgetItem(text))
            self.counts.setItem(r, len(keys) + 1, QTableWidgetItem(str(sum(now.values()))))
        header = self.counts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts.setFixedHeight(self.counts.verticalHeader().length() + header.height() + 4)
        style = "uk"
        entries: dict[str, list[tuple[ActionRef, str]]] = {
            "red": [(r, "") for r in summary.red],
            "overdue": [(o.action, f"due {o.due.display(style)}, {o.days_overdue} days overdue")
                        for o in summary.overdue],
            "revised": [(r.action, " → ".join(v.display(style) for v in (*r.earlier, r.current) if v))
                        for r in summary.revised],
            "not_updated": [(r, "") for r in summary.not_updated],
        }
        titles = {"red": "Red actions", "overdue": "Overdue actions", "revised": "Dates revised",
                  "not_updated": f"No update at the {review.label}" if review else "No update"}
        for key, listing in self.lists.items():
            listing.clear()
            self.titles[key].setText(f"<b>{titles[key]} ({len(entries[key])})</b>")
            listing.setAccessibleName(f"{titles[key]}: press Enter to go to the action")
            for ref, extra in entries[key]:
                text = f"{ref.number}  {ref.text}" + (f" — {extra}" if extra else "") + (
                    f" ({ref.owner})" if ref.owner else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ref.action_id)
                item.setToolTip(text)
                listing.addItem(item)
        self._measures()

    def _measures(self) -> None:
        plan = self.session.plan
        numbers = plan.numbers()
        measured = [(a, m) for _, _, a in plan.iter_actions() for m in a.measures]
        reviews = plan.reviews_by_date()[-5:]
        self.measures_title.setVisible(bool(measured))
        self.measures.setVisible(bool(measured))
        self.measures.setColumnCount(4 + len(reviews))
        self.measures.setHorizontalHeaderLabels(["Action", "Measure", "Baseline", "Target",
                                                 *(r.short_label or r.label for r in reviews)])
        self.measures.setRowCount(len(measured))
        for r, (action, measure) in enumerate(measured):
            values = [numbers[action.id], measure.name, measure.baseline, measure.target,
                      *(measure.actuals.get(rv.id, "") for rv in reviews)]
            for c, value in enumerate(values):
                self.measures.setItem(r, c, QTableWidgetItem(value))
        self.measures.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.measures.setFixedHeight(self.measures.verticalHeader().length()
                                     + self.measures.horizontalHeader().height() + 4)

"""The dashboard: RAG by area now and at the previous review (chart and numbers), and the exceptions.

Every figure comes from :func:`sendplan.summaries.summarise`, the same function the review pack uses.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.chart_layout import ChartLayout, chart_alt_text, layout_chart
from sendplan.ratings import UNRATED, rating_colours, rating_names
from sendplan.summaries import NOT_RECORDED, ActionRef, PlanSummary, summarise

PX_PER_PT = 4 / 3  # the layout is in points; the screen at 96 dots per inch


class RagChart(QWidget):
    """The RAG chart of :mod:`sendplan.chart_layout`, the same layout the Word pack draws with Pillow."""

    def __init__(self) -> None:
        super().__init__()
        self.summary: PlanSummary | None = None
        self.colours: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _font(self, size_pt: float, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, round(size_pt)))  # layout units; the painter scales them to the screen
        font.setBold(bold)
        return font

    def _measure(self, text: str, size_pt: float, bold: bool) -> float:
        return QFontMetricsF(self._font(size_pt, bold)).horizontalAdvance(text)

    def _layout(self) -> ChartLayout | None:
        if self.summary is None:
            return None
        return layout_chart(self.summary, self.colours, self.names, max(300.0, self.width() / PX_PER_PT),
                            measure=self._measure, title=False)

    def show_summary(self, summary: PlanSummary, colours: dict[str, str], names: dict[str, str]) -> None:
        self.summary, self.colours, self.names = summary, colours, names
        self._fit_height()
        self.setAccessibleName("RAG chart by area")
        self.setAccessibleDescription(chart_alt_text(summary, names))
        self.update()

    def _fit_height(self) -> None:
        layout = self._layout()
        if layout is not None:
            self.setFixedHeight(max(60, int(layout.height * PX_PER_PT) + 4))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # the legend may wrap differently

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self._layout()
        if layout is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(PX_PER_PT, PX_PER_PT)
        text_colour = self.palette().text().color()
        for box in layout.boxes:
            rect = QRectF(box.x, box.y, box.width, box.height)
            painter.fillRect(rect, QColor(f"#{box.fill}"))
            if box.outline:
                painter.setPen(QColor(f"#{box.outline}"))
                painter.drawRect(rect)
        alignments = {"left": Qt.AlignmentFlag.AlignLeft, "centre": Qt.AlignmentFlag.AlignHCenter,
                      "right": Qt.AlignmentFlag.AlignRight}
        for label in layout.labels:
            painter.setFont(self._font(label.size_pt, label.bold))
            on_bar = label.anchor == "centre"
            painter.setPen(QColor(f"#{label.colour}") if on_bar or label.colour != "000000" else text_colour)
            width = self._measure(label.text, label.size_pt, label.bold) + 2
            left = {"left": label.x, "centre": label.x - width / 2, "right": label.x - width}[label.anchor]
            rect = QRectF(left, label.y - label.size_pt, width, label.size_pt * 2)
            painter.drawText(rect, alignments[label.anchor] | Qt.AlignmentFlag.AlignVCenter, label.text)
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
            listing.setWordWrap(True)  # at 1366×768 the date, days overdue and owner at the end stay in sight
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setResizeMode(QListView.ResizeMode.Adjust)
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
        names, colours = rating_names(plan), rating_colours(plan)
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
        for column in range(1, len(keys) + 2):  # "21 (was 22, −1)" on one line: the area's name takes what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
            values = [numbers[action.id], measure.name, measure.baseline or NOT_RECORDED,
                      measure.target or NOT_RECORDED, *(measure.actuals.get(rv.id) or NOT_RECORDED for rv in reviews)]
            for c, value in enumerate(values):
                self.measures.setItem(r, c, QTableWidgetItem(value))
        self.measures.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.measures.setFixedHeight(self.measures.verticalHeader().length()
                                     + self.measures.horizontalHeader().height() + 4)

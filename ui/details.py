"""The details panel: everything about the selected action, with its progress, RAG and date history."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import QTextBrowser
from sendplan.ui.review_text import rating_chips
from sendplan.ui.session import PlanSession
from sendplan.ui.stale import RedrawWhenShown

from sendplan.colours import normalise, text_on
from sendplan.dates import format_date
from sendplan.model import Action
from sendplan.refs import duplicate_ref_ids, ref_problem
from sendplan.summaries import is_overdue


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class DetailsPanel(QTextBrowser):
    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        self.action_id: str | None = None
        self.setAccessibleName("Details of the selected action")
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.redraw = RedrawWhenShown(self, self.refresh)  # hidden (review mode): redraw when shown
        session.changed.connect(self.redraw.request)
        session.review_changed.connect(self.redraw.request)
        self.show_action(None)

    def show_action(self, action_id: str | None) -> None:
        self.action_id = action_id
        self.redraw.request()

    def _find(self) -> Action | None:
        return next((a for _, _, a in self.session.plan.iter_actions() if a.id == self.action_id), None)

    def refresh(self, *_args: object) -> None:
        action = self._find()
        if action is None:
            self.setHtml("<p style='color:#404040'>Select an action to see its details, progress and history.</p>")
            return
        plan = self.session.plan
        number = plan.numbers()[action.id]
        parts = [f"<h3>Action {number}</h3><p>{_e(action.text) or '<i>No text yet</i>'}</p>"]
        problem = ref_problem(action.ref) or (
            "another action under the same heading has this reference" if action.id in duplicate_ref_ids(plan) else "")
        if problem:  # in words, not only the red No cell and its tooltip (which the keyboard never shows)
            parts.append(f"<p style='color:#B00020'><b>Reference problem:</b> {_e(problem)}.</p>")
        rows = [("By Whom", action.owner), ("Intended outcomes", action.outcomes), ("KPIs", action.kpis),
                ("Evidence", "\n".join(action.evidence)), ("Notes", action.notes)]
        parts.append("<table cellpadding='3'>" + "".join(
            f"<tr><td valign='top'><b>{k}</b></td><td>{_e(v) or '—'}</td></tr>" for k, v in rows) + "</table>")
        overdue = is_overdue(plan, action, plan.current_rating(action), date.today())
        parts.append("<h4>By When" + (" <span style='color:#B00020'>— OVERDUE</span>" if overdue else "") + "</h4>")
        due = action.due
        if due.original is None:
            parts.append("<p>Not set</p>")
        else:
            items = [f"<li>Original: {due.original.display('uk')}</li>"]
            for revision in due.revisions:
                when = f" on {format_date(revision.revised_on, 'uk')}" if revision.revised_on else ""
                reason = _e(revision.reason) or "no reason recorded"
                items.append(f"<li>Revised to {revision.value.display('uk')}{when}: {reason}</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        parts.append("<h4>RAG by review</h4><p style='line-height:160%'>")
        parts.append(rating_chips(plan, action))  # chips flow onto the next line, never break inside
        parts.append("</p><h4>Progress</h4>")
        reviews = {r.id: r for r in plan.reviews}
        order = {r.id: n for n, r in enumerate(plan.reviews_by_date())}
        for update in sorted(action.progress, key=lambda u: order.get(u.review_id, len(order))):
            review = reviews.get(update.review_id)
            colour = normalise(review.colour, "404040") if review else "404040"
            label = _e(review.short_label or review.label) if review else "No review"
            parts.append(f"<p><span style='background:#{colour};color:#{text_on(colour)}'>&nbsp;{label}&nbsp;"
                         f"</span> {_e(update.text)}</p>")
        if not action.progress:
            parts.append("<p>No progress recorded yet.</p>")
        self.setHtml("".join(parts))

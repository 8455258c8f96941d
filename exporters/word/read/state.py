"""Where the walk through a Word plan is, and the plan it is building."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sendplan.exporters.office import Heading, ImportMapping, ImportReport, clip, import_review
from sendplan.exporters.word.read.reviews import Reviews

from sendplan.model import Action, Area, Objective, Plan, Review, Section


@dataclass
class ImportState:
    """The plan being built and where the walk is in it."""

    plan: Plan
    report: ImportReport
    reviews: Reviews
    area: Area | None = None
    objective: Objective | None = None
    last_action: Action | None = None
    rating_review: Review | None = None
    terms: Counter[str] = field(default_factory=Counter)  # the document's words for its areas, as used
    notes: list[tuple[str, str, Area | None]] = field(default_factory=list)  # note rows, placed at the end
    mapping: ImportMapping = field(default_factory=ImportMapping)  # how each table was read

    def new_area(self, wording: str = "", ref: str = "", title: str = "") -> Area:
        self.area = Area(wording=wording, ref=ref, title=title)
        self.plan.areas.append(self.area)
        self.objective = None
        return self.area

    def fill_or_new_area(self, wording: str, ref: str) -> Area:
        """The current area when it is still empty (its heading came just before), else a new one."""
        area = self.area
        if area is not None and not area.objectives and not area.wording:
            area.wording, area.ref = wording, area.ref or ref
            return area
        return self.new_area(wording, ref)

    def heading(self, heading: Heading, *, fill_current: bool = False) -> Area:
        """Start the area a heading names ("Priority 2: …"), counting the document's word for it."""
        self.terms[heading.term] += 1
        area = self.fill_or_new_area(heading.wording, heading.ref) if fill_current else \
            self.new_area(heading.wording, heading.ref)
        area.term = heading.term
        return area

    def current_rating_review(self) -> Review:
        """The review a plain RAG column rates at: the latest review found, else one made for the import."""
        if self.rating_review is None:
            self.rating_review = self.plan.latest_review() or self.reviews.add(import_review(self.plan.plan_date))
        return self.rating_review

    def unplaced(self, text: str, where: str, action: Action | None = None) -> None:
        target = action or self.last_action
        self.report.unplaced.append(f"from {where}: {clip(text, 120)}")
        if target is not None:
            target.notes = f"{target.notes}\nUnplaced text (from {where}): {text}".strip()
        else:
            self.plan.sections.append(Section(title="Unplaced text", body=text))

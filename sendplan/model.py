"""The plan model: plain dataclasses with stable UUIDs for everything a plan contains.

Entities (areas, actions, reviews…) are mutable containers edited only through
:mod:`sendplan.commands`; every field *value* is immutable (str, date, tuple, frozen dataclass),
so a command can remember the old value and put it back exactly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from sendplan.dates import DueValue


def new_id() -> str:
    """A fresh UUID string: the identity of every entity, stable across saves and exports."""
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------------------------
# Value types (immutable)


@dataclass(frozen=True, slots=True)
class DateRevision:
    """One change of an action's due date: the new value, why, and when the change was made."""

    value: DueValue
    reason: str = ""
    revised_on: date | None = None


@dataclass(frozen=True, slots=True)
class DueDate:
    """An action's "By When": the original value plus every revision, oldest first."""

    original: DueValue | None = None
    revisions: tuple[DateRevision, ...] = ()

    @property
    def current(self) -> DueValue | None:
        return self.revisions[-1].value if self.revisions else self.original

    @property
    def earlier(self) -> tuple[DueValue, ...]:
        """Every value that was superseded, oldest first (what reviewers want to see struck through)."""
        values = [self.original] if self.original is not None else []
        values += [rev.value for rev in self.revisions]
        return tuple(values[:-1])

    def revised(self, value: DueValue, reason: str, revised_on: date | None) -> DueDate:
        if self.original is None:
            return replace(self, original=value)
        return replace(self, revisions=self.revisions + (DateRevision(value, reason, revised_on),))


# ---------------------------------------------------------------------------------------------
# Entities (each has an ``id``)


@dataclass(slots=True)
class Signatory:
    id: str = field(default_factory=new_id)
    name: str = ""
    role: str = ""
    organisation: str = ""


@dataclass(slots=True)
class Section:
    """A narrative section of the front matter (vision, introduction, governance…)."""

    id: str = field(default_factory=new_id)
    title: str = ""
    body: str = ""


@dataclass(slots=True)
class RagLevel:
    """One step of the plan's RAG scale. ``complete`` marks ratings that end overdue-ness."""

    id: str = field(default_factory=new_id)
    key: str = ""
    name: str = ""
    colour: str = "#FFFFFF"
    descriptor: str = ""
    complete: bool = False


@dataclass(slots=True)
class Review:
    """A dated review point; its colour is the "progress section code" in the Word table."""

    id: str = field(default_factory=new_id)
    label: str = ""
    short_label: str = ""
    day: date | None = None
    colour: str = "#1F4E79"
    period: str = ""
    note: str = ""  # what the plan says of it besides the date ("further updated 23rd April…")


@dataclass(slots=True)
class ProgressUpdate:
    id: str = field(default_factory=new_id)
    text: str = ""
    review_id: str = ""
    added: date | None = None


@dataclass(slots=True)
class Measure:
    """A structured KPI: name, baseline, target and the actual value recorded at each review."""

    id: str = field(default_factory=new_id)
    name: str = ""
    baseline: str = ""
    target: str = ""
    actuals: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Action:
    id: str = field(default_factory=new_id)
    text: str = ""
    owner: str = ""
    due: DueDate = field(default_factory=DueDate)
    outcomes: str = ""
    kpis: str = ""
    evidence: tuple[str, ...] = ()
    notes: str = ""
    workstream_id: str = ""
    ratings: dict[str, str] = field(default_factory=dict)  # review id → RAG key
    extra: dict[str, str] = field(default_factory=dict)  # imported columns we have no field for
    measures: list[Measure] = field(default_factory=list)
    progress: list[ProgressUpdate] = field(default_factory=list)
    ref: str = ""  # the full reference people quote ("1.2 (b)", "1b"): stored, never recomputed


@dataclass(slots=True)
class Objective:
    id: str = field(default_factory=new_id)
    text: str = ""
    actions: list[Action] = field(default_factory=list)
    ref: str = ""  # "1.2" (empty in the 1 / 1a style, where objectives are unnumbered)


@dataclass(slots=True)
class Area:
    """An area for improvement from the inspection, with its objectives."""

    id: str = field(default_factory=new_id)
    title: str = ""
    wording: str = ""
    objectives: list[Objective] = field(default_factory=list)
    ref: str = ""  # "1", "4", "P2": the number the area is quoted by
    responsible_body: str = ""  # who the inspection addressed the area to ("… Council and NHS … ICB")
    extra: dict[str, str] = field(default_factory=dict)  # imported details we have no field for ("Lead": …)
    term: str = ""  # this area's own word when it is not the plan's ("Area for priority action"); "": the plan's


@dataclass(slots=True)
class Workstream:
    id: str = field(default_factory=new_id)
    name: str = ""
    lead: str = ""
    description: str = ""


@dataclass(slots=True)
class Member:
    id: str = field(default_factory=new_id)
    name: str = ""
    organisation: str = ""
    role: str = ""
    workstream_id: str = ""


@dataclass(slots=True)
class GlossaryEntry:
    id: str = field(default_factory=new_id)
    term: str = ""
    meaning: str = ""


@dataclass(slots=True)
class Plan:
    id: str = field(default_factory=new_id)
    title: str = ""
    local_area: str = ""
    partners: tuple[str, ...] = ()
    plan_date: date | None = None
    version: str = "v0.1"
    status: str = "Draft"
    protective_marking: str = ""
    numbering: str = "1.1 (a)"  # the style new references follow: see sendplan.refs.STYLES
    area_term: str = ""  # the plan's own word for an area ("Priority", "Recommendation"); "" = AREA_TERM
    require_date_reason: bool = True  # a revised By When needs a reason (else the reason is optional)
    signatories: list[Signatory] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    rag_scale: list[RagLevel] = field(default_factory=list)
    workstreams: list[Workstream] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)

    @property
    def edition(self) -> str:
        """Status and version as documents print them: "Draft v0.3", "FINAL v1.0", or "v1.3" for an imported
        plan whose document gave no status."""
        return " ".join(part for part in (self.status.strip(), self.version.strip()) if part)

    def objective_count(self) -> int:
        """The objectives an officer would count: those with a number or wording of their own (one with
        neither only holds an area's actions, as in an Accelerated Progress Plan)."""
        return sum(1 for area in self.areas for o in area.objectives if o.ref.strip() or o.text.strip())

    # -- navigation ---------------------------------------------------------------------------

    def iter_actions(self) -> Iterator[tuple[Area, Objective, Action]]:
        for area in self.areas:
            for objective in area.objectives:
                for action in objective.actions:
                    yield area, objective, action

    def reviews_by_date(self) -> list[Review]:
        """Reviews in date order (undated ones last, in stored order)."""
        dated = [r for r in self.reviews if r.day is not None]
        undated = [r for r in self.reviews if r.day is None]
        return sorted(dated, key=lambda r: r.day) + undated  # type: ignore[arg-type, return-value]

    def latest_review(self) -> Review | None:
        ordered = self.reviews_by_date()
        return ordered[-1] if ordered else None

    def rag_level(self, key: str) -> RagLevel | None:
        return next((level for level in self.rag_scale if level.key == key), None)

    def review(self, review_id: str) -> Review | None:
        return next((r for r in self.reviews if r.id == review_id), None)

    def current_rating(self, action: Action) -> str:
        """The action's RAG key at the latest review that rated it ("" when never rated)."""
        for review in reversed(self.reviews_by_date()):
            key = action.ratings.get(review.id)
            if key:
                return key
        return ""

    def rating_at(self, action: Action, review: Review | None) -> str:
        """The action's rating as it stood at ``review``: the latest rating at or before it."""
        if review is None:
            return ""
        ordered = self.reviews_by_date()
        position = next((n for n, known in enumerate(ordered) if known.id == review.id), None)
        if position is None:
            return ""
        for earlier in reversed(ordered[: position + 1]):
            key = action.ratings.get(earlier.id)
            if key:
                return key
        return ""

    # -- numbering ----------------------------------------------------------------------------

    def numbers(self) -> dict[str, str]:
        """The stored reference of every area, objective and action, by id."""
        result: dict[str, str] = {}
        for area in self.areas:
            result[area.id] = area.ref
            for objective in area.objectives:
                result[objective.id] = objective.ref
                for action in objective.actions:
                    result[action.id] = action.ref
        return result


# The plan's tree, described once: each parent class → its child collections and their item class.
# The codec, the commands and entity iteration all derive from this.
CHILDREN: dict[type, dict[str, type]] = {
    Plan: {"signatories": Signatory, "sections": Section, "areas": Area, "reviews": Review,
           "rag_scale": RagLevel, "workstreams": Workstream, "members": Member,
           "glossary": GlossaryEntry},
    Area: {"objectives": Objective},
    Objective: {"actions": Action},
    Action: {"progress": ProgressUpdate, "measures": Measure},
}


def iter_children(entity: object) -> Iterator[object]:
    """Every descendant of ``entity`` (the plan or any entity), parents before their children."""
    for attribute in CHILDREN.get(type(entity), {}):
        for item in getattr(entity, attribute):
            yield item
            yield from iter_children(item)


def letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: the letter that tells actions of one objective apart."""
    text = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        text = chr(ord("a") + remainder) + text
    return text


# Dark, distinct colours that read at 4.5:1 on white, for a review's progress text, with the names people
# use: offered for a new review in the app, and given in turn to imported reviews that have none.
REVIEW_COLOURS: tuple[tuple[str, str], ...] = (
    ("#1F4E79", "Navy"), ("#7030A0", "Purple"), ("#375623", "Forest green"), ("#833C0B", "Brown"),
    ("#006666", "Teal"), ("#C00060", "Magenta"), ("#3F3F9F", "Indigo"), ("#7F6000", "Olive"),
    ("#005A9E", "Blue"), ("#8B0000", "Dark red"))


def default_rag_scale() -> list[RagLevel]:
    """Red/Amber/Green with plain descriptors; Blue and Not started are added by the user when wanted."""
    return [
        RagLevel(key="red", name="Red", colour="#C00000",
                 descriptor="Off track: significant risk to delivery; action not started or stalled."),
        RagLevel(key="amber", name="Amber", colour="#FFC000",
                 descriptor="Some risk: progress made but behind plan or evidence of impact not yet shown."),
        RagLevel(key="green", name="Green", colour="#00B050", complete=True,
                 descriptor="On track or complete, with evidence of impact."),
    ]


def optional_rag_levels() -> list[RagLevel]:
    """Levels a plan can add to the default scale: Blue (complete) and Not started."""
    return [
        RagLevel(key="blue", name="Blue", colour="#0070C0", complete=True,
                 descriptor="Complete and embedded in everyday practice."),
        RagLevel(key="not_started", name="Not started", colour="#D9D9D9",
                 descriptor="Not yet due to start."),
    ]


AREA_TERM = "Area for improvement"


def area_term(plan: Plan) -> str:
    """What the plan calls an area: its own word ("Priority", "Area of weakness"…) or "Area for improvement"."""
    return plan.area_term.strip() or AREA_TERM


def term_of(plan: Plan, area: Area) -> str:
    """What this area is called: its own word ("Area for priority action") or the plan's."""
    return area.term.strip() or area_term(plan)


def area_term_plural(plan: Plan) -> str:
    """"Areas for improvement", "Priorities", "Recommendations", "Areas of weakness"."""
    return term_plural(area_term(plan))


def term_plural(term: str) -> str:
    """A term for one area made plural: "Area for priority action" → "Areas for priority action"."""
    head, _, rest = term.partition(" ")
    if head.lower() == "area":
        return f"{head}s {rest}".strip()
    if term.endswith("y") and not term.endswith(("ay", "ey", "oy")):
        return term[:-1] + "ies"
    return term if term.endswith("s") else term + "s"


def new_plan(title: str = "Untitled plan") -> Plan:
    """An empty plan with the default RAG scale."""
    return Plan(title=title, rag_scale=default_rag_scale())

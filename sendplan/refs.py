"""References ("4", "4.2", "4.2 (a)", "1b"): the numbering styles, the next free reference, checks
for duplicate or unusable references, and what renumbering would change.

References are stored data on areas, objectives and actions (the numbers reviewers and board minutes
quote for years). Nothing here changes a plan: :class:`sendplan.commands.Renumber` applies
:func:`renumber_changes`, and :class:`sendplan.commands.AddItem` uses :func:`next_ref`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sendplan.model import Action, Area, Objective, Plan, letters

PAREN = "1.1 (a)"
LETTER = "1.1a"
AREA_LETTER = "1a"
FREE = "free"
STYLES: dict[str, str] = {
    PAREN: "1 / 1.1 / 1.1 (a)",
    LETTER: "1 / 1.1 / 1.1a",
    AREA_LETTER: "1 / 1a (actions lettered within each area; objectives unnumbered)",
    FREE: "Free (whatever you type; new items follow the one before)",
}
MAX_REF_LENGTH = 24

Numbered = Area | Objective | Action


@dataclass(frozen=True)
class RefChange:
    """One reference renumbering would change."""

    id: str
    kind: str  # "area", "objective" or "action"
    old: str
    new: str

    def describe(self) -> str:
        return f"{self.old or '(none)'} → {self.new or '(none)'}"


def _letter_index(text: str) -> int:
    """"a" → 0, "z" → 25, "aa" → 26 (the inverse of :func:`sendplan.model.letters`)."""
    index = 0
    for char in text:
        index = index * 26 + ord(char) - ord("a") + 1
    return index - 1


def _bump(ref: str) -> str:
    """The reference after ``ref`` in a free style: "4.2" → "4.3", "1b" → "1c", "P3" → "P4"."""
    match = re.fullmatch(r"(.*?)(\d+)(\)?)", ref)
    if match:
        return f"{match[1]}{int(match[2]) + 1}{match[3]}"
    match = re.fullmatch(r"(.*?)([a-z]+)(\)?)", ref)
    if match:
        return f"{match[1]}{letters(_letter_index(match[2]) + 1)}{match[3]}"
    return ""


def style_of(plan: Plan) -> str:
    return plan.numbering if plan.numbering in STYLES else PAREN


def area_of(plan: Plan, objective: Objective) -> Area | None:
    """The area holding this very objective (by identity: two objectives may hold the same values)."""
    return next((area for area in plan.areas if any(o is objective for o in area.objectives)), None)


def _action_ref(style: str, area_ref: str, objective_ref: str, index: int) -> str:
    if style == AREA_LETTER:
        return f"{area_ref}{letters(index)}"
    if style == LETTER:
        return f"{objective_ref}{letters(index)}"
    return f"{objective_ref} ({letters(index)})"


def _pattern(style: str, parent_ref: str, kind: str) -> re.Pattern[str]:
    """Matches the references of ``kind`` under a parent in ``style``; group 1 is the counter."""
    prefix = re.escape(parent_ref)
    if kind == "area":
        return re.compile(r"(\d+)")
    if kind == "objective":
        return re.compile(prefix + r"\.(\d+)")
    if style == PAREN:
        return re.compile(prefix + r" \(([a-z]+)\)")
    return re.compile(prefix + r"([a-z]+)")


def siblings_scope(plan: Plan, parent: Plan | Area | Objective) -> list[Numbered]:
    """The items whose references must differ from a new child of ``parent``: its children, or in
    the 1 / 1a style (actions lettered within the area) every action of the objective's area."""
    if isinstance(parent, Plan):
        return list(parent.areas)
    if isinstance(parent, Area):
        return list(parent.objectives)
    area = area_of(plan, parent)
    if style_of(plan) == AREA_LETTER and area is not None:
        return [action for objective in area.objectives for action in objective.actions]
    return list(parent.actions)


class _Counter:
    """The next free reference under one parent, kept up to date as references are given out (so numbering
    a parent's many children costs one look at its siblings, not one per child)."""

    def __init__(self, plan: Plan, parent: Plan | Area | Objective, area: Area | None = None) -> None:
        self.style = style = style_of(plan)
        self.parent = parent
        if isinstance(parent, Objective):
            area = area or area_of(plan, parent)
            scope = [a for o in area.objectives for a in o.actions] if style == AREA_LETTER and area else parent.actions
        else:
            scope = siblings_scope(plan, parent)
        siblings = [item.ref for item in scope if item.ref]
        self.last = siblings[-1] if siblings else ""
        self.kind, self.parent_ref = "", ""
        if style == FREE:
            return
        if isinstance(parent, Plan):
            self.kind = "area"
        elif isinstance(parent, Area):
            self.kind, self.parent_ref = ("", "") if style == AREA_LETTER else ("objective", parent.ref)
        else:
            self.kind = "action"
            self.parent_ref = area.ref if style == AREA_LETTER and area is not None else parent.ref
        self.count = 0
        if self.kind and siblings:
            pattern = _pattern(style, self.parent_ref, self.kind)
            used = [pattern.fullmatch(ref) for ref in siblings]
            self.count = max((int(m[1]) if m[1].isdigit() else _letter_index(m[1]) + 1 for m in used if m),
                             default=0)

    def next(self) -> str:
        """The next free reference; taking it moves the counter on."""
        if self.style == FREE:
            value = _bump(self.last) if self.last else ("1" if isinstance(self.parent, Plan) else "")
            self.last = value or self.last
            return value
        if not self.kind:
            return ""  # objectives in the 1 / 1a style are unnumbered
        self.count += 1
        if self.kind == "area":
            return str(self.count)
        if self.kind == "objective":
            return f"{self.parent_ref}.{self.count}"
        return _action_ref(self.style, self.parent_ref, self.parent_ref, self.count - 1)


def next_ref(plan: Plan, parent: Plan | Area | Objective) -> str:
    """The next free reference for a new child of ``parent`` in the plan's style ("" when the style
    numbers no such item, e.g. objectives in the 1 / 1a style)."""
    return _Counter(plan, parent).next()


class _Scope:
    """The references of one set of siblings, kept up to date while new ones are handed out, so
    that :func:`assign_missing_refs` gives each item what :func:`next_ref` would give it then,
    without reading every sibling again for each item. ``kind`` is "area", "objective", "action" or
    "" (a style that numbers no such item)."""

    def __init__(self, style: str, kind: str, parent_ref: str, items: list[Numbered]) -> None:
        self.style, self.kind, self.parent_ref, self.items = style, kind, parent_ref, items
        self.first = "1" if kind == "area" else ""
        self.top = 0  # the highest counter in use (numbered styles)
        self.pattern = _pattern(style, parent_ref, kind) if style != FREE and kind else None
        self.last_ref, self.last_at = "", -1  # free style: the last reference in sibling order, and where
        for at, item in enumerate(items):
            if item.ref:
                self._count(item.ref)
                self.last_ref, self.last_at = item.ref, at

    def _count(self, ref: str) -> None:
        match = self.pattern.fullmatch(ref) if self.pattern is not None else None
        if match:
            self.top = max(self.top, int(match[1]) if match[1].isdigit() else _letter_index(match[1]) + 1)

    def give(self, at: int) -> str:
        """The reference for the item at ``at`` (which has none), recorded as in use."""
        if self.style == FREE:
            ref = _bump(self.last_ref) if self.last_ref else self.first
            if ref and at > self.last_at:
                self.last_ref, self.last_at = ref, at
            return ref
        following = self.top + 1
        if self.kind == "area":
            ref = str(following)
        elif self.kind == "objective":
            ref = f"{self.parent_ref}.{following}"
        elif self.kind == "action":
            ref = _action_ref(self.style, self.parent_ref, self.parent_ref, following - 1)
        else:
            return ""
        self._count(ref)
        return ref

    def fill(self) -> None:
        for at, item in enumerate(self.items):
            if not item.ref:
                item.ref = self.give(at)


def assign_missing_refs(plan: Plan) -> None:
    """Give every area, objective and action whose reference is empty the next free one, in plan
    order (importers call this after storing the references the source document had)."""
    counters: dict[int, _Counter] = {}

    def counter(parent: Plan | Area | Objective, key: object, area: Area | None = None) -> _Counter:
        if id(key) not in counters:
            counters[id(key)] = _Counter(plan, parent, area)
        return counters[id(key)]

    lettered_by_area = style_of(plan) == AREA_LETTER
    for area in plan.areas:
        if not area.ref:
            area.ref = counter(plan, plan).next()
        for objective in area.objectives:
            if not objective.ref:
                objective.ref = counter(area, area).next()
            for action in objective.actions:
                if not action.ref:  # in the 1 / 1a style an area's actions are lettered across its objectives
                    action.ref = counter(objective, area.objectives if lettered_by_area else objective, area).next()


def positional_refs(plan: Plan, area_id: str | None = None, style: str | None = None) -> dict[str, str]:
    """The references that numbering by position gives (for the whole plan, or one area keeping its
    own reference)."""
    style = style or style_of(plan)
    if style == FREE:
        style = PAREN
    result: dict[str, str] = {}
    for a_index, area in enumerate(plan.areas, start=1):
        if area_id is not None and area.id != area_id:
            continue
        area_ref = area.ref if area_id is not None and area.ref else str(a_index)
        result[area.id] = area_ref
        letter = 0
        for o_index, objective in enumerate(area.objectives, start=1):
            objective_ref = "" if style == AREA_LETTER else f"{area_ref}.{o_index}"
            result[objective.id] = objective_ref
            for c_index, action in enumerate(objective.actions):
                index = letter if style == AREA_LETTER else c_index
                result[action.id] = _action_ref(style, area_ref, objective_ref, index)
                letter += 1
    return result


def _numbered(plan: Plan) -> Iterator[tuple[str, Numbered]]:
    for area in plan.areas:
        yield "area", area
        for objective in area.objectives:
            yield "objective", objective
            for action in objective.actions:
                yield "action", action


def renumber_changes(plan: Plan, area_id: str | None = None, style: str | None = None) -> list[RefChange]:
    """What renumbering by position would change, in plan order (nothing is changed here)."""
    wanted = positional_refs(plan, area_id, style)
    return [RefChange(item.id, kind, item.ref, wanted[item.id]) for kind, item in _numbered(plan)
            if item.id in wanted and wanted[item.id] != item.ref]


def ref_problem(ref: str) -> str:
    """Why a reference cannot be used as typed ("" when it is fine)."""
    if not ref.strip():
        return "it is empty"
    if "\n" in ref or "\t" in ref:
        return "it has a line break or tab in it"
    if len(ref) > MAX_REF_LENGTH:
        return f"it is longer than {MAX_REF_LENGTH} characters"
    return ""


def _scopes(plan: Plan) -> Iterator[list[Numbered]]:
    yield list(plan.areas)
    for area in plan.areas:
        yield list(area.objectives)
        if style_of(plan) == AREA_LETTER:
            yield [action for objective in area.objectives for action in objective.actions]
        else:
            for objective in area.objectives:
                yield list(objective.actions)


def duplicate_ref_ids(plan: Plan) -> set[str]:
    """Ids of items sharing a non-empty reference with a sibling (the app shows them in red)."""
    found: set[str] = set()
    for scope in _scopes(plan):
        seen: dict[str, str] = {}
        for item in scope:
            key = item.ref.strip().casefold()
            if not key:
                continue
            if key in seen:
                found.update({seen[key], item.id})
            else:
                seen[key] = item.id
    return found


def ref_problems(plan: Plan) -> list[str]:
    """Plain-words problems with references, for ``sendplan check``: duplicates inside one parent and
    references that are empty or unusable (reported, never refused)."""
    problems: list[str] = []
    duplicates = duplicate_ref_ids(plan)
    reported: set[str] = set()
    for kind, item in _numbered(plan):
        if kind == "objective" and not item.ref and (style_of(plan) == AREA_LETTER or not item.text.strip()):
            continue  # unnumbered in the 1 / 1a style, or an unnamed group an import made to hold actions
        name = f"{kind.capitalize()} “{_short(item)}”"
        if item.id in duplicates and item.ref.casefold() not in reported:
            reported.add(item.ref.casefold())
            problems.append(f"The reference {item.ref} is used more than once among the {kind}s of "
                            "one parent; renumber or edit one of them.")
        problem = ref_problem(item.ref)
        if problem:
            problems.append(f"{name} has an unusable reference: {problem}.")
    return problems


def _short(item: Numbered) -> str:
    text = " ".join((item.title if isinstance(item, Area) else item.text).split())
    text = text or item.ref or "untitled"
    return text if len(text) <= 40 else text[:39] + "…"

"""Build the bundled sample plan from :mod:`sample_content`, deterministically (same ids every time).

``python -m sendplan.resources.sample_builder`` rewrites ``resources/sample/*.sendplan``; a test
checks the shipped file matches what this module builds.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from sendplan.resources import sample_content as content

from sendplan.dates import parse_due
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    GlossaryEntry,
    Measure,
    Member,
    Objective,
    Plan,
    ProgressUpdate,
    Review,
    Section,
    Signatory,
    Workstream,
    default_rag_scale,
    optional_rag_levels,
)
from sendplan.refs import assign_missing_refs

_NAMESPACE = uuid.UUID("5e9d1a52-8c3b-4f0e-9a57-1c2b3d4e5f60")
_LADDER = ("red", "amber", "green", "blue")

# Progress wording by review stage (0–4) and how the action is going (behind / steady / good).
_STAGES = (
    {"behind": "Work on {topic} has not yet started because the lead post was vacant until "
               "November; a start date in January has been agreed.",
     "steady": "Work on {topic} has started. The lead has agreed the scope and a timeline with "
               "partners and reported it to the board.",
     "good": "Planning for {topic} is complete and the first tasks are done ahead of schedule."},
    {"behind": "{Topic} is behind plan. Staff absence in February slowed progress and the board "
               "has asked for a recovery plan.",
     "steady": "{Topic} is under way. A draft was shared with the Parent Carer Forum, whose "
               "comments are being worked through.",
     "good": "{Topic} is in place for most teams. Early feedback from families is positive."},
    {"behind": "The board challenged the pace of {topic}. A recovery plan with fortnightly "
               "checks is now in place, led by the workstream lead.",
     "steady": "Progress on {topic} has been steady. The board asked for evidence of impact at "
               "the next review.",
     "good": "{Topic} is complete. Data for the spring term shows improvement against the "
             "baseline."},
    {"behind": "{Topic} remains behind. Capacity has been added and the revised date is "
               "realistic; the risk is on the joint risk register.",
     "steady": "{Topic} is mostly delivered. Summer term figures are moving towards the target, "
               "though not yet consistently.",
     "good": "{Topic} is embedded in everyday practice. Families at the September forum event "
             "described the difference it has made."},
    {"behind": "Some progress on {topic} since September, but the target will not be reached by "
               "the due date. The lead will bring options to the December board.",
     "steady": "{Topic} continues. The latest figures show two months at or near the target; "
               "the board will consider a Green rating in the new year.",
     "good": "Evidence of impact from {topic} was presented to DfE and NHS England advisers, "
             "who agreed it can be rated complete."},
)

_MEASURES = {  # (area, objective, action) → (name, baseline, target, actual at each review)
    (1, 0, 0): ("EHC plans issued within 20 weeks", "45%", "80%", ("47%", "55%", "61%", "70%", "76%")),
    (1, 0, 2): ("Health advice returned within 6 weeks", "52%", "90%", ("58%", "71%", "82%", "88%", "91%")),
    (3, 1, 1): ("Median wait for autism assessment (weeks)", "98", "52", ("98", "96", "88", "74", "65")),
    (2, 3, 0): ("Parents satisfied with support", "38%", "60%", ("38%", "", "46%", "", "53%")),
}

_EVIDENCE = {
    (0, 0, 0): ("Board terms of reference v2 (October 2025)", "Board minutes, 12.11.25"),
    (1, 1, 0): ("QA framework v1.1", "Monthly audit reports"),
    (2, 1, 0): ("Accessibility audit report, May 2026",),
}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(map(str, parts))))


def _trajectory(rng: random.Random, reviews: int) -> list[str]:
    step = rng.choice((0, 1, 1))
    ratings = []
    for _ in range(reviews):
        ratings.append(_LADDER[step])
        roll = rng.random()
        if roll < 0.6 and step < 2:
            step += 1
        elif roll < 0.64 and 0 < step < 3:
            step -= 1
        elif step == 2 and roll > 0.7:
            step = 3
    return ratings


def build_sample_plan() -> Plan:
    """The fictional Northbridge plan: 4 areas, 19 objectives, 60 actions, 5 reviews."""
    rng = random.Random(2025)
    plan = Plan(id=_id("plan"), title=content.TITLE, local_area=content.LOCAL_AREA,
                partners=content.PARTNERS, plan_date=date(2025, 9, 30), version="v1.4",
                status="Final")
    plan.signatories = [Signatory(_id("signatory", i), *row) for i, row in enumerate(content.SIGNATORIES)]
    plan.sections = [Section(_id("section", i), t, b) for i, (t, b) in enumerate(content.SECTIONS)]
    plan.rag_scale = default_rag_scale() + optional_rag_levels()[:1]
    for level in plan.rag_scale:
        level.id = _id("rag", level.key)
    plan.reviews = [
        Review(_id("review", i), label, short, date.fromisoformat(day), colour, period)
        for i, (label, short, day, colour, period) in enumerate(content.REVIEWS)
    ]
    plan.workstreams = [Workstream(_id("workstream", i), *row) for i, row in enumerate(content.WORKSTREAMS)]
    plan.members = [
        Member(_id("member", i), name, organisation, role,
               plan.workstreams[ws].id if ws >= 0 else "")
        for i, (name, organisation, role, ws) in enumerate(content.MEMBERS)
    ]
    plan.glossary = [GlossaryEntry(_id("term", i), t, m) for i, (t, m) in enumerate(content.GLOSSARY)]
    for a, (title, wording, objectives) in enumerate(content.AREAS):
        area = Area(_id("area", a), title, wording)
        plan.areas.append(area)
        for o, (objective_text, actions) in enumerate(objectives):
            objective = Objective(_id("objective", a, o), objective_text)
            area.objectives.append(objective)
            for c, (text, owner, due, outcomes, kpis, topic) in enumerate(actions):
                objective.actions.append(_build_action(plan, rng, (a, o, c), text, owner, due,
                                                       outcomes, kpis, topic, workstream=a))
    assign_missing_refs(plan)
    return plan


def _build_action(plan: Plan, rng: random.Random, key: tuple[int, int, int], text: str,
                  owner: str, due: str, outcomes: str, kpis: str, topic: str,
                  workstream: int) -> Action:
    revisions = tuple(
        DateRevision(parse_due(value), reason, plan.reviews[min(n + 1, 4)].day)
        for n, (value, reason) in enumerate(content.REVISIONS.get(key, ()))
    )
    action = Action(_id("action", *key), text, owner, DueDate(parse_due(due), revisions),
                    outcomes, kpis, evidence=_EVIDENCE.get(key, ()),
                    workstream_id=plan.workstreams[workstream].id)
    ratings = _trajectory(rng, len(plan.reviews))
    skip_latest = rng.random() < 0.13
    for r, (review, rating) in enumerate(zip(plan.reviews, ratings, strict=True)):
        action.ratings[review.id] = rating
        if r == len(plan.reviews) - 1 and skip_latest:
            continue
        mood = {"red": "behind", "amber": "steady"}.get(rating, "good")
        wording = _STAGES[r][mood].replace("{Topic}", topic[:1].upper() + topic[1:])
        assert review.day is not None
        action.progress.append(ProgressUpdate(
            _id("progress", *key, r), wording.replace("{topic}", topic), review.id,
            review.day - timedelta(days=rng.randint(3, 10))))
    if key in _MEASURES:
        name, baseline, target, actuals = _MEASURES[key]
        action.measures.append(Measure(
            _id("measure", *key), name, baseline, target,
            {review.id: value for review, value in zip(plan.reviews, actuals, strict=True) if value}))
    return action


def write_sample(path: Path) -> None:
    """Write the sample plan file (used to refresh the packaged copy)."""
    from sendplan.storage import save_new_plan

    save_new_plan(path, build_sample_plan())


if __name__ == "__main__":
    from sendplan.resources import SAMPLE_PLAN_NAME

    write_sample(Path(__file__).with_name("sample") / SAMPLE_PLAN_NAME)

"""Write a realistic synthetic plan of a given scale, reproducibly from a seed.

1× is the size of a real 2017 WSoA (4 areas, ~19 objectives, ~60 actions, ~300 progress updates
over 5 reviews, ~20 glossary terms, ~30 members); 10× has ten times the areas, objectives,
actions and updates. Text lengths follow real plans: actions 1–3 sentences, updates 1–6.

    python benchmarks/generate_plan.py --scale 10 --seed 1 -o plan10x.sendplan
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from sendplan.dates import DueValue
from sendplan.model import (
    Action,
    Area,
    DateRevision,
    DueDate,
    GlossaryEntry,
    Member,
    Objective,
    Plan,
    ProgressUpdate,
    Review,
    Section,
    Workstream,
    default_rag_scale,
)
from sendplan.refs import assign_missing_refs
from sendplan.storage import save_new_plan

VERBS = ["review", "develop", "agree", "publish", "embed", "monitor", "commission", "train",
         "co-produce", "audit", "strengthen", "improve", "establish", "extend", "evaluate"]
NOUNS = ["the EHC needs assessment process", "the Local Offer", "joint commissioning",
         "health advice", "annual reviews", "the SEND dataset", "transition planning",
         "the neurodevelopmental pathway", "speech and language therapy", "parent engagement",
         "quality assurance", "the inclusion fund", "preparation for adulthood",
         "the workforce development programme", "school outreach", "short breaks"]
FILLERS = ["with partners across education, health and care", "so that families see a difference",
           "in line with the SEND Code of Practice", "with the Parent Carer Forum",
           "across every locality", "with clear milestones", "and report progress to the board",
           "using the agreed quality framework", "within existing resources",
           "for children and young people aged 0 to 25"]
OWNERS = ["Head of SEND Services", "Designated Clinical Officer", "Participation Manager",
          "Head of Inclusion", "Head of Children's Commissioning", "Principal Educational "
          "Psychologist", "Local Offer Officer", "Head of Performance and Intelligence",
          "CAMHS Service Manager", "Head of Children's Therapies"]
COLOURS = ["#1F4E79", "#7030A0", "#375623", "#833C0B", "#006666", "#C55A11", "#2F5597"]


def _sentence(rng: random.Random) -> str:
    words = f"{rng.choice(VERBS)} {rng.choice(NOUNS)} {rng.choice(FILLERS)}"
    if rng.random() < 0.5:
        words += f" and {rng.choice(VERBS)} {rng.choice(NOUNS)}"
    return words[0].upper() + words[1:] + "."


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(low, high)))


def generate(scale: int, seed: int) -> Plan:
    """A synthetic plan at ``scale`` × the size of a real WSoA."""
    rng = random.Random(seed)
    plan = Plan(title=f"Synthetic plan ({scale}x, seed {seed})", local_area="Synthetic Local Area",
                partners=("Synthetic Council", "Synthetic ICB"), plan_date=date(2017, 9, 30),
                version="v1.0", status="Final", rag_scale=default_rag_scale())
    plan.sections = [Section(title=f"Section {n + 1}", body=_text(rng, 3, 8)) for n in range(5)]
    start = date(2017, 12, 15)
    plan.reviews = [Review(label=f"Review {n + 1}", short_label=f"R{n + 1}",
                           day=start + timedelta(days=91 * n), colour=COLOURS[n % len(COLOURS)],
                           period="2017/2018" if n < 3 else "2018/2019") for n in range(5)]
    plan.workstreams = [Workstream(name=f"Workstream {n + 1}", lead=rng.choice(OWNERS)) for n in range(4)]
    plan.members = [Member(name=f"Member {n + 1}", organisation=rng.choice(["Council", "ICB", "Forum"]),
                           role=rng.choice(OWNERS)) for n in range(30)]
    plan.glossary = [GlossaryEntry(term=f"T{n + 1}", meaning=_text(rng, 1, 1)) for n in range(20)]
    keys = [level.key for level in plan.rag_scale]
    objectives_left, actions_left = 19 * scale, 60 * scale
    areas = 4 * scale
    for a in range(areas):
        area = Area(title=f"Area {a + 1}", wording=_text(rng, 1, 3))
        plan.areas.append(area)
        n_objectives = objectives_left // (areas - a)
        objectives_left -= n_objectives
        for o in range(n_objectives):
            objective = Objective(text=_text(rng, 1, 2))
            area.objectives.append(objective)
            remaining_objectives = objectives_left + n_objectives - o
            n_actions = actions_left // remaining_objectives
            actions_left -= n_actions
            for _ in range(n_actions):
                objective.actions.append(_action(rng, plan, keys))
    assign_missing_refs(plan)
    return plan


def _action(rng: random.Random, plan: Plan, keys: list[str]) -> Action:
    due = DueValue(day=date(2018, 1, 31) + timedelta(days=rng.randint(0, 700)))
    revisions: tuple[DateRevision, ...] = ()
    if rng.random() < 0.15:
        assert due.day is not None
        revisions = (DateRevision(DueValue(day=due.day + timedelta(days=90)), _sentence(rng),
                                  plan.reviews[2].day),)
    action = Action(text=_text(rng, 1, 3), owner=rng.choice(OWNERS), due=DueDate(due, revisions),
                    outcomes=_text(rng, 1, 2), kpis=_text(rng, 1, 2))
    step = rng.randint(0, 1)
    for review in plan.reviews:
        action.ratings[review.id] = keys[step]
        step = min(2, step + (rng.random() < 0.4))
        if rng.random() < 0.97:
            assert review.day is not None
            action.progress.append(ProgressUpdate(text=_text(rng, 1, 6), review_id=review.id,
                                                  added=review.day - timedelta(days=7)))
    return action


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    plan = generate(args.scale, args.seed)
    save_new_plan(args.output, plan)
    actions = sum(1 for _ in plan.iter_actions())
    updates = sum(len(a.progress) for _, _, a in plan.iter_actions())
    print(f"Wrote {args.output}: {len(plan.areas)} areas, {actions} actions, {updates} updates, "
          f"{args.output.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

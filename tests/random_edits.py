"""Random edits for the tests that check change records and the app's models against the plan."""

from __future__ import annotations

import random

from sendplan.commands import AddItem, Command, CommandGroup, DeleteItem, MoveItem, SetField
from sendplan.model import Action, Objective, Plan


def random_command(plan: Plan, rng: random.Random) -> Command:
    objectives = [o for a in plan.areas for o in a.objectives]
    actions = [a for o in objectives for a in o.actions]
    choice = rng.randrange(6)
    if choice == 0 or not actions:
        objective = rng.choice(objectives)
        return AddItem(plan, objective.id, "actions", Action(text="new"), rng.randint(0, len(objective.actions)))
    if choice == 1:
        return DeleteItem(plan, rng.choice(actions).id)
    if choice == 2:
        target = rng.choice(objectives)
        return MoveItem(plan, rng.choice(actions).id, rng.randint(0, len(target.actions)), new_parent_id=target.id)
    if choice == 3:
        area = rng.choice(plan.areas)
        return CommandGroup("two", [AddItem(plan, area.id, "objectives", Objective(text="o", actions=[Action()])),
                                    SetField(plan, rng.choice(actions).id, "owner", "Someone")])
    if choice == 4:
        return MoveItem(plan, rng.choice(plan.areas).id, rng.randrange(len(plan.areas)))
    return DeleteItem(plan, rng.choice(objectives).id)

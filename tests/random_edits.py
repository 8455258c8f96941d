"""Random edits for the tests that check change records and the app's models against the plan."""

from __future__ import annotations

import random
from collections.abc import Callable

from sendplan.commands import AddItem, Command, CommandGroup, DeleteItem, MoveItem, SetField
from sendplan.model import Action, Area, Objective, Plan


def built_in_turn(plan: Plan, label: str, steps: list[Callable[[Plan], Command]]) -> CommandGroup:
    """A group whose commands are each built against the plan as the ones before it left it."""
    done: list[Command] = []
    try:
        for step in steps:
            command = step(plan)
            command.apply(plan)
            done.append(command)
    finally:
        for command in reversed(done):
            command.revert(plan)
    return CommandGroup(label, done)


def random_command(plan: Plan, rng: random.Random) -> Command:
    objectives = [o for a in plan.areas for o in a.objectives]
    actions = [a for o in objectives for a in o.actions]
    choice = rng.randrange(9)
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
    if choice == 5 and objectives:
        target = rng.choice(plan.areas)
        return MoveItem(plan, rng.choice(objectives).id, rng.randint(0, len(target.objectives)),
                        new_parent_id=target.id)
    if choice in (6, 7):  # an area arrives, then objectives and actions arrive in it, and one leaves: one step
        first = Objective(text="first", actions=[Action(text="a")])
        second, elsewhere = Objective(text="second"), rng.choice(plan.areas)
        area = Area(title="new", objectives=[first])
        index = rng.randint(0, len(plan.areas))
        return built_in_turn(plan, "grow", [
            lambda p: AddItem(p, None, "areas", area, index),
            lambda p: AddItem(p, area.id, "objectives", second, 0),
            lambda p: AddItem(p, second.id, "actions", Action(text="b")),
            lambda p: MoveItem(p, second.id, 0, new_parent_id=elsewhere.id),
            lambda p: DeleteItem(p, first.actions[0].id)])
    if len(objectives) > 1:
        return DeleteItem(plan, rng.choice(objectives).id)
    return AddItem(plan, plan.areas[0].id, "objectives", Objective(text="o"))

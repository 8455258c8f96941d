"""Who an action belongs to: the owner key that groups actions for returns, filters and counts."""

from __future__ import annotations

from sendplan.model import Action, Plan

UNASSIGNED = "Unassigned"


def owner_key(action: Action) -> str:
    """The owner an action is grouped under: its By Whom as typed, or "Unassigned" when blank."""
    return action.owner.strip() or UNASSIGNED


def actions_by_owner(plan: Plan) -> dict[str, list[Action]]:
    """Every owner, in the order they first appear in the plan, with their actions in plan order."""
    grouped: dict[str, list[Action]] = {}
    for _, _, action in plan.iter_actions():
        grouped.setdefault(owner_key(action), []).append(action)
    return grouped

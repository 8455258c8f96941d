"""What several returns bring twice, told once: the same comment from two files becomes one change naming both, and
a new action whose words match another new action or an action already under its objective is flagged as a likely
duplicate and left unticked.

Returns from one owner often come back twice (a Word and an Excel copy, a file sent again); without this the
officer would get the same note twice in the plan and the same action added twice.
"""

from __future__ import annotations

from sendplan.merge import MergeResult, ProposedChange, plain
from sendplan.merge_rows import NewAction
from sendplan.model import Plan


def join_repeats(plan: Plan, result: MergeResult) -> None:
    """Fold the same comment from several files into one change; flag new actions that are likely duplicates."""
    _join_comments(result)
    _flag_duplicate_actions(plan, result)


def _join_comments(result: MergeResult) -> None:
    """Comments with the same author and words on one action (spacing and case aside): the first kept, naming every
    file that brought it; the note it adds names them all."""
    first: dict[tuple[str, str, str], ProposedChange] = {}
    kept: list[ProposedChange] = []
    for change in result.changes:
        if change.kind != "comment" or change.said is None:
            kept.append(change)
            continue
        key = (change.action_id, plain(change.said[0]), plain(change.said[1]))
        same = first.get(key)
        if same is None:
            first[key] = change
            kept.append(change)
        elif change.source not in (same.source, *same.also):
            before = f" in {same.sources()}"
            same.also.append(change.source)
            if isinstance(same.value, str) and before in same.value:
                same.value = same.value.replace(before, f" in {same.sources()}", 1)
    result.changes = kept


def _action_words(text: str) -> str:
    return plain(text).rstrip(" .;:")


def _flag_duplicate_actions(plan: Plan, result: MergeResult) -> None:
    """A new action whose words match an action already under its objective, or a new action listed before it."""
    numbers = plan.numbers()
    existing = {(o.id, _action_words(a.text)): a for area in plan.areas for o in area.objectives for a in o.actions}
    earlier: dict[str, ProposedChange] = {}
    for change in result.changes:
        if change.kind != "action":
            continue
        new: NewAction = change.value
        words = _action_words(new.text)
        there = existing.get((new.objective_id, words))
        before = earlier.get(words)
        if there is not None:
            change.duplicate = (f"likely a duplicate: {numbers.get(there.id, 'an action')} under {change.number} "
                                "has these words already; left unticked")
        elif before is not None:
            where = f"under {before.number} " if before.number != change.number else ""
            change.duplicate = (f"likely a duplicate of the new action {where}from {before.sources()} (the same "
                                "words); left unticked")
        else:
            earlier[words] = change
            continue
        change.accepted = False

"""Child process for the crash-safety (SIGKILL) test: edit and save a plan in a loop, forever.

Usage: ``python crash_worker.py PLAN START``. For n = START, START+1, … it adds a progress update
"crash-edit n" to an action, sets the plan's version to "n", saves durably, and only then prints
"saved n" — so every number printed must be in the file, whenever the parent kills us.
"""

from __future__ import annotations

import sys

from sendplan.commands import AddItem, SetField
from sendplan.document import PlanDocument
from sendplan.model import ProgressUpdate


def main(path: str, start: int) -> None:
    document = PlanDocument.open(path)
    plan = document.plan
    actions = [action for _, _, action in plan.iter_actions()]
    review_id = plan.reviews[-1].id if plan.reviews else ""
    number = start
    while True:
        action = actions[number % len(actions)]
        AddItem(plan, action.id, "progress",
                ProgressUpdate(text=f"crash-edit {number}", review_id=review_id),
                label="crash edit").apply(plan)
        SetField(plan, plan.id, "version", str(number), label="crash edit").apply(plan)
        document.save()
        print(f"saved {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

"""Child process for the two-writers race: add progress to a plan and save it, again and again.

Usage: ``python race_worker.py PLAN TAG COUNT``. Each edit adds the update "race TAG n" and saves; when
the other writer changed the file first (:class:`~sendplan.storage.PlanChangedOnDisk`) the plan is
reloaded, the edit made again and saved, as the app does. Only a save that returned prints "saved TAG n",
so every line printed must be in the file at the end.
"""

from __future__ import annotations

import sys

from sendplan.commands import AddItem
from sendplan.document import PlanDocument
from sendplan.model import ProgressUpdate
from sendplan.plan_lock import PlanLocked
from sendplan.storage import PlanChangedOnDisk


def main(path: str, tag: str, count: int) -> None:
    document = PlanDocument.open(path, backups=False)
    for number in range(count):
        while True:
            plan = document.plan
            action = next(a for _, _, a in plan.iter_actions())
            AddItem(plan, action.id, "progress", ProgressUpdate(text=f"race {tag} {number}")).apply(plan)
            try:
                document.save()
            except (PlanChangedOnDisk, PlanLocked):
                document = PlanDocument.open(path, backups=False)  # theirs first, then this edit again
                continue
            print(f"saved {tag} {number}", flush=True)
            break


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))

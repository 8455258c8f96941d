"""What Excel and Word returns share: one file per owner, safely named, written with progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sendplan.exporters.excel import safe_file_name

from sendplan.model import Action, Plan, Review
from sendplan.owners import actions_by_owner

Progress = Callable[[int, int], None]
WriteOne = Callable[[Plan, Review | None, str, list[Action], Path], None]


class ReturnsExist(FileExistsError):
    """Returns would replace files already in the folder, and replacing was not asked for."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(f"{len(paths)} of the returns are already in the folder")


@dataclass(frozen=True)
class ReturnsWritten:
    folder: Path
    files: dict[str, Path]  # owner → file


def return_file_names(owners: list[str]) -> dict[str, str]:
    """Each owner's update return file name (without extension): safe on Windows and unique even where
    two owners' names differ only in case or in characters Windows refuses."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for owner in owners:
        name = safe_file_name(f"Update return - {owner}")
        while name.lower() in used:
            name += "_"
        used.add(name.lower())
        names[owner] = name
    return names


def write_per_owner(plan: Plan, folder: str | Path, review_id: str | None, owners: list[str] | None,
                    progress: Progress | None, suffix: str, write_one: WriteOne, *, replace: bool = True
                    ) -> ReturnsWritten:
    """Call ``write_one`` for each owner (or each chosen owner) with that owner's actions and file path.
    With ``replace=False`` nothing is written when any of the files is there already (:class:`ReturnsExist`)."""
    review = plan.review(review_id) if review_id else plan.latest_review()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    by_owner = actions_by_owner(plan)
    chosen = [o for o in by_owner if owners is None or o in owners]
    names = return_file_names(chosen)
    there = [folder / f"{names[o]}{suffix}" for o in chosen if (folder / f"{names[o]}{suffix}").exists()]
    if there and not replace:
        raise ReturnsExist(there)
    files: dict[str, Path] = {}
    for n, owner in enumerate(chosen):
        files[owner] = folder / f"{names[owner]}{suffix}"
        write_one(plan, review, owner, by_owner[owner], files[owner])
        if progress:
            progress(n + 1, len(chosen))
    return ReturnsWritten(folder, files)

"""Column roles by title and by cells: progress titles that mention evidence, milestones never an owner,
and the owner guess kept to names of people, teams, roles and bodies."""

from __future__ import annotations

import pytest
from sendplan.exporters.office import classify, guess_role


@pytest.mark.parametrize("title", ["Evidence / update", "Evidence/Update", "Update", "Evidence of progress",
                                   "Progress update", "Update and evidence", "Progress updates"])
def test_update_and_evidence_titles_are_progress(title: str) -> None:
    assert classify(title) == ("progress", "")


@pytest.mark.parametrize("title", ["Milestones", "Milestone", "Key milestones"])
def test_a_milestones_column_is_kept_as_text_whatever_its_cells(title: str) -> None:
    cells = ["Head of Inclusion", "SEND Team", "Jo Patel"]  # even cells that look like owners
    assert classify(title) == ("", "")
    assert guess_role(title, "", cells, [""] * 3, set()) == ("", "", "")


def test_short_phrases_are_not_owners_but_people_teams_and_roles_are() -> None:
    phrases = ["Strategy drafted", "Map complete", "Contract let", "Posts advertised"]
    assert guess_role("", "", phrases, [""] * 4, set()) == ("", "", "")
    owners = ["Head of Inclusion", "SEND Team", "Jo Patel", "ICB / LA"]
    assert guess_role("", "", owners, [""] * 4, set())[0] == "owner"

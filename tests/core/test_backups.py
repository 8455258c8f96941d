"""Rolling backups: taken on open and save, thinned over time, restorable."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sendplan.backups import (
    KEEP_RECENT_SAVES,
    backup_folder,
    list_backups,
    restore_backup,
    take_backup,
    thin_backups,
)
from sendplan.document import PlanDocument, load_plan_file
from sendplan.storage import PlanLoadError, load_plan


def test_backups_live_in_the_user_data_folder(sample_file: Path, private_data_dir: Path) -> None:
    document = PlanDocument.open(sample_file)
    document.plan.title = "Edited"
    document.save()
    kinds = [b.kind for b in list_backups(sample_file)]
    assert kinds == ["save", "opened"]
    assert backup_folder(sample_file).is_relative_to(private_data_dir)
    assert not any(p.name != sample_file.name for p in sample_file.parent.iterdir())
    assert load_plan(list_backups(sample_file)[1].path).plan.title != "Edited"


def test_same_name_in_two_folders_gets_two_backup_folders(tmp_path: Path) -> None:
    assert backup_folder(tmp_path / "a" / "plan.sendplan") != backup_folder(tmp_path / "b" / "plan.sendplan")


def test_thinning_keeps_recent_then_hourly_then_daily(tmp_path: Path) -> None:
    plan = tmp_path / "plan.sendplan"
    now = datetime(2026, 11, 22, 12, 0, 0)
    # 40 days of saves, one every 20 minutes
    moment = now - timedelta(days=40)
    while moment <= now:
        take_backup(plan, b"{}", "save", now=moment)
        moment += timedelta(minutes=20)
    thin_backups(plan, now)
    taken = [b.taken for b in list_backups(plan)]
    ages = [now - t for t in taken]
    assert len(taken) == len(set(taken))
    assert all(age <= timedelta(days=30) for age in ages)
    recent = [t for t in taken if now - t <= timedelta(hours=48)]
    # the newest ten, plus about one an hour for the rest of the last two days
    assert KEEP_RECENT_SAVES + 40 <= len(recent) <= KEEP_RECENT_SAVES + 48
    daily = [t for t in taken if now - t > timedelta(hours=48)]
    assert len({t.date() for t in daily}) == len(daily)
    assert 26 <= len(daily) <= 29


def test_opened_backups_are_capped(tmp_path: Path) -> None:
    plan = tmp_path / "plan.sendplan"
    start = datetime(2026, 1, 1)
    for n in range(30):
        take_backup(plan, b"{}", "opened", now=start + timedelta(minutes=n))
    assert len(list_backups(plan)) == 20


def test_restore_keeps_the_current_file_as_a_backup(sample_file: Path) -> None:
    document = PlanDocument.open(sample_file)
    opened = list_backups(sample_file)[0]
    document.plan.title = "Bad edit"
    document.save()
    restore_backup(opened.path, sample_file)
    assert load_plan(sample_file).plan.title == "Northbridge SEND Written Statement of Action"
    before_restore = [b for b in list_backups(sample_file) if b.kind == "before-restore"]
    assert len(before_restore) == 1
    assert load_plan(before_restore[0].path).plan.title == "Bad edit"
    assert "before a restore" in before_restore[0].describe()


def test_restoring_a_damaged_backup_changes_nothing(sample_file: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sendplan"
    damaged.write_bytes(b'{"plan": {"1": ')
    before = sample_file.read_bytes()
    with pytest.raises(PlanLoadError):
        restore_backup(damaged, sample_file)
    assert sample_file.read_bytes() == before


def test_restore_over_a_corrupt_plan(sample_file: Path) -> None:
    PlanDocument.open(sample_file)
    sample_file.write_bytes(b"\x00" * 100)
    with pytest.raises(PlanLoadError) as caught:
        load_plan_file(sample_file)
    assert caught.value.newest_backup is not None
    restore_backup(caught.value.newest_backup, sample_file)
    assert len(list(load_plan(sample_file).plan.iter_actions())) == 60

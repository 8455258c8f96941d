"""The plan file: atomic writes, every bad file in QUALITY.md, read-only modes, upgrades, conflicts."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from sendplan import atomic, fileops, storage
from sendplan.codec import SCHEMA_VERSION, plan_to_dict
from sendplan.document import PlanDocument, load_plan_file
from sendplan.model import Plan
from sendplan.schema import UPGRADES
from sendplan.storage import (
    PlanChangedOnDisk,
    PlanLoadError,
    PlanReadOnly,
    atomic_write_bytes,
    load_plan,
    save_new_plan,
)


def _load_error(path: Path) -> PlanLoadError:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(PlanLoadError) as caught:
        load_plan_file(path)
    if before is not None:
        assert path.read_bytes() == before, "loading must never change the file"
    message = caught.value.message
    assert str(path) in message and "\n" not in message and "Traceback" not in message
    return caught.value


def _edit_json(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


# -- bad files ---------------------------------------------------------------------------------

def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sendplan"
    path.write_bytes(b"")
    assert "empty" in _load_error(path).problem


@pytest.mark.parametrize("fraction", [0.001, 0.25, 0.5, 0.77, 0.999])
def test_truncated_json(sample_file: Path, fraction: float) -> None:
    data = sample_file.read_bytes()
    sample_file.write_bytes(data[: int(len(data) * fraction)])
    assert "cut short" in _load_error(sample_file).problem


def test_nul_bytes(sample_file: Path) -> None:
    data = sample_file.read_bytes()
    sample_file.write_bytes(data[:1000] + b"\x00" * 4096 + data[5096:])
    assert "NUL" in _load_error(sample_file).problem


@pytest.mark.parametrize("content", ["[1, 2, 3]", '{"name": "shopping list"}', '"just text"'])
def test_valid_json_that_is_not_a_plan(tmp_path: Path, content: str) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    assert "not a sendplan plan" in _load_error(path).problem


def test_tinydb_file_of_another_app(tmp_path: Path) -> None:
    path = tmp_path / "recipes.json"
    path.write_text(json.dumps({"_default": {"1": {"recipe": "soup"}}, "ingredients": {}}), encoding="utf-8")
    problem = _load_error(path).problem
    assert "TinyDB database of another program" in problem and "_default" in problem


def test_plan_from_a_newer_version_opens_read_only(sample_file: Path) -> None:
    _edit_json(sample_file, lambda d: d["plan"]["1"].update(schema_version=SCHEMA_VERSION + 1,
                                                           app_version="9.0"))
    before = sample_file.read_bytes()
    loaded = load_plan(sample_file)
    assert loaded.read_only and "9.0" in loaded.read_only_reason and "read-only" in loaded.read_only_reason
    document = PlanDocument.from_loaded(loaded)
    with pytest.raises(PlanReadOnly):
        document.save()
    assert sample_file.read_bytes() == before


def test_newer_version_we_cannot_parse(sample_file: Path) -> None:
    def future(data: dict) -> None:  # type: ignore[type-arg]
        data["plan"]["1"]["schema_version"] = SCHEMA_VERSION + 1
        data["plan"]["1"]["title"] = {"en-GB": "Title in a structure we do not know"}
    _edit_json(sample_file, future)
    assert "newer version of sendplan" in _load_error(sample_file).problem


def test_missing_field(sample_file: Path) -> None:
    _edit_json(sample_file, lambda d: d["actions"]["3"].pop("owner"))
    problem = _load_error(sample_file).problem
    assert "actions document 3" in problem and "'owner' is missing" in problem


@pytest.mark.parametrize("table, field, value, words", [
    ("actions", "owner", 42, "should be text but is a number"),
    ("reviews", "day", "next Tuesday", "not a date"),
    ("actions", "ratings", ["red"], "should map names to text"),
    ("areas", "objectives", None, None),  # children are stored in their own table: ignored
    ("progress", "action_id", "no-such-action", "not in the file"),
])
def test_wrongly_typed_fields(sample_file: Path, table: str, field: str, value: object,
                              words: str | None) -> None:
    _edit_json(sample_file, lambda d: d[table]["2"].__setitem__(field, value))
    if words is None:
        load_plan(sample_file)
    else:
        assert words in _load_error(sample_file).problem


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "looks like a plan.sendplan"
    folder.mkdir()
    assert "folder" in _load_error(folder).problem


def test_missing_file(tmp_path: Path) -> None:
    assert "no file" in _load_error(tmp_path / "gone.sendplan").problem


def test_no_read_permission(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(storage, "read_plan_bytes", denied)
    assert "permission" in _load_error(sample_file).problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_no_read_permission_for_real(sample_file: Path) -> None:
    sample_file.chmod(0)
    try:
        assert "permission" in _load_error(sample_file).problem
    finally:
        sample_file.chmod(0o644)


def test_read_only_file_opens_read_only(sample_file: Path) -> None:
    sample_file.chmod(0o444)
    try:
        document = PlanDocument.open(sample_file)
        assert document.read_only and "read-only" in document.read_only_reason
        with pytest.raises(PlanReadOnly):
            document.save()
        copy = document.save_copy(sample_file.with_name("my copy.sendplan"))
        assert load_plan(copy).plan == document.plan
    finally:
        sample_file.chmod(0o644)


def test_hundred_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.sendplan"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    problem = _load_error(path).problem
    assert "100 MB" in problem and "larger than any plan" in problem


@pytest.mark.parametrize("magic, words", [(b"PK\x03\x04rest", "Word document or an Excel workbook"),
                                          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office file"),
                                          (b"\xff\xfe\xfa not utf8", "not a text file")])
def test_other_file_types(tmp_path: Path, magic: bytes, words: str) -> None:
    path = tmp_path / "plan.sendplan"
    path.write_bytes(magic)
    assert words in _load_error(path).problem


@pytest.mark.parametrize("name, words", [
    ("tracker.xlsx", "an Excel workbook, not a plan; to make a plan from a tracker, use File › Import Excel tracker… "
                     "(or, at the command line, sendplan import \"tracker.xlsx\" -o PLAN.sendplan)"),
    ("plan.docx", "a Word document, not a plan; to make a plan from an action plan in Word, use File › Import Word "
                  "plan… (or, at the command line, sendplan import \"plan.docx\" -o PLAN.sendplan)")])
def test_a_workbook_or_document_opened_as_a_plan_says_how_to_import_it(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04rest")
    problem = _load_error(path).problem
    assert words in problem and "ZIP" not in problem


def test_paths_with_spaces_and_non_ascii(tmp_path: Path, sample_plan: Plan) -> None:
    folder = tmp_path / "Shared drive – SEND Ærø ✓" / "Año 2017 plans"
    folder.mkdir(parents=True)
    path = folder / "Written Statement – ü 🙂.sendplan"
    document = PlanDocument.create(path, sample_plan)
    document.plan.title = "Changed"
    document.save()
    assert load_plan(path).plan.title == "Changed"


def test_error_points_to_newest_backup(sample_file: Path) -> None:
    PlanDocument.open(sample_file)  # takes the "opened" backup
    sample_file.write_bytes(b'{"plan": ')
    error = _load_error(sample_file)
    assert error.newest_backup is not None and error.newest_backup.exists()
    assert str(error.newest_backup) in error.message and "restore" in error.message


# -- writing -----------------------------------------------------------------------------------

def test_failed_replace_leaves_the_old_file_and_no_temp(sample_file: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = sample_file.read_bytes()

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(atomic.os, "replace", broken)
    monkeypatch.setattr(fileops, "REPLACE_PATIENCE", 0.05)  # it is retried for two seconds: not here
    with pytest.raises(OSError):
        atomic_write_bytes(sample_file, b"new contents")
    assert sample_file.read_bytes() == before
    assert [p.name for p in sample_file.parent.iterdir()] == [sample_file.name]


def test_replace_retries_windows_sharing_violations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace, calls = os.replace, []

    def flaky(src: str, dst: str) -> None:
        calls.append(src)
        if len(calls) < 3:
            raise PermissionError(32, "The process cannot access the file")
        real_replace(src, dst)
    monkeypatch.setattr(atomic.os, "replace", flaky)
    monkeypatch.setattr(fileops, "REPLACE_DELAYS", (0,))
    target = tmp_path / "plan.sendplan"
    atomic_write_bytes(target, b"{}")
    assert target.read_bytes() == b"{}" and len(calls) == 3


@pytest.mark.skipif(os.name != "posix", reason="Windows has no permission bits; its read-only flag is tested above")
def test_write_keeps_file_permissions(sample_file: Path, sample_plan: Plan) -> None:
    sample_file.chmod(0o640)
    save_new_plan(sample_file, sample_plan)
    assert sample_file.stat().st_mode & 0o777 == 0o640


def test_stale_temp_files_from_dead_writers_are_removed(sample_file: Path) -> None:
    def temp(host: str, pid: int) -> Path:
        return sample_file.with_name(f"{fileops.TEMP_PREFIX}{host}{fileops._base36(pid)}-1{fileops.TEMP_SUFFIX}")
    mine_alive = sample_file.with_name(fileops.temp_name())
    mine_alive.write_bytes(b"a save of mine in flight")
    dead = temp(fileops._HOST_TAG, 999_999_999)
    dead.write_bytes(b"half a plan")
    other = temp("0ther0", os.getpid())  # another computer's process: its number means nothing here
    other.write_bytes(b"someone else's save in flight")
    legacy = sample_file.with_name(f".{sample_file.name}.OLDPC.123.1.tmp")  # as earlier versions named them
    legacy.write_bytes(b"an old leftover")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    PlanDocument.open(sample_file)
    assert not dead.exists() and not legacy.exists() and other.exists() and mine_alive.exists()


# -- conflicts ---------------------------------------------------------------------------------

def test_change_on_disk_is_never_overwritten(sample_file: Path) -> None:
    document = PlanDocument.open(sample_file)
    document.plan.title = "My edit"
    theirs = sample_file.read_bytes().replace(b"Northbridge SEND", b"Northbridge SEND!")
    sample_file.write_bytes(theirs)
    assert document.changed_on_disk()
    with pytest.raises(PlanChangedOnDisk) as caught:
        document.save()
    assert "changed by someone else" in str(caught.value)
    assert sample_file.read_bytes() == theirs
    document.save(overwrite_external_changes=True)
    assert load_plan(sample_file).plan.title == "My edit"
    assert not document.changed_on_disk()


def test_same_timestamp_different_content_is_detected(sample_file: Path) -> None:
    document = PlanDocument.open(sample_file)
    stat_before = sample_file.stat()
    sample_file.write_bytes(sample_file.read_bytes().replace(b"Final", b"Draft"))
    os.utime(sample_file, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    with pytest.raises(PlanChangedOnDisk):
        document.save()


def test_deleted_file_is_reported(sample_file: Path) -> None:
    document = PlanDocument.open(sample_file)
    sample_file.unlink()
    with pytest.raises(PlanChangedOnDisk) as caught:
        document.save()
    assert caught.value.deleted


# -- upgrades ----------------------------------------------------------------------------------

def _downgrade_to_v0(path: Path) -> None:
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data["plan"]["1"]["schema_version"] = 0
        for doc in data["actions"].values():
            doc.pop("extra")
    _edit_json(path, change)


def test_older_file_is_upgraded_in_memory(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def add_extra(data: dict) -> None:  # type: ignore[type-arg]
        for doc in data["actions"].values():
            doc["extra"] = {}
    monkeypatch.setitem(UPGRADES, 0, add_extra)
    _downgrade_to_v0(sample_file)
    before = sample_file.read_bytes()
    loaded = load_plan(sample_file)
    assert loaded.schema_version == 0 and "upgraded" in loaded.notices[0]
    assert sample_file.read_bytes() == before
    document = PlanDocument.from_loaded(loaded)
    document.save()
    assert json.loads(sample_file.read_text(encoding="utf-8"))["plan"]["1"]["schema_version"] == SCHEMA_VERSION


def test_older_file_without_an_upgrade_path(sample_file: Path) -> None:
    _downgrade_to_v0(sample_file)
    assert "cannot upgrade" in _load_error(sample_file).problem


def test_a_format_3_plan_opens_with_the_usual_word_for_areas(sample_file: Path) -> None:
    """Format 4 only adds the plan's word for its areas and each area's imported details: a format-3 file
    (without them) opens, reads "Area for improvement", and is saved in the current format unchanged."""
    from sendplan.model import area_term

    original = load_plan(sample_file).plan

    def to_format_3(data: dict) -> None:  # type: ignore[type-arg]
        data["plan"]["1"]["schema_version"] = 3
        data["plan"]["1"].pop("area_term")
        for doc in data["areas"].values():
            doc.pop("extra")
    _edit_json(sample_file, to_format_3)
    loaded = load_plan(sample_file)
    assert loaded.schema_version == 3 and loaded.upgraded
    assert area_term(loaded.plan) == "Area for improvement" and all(a.extra == {} for a in loaded.plan.areas)
    assert plan_to_dict(loaded.plan) == plan_to_dict(original)
    PlanDocument.from_loaded(loaded).save()
    saved = json.loads(sample_file.read_text(encoding="utf-8"))
    assert saved["plan"]["1"]["schema_version"] == SCHEMA_VERSION and saved["plan"]["1"]["area_term"] == ""

"""Damaged and hostile plan files get a plain answer in bounded time, and what a plan holds that this version does
not know is kept through a save (or said), never dropped without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendplan.document import PlanDocument
from sendplan.storage import PlanLoadError, load_plan


def _nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


def _data(sample_file: Path) -> dict:
    return json.loads(sample_file.read_text(encoding="utf-8"))


def test_unknown_tables_and_fields_survive_a_save(sample_file: Path) -> None:
    data = _data(sample_file)
    data["dashboards"] = {"1": {"id": "d1", "layout": [1, 2, 3]}}
    action_doc = next(iter(data["actions"].values()))
    action_doc["risk_score"] = {"likelihood": 3, "impact": 4}
    data["plan"]["1"]["funding_stream"] = "High needs block"
    sample_file.write_text(json.dumps(data), encoding="utf-8")
    document = PlanDocument.open(sample_file)
    notice = next(n for n in document.notices if "does not know" in n)
    assert "the table “dashboards”" in notice and "the field “risk_score” on actions (1 document)" in notice
    document.plan.title = "Changed and saved"
    document.save()
    saved = _data(sample_file)
    assert saved["dashboards"] == {"1": {"id": "d1", "layout": [1, 2, 3]}}
    again = next(d for d in saved["actions"].values() if d["id"] == action_doc["id"])
    assert again["risk_score"] == {"likelihood": 3, "impact": 4}
    assert saved["plan"]["1"]["funding_stream"] == "High needs block"
    assert saved["plan"]["1"]["title"] == "Changed and saved"
    copy = sample_file.with_name("copy.sendplan")
    document.save_copy(copy)
    assert _data(copy)["dashboards"] == saved["dashboards"]


def test_characters_a_plan_cannot_keep_are_said(sample_file: Path) -> None:
    data = _data(sample_file)
    action_doc = next(iter(data["actions"].values()))
    action_doc["text"] = "Bell\x07 and a lone \ud800 surrogate"
    sample_file.write_bytes(json.dumps(data).encode("utf-8"))
    loaded = load_plan(sample_file)
    notice = next(n for n in loaded.notices if "characters a plan cannot keep" in n)
    assert "actions document" in notice and "the copy taken when it was opened keeps them" in notice
    assert next(a for _, _, a in loaded.plan.iter_actions() if a.id == action_doc["id"]).text == \
        "Bell and a lone  surrogate"


@pytest.mark.parametrize(("damage", "said"), [
    (lambda d: d["plan"]["1"].update(notes=_nested(60)), "nested far more deeply"),
    (lambda d: next(iter(d["actions"].values())).update(text="x" * 3_000_000), "far more than any plan's"),
    (lambda d: next(iter(d["actions"].values())).update(objective_id="y" * 1_000_000), "which is not in the file"),
])
def test_hostile_plans_get_a_short_plain_message(sample_file: Path, damage, said: str) -> None:  # noqa: ANN001
    data = _data(sample_file)
    damage(data)
    sample_file.write_text(json.dumps(data), encoding="utf-8")
    before = sample_file.read_bytes()
    with pytest.raises(PlanLoadError) as caught:
        load_plan(sample_file)
    message = caught.value.message
    assert said in message and len(message) < 1200 and "Error" not in message and "None" not in message
    assert sample_file.read_bytes() == before


def test_json_nested_beyond_the_parser(tmp_path: Path) -> None:
    path = tmp_path / "deep.sendplan"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(PlanLoadError) as caught:
        load_plan(path)
    assert "nested far more deeply" in caught.value.message

"""Round trips of sendplan's own Word documents, comparing the whole plan: exact through the embedded
part, and from the printed tables when the part is gone; also after LibreOffice re-saves the file.

The LibreOffice cases are skipped where it is not installed, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sendplan.exporters.word import WordOptions, export_docx, import_docx
from sendplan.exporters.word.embed import NAMESPACE

from sendplan.codec import plan_to_dict, snapshot
from sendplan.model import Plan

INTERNAL = ("review-pack", "table-only")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# What each internal preset does not print, so a document without the embedded plan cannot give back.
NOT_PRINTED = {
    "actions[].progress[].added",  # the day an update was typed (the document shows its review)
    "actions[].ratings.<earlier review>",  # the table shows the rating at the review it was produced for
    "actions[].workstream_id", "actions[].due.revisions[].revised_on", "actions[].evidence", "plan_date",
    "sections",  # the narrative is in the publication only
}
NOT_IN_TABLES = {  # the table-only preset has no cover, summary, key, appendices
    "actions[].due.revisions[].reason", "actions[].measures", "reviews[].day", "reviews[].colour", "reviews[].period",
    "members", "workstreams", "partners", "local_area", "signatories", "glossary",
}


def _normal(plan: Plan) -> Any:
    """The whole plan as data, ids replaced by what they point to (review labels, workstream names),
    reviews in date order."""
    labels = {r.id: r.label for r in plan.reviews}
    streams = {w.id: w.name for w in plan.workstreams}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "id":
                    continue
                if key in ("review_id", "workstream_id"):
                    out[key] = labels.get(item, streams.get(item, item))
                else:
                    out[labels.get(key, key)] = walk(item)
            return out
        return [walk(v) for v in value] if isinstance(value, list) else value
    data = walk(plan_to_dict(plan))
    data["reviews"] = sorted(data["reviews"], key=lambda r: (r["day"] is None, r["day"] or "", r["label"]))
    return data


def _differences(before: Any, after: Any, latest: str, path: str = "") -> set[str]:
    """Field paths that differ ("[]" for list positions; a rating at a review other than ``latest``
    reads "ratings.<earlier review>")."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: set[str] = set()
        for key in before.keys() | after.keys():
            name = key if not path.endswith("ratings") or key == latest else "<earlier review>"
            found |= _differences(before.get(key), after.get(key), latest, f"{path}.{name}" if path else name)
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after) and path != "sections":
        return set().union(*(_differences(b, a, latest, f"{path}[]") for b, a in zip(before, after, strict=True)))
    return {path} if before != after else set()


def _tail(path: str) -> str:
    """"areas[].objectives[].actions[].progress[].added" → "actions[].progress[].added"."""
    return path.removeprefix("areas[].objectives[].")


def _resave(docx: Path, folder: Path) -> Path:
    assert SOFFICE, "CI must have LibreOffice (see .ci/run)"
    out = folder / "resaved"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless", "--convert-to",
                    "docx", "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=180)
    return out / docx.name


@pytest.mark.parametrize("preset", INTERNAL)
def test_embedded_plan_comes_back_exactly(sample_plan: Plan, tmp_path: Path, preset: str) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset(preset)).path
    result = import_docx(path)
    assert plan_to_dict(result.plan) == plan_to_dict(snapshot(sample_plan))  # ids, history, reasons, colours…
    assert result.report.restored and result.report.things_to_check == 0
    assert "0 things to check." in result.report.text() and "Restored exactly" in result.report.text()


@pytest.mark.parametrize("preset", INTERNAL)
def test_without_the_embedded_plan_everything_printed_comes_back(sample_plan: Plan, tmp_path: Path,
                                                                 preset: str) -> None:
    path = export_docx(sample_plan, tmp_path / "x.docx", WordOptions.for_preset(preset, embed=False)).path
    with zipfile.ZipFile(path) as package:
        assert not any(NAMESPACE.encode() in package.read(n) for n in package.namelist() if "customXml" in n)
    result = import_docx(path)
    latest = sample_plan.latest_review().label  # type: ignore[union-attr]
    lost = {_tail(p) for p in _differences(_normal(snapshot(sample_plan)), _normal(result.plan), latest)}
    allowed = NOT_PRINTED | (NOT_IN_TABLES if preset == "table-only" else set())
    assert lost <= allowed, lost - allowed
    # the comparison does see differences
    assert {"actions[].ratings.<earlier review>", "actions[].progress[].added"} <= lost
    plan = result.plan
    assert [a.title for a in plan.areas] == [a.title for a in sample_plan.areas]
    assert (plan.version, plan.status) == (sample_plan.version, sample_plan.status)
    assert not any(s.title in ("Progress key", "Action plan", "Exceptions") for s in plan.sections)
    # both presets print the progress key with every review's date: nothing had to be guessed
    assert result.report.guesses == [] and result.report.things_to_check == 0


@pytest.mark.skipif(SOFFICE is None and os.environ.get("CI") != "true", reason="LibreOffice is not installed")
@pytest.mark.timeout(600)
@pytest.mark.parametrize("embed", [True, False])
def test_after_libreoffice_resaves_the_review_pack(sample_plan: Plan, tmp_path: Path, embed: bool) -> None:
    original = export_docx(sample_plan, tmp_path / "pack.docx", WordOptions.for_preset("review-pack", embed=embed))
    resaved = _resave(original.path, tmp_path)
    result = import_docx(resaved)
    if embed:
        assert result.report.restored and result.report.edits == []
        assert plan_to_dict(result.plan) == plan_to_dict(snapshot(sample_plan))
        return
    direct = import_docx(original.path)
    latest = sample_plan.latest_review().label  # type: ignore[union-attr]
    assert _differences(_normal(direct.plan), _normal(result.plan), latest) == set()
    assert re.search(r"\b0 things to check", result.report.text())


@pytest.mark.parametrize("term", ["Area of weakness", "Priority", "Recommendation"])
def test_the_plan_s_own_word_for_areas_and_their_details_are_printed_and_read_back(
        sample_plan: Plan, tmp_path: Path, term: str) -> None:
    plan = snapshot(sample_plan)
    plan.area_term = term
    plan.areas[0].extra = {"Lead": "Director of Education", "Impact measure": "90% of plans within 20 weeks"}
    path = export_docx(plan, tmp_path / "x.docx", WordOptions.for_preset("review-pack", embed=False)).path
    from docx import Document

    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 2"]
    areas = [h for h in headings if h.startswith(term)]
    assert len(areas) == len(plan.areas) and areas[0].startswith(f"{term} 1")
    assert not any(h.startswith("Area for improvement") for h in headings)
    result = import_docx(path)
    assert result.plan.area_term == term
    assert result.plan.areas[0].extra == plan.areas[0].extra and all(not a.extra for a in result.plan.areas[1:])
    latest = plan.latest_review().label  # type: ignore[union-attr]
    lost = {_tail(p) for p in _differences(_normal(plan), _normal(result.plan), latest)}
    assert lost <= NOT_PRINTED, lost - NOT_PRINTED


@pytest.mark.parametrize("preset", ["publication", "review-pack"])
def test_responsible_body_is_printed_with_its_area_and_read_back(sample_plan: Plan, tmp_path: Path,
                                                                 preset: str) -> None:
    from docx import Document

    plan = snapshot(sample_plan)
    body = "Northbridge City Council and NHS Northbridge and Fellside Integrated Care Board"
    plan.areas[1].responsible_body = body
    path = export_docx(plan, tmp_path / "x.docx", WordOptions.for_preset(preset, embed=False)).path
    paragraphs = Document(str(path)).paragraphs
    texts = [p.text for p in paragraphs]
    after_wording = texts.index(plan.areas[1].wording.split("\n")[-1]) + 1
    assert texts[after_wording] == f"Responsible body: {body}"
    assert [run.bold for run in paragraphs[after_wording].runs] == [True, None]
    assert sum(text.startswith("Responsible body:") for text in texts) == 1  # the other areas have none
    result = import_docx(path)
    assert [a.responsible_body for a in result.plan.areas] == ["", body] + [""] * (len(plan.areas) - 2)
    assert [a.wording for a in result.plan.areas] == [a.wording for a in plan.areas]

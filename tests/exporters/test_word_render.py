"""LibreOffice opens every preset and converts it to PDF with a sensible number of pages.

Skipped where LibreOffice is not installed, except in CI (CI=true), where it must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_pages import blank_below_ink, continues_overleaf, page_texts
from sendplan.exporters.word import WordOptions, export_docx

from sendplan.model import Area, Plan, Signatory, new_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI") != "true":
    pytest.skip("LibreOffice is not installed", allow_module_level=True)


def _pdf(docx: Path, folder: Path) -> Path:
    assert SOFFICE, "CI must have LibreOffice (see .ci/run)"
    profile = folder / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=180)
    return folder / (docx.stem + ".pdf")


def _pdf_pages(docx: Path, folder: Path) -> int:
    data = _pdf(docx, folder).read_bytes()
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if not counts:
        counts = [len(re.findall(rb"/Type\s*/Page\b", data))]
    return max(counts)


@pytest.mark.timeout(600)
def test_every_preset_converts_to_pdf(sample_plan: Plan, tmp_path: Path) -> None:
    pages = {}
    for preset in ("review-pack", "publication", "table-only"):
        docx = export_docx(sample_plan, tmp_path / f"{preset}.docx", WordOptions.for_preset(preset)).path
        pages[preset] = _pdf_pages(docx, tmp_path)
    # 60 actions with five reviews of progress: the real 2017 plan ran to about 40 pages
    assert 15 <= pages["table-only"] <= 45
    assert pages["table-only"] + 3 <= pages["review-pack"] <= 60
    assert pages["table-only"] <= pages["publication"] <= 90


@pytest.mark.timeout(300)
def test_empty_plan_is_one_page(tmp_path: Path) -> None:
    docx = export_docx(new_plan("Empty"), tmp_path / "empty.docx", WordOptions.for_preset("table-only")).path
    assert _pdf_pages(docx, tmp_path) == 1


@pytest.mark.timeout(300)
def test_the_rag_key_of_a_new_plan_is_not_alone_on_a_page(tmp_path: Path) -> None:
    """A plan just made from an inspection report (areas, no reviews yet): no summary or progress key comes
    between the cover and the tables, and the three-row RAG key keeps with the action plan that follows."""
    plan = new_plan("Marshbrook Local Area Partnership priority action plan")
    plan.signatories = [Signatory(name="Ann Example", role="Director of Children's Services",
                                  organisation="Marshbrook Council")]
    plan.areas = [Area(ref=str(n), wording=f"Leaders should improve how families in Marshbrook hear about "
                                              f"service number {n} and what it offers them.",
                       responsible_body="Marshbrook Council and Marshbrook ICB") for n in range(1, 7)]
    docx = export_docx(plan, tmp_path / "new.docx", WordOptions.for_preset("review-pack")).path
    texts = page_texts(_pdf(docx, tmp_path))
    keyed = [text for text in texts if "RAG key" in text]
    assert len(keyed) == 1 and "Action plan" in keyed[0] and "Area for improvement 1" in keyed[0]
    assert "Signatories" in texts[0] and "RAG key" not in texts[0]  # the cover stays a page of its own


@pytest.mark.timeout(600)
@pytest.mark.skipif(shutil.which("pdftoppm") is None and os.environ.get("CI") != "true", reason="no poppler")
def test_at_most_a_page_of_blank_space_before_tables_continue(sample_plan: Plan, tmp_path: Path) -> None:
    """Pages whose table goes on overleaf end close to the footer: in total, at most one page blank."""
    for preset in ("review-pack", "publication"):
        docx = export_docx(sample_plan, tmp_path / f"{preset}.docx", WordOptions.for_preset(preset)).path
        pdf = _pdf(docx, tmp_path)
        shares = blank_below_ink(pdf, tmp_path)
        texts = page_texts(pdf)
        continuing = continues_overleaf(texts)
        assert len(shares) == len(texts)
        assert sum(continuing) >= 15, "the tables run over many pages, and the measure sees them"
        blank = sum(share for share, more in zip(shares, continuing, strict=True) if more)
        assert blank <= 1.0, f"{preset}: {blank:.2f} pages blank before tables continue"
        for text in texts:  # every reference is whole ("1.1 (d)"): never a bare "(d)" on a page
            assert not re.findall(r"(?<!\d )\((?:[a-h])\)", text), text[:300]

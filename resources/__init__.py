"""Packaged data for sendplan (installed as ``sendplan.resources``): the sample plan, icons, templates."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_PLAN_NAME = "northbridge-wsoa.sendplan"


def sample_plan_bytes() -> bytes:
    """The bundled sample plan file, as stored in the package."""
    return resources.files(__name__).joinpath("sample", SAMPLE_PLAN_NAME).read_bytes()


def sample_plan_path() -> Path:
    """Path of the packaged sample (read it, never write to it)."""
    return Path(str(resources.files(__name__).joinpath("sample", SAMPLE_PLAN_NAME)))


def icon_path(name: str) -> Path:
    """Path of a packaged SVG icon."""
    return Path(str(resources.files(__name__).joinpath("icons", name)))

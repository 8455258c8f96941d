"""The build script prunes only what the app never loads (the build itself runs in packaging/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("sendplan_build", REPO / "packaging" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prune_keeps_the_plugins_the_app_loads(tmp_path: Path) -> None:
    qt = tmp_path / "_internal" / "PySide6" / "Qt"
    for folder in ("translations", "plugins/platforms", "plugins/imageformats", "plugins/iconengines",
                   "plugins/sqldrivers", "plugins/multimedia", "plugins/styles"):
        (qt / folder).mkdir(parents=True)
        (qt / folder / "x.so").write_bytes(b"x")
    removed = _build_module().prune(tmp_path)
    assert sorted(Path(r).name for r in removed) == ["multimedia", "sqldrivers", "translations"]
    assert sorted(p.name for p in (qt / "plugins").iterdir()) == ["iconengines", "imageformats", "platforms",
                                                                  "styles"]


def test_spec_builds_one_folder_with_two_programs() -> None:
    spec = (REPO / "packaging" / "sendplan.spec").read_text()
    assert "COLLECT(" in spec and 'program("sendplan", console=False)' in spec
    assert 'program("sendplan-cli", console=True)' in spec and "onefile" not in spec.lower().replace(
        "one-file", "")

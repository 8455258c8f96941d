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
    spec = (REPO / "packaging" / "sendplan.spec").read_text(encoding="utf-8")
    assert "COLLECT(" in spec and 'program("sendplan", console=False)' in spec
    assert 'program("sendplan-cli", console=True)' in spec and "onefile" not in spec.lower().replace(
        "one-file", "")


def _strings(node: object) -> dict[str, str]:
    """The StringStruct(name, value) pairs anywhere in an evaluated version description."""
    if isinstance(node, tuple) and node and node[0] == "StringStruct":
        return {node[1][0]: node[1][1]}
    found: dict[str, str] = {}
    for part in node if isinstance(node, tuple | list) else node.values() if isinstance(node, dict) else ():
        found |= _strings(part)
    return found


def test_the_programs_carry_a_windows_version_resource(tmp_path: Path) -> None:
    """Blank file properties let no AppLocker rule by product name or version match."""
    from sendplan import __version__

    build = _build_module()
    folder = build.write_version_files(tmp_path)
    kinds = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    for program in ("sendplan", "sendplan-cli"):
        text = (folder / f"{program}.txt").read_text(encoding="utf-8")
        info = eval(text, {kind: (lambda k: lambda *args, **kw: (k, args, kw))(kind) for kind in kinds})  # noqa: S307
        numbers = (*map(int, __version__.split(".")), 0, 0, 0)[:4]
        assert info[0] == "VSVersionInfo" and info[2]["ffi"][2]["filevers"] == numbers
        strings = _strings(info)
        assert strings["ProductName"] == "sendplan" and strings["ProductVersion"] == __version__
        assert strings["OriginalFilename"] == f"{program}.exe" and strings["FileVersion"] == __version__
    spec = (REPO / "packaging" / "sendplan.spec").read_text(encoding="utf-8")
    assert 'version=os.path.join(versions, f"{name}.txt")' in spec
    assert "SENDPLAN_VERSION_DIR" in (REPO / "packaging" / "build.py").read_text(encoding="utf-8")

"""The layers stay clean: the core imports neither Qt nor the formats nor the UI (only the CLI entry shell
may, lazily); the formats import no Qt or UI; and nothing outside a format package imports its private
modules: only ``sendplan.exporters`` and ``sendplan.exporters.<format>`` (the package's ``__init__``)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QT_OR_UI = ("PySide6", "shiboken6", "sendplan.ui", "ui")
FORMATS = ("sendplan.exporters", "exporters")
ENTRY_SHELL = {"cli.py", "cli_start.py", "cli_cycle.py", "cli_console.py", "__main__.py"}
PACKAGES = ("office", "word", "excel", "returns", "report")
# Product code and the tools beside it; tests may reach into the package they test.
OUTSIDE_TESTS = ("sendplan", "ui", "exporters", "benchmarks", "packaging", "resources")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names
                      if node.module in ("sendplan", "sendplan.exporters")]
    return found


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _violations(folder: str, forbidden: tuple[str, ...], allow: set[str] = frozenset()) -> list[str]:
    bad = []
    for path in sorted((REPO / folder).rglob("*.py")):
        if path.name in allow and path.parent == REPO / folder:
            continue
        for line, module in _imports(path):
            if _under(module, forbidden):
                bad.append(f"{path.relative_to(REPO)}:{line} imports {module}")
    return bad


def test_core_imports_no_qt_ui_or_formats() -> None:
    assert _violations("sendplan", QT_OR_UI + FORMATS, ENTRY_SHELL) == []


def test_exporters_import_no_qt_or_ui() -> None:
    assert _violations("exporters", QT_OR_UI) == []


def _private_imports(path: Path, relative: str = "") -> list[str]:
    """Imports of ``sendplan.exporters.<format>.<module>`` from outside that format's package (``relative``:
    where the file sits in the repository, when it is not there)."""
    relative = relative or path.relative_to(REPO).as_posix()
    bad = []
    for line, module in _imports(path):
        parts = module.split(".")
        if parts[:2] != ["sendplan", "exporters"] or len(parts) <= 3:
            continue
        if not relative.startswith(f"exporters/{parts[2]}/"):
            bad.append(f"{relative}:{line} imports {module}")
    return bad


def test_nothing_imports_another_package_s_private_modules() -> None:
    bad = [line for folder in OUTSIDE_TESTS for path in sorted((REPO / folder).rglob("*.py"))
           for line in _private_imports(path)]
    assert bad == []


def test_exporters_has_only_packages_at_its_top_level() -> None:
    exporters = REPO / "exporters"
    assert sorted(p.name for p in exporters.glob("*.py")) == ["__init__.py"]
    assert sorted(p.name for p in exporters.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(PACKAGES)
    for package in PACKAGES:
        module = importlib.import_module(f"sendplan.exporters.{package}")
        assert module.__doc__ and len(module.__doc__.split()) > 10, f"{package} says what it owns"


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_is_reachable_from_the_top(package: str) -> None:
    from sendplan import exporters

    module = importlib.import_module(f"sendplan.exporters.{package}")
    assert set(exporters.PUBLIC[package]) <= set(module.__all__), "the top level names only what the package exports"
    for name in exporters.PUBLIC[package]:
        assert getattr(exporters, name) is getattr(module, name)
    for name in module.__all__:
        assert hasattr(module, name), f"{package}.__all__ names {name}, which it does not have"


def test_the_checks_catch_violations(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sendplan.ui.app\nfrom sendplan import exporters\n"
                   "from sendplan.exporters.word.write.table import AreaTableWriter\n", encoding="utf-8")
    modules = [m for _, m in _imports(bad)]
    assert modules[:3] == ["PySide6.QtCore", "sendplan.ui.app", "sendplan"]
    assert "sendplan.exporters" in modules and _under("sendplan.exporters", FORMATS)
    assert _private_imports(bad, "ui/bad.py") == ["ui/bad.py:4 imports sendplan.exporters.word.write.table"]
    assert _private_imports(bad, "exporters/word/bad.py") == []

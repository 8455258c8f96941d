"""The core and the exporters never import Qt or the UI (only the CLI entry shell may, lazily)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "shiboken6", "sendplan.ui", "ui")
ENTRY_SHELL = {"cli.py", "__main__.py"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _violations(folder: str, allow: set[str]) -> list[str]:
    bad = []
    for path in sorted((REPO / folder).rglob("*.py")):
        if path.name in allow and path.parent == REPO / folder:
            continue
        for line, module in _imports(path):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN):
                bad.append(f"{path.relative_to(REPO)}:{line} imports {module}")
    return bad


def test_core_imports_no_qt_or_ui() -> None:
    assert _violations("sendplan", ENTRY_SHELL) == []


def test_exporters_import_no_qt_or_ui() -> None:
    assert _violations("exporters", set()) == []


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sendplan.ui.app\n")
    assert [m for _, m in _imports(bad)] == ["PySide6.QtCore", "sendplan.ui.app"]

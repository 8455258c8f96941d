"""The app's modules import each other without a circle (the window never imports what opens it)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def _imports(path: Path) -> set[str]:
    """``sendplan.ui`` modules imported anywhere in the file, except for type hints only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hinted: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hinted |= {id(n) for child in node.body for n in ast.walk(child)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hinted:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sendplan.ui":
                found |= {alias.name for alias in node.names}
            elif node.module.startswith("sendplan.ui."):
                found.add(node.module.split(".")[2])
    return found


def test_no_import_circle_in_the_app() -> None:
    graph = {path.stem: _imports(path) for path in UI.glob("*.py")}
    assert "opening" not in graph["main_window"] and "app" not in graph["file_actions"]

    def reach(start: str) -> set[str]:
        seen, todo = set(), list(graph.get(start, ()))
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(graph.get(name, ()))
        return seen
    assert {"opening", "main_window", "window_menus", "file_actions", "export_job"} <= reach("app")
    circles = sorted(name for name in graph if name in reach(name))
    assert circles == []

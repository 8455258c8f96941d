"""Code and tests that behave the same on Windows: every text file and every child process's output is read
and written as UTF-8 by name (Windows would use cp1252, which cannot hold "→", "–" or an emoji)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("sendplan", "ui", "exporters", "resources", "benchmarks", "packaging", "tests")
TEXT_CHILD = {"run", "check_output", "Popen", "check_call", "call"}


def _keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg}


def _text_mode(call: ast.Call) -> bool:
    mode = _keywords(call).get("mode") or (call.args[1] if len(call.args) > 1 else None)
    if mode is None:
        return True
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value


def _unnamed_encodings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        keywords = _keywords(node)
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        problem = ""
        if name in ("read_text", "write_text") and "encoding" not in keywords:
            problem = f"{name}()"
        elif name == "open" and (isinstance(func, ast.Name) or (isinstance(func.value, ast.Name)
                                                                and func.value.id == "io")):
            problem = "open() in text mode" if _text_mode(node) and "encoding" not in keywords else ""
        elif name in TEXT_CHILD and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id == "subprocess":
            text = keywords.get("text") or keywords.get("universal_newlines")
            if isinstance(text, ast.Constant) and text.value and "encoding" not in keywords:
                problem = f"subprocess.{name}(text=True)"
        if problem:
            found.append(f"{path.relative_to(REPO).as_posix()}:{node.lineno} {problem} without encoding=")
    return found


def test_every_text_file_and_child_output_names_its_encoding() -> None:
    found = [line for folder in FOLDERS for path in sorted((REPO / folder).rglob("*.py"))
             for line in _unnamed_encodings(path)]
    assert found == []


def test_file_urls_are_made_by_pathlib() -> None:
    """``f"file://{path}"`` is no URL on Windows ("file://C:\\Users\\…"); ``Path.as_uri()`` is one everywhere."""
    found = [f"{path.relative_to(REPO).as_posix()}:{n}" for folder in FOLDERS
             for path in sorted((REPO / folder).rglob("*.py")) if path.name != "test_portability.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "file://{" in line]
    assert found == []

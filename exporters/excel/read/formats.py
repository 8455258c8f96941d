"""What a sheet says besides its cells' values, read from its XML within bounds: merged ranges (a title
merged over the columns it names, an area row merged across the sheet), hidden columns, and the
conditional formatting that colours ratings ("cell equals 1 → red fill"), with a small evaluator for
the rules trackers use (cell value comparisons, "text contains", and simple formulas such as
``$F5="R"`` or ``ISNUMBER(SEARCH("Red",F5))``). Anything else is left alone: no formula is ever run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_RULES = 500
MAX_MERGES = 5000
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
_CELL_EQUALS = re.compile(r'^\$?([A-Z]{1,3})(\$?)(\d+)\s*=\s*"([^"]*)"$', re.IGNORECASE)
_CELL_CONTAINS = re.compile(r'^ISNUMBER\(\s*SEARCH\(\s*"([^"]*)"\s*,\s*\$?([A-Z]{1,3})(\$?)(\d+)\s*\)\s*\)$',
                            re.IGNORECASE)
Box = tuple[int, int, int, int]  # min row, min column, max row, max column


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def box(reference: str) -> Box | None:
    """"B4:C4" → (4, 2, 4, 3); "F5" → (5, 6, 5, 6); None for anything else."""
    match = _REF.match(reference.strip())
    if not match:
        return None
    first = (int(match[2]), column_number(match[1]))
    last = (int(match[4]), column_number(match[3])) if match[3] else first
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])


def merges(element: Any) -> list[Box]:
    """The ranges of a ``mergeCells`` element."""
    found = []
    for child in element:
        if len(found) >= MAX_MERGES:
            break
        ranged = box(child.get("ref", ""))
        if ranged is not None:
            found.append(ranged)
    return found


def hidden_columns(element: Any) -> set[int]:
    """The columns a ``col`` element hides (bounded to the first 200 columns)."""
    if element.get("hidden", "0") not in ("1", "true"):
        return set()
    try:
        first, last = int(element.get("min", "0")), int(element.get("max", "0"))
    except ValueError:
        return set()
    return set(range(max(1, first), min(last, 200) + 1))


@dataclass(frozen=True)
class Rule:
    """One conditional format: where, what it tests, and the fill it gives."""

    ranges: tuple[Box, ...]
    kind: str
    operator: str
    formulas: tuple[str, ...]
    text: str
    fill: str
    priority: int


def rules(element: Any, dxf_fill: Callable[[int], str]) -> list[Rule]:
    """The rules of one ``conditionalFormatting`` element that give a fill."""
    ranges = tuple(b for b in (box(r) for r in element.get("sqref", "").split()) if b is not None)
    found = []
    for rule in element.iter(f"{_NS}cfRule"):
        try:
            fill = dxf_fill(int(rule.get("dxfId", "-1")))
            priority = int(rule.get("priority", "0"))
        except ValueError:
            continue
        if fill and ranges:
            formulas = tuple((f.text or "").strip() for f in rule.iter(f"{_NS}formula"))
            found.append(Rule(ranges, rule.get("type", ""), rule.get("operator", ""), formulas,
                              rule.get("text", ""), fill, priority))
    return found


def _number(text: Any) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _literal(formula: str) -> Any:
    """A formula that is a constant: "\"Red\"" → "red", "1" → 1.0; None for anything else."""
    if len(formula) >= 2 and formula[0] == formula[-1] == '"':
        return formula[1:-1].lower()
    return _number(formula)


def _compare(value: Any, operator: str, operands: list[Any]) -> bool:
    if any(o is None for o in operands) or not operands:
        return False
    if isinstance(operands[0], str):
        text = str(value).strip().lower()
        return {"equal": text == operands[0], "notEqual": text != operands[0]}.get(operator, False)
    number = _number(value)
    if number is None:
        return False
    low = operands[0]
    if operator == "between":
        return len(operands) > 1 and low <= number <= operands[1]
    if operator == "notBetween":
        return len(operands) > 1 and not low <= number <= operands[1]
    return {"equal": number == low, "notEqual": number != low, "greaterThan": number > low,
            "lessThan": number < low, "greaterThanOrEqual": number >= low,
            "lessThanOrEqual": number <= low}.get(operator, False)


def _matches(rule: Rule, top: tuple[int, int], row: int, column: int, value_at: Callable[[int, int], Any]) -> bool:
    value = value_at(row, column)
    text = "" if value is None else str(value).strip().lower()
    if rule.kind == "cellIs":
        return value not in (None, "") and _compare(value, rule.operator, [_literal(f) for f in rule.formulas])
    if rule.kind in ("containsText", "beginsWith", "endsWith"):
        wanted = rule.text.lower()
        return bool(wanted) and {"containsText": wanted in text, "beginsWith": text.startswith(wanted),
                                 "endsWith": text.endswith(wanted)}[rule.kind]
    if rule.kind == "expression" and rule.formulas:
        formula = rule.formulas[0]
        if match := _CELL_EQUALS.match(formula):
            other = _relative(match[1], match[2], int(match[3]), top, row)
            seen = value_at(*other)
            return str("" if seen is None else seen).strip().lower() == match[4].lower()
        if match := _CELL_CONTAINS.match(formula):
            other = _relative(match[2], match[3], int(match[4]), top, row)
            seen = value_at(*other)
            return bool(match[1]) and match[1].lower() in str("" if seen is None else seen).lower()
    return False


def _relative(letters: str, fixed: str, number: int, top: tuple[int, int], row: int) -> tuple[int, int]:
    """The cell a formula's reference points at for ``row`` (relative rows move with the range)."""
    return (number if fixed else number + row - top[0]), column_number(letters)


def conditional_fill(found: list[Rule], row: int, column: int, value_at: Callable[[int, int], Any]) -> str:
    """The fill the first matching rule (by priority) gives the cell, "" when none does."""
    for rule in found:
        for ranged in rule.ranges:
            if ranged[0] <= row <= ranged[2] and ranged[1] <= column <= ranged[3]:
                if _matches(rule, (ranged[0], ranged[1]), row, column, value_at):
                    return rule.fill
                break
    return ""

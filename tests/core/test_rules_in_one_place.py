"""The plan's rules are written once, in the core: the front end and the formats call them.

Each rule below was once written again in the UI or a format; this test fails if one comes back.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("sendplan", "ui", "exporters")

# (what the rule is, a pattern that re-implements it, the one module allowed to hold it)
RULES = [
    ("the update at a review", r"reversed\(\w+\.progress\)|any\(u\.review_id ==|u\.review_id == \w+\.id for u in",
     "sendplan/review_state.py"),
    ("is a review under way", r"timedelta\(weeks=6\)|def review_in_progress", "sendplan/review_state.py"),
    ("review label suggestions and uniqueness", r"def (suggested_label|suggested_short_label|academic_year)\b|"
     r"already a review called", "sendplan/review_state.py"),
    ("a new date needs a reason", r"getattr\(\w+, \"require_date_reason\"|\.require_date_reason and",
     "sendplan/review_state.py"),
    ("rating names", r"\{level\.key: level\.name for level in|[\"']Not rated[\"']", "sendplan/ratings.py"),
    ("rating colours", r"\{level\.key: normalise\(level\.colour", "sendplan/ratings.py"),
    ("a rating typed as a word", r"def rating_key_for\b", "sendplan/ratings.py"),
    ("the owner key", r"[\"']Unassigned[\"']", "sendplan/owners.py"),
    ("finding a review", r"def find_review\b", "sendplan/review_state.py"),
    ("what an owner saw of an action", r"def seen_stamp\b|hashlib\.sha1\(json\.dumps\(state",
     "sendplan/merge.py"),
    ("merging changes", r"class (ApplyInOrder|MergeResult|ProposedChange)\b", "sendplan/merge.py"),
    ("starting a review", r"Start the \{", "sendplan/commands.py"),
    ("preset names", r"[\"']review-pack[\"']\s*:|[\"']Review pack[\"']\s*:", "exporters/word/options.py"),
]


def _sources() -> list[Path]:
    return [p for folder in SOURCES for p in sorted((REPO / folder).rglob("*.py"))]


def test_each_rule_lives_in_one_module() -> None:
    found = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(REPO).as_posix()
        for rule, pattern, home in RULES:
            if where != home and re.search(pattern, text):
                found.append(f"{where} re-implements {rule} (it belongs in {home})")
    assert found == []


def test_each_rule_is_where_it_says() -> None:
    for rule, pattern, home in RULES:
        assert re.search(pattern, (REPO / home).read_text(encoding="utf-8")), f"{rule} is not in {home}"


def test_no_two_functions_share_a_name_across_the_formats() -> None:
    """Two unrelated functions called the same (there were two ``fingerprint``s) confuse every reader."""
    defined: dict[str, list[str]] = {}
    for path in sorted((REPO / "exporters").rglob("*.py")) + sorted((REPO / "sendplan").glob("*.py")):
        for name in re.findall(r"^def ([a-z]\w*)\(", path.read_text(encoding="utf-8"), re.M):
            defined.setdefault(name, []).append(path.relative_to(REPO).as_posix())
    assert {name: files for name, files in defined.items() if len(files) > 1} == {}

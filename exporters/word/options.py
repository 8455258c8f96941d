"""What a Word export should contain: the preset, the review, the marking and the table columns."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Preset:
    """One kind of Word document: its key (the CLI's word), its name in the app, its cover heading and
    the subject written in the document's properties."""

    key: str
    name: str
    heading: str
    subject: str


PRESETS: dict[str, Preset] = {preset.key: preset for preset in (
    Preset("review-pack", "Review pack", "Review pack", "Review pack"),
    Preset("publication", "Publication (accessible)", "Action plan", "Action plan"),
    Preset("table-only", "Action tables only", "", "Action tables"),
)}
PROGRESS_CHOICES = ("all", "latest")
RESPONSIBLE_BODY = "Responsible body:"  # the label before an area's responsible body, written and read back
DATE_STYLES = ("dotted", "uk", "long", "iso")

# Column key → default title. "progress" expands to one column per reporting period.
COLUMN_TITLES: dict[str, str] = {
    "action_no": "Action No",
    "objective": "Objective",
    "action": "Actions",
    "rag": "RAG",
    "owner": "By Whom",
    "due": "By When",
    "outcomes": "Intended Outcomes",
    "kpis": "Key Performance Indicators",
    "evidence": "Evidence",
    "progress": "Progress {period}",
}
DEFAULT_COLUMNS = ("action_no", "objective", "action", "rag", "owner", "due", "outcomes", "kpis",
                   "progress")


class OptionsError(ValueError):
    """Options that cannot be used (unknown preset or column); the message says which."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str


def parse_columns(spec: str) -> tuple[Column, ...]:
    """``"action_no,objective,action,rag,owner=Lead,due,progress"`` → columns (``=`` renames)."""
    columns = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        key, _, title = part.partition("=")
        key = key.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in COLUMN_TITLES:
            known = ", ".join(COLUMN_TITLES)
            raise OptionsError(f"'{key}' is not a column; choose from {known}")
        if any(c.key == key for c in columns):
            raise OptionsError(f"the column '{key}' is listed twice")
        columns.append(Column(key, title.strip() or COLUMN_TITLES[key]))
    if not columns:
        raise OptionsError("no columns were given")
    return tuple(columns)


@dataclass(frozen=True)
class WordOptions:
    """Everything a Word export can be told. ``for_preset`` fills preset-dependent defaults."""

    preset: str = "review-pack"
    review_id: str | None = None  # None: the latest review
    marking: str | None = None  # None: the plan's own marking (review pack) / none (publication)
    columns: tuple[Column, ...] = field(
        default_factory=lambda: tuple(Column(k, COLUMN_TITLES[k]) for k in DEFAULT_COLUMNS))
    date_style: str = "dotted"
    as_of: date | None = None  # "today" for overdue; None: the review's date, else today
    include_cover: bool = True
    include_summary: bool = True
    include_narrative: bool = True
    include_keys: bool = True
    include_appendices: bool = True  # glossary, governance, review dates
    embed: bool = True  # carry the plan inside (internal presets only; publication never does)
    progress: str = "all"  # "all": every review's updates up to the chosen one; "latest": that review's only
    intro: tuple[str, ...] = ()  # paragraphs printed under the document's title (an owner's instructions)

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise OptionsError(f"'{self.preset}' is not a preset; choose from {', '.join(PRESETS)}")
        if self.progress not in PROGRESS_CHOICES:
            raise OptionsError(f"'{self.progress}' is not a progress choice; choose from {', '.join(PROGRESS_CHOICES)}")
        if self.date_style not in DATE_STYLES:
            raise OptionsError(f"'{self.date_style}' is not a date style; choose from {', '.join(DATE_STYLES)}")

    @property
    def publication(self) -> bool:
        return self.preset == "publication"

    @classmethod
    def for_preset(cls, preset: str, **overrides: object) -> WordOptions:
        base = cls(preset=preset)
        if preset == "table-only":
            base = replace(base, include_cover=False, include_summary=False,
                           include_narrative=False, include_appendices=False)
        elif preset == "review-pack":
            base = replace(base, include_narrative=False)
        return replace(base, **overrides)  # type: ignore[arg-type]

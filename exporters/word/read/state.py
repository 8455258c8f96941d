"""What a Word import found and is building: the report the user reads, and the walk's position."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sendplan.exporters.word.embed import CellEdit
from sendplan.exporters.word.read.reviews import Reviews

from sendplan.model import Action, Area, Objective, Plan, Review, Section

_LIMIT = 160


def clip(text: str, limit: int = _LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clip_change(before: str, after: str, limit: int = 80) -> tuple[str, str]:
    """Both texts clipped around their first difference, so a change past the clip stays visible."""
    before, after = " ".join(before.split()), " ".join(after.split())
    pairs = enumerate(zip(before, after, strict=False))
    same = next((i for i, (a, b) in pairs if a != b), min(len(before), len(after)))
    if same < limit - 20 or before == after:
        return clip(before, limit), clip(after, limit)
    start = before.rfind(" ", 0, same - 20) + 1 or same - 20
    return "…" + clip(before[start:], limit - 1), "…" + clip(after[start:], limit - 1)


@dataclass
class ImportReport:
    """The layout recognised per table, the column mapping, every guess, everything to check."""

    source: Path
    restored: bool = False  # the plan came back exactly from the part sendplan embedded
    printed_own: bool = False  # a document sendplan wrote, read from its print (no embedded plan)
    layouts: list[str] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    edits: list[CellEdit] = field(default_factory=list)  # cells changed in Word since sendplan wrote them
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def things_to_check(self) -> int:
        return len(self.guesses) + len(self.notes) + len(self.unplaced) + len(self.edits)

    def edit_lines(self) -> list[str]:
        lines = []
        for edit in self.edits:
            where = f"action {edit.ref}" if edit.ref else "a row"
            if not edit.action_id:
                lines.append(f"{where}, {edit.column}: added in Word: “{clip(edit.after, 80)}”")
            elif not edit.after:
                lines.append(f"{where}, {edit.column}: removed in Word (was “{clip(edit.before, 80)}”)")
            else:
                before, after = clip_change(edit.before, edit.after)
                lines.append(f"{where}, {edit.column}: “{before}” → “{after}”")
        return lines

    def text(self) -> str:
        sheets = self.source.suffix.lower() in (".xlsx", ".xlsm", ".csv")  # a tracker: no Word wording
        how = ("Restored exactly from the plan sendplan saved inside this document." if self.restored
               else "Read from the tracker's rows and columns." if sheets
               else "Read from the tables of a document sendplan wrote, without the plan saved inside it (exported "
                    "with --no-embed, or removed by another program): only what the document prints came back."
               if self.printed_own else "Read from the document's text and tables.")
        lines = [f"Import report for {self.source}", how, f"{self.things_to_check} things to check.",
                 "(Every item listed below counts.)", ""]
        lines += [f"{name}: {count}" for name, count in self.counts.items()]
        if self.layouts:
            lines += ["", "Layout recognised:"] + [f"  {layout}" for layout in self.layouts]
        if self.mappings:
            lines += ["", "Columns recognised:"] + [f"  {m}" for m in self.mappings]
        sections = [("Edited in Word since sendplan wrote it (not applied; the plan as written was imported)",
                     self.edit_lines())] if self.edits or not sheets else []
        sections += [("Guesses", self.guesses), ("Other things to check", self.notes),
                     ("Unplaced text, kept on the nearest action", self.unplaced)]
        for title, items in sections:
            lines += ["", f"{title} ({len(items)}):"] + [f"  - {item}" for item in items or ["none"]]
        return "\n".join(lines) + "\n"


@dataclass
class WordImport:
    plan: Plan
    report: ImportReport


@dataclass
class ImportState:
    """The plan being built and where the walk is in it."""

    plan: Plan
    report: ImportReport
    reviews: Reviews
    area: Area | None = None
    objective: Objective | None = None
    last_action: Action | None = None
    rating_review: Review | None = None

    def new_area(self, wording: str = "", ref: str = "", title: str = "") -> Area:
        self.area = Area(wording=wording, ref=ref, title=title)
        self.plan.areas.append(self.area)
        self.objective = None
        return self.area

    def current_rating_review(self) -> Review:
        """The review a plain RAG column rates at: the latest review found, else one made for the import."""
        if self.rating_review is None:
            self.rating_review = self.plan.latest_review() or self.reviews.add(
                Review(label="Rating at import", short_label="Import", day=date.today()))
        return self.rating_review

    def unplaced(self, text: str, where: str, action: Action | None = None) -> None:
        target = action or self.last_action
        self.report.unplaced.append(f"from {where}: {clip(text, 120)}")
        if target is not None:
            target.notes = f"{target.notes}\nUnplaced text (from {where}): {text}".strip()
        else:
            self.plan.sections.append(Section(title="Unplaced text", body=text))

"""What an import of a document found: the report the officer reads before a plan is made.

Word plans and Excel trackers fill the same :class:`ImportReport`: the layout recognised, the column
mapping, every guess and everything to check; the plan and its report travel as a :class:`PlanImport`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sendplan.exporters.office.mapping import ImportMapping

from sendplan.model import Plan

if TYPE_CHECKING:
    from sendplan.exporters.office.remembered import RememberedMappings

_LIMIT = 160


@dataclass(frozen=True)
class CellEdit:
    """A visible cell whose text differs from what sendplan wrote ("" before: a new row)."""

    action_id: str
    ref: str
    column: str
    before: str
    after: str



def clip(text: str, limit: int = _LIMIT) -> str:
    long = len(text) > limit * 4  # only the start is looked at: a cell may hold a megabyte
    text = " ".join(text[: limit * 4].split())
    return text if len(text) <= limit and not long else text[: limit - 1].rstrip() + "…"


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
    unused: list[tuple[str, int]] = field(default_factory=list)  # (what was not used, how many cells)
    refusal: str = ""  # why nothing could be read as an action table ("" when something was)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def things_to_check(self) -> int:
        """Every guess, note, piece of unplaced text, edit and unused cell counts."""
        return len(self.guesses) + len(self.notes) + len(self.unplaced) + len(self.edits) + sum(
            n for _, n in self.unused)

    def counted(self) -> str:
        """What was found, in words: "2 areas, 1 review, 0 narrative sections"."""
        return ", ".join(plural_count(n, name.lower()) for name, n in self.counts.items())

    def checks(self) -> str:
        """"1 thing to check", "6 things to check"."""
        return plural_count(self.things_to_check, "things") + " to check"

    def unused_lines(self) -> list[str]:
        return [f"{what} ({n} cell{'' if n == 1 else 's'})" for what, n in self.unused]

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
        lines = [f"Import report for {self.source}", how, f"{self.checks()}.",
                 "(Every item listed below counts.)", ""]
        lines += [f"{name}: {count}" for name, count in self.counts.items()]
        if self.layouts:
            lines += ["", "Layout recognised:"] + [f"  {layout}" for layout in self.layouts]
        if self.mappings:
            lines += ["", "Columns recognised:"] + [f"  {m}" for m in self.mappings]
        sections = [("Edited in Word since sendplan wrote it (not applied; the plan as written was imported)",
                     self.edit_lines())] if self.edits or not sheets else []
        sections += [("Guesses", self.guesses), ("Other things to check", self.notes),
                     ("Unplaced text, kept on the nearest action", self.unplaced),
                     ("Cells not used (each counts)", self.unused_lines())]
        for title, items in sections:
            lines += ["", f"{title} ({len(items)}):"] + [f"  - {item}" for item in items or ["none"]]
        return "\n".join(lines) + "\n"


@dataclass
class PlanImport:
    """A plan made from a document, and the report of how it was read."""

    plan: Plan
    report: ImportReport
    mapping: ImportMapping = field(default_factory=ImportMapping)  # how each table was read




class PlanSource(Protocol):
    """A document opened for import, read again (quickly) whenever the officer changes the mapping."""

    name: str
    adjustable: bool  # False for a document whose plan comes back exactly (nothing to map)

    def read(self, mapping: ImportMapping | None = None,
             remembered: RememberedMappings | None = None) -> PlanImport: ...


def plural_count(n: int, plural: str) -> str:
    """"1 review", "2 reviews", "1 progress update", "1 piece of unplaced text" (the plural as given)."""
    if n != 1:
        return f"{n} {plural}"
    head, of, tail = plural.partition(" of ")
    words = head.split(" ")
    words[-1] = words[-1][:-1] if words[-1].endswith("s") and not words[-1].endswith("ss") else words[-1]
    return f"1 {' '.join(words)}{of}{tail}"

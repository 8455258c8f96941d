"""Read back what sendplan's own Word documents print, when the plan saved inside them is gone.

Some tools drop custom parts; the document then falls back to its text. This module recognises the
parts sendplan writes around the action tables: the cover (title, local area, partners, version and
status), the summary and exceptions pages (read for area titles, revision reasons and measures,
never turned into narrative), the progress key's explanation, and the fixed headings and
placeholders. Everything else is left to the general importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sendplan.exporters.office import normalise_title
from sendplan.exporters.word.embed import ref_key
from sendplan.exporters.word.read.body import Para, Table

from sendplan.model import DateRevision, DueDate, Measure, Plan

_SKIP_LINES = {"review pack", "action plan", "action tables", "none.",
               "this plan has no areas for improvement or actions yet. add them in sendplan, then export again.",
               "no objectives have been added to this area yet."}
_KEY_EXPLAINED = "progress updates in the action tables are coloured by the review"
_VERSION = re.compile(r"^Version:\s*(.*?)\s*(v?\d[\w.\-]*)?\s*$")
_CAPTION = re.compile(r"^Actions for .+? (\S+): (.+)$", re.IGNORECASE | re.DOTALL)
_AREA_ROW = re.compile(r"^(\S+)\.\s+(.+)$", re.DOTALL)
_FOOTER = re.compile(r"^(?P<status>[^·]*?)\s*(?P<version>v?\d[\w.\-]*)?\s*·\s*(?:(?:Produced for the|Progress at) "
                     r"(?P<review>[^·]+?)(?: \((?P<day>\d{1,2}[./]\d{1,2}[./]\d{2,4})\))?\s*·\s*)?Page\b")


@dataclass
class OwnParts:
    """What the fixed parts of a sendplan document said, and which blocks they used up."""

    consumed: set[int] = field(default_factory=set)
    area_titles: dict[str, str] = field(default_factory=dict)  # area ref → title
    reasons: dict[str, list[str]] = field(default_factory=dict)  # action ref key → revision reasons
    measures: dict[str, list[Measure]] = field(default_factory=dict)  # action ref key → measures
    measure_labels: list[str] = field(default_factory=list)
    local_area: str = ""
    partners: tuple[str, ...] = ()
    version: str = ""
    status: str = ""
    rated_at: str = ""  # the review the document was produced for (its ratings are at that review)
    rated_on: str = ""  # that review's date as printed (30/09/2017 or 30.09.17)
    footer_found: bool = False  # the footer sendplan writes: the document is one of ours

    def apply(self, plan: Plan) -> None:
        """Put what was read into the plan (after the tables were imported)."""
        if self.version or self.status:
            plan.version, plan.status = self.version or plan.version, self.status or plan.status
        plan.local_area = plan.local_area or self.local_area
        plan.partners = plan.partners or self.partners
        for area in plan.areas:
            title = self.area_titles.get(area.ref)
            if title and title != (area.wording.split("\n", 1)[0] if area.wording else ""):
                area.title = title
        by_label = {r.short_label or r.label: r.id for r in plan.reviews}
        for _, _, action in plan.iter_actions():
            key = ref_key(action.ref)
            reasons = self.reasons.get(key, [])
            revisions = action.due.revisions
            if reasons and len(reasons) == len(revisions):
                action.due = DueDate(action.due.original, tuple(DateRevision(r.value, reason) for r, reason in
                                                                zip(revisions, reasons, strict=True)))
            for measure in self.measures.get(key, []):
                measure.actuals = {by_label[label]: value for label, value in measure.actuals.items()
                                   if label in by_label and value and value != "Not recorded"}
                action.measures.append(measure)


def read_own_parts(blocks: list[Para | Table], footer: tuple[str, ...] = ()) -> OwnParts:
    """Find the parts sendplan writes; nothing is found in documents sendplan did not write."""
    own = OwnParts()
    for line in footer:
        if match := _FOOTER.match(line):
            own.footer_found = True
            own.status, own.version = match["status"].strip(), match["version"] or ""
            own.rated_at, own.rated_on = (match["review"] or "").strip(), match["day"] or ""
            break
    in_summary = in_key = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            if in_summary:
                _summary_table(own, block)
                own.consumed.add(index)
            if match := _CAPTION.match(block.caption):
                own.area_titles.setdefault(match[1], match[2].strip())
            continue
        text, style = block.text, block.style.lower().replace(" ", "")
        if style == "heading1":
            in_summary = text.startswith("Summary of progress at ")
            in_key = text == "Progress key"
        if in_summary or (in_key and text.lower().startswith(_KEY_EXPLAINED)):
            own.consumed.add(index)
        elif style == "subtitle" and not own.local_area:
            own.local_area = text
            own.consumed.add(index)
        elif text.lower() in _SKIP_LINES and (style.startswith("heading") or text.lower() != "action plan"
                                              or index < 8):
            own.consumed.add(index)
        elif text.startswith("Partners: ") and index < 8:
            own.partners = tuple(p.strip() for p in text[len("Partners: "):].split(",") if p.strip())
            own.consumed.add(index)
        elif (match := _VERSION.match(text)) and index < 8:
            own.status, own.version = (match[1] or "").strip(), match[2] or ""
            own.consumed.add(index)
    return own


def _summary_table(own: OwnParts, table: Table) -> None:
    titles = [normalise_title(c.text) for c in table.rows[0]]
    rows = [[c.text for c in row] for row in table.rows[1:]]
    if titles[:1] == ["area"] and titles[-1:] == ["total"]:
        for row in rows:
            if match := _AREA_ROW.match(row[0]):
                own.area_titles[match[1]] = match[2].strip()
    elif titles[:1] == ["action"] and "reasons" in titles:
        at = titles.index("reasons")
        for row in rows:
            reasons = [re.sub(r"^\d+\.\s*", "", line) for line in row[at].split("\n") if line.strip()]
            own.reasons[ref_key(row[0])] = ["" if r == "No reason recorded" else r for r in reasons]
    elif titles[:4] == ["action", "measure", "baseline", "target"]:
        labels = [" ".join(c.text.split()) for c in table.rows[0][4:]]
        for row in rows:
            actuals = dict(zip(labels, row[4:], strict=False))
            own.measures.setdefault(ref_key(row[0]), []).append(
                Measure(name=row[1], baseline=row[2], target=row[3], actuals=actuals))

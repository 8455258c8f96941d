"""Helpers for the Word importer: stacked blocks, date stacks, table kinds, and the review key."""

from __future__ import annotations

import calendar
import re
from datetime import date

from sendplan.exporters.colours import normalise as normalise_colour
from sendplan.exporters.colours import rgb
from sendplan.exporters.docx_reader import Cell, Para, Table
from sendplan.exporters.word_columns import normalise

from sendplan.commands import rating_key_for
from sendplan.dates import MONTHS, DateParseError, parse_due, parse_uk_date
from sendplan.model import Plan, Review

Blocks = list[list[Para]]
_REVIEW_DATE = re.compile(r"^\s*(?:date of )?review(?: date)?s?\s*[:\-–]\s*(.+)$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_KEY_HEADING = ("progress section code", "progress key", "progress code", "colour code", "key to progress")
NEAR_COLOUR = 3 * 40 ** 2


def split_blocks(cell: Cell) -> Blocks:
    """Paragraphs grouped into blocks separated by blank paragraphs (how stacked actions are laid out)."""
    blocks: Blocks = [[]]
    for para in cell.paragraphs:
        if para.text:
            blocks[-1].append(para)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


_LEADING_REF = re.compile(r"^(\d+(?:\.\d+)*(?:\s?\([a-z]{1,3}\)|(?!st\b|nd\b|rd\b|th\b)[a-z]{1,2}\b)|\(?[a-z]{1,3}\))"
                          r"[\s:.\u2013-]+")


def split_ref(text: str, objective_ref: str) -> tuple[str, str]:
    """"1.2 (b) Recruit…" → ("1.2 (b)", "Recruit…"); "(b) Recruit…" → (objective ref + " (b)", …); a
    text that starts with no reference → ("", text). The reference is data, not part of the text."""
    match = _LEADING_REF.match(text)
    if not match:
        return "", text
    ref = match[1]
    if ref.endswith(")") and not ref[0].isdigit():
        ref = f"{objective_ref} ({ref.strip('()')})".strip()
    return ref, text[match.end():]


def earlier_and_current(block: list[Para]) -> tuple[list[str], list[str]]:
    """Date texts in a By When cell: struck-through or "was …" values are earlier, the rest current."""
    earlier, current = [], []
    for para in block:
        for line in para.text.split("\n"):
            line = line.strip().strip("()").strip()
            if not line:
                continue
            if line.lower().startswith("was "):
                earlier += [part.strip() for part in line[4:].split(",") if part.strip()]
            elif para.strike:
                earlier.append(line)
            else:
                current.append(line)
    return earlier, current


def classify_table(titles: list[str], table: Table, plan: Plan) -> str:
    t = [normalise(title) for title in titles]
    first = t[0] if t else ""
    if ("label" in t and "review" in t) or first in _KEY_HEADING:
        return "progress-key"
    if len(t) >= 2 and first == "review" and t[1] == "date":
        return "review-dates"
    if first in ("rating", "rag", "rag rating", "rag status", "status", "key", "rag key"):
        return "rag-key"
    words = [row[0].text for row in table.rows[1:] if row and row[0].text]
    if words and len(words) <= 6 and all(rating_key_for(plan, w) or w.lower() in ("blue", "not started")
                                         for w in words):
        return "rag-key"
    if len(t) >= 2 and first in ("term", "terms", "abbreviation", "abbreviations", "acronym", "acronyms",
                                 "glossary"):
        return "glossary"
    if t[:3] == ["name", "role", "organisation"]:
        return "signatories"
    if first.startswith("name") and any(x.startswith(("organisation", "organization", "role", "agency"))
                                        for x in t[1:]):
        return "members"
    if first.startswith("workstream") and any(x.startswith("lead") for x in t[1:]):
        return "workstreams"
    return ""


def _month_year(text: str) -> date | None:
    for word, year in _MONTH_YEAR.findall(text):
        month = MONTHS.get(word.lower())
        if month:
            return date(int(year), month, calendar.monthrange(int(year), month)[1])
    return None


class KeyReviews:
    """Reviews found in the document (progress key, "Review Date" lines, a review-dates table)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._consumed: set[int] = set()
        self._by_colour: dict[str, Review] = {}

    def add(self, review: Review) -> Review:
        self.plan.reviews.append(review)
        return review

    def latest(self) -> Review | None:
        return self.plan.latest_review()

    def consumed(self, index: int) -> bool:
        return index in self._consumed

    def collect(self, blocks: list[Para | Table]) -> None:
        """Two passes: the progress key first (it names and colours the reviews), then review dates."""
        in_key = False
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                in_key = False
                titles = [c.text for c in block.rows[0]] if block.rows else []
                if titles and classify_table(titles, block, self.plan) == "progress-key":
                    self._key_table(block, titles)
                    self._consumed.add(index)
            elif normalise(block.text).startswith(_KEY_HEADING):
                in_key = True
                self._consumed.add(index)
            elif in_key and block.text:
                if not block.colour:
                    in_key = False
                    continue
                self._keyed(Review(label=block.text, short_label=block.text, colour=f"#{block.colour}",
                                   day=_month_year(block.text)))
                self._consumed.add(index)
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                titles = [c.text for c in block.rows[0]] if block.rows else []
                if titles and classify_table(titles, block, self.plan) == "review-dates":
                    for row in block.rows[1:]:
                        self._dated(row[0].text, row[1].text if len(row) > 1 else "",
                                    row[2].text if len(row) > 2 else "")
                    self._consumed.add(index)
            elif block.text and (match := _REVIEW_DATE.match(block.text)):
                self._dated("", match[1], "")
                self._consumed.add(index)

    def _keyed(self, review: Review) -> None:
        colour = normalise_colour(review.colour)
        if colour in self._by_colour:
            return
        self._by_colour[colour] = self.add(review)

    def _key_table(self, table: Table, titles: list[str]) -> None:
        t = [normalise(x) for x in titles]
        col = {name: (t.index(name) if name in t else -1) for name in ("label", "review", "date", "reporting period")}
        for row in table.rows[1:]:
            cells = [c for c in row]
            if not cells or not any(c.text for c in cells):
                continue
            coloured = next((p.colour for c in cells for p in c.paragraphs if p.colour), "")
            label = cells[col["review"]].text if col["review"] >= 0 else cells[0].text
            short = cells[col["label"]].text if col["label"] >= 0 else label
            day = None
            if col["date"] >= 0 and col["date"] < len(cells):
                try:
                    day = parse_uk_date(cells[col["date"]].text)
                except DateParseError:
                    day = _month_year(label)
            period = cells[col["reporting period"]].text if 0 <= col["reporting period"] < len(cells) else ""
            self._keyed(Review(label=label, short_label=short, day=day or _month_year(label),
                               colour=f"#{coloured or '1F4E79'}", period=period))

    def _dated(self, label: str, when: str, period: str) -> None:
        try:
            value = parse_due(when)
        except DateParseError:
            return
        if value.day is None:
            return
        for review in self.plan.reviews:
            same_month = review.day and (review.day.year, review.day.month) == (value.day.year, value.day.month)
            if (label and review.label == label) or (not label and same_month):
                review.day = value.day
                review.period = review.period or period
                return
        name = label or f"{calendar.month_name[value.day.month]} {value.day.year} review"
        self.add(Review(label=name, short_label=f"{calendar.month_abbr[value.day.month]} {value.day.year}",
                        day=value.day, period=period))

    def review_for(self, para: Para) -> tuple[Review | None, str, bool]:
        """The review a progress paragraph belongs to: by its "Dec 2017:" label, else by its colour."""
        head, sep, rest = para.text.partition(":")
        if sep and len(head) <= 40:
            wanted = head.strip().lower()
            for review in self.plan.reviews:
                if wanted and wanted in (review.short_label.lower(), review.label.lower()):
                    return review, rest.strip(), True
        if para.colour and self._by_colour:
            colour = normalise_colour(para.colour)
            if colour in self._by_colour:
                return self._by_colour[colour], para.text, False
            best = min(self._by_colour, key=lambda c: sum((x - y) ** 2 for x, y in zip(rgb(c), rgb(colour),
                                                                                         strict=True)))
            if sum((x - y) ** 2 for x, y in zip(rgb(best), rgb(colour), strict=True)) <= NEAR_COLOUR:
                return self._by_colour[best], para.text, False
        return None, para.text, False

"""The reviews of an imported Word plan: its colour key, "Review Date" lines and dated labels.

A review is named and coloured by the progress key (coloured paragraphs or a small table under a
heading such as "Key: Progress Section Code"), dated by "Review Date:" lines (ordinals, capitals,
ranges and "further updated …" included: the first date counts, the rest is kept as a note), by a
review-dates table, or by a month-year in its label, dated at the month's end (reported as a guess).
Progress finds its review by a leading label ("Sep 24: …", "Update 12/03/24 – …", "(Dec 2017) …"),
by its colour, or by the column it sits in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sendplan.exporters.office import month_label, normalise_title
from sendplan.exporters.word.read.body import Para, Table

from sendplan.colours import normalise as normalise_colour
from sendplan.colours import rgb
from sendplan.dates import MONTHS, DateParseError, parse_quarter, parse_uk_date
from sendplan.model import REVIEW_COLOURS, Plan, Review

NEAR_COLOUR = 3 * 40 ** 2
_KEY_HEADING = re.compile(r"^(?:key(?: to (?:progress|colou?rs?))?(?: progress(?: section)? (?:code|key))?|"
                          r"progress (?:section )?(?:code|key|colou?r key)|colou?r (?:code|key)s?|"
                          r"review colou?r (?:code|key))$")
REVIEW_LINE = re.compile(r"^\s*(?:date of )?review(?: date)?s?\s*[:\-–]\s*(.+)$", re.IGNORECASE | re.DOTALL)
_MONTH_WORD = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATES = re.compile(
    r"\b(?P<d>\d{1,2})\s*[./\-]\s*(?P<m>\d{1,2})\s*[./\-]\s*(?P<y>\d{4}|\d{2})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_WORD})\b\.?,?(?:\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<m3>{_MONTH_WORD})\b\.?(?:[\s\-/']*(?P<y3>\d{{4}}|\d{{2}})\b)?",
    re.IGNORECASE)
_LABEL = re.compile(r"^\s*\(?\s*(?:(?:progress\s+)?update|progress|position|review)?\s*(?:(?:as\s+)?at|on)?\s*"
                    r"(?P<when>[^:()\-–—]{3,24}?)\s*(?:\)\s*[:\-–—]?|[:\-–—])\s*(?P<rest>.*)$",
                    re.IGNORECASE | re.DOTALL)

_LABEL_ONLY = re.compile(r"^\s*\(?\s*(?:(?:progress\s+)?update\s+(?:(?:as\s+)?at|for|on)?\s*)?(?P<when>"
                         r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[a-z]{3,9}\.?\s*'?\d{2,4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
                         r"q[1-4]\s*\d{4}(?:/\d{2,4})?)\s*(?:update|progress|review)?\s*\)?\s*:?\s*$", re.IGNORECASE)
_INLINE_LABEL = re.compile(rf"(?<=[.;!?])\s+(?=(?:{_MONTH_WORD})\.?\s*'?\d{{2,4}}\s*:\s)", re.IGNORECASE)


def split_inline_labels(para: Para) -> list[Para]:
    """"Jun 24: supplier chosen. Sep 24: site live." typed as one paragraph → one paragraph per label
    (only when the paragraph itself starts with a label)."""
    match = _LABEL.match(para.text)
    if not match or not mentions(match["when"]):
        return [para]
    return [replace(para, text=part) for part in _INLINE_LABEL.split(para.text) if part.strip()]


def label_only(para: Para) -> str:
    """The review label a paragraph consists of ("October 2024 update", "Sep 24:", bold "March 2025"),
    heading the paragraphs that follow it; "" when the paragraph is more than a label."""
    text = para.text.strip()
    if len(text) > 40 or "\n" in text:
        return ""
    match = _LABEL_ONLY.match(text)
    if not match:
        return ""
    labelled = para.bold or text.endswith(":") or re.search(r"\b(update|progress|review)\b", text, re.IGNORECASE)
    when = match["when"].strip()
    return when if labelled and (mentions(when) or parse_quarter(when)) else ""


@dataclass(frozen=True)
class Mention:
    """A date mentioned in text: a day (``day`` set) or a whole month; ``end`` is where it ends."""

    year: int
    month: int
    day: int | None
    end: int

    @property
    def value(self) -> date:
        return date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])


def _year(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def mentions(text: str) -> list[Mention]:
    """Every date or month-year in ``text``; a month given without a year takes the next year given
    ("23rd April and 25th June 2019" → both 2019), else the previous one."""
    raw: list[tuple[int | None, int, int | None, int]] = []
    for match in _DATES.finditer(text):
        if match["d"]:
            raw.append((_year(match["y"]), int(match["m"]), int(match["d"]), match.end()))
        elif match["m2"]:
            raw.append((int(match["y2"]) if match["y2"] else None, MONTHS[match["m2"].lower()[:3]],
                         int(match["d2"]), match.end()))
        else:
            word = match["m3"].lower()
            if word == "may" and not match["y3"]:
                continue  # "may" the verb
            raw.append((_year(match["y3"]) if match["y3"] else None, MONTHS[word[:3]], None, match.end()))
    found: list[Mention] = []
    for index, (year, month, day, end) in enumerate(raw):
        year = year or next((y for y, *_ in raw[index + 1:] if y), None) or next(
            (m.year for m in reversed(found)), None)
        if year is None or not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        found.append(Mention(year, month, day, end))
    return found


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


short_label = month_label



class Reviews:
    """The reviews found in the document, and which review a progress paragraph belongs to."""

    def __init__(self, plan: Plan, guess: Callable[[str], None]) -> None:
        self.plan = plan
        self.guess = guess
        self.consumed: set[int] = set()
        self.by_colour: dict[str, Review] = {}
        self._line_dated: set[str] = set()
        self._months: dict[str, set[tuple[int, int]]] = {}
        self._pending: dict[str, str] = {}  # review id → the guess about its date, unless a line dates it

    def add(self, review: Review) -> Review:
        self.plan.reviews.append(review)
        return review

    # -- collecting --------------------------------------------------------------------------------

    def collect(self, blocks: list[Para | Table]) -> None:
        """The key first (it names and colours the reviews), then the dates."""
        in_key = False
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                if in_key or self._is_key_table(block):
                    if self._key_table(block):
                        self.consumed.add(index)
                in_key = False
            elif _KEY_HEADING.match(normalise_title(block.text)) and self._coloured_follow(blocks, index):
                in_key = True
                self.consumed.add(index)
            elif in_key and block.text:
                colour = block.colour or block.fill
                if not colour:
                    in_key = False
                    continue
                self._keyed(block.text, [c for c in (block.colour, block.fill) if c])
                self.consumed.add(index)
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                titles = [normalise_title(c.text) for c in block.rows[0]] if block.rows else []
                if titles[:2] == ["review", "date"] or titles[:2] == ["review date", "review"]:
                    for row in block.rows[1:]:
                        texts = [c.text for c in row]
                        review = self.dated(texts[0] if titles[0] == "review" else "",
                                            texts[1] if len(texts) > 1 else "", texts[2] if len(texts) > 2 else "")
                        if review is not None and "note" in titles and titles.index("note") < len(texts):
                            review.note = texts[titles.index("note")]
                    self.consumed.add(index)
            elif block.text and (match := REVIEW_LINE.match(block.text)):
                if self.dated("", match[1], "", line=block.text):
                    self.consumed.add(index)

    @staticmethod
    def _coloured_follow(blocks: list[Para | Table], index: int) -> bool:
        """A key heading counts only when coloured paragraphs or a table follow it."""
        for block in blocks[index + 1:index + 6]:
            if isinstance(block, Table):
                return True
            if block.text:
                return bool(block.colour or block.fill)
        return False

    @staticmethod
    def _is_key_table(table: Table) -> bool:
        titles = [normalise_title(c.text) for c in table.rows[0]] if table.rows else []
        if ("label" in titles and "review" in titles) or (titles and _KEY_HEADING.match(titles[0])):
            return True
        rows = [row for row in table.rows if any(c.text for c in row)]
        return 0 < len(rows) <= 12 and len(table.rows[0]) <= 3 and all(
            any(c.fill or any(p.colour for p in c.paragraphs) for c in row) and "review" in
            " ".join(c.text for c in row).lower() for row in rows)

    def _key_table(self, table: Table) -> bool:
        titles = [normalise_title(c.text) for c in table.rows[0]]
        headed = ("label" in titles and "review" in titles) or bool(_KEY_HEADING.match(titles[0]))
        col = {name: (titles.index(name) if headed and name in titles else -1)
               for name in ("label", "review", "date", "reporting period")}
        found = False
        for row in table.rows[1:] if headed else table.rows:
            if not any(c.text for c in row):
                continue
            colours = [p.colour for c in row for p in c.paragraphs if p.colour] + [c.fill for c in row if c.fill]
            label_cell = row[col["review"]] if col["review"] >= 0 else next(c for c in row if c.text)
            short = row[col["label"]].text if col["label"] >= 0 else ""
            day = None
            if 0 <= col["date"] < len(row):
                try:
                    day = parse_uk_date(row[col["date"]].text)
                except DateParseError:
                    day = None
            period = row[col["reporting period"]].text if 0 <= col["reporting period"] < len(row) else ""
            self._keyed(label_cell.text, colours, short=short, day=day, period=period)
            found = True
        return found

    def _keyed(self, label: str, colours: list[str], *, short: str = "", day: date | None = None,
               period: str = "") -> None:
        colours = [normalise_colour(c) for c in colours if c]
        if any(c in self.by_colour for c in colours):
            return
        months = mentions(label)
        if day is None and months:
            day = months[0].value
        review = self.add(Review(label=label, short_label=short or (short_label(day) if day else label), day=day,
                                 colour=f"#{colours[0]}" if colours else "#1F4E79", period=period))
        self._months[review.id] = {(m.year, m.month) for m in months}
        if months and months[0].day is None and day == months[0].value:
            self._pending[review.id] = (f"The review “{' '.join(label.split())}” gives only a month; it was dated "
                                        f"{day:%d/%m/%Y}, the end of that month.")
        for colour in colours:
            self.by_colour.setdefault(colour, review)

    def dated(self, label: str, when: str, period: str, *, line: str = "") -> Review | None:
        """Date a review from a "Review Date" line or a review-dates row; None when no date is in it."""
        found = mentions(when)
        if not found:
            return None
        first = found[0]
        rest = when[first.end:].strip(" \t\n-–—,;.")
        line_months = [(m.year, m.month) for m in found]
        review = next((r for r in self.plan.reviews if label and r.label == label), None)
        for wanted in line_months:  # the first date's month first, then the others in the line
            if review is not None:
                break
            review = next((r for r in self.plan.reviews if r.id not in self._line_dated and
                           (wanted in self._months.get(r.id, set()) or
                            (r.day and (r.day.year, r.day.month) == wanted))), None)
        if first.day is None:
            self.guess(f"“{when.strip()[:60]}” gives only a month; the review was dated {first.value:%d/%m/%Y}.")
        if review is None:
            day = first.value
            review = self.add(Review(label=label or f"{calendar.month_name[day.month]} {day.year} review",
                                     short_label=short_label(day), day=day, period=period))
        review.day = first.value
        review.period = review.period or period
        if line and rest:  # "16th April 2018 – July 2018 (Date amended …)": the first date counts
            review.note = " ".join(rest.split())
        self._line_dated.add(review.id)
        self._pending.pop(review.id, None)
        return review

    def finish(self) -> None:
        """Report the dates that stayed guesses; give each review no key coloured a colour of its own."""
        for message in self._pending.values():
            self.guess(message)
        self._pending.clear()
        keyed = {review.id for review in self.by_colour.values()}
        used = {review.colour.upper() for review in self.plan.reviews if review.id in keyed}
        free = [colour for colour, _name in REVIEW_COLOURS if colour not in used]
        for review in self.plan.reviews_by_date():
            if review.id not in keyed and free:
                review.colour = free.pop(0)

    # -- placing progress ------------------------------------------------------------------------

    def by_label(self, text: str, colour: str = "") -> Review | None:
        """The review a label names: its label, short label, or a date in the same month (made if new)."""
        wanted = " ".join(text.split()).lower()
        if not wanted:
            return None
        for review in self.plan.reviews:
            if wanted in (review.short_label.lower(), review.label.lower()):
                return review
        found = mentions(text)
        if not found:
            return None
        month = (found[0].year, found[0].month)
        for review in self.plan.reviews:
            if review.day and (review.day.year, review.day.month) == month or month in self._months.get(review.id, ()):
                return review
        day = found[0].value
        if found[0].day is None:
            self.guess(f"“{text.strip()}” was taken as a review at the end of that month ({day:%d/%m/%Y}).")
        review = self.add(Review(label=f"{calendar.month_name[day.month]} {day.year} review",
                                 short_label=short_label(day), day=day))
        if colour:
            review.colour = f"#{normalise_colour(colour)}"
        self._months[review.id] = {month}
        return review

    def for_column(self, label: str) -> Review:
        """The review a column's title names ("Mar 24", "Q2 2025/26", "6 month review"), made if new: a
        month is dated at its end, a quarter at its last day (both reported as guesses), anything else
        is left undated under its own name."""
        wanted = " ".join(label.split())
        for review in self.plan.reviews:
            if wanted.lower() in (review.short_label.lower(), review.label.lower()):
                return review
        quarter = parse_quarter(wanted)
        if quarter is not None:
            first, last, financial = quarter
            months = {(first.year, first.month + n) for n in range(3)}
            found = next((r for r in self.plan.reviews if r.day == last or months & self._months.get(r.id, set())),
                         None)
            if found is not None:
                return found
            year = "the financial year's" if financial else "the calendar year's"
            self.guess(f"“{wanted}” was taken as a review on {last:%d/%m/%Y}, the end of {year} quarter "
                       f"({first:%B}–{last:%B %Y}).")
            review = self.add(Review(label=f"{wanted} review", short_label=wanted, day=last))
            self._months[review.id] = months
            return review
        found = self.by_label(wanted)
        if found is not None:
            return found
        review = self.add(Review(label=wanted, short_label=wanted))
        self.guess(f"The review “{wanted}” has no date in the document; it was left undated (give it one on the "
                   "Reviews page).")
        return review

    def covers(self, review: Review, text: str) -> bool:
        """Whether a label ("Sep 25") falls within a review (its month, or the months of its quarter)."""
        found = mentions(text)
        return bool(found) and self._covers_month(review, (found[0].year, found[0].month))

    def _covers_month(self, review: Review, month: tuple[int, int]) -> bool:
        return month in self._months.get(review.id, set()) or bool(
            review.day and (review.day.year, review.day.month) == month)

    def named(self, label: str, day_text: str) -> Review:
        """The review with this label (dated ``day_text`` when given), made if the document has none."""
        try:
            day = parse_uk_date(day_text) if day_text else None
        except DateParseError:
            day = None
        review = next((r for r in self.plan.reviews if r.label == label), None)
        if review is None and day is not None:
            month = (day.year, day.month)
            review = next((r for r in self.plan.reviews if r.day and (r.day.year, r.day.month) == month), None)
        if review is None:
            review = self.add(Review(label=label, short_label=short_label(day) if day else label, day=day))
            self._months[review.id] = {(m.year, m.month) for m in mentions(label)}
        review.day = day or review.day
        return review

    def review_for(self, para: Para) -> tuple[Review | None, str, bool]:
        """(review, text without its label, whether it carried a label) for a progress paragraph:
        by its leading label or date, else by its colour; (None, text, False) when neither says."""
        match = _LABEL.match(para.text)
        if match and match["rest"].strip():
            when = match["when"]
            found = mentions(when)
            keyed = self._keyed_colour(para) if len(found) > 1 else None
            if keyed is not None and any(self._covers_month(keyed, (m.year, m.month)) for m in found):
                self.guess(f"“{' '.join(when.split())}” names more than one review; the update is coloured for "
                           f"“{keyed.label}”, so it was filed there.")
                return keyed, match["rest"].strip(), True
            named = self.by_label(when, para.colour) if found or self._is_label(when) else None
            if named is not None:
                return named, match["rest"].strip(), True
        return self._keyed_colour(para), para.text, False

    def _keyed_colour(self, para: Para) -> Review | None:
        """The review a paragraph's colour stands for in the document's key, if it has one."""
        colour = para.colour or para.fill
        if colour and self.by_colour:
            colour = normalise_colour(colour)
            if colour in self.by_colour:
                return self.by_colour[colour]
            best = min(self.by_colour, key=lambda c: _distance(c, colour))
            if _distance(best, colour) <= NEAR_COLOUR:
                review = self.by_colour[best]
                self.guess(f"Progress coloured #{colour} was matched to the nearest key colour, “{review.label}”.")
                self.by_colour[colour] = review
                return review
        return None

    def _is_label(self, text: str) -> bool:
        wanted = " ".join(text.split()).lower()
        return any(wanted in (r.short_label.lower(), r.label.lower()) for r in self.plan.reviews)


def _distance(a: str, b: str) -> int:
    return sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b), strict=True))

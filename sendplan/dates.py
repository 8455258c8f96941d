"""Parse and format the dates officers type in UK style, and the non-date values plans use.

Examples understood: ``30.09.17``, ``30/09/2017``, ``30-9-2017``, ``30th September 2017``,
``30 Sept 2017``, ``Sept 2017``, ``September 2017``, ``Sep-17``, ``2017-09-30``, ``On-going``,
``Ongoing``, ``Termly``, ``Monthly``, ``TBC``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _full = calendar.month_name[_number].lower()
    MONTHS[_full] = _number
    MONTHS[_full[:3]] = _number
MONTHS["sept"] = 9

# Non-date values seen in real plans, mapped to the spelling we store.
NON_DATES: dict[str, str] = {
    "ongoing": "On-going",
    "on-going": "On-going",
    "on going": "On-going",
    "termly": "Termly",
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "annually": "Annually",
    "annual": "Annually",
    "yearly": "Annually",
    "weekly": "Weekly",
    "tbc": "TBC",
    "to be confirmed": "TBC",
    "complete": "Complete",
    "completed": "Complete",
}

_NUMERIC = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?([a-z]+)\.?,?\s*(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-/]*(\d{2}|\d{4})$")


class DateParseError(ValueError):
    """Raised when text is neither a recognisable UK date nor a known non-date value."""


@dataclass(frozen=True, slots=True)
class DueValue:
    """A due date as officers write it: a day, a whole month, or a non-date such as "On-going".

    ``day`` is set for dates; for a month (``precision == "month"``) it is the month's last day,
    so "Sept 2017" is overdue only once September is over. ``text`` holds the non-date wording.
    """

    day: date | None = None
    precision: str = "day"  # "day" | "month" | "text"
    text: str = ""

    @property
    def is_date(self) -> bool:
        return self.day is not None

    def display(self, style: str = "dotted") -> str:
        """Render for people: ``dotted`` → 30.09.17 (the familiar table), ``uk`` → 30/09/2017."""
        if self.day is None:
            return self.text
        if self.precision == "month":
            return f"{calendar.month_abbr[self.day.month]} {self.day.year}"
        return format_date(self.day, style)

    def to_dict(self) -> dict[str, str]:
        data = {"precision": self.precision}
        if self.day is not None:
            data["date"] = self.day.isoformat()
        if self.text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> DueValue:
        day = data.get("date")
        return cls(
            day=date.fromisoformat(day) if day else None,
            precision=data.get("precision", "day" if day else "text"),
            text=data.get("text", ""),
        )


def format_date(day: date, style: str = "uk") -> str:
    """Render a date: ``uk`` → 30/09/2017 (the UI), ``dotted`` → 30.09.17 (the familiar Word
    table), ``long`` → 30 September 2017, ``iso`` → 2017-09-30."""
    if style == "dotted":
        return day.strftime("%d.%m.%y")
    if style == "long":
        return f"{day.day} {calendar.month_name[day.month]} {day.year}"
    if style == "iso":
        return day.isoformat()
    return day.strftime("%d/%m/%Y")


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _month(word: str) -> int:
    month = MONTHS.get(word.lower().rstrip("."))
    if month is None:
        raise DateParseError(f"'{word}' is not a month name")
    return month


def _make(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"'{original}' is not a real date") from None


def parse_uk_date(text: str) -> date:
    """Parse one UK-style calendar date (day first). Raises :class:`DateParseError`."""
    value = parse_due(text)
    if value.day is None or value.precision != "day":
        raise DateParseError(f"'{text}' is not a full date (day, month and year)")
    return value.day


def parse_due(text: str) -> DueValue:
    """Parse what an officer typed in a "By When" cell. Raises :class:`DateParseError`."""
    raw = " ".join(text.replace("\u00a0", " ").split())
    if not raw:
        raise DateParseError("no date was given")
    lowered = raw.lower()
    if lowered in NON_DATES:
        return DueValue(precision="text", text=NON_DATES[lowered])
    if match := _ISO.match(lowered):
        return DueValue(day=_make(int(match[1]), int(match[2]), int(match[3]), raw))
    if match := _NUMERIC.match(lowered):
        return DueValue(day=_make(_year(match[3]), int(match[2]), int(match[1]), raw))
    if match := _DAY_MONTH_YEAR.match(lowered):
        return DueValue(day=_make(_year(match[3]), _month(match[2]), int(match[1]), raw))
    if match := _MONTH_YEAR.match(lowered):
        year, month = _year(match[2]), _month(match[1])
        last = calendar.monthrange(year, month)[1]
        return DueValue(day=date(year, month, last), precision="month")
    raise DateParseError(f"'{raw}' is not a date this app understands (try 30/09/2017 or On-going)")


def parse_due_lenient(text: str) -> DueValue:
    """Like :func:`parse_due` but keeps unrecognised wording as a non-date value instead of failing."""
    try:
        return parse_due(text)
    except DateParseError:
        return DueValue(precision="text", text=" ".join(text.split()))


_QUARTER = re.compile(r"^\s*(?:q|quarter\s*)([1-4])\s*[,\-–]?\s*(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?\s*$",
                      re.IGNORECASE)


def parse_quarter(text: str) -> tuple[date, date, bool] | None:
    """(first day, last day, financial) of a quarter as plans write it, None if ``text`` is not one.

    "Q2 2025/26" is the second quarter of the financial year April 2025 – March 2026 (July–September
    2025), as councils and the NHS count; "Q2 2025" is April–June 2025 of the calendar year."""
    match = _QUARTER.match(text)
    if not match:
        return None
    number, year = int(match[1]), int(match[2])
    financial = bool(match[3])
    first_month = (3 * number + 1) if financial else (3 * number - 2)
    if first_month > 12:
        first_month, year = first_month - 12, year + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1]), financial

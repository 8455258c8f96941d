"""UK date parsing and text cleaning: what officers type and paste."""

from __future__ import annotations

from datetime import date

import pytest

from sendplan.dates import DateParseError, DueValue, format_date, parse_due, parse_due_lenient, parse_uk_date
from sendplan.text import clean_line, clean_text


@pytest.mark.parametrize("typed, expected", [
    ("30.09.17", date(2017, 9, 30)),
    ("30/09/2017", date(2017, 9, 30)),
    ("30-9-2017", date(2017, 9, 30)),
    ("1.12.17", date(2017, 12, 1)),
    ("30th September 2017", date(2017, 9, 30)),
    ("1st Dec 2017", date(2017, 12, 1)),
    ("22nd  March, 2018", date(2018, 3, 22)),
    ("3rd of Sept 2018", date(2018, 9, 3)),
    ("2017-09-30", date(2017, 9, 30)),
    (" 30.09.17\u00a0", date(2017, 9, 30)),
])
def test_full_uk_dates(typed: str, expected: date) -> None:
    assert parse_uk_date(typed) == expected
    assert parse_due(typed) == DueValue(day=expected)


@pytest.mark.parametrize("typed, expected", [
    ("Sept 2017", date(2017, 9, 30)),
    ("September 2017", date(2017, 9, 30)),
    ("Feb 2024", date(2024, 2, 29)),
    ("Sep-17", date(2017, 9, 30)),
])
def test_month_only_means_end_of_month(typed: str, expected: date) -> None:
    value = parse_due(typed)
    assert value.day == expected and value.precision == "month"
    assert value.display() == f"{expected:%b} {expected.year}"


@pytest.mark.parametrize("typed, stored", [
    ("On-going", "On-going"), ("Ongoing", "On-going"), ("on going", "On-going"),
    ("Termly", "Termly"), ("TERMLY", "Termly"), ("tbc", "TBC"),
])
def test_non_dates(typed: str, stored: str) -> None:
    value = parse_due(typed)
    assert value.day is None and value.text == stored and value.display() == stored


@pytest.mark.parametrize("typed", ["31.02.18", "next spring", "", "13/13/2017", "Smarch 2017"])
def test_rejects_what_is_not_a_date(typed: str) -> None:
    with pytest.raises(DateParseError):
        parse_due(typed)


def test_lenient_keeps_unknown_wording_as_text() -> None:
    assert parse_due_lenient("After the summer  holidays") == DueValue(precision="text",
                                                                      text="After the summer holidays")


def test_display_styles() -> None:
    day = date(2017, 12, 1)
    assert DueValue(day=day).display() == "01.12.17"
    assert DueValue(day=day).display("uk") == "01/12/2017"
    assert format_date(day, "long") == "1 December 2017"
    assert DueValue.from_dict(DueValue(day=day).to_dict()) == DueValue(day=day)


def test_year_pivot() -> None:
    assert parse_uk_date("01.01.69").year == 2069
    assert parse_uk_date("01.01.70").year == 1970


def test_clean_text_from_word_paste() -> None:
    pasted = "Line one\x0bLine two\x07\r\nThird\x00 \u201csmart\u201d\u00a0nbsp\ttab 🙂 עברית"
    assert clean_text(pasted) == "Line one\nLine two\nThird \u201csmart\u201d\u00a0nbsp\ttab 🙂 עברית"


def test_clean_text_drops_every_xml_forbidden_character() -> None:
    forbidden = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c")
    assert clean_text(f"a{forbidden}\ud800\ufffe\uffffb") == "ab"
    assert clean_line(" two\nlines ") == "two lines"

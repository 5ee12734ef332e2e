"""Dates and times as typed on the intake form: UK order, London wall time, no guessing."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from mscc_desk.domain.typed_time import (
    PartialDate,
    TypedTimeError,
    age_on,
    format_uk_datetime,
    parse_partial_date,
    parse_uk_date,
    parse_uk_datetime,
)

NOW = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)
TODAY = date(2027, 3, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/02/1950", date(1950, 2, 1)),  # day first: 1 February, never 2 January
        ("1/2/1950", date(1950, 2, 1)),
        ("01.02.1950", date(1950, 2, 1)),
        ("01021950", date(1950, 2, 1)),
        ("01/02/50", date(1950, 2, 1)),
        ("01/02/27", date(2027, 2, 1)),
        ("3/2", date(2027, 2, 3)),
        ("1950-02-01", date(1950, 2, 1)),
        ("yesterday", date(2027, 3, 26)),
    ],
)
def test_dates_are_read_day_first(text: str, expected: date) -> None:
    assert parse_uk_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["Feb 1", "1/2/3/4", "first of May"])
def test_what_is_not_a_date_is_refused_with_the_format(text: str) -> None:
    with pytest.raises(TypedTimeError, match="dd/mm/yyyy"):
        parse_uk_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/1950", "31/02/1950 is not a real date: February 1950 has 28 days"),
        ("29/02/2023", "29/02/2023 is not a real date: February 2023 has 28 days"),
        ("31/04/2020", "31/04/2020 is not a real date: April 2020 has 30 days"),
        ("13/13/2020", "13/13/2020 is not a real date: there is no month 13"),
        ("1950-02-30", "30/02/1950 is not a real date: February 1950 has 28 days"),
    ],
)
def test_an_impossible_date_says_what_is_wrong_with_it(text: str, why: str) -> None:
    """Written correctly, so "write it as dd/mm/yyyy" would be no help: say why it is not."""
    with pytest.raises(TypedTimeError) as caught:
        parse_uk_date(text, TODAY)
    assert str(caught.value) == why
    assert "write it as" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "first_day", "precision", "iso", "spoken"),
    [
        ("03/2019", date(2019, 3, 1), "month", "2019-03", "March 2019"),
        ("3/2019", date(2019, 3, 1), "month", "2019-03", "March 2019"),
        ("March 2019", date(2019, 3, 1), "month", "2019-03", "March 2019"),
        ("sep 2020", date(2020, 9, 1), "month", "2020-09", "September 2020"),
        ("2019-03", date(2019, 3, 1), "month", "2019-03", "March 2019"),
        ("2019", date(2019, 1, 1), "year", "2019", "2019"),
        ("14/03/2019", date(2019, 3, 14), "day", "2019-03-14", "Thu 14 Mar 2019"),
        ("2019-03-14", date(2019, 3, 14), "day", "2019-03-14", "Thu 14 Mar 2019"),
    ],
)
def test_a_date_known_only_to_the_month_or_year_is_kept_as_such(
    text: str, first_day: date, precision: str, iso: str, spoken: str
) -> None:
    known = parse_partial_date(text, TODAY)
    assert known == PartialDate(first_day, precision)
    assert known.iso() == iso
    assert known.spoken() == spoken
    assert parse_partial_date(known.iso(), TODAY) == known  # the record's form reads back


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("13/2019", "there is no month 13"),
        ("Smarch 2019", "mm/yyyy (the month) or yyyy (the year)"),
        ("last spring", "mm/yyyy (the month) or yyyy (the year)"),
        ("31/02/2019", "February 2019 has 28 days"),
    ],
)
def test_a_partial_date_that_is_wrong_says_why(text: str, why: str) -> None:
    with pytest.raises(TypedTimeError, match=re.escape(why)):
        parse_partial_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/03/2027 09:30", datetime(2027, 3, 27, 9, 30, tzinfo=UTC)),  # GMT
        ("09:05", datetime(2027, 3, 27, 9, 5, tzinfo=UTC)),
        ("0905", datetime(2027, 3, 27, 9, 5, tzinfo=UTC)),
        ("28/03/2027 03:00", datetime(2027, 3, 28, 2, 0, tzinfo=UTC)),  # BST after the change
        ("yesterday 23:10", datetime(2027, 3, 26, 23, 10, tzinfo=UTC)),
        ("now", NOW),
    ],
)
def test_times_are_london_wall_time(text: str, expected: datetime) -> None:
    assert parse_uk_datetime(text, NOW) == expected


def test_a_time_skipped_by_the_clock_change_is_refused() -> None:
    with pytest.raises(TypedTimeError, match="clocks went forward"):
        parse_uk_datetime("28/03/2027 01:30", NOW)


@pytest.mark.parametrize("text", ["25:00", "27/03/2027", "soon", "27/03/2027 9"])
def test_bad_times_say_how_to_write_one(text: str) -> None:
    with pytest.raises(TypedTimeError):
        parse_uk_datetime(text, NOW)


def test_prefill_round_trips() -> None:
    assert parse_uk_datetime(format_uk_datetime(NOW), NOW) == NOW


def test_age() -> None:
    assert age_on(date(1950, 2, 1), TODAY) == 77
    assert age_on(date(1950, 3, 28), TODAY) == 76

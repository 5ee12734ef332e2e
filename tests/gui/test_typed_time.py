"""Dates and times as typed on the intake form: UK order, London wall time, no guessing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mscc_desk.gui.typed_time import (
    TypedTimeError,
    age_on,
    format_uk_datetime,
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


@pytest.mark.parametrize("text", ["31/02/1950", "13/13/2020", "Feb 1", "1/2/3/4"])
def test_impossible_dates_are_refused_with_the_format(text: str) -> None:
    with pytest.raises(TypedTimeError, match="dd/mm/yyyy"):
        parse_uk_date(text, TODAY)


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

"""Plausible ranges (domain/limits.py): a typo is refused by name, a real value is not.

Each range is tried just inside and just outside, through `parse_record` (what the
window and the command line both call) at the fake clock's now; the command line's own
refusals are in tests/cli/test_cli.py.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from mscc_desk.domain import limits
from mscc_desk.domain.clock import format_instant, london
from mscc_desk.domain.dataset import parse_record
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.pathway import default_pathway

from .conftest import FULL_CALL, NOW

DAY = timedelta(days=1)


def _call(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(FULL_CALL)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value
    return data


def _at(delta: timedelta) -> str:
    return format_instant(NOW + delta)


def _day(delta: timedelta) -> str:
    return (london(NOW).date() + delta).isoformat()


ACCEPTED = [
    ("call.received_at", _at(-365 * DAY)),
    ("call.received_at", _at(timedelta(minutes=4))),
    ("suspected_at", _at(-300 * DAY)),
    ("immobilised_at", _at(-DAY)),
    ("case.next_contact_due", _at(200 * DAY)),
    ("presentation.neuro_onset_at", _at(-2 * 365 * DAY)),
    ("management.mri.requested_at", _at(-2 * 365 * DAY)),
    ("patient.date_of_birth", _day(-DAY)),
    ("patient.date_of_birth", "1910-01-01"),
    ("case.diagnosed_on", "1950-06-01"),
    ("case.diagnosed_on", _day(timedelta(0))),
]
REFUSED = [
    ("call.received_at", "1900-01-01T10:00:00+00:00", "outside the years 2000–2099"),
    ("call.received_at", _at(-400 * DAY), "is more than a year ago"),
    ("call.received_at", _at(timedelta(minutes=6)), "is in the future"),
    ("suspected_at", "1901-01-01T10:00:00+00:00", "outside the years"),
    ("suspected_at", "2199-01-01T10:00:00+00:00", "outside the years"),
    ("suspected_at", _at(-400 * DAY), "is more than a year ago"),
    ("suspected_at", _at(-DAY) + "\x00", "not part of a date or time"),
    ("immobilised_at", _at(DAY), "is in the future"),
    ("case.next_contact_due", _at(400 * DAY), "is more than a year ahead"),
    ("presentation.neuro_onset_at", _at(-4 * 366 * DAY), "is more than 3 years ago"),
    ("management.mri.requested_at", _at(-4 * 366 * DAY), "is more than 3 years ago"),
    ("patient.date_of_birth", _day(timedelta(0)), "is today"),
    ("patient.date_of_birth", _day(DAY), "is in the future"),
    ("patient.date_of_birth", "1890-01-01", "not a plausible date of birth"),
    ("patient.date_of_birth", "1950-02-01\x00", "not part of a date or time"),
    ("case.diagnosed_on", "1899-12-31", "is before 1900"),
]


@pytest.mark.parametrize(("path", "value"), ACCEPTED)
def test_a_plausible_value_is_accepted(path: str, value: str) -> None:
    data = _call(path, value)
    if path == "call.received_at":  # the suspicion is never later than its call (M1)
        data["suspected_at"] = value
    parse_record(data, default_pathway(), NOW)


@pytest.mark.parametrize(("path", "value", "problem"), REFUSED)
def test_an_implausible_value_is_refused_by_name(path: str, value: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_record(_call(path, value), default_pathway(), NOW)
    assert caught.value.field == path
    assert problem in caught.value.problem


def test_ranges_follow_the_injected_clock_not_the_machine() -> None:
    later = NOW + 3 * 365 * DAY  # years after the machine's own date, too
    data = _call("suspected_at", format_instant(later - DAY))
    data["call"]["received_at"] = format_instant(later)
    data["immobilised_at"] = None
    data["management"] = {}
    data["presentation"]["neuro_onset_at"] = None
    data["case"]["next_contact_due"] = None
    record = parse_record(data, default_pathway(), later)
    assert record.facts.suspected_at == later - DAY


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "is required"),
        ("x" * 81, "at most 80"),
        ("bob\x07", "control characters"),
        ("eve\u200b", "control characters"),
        (" \t", "is required"),
    ],
)
def test_user_names_are_checked_once_for_every_caller(name: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        limits.check_user_name(name, "--user")
    assert caught.value.field == "--user" and problem in caught.value.problem
    assert limits.check_user_name("  Dr Ada Obi ", "--user") == "Dr Ada Obi"


def test_ids_and_json_depth() -> None:
    assert limits.check_id(limits.MAX_ID, "--case") == limits.MAX_ID
    for bad in (0, -1, limits.MAX_ID + 1, 10**20):
        with pytest.raises(InputError):
            limits.check_id(bad, "--case")
    deep: Any = 1
    for _ in range(limits.MAX_JSON_DEPTH):
        deep = [deep]
    assert limits.json_depth_problem({"a": deep[0]}) is None
    assert limits.json_depth_problem({"a": deep}) == "is nested more than 20 levels deep"


def test_the_windows_are_the_documented_ones() -> None:
    assert limits.CALL.before >= 365 * DAY and limits.CALL.after == timedelta(minutes=5)
    assert limits.check_instant(NOW, NOW, limits.PLANNED, "x") == NOW
    assert limits.EARLIEST == datetime(2000, 1, 1, tzinfo=UTC)
    assert limits.EARLIEST_DATE == date(1900, 1, 1)

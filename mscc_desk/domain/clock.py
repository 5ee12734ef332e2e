"""Time, injected.

Every instant the app stores is an aware UTC datetime; people see Europe/London. Code
asks a `Clock` for "now" instead of calling `datetime.now()`, so the 24-hour rules can be
tested at any moment, including across the March and October clock changes.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from .errors import InputError
from .limits import EARLIEST, LATEST

LONDON = ZoneInfo("Europe/London")
# Instants outside EARLIEST..LATEST are typing errors (domain/limits.py), and a clock
# started near year 9999 could not even be computed.


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real clock of the machine."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to; for tests and replay."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = as_utc(instant)

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta


def as_utc(instant: datetime) -> datetime:
    """Refuse naive datetimes: a time without an offset is ambiguous on a clock-change night."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a time without a UTC offset is ambiguous")
    return instant.astimezone(UTC)


def parse_instant(value: object, field: str) -> datetime:
    """Parse an ISO 8601 instant that carries its offset; anything else is refused."""
    if not isinstance(value, str):
        raise InputError(field, f"expected an ISO 8601 time with an offset, got {_kind(value)}")
    text = _printable(value, field)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{value!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InputError(
            field, f"{value!r} has no UTC offset (write e.g. 2027-03-27T09:30:00+00:00)"
        )
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError:
        instant = None
    if instant is None or not (EARLIEST <= instant < LATEST):
        raise InputError(field, f"{value!r} is outside the years {EARLIEST.year}–{LATEST.year - 1}")
    return instant


def parse_date(value: object, field: str) -> date:
    """Parse a calendar date (YYYY-MM-DD); an impossible one says why (30 February)."""
    if not isinstance(value, str):
        raise InputError(field, f"expected a date YYYY-MM-DD, got {_kind(value)}")
    text = _printable(value, field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        shape = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
        why = shape and calendar_problem(int(shape[1]), int(shape[2]), int(shape[3]))
        if why:
            raise InputError(field, f"{value!r} is not a real date: {why}") from None
        raise InputError(field, f"{value!r} is not a date YYYY-MM-DD") from None


def calendar_problem(year: int, month: int, day: int) -> str | None:
    """What makes a day, month and year not a date ("February 1950 has 28 days")."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return f"there is no year {year}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


def format_instant(instant: datetime) -> str:
    """The machine form: UTC with an explicit +00:00, as the command-line contract writes it."""
    return as_utc(instant).isoformat(timespec="seconds")


def london(instant: datetime) -> datetime:
    return as_utc(instant).astimezone(LONDON)


def compact_london(instant: datetime, now: datetime, *, today_bare: bool = False) -> str:
    """`Sun 06:12` within six days, `29 Nov 06:12` beyond (`06:12` today, with
    `today_bare`): short enough for a narrow column or a dense sheet, and never a bare
    time from another day, which a reader at 03:00 would take for today. The zone is
    added only when it is not the zone of now (GMT in a BST week, on a clock-change
    night), where the time alone would be misread."""
    local, here = london(instant), london(now)
    days = abs((local.date() - here.date()).days)
    if today_bare and days == 0:
        text = local.strftime("%H:%M")
    else:
        text = local.strftime("%a %H:%M" if days < 7 else "%d %b %H:%M")
    return text if local.tzname() == here.tzname() else f"{text} {local.tzname()}"


def format_london(instant: datetime, with_zone: bool = True) -> str:
    """The human form: local wall time with GMT/BST, so nobody misreads a clock-change night."""
    local = london(instant)
    text = local.strftime("%a %d %b %Y %H:%M")
    return f"{text} {local.tzname()}" if with_zone else text


def short_london(instant: datetime, weekday: bool = True) -> str:
    """`Wed 25 Nov 16:30 GMT`: the zone is kept so a clock-change night is not misread; the
    board, the case view and its timeline say a time this way."""
    local = london(instant)
    return f"{local.strftime('%a %d %b %H:%M' if weekday else '%d %b %H:%M')} {local.tzname()}"


def _printable(value: str, field: str) -> str:
    """Stripped; a NUL or other control character (which `fromisoformat` may ignore at the
    end) is refused rather than parsed around."""
    text = value.strip()
    if not (text.isascii() and text.isprintable()):
        raise InputError(field, f"{value!r} has characters that are not part of a date or time")
    return text


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__

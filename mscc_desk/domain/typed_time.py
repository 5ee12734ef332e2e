"""Dates and times as a coordinator types them: UK order, London wall time.

Calls are written up in a hurry, so the form takes the short forms people type
("14:05", "2/3 14:05", "02/03/27 1405", "now") and shows back what it understood with
the month in words and GMT/BST, so that 02/03 is never read as 3 February. Some dates
a person only knows to the month or the year ("diagnosed in March 2019"): those are
taken as "03/2019" or "2019" and kept as such, never turned into a made-up day.
A refusal says what is wrong with the value itself ("February 1950 has 28 days"),
not how to type a date that was typed correctly. Pure Python: the window and the
command line's `record` share these rules.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .clock import LONDON, calendar_problem, london

DATE_HELP = "write it as dd/mm/yyyy"
DATETIME_HELP = "write it as dd/mm/yyyy hh:mm, or hh:mm for today, or now"
PARTIAL_DATE_HELP = "write it as dd/mm/yyyy, mm/yyyy (the month) or yyyy (the year)"
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}

_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NAMED_MONTH = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$")


class TypedTimeError(ValueError):
    """What was typed is not a date or time; the message says how to write one."""


def parse_uk_date(text: str, today: date) -> date:
    """dd/mm/yyyy, dd/mm/yy, ddmmyyyy, dd/mm (this year), today, yesterday, or ISO."""
    t = text.strip().lower()
    if t in ("today", "yesterday"):
        return today - timedelta(days=1 if t == "yesterday" else 0)
    iso = _ISO_DATE.match(t)
    if iso:
        return _date(int(iso[1]), int(iso[2]), int(iso[3]))
    m = _DATE.match(t) or _COMPACT_DATE.match(t)
    if not m:
        raise TypedTimeError(f"{text.strip()!r} is not a date: {DATE_HELP}")
    year = today.year if m[3] is None else int(m[3])
    if m[3] is not None and len(m[3]) == 2:
        # Two digits: this century unless that would be later than this year.
        year += 2000 if year <= today.year % 100 else 1900
    return _date(year, int(m[2]), int(m[1]))


def parse_uk_datetime(text: str, now: datetime) -> datetime:
    """A London wall time as typed, as an aware UTC instant."""
    t = text.strip().lower()
    local_now = london(now)
    if t == "now":
        return now.astimezone(UTC).replace(second=0, microsecond=0)
    parts = t.replace("t", " ", 1).split() if _ISO_DATE.match(t[:10]) else t.split()
    if len(parts) == 1 and _TIME.match(parts[0]):
        day, clock = local_now.date(), parts[0]
    elif len(parts) == 2:
        try:
            day = parse_uk_date(parts[0], local_now.date())
        except TypedTimeError as exc:
            if "not a real date" in str(exc):
                raise  # written right, but no such day: say that, not how to write one
            raise TypedTimeError(
                f"{text.strip()!r} is not a date and time: {DATETIME_HELP}"
            ) from None
        clock = parts[1]
    else:
        raise TypedTimeError(f"{text.strip()!r} is not a date and time: {DATETIME_HELP}")
    m = _TIME.match(clock)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise TypedTimeError(f"{clock!r} is not a time of day: {DATETIME_HELP}")
    wall = datetime(day.year, day.month, day.day, int(m[1]), int(m[2]))
    instant = wall.replace(tzinfo=LONDON).astimezone(UTC)
    if london(instant).replace(tzinfo=None) != wall:
        raise TypedTimeError(
            f"{wall:%H:%M} did not happen in London on {day:%d/%m/%Y} (the clocks went forward)"
        )
    return instant


def format_uk_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def format_uk_datetime(instant: datetime) -> str:
    """The typed form of an instant (London wall time), e.g. to prefill "received at"."""
    return london(instant).strftime("%d/%m/%Y %H:%M")


def spoken_date(day: date) -> str:
    """The month in words, so a date can be read back over the phone without ambiguity."""
    return day.strftime("%a %d %b %Y")


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _date(year: int, month: int, day: int) -> date:
    """The date, or a refusal that says what is wrong with it (not how to write one)."""
    why = calendar_problem(year, month, day)
    if why:
        raise TypedTimeError(f"{day:02d}/{month:02d}/{year} is not a real date: {why}")
    return date(year, month, day)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year.

    `first_day` is what a date column can hold (the 1st of the month, 1 January); the
    precision says how much of it was known, so it is never shown as a precise day.
    """

    first_day: date
    precision: str  # "day", "month" or "year"

    def iso(self) -> str:
        """`2019-03-14`, `2019-03` or `2019`: the command line's form, as precise as known."""
        if self.precision == "year":
            return f"{self.first_day.year:04d}"
        if self.precision == "month":
            return f"{self.first_day.year:04d}-{self.first_day.month:02d}"
        return self.first_day.isoformat()

    def spoken(self) -> str:
        """`March 2019`, `2019`, or the day with its month in words."""
        if self.precision == "year":
            return str(self.first_day.year)
        if self.precision == "month":
            return self.first_day.strftime("%B %Y")
        return spoken_date(self.first_day)


def parse_partial_date(text: str, today: date) -> PartialDate:
    """A date as precise as the person knows it.

    Typed (dd/mm/yyyy, dd/mm/yy, mm/yyyy, "March 2019", yyyy) or ISO (2019-03-14,
    2019-03, 2019), so the window and a `record` script read the same values.
    """
    t = text.strip().lower()
    m = _YEAR.match(t)
    if m:
        return PartialDate(_date(int(m[1]), 1, 1), "year")
    m = _MONTH_YEAR.match(t) or _ISO_MONTH.match(t)
    if m:
        month, year = (int(m[1]), int(m[2])) if _MONTH_YEAR.match(t) else (int(m[2]), int(m[1]))
        if not 1 <= month <= 12:
            raise TypedTimeError(f"{text.strip()!r} is not a month: there is no month {month}")
        return PartialDate(date(year, month, 1), "month")
    m = _NAMED_MONTH.match(t)
    if m:
        if m[1] not in MONTHS:
            raise TypedTimeError(f"{text.strip()!r} is not a month: {PARTIAL_DATE_HELP}")
        return PartialDate(date(int(m[2]), MONTHS[m[1]], 1), "month")
    try:
        return PartialDate(parse_uk_date(text, today), "day")
    except TypedTimeError as exc:
        if "not a real date" in str(exc):
            raise
        raise TypedTimeError(f"{text.strip()!r} is not a date: {PARTIAL_DATE_HELP}") from None

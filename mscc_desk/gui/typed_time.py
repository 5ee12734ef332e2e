"""Dates and times as a coordinator types them: UK order, London wall time.

Calls are written up in a hurry, so the form takes the short forms people type
("14:05", "2/3 14:05", "02/03/27 1405", "now") and shows back what it understood with
the month in words and GMT/BST, so that 02/03 is never read as 3 February. Pure Python:
the rules can be tested without a window.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from ..domain.clock import LONDON, london

DATE_HELP = "write it as dd/mm/yyyy"
DATETIME_HELP = "write it as dd/mm/yyyy hh:mm, or hh:mm for today, or now"

_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")


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
        except TypedTimeError:
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
    try:
        return date(year, month, day)
    except ValueError:
        raise TypedTimeError(
            f"{day:02d}/{month:02d}/{year} is not a real date: {DATE_HELP}"
        ) from None

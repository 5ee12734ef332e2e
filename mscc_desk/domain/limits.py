"""Plausible ranges for what a person or a script types in, defined once.

A value outside them is a slip (a year typed wrong, a missing digit, a date of birth
left at today, a pasted control character), not a fact, so it is refused with the field
named before anything is stored, on the command line (exit 2) and in the window alike.
Ranges relative to "now" use the injected clock's now, never the machine's.

| value                                        | plausible range                        |
|----------------------------------------------|----------------------------------------|
| any instant at all (also `triage`)           | 2000-01-01 to 2099-12-31 (UTC)         |
| a call: received_at, suspected_at,           | a year before now to 5 minutes after   |
|   immobilised_at                             |                                        |
| care and history: checklist times,           | three years before now to 5 min after  |
|   onset of neurological symptoms             |                                        |
| a plan: next contact due                     | a year before now to a year after      |
| date of birth                                | 120 years ago to yesterday             |
| other past dates (diagnosis, pain onset)     | 1900-01-01 to today                    |
| JSON input                                   | 20 levels deep, integers of 15 digits  |
| ids (`--case`)                               | 1 to 2,147,483,647                     |
| user names                                   | 1-80 characters, no control characters |

Why these: a call is recorded as it comes in, or within days after a downtime; a year
covers any catching-up, and a call "received" decades ago or tomorrow is a typo. PCs'
clocks disagree by a minute or two, hence the five minutes. Checklist entries are
completed for the audit weeks or months after a case opened. A date of birth of today
is the form's untouched default: nobody referred for metastatic cancer was born today.
The app's inputs nest four levels deep and its numbers are small; a document 1,000
levels deep or a 4,300-digit number is an attack or a broken script. Ids are
PostgreSQL `integer`s; user names are `User.username`, String(80).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .errors import InputError

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)  # exclusive
EARLIEST_DATE = date(1900, 1, 1)
OLDEST_AGE_YEARS = 120
# Clocks on different PCs disagree a little: a time this far ahead is still "now".
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_JSON_DEPTH = 20
MAX_INT_DIGITS = 15
MAX_ID = 2_147_483_647
MAX_USER_NAME = 80


@dataclass(frozen=True)
class Window:
    """How far before and after now an instant of one kind may plausibly lie."""

    before: timedelta
    after: timedelta


YEAR = timedelta(days=366)
CALL = Window(YEAR, FUTURE_TOLERANCE)
HISTORY = Window(3 * YEAR, FUTURE_TOLERANCE)
PLANNED = Window(YEAR, YEAR)


def check_instant(instant: datetime, now: datetime, window: Window, field: str) -> datetime:
    """`instant` if it lies in `window` around `now`, else refused naming `field`."""
    if instant > now + window.after:
        if window.after <= FUTURE_TOLERANCE:
            raise InputError(field, "is in the future")
        raise InputError(field, f"is more than {_years(window.after)} ahead; check the year")
    if instant < now - window.before:
        raise InputError(field, f"is more than {_years(window.before)} ago; check the year")
    return instant


def _years(span: timedelta) -> str:
    years = round(span.days / 365.25)
    return "a year" if years == 1 else f"{years} years"


def check_birth_date(born: date, today: date, field: str) -> date:
    """Yesterday at the latest, and no more than OLDEST_AGE_YEARS ago."""
    if born > today:
        raise InputError(field, "is in the future")
    if born == today:
        raise InputError(field, "is today; a date of birth must be before today")
    if born < date(today.year - OLDEST_AGE_YEARS, 1, 1):
        raise InputError(field, f"is not a plausible date of birth ({born.isoformat()})")
    return born


def check_past_date(day: date, today: date, field: str) -> date:
    if day > today:
        raise InputError(field, "is in the future")
    if day < EARLIEST_DATE:
        raise InputError(field, f"is before {EARLIEST_DATE.year}; check the year")
    return day


def check_id(value: int, field: str) -> int:
    if isinstance(value, bool) or not 1 <= value <= MAX_ID:
        raise InputError(field, f"{value} is not an id (1 to {MAX_ID:,})")
    return value


def check_user_name(value: object, field: str) -> str:
    """A user name as stored: trimmed, 1-80 characters, nothing unprintable.

    Control and format characters (a bell, a zero-width space, a right-to-left mark) make
    two different names look the same in the audit trail, so they are refused.
    """
    if not isinstance(value, str):
        raise InputError(field, "must be text")
    name = value.strip()
    if not name:
        raise InputError(field, "is required")
    if len(name) > MAX_USER_NAME:
        raise InputError(field, f"must be at most {MAX_USER_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError(field, "must not contain control characters")
    return name


def json_depth_problem(value: object) -> str | None:
    """Why a parsed JSON document is too deep to be an input of this app, or None."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                return f"is nested more than {MAX_JSON_DEPTH} levels deep"
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None

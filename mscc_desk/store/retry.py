"""Run a unit of work again when another desk won a race for the same rows.

Several desks on one PostgreSQL database take calls at once. Two transactions that both
find "no patient with this NHS number" both insert one, and the second fails on the
unique constraint; two that lock rows in different orders deadlock; under stricter
isolation either may get a serialization failure. None of these is a mistake in what
the person typed: the same work, started again from the beginning, sees what the other
desk committed and succeeds (it finds the patient instead of inserting one).

So the whole transaction is retried, never a part of it: everything the failed attempt
wrote (the call, the audit event) was rolled back with it, so nothing is written twice.
The work function must therefore take everything it writes from its arguments and its
session, and keep no state between attempts. SQLite takes the write lock when a
transaction starts (BEGIN IMMEDIATE), so there these races cannot happen; a unique
violation there is retried too, harmlessly, and ends as the same refusal.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from .engine import Database

T = TypeVar("T")

ATTEMPTS = 8
# A short random pause before trying again, so desks that collided do not collide again
# in lock-step; it grows a little with each attempt.
FIRST_PAUSE_S = 0.01

UNIQUE_VIOLATION = "23505"
SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"
RETRYABLE_SQLSTATES = frozenset({UNIQUE_VIOLATION, SERIALIZATION_FAILURE, DEADLOCK_DETECTED})


def is_lost_race(exc: BaseException) -> bool:
    """Whether `exc` says another transaction got there first, not that the work is wrong."""
    if not isinstance(exc, DBAPIError):
        return False
    original = exc.orig
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if sqlstate is not None:
        return sqlstate in RETRYABLE_SQLSTATES
    # sqlite3 has no SQLSTATE; its unique violations say so in words.
    return "UNIQUE constraint failed" in str(original)


def is_connection_lost(exc: BaseException) -> bool:
    """Whether `exc` says the database could not be reached (not that the work is wrong,
    and not that SQLite is busy): the network dropped, the server is restarting, the
    file's disk is gone. What was being written is to be kept and tried again later."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError | InterfaceError):
        words = str(exc.orig).lower()
        return not ("locked" in words or "busy" in words)
    return False


def run_unit_of_work(
    db: Database,
    work: Callable[[Session], T],
    *,
    attempts: int = ATTEMPTS,
    pause: Callable[[float], None] = time.sleep,
) -> T:
    """`work(session)` in one transaction, started again from scratch after a lost race.

    Any other error (bad input, a refusal) propagates at once, after its rollback. After
    `attempts` lost races the last error propagates: a database that keeps refusing is
    a fault to report, not to hide.
    """
    for attempt in range(1, attempts + 1):
        try:
            with db.session() as session:
                return work(session)
        except DBAPIError as exc:
            if attempt == attempts or not is_lost_race(exc):
                raise
        pause(random.uniform(0, FIRST_PAUSE_S * attempt))
    raise AssertionError("unreachable: the last attempt returns or raises")

"""Slowing password guessing down without letting a stranger lock anyone out.

A lockout after N failures is a gift to a stranger: typing the administrator's name
five times with any password kept the real administrator out, and doing it again every
few minutes kept them out for good. So failures earn a pause instead, which grows with
each further failure and never exceeds `MAX_PAUSE`; attempts made during a pause are
refused without looking at the password and do not count, so hammering the keyboard
does not lengthen it. Two counters pause independently:

- per workstation (this computer's host name): failures of any kind typed here,
  including names that are not accounts, so a passer-by trying names on one PC is
  slowed, and an unknown name is paused there as a real one is;
- per account: failures against one real account, so guessing one person's password
  from several PCs is slowed too. At a workstation where the account has signed in
  before (within `KNOWN_DESK_FOR`: one of its own desks) only the failures typed at
  that workstation count, so a stranger at another PC cannot keep the account's owner
  out of their own desk; everywhere else every failure against the account counts.

A success resets its account, and the workstation it was typed at; so does an
administrator lifting the pause (`user unlock`), a password reset or change, or an
account being enabled. Failures older than `MEMORY` are forgotten.

Counts are read from the audit trail, so a restart resets nothing. A failed attempt
records the workstation and, only if the name is a real account, that account; nothing
derived from a name that is not an account is kept, since people type their password
into the username box.
"""

from __future__ import annotations

import socket
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditEvent

FREE_FAILURES = 5  # mistakes anyone makes; the pauses start after these
FIRST_PAUSE = timedelta(seconds=30)  # then doubles with each further failure
MAX_PAUSE = timedelta(minutes=15)
MEMORY = timedelta(hours=24)
KNOWN_DESK_FOR = timedelta(days=90)
MAX_WORKSTATION_LENGTH = 80

SIGN_IN = "auth.sign_in"
SIGN_IN_FAILED = "auth.sign_in_failed"
UNLOCK = "auth.unlock"
PAUSED = "paused"  # the `reason` of an attempt refused during a pause: not counted
# Events that end an account's pause: they name it as `account` in their detail.
ACCOUNT_RESETS = (
    SIGN_IN,
    UNLOCK,
    "user.unlocked",
    "user.password_reset",
    "user.password_changed",
    "user.password_set",
    "user.enabled",
)
# Events that end a workstation's pause: they name it as `workstation`.
WORKSTATION_RESETS = (SIGN_IN, UNLOCK, "auth.workstation_unlocked")


def this_workstation() -> str:
    """The host name: what a person at a PC cannot change, unlike an environment."""
    return workstation_name(socket.gethostname())


def workstation_or_here(given: str | None) -> str:
    """The workstation a caller named (tests, a desk that knows better), else this one."""
    return workstation_name(given) if given else this_workstation()


def workstation_name(raw: str) -> str:
    name = "".join(ch for ch in raw.strip() if not unicodedata.category(ch).startswith("C"))
    return name[:MAX_WORKSTATION_LENGTH] or "unknown"


@dataclass(frozen=True)
class Pause:
    """No attempt is looked at before `until`; `scope` is "account" or "workstation"."""

    until: datetime
    scope: str

    def wait_from(self, now: datetime) -> timedelta:
        return max(self.until - now, timedelta(0))


def pause_after(failures: int) -> timedelta | None:
    """How long the `failures`-th failure in a row makes the next attempt wait."""
    if failures < FREE_FAILURES:
        return None
    doublings = min(failures - FREE_FAILURES, 16)  # 30 s * 2**16 is far past the cap
    pause: timedelta = min(FIRST_PAUSE * (1 << doublings), MAX_PAUSE)
    return pause


def current_pause(
    session: Session, *, account_id: int | None, workstation: str | None, now: datetime
) -> Pause | None:
    """The longer of the account's and the workstation's pauses in force at `now`.

    None for either leaves its pause out (an unknown name has no account; the users
    window asks about an account wherever its failures were typed).
    """
    events = _events(session, (SIGN_IN_FAILED, *ACCOUNT_RESETS, *WORKSTATION_RESETS), now, MEMORY)
    pauses: list[Pause] = []
    if account_id is not None:
        own_desk = workstation is not None and workstation in _known_desks(session, account_id, now)
        failures = _failures(
            events,
            lambda d: (
                d.get("account") == account_id
                and (not own_desk or d.get("workstation") == workstation)
            ),
            lambda a, d: a in ACCOUNT_RESETS and d.get("account") == account_id,
        )
        pauses += _pause(failures, "account", now)
    if workstation is not None:
        failures = _failures(
            events,
            lambda d: d.get("workstation") == workstation,
            lambda a, d: a in WORKSTATION_RESETS and d.get("workstation") == workstation,
        )
        pauses += _pause(failures, "workstation", now)
    return max(pauses, key=lambda p: p.until, default=None)


_Detail = dict[str, Any]


def _events(
    session: Session, actions: Iterable[str], now: datetime, period: timedelta
) -> list[tuple[str, datetime, _Detail]]:
    rows = session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.detail)
        .where(
            AuditEvent.action.in_(tuple(actions)),
            AuditEvent.at >= now - period,
            AuditEvent.at <= now,  # a clock set back must not pause anyone for hours
        )
        .order_by(AuditEvent.id)
    ).all()
    return [(a, at, d) for a, at, d in rows if isinstance(d, dict)]


def _known_desks(session: Session, account_id: int, now: datetime) -> set[str]:
    """The workstations where this account has signed in (or unlocked) lately."""
    return {
        str(d.get("workstation"))
        for _a, _at, d in _events(session, (SIGN_IN, UNLOCK), now, KNOWN_DESK_FOR)
        if d.get("account") == account_id and d.get("workstation")
    }


def _failures(
    events: Iterable[tuple[str, datetime, _Detail]],
    counts: Callable[[_Detail], bool],
    resets: Callable[[str, _Detail], bool],
) -> list[datetime]:
    """The counted failures since the last reset, oldest first."""
    failures: list[datetime] = []
    for action, at, detail in events:
        if resets(action, detail):
            failures.clear()
        elif action == SIGN_IN_FAILED and detail.get("reason") != PAUSED and counts(detail):
            failures.append(at)
    return failures


def _pause(failures: list[datetime], scope: str, now: datetime) -> list[Pause]:
    pause = pause_after(len(failures))
    if pause is None or now >= max(failures) + pause:
        return []
    return [Pause(max(failures) + pause, scope)]


def wait_text(wait: timedelta) -> str:
    """ "45 seconds", "1 minute", "15 minutes": rounded up, so nobody tries too early."""
    seconds = max(1, int(-(-wait.total_seconds() // 1)))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"

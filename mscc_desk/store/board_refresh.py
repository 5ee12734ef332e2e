"""The board's refresh after a change: only the cases the change touched are read again.

Every write the app makes appends to the audit chain, and each event names its case and
the covered rows its transaction wrote (`AuditEvent.row_digests`). So a board read keeps
the point of the chain it is current to (the newest event's id and hash), and the next
refresh reads the events after it, works out which cases they touched and re-reads those
alone: at 2,000 open cases a refresh after a call or a tick is a few rows, not the whole
board again.

A full read is made instead whenever the events cannot say exactly what changed: the
first read; a chain that no longer holds the event the board was current to (a restore,
a rewrite); a deleted row (which cases it showed on can no longer be looked up); more
events than a refresh is for; and a new London day (every age). A patient's row touches
every case of theirs, a user's every case they overrode (the name shows there). A change
made outside the app is not in the chain: the desk's full reload every minute and F5 show
it, as they always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.clock import london
from .board import BoardRow, read_open_cases
from .engine import Database
from .models import AuditEvent, Call, Case, ChecklistItem, Deadline
from .witness import newest_event

# More events than this since the last read (a night's backlog, a bulk import): read all.
MOST_EVENTS = 500

# Covered tables whose rows show on the board, and how to find the cases a row shows on:
# its own case, or every case of a patient, or every case a user overrode (their name).
_CASES_OF: dict[str, tuple[Any, Any]] = {
    "deadline": (Deadline.case_id, Deadline.id),
    "checklist_item": (ChecklistItem.case_id, ChecklistItem.id),
    "call": (Call.case_id, Call.id),
    "patient": (Case.id, Case.patient_id),
    "user": (Case.id, Case.override_by_id),
}


@dataclass(frozen=True)
class BoardRead:
    """The open cases as read at `now`, current to audit event `through` (id, hash)."""

    rows: list[BoardRow]
    now: datetime
    through: tuple[int, str | None] | None
    full: bool  # this read was of every open case (not a refresh of some)


def read_board(db: Database, now: datetime, previous: BoardRead | None = None) -> BoardRead:
    """The board at `now`: re-reading only what changed since `previous`, when it can."""
    with db.read_session() as session:
        through = newest_event(session)
        if previous is not None and _same_day(previous.now, now):
            touched = _touched_since(session, previous.through, through)
            if touched is not None:
                fresh = read_open_cases(session, now, only=touched) if touched else []
                return BoardRead(_merged(previous.rows, touched, fresh, now), now, through, False)
        return BoardRead(read_open_cases(session, now), now, through, True)


def _same_day(before: datetime, now: datetime) -> bool:
    today: date = london(now).date()
    return london(before).date() == today


def _touched_since(
    session: Session,
    seen: tuple[int, str | None] | None,
    head: tuple[int, str | None] | None,
) -> set[int] | None:
    """The cases written since event `seen`, or None if only a full read will do."""
    if seen == head:
        return set()
    if seen is None or head is None or head[0] < seen[0]:
        return None
    still = session.execute(select(AuditEvent.hash).where(AuditEvent.id == seen[0])).first()
    if still is None or still[0] != seen[1]:
        return None  # the chain the board was read from is not this one any more
    events = (
        session.connection()
        .execute(
            select(AuditEvent.case_id, AuditEvent.row_digests)
            .where(AuditEvent.id > seen[0], AuditEvent.id <= head[0])
            .limit(MOST_EVENTS + 1)
        )
        .all()
    )
    if len(events) > MOST_EVENTS:
        return None
    return _cases_of(session, events)


def _cases_of(session: Session, events: Iterable[Any]) -> set[int] | None:
    cases: set[int] = set()
    rows_of: dict[str, set[int]] = {name: set() for name in _CASES_OF}
    for case_id, digests in events:
        if case_id is not None:
            cases.add(int(case_id))
        written: Mapping[str, Mapping[str, Any]] = digests or {}
        cases.update(int(i) for i in written.get("case", {}))
        for name, ids in rows_of.items():
            rows = written.get(name, {})
            if any(digest is None for digest in rows.values()):
                return None  # deleted: which cases it showed on is gone with it
            ids.update(int(i) for i in rows)
    for name, ids in rows_of.items():
        if ids:
            case_id_column, key = _CASES_OF[name]
            found = session.execute(select(case_id_column).where(key.in_(sorted(ids))))
            cases.update(int(i) for (i,) in found if i is not None)
    return cases


def _merged(
    before: list[BoardRow], touched: set[int], fresh: list[BoardRow], now: datetime
) -> list[BoardRow]:
    """The rows before, less the touched cases, plus those of them still open; a clock
    that has fallen due since is marked breached, as a full read at `now` would."""
    kept = [_at(row, now) for row in before if row.case_id not in touched]
    return kept + fresh


def _at(row: BoardRow, now: datetime) -> BoardRow:
    breached = row.next_deadline is not None and row.next_deadline.due_at <= now
    return row if breached == row.breached else replace(row, breached=breached)

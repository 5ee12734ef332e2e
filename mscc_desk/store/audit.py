"""The audit trail: append-only, and chained so that an edit behind the app's back shows.

Each event carries the SHA-256 of its own content and of the event before it; changing,
inserting or deleting a row breaks the chain at that row, which `db check` reports. An
event also carries the digests of the patient-data rows its transaction wrote
(`row_digests`, filled in at commit by `store.audit_capture`), so the chain vouches for
those rows too; and the chain's head is kept outside the database (`store.witness`), so
cutting off the newest events shows as well.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.orm import Session

from .bulk_ids import give_ids
from .models import AuditEvent
from .row_digests import (
    RowDigests,
    baseline_digests,
    compact_encoder,
    merge,
    model_table,
    readable_table,
)

_CHAIN_LOCK = 0x4D534343  # "MSCC": the advisory lock that orders audit appends

# session.info key: the events recorded in the session's current transaction, in order.
EVENTS_KEY = "mscc_desk.audit_events"
BASELINE_ACTION = "audit.baseline"


def chain_digest(
    prev: str | None,
    *,
    at: datetime,
    user_id: int | None,
    case_id: int | None,
    action: str,
    detail: dict[str, Any],
    rows: RowDigests | None = None,
) -> str:
    """The hash of one event chained to the one before; bulk writers use it directly.

    `rows` (the row digests) is part of the hashed body only when there are any, so the
    hashes of events written before row digests existed are unchanged.
    """
    return _digest_of(prev, at.isoformat(), user_id, case_id, action, detail, rows)


def _digest_of(
    prev: str | None,
    at: str,
    user_id: int | None,
    case_id: int | None,
    action: str,
    detail: dict[str, Any],
    rows: RowDigests | None,
) -> str:
    content: dict[str, Any] = {
        "prev": prev,
        "at": at,
        "user": user_id,
        "case": case_id,
        "action": action,
        "detail": detail,
    }
    if rows is not None:
        content["rows"] = rows
    return hashlib.sha256(_encode_chained(content).encode("utf-8")).hexdigest()


# `json.dumps(content, sort_keys=True, default=str, separators=(",", ":"))`, built once.
_encode_chained = compact_encoder(sort_keys=True, ensure_ascii=True, allow_nan=True, default=str)


def event_digest(prev: str | None, event: AuditEvent) -> str:
    return chain_digest(
        prev,
        at=event.at,
        user_id=event.user_id,
        case_id=event.case_id,
        action=event.action,
        detail=event.detail,
        rows=event.row_digests,
    )


def lock_chain(conn: Session | Connection) -> None:
    """Two writers must not both chain to the same event: serialise appends.

    On PostgreSQL an advisory lock held to the end of the transaction; SQLite
    transactions already start with BEGIN IMMEDIATE, one writer at a time.
    """
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    if bind.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


@dataclass(frozen=True)
class EventValues:
    """One event to append, before it is chained."""

    at: datetime
    action: str
    user_id: int | None = None
    case_id: int | None = None
    detail: dict[str, Any] | None = None


def record_event(
    session: Session,
    *,
    at: datetime,
    action: str,
    user_id: int | None = None,
    case_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction, chained to the last one."""
    values = EventValues(at=at, action=action, user_id=user_id, case_id=case_id, detail=detail)
    return record_events(session, [values])[0]


def record_events(session: Session, values: list[EventValues]) -> list[AuditEvent]:
    """Append events in order in the caller's transaction, each chained to the one before:
    the chain's head is read once and the events written in one flush, so a catch-up of
    thousands of alerts is not three statements per event."""
    if not values:
        return []
    session.flush()
    lock_chain(session)
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    events: list[AuditEvent] = []
    for v in values:
        event = AuditEvent(
            at=v.at,
            user_id=v.user_id,
            case_id=v.case_id,
            action=v.action,
            detail=json.loads(json.dumps(v.detail or {}, default=str)),
            prev_hash=prev,
        )
        event.hash = prev = event_digest(prev, event)
        events.append(event)
    give_ids(session, events)
    session.add_all(events)
    session.flush()
    session.info.setdefault(EVENTS_KEY, []).extend(events)
    return events


def write_baseline(conn: Connection, *, at: datetime, reason: str) -> int:
    """Append one event recording the digests of every covered row as it is now.

    For rows no event has recorded: those of a database that predates row digests (the
    migration that introduced them calls this) and after any later migration that
    changes existing rows' digests. It vouches for the rows as found, so it is written
    only by a migration, never to paper over a `db check` failure. Returns how many row
    digests it recorded (nothing is written for an empty database).
    """
    rows = baseline_digests(conn)
    count = sum(len(r) for r in rows.values())
    if not count and not conn.scalar(select(func.count()).select_from(AuditEvent)):
        return 0
    append_event(
        conn, at=at, action=BASELINE_ACTION, detail={"reason": reason, "rows": count}, rows=rows
    )
    return count


def append_event(
    conn: Connection, *, at: datetime, action: str, detail: dict[str, Any], rows: RowDigests
) -> None:
    """Append one event, with the row digests given, on a Core connection: for what a
    migration writes (no session, no audit capture there)."""
    lock_chain(conn)
    prev = conn.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    digest = chain_digest(
        prev, at=at, user_id=None, case_id=None, action=action, detail=detail, rows=rows
    )
    events = model_table("audit_event")
    conn.execute(
        insert(events).values(
            at=at, action=action, detail=detail, prev_hash=prev, hash=digest, row_digests=rows
        )
    )


@dataclass(frozen=True)
class BrokenLink:
    id: int
    action: str
    at: datetime


@dataclass
class ChainWalk:
    """What reading the whole chain in order found."""

    count: int = 0
    head_id: int | None = None
    head_hash: str | None = None
    broken: BrokenLink | None = None
    # The newest digest the chain recorded for each covered row (None: deleted).
    recorded: RowDigests = field(default_factory=dict)
    # Whether the schema has row digests at all (revision 0003 on).
    has_row_digests: bool = False
    # The hash of the event at each position asked for (1 = the first event).
    hash_at: dict[int, str | None] = field(default_factory=dict)


def walk_chain(conn: Connection, positions: Collection[int] = ()) -> ChainWalk:
    """Read every event in id order, checking each link and collecting row digests."""
    walk = ChainWalk()
    events = readable_table(conn, "audit_event")
    walk.has_row_digests = "row_digests" in events.c
    wanted = set(positions)
    prev: str | None = None
    for e in _events_in_order(conn, events, walk.has_row_digests):
        event_id, at, user_id, case_id, action, detail, prev_hash, digest, rows = e
        walk.count += 1
        if walk.count in wanted:
            wanted.discard(walk.count)
            walk.hash_at[walk.count] = digest
        expected = _digest_of(prev, at, user_id, case_id, action, detail, rows)
        if walk.broken is None and (prev_hash != prev or digest != expected):
            row = conn.execute(select(events.c.at).where(events.c.id == event_id)).one()
            walk.broken = BrokenLink(event_id, action, row.at)
        if rows:
            merge(walk.recorded, rows)
        prev = digest
        walk.head_id, walk.head_hash = event_id, digest
    return walk


# (id, at as isoformat(), user_id, case_id, action, detail, prev_hash, hash, row_digests)
_Event = tuple[int, str, "int | None", "int | None", str, Any, "str | None", str, Any]
_STORED_AT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _events_in_order(conn: Connection, events: Any, with_rows: bool) -> Iterator[_Event]:
    """The events as the chain hashes them. On SQLite the stored text is read directly
    (the instant `2026-11-24 20:05:00.000000` is hashed as `2026-11-24T20:05:00+00:00`, its
    UTC isoformat), not through SQLAlchemy's types: at 100,000 cases `db check` walks
    some 220,000 events. An instant stored in another shape is read through the types."""
    names = ["id", "at", "user_id", "case_id", "action", "detail", "prev_hash", "hash"]
    if with_rows:
        names.append("row_digests")
    if conn.dialect.name != "sqlite":
        result = conn.execute(
            select(events).order_by(events.c.id).execution_options(yield_per=1000)
        )
        for row in result:
            e = row._mapping
            yield (
                e["id"], e["at"].isoformat(), e["user_id"], e["case_id"], e["action"],
                e["detail"], e["prev_hash"], e["hash"], e.get("row_digests"),
            )  # fmt: skip
        return
    result = conn.exec_driver_sql(f"SELECT {', '.join(names)} FROM audit_event ORDER BY id")
    while batch := result.fetchmany(1000):
        for row in batch:
            stored_at = row[1]
            if isinstance(stored_at, str) and _STORED_AT.fullmatch(stored_at):
                fraction = stored_at[20:]
                at = stored_at[:10] + "T" + stored_at[11:19]
                at += ("" if fraction == "000000" else "." + fraction) + "+00:00"
            else:
                typed = conn.execute(select(events.c.at).where(events.c.id == row[0])).one()
                at = typed.at.isoformat()
            detail = json.loads(row[5]) if row[5] is not None else None
            rows = json.loads(row[8]) if with_rows and row[8] is not None else None
            yield (row[0], at, row[2], row[3], row[4], detail, row[6], row[7], rows)


def first_broken_link(session: Session) -> AuditEvent | None:
    """The first event whose content or link does not match the chain, or None."""
    broken = walk_chain(session.connection()).broken
    return None if broken is None else session.get(AuditEvent, broken.id)

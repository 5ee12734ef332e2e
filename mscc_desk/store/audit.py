"""The audit trail: append-only, and chained so that an edit behind the app's back shows.

Each event carries the SHA-256 of its own content and of the event before it; changing,
inserting or deleting a row breaks the chain at that row, which `db check` reports.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .models import AuditEvent

_CHAIN_LOCK = 0x4D534343  # "MSCC": the advisory lock that orders audit appends


def chain_digest(
    prev: str | None,
    *,
    at: datetime,
    user_id: int | None,
    case_id: int | None,
    action: str,
    detail: dict[str, Any],
) -> str:
    """The hash of one event chained to the one before; bulk writers use it directly."""
    body = json.dumps(
        {
            "prev": prev,
            "at": at.isoformat(),
            "user": user_id,
            "case": case_id,
            "action": action,
            "detail": detail,
        },
        sort_keys=True,
        default=str,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _digest(prev: str | None, event: AuditEvent) -> str:
    return chain_digest(
        prev,
        at=event.at,
        user_id=event.user_id,
        case_id=event.case_id,
        action=event.action,
        detail=event.detail,
    )


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
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Two writers must not both chain to the same event: serialise appends. (SQLite
        # transactions already start with BEGIN IMMEDIATE, one writer at a time.)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    event = AuditEvent(
        at=at,
        user_id=user_id,
        case_id=case_id,
        action=action,
        detail=json.loads(json.dumps(detail or {}, default=str)),
        prev_hash=prev,
    )
    event.hash = _digest(prev, event)
    session.add(event)
    session.flush()
    return event


def first_broken_link(session: Session) -> AuditEvent | None:
    """The first event whose content or link does not match the chain, or None."""
    prev: str | None = None
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if event.prev_hash != prev or event.hash != _digest(prev, event):
            return event
        prev = event.hash
    return None

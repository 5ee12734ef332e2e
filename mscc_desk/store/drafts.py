"""Calls being typed, kept in the database as they are typed.

The form saves its whole state (a JSON object of every field, as typed, valid or not)
a moment after each change, so closing the window, a crash or a power cut loses at most
the last second or two of typing. A draft is removed only when its call is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from .audit import record_event
from .engine import Database
from .models import Draft, User
from .permissions import acting_user


@dataclass(frozen=True)
class DraftSummary:
    id: int
    summary: str
    user: str
    case_id: int | None
    created_at: datetime
    updated_at: datetime


def save_draft(
    db: Database,
    draft_id: int | None,
    payload: dict[str, Any],
    *,
    summary: str,
    user: str,
    now: datetime,
    case_id: int | None = None,
    client_key: str | None = None,
) -> int:
    """Create or update a draft; returns its id (a deleted draft is created anew).

    `client_key` is the call's key (`Call.client_key`): a draft with that key is the
    same draft, even when the desk never heard its id (the network failed as it was
    first written), so trying again never makes a second one.
    """
    with db.session() as session:
        owner = acting_user(session, user, "case.write", now)
        draft = session.get(Draft, draft_id) if draft_id is not None else None
        if draft is None and client_key is not None:
            draft = session.scalar(select(Draft).where(Draft.client_key == client_key))
        if draft is None:
            draft = Draft(
                user_id=owner.id,
                case_id=case_id,
                payload=payload,
                summary=summary[:300],
                created_at=now,
                updated_at=now,
                client_key=client_key,
            )
            session.add(draft)
            session.flush()
            record_event(
                session,
                at=now,
                action="draft.started",
                user_id=draft.user_id,
                case_id=case_id,
                detail={"draft_id": draft.id},
            )
        else:
            draft.payload = payload
            draft.summary = summary[:300]
            draft.case_id = case_id
            draft.updated_at = now
        return draft.id


def load_draft(db: Database, draft_id: int) -> dict[str, Any] | None:
    with db.read_session() as session:
        draft = session.get(Draft, draft_id)
        return None if draft is None else dict(draft.payload)


def list_drafts(db: Database) -> list[DraftSummary]:
    with db.read_session() as session:
        rows = session.execute(
            select(Draft, User.display_name)  # the person, as the desk names them
            .outerjoin(User, Draft.user_id == User.id)
            .order_by(Draft.updated_at.desc())
        ).all()
        return [
            DraftSummary(d.id, d.summary, name or "", d.case_id, d.created_at, d.updated_at)
            for d, name in rows
        ]


def discard_draft(db: Database, draft_id: int, *, user: str, now: datetime, reason: str) -> None:
    """Only on purpose, with a reason: a draft is somebody's typing."""
    with db.session() as session:
        actor = acting_user(session, user, "case.write", now)
        draft = session.get(Draft, draft_id)
        if draft is None:
            return
        record_event(
            session,
            at=now,
            action="draft.discarded",
            user_id=actor.id,
            case_id=draft.case_id,
            detail={"draft_id": draft_id, "reason": reason, "payload": draft.payload},
        )
        session.execute(delete(Draft).where(Draft.id == draft_id))

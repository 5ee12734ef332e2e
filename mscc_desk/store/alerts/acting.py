"""Acting on an alert: acknowledging it (once, for every desk, naming who), giving a
breach its reason, and meeting a deadline from the alert panel. Each is one unit of
work with its audit event; what is raised and showing is `lifecycle`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from ...domain.clock import as_utc, format_instant, format_london
from ...domain.dataset import clean_text
from ...domain.deadlines import Stage
from ...domain.errors import InputError
from ..audit import record_event
from ..engine import Database
from ..models import Alert, Deadline, User
from ..permissions import acting_user
from .lifecycle import BREACH_REASONS, NOTE_MAX, STAGE_ORDER


def _clean_note(note: str | None, field: str = "note") -> str | None:
    if note is None:
        return None
    if not isinstance(note, str):
        raise InputError(field, f"expected text, got {type(note).__name__}")
    return clean_text(note, field, NOTE_MAX) or None


def _ack(rows: Iterable[Alert], user: User, now: datetime) -> list[int]:
    ids: list[int] = []
    for row in rows:
        if row.acknowledged_at is None:
            row.acknowledged_at = now
            row.acknowledged_by_id = user.id
            ids.append(row.id)
    return ids


def acknowledge(
    db: Database, alert_id: int, user: str, now: datetime, note: str | None = None
) -> list[int]:
    """Record who saw an alert and when; returns the ids of every alert it silenced.

    It also silences the earlier stages of the same deadline still outstanding (seeing
    "breached" covers "due soon"), but no stage that has not been raised yet: those
    still arrive. Acknowledging a breach acknowledges its reminders and stops them.
    """
    now = as_utc(now)
    text = _clean_note(note)
    with db.session() as session:
        who = acting_user(session, user, "case.write", now)
        alert = session.get(Alert, alert_id)
        if alert is None:
            raise InputError("alert", f"there is no alert {alert_id}")
        if alert.acknowledged_at is not None:
            by = session.get(User, alert.acknowledged_by_id) if alert.acknowledged_by_id else None
            raise InputError(
                "alert",
                f"was already acknowledged by {by.display_name if by else 'someone'} "
                f"at {format_london(alert.acknowledged_at)}",
            )
        deadline = session.get(Deadline, alert.deadline_id)
        assert deadline is not None  # a foreign key
        rank = STAGE_ORDER[Stage(alert.stage)]
        earlier = session.scalars(
            select(Alert).where(
                Alert.deadline_id == alert.deadline_id,
                Alert.acknowledged_at.is_(None),
                Alert.id != alert.id,
            )
        ).all()
        covered = [
            a
            for a in earlier
            if STAGE_ORDER[Stage(a.stage)] <= rank
            and (a.raised_at, a.id) < (alert.raised_at, alert.id)
        ]
        alert.note = text
        ids = _ack([alert, *covered], who, now)
        record_event(
            session,
            at=now,
            action="alert.acknowledged",
            user_id=who.id,
            case_id=deadline.case_id,
            detail={
                "alert_id": alert.id,
                "deadline_id": deadline.id,
                "deadline": deadline.key,
                "stage": alert.stage,
                "note": text,
                "covers": ids[1:],
            },
        )
        return ids


def record_breach_reason(
    db: Database,
    deadline_id: int,
    reason: str,
    note: str | None,
    user: str,
    now: datetime,
) -> list[int]:
    """Why a deadline was missed (an audit measure); acknowledges its breach alerts.

    Returns the ids of the alerts it acknowledged. May be recorded again to correct it:
    the audit trail keeps the earlier reason.
    """
    now = as_utc(now)
    if reason not in BREACH_REASONS:
        raise InputError("reason", f"{reason!r} is not one of {', '.join(BREACH_REASONS)}")
    text = _clean_note(note)
    if reason == "other" and not text:
        raise InputError("note", "is required when the reason is 'other': say what happened")
    with db.session() as session:
        who = acting_user(session, user, "case.write", now)
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise InputError("deadline", f"there is no deadline {deadline_id}")
        stopped = deadline.met_at if deadline.met_at is not None else now
        if deadline.due_at > stopped:
            raise InputError(
                "deadline",
                f"{deadline.label} is not breached (due {format_london(deadline.due_at)})",
            )
        before = {"reason": deadline.breach_reason, "note": deadline.breach_note}
        deadline.breach_reason = reason
        deadline.breach_note = text
        rows = session.scalars(
            select(Alert).where(
                Alert.deadline_id == deadline.id,
                Alert.stage == Stage.breached.value,
                Alert.acknowledged_at.is_(None),
            )
        ).all()
        ids = _ack(rows, who, now)
        record_event(
            session,
            at=now,
            action="deadline.breach_reason",
            user_id=who.id,
            case_id=deadline.case_id,
            detail={
                "deadline_id": deadline.id,
                "deadline": deadline.key,
                "reason": reason,
                "note": text,
                "before": before,
                "acknowledged": ids,
            },
        )
        return ids


def meet_deadline(
    db: Database, deadline_id: int, met_at: datetime, user: str, now: datetime
) -> list[int]:
    """Stop a clock: it raises nothing more, and its outstanding alerts are acknowledged.

    Returns the ids of the alerts it acknowledged.
    """
    now = as_utc(now)
    try:
        met = as_utc(met_at)
    except (ValueError, AttributeError):
        raise InputError("met_at", "needs a time with a UTC offset") from None
    if met > now:
        raise InputError("met_at", f"{format_london(met)} is in the future")
    with db.session() as session:
        who = acting_user(session, user, "case.write", now)
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise InputError("deadline", f"there is no deadline {deadline_id}")
        if deadline.met_at is not None:
            raise InputError(
                "deadline", f"{deadline.label} was already met at {format_london(deadline.met_at)}"
            )
        if deadline.cancelled_at is not None:
            raise InputError("deadline", f"{deadline.label} was cancelled; it cannot be met")
        if met < deadline.starts_at:
            raise InputError(
                "met_at",
                f"{format_london(met)} is before the clock started "
                f"({format_london(deadline.starts_at)})",
            )
        deadline.met_at = met
        rows = session.scalars(
            select(Alert).where(Alert.deadline_id == deadline.id, Alert.acknowledged_at.is_(None))
        ).all()
        ids = _ack(rows, who, now)
        for row in rows:
            row.note = row.note or "deadline met"
        late = met > deadline.due_at
        record_event(
            session,
            at=now,
            action="deadline.met",
            user_id=who.id,
            case_id=deadline.case_id,
            detail={
                "deadline_id": deadline.id,
                "deadline": deadline.key,
                "met_at": format_instant(met),
                "due_at": format_instant(deadline.due_at),
                "late": late,
                "late_by_seconds": int((met - deadline.due_at).total_seconds()) if late else 0,
                "acknowledged": ids,
            },
        )
        return ids

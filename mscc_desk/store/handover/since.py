"""What changed since the coordinator role last changed hands: new, closed, breached and
re-categorised cases, for the top of the handover sheet and the handover window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...domain.pathway import Pathway, default_pathway
from ..board import display_name
from ..engine import Database
from ..models import AuditEvent, Case, Deadline, Patient, User
from .records import ROLE_CHANGE_ACTIONS, HandoverRecord

CATEGORY_CHANGED_ACTION = "case.category_changed"

# With no handover on record, "since the last handover" means one shift and a bit.
DEFAULT_LOOKBACK = timedelta(hours=12)


@dataclass(frozen=True)
class ChangedCase:
    """One line of "since the last handover": which case, when, and what happened."""

    case_id: int
    patient_name: str
    nhs_number: str | None
    at: datetime
    what: str
    escalated: bool = False  # a category change to a more urgent category


@dataclass(frozen=True)
class HandoverChanges:
    since: datetime
    last_handover: HandoverRecord | None
    new_cases: tuple[ChangedCase, ...]
    closed_cases: tuple[ChangedCase, ...]
    breaches: tuple[ChangedCase, ...]
    category_changes: tuple[ChangedCase, ...]

    @property
    def empty(self) -> bool:
        return not (self.new_cases or self.closed_cases or self.breaches or self.category_changes)


def last_handover(db: Database) -> HandoverRecord | None:
    with db.read_session() as session:
        return _last_handover(session)


def _last_handover(session: Session) -> HandoverRecord | None:
    row = session.execute(
        select(AuditEvent.detail, AuditEvent.at, User.display_name)
        .outerjoin(User, AuditEvent.user_id == User.id)
        .where(AuditEvent.action.in_(ROLE_CHANGE_ACTIONS))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    detail = row.detail or {}
    return HandoverRecord(
        str(detail.get("from") or ""), str(detail.get("to") or ""), row.display_name or "", row.at
    )


def changes_since_last_handover(
    db: Database, now: datetime, pathway: Pathway | None = None
) -> HandoverChanges:
    """New, closed, breached and re-categorised cases since the role last changed hands.

    Without a handover on record, the last 12 hours: the incoming coordinator still
    needs to see the night's events on the first sheet ever printed.
    """
    pathway = pathway or default_pathway()
    with db.read_session() as session:
        last = _last_handover(session)
        since = last.at if last else now - DEFAULT_LOOKBACK
        return HandoverChanges(
            since=since,
            last_handover=last,
            new_cases=_new_cases(session, since, now, pathway),
            closed_cases=_closed_cases(session, since, now),
            breaches=_breaches(session, since, now),
            category_changes=_category_changes(session, since, now, pathway),
        )


def _category_words(pathway: Pathway, key: str) -> str:
    category = pathway.categories.get(key)
    return category.short if category else key


def _new_cases(
    session: Session, since: datetime, now: datetime, pathway: Pathway
) -> tuple[ChangedCase, ...]:
    rows = session.execute(
        select(
            Case.id,
            Case.opened_at,
            Case.status,
            Case.category_computed,
            Case.category_override,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
        )
        .join(Patient, Case.patient_id == Patient.id)
        .where(Case.opened_at > since, Case.opened_at <= now)
        .order_by(Case.opened_at, Case.id)
    )
    return tuple(
        ChangedCase(
            r.id,
            display_name(r.family_name, r.given_name),
            r.nhs_number,
            r.opened_at,
            _category_words(pathway, r.category_override or r.category_computed)
            + ("" if r.status == "open" else " (since closed)"),
        )
        for r in rows
    )


def _closed_cases(session: Session, since: datetime, now: datetime) -> tuple[ChangedCase, ...]:
    rows = session.execute(
        select(
            Case.id,
            Case.closed_at,
            Case.outcome,
            Case.close_reason,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
        )
        .join(Patient, Case.patient_id == Patient.id)
        .where(Case.closed_at.is_not(None), Case.closed_at > since, Case.closed_at <= now)
        .order_by(Case.closed_at, Case.id)
    )
    out: list[ChangedCase] = []
    for r in rows:
        why = (r.outcome or "").replace("_", " ").replace("mscc", "MSCC")
        why = why or (r.close_reason or "").strip()
        out.append(
            ChangedCase(
                r.id,
                display_name(r.family_name, r.given_name),
                r.nhs_number,
                r.closed_at,
                why or "closed",
            )
        )
    return tuple(out)


def _breaches(session: Session, since: datetime, now: datetime) -> tuple[ChangedCase, ...]:
    """Clocks that ran out in the interval: due then, and not met (nor cancelled) by then."""
    rows = session.execute(
        select(
            Deadline.case_id,
            Deadline.label,
            Deadline.due_at,
            Deadline.met_at,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
        )
        .join(Case, Deadline.case_id == Case.id)
        .join(Patient, Case.patient_id == Patient.id)
        .where(
            Deadline.due_at > since,
            Deadline.due_at <= now,
            or_(Deadline.met_at.is_(None), Deadline.met_at > Deadline.due_at),
            or_(Deadline.cancelled_at.is_(None), Deadline.cancelled_at > Deadline.due_at),
        )
        .order_by(Deadline.due_at, Deadline.case_id)
    )
    return tuple(
        ChangedCase(
            r.case_id,
            display_name(r.family_name, r.given_name),
            r.nhs_number,
            r.due_at,
            r.label + (" (met late)" if r.met_at is not None else ""),
        )
        for r in rows
    )


def _category_changes(
    session: Session, since: datetime, now: datetime, pathway: Pathway
) -> tuple[ChangedCase, ...]:
    rows = session.execute(
        select(
            AuditEvent.case_id,
            AuditEvent.at,
            AuditEvent.detail,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
        )
        .join(Case, AuditEvent.case_id == Case.id)
        .join(Patient, Case.patient_id == Patient.id)
        .where(
            AuditEvent.action == CATEGORY_CHANGED_ACTION,
            AuditEvent.at > since,
            AuditEvent.at <= now,
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    ranks = {k: c.rank for k, c in pathway.categories.items()}
    out: list[ChangedCase] = []
    for r in rows:
        detail = r.detail or {}
        before_key, after_key = str(detail.get("from", "?")), str(detail.get("to", "?"))
        out.append(
            ChangedCase(
                r.case_id,
                display_name(r.family_name, r.given_name),
                r.nhs_number,
                r.at,
                f"{_category_words(pathway, before_key)} → {_category_words(pathway, after_key)}",
                escalated=ranks.get(after_key, 99) < ranks.get(before_key, 99),
            )
        )
    return tuple(out)

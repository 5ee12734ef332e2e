"""Every change the case view makes to a case.

The case view is where a pathway is worked through after the first call, often by two
people at once (the coordinator on one PC, the registrar on another), so:

- every change is checked against the version of the case the user was looking at, and a
  change made meanwhile by someone else is refused with both values (`VersionConflict`),
  never silently overwritten;
- every change bumps that version and appends an audit event with before and after;
- what a checklist entry does to the clocks comes from the pathway file (`starts` with
  its `if`, `meets`, and clocks whose `from` is a checklist field), never from code; it
  is `clocks.apply_entry`, the same as for management entered with a call.

Re-triage after a follow-up call is `calls.record_call`'s job; `retriage` only names it
here. No Qt: the command line, reports and tests use the same functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ...domain.clock import Clock, format_instant, format_london
from ...domain.dataset import clean_checklist_value, clean_text
from ...domain.errors import InputError
from ...domain.pathway import ChecklistRule, Pathway, default_pathway
from ...domain.scales import Frankel
from ..audit import record_event
from ..calls import RecordOutcome, record_call, record_category_change, retriage_case
from ..clocks import NA_REASON_KEY, apply_entry, checklist_item, merged_case_facts
from ..engine import Database
from ..models import AuditEvent, Case, ChecklistItem, User
from ..permissions import acting_user
from .read import _get_case, _user_names
from .words import AMBULATORY, CHECKLIST_STATES, OUTCOMES

CLOSED_CLOCK_REASON = "case closed"


class VersionConflict(Exception):
    """Someone changed the case after this user loaded it: nothing was saved.

    Carries both sides so the window can show them next to each other and let the user
    decide; `current_values` are what is in the database now, `your_values` what this
    user tried to save.
    """

    def __init__(
        self,
        current_values: Mapping[str, Any],
        your_values: Mapping[str, Any],
        *,
        case_id: int,
        expected_version: int,
        current_version: int,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        what: str = "",
    ) -> None:
        self.current_values = dict(current_values)
        self.your_values = dict(your_values)
        self.case_id = case_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.what = what
        by = f" by {changed_by}" if changed_by else ""
        at = f" at {format_london(changed_at)}" if changed_at else ""
        super().__init__(
            f"case {case_id} was changed{by}{at} (now version {current_version}; you had "
            f"version {expected_version}); nothing was saved"
        )


T = TypeVar("T")


def _last_change(session: Session, case_id: int) -> tuple[str | None, datetime | None]:
    row = session.execute(
        select(User.display_name, AuditEvent.at)
        .outerjoin(User, AuditEvent.user_id == User.id)
        .where(AuditEvent.case_id == case_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def _change(
    db: Database,
    case_id: int,
    expected_version: int,
    user: str,
    now: datetime,
    what: str,
    yours: Mapping[str, Any],
    current_of: Callable[[Session, Case], Mapping[str, Any]],
    work: Callable[[Session, Case, User], T],
) -> T:
    """One optimistic change: refuse a stale version, bump it, do the work, all or nothing.

    Who is asking is checked first (`permissions`: a viewer may not change a case).

    The version is bumped first (an UPDATE ... WHERE version = expected, by SQLAlchemy's
    version_id_col), so on PostgreSQL a concurrent writer waits on the row and then finds
    the version moved on (StaleDataError) instead of both writes going through.
    """

    def conflict(session: Session, case: Case) -> VersionConflict:
        by, at = _last_change(session, case.id)
        return VersionConflict(
            current_of(session, case),
            yours,
            case_id=case.id,
            expected_version=expected_version,
            current_version=case.version,
            changed_by=by,
            changed_at=at,
            what=what,
        )

    try:
        with db.session() as session:
            actor = acting_user(session, user, "case.write", now)  # who, before anything
            case = _get_case(session, case_id)
            if case.version != expected_version:
                raise conflict(session, case)
            case.updated_at = now
            flag_modified(case, "updated_at")  # bump the version even at the same instant
            session.flush()
            return work(session, case, actor)
    except StaleDataError:
        with db.read_session() as session:
            raise conflict(session, _get_case(session, case_id)) from None


def _check_text(value: str | None, name: str, required: bool = False) -> str | None:
    text = clean_text(value or "", name)
    if not text:
        if required:
            raise InputError(name, "is required")
        return None
    return text


def _item_snapshot(item: ChecklistItem | None, names: Mapping[int, str]) -> dict[str, Any]:
    if item is None:
        return {"state": None, "data": {}, "note": None, "na_reason": None}
    data = dict(item.data or {})
    na_reason = data.pop(NA_REASON_KEY, None)
    return {
        "state": item.state,
        "data": data,
        "note": item.note,
        "na_reason": na_reason,
        "done_at": format_instant(item.done_at) if item.done_at else None,
        "done_by": names.get(item.done_by_id) if item.done_by_id else None,
    }


def update_checklist_item(
    db: Database,
    case_id: int,
    key: str,
    *,
    data: Mapping[str, Any] | None = None,
    state: str | None = None,
    na_reason: str | None = None,
    note: str | None = None,
    user: str,
    now: datetime,
    expected_version: int,
    pathway: Pathway | None = None,
) -> int:
    """Record a checklist entry and apply what it does to the clocks; returns the version.

    `data` is a partial update keyed by the item's pathway fields (None or "" clears a
    field); `note=None` leaves the note alone, `""` clears it. Everything is checked
    before anything is written: bad input raises InputError naming `<item>.<field>`.
    A field the pathway links to a clock starts (`starts`) or meets (`meets`) it; with
    `state` left None, filling the field that meets the item's clock marks it done. Both
    are `clocks.apply_entry`, which `record_call` uses for management entered with a call.
    """
    pathway = pathway or default_pathway()
    try:
        rule = pathway.checklist_rule(key)
    except KeyError:
        raise InputError(key, "unknown checklist item") from None
    cleaned = _clean_data(rule, data or {}, now)
    if state is not None and state not in CHECKLIST_STATES:
        raise InputError(f"{key}.state", f"{state!r} is not one of {', '.join(CHECKLIST_STATES)}")
    reason = _check_text(na_reason, f"{key}.na_reason")
    if state == "not_applicable" and reason is None:
        raise InputError(f"{key}.na_reason", "is required when the item is not applicable")
    note_text = None if note is None else _check_text(note, f"{key}.note")
    yours: dict[str, Any] = {"item": key, "title": rule.title}
    if data:
        yours["data"] = {
            k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()
        }
    if state is not None:
        yours["state"] = state
    if reason is not None:
        yours["na_reason"] = reason
    if note is not None:
        yours["note"] = note_text

    def current(session: Session, case: Case) -> dict[str, Any]:
        item = next((i for i in case.checklist if i.key == key), None)
        return {"item": key, "title": rule.title, **_item_snapshot(item, _user_names(session))}

    def work(session: Session, case: Case, actor: User) -> int:
        if case.status != "open":
            raise InputError("case", f"case {case_id} is closed; reopen it to change the checklist")
        item = checklist_item(session, case, key, pathway, now)
        names = _user_names(session)
        before = _item_snapshot(item, names)
        effects = apply_entry(
            session,
            case,
            item,
            rule,
            cleaned,
            pathway=pathway,
            user_id=actor.id,
            now=now,
            state=state,
            na_reason=reason,
        )
        if note is not None:
            item.note = note_text
        item.updated_at = now
        session.flush()
        after = _item_snapshot(item, names)
        record_event(
            session,
            at=now,
            action="checklist.updated",
            user_id=actor.id,
            case_id=case.id,
            detail={
                "key": key,
                "title": rule.title,
                "before": before,
                "after": after,
                "clocks": effects,
                "version": case.version,
            },
        )
        return case.version

    return _change(
        db,
        case_id,
        expected_version,
        user,
        now,
        f"the checklist item {rule.title!r}",
        yours,
        current,
        work,
    )


def _clean_data(rule: ChecklistRule, data: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """Check each value with the pathway's field kinds; None or "" means "clear it"."""
    fields = {f.key: f for f in rule.fields}
    cleaned: dict[str, Any] = {}
    for fkey, value in data.items():
        name = f"{rule.key}.{fkey}"
        if fkey not in fields:
            raise InputError(name, "unknown field")
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            cleaned[fkey] = None
            continue
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise InputError(name, "has no UTC offset")
            value = value.isoformat()
        cleaned[fkey] = clean_checklist_value(fields[fkey], value, name, now)
    return cleaned


def add_note(db: Database, case_id: int, text: str, user: str, now: datetime) -> None:
    """Append a note to the case.

    A note is an audit event (`case.note`), append-only like the rest of the record; it
    changes neither the case nor its clocks, so it takes no version and cannot conflict
    with an edit another user is making.
    """
    body = _check_text(text, "note", required=True)
    with db.session() as session:
        actor = acting_user(session, user, "case.write", now)
        case = _get_case(session, case_id)
        record_event(
            session,
            at=now,
            action="case.note",
            user_id=actor.id,
            case_id=case.id,
            detail={"before": None, "after": {"text": body}},
        )


def _close_snapshot(case: Case, names: Mapping[int, str]) -> dict[str, Any]:
    return {
        "status": case.status,
        "closed_at": format_instant(case.closed_at) if case.closed_at else None,
        "closed_by": names.get(case.closed_by_id) if case.closed_by_id else None,
        "close_reason": case.close_reason,
        "outcome": case.outcome,
        "ambulatory_at_discharge": case.ambulatory_at_discharge,
        "frankel_at_discharge": case.frankel_at_discharge,
    }


def close_case(
    db: Database,
    case_id: int,
    *,
    reason: str,
    outcome: str,
    ambulatory_at_discharge: str,
    frankel_at_discharge: str | None,
    user: str,
    now: datetime,
    expected_version: int,
) -> int:
    """Close with the DATASET outcome; closing stops every clock. Returns the version.

    Stopped clocks keep their history (`cancelled_at`, reason "case closed"), so the
    audit still sees whether they had been met or breached before closing.
    """
    why = _check_text(reason, "reason", required=True)
    if outcome not in OUTCOMES:
        raise InputError("outcome", f"{outcome!r} is not one of {', '.join(OUTCOMES)}")
    if ambulatory_at_discharge not in AMBULATORY:
        raise InputError(
            "ambulatory_at_discharge",
            f"{ambulatory_at_discharge!r} is not one of {', '.join(AMBULATORY)}",
        )
    frankel = frankel_at_discharge or None
    if frankel is not None and frankel not in {g.value for g in Frankel}:
        raise InputError(
            "frankel_at_discharge",
            f"{frankel!r} is not one of {', '.join(g.value for g in Frankel)}",
        )
    yours = {
        "status": "closed",
        "close_reason": why,
        "outcome": outcome,
        "ambulatory_at_discharge": ambulatory_at_discharge,
        "frankel_at_discharge": frankel,
    }

    def current(session: Session, case: Case) -> dict[str, Any]:
        return _close_snapshot(case, _user_names(session))

    def work(session: Session, case: Case, actor: User) -> int:
        if case.status != "open":
            raise InputError("case", f"case {case_id} is already closed")
        names = _user_names(session)
        before = _close_snapshot(case, names)
        case.status = "closed"
        case.closed_at = now
        case.closed_by_id = actor.id
        case.close_reason = why
        case.outcome = outcome
        case.ambulatory_at_discharge = ambulatory_at_discharge
        case.frankel_at_discharge = frankel
        stopped = []
        for d in case.deadlines:
            if d.is_open:
                d.cancelled_at = now
                d.cancel_reason = CLOSED_CLOCK_REASON
                stopped.append({"clock": d.key, "label": d.label, "due": format_instant(d.due_at)})
        session.flush()
        record_event(
            session,
            at=now,
            action="case.closed",
            user_id=actor.id,
            case_id=case.id,
            detail={
                "before": before,
                "after": _close_snapshot(case, names),
                "clocks_stopped": stopped,
                "version": case.version,
            },
        )
        return case.version

    return _change(db, case_id, expected_version, user, now, "closing", yours, current, work)


def reopen_case(
    db: Database,
    case_id: int,
    reason: str,
    user: str,
    now: datetime,
    expected_version: int,
) -> int:
    """Reopen a closed case; the closing stays in the audit trail. Returns the version.

    Clocks stopped at closing stay stopped: their due times are in the past, and a stale
    clock would stop a follow-up call from starting a fresh one (a tighter clock wins).
    New clocks come from re-triage, i.e. the follow-up call that usually prompts this.
    """
    why = _check_text(reason, "reason", required=True)
    yours = {"status": "open", "reopen_reason": why}

    def current(session: Session, case: Case) -> dict[str, Any]:
        return _close_snapshot(case, _user_names(session))

    def work(session: Session, case: Case, actor: User) -> int:
        if case.status != "closed":
            raise InputError("case", f"case {case_id} is not closed")
        names = _user_names(session)
        before = _close_snapshot(case, names)
        case.status = "open"
        case.closed_at = None
        case.closed_by_id = None
        case.close_reason = None
        case.outcome = None
        case.ambulatory_at_discharge = None
        case.frankel_at_discharge = None
        session.flush()
        record_event(
            session,
            at=now,
            action="case.reopened",
            user_id=actor.id,
            case_id=case.id,
            detail={
                "reason": why,
                "before": before,
                "after": _close_snapshot(case, names),
                "version": case.version,
            },
        )
        return case.version

    return _change(db, case_id, expected_version, user, now, "reopening", yours, current, work)


def clear_override(
    db: Database,
    case_id: int,
    reason: str,
    user: str,
    now: datetime,
    expected_version: int,
    pathway: Pathway | None = None,
) -> int:
    """Lift the category override on purpose: the case takes the category its facts call
    for, with what that brings (clocks from now, advice, checklist). Returns the version.

    The clocks run from now, not from the first suspicion: the override said MSCC was not
    suspected, and lifting it is when the service suspects it. A clock that is running is
    never loosened, as after a follow-up call (`calls.retriage_case`).
    """
    pathway = pathway or default_pathway()
    why = _check_text(reason, "reason", required=True)
    yours = {"category_override": None, "reason": why}

    def current(session: Session, case: Case) -> dict[str, Any]:
        return {"category_override": case.category_override, "reason": case.override_reason}

    def work(session: Session, case: Case, actor: User) -> int:
        if case.status != "open":
            raise InputError("case", f"case {case_id} is closed; reopen it first")
        if case.category_override is None:
            raise InputError("case", f"case {case_id} has no category override to clear")
        before, override_before = case.category, case.category_override
        reason_before = case.override_reason
        case.category_override = None
        case.override_reason = None
        case.override_by_id = None
        case.override_at = None
        facts = replace(merged_case_facts(case.assessments), suspected_at=now)
        _, escalated, clocks = retriage_case(session, case, facts, None, before, pathway, now)
        session.flush()
        record_event(
            session,
            at=now,
            action="case.override_cleared",
            user_id=actor.id,
            case_id=case.id,
            detail={
                "reason": why,
                "override_before": override_before,
                "override_reason_before": reason_before,
                "override_after": None,
                "computed": case.category_computed,
                "clocks": clocks,
                "version": case.version,
            },
        )
        if escalated:
            record_category_change(session, case, actor.id, now, before, case.category_rule)
        return case.version

    return _change(
        db, case_id, expected_version, user, now, "the category override", yours, current, work
    )


def retriage(
    db: Database,
    case_id: int,
    data: Mapping[str, Any],
    *,
    user: str,
    clock: Clock,
    pathway: Pathway | None = None,
    draft_id: int | None = None,
) -> RecordOutcome:
    """A follow-up call's new assessment re-triages the case.

    That is exactly `record_call(..., case_id=...)` (escalation, the tighter clock from
    the follow-up's time, `case.category_changed` in the audit); it is named here so the
    case API reads whole, and not written twice. It needs no expected version: a call
    only adds, and it escalates from what is in the database when it is saved.
    """
    return record_call(
        db, data, user=user, case_id=case_id, clock=clock, pathway=pathway, draft_id=draft_id
    )

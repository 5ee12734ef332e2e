"""Recording a call: the one unit of work behind `mscc-desk record` and the intake form.

Everything a call writes (patient, case, call, assessment, clocks, checklist, audit
event) is written in one transaction, after the whole input has been checked, so a
refused call writes nothing and an accepted one is never half there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.case_history import (
    CategoryDecision,
    check_cancer_status,
    check_merged,
    decide_category,
    merged_facts,
    more_pressing_advice,
)
from ..domain.clock import Clock, SystemClock, format_instant, format_london
from ..domain.dataset import CallRecord, parse_record
from ..domain.deadlines import ClockSpec, answered_by_escalation, merge_clocks, running_clocks
from ..domain.errors import InputError
from ..domain.pathway import Pathway, default_pathway
from ..domain.triage import CaseFacts, TriageResult, triage
from .audit import record_event
from .clocks import (
    add_deadline,
    apply_entry,
    assessment_columns,
    assessment_facts,
    checklist_item,
)
from .engine import Database
from .models import Assessment, Call, Case, ChecklistItem, Deadline, Draft, Patient, User
from .patients import find_or_add_patient
from .permissions import acting_user
from .retry import run_unit_of_work


@dataclass(frozen=True)
class RecordOutcome:
    case_id: int
    patient_id: int
    call_id: int
    category: str
    escalated: bool
    created_case: bool
    deadlines: tuple[ClockSpec, ...]
    triage: TriageResult
    already_saved: bool = False  # this call's key was saved before: nothing written now

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "category": self.category,
            "deadlines": [d.to_json() for d in self.deadlines],
            "patient_id": self.patient_id,
            "call_id": self.call_id,
            "created_case": self.created_case,
            "escalated": self.escalated,
            "contact": self.triage.contact,
            "immobilisation": self.triage.immobilisation,
            "pathway_version": self.triage.pathway_version,
        }


def record_call(
    db: Database,
    data: Mapping[str, Any],
    *,
    user: str,
    case_id: int | None = None,
    clock: Clock | None = None,
    pathway: Pathway | None = None,
    draft_id: int | None = None,
    client_key: str | None = None,
) -> RecordOutcome:
    """Check, triage and write one call; raises InputError (writing nothing) on bad input.

    `draft_id` is the draft the call was typed in: it goes in the same transaction, so a
    call is never both saved and still a draft, nor lost between the two. `client_key`
    is the call's own key, made by the desk when the call was first typed: a call with
    that key already saved (the network failed after the commit, before its answer
    came) is returned as it was saved (`already_saved`), and nothing is written twice.
    """
    clock = clock or SystemClock()
    pathway = pathway or default_pathway()
    now = clock.now()
    record = parse_record(data, pathway, now)
    if record.facts.immobilised_at is not None:
        # The triage fact and the checklist entry are one event: keep them together.
        immobilisation = record.management.setdefault("immobilisation", {})
        immobilisation.setdefault("started_at", record.facts.immobilised_at.isoformat())
    result = triage(record.facts, pathway, record.case.get("category_override"))

    def write(session: Session) -> RecordOutcome:
        # Whole, so a retry after another desk won a race writes everything once.
        taken_by = acting_user(session, user, "case.write", now)
        saved = _saved_with_key(session, client_key, result)
        if saved is not None:
            outcome = saved
        elif case_id is None:
            outcome = _new_case(session, record, result, taken_by, now, pathway)
        else:
            outcome = _follow_up(session, case_id, record, result, taken_by, now, pathway)
        if client_key is not None and saved is None:
            call = session.get(Call, outcome.call_id)
            assert call is not None  # written just now
            call.client_key = client_key
        if draft_id is not None:
            session.execute(delete(Draft).where(Draft.id == draft_id))
        if client_key is not None:
            session.execute(delete(Draft).where(Draft.client_key == client_key))
        return outcome

    return run_unit_of_work(db, write)


def _as_given(record: CallRecord) -> dict[str, Any]:
    """A date known only to the month or year is stored as its first day; the audit event
    keeps how much was known (`{"partial_dates": {"case.diagnosed_on": "2019-03"}}`)."""
    return {"partial_dates": record.partial_dates} if record.partial_dates else {}


def _new_case(
    session: Session,
    record: CallRecord,
    result: TriageResult,
    user: User,
    now: datetime,
    pathway: Pathway,
) -> RecordOutcome:
    patient = find_or_add_patient(session, record.patient, now)
    case = Case(
        patient=patient,
        status="open",
        category_computed=result.category_rule.outcome,
        category_rule=result.category_rule.key,
        immobilisation_advice=result.immobilisation,
        pathway_version=result.pathway_version,
        suspected_at=record.facts.suspected_at,
        opened_at=now,
        updated_at=now,
        **record.case,
    )
    if case.category_override is not None:
        case.override_by_id, case.override_at = user.id, now
    session.add(case)
    session.flush()
    call = _add_call(session, case, record, user, follow_up=False)
    _add_assessment(session, case, call, record.facts, record.presentation, result, user, now)
    for spec in result.deadlines:
        add_deadline(session, case, spec)
    _add_checklist(session, case, result.checklist, pathway, now)
    management_clocks = _apply_management(session, case, record.management, pathway, user, now)
    record_event(
        session,
        at=now,
        action="case.opened",
        user_id=user.id,
        case_id=case.id,
        detail={
            "call_id": call.id,
            "category": result.category,
            "rule": result.category_rule.key,
            "override": record.case.get("category_override"),
            "override_reason": record.case.get("override_reason"),
            "pathway_version": result.pathway_version,
            "deadlines": [d.to_json() for d in result.deadlines],
            "management_clocks": management_clocks,
            **_as_given(record),
        },
    )
    return _outcome(session, case, patient, call, result, created=True, escalated=False)


def _follow_up(
    session: Session,
    case_id: int,
    record: CallRecord,
    result: TriageResult,
    user: User,
    now: datetime,
    pathway: Pathway,
) -> RecordOutcome:
    """A later call about an open case: the case is never quieter than all its calls.

    The call's facts are merged with every earlier call's (`case_history.merged_facts`),
    the category escalates when the merged facts call for more, an override made on
    fewer facts is lifted, and new clocks run from this call's time of suspicion.
    """
    case = session.get(Case, case_id)
    if case is None:
        raise InputError("case", f"there is no case {case_id}")
    if case.status != "open":
        raise InputError("case", f"case {case_id} is closed; reopen it before recording a call")
    nhs = record.patient.get("nhs_number")
    if nhs and case.patient.nhs_number and nhs != case.patient.nhs_number:
        raise InputError("patient.nhs_number", f"does not match the patient of case {case_id}")
    earlier = [assessment_facts(a) for a in case.assessments]
    status_before = earlier[-1].cancer_status if earlier else record.facts.cancer_status
    check_cancer_status(
        status_before,
        record.facts.cancer_status,
        record.cancer_status_correction,
        pathway.features["cancer_status"],
    )
    merged = merged_facts(earlier, record.facts)
    check_merged(merged)
    by_facts = triage(merged, pathway)
    override_before = case.category_override
    before = case.category
    decision = decide_category(
        pathway,
        computed_before=case.category_computed,
        override_before=override_before,
        computed_now=by_facts.category_rule.outcome,
        new_override=record.case.get("category_override"),
        clear_override=record.clear_override,
    )
    call = _add_call(session, case, record, user, follow_up=True)
    _add_assessment(session, case, call, record.facts, record.presentation, by_facts, user, now)
    # What the caller says about the person now (a new ward, a corrected name) is kept,
    # and what it replaced is in the audit event.
    patient_changes = {
        key: {"before": getattr(case.patient, key), "after": value}
        for key, value in record.patient.items()
        if getattr(case.patient, key) != value
    }
    for key, values in patient_changes.items():
        setattr(case.patient, key, values["after"])
    if decision.computed != case.category_computed:
        case.category_computed = decision.computed
        case.category_rule = by_facts.category_rule.key
    for key, value in record.case.items():
        if key not in ("category_override", "override_reason"):
            setattr(case, key, value)
    _set_override(case, decision.override, record.case.get("override_reason"), user, now)
    target = decision.category
    result, escalated, clock_changes = retriage_case(
        session, case, merged, decision.override, before, pathway, now
    )
    management_clocks = _apply_management(session, case, record.management, pathway, user, now)
    record_event(
        session,
        at=now,
        action="call.follow_up",
        user_id=user.id,
        case_id=case.id,
        detail={
            "call_id": call.id,
            "category_before": before,
            "category_after": target,
            "escalated": escalated,
            "rule": by_facts.category_rule.key,
            "case_facts": merged.to_json(),
            "clocks": clock_changes,
            "management_clocks": management_clocks,
            "patient_changes": patient_changes,
            **_as_given(record),
            **(
                {
                    "cancer_status_correction": {
                        "from": status_before,
                        "to": record.facts.cancer_status,
                        "reason": record.cancer_status_correction,
                    }
                }
                if record.cancer_status_correction
                else {}
            ),
        },
    )
    _record_override_change(session, case, user, now, override_before, decision, call.id)
    if escalated:
        record_category_change(
            session, case, user.id, now, before, by_facts.category_rule.key, from_call=call.id
        )
    session.flush()
    session.refresh(case)
    return _outcome(session, case, case.patient, call, result, created=False, escalated=escalated)


def retriage_case(
    session: Session,
    case: Case,
    merged: CaseFacts,
    override: str | None,
    before: str,
    pathway: Pathway,
    now: datetime,
) -> tuple[TriageResult, bool, list[dict[str, Any]]]:
    """Bring the case's advice, clocks and checklist up to its category now.

    One step for a follow-up call and for an override changed in the case view: the
    category is `override` or the case's computed one, new clocks run from `merged`'s
    time of suspicion, a tighter clock replaces a looser one, none is loosened, and an
    escalation closes the clocks it answers. Returns the triage, whether the case
    escalated from `before`, and the clock changes for the audit event.
    """
    ranks = {k: c.rank for k, c in pathway.categories.items()}
    result = triage(merged, pathway, override)
    target = result.category
    escalated = ranks[target] < ranks[before]
    case.immobilisation_advice = more_pressing_advice(
        case.immobilisation_advice, result.immobilisation
    )
    case.updated_at = now
    running = running_clocks(
        (
            (ClockSpec(d.key, d.label, d.starts_at, d.due_at, d.ref, ""), d.met_at, d.cancelled_at)
            for d in case.deadlines
        ),
        escalated,
    )
    changes = merge_clocks(running, result.deadlines)
    for change in changes:
        if change.action == "keep":
            continue
        if change.action == "tighten":
            for d in case.deadlines:
                if d.key == change.spec.key and d.is_open:
                    d.cancelled_at = now
                    d.cancel_reason = f"replaced by a tighter clock at {format_london(now)}"
        add_deadline(session, case, change.spec)
    superseded = _meet_by_escalation(case, result, pathway, target, now) if escalated else []
    existing = {item.key for item in case.checklist}
    _add_checklist(
        session, case, tuple(k for k in result.checklist if k not in existing), pathway, now
    )
    clock_changes = [
        {"action": c.action, **c.spec.to_json()} for c in changes if c.action != "keep"
    ] + superseded
    return result, escalated, clock_changes


def record_category_change(
    session: Session,
    case: Case,
    user_id: int,
    now: datetime,
    before: str,
    rule: str,
    from_call: int | None = None,
) -> None:
    """`case.category_changed`, after a follow-up call or an override cleared on purpose."""
    detail: dict[str, Any] = {"from": before, "to": case.category, "rule": rule}
    if from_call is not None:
        detail["from_call"] = from_call
    record_event(
        session,
        at=now,
        action="case.category_changed",
        user_id=user_id,
        case_id=case.id,
        detail=detail,
    )


def _set_override(
    case: Case,
    override: str | None,
    reason: str | None,
    user: User,
    now: datetime,
) -> None:
    """Keep who overrode the category and when with the override itself."""
    if override is None:
        case.category_override = None
        case.override_reason = None
        case.override_by_id = None
        case.override_at = None
    elif reason is not None:  # a new override: the dataset requires its reason
        case.category_override = override
        case.override_reason = reason
        case.override_by_id = user.id
        case.override_at = now
    # else: the override in force stays, with who made it and when


def _record_override_change(
    session: Session,
    case: Case,
    user: User,
    now: datetime,
    override_before: str | None,
    decision: CategoryDecision,
    call_id: int,
) -> None:
    detail: dict[str, Any]
    if decision.lifted:
        action, detail = "case.override_lifted", {"why": decision.why}
    elif decision.override is None and override_before is not None:
        action, detail = "case.override_cleared", {}
    elif decision.override is not None and case.override_at == now:
        action, detail = "case.override_set", {"reason": case.override_reason}
    else:
        return
    record_event(
        session,
        at=now,
        action=action,
        user_id=user.id,
        case_id=case.id,
        detail={
            "override_before": override_before,
            "override_after": decision.override,
            "computed": decision.computed,
            "from_call": call_id,
            **detail,
        },
    )


def _meet_by_escalation(
    case: Case, result: TriageResult, pathway: Pathway, target: str, now: datetime
) -> list[dict[str, Any]]:
    """Close the clocks the escalation answers (finding: the 24-hour advice clock of an
    urgent_advice case once it is an emergency): those the facts start from the time of
    suspicion that the new category no longer runs. Checklist clocks (radiotherapy) and
    the expert review are never touched."""
    answered = answered_by_escalation(pathway, result.deadlines)
    label = pathway.categories[target].label
    closed: list[dict[str, Any]] = []
    for d in case.deadlines:
        if d.is_open and d.key in answered:
            d.met_at = now
            d.met_by = f"escalated to {label}"[:200]
            closed.append(
                {
                    "action": "met_by_escalation",
                    "key": d.key,
                    "label": d.label,
                    "due": format_instant(d.due_at),
                }
            )
    return closed


def _add_call(
    session: Session, case: Case, record: CallRecord, user: User, follow_up: bool
) -> Call:
    call = Call(case=case, taken_by_id=user.id, is_follow_up=follow_up, **record.call)
    session.add(call)
    session.flush()
    return call


def _add_assessment(
    session: Session,
    case: Case,
    call: Call,
    facts: CaseFacts,
    presentation: dict[str, Any],
    result: TriageResult,
    user: User,
    now: datetime,
) -> None:
    session.add(
        Assessment(
            case=case,
            call_id=call.id,
            recorded_at=now,
            recorded_by_id=user.id,
            category=result.category_rule.outcome,
            category_rule=result.category_rule.key,
            pathway_version=result.pathway_version,
            **assessment_columns(facts),
            **presentation,
        )
    )


def _add_checklist(
    session: Session, case: Case, keys: tuple[str, ...], pathway: Pathway, now: datetime
) -> None:
    order = {item.key: i for i, item in enumerate(pathway.checklist)}
    for key in keys:
        session.add(
            ChecklistItem(
                case=case, key=key, position=order[key], state="pending", data={}, updated_at=now
            )
        )
    session.flush()


def _apply_management(
    session: Session,
    case: Case,
    management: dict[str, dict[str, Any]],
    pathway: Pathway,
    user: User,
    now: datetime,
) -> list[dict[str, Any]]:
    """Management so far fills the checklist and does to the clocks exactly what the same
    entry does in the case view (`clocks.apply_entry`). Items are taken in the pathway
    file's order, so a start (immobilisation) comes before what meets it (the review).

    Returns the clock effects, each with the `item` that caused it, for the audit event.
    """
    effects: list[dict[str, Any]] = []
    for rule in pathway.checklist:
        values = management.get(rule.key)
        if values is None:
            continue
        item = checklist_item(session, case, rule.key, pathway, now)
        try:
            changed = apply_entry(
                session, case, item, rule, values, pathway=pathway, user_id=user.id, now=now
            )
        except InputError as exc:  # name the field as the `record` input does
            raise InputError(f"management.{exc.field}", exc.problem) from None
        effects += [{"item": rule.key, **e} for e in changed]
    return effects


def _saved_with_key(
    session: Session, client_key: str | None, result: TriageResult
) -> RecordOutcome | None:
    """The outcome of the call already saved with this key, if there is one."""
    if client_key is None:
        return None
    call = session.scalar(select(Call).where(Call.client_key == client_key))
    if call is None:
        return None
    case = call.case
    outcome = _outcome(
        session, case, case.patient, call, result, created=not call.is_follow_up, escalated=False
    )
    return replace(outcome, already_saved=True)


def _outcome(
    session: Session,
    case: Case,
    patient: Patient,
    call: Call,
    result: TriageResult,
    created: bool,
    escalated: bool,
) -> RecordOutcome:
    session.flush()
    open_deadlines = session.scalars(
        select(Deadline)
        .where(
            Deadline.case_id == case.id, Deadline.met_at.is_(None), Deadline.cancelled_at.is_(None)
        )
        .order_by(Deadline.due_at)
    ).all()
    return RecordOutcome(
        case_id=case.id,
        patient_id=patient.id,
        call_id=call.id,
        category=case.category,
        escalated=escalated,
        created_case=created,
        deadlines=tuple(
            ClockSpec(d.key, d.label, d.starts_at, d.due_at, d.ref, "") for d in open_deadlines
        ),
        triage=result,
    )

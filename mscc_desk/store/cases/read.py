"""Reading one case for the case view: `load_case`, and a cheap fingerprint to poll."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.case_history import reported_features
from ...domain.errors import InputError
from ...domain.labels import option_label
from ...domain.pathway import ChecklistRule, Pathway, default_pathway
from ..board import age_at, location_text
from ..clocks import NA_REASON_KEY, assessment_facts
from ..engine import Database
from ..models import (
    Alert,
    Assessment,
    AuditEvent,
    Call,
    Case,
    ChecklistItem,
    Deadline,
    User,
)
from .details import (
    CallDetail,
    CaseDetail,
    CategoryDetail,
    ChecklistDetail,
    ClockDetail,
    NoteDetail,
    OutcomeDetail,
    PatientDetail,
    ReferralDetail,
    clock_state,
)

_PRIMARY_SITE_OTHER = "other"


def load_case(
    db: Database,
    case_id: int,
    *,
    now: datetime | None = None,
    pathway: Pathway | None = None,
) -> CaseDetail:
    """Everything about one case, read in one transaction so the parts agree.

    `now` (the injected clock's) is needed for the age and for the time left; it defaults
    to the case's last change only so that a read never depends on the machine's clock.
    """
    pathway = pathway or default_pathway()
    with db.read_session() as session:
        case = _get_case(session, case_id)
        at = now or case.updated_at
        names = _user_names(session)
        patient = case.patient
        calls = tuple(_call_detail(c, names) for c in case.calls)
        latest = case.assessments[-1] if case.assessments else None
        return CaseDetail(
            id=case.id,
            version=case.version,
            status=case.status,
            pathway_version=case.pathway_version,
            pathway_current=case.pathway_version == pathway.version,
            patient=PatientDetail(
                id=patient.id,
                nhs_number=patient.nhs_number,
                hospital_number=patient.hospital_number,
                family_name=patient.family_name,
                given_name=patient.given_name,
                date_of_birth=patient.date_of_birth,
                age=age_at(patient.date_of_birth, at),
                sex=patient.sex,
            ),
            referral=_referral(case, latest, calls, pathway, names),
            clocks=tuple(_clock_detail(d, pathway, at) for d in case.deadlines),
            checklist=tuple(_checklist_detail(i, pathway, names) for i in case.checklist),
            notes=tuple(_notes(session, case.id, names)),
            calls=calls,
            closing=OutcomeDetail(
                closed_at=case.closed_at,
                closed_by=names.get(case.closed_by_id) if case.closed_by_id else None,
                close_reason=case.close_reason,
                outcome=case.outcome,
                ambulatory_at_discharge=case.ambulatory_at_discharge,
                frankel_at_discharge=case.frankel_at_discharge,
            ),
            loaded_at=at,
        )


def case_fingerprint(db: Database, case_id: int) -> tuple[int, int, int]:
    """Cheap "has anything changed?" for a view that polls a shared database.

    The version misses notes and alerts (they do not change the case), hence the last
    audit event and the alert rows as well.
    """
    with db.read_session() as session:
        version = session.scalar(select(Case.version).where(Case.id == case_id)) or 0
        last_event = session.scalar(
            select(func.max(AuditEvent.id)).where(AuditEvent.case_id == case_id)
        )
        alerts = session.scalar(
            select(func.count(Alert.id) + func.count(Alert.acknowledged_at))
            .join(Deadline, Alert.deadline_id == Deadline.id)
            .where(Deadline.case_id == case_id)
        )
        return version, int(last_event or 0), int(alerts or 0)


def _get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise InputError("case", f"there is no case {case_id}")
    return case


def _user_names(session: Session) -> dict[int, str]:
    return {uid: name for uid, name in session.execute(select(User.id, User.display_name))}


def _call_detail(call: Call, names: Mapping[int, str]) -> CallDetail:
    return CallDetail(
        id=call.id,
        received_at=call.received_at,
        taken_by=names.get(call.taken_by_id, ""),
        caller_name=call.caller_name,
        caller_role=call.caller_role,
        caller_organisation=call.caller_organisation,
        caller_ward=call.caller_ward,
        caller_contact=call.caller_contact,
        referral_source=call.referral_source,
        notes=call.notes,
        is_follow_up=call.is_follow_up,
    )


def _referral(
    case: Case,
    latest: Assessment | None,
    calls: tuple[CallDetail, ...],
    pathway: Pathway,
    names: Mapping[int, str],
) -> ReferralDetail:
    rule = next((r for r in pathway.triage if r.key == case.category_rule), None)
    categories = pathway.categories

    def label(key: str) -> str:
        return categories[key].label if key in categories else key

    current = case.category
    category = CategoryDetail(
        key=current,
        label=label(current),
        short=categories[current].short if current in categories else current.upper(),
        rule_key=case.category_rule,
        rule_text=rule.text
        if rule
        else f"rule {case.category_rule} (pathway {case.pathway_version})",
        rule_ref=rule.ref if rule else "",
        rule_status=rule.status if rule else "",
        computed=case.category_computed,
        computed_label=label(case.category_computed),
        override=case.category_override,
        override_reason=case.override_reason,
        override_by=names.get(case.override_by_id) if case.override_by_id else None,
        override_at=case.override_at,
    )
    status = latest.cancer_status if latest else ""
    received = {c.id: c.received_at for c in calls}
    site = case.primary_site or ""
    if site == _PRIMARY_SITE_OTHER and case.primary_site_other:
        site_text = case.primary_site_other
    else:
        site_text = option_label(site) if site else ""
    return ReferralDetail(
        location=location_text(case.location, case.location_detail),
        cancer_status=status,
        cancer_status_text=pathway.features.get("cancer_status", {}).get(status, status),
        primary_site=site_text,
        histology=case.histology,
        known_bone_metastases=case.known_bone_metastases,
        category=category,
        immobilisation_advice=case.immobilisation_advice,
        suspected_at=case.suspected_at,
        opened_at=case.opened_at,
        referred_by=calls[0] if calls else None,
        last_call=calls[-1] if calls else None,
        features=tuple(
            reported_features(
                [
                    (received.get(a.call_id or -1, a.recorded_at), assessment_facts(a))
                    for a in case.assessments
                ],
                pathway.features,
            )
        ),
        instability_assessed=any(a.instability_signs is not None for a in case.assessments),
    )


def _clock_status(pathway: Pathway, key: str, label: str) -> str:
    rules = [c for c in pathway.clocks if c.key == key]
    for rule in rules:
        if rule.label == label:
            return rule.status
    return rules[0].status if rules else ""


def _clock_detail(d: Deadline, pathway: Pathway, now: datetime) -> ClockDetail:
    state = clock_state(d.met_at, d.cancelled_at, d.due_at, now)
    return ClockDetail(
        id=d.id,
        key=d.key,
        label=d.label,
        ref=d.ref,
        status=_clock_status(pathway, d.key, d.label),
        starts_at=d.starts_at,
        due_at=d.due_at,
        met_at=d.met_at,
        cancelled_at=d.cancelled_at,
        cancel_reason=d.cancel_reason,
        breach_reason=d.breach_reason,
        state=state,
        time_left=d.due_at - now if state in ("open", "breached") else None,
        met_by=d.met_by,
    )


def _checklist_detail(
    item: ChecklistItem, pathway: Pathway, names: Mapping[int, str]
) -> ChecklistDetail:
    try:
        rule: ChecklistRule | None = pathway.checklist_rule(item.key)
    except KeyError:
        rule = None
    data = dict(item.data or {})
    na_reason = data.pop(NA_REASON_KEY, None)
    return ChecklistDetail(
        key=item.key,
        title=rule.title if rule else item.key,
        text=rule.text if rule else "",
        ref=rule.ref if rule else "",
        status=rule.status if rule else "",
        state=item.state,
        data=MappingProxyType(data),
        note=item.note,
        na_reason=na_reason if isinstance(na_reason, str) else None,
        done_at=item.done_at,
        done_by=names.get(item.done_by_id) if item.done_by_id else None,
        updated_at=item.updated_at,
        fields=rule.fields if rule else (),
        starts=rule.starts if rule else None,
        meets=rule.meets if rule else None,
        on_pathway=rule is not None,
    )


def _notes(session: Session, case_id: int, names: Mapping[int, str]) -> list[NoteDetail]:
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case_id, AuditEvent.action == "case.note")
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        NoteDetail(
            e.at,
            names.get(e.user_id, "") if e.user_id else "",
            str((e.detail.get("after") or {}).get("text", "")),
        )
        for e in events
    ]

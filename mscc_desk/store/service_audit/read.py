"""The cases of an audit period, read as frozen rows in one read-only transaction.

Six set-based queries whatever the number of cases (cases with their patient's decile,
calls, assessments, checklist entries, clocks, and the lookup in use), so a year of a busy
service reads as quickly as a month. Rows carry no names and no NHS numbers: nothing
the audit shows needs them, and the case number opens the case for whoever may see it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.audit_period import Period
from ...domain.case_history import merged_facts
from ...domain.measures import AuditDefinitions, default_definitions
from ...domain.pathway import Pathway, default_pathway
from ...domain.service_audit import AuditCase, AuditClock, ServiceAudit, compute
from ..clocks import assessment_facts, stored_instant
from ..engine import Database
from ..imd import source_of
from ..models import Assessment, Call, Case, ChecklistItem, Deadline, ImdImport, Patient


def load_service_audit(
    db: Database,
    period: Period,
    *,
    now: datetime,
    pathway: Pathway | None = None,
    definitions: AuditDefinitions | None = None,
) -> ServiceAudit:
    """The figures for `period` as at `now`: what the window, CSV, summary and PDF show."""
    pathway = pathway or default_pathway()
    definitions = definitions or default_definitions()
    with db.read_session() as session:
        rows = _cases(session, period.chart_starts_at, period.ends_before, pathway)
        lookup = session.scalar(select(ImdImport).order_by(ImdImport.id.desc()).limit(1))
    source = "" if lookup is None else source_of(lookup).description
    return compute(
        rows, period=period, as_of=now, definitions=definitions, pathway=pathway, imd_lookup=source
    )


def audit_cases(
    db: Database, starts_at: datetime, ends_before: datetime, pathway: Pathway | None = None
) -> list[AuditCase]:
    """The cases opened in [starts_at, ends_before), as the audit sees them."""
    with db.read_session() as session:
        return _cases(session, starts_at, ends_before, pathway or default_pathway())


def _cases(
    session: Session, starts_at: datetime, ends_before: datetime, pathway: Pathway
) -> list[AuditCase]:
    opened = (Case.opened_at >= starts_at) & (Case.opened_at < ends_before)
    ids = select(Case.id).where(opened)
    cases = session.execute(
        select(
            Case.id,
            Case.opened_at,
            Case.suspected_at,
            Case.status,
            Case.category_computed,
            Case.category_override,
            Case.closed_at,
            Case.outcome,
            Case.ambulatory_at_discharge,
            Case.frankel_at_discharge,
            Patient.imd_decile,
        )
        .join(Patient, Case.patient_id == Patient.id)
        .where(opened)
        .order_by(Case.id)
    ).all()
    if not cases:
        return []

    first_call: dict[int, tuple[datetime, str | None]] = {}
    for case_id, received_at, source in session.execute(
        select(Call.case_id, Call.received_at, Call.referral_source)
        .where(Call.case_id.in_(ids))
        .order_by(Call.case_id, Call.received_at, Call.id)
    ):
        first_call.setdefault(case_id, (received_at, source))

    assessments: dict[int, list[Assessment]] = defaultdict(list)
    for a in session.scalars(
        select(Assessment).where(Assessment.case_id.in_(ids)).order_by(Assessment.id)
    ):
        assessments[a.case_id].append(a)

    kinds = {(item.key, f.key): f.kind for item in pathway.checklist for f in item.fields}
    times: dict[int, dict[str, datetime]] = defaultdict(dict)
    choices: dict[int, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for case_id, key, data in session.execute(
        select(ChecklistItem.case_id, ChecklistItem.key, ChecklistItem.data).where(
            ChecklistItem.case_id.in_(ids)
        )
    ):
        for name, value in (data or {}).items():
            kind = kinds.get((key, name))
            if kind == "datetime" and (at := stored_instant(value)) is not None:
                times[case_id][f"{key}.{name}"] = at
            elif kind == "choice" and isinstance(value, str) and value:
                choices[case_id][f"{key}.{name}"] = (value,)
            elif kind == "choices" and isinstance(value, list):
                choices[case_id][f"{key}.{name}"] = tuple(str(v) for v in value)

    clocks: dict[int, list[AuditClock]] = defaultdict(list)
    for d in session.execute(
        select(
            Deadline.case_id,
            Deadline.key,
            Deadline.label,
            Deadline.starts_at,
            Deadline.due_at,
            Deadline.met_at,
            Deadline.cancelled_at,
            Deadline.breach_reason,
            Deadline.breach_note,
        )
        .where(Deadline.case_id.in_(ids))
        .order_by(Deadline.id)
    ):
        clocks[d.case_id].append(AuditClock(*d[1:]))

    out: list[AuditCase] = []
    for c in cases:
        calls = assessments.get(c.id, [])
        facts = [assessment_facts(a) for a in calls]
        first = calls[0] if calls else None
        call_at, source = first_call.get(c.id, (None, None))
        extra: dict[str, Any] = {}
        if first is not None:
            extra = {
                "neuro_onset_at": first.neuro_onset_at,
                "pain_onset": first.pain_onset,
                "frankel_at_presentation": first.frankel,
                "mobility_at_presentation": first.mobility_now,
            }
        out.append(
            AuditCase(
                case_id=c.id,
                opened_at=c.opened_at,
                suspected_at=c.suspected_at,
                status=c.status,
                category_computed=c.category_computed,
                category_override=c.category_override,
                closed_at=c.closed_at,
                facts=merged_facts(facts[:-1], facts[-1]) if facts else None,
                call_at=call_at,
                referral_source=source,
                imd_decile=c.imd_decile,
                checklist_times=dict(times.get(c.id, {})),
                checklist_choices=dict(choices.get(c.id, {})),
                clocks=tuple(clocks.get(c.id, ())),
                frankel_at_discharge=c.frankel_at_discharge,
                ambulatory_at_discharge=c.ambulatory_at_discharge,
                outcome=c.outcome,
                **extra,
            )
        )
    return out

"""The open cases as the handover sheet shows them: what the next coordinator must act on.

The sheet is printed and carried by someone (often the on-call registrar at night) who
did not take the calls, so every case is reduced to what they must act on: who and where,
what is wrong and what has been done, the clock that runs out next, what is still
outstanding, unanswered alerts and the outgoing coordinator's note. The open cases are
read with a fixed handful of set-based queries whatever their number, so printing 200
open cases among 20,000 stays quick at 07:55.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ...domain.case_history import reported_features
from ...domain.clock import compact_london
from ...domain.deadlines import format_time_left
from ...domain.nhs_number import format_nhs
from ...domain.pathway import Pathway, default_pathway
from ..board import (
    RESOLVED_STATES,
    CategoryOverride,
    age_at,
    category_override,
    display_name,
    location_text,
)
from ..clocks import assessment_facts
from ..engine import Database
from ..models import (
    Alert,
    Assessment,
    AuditEvent,
    Call,
    Case,
    ChecklistItem,
    Deadline,
    Patient,
    User,
)
from .records import NOTE_ACTION, HandoverNote

# Short clinical words, as a coordinator writes them on a handover list.
PRIMARY_SITE_WORDS = {
    "breast": "Breast ca",
    "prostate": "Prostate ca",
    "lung": "Lung ca",
    "kidney": "Renal ca",
    "myeloma": "Myeloma",
    "lymphoma": "Lymphoma",
    "bowel": "Bowel ca",
    "unknown_primary": "Unknown primary",
}
NEURO_WORDS = {
    "limb_weakness": "limb weakness",
    "sensory_change": "sensory change",
    "bladder_bowel_dysfunction": "bladder/bowel dysfunction",
    "gait_disturbance": "difficulty walking",
    "neurological_signs": "cord/cauda equina signs",
    "radicular_pain": "radicular pain",
}
PAIN_WORDS = {
    "severe_unremitting": "severe unremitting",
    "progressive": "progressive",
    "mechanical": "mechanical",
    "straining": "worse on straining",
    "nocturnal": "nocturnal",
    "localised_tenderness": "localised tenderness",
    "claudication": "claudication",
}
MOBILITY_WORDS = {
    "independent": "walking independently",
    "with_aid": "walking with aid",
    "chair": "chair-bound",
    "bed": "bed-bound",
}
STAGE_WORDS = {"due_soon": "due soon", "imminent": "imminent", "breached": "BREACHED"}


@dataclass(frozen=True)
class HandoverDeadline:
    key: str
    label: str
    due_at: datetime
    overdue: bool
    time_left: str  # "due in 45 min" / "OVERDUE 2 h 10 min": words survive a grey printer


@dataclass(frozen=True)
class HandoverAlert:
    stage: str
    clock: str
    raised_at: datetime

    @property
    def text(self) -> str:
        return f"{self.clock}: {STAGE_WORDS.get(self.stage, self.stage)}"


@dataclass(frozen=True)
class HandoverCase:
    """One open case as the incoming coordinator needs it, computed at `now`."""

    case_id: int
    patient_name: str
    nhs_number: str | None  # ten digits as stored; `nhs_display` for people
    hospital_number: str | None
    age: int
    location: str
    category: str
    category_label: str
    category_short: str
    category_rank: int
    problem: str  # what is wrong: "Breast ca; limb weakness, sensory change; Frankel D"
    done: str  # what has been done: "MRI requested 21:40; dexamethasone given 22:05"
    deadlines: tuple[HandoverDeadline, ...]  # open clocks, soonest first
    outstanding: tuple[str, ...]  # titles of checklist items still pending
    outstanding_keys: tuple[str, ...]  # their keys in the pathway file, in the same order
    started: frozenset[str]  # keys of outstanding items with something already entered
    alerts: tuple[HandoverAlert, ...]  # raised and not acknowledged
    note: HandoverNote | None
    caller: str  # who to ring back about this case: "Dr Patel (FY2), bleep 1234"
    override: CategoryOverride | None = None
    # How far each outstanding item has got ("mri": "MRI requested 21:40"), from `done`.
    progress: dict[str, str] = field(default_factory=dict)

    @property
    def nhs_display(self) -> str:
        return format_nhs(self.nhs_number) if self.nhs_number else "no NHS number"

    @property
    def next_deadline(self) -> HandoverDeadline | None:
        return self.deadlines[0] if self.deadlines else None

    @property
    def overdue(self) -> bool:
        return any(d.overdue for d in self.deadlines)


def handover_cases(
    db: Database, now: datetime, pathway: Pathway | None = None
) -> list[HandoverCase]:
    """Open cases, most urgent first: overdue, then category rank, then the next clock."""
    with db.read_session() as session:
        return _handover_cases(session, now, pathway or default_pathway())


def sort_key(case: HandoverCase) -> tuple[int, int, int, float, int]:
    """Overdue first (the worst breach leads), then category, then the clock due next.

    A case without a running clock sorts after those of its category that have one.
    """
    nxt = case.next_deadline
    due = nxt.due_at.timestamp() if nxt else 0.0
    return (0 if case.overdue else 1, case.category_rank, 0 if nxt else 1, due, case.case_id)


def _handover_cases(session: Session, now: datetime, pathway: Pathway) -> list[HandoverCase]:
    open_ids = select(Case.id).where(Case.status == "open")
    cases = session.execute(
        select(
            Case.id,
            Case.category_computed,
            Case.category_override,
            Case.override_reason,
            Case.override_by_id,
            Case.override_at,
            User.display_name.label("override_by_name"),
            Case.location,
            Case.location_detail,
            Case.primary_site,
            Case.primary_site_other,
            Case.immobilisation_advice,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
            Patient.hospital_number,
            Patient.date_of_birth,
        )
        .join(Patient, Case.patient_id == Patient.id)
        .outerjoin(User, Case.override_by_id == User.id)
        .where(Case.status == "open")
    ).all()
    if not cases:
        return []

    deadlines: dict[int, list[HandoverDeadline]] = defaultdict(list)
    for case_id, key, label, due_at in session.execute(
        select(Deadline.case_id, Deadline.key, Deadline.label, Deadline.due_at)
        .where(
            Deadline.case_id.in_(open_ids),
            Deadline.met_at.is_(None),
            Deadline.cancelled_at.is_(None),
        )
        .order_by(Deadline.case_id, Deadline.due_at)
    ):
        deadlines[case_id].append(
            HandoverDeadline(key, label, due_at, due_at <= now, time_left_words(due_at, now))
        )

    titles = {item.key: item.title for item in pathway.checklist}
    outstanding: dict[int, list[str]] = defaultdict(list)
    outstanding_keys: dict[int, list[str]] = defaultdict(list)
    started: dict[int, set[str]] = defaultdict(set)
    checklist: dict[int, dict[str, tuple[str, dict[str, Any]]]] = defaultdict(dict)
    for case_id, key, state, data in session.execute(
        select(ChecklistItem.case_id, ChecklistItem.key, ChecklistItem.state, ChecklistItem.data)
        .where(ChecklistItem.case_id.in_(open_ids))
        .order_by(ChecklistItem.case_id, ChecklistItem.position)
    ):
        checklist[case_id][key] = (state, data or {})
        if state not in RESOLVED_STATES:
            outstanding[case_id].append(titles.get(key, key))
            outstanding_keys[case_id].append(key)
            if any(v not in (None, "", [], {}) for v in (data or {}).values()):
                started[case_id].add(key)

    # Every call's assessment: a feature reported on any call stays on the sheet.
    assessments: dict[int, list[Assessment]] = defaultdict(list)
    received: dict[int, datetime] = {}
    for a, call_received in session.execute(
        select(Assessment, Call.received_at)
        .outerjoin(Call, Assessment.call_id == Call.id)
        .where(Assessment.case_id.in_(open_ids))
        .order_by(Assessment.id)
    ):
        assessments[a.case_id].append(a)
        if a.call_id is not None and call_received is not None:
            received[a.call_id] = call_received

    # One line per clock: its latest unacknowledged stage ("breached" says "due soon" too).
    latest_alert: dict[int, HandoverAlert] = {}
    case_of: dict[int, int] = {}
    for deadline_id, case_id, stage, label, raised_at in session.execute(
        select(Alert.deadline_id, Deadline.case_id, Alert.stage, Deadline.label, Alert.raised_at)
        .join(Deadline, Alert.deadline_id == Deadline.id)
        .where(Deadline.case_id.in_(open_ids), Alert.acknowledged_at.is_(None))
        .order_by(Alert.raised_at, Alert.id)
    ):
        latest_alert[deadline_id] = HandoverAlert(stage, label, raised_at)
        case_of[deadline_id] = case_id
    alerts: dict[int, list[HandoverAlert]] = defaultdict(list)
    for deadline_id, alert in latest_alert.items():
        alerts[case_of[deadline_id]].append(alert)

    notes = _latest_notes(session, open_ids)
    callers = _latest_callers(session, open_ids)

    rows: list[HandoverCase] = []
    done_by_item: dict[int, dict[str, str]] = {}
    for c in cases:
        category_key = c.category_override or c.category_computed
        category = pathway.categories.get(category_key)
        items = checklist.get(c.id, {})
        done_by_item[c.id] = done_items(items, c.immobilisation_advice, now)
        rows.append(
            HandoverCase(
                case_id=c.id,
                patient_name=display_name(c.family_name, c.given_name),
                nhs_number=c.nhs_number,
                hospital_number=c.hospital_number,
                age=age_at(c.date_of_birth, now),
                location=location_text(c.location, c.location_detail) or "location not recorded",
                category=category_key,
                category_label=category.label if category else category_key,
                category_short=category.short if category else category_key.upper(),
                category_rank=category.rank if category else 99,
                problem=problem_line(
                    c.primary_site,
                    c.primary_site_other,
                    assessments.get(c.id, []),
                    received,
                    now,
                    pathway,
                ),
                done="; ".join(done_by_item[c.id].values()),
                deadlines=tuple(deadlines.get(c.id, ())),
                outstanding=tuple(outstanding.get(c.id, ())),
                outstanding_keys=tuple(outstanding_keys.get(c.id, ())),
                started=frozenset(started.get(c.id, ())),
                alerts=tuple(alerts.get(c.id, ())),
                note=notes.get(c.id),
                caller=callers.get(c.id, ""),
                override=category_override(c, pathway, c.override_by_name),
                progress={
                    k: v
                    for k, v in done_by_item[c.id].items()
                    if k in outstanding_keys.get(c.id, ())
                },
            )
        )
    rows.sort(key=sort_key)
    return rows


def _latest_notes(session: Session, case_ids: Select[Any]) -> dict[int, HandoverNote]:
    latest = (
        select(func.max(AuditEvent.id))
        .where(AuditEvent.action == NOTE_ACTION, AuditEvent.case_id.in_(case_ids))
        .group_by(AuditEvent.case_id)
    )
    out: dict[int, HandoverNote] = {}
    for case_id, detail, at, author in session.execute(
        select(AuditEvent.case_id, AuditEvent.detail, AuditEvent.at, User.display_name)
        .outerjoin(User, AuditEvent.user_id == User.id)
        .where(AuditEvent.id.in_(latest))
    ):
        text = str((detail or {}).get("text", "")).strip()
        if text and case_id is not None:  # an empty note is a note cleared
            out[case_id] = HandoverNote(case_id, text, author or "unknown", at)
    return out


def _latest_callers(session: Session, case_ids: Select[Any]) -> dict[int, str]:
    latest = select(func.max(Call.id)).where(Call.case_id.in_(case_ids)).group_by(Call.case_id)
    out: dict[int, str] = {}
    for case_id, name, role, contact in session.execute(
        select(Call.case_id, Call.caller_name, Call.caller_role, Call.caller_contact).where(
            Call.id.in_(latest)
        )
    ):
        # Who and how to reach them; their ward is on the case view (often the patient's).
        who = name.strip()
        if role and role.strip():
            who += f" ({role.strip()})"
        out[case_id] = f"{who}, {contact.strip()}" if contact and contact.strip() else who
    return out


def time_left_words(due_at: datetime, now: datetime) -> str:
    """`due in 45 min` or `OVERDUE 2 h 10 min`: urgency in words, never colour alone."""
    text = format_time_left(due_at - now)
    if due_at <= now:
        return text if text.startswith("OVERDUE") else "OVERDUE 0 min"
    return "due in " + text.removesuffix(" left")


def short_time(instant: datetime, now: datetime) -> str:
    """`21:40` today (London), `Mon 21:40` within the week, `16 Nov 21:40` before: a bare
    time from yesterday would be read as today on a sheet carried through the night."""
    return compact_london(instant, now, today_bare=True)


def problem_line(
    primary_site: str | None,
    primary_other: str | None,
    calls: Sequence[Assessment],
    received: Mapping[int, datetime],
    now: datetime,
    pathway: Pathway,
) -> str:
    """What is wrong, in the words of a handover list: every feature any call reported,
    with when it was first reported when a later call brought it, and the latest signs."""
    parts: list[str] = []
    a = calls[-1] if calls else None
    cancer = PRIMARY_SITE_WORDS.get(primary_site or "")
    if primary_site == "other" and primary_other and primary_other.strip():
        other = primary_other.strip()
        cancer = f"{other[:1].upper()}{other[1:]} ca"
    if cancer is None and a is not None:
        cancer = {
            "past_or_current": "Known cancer",
            "suspected": "Suspected cancer",
            "none": "No known cancer",
        }.get(a.cancer_status)
    if cancer:
        parts.append(cancer)
    if a is None:
        return "; ".join(parts) or "No assessment recorded"
    first = _first_reported(calls, received, pathway)
    opened = min(first.values(), default=None)

    def words(key: str, word: str) -> str:
        at = first[key]
        return f"{word} (from {short_time(at, now)})" if opened and at > opened else word

    if "mscc_confirmed" in first:
        parts.append(words("mscc_confirmed", "MSCC confirmed on MRI"))
    elif "spinal_metastases_confirmed" in first:
        parts.append(words("spinal_metastases_confirmed", "spinal metastases confirmed"))
    neuro = [words(f"neuro:{k}", w) for k, w in NEURO_WORDS.items() if f"neuro:{k}" in first]
    if neuro:
        parts.append(", ".join(neuro))
    pain = [words(f"pain:{k}", w) for k, w in PAIN_WORDS.items() if f"pain:{k}" in first]
    if pain:
        parts.append("pain: " + ", ".join(pain))
    signs: list[str] = []
    if a.frankel:
        signs.append(f"Frankel {a.frankel}")
    if a.power_left is not None or a.power_right is not None:
        left = "?" if a.power_left is None else a.power_left
        right = "?" if a.power_right is None else a.power_right
        signs.append(f"power L{left}/R{right}")
    if a.sensory_level:
        signs.append(f"sensory level {a.sensory_level}")
    if a.bladder and a.bladder != "normal":
        signs.append(f"bladder: {a.bladder}")
    if a.bowel and a.bowel != "normal":
        signs.append(f"bowel: {a.bowel}")
    if a.mobility_now:
        signs.append(MOBILITY_WORDS.get(a.mobility_now, a.mobility_now))
    if "instability_signs" in first:
        signs.append(words("instability_signs", "signs of instability"))
    if a.neuro_progressing == "yes":
        signs.append("neurology progressing")
    if signs:
        parts.append(", ".join(signs))
    return "; ".join(parts)


def _first_reported(
    calls: Sequence[Assessment], received: Mapping[int, datetime], pathway: Pathway
) -> dict[str, datetime]:
    """Feature key -> when a call first reported it (`case_history.reported_features`)."""
    return {
        f.key: f.first_reported_at
        for f in reported_features(
            [(received.get(a.call_id or -1, a.recorded_at), assessment_facts(a)) for a in calls],
            pathway.features,
        )
    }


def done_items(
    items: dict[str, tuple[str, dict[str, Any]]], immobilisation_advice: str, now: datetime
) -> dict[str, str]:
    """What has been done so far, by checklist item: `{"mri": "MRI requested 21:40"}`.

    For an item still outstanding this is how far it has got, which is what the sheet
    prints in its place ("MRI requested 21:40" rather than "MRI, started").
    """

    def at(data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if not value:
            return None
        try:
            return short_time(datetime.fromisoformat(str(value)), now)
        except ValueError:
            return None

    def data_of(key: str) -> dict[str, Any]:
        return items.get(key, ("", {}))[1]

    done: dict[str, str] = {}
    mri = data_of("mri")
    if t := at(mri, "reported_at"):
        text = f"MRI reported {t}"
        if mri.get("cord_compression") == "yes":
            text += ": cord compression"
        elif mri.get("cord_compression") == "no":
            text += ": no cord compression"
        if mri.get("levels"):
            text += f" ({mri['levels']})"
        done["mri"] = text
    elif t := at(mri, "performed_at"):
        done["mri"] = f"MRI performed {t}, awaiting report"
    elif t := at(mri, "requested_at"):
        where = f" ({mri['location']})" if mri.get("location") else ""
        done["mri"] = f"MRI requested {t}{where}"
    dex = data_of("dexamethasone")
    if (t := at(dex, "given_at")) or dex.get("dose_mg"):
        dose = f" {dex['dose_mg']:g} mg" if isinstance(dex.get("dose_mg"), int | float) else ""
        done["dexamethasone"] = f"dexamethasone{dose} given" + (f" {t}" if t else "")
    imm = data_of("immobilisation")
    if t := at(imm, "stopped_at"):
        done["immobilisation"] = f"immobilisation stopped {t}"
    elif t := at(imm, "started_at"):
        done["immobilisation"] = f"immobilised since {t}"
    elif immobilisation_advice == "start_now":
        done["immobilisation"] = "immobilisation advised, start not recorded"
    review = data_of("expert_review")
    if t := at(review, "reviewed_at"):
        who = f" ({review['reviewer']})" if review.get("reviewer") else ""
        done["expert_review"] = f"expert review {t}{who}"
    if t := at(data_of("analgesia"), "given_at"):
        done["analgesia"] = f"analgesia {t}"
    treat = data_of("definitive_treatment")
    modality = str(treat.get("modality", "")).replace("_", " ")
    if t := at(treat, "started_at"):
        done["definitive_treatment"] = f"{modality or 'treatment'} started {t}"
    elif t := at(treat, "decision_at"):
        done["definitive_treatment"] = (
            f"decision to treat{' (' + modality + ')' if modality else ''} {t}"
        )
    sins = data_of("sins").get("sins")
    if isinstance(sins, dict) and "total" in sins:
        done["sins"] = f"SINS {sins['total']}"
    if t := at(data_of("oncology_referral"), "referred_at"):
        done["oncology_referral"] = f"oncology referral {t}"
    if t := at(data_of("coordinator_assessment"), "assessed_at"):
        done["coordinator_assessment"] = f"assessed by coordinator {t}"
    return done

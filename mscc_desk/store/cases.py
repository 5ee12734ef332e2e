"""One case, whole: what the case view reads, and every change it makes to a case.

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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ..domain.case_history import ReportedFeature, reported_features
from ..domain.clock import Clock, format_instant, format_london
from ..domain.dataset import clean_checklist_value, clean_text
from ..domain.deadlines import format_time_left
from ..domain.errors import InputError
from ..domain.labels import field_label, option_label
from ..domain.nhs_number import format_nhs
from ..domain.pathway import ChecklistField, ChecklistRule, Pathway, default_pathway
from ..domain.scales import (
    FRANKEL_LABELS,
    SURGICAL_OPINION_TEXT,
    SURGICAL_OPINION_THRESHOLD,
    Frankel,
    SinsResult,
    sins_band,
)
from ..domain.triage import NEURO_FEATURES, PAIN_FEATURES
from .audit import record_event
from .board import age_at, display_name, location_text
from .calls import RecordOutcome, record_call, retriage_case
from .clocks import (
    NA_REASON_KEY,
    apply_entry,
    assessment_facts,
    checklist_item,
    merged_case_facts,
    stored_instant,
)
from .engine import Database
from .models import (
    Alert,
    Assessment,
    AuditEvent,
    Call,
    Case,
    ChecklistItem,
    Deadline,
    User,
)
from .permissions import acting_user

__all__ = [
    "AMBULATORY",
    "CHECKLIST_STATES",
    "OUTCOMES",
    "CallDetail",
    "CaseDetail",
    "CategoryDetail",
    "ChecklistDetail",
    "ClockDetail",
    "NoteDetail",
    "OutcomeDetail",
    "PatientDetail",
    "ReferralDetail",
    "TimelineEntry",
    "VersionConflict",
    "add_note",
    "case_fingerprint",
    "clear_override",
    "close_case",
    "describe_value",
    "field_label",
    "frankel_words",
    "load_case",
    "option_label",
    "reopen_case",
    "retriage",
    "timeline",
    "update_checklist_item",
]

CHECKLIST_STATES = {
    "pending": "Pending",
    "done": "Done",
    "not_applicable": "Not applicable",
}
OUTCOMES = {
    "mscc_confirmed": "MSCC confirmed",
    "spinal_metastases_without_mscc": "Spinal metastases without MSCC",
    "not_metastatic": "Not metastatic",
    "other": "Other",
}
AMBULATORY = {"yes": "Yes", "no": "No", "unknown": "Unknown"}
CLOSED_CLOCK_REASON = "case closed"
_PRIMARY_SITE_OTHER = "other"


# --- Errors -------------------------------------------------------------------------------


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


# --- What the case view reads ----------------------------------------------------------------


@dataclass(frozen=True)
class PatientDetail:
    id: int
    nhs_number: str | None  # ten digits as stored
    hospital_number: str | None
    family_name: str
    given_name: str
    date_of_birth: date
    age: int
    sex: str | None

    @property
    def name(self) -> str:
        return display_name(self.family_name, self.given_name)

    @property
    def nhs_display(self) -> str:
        """`943 476 5919`, the form that is read back over the phone."""
        return format_nhs(self.nhs_number) if self.nhs_number else ""


@dataclass(frozen=True)
class CallDetail:
    id: int
    received_at: datetime
    taken_by: str
    caller_name: str
    caller_role: str | None
    caller_organisation: str | None
    caller_ward: str | None
    caller_contact: str
    referral_source: str | None
    notes: str | None
    is_follow_up: bool

    @property
    def caller(self) -> str:
        """`Dr Priya Patel (FY2, Ward 7, St James's)`: enough to find the caller again."""
        where = ", ".join(
            p for p in (self.caller_role, self.caller_ward, self.caller_organisation) if p
        )
        return f"{self.caller_name} ({where})" if where else self.caller_name


@dataclass(frozen=True)
class CategoryDetail:
    """The category in force, and why: the rule the facts met, and any override."""

    key: str
    label: str
    short: str
    rule_key: str
    rule_text: str
    rule_ref: str
    rule_status: str
    computed: str
    computed_label: str
    override: str | None
    override_reason: str | None
    override_by: str | None = None  # display name
    override_at: datetime | None = None

    @property
    def override_words(self) -> str:
        """`Overridden from EMERGENCY by Dr Ada Lovelace at 27/03/2027 10:05 GMT: reason`."""
        if not self.override:
            return ""
        who = f" by {self.override_by}" if self.override_by else ""
        when = f" at {format_london(self.override_at)}" if self.override_at else ""
        return f"Overridden from '{self.computed_label}'{who}{when}: {self.override_reason or ''}"


@dataclass(frozen=True)
class ReferralDetail:
    location: str
    cancer_status: str
    cancer_status_text: str
    primary_site: str
    histology: str | None
    known_bone_metastases: str | None
    category: CategoryDetail
    immobilisation_advice: str
    suspected_at: datetime
    opened_at: datetime
    referred_by: CallDetail | None  # the first call
    last_call: CallDetail | None
    # Every feature reported on any call, with when it was first reported.
    features: tuple[ReportedFeature, ...] = ()
    instability_assessed: bool = True

    @property
    def call_back(self) -> str:
        """The latest number given wins: a ward call-back after a GP referral, say."""
        return self.last_call.caller_contact if self.last_call else ""


@dataclass(frozen=True)
class ClockDetail:
    id: int
    key: str
    label: str
    ref: str
    status: str  # seed / QS56 / local, from the pathway file
    starts_at: datetime
    due_at: datetime
    met_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    breach_reason: str | None
    state: str  # open / met / breached / cancelled, at the time of loading
    time_left: timedelta | None  # for a running clock; negative when overdue
    met_by: str | None = None  # what met it when no checklist time did (an escalation)

    def state_at(self, now: datetime) -> str:
        return clock_state(self.met_at, self.cancelled_at, self.due_at, now)

    @property
    def met_late(self) -> bool:
        return self.met_at is not None and self.met_at > self.due_at

    def words(self, now: datetime) -> str:
        """What the clock says now, in words a tired reader cannot misread."""
        state = self.state_at(now)
        if state == "met" and self.met_by:
            return f"Closed: {self.met_by}"
        if state == "met":
            margin = format_time_left(self.due_at - self.met_at) if self.met_at else ""
            if self.met_late:
                return f"Met LATE ({margin.removeprefix('OVERDUE ')} after due)"
            return f"Met ({margin.removesuffix(' left')} before due)"
        if state == "cancelled":
            return f"Stopped: {self.cancel_reason or 'cancelled'}"
        text = format_time_left(self.due_at - now)
        return f"BREACHED: {text}" if state == "breached" else f"Running: {text}"


@dataclass(frozen=True)
class ChecklistDetail:
    key: str
    title: str
    text: str
    ref: str
    status: str  # seed / QS56 / local
    state: str  # pending / done / not_applicable
    data: Mapping[str, Any]
    note: str | None
    na_reason: str | None
    done_at: datetime | None
    done_by: str | None
    updated_at: datetime
    fields: tuple[ChecklistField, ...]
    starts: tuple[str, str] | None
    meets: tuple[str, str] | None
    on_pathway: bool  # False for an item this pathway file no longer lists

    @property
    def is_local(self) -> bool:
        return self.status == "local"

    @property
    def sins(self) -> SinsResult | None:
        for f in self.fields:
            value = self.data.get(f.key)
            if f.kind == "sins" and isinstance(value, Mapping) and "total" in value:
                total = int(value["total"])
                band = sins_band(total)
                return SinsResult(total, band, total >= SURGICAL_OPINION_THRESHOLD)
        return None

    def duration(self, now: datetime) -> timedelta | None:
        """How long a started-and-stopped episode (immobilisation) has lasted so far.

        Any item with `started_at` and `stopped_at` fields has one; the audit wants
        immobilisation kept as short as possible, so the view shows it running.
        """
        keys = {f.key for f in self.fields}
        if not {"started_at", "stopped_at"} <= keys:
            return None
        start = stored_instant(self.data.get("started_at"))
        if start is None:
            return None
        stop = stored_instant(self.data.get("stopped_at")) or now
        return max(stop - start, timedelta(0))

    def summary(self) -> list[str]:
        """`Performed at: Sat 27 Mar 2027 11:00 GMT` for each field filled in."""
        return [
            f"{field_label(f.key)}: {describe_value(f, self.data[f.key])}"
            for f in self.fields
            if self.data.get(f.key) not in (None, "", [])
        ]


@dataclass(frozen=True)
class NoteDetail:
    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class OutcomeDetail:
    closed_at: datetime | None
    closed_by: str | None
    close_reason: str | None
    outcome: str | None
    ambulatory_at_discharge: str | None
    frankel_at_discharge: str | None


@dataclass(frozen=True)
class CaseDetail:
    id: int
    version: int
    status: str  # open / closed
    pathway_version: str
    pathway_current: bool  # triaged with the pathway file in use now
    patient: PatientDetail
    referral: ReferralDetail
    clocks: tuple[ClockDetail, ...]
    checklist: tuple[ChecklistDetail, ...]
    notes: tuple[NoteDetail, ...]
    calls: tuple[CallDetail, ...]
    closing: OutcomeDetail
    loaded_at: datetime

    def item(self, key: str) -> ChecklistDetail:
        for item in self.checklist:
            if item.key == key:
                return item
        raise KeyError(key)

    def open_clock(self, key: str) -> ClockDetail | None:
        for clock in self.clocks:
            if clock.key == key and clock.met_at is None and clock.cancelled_at is None:
                return clock
        return None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str  # empty for what the clock itself did (a breach)
    what: str
    detail: str = ""
    kind: str = "other"  # call assessment triage category checklist clock breach alert
    #                      note close reopen other


# --- Words ---------------------------------------------------------------------------------


def _in_sentence(label: str) -> str:
    """`Performed at` -> `performed at`, but `PPI` stays `PPI`."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def describe_value(cf: ChecklistField, value: Any) -> str:
    """A stored checklist value in words; instants in London time with GMT/BST."""
    if value is None or value == "" or value == []:
        return "—"
    if cf.kind == "datetime":
        instant = stored_instant(value)
        return format_london(instant) if instant else str(value)
    if cf.kind == "yesno":
        return "Yes" if value in ("yes", True) else "No"
    if cf.kind == "choice":
        return option_label(str(value))
    if cf.kind == "choices" and isinstance(value, list):
        return ", ".join(option_label(str(v)) for v in value)
    if cf.kind == "score10":
        return f"{value}/10"
    if cf.kind == "number" and isinstance(value, int | float):
        return f"{value:g}"
    if cf.kind == "sins" and isinstance(value, Mapping) and "total" in value:
        total = int(value["total"])
        text = f"{total} — {sins_band(total).label}"
        if total >= SURGICAL_OPINION_THRESHOLD:
            return f"{text}; {SURGICAL_OPINION_TEXT.lower()}"
        return text
    return str(value)


def clock_state(
    met_at: datetime | None, cancelled_at: datetime | None, due_at: datetime, now: datetime
) -> str:
    """A met clock stays met even if late (`met_late` says so); a stopped one is cancelled."""
    if met_at is not None:
        return "met"
    if cancelled_at is not None:
        return "cancelled"
    return "breached" if now >= due_at else "open"


# --- Reading ---------------------------------------------------------------------------------


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


# --- Changing a case -------------------------------------------------------------------------

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
            record_event(
                session,
                at=now,
                action="case.category_changed",
                user_id=actor.id,
                case_id=case.id,
                detail={"from": before, "to": case.category, "rule": case.category_rule},
            )
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


# --- The timeline ----------------------------------------------------------------------------

# When two things happen at one instant, tell them in the order they happened.
_RANK = {
    "clock_start": 0,
    "call": 1,
    "assessment": 2,
    "triage": 3,
    "category": 4,
    "checklist": 5,
    "clock": 6,
    "note": 7,
    "alert": 8,
    "breach": 9,
    "close": 10,
    "reopen": 11,
    "other": 12,
}
_STAGE_WORDS = {"due_soon": "due soon", "imminent": "due within the hour", "breached": "breached"}


@dataclass(order=True)
class _Sortable:
    at: datetime
    rank: int
    seq: int
    entry: TimelineEntry = field(compare=False)


def timeline(
    db: Database,
    case_id: int,
    *,
    now: datetime | None = None,
    pathway: Pathway | None = None,
) -> list[TimelineEntry]:
    """Everything that happened to the case, in time order, in words.

    Breaches are not events anyone wrote: a clock not met by its due time is an entry at
    that due time (only once `now` has passed it). Alerts come from the `alert` table,
    the truth the scheduler writes, so `alert.*` audit events are not repeated.
    """
    pathway = pathway or default_pathway()
    with db.read_session() as session:
        case = _get_case(session, case_id)
        at_now = now or case.updated_at
        names = _user_names(session)
        out: list[_Sortable] = []

        def add(at: datetime, kind: str, who: str, what: str, detail: str = "") -> None:
            entry = TimelineEntry(at, who, what, detail, "clock" if kind == "clock_start" else kind)
            out.append(_Sortable(at, _RANK.get(kind, 12), len(out), entry))

        for call in case.calls:
            c = _call_detail(call, names)
            what = ("Follow-up call" if c.is_follow_up else "Referral call") + f" from {c.caller}"
            add(
                c.received_at,
                "call",
                c.taken_by,
                what,
                _join(
                    f"Call back: {c.caller_contact}",
                    f"Source: {option_label(c.referral_source)}" if c.referral_source else "",
                    c.notes or "",
                ),
            )
        for a in case.assessments:
            add(
                a.recorded_at,
                "assessment",
                names.get(a.recorded_by_id, ""),
                f"Assessment: {_category_label(pathway, a.category)} (rule {a.category_rule})",
                _assessment_words(a, pathway),
            )
        for d in case.deadlines:
            add(
                d.starts_at,
                "clock_start",
                "",
                f"Clock started: {d.label}",
                _join(f"Due {format_london(d.due_at)}", d.ref),
            )
            if d.met_at is not None:
                late = " (LATE)" if d.met_at > d.due_at else ""
                add(
                    d.met_at,
                    "clock",
                    "",
                    f"Clock met{late}: {d.label}",
                    f"Due {format_london(d.due_at)}",
                )
            if (
                d.due_at <= at_now
                and (d.met_at is None or d.met_at > d.due_at)
                and (d.cancelled_at is None or d.cancelled_at > d.due_at)
            ):
                add(
                    d.due_at,
                    "breach",
                    "",
                    f"BREACHED: {d.label} not met by the due time",
                    _join(
                        d.ref,
                        f"Reason recorded: {d.breach_reason}" if d.breach_reason else "",
                        d.breach_note or "",
                    ),
                )
            if d.cancelled_at is not None:
                add(d.cancelled_at, "clock", "", f"Clock stopped: {d.label}", d.cancel_reason or "")
        for alert, label in session.execute(
            select(Alert, Deadline.label)
            .join(Deadline, Alert.deadline_id == Deadline.id)
            .where(Deadline.case_id == case.id)
        ):
            stage = _STAGE_WORDS.get(alert.stage, alert.stage)
            add(alert.raised_at, "alert", "", f"Alert raised: {label} — {stage}")
            if alert.acknowledged_at is not None:
                add(
                    alert.acknowledged_at,
                    "alert",
                    names.get(alert.acknowledged_by_id, "") if alert.acknowledged_by_id else "",
                    f"Alert acknowledged: {label} — {stage}",
                    alert.note or "",
                )
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
        )
        for e in events:
            if e.action.startswith("alert."):
                continue
            who = names.get(e.user_id, "") if e.user_id else ""
            kind, what, detail = _event_words(e.action, e.detail, pathway)
            add(e.at, kind, who, what, detail)
        return [s.entry for s in sorted(out)]


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _category_label(pathway: Pathway, key: str | None) -> str:
    if not key:
        return "—"
    category = pathway.categories.get(key)
    return category.label if category else key


def _assessment_words(a: Assessment, pathway: Pathway) -> str:
    features = pathway.features
    neuro = [features["neuro"].get(k, k) for k in NEURO_FEATURES if getattr(a, f"neuro_{k}")]
    pain = [features["pain"].get(k, k) for k in PAIN_FEATURES if getattr(a, f"pain_{k}")]
    return _join(
        features.get("cancer_status", {}).get(a.cancer_status, a.cancer_status),
        f"Cord compression: {', '.join(neuro)}" if neuro else "No cord-compression features",
        f"Pain: {', '.join(pain)}" if pain else "",
        "Signs of spinal instability" if a.instability_signs else "",
        f"Pain on movement: {a.pain_on_movement}" if a.pain_on_movement != "none" else "",
        "MSCC confirmed" if a.mscc_confirmed else "",
        f"Frankel {a.frankel}" if a.frankel else "",
    )


def _event_words(action: str, detail: Mapping[str, Any], pathway: Pathway) -> tuple[str, str, str]:
    """(kind, what, detail) for one audit event, in the coordinator's words."""
    if action == "case.opened":
        override = detail.get("override")
        what = f"Case opened: {_category_label(pathway, detail.get('category'))}"
        extra = f"Rule {detail.get('rule')}"
        if override:
            extra = _join(extra, f"Category overridden: {detail.get('override_reason') or ''}")
        management = [_clock_effect_words(c) for c in detail.get("management_clocks", [])]
        return "triage", what, _join(extra, *management)
    if action == "call.follow_up":
        before, after = detail.get("category_before"), detail.get("category_after")
        if detail.get("escalated"):
            what = (
                f"Re-triage: escalated from {_category_label(pathway, before)} "
                f"to {_category_label(pathway, after)}"
            )
        else:
            what = f"Re-triage: category unchanged ({_category_label(pathway, after)})"
        clocks = _retriage_clock_words(detail)
        management = [_clock_effect_words(c) for c in detail.get("management_clocks", [])]
        correction = detail.get("cancer_status_correction")
        corrected = (
            f"Cancer status corrected to "
            f"{pathway.features['cancer_status'].get(str(correction.get('to')), '?')}: "
            f"{correction.get('reason')}"
            if isinstance(correction, Mapping)
            else ""
        )
        return (
            "triage",
            what,
            _join(f"Rule {detail.get('rule')}", corrected, *clocks, *management),
        )
    if action == "case.category_changed":
        return (
            "category",
            f"Category changed: {_category_label(pathway, detail.get('from'))} → "
            f"{_category_label(pathway, detail.get('to'))}",
            f"Rule {detail.get('rule')}"
            + (" at a follow-up call" if detail.get("from_call") else ""),
        )
    if action in ("case.override_lifted", "case.override_cleared", "case.override_set"):
        before = _category_label(pathway, detail.get("override_before"))
        if action == "case.override_lifted":
            what, why = f"Override to {before} lifted by a call", str(detail.get("why") or "")
        elif action == "case.override_cleared":
            what, why = f"Override to {before} cleared", str(detail.get("reason") or "")
        else:
            after = _category_label(pathway, detail.get("override_after"))
            what, why = f"Category overridden to {after}", str(detail.get("reason") or "")
        return "category", what, _join(why, *_retriage_clock_words(detail))
    if action == "checklist.updated":
        return "checklist", *_checklist_words(detail, pathway)
    if action == "case.note":
        return "note", "Note", str((detail.get("after") or {}).get("text", ""))
    if action == "case.closed":
        after = detail.get("after") or {}
        stopped = [str(c.get("label")) for c in detail.get("clocks_stopped", [])]
        return (
            "close",
            f"Case closed: {after.get('close_reason') or ''}",
            _join(
                f"Outcome: {OUTCOMES.get(str(after.get('outcome')), after.get('outcome'))}",
                f"Ambulatory at discharge: "
                f"{AMBULATORY.get(str(after.get('ambulatory_at_discharge')), '—')}",
                f"Frankel at discharge: {after.get('frankel_at_discharge') or 'not recorded'}",
                f"Clocks stopped: {', '.join(stopped)}" if stopped else "",
            ),
        )
    if action == "case.reopened":
        return "reopen", f"Case reopened: {detail.get('reason') or ''}", ""
    words = action.replace(".", ": ").replace("_", " ")
    return "other", words[:1].upper() + words[1:], ""


def _retriage_clock_words(detail: Mapping[str, Any]) -> list[str]:
    words = {"tighten": "Tightened", "start": "Started", "met_by_escalation": "Closed by it"}
    return [
        f"{words.get(str(c.get('action')), 'Changed')}: {c.get('label')}, "
        f"due {_london_text(c.get('due'))}"
        for c in detail.get("clocks", [])
    ]


def _london_text(value: object) -> str:
    instant = stored_instant(value)
    return format_london(instant) if instant else "—"


def _checklist_words(detail: Mapping[str, Any], pathway: Pathway) -> tuple[str, str]:
    key = str(detail.get("key"))
    try:
        rule: ChecklistRule | None = pathway.checklist_rule(key)
    except KeyError:
        rule = None
    title = rule.title if rule else str(detail.get("title", key))
    fields = {f.key: f for f in rule.fields} if rule else {}
    before = detail.get("before") or {}
    after = detail.get("after") or {}
    parts: list[str] = []
    if before.get("state") != after.get("state"):
        state = CHECKLIST_STATES.get(str(after.get("state")), str(after.get("state")))
        if after.get("state") == "not_applicable":
            parts.append(f"not applicable: {after.get('na_reason') or ''}")
        else:
            parts.append(f"marked {state.lower()}")
    old_data, new_data = before.get("data") or {}, after.get("data") or {}
    for fkey in [*fields, *(k for k in new_data if k not in fields)]:
        if old_data.get(fkey) == new_data.get(fkey):
            continue
        label = _in_sentence(field_label(fkey))
        cf = fields.get(fkey, ChecklistField(fkey, "text"))
        if new_data.get(fkey) in (None, "", []):
            parts.append(f"{label} cleared")
        else:
            parts.append(f"{label} {describe_value(cf, new_data[fkey])}")
    if before.get("note") != after.get("note"):
        parts.append(f"note: {after.get('note')}" if after.get("note") else "note cleared")
    what = f"{title}: {'; '.join(parts)}" if parts else f"{title}: saved unchanged"
    return what, _join(*(_clock_effect_words(c) for c in detail.get("clocks", [])))


def _clock_effect_words(c: Mapping[str, Any]) -> str:
    """One of `clocks.clock_effects`' changes in words."""
    return {
        "started": f"Started {c.get('label')}, due {_london_text(c.get('due'))}",
        "met": f"Met {c.get('label')} at {_london_text(c.get('met_at'))}",
        "reopened": f"Reopened {c.get('label')}",
        "moved": f"Moved {c.get('label')}: due {_london_text(c.get('due'))}",
        "cancelled": f"Stopped {c.get('label')}",
    }.get(str(c.get("action")), str(c.get("action")))


def frankel_words(grade: str | None) -> str:
    if not grade:
        return "not recorded"
    try:
        return f"{grade} — {FRANKEL_LABELS[Frankel(grade)]}"
    except ValueError:
        return grade

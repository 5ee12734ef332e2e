"""What the case view reads: one case, whole, as frozen values (`read.load_case` fills
them in one transaction, so the parts agree)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ...domain.case_history import ReportedFeature
from ...domain.clock import format_london
from ...domain.deadlines import format_time_left
from ...domain.labels import field_label
from ...domain.nhs_number import format_nhs
from ...domain.pathway import ChecklistField
from ...domain.scales import SURGICAL_OPINION_THRESHOLD, SinsResult, sins_band
from ..board import display_name
from ..clocks import stored_instant
from .words import describe_value


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


def clock_state(
    met_at: datetime | None, cancelled_at: datetime | None, due_at: datetime, now: datetime
) -> str:
    """A met clock stays met even if late (`met_late` says so); a stopped one is cancelled."""
    if met_at is not None:
        return "met"
    if cancelled_at is not None:
        return "cancelled"
    return "breached" if now >= due_at else "open"

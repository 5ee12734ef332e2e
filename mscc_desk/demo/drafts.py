"""What the demo works with before it writes a row: each case as drafted (clinically
complete: its calls, clocks and checklist), the person it is about, and the ids rows take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..domain.deadlines import ClockSpec
from ..domain.triage import CaseFacts, TriageResult


@dataclass
class FactsDraft:
    cancer_status: str
    pain: tuple[str, ...]
    neuro: tuple[str, ...]
    no_evidence: bool = False
    instability: bool = False
    pain_on_movement: str = "none"
    immobilise: bool = False


@dataclass
class ClockDraft:
    spec: ClockSpec
    met_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    breach_reason: str | None = None
    breach_note: str | None = None
    met_by: str | None = None


@dataclass
class ItemDraft:
    key: str
    updated_at: datetime
    state: str = "pending"
    data: dict[str, Any] = field(default_factory=dict)
    done_at: datetime | None = None
    note: str | None = None

    def done(self, at: datetime, **data: Any) -> None:
        self.state = "done"
        self.done_at = at
        self.data.update(data)
        self.updated_at = max(self.updated_at, at)

    def fill(self, at: datetime, **data: Any) -> None:
        self.data.update(data)
        self.updated_at = max(self.updated_at, at)


@dataclass
class CallDraft:
    received_at: datetime
    recorded_at: datetime
    facts: CaseFacts
    result: TriageResult
    follow_up: bool
    presentation: dict[str, Any]
    note: str
    event: dict[str, Any] | None = None  # call.follow_up detail, without the call id
    escalation: dict[str, Any] | None = None  # case.category_changed detail
    row: dict[str, Any] = field(default_factory=dict)


@dataclass
class CaseDraft:
    """One case, clinically complete; people and ids are added when rows are made."""

    seq: int
    calls: list[CallDraft]
    override: str | None
    override_reason: str | None
    category_computed: str
    category_rule: str
    immobilisation: str
    opened_at: datetime
    deadlines: list[ClockDraft]
    items: dict[str, ItemDraft]
    closed_at: datetime | None = None
    close_reason: str | None = None
    outcome: str | None = None
    ambulatory: str | None = None
    frankel_discharge: str | None = None
    updated_at: datetime | None = None
    next_contact_due: datetime | None = None
    mri_location: str | None = None
    stopped: list[ClockSpec] = field(default_factory=list)  # clocks that closing stopped

    @property
    def first(self) -> CallDraft:
        return self.calls[0]

    @property
    def category(self) -> str:
        return self.override or self.category_computed


@dataclass
class Person:
    id: int
    sex: str
    given: str
    family: str
    dob: date
    site: str | None
    histology: str | None
    diagnosed_on: date | None
    busy_until: datetime | None  # None: a case of theirs is still open


@dataclass
class Ids:
    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def minute(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0)

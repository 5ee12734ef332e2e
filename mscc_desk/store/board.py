"""What the case board and the read-only case summary read from the database.

The board is the coordinator's whole night at a glance, refreshed after every write and
by a background job, so it is built from four set-based queries whatever the number of
open cases (never one query per case): a board of 400 open cases among 20,000 must not
keep the person on the phone waiting.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.clock import london
from ..domain.pathway import Pathway, default_pathway
from ..logs import remember_names
from .models import Call, Case, ChecklistItem, Deadline, Patient, User

# "Not applicable" resolves an item as surely as "done": it must not look outstanding.
RESOLVED_STATES = ("done", "not_applicable")

LOCATION_LABELS = {
    "home": "Home",
    "ward": "Ward",
    "emergency_department": "ED",
    "hospice": "Hospice",
    "other": "Other",
}


@dataclass(frozen=True)
class NextDeadline:
    key: str
    label: str
    due_at: datetime


@dataclass(frozen=True)
class CategoryOverride:
    """A category the coordinator set over the facts' one, shown wherever the category is
    (PATHWAY.md, Overrides): the board, the case view, the alerts and the handover."""

    category_label: str  # the override in force
    computed_label: str  # what the facts call for
    reason: str
    by: str  # display name
    at: datetime | None

    def words(self, when: str = "") -> str:
        """`Overridden from Emergency by Dr Ada Lovelace, 21:40: reason`; `when` is the
        override's time as the view writes times."""
        who = f" by {self.by}" if self.by else ""
        at = f", {when}" if when else ""
        return f"Overridden from {self.computed_label}{who}{at}: {self.reason}"


def category_override(row: Any, pathway: Pathway, by: str | None) -> CategoryOverride | None:
    """From a row with the case's override columns (`category_override`, ...); `by` is
    the display name of the user who made the override."""
    if row.category_override is None:
        return None

    def label(key: str) -> str:
        category = pathway.categories.get(key)
        return category.label if category else key

    return CategoryOverride(
        category_label=label(row.category_override),
        computed_label=label(row.category_computed),
        reason=row.override_reason or "",
        by=by or "",
        at=row.override_at,
    )


@dataclass(frozen=True)
class BoardRow:
    """One open case as the board shows it; computed at `now`, the instant of the query."""

    case_id: int
    patient_name: str
    nhs_number: str | None
    hospital_number: str | None
    date_of_birth: date
    age: int
    location: str
    category: str
    next_deadline: NextDeadline | None
    checklist_done: int
    checklist_total: int
    last_activity: datetime
    breached: bool
    override: CategoryOverride | None = None

    @property
    def category_overridden(self) -> bool:
        return self.override is not None


def display_name(family_name: str, given_name: str) -> str:
    """`SMITH, Ann`: the family name in capitals, as on a wristband, so it is read back right.

    Every patient name the app shows passes here (or through `display_names`), so here
    the log scrubber learns it.
    """
    remember_names(family_name, given_name)
    return _wristband(family_name, given_name)


def display_names(names: list[tuple[str, str]]) -> list[str]:
    """`display_name` of many (family, given) pairs, learnt by the log scrubber at once:
    the board formats every open case's name at each refresh."""
    remember_names(*(name for pair in names for name in pair))
    return [_wristband(family, given) for family, given in names]


def _wristband(family_name: str, given_name: str) -> str:
    return f"{family_name.strip().upper()}, {given_name.strip()}"


def age_at(born: date, now: datetime) -> int:
    """Whole years on the London calendar day of `now` (a birthday starts at local midnight)."""
    return age_on(born, london(now).date())


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def location_text(location: str | None, detail: str | None) -> str:
    """`ED: Kingsmead Hospital`, but `Ward 3, St Aidan's` rather than `Ward: Ward 3, ...`:
    the board has little width and a repeated word is noise.
    """
    label = LOCATION_LABELS.get(location or "", location or "")
    detail = (detail or "").strip()
    if not detail:
        return label
    if not label or label.casefold() in detail.casefold() or location == "other":
        return detail
    return f"{label}: {detail}"


def read_open_cases(
    session: Session, now: datetime, only: Collection[int] | None = None
) -> list[BoardRow]:
    """Every open case, or those of `only` that are open (the board's refresh after a
    change re-reads just the cases the change touched: `store/board_refresh.py`)."""
    # Read through the connection as plain rows: the ORM's row loading was most of the
    # board's refresh at 2,000 open cases.
    read = session.connection().execute
    is_open = Case.status == "open"
    if only is not None:
        is_open = is_open & Case.id.in_(sorted(only))
    open_ids = select(Case.id).where(is_open)
    cases = read(
        select(
            Case.id,
            Case.category_computed,
            Case.category_override,
            Case.override_reason,
            Case.override_by_id,
            Case.override_at,
            Case.location,
            Case.location_detail,
            Case.updated_at,
            User.display_name.label("override_by_name"),
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
            Patient.hospital_number,
            Patient.date_of_birth,
        )
        .join(Patient, Case.patient_id == Patient.id)
        .outerjoin(User, Case.override_by_id == User.id)
        .where(is_open)
    ).all()

    next_due: dict[int, NextDeadline] = {}
    for case_id, key, label, due_at in read(
        select(Deadline.case_id, Deadline.key, Deadline.label, Deadline.due_at)
        .where(
            Deadline.case_id.in_(open_ids),
            Deadline.met_at.is_(None),
            Deadline.cancelled_at.is_(None),
        )
        .order_by(Deadline.case_id, Deadline.due_at)
    ).all():
        if case_id not in next_due:
            next_due[case_id] = NextDeadline(key, label, due_at)

    checklist: dict[int, tuple[int, int, datetime | None]] = {}
    for case_id, total, done, touched in read(
        select(
            ChecklistItem.case_id,
            func.count(),
            func.count().filter(ChecklistItem.state.in_(RESOLVED_STATES)),
            func.max(ChecklistItem.updated_at),
        )
        .where(ChecklistItem.case_id.in_(open_ids))
        .group_by(ChecklistItem.case_id)
    ).all():
        checklist[case_id] = (int(done), int(total), touched)

    last_call: dict[int, datetime] = {
        case_id: received
        for case_id, received in read(
            select(Call.case_id, func.max(Call.received_at))
            .where(Call.case_id.in_(open_ids))
            .group_by(Call.case_id)
        ).all()
        if received is not None
    }

    pathway = default_pathway()
    today = london(now).date()
    names = display_names([(c.family_name, c.given_name) for c in cases])
    rows: list[BoardRow] = []
    for c, name in zip(cases, names, strict=True):
        done, total, ticked = checklist.get(c.id, (0, 0, None))
        activity = max(t for t in (c.updated_at, ticked, last_call.get(c.id)) if t is not None)
        deadline = next_due.get(c.id)
        rows.append(
            BoardRow(
                case_id=c.id,
                patient_name=name,
                nhs_number=c.nhs_number,
                hospital_number=c.hospital_number,
                date_of_birth=c.date_of_birth,
                age=age_on(c.date_of_birth, today),
                location=location_text(c.location, c.location_detail),
                category=c.category_override or c.category_computed,
                next_deadline=deadline,
                checklist_done=done,
                checklist_total=total,
                last_activity=activity,
                breached=deadline is not None and deadline.due_at <= now,
                override=category_override(c, pathway, c.override_by_name)
                if c.category_override is not None
                else None,
            )
        )
    return rows

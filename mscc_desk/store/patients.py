"""Looking a patient up while a call is being typed, and finding or adding one for a call.

A second call about the same person must not open a second, unrelated case by
accident: as soon as a valid NHS number is typed the form asks here whether the person
is known, and offers their details and their open case.

A person exists once. When several desks take calls about the same new person at the
same moment, each finds nobody with that NHS number and adds them; the unique NHS number
lets one insert through and `find_or_add_patient` turns the others into a lookup of the
person the first desk added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import nhs_number
from .engine import Database
from .models import Case, Patient
from .retry import is_lost_race


@dataclass(frozen=True)
class CaseSummary:
    id: int
    status: str
    category: str  # the category in force: the override if any, else the computed one
    opened_at: datetime


@dataclass(frozen=True)
class PatientMatch:
    id: int
    nhs_number: str | None
    hospital_number: str | None
    family_name: str
    given_name: str
    date_of_birth: date
    sex: str | None
    postcode: str | None
    imd_decile: int | None
    cases: tuple[CaseSummary, ...]  # newest first

    @property
    def open_cases(self) -> tuple[CaseSummary, ...]:
        return tuple(c for c in self.cases if c.status == "open")


def find_by_nhs_number(db: Database, nhs: str) -> PatientMatch | None:
    """The patient with this NHS number, or None; an invalid number matches nobody."""
    if not nhs_number.is_valid(nhs):
        return None
    digits = nhs_number.digits_of(nhs)
    with db.read_session() as session:
        patient = _with_nhs_number(session, digits)
        return None if patient is None else _match(session, patient)


def find_by_case(db: Database, case_id: int) -> PatientMatch | None:
    """The patient of a case, so a follow-up call opened from the board starts filled in."""
    with db.read_session() as session:
        case = session.get(Case, case_id)
        return None if case is None else _match(session, case.patient)


def find_or_add_patient(session: Session, values: Mapping[str, Any], now: datetime) -> Patient:
    """The patient with this NHS number, else a new one: insert-or-get, safe under races.

    A known patient keeps what is on record: the call only fills what was unknown, never
    overwrites silently. Without an NHS number there is nothing to match on, so the
    call adds a person of its own.
    """
    nhs = values.get("nhs_number")
    patient = _with_nhs_number(session, nhs) if nhs else None
    if patient is None:
        candidate = Patient(created_at=now, **values)
        try:
            # A savepoint, so losing the race to another desk undoes only this insert.
            with session.begin_nested():
                session.add(candidate)
            return candidate
        except IntegrityError as exc:
            patient = _with_nhs_number(session, nhs) if nhs and is_lost_race(exc) else None
            if patient is None:
                raise
    for key, value in values.items():
        if getattr(patient, key) in (None, ""):
            setattr(patient, key, value)
    return patient


def _with_nhs_number(session: Session, nhs: str) -> Patient | None:
    return session.scalar(select(Patient).where(Patient.nhs_number == nhs))


def _match(session: Session, patient: Patient) -> PatientMatch:
    cases = session.scalars(
        select(Case)
        .where(Case.patient_id == patient.id)
        .order_by(Case.opened_at.desc(), Case.id.desc())
    ).all()
    return PatientMatch(
        id=patient.id,
        nhs_number=patient.nhs_number,
        hospital_number=patient.hospital_number,
        family_name=patient.family_name,
        given_name=patient.given_name,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex,
        postcode=patient.postcode,
        imd_decile=patient.imd_decile,
        cases=tuple(CaseSummary(c.id, c.status, c.category, c.opened_at) for c in cases),
    )

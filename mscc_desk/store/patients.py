"""Looking a patient up while a call is being typed.

A second call about the same person must not open a second, unrelated case by
accident: as soon as a valid NHS number is typed the form asks here whether the person
is known, and offers their details and their open case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import nhs_number
from .engine import Database
from .models import Case, Patient


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
        patient = session.scalar(select(Patient).where(Patient.nhs_number == digits))
        return None if patient is None else _match(session, patient)


def find_by_case(db: Database, case_id: int) -> PatientMatch | None:
    """The patient of a case, so a follow-up call opened from the board starts filled in."""
    with db.read_session() as session:
        case = session.get(Case, case_id)
        return None if case is None else _match(session, case.patient)


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

"""Cases for the alert tests, made the way the desk makes them: through `record_call`.

A helper module rather than a conftest, so the alert tests and the GUI panel test share
it without fixtures leaking into other folders.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from mscc_desk.domain.clock import Clock, FakeClock
from mscc_desk.domain.nhs_number import check_digit
from mscc_desk.store.calls import RecordOutcome, record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Deadline

USER = "coord"


def nhs(n: int) -> str:
    """A valid NHS number from the 999 test range (never issued to a patient)."""
    while True:
        first = f"999{n:06d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        n += 1


def emergency_call(
    suspected_at: datetime,
    *,
    family: str = "Okafor",
    given: str = "Grace",
    nhs_number: str | None = None,
) -> dict[str, Any]:
    """Limb weakness in a person with cancer: an emergency with a 24-hour MRI clock."""
    patient: dict[str, Any] = {
        "family_name": family,
        "given_name": given,
        "date_of_birth": "1950-02-01",
    }
    if nhs_number:
        patient["nhs_number"] = nhs_number
    return {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": suspected_at.isoformat(),
        "patient": patient,
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }


def new_case(
    db: Database,
    clock: Clock,
    suspected_at: datetime,
    **kw: Any,
) -> RecordOutcome:
    return record_call(db, emergency_call(suspected_at, **kw), user=USER, clock=clock)


def mri_deadline(db: Database, case_id: int) -> Deadline:
    with db.session() as session:
        row = session.scalar(
            select(Deadline).where(Deadline.case_id == case_id, Deadline.key == "mri")
        )
        assert row is not None
        return row


def fake_clock(at: datetime) -> FakeClock:
    return FakeClock(at.astimezone(UTC))

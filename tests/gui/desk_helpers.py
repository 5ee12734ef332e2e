"""Cases for the board tests, made the way the desk makes them: through `record_call`.

Helpers rather than a conftest, so the board tests and the intake tests written next to
them cannot trip over each other's fixtures.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import check_digit
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database

NOW = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)  # a Saturday, GMT


def nhs(n: int) -> str:
    """A valid NHS number from the 999 test range (never issued to a patient)."""
    while True:
        first = f"999{n:06d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        n += 1


def open_db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "desk.sqlite3")


def payload(
    family: str,
    given: str,
    *,
    nhs_number: str | None = None,
    hospital_number: str | None = None,
    born: str = "1950-02-01",
    neuro: tuple[str, ...] = (),
    pain: tuple[str, ...] = (),
    cancer: str = "past_or_current",
    suspected_at: datetime = NOW,
    location: str | None = None,
    location_detail: str | None = None,
    override: str | None = None,
) -> dict[str, Any]:
    patient: dict[str, Any] = {"family_name": family, "given_name": given, "date_of_birth": born}
    if nhs_number:
        patient["nhs_number"] = nhs_number
    if hospital_number:
        patient["hospital_number"] = hospital_number
    case: dict[str, Any] = {}
    if location:
        case["location"] = location
    if location_detail:
        case["location_detail"] = location_detail
    if override:
        case["category_override"] = override
        case["override_reason"] = "discussed with the spinal surgeon"
    return {
        "cancer_status": cancer,
        "pain": list(pain),
        "neuro": list(neuro),
        "suspected_at": suspected_at.isoformat(),
        "patient": patient,
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
        "case": case,
    }


def record(db: Database, clock: FakeClock, data: dict[str, Any], case_id: int | None = None) -> int:
    return record_call(db, data, user="night registrar", clock=clock, case_id=case_id).case_id


def three_cases(db: Database, clock: FakeClock) -> dict[str, int]:
    """An emergency (24 h MRI), an advice case (24 h advice) 2 h older, and a referral."""
    ids = {}
    clock.set(NOW - timedelta(hours=2))
    ids["jones"] = record(
        db,
        clock,
        payload(
            "Jones",
            "Mary",
            nhs_number=nhs(1),
            born="1980-06-01",
            pain=("nocturnal",),
            suspected_at=NOW - timedelta(hours=2),
            location="home",
        ),
    )
    clock.set(NOW)
    ids["smith"] = record(
        db,
        clock,
        payload(
            "Smith",
            "Ann",
            nhs_number="9434765919",
            hospital_number="RX1 234",
            born="1950-02-01",
            neuro=("limb_weakness",),
            location="ward",
            location_detail="Ward 7, St Aidan's",
        ),
    )
    ids["brown"] = record(
        db,
        clock,
        payload("Brown", "Peter", cancer="suspected", pain=("progressive",), born="1965-09-30"),
    )
    return ids


def fake_clock() -> FakeClock:
    return FakeClock(NOW)

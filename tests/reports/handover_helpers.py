"""Cases for the handover tests, made as the desk makes them: through `record_call`.

Kept apart from the board's helpers so that the two sets of tests can change
independently. Times are fixed (a Tuesday evening in November, GMT).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import check_digit, format_nhs
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Case
from mscc_desk.store.opening import open_database

NOW = datetime(2026, 11, 24, 20, 5, tzinfo=UTC)  # Tue 24 Nov 2026 20:05 GMT: a night begins


def nhs(n: int) -> str:
    """A valid NHS number from the 999 test range (never issued to a patient), one per n."""
    for k in range(100):
        first = f"999{n:04d}{k:02d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
    raise AssertionError("unreachable: a check digit exists for most numbers")


def shown(number: str) -> str:
    return format_nhs(number)


def open_db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "handover.sqlite3")


def payload(
    family: str,
    given: str,
    nhs_number: str,
    *,
    at: datetime,
    neuro: tuple[str, ...] = (),
    pain: tuple[str, ...] = ("nocturnal",),
    cancer: str = "past_or_current",
    born: str = "1950-02-01",
    case: dict[str, Any] | None = None,
    presentation: dict[str, Any] | None = None,
    management: dict[str, Any] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cancer_status": cancer,
        "pain": list(pain),
        "neuro": list(neuro),
        "suspected_at": at.isoformat(),
        "patient": {
            "nhs_number": nhs_number,
            "family_name": family,
            "given_name": given,
            "date_of_birth": born,
        },
        "call": {
            "received_at": at.isoformat(),
            "caller_name": "Dr Patel",
            "caller_role": "FY2",
            "caller_contact": "bleep 1234",
        },
        "case": case or {},
    }
    if presentation:
        data["presentation"] = presentation
    if management:
        data["management"] = management
    return data


def record(db: Database, clock: FakeClock, data: dict[str, Any], case_id: int | None = None) -> int:
    return record_call(db, data, user="coordinator", clock=clock, case_id=case_id).case_id


def add_case(
    db: Database,
    clock: FakeClock,
    n: int,
    at: datetime,
    *,
    emergency: bool = True,
    family: str | None = None,
    **kw: Any,
) -> tuple[int, str]:
    """One case called in at `at`; an emergency (24 h MRI) or a pain-only case."""
    number = nhs(n)
    clock.set(at)
    data = payload(
        family or f"Family{n}",
        f"Given{n}",
        number,
        at=at,
        neuro=("limb_weakness",) if emergency else (),
        **kw,
    )
    return record(db, clock, data), number


def close(db: Database, case_id: int, at: datetime) -> None:
    with db.session() as session:
        case = session.scalar(select(Case).where(Case.id == case_id))
        assert case is not None
        case.status = "closed"
        case.closed_at = at
        case.outcome = "mscc_excluded"


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def hours(n: float) -> timedelta:
    return timedelta(hours=n)

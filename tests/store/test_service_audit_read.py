"""The service audit read on real SQLite and PostgreSQL: cases written as the desk writes
them (`record_call`, checklist entries, closing), read back in one read-only transaction
with a fixed number of queries, and the figures the lead sees."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event

from mscc_desk.domain.audit_period import Period
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import check_digit
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import close_case, load_case
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database
from mscc_desk.store.service_audit import load_service_audit

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 31))


def nhs(n: int) -> str:
    while True:
        stem = f"94{n:07d}"
        digit = check_digit(stem)
        if digit is not None:
            return stem + str(digit)
        n += 1


def call(
    n: int, at: datetime, *, neuro: bool, decile: int | None, **management: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "pain": ["nocturnal"],
        "neuro": ["limb_weakness"] if neuro else [],
        "suspected_at": at.isoformat(),
        "patient": {
            "nhs_number": nhs(n * 100),
            "family_name": "Audit",
            "given_name": f"P{n}",
            "date_of_birth": "1950-02-01",
            "postcode": "M1 1AE",
            **({"imd_decile": decile} if decile is not None else {}),
        },
        "call": {
            "received_at": at.isoformat(),
            "caller_name": "Dr Patel",
            "caller_contact": "bleep 1234",
            "referral_source": "gp" if n % 2 else "emergency_department",
        },
    }
    if management:
        data["management"] = management
    return data


def record(db: Database, n: int, at: datetime, written: datetime | None = None, **kw: Any) -> int:
    """A call received at `at`, written up at `written` (with what was done by then)."""
    clock = FakeClock(written or at)
    return record_call(db, call(n, at, **kw), user="coord", clock=clock).case_id


def populate(db: Database, count: int) -> list[int]:
    ids = []
    for n in range(count):
        at = T0 + timedelta(hours=5 * n)
        performed = at + timedelta(hours=3 if n % 3 else 30)  # every third one late
        ids.append(
            record(
                db,
                n,
                at,
                performed + timedelta(minutes=1),
                neuro=n % 4 != 3,
                decile=None if n % 5 == 4 else n % 10 + 1,
                mri={"requested_at": at.isoformat(), "performed_at": performed.isoformat()},
            )
        )
    return ids


def test_figures_from_cases_written_by_the_desk(db_url: str) -> None:
    db = open_database(db_url)
    try:
        ids = populate(db, 12)
        case = load_case(db, ids[0])
        close_case(
            db,
            ids[0],
            reason="MSCC excluded",
            outcome="not_metastatic",
            ambulatory_at_discharge="yes",
            frankel_at_discharge="E",
            user="coord",
            now=T0 + timedelta(days=2),
            expected_version=case.version,
        )
        audit = load_service_audit(db, PERIOD, now=T0 + timedelta(days=20))
    finally:
        db.dispose()
    assert [c.case_id for c in audit.cases] == ids
    mri = audit.overall.measure("mri_within_24h")
    emergencies = [i for n, i in enumerate(ids) if n % 4 != 3]
    assert sorted(mri.population) == emergencies
    in_time = [i for n, i in enumerate(ids) if n % 4 != 3 and n % 3]
    assert sorted(mri.met) == in_time
    # The MRI clocks met late are breaches without a recorded reason: incidents too.
    late = {i for n, i in enumerate(ids) if n % 4 != 3 and n % 3 == 0}
    assert {b.case_id for b in audit.overall.breaches if b.clock == "mri"} == late
    assert late <= {i.case_id for i in audit.incidents if i.kind == "breach_without_reason"}
    assert audit.without_decile == sum(1 for n in range(12) if n % 5 == 4)
    assert audit.by_referral_source["gp"].cases == 6
    closed = audit.case(ids[0])
    assert (closed.outcome, closed.frankel_at_discharge) == ("not_metastatic", "E")


def test_the_read_takes_the_same_number_of_queries_for_3_and_30_cases(db_url: str) -> None:
    db = open_database(db_url)
    counts = []
    statements: list[str] = []

    def count(*_args: Any) -> None:
        statements.append("x")

    try:
        populate(db, 3)
        event.listen(db.engine, "before_cursor_execute", count)
        load_service_audit(db, PERIOD, now=T0 + timedelta(days=20))
        counts.append(len(statements))
        event.remove(db.engine, "before_cursor_execute", count)
        for n in range(3, 30):
            record(db, n, T0 + timedelta(hours=5 * n), neuro=True, decile=3)
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        load_service_audit(db, PERIOD, now=T0 + timedelta(days=20))
        counts.append(len(statements))
    finally:
        db.dispose()
    assert counts[0] == counts[1]
    assert counts[0] <= 12

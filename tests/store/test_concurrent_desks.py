"""Several desks at once on one database: real OS processes, released together.

Desks on a shared PostgreSQL server take calls about the same new person at the same
moment (a registrar and the coordinator both answer the ward), and a new user name can
be named by several desks at once. Every call must be recorded, the person must exist
once, and a name must be one account. SQLite runs the same test: there one writer waits
for the other, so it is the baseline the server must match.

The processes are started with `spawn`, so each is a fresh interpreter with its own
connections, as separate desks are; a barrier releases them together so their
transactions overlap.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from collections.abc import Iterator
from datetime import UTC, datetime
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store import auth
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import AuditEvent, Call, Case, Patient, User

DESKS = 8
T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
NHS = "9434765919"
WAIT_S = 120


def _call(desk: int) -> dict[str, Any]:
    """Desk `desk`'s call about the same person; each desk knows a different detail."""
    patient: dict[str, Any] = {
        "nhs_number": NHS,
        "family_name": "Okafor",
        "given_name": "Grace",
        "date_of_birth": "1950-02-01",
    }
    if desk == 0:
        patient["postcode"] = "SW1A 1AA"
    return {
        "cancer_status": "past_or_current",
        "pain": ["nocturnal"],
        "neuro": ["limb_weakness"],
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": patient,
        "call": {
            "received_at": "2027-03-27T09:35:00+00:00",
            "caller_name": f"Desk {desk} caller",
            "caller_contact": f"bleep {1000 + desk}",
        },
    }


def _record_at_desk(url: str, desk: int, user: str, barrier: Barrier, out: Any) -> None:
    from mscc_desk.store.calls import record_call

    db = open_database(url)
    try:
        barrier.wait(WAIT_S)
        try:
            outcome = record_call(db, _call(desk), user=user, clock=FakeClock(T0))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            out.put((desk, "error", f"{type(exc).__name__}: {str(exc)[:300]}"))
        else:
            out.put((desk, "ok", (outcome.patient_id, outcome.case_id, outcome.call_id)))
    finally:
        db.dispose()


def _add_user_at_desk(url: str, desk: int, barrier: Barrier, out: Any) -> None:
    auth.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    db = open_database(url)
    try:
        barrier.wait(WAIT_S)
        try:
            info = auth.create_user(
                db, "newbie", f"Desk {desk}", "coordinator", "a-good-pass", actor="root", now=T0
            )
        except InputError as exc:
            out.put((desk, "refused", f"{exc.field}: {exc.problem}"))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            out.put((desk, "error", f"{type(exc).__name__}: {str(exc)[:300]}"))
        else:
            out.put((desk, "ok", info.username))
    finally:
        db.dispose()


def _run_desks(target: Any, args_for: Any) -> list[tuple[int, str, Any]]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(DESKS)
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_for(d), barrier, out)) for d in range(DESKS)]
    for proc in procs:
        proc.start()
    results: list[tuple[int, str, Any]] = []
    try:
        for _ in procs:
            results.append(out.get(timeout=WAIT_S))
    except queue_module.Empty:
        pytest.fail(f"only {len(results)} of {DESKS} desks answered: {results}")
    finally:
        for proc in procs:
            proc.join(WAIT_S)
            if proc.is_alive():
                proc.kill()
    assert all(proc.exitcode == 0 for proc in procs), [proc.exitcode for proc in procs]
    return sorted(results)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)  # migrated here, before the desks open it
    try:
        yield database
    finally:
        database.dispose()


@pytest.mark.parametrize("same_user", [False, True], ids=["a-name-per-desk", "one-new-name"])
def test_calls_about_one_new_patient_at_once_all_succeed_and_the_patient_exists_once(
    db: Database, db_url: str, same_user: bool
) -> None:
    """Before the first administrator, a name given to `record` is created on first use."""
    users = ["night-desk" if same_user else f"desk-{d}" for d in range(DESKS)]
    results = _run_desks(_record_at_desk, lambda desk: (db_url, desk, users[desk]))
    errors = [r for r in results if r[1] != "ok"]
    assert errors == []
    patient_ids = {r[2][0] for r in results}
    assert len(patient_ids) == 1
    with db.session() as session:
        [patient] = session.scalars(select(Patient)).all()
        assert patient.id in patient_ids
        assert patient.nhs_number == NHS
        # Desk 0 alone knew the postcode: whichever desk added the person, it is kept.
        assert patient.postcode == "SW1A 1AA"
        assert session.scalar(select(func.count()).select_from(Case)) == DESKS
        # Each call once, and each "case.opened" once: a retried call wrote nothing twice.
        callers = sorted(session.scalars(select(Call.caller_name)))
        assert callers == sorted(f"Desk {d} caller" for d in range(DESKS))
        opened = session.scalars(
            select(AuditEvent.case_id).where(AuditEvent.action == "case.opened")
        ).all()
        assert sorted(opened) == sorted(r[2][1] for r in results)
        # A new name given by all eight desks at once is one account.
        assert sorted(session.scalars(select(User.username))) == sorted(set(users))


def test_one_new_user_name_added_at_once_is_one_account_and_the_others_are_told(
    db: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    auth.create_user(db, "root", "Ada Admin", "admin", "correct horse", actor=None, now=T0)
    results = _run_desks(_add_user_at_desk, lambda desk: (db_url, desk))
    outcomes = [r[1] for r in results]
    assert outcomes.count("ok") == 1, results
    assert outcomes.count("refused") == DESKS - 1, results
    assert all(r[2] == "username: 'newbie' already exists" for r in results if r[1] == "refused")
    with db.session() as session:
        names = session.scalars(select(User.username).order_by(User.username)).all()
        created = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "user.created")
        ).all()
    assert names == ["newbie", "root"]
    assert [d["username"] for d in created] == ["root", "newbie"]


def test_a_lost_race_reruns_the_whole_unit_of_work_and_other_errors_do_not(
    db: Database,
) -> None:
    """What the losing attempt wrote is rolled back with it: nothing is written twice."""
    from mscc_desk.store.audit import record_event
    from mscc_desk.store.retry import run_unit_of_work

    with db.session() as session:
        session.add(User(username="taken", display_name="Taken", created_at=T0))
    attempts: list[int] = []

    def work(session: Any) -> int:
        attempts.append(len(attempts) + 1)
        record_event(session, at=T0, action="test.attempt", detail={"n": len(attempts)})
        name = "taken" if len(attempts) < 3 else "fresh"  # loses twice, as to another desk
        session.add(User(username=name, display_name=name, created_at=T0))
        session.flush()
        return len(attempts)

    assert run_unit_of_work(db, work, pause=lambda _s: None) == 3
    with db.session() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "test.attempt")
        ).all()
        assert [d["n"] for d in details] == [3]
        assert sorted(session.scalars(select(User.username))) == ["fresh", "taken"]

    def always_loses(session: Any) -> None:
        session.add(User(username="taken", display_name="again", created_at=T0))
        session.flush()

    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        run_unit_of_work(db, always_loses, attempts=2, pause=lambda _s: None)

    refused: list[int] = []

    def bad_input(session: Any) -> None:
        refused.append(1)
        raise InputError("patient.nhs_number", "is not valid")

    with pytest.raises(InputError):
        run_unit_of_work(db, bad_input)
    assert refused == [1]

"""Backups, restores and the integrity check (`store.backup`, `store.maintenance`).

Runs on SQLite and on a real PostgreSQL server (`db_url`). A backup is always a SQLite
file; restoring it must give back exactly the rows there were, and a damaged file must be
refused without touching the database.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import maintenance
from mscc_desk.store.backup import BackupError, backup_to, integrity_problems, restore_from
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import (
    Database,
    current_revision,
    head_revision,
    make_engine,
    open_database,
)
from tests.store.integrity_helpers import snapshot

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
NHS = ("9434765919", "4010232137", "9990000018")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def call(nhs: str | None = None, **facts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {"family_name": "Okafor", "given_name": "Grace", "date_of_birth": "1950-02-01"},
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }
    if nhs:
        data["patient"]["nhs_number"] = nhs
    data.update(facts)
    return data


def fill(db: Database, clock: FakeClock) -> None:
    """A few cases, one with a follow-up, one with management, one with an override."""
    a = record_call(db, call(NHS[0], pain=["nocturnal"]), user="coord", clock=clock)
    clock.advance(timedelta(hours=1))
    record_call(
        db,
        call(
            NHS[1],
            neuro=["limb_weakness"],
            instability_signs=True,
            immobilised_at="2027-03-27T10:30:00+00:00",
            management={"dexamethasone": {"dose_mg": 16, "ppi": True}},
        ),
        user="night_coord",
        clock=clock,
    )
    clock.advance(timedelta(hours=1))
    record_call(
        db,
        call(
            NHS[2],
            pain=["mechanical"],
            case={"category_override": "emergency", "override_reason": "registrar's call"},
        ),
        user="coord",
        clock=clock,
    )
    clock.advance(timedelta(hours=1))
    record_call(
        db,
        call(NHS[0], neuro=["gait_disturbance"], suspected_at="2027-03-27T12:00:00+00:00"),
        user="coord",
        clock=clock,
        case_id=a.case_id,
    )


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def test_restore_gives_back_exactly_the_rows_at_backup_time(
    db: Database, tmp_path: Path, db_url: str
) -> None:
    clock = FakeClock(T0)
    fill(db, clock)
    at_backup = snapshot(db.engine)
    assert all(at_backup[name] for name in ("patient", "case", "call", "deadline", "audit_event"))

    out = backup_to(db.engine, tmp_path / "backups" / "nightly.sqlite3")
    assert out == tmp_path / "backups" / "nightly.sqlite3"
    assert out.is_file()
    assert integrity_problems(out) == []

    clock.advance(timedelta(hours=1))
    later = record_call(db, call(None, neuro=["limb_weakness"]), user="late", clock=clock)
    assert snapshot(db.engine) != at_backup

    restore_from(db.engine, out)
    assert snapshot(db.engine) == at_backup
    assert current_revision(db.engine) == head_revision()

    # The restored database is fully usable: new ids do not collide with restored ones.
    again = record_call(db, call(None, neuro=["limb_weakness"]), user="late", clock=clock)
    assert again.case_id == later.case_id
    db.dispose()
    report = maintenance.check(db_url)
    assert report["ok"], report["problems"]


def test_a_backup_is_a_sqlite_file_with_the_same_rows(db: Database, tmp_path: Path) -> None:
    fill(db, FakeClock(T0))
    at_backup = snapshot(db.engine)
    out = backup_to(db.engine, tmp_path / "copy.sqlite3")
    assert out.read_bytes()[:16] == b"SQLite format 3\x00"
    copy = make_engine(out)
    try:
        assert current_revision(copy) == head_revision()
        assert snapshot(copy) == at_backup
    finally:
        copy.dispose()


def test_backup_leaves_only_the_backup_file(db: Database, tmp_path: Path) -> None:
    fill(db, FakeClock(T0))
    folder = tmp_path / "backups"
    backup_to(db.engine, folder / "nightly.sqlite3")
    assert sorted(p.name for p in folder.iterdir()) == ["nightly.sqlite3"]


def test_restore_into_a_fresh_database_continues_the_ids(
    db: Database, tmp_path: Path, db_url: str, request: pytest.FixtureRequest
) -> None:
    clock = FakeClock(T0)
    fill(db, clock)
    at_backup = snapshot(db.engine)
    out = backup_to(db.engine, tmp_path / "b.sqlite3")
    db.dispose()

    if "://" in db_url:
        fresh_target = request.getfixturevalue("pg_server").new_database("fresh_" + db_url[-16:])
    else:
        fresh_target = str(tmp_path / "fresh.sqlite3")
    fresh = open_database(fresh_target)
    try:
        restore_from(fresh.engine, out)
        assert snapshot(fresh.engine) == at_backup
        max_case = max(r["id"] for r in at_backup["case"])
        max_event = max(r["id"] for r in at_backup["audit_event"])
        new = record_call(fresh, call(None, pain=["nocturnal"]), user="coord", clock=clock)
        assert new.case_id == max_case + 1
        with fresh.engine.connect() as conn:
            assert conn.execute(text("SELECT max(id) FROM audit_event")).scalar() == max_event + 1
    finally:
        fresh.dispose()


def test_a_sqlite_backup_restores_into_postgresql(sqlite_path: Path, pg_url: str) -> None:
    source = open_database(sqlite_path)
    try:
        fill(source, FakeClock(T0))
        at_backup = snapshot(source.engine)
        out = backup_to(source.engine, sqlite_path.with_name("to_pg.sqlite3"))
    finally:
        source.dispose()
    target = open_database(pg_url)
    try:
        restore_from(target.engine, out)
        assert snapshot(target.engine) == at_backup
    finally:
        target.dispose()
    assert maintenance.check(pg_url)["ok"]


def _middle_overwritten(good: bytes) -> bytes:
    n = len(good)
    noise = random.Random(234).randbytes(n // 3)
    return good[: n // 3] + noise + good[n // 3 + len(noise) :]


CORRUPTIONS = {
    "middle_overwritten": _middle_overwritten,
    "truncated": lambda good: good[: len(good) // 2],
    "text_file": lambda good: b"this is a shopping list, not a backup\n" * 200,
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_damaged_backup_is_refused_and_the_database_is_unchanged(
    db: Database, tmp_path: Path, corruption: str
) -> None:
    fill(db, FakeClock(T0))
    good = backup_to(db.engine, tmp_path / "good.sqlite3").read_bytes()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(CORRUPTIONS[corruption](good))
    assert integrity_problems(damaged)
    before = snapshot(db.engine)
    with pytest.raises(BackupError):
        restore_from(db.engine, damaged)
    assert snapshot(db.engine) == before


@pytest.mark.parametrize("kind", ["empty_file", "foreign_sqlite"])
def test_a_file_that_is_not_an_mscc_backup_is_refused(
    db: Database, tmp_path: Path, kind: str
) -> None:
    """A 0-byte file (a failed copy) or someone else's SQLite file is not a backup.

    SQLite reads both as sound databases, so an integrity check alone lets them through;
    restoring one must not replace the cases with nothing.
    """
    fill(db, FakeClock(T0))
    path = tmp_path / "not_a_backup.sqlite3"
    if kind == "empty_file":
        path.write_bytes(b"")
    else:
        import sqlite3

        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE recipe (name TEXT)")
            conn.execute("INSERT INTO recipe VALUES ('scones')")
        conn.close()
    before = snapshot(db.engine)
    with pytest.raises(BackupError):
        restore_from(db.engine, path)
    assert snapshot(db.engine) == before


def test_restore_of_a_missing_file_is_refused(db: Database, tmp_path: Path) -> None:
    fill(db, FakeClock(T0))
    before = snapshot(db.engine)
    with pytest.raises(BackupError):
        restore_from(db.engine, tmp_path / "nowhere.sqlite3")
    assert snapshot(db.engine) == before


# --- maintenance.check ----------------------------------------------------------------


def _event_ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM audit_event ORDER BY id")).scalars())


def test_check_is_ok_on_a_clean_database(db: Database, db_url: str) -> None:
    fill(db, FakeClock(T0))
    db.dispose()
    report = maintenance.check(db_url)
    assert report["ok"] is True
    assert report["problems"] == []
    assert (report["cases"], report["open_cases"]) == (3, 3)
    assert report["audit_events"] == 5  # 3 opened + 1 follow-up + 1 category change
    assert report["deadlines"] >= 4


def test_check_finds_an_audit_row_edited_behind_the_apps_back(db: Database, db_url: str) -> None:
    fill(db, FakeClock(T0))
    ids = _event_ids(db.engine)
    target = ids[1]
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_event SET action = 'case.closed' WHERE id = :id"), {"id": target}
        )
    db.dispose()
    report = maintenance.check(db_url)
    assert report["ok"] is False
    assert len(report["problems"]) == 1
    assert re.search(rf"\bevent {target}\b", report["problems"][0]), report["problems"]


def test_check_finds_a_deleted_audit_row(db: Database, db_url: str) -> None:
    fill(db, FakeClock(T0))
    ids = _event_ids(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[2]})
    db.dispose()
    report = maintenance.check(db_url)
    assert report["ok"] is False
    assert any(re.search(rf"\bevent {ids[3]}\b", p) for p in report["problems"])


def test_check_finds_an_open_case_without_its_clock(db: Database, db_url: str) -> None:
    outcome = record_call(db, call(NHS[0], neuro=["limb_weakness"]), user="c", clock=FakeClock(T0))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM deadline WHERE case_id = :id"), {"id": outcome.case_id})
    db.dispose()
    report = maintenance.check(db_url)
    assert report["ok"] is False
    assert any(f"case {outcome.case_id}" in p and "mri" in p for p in report["problems"])

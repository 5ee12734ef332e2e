"""`db check` finds patient data changed behind the app's back, and a cut audit tail.

Runs on SQLite and on a real PostgreSQL server (`db_url`). Every change is made the way
someone with sqlite3 or psql would make it: plain SQL, no app, no audit event. The
audit chain itself stays intact in these tests; what must show is that the rows no
longer match what the chain recorded of them, and that the chain no longer reaches the
head its witness file recorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts, maintenance
from mscc_desk.store.audit import BASELINE_ACTION, chain_digest
from mscc_desk.store.audit_capture import GENERIC_ACTION, UnauditedWrite
from mscc_desk.store.engine import Database, alembic_config
from mscc_desk.store.models import Alert, AuditEvent, Deadline, User
from mscc_desk.store.opening import open_database
from mscc_desk.store.row_digests import COVERED, model_table, row_digest
from mscc_desk.store.witness import read_witness, witness_path
from tests.store.integrity_helpers import T0, behind_the_back, call, fill, more_events


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A PostgreSQL database's witness lives in the user data directory: keep it in tmp.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def check(db: Database) -> dict[str, Any]:
    db.dispose()  # as a separate `mscc-desk db check` would see it
    return maintenance.check(str(db.url.render_as_string(hide_password=False)))


def _id(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _week_later(engine: Engine, column: str) -> str:
    if engine.dialect.name == "sqlite":
        return f"datetime({column}, '+7 days')"
    return f"{column} + interval '7 days'"


# Each: the table, how to find a row of it, and the change made to that row.
TAMPERING: dict[str, tuple[str, str, str]] = {
    "case category": (
        "case",
        'SELECT min(id) FROM "case"',
        "UPDATE \"case\" SET category_override = 'safety_net' WHERE id = :id",
    ),
    "deadline due time": (
        "deadline",
        "SELECT min(id) FROM deadline WHERE key = 'mri'",
        "UPDATE deadline SET due_at = {week} WHERE id = :id",
    ),
    "patient NHS number": (
        "patient",
        "SELECT min(id) FROM patient",
        "UPDATE patient SET nhs_number = '9990000026' WHERE id = :id",
    ),
    "user role": (
        "user",
        "SELECT id FROM \"user\" WHERE username = 'coord1'",
        "UPDATE \"user\" SET role = 'admin' WHERE id = :id",
    ),
    "checklist entry": (
        "checklist_item",
        "SELECT max(id) FROM checklist_item WHERE key = 'analgesia'",
        'UPDATE checklist_item SET data = \'{"analgesia": "none"}\' WHERE id = :id',
    ),
    "alert acknowledgement": (
        "alert",
        "SELECT min(id) FROM alert WHERE acknowledged_at IS NOT NULL",
        "UPDATE alert SET acknowledged_at = NULL, acknowledged_by_id = NULL WHERE id = :id",
    ),
    "call": (
        "call",
        "SELECT max(id) FROM call",
        "UPDATE call SET caller_contact = 'bleep 9999' WHERE id = :id",
    ),
    "assessment": (
        "assessment",
        "SELECT min(id) FROM assessment",
        "UPDATE assessment SET neuro_limb_weakness = NOT neuro_limb_weakness WHERE id = :id",
    ),
}


def test_a_database_written_by_the_app_checks_clean(db: Database) -> None:
    fill(db, FakeClock(T0))
    with db.session() as session:
        recorded = [e.row_digests for e in session.scalars(select(AuditEvent)) if e.row_digests]
    tables = {name for rows in recorded for name in rows}
    assert tables == set(COVERED), "every covered table was written, and recorded"
    report = check(db)
    assert report["ok"], report["problems"]
    assert report["warnings"] == []
    assert report["tampered_rows"] == {}
    assert report["chain_head"]["witnessed"]["count"] == report["audit_events"]


@pytest.mark.parametrize("what", sorted(TAMPERING))
def test_a_row_changed_behind_the_apps_back_is_named(db: Database, what: str) -> None:
    fill(db, FakeClock(T0))
    table, find, change = TAMPERING[what]
    row_id = _id(db.engine, find)
    behind_the_back(
        db.engine, change.replace("{week}", _week_later(db.engine, "due_at")), id=row_id
    )
    report = check(db)
    assert report["ok"] is False
    assert report["tampered_rows"] == {"changed": {table: [row_id]}}
    [problem] = report["problems"]
    assert problem.startswith(f"{table}: row(s) {row_id} differ from what the audit trail")


def test_rows_deleted_or_added_behind_the_apps_back_are_named(db: Database) -> None:
    filled = fill(db, FakeClock(T0))
    behind_the_back(db.engine, "DELETE FROM alert WHERE id = :id", id=filled.alert_id)
    behind_the_back(
        db.engine,
        'INSERT INTO "user" (username, display_name, role, active, created_at) '
        "VALUES ('mallory', 'Mallory', 'admin', :yes, :at)",
        yes=True,
        at=T0 if db.engine.dialect.name == "postgresql" else "2027-03-27 10:00:00.000000",
    )
    mallory = _id(db.engine, "SELECT id FROM \"user\" WHERE username = 'mallory'")
    report = check(db)
    assert report["ok"] is False
    assert report["tampered_rows"] == {
        "vanished": {"alert": [filled.alert_id]},
        "unrecorded": {"user": [mallory]},
    }
    assert any("deleted outside the app" in p for p in report["problems"])
    assert any("written outside the app" in p for p in report["problems"])


def test_a_change_undone_behind_the_back_checks_clean_again(db: Database) -> None:
    """The digest is of the row's values: putting the old value back is no finding."""
    fill(db, FakeClock(T0))
    row_id = _id(db.engine, "SELECT min(id) FROM patient")
    behind_the_back(db.engine, "UPDATE patient SET postcode = 'ZZ1 1ZZ' WHERE id = :id", id=row_id)
    behind_the_back(db.engine, "UPDATE patient SET postcode = NULL WHERE id = :id", id=row_id)
    report = check(db)
    assert report["ok"], report["problems"]


@pytest.mark.parametrize("cut", [1, 20, "all"])
def test_deleting_the_newest_audit_events_is_found(db: Database, cut: int | str) -> None:
    clock = FakeClock(T0)
    fill(db, clock)
    more_events(db, clock, 25)
    total = _id(db.engine, "SELECT count(*) FROM audit_event")
    if cut == "all":
        behind_the_back(db.engine, "DELETE FROM audit_event")
        n = total
    else:
        assert isinstance(cut, int)
        behind_the_back(
            db.engine,
            "DELETE FROM audit_event WHERE id IN "
            "(SELECT id FROM audit_event ORDER BY id DESC LIMIT :n)",
            n=cut,
        )
        n = cut
    report = check(db)
    assert report["ok"] is False
    assert any(
        f"the chain holds {total - n} events but the witness" in p
        and f"records {total}" in p
        and f"the newest {n} event(s) were deleted" in p
        for p in report["problems"]
    ), report["problems"]


def test_a_cut_tail_stays_found_after_the_app_writes_again(db: Database) -> None:
    """The next save must not move the witness past the cut and so hide it."""
    clock = FakeClock(T0)
    fill(db, clock)
    more_events(db, clock, 5)
    path = witness_path(db.url)
    assert path is not None
    witnessed = read_witness(path)
    behind_the_back(
        db.engine,
        "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event ORDER BY id DESC LIMIT 3)",
    )
    more_events(db, clock, 5)  # the desk goes on saving
    assert read_witness(path) == witnessed, "the witness is kept as evidence"
    report = check(db)
    assert report["ok"] is False
    assert any("is not the one the witness" in p for p in report["problems"]), report["problems"]


def test_a_witness_left_behind_by_a_crash_is_a_warning(db: Database) -> None:
    """Killed between the commit and the witness write: the chain up to it is intact."""
    clock = FakeClock(T0)
    fill(db, clock)
    path = witness_path(db.url)
    assert path is not None
    before_crash = path.read_bytes()
    more_events(db, clock, 2)
    path.write_bytes(before_crash)
    report = check(db)
    assert report["ok"], report["problems"]
    if db.engine.dialect.name == "sqlite":
        assert any("witness" in w and "not updated" in w for w in report["warnings"])
    # The next save brings it forward again.
    db2 = open_database(db.url.render_as_string(hide_password=False))
    try:
        more_events(db2, clock, 1)
    finally:
        db2.dispose()
    witness = read_witness(path)
    assert witness is not None
    assert witness.head.count == _id(db.engine, "SELECT count(*) FROM audit_event")


def test_a_rewritten_witness_or_a_missing_one_is_reported(db: Database) -> None:
    fill(db, FakeClock(T0))
    path = witness_path(db.url)
    assert path is not None
    data = json.loads(path.read_text())
    data["hash"] = "0" * 64
    path.write_text(json.dumps(data))
    report = check(db)
    assert report["ok"] is False
    assert any("is not the one the witness" in p for p in report["problems"])

    path.unlink()
    report = check(db)
    if db.engine.dialect.name == "sqlite":
        assert report["ok"] is False
        assert any("is missing" in p for p in report["problems"]), report["problems"]
    else:  # each workstation keeps its own: one that never wrote has none yet
        assert report["ok"], report["problems"]
        assert any("no witness" in w for w in report["warnings"])


def test_digests_are_the_same_from_sqlite_and_postgresql_text() -> None:
    """The canonical text: instants in UTC, NULL left out, JSON keys sorted."""
    from datetime import UTC, datetime, timezone

    london = timezone(timedelta(hours=1))
    a = {"id": 1, "at": datetime(2027, 3, 27, 11, 0, tzinfo=london), "note": None, "d": {"b": 1}}
    b = {"d": {"b": 1}, "at": datetime(2027, 3, 27, 10, 0), "id": 1}  # SQLite: naive UTC
    assert row_digest(a) == row_digest(b)
    assert row_digest(a) != row_digest({**a, "note": ""})
    assert row_digest({"x": True}) != row_digest({"x": 1})
    assert row_digest({"at": datetime(2027, 3, 27, 10, 0, tzinfo=UTC)}) == row_digest(
        {"at": datetime(2027, 3, 27, 10, 0)}
    )


def test_an_app_write_without_an_audit_event_fails_in_strict_mode(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving unchanged alert settings under a new name creates that user (before
    sign-in exists) but records no event of its own: the strict test mode refuses."""
    with pytest.raises(UnauditedWrite, match="store/alerts/settings.py"):
        alerts.set_sound(db, False, user="newcomer", now=T0)
    monkeypatch.setenv("MSCC_DESK_STRICT_AUDIT", "0")
    alerts.set_sound(db, False, user="newcomer", now=T0)  # in the field: a generic event
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.action == GENERIC_ACTION
        assert event.row_digests is not None and list(event.row_digests) == ["user"]
    report = check(db)
    assert report["ok"], report["problems"]


def test_bulk_statements_through_a_session_are_captured_too(db: Database) -> None:
    """A bulk update, delete or insert names no objects; the rows it touches are read
    before (update, delete) or after (insert) it, and recorded like any others."""
    from sqlalchemy import delete, insert, update

    filled = fill(db, FakeClock(T0))
    with db.session() as session:  # as a test sets rows up: the generic event records them
        session.execute(
            update(Deadline).where(Deadline.case_id == filled.case_ids[0]).values(ref="moved")
        )
        session.execute(delete(Alert).where(Alert.id == filled.alert_id))
        session.execute(
            insert(User).values(username="bulk", display_name="Bulk", role="viewer", created_at=T0)
        )
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.action == GENERIC_ACTION
        rows = event.row_digests or {}
        moved = session.scalars(
            select(Deadline.id).where(Deadline.case_id == filled.case_ids[0])
        ).all()
        bulk = session.scalar(select(User.id).where(User.username == "bulk"))
    assert sorted(int(i) for i in rows["deadline"]) == sorted(moved)
    assert rows["alert"] == {str(filled.alert_id): None}  # recorded as deleted
    assert list(rows["user"]) == [str(bulk)]
    report = check(db)
    assert report["ok"], report["problems"]


def _legacy(db: Database) -> None:
    """Make the database what revision 0002 wrote: no row digests, chained without them,
    no witness (the app wrote none before)."""
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    events = model_table("audit_event")
    with db.engine.begin() as conn:
        prev = None
        rows = conn.execute(
            select(
                events.c.id,
                events.c.at,
                events.c.user_id,
                events.c.case_id,
                events.c.action,
                events.c.detail,
            ).order_by(events.c.id)
        ).all()
        for r in rows:
            digest = chain_digest(
                prev,
                at=r.at,
                user_id=r.user_id,
                case_id=r.case_id,
                action=r.action,
                detail=r.detail,
            )
            conn.execute(
                text("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE id = :id"),
                {"p": prev, "h": digest, "id": r.id},
            )
            prev = digest
    path = witness_path(db.url)
    assert path is not None
    path.unlink()


def test_a_database_from_before_row_digests_gets_a_baseline_once(db: Database) -> None:
    fill(db, FakeClock(T0))
    _legacy(db)
    url = db.url.render_as_string(hide_password=False)
    before = maintenance.check(url)
    assert before["ok"], before["problems"]
    assert any("predates row digests" in w for w in before["warnings"])

    upgraded = open_database(url)  # migrates to head: the baseline event
    try:
        with upgraded.session() as session:
            events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        baseline = events[-1]
        assert baseline.action == BASELINE_ACTION
        assert [e.action for e in events].count(BASELINE_ACTION) == 1
        assert baseline.row_digests is not None
        counted = sum(len(rows) for rows in baseline.row_digests.values())
        assert baseline.detail["rows"] == counted
        assert set(baseline.row_digests) == set(COVERED)
    finally:
        upgraded.dispose()
    after = maintenance.check(url)
    assert after["ok"], after["problems"]
    assert after["warnings"] == []
    # From now on the rows are guarded like any others.
    behind_the_back(upgraded.engine, "UPDATE patient SET family_name = 'X' WHERE id = 1")
    assert maintenance.check(url)["tampered_rows"] == {"changed": {"patient": [1]}}


def test_a_follow_up_records_the_rows_it_changed(db: Database) -> None:
    """The case a follow-up escalates is recorded again, with its new digest."""
    from mscc_desk.store.calls import record_call

    clock = FakeClock(T0)
    first = record_call(db, call("9434765919", neuro=[], pain=["nocturnal"]), user="c", clock=clock)
    clock.advance(timedelta(minutes=5))
    record_call(db, call("9434765919"), user="c", clock=clock, case_id=first.case_id)
    with db.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert events[-1].row_digests is not None
    assert str(first.case_id) in events[-1].row_digests["case"]
    assert all(e.action != GENERIC_ACTION for e in events)
    assert check(db)["ok"]


def test_a_trigger_planted_in_the_live_database_is_named(db: Database) -> None:
    """What a planted backup would have brought, planted directly: `db check` says so."""
    fill(db, FakeClock(T0))
    if db.engine.dialect.name == "sqlite":
        behind_the_back(
            db.engine,
            "CREATE TRIGGER later_mri AFTER INSERT ON deadline BEGIN "
            "UPDATE deadline SET due_at = datetime(NEW.due_at, '+7 days') WHERE id = NEW.id; END",
        )
    else:
        behind_the_back(
            db.engine,
            "CREATE FUNCTION later() RETURNS trigger AS $$ BEGIN "
            "NEW.due_at := NEW.due_at + interval '7 days'; RETURN NEW; END $$ LANGUAGE plpgsql",
        )
        behind_the_back(
            db.engine,
            "CREATE TRIGGER later_mri BEFORE INSERT ON deadline "
            "FOR EACH ROW EXECUTE FUNCTION later()",
        )
    report = check(db)
    assert report["ok"] is False
    assert any("trigger 'later_mri'" in p for p in report["problems"]), report["problems"]


def test_digests_read_as_stored_are_the_digests_read_through_the_types(tmp_path: Path) -> None:
    """`db check` reads SQLite's stored text straight into the canonical form; every row of
    every covered table must get the digest it gets read through the models' types, a
    value stored in another shape (an instant without microseconds) and a JSON `null`
    included."""
    from mscc_desk.demo import make_demo
    from mscc_desk.store.row_digests import all_digests, readable_table

    now = T0
    db = open_database(tmp_path / "x.sqlite3")
    try:
        make_demo(db, cases=60, seed=2, clock=FakeClock(now))
        alerts.raise_alerts(db, now + timedelta(hours=6))
        with db.engine.begin() as conn:  # the shape another writer might have left
            moved = "UPDATE \"case\" SET opened_at = '2027-03-20 08:00:00' WHERE id = 1"
            conn.execute(text(moved))
            conn.execute(text("UPDATE \"case\" SET plan = 'null' WHERE id = 2"))  # JSON null
        with db.engine.connect() as conn:
            for name in COVERED:
                tbl = readable_table(conn, name)
                through_types = {
                    int(r._mapping["id"]): row_digest(r._mapping) for r in conn.execute(select(tbl))
                }
                assert through_types, name
                assert dict(all_digests(conn, tbl)) == through_types, name
    finally:
        db.dispose()

"""One alert for the whole service: the database keeps "each stage once" (revision 0007).

Runs on SQLite and on a real PostgreSQL server (`db_url`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts, maintenance
from mscc_desk.store.alerts.lifecycle import _write_alerts
from mscc_desk.store.audit import write_baseline
from mscc_desk.store.engine import Database, alembic_config
from mscc_desk.store.models import Alert, AuditEvent
from mscc_desk.store.opening import open_database
from mscc_desk.store.row_digests import readable_table
from mscc_desk.store.witness import apply, pending_update
from tests.store.integrity_helpers import T0, call, fill


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _raised_events(db: Database) -> int:
    with db.read_session() as session:
        return int(
            session.scalar(
                select(func.count()).where(AuditEvent.action.in_(("alert.raised", "alert.passed")))
            )
            or 0
        )


def test_a_second_desk_raising_the_same_stage_writes_nothing(db: Database) -> None:
    """Desk B planned from what it read before desk A raised; its insert is a no-op."""
    from mscc_desk.store.calls import record_call

    clock = FakeClock(T0)
    record_call(db, call("9434765919"), user="coord", clock=clock)
    clock.advance(timedelta(hours=30))
    other = open_database(_url(db))
    try:
        stale = alerts.due_alerts(other, clock.now())  # what desk B is about to raise
        assert stale
        raised = alerts.raise_alerts(db, clock.now())  # desk A gets there first
        assert raised
        events = _raised_events(db)
        with other.session() as session:
            assert _write_alerts(session, list(stale), clock.now()) == []
        assert alerts.raise_alerts(other, clock.now()) == []
    finally:
        other.dispose()
    assert _raised_events(db) == events  # no raise recorded that did not happen
    with db.read_session() as session:
        rows = session.execute(select(Alert.deadline_id, Alert.stage, Alert.reminder)).all()
    assert len(rows) == len(set(rows))


def test_the_database_refuses_a_second_row_for_a_stage(db: Database) -> None:
    """The rule is the database's, not the app's care: plain SQL cannot break it."""
    filled = fill(db, FakeClock(T0))
    with db.read_session() as session:
        first = session.get(Alert, filled.alert_id)
        assert first is not None
        values = {"deadline_id": first.deadline_id, "stage": first.stage, "raised_at": T0}
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert(Alert.__table__).values(**values))
    # A breach reminder has its own key, once each.
    reminder = {**values, "stage": "breached", "reminder": 7}
    with db.engine.begin() as conn:
        conn.execute(insert(Alert.__table__).values(**reminder))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert(Alert.__table__).values(**reminder))


def test_desks_raising_at_once_write_each_stage_once(db_url: str) -> None:
    from mscc_desk.store.calls import record_call

    clock = FakeClock(T0)
    desks = [open_database(db_url) for _ in range(4)]
    try:
        for nhs in ("9434765919", "4010232137", "9990000018"):
            record_call(desks[0], call(nhs), user="coord", clock=clock)
        clock.advance(timedelta(hours=30))
        start = threading.Barrier(len(desks))
        errors: list[BaseException] = []

        def desk(d: Database) -> None:
            start.wait()
            try:
                for _ in range(3):
                    alerts.raise_alerts(d, clock.now())
            except BaseException as exc:  # noqa: BLE001 - reported by the assert below
                errors.append(exc)

        threads = [threading.Thread(target=desk, args=(d,)) for d in desks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with desks[0].read_session() as session:
            rows = session.execute(select(Alert.deadline_id, Alert.stage, Alert.reminder)).all()
        assert len(rows) == len(set(rows)) > 0
        assert _raised_events(desks[0]) == len(rows)
    finally:
        for d in desks:
            d.dispose()


# The revision before the one that made each alert stage unique.
BEFORE_ONE_ALERT = "0006"


def _downgrade(db: Database, revision: str) -> None:
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_upgrading_merges_alerts_two_desks_raised_twice(db: Database) -> None:
    """Keep the earliest, give it the earliest acknowledgement, record what was merged."""
    clock = FakeClock(T0)
    filled = fill(db, clock)
    _downgrade(db, BEFORE_ONE_ALERT)
    with db.engine.connect() as conn:
        alert = readable_table(conn, "alert")
    with db.read_session() as session:
        acked = session.execute(
            select(alert.c.deadline_id, alert.c.stage, alert.c.acknowledged_by_id).where(
                alert.c.id == filled.alert_id
            )
        ).one()
        other = session.execute(
            select(alert.c.id, alert.c.deadline_id, alert.c.stage)
            .where(alert.c.acknowledged_at.is_(None))
            .order_by(alert.c.id)
        ).first()
    assert other is not None
    later = clock.now() + timedelta(seconds=2)
    with db.engine.begin() as conn:
        # What two desks racing before this revision could leave: a second copy of an
        # acknowledged alert, and a second copy of an outstanding one that the other
        # desk's user acknowledged; and a real breach reminder, 30 minutes on.
        dup_of_acked = conn.execute(
            insert(alert)
            .values(deadline_id=acked.deadline_id, stage=acked.stage, raised_at=later)
            .returning(alert.c.id)
        ).scalar_one()
        dup_of_open = conn.execute(
            insert(alert)
            .values(
                deadline_id=other.deadline_id,
                stage=other.stage,
                raised_at=later,
                acknowledged_at=later + timedelta(minutes=1),
                acknowledged_by_id=acked.acknowledged_by_id,
                note="seen on the ward desk",
            )
            .returning(alert.c.id)
        ).scalar_one()
        reminder = conn.execute(
            insert(alert)
            .values(
                deadline_id=other.deadline_id,
                stage="breached",
                raised_at=clock.now() + timedelta(minutes=31),
            )
            .returning(alert.c.id)
        ).scalar_one()
        write_baseline(conn, at=later, reason="test: rows two desks wrote")
    with db.engine.connect() as conn:
        apply(db.url, pending_update(conn, db.url))
    db.dispose()
    assert maintenance.check(_url(db))["ok"]

    upgraded = open_database(_url(db))
    try:
        with upgraded.read_session() as session:
            kept_open = session.get(Alert, other.id)
            assert kept_open is not None
            assert kept_open.acknowledged_at is not None  # the ward desk's acknowledgement
            assert kept_open.note == "seen on the ward desk"
            assert session.get(Alert, dup_of_acked) is None
            assert session.get(Alert, dup_of_open) is None
            second = session.get(Alert, reminder)
            assert second is not None and second.reminder == 1
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "alert.duplicates_merged")
            ).one()
        merged: list[dict[str, Any]] = event.detail["merged"]
        assert {(m["kept"], tuple(m["removed"])) for m in merged} == {
            (filled.alert_id, (dup_of_acked,)),
            (other.id, (dup_of_open,)),
        }
        by_kept = {m["kept"]: m["acknowledgement_from"] for m in merged}
        assert by_kept == {filled.alert_id: filled.alert_id, other.id: dup_of_open}
        assert event.detail["numbered"] == [{"alert_id": reminder, "reminder": 1}]
        assert event.row_digests is not None
        assert event.row_digests["alert"][str(dup_of_open)] is None
    finally:
        upgraded.dispose()
    report = maintenance.check(_url(db))
    assert report["ok"], report["problems"]
    assert report["warnings"] == []


def test_upgrading_a_database_without_duplicates_writes_no_event(db: Database) -> None:
    fill(db, FakeClock(T0))
    _downgrade(db, BEFORE_ONE_ALERT)
    db.dispose()
    upgraded = open_database(_url(db))
    try:
        with upgraded.read_session() as session:
            merged = session.scalar(
                select(func.count()).where(AuditEvent.action == "alert.duplicates_merged")
            )
        assert merged == 0
    finally:
        upgraded.dispose()
    assert maintenance.check(_url(db))["ok"]

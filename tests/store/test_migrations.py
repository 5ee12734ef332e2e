"""Opening a database: migrate to head, agree with the models, refuse what is not ours.

Runs on SQLite and on a real PostgreSQL server (`db_url`).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError, StatementError

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store.backup import integrity_problems
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import (
    DatabaseError,
    NewerDatabaseError,
    current_revision,
    head_revision,
    make_engine,
)
from mscc_desk.store.models import Base, Setting, UTCDateTime
from mscc_desk.store.opening import open_database, upgrade

NOW = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)

CALL: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "neuro": ["limb_weakness"],
    "suspected_at": "2027-03-27T09:30:00+00:00",
    "patient": {
        "nhs_number": "9434765919",
        "family_name": "Okafor",
        "given_name": "Grace",
        "date_of_birth": "1950-02-01",
    },
    "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
}


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A PostgreSQL pre-migration backup goes to the user data directory: keep it in tmp.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the app's and any other), in a stable order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def _files(tmp_path: Path) -> set[str]:
    return {p.name for p in tmp_path.iterdir() if p.is_file()}


def test_an_empty_database_is_migrated_to_head(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert "alembic_version" in tables
        # Opening again at head is a no-op and makes no backup.
        assert upgrade(db.engine) is None
    finally:
        db.dispose()


def test_a_new_sqlite_file_needs_no_backup(sqlite_path: Path) -> None:
    db = open_database(sqlite_path)
    db.dispose()
    assert _files(sqlite_path.parent) <= {
        sqlite_path.name,
        sqlite_path.name + "-wal",
        sqlite_path.name + "-shm",
    }


def test_models_and_migrations_agree(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        db.dispose()


def test_sqlite_is_tuned_for_power_loss(sqlite_path: Path) -> None:
    db = open_database(sqlite_path)
    try:
        with db.engine.connect() as conn:

            def pragma(name: str) -> Any:
                return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert str(pragma("journal_mode")).lower() == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") > 0
    finally:
        db.dispose()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(
    db_url: str, tmp_path: Path
) -> None:
    db = open_database(db_url)
    record_call(db, CALL, user="coord", clock=FakeClock(NOW))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()

    engine = make_engine(db_url)
    before = _snapshot(engine)
    files_before = _files(tmp_path)
    try:
        with pytest.raises(NewerDatabaseError) as caught:
            open_database(db_url)
        assert "9999_future" in str(caught.value)
        with pytest.raises(NewerDatabaseError):
            open_database(db_url, migrate=False)
        with pytest.raises(NewerDatabaseError):
            upgrade(engine)
        assert _snapshot(engine) == before
        assert current_revision(engine) == "9999_future"
        assert before["case"], "the refused database still holds its case"
        # No backup (or any other file) was written for a database that was refused.
        assert _files(tmp_path) == files_before
    finally:
        engine.dispose()


def _plain_engine(db_url: str) -> Engine:
    """An engine without the app's set-up, as another program would have written the file."""
    if "://" in db_url:
        return create_engine(db_url)
    return create_engine(f"sqlite:///{db_url}")


def test_a_database_that_holds_data_is_backed_up_before_migrating(db_url: str) -> None:
    """An unversioned database with rows in it (the oldest "older state"): backup first."""
    other = _plain_engine(db_url)
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE legacy_note (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(text("INSERT INTO legacy_note (id, body) VALUES (1, 'keep me')"))
    other.dispose()

    engine = make_engine(db_url)
    try:
        backup = upgrade(engine)
        assert backup is not None, "a database holding data must be backed up before migrating"
        path = Path(backup)
        assert path.is_file()
        assert integrity_problems(path) == []
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT body FROM legacy_note")).scalar_one() == "keep me"
    finally:
        engine.dispose()
    # The backup is a copy of what was there before the migration.
    copy = create_engine(f"sqlite:///{path}")
    try:
        with copy.connect() as conn:
            assert conn.execute(text("SELECT body FROM legacy_note")).scalar_one() == "keep me"
    finally:
        copy.dispose()


def test_a_migration_that_cannot_apply_leaves_the_data_as_it_was(db_url: str) -> None:
    """The app's tables with data but no version row: the migration fails, all rolled back."""
    db = open_database(db_url)
    record_call(db, CALL, user="coord", clock=FakeClock(NOW))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    db.dispose()

    engine = make_engine(db_url)
    try:
        before = _snapshot(engine)
        with pytest.raises((DatabaseError, SQLAlchemyError)):
            upgrade(engine)
        assert _snapshot(engine) == before
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_utc_datetime_refuses_naive_datetimes() -> None:
    kind = UTCDateTime()
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        with pytest.raises(ValueError, match="offset"):
            kind.process_bind_param(datetime(2027, 3, 27, 9, 30), dialect)
        aware = datetime(2027, 3, 27, 10, 30, tzinfo=timezone(timedelta(hours=1)))
        stored = kind.process_bind_param(aware, dialect)
        assert stored is not None
        back = kind.process_result_value(stored, dialect)
        assert back == aware and back is not None and back.tzinfo == UTC


def test_utc_datetime_round_trip_is_aware_utc(db_url: str) -> None:
    db = open_database(db_url)
    try:
        india = timezone(timedelta(hours=5, minutes=30))
        later_local = datetime(2027, 3, 27, 12, 0, tzinfo=india)  # 06:30 UTC
        earlier_text = datetime(2027, 3, 27, 7, 0, tzinfo=UTC)  # 07:00 UTC
        with db.session() as s:
            s.add(Setting(key="a", value="1", updated_at=later_local))
            s.add(Setting(key="b", value="2", updated_at=earlier_text))
        with db.session() as s:
            rows = s.scalars(select(Setting).order_by(Setting.updated_at)).all()
            assert [r.key for r in rows] == ["a", "b"], "ordered by instant, not by wall time"
            a = rows[0].updated_at
            assert a.tzinfo is not None and a.utcoffset() == timedelta(0)
            assert a == later_local
            assert (a.hour, a.minute) == (6, 30)
        with pytest.raises(StatementError) as caught, db.session() as s:
            s.add(Setting(key="naive", value="x", updated_at=datetime(2027, 3, 27, 9, 30)))
            s.flush()
        assert isinstance(caught.value.orig, ValueError)
        with db.session() as s:
            assert s.get(Setting, "naive") is None
    finally:
        db.dispose()


def test_postgresql_stores_timestamptz(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("case")}
        assert getattr(columns["suspected_at"]["type"], "timezone", False) is True
    finally:
        db.dispose()


def test_without_a_target_the_user_data_dir_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With neither a target nor the environment variable, the user data dir is used."""
    monkeypatch.delenv("MSCC_DESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = open_database()
    try:
        assert db.url.database is not None
        assert Path(db.url.database) == tmp_path / "data" / "mscc-desk" / "mscc.sqlite3"
        assert os.path.isfile(db.url.database)
    finally:
        db.dispose()


def test_a_populated_database_at_0005_gains_the_speed_indexes(db_url: str) -> None:
    """Revision 0006 adds the handover's and the heartbeat's indexes to a database that
    already holds cases and alerts, and leaves every row (and `db check`) as it was.
    (Written at the head and taken back to 0005: the app writes only its own schema.)"""
    from alembic import command

    from mscc_desk.store import alerts
    from mscc_desk.store.engine import alembic_config, migrate_connection

    db = open_database(db_url)
    try:
        record_call(db, CALL, user="coord", clock=FakeClock(NOW))
        raised = alerts.raise_alerts(db, NOW + timedelta(days=3))
        assert raised
    finally:
        db.dispose()
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005")
        before = _snapshot(engine)
    finally:
        engine.dispose()

    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            migrate_connection(conn, "0006")
        assert current_revision(engine) == "0006"
        after = _snapshot(engine)
        assert {k: v for k, v in after.items() if k != "alembic_version"} == {
            k: v for k, v in before.items() if k != "alembic_version"
        }
        indexes = {
            table: {i["name"]: i for i in inspect(engine).get_indexes(table)}
            for table in ("case", "deadline", "alert")
        }
    finally:
        engine.dispose()
    assert {"ix_case_opened_at", "ix_case_closed_at"} <= indexes["case"].keys()
    assert "ix_deadline_due_at" in indexes["deadline"]
    partial = indexes["alert"]["ix_alert_unacknowledged"]
    assert partial["column_names"] == ["deadline_id"]
    where = partial.get("dialect_options", {})
    assert "acknowledged_at IS NULL" in str(
        where.get("sqlite_where", where.get("postgresql_where", ""))
    )
    reopened = open_database(db_url)
    try:
        showing = alerts.active_alerts(reopened, NOW + timedelta(days=3))
        assert [a.alert_id for a in showing] == [a.alert_id for a in raised]
    finally:
        reopened.dispose()

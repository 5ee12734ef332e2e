"""A backup is restored only if it passes every check `db check` makes, and has exactly
the schema of its revision; otherwise it is refused and the live database is untouched.

Runs on SQLite and on a real PostgreSQL server (`db_url`): backups are SQLite files
either way. Each bad backup is made from a good one the way an attacker or an accident
would: with sqlite3, behind the app's back.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import maintenance
from mscc_desk.store.audit import BASELINE_ACTION
from mscc_desk.store.backup import BackupError, backup_to, restore_from
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import AuditEvent, Deadline
from mscc_desk.store.restore import (
    RestoreRefused,
    checked_backup,
    quick_problems,
    restore_backup,
)
from mscc_desk.store.schema_check import BACKUP_TABLE
from mscc_desk.store.witness import read_witness, witness_path
from tests.store.integrity_helpers import NHS, T0, call, fill, junk_backup, snapshot
from tests.store.test_row_digests import _legacy


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


@pytest.fixture
def good(db: Database, tmp_path: Path) -> Path:
    """A backup of a database with something in every table, then more written after."""
    clock = FakeClock(T0)
    fill(db, clock)
    out = backup_to(db.engine, tmp_path / "backups" / "good.sqlite3")
    clock.advance(timedelta(hours=1))
    record_call(db, call(None), user="late", clock=clock)
    return out


def edited(good: Path, *statements: str) -> Path:
    """A copy of the good backup changed with sqlite3."""
    bad = good.with_name("edited.sqlite3")
    shutil.copyfile(good, bad)
    with sqlite3.connect(bad) as conn:
        for sql in statements:
            conn.executescript(sql)
    conn.close()
    return bad


def refused(db: Database, backup: Path) -> str:
    """Restore must refuse; the live database and its witness stay exactly as they were."""
    before = snapshot(db.engine)
    path = witness_path(db.url)
    witness = read_witness(path) if path else None
    with pytest.raises(RestoreRefused) as caught:
        restore_from(db.engine, backup)
    assert snapshot(db.engine) == before
    assert (read_witness(path) if path else None) == witness
    return "; ".join(caught.value.problems)


PLANTED_TRIGGER = """
CREATE TRIGGER later_mri AFTER INSERT ON deadline WHEN NEW.key = 'mri'
BEGIN UPDATE deadline SET due_at = datetime(NEW.due_at, '+7 days') WHERE id = NEW.id; END;
"""


def test_a_file_with_the_right_tables_and_junk_columns_is_refused(
    db: Database, tmp_path: Path
) -> None:
    """It used to replace every case with nothing; on PostgreSQL `db check` then said OK."""
    fill(db, FakeClock(T0))
    problems = refused(db, junk_backup(tmp_path / "junk.sqlite3"))
    assert "schema" in problems and "'case'" in problems and "missing column(s)" in problems
    assert maintenance.check(db.url.render_as_string(hide_password=False))["ok"]


def test_a_backup_with_a_planted_trigger_is_refused(db: Database, good: Path) -> None:
    problems = refused(db, edited(good, PLANTED_TRIGGER))
    assert "trigger 'later_mri'" in problems
    with db.session() as session:  # and no MRI clock anywhere is a week late
        assert session.scalars(select(Deadline)).first() is not None


@pytest.mark.parametrize(
    ("planted", "named"),
    [
        ("CREATE VIEW everyone AS SELECT * FROM patient;", "view 'everyone'"),
        ("CREATE TABLE exfiltrate (x TEXT);", "table 'exfiltrate'"),
        ("CREATE INDEX ix_sneaky ON patient (postcode);", "ix_sneaky"),
        ('ALTER TABLE "case" ADD COLUMN sneaky TEXT;', "unexpected column(s) sneaky"),
    ],
)
def test_anything_else_planted_in_the_schema_is_refused(
    db: Database, good: Path, planted: str, named: str
) -> None:
    assert named in refused(db, edited(good, planted))


def test_a_backup_with_a_broken_audit_chain_is_refused(db: Database, good: Path) -> None:
    problems = refused(
        db,
        edited(good, 'UPDATE audit_event SET detail = \'{"category": "safety_net"}\' WHERE id = 2'),
    )
    assert "the chain breaks at event 2" in problems


def test_a_backup_whose_rows_were_changed_is_refused(db: Database, good: Path) -> None:
    problems = refused(
        db, edited(good, "UPDATE \"case\" SET category_override = 'safety_net' WHERE id = 1")
    )
    assert "case: row(s) 1 differ from what the audit trail last recorded" in problems


def test_a_backup_cut_short_of_its_recorded_head_is_refused(db: Database, good: Path) -> None:
    cut = (
        "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event ORDER BY id DESC LIMIT 2)"
    )
    problems = refused(db, edited(good, cut))
    assert "the backup's record of its chain head" in problems
    assert "the newest 2 event(s) were deleted" in problems


def test_a_backup_without_its_record_of_the_head_is_refused(db: Database, good: Path) -> None:
    problems = refused(db, edited(good, f"DROP TABLE {BACKUP_TABLE}"))
    assert "no record of its audit chain's head" in problems


def test_the_quick_check_already_names_schema_problems(good: Path) -> None:
    """What the window shows before asking to confirm."""
    assert quick_problems(good) == []
    [problem] = quick_problems(edited(good, PLANTED_TRIGGER))
    assert "trigger 'later_mri'" in problem


def test_a_good_backup_is_restored_with_a_safety_copy_and_an_audit_event(
    db: Database, good: Path, tmp_path: Path
) -> None:
    with db.engine.connect() as conn:
        replaced = conn.execute(
            select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
        ).one()
    with checked_backup(good) as backup:
        result = restore_backup(db, backup, tmp_path / "safety", actor="coord0", now=T0)
    assert result.safety_copy.parent == tmp_path / "safety"
    assert result.safety_copy.name.startswith("pre-restore-")
    assert quick_problems(result.safety_copy) == []
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.action == "db.restore"
        assert event.detail["replaced"]["last_id"] == replaced.id
        assert event.detail["replaced"]["hash"] == replaced.hash
        assert event.detail["by"] == "coord0" and event.user_id is not None
        count = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    path = witness_path(db.url)
    assert path is not None
    witness = read_witness(path)
    assert witness is not None and witness.head.last_id == count
    db.dispose()
    report = maintenance.check(db.url.render_as_string(hide_password=False))
    assert report["ok"], report["problems"]
    # The safety copy can itself be restored (it is a checked backup like any other).
    with checked_backup(result.safety_copy):
        pass


def test_a_backup_from_before_row_digests_is_restored_and_gets_its_baseline(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Backups taken by the previous version stay restorable (they cannot be checked row
    by row: nothing recorded their rows' digests; the baseline starts from them)."""
    old = open_database(tmp_path / "old.sqlite3")
    try:
        fill(old, FakeClock(T0))
        _legacy(old)
        backup = backup_to(old.engine, tmp_path / "old-backup.sqlite3", app_database=False)
    finally:
        old.dispose()
    assert quick_problems(backup) == []
    if "://" in db_url:
        target = request.getfixturevalue("pg_server").new_database("old_" + db_url[-16:])
    else:
        target = str(tmp_path / "live.sqlite3")
    live = open_database(target)
    try:
        record_call(live, call(NHS[0]), user="x", clock=FakeClock(T0))
        restore_from(live.engine, backup)
        open_database(target).dispose()  # brings it to head: the baseline
        with live.session() as session:
            actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
        assert actions[-1] == BASELINE_ACTION
    finally:
        live.dispose()
    report = maintenance.check(target)
    assert report["ok"], report["problems"]


def test_a_refused_restore_writes_no_safety_copy(db: Database, good: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError), checked_backup(edited(good, PLANTED_TRIGGER)) as backup:
        restore_backup(db, backup, tmp_path / "safety", actor="coord0", now=T0)
    assert not (tmp_path / "safety").exists()


def test_another_workstations_witness_of_the_replaced_chain_is_recognised(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workstations on one PostgreSQL database each keep their own witness. When one
    restores an older backup, the other's witness records events the chain no longer
    has: the `db.restore` event explains it (a warning), and its next save replaces it."""

    def workstation(name: str) -> None:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / name))

    workstation("ward")
    db = open_database(pg_url)
    try:
        clock = FakeClock(T0)
        fill(db, clock)
        old = backup_to(db.engine, tmp_path / "old.sqlite3")
        for n in range(3):
            clock.advance(timedelta(minutes=1))
            record_call(db, call(None), user=f"ward{n}", clock=clock)
        ward_witness = witness_path(db.url)

        workstation("office")
        with checked_backup(old) as backup:
            restore_backup(db, backup, tmp_path / "safety", actor="coord0", now=clock.now())
        assert maintenance.check(pg_url)["ok"]

        workstation("ward")
        assert witness_path(db.url) == ward_witness
        report = maintenance.check(pg_url)
        assert report["ok"], report["problems"]
        assert any("before a restore" in w for w in report["warnings"])
        record_call(db, call(None), user="ward9", clock=clock)
        report = maintenance.check(pg_url)
        assert report["ok"] and report["warnings"] == []
    finally:
        db.dispose()


def test_a_cut_tail_is_not_excused_by_an_unrelated_restore(
    db: Database, good: Path, tmp_path: Path
) -> None:
    """Only a restore that replaced a chain at least as long explains a short chain."""
    with checked_backup(good) as backup:
        restore_backup(db, backup, tmp_path / "safety", actor="coord0", now=T0)
    more = FakeClock(T0 + timedelta(days=2))
    for n in range(4):
        record_call(db, call(None), user=f"after{n}", clock=more)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "DELETE FROM audit_event WHERE id IN "
            "(SELECT id FROM audit_event ORDER BY id DESC LIMIT 2)"
        )
    db.dispose()
    report = maintenance.check(db.url.render_as_string(hide_password=False))
    assert report["ok"] is False
    assert any("the newest 2 event(s) were deleted" in p for p in report["problems"])

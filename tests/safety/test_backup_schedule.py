"""The nightly backup: checked generations, pruning, catching up, and refusing bad files.

Real SQLite files throughout: a backup is only worth something if SQLite's own
integrity check passes on it and a damaged one is refused when someone restores it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store.auth import create_user
from mscc_desk.store.backup import BackupError, integrity_problems
from mscc_desk.store.backup_schedule import (
    DEFAULT_KEEP,
    backup_due,
    backup_name,
    backups_in,
    last_backup_at,
    last_scheduled_at,
    next_scheduled_at,
    read_settings,
    run_due_backup,
    run_scheduled_backup,
    save_settings,
)
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent, Case
from mscc_desk.store.permissions import PermissionDenied
from mscc_desk.store.restore import restore_from

from .conftest import FULL_CALL


def _cases(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_generations_are_pruned_to_keep_and_each_passes_integrity_check(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    strangers = ["notes.txt", "mscc-2027.sqlite3", "other-20270101-000000.sqlite3"]
    for name in strangers:
        (folder / name).write_text("not ours")
    written = []
    for _day in range(6):
        record_call(db, FULL_CALL, user="cora", clock=clock)
        written.append(run_scheduled_backup(db, folder, 3, clock.now()))
        assert integrity_problems(written[-1]) == []
        clock.advance(timedelta(days=1))
    assert [p for _, p in backups_in(folder)] == written[-3:]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in written[-3:]] + strangers
    )
    # The newest backup holds every committed case, WAL or not.
    with sqlite3.connect(written[-1]) as conn:
        assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 6
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "db.backup").order_by(AuditEvent.id)
        ).all()
    assert [e.detail["file"] for e in events] == [p.name for p in written]
    assert events[-1].detail["pruned"] == [written[2].name]


def test_names_are_utc_and_sort_as_time(clock: FakeClock) -> None:
    assert backup_name(datetime(2027, 7, 1, 2, 0, 5, tzinfo=UTC)) == "mscc-20270701-020005.sqlite3"
    clock.set(datetime(2027, 10, 31, 1, 30, tzinfo=UTC))  # the repeated London hour
    assert backup_name(clock.now()) < backup_name(clock.now() + timedelta(minutes=1))


def test_the_backup_just_written_survives_a_clock_set_back(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "backups"
    later = [run_scheduled_backup(db, folder, 2, clock.now() + timedelta(days=d)) for d in (5, 6)]
    newest = run_scheduled_backup(db, folder, 2, clock.now())  # PC clock wrong by days
    assert newest.exists() and later[1].exists() and not later[0].exists()


def test_a_corrupted_backup_is_refused_by_restore(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    record_call(db, FULL_CALL, user="cora", clock=clock)
    good = run_scheduled_backup(db, tmp_path / "b", 5, clock.now())
    page_size = 4096
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    assert len(data) > 3 * page_size
    data[page_size + 100 : 3 * page_size] = b"\xa5" * (2 * page_size - 100)
    damaged.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[:50])
    assert integrity_problems(damaged) and integrity_problems(truncated)

    record_call(db, FULL_CALL, user="cora", clock=clock)
    for bad in (damaged, truncated, tmp_path / "missing.sqlite3"):
        with pytest.raises(BackupError):
            restore_from(db.engine, bad)
    assert _cases(db) == 2  # nothing was touched

    restore_from(db.engine, good)
    assert _cases(db) == 1


def test_backup_due_and_missed_backups_are_caught_up(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "backups"
    london_0200 = datetime(2027, 1, 10, 2, 0, tzinfo=UTC)  # GMT: London = UTC
    assert backup_due(folder, london_0200 - timedelta(hours=3), "02:00")  # never backed up
    run_scheduled_backup(db, folder, 3, london_0200 + timedelta(seconds=5))
    assert not backup_due(folder, london_0200 + timedelta(hours=8), "02:00")
    assert not backup_due(folder, london_0200 + timedelta(hours=23, minutes=59), "02:00")
    assert backup_due(folder, london_0200 + timedelta(days=1), "02:00")
    # PC off for three days: due at once on start, and one backup settles it.
    back = london_0200 + timedelta(days=3, hours=7)
    assert backup_due(folder, back, "02:00")
    run_scheduled_backup(db, folder, 3, back)
    assert last_backup_at(folder) == back
    assert not backup_due(folder, back + timedelta(hours=1), "02:00")


def test_schedule_is_london_wall_time_across_clock_changes() -> None:
    summer = datetime(2027, 7, 1, 12, 0, tzinfo=UTC)
    assert last_scheduled_at(summer, "02:00") == datetime(2027, 7, 1, 1, 0, tzinfo=UTC)
    assert next_scheduled_at(summer, "02:00") == datetime(2027, 7, 2, 1, 0, tzinfo=UTC)
    # 28 March 2027: 01:30 London does not exist; the job still has one time that day.
    spring = datetime(2027, 3, 28, 12, 0, tzinfo=UTC)
    assert last_scheduled_at(spring, "01:30").date() == spring.date()
    autumn = datetime(2027, 10, 31, 12, 0, tzinfo=UTC)  # 01:30 happens twice
    assert last_scheduled_at(autumn, "01:30").date() == autumn.date()


def test_settings_defaults_and_admin_only_changes(
    db: Database, tmp_path: Path, clock: FakeClock, fast_hasher: object
) -> None:
    with db.session() as session:
        settings = read_settings(session)
    assert settings.keep == DEFAULT_KEEP and settings.time.strftime("%H:%M") == "02:00"
    assert settings.folder.name == "backups" and "mscc-desk" in str(settings.folder)
    create_user(db, "root", "Ada", "admin", "admin-password", actor=None, now=clock.now())
    create_user(db, "cora", "Cora", "coordinator", "cora-password", actor="root", now=clock.now())
    with pytest.raises(PermissionDenied):
        save_settings(db, actor="cora", now=clock.now(), keep=3)
    bad: dict[str, Any]
    for bad in ({"keep": 0}, {"at": "25:00"}, {"at": "2am"}):
        with pytest.raises(InputError) as caught:
            save_settings(db, actor="root", now=clock.now(), **bad)
        assert caught.value.field.startswith("backup.")
    folder = tmp_path / "nightly"
    saved = save_settings(db, actor="root", now=clock.now(), folder=folder, keep=7, at="03:15")
    assert (saved.folder, saved.keep, saved.time.strftime("%H:%M")) == (folder, 7, "03:15")


def test_run_due_backup_uses_the_settings(db: Database, tmp_path: Path, clock: FakeClock) -> None:
    from mscc_desk.store.settings import set_setting

    folder = tmp_path / "nightly"
    with db.session() as session:
        set_setting(session, "backup.folder", str(folder), clock.now())
        set_setting(session, "backup.keep", "not a number", clock.now())  # damaged: default
    first = run_due_backup(db, clock.now())
    assert first is not None and first.parent == folder
    assert run_due_backup(db, clock.now() + timedelta(minutes=5)) is None


def test_a_failed_backup_is_audited_and_prunes_nothing(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "backups"
    run_scheduled_backup(db, folder, 1, clock.now())
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        run_scheduled_backup(db, blocker / "sub", 1, clock.now())
    assert len(backups_in(folder)) == 1
    with db.session() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-1] == "db.backup_failed"

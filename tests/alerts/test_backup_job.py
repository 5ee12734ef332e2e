"""The daily backup as a job of the alert scheduler (the real BackgroundScheduler).

A FakeClock gives "now" (the job asks `ctx.clock`), so days pass in a moment; the
scheduler itself runs for real with a short heartbeat, on its own threads, and every
test ends with no scheduler thread left.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.alerts.backups import scheduled_backup
from mscc_desk.alerts.scheduler import BACKUP_RETRY, BACKUP_THREAD_PREFIX, AlertController
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.gui.context import DeskContext
from mscc_desk.store import alerts as al
from mscc_desk.store.backup import backup_problems
from mscc_desk.store.backup_schedule import backups_in
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import AuditEvent
from mscc_desk.store.settings import set_setting
from tests.alerts.helpers import USER, mri_deadline, new_case

NOW = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)  # 13:00 BST; the backup time is 02:00
DAY = timedelta(hours=24)
HEARTBEAT = 0.1
JOB = "mscc_desk.alerts.scheduler.scheduled_backup"  # what the backup job calls


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ctx(db: Database, clock: FakeClock) -> DeskContext:
    return DeskContext(db, user=USER, clock=clock)


@pytest.fixture
def folder(db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "backups"
    configure(db, folder=path)
    return path


def configure(db: Database, *, folder: Path | None = None, keep: int | None = None) -> None:
    """Settings as an administrator would have saved them (the rules are tested elsewhere)."""
    with db.session() as session:
        if folder is not None:
            set_setting(session, "backup.folder", str(folder), NOW)
        if keep is not None:
            set_setting(session, "backup.keep", str(keep), NOW)


@pytest.fixture
def controller(ctx: DeskContext) -> Iterator[AlertController]:
    made = AlertController(ctx, heartbeat_seconds=HEARTBEAT, backups=True)
    yield made
    made.stop()
    assert AlertController.threads() == []


class Seen:
    """What the controller said about backups, as it arrived on the GUI thread."""

    def __init__(self, controller: AlertController) -> None:
        self.done: list[str] = []
        self.failed: list[str] = []
        self.threads: set[str] = set()
        controller.backup_done.connect(self._on_done)
        controller.backup_failed.connect(self._on_failed)

    def _on_done(self, path: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.done.append(path)

    def _on_failed(self, message: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.failed.append(message)


def heartbeats(qtbot: QtBot, n: int = 5) -> None:
    qtbot.wait(int(HEARTBEAT * 1000 * n))


def test_a_backup_is_written_at_start_and_not_again_the_same_day(
    qtbot: QtBot,
    controller: AlertController,
    folder: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran_on: list[str] = []
    real = scheduled_backup

    def spy(db: Database, now: datetime) -> Path | None:
        ran_on.append(threading.current_thread().name)
        return real(db, now)

    monkeypatch.setattr(JOB, spy)
    seen = Seen(controller)
    controller.start()
    qtbot.waitUntil(lambda: len(seen.done) == 1, timeout=5000)
    (written,) = (Path(p) for p in seen.done)
    assert written.parent == folder and backup_problems(written) == []
    assert seen.threads == {threading.main_thread().name}  # signals on the GUI thread
    # Checked on every heartbeat, on the backup worker, never on the GUI thread ...
    heartbeats(qtbot)
    assert len(ran_on) > 2
    assert all(name.startswith(BACKUP_THREAD_PREFIX) for name in ran_on)
    # ... but the day's backup is done: no second file, however often it looks.
    assert seen.done == [str(written)] and [p for _, p in backups_in(folder)] == [written]
    # The next day, after the backup time, the heartbeat writes the next one.
    clock.advance(DAY)
    qtbot.waitUntil(lambda: len(seen.done) == 2, timeout=5000)
    assert len(backups_in(folder)) == 2 and seen.failed == []


def test_generations_are_pruned_to_keep(
    qtbot: QtBot, controller: AlertController, db: Database, folder: Path, clock: FakeClock
) -> None:
    configure(db, keep=2)
    seen = Seen(controller)
    controller.start()
    for day in range(1, 4):
        qtbot.waitUntil(lambda: len(seen.done) == day, timeout=5000)  # noqa: B023
        clock.advance(DAY)
    written = [Path(p) for p in seen.done]
    assert len(set(written)) == 3
    assert [p for _, p in backups_in(folder)] == written[1:]  # the oldest was pruned
    assert not written[0].exists()
    for path in written[1:]:
        assert backup_problems(path) == []
    with db.session() as session:
        pruned = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "db.backup").order_by(AuditEvent.id)
        ).all()
    assert [e.detail["pruned"] for e in pruned] == [[], [], [written[0].name]]


def test_a_failing_backup_is_reported_and_the_alerts_carry_on(
    qtbot: QtBot,
    controller: AlertController,
    db: Database,
    ctx: DeskContext,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    configure(db, folder=blocker)
    # An emergency whose 24-hour MRI clock falls due in 30 minutes.
    case = new_case(db, clock, NOW - DAY + timedelta(minutes=30))
    deadline = mri_deadline(db, case.case_id)
    seen = Seen(controller)
    raised: list[al.RaisedAlert] = []
    controller.alerts_raised.connect(raised.extend)
    controller.start()
    qtbot.waitUntil(lambda: len(seen.failed) == 1, timeout=5000)
    assert seen.failed[0].startswith("The daily backup failed: ")
    assert str(blocker) in seen.failed[0]
    # The alert was raised all the same: "imminent" (and "due soon", recorded as passed).
    qtbot.waitUntil(lambda: len(raised) == 1, timeout=5000)
    # Not retried on every heartbeat (the audit trail is not flooded) ...
    heartbeats(qtbot)
    assert len(seen.failed) == 1
    # ... and the deadline still breaches on time while the backup keeps failing.
    clock.set(deadline.due_at + timedelta(seconds=1))
    qtbot.waitUntil(lambda: any(a.stage is Stage.breached for a in raised), timeout=5000)
    clock.advance(BACKUP_RETRY)
    qtbot.waitUntil(lambda: len(seen.failed) == 2, timeout=5000)
    with db.session() as session:
        failures = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "db.backup_failed")
        ).all()
    assert len(failures) == 2
    assert seen.done == []
    # Once the folder is fixed and the settings saved, it works at once.
    good = tmp_path / "backups"
    configure(db, folder=good)
    controller.backup_soon()
    qtbot.waitUntil(lambda: len(seen.done) == 1, timeout=5000)
    assert Path(seen.done[0]).parent == good
    assert controller.running


def test_an_alert_is_not_held_up_by_a_slow_backup(
    qtbot: QtBot,
    controller: AlertController,
    db: Database,
    clock: FakeClock,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    started = threading.Event()
    real = scheduled_backup

    def slow(db: Database, now: datetime) -> Path | None:
        started.set()
        release.wait(10)
        return real(db, now)

    monkeypatch.setattr(JOB, slow)
    case = new_case(db, clock, NOW - DAY + timedelta(minutes=30))
    deadline = mri_deadline(db, case.case_id)
    raised: list[al.RaisedAlert] = []
    controller.alerts_raised.connect(raised.extend)
    seen = Seen(controller)
    controller.start()
    assert started.wait(5)
    clock.set(deadline.due_at + timedelta(seconds=1))
    try:
        # The backup is still "writing"; the breach is raised by the alert worker anyway.
        qtbot.waitUntil(lambda: any(a.stage is Stage.breached for a in raised), timeout=3000)
        assert seen.done == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(seen.done) == 1, timeout=5000)


def test_without_backups_the_controller_writes_none(
    qtbot: QtBot, ctx: DeskContext, folder: Path
) -> None:
    plain = AlertController(ctx, heartbeat_seconds=HEARTBEAT)
    try:
        plain.start()
        plain.backup_soon()
        heartbeats(qtbot)
        assert "backup" not in " ".join(plain.scheduled_jobs())
    finally:
        plain.stop()
    assert not folder.exists()
    assert AlertController.threads() == []


def test_stop_during_a_backup_leaves_no_threads(
    ctx: DeskContext,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = threading.Event()
    real = scheduled_backup

    def slow(db: Database, now: datetime) -> Path | None:
        started.set()
        time.sleep(0.3)  # still writing when stop() is called
        return real(db, now)

    monkeypatch.setattr(JOB, slow)
    controller = AlertController(ctx, heartbeat_seconds=HEARTBEAT, backups=True)
    controller.start()
    assert started.wait(5)
    controller.stop()
    controller.stop()  # twice is harmless
    assert AlertController.threads() == []
    assert len(backups_in(folder)) == 1  # the backup in progress was finished, not cut off

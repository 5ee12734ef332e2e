"""The real scheduler (APScheduler 3.11 BackgroundScheduler) under a Qt event loop.

These run on the system clock with deadlines a second or two ahead, so they take real
seconds; the rules themselves are tested with a FakeClock in test_alert_store.py. The
time limits are generous (the target is < 1 s late; the assertion is < 2.5 s) so a busy
CI machine does not fail them, while a dropped or very late alert still does.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.alerts.scheduler import JOB_DEFAULTS, AlertController
from mscc_desk.domain.clock import SystemClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.gui.context import DeskContext
from mscc_desk.store import alerts as al
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import Alert
from tests.alerts.helpers import USER, mri_deadline, new_case

DAY = timedelta(hours=24)
LATE_LIMIT = timedelta(seconds=2.5)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "alerts.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def ctx(db: Database) -> DeskContext:
    return DeskContext(db, user=USER, clock=SystemClock())


class Collector:
    """Everything a controller said, as it arrived on the GUI thread, with arrival time."""

    def __init__(self, controller: AlertController) -> None:
        self.raised: list[tuple[al.RaisedAlert, datetime]] = []
        self.changed = 0
        self.threads: set[str] = set()
        controller.alerts_raised.connect(self._on_raised)
        controller.alerts_changed.connect(self._on_changed)

    def _on_raised(self, alerts: list[al.RaisedAlert]) -> None:
        self.threads.add(threading.current_thread().name)
        arrived = datetime.now(UTC)
        self.raised.extend((a, arrived) for a in alerts)

    def _on_changed(self) -> None:
        self.threads.add(threading.current_thread().name)
        self.changed += 1

    def of_stage(self, stage: Stage) -> list[tuple[al.RaisedAlert, datetime]]:
        return [(a, t) for a, t in self.raised if a.stage is stage]


@pytest.fixture
def controllers(ctx: DeskContext) -> Iterator[list[AlertController]]:
    made: list[AlertController] = []
    yield made
    for c in made:
        c.stop()
    assert AlertController.threads() == []


def controller_for(
    ctx: DeskContext, made: list[AlertController], heartbeat_seconds: float = 30.0
) -> AlertController:
    c = AlertController(ctx, heartbeat_seconds=heartbeat_seconds)
    made.append(c)
    return c


def case_due_in(db: Database, seconds: float, n: int = 0) -> tuple[int, int, datetime]:
    """An emergency case whose 24-hour MRI clock falls due `seconds` from now."""
    now = datetime.now(UTC)
    out = new_case(db, SystemClock(), now - DAY + timedelta(seconds=seconds), family=f"Patient{n}")
    deadline = mri_deadline(db, out.case_id)
    return out.case_id, deadline.id, deadline.due_at


def breached_rows(db: Database, deadline_id: int) -> int:
    with db.session() as s:
        return len(
            s.scalars(
                select(Alert).where(Alert.deadline_id == deadline_id, Alert.stage == "breached")
            ).all()
        )


def test_a_deadline_a_few_seconds_ahead_breaches_on_time(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    _, deadline_id, due_at = case_due_in(db, 3.0)
    controller = controller_for(ctx, controllers)
    seen = Collector(controller)
    controller.start()
    # Catch-up: "due soon" and "imminent" have already passed for a clock 3 s from due;
    # only the more urgent is raised, "due soon" is recorded as passed (issue 10).
    qtbot.waitUntil(lambda: len(seen.raised) == 1, timeout=5000)
    assert {a.stage for a, _ in seen.raised} == {Stage.imminent}
    passed = [r for r in al.alerts_of_deadline(db, deadline_id) if r.stage is Stage.due_soon]
    assert len(passed) == 1 and passed[0].note == al.PASSED_NOTE
    qtbot.waitUntil(
        lambda: f"alert:{deadline_id}:breached" in controller.scheduled_jobs(), timeout=3000
    )
    assert controller.scheduled_jobs()[f"alert:{deadline_id}:breached"] == due_at

    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=10_000)
    ((breach, arrived),) = seen.of_stage(Stage.breached)
    assert breach.deadline_id == deadline_id and not breach.repeat
    assert breach.lateness is not None
    assert timedelta(0) <= breach.lateness < LATE_LIMIT  # written to the database on time
    assert timedelta(0) <= arrived - due_at < LATE_LIMIT  # and on the GUI thread on time
    assert seen.threads == {threading.main_thread().name}  # signals only on the GUI thread
    # The first reminder is armed 30 minutes after the breach.
    qtbot.waitUntil(
        lambda: f"alert:{deadline_id}:breached:repeat" in controller.scheduled_jobs(),
        timeout=3000,
    )
    assert controller.scheduled_jobs()[f"alert:{deadline_id}:breached:repeat"] == (
        breach.raised_at + timedelta(minutes=30)
    )


def test_catch_up_after_a_restart_raises_the_missed_breach_at_once(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    _, deadline_id, due_at = case_due_in(db, 1.5)
    first = controller_for(ctx, controllers)
    first_seen = Collector(first)
    first.start()
    qtbot.waitUntil(lambda: len(first_seen.raised) == 1, timeout=5000)
    first.stop()  # the app is closed ...
    qtbot.wait(int((due_at - datetime.now(UTC)).total_seconds() * 1000) + 1000)
    assert breached_rows(db, deadline_id) == 0  # ... and while closed, nothing is raised
    assert not first_seen.of_stage(Stage.breached)

    second = controller_for(ctx, controllers)
    seen = Collector(second)
    started = datetime.now(UTC)
    second.start()
    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=5000)
    ((breach, arrived),) = seen.of_stage(Stage.breached)
    assert arrived - started < timedelta(seconds=5)
    assert breach.deadline_id == deadline_id
    assert [a.stage for a, _ in seen.raised] == [Stage.breached]  # earlier stages: raised once
    assert breached_rows(db, deadline_id) == 1


def test_a_case_recorded_while_running_is_picked_up_by_resync(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    controller = controller_for(ctx, controllers)
    ctx.data_changed.connect(controller.resync)
    seen = Collector(controller)
    controller.start()
    qtbot.wait(300)
    assert seen.raised == []
    case_due_in(db, -60)  # recorded 24 h 1 min after the suspicion: already breached
    ctx.data_changed.emit()
    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=5000)


def test_the_heartbeat_notices_what_nobody_announced(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    # As after sleep, a wall-clock change, or a case written by another workstation.
    controller = controller_for(ctx, controllers, heartbeat_seconds=1.0)
    seen = Collector(controller)
    controller.start()
    qtbot.wait(300)
    case_due_in(db, -60)
    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=4000)


def test_a_stalled_worker_still_raises_the_breach_late_rather_than_never(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    """APScheduler's default misfire_grace_time of 1 s would drop a job that starts late."""
    assert JOB_DEFAULTS["misfire_grace_time"] is None and JOB_DEFAULTS["coalesce"] is True
    _, deadline_id, due_at = case_due_in(db, 1.5)
    controller = controller_for(ctx, controllers)
    seen = Collector(controller)
    controller.start()
    qtbot.waitUntil(lambda: len(seen.raised) == 2, timeout=5000)
    scheduler = controller._scheduler
    assert scheduler is not None
    assert scheduler.get_job("heartbeat").misfire_grace_time is None
    missed: list[JobExecutionEvent] = []
    scheduler.add_listener(missed.append, EVENT_JOB_MISSED)
    # Stall the one worker over the due instant, as a hung disk or a sleeping PC would.
    controller.resync()
    with controller._check_lock:
        qtbot.wait(int((due_at - datetime.now(UTC)).total_seconds() * 1000) + 2000)
    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=5000)
    assert missed == []
    assert breached_rows(db, deadline_id) == 1


def test_acknowledge_through_the_controller(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    _, deadline_id, _ = case_due_in(db, -60)
    controller = controller_for(ctx, controllers)
    seen = Collector(controller)
    controller.start()
    qtbot.waitUntil(lambda: bool(seen.of_stage(Stage.breached)), timeout=5000)
    (shown,) = controller.active_alerts()
    with qtbot.waitSignal(controller.alerts_changed, timeout=2000):
        controller.acknowledge(shown.alert_id, "MRI booked 14:00")
    assert controller.active_alerts() == []
    rows = al.alerts_of_deadline(db, deadline_id)
    assert all(r.acknowledged_by == USER or r.note == al.PASSED_NOTE for r in rows)
    assert [r.stage for r in rows if r.note != al.PASSED_NOTE] == [Stage.breached]
    assert rows[-1].note == "MRI booked 14:00"
    # The acknowledged breach is no longer armed to remind.
    qtbot.waitUntil(
        lambda: not any(k.startswith("alert:") for k in controller.scheduled_jobs()),
        timeout=3000,
    )


def test_meeting_a_deadline_before_it_fires_means_nothing_is_raised(
    qtbot: QtBot, db: Database, ctx: DeskContext, controllers: list[AlertController]
) -> None:
    _, deadline_id, due_at = case_due_in(db, 2.0)
    controller = controller_for(ctx, controllers)
    seen = Collector(controller)
    controller.start()
    qtbot.waitUntil(lambda: len(seen.raised) == 1, timeout=5000)
    controller.meet_deadline(deadline_id, datetime.now(UTC))
    qtbot.waitUntil(
        lambda: f"alert:{deadline_id}:breached" not in controller.scheduled_jobs(), timeout=3000
    )
    qtbot.wait(int((due_at - datetime.now(UTC)).total_seconds() * 1000) + 1500)
    assert seen.of_stage(Stage.breached) == []
    assert breached_rows(db, deadline_id) == 0
    assert controller.active_alerts() == []


def test_stop_leaves_no_thread_and_can_be_called_twice(
    qtbot: QtBot, db: Database, ctx: DeskContext
) -> None:
    before = AlertController.threads()
    assert before == []
    controller = AlertController(ctx)
    controller.start()
    controller.resync()
    qtbot.wait(200)
    assert any(t.name == "APScheduler" for t in AlertController.threads())
    assert controller.running
    controller.stop()
    controller.stop()
    assert not controller.running
    assert AlertController.threads() == []
    assert controller.scheduled_jobs() == {}
    controller.resync()  # after stop: ignored, not an error
    # And it can be started again (a sign-out and sign-in).
    controller.start()
    assert AlertController.threads()
    controller.stop()
    assert AlertController.threads() == []

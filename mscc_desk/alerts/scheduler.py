"""APScheduler 3.11 drives the deadline alerts; the `deadline` table stays the truth.

How it fits together
--------------------
Jobs live in a memory job store and are rebuilt from the database: one one-off job per
stage still to come (`alert:<deadline>:<stage>`, at the stage time) and one per breach
reminder, plus a heartbeat. Every job does the same thing, `_sync`: write whatever is
due (`store.alerts.check_alerts`, which is idempotent), then re-arm the jobs from the
table. So a job that fires twice, early or for a deadline since met does no harm; the
jobs only decide *when* the database is looked at. APScheduler's pickled job stores are
not used: a deadline must not exist in two places that can disagree.

The two APScheduler traps (DESIGN.md)
-------------------------------------
* `misfire_grace_time` defaults to **1 second** (`BaseScheduler._configure`). A job that
  runs more than 1 s after its time (PC asleep, laptop lid shut, process stalled) is not
  run at all: `run_job` logs "Run time of job ... was missed" and a one-off job is then
  removed, so the breach alert would silently never come. Every job here is added with
  `misfire_grace_time=None` (run however late) and `coalesce=True` (a heartbeat that
  missed twenty runs during a night's sleep runs once, not twenty times).
* `QtScheduler._start_timer` stores the result of `QTimer.singleShot(...)`, which is
  `None`, so `_stop_timer` stops nothing and each `wakeup()` adds another self-re-arming
  timer chain. It is not used.

Why `BackgroundScheduler` and not a fixed `QtScheduler`
-------------------------------------------------------
The scheduler's wait and the database work run on their own threads, so an alert row is
written on time even while the GUI thread is busy (a long print preview, a slow query, a
modal file dialog of the platform); the alert reaches the screen the moment the event
loop is free, and the audit trail says when it was really raised. Results cross to the
GUI thread only as a Qt signal with an explicitly *queued* connection: no widget, and no
Qt object of the GUI thread, is touched from a worker. Jobs run on a one-thread pool so
two checks never race each other inside this process (across processes SQLite's
BEGIN IMMEDIATE, or PostgreSQL's row locks, serialise them).

Sleep, hibernation and wall-clock changes
-----------------------------------------
The scheduler thread waits on a monotonic timeout, which on most systems does not count
time asleep, and a job's time is a wall-clock instant. The heartbeat (every 30 s, at
most 60 s) bounds any wait, so after resume or after the clock is set forward every
due alert is raised within one heartbeat; and `start()` raises at once whatever fell
due while the app was closed.

The daily backup
----------------
With `backups=True` (the desk's controller; tests and tools leave it off so they never
write into the real backup folder) the same scheduler also keeps the daily backup:
`store.backup_schedule.run_due_backup(db, ctx.clock.now())` runs once at `start()`
(so a backup missed while the PC was off or asleep is caught up at once) and then on
every heartbeat, so the backup comes within one heartbeat of the configured time.
It runs on an executor of its own (`backup`, one thread), never on the alert worker:
an alert that falls due while a backup is being written is raised on time by the alert
worker, not queued behind the copy. The result reaches the GUI as `backup_done(path)` /
`backup_failed(message)`, queued like the alert signals. A failure is caught, logged,
audited (by the store) and reported; it never touches the alert jobs, and the next
attempt waits `BACKUP_RETRY` (so a full disk does not fill the audit trail every 30 s)
unless `backup_soon()` asks again, e.g. after the settings changed.

Shutdown
--------
`stop()` first raises a flag under the lock that guards re-arming (a job that re-arms
while `shutdown()` holds the job-store lock would deadlock), empties the job store (which
waits for a scheduling pass in progress; see the comment in `stop`), then calls
`BackgroundScheduler.shutdown(wait=True)`, which waits for a running check (or backup)
to finish, shuts both one-thread pools down (joining their threads) and joins the
scheduler thread.
Nothing is left running; `threads()` lets a test check that.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, SignalInstance, Slot

from ..domain.clock import Clock
from ..store import alerts as store
from ..store.alerts import RaisedAlert, ScheduledAlert
from ..store.engine import Database
from .backups import describe, scheduled_backup

log = logging.getLogger(__name__)


class Desk(Protocol):
    """What the alerts need of the desk (the window's `DeskContext` is one).

    A protocol rather than an import, so that alerts do not depend on the window.
    """

    db: Database
    clock: Clock

    @property
    def user(self) -> str: ...

    @property
    def data_changed(self) -> SignalInstance: ...


HEARTBEAT_SECONDS = 30.0
THREAD_PREFIX = "mscc-alerts"
BACKUP_THREAD_PREFIX = f"{THREAD_PREFIX}-backup"  # so `threads()` counts it too
BACKUP_EXECUTOR = "backup"
# After a failed backup, the heartbeat tries again no sooner than this.
BACKUP_RETRY = timedelta(minutes=30)
SCHEDULER_THREAD = "APScheduler"
JOB_DEFAULTS: dict[str, Any] = {
    # See the module docstring: the default of 1 s drops late jobs silently.
    "misfire_grace_time": None,
    "coalesce": True,
    "max_instances": 1,
}


def job_id(planned: ScheduledAlert) -> str:
    suffix = ":repeat" if planned.repeat else ""
    return f"alert:{planned.deadline_id}:{planned.stage.value}{suffix}"


class AlertController(QObject):
    """Raises deadline alerts on time and tells the GUI; the main window owns one.

    Signals are always emitted on the GUI thread:

    * `alerts_raised(list[RaisedAlert])`: new alert rows were written (tray, sound).
    * `alerts_changed()`: what `active_alerts()` returns may have changed (refresh views).
    * `check_failed(str)`: a check could not reach the database; the heartbeat retries,
      but the desk should say that alerts are not being checked. An empty message means
      checking works again.
    * `backup_done(str)`: the daily backup was written and passed its check (the path).
    * `backup_failed(str)`: the daily backup could not be written (why); retried later.
    """

    alerts_raised = Signal(list)
    alerts_changed = Signal()
    check_failed = Signal(str)
    backup_done = Signal(str)
    backup_failed = Signal(str)

    # Emitted from the worker thread; connected with Qt.QueuedConnection in __init__.
    _raised_from_worker = Signal(list)
    _changed_from_worker = Signal()
    _failed_from_worker = Signal(str)
    _backup_done_from_worker = Signal(str)
    _backup_failed_from_worker = Signal(str)

    def __init__(
        self,
        ctx: Desk,
        parent: QObject | None = None,
        *,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        backups: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._heartbeat = heartbeat_seconds
        self._backups = backups
        # Set after a failed backup (by ctx.clock); only the backup worker touches it,
        # except `backup_soon()`, which clears it.
        self._backup_retry_at: datetime | None = None
        self._scheduler: BackgroundScheduler | None = None
        # Serialises database checks of this process (worker and GUI thread alike).
        self._check_lock = threading.Lock()
        # Guards (the stopping flag + changes to the job store); see stop().
        self._arm_lock = threading.Lock()
        self._stopping = False
        self._shown: tuple[int, ...] | None = None
        # The last check of the deadline table; a heartbeat that finds nothing written
        # since and nothing fallen due reuses it (see `store.alerts.check_alerts`).
        self._last_check: store.AlertCheck | None = None
        self._failing = False
        queued = Qt.ConnectionType.QueuedConnection
        self._raised_from_worker.connect(self._deliver_raised, queued)
        self._changed_from_worker.connect(self.alerts_changed, queued)
        self._failed_from_worker.connect(self.check_failed, queued)
        self._backup_done_from_worker.connect(self.backup_done, queued)
        self._backup_failed_from_worker.connect(self.backup_failed, queued)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # --- Public API (GUI thread) ---------------------------------------------------------

    def start(self) -> None:
        """Raise at once whatever fell due while the app was closed, then arm the jobs."""
        if self._scheduler is not None:
            return
        self._stopping = False
        scheduler = BackgroundScheduler(
            jobstores={"default": MemoryJobStore()},
            executors={
                "default": ThreadPoolExecutor(1, pool_kwargs={"thread_name_prefix": THREAD_PREFIX}),
                # The backup's own worker: an alert never waits behind a backup copy.
                BACKUP_EXECUTOR: ThreadPoolExecutor(
                    1, pool_kwargs={"thread_name_prefix": BACKUP_THREAD_PREFIX}
                ),
            },
            job_defaults=JOB_DEFAULTS,
            timezone=UTC,
        )
        scheduler.add_job(
            self._sync,
            IntervalTrigger(seconds=self._heartbeat, timezone=UTC),
            id="heartbeat",
            name="heartbeat: re-read the deadline table",
        )
        # No trigger: run now. This is the catch-up of everything missed while closed.
        scheduler.add_job(self._sync, id="sync", name="catch-up", max_instances=2)
        if self._backups:
            scheduler.add_job(
                self._backup,
                IntervalTrigger(seconds=self._heartbeat, timezone=UTC),
                id="backup-heartbeat",
                name="backup: is one due?",
                executor=BACKUP_EXECUTOR,
            )
            # No trigger: now. A backup missed while the desk was closed is caught up.
            scheduler.add_job(
                self._backup, id="backup", name="backup catch-up", executor=BACKUP_EXECUTOR
            )
        self._scheduler = scheduler
        scheduler.start()

    def backup_soon(self) -> None:
        """Check soon whether a backup is due, even just after a failure (settings saved)."""
        scheduler = self._scheduler
        if scheduler is None or not self._backups:
            return
        self._backup_retry_at = None
        with self._arm_lock:
            if self._stopping:
                return
            # Forced past the wait after a failure: an attempt that was already failing
            # with the old settings may set that wait again just after this clears it.
            scheduler.add_job(
                self._backup,
                kwargs={"force": True},
                id="backup",
                name="backup check",
                replace_existing=True,
                executor=BACKUP_EXECUTOR,
            )

    def resync(self) -> None:
        """Re-read the deadline table soon (connect to `DeskContext.data_changed`)."""
        scheduler = self._scheduler
        if scheduler is None:
            return
        with self._arm_lock:
            if self._stopping:
                return
            # A "sync" job still waiting is replaced, so a burst of changes checks once;
            # two instances are allowed so a change during a running check is not lost.
            scheduler.add_job(
                self._sync, id="sync", name="resync", replace_existing=True, max_instances=2
            )

    def stop(self) -> None:
        """Stop the scheduler thread and its worker; safe to call twice."""
        scheduler = self._scheduler
        if scheduler is None:
            return
        with self._arm_lock:
            self._stopping = True
        self._scheduler = None
        # `shutdown()` marks the scheduler stopped *before* taking its job-store lock; a
        # `_process_jobs` loop running at that moment then fails in `remove_job`
        # (JobLookupError) and the scheduler thread dies with a traceback. Emptying the
        # store first waits for that loop (it holds the same lock) and leaves nothing due.
        scheduler.remove_all_jobs()
        scheduler.shutdown(wait=True)

    @property
    def running(self) -> bool:
        return self._scheduler is not None

    def active_alerts(self) -> list[RaisedAlert]:
        return store.active_alerts(self.ctx.db, self.ctx.clock.now())

    def acknowledge(self, alert_id: int, note: str | None = None) -> list[int]:
        """Record that the signed-in user saw the alert; raises InputError if refused."""
        with self._check_lock:
            ids = store.acknowledge(
                self.ctx.db, alert_id, self.ctx.user, self.ctx.clock.now(), note
            )
        self._after_local_change()
        return ids

    def record_breach_reason(self, deadline_id: int, reason: str, note: str | None) -> list[int]:
        with self._check_lock:
            ids = store.record_breach_reason(
                self.ctx.db, deadline_id, reason, note, self.ctx.user, self.ctx.clock.now()
            )
        self._after_local_change(data=True)
        return ids

    def meet_deadline(self, deadline_id: int, met_at: datetime) -> list[int]:
        with self._check_lock:
            ids = store.meet_deadline(
                self.ctx.db, deadline_id, met_at, self.ctx.user, self.ctx.clock.now()
            )
        self._after_local_change(data=True)
        return ids

    def check_now(self) -> list[RaisedAlert]:
        """Raise what is due at `ctx.clock.now()` on the calling thread (tests, a menu item).

        The signals still arrive through the queue, after control returns to the loop.
        """
        return self._sync()

    def scheduled_jobs(self) -> dict[str, datetime]:
        """The armed jobs and when they run: what the scheduler believes, for diagnosis."""
        scheduler = self._scheduler
        if scheduler is None:
            return {}
        return {job.id: job.next_run_time for job in scheduler.get_jobs() if job.next_run_time}

    @staticmethod
    def threads() -> list[threading.Thread]:
        """Threads of any alert scheduler still alive in this process (should be none)."""
        return [
            t
            for t in threading.enumerate()
            if t.is_alive() and (t.name == SCHEDULER_THREAD or t.name.startswith(THREAD_PREFIX))
        ]

    # --- Worker side ---------------------------------------------------------------------

    def _backup(self, force: bool = False) -> Path | None:
        """The backup job (backup worker): write one if due; report, never raise. After a
        failure the next try waits `BACKUP_RETRY`, unless forced (settings were saved)."""
        if self._stopping:
            return None
        now = self.ctx.clock.now()
        retry_at = self._backup_retry_at
        if not force and retry_at is not None and now < retry_at:
            return None
        try:
            written = scheduled_backup(self.ctx.db, now)
        except Exception as exc:  # reported; the alerts and the heartbeat carry on
            log.exception("the daily backup failed")
            self._backup_retry_at = now + BACKUP_RETRY
            self._backup_failed_from_worker.emit(f"The daily backup failed: {describe(exc)}")
            return None
        self._backup_retry_at = None
        if written is not None:
            self._backup_done_from_worker.emit(str(written))
        return written

    def _sync(self) -> list[RaisedAlert]:
        """Raise what is due, tell the GUI thread at once, then re-arm from the table."""
        if self._stopping:
            return []
        try:
            with self._check_lock:
                # One transaction raises what is due and plans what comes later.
                check = store.check_alerts(
                    self.ctx.db, self.ctx.clock.now(), previous=self._last_check
                )
                self._last_check = check
                raised, plan = check.raised, check.upcoming
                if raised:
                    self._raised_from_worker.emit(raised)
                changed = bool(raised) or check.showing != self._shown
                self._shown = check.showing
        except Exception as exc:  # the heartbeat tries again; the desk must hear of it
            log.exception("checking deadline alerts failed")
            self._failing = True
            self._failed_from_worker.emit(f"Deadline alerts could not be checked: {exc}")
            return []
        if self._failing:
            self._failing = False
            self._failed_from_worker.emit("")  # recovered: the desk can drop its warning
        self._arm(plan)
        if changed:
            self._changed_from_worker.emit()
        return raised

    def _arm(self, plan: list[ScheduledAlert]) -> None:
        """Make the armed one-off jobs exactly the planned ones."""
        with self._arm_lock:
            scheduler = self._scheduler
            if self._stopping or scheduler is None:
                return
            wanted = {job_id(p): p.at for p in plan}
            armed: dict[str, datetime] = {
                job.id: job.next_run_time
                for job in scheduler.get_jobs()
                if job.id.startswith("alert:")
            }
            for jid in armed.keys() - wanted.keys():
                try:
                    scheduler.remove_job(jid)
                except JobLookupError:  # it ran and removed itself meanwhile
                    pass
            for jid, at in wanted.items():
                if armed.get(jid) != at:
                    scheduler.add_job(
                        self._sync,
                        DateTrigger(run_date=at, timezone=UTC),
                        id=jid,
                        name=jid,
                        replace_existing=True,
                    )

    # --- GUI side ------------------------------------------------------------------------

    @Slot(list)
    def _deliver_raised(self, raised: list[RaisedAlert]) -> None:
        self.alerts_raised.emit(raised)

    def _after_local_change(self, data: bool = False) -> None:
        self.alerts_changed.emit()
        if data:
            # The board shows met deadlines and breach reasons; it listens for this.
            self.ctx.data_changed.emit()
        self.resync()

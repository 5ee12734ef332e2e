"""Backups from the desk: the scheduled check, "Back up now" and "Restore" (worker side).

The rules (names, generations, integrity checks, admin-only settings) live in
`store.backup` and `store.backup_schedule`; this module only adds what the *window*
needs around them:

* one lock, so the scheduled backup, "Back up now" and a restore in this process never
  run at the same time (across processes SQLite's own locking keeps each copy
  consistent);
* "Back up now" and "Restore", each authorised in the core (`db.maintain`, an
  administrator) and recorded in the audit trail as done by that user;
* a restore (`store.restore`, the same as `mscc-desk db restore`) that refuses a file
  failing any of `db check`'s checks or its revision's exact schema before it touches
  anything, and always takes a safety copy first;
* `BackgroundTask`: runs one such function on a plain worker thread and hands the
  result back to the GUI thread through a queued signal, touching no widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy import select

from ..domain.clock import as_utc
from ..domain.errors import InputError
from ..log_events import log_event
from ..store.audit import record_event
from ..store.backup import backup_to
from ..store.backup_schedule import backup_name, parse_keep, prune, run_due_backup
from ..store.engine import Database
from ..store.models import AuditEvent
from ..store.permissions import authorize
from ..store.restore import (
    RestoreRefused,
    RestoreResult,
    checked_backup,
    quick_problems,
    restore_backup,
)

log = logging.getLogger(__name__)

# One backup or restore at a time in this process (scheduled, "now", restore).
BACKUP_LOCK = threading.Lock()
WORKER_THREAD = "mscc-desk-backup"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


@dataclass(frozen=True)
class LastBackup:
    """What the folder and the audit trail say about the most recent backups."""

    written_at: datetime | None
    path: Path | None
    size: int | None
    failed_at: datetime | None  # a failure newer than the last backup written
    failure: str | None


def scheduled_backup(db: Database, now: datetime) -> Path | None:
    """The scheduler's call: a backup if one is due (`run_due_backup`), under the lock."""
    with BACKUP_LOCK:
        return run_due_backup(db, now)


def backup_now(db: Database, folder: Path, keep: int, *, actor: str, now: datetime) -> BackupResult:
    """Write, check and prune one generation in `folder` now, for an administrator.

    The same file name and pruning as the nightly backup (so it counts as today's
    backup), but the audit event names the user and says it was not scheduled.
    """
    now = as_utc(now)
    keep = parse_keep(keep)
    folder = Path(folder).expanduser()
    with db.read_session() as session:
        user_id = authorize(session, actor, "db.maintain").id
    with BACKUP_LOCK:
        try:
            written = backup_to(db.engine, folder / backup_name(now))
        except Exception as exc:
            _audit(
                db,
                now,
                "db.backup_failed",
                user_id,
                {"folder": str(folder), "error": str(exc)[:500]},
            )
            raise
        pruned = prune(folder, keep, protect=written)
        size = written.stat().st_size
        _audit(
            db,
            now,
            "db.backup",
            user_id,
            {
                "file": written.name,
                "folder": str(folder),
                "bytes": size,
                "kept": keep,
                "pruned": [p.name for p in pruned],
                "scheduled": False,
            },
        )
    log_event(log, "backup.written", file=written.name, bytes=size, pruned=len(pruned))
    return BackupResult(written, size)


def restore_problems(path: Path) -> list[str]:
    """Why `path` cannot be restored, as far as a quick look shows (empty when it may
    be): a damaged or foreign file, a newer version's, or not exactly its revision's
    schema. The full check (chain, rows, head) runs again in `restore_with_safety_copy`,
    off the GUI thread."""
    return quick_problems(Path(path))


def may_maintain(db: Database, actor: str) -> str | None:
    """None if `actor` may back up and restore here, else the core's reason why not."""
    try:
        with db.read_session() as session:
            authorize(session, actor, "db.maintain")
    except InputError as exc:
        return exc.problem
    return None


def restore_with_safety_copy(
    db: Database, source: Path, safety_folder: Path, *, actor: str, now: datetime
) -> RestoreResult:
    """Replace the database's contents with `source`, after a checked safety copy.

    Refused (`InputError`, nothing touched) if the user may not maintain the database or
    the file fails any check (`store.restore.checked_backup`). The safety copy is named
    `pre-restore-...`, so pruning the nightly generations never removes it.
    """
    with db.read_session() as session:
        authorize(session, actor, "db.maintain")
    with BACKUP_LOCK:
        try:
            with checked_backup(Path(source)) as backup:
                return restore_backup(db, backup, safety_folder, actor=actor, now=now)
        except RestoreRefused as exc:
            raise InputError("backup", f"refused: {exc.summary()}") from None


def last_backup(db: Database, folder: Path) -> LastBackup:
    """The newest backup in `folder`, and the last attempt's failure if it failed."""
    from ..store.backup_schedule import backups_in

    found = backups_in(Path(folder).expanduser())
    written_at, path = found[-1] if found else (None, None)
    size: int | None = None
    if path is not None:
        try:
            size = path.stat().st_size
        except OSError:
            size = None
    failed_at: datetime | None = None
    failure: str | None = None
    with db.read_session() as session:
        event = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.action.in_(("db.backup", "db.backup_failed")))
            .order_by(AuditEvent.id.desc())
            .limit(1)
        )
        if event is not None and event.action == "db.backup_failed":
            failed_at = as_utc(event.at)
            failure = str((event.detail or {}).get("error") or "unknown error")
    return LastBackup(written_at, path, size, failed_at, failure)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def describe(exc: BaseException) -> str:
    """One line for a person: the OS error's own words where there is one."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    problem = getattr(exc, "problem", None)
    return str(problem or exc) or type(exc).__name__


def _audit(
    db: Database, now: datetime, action: str, user_id: int | None, detail: dict[str, Any]
) -> None:
    try:
        with db.session() as session:
            record_event(session, at=now, action=action, user_id=user_id, detail=detail)
    except Exception:
        if action != "db.backup_failed":
            raise
        log.exception("could not record the failed backup in the audit trail")


class BackgroundTask(QObject):
    """Run one function on a worker thread; `done(result)` / `failed(message, exc)` arrive
    on the thread this object lives in (the GUI thread).

    The task keeps itself alive until its result has been delivered, so the dialog that
    started it may close meanwhile: Qt drops a queued call to a deleted receiver.
    """

    done = Signal(object)
    failed = Signal(str, object)
    _finished_in_worker = Signal(bool, object)

    _running: ClassVar[set[BackgroundTask]] = set()

    def __init__(self, fn: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._thread: threading.Thread | None = None
        self._finished_in_worker.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        BackgroundTask._running.add(self)
        self._thread = threading.Thread(target=self._run, name=WORKER_THREAD, daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self in BackgroundTask._running

    def wait(self, timeout: float | None = None) -> None:
        """Join the worker thread (tests; closing the app)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported on the GUI thread, never lost in a thread
            log_event(log, "backup.task_failed", level=logging.WARNING, error=type(exc).__name__)
            self._finished_in_worker.emit(False, exc)
            return
        self._finished_in_worker.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, payload: object) -> None:
        BackgroundTask._running.discard(self)
        if ok:
            self.done.emit(payload)
        else:
            assert isinstance(payload, BaseException)
            self.failed.emit(describe(payload), payload)

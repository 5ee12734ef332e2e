"""The service's change feed: what any desk wrote, seen by every other desk within seconds.

The audit trail is the feed. Every write of the app is one `Database.session()` with at
least one audit event (strict-audit mode makes a write without one fail its tests), the
events are append-only, and their ids are handed out under the chain's lock
(`audit.lock_chain`), which is held until the commit: so "the events after the last id I
saw" is every change since, in order, with none skipped, whichever desk wrote it. A
change's `kind` is its event's action (`case.opened`, `checklist.updated`,
`alert.raised`, `alert.acknowledged`, `handover.recorded`, ...).

What wakes a follower:

* **PostgreSQL**: `announce` (a listener on the app's session factory, registered after
  the audit capture) sends `NOTIFY mscc_desk, '{"id": <last event id>}'` by
  `pg_notify` inside the transaction, just before its commit. PostgreSQL delivers a
  notification only when its transaction commits, so a follower is never woken by a
  write that was rolled back. The follower `LISTEN`s on its own autocommit psycopg
  connection and, when woken, reads the events after its last id. Writes that do not
  pass through a session (a migration's baseline, a restore) send nothing; the follower
  also reads every `SAFETY_READ_S` seconds, so they are seen within that.
* **SQLite** (several processes on one PC): the follower asks `PRAGMA data_version` on
  a dedicated connection every `SQLITE_POLL_S`; it moves whenever another connection
  commits, and then the events after the last id are read.

`follow` is one loop that does either, and says when the database stops answering and
when it answers again (`Link`); it retries with back-off (`backoff_s`) and, when back,
first reads everything it missed, so a desk that lost the network for ten minutes
catches up with the ten minutes. It runs on a thread of its own (the desk's
`gui.desk.live_feed`, or `mscc-desk watch`), never on the GUI thread.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import event, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .audit import EVENTS_KEY
from .engine import Database
from .models import AuditEvent, User

if TYPE_CHECKING:
    import psycopg

CHANNEL = "mscc_desk"
SQLITE_POLL_S = 0.5
SAFETY_READ_S = 10.0
PG_WAIT_S = 1.0
BATCH = 500
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 5.0
# How the follower's own PostgreSQL connection notices a network that went silent (no
# reset, no answer): TCP keepalives and a send timeout, so "unreachable" is said within
# seconds rather than after the operating system's two hours.
PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 10_000,
}


def link_errors(db: Database) -> tuple[type[BaseException], ...]:
    """What a lost database looks like from here: the driver's errors, and SQLAlchemy's.

    psycopg is imported only for a PostgreSQL database: importing it was a tenth of a
    SQLite desk's start-up.
    """
    errors: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error, OSError)
    if db.url.get_backend_name() == "sqlite":
        return errors
    import psycopg

    return (*errors, psycopg.Error)


@dataclass(frozen=True)
class Change:
    """One audited change: what (`kind`), to which case, who, and when."""

    event_id: int
    at: datetime
    kind: str
    case_id: int | None
    user: str | None

    def to_json(self) -> dict[str, Any]:
        """The line `mscc-desk watch --json` prints (the keys are a contract)."""
        return {
            "at": self.at.isoformat(),
            "kind": self.kind,
            "case_id": self.case_id,
            "event_id": self.event_id,
            "user": self.user,
        }


@dataclass(frozen=True)
class Link:
    """Whether the database answers; `since` is when that became so."""

    up: bool
    since: datetime
    error: str = ""


# --- Announcing -----------------------------------------------------------------------------


def announce(sessions: sessionmaker[Session]) -> None:
    """Make every unit of work of this session factory wake the other desks at commit.

    Registered after `audit_capture.install`, so a generic event that the capture adds
    is among the ones announced.
    """
    event.listen(sessions, "before_commit", _notify)


def _notify(session: Session) -> None:
    if session.in_nested_transaction():
        return
    events: list[AuditEvent] = session.info.get(EVENTS_KEY) or []
    if not events:
        return
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite followers see the commit in PRAGMA data_version
    payload = json.dumps({"id": events[-1].id})
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


# --- Reading --------------------------------------------------------------------------------


def latest_event_id(db: Database) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.max(AuditEvent.id))) or 0)


def changes_after(db: Database, after_id: int, limit: int = BATCH) -> list[Change]:
    """The changes after event `after_id`, oldest first (at most `limit`)."""
    with db.read_session() as session:
        rows = session.execute(
            select(
                AuditEvent.id, AuditEvent.at, AuditEvent.action, AuditEvent.case_id, User.username
            )
            .outerjoin(User, AuditEvent.user_id == User.id)
            .where(AuditEvent.id > after_id)
            .order_by(AuditEvent.id)
            .limit(limit)
        ).all()
    return [Change(i, at, action, case_id, user) for i, at, action, case_id, user in rows]


# --- Following ------------------------------------------------------------------------------


class _Waiter(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` s; True when something may have been committed."""


class _PgWaiter:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def wait(self, timeout: float) -> bool:
        woke = False
        for _note in self._conn.notifies(timeout=timeout, stop_after=1):
            woke = True
        if not woke:
            self._conn.execute("SELECT 1")  # a dead server shows here, not hours later
        return woke


class _SqliteWaiter:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._version = self._data_version()

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> bool:
        threading.Event().wait(min(timeout, SQLITE_POLL_S))
        version = self._data_version()
        moved = version != self._version
        self._version = version
        return moved


def psycopg_conninfo(url: URL) -> str:
    """The SQLAlchemy URL as libpq takes it (TLS and other query options kept)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def _waiter(db: Database) -> Iterator[_Waiter]:
    url = db.url
    if url.get_backend_name() == "sqlite":
        conn = sqlite3.connect(url.database or ":memory:", isolation_level=None, timeout=10)
        try:
            yield _SqliteWaiter(conn)
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(psycopg_conninfo(url), autocommit=True, **PG_CONNECT_ARGS) as pg:
        pg.execute(f"LISTEN {CHANNEL}")
        yield _PgWaiter(pg)


def backoff_s(failures: int) -> float:
    """0.5 s, 1 s, 2 s, 4 s, then every 5 s: quick to notice the way back, never a storm."""
    return float(min(FIRST_BACKOFF_S * 2 ** max(failures - 1, 0), MAX_BACKOFF_S))


def _now() -> datetime:
    return datetime.now(UTC)


def follow(
    db: Database,
    stop: threading.Event,
    on_changes: Callable[[list[Change]], None],
    on_link: Callable[[Link], None] = lambda _link: None,
    *,
    after_id: int | None = None,
    now: Callable[[], datetime] = _now,
) -> None:
    """Call `on_changes` with each batch of new changes until `stop` is set.

    Starts after `after_id`, or after the newest change when None (what happened before
    the follower started is on the screen already). `on_link` hears `Link(up=False)` the
    moment the database stops answering and `Link(up=True)` once it answers again, after
    the changes missed meanwhile were delivered.
    """
    last = after_id
    failures = 0
    down: Link | None = None
    lost = link_errors(db)
    while not stop.is_set():
        try:
            with _waiter(db) as waiter:
                if last is None:
                    last = latest_event_id(db)
                last = _deliver(db, last, on_changes)
                if down is not None:
                    down = None
                    on_link(Link(True, now()))
                failures = 0
                since_read = 0.0
                while not stop.is_set():
                    step = PG_WAIT_S if db.url.get_backend_name() != "sqlite" else SQLITE_POLL_S
                    woke = waiter.wait(step)
                    since_read += step
                    if woke or since_read >= SAFETY_READ_S:
                        since_read = 0.0
                        last = _deliver(db, last, on_changes)
        except lost as exc:
            failures += 1
            if down is None:
                down = Link(False, now(), _one_line(exc))
                on_link(down)
            stop.wait(backoff_s(failures))


def _deliver(db: Database, last: int, on_changes: Callable[[list[Change]], None]) -> int:
    while True:
        batch = changes_after(db, last)
        if not batch:
            return last
        on_changes(batch)
        last = batch[-1].event_id
        if len(batch) < BATCH:
            return last


def _one_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text_[0] if text_ else ''}"[:300]

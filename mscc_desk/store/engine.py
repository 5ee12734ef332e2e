"""The engine and its units of work: how every part of the app talks to the database.

SQLite is tuned for a ward PC that can lose power at any moment (WAL, synchronous=FULL,
foreign keys on, a busy timeout so a second process waits instead of failing). A
database written by a newer version of the app is refused rather than damaged
(`check_revision`). Opening one for the app (migrating after a backup) is
`opening.open_database`, which sits above this module and the backups it needs.

Two kinds of unit of work: `Database.session()` writes, and takes SQLite's write lock
at its start (`BEGIN IMMEDIATE`), so a transaction that reads then writes never fails
half-way with "database is locked"; `Database.read_session()` only reads, in a deferred
transaction that never waits for another process's write (WAL readers see the last
commit). A read session is read-only in the database itself (`PRAGMA query_only` on
SQLite, `SET TRANSACTION READ ONLY` on PostgreSQL), so a write slipped into a read path
fails in every test instead of quietly taking the lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..domain.resources import migrations_path
from ..private_files import private_file
from .revisions import head_of, known_revisions, stored_revisions

if TYPE_CHECKING:
    from alembic.config import Config

ENV_VAR = "MSCC_DESK_DB"
APP_NAME = "mscc-desk"
BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5
# The execution option that makes a connection's transactions read-only and deferred.
READ_ONLY = "mscc_desk_read_only"


class DatabaseError(RuntimeError):
    """The database cannot be used as it is; the message says why and what to do."""


class NewerDatabaseError(DatabaseError):
    pass


def app_data_dir() -> Path:
    """The app's own folder in the user's data directory (created 0700, kept so)."""
    return user_data_path(APP_NAME, appauthor=False)


def app_backup_dir() -> Path:
    """The default backup folder, also where PostgreSQL's pre-migration copies go."""
    return app_data_dir() / "backups"


def default_target() -> str:
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    return str(app_data_dir() / "mscc.sqlite3")


def to_url(target: str | Path) -> URL:
    """A plain path becomes a SQLite URL; anything with `://` is taken as a URL."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    path = Path(text).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def make_engine(target: str | Path) -> Engine:
    url = to_url(target)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            # Created 0600 before SQLite opens it: its -wal and -shm take the same mode.
            private_file(url.database)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not pysqlite, open transactions, so BEGIN IMMEDIATE works.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A server that does not answer (a dropped network sends no reset) is given up on
    # after seconds, not after the operating system's minutes: the desk then keeps the
    # typing on the PC and says the database is unreachable (store.changes).
    args = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_S}
    engine = create_engine(url, pool_pre_ping=True, connect_args=args)
    event.listen(engine, "begin", _server_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _read_only(conn: Connection) -> bool:
    return bool(conn.get_execution_options().get(READ_ONLY))


def _sqlite_begin(conn: Connection) -> None:
    # One writer at a time: a write takes the lock at the start, so a transaction that
    # reads then writes never fails half-way with "database is locked". A read takes no
    # lock at all. The mode is set at every begin: pooled connections serve both kinds.
    if _read_only(conn):
        conn.exec_driver_sql("PRAGMA query_only=ON")
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("PRAGMA query_only=OFF")
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _server_begin(conn: Connection) -> None:
    # PostgreSQL readers never wait for writers; READ ONLY makes a read path that writes
    # fail on this backend too.
    if _read_only(conn):
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A Core connection whose transactions only read (see the module docstring)."""
    with engine.connect() as conn:
        yield conn.execution_options(**{READ_ONLY: True})


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """A connection whose one transaction reads a consistent snapshot without blocking
    writers (a long check while the desk keeps saving). Nothing written is committed."""
    with read_connection(engine) as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin() as transaction:
            yield conn
            transaction.rollback()


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config  # only to migrate: see store/revisions.py

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return head_of(known_revisions())


def current_revision(engine: Engine) -> str | None:
    with read_connection(engine) as conn:
        return connection_revision(conn)


def connection_revision(conn: Connection) -> str | None:
    """The revision the database is at, as Alembic would say; None without a schema."""
    stored = stored_revisions(conn)
    if stored is None or not stored:
        return None
    if len(stored) > 1:  # Alembic's own words for a version table it cannot read as one
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return stored[0]


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: URL

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work that writes: commits on success, rolls back on any error.

        On SQLite it holds the write lock from its start: use `read_session` to read.
        """
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """One consistent read, which never waits for another process's write."""
        with self.readers() as session, session.begin():
            yield session

    @cached_property
    def readers(self) -> sessionmaker[Session]:
        reading = self.engine.execution_options(**{READ_ONLY: True})
        return sessionmaker(reading, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()


def check_revision(engine: Engine) -> str | None:
    """Refuse a database whose revision this version of the app does not know."""
    current = current_revision(engine)
    if current is None:
        return None
    if current not in known_revisions():
        raise NewerDatabaseError(
            f"the database at {engine.url.render_as_string(hide_password=True)} was written by "
            f"a newer version of MSCC Desk (schema {current}); this version knows schemas up to "
            f"{head_revision()}. Install the newer version; nothing was changed."
        )
    return current


def migrate_connection(conn: Connection, revision: str) -> None:
    """Run the app's migrations up to `revision` in the caller's transaction."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def utcnow() -> datetime:
    return datetime.now(UTC)

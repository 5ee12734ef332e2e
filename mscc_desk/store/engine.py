"""Opening a database: the default file, a path or any SQLAlchemy URL.

SQLite is tuned for a ward PC that can lose power at any moment (WAL, synchronous=FULL,
foreign keys on, a busy timeout so a second process waits instead of failing). Opening
migrates to head, after a backup when the file already holds data, and refuses a
database written by a newer version of the app rather than damage it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from ..domain.resources import migrations_path

ENV_VAR = "MSCC_DESK_DB"
APP_NAME = "mscc-desk"
BUSY_TIMEOUT_MS = 10_000


class DatabaseError(RuntimeError):
    """The database cannot be used as it is; the message says why and what to do."""


class NewerDatabaseError(DatabaseError):
    pass


def default_target() -> str:
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    return str(user_data_path(APP_NAME, appauthor=False) / "mscc.sqlite3")


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
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not pysqlite, open transactions, so BEGIN IMMEDIATE works.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # One writer at a time: take the write lock at the start, so a transaction that reads
    # then writes never fails half-way with "database is locked".
    if conn.get_execution_options().get(_READ_ONLY):
        conn.exec_driver_sql("BEGIN")  # a reader: WAL gives it a snapshot, writers go on
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_READ_ONLY = "mscc_desk_read_only"


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """A connection whose one transaction reads a consistent snapshot without blocking
    writers (a long check while the desk keeps saving). Nothing written is committed."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        else:
            conn = conn.execution_options(**{_READ_ONLY: True})
        with conn.begin() as transaction:
            yield conn
            transaction.rollback()


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: URL

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(target: str | Path | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate to head; back up first if it holds data."""
    target = default_target() if target is None else target
    from .safety import refuse_network_database  # local: safety imports this module

    refuse_network_database(target)  # SQLite locking is not safe on a network share
    engine = make_engine(target)
    try:
        if migrate:
            upgrade(engine)
        else:
            check_revision(engine)
    except Exception:
        engine.dispose()
        raise
    from .audit_capture import install  # local: it imports the models and the witness

    sessions = sessionmaker(engine, expire_on_commit=False)
    install(sessions)
    return Database(engine, sessions, engine.url)


def check_revision(engine: Engine) -> str | None:
    """Refuse a database whose revision this version of the app does not know."""
    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise NewerDatabaseError(
            f"the database at {engine.url.render_as_string(hide_password=True)} was written by "
            f"a newer version of MSCC Desk (schema {current}); this version knows schemas up to "
            f"{head_revision()}. Install the newer version; nothing was changed."
        )
    return current


def upgrade(engine: Engine) -> str | None:
    """Migrate to head. Returns the backup file made first, if any."""
    current = check_revision(engine)
    head = head_revision()
    if current == head:
        return None
    from . import witness  # local: it imports the models

    backup_file: str | None = None
    if current is not None or _holds_tables(engine):
        from .backup import pre_migration_backup

        backup_file = pre_migration_backup(engine, current or "unversioned")
    else:
        # A database created afresh: a witness left by an earlier one at this place
        # (a file deleted and created again) describes a chain that is gone.
        witness.forget(engine.url)
    with engine.begin() as conn:
        migrate_connection(conn, "head")
    with engine.connect() as conn:  # a migration may write an event (a baseline)
        update = witness.pending_update(conn, engine.url)
    witness.apply(engine.url, update)
    return backup_file


def migrate_connection(conn: Connection, revision: str) -> None:
    """Run the app's migrations up to `revision` in the caller's transaction."""
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def _holds_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def utcnow() -> datetime:
    return datetime.now(UTC)

"""Opening a database for the app: the default file, a path or any SQLAlchemy URL.

Opening refuses SQLite on a network share (its locking does not work there), makes the
database's files private and removes unfinished copies, migrates to head (after a backup
when the file already holds data), and attaches the audit capture and the change
announcement (`changes.announce`) to every session. A
database written by a newer version of the app is refused rather than damaged.

This sits above the engine and the backups: `engine` knows nothing of them, so the
storage modules import one way (opening -> backup, witness, audit capture -> engine).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import sessionmaker

from . import witness
from .audit_capture import install
from .backup import pre_migration_backup, tidy_at_start
from .changes import announce
from .engine import (
    Database,
    check_revision,
    default_target,
    head_revision,
    make_engine,
    migrate_connection,
)
from .safety import refuse_network_database


def open_database(target: str | Path | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and migrate to head; back up first if it holds data."""
    target = default_target() if target is None else target
    refuse_network_database(target)  # SQLite locking is not safe on a network share
    engine = make_engine(target)
    try:
        tidy_at_start(engine)
        if migrate:
            upgrade(engine)
        else:
            check_revision(engine)
    except Exception:
        engine.dispose()
        raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    install(sessions)
    announce(sessions)  # after the capture: its generic event is announced too
    return Database(engine, sessions, engine.url)


def upgrade(engine: Engine) -> str | None:
    """Migrate to head. Returns the backup file made first, if any."""
    current = check_revision(engine)
    head = head_revision()
    if current == head:
        return None
    backup_file: str | None = None
    if current is not None or _holds_tables(engine):
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


def _holds_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())

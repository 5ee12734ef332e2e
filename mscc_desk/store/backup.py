"""Backups are SQLite files, whatever the database is.

A SQLite database is copied with SQLite's online backup API (consistent while the app
runs); a PostgreSQL database is copied row by row into a fresh SQLite file that the
app's migrations have brought to the database's own revision (not to the newest, so a
pre-migration backup of an older schema works), so a backup from either holds exactly
the app's SQLite schema of its revision. So every backup can be checked with `PRAGMA
integrity_check` and against that schema, opened by the app directly, and restored into
either kind of database. A backup file is left in rollback-journal mode so that reading
it never creates -wal/-shm files.

Each backup also records the head of its audit chain when it was written (the table
`mscc_backup`: event count, last id and hash), so that events cut from the end of a
backup are found when it is checked or restored (`store.restore`).

A copy is written to `<name>.partial`, created private (0600) and held with an
exclusive lock while it is written, then checked and renamed into place. A copy killed
half-way (power cut, a closed laptop) is a full copy of patient data under a name no
one looks at: every start removes the unfinished pre-migration copies nobody holds, and
the nightly pruning removes unfinished nightly ones.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Integer, MetaData, Table, select, text

from ..log_events import log_event
from ..private_files import POSIX, private_dir, tighten, tighten_dir
from .engine import (
    app_backup_dir,
    app_data_dir,
    check_revision,
    connection_revision,
    current_revision,
    make_engine,
    migrate_connection,
)
from .schema_check import BACKUP_DDL, BACKUP_TABLE, migrate_sqlite_file

log = logging.getLogger(__name__)

PARTIAL = ".partial"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
# Without flock (Windows) an unfinished copy is only taken for abandoned after this long;
# there, a file another process still has open cannot be deleted anyway.
UNLOCKED_GRACE_S = 3600

# Tables a file must hold to be taken for an MSCC Desk backup.
_REQUIRED_TABLES = frozenset({"alembic_version", "patient", "case", "deadline", "audit_event"})


class BackupError(RuntimeError):
    pass


def _sqlite_file(engine: Engine) -> Path | None:
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return None
    return Path(engine.url.database)


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own check; an empty list means the file is sound."""
    if not path.is_file():
        return [f"{path} does not exist"]
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path} is not a usable SQLite database: {exc}"]
    return [] if rows == ["ok"] else rows


def backup_problems(path: Path) -> list[str]:
    """Why a file cannot be restored: damaged, or not an MSCC Desk database at all.

    SQLite calls an empty file or another program's database sound, so the check looks
    for the app's tables and a schema revision as well.
    """
    problems = integrity_problems(path)
    if problems:
        return problems
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = _REQUIRED_TABLES - tables
        revision = None
        if not missing:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    if missing:
        return [f"{path} is not an MSCC Desk database (no {', '.join(sorted(missing))} table)"]
    if revision is None:
        return [f"{path} is not an MSCC Desk database (no schema revision)"]
    return []


def backup_to(engine: Engine, out: Path, *, app_database: bool = True) -> Path:
    """Write a consistent copy of the database to `out` (replacing it), then check it.

    `app_database=False` is for the copy taken before a first migration, when the file
    may not (yet) hold the app's tables: then only SQLite's own check applies.
    """
    out = Path(out)
    tmp = out.with_name(out.name + PARTIAL)
    with _claimed(tmp):
        source = _sqlite_file(engine)
        if source is not None:
            with sqlite3.connect(source) as src, sqlite3.connect(tmp) as dst:
                src.backup(dst)
            src.close()
            dst.close()
        else:
            revision = _known_revision(engine)
            if revision is not None:
                migrate_sqlite_file(tmp, revision)
            target = make_engine(tmp)
            try:
                with target.begin() as conn:
                    _copy_rows(engine, conn, create=revision is None)
            finally:
                target.dispose()
        leave_wal_mode(tmp)
        _record_head(tmp, engine)
        problems = backup_problems(tmp) if app_database else integrity_problems(tmp)
        if problems:
            _remove_with_journals(tmp)
            raise BackupError(f"the backup failed its check: {problems[0]}")
        tmp.replace(out)
        _remove_with_journals(tmp)
    return out


@contextmanager
def _claimed(tmp: Path) -> Iterator[None]:
    """`tmp` created empty and 0600, locked against `remove_unfinished` while written.

    Any failure removes it: an unfinished copy is never left behind by a live process.
    """
    private_dir(tmp.parent)
    remove_unfinished(tmp)  # one a killed run left under the same name
    try:
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"another backup is being written to {tmp}") from None
    try:
        if POSIX:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_ino != os.stat(tmp).st_ino:  # removed before the lock held
                raise BackupError(f"{tmp} was removed while it was being created")
        else:  # Windows cannot rename a file that is open: keep only the name
            os.close(fd)
            fd = -1
        yield
    except BaseException:
        _remove_with_journals(tmp)
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def remove_unfinished(path: Path) -> bool:
    """Remove an unfinished copy (and its journals) unless a live backup is writing it."""
    if not any(Path(str(path) + s).exists() for s in ("", *JOURNAL_SUFFIXES)):
        return False
    if _being_written(path):
        return False
    try:
        _remove_with_journals(path)
    except OSError:  # Windows: still open in another process
        return False
    return True


def _being_written(path: Path) -> bool:
    if not POSIX:
        try:
            return time.time() - path.stat().st_mtime < UNLOCKED_GRACE_S
        except OSError:
            return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # journals without their file: nobody is writing them
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also lets go of the lock just taken
    return False


def replace_contents(engine: Engine, backup: Path) -> None:
    """Copy a checked backup file's rows over the database's (no checks of its own)."""
    target = _sqlite_file(engine)
    if target is not None:
        engine.dispose()
        with sqlite3.connect(backup) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        return
    source = make_engine(backup)
    try:
        revision = current_revision(source)
        with engine.begin() as conn:  # PostgreSQL: all of it, or (on any error) none
            if revision is not None and connection_revision(conn) != revision:
                # A backup of another revision: the tables become those of its revision
                # (then the caller migrates them, and the rows, to head).
                tables = MetaData()
                tables.reflect(conn)
                tables.drop_all(conn)
                migrate_connection(conn, revision)
            _copy_rows(source, conn, create=False)
    finally:
        source.dispose()


def pre_migration_backup(engine: Engine, revision: str) -> str:
    """The safety copy taken before a migration touches a database that holds data."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder, stem = _pre_migration_place(engine)
    name = f"{stem}.pre-migration-{revision}-{stamp}.bak"
    return str(backup_to(engine, folder / name, app_database=False))


def _pre_migration_place(engine: Engine) -> tuple[Path, str]:
    """The folder of the pre-migration copies and the start of their names."""
    source = _sqlite_file(engine)
    if source is not None:
        return source.parent, source.name
    return app_backup_dir(), "postgresql"


def _known_revision(engine: Engine) -> str | None:
    """The database's revision if the app's migrations can build its schema, else None
    (an unversioned database, copied as it is before its first migration)."""
    revision = current_revision(engine)
    if revision is None:
        return None
    check_revision(engine)  # a newer database: refused, as everywhere
    return revision


def _record_head(path: Path, engine: Engine) -> None:
    """Write the backup's record of its own chain head (the `mscc_backup` table)."""
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        conn.execute(f"DROP TABLE IF EXISTS {BACKUP_TABLE}")
        if "audit_event" in tables and "alembic_version" in tables:
            count = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
            last = conn.execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")
            last_id, last_hash = last.fetchone() or (None, None)
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            conn.execute(BACKUP_DDL)
            conn.execute(
                f"INSERT INTO {BACKUP_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(),
                    engine.url.render_as_string(hide_password=True),
                    revision[0] if revision else "",
                    count,
                    last_id,
                    last_hash,
                ),
            )
    conn.close()


def tidy_at_start(engine: Engine) -> None:
    """At every start: the database's files private, unfinished copies removed.

    Only the app's own folders are tightened; a folder the user chose for the database
    keeps its mode (see `private_files`). A finished pre-migration copy is only made
    private, never removed.
    """
    folder, stem = _pre_migration_place(engine)
    if folder.resolve() in (app_data_dir().resolve(), app_backup_dir().resolve()):
        tighten_dir(folder)
    source = _sqlite_file(engine)
    if source is not None:
        for suffix in ("", *JOURNAL_SUFFIXES):
            tighten(Path(str(source) + suffix))
    copy = re.compile(re.escape(stem) + r"\.pre-migration-[^/\\]+\.bak")
    for entry in _entries(folder):
        name = entry.name
        if copy.fullmatch(name):
            tighten(entry)
            continue
        base = name.removesuffix(next((s for s in JOURNAL_SUFFIXES if name.endswith(s)), ""))
        if base.endswith(PARTIAL) and copy.fullmatch(base.removesuffix(PARTIAL)):
            if remove_unfinished(folder / base):
                log_event(log, "backup.unfinished_removed", level=logging.WARNING, file=base)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def leave_wal_mode(path: Path) -> None:
    """Leave a copy in rollback-journal mode, so that reading it never creates -wal/-shm
    files beside it (a backup, or the private copy a restore checks and restores)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", *JOURNAL_SUFFIXES):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _utc(value: Any, aware: bool) -> Any:
    """Instants cross backends in UTC: aware for PostgreSQL, naive-UTC text for SQLite."""
    if not isinstance(value, datetime):
        return value
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value if aware else value.replace(tzinfo=None)


def _copy_rows(source: Engine, dst: Connection, *, create: bool) -> None:
    """Copy every table of the source, in dependency order, in the caller's transaction.

    With `create`, the target (an empty SQLite file) gets the source's tables as they
    are; otherwise the target's existing rows are replaced.
    """
    src_meta = MetaData()
    src_meta.reflect(source)
    if create:
        for table in src_meta.tables.values():
            for column in table.columns:
                column.server_default = None  # e.g. nextval(...) means nothing to SQLite
        src_meta.create_all(dst)
    dst_meta = MetaData()
    dst_meta.reflect(dst)
    aware = dst.dialect.name != "sqlite"
    order = [t for t in dst_meta.sorted_tables if t.name in src_meta.tables]
    with source.connect() as src:
        if not create:
            for table in reversed(dst_meta.sorted_tables):
                dst.execute(table.delete())
        for table in order:
            names = {c.name for c in table.columns}
            rows = [
                {k: _utc(v, aware) for k, v in r._mapping.items() if k in names}
                for r in src.execute(select(src_meta.tables[table.name]))
            ]
            if rows:
                dst.execute(table.insert(), rows)
        if dst.dialect.name == "postgresql":
            reset_sequences(dst, order)


def reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """Copied ids must not collide with the next insert's id."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        name, col = table.name, pk[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{col}'), "
                f'COALESCE((SELECT MAX("{col}") FROM "{name}"), 0) + 1, false)'
            )
        )

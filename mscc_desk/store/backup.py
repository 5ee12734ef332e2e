"""Backups are SQLite files, whatever the database is.

A SQLite database is copied with SQLite's online backup API (consistent while the app
runs); a PostgreSQL database is copied row by row into a fresh SQLite file of the same
schema. So every backup can be checked with `PRAGMA integrity_check`, opened by the app
directly, and restored into either kind of database.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, Integer, Table, select, text

from .models import Base


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
    except sqlite3.DatabaseError as exc:
        return [f"{path} is not a usable SQLite database: {exc}"]
    return [] if rows == ["ok"] else rows


def backup_to(engine: Engine, out: Path) -> Path:
    """Write a consistent copy of the database to `out` (replacing it), then check it."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    source = _sqlite_file(engine)
    if source is not None:
        with sqlite3.connect(source) as src, sqlite3.connect(tmp) as dst:
            src.backup(dst)
        dst.close()
        src.close()
    else:
        _copy_rows(engine, _new_sqlite(tmp))
    problems = integrity_problems(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"the backup failed its integrity check: {problems[0]}")
    tmp.replace(out)
    return out


def restore_from(engine: Engine, backup: Path) -> None:
    """Replace the database's contents with the backup's; a damaged file is refused."""
    backup = Path(backup)
    problems = integrity_problems(backup)
    if problems:
        raise BackupError(f"{backup}: refused, it fails its integrity check: {problems[0]}")
    target = _sqlite_file(engine)
    if target is not None:
        engine.dispose()
        with sqlite3.connect(backup) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        return
    source = _new_engine_for(backup)
    try:
        _copy_rows(source, engine, wipe=True)
    finally:
        source.dispose()


def pre_migration_backup(engine: Engine, revision: str) -> str:
    """The safety copy taken before a migration touches a database that holds data."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    source = _sqlite_file(engine)
    folder = source.parent if source else user_data_path("mscc-desk", appauthor=False) / "backups"
    name = (source.name if source else "postgresql") + f".pre-migration-{revision}-{stamp}.bak"
    return str(backup_to(engine, folder / name))


def _new_engine_for(path: Path) -> Engine:
    from .engine import make_engine

    return make_engine(path)


def _new_sqlite(path: Path) -> Engine:
    """An empty SQLite file at the schema head, to copy rows into."""
    from .engine import upgrade

    engine = _new_engine_for(path)
    upgrade(engine)
    return engine


def _copy_rows(source: Engine, target: Engine, wipe: bool = False) -> None:
    """Copy every table in dependency order, in one transaction on the target."""
    tables = Base.metadata.sorted_tables
    try:
        with source.connect() as src, target.begin() as dst:
            if wipe:
                for table in reversed(tables):
                    dst.execute(table.delete())
            for table in tables:
                rows = [dict(r._mapping) for r in src.execute(select(table))]
                if rows:
                    dst.execute(table.insert(), rows)
            if target.url.get_backend_name() == "postgresql":
                _reset_sequences(dst, tables)
    finally:
        if not wipe:
            target.dispose()


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
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

"""Is a database's schema exactly the app's schema of its revision?

A file with the right table names is not yet an MSCC Desk database: its columns may be
junk, and a trigger or view planted in it would be restored with the data and then act
on every later write. So a SQLite file's schema is compared, structurally, with the
schema the app's own migrations build for the same revision (in a scratch file, once
per revision and process): the same tables, each with the same columns (type, NOT NULL,
default, primary key), indexes (columns, uniqueness, partial or not) and foreign keys;
no trigger, no view, no other table. A backup may hold one table more, its own record
of the chain's head (`BACKUP_TABLE`), with exactly its columns.

For a PostgreSQL database at head the comparison is with the models (as Alembic's
autogenerate sees it), plus: no trigger on, and no view or rule in, the app's schema.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from .engine import head_revision, make_engine, migrate_connection
from .models import Base

# Written into every backup file: the chain's head at the time of the backup.
BACKUP_TABLE = "mscc_backup"
BACKUP_COLUMNS = (
    ("taken_at", "TEXT", 1),
    ("source", "TEXT", 1),
    ("revision", "TEXT", 1),
    ("event_count", "INTEGER", 1),
    ("last_event_id", "INTEGER", 0),
    ("last_hash", "TEXT", 0),
)
BACKUP_DDL = (
    f"CREATE TABLE {BACKUP_TABLE} ("
    + ", ".join(
        f"{name} {kind}{' NOT NULL' if notnull else ''}" for name, kind, notnull in BACKUP_COLUMNS
    )
    + ")"
)


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[Any, ...], ...]  # (name, TYPE, notnull, default, pk, hidden)
    indexes: frozenset[tuple[Any, ...]]  # (name or origin, unique, partial, columns)
    foreign_keys: frozenset[tuple[Any, ...]]


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table]
    others: tuple[tuple[str, str], ...]  # (type, name) of triggers and views


_expected: dict[str, Schema] = {}
_expected_lock = threading.Lock()


def read_sqlite_schema(conn: sqlite3.Connection) -> Schema:
    """The structure of a SQLite database, as its PRAGMAs describe it."""
    tables: dict[str, Table] = {}
    others: list[tuple[str, str]] = []
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name"):
        if kind in ("trigger", "view"):
            others.append((kind, name))
        if kind != "table" or name.startswith("sqlite_"):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        columns = tuple(
            (r[1], str(r[2]).upper(), r[3], r[4], r[5], r[6])
            for r in conn.execute(f"PRAGMA table_xinfo({quoted})")
        )
        indexes = set()
        for _seq, index, unique, origin, partial in conn.execute(f"PRAGMA index_list({quoted})"):
            cols = tuple(
                r[2] for r in conn.execute(f'PRAGMA index_info("{index.replace(chr(34), "")}")')
            )
            # SQLite names the indexes of UNIQUE and PRIMARY KEY constraints itself.
            label = origin if str(index).startswith("sqlite_autoindex_") else index
            indexes.add((label, unique, partial, cols))
        fks = frozenset(
            (r[2], r[3], r[4], r[5], r[6], r[7])
            for r in conn.execute(f"PRAGMA foreign_key_list({quoted})")
        )
        tables[name] = Table(columns, frozenset(indexes), fks)
    return Schema(tables, tuple(others))


def expected_sqlite_schema(revision: str) -> Schema:
    """The schema the app's migrations build on SQLite for `revision` (cached)."""
    with _expected_lock:
        if revision in _expected:
            return _expected[revision]
        with tempfile.TemporaryDirectory(prefix="mscc-schema-") as folder:
            path = Path(folder) / "expected.sqlite3"
            migrate_sqlite_file(path, revision)
            with sqlite3.connect(path) as conn:
                schema = read_sqlite_schema(conn)
            conn.close()
        _expected[revision] = schema
        return schema


def migrate_sqlite_file(path: Path, revision: str) -> None:
    """Create (or bring) the SQLite file at `path` to the app's schema of `revision`."""
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            migrate_connection(conn, revision)
    finally:
        engine.dispose()


def sqlite_schema_problems(path: Path, revision: str) -> list[str]:
    """How the SQLite file's schema differs from the app's schema of `revision`."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        actual = read_sqlite_schema(conn)
    conn.close()
    return schema_differences(actual, expected_sqlite_schema(revision), revision)


def schema_differences(actual: Schema, expected: Schema, revision: str) -> list[str]:
    problems = [
        f"it holds a {kind} {name!r}, which the app never creates" for kind, name in actual.others
    ]
    for name in sorted(set(actual.tables) - set(expected.tables)):
        if name == BACKUP_TABLE and _is_backup_table(actual.tables[name]):
            continue
        problems.append(
            f"it holds a table {name!r} that is not in the schema of revision {revision}"
        )
    for name in sorted(set(expected.tables) & set(actual.tables)):
        want, got = expected.tables[name], actual.tables[name]
        if got.columns != want.columns:
            problems.append(f"table {name!r}: {_column_difference(got.columns, want.columns)}")
        if got.indexes != want.indexes:
            extra = sorted(str(i[0]) for i in got.indexes - want.indexes)
            missing = sorted(str(i[0]) for i in want.indexes - got.indexes)
            problems.append(
                f"table {name!r}: its indexes differ from revision {revision}"
                + (f" (not expected: {', '.join(extra)})" if extra else "")
                + (f" (missing or changed: {', '.join(missing)})" if missing else "")
            )
        if got.foreign_keys != want.foreign_keys:
            problems.append(f"table {name!r}: its foreign keys differ from revision {revision}")
    for name in sorted(set(expected.tables) - set(actual.tables)):
        problems.append(f"table {name!r} of revision {revision} is missing")
    return problems


def _is_backup_table(table: Table) -> bool:
    return (
        tuple((c[0], c[1], c[2]) for c in table.columns) == BACKUP_COLUMNS
        and not table.indexes
        and not table.foreign_keys
    )


def _column_difference(got: tuple[tuple[Any, ...], ...], want: tuple[tuple[Any, ...], ...]) -> str:
    got_by, want_by = {c[0]: c for c in got}, {c[0]: c for c in want}
    parts = []
    extra = [n for n in got_by if n not in want_by]
    missing = [n for n in want_by if n not in got_by]
    changed = [n for n in want_by if n in got_by and got_by[n] != want_by[n]]
    if extra:
        parts.append("unexpected column(s) " + ", ".join(extra))
    if missing:
        parts.append("missing column(s) " + ", ".join(missing))
    if changed:
        parts.append(
            "changed column(s) "
            + ", ".join(f"{n} ({got_by[n][1]}, expected {want_by[n][1]})" for n in changed)
        )
    if not parts:
        parts.append("its columns are in a different order")
    return "; ".join(parts)


def postgresql_schema_problems(conn: Connection) -> list[str]:
    """The PostgreSQL schema against the models (at head), and nothing planted in it."""
    problems: list[str] = []
    revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
    if revision == head_revision():
        from alembic.autogenerate import compare_metadata  # only here: see store/revisions.py
        from alembic.runtime.migration import MigrationContext

        context = MigrationContext.configure(conn, opts={"compare_type": True})
        for diff in compare_metadata(context, Base.metadata):
            problems.append(f"the schema differs from the app's: {_describe(diff)}")
    for name, table in conn.execute(
        text(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    ):
        problems.append(
            f"it holds a trigger {name!r} on table {table!r}, which the app never creates"
        )
    for (name,) in conn.execute(
        text(
            "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()"
        )
    ):
        problems.append(f"it holds a view {name!r}, which the app never creates")
    for name, table in conn.execute(
        text("SELECT rulename, tablename FROM pg_rules WHERE schemaname = current_schema()")
    ):
        problems.append(f"it holds a rule {name!r} on table {table!r}, which the app never creates")
    return problems


def _describe(diff: Any) -> str:
    if isinstance(diff, list):  # a column's modifications come as a list
        return "; ".join(_describe(d) for d in diff)
    kind, *rest = diff
    named = []
    for part in rest:
        name = getattr(part, "name", None)
        if name is not None:
            named.append(str(name))
        elif isinstance(part, str):
            named.append(part)
    return f"{kind} " + " ".join(named[:3])

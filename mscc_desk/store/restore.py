"""Restoring a backup: the one way, for the Settings window and `mscc-desk db restore`.

A file is restored only if it passes everything `db check` checks (store.integrity) and
has exactly the app's schema of its revision: a file with the right table names and junk
columns, a backup with a planted trigger, a backup whose audit chain is broken, whose
rows differ from what its chain recorded, or whose chain was cut short of the head it
recorded when it was written, is refused, with what is wrong, before the live database
is touched. The checks run on a private copy of the file, and that same copy is what is
restored, so the file cannot change between being checked and being restored.

Then: a checked safety copy of the current contents, the restore, a migration if the
backup is from an older version, the witness reset to the restored chain, and a
`db.restore` audit event recording both chains' heads (so another workstation's witness
of the replaced chain is recognised as such).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select

from ..domain.clock import as_utc
from ..log_events import log_event
from .audit import record_event
from .backup import BackupError, backup_problems, backup_to, replace_contents
from .backup_schedule import backup_name
from .engine import Database, check_revision, make_engine, upgrade
from .integrity import inspect_database
from .models import User
from .schema_check import BACKUP_TABLE, sqlite_schema_problems
from .witness import RESTORE_ACTION, SUFFIX, Head, apply, chain_head, whole_chain

log = logging.getLogger(__name__)

SAFETY_PREFIX = "pre-restore"
_SHOWN = 3  # problems named in a one-line refusal


class RestoreRefused(BackupError):
    """The file is not restored; `problems` says every reason found."""

    def __init__(self, source: Path, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: refused: {self.summary()}")

    def summary(self) -> str:
        shown = "; ".join(self.problems[:_SHOWN])
        more = len(self.problems) - _SHOWN
        return shown + (f" (and {more} more problem(s))" if more > 0 else "")


@dataclass(frozen=True)
class CheckedBackup:
    """A private copy of a backup that passed every check; restore from `copy`."""

    source: Path
    copy: Path
    revision: str
    head: Head


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    safety_copy: Path


def quick_problems(path: Path) -> list[str]:
    """The checks that take a moment whatever the size: a sound SQLite file holding an
    MSCC Desk database of a revision this version knows, with exactly that schema."""
    path = Path(path)
    problems = backup_problems(path)
    if problems:
        first = problems[0]
        if not first.startswith(str(path)):  # SQLite's own rows: say whose and what
            rows = [r.strip() for r in first.splitlines() if r.strip() and "***" not in r]
            first = f"{path} fails SQLite's integrity check: {'; '.join(rows[:3])}"
        return [first, *problems[1:]]
    probe = make_engine(path)
    try:
        revision = check_revision(probe)
    except Exception as exc:  # NewerDatabaseError, or a revision that cannot be read
        return [str(exc)]
    finally:
        probe.dispose()
    assert revision is not None  # backup_problems found the revision
    return [f"schema: {p}" for p in sqlite_schema_problems(path, revision)]


@contextmanager
def checked_backup(source: Path) -> Iterator[CheckedBackup]:
    """Copy `source` privately and check the copy in full; RestoreRefused if it fails."""
    source = Path(source)
    if not source.is_file():
        raise RestoreRefused(source, [f"{source} does not exist"])
    folder = Path(tempfile.mkdtemp(prefix="mscc-restore-"))
    try:
        copy = folder / "backup.sqlite3"
        shutil.copyfile(source, copy)
        problems = quick_problems(copy)
        if problems:
            raise RestoreRefused(source, problems)
        witness = source.with_name(source.name + SUFFIX)
        engine = make_engine(copy)
        try:
            report = inspect_database(engine, witness=witness if witness.is_file() else None)
            with engine.connect() as conn:
                head = chain_head(conn)
            revision = check_revision(engine)
        finally:
            engine.dispose()
        problems = list(report.problems)
        if report.row_digests and not {"backup", "witnessed"} & set(report.heads):
            problems.append(
                f"it holds no record of its audit chain's head ({BACKUP_TABLE}), so events cut "
                "from its end could not be found: it was not written by `mscc-desk db backup` "
                "or the window (make a backup of that database with them, and restore that)"
            )
        if problems:
            raise RestoreRefused(source, problems)
        assert revision is not None
        _leave_rollback_mode(copy)
        yield CheckedBackup(source, copy, revision, head)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def replace_with(engine: Engine, backup: CheckedBackup) -> None:
    """Replace the database's contents with a checked backup's; the witness follows."""
    with sqlite3.connect(backup.copy) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {BACKUP_TABLE}")  # the backup's own record
    conn.close()
    replace_contents(engine, backup.copy)
    with engine.connect() as live:
        apply(engine.url, whole_chain(live, replace=True))


def restore_from(engine: Engine, backup: Path) -> None:
    """Check `backup` in full, then replace the database's contents with it."""
    with checked_backup(backup) as checked:
        replace_with(engine, checked)


def restore_backup(
    db: Database, backup: CheckedBackup, safety_folder: Path, *, actor: str, now: datetime
) -> RestoreResult:
    """Safety copy, restore, migrate, audit: the whole restore of a checked backup.

    The safety copy is named `pre-restore-...`, so pruning the nightly generations never
    removes it. Who asked is recorded by name, and by id if they are a user of the
    restored database.
    """
    now = as_utc(now)
    stamp = backup_name(now).removeprefix("mscc-")
    safety = backup_to(db.engine, Path(safety_folder).expanduser() / f"{SAFETY_PREFIX}-{stamp}")
    with db.engine.connect() as conn:
        replaced = chain_head(conn)
    replace_with(db.engine, backup)
    upgrade(db.engine)  # a backup from an older version is brought to this schema
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == actor))
        record_event(
            session,
            at=now,
            action=RESTORE_ACTION,
            user_id=user.id if user is not None else None,
            detail={
                "file": str(backup.source),
                "safety_copy": str(safety),
                "by": actor,
                "revision": backup.revision,
                "replaced": replaced.to_json(),
                "restored": backup.head.to_json(),
            },
        )
    log_event(log, "db.restored", file=backup.source.name, safety_copy=safety.name)
    return RestoreResult(backup.source, safety)


def _leave_rollback_mode(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()

"""The audit chain's head, kept outside the database: the witness file.

Deleting the newest events leaves a chain that is intact as far as it goes, so the
chain alone cannot show it. After each committed audit event the app writes the head
(how many events, the last one's id and hash) to a small file outside the database:

* beside a SQLite database: `<database file>.witness`;
* for PostgreSQL: in this workstation's user data directory, named after the database
  URL (without its password), so each workstation keeps its own.

`db check` then requires the chain to reach the witness and to have the witnessed hash
at the witnessed position. The file is written after the commit, so a crash in between
leaves it one event behind (reported as a warning, the chain up to it being intact); it
never runs ahead of what was committed. Several processes write it (the desk, the
command line), so it is written under a lock, atomically (a temporary file then
`os.replace`), and only forwards: a process that commits event 10 after another wrote
11 leaves 11.

What it does not do: someone who can rewrite the database and this file together, or
recompute the chain and both, is not stopped by it; it finds a cut tail and the naive or
accidental edit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Connection, func, select
from sqlalchemy.engine import URL

from .engine import APP_NAME
from .models import AuditEvent

log = logging.getLogger(__name__)

SUFFIX = ".witness"
FORMAT = 1
RESTORE_ACTION = "db.restore"


@dataclass(frozen=True)
class Head:
    """The head of a chain: how many events, and the last one's id and hash."""

    count: int
    last_id: int | None
    hash: str | None

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "last_id": self.last_id, "hash": self.hash}


@dataclass(frozen=True)
class Witness:
    head: Head
    written_at: datetime
    database: str
    path: Path


class WitnessUnreadable(RuntimeError):
    """The witness file exists but is not one (damaged or replaced)."""


def chain_head(conn: Connection) -> Head:
    """The current head of the chain, read in the caller's transaction."""
    count = conn.scalar(select(func.count()).select_from(AuditEvent)) or 0
    last = conn.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return Head(count, last[0] if last else None, last[1] if last else None)


def witness_path(url: URL) -> Path | None:
    """Where the witness of the database at `url` lives; None for an in-memory one."""
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            return None
        return Path(url.database).with_name(Path(url.database).name + SUFFIX)
    # Keyed by the URL without its password: a changed password is the same database.
    keyed = url.set(password=None).render_as_string(hide_password=False)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{url.host or ''}-{url.port or ''}-{url.database}")
    name = f"{slug.strip('-')}-{hashlib.sha256(keyed.encode('utf-8')).hexdigest()[:16]}"
    return user_data_path(APP_NAME, appauthor=False) / "witness" / (name + SUFFIX)


def read_witness(path: Path) -> Witness | None:
    """The witness at `path`, None if there is none; WitnessUnreadable if damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WitnessUnreadable(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
        head = Head(int(data["count"]), data.get("last_id"), data.get("hash"))
        written = datetime.fromisoformat(data["written_at"])
        return Witness(head, written, str(data.get("database", "")), path)
    except (ValueError, KeyError, TypeError):
        raise WitnessUnreadable(f"{path} is not a witness file (damaged or replaced)") from None


def explained_by_restore(witnessed: Head, restores: Iterable[Head]) -> bool:
    """Whether a restore recorded in the chain explains a witness the chain does not reach.

    A restore replaces the chain with the backup's (shorter) one. Its `db.restore` event
    records the head it replaced; a witness written before it (by another workstation on
    a shared PostgreSQL database, which the restoring one could not reset) fits if the
    replaced chain was at least as long, with the same hash where that can be seen.
    """
    return any(
        r.count >= witnessed.count and (r.count != witnessed.count or r.hash == witnessed.hash)
        for r in restores
    )


def restores_recorded(conn: Connection) -> list[Head]:
    """The heads that `db.restore` events say they replaced, oldest first."""
    rows = conn.execute(
        select(AuditEvent.detail).where(AuditEvent.action == RESTORE_ACTION).order_by(AuditEvent.id)
    )
    return [h for (detail,) in rows if (h := replaced_head(detail)) is not None]


def replaced_head(detail: Any) -> Head | None:
    """The head a `db.restore` event's detail says was replaced (None if it says none)."""
    replaced = detail.get("replaced") if isinstance(detail, dict) else None
    if not isinstance(replaced, dict) or not isinstance(replaced.get("count"), int):
        return None
    return Head(replaced["count"], replaced.get("last_id"), replaced.get("hash"))


@dataclass(frozen=True)
class Update:
    """What to write to the witness once the transaction has committed."""

    head: Head
    replace: bool


def pending_update(conn: Connection, url: URL) -> Update | None:
    """The witness update for the chain as `conn` sees it (call it just before commit).

    None leaves the witness alone: there is no chain yet, or the witness records an
    event the chain no longer holds and no restore explains it. That witness is kept as
    evidence (it is what makes `db check` report the cut), rather than moved forward
    past the cut by the next write.
    """
    path = witness_path(url)
    if path is None:
        return None
    last = conn.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    if last is None:
        return None
    try:
        witness = read_witness(path)
    except WitnessUnreadable as exc:
        log.error("%s; it is replaced by the current head", exc)
        witness = None
    count = select(func.count()).select_from(AuditEvent)
    if witness is None or witness.head.last_id is None:
        return Update(Head(int(conn.scalar(count) or 0), last[0], last[1]), False)
    seen = conn.scalar(select(AuditEvent.hash).where(AuditEvent.id == witness.head.last_id))
    if seen is not None and seen == witness.head.hash:
        newer = int(conn.scalar(count.where(AuditEvent.id > witness.head.last_id)) or 0)
        return Update(Head(witness.head.count + newer, last[0], last[1]), False)
    if explained_by_restore(witness.head, restores_recorded(conn)):
        return Update(Head(int(conn.scalar(count) or 0), last[0], last[1]), True)
    log.error(
        "the audit trail no longer holds event %s, which its witness %s records as number "
        "%d: events were removed or rewritten outside the app. The witness is kept as "
        "evidence; run `mscc-desk db check`.",
        witness.head.last_id,
        path,
        witness.head.count,
    )
    return None


def advance(url: URL, head: Head, *, replace: bool = False) -> None:
    """Record `head` as the witnessed head, if it is ahead of the one recorded.

    `replace` records it even if it is not ahead: after a restore, which legitimately
    replaces the chain with a shorter one, and for a witness found to predate one.
    """
    path = witness_path(url)
    if path is None or (head.count == 0 and not replace):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if not replace:
            try:
                current = read_witness(path)
            except WitnessUnreadable:
                current = None  # a damaged witness is replaced by a good one
            if current is not None and current.head.count >= head.count:
                return
        _write(path, url, head)


def forget(url: URL) -> None:
    """Remove the witness of a database that is being created afresh at `url`."""
    path = witness_path(url)
    if path is None or not path.exists():
        return
    with _locked(path):
        path.unlink(missing_ok=True)


def _write(path: Path, url: URL, head: Head) -> None:
    body = json.dumps(
        {
            "format": FORMAT,
            "database": url.render_as_string(hide_password=True),
            **head.to_json(),
            "written_at": datetime.now(UTC).isoformat(),
        },
        indent=1,
    )
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        os.write(fd, body.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes on this witness (a `.lock` file beside it)."""
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

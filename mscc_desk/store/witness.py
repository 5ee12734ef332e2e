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

A restore legitimately replaces the chain with a shorter one. The restoring process
resets its witness; another workstation's witness of the replaced chain is recognised
by the `db.restore` event, which records the head it replaced. So that a restore does not
excuse a cut made after it, each witness also records its epoch: the hash of the newest
`db.restore` event in the chain it witnessed. Only a restore newer than that explains a
witness the chain no longer reaches.

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Connection, func, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from ..log_events import log_event
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
    epoch: str | None  # the hash of the newest db.restore event in the witnessed chain
    written_at: datetime
    database: str
    path: Path


@dataclass(frozen=True)
class Restore:
    """A `db.restore` event: its own hash, and the head of the chain it replaced."""

    hash: str | None
    replaced: Head | None


class WitnessUnreadable(RuntimeError):
    """The witness file exists but is not one (damaged or replaced)."""


def newest_event(conn: Connection | Session) -> tuple[int, str | None] | None:
    """The id and hash of the chain's newest event, in the caller's transaction: what a
    reader remembers to know, next time, whether anything was written since."""
    last = conn.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (last[0], last[1]) if last else None


def chain_head(conn: Connection) -> Head:
    """The current head of the chain, read in the caller's transaction."""
    count = conn.scalar(select(func.count()).select_from(AuditEvent)) or 0
    last = newest_event(conn)
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
        return Witness(head, data.get("epoch"), written, str(data.get("database", "")), path)
    except (ValueError, KeyError, TypeError):
        raise WitnessUnreadable(f"{path} is not a witness file (damaged or replaced)") from None


def explained_by_restore(witness: Witness, restores: list[Restore]) -> bool:
    """Whether a restore newer than the witness explains a chain that does not reach it.

    A witness written before a restore (by another workstation on a shared PostgreSQL
    database, which the restoring one could not reset) records the replaced chain: it
    fits if that chain was at least as long, with the same hash where that can be seen.
    Restores the witness already knew of (up to its epoch) explain nothing.
    """
    hashes = [r.hash for r in restores]
    newer = restores[hashes.index(witness.epoch) + 1 :] if witness.epoch in hashes else restores
    w = witness.head
    return any(
        r.replaced is not None
        and r.replaced.count >= w.count
        and (r.replaced.count != w.count or r.replaced.hash == w.hash)
        for r in newer
    )


def restores_recorded(conn: Connection, after_id: int | None = None) -> list[Restore]:
    """The `db.restore` events of the chain (after `after_id`), oldest first."""
    query = select(AuditEvent.hash, AuditEvent.detail).where(AuditEvent.action == RESTORE_ACTION)
    if after_id is not None:
        query = query.where(AuditEvent.id > after_id)
    return [Restore(h, replaced_head(d)) for h, d in conn.execute(query.order_by(AuditEvent.id))]


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
    epoch: str | None
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
    last = newest_event(conn)
    if last is None:
        return None
    try:
        witness = read_witness(path)
    except WitnessUnreadable as exc:
        log_event(
            log, "witness.unreadable", level=logging.ERROR, file=path.name, error=type(exc).__name__
        )
        witness = None
    count = select(func.count()).select_from(AuditEvent)
    if witness is None or witness.head.last_id is None:
        return whole_chain(conn, replace=False)
    seen = conn.scalar(select(AuditEvent.hash).where(AuditEvent.id == witness.head.last_id))
    if seen is not None and seen == witness.head.hash:
        newer = int(conn.scalar(count.where(AuditEvent.id > witness.head.last_id)) or 0)
        restores = restores_recorded(conn, after_id=witness.head.last_id)
        epoch = restores[-1].hash if restores else witness.epoch
        return Update(Head(witness.head.count + newer, last[0], last[1]), epoch, False)
    if explained_by_restore(witness, restores_recorded(conn)):
        return whole_chain(conn, replace=True)
    # The chain no longer holds the witnessed event: events were removed or rewritten
    # outside the app. The witness is kept as evidence for `mscc-desk db check`.
    log_event(
        log,
        "witness.chain_cut",
        level=logging.ERROR,
        file=path.name,
        event_id=witness.head.last_id,
        count=witness.head.count,
    )
    return None


def whole_chain(conn: Connection, *, replace: bool) -> Update:
    """The whole chain's head, counted, and its newest restore: for a witness written
    afresh (none yet, one replaced, or reset to a restored chain)."""
    restores = restores_recorded(conn)
    return Update(chain_head(conn), restores[-1].hash if restores else None, replace)


def apply(url: URL, update: Update | None) -> None:
    """Write a pending update (after the commit it was computed in).

    A witness that cannot be written (a full disk, a read-only folder) is logged, never
    raised: what was committed stays committed, and `db check` then reports the witness
    behind or missing.
    """
    if update is None:
        return
    try:
        advance(url, update.head, update.epoch, replace=update.replace)
    except OSError as exc:  # never fails the save; `db check` shows the witness behind
        log_event(log, "witness.unwritten", level=logging.ERROR, error=type(exc).__name__)


def advance(url: URL, head: Head, epoch: str | None, *, replace: bool = False) -> None:
    """Record `head` as the witnessed head, if it is ahead of the one recorded.

    `replace` records it even if it is not ahead: after a restore, which legitimately
    replaces the chain with a shorter one, and for a witness found to predate one.
    """
    path = witness_path(url)
    if path is None:
        return
    if head.count == 0:
        forget(url)  # no chain (a restored empty one): nothing to witness
        return
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
        _write(path, url, head, epoch)


def forget(url: URL) -> None:
    """Remove the witness of a database that is being created afresh at `url`."""
    path = witness_path(url)
    if path is None or not path.exists():
        return
    with _locked(path):
        path.unlink(missing_ok=True)


def _write(path: Path, url: URL, head: Head, epoch: str | None) -> None:
    body = json.dumps(
        {
            "format": FORMAT,
            "database": url.render_as_string(hide_password=True),
            **head.to_json(),
            "epoch": epoch,
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

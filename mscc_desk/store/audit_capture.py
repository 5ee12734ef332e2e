"""Row digests and the witness, captured once for every unit of work.

Rather than each store function remembering to record what it wrote, the app's session
factory (`open_database`) carries these listeners:

* after each flush, the ids of covered rows (`row_digests.COVERED`) that were inserted,
  changed or deleted are noted on the session;
* just before the commit, those rows are read back as they will be committed, and their
  digests are put on the transaction's last audit event, whose hash is then recomputed
  (no event can follow it: the transaction holds the chain's lock). The head of the
  chain is noted for the witness;
* after the commit, the witness is moved forward (`store.witness`).

A transaction that writes covered rows without any audit event of its own gets a
generic `rows.written` event naming the rows, so `db check` still vouches for them and
nothing the user did is refused for it; the omission is logged as a warning. With
`MSCC_DESK_STRICT_AUDIT=1` (the test suite sets it) the commit fails instead when the
transaction was opened by the app's own code, so a new write path without its audit
event is found by its tests rather than in the field (a test that sets up rows directly
still gets the generic event).

A bulk `update()`/`delete()` through a session is captured too: the ids its WHERE
clause selects are read just before it runs; after a bulk `insert()`, every row with a
higher id than there was is read at the commit. Sessions that only read pay nothing: a
clean flush fires no event.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified

from ..log_events import log_event
from .audit import EVENTS_KEY, event_digest, record_event
from .engine import utcnow
from .models import AuditEvent, Base
from .row_digests import COVERED, RowDigests, digests_of, merge, model_table
from .witness import apply, pending_update

log = logging.getLogger(__name__)

STRICT_ENV = "MSCC_DESK_STRICT_AUDIT"
GENERIC_ACTION = "rows.written"

_TOUCHED = "mscc_desk.rows_touched"  # session.info: {table: set of ids}
_HEAD = "mscc_desk.witness_head"  # session.info: witness.Update for after the commit
_INSERTED_ABOVE = "mscc_desk.inserted_above"  # session.info: {table: max id before}

_covered_classes: dict[type, str] = {}


class UnauditedWrite(RuntimeError):
    """Covered rows written by the app's own code without an audit event (strict mode)."""


def install(sessions: sessionmaker[Session]) -> None:
    """Attach the listeners to the app's session factory."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_transaction_end", _after_transaction_end)
    event.listen(sessions, "do_orm_execute", _note_bulk_writes)


def strict() -> bool:
    return os.environ.get(STRICT_ENV, "").strip() not in ("", "0")


def _covered(obj: object) -> str | None:
    if not _covered_classes:
        for mapper in Base.registry.mappers:
            name = getattr(mapper.local_table, "name", None)
            if name in COVERED:
                _covered_classes[mapper.class_] = name
    return _covered_classes.get(type(obj))


def _after_flush(session: Session, _context: Any) -> None:
    touched: dict[str, set[int]] = session.info.setdefault(_TOUCHED, {})
    for obj in (*session.new, *session.deleted):
        name = _covered(obj)
        if name is not None:
            touched.setdefault(name, set()).add(obj.id)
    for obj in session.dirty:
        name = _covered(obj)
        if name is not None and session.is_modified(obj, include_collections=False):
            touched.setdefault(name, set()).add(obj.id)


def _note_bulk_writes(state: ORMExecuteState) -> None:
    """Note the covered rows a bulk statement is about to write, before it runs."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    target = getattr(state.statement, "table", None)
    name = getattr(target, "name", None)
    if name not in COVERED:
        return
    tbl = model_table(name)
    conn = state.session.connection()
    if state.is_insert:
        highest = int(conn.scalar(select(func.max(tbl.c.id))) or 0)
        above: dict[str, int] = state.session.info.setdefault(_INSERTED_ABOVE, {})
        above[name] = min(above.get(name, highest), highest)
        return
    where = getattr(state.statement, "whereclause", None)
    query = select(tbl.c.id) if where is None else select(tbl.c.id).where(where)
    touched: dict[str, set[int]] = state.session.info.setdefault(_TOUCHED, {})
    touched.setdefault(name, set()).update(conn.scalars(query))


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        # SQLAlchemy fires this for a savepoint's release too (an insert-or-get); the
        # rows are digested when the whole transaction commits, with its audit event.
        return
    session.flush()  # the commit's own flush comes after this event: capture it too
    touched: dict[str, set[int]] = session.info.get(_TOUCHED) or {}
    for name, highest in (session.info.get(_INSERTED_ABOVE) or {}).items():
        tbl = model_table(name)
        added = session.connection().scalars(select(tbl.c.id).where(tbl.c.id > highest))
        touched.setdefault(name, set()).update(added)
    events: list[AuditEvent] = session.info.get(EVENTS_KEY) or []
    touched = {name: ids for name, ids in touched.items() if ids}
    if not touched and not events:
        return
    conn = session.connection()
    if touched:
        digests: RowDigests = {
            name: digests_of(conn, model_table(name), ids) for name, ids in sorted(touched.items())
        }
        if not events:
            _unaudited(session, touched)
            events = session.info[EVENTS_KEY]
        last = events[-1]
        last.row_digests = merge(dict(last.row_digests or {}), digests)
        flag_modified(last, "row_digests")
        last.hash = event_digest(last.prev_hash, last)
        session.flush()
    session.info[_HEAD] = pending_update(conn, session.get_bind().engine.url)


def _unaudited(session: Session, touched: dict[str, set[int]]) -> None:
    rows = {name: sorted(ids) for name, ids in touched.items()}
    if strict():
        where = _committed_by()
        if where is not None:
            raise UnauditedWrite(
                f"{where} wrote covered rows without an audit event in its transaction: {rows}"
            )
    log_event(log, "audit.unaudited_write", level=logging.WARNING, recorded_as=GENERIC_ACTION)
    record_event(
        session,
        at=utcnow(),
        action=GENERIC_ACTION,
        detail={"rows": rows, "note": "written without an audit event of its own"},
    )


def _committed_by() -> str | None:
    """The app's function whose transaction is committing (file:line), or None when it
    is not the app's (a test setting up rows). Only asked in strict mode."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        path = Path(name).resolve()
        plumbing = (
            name.startswith("<")  # code SQLAlchemy generates
            or path in _PLUMBING
            or "sqlalchemy" in path.parts
            or path.name == "contextlib.py"
        )
        if not plumbing:
            if _PACKAGE not in path.parents:
                return None
            return f"{path.relative_to(_PACKAGE.parent)}:{frame.f_lineno}"
        frame = frame.f_back  # type: ignore[assignment]
    return None


_PACKAGE = Path(__file__).resolve().parents[1]
_PLUMBING = frozenset(
    {Path(__file__).resolve(), _PACKAGE / "store" / "engine.py", _PACKAGE / "store" / "audit.py"}
)


def _after_commit(session: Session) -> None:
    update = session.info.pop(_HEAD, None)
    try:
        apply(session.get_bind().engine.url, update)
    except Exception:  # noqa: BLE001 - committed is committed: never report it as failed
        log.exception("could not update the audit witness")


def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        for key in (_TOUCHED, EVENTS_KEY, _HEAD, _INSERTED_ABOVE):
            session.info.pop(key, None)

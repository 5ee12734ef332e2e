"""`make_demo`: draft the cases, make their rows, write them in one transaction.

Speed: rows are built as plain dicts and written with Core bulk inserts (executemany) in
one transaction, with ids assigned here (after the current `max(id)` of each table), so
20,000 cases take about 15 s on SQLite, and a second run appends after the first. The
audit trail is chained after the database's last event, and each case's rows are
recorded on its last event, as if the app had written them.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from ..domain.clock import Clock, SystemClock
from ..domain.pathway import default_pathway
from ..store.audit import chain_digest, lock_chain
from ..store.backup import reset_sequences
from ..store.engine import Database
from ..store.models import Base
from ..store.row_digests import RowDigests, merge, model_table, row_digest
from ..store.witness import apply, pending_update
from .clinical import CLOSED_CATEGORIES, OPEN_CATEGORIES
from .drafts import CaseDraft, Ids
from .people import DEMO_USERS
from .rows import Rows
from .story import Story

OPEN_SHARE = 0.02
OPEN_MAX = 400
BATCH = 5000


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


TABLE_ORDER = ("user", "patient", "case", "call", "assessment", "checklist_item", "deadline")


def _insert(conn: Connection, name: str, rows: Sequence[dict[str, Any]]) -> None:
    table = _table(name)
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), list(rows[start : start + BATCH]))


def _next_ids(conn: Connection) -> Ids:
    names = (*TABLE_ORDER, "audit_event")
    return Ids(
        {name: (conn.scalar(select(func.max(_table(name).c.id))) or 0) + 1 for name in names}
    )


def _demo_users(conn: Connection, ids: Ids, now: datetime) -> tuple[dict[str, int], dict[int, str]]:
    """The demo users' ids (created on first use), and every user's display name."""
    user = _table("user")
    names: dict[int, str] = {
        uid: name for uid, name in conn.execute(select(user.c.id, user.c.display_name))
    }
    found = {
        name: uid
        for name, uid in conn.execute(
            select(user.c.username, user.c.id).where(
                user.c.username.in_([u[0] for u in DEMO_USERS])
            )
        )
    }
    rows = []
    for username, display, role in DEMO_USERS:
        if username not in found:
            found[username] = ids.take("user")
            names[found[username]] = display
            rows.append(
                {
                    "id": found[username],
                    "username": username,
                    "display_name": display,
                    "role": role,
                    "active": True,
                    "password_hash": None,
                    "created_at": now,
                }
            )
    _insert(conn, "user", rows)
    return found, names


def _written_digests(
    conn: Connection, first: dict[str, int]
) -> tuple[dict[int, RowDigests], RowDigests]:
    """The digests of the rows this run wrote (ids from `first` on), read back as stored:
    by case (a patient goes with the first case that wrote it), and the rest (users)."""
    by_case: dict[int, RowDigests] = {}
    patient_case: dict[int, int] = {}
    others: RowDigests = {}
    for name in ("case", *TABLE_ORDER[3:], "patient", "user"):
        tbl = model_table(name)
        result = conn.execute(
            select(tbl)
            .where(tbl.c.id >= first[name])
            .order_by(tbl.c.id)
            .execution_options(yield_per=2000)
        )
        for row in result:
            values = row._mapping
            if name == "case":
                case_id: int | None = values["id"]
                patient_case.setdefault(values["patient_id"], values["id"])
            elif name == "patient":
                case_id = patient_case.get(values["id"])
            else:
                case_id = values.get("case_id")
            target = others if case_id is None else by_case.setdefault(case_id, {})
            target.setdefault(name, {})[str(values["id"])] = row_digest(values)
    return by_case, others


def _audit_rows(
    conn: Connection,
    ids: Ids,
    events: Iterable[tuple[datetime, int, dict[str, Any]]],
    written: tuple[dict[int, RowDigests], RowDigests],
    now: datetime,
) -> list[dict[str, Any]]:
    """Chain the events after the last one in the database, as `record_event` does.

    Each case's rows are recorded on that case's last event, as if the case had been
    written by the app; rows of no case (new demo users) on the run's last event.
    """
    by_case, others = written
    ordered = sorted(events, key=lambda e: (e[0], e[1]))
    if others and not ordered:
        ordered = [(now, 0, _users_event(others))]
    last_of_case = {values["case_id"]: i for i, (_, _, values) in enumerate(ordered)}
    audit = _table("audit_event")
    prev: str | None = conn.scalar(select(audit.c.hash).order_by(audit.c.id.desc()).limit(1))
    rows = []
    for i, (at, _, values) in enumerate(ordered):
        detail = json.loads(json.dumps(values["detail"], default=str))
        digests: RowDigests | None = None
        if last_of_case.get(values["case_id"]) == i and values["case_id"] in by_case:
            digests = by_case[values["case_id"]]
        if i == len(ordered) - 1 and others:
            digests = merge(dict(digests or {}), others)
        digest = chain_digest(
            prev,
            at=at,
            user_id=values["user_id"],
            case_id=values["case_id"],
            action=values["action"],
            detail=detail,
            rows=digests,
        )
        rows.append(
            {
                "id": ids.take("audit_event"),
                "at": at,
                "user_id": values["user_id"],
                "case_id": values["case_id"],
                "action": values["action"],
                "detail": detail,
                "prev_hash": prev,
                "hash": digest,
                "row_digests": digests,
            }
        )
        prev = digest
    return rows


def _users_event(users: RowDigests) -> dict[str, Any]:
    """The event for demo users created by a run that wrote no case."""
    return {
        "user_id": None,
        "case_id": None,
        "action": "demo.users",
        "detail": {"users": sorted(int(i) for i in users.get("user", {})), "demo": True},
    }


def open_count(cases: int) -> int:
    """About 2 % of the cases are still open: at least five (or all, if fewer), at most 400."""
    if cases <= 0:
        return 0
    return min(cases, OPEN_MAX, max(round(cases * OPEN_SHARE), min(cases, 5)))


def make_demo(db: Database, *, cases: int, seed: int, clock: Clock | None = None) -> dict[str, Any]:
    """Append `cases` synthetic cases (mostly closed, some open) and return a summary."""
    if cases < 0:
        raise ValueError("cases must not be negative")
    started = time.perf_counter()
    clock = clock or SystemClock()
    now = clock.now()
    pathway = default_pathway()
    rng = random.Random(seed)
    builder = Story(rng, now, pathway)

    n_open = open_count(cases)
    drafts: list[CaseDraft] = []
    for j in range(n_open):
        if j < 2:
            target, kind = "emergency", ("soon", "breached")[j]
        else:
            target = OPEN_CATEGORIES.pick(rng)
            kind = "breached" if rng.random() < 0.22 else "soon"
        drafts.append(builder.open_case(target, kind))
    for _ in range(cases - n_open):
        drafts.append(builder.closed_case(CLOSED_CATEGORIES.pick(rng)))
    drafts.sort(key=lambda c: (c.first.received_at, c.seq))

    tables = [_table(name) for name in (*TABLE_ORDER, "audit_event")]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            lock_chain(conn)  # before the table locks, in the order record_event takes them
            for table in tables:
                conn.execute(text(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE'))
        ids = _next_ids(conn)
        first = dict(ids.next)
        users, names = _demo_users(conn, ids, now)
        patient = _table("patient")
        used = {
            n
            for n in conn.scalars(
                select(patient.c.nhs_number).where(patient.c.nhs_number.like("999%"))
            )
            if n
        }
        rows = Rows(rng, now, ids, used, users, names)
        rows.finish([(case, rows.add(case, pathway)) for case in drafts])
        for name in TABLE_ORDER[1:]:
            _insert(conn, name, rows.tables[name])
        written = _written_digests(conn, first)
        _insert(conn, "audit_event", _audit_rows(conn, ids, rows.events, written, now))
        if conn.dialect.name == "postgresql":
            reset_sequences(conn, tables)
        update = pending_update(conn, db.url)
    apply(db.url, update)

    breached_open = sum(
        1
        for case in drafts
        if case.closed_at is None
        and any(
            d.met_at is None and d.cancelled_at is None and d.spec.due_at <= now
            for d in case.deadlines
        )
    )
    return {
        "cases": cases,
        "open": n_open,
        "closed": cases - n_open,
        "patients": len(rows.tables["patient"]),
        "calls": len(rows.tables["call"]),
        "breached_open": breached_open,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
    }

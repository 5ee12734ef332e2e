"""`make_demo`: draft the cases, make their rows, write them a batch at a time.

Speed: rows are built as plain dicts and written with Core bulk inserts (executemany),
with ids assigned here (after the current `max(id)` of each table), and a second run
appends after the first. The history is drafted and written a slice at a time (about
`BATCH_CASES` cases, one transaction each), so memory stays flat: 100,000 cases never
sit in memory at once. The audit trail is chained after the database's last event, in
time order across batches, and each case's rows are recorded on its last event written
with them, as if the app had written them.
"""

from __future__ import annotations

import json
import random
import time
from bisect import bisect_left
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
from ..store.row_digests import RowDigests, all_digests, merge, model_table
from ..store.witness import apply, pending_update
from .clinical import CLOSED_CATEGORIES, OPEN_CATEGORIES
from .drafts import CaseDraft, Ids
from .people import DEMO_USERS
from .rows import Rows
from .story import Story

OPEN_SHARE = 0.02
OPEN_MAX = 400
BATCH = 5000  # rows per INSERT
BATCH_CASES = 2000  # cases per transaction


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
        owner = {"case": "patient_id", "patient": None, "user": None}.get(name, "case_id")
        case_of: dict[int, int] = {}
        if owner is not None:
            links = select(tbl.c.id, tbl.c[owner]).where(tbl.c.id >= first[name])
            case_of = {row_id: link for row_id, link in conn.execute(links)}
        for row_id, digest in all_digests(conn, tbl, first[name]):
            if name == "case":
                case_id: int | None = row_id
                patient_case.setdefault(case_of[row_id], row_id)
            elif name == "patient":
                case_id = patient_case.get(row_id)
            else:
                case_id = case_of.get(row_id)
            target = others if case_id is None else by_case.setdefault(case_id, {})
            target.setdefault(name, {})[str(row_id)] = digest
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


Event = tuple[datetime, int, dict[str, Any]]


class _Writer:
    """Writes drafted cases a batch at a time, each batch one transaction, as the app
    would have written them: every row digested on an event, the chain in time order.

    A case is written (rows and events) in the first batch whose limit passes its
    opening; its events that fall after the limit wait for a later batch, so the audit
    trail stays in time order across batches, and the case's rows are digested on its
    last event written with them.
    """

    def __init__(self, db: Database, rng: random.Random, now: datetime) -> None:
        self.db = db
        self.rng = rng
        self.now = now
        self.pathway = default_pathway()
        self.rows: Rows | None = None
        self.ids = Ids({})
        self.waiting: list[Event] = []
        self.patients = 0
        self.calls = 0

    def write(self, drafts: list[CaseDraft], limit: datetime | None) -> None:
        """Write `drafts` (opened before `limit`) and every waiting event before it."""
        drafts.sort(key=lambda c: (c.first.received_at, c.seq))
        tables = [_table(name) for name in (*TABLE_ORDER, "audit_event")]
        with self.db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                lock_chain(conn)  # before the table locks, in the order record_event takes them
                for table in tables:
                    conn.execute(text(f'LOCK TABLE "{table.name}" IN SHARE ROW EXCLUSIVE MODE'))
            first = self._move_ids_past(conn)
            rows = self._rows(conn)
            rows.finish([(case, rows.add(case, self.pathway)) for case in drafts])
            for name in TABLE_ORDER[1:]:
                _insert(conn, name, rows.tables[name])
            self.patients += len(rows.tables["patient"])
            self.calls += len(rows.tables["call"])
            events = sorted([*self.waiting, *rows.events], key=lambda e: (e[0], e[1]))
            cut = len(events) if limit is None else bisect_left(events, limit, key=lambda e: e[0])
            now_events, self.waiting = events[:cut], events[cut:]
            written = _written_digests(conn, first)
            _insert(conn, "audit_event", _audit_rows(conn, self.ids, now_events, written, self.now))
            if conn.dialect.name == "postgresql":
                reset_sequences(conn, tables)
            update = pending_update(conn, self.db.url)
        apply(self.db.url, update)
        rows.next_batch()

    def _move_ids_past(self, conn: Connection) -> dict[str, int]:
        """Ids after anything written since the last batch; returns the first of each."""
        for name, value in _next_ids(conn).next.items():
            self.ids.next[name] = max(value, self.ids.next.get(name, 0))
        return dict(self.ids.next)

    def _rows(self, conn: Connection) -> Rows:
        """The run's rows (and its demo users, made in the first batch)."""
        if self.rows is None:
            users, names = _demo_users(conn, self.ids, self.now)
            patient = _table("patient")
            used = {
                n
                for n in conn.scalars(
                    select(patient.c.nhs_number).where(patient.c.nhs_number.like("999%"))
                )
                if n
            }
            self.rows = Rows(self.rng, self.now, self.ids, used, users, names)
        return self.rows


def _slices(window: tuple[datetime, datetime], cases: int) -> list[tuple[datetime, datetime, int]]:
    """The history cut into slices of about `BATCH_CASES` closed cases each, in time order."""
    earliest, latest = window
    count = max(1, -(-cases // BATCH_CASES))
    step = (latest - earliest) / count
    return [
        (
            earliest + step * i,
            earliest + step * (i + 1),
            cases * (i + 1) // count - cases * i // count,
        )
        for i in range(count)
    ]


def make_demo(
    db: Database,
    *,
    cases: int,
    seed: int,
    clock: Clock | None = None,
    open_cases: int | None = None,
) -> dict[str, Any]:
    """Append `cases` synthetic cases (mostly closed, `open_cases` open; about 2 % when
    not given) and return a summary.

    Written a slice of history at a time (`BATCH_CASES` cases, one transaction each), so
    the memory used stays flat however many cases are asked for.
    """
    if cases < 0:
        raise ValueError("cases must not be negative")
    n_open = open_count(cases) if open_cases is None else open_cases
    if not 0 <= n_open <= cases:
        raise ValueError("open cases must be between 0 and the number of cases")
    started = time.perf_counter()
    clock = clock or SystemClock()
    now = clock.now()
    rng = random.Random(seed)
    builder = Story(rng, now, default_pathway())

    waiting: list[CaseDraft] = []
    for j in range(n_open):
        if j < 2:
            target, kind = "emergency", ("soon", "breached")[j]
        else:
            target = OPEN_CATEGORIES.pick(rng)
            kind = "breached" if rng.random() < 0.22 else "soon"
        waiting.append(builder.open_case(target, kind))
    breached_open = sum(
        1
        for case in waiting
        if any(
            d.met_at is None and d.cancelled_at is None and d.spec.due_at <= now
            for d in case.deadlines
        )
    )
    writer = _Writer(db, rng, now)
    slices = _slices(builder.history_window(), cases - n_open)
    for i, (earliest, latest, count) in enumerate(slices):
        waiting += [
            builder.closed_case(CLOSED_CATEGORIES.pick(rng), (earliest, latest))
            for _ in range(count)
        ]
        # Every later slice opens at `latest` or after; the last takes what is left.
        limit = latest if i < len(slices) - 1 else None
        ready = [c for c in waiting if limit is None or c.opened_at < limit]
        waiting = [c for c in waiting if limit is not None and c.opened_at >= limit]
        if ready or limit is None:
            writer.write(ready, limit)
    return {
        "cases": cases,
        "open": n_open,
        "closed": cases - n_open,
        "patients": writer.patients,
        "calls": writer.calls,
        "breached_open": breached_open,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
    }

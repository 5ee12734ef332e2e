"""A database with something in every covered table, written the way the desk writes it,
and the ways of changing it behind the app's back that the integrity tests try.

A helper module rather than a conftest, so the row-digest, witness and restore tests
share it without fixtures leaking into other folders.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import load_case, update_checklist_item
from mscc_desk.store.engine import Database, head_revision
from mscc_desk.store.models import Alert, Base

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
NHS = ("9434765919", "4010232137", "9990000018")


def call(nhs: str | None = None, **facts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {"family_name": "Okafor", "given_name": "Grace", "date_of_birth": "1950-02-01"},
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }
    if nhs:
        data["patient"]["nhs_number"] = nhs
    data.update(facts)
    return data


@dataclass(frozen=True)
class Filled:
    case_ids: tuple[int, ...]
    alert_id: int


def fill(db: Database, clock: FakeClock) -> Filled:
    """Three cases, a follow-up, a checklist entry, alerts raised and one acknowledged."""
    ids = []
    for i, nhs in enumerate(NHS):
        ids.append(record_call(db, call(nhs), user=f"coord{i % 2}", clock=clock).case_id)
        clock.advance(timedelta(minutes=10))
    record_call(db, call(NHS[0], pain=["nocturnal"]), user="coord0", clock=clock, case_id=ids[0])
    clock.advance(timedelta(minutes=10))
    update_checklist_item(
        db,
        ids[1],
        "analgesia",
        data={"analgesia": "paracetamol 1 g"},
        user="coord1",
        now=clock.now(),
        expected_version=load_case(db, ids[1], now=clock.now()).version,
    )
    clock.advance(timedelta(hours=30))  # every MRI clock is past due: alerts are raised
    alerts.raise_alerts(db, clock.now())
    with db.session() as session:
        # The first alert raised (earlier stages passed at once are already settled).
        alert_id = session.scalars(
            select(Alert.id).where(Alert.acknowledged_at.is_(None)).order_by(Alert.id)
        ).first()
    assert alert_id is not None
    alerts.acknowledge(db, alert_id, "coord0", clock.now(), note="seen")
    return Filled(tuple(ids), alert_id)


def more_events(db: Database, clock: FakeClock, n: int) -> None:
    """`n` more audited writes (follow-up calls on a new case)."""
    case_id = record_call(db, call(None, pain=["mechanical"]), user="coord0", clock=clock).case_id
    for _ in range(n - 1):
        clock.advance(timedelta(minutes=1))
        record_call(db, call(None, pain=["nocturnal"]), user="coord0", clock=clock, case_id=case_id)


def junk_backup(path: Path) -> Path:
    """A file with the right table names (and revision) but junk columns."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (head_revision(),))
        for name in ("patient", '"case"', "deadline", "audit_event"):
            conn.execute(f"CREATE TABLE {name} (junk TEXT)")
    conn.close()
    return path


def behind_the_back(engine: Engine, sql: str, **params: Any) -> None:
    """What someone with sqlite3 or psql does: plain SQL, no app, no audit event."""
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the app, as dicts sorted by primary key."""
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            pk = [c.name for c in table.primary_key.columns]
            rows = [dict(r._mapping) for r in conn.execute(select(table))]
            out[table.name] = sorted(rows, key=lambda r: tuple(r[k] for k in pk))
    return out

"""One alert for the whole service, and a call saved once however often it is tried.

Several desks share one PostgreSQL database. Until now "each stage is raised once" was
kept by each desk's own care (row locks, SQLite's write lock); from here the database
keeps it:

* `alert.reminder`: NULL for a stage's own raise, n for the n-th reminder of an
  unacknowledged breach. A unique index on (deadline_id, stage) where `reminder` is
  NULL, and a unique constraint on (deadline_id, stage, reminder), make a second desk's
  raise of the same stage a no-op (INSERT ... ON CONFLICT DO NOTHING). Unique
  indexes, not constraints: SQLite adds an index in place, where a constraint would
  rebuild the table, which its foreign keys refuse once the table holds rows.
* `call.client_key` and `draft.client_key`: a key the desk makes when a call is first
  typed, unique, so a save tried again after the network came back (or after a commit
  whose answer was lost) finds what it already wrote instead of writing it twice.

Rows that break the new rule are merged, never refused: a database where two desks
both raised a stage is the very problem this revision ends, and refusing to open it
would leave the desk without its alerts. For each (deadline, stage) the earliest row is
kept; a later row of a stage other than "breached", or a breach row raised sooner than
the 30-minute reminder interval after the one kept before it (the app never reminds
sooner, so it can only be a second desk's copy), is a duplicate. The earliest
acknowledgement among a kept row and its duplicates becomes the kept row's (someone saw
it then), the duplicates are deleted, and the remaining breach rows are numbered as
reminders. One `alert.duplicates_merged` audit event says what was merged, which
acknowledgement was kept, and which rows were renumbered, and records the digests of
exactly those rows (deleted ones as gone), so `db check` still vouches for every row
and nothing the migration did is unexplained. Rows it did not touch keep their digests:
`reminder` is NULL for them, and a NULL column is not part of a row's digest.

Revision ID: 0007
Revises: 0004
Create Date: 2027-01-10 09:00:00
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

from mscc_desk.store.audit import append_event
from mscc_desk.store.row_digests import digests_of, readable_table

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MERGED_ACTION = "alert.duplicates_merged"
# The app's breach reminder interval when this revision was written (domain.deadlines).
REMINDER_INTERVAL = timedelta(minutes=30)
REMINDER_WHERE = sa.text("reminder IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder", sa.Integer(), nullable=True))
    for name in ("call", "draft"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("client_key", sa.String(length=36), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{name}_client_key"), ["client_key"], unique=True)
    _merge_duplicates(op.get_bind())
    # Unique indexes rather than constraints: SQLite adds an index in place, where a
    # constraint would rebuild the table (refused under foreign keys once it holds rows).
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(
            "uq_alert_deadline_id_reminder", ["deadline_id", "stage", "reminder"], unique=True
        )
        batch_op.create_index(
            "uq_alert_deadline_id_stage",
            ["deadline_id", "stage"],
            unique=True,
            sqlite_where=REMINDER_WHERE,
            postgresql_where=REMINDER_WHERE,
        )


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("uq_alert_deadline_id_stage")
        batch_op.drop_index("uq_alert_deadline_id_reminder")
        batch_op.drop_column("reminder")
    for name in ("draft", "call"):
        op.drop_index(op.f(f"ix_{name}_client_key"), table_name=name)
        # In place (SQLite 3.35 and later): a batch rebuild of `call` is refused by the
        # foreign keys of the assessments that point at it.
        op.drop_column(name, "client_key")


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _is_duplicate(stage: str, row: Any, kept: Any) -> bool:
    if stage != "breached":
        return True
    return bool(_aware(row.raised_at) < _aware(kept.raised_at) + REMINDER_INTERVAL)


def _merge_duplicates(conn: sa.Connection) -> None:
    alert = readable_table(conn, "alert")
    rows = conn.execute(
        sa.select(alert).order_by(alert.c.deadline_id, alert.c.stage, alert.c.raised_at, alert.c.id)
    ).all()
    groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in rows:
        groups[(row.deadline_id, row.stage)].append(row)
    merged: list[dict[str, Any]] = []
    numbered: list[dict[str, int]] = []
    changed: set[int] = set()
    removed: set[int] = set()
    for (deadline_id, stage), group in groups.items():
        runs: list[list[Any]] = []  # each: the kept row, then its duplicates
        for row in group:
            if runs and _is_duplicate(stage, row, runs[-1][0]):
                runs[-1].append(row)
            else:
                runs.append([row])
        for kept, *copies in runs:
            if copies:
                merged.append(_fold(conn, alert, deadline_id, stage, kept, copies))
                changed.add(kept.id)
                removed.update(c.id for c in copies)
        for number, (kept, *_copies) in enumerate(runs[1:], start=1):
            conn.execute(sa.update(alert).where(alert.c.id == kept.id).values(reminder=number))
            numbered.append({"alert_id": kept.id, "reminder": number})
            changed.add(kept.id)
    if not merged and not numbered:
        return
    conn.execute(sa.delete(alert).where(alert.c.id.in_(sorted(removed))))
    digests = digests_of(conn, alert, changed | removed)
    _record(conn, {"merged": merged, "numbered": numbered}, {"alert": digests})


def _fold(
    conn: sa.Connection, alert: Any, deadline_id: int, stage: str, kept: Any, copies: list[Any]
) -> dict[str, Any]:
    """Give the kept row the earliest acknowledgement of its group; say what was done."""
    seen = [r for r in (kept, *copies) if r.acknowledged_at is not None]
    first = min(seen, key=lambda r: (_aware(r.acknowledged_at), r.id), default=None)
    if first is not None and first.id != kept.id:
        conn.execute(
            sa.update(alert)
            .where(alert.c.id == kept.id)
            .values(
                acknowledged_at=first.acknowledged_at,
                acknowledged_by_id=first.acknowledged_by_id,
                note=first.note if first.note is not None else kept.note,
            )
        )
    return {
        "deadline_id": deadline_id,
        "stage": stage,
        "kept": kept.id,
        "removed": [c.id for c in copies],
        "acknowledgement_from": first.id if first is not None else None,
    }


def _record(conn: sa.Connection, detail: dict[str, Any], rows: dict[str, Any]) -> None:
    append_event(conn, at=datetime.now(UTC), action=MERGED_ACTION, detail=detail, rows=rows)

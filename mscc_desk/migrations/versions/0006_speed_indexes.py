"""Indexes for ten years of history: the handover's "since" and the alerts to acknowledge.

The handover lists cases opened or closed and clocks due since the last one
(`case.opened_at`, `case.closed_at`, `deadline.due_at`); without an index each is a
scan of the whole history. Every alert heartbeat asks which alerts nobody has
acknowledged yet: a partial index holds only those, so it stays a few rows however
many hundred thousand acknowledged alerts the years leave behind.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UNACKNOWLEDGED = sa.text("acknowledged_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_opened_at"), ["opened_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_closed_at"), ["closed_at"], unique=False)
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_due_at"), ["due_at"], unique=False)
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alert_unacknowledged",
            ["deadline_id"],
            unique=False,
            sqlite_where=UNACKNOWLEDGED,
            postgresql_where=UNACKNOWLEDGED,
        )


def downgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_unacknowledged")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_due_at"))
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_closed_at"))
        batch_op.drop_index(batch_op.f("ix_case_opened_at"))

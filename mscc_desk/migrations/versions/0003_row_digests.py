"""Audit events record the digests of the patient-data rows they wrote.

`audit_event.row_digests` holds, for each covered row (patient, case, call, assessment,
deadline, checklist item, alert, user) the transaction wrote, the SHA-256 of the row as
committed; `db check` compares every row with the newest digest the chain recorded.
Rows written before this revision were recorded by no event, so the migration ends with
one `audit.baseline` event recording the digests of every covered row as found.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from mscc_desk.store.audit import write_baseline

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("row_digests", sa.JSON(), nullable=True))
    write_baseline(
        op.get_bind(),
        at=datetime.now(UTC),
        reason="rows written before audit events recorded row digests (revision 0003)",
    )


def downgrade() -> None:
    # The hashes of events that recorded row digests include them: after a downgrade,
    # `db check` of that older version reports the chain broken at the first of them.
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("row_digests")

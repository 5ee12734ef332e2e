"""Who overrode a case's category and when; what met a clock when no checklist entry did;
instability signs that were not assessed.

An override is shown wherever the category is shown, with its reason, who made it and
when (PATHWAY.md, Overrides); a clock closed by an escalation says so instead of looking
like an MRI or a review that happened; an assessment may leave spinal instability not
assessed (NULL), which the desk prompts for instead of reading it as "none".

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("override_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("override_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_case_override_by_id_user"), "user", ["override_by_id"], ["id"]
        )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("met_by", sa.String(length=200), nullable=True))
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.alter_column("instability_signs", existing_type=sa.Boolean(), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE assessment SET instability_signs = false WHERE instability_signs IS NULL")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.alter_column("instability_signs", existing_type=sa.Boolean(), nullable=False)
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_column("met_by")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_case_override_by_id_user"), type_="foreignkey")
        batch_op.drop_column("override_at")
        batch_op.drop_column("override_by_id")

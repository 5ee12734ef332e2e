"""The service audit: the postcode -> IMD decile lookup and where it came from.

The lookup joins the ONS Postcode Directory (postcode -> LSOA) to the English Indices of
Deprivation (LSOA -> IMD decile), so the intake can fill a patient's decile from the
postcode. The read-only "manager" role needs no schema change (roles are text).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imd_postcode",
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("lsoa", sa.String(length=9), nullable=False),
        sa.Column("imd_decile", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("postcode", name=op.f("pk_imd_postcode")),
    )
    op.create_table(
        "imd_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("postcode_file", sa.String(length=260), nullable=False),
        sa.Column("deprivation_file", sa.String(length=260), nullable=False),
        sa.Column("lsoa_column", sa.String(length=40), nullable=False),
        sa.Column("edition", sa.String(length=40), nullable=False),
        sa.Column("postcode_rows", sa.Integer(), nullable=False),
        sa.Column("deprivation_rows", sa.Integer(), nullable=False),
        sa.Column("postcodes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["user.id"], name=op.f("fk_imd_import_imported_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imd_import")),
    )


def downgrade() -> None:
    op.drop_table("imd_import")
    op.drop_table("imd_postcode")

"""Initial schema: the tables of DESIGN.md (first cut), plus the draft table.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 22:03:42.044011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nhs_number", sa.String(length=10), nullable=True),
        sa.Column("hospital_number", sa.String(length=40), nullable=True),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=20), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("imd_decile", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("nhs_number", name=op.f("uq_patient_nhs_number")),
    )
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patient_hospital_number"), ["hospital_number"], unique=False
        )

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("username", name=op.f("uq_user_username")),
    )
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("category_computed", sa.String(length=30), nullable=False),
        sa.Column("category_rule", sa.String(length=30), nullable=False),
        sa.Column("category_override", sa.String(length=30), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("immobilisation_advice", sa.String(length=20), nullable=False),
        sa.Column("pathway_version", sa.String(length=40), nullable=False),
        sa.Column("suspected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=30), nullable=True),
        sa.Column("location_detail", sa.String(length=200), nullable=True),
        sa.Column("primary_site", sa.String(length=30), nullable=True),
        sa.Column("primary_site_other", sa.String(length=200), nullable=True),
        sa.Column("histology", sa.Text(), nullable=True),
        sa.Column("diagnosed_on", sa.Date(), nullable=True),
        sa.Column("known_bone_metastases", sa.String(length=10), nullable=True),
        sa.Column("previous_spinal_radiotherapy", sa.Text(), nullable=True),
        sa.Column("systemic_treatment", sa.Text(), nullable=True),
        sa.Column("treating_team", sa.Text(), nullable=True),
        sa.Column("escalation_plan", sa.Text(), nullable=True),
        sa.Column("dnacpr", sa.String(length=10), nullable=True),
        sa.Column("advice_given", sa.JSON(), nullable=True),
        sa.Column("advice_text", sa.Text(), nullable=True),
        sa.Column("plan", sa.JSON(), nullable=True),
        sa.Column("next_contact_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("ambulatory_at_discharge", sa.String(length=10), nullable=True),
        sa.Column("frankel_at_discharge", sa.String(length=1), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["user.id"], name=op.f("fk_case_closed_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_case_patient_id_patient")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
    )
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_patient_id"), ["patient_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_status"), ["status"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_audit_event_case_id_case")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_audit_event_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_case_id"), ["case_id"], unique=False)

    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=False),
        sa.Column("caller_name", sa.String(length=200), nullable=False),
        sa.Column("caller_role", sa.String(length=200), nullable=True),
        sa.Column("caller_organisation", sa.String(length=200), nullable=True),
        sa.Column("caller_ward", sa.String(length=200), nullable=True),
        sa.Column("caller_contact", sa.String(length=200), nullable=False),
        sa.Column("referral_source", sa.String(length=30), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_follow_up", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_call_case_id_case")),
        sa.ForeignKeyConstraint(
            ["taken_by_id"], ["user.id"], name=op.f("fk_call_taken_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
    )
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_case_id"), ["case_id"], unique=False)

    op.create_table(
        "checklist_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_checklist_item_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["user.id"], name=op.f("fk_checklist_item_done_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_item")),
        sa.UniqueConstraint("case_id", "key", name=op.f("uq_checklist_item_case_id")),
    )
    with op.batch_alter_table("checklist_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_item_case_id"), ["case_id"], unique=False)

    op.create_table(
        "deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("met_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("breach_reason", sa.String(length=40), nullable=True),
        sa.Column("breach_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_deadline_case_id_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline")),
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_deadline_open_due", ["met_at", "cancelled_at", "due_at"], unique=False
        )

    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_draft_case_id_case")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_draft_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft")),
    )
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"], ["user.id"], name=op.f("fk_alert_acknowledged_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadline.id"], name=op.f("fk_alert_deadline_id_deadline")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_deadline_id"), ["deadline_id"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("cancer_status", sa.String(length=20), nullable=False),
        sa.Column("suspected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("immobilised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pain_severe_unremitting", sa.Boolean(), nullable=False),
        sa.Column("pain_progressive", sa.Boolean(), nullable=False),
        sa.Column("pain_mechanical", sa.Boolean(), nullable=False),
        sa.Column("pain_straining", sa.Boolean(), nullable=False),
        sa.Column("pain_nocturnal", sa.Boolean(), nullable=False),
        sa.Column("pain_localised_tenderness", sa.Boolean(), nullable=False),
        sa.Column("pain_claudication", sa.Boolean(), nullable=False),
        sa.Column("neuro_bladder_bowel_dysfunction", sa.Boolean(), nullable=False),
        sa.Column("neuro_gait_disturbance", sa.Boolean(), nullable=False),
        sa.Column("neuro_limb_weakness", sa.Boolean(), nullable=False),
        sa.Column("neuro_neurological_signs", sa.Boolean(), nullable=False),
        sa.Column("neuro_sensory_change", sa.Boolean(), nullable=False),
        sa.Column("neuro_radicular_pain", sa.Boolean(), nullable=False),
        sa.Column("no_evidence_of_spinal_disease", sa.Boolean(), nullable=False),
        sa.Column("instability_signs", sa.Boolean(), nullable=False),
        sa.Column("pain_on_movement", sa.String(length=10), nullable=False),
        sa.Column("mscc_confirmed", sa.Boolean(), nullable=False),
        sa.Column("spinal_metastases_confirmed", sa.Boolean(), nullable=False),
        sa.Column("pain_site", sa.String(length=20), nullable=True),
        sa.Column("pain_score", sa.Integer(), nullable=True),
        sa.Column("pain_onset", sa.Date(), nullable=True),
        sa.Column("neuro_onset_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("neuro_progressing", sa.String(length=10), nullable=True),
        sa.Column("power_left", sa.Integer(), nullable=True),
        sa.Column("power_right", sa.Integer(), nullable=True),
        sa.Column("sensory_level", sa.String(length=100), nullable=True),
        sa.Column("bladder", sa.String(length=20), nullable=True),
        sa.Column("bowel", sa.String(length=20), nullable=True),
        sa.Column("frankel", sa.String(length=1), nullable=True),
        sa.Column("mobility_before", sa.String(length=20), nullable=True),
        sa.Column("mobility_now", sa.String(length=20), nullable=True),
        sa.Column("ecog", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("category_rule", sa.String(length=30), nullable=False),
        sa.Column("pathway_version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["call.id"], name=op.f("fk_assessment_call_id_call")),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"], name=op.f("fk_assessment_case_id_case")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user.id"], name=op.f("fk_assessment_recorded_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_case_id"))

    op.drop_table("assessment")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_deadline_id"))

    op.drop_table("alert")
    op.drop_table("draft")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index("ix_deadline_open_due")
        batch_op.drop_index(batch_op.f("ix_deadline_case_id"))

    op.drop_table("deadline")
    with op.batch_alter_table("checklist_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_item_case_id"))

    op.drop_table("checklist_item")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_case_id"))

    op.drop_table("call")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_case_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_status"))
        batch_op.drop_index(batch_op.f("ix_case_patient_id"))

    op.drop_table("case")
    op.drop_table("user")
    op.drop_table("setting")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_hospital_number"))

    op.drop_table("patient")

"""The database tables, as typed SQLAlchemy 2 models.

Instants are stored in UTC by `UTCDateTime` whatever the backend, because "within 24
hours" must mean 24 elapsed hours on SQLite (text) and PostgreSQL (timestamptz) alike.
`Case.version` is the optimistic-concurrency counter: a save against an old version is
refused instead of silently overwriting someone else's edit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


_from_utc_text = datetime.fromisoformat


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; a naive datetime is a bug and refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("refusing to store a datetime without a UTC offset")
        value = value.astimezone(UTC)
        # SQLite keeps text; store it naive-in-UTC so that text order is time order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """On SQLite, the stored text read straight into an aware datetime, in one C call.

        The board, the heartbeat and the handover read tens of thousands of instants;
        SQLAlchemy's parse followed by `replace(tzinfo=...)` cost ten times as much. Text
        this desk did not write that way takes the general path, with the same result.
        """
        general = super().result_processor(dialect, coltype)
        if dialect.name != "sqlite" or general is None:
            return general

        def process(value: Any) -> datetime | None:
            if value is None:
                return None
            try:
                return _from_utc_text(value + "+00:00")
            except (TypeError, ValueError):
                result: datetime | None = general(value)
                return result

        return process


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    """Someone who uses the desk. Never deleted, so the audit trail keeps its names."""

    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="coordinator")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]


class ApiToken(Base):
    """A credential an administrator issues for scripts (`mscc-desk user token`).

    The token is `mscc_<token_id>_<secret>`: `token_id` finds the row, and only an
    Argon2 hash of the secret is kept, so the database cannot give a token away. A
    token expires, can be revoked, and acts only while its user is active.
    """

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[str] = mapped_column(String(24), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime]
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class Patient(Base):
    __tablename__ = "patient"
    id: Mapped[int] = mapped_column(primary_key=True)
    nhs_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    hospital_number: Mapped[str | None] = mapped_column(String(40), index=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(10))
    imd_decile: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]

    cases: Mapped[list[Case]] = relationship(back_populates="patient")


class Case(Base):
    """One episode on the pathway: from the first call to closing."""

    __tablename__ = "case"
    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    category_computed: Mapped[str] = mapped_column(String(30))
    category_rule: Mapped[str] = mapped_column(String(30))
    category_override: Mapped[str | None] = mapped_column(String(30))
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    override_at: Mapped[datetime | None]
    immobilisation_advice: Mapped[str] = mapped_column(String(20), default="not_indicated")
    pathway_version: Mapped[str] = mapped_column(String(40))
    suspected_at: Mapped[datetime]
    opened_at: Mapped[datetime] = mapped_column(index=True)  # the handover's "since"
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    close_reason: Mapped[str | None] = mapped_column(Text)
    # Where the person is and their cancer (DATASET.md: Patient location, Cancer).
    location: Mapped[str | None] = mapped_column(String(30))
    location_detail: Mapped[str | None] = mapped_column(String(200))
    primary_site: Mapped[str | None] = mapped_column(String(30))
    primary_site_other: Mapped[str | None] = mapped_column(String(200))
    histology: Mapped[str | None] = mapped_column(Text)
    diagnosed_on: Mapped[date | None] = mapped_column(Date)
    known_bone_metastases: Mapped[str | None] = mapped_column(String(10))
    previous_spinal_radiotherapy: Mapped[str | None] = mapped_column(Text)
    systemic_treatment: Mapped[str | None] = mapped_column(Text)
    treating_team: Mapped[str | None] = mapped_column(Text)
    escalation_plan: Mapped[str | None] = mapped_column(Text)
    dnacpr: Mapped[str | None] = mapped_column(String(10))
    # Advice and plan.
    advice_given: Mapped[list[Any] | None]
    advice_text: Mapped[str | None] = mapped_column(Text)
    plan: Mapped[list[Any] | None]
    next_contact_due: Mapped[datetime | None]
    # Outcome (DATASET.md: Advice, plan and outcome).
    outcome: Mapped[str | None] = mapped_column(String(40))
    ambulatory_at_discharge: Mapped[str | None] = mapped_column(String(10))
    frankel_at_discharge: Mapped[str | None] = mapped_column(String(1))
    version: Mapped[int] = mapped_column(Integer, default=1)

    patient: Mapped[Patient] = relationship(back_populates="cases")
    calls: Mapped[list[Call]] = relationship(back_populates="case", order_by="Call.received_at")
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="case", order_by="Assessment.recorded_at"
    )
    checklist: Mapped[list[ChecklistItem]] = relationship(
        back_populates="case", order_by="ChecklistItem.position"
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="case", order_by="Deadline.due_at"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def category(self) -> str:
        return self.category_override or self.category_computed


class Call(Base):
    __tablename__ = "call"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    received_at: Mapped[datetime]
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    caller_name: Mapped[str] = mapped_column(String(200))
    caller_role: Mapped[str | None] = mapped_column(String(200))
    caller_organisation: Mapped[str | None] = mapped_column(String(200))
    caller_ward: Mapped[str | None] = mapped_column(String(200))
    caller_contact: Mapped[str] = mapped_column(String(200))
    referral_source: Mapped[str | None] = mapped_column(String(30))
    notes: Mapped[str | None] = mapped_column(Text)
    is_follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    # Made by the desk when the call is first typed: a save tried again (after the
    # network came back, or a commit whose answer was lost) finds the call instead of
    # writing it twice.
    client_key: Mapped[str | None] = mapped_column(String(36), unique=True, index=True)

    case: Mapped[Case] = relationship(back_populates="calls")
    taken_by: Mapped[User] = relationship()


class Assessment(Base):
    """The person's features at one call: the triage facts and the neurology, as columns."""

    __tablename__ = "assessment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("call.id"))
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    cancer_status: Mapped[str] = mapped_column(String(20))
    suspected_at: Mapped[datetime]
    immobilised_at: Mapped[datetime | None]
    # Box 3 pain characteristics.
    pain_severe_unremitting: Mapped[bool] = mapped_column(default=False)
    pain_progressive: Mapped[bool] = mapped_column(default=False)
    pain_mechanical: Mapped[bool] = mapped_column(default=False)
    pain_straining: Mapped[bool] = mapped_column(default=False)
    pain_nocturnal: Mapped[bool] = mapped_column(default=False)
    pain_localised_tenderness: Mapped[bool] = mapped_column(default=False)
    pain_claudication: Mapped[bool] = mapped_column(default=False)
    # Box 3 cord-compression symptoms and signs.
    neuro_bladder_bowel_dysfunction: Mapped[bool] = mapped_column(default=False)
    neuro_gait_disturbance: Mapped[bool] = mapped_column(default=False)
    neuro_limb_weakness: Mapped[bool] = mapped_column(default=False)
    neuro_neurological_signs: Mapped[bool] = mapped_column(default=False)
    neuro_sensory_change: Mapped[bool] = mapped_column(default=False)
    neuro_radicular_pain: Mapped[bool] = mapped_column(default=False)
    no_evidence_of_spinal_disease: Mapped[bool] = mapped_column(default=False)
    instability_signs: Mapped[bool | None]  # None: not assessed
    pain_on_movement: Mapped[str] = mapped_column(String(10), default="none")
    mscc_confirmed: Mapped[bool] = mapped_column(default=False)
    spinal_metastases_confirmed: Mapped[bool] = mapped_column(default=False)
    # Presentation (DATASET.md).
    pain_site: Mapped[str | None] = mapped_column(String(20))
    pain_score: Mapped[int | None] = mapped_column(Integer)
    pain_onset: Mapped[date | None] = mapped_column(Date)
    neuro_onset_at: Mapped[datetime | None]
    neuro_progressing: Mapped[str | None] = mapped_column(String(10))
    power_left: Mapped[int | None] = mapped_column(Integer)
    power_right: Mapped[int | None] = mapped_column(Integer)
    sensory_level: Mapped[str | None] = mapped_column(String(100))
    bladder: Mapped[str | None] = mapped_column(String(20))
    bowel: Mapped[str | None] = mapped_column(String(20))
    frankel: Mapped[str | None] = mapped_column(String(1))
    mobility_before: Mapped[str | None] = mapped_column(String(20))
    mobility_now: Mapped[str | None] = mapped_column(String(20))
    ecog: Mapped[int | None] = mapped_column(Integer)
    # What triage said at this assessment.
    category: Mapped[str] = mapped_column(String(30))
    category_rule: Mapped[str] = mapped_column(String(30))
    pathway_version: Mapped[str] = mapped_column(String(40))

    case: Mapped[Case] = relationship(back_populates="assessments")


class ChecklistItem(Base):
    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("case_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="checklist")


class Deadline(Base):
    """A clock of one case. The truth the alert scheduler is rebuilt from."""

    __tablename__ = "deadline"
    __table_args__ = (Index("ix_deadline_open_due", "met_at", "cancelled_at", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    due_at: Mapped[datetime] = mapped_column(index=True)  # clocks due since a handover
    met_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    breach_reason: Mapped[str | None] = mapped_column(String(40))
    breach_note: Mapped[str | None] = mapped_column(Text)
    # What met the clock when no checklist time did (an escalation that superseded it).
    met_by: Mapped[str | None] = mapped_column(String(200))

    case: Mapped[Case] = relationship(back_populates="deadlines")

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None


class Alert(Base):
    """One raise of one stage of one clock, for the whole service.

    The database itself holds "once": a stage's own raise (`reminder` NULL) is unique per
    deadline, and so is each breach reminder (`reminder` 1, 2, ...), so two desks that
    raise at the same moment write one row between them (the second insert does nothing).
    """

    __tablename__ = "alert"
    __table_args__ = (
        Index(
            "uq_alert_deadline_id_stage",
            "deadline_id",
            "stage",
            unique=True,
            sqlite_where=text("reminder IS NULL"),
            postgresql_where=text("reminder IS NULL"),
        ),
        Index("uq_alert_deadline_id_reminder", "deadline_id", "stage", "reminder", unique=True),
        # What every heartbeat reads: the few alerts still to acknowledge among the many that
        # were (partial, so it stays small however long the history).
        Index(
            "ix_alert_unacknowledged",
            "deadline_id",
            sqlite_where=text("acknowledged_at IS NULL"),
            postgresql_where=text("acknowledged_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    # NULL for the stage itself; n for the n-th reminder of an unacknowledged breach. NULL
    # rather than 0, so that rows written before revision 0007 keep their row digests.
    reminder: Mapped[int | None] = mapped_column(Integer)
    raised_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str | None] = mapped_column(Text)


class Draft(Base):
    """A call being typed, saved as it is typed so nothing is lost to a crash."""

    __tablename__ = "draft"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The call's key (`Call.client_key`): a draft kept on the PC while the database was
    # unreachable is written here once, however often the desk tries.
    client_key: Mapped[str | None] = mapped_column(String(36), unique=True, index=True)


class AuditEvent(Base):
    """Append-only: who did what, when. `prev_hash`/`hash` chain the rows together, and
    `row_digests` ties the chain to the rows of patient data it describes."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
    # The digests of the patient-data rows this event's transaction wrote, as committed
    # (store.row_digests): {table: {id: sha256 or null if deleted}}; in the chained hash.
    row_digests: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class ImdPostcode(Base):
    """The postcode -> deprivation lookup a trust loads (`mscc-desk imd import`): the ONS
    Postcode Directory joined to the English Indices of Deprivation. Reference data, not
    patient data; replaced whole by each import."""

    __tablename__ = "imd_postcode"
    postcode: Mapped[str] = mapped_column(String(8), primary_key=True)  # "SW1A 1AA"
    lsoa: Mapped[str] = mapped_column(String(9))
    imd_decile: Mapped[int] = mapped_column(Integer)


class ImdImport(Base):
    """Where the lookup came from and when: every import is kept, the newest is in use."""

    __tablename__ = "imd_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime]
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    postcode_file: Mapped[str] = mapped_column(String(260))
    deprivation_file: Mapped[str] = mapped_column(String(260))
    lsoa_column: Mapped[str] = mapped_column(String(40))  # lsoa11 or lsoa21
    edition: Mapped[str] = mapped_column(String(40))  # "IoD 2019", as the desk says it
    postcode_rows: Mapped[int] = mapped_column(Integer)
    deprivation_rows: Mapped[int] = mapped_column(Integer)
    postcodes: Mapped[int] = mapped_column(Integer)  # postcodes with a decile, now in use

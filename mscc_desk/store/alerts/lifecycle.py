"""Deadline alerts as rows: what is due to be raised, what is showing, who acknowledged it.

The `deadline` table is the truth and the `alert` table is the memory: a stage is raised
when a row for (deadline, stage) is written, so "has this been raised?" survives a closed
app, a sleeping PC and a second workstation on the same database. The scheduler in
`mscc_desk.alerts` only decides *when* to call `raise_alerts`; calling it too often is
harmless (each stage is written once), calling it late only makes the alert late, never
lost. Every function takes `now` so the 24-hour rules can be tested at any instant.

Decisions (DESIGN.md, "Alert stages"):

* Each stage (`due_soon`, `imminent`, `breached`) is raised once per deadline. Stages
  whose time passed while nobody was looking are all raised at the next check; the
  panel shows only the most urgent one, so a catch-up does not flood the desk.
* Acknowledging an alert silences that stage, and the earlier stages of the same deadline
  it supersedes; a later stage is still raised when its time comes.
* An unacknowledged breach is raised again every 30 minutes (`BREACH_REPEAT`) while the
  deadline is open. An *acknowledged* breach is raised no more: the person at the desk
  has seen it, and the next thing the pathway wants is a breach reason, not more noise.
  Recording the breach reason also acknowledges the breach.
* Meeting a deadline acknowledges its outstanding alerts and it raises nothing more.
* An unacknowledged breach stays on show even if its case was closed or its clock
  replaced, so no breach leaves the desk without someone having seen it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, not_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ...domain.clock import as_utc, format_instant
from ...domain.deadlines import BREACH_REPEAT, Stage, stage_times
from ...domain.nhs_number import format_nhs
from ...domain.pathway import default_pathway
from ..audit import EventValues, record_events
from ..board import CategoryOverride, category_override, display_name
from ..engine import Database
from ..models import Alert, Case, Deadline, Patient, User
from ..witness import newest_event
from .settings import _settings

STAGE_ORDER: dict[Stage, int] = {Stage.due_soon: 0, Stage.imminent: 1, Stage.breached: 2}
_RANK: dict[str, int] = {stage.value: order for stage, order in STAGE_ORDER.items()}  # as stored

BREACH_REASONS: dict[str, str] = {
    "mri_not_available": "MRI not available",
    "patient_declined": "Patient declined",
    "transfer_delayed": "Transfer delayed",
    "other": "Other (see note)",
}
NOTE_MAX = 2000


# --- What is running --------------------------------------------------------------------


def patient_name(patient: Patient) -> str:
    """`OKAFOR, Grace`, as the board and the handover name a patient."""
    return display_name(patient.family_name, patient.given_name)


@dataclass(frozen=True)
class OpenDeadline:
    """A running clock of an open case, with what the desk needs to name the patient."""

    deadline_id: int
    case_id: int
    key: str
    label: str
    starts_at: datetime
    due_at: datetime
    patient_name: str
    nhs_number: str | None


def _open_query() -> Any:
    return (
        select(
            Deadline.id,
            Deadline.case_id,
            Deadline.key,
            Deadline.label,
            Deadline.starts_at,
            Deadline.due_at,
            Patient.family_name,
            Patient.given_name,
            Patient.nhs_number,
        )
        .join(Case, Deadline.case_id == Case.id)
        .join(Patient, Case.patient_id == Patient.id)
        .where(*_RUNNING)
        .order_by(Deadline.due_at, Deadline.id)
    )


# A deadline still running: its case open, neither met nor cancelled.
_RUNNING = (Case.status == "open", Deadline.met_at.is_(None), Deadline.cancelled_at.is_(None))


class _Running(NamedTuple):
    """A running clock as read, before its patient's name is formatted (which is only
    done for the clocks an alert is raised for: the heartbeat reads every clock)."""

    deadline_id: int
    case_id: int
    key: str
    label: str
    starts_at: datetime
    due_at: datetime
    family_name: str
    given_name: str
    nhs_number: str | None

    def named(self) -> OpenDeadline:
        return OpenDeadline(
            deadline_id=self.deadline_id,
            case_id=self.case_id,
            key=self.key,
            label=self.label,
            starts_at=self.starts_at,
            due_at=self.due_at,
            patient_name=display_name(self.family_name, self.given_name),
            nhs_number=format_nhs(self.nhs_number) if self.nhs_number else None,
        )


def _running(session: Session) -> list[_Running]:
    """Read as plain columns, not as objects, through the connection (no ORM row
    loading)."""
    return [_Running(*row) for row in session.connection().execute(_open_query()).all()]


def open_deadlines(db: Database) -> list[OpenDeadline]:
    """Deadlines of open cases that are neither met nor cancelled, soonest first."""
    with db.read_session() as session:
        return [r.named() for r in _running(session)]


class _Written(NamedTuple):
    """What planning needs of an alert row already written."""

    id: int
    stage: str
    raised_at: datetime
    acknowledged_at: datetime | None


def _running_and_alerts(
    session: Session, lock: bool = False
) -> tuple[list[_Running], dict[int, list[_Written]]]:
    """Every running clock, soonest first, and the alert rows of each, oldest first: one
    read (the clocks outer-joined to their alerts), which the heartbeat makes at each
    change. On PostgreSQL the deadline rows are locked as they are read."""
    stmt = (
        _open_query()
        .add_columns(Alert.id, Alert.stage, Alert.raised_at, Alert.acknowledged_at)
        .outerjoin(Alert, Alert.deadline_id == Deadline.id)
        .order_by(Alert.raised_at, Alert.id)
    )
    if lock:
        # On PostgreSQL two desks could raise the same stage at once; locking the
        # deadline rows makes the second wait and then see the first one's alert rows.
        # SQLite already serialises writers (BEGIN IMMEDIATE) and SQLAlchemy leaves FOR
        # UPDATE out there.
        stmt = stmt.with_for_update(of=Deadline)
    running: list[_Running] = []
    alerts: dict[int, list[_Written]] = defaultdict(list)
    last = None
    for row in session.connection().execute(stmt).all():
        deadline_id = row[0]
        if deadline_id != last:
            running.append(_Running(*row[:9]))
            last = deadline_id
        if row[9] is not None:
            alerts[deadline_id].append(_Written(row[9], row[10], row[11], row[12]))
    return running, alerts


# --- Raising ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingAlert:
    """A stage whose time has come and that has not been written yet.

    `at` is when it fell due: the stage time, or for a breach reminder 30 minutes after
    the previous breach alert. `now - at` is how late it is being raised.
    """

    deadline: OpenDeadline
    stage: Stage
    at: datetime
    repeat: bool
    # Which reminder of the breach this is (1, 2, ...); None for the stage itself. With
    # the deadline and stage it is the row's key: one row per key, whoever writes it.
    reminder: int | None = None


class ScheduledAlert(NamedTuple):
    """A stage that will fall due later: what the scheduler arms a job for (a tuple, as
    a heartbeat plans one for every stage of every running clock)."""

    deadline_id: int
    stage: Stage
    at: datetime
    repeat: bool


def _breach_repeat_at(rows: list[_Written]) -> datetime | None:
    """When an unacknowledged breach is next raised again; None if it is not to be."""
    breaches = [r for r in rows if r.stage == Stage.breached]
    if not breaches or any(r.acknowledged_at is not None for r in breaches):
        return None
    last = max(breaches, key=lambda r: (r.raised_at, r.id))
    return last.raised_at + BREACH_REPEAT


def _plan(
    deadlines: list[_Running],
    alerts: Mapping[int, list[_Written]],
    now: datetime,
    leads: Mapping[Stage, timedelta],
) -> tuple[list[PendingAlert], list[ScheduledAlert]]:
    """What is due at `now` and what falls due later, from the rows as read (pure)."""
    pending: list[PendingAlert] = []
    later: list[ScheduledAlert] = []
    # How long before the due time each stage comes: the same for every clock.
    anchor = now
    before = [(stage, anchor - at) for stage, at in stage_times(anchor, leads).items()]
    for d in deadlines:
        rows = alerts.get(d.deadline_id, [])
        raised = {r.stage for r in rows}
        for stage, lead in before:
            if stage in raised:
                continue
            at = d.due_at - lead
            if at <= now:
                pending.append(PendingAlert(d.named(), stage, at, repeat=False))
            else:
                later.append(ScheduledAlert(d.deadline_id, stage, at, repeat=False))
        again = _breach_repeat_at(rows) if rows else None
        if again is not None:
            if again <= now:
                reminder = sum(1 for r in rows if r.stage == Stage.breached)
                pending.append(PendingAlert(d.named(), Stage.breached, again, True, reminder))
            else:
                later.append(ScheduledAlert(d.deadline_id, Stage.breached, again, repeat=True))
    pending.sort(key=lambda p: (p.at, p.deadline.deadline_id, STAGE_ORDER[p.stage]))
    later.sort(key=lambda s: (s.at, s.deadline_id, STAGE_ORDER[s.stage]))
    return pending, later


def _read_plan(
    session: Session, now: datetime, leads: Mapping[Stage, timedelta] | None
) -> tuple[list[PendingAlert], list[ScheduledAlert]]:
    running, alerts = _running_and_alerts(session)
    return _plan(running, alerts, now, leads or _settings(session).leads())


def due_alerts(
    db: Database, now: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> list[PendingAlert]:
    """What `raise_alerts` would write at `now` (read-only)."""
    now = as_utc(now)
    with db.read_session() as session:
        return _read_plan(session, now, leads)[0]


def upcoming_alerts(
    db: Database, now: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> list[ScheduledAlert]:
    """Stages and breach reminders that fall due after `now`, soonest first."""
    now = as_utc(now)
    with db.read_session() as session:
        return _read_plan(session, now, leads)[1]


def next_fire_time(
    db: Database, now: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> datetime | None:
    """The earliest instant after `now` at which something will need raising."""
    later = upcoming_alerts(db, now, leads)
    return later[0].at if later else None


@dataclass(frozen=True)
class RaisedAlert:
    """One alert row with everything a person needs to act on it."""

    alert_id: int
    deadline_id: int
    case_id: int
    patient_name: str
    nhs_number: str | None
    deadline_key: str
    label: str
    due_at: datetime
    stage: Stage
    raised_at: datetime
    repeat: bool = False
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    note: str | None = None
    breach_reason: str | None = None
    breach_note: str | None = None
    # "open", "met", "cancelled" or "case closed": an unacknowledged breach stays on
    # show after its clock stopped running, and the panel says why it is still there.
    deadline_state: str = "open"
    met_at: datetime | None = None
    # When it fell due (stage time or reminder time); known only as it is raised.
    fell_due_at: datetime | None = None
    # The case's category override, shown with the alert: a clock of an overridden case
    # is read knowing that the category was set by hand, by whom and why.
    override: CategoryOverride | None = None

    @property
    def lateness(self) -> timedelta | None:
        """How long after it fell due it was raised: the number the scheduler is judged by."""
        return None if self.fell_due_at is None else self.raised_at - self.fell_due_at


def raise_alerts(
    db: Database, now: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> list[RaisedAlert]:
    """Write every due alert row and its `alert.raised` event, all in one transaction."""
    return check_alerts(db, now, leads).raised


@dataclass(frozen=True)
class AlertCheck:
    """One check of the deadline table: what it raised, what falls due next, what shows."""

    raised: list[RaisedAlert]
    upcoming: list[ScheduledAlert]  # as `upcoming_alerts` at the same instant, after the raise
    showing: tuple[int, ...]  # the ids `active_alerts` returns, in its order
    # What the check read: the audit chain's head (id, hash) and the lead times in minutes.
    read: tuple[int | None, str | None, int, int] = (None, None, 0, 0)

    def still_holds(self, read: tuple[int | None, str | None, int, int], now: datetime) -> bool:
        """Nothing was written since this check (every change the app makes to a case, a
        clock or an alert appends to the audit chain, so its head moves) and nothing it
        planned has fallen due: a new check would raise nothing and plan the same."""
        return read == self.read and (not self.upcoming or self.upcoming[0].at > now)


def _what_was_read(session: Session) -> tuple[int | None, str | None, int, int]:
    head = newest_event(session)
    settings = _settings(session)
    return (
        head[0] if head else None,
        head[1] if head else None,
        settings.due_soon_minutes,
        settings.imminent_minutes,
    )


def check_alerts(
    db: Database,
    now: datetime,
    leads: Mapping[Stage, timedelta] | None = None,
    previous: AlertCheck | None = None,
) -> AlertCheck:
    """Raise what is due at `now`, then plan what comes later, in one transaction.

    The scheduler's heartbeat: the running clocks and their alert rows are read once;
    the rows written here are added to what was read, so the plan of what comes later is
    the one a fresh read would give. Given the `previous` check, a heartbeat that finds
    nothing written since and nothing fallen due returns it (with nothing raised) after
    one short read, instead of reading every running clock again.
    """
    now = as_utc(now)
    if previous is not None and leads is None:
        with db.read_session() as session:
            if previous.still_holds(_what_was_read(session), now):
                return replace(previous, raised=[])
    with db.session() as session:
        leads = leads or _settings(session).leads()
        deadlines, alerts = _running_and_alerts(session, lock=True)
        pending, later = _plan(deadlines, alerts, now, leads)
        raised = _write_alerts(session, pending, now)
        touched: set[int] = set()
        for row in session.info.pop(_NEW_ROWS, []):
            touched.add(row.deadline_id)
            alerts.setdefault(row.deadline_id, []).append(
                _Written(row.id, row.stage, row.raised_at, row.acknowledged_at)
            )
        if touched:  # plan those clocks again with their new rows (a breach repeats)
            _, again = _plan([d for d in deadlines if d.deadline_id in touched], alerts, now, leads)
            later = [s for s in later if s.deadline_id not in touched] + again
            later.sort(key=lambda s: (s.at, s.deadline_id, STAGE_ORDER[s.stage]))
        showing = tuple(shown.alert_id for shown in _showing(session, deadlines, alerts))
        # Read inside the transaction: a write by another desk after it must not pass for
        # this one's. (The commit re-hashes the last event with its row digests, so after
        # a raise the next heartbeat reads everything once more: safe, and rare.)
        read = _what_was_read(session)
    return AlertCheck(raised, later, showing, read)


PASSED_NOTE = "passed: a later stage was already due when the desk raised it"
_NEW_ROWS = "mscc_desk.new_alert_rows"  # session.info: the Alert rows `_write_alerts` added


class _NewRow(NamedTuple):
    """An alert row this transaction wrote, as the plan after the raise reads it."""

    id: int
    deadline_id: int
    stage: str
    raised_at: datetime
    acknowledged_at: datetime | None


def _insert_once(
    session: Session, values: list[dict[str, Any]]
) -> dict[tuple[int, str, int | None], int]:
    """Write the alert rows whose key is not there yet; the id of each row written, by
    its key (deadline, stage, reminder).

    The key is unique in the database, so when two desks raise the same stage at the
    same moment the second insert does nothing, on SQLite and PostgreSQL alike: no error
    reaches anyone, and the caller records no raise that did not happen. A catch-up of
    thousands of stages is a few statements, not one a stage.
    """
    dialect = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    # One statement, its rows as parameters: SQLAlchemy batches them into multi-row
    # INSERTs itself ("insertmanyvalues") from one compiled statement, where a VALUES
    # clause of hundreds of rows was compiled afresh each time.
    stmt = (
        dialect(Alert)
        .on_conflict_do_nothing()
        .returning(Alert.id, Alert.deadline_id, Alert.stage, Alert.reminder)
    )
    return {
        (deadline_id, stage, reminder): alert_id
        for alert_id, deadline_id, stage, reminder in session.execute(stmt, values)
    }


def _write_alerts(
    session: Session, pending: list[PendingAlert], now: datetime
) -> list[RaisedAlert]:
    """Of the stages of one clock due at once (the desk was closed, the PC asleep), raise
    only the most urgent: three alerts in one minute for one clock is noise that hides
    the one that matters. The earlier stages are written as passed, so each stage is
    still recorded once and never raised later.

    The rows go in a few insert-once statements and their events in one chained append,
    in the order the desk has always written them (the passed stages first), so a
    catch-up of thousands of stages is a handful of statements, not three per stage.
    """
    latest: dict[int, PendingAlert] = {}
    for p in pending:
        if p.repeat:
            continue
        seen = latest.get(p.deadline.deadline_id)
        if seen is None or STAGE_ORDER[p.stage] > STAGE_ORDER[seen.stage]:
            latest[p.deadline.deadline_id] = p
    passed: list[tuple[PendingAlert, PendingAlert]] = []
    kept: list[PendingAlert] = []
    for p in pending:
        top = latest.get(p.deadline.deadline_id)
        if p.repeat or top is None or p is top:
            kept.append(p)
        else:
            passed.append((p, top))

    def row(p: PendingAlert, done: bool) -> dict[str, Any]:
        return {
            "deadline_id": p.deadline.deadline_id,
            "stage": p.stage.value,
            "reminder": p.reminder,
            "raised_at": now,
            "acknowledged_at": now if done else None,
            "note": PASSED_NOTE if done else None,
        }

    values = [row(p, True) for p, _ in passed] + [row(p, False) for p in kept]
    if not values:
        return []
    written = _insert_once(session, values)

    def id_of(p: PendingAlert) -> int | None:
        return written.get((p.deadline.deadline_id, p.stage.value, p.reminder))

    # Another desk may have written some of them first: they show here from its rows.
    passed = [(p, top) for p, top in passed if id_of(p) is not None]
    kept = [p for p in kept if id_of(p) is not None]
    done = {id_of(p) for p, _ in passed}
    session.info[_NEW_ROWS] = [
        _NewRow(alert_id, deadline_id, stage, now, now if alert_id in done else None)
        for (deadline_id, stage, _reminder), alert_id in written.items()
    ]
    events: list[EventValues] = [
        EventValues(
            at=now,
            action="alert.passed",
            case_id=p.deadline.case_id,
            detail={
                "alert_id": id_of(p),
                "deadline_id": p.deadline.deadline_id,
                "deadline": p.deadline.key,
                "stage": p.stage.value,
                "superseded_by": top.stage.value,
                "fell_due_at": format_instant(p.at),
            },
        )
        for p, top in passed
    ]
    events += [
        EventValues(
            at=now,
            action="alert.raised",
            case_id=p.deadline.case_id,
            detail={
                "alert_id": id_of(p),
                "deadline_id": p.deadline.deadline_id,
                "deadline": p.deadline.key,
                "stage": p.stage.value,
                "due_at": format_instant(p.deadline.due_at),
                "fell_due_at": format_instant(p.at),
                "repeat": p.repeat,
            },
        )
        for p in kept
    ]
    if events:
        record_events(session, events)
    return [
        RaisedAlert(
            alert_id=written[(p.deadline.deadline_id, p.stage.value, p.reminder)],
            deadline_id=p.deadline.deadline_id,
            case_id=p.deadline.case_id,
            patient_name=p.deadline.patient_name,
            nhs_number=p.deadline.nhs_number,
            deadline_key=p.deadline.key,
            label=p.deadline.label,
            due_at=p.deadline.due_at,
            stage=p.stage,
            raised_at=now,
            repeat=p.repeat,
            fell_due_at=p.at,
        )
        for p in kept
    ]


# --- What is showing --------------------------------------------------------------------


def _state(met_at: datetime | None, cancelled_at: datetime | None, case_status: str) -> str:
    if met_at is not None:
        return "met"
    if cancelled_at is not None:
        return "cancelled"
    if case_status != "open":
        return "case closed"
    return "open"


def active_alerts(db: Database, now: datetime) -> list[RaisedAlert]:
    """The alerts to show: most urgent first.

    For each running deadline, its most recent alert if nobody has acknowledged it (an
    older stage that a newer one superseded is not shown); plus any unacknowledged
    breach, even of a clock that has stopped running.
    """
    as_utc(now)
    with db.read_session() as session:
        return _active(session)


class _Shown(NamedTuple):
    alert_id: int
    stage: Stage
    due_at: datetime
    state: str
    repeat: bool


def _showing(
    session: Session,
    running: list[_Running] | None = None,
    alerts: Mapping[int, list[_Written]] | None = None,
) -> list[_Shown]:
    """Which alerts show, most urgent first.

    The running clocks and all their alert rows are what the heartbeat has just read
    (and written): only the alerts of stopped clocks, an unacknowledged breach left on
    show, are read here, through the partial index of unacknowledged alerts.
    """
    if running is None or alerts is None:
        running, alerts = _running_and_alerts(session)
    unacked = select(Alert.deadline_id).where(Alert.acknowledged_at.is_(None))
    stopped = session.connection().execute(
        select(
            Alert.deadline_id,
            Alert.id,
            Alert.stage,
            Alert.raised_at,
            Alert.acknowledged_at,
            Deadline.due_at,
            Deadline.met_at,
            Deadline.cancelled_at,
            Case.status,
        )
        .join(Deadline, Alert.deadline_id == Deadline.id)
        .join(Case, Deadline.case_id == Case.id)
        .where(Alert.deadline_id.in_(unacked), not_(and_(*_RUNNING)))
    )
    # (deadline, alert, stage, raised, acknowledged, due, state) of every row that counts.
    rows: list[tuple[int, int, str, datetime, datetime | None, datetime, str]] = [
        (r.deadline_id, w.id, w.stage, w.raised_at, w.acknowledged_at, r.due_at, "open")
        for r in running
        for w in alerts.get(r.deadline_id, ())
    ]
    rows += [
        (d, a, stage, raised, acked, due, _state(met, cancelled, status))
        for d, a, stage, raised, acked, due, met, cancelled, status in stopped.all()
    ]
    # One pass: each deadline's top alert (most urgent stage, then latest) and its breaches.
    top: dict[int, tuple[tuple[int, datetime, int], tuple[Any, ...]]] = {}
    breaches: dict[int, int] = defaultdict(int)
    for row in rows:
        deadline_id, alert_id, stage, raised_at = row[:4]
        if stage == Stage.breached:
            breaches[deadline_id] += 1
        rank = (_RANK[stage], raised_at, alert_id)
        seen = top.get(deadline_id)
        if seen is None or rank > seen[0]:
            top[deadline_id] = (rank, row)
    out: list[_Shown] = []
    for deadline_id, (_, row) in top.items():
        _, alert_id, stage, _, acknowledged_at, due_at, state = row
        if acknowledged_at is not None or (state != "open" and stage != Stage.breached):
            continue
        repeat = stage == Stage.breached and breaches[deadline_id] > 1
        out.append(_Shown(alert_id, Stage(stage), due_at, state, repeat))
    out.sort(key=lambda a: (-STAGE_ORDER[a.stage], a.due_at, a.alert_id))
    return out


def _active(session: Session) -> list[RaisedAlert]:
    """The alerts `_showing` picks, with everything a person needs to act on them."""
    shown = _showing(session)
    if not shown:
        return []
    rows = session.execute(
        select(Alert, Deadline, Case, Patient)
        .join(Deadline, Alert.deadline_id == Deadline.id)
        .join(Case, Deadline.case_id == Case.id)
        .join(Patient, Case.patient_id == Patient.id)
        .where(Alert.id.in_([s.alert_id for s in shown]))
    )
    found = {alert.id: (alert, deadline, case, patient) for alert, deadline, case, patient in rows}
    names = dict(session.execute(select(User.id, User.display_name)).all())
    pathway = default_pathway()
    out: list[RaisedAlert] = []
    for s in shown:
        alert, deadline, case, patient = found[s.alert_id]
        out.append(
            _view(
                alert,
                deadline,
                patient,
                s.state,
                repeat=s.repeat,
                override=category_override(case, pathway, names.get(case.override_by_id or -1)),
            )
        )
    return out


def _view(
    alert: Alert,
    deadline: Deadline,
    patient: Patient,
    state: str,
    repeat: bool,
    acknowledged_by: str | None = None,
    override: CategoryOverride | None = None,
) -> RaisedAlert:
    return RaisedAlert(
        alert_id=alert.id,
        deadline_id=deadline.id,
        case_id=deadline.case_id,
        patient_name=patient_name(patient),
        nhs_number=format_nhs(patient.nhs_number) if patient.nhs_number else None,
        deadline_key=deadline.key,
        label=deadline.label,
        due_at=deadline.due_at,
        stage=Stage(alert.stage),
        raised_at=alert.raised_at,
        repeat=repeat,
        acknowledged_at=alert.acknowledged_at,
        acknowledged_by=acknowledged_by,
        note=alert.note,
        breach_reason=deadline.breach_reason,
        breach_note=deadline.breach_note,
        deadline_state=state,
        met_at=deadline.met_at,
        override=override,
    )


def alerts_of_deadline(db: Database, deadline_id: int) -> list[RaisedAlert]:
    """Every alert row of one deadline, oldest first, with who acknowledged it."""
    with db.read_session() as session:
        rows = session.execute(
            select(Alert, Deadline, Case, Patient, User)
            .join(Deadline, Alert.deadline_id == Deadline.id)
            .join(Case, Deadline.case_id == Case.id)
            .join(Patient, Case.patient_id == Patient.id)
            .outerjoin(User, Alert.acknowledged_by_id == User.id)
            .where(Alert.deadline_id == deadline_id)
            .order_by(Alert.raised_at, Alert.id)
        )
        out: list[RaisedAlert] = []
        breaches = 0
        for alert, deadline, case, patient, user in rows:
            if alert.stage == Stage.breached:
                breaches += 1
            out.append(
                _view(
                    alert,
                    deadline,
                    patient,
                    _state(deadline.met_at, deadline.cancelled_at, case.status),
                    repeat=alert.stage == "breached" and breaches > 1,
                    acknowledged_by=user.username if user is not None else None,
                )
            )
        return out

"""Alert rows (`store.alerts`): each stage once, acknowledgement per stage, breach reminders.

Real databases (SQLite files in tmp_path; PostgreSQL too where marked), cases made by
`record_call`, and a FakeClock: every instant below is chosen, none is "now". 2027-03-27
is the Saturday before the March clock change, 2027-10-30 the Saturday before October's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import format_london
from mscc_desk.domain.deadlines import BREACH_REPEAT, Stage
from mscc_desk.domain.errors import InputError
from mscc_desk.store import alerts as al
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import Alert, AuditEvent, Case, Setting, User
from mscc_desk.store.settings import set_setting
from tests.alerts.helpers import USER, fake_clock, mri_deadline, new_case, nhs

T0 = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)  # suspected; the MRI is due 24 h later
DUE = T0 + timedelta(hours=24)
SECOND = timedelta(seconds=1)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "alerts.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def any_db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def make_case(db: Database, suspected_at: datetime = T0, n: int = 1) -> tuple[int, int]:
    """An emergency case; returns (case id, MRI deadline id)."""
    clock = fake_clock(suspected_at + timedelta(minutes=10))
    out = new_case(db, clock, suspected_at, nhs_number=nhs(n), family=f"Patient{n}")
    return out.case_id, mri_deadline(db, out.case_id).id


def stages(raised: list[al.RaisedAlert], deadline_id: int | None = None) -> list[Stage]:
    return [a.stage for a in raised if deadline_id is None or a.deadline_id == deadline_id]


def audit_count(db: Database, action: str) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


# --- Lead-time settings -------------------------------------------------------------------


def test_lead_times_default_to_four_hours_and_one_hour(db: Database) -> None:
    assert al.lead_times(db) == {
        Stage.due_soon: timedelta(hours=4),
        Stage.imminent: timedelta(hours=1),
    }
    assert al.alert_settings(db).sound is False


@pytest.mark.parametrize(
    ("due_soon", "imminent", "field"),
    [
        (0, 60, al.DUE_SOON_KEY),
        (-30, 60, al.DUE_SOON_KEY),
        (240, 0, al.IMMINENT_KEY),
        (60, 60, al.IMMINENT_KEY),  # imminent must come after due soon
        (60, 90, al.IMMINENT_KEY),
        ("240", 60, al.DUE_SOON_KEY),  # a number, not text
        (True, 60, al.DUE_SOON_KEY),
        (240, 1.5, al.IMMINENT_KEY),
        (al.MAX_LEAD_MINUTES + 1, 60, al.DUE_SOON_KEY),
    ],
)
def test_lead_times_are_validated_naming_the_field(
    db: Database, due_soon: object, imminent: object, field: str
) -> None:
    with pytest.raises(InputError) as err:
        al.set_lead_times(
            db, due_soon_minutes=due_soon, imminent_minutes=imminent, user=USER, now=T0
        )
    assert err.value.field == field
    assert al.lead_times(db) == al.AlertSettings().leads()  # nothing was written
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Setting)) == 0


def test_saved_lead_times_move_the_stages_and_are_audited(db: Database) -> None:
    al.set_lead_times(db, due_soon_minutes=120, imminent_minutes=30, user=USER, now=T0)
    assert al.lead_times(db) == {
        Stage.due_soon: timedelta(hours=2),
        Stage.imminent: timedelta(minutes=30),
    }
    assert audit_count(db, "settings.changed") == 1
    _, deadline = make_case(db)
    assert al.due_alerts(db, DUE - timedelta(hours=2) - SECOND) == []
    assert [p.stage for p in al.due_alerts(db, DUE - timedelta(hours=2))] == [Stage.due_soon]
    assert al.next_fire_time(db, DUE - timedelta(hours=3)) == DUE - timedelta(hours=2)
    al.set_sound(db, True, user=USER, now=T0)
    assert al.alert_settings(db) == al.AlertSettings(120, 30, True)


def test_a_damaged_stored_lead_time_falls_back_to_the_default(db: Database) -> None:
    # Somebody edits the table by hand: the alarms must not go quiet.
    with db.session() as s:
        set_setting(s, al.DUE_SOON_KEY, "soon", T0)
        set_setting(s, al.IMMINENT_KEY, "9999999", T0)
    assert al.lead_times(db) == al.AlertSettings().leads()


# --- Which deadlines run, and when their stages come --------------------------------------


def test_open_deadlines_name_the_patient(db: Database) -> None:
    case_id, deadline_id = make_case(db)
    (row,) = al.open_deadlines(db)
    assert row.deadline_id == deadline_id
    assert row.case_id == case_id
    assert row.patient_name == "PATIENT1, Grace"
    number = nhs(1)
    assert row.nhs_number == f"{number[:3]} {number[3:6]} {number[6:]}"
    assert row.label == "MRI within 24 h"
    assert row.due_at == DUE


def test_stage_times_four_hours_one_hour_and_at_due(db: Database) -> None:
    _, d = make_case(db)
    assert al.due_alerts(db, DUE - timedelta(hours=4) - SECOND) == []
    assert stages_of(al.due_alerts(db, DUE - timedelta(hours=4))) == [Stage.due_soon]
    assert stages_of(al.due_alerts(db, DUE - timedelta(hours=1))) == [
        Stage.due_soon,
        Stage.imminent,
    ]
    pending = al.due_alerts(db, DUE)
    assert stages_of(pending) == [Stage.due_soon, Stage.imminent, Stage.breached]
    assert [p.at for p in pending] == [DUE - timedelta(hours=4), DUE - timedelta(hours=1), DUE]
    assert al.next_fire_time(db, T0) == DUE - timedelta(hours=4)
    assert [(s.stage, s.at) for s in al.upcoming_alerts(db, DUE - timedelta(hours=2))] == [
        (Stage.imminent, DUE - timedelta(hours=1)),
        (Stage.breached, DUE),
    ]


def stages_of(pending: list[al.PendingAlert]) -> list[Stage]:
    return [p.stage for p in pending]


def test_each_stage_is_raised_once_with_an_audit_event(any_db: Database) -> None:
    db = any_db
    case_id, d = make_case(db)
    assert stages(al.raise_alerts(db, DUE - timedelta(hours=4))) == [Stage.due_soon]
    assert al.raise_alerts(db, DUE - timedelta(hours=4)) == []
    assert al.raise_alerts(db, DUE - timedelta(hours=3)) == []
    (imminent,) = al.raise_alerts(db, DUE - timedelta(minutes=59))
    assert imminent.stage is Stage.imminent
    assert imminent.lateness == timedelta(minutes=1)
    (breach,) = al.raise_alerts(db, DUE)
    assert (breach.stage, breach.case_id, breach.deadline_id) == (Stage.breached, case_id, d)
    assert (breach.patient_name, breach.label, breach.due_at) == (
        "PATIENT1, Grace",
        "MRI within 24 h",
        DUE,
    )
    assert breach.nhs_number is not None and breach.lateness == timedelta(0)
    assert al.raise_alerts(db, DUE + timedelta(minutes=29)) == []
    assert audit_count(db, "alert.raised") == 3
    with db.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "alert.raised").order_by(AuditEvent.id)
        ).all()
        assert [e.detail["stage"] for e in events] == ["due_soon", "imminent", "breached"]
        assert all(e.case_id == case_id and e.user_id is None for e in events)


def test_catch_up_raises_the_current_stage_only_and_records_the_others_as_passed(
    db: Database,
) -> None:
    _, d = make_case(db)
    raised = al.raise_alerts(db, DUE + timedelta(hours=2))  # the app was closed all night
    assert stages(raised) == [Stage.breached]
    assert [a.lateness for a in raised] == [timedelta(hours=2)]
    (shown,) = al.active_alerts(db, DUE + timedelta(hours=2))
    assert shown.stage is Stage.breached and not shown.repeat
    rows = al.alerts_of_deadline(db, d)
    passed = [r.stage for r in rows if r.note == al.PASSED_NOTE]
    assert passed == [Stage.due_soon, Stage.imminent]
    assert all(r.acknowledged_at is not None for r in rows if r.note == al.PASSED_NOTE)
    # Recorded once: never raised later.
    assert al.raise_alerts(db, DUE + timedelta(hours=2, minutes=1)) == []


# --- Acknowledgement ----------------------------------------------------------------------


def test_acknowledging_due_soon_does_not_silence_imminent(db: Database) -> None:
    case_id, d = make_case(db)
    (due_soon,) = al.raise_alerts(db, DUE - timedelta(hours=4))
    at = DUE - timedelta(hours=3, minutes=50)
    assert al.acknowledge(db, due_soon.alert_id, USER, at, note=" MRI requested ") == [
        due_soon.alert_id
    ]
    assert al.active_alerts(db, at) == []
    with db.session() as s:
        row = s.get(Alert, due_soon.alert_id)
        assert row is not None
        assert row.acknowledged_at == at and row.note == "MRI requested"
        user = s.get(User, row.acknowledged_by_id)
        assert user is not None and user.username == USER
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "alert.acknowledged"))
        assert event is not None and event.case_id == case_id
        assert event.detail["stage"] == "due_soon" and event.detail["note"] == "MRI requested"
    (imminent,) = al.raise_alerts(db, DUE - timedelta(hours=1))
    assert imminent.stage is Stage.imminent
    (shown,) = al.active_alerts(db, DUE - timedelta(hours=1))
    assert shown.alert_id == imminent.alert_id


def test_acknowledging_a_later_stage_covers_the_earlier_ones(db: Database) -> None:
    _, d = make_case(db)
    (due_soon,) = al.raise_alerts(db, DUE - timedelta(hours=4))
    (imminent,) = al.raise_alerts(db, DUE - timedelta(hours=1))
    (breach,) = al.raise_alerts(db, DUE + timedelta(minutes=5))
    ids = al.acknowledge(db, breach.alert_id, USER, DUE + timedelta(minutes=6))
    assert sorted(ids) == sorted([due_soon.alert_id, imminent.alert_id, breach.alert_id])
    assert all(a.acknowledged_at is not None for a in al.alerts_of_deadline(db, d))
    assert all(a.acknowledged_by == USER for a in al.alerts_of_deadline(db, d))


def test_acknowledging_twice_or_unknown_or_unsigned_is_refused(db: Database) -> None:
    make_case(db)
    (a,) = al.raise_alerts(db, DUE - timedelta(hours=4))
    al.acknowledge(db, a.alert_id, USER, DUE - timedelta(hours=4))
    with pytest.raises(InputError, match="already acknowledged by coord") as err:
        al.acknowledge(db, a.alert_id, "registrar", DUE - timedelta(hours=3))
    assert err.value.field == "alert"
    with pytest.raises(InputError) as err:
        al.acknowledge(db, 999, USER, DUE)
    assert err.value.field == "alert"
    (b,) = al.raise_alerts(db, DUE - timedelta(hours=1))
    with pytest.raises(InputError) as err:
        al.acknowledge(db, b.alert_id, "", DUE)
    assert err.value.field == "user"


# --- Breach reminders ---------------------------------------------------------------------


def test_an_unacknowledged_breach_is_raised_again_every_30_minutes(db: Database) -> None:
    _, d = make_case(db)
    al.raise_alerts(db, DUE - timedelta(hours=4))
    al.raise_alerts(db, DUE - timedelta(hours=1))
    (first,) = al.raise_alerts(db, DUE)
    assert not first.repeat
    assert al.next_fire_time(db, DUE) == DUE + BREACH_REPEAT
    assert al.raise_alerts(db, DUE + BREACH_REPEAT - SECOND) == []
    (second,) = al.raise_alerts(db, DUE + BREACH_REPEAT)
    assert second.stage is Stage.breached and second.repeat
    # A reminder is timed from the last one actually raised (here 5 min late).
    (third,) = al.raise_alerts(db, DUE + 2 * BREACH_REPEAT + timedelta(minutes=5))
    assert third.repeat and third.lateness == timedelta(minutes=5)
    assert al.next_fire_time(db, third.raised_at) == third.raised_at + BREACH_REPEAT
    # Asleep for three hours: one reminder at wake-up, not six.
    assert len(al.raise_alerts(db, third.raised_at + timedelta(hours=3))) == 1
    shown = al.active_alerts(db, third.raised_at + timedelta(hours=3))
    assert len(shown) == 1 and shown[0].stage is Stage.breached and shown[0].repeat

    at = third.raised_at + timedelta(hours=3, minutes=1)
    acked = al.acknowledge(db, shown[0].alert_id, USER, at, note="MRI at 14:00")
    assert len(acked) == 6  # the breach, its three reminders, and the two earlier stages
    assert al.active_alerts(db, at) == []
    # An acknowledged breach is raised no more.
    assert al.next_fire_time(db, at) is None
    assert al.raise_alerts(db, at + timedelta(hours=5)) == []
    assert [a.stage for a in al.alerts_of_deadline(db, d)].count(Stage.breached) == 4


# --- Meeting a deadline -------------------------------------------------------------------


def test_meeting_a_deadline_cancels_its_pending_alerts(any_db: Database) -> None:
    db = any_db
    case_id, d = make_case(db)
    (due_soon,) = al.raise_alerts(db, DUE - timedelta(hours=4))
    met = DUE - timedelta(hours=2)
    acked = al.meet_deadline(db, d, met, USER, met + timedelta(minutes=1))
    assert acked == [due_soon.alert_id]
    assert al.open_deadlines(db) == []
    assert al.active_alerts(db, DUE + timedelta(hours=1)) == []
    assert al.due_alerts(db, DUE + timedelta(hours=5)) == []
    assert al.raise_alerts(db, DUE + timedelta(hours=5)) == []
    assert al.next_fire_time(db, met) is None
    (row,) = al.alerts_of_deadline(db, d)
    assert row.note == "deadline met" and row.acknowledged_by == USER
    assert row.deadline_state == "met" and row.met_at == met
    with db.session() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "deadline.met"))
        assert event is not None and event.case_id == case_id
        assert event.detail["late"] is False and event.detail["acknowledged"] == acked


def test_meeting_a_deadline_is_checked(db: Database) -> None:
    _, d = make_case(db)
    now = DUE - timedelta(hours=2)
    with pytest.raises(InputError) as err:
        al.meet_deadline(db, d, now + timedelta(minutes=5), USER, now)
    assert err.value.field == "met_at"  # in the future
    with pytest.raises(InputError) as err:
        al.meet_deadline(db, d, T0 - timedelta(minutes=1), USER, now)
    assert err.value.field == "met_at"  # before the clock started
    with pytest.raises(InputError) as err:
        al.meet_deadline(db, d, datetime(2027, 3, 28, 7, 0), USER, now)  # naive
    assert err.value.field == "met_at"
    with pytest.raises(InputError) as err:
        al.meet_deadline(db, 999, now, USER, now)
    assert err.value.field == "deadline"
    al.meet_deadline(db, d, now, USER, now)
    with pytest.raises(InputError, match="already met") as err:
        al.meet_deadline(db, d, now, USER, now)
    assert err.value.field == "deadline"


# --- Breach reasons -----------------------------------------------------------------------


def test_breach_reason_is_validated_and_acknowledges_the_breach(db: Database) -> None:
    case_id, d = make_case(db)
    with pytest.raises(InputError) as err:
        al.record_breach_reason(db, d, "mri_not_available", None, USER, DUE - SECOND)
    assert err.value.field == "deadline"  # not breached yet
    al.raise_alerts(db, DUE + timedelta(minutes=1))
    with pytest.raises(InputError) as err:
        al.record_breach_reason(db, d, "forgot", None, USER, DUE + timedelta(minutes=2))
    assert err.value.field == "reason"
    with pytest.raises(InputError) as err:
        al.record_breach_reason(db, d, "other", "   ", USER, DUE + timedelta(minutes=2))
    assert err.value.field == "note"
    assert len(al.active_alerts(db, DUE + timedelta(minutes=2))) == 1

    acked = al.record_breach_reason(
        db, d, "other", "Scanner down; transferred", USER, DUE + timedelta(minutes=3)
    )
    assert len(acked) == 1
    assert al.active_alerts(db, DUE + timedelta(minutes=3)) == []
    assert al.raise_alerts(db, DUE + timedelta(hours=2)) == []  # no more reminders
    al.record_breach_reason(db, d, "mri_not_available", None, USER, DUE + timedelta(hours=3))
    (row, *_) = al.alerts_of_deadline(db, d)
    assert row.breach_reason == "mri_not_available" and row.breach_note is None
    with db.session() as s:
        events = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "deadline.breach_reason")
            .order_by(AuditEvent.id)
        ).all()
        assert [e.detail["reason"] for e in events] == ["other", "mri_not_available"]
        assert events[1].detail["before"]["reason"] == "other"
        assert all(e.case_id == case_id for e in events)


def test_a_breach_met_late_can_still_get_its_reason(db: Database) -> None:
    _, d = make_case(db)
    al.raise_alerts(db, DUE + timedelta(minutes=1))
    al.meet_deadline(db, d, DUE + timedelta(minutes=40), USER, DUE + timedelta(hours=1))
    al.record_breach_reason(db, d, "transfer_delayed", None, USER, DUE + timedelta(hours=2))
    (row, *_) = al.alerts_of_deadline(db, d)
    assert row.breach_reason == "transfer_delayed"


def test_an_unacknowledged_breach_stays_on_show_after_the_case_closes(db: Database) -> None:
    case_id, d = make_case(db)
    al.raise_alerts(db, DUE)
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.status = "closed"
        case.closed_at = DUE + timedelta(minutes=5)
    (shown,) = al.active_alerts(db, DUE + timedelta(minutes=10))
    assert shown.stage is Stage.breached and shown.deadline_state == "case closed"
    # ... but it is no longer a running clock: no reminders, nothing to arm.
    assert al.raise_alerts(db, DUE + timedelta(hours=1)) == []
    assert al.next_fire_time(db, DUE) is None


# --- Across the 2027 clock changes --------------------------------------------------------


def test_march_clock_change_breach_is_exactly_24_elapsed_hours(db: Database) -> None:
    suspected = utc("2027-03-27T09:30:00+00:00")
    _, d = make_case(db, suspected)
    breach_at = utc("2027-03-28T09:30:00+00:00")  # 10:30 BST on the Sunday
    assert format_london(breach_at) == "Sun 28 Mar 2027 10:30 BST"
    # London lost an hour at 01:00 UTC; the clock did not.
    assert al.next_fire_time(db, utc("2027-03-28T00:00:00+00:00")) == utc(
        "2027-03-28T05:30:00+00:00"
    )
    assert stages(al.raise_alerts(db, utc("2027-03-28T05:30:00+00:00"))) == [Stage.due_soon]
    assert stages(al.raise_alerts(db, utc("2027-03-28T08:30:00+00:00"))) == [Stage.imminent]
    assert al.raise_alerts(db, breach_at - SECOND) == []
    (breach,) = al.raise_alerts(db, breach_at)
    assert breach.stage is Stage.breached and breach.due_at == breach_at
    assert breach_at - suspected == timedelta(seconds=86_400)


def test_october_clock_change_breach_is_exactly_24_elapsed_hours(db: Database) -> None:
    suspected = utc("2027-10-30T09:30:00+01:00")  # 09:30 BST on the Saturday
    _, d = make_case(db, suspected)
    breach_at = utc("2027-10-31T08:30:00+00:00")  # 08:30 GMT: London gained an hour
    assert format_london(breach_at) == "Sun 31 Oct 2027 08:30 GMT"
    assert al.next_fire_time(db, utc("2027-10-31T00:00:00+00:00")) == utc(
        "2027-10-31T04:30:00+00:00"
    )
    # 01:30 happens twice in London that night; UTC instants do not care.
    assert al.raise_alerts(db, utc("2027-10-31T01:30:00+01:00")) == []
    assert al.raise_alerts(db, utc("2027-10-31T01:30:00+00:00")) == []
    assert stages(al.raise_alerts(db, utc("2027-10-31T04:30:00+00:00"))) == [Stage.due_soon]
    assert stages(al.raise_alerts(db, utc("2027-10-31T07:30:00+00:00"))) == [Stage.imminent]
    assert al.raise_alerts(db, breach_at - SECOND) == []
    (breach,) = al.raise_alerts(db, breach_at)
    assert breach.stage is Stage.breached
    assert breach_at - suspected == timedelta(seconds=86_400)
    (shown,) = al.active_alerts(db, breach_at)
    assert shown.alert_id == breach.alert_id


def test_many_deadlines_come_in_due_order(db: Database) -> None:
    ids = [make_case(db, T0 + timedelta(minutes=m), n=i)[1] for i, m in enumerate((20, 0, 10))]
    raised = al.raise_alerts(db, DUE + timedelta(hours=1))
    assert len(raised) == 3  # one per clock: the breach; the earlier stages passed
    assert [a.deadline_id for a in raised if a.stage is Stage.breached] == [
        ids[1],
        ids[2],
        ids[0],
    ]
    assert [a.deadline_id for a in al.active_alerts(db, DUE + timedelta(hours=1))] == [
        ids[1],
        ids[2],
        ids[0],
    ]

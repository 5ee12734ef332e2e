"""What the handover reads and writes: the open cases, the notes, the role changing hands.

Real SQLite files, cases made by `record_call`, a fake clock.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store.audit import first_broken_link, record_event
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import (
    DEFAULT_SERVICE_NAME,
    changes_since_last_handover,
    current_coordinator,
    handover_cases,
    last_handover,
    record_handover,
    service_name,
    set_handover_note,
    time_left_words,
)
from mscc_desk.store.models import Alert, AuditEvent, ChecklistItem, Deadline, Setting
from tests.reports.handover_helpers import (
    NOW,
    add_case,
    close,
    hours,
    nhs,
    open_db,
    payload,
    record,
)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


# --- the open cases ------------------------------------------------------------------


def test_open_cases_most_urgent_first_closed_left_out(db: Database, clock: FakeClock) -> None:
    advice, _ = add_case(db, clock, 1, NOW - hours(1), emergency=False)
    due_soon, _ = add_case(db, clock, 2, NOW - timedelta(hours=23, minutes=15))
    overdue_advice, _ = add_case(db, clock, 3, NOW - hours(30), emergency=False)
    overdue, _ = add_case(db, clock, 4, NOW - hours(26))
    closed, _ = add_case(db, clock, 5, NOW - hours(27))
    referral, _ = add_case(db, clock, 6, NOW - hours(2), emergency=False, cancer="suspected")
    close(db, closed, NOW - hours(1))

    cases = handover_cases(db, NOW)

    # Overdue first (emergency before advice), then category, then the clock due next;
    # a case without a clock after those that have one.
    assert [c.case_id for c in cases] == [overdue, overdue_advice, due_soon, advice, referral]
    by_id = {c.case_id: c for c in cases}
    assert by_id[overdue].overdue and by_id[overdue_advice].overdue
    first_clock, soon_clock = by_id[overdue].next_deadline, by_id[due_soon].next_deadline
    assert first_clock is not None and first_clock.time_left == "OVERDUE 2 h 00 min"
    assert soon_clock is not None and soon_clock.time_left == "due in 45 min"
    assert by_id[overdue].category_short == "EMERGENCY"
    assert by_id[advice].category_short == "ADVICE 24 H"
    assert by_id[referral].next_deadline is None


def test_case_carries_who_where_and_what(db: Database, clock: FakeClock) -> None:
    at = NOW - timedelta(minutes=25)  # 19:40 GMT
    clock.set(at)
    number = nhs(7)
    case_id = record(
        db,
        clock,
        payload(
            "Okafor",
            "Grace",
            number,
            at=at,
            neuro=("limb_weakness", "sensory_change"),
            born="1950-12-01",
            case={"primary_site": "breast", "location": "ward", "location_detail": "7B"},
            presentation={"frankel": "D"},
            management={
                "mri": {"requested_at": at.isoformat()},
                "dexamethasone": {"dose_mg": 16, "given_at": at.isoformat()},
            },
        ),
    )
    [case] = handover_cases(db, NOW)
    assert case.case_id == case_id
    assert case.patient_name == "OKAFOR, Grace"
    assert case.nhs_number == number
    assert case.nhs_display == f"{number[:3]} {number[3:6]} {number[6:]}"
    assert case.age == 75  # born 1 Dec 1950, a week short of 76
    assert case.location == "Ward: 7B"
    assert case.category_label.startswith("Emergency")
    assert case.problem == "Breast ca; limb weakness, sensory change; pain: nocturnal; Frankel D"
    assert case.done == "MRI requested 19:40; dexamethasone 16 mg given 19:40"
    assert case.caller == "Dr Patel (FY2), bleep 1234"
    assert "MRI" in case.outstanding
    assert "mri" in case.started and "dexamethasone" in case.started
    assert len(case.outstanding) == len(case.outstanding_keys)


def test_outstanding_leaves_out_done_items(db: Database, clock: FakeClock) -> None:
    case_id, _ = add_case(db, clock, 1, NOW - hours(1))
    with db.session() as session:
        item = session.scalar(
            select(ChecklistItem).where(
                ChecklistItem.case_id == case_id, ChecklistItem.key == "coordinator_assessment"
            )
        )
        assert item is not None
        item.state = "done"
    [case] = handover_cases(db, NOW)
    assert "Assessed by the MSCC coordinator" not in case.outstanding
    assert "coordinator_assessment" not in case.outstanding_keys
    assert "MRI" in case.outstanding


def test_unacknowledged_alerts_only(db: Database, clock: FakeClock) -> None:
    case_id, _ = add_case(db, clock, 1, NOW - hours(26))
    with db.session() as session:
        deadline = session.scalar(select(Deadline).where(Deadline.case_id == case_id))
        assert deadline is not None
        session.add(Alert(deadline_id=deadline.id, stage="breached", raised_at=deadline.due_at))
        session.add(
            Alert(
                deadline_id=deadline.id,
                stage="imminent",
                raised_at=deadline.due_at - hours(1),
                acknowledged_at=deadline.due_at - timedelta(minutes=50),
            )
        )
    [case] = handover_cases(db, NOW)
    assert [(a.stage, a.text) for a in case.alerts] == [("breached", "MRI within 24 h: BREACHED")]


def test_few_queries_whatever_the_number_of_cases(db: Database, clock: FakeClock) -> None:
    """200 open cases among 20,000 must not mean one query per case."""

    def count_queries(n_cases: int) -> int:
        statements: list[str] = []

        def listen(*args: Any) -> None:
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert len(handover_cases(db, NOW)) == n_cases
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(statements)

    for n in range(3):
        add_case(db, clock, n, NOW - hours(n + 1), emergency=n % 2 == 0)
    few = count_queries(3)
    for n in range(3, 15):
        case_id, _ = add_case(db, clock, n, NOW - hours(n + 1), emergency=n % 2 == 0)
        set_handover_note(db, case_id, f"note {n}", "coordinator", NOW)
    assert count_queries(15) == few
    assert few <= 10


def test_time_left_in_words() -> None:
    assert time_left_words(NOW + timedelta(minutes=45), NOW) == "due in 45 min"
    assert time_left_words(NOW + timedelta(hours=5, minutes=2), NOW) == "due in 5 h 02 min"
    assert time_left_words(NOW - timedelta(hours=2, minutes=10), NOW) == "OVERDUE 2 h 10 min"
    assert time_left_words(NOW, NOW) == "OVERDUE 0 min"


# --- notes ---------------------------------------------------------------------------


def test_handover_note_kept_with_author_and_time(db: Database, clock: FakeClock) -> None:
    case_id, _ = add_case(db, clock, 1, NOW - hours(1))
    set_handover_note(db, case_id, "MRI booked 23:00", "dr.a", NOW - hours(1))
    note = set_handover_note(db, case_id, "  MRI moved to 23:30; porter booked  ", "sam", NOW)
    assert note is not None and note.text == "MRI moved to 23:30; porter booked"

    [case] = handover_cases(db, NOW)
    assert case.note is not None
    assert (case.note.text, case.note.author, case.note.at) == (
        "MRI moved to 23:30; porter booked",
        "sam",
        NOW,
    )
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "case.handover_note")
            .order_by(AuditEvent.id)
        ).all()
        assert [e.detail["text"] for e in events] == [
            "MRI booked 23:00",
            "MRI moved to 23:30; porter booked",
        ]
        assert all(e.case_id == case_id for e in events)
        assert first_broken_link(session) is None

    assert set_handover_note(db, case_id, "   ", "sam", NOW + hours(1)) is None
    [case] = handover_cases(db, NOW + hours(1))
    assert case.note is None  # cleared, and the earlier notes are still in the trail


def test_note_refused_for_unknown_case_or_too_long(db: Database, clock: FakeClock) -> None:
    case_id, _ = add_case(db, clock, 1, NOW - hours(1))
    with pytest.raises(InputError, match="case"):
        set_handover_note(db, case_id + 100, "x", "sam", NOW)
    with pytest.raises(InputError) as excinfo:
        set_handover_note(db, case_id, "x" * 2001, "sam", NOW)
    assert excinfo.value.field == "note"
    with db.session() as session:
        assert not session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.handover_note")
        ).all()


# --- handing over --------------------------------------------------------------------


def test_record_handover_sets_the_coordinator(db: Database) -> None:
    assert last_handover(db) is None
    assert current_coordinator(db) == ""
    assert service_name(db) == DEFAULT_SERVICE_NAME
    done = record_handover(db, "Coordinator day", " Dr B, oncology registrar, nights ", "sam", NOW)
    assert done.text == "Coordinator day → Dr B, oncology registrar, nights"
    assert current_coordinator(db) == "Dr B, oncology registrar, nights"
    last = last_handover(db)
    assert last is not None
    assert (last.from_text, last.to_text, last.by, last.at) == (
        "Coordinator day",
        "Dr B, oncology registrar, nights",
        "sam",
        NOW,
    )
    with db.session() as session:
        setting = session.get(Setting, "coordinator.current")
        assert setting is not None and setting.updated_at == NOW
        [ev] = session.scalars(select(AuditEvent).where(AuditEvent.action == "handover")).all()
        assert ev.detail == {"from": "Coordinator day", "to": "Dr B, oncology registrar, nights"}


def test_handover_to_nobody_is_refused_and_writes_nothing(db: Database) -> None:
    with pytest.raises(InputError) as excinfo:
        record_handover(db, "Coordinator day", "  ", "sam", NOW)
    assert excinfo.value.field == "to"
    assert last_handover(db) is None and current_coordinator(db) == ""


def test_changes_counted_from_the_last_handover(db: Database, clock: FakeClock) -> None:
    t0 = NOW - hours(10)
    # Before the handover: none of this is "since".
    old_closed, _ = add_case(db, clock, 1, t0 - hours(1), emergency=False)
    close(db, old_closed, t0 - timedelta(minutes=30))
    add_case(db, clock, 2, t0 - hours(26))  # its MRI clock ran out 2 h before the handover
    c1, c1_nhs = add_case(db, clock, 3, t0 - hours(5), emergency=False)
    clock.set(t0 - hours(4))
    record(
        db,
        clock,
        payload("Family3", "Given3", c1_nhs, at=t0 - hours(4), neuro=("gait_disturbance",)),
        c1,
    )
    to_close, _ = add_case(db, clock, 4, t0 - hours(2))
    breached, _ = add_case(db, clock, 5, t0 - hours(20))  # due 4 h after the handover
    c2, c2_nhs = add_case(db, clock, 6, t0 - hours(3), emergency=False)

    record_handover(db, "Dr A, nights", "Coordinator day", "dr.a", t0)

    new, _ = add_case(db, clock, 7, t0 + hours(1))
    close(db, to_close, t0 + hours(2))
    clock.set(t0 + hours(3))
    record(
        db,
        clock,
        payload("Family6", "Given6", c2_nhs, at=t0 + hours(3), neuro=("limb_weakness",)),
        c2,
    )

    changes = changes_since_last_handover(db, NOW)
    assert changes.since == t0
    assert changes.last_handover is not None
    assert changes.last_handover.text == "Dr A, nights → Coordinator day"
    assert [c.case_id for c in changes.new_cases] == [new]
    assert [c.case_id for c in changes.closed_cases] == [to_close]
    assert changes.closed_cases[0].what == "MSCC excluded"
    assert [(c.case_id, c.what) for c in changes.breaches] == [(breached, "MRI within 24 h")]
    assert [(c.case_id, c.what, c.escalated) for c in changes.category_changes] == [
        (c2, "ADVICE 24 H → EMERGENCY", True)
    ]
    assert not changes.empty


def test_without_a_handover_the_last_12_hours(db: Database, clock: FakeClock) -> None:
    add_case(db, clock, 1, NOW - hours(13))
    recent, _ = add_case(db, clock, 2, NOW - hours(11))
    changes = changes_since_last_handover(db, NOW)
    assert changes.last_handover is None
    assert changes.since == NOW - hours(12)
    assert [c.case_id for c in changes.new_cases] == [recent]
    assert changes.new_cases[0].what == "EMERGENCY"


def test_a_coordinator_change_in_the_header_counts_as_a_handover(
    db: Database, clock: FakeClock
) -> None:
    add_case(db, clock, 1, NOW - hours(3))
    with db.session() as session:
        record_event(
            session,
            at=NOW - hours(2),
            action="coordinator.changed",
            detail={"from": None, "to": "Dr B, oncology registrar"},
        )
    changes = changes_since_last_handover(db, NOW)
    assert changes.since == NOW - hours(2)
    assert changes.last_handover is not None
    assert changes.last_handover.text == "not recorded → Dr B, oncology registrar"
    assert changes.empty


def test_breach_met_late_still_counts(db: Database, clock: FakeClock) -> None:
    case_id, _ = add_case(db, clock, 1, NOW - hours(26))
    with db.session() as session:
        deadline = session.scalar(select(Deadline).where(Deadline.case_id == case_id))
        assert deadline is not None
        deadline.met_at = NOW - hours(1)  # an hour late
    changes = changes_since_last_handover(db, NOW)
    assert [c.what for c in changes.breaches] == ["MRI within 24 h (met late)"]
    assert handover_cases(db, NOW)[0].overdue is False

"""A case is never quieter than its facts (issue 10): one test per finding, on SQLite and a
real PostgreSQL server, through `record_call` and the case API as the window and the
command line use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import clear_override, load_case, update_checklist_item
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.models import AuditEvent, Case, Deadline

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
H24 = timedelta(hours=24)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def call(at: datetime, **facts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "suspected_at": at.isoformat(),
        "patient": {
            "nhs_number": "9434765919",
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": "1950-02-01",
        },
        "call": {
            "caller_name": "Dr Patel",
            "caller_contact": "bleep 1234",
            "received_at": at.isoformat(),
        },
    }
    data.update(facts)
    return data


def open_clocks(db: Database, case_id: int) -> dict[str, Deadline]:
    with db.session() as s:
        rows = s.scalars(select(Deadline).where(Deadline.case_id == case_id)).all()
        return {d.key: d for d in rows if d.is_open}


def events(db: Database, case_id: int) -> list[AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
            )
        )


def get_case(db: Database, case_id: int) -> Case:
    with db.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        s.expunge(case)
        return case


# --- Finding 1: an override pins the case ------------------------------------------------


def test_a_follow_up_with_more_urgent_facts_lifts_the_override(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            pain=["nocturnal"],
            case={"category_override": "safety_net", "override_reason": "known old fracture"},
        ),
        user="coord",
        clock=clock,
    )
    assert first.category == "safety_net"
    assert open_clocks(db, first.case_id) == {}

    clock.advance(timedelta(hours=5))
    later = clock.now()
    follow = record_call(
        db,
        call(
            later,
            pain=["nocturnal"],
            neuro=["limb_weakness", "bladder_bowel_dysfunction"],
            instability_signs=True,
        ),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert follow.category == "emergency" and follow.escalated
    case = get_case(db, first.case_id)
    assert case.category_override is None and case.override_reason is None
    assert case.immobilisation_advice == "start_now"
    mri = open_clocks(db, first.case_id)["mri"]
    assert mri.starts_at == later and mri.due_at == later + H24
    lifted = [e for e in events(db, first.case_id) if e.action == "case.override_lifted"]
    assert len(lifted) == 1
    assert lifted[0].detail["override_before"] == "safety_net"
    assert "more urgent" in lifted[0].detail["why"]


def test_the_same_facts_again_keep_the_override(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            pain=["nocturnal"],
            case={"category_override": "safety_net", "override_reason": "known old fracture"},
        ),
        user="coord",
        clock=clock,
    )
    clock.advance(timedelta(hours=2))
    again = record_call(
        db, call(clock.now(), pain=["nocturnal"]), user="coord", clock=clock, case_id=first.case_id
    )
    assert again.category == "safety_net" and not again.escalated
    assert get_case(db, first.case_id).category_override == "safety_net"


def test_an_override_more_urgent_than_the_new_facts_stays(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            case={"category_override": "emergency", "override_reason": "clinician very worried"},
        ),
        user="coord",
        clock=clock,
    )
    clock.advance(timedelta(hours=1))
    follow = record_call(
        db, call(clock.now(), pain=["nocturnal"]), user="coord", clock=clock, case_id=first.case_id
    )
    assert follow.category == "emergency"
    assert get_case(db, first.case_id).category_override == "emergency"


def test_an_override_can_be_cleared_by_a_follow_up(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            pain=["nocturnal"],
            case={"category_override": "safety_net", "override_reason": "known old fracture"},
        ),
        user="coord",
        clock=clock,
    )
    clock.advance(timedelta(hours=1))
    cleared = record_call(
        db,
        call(clock.now(), pain=["nocturnal"], case={"category_override": None}),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert cleared.category == "urgent_advice" and cleared.escalated
    assert {"mri", "coordinator_advice"} <= set(open_clocks(db, first.case_id))
    assert "case.override_cleared" in [e.action for e in events(db, first.case_id)]


# --- Finding 2: the override is shown with who and when ------------------------------------


def test_the_override_keeps_who_made_it_and_when(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            neuro=["limb_weakness"],
            instability_signs=True,
            case={"category_override": "urgent_advice", "override_reason": "MRI done yesterday"},
        ),
        user="coord",
        clock=clock,
    )
    detail = load_case(db, first.case_id, now=clock.now())
    category = detail.referral.category
    assert (category.override, category.computed) == ("urgent_advice", "emergency")
    assert category.override_at == T0 and category.override_by
    assert "MRI done yesterday" in category.override_words
    assert "Emergency" in category.override_words
    # Immobilisation follows the facts whatever the category says.
    assert detail.referral.immobilisation_advice == "start_now"


# --- Finding 4: contradictions -------------------------------------------------------------


def test_a_contradiction_across_calls_is_refused_naming_both(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, call(T0, spinal_metastases_confirmed=True), user="coord", clock=clock)
    clock.advance(timedelta(hours=1))
    with pytest.raises(InputError) as caught:
        record_call(
            db,
            call(
                clock.now(),
                no_evidence_of_spinal_disease=False,
                cancer_status="none",
                cancer_status_correction="wrong patient's notes read out",
            ),
            user="coord",
            clock=clock,
            case_id=first.case_id,
        )
    assert caught.value.field == "spinal_metastases_confirmed"
    assert "(cancer_status)" in caught.value.problem
    assert "earlier calls" in caught.value.problem


# --- Finding 5: clocks are met only by events after their start -----------------------------


def test_an_mri_from_before_the_suspicion_does_not_meet_the_clock(db: Database) -> None:
    clock = FakeClock(T0)
    with pytest.raises(InputError) as caught:
        record_call(
            db,
            call(
                T0,
                neuro=["limb_weakness"],
                management={"mri": {"performed_at": (T0 - timedelta(days=60)).isoformat()}},
            ),
            user="coord",
            clock=clock,
        )
    assert caught.value.field == "management.mri.performed_at"
    assert "before the clock" in caught.value.problem


def test_mri_times_stay_in_order_in_the_case_view(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, call(T0, neuro=["limb_weakness"]), user="coord", clock=clock)
    version = load_case(db, first.case_id, now=T0).version
    clock.advance(timedelta(hours=2))
    version = update_checklist_item(
        db,
        first.case_id,
        "mri",
        data={"requested_at": clock.now()},
        user="coord",
        now=clock.now(),
        expected_version=version,
    )
    with pytest.raises(InputError) as caught:
        update_checklist_item(
            db,
            first.case_id,
            "mri",
            data={"performed_at": clock.now() - timedelta(hours=1)},
            user="coord",
            now=clock.now(),
            expected_version=version,
        )
    assert caught.value.field == "mri.performed_at"
    assert "Performed at" in caught.value.problem and "requested at" in caught.value.problem
    assert "mri" in open_clocks(db, first.case_id)  # nothing was written


# --- Finding 6: a later time of suspicion never delays the clock ----------------------------


def test_a_suspicion_later_than_the_call_is_refused(db: Database) -> None:
    clock = FakeClock(T0 + timedelta(hours=12))
    data = call(T0, neuro=["limb_weakness"])
    data["suspected_at"] = (T0 + timedelta(hours=9)).isoformat()
    with pytest.raises(InputError) as caught:
        record_call(db, data, user="coord", clock=clock)
    assert caught.value.field == "suspected_at"
    assert "after the call" in caught.value.problem


# --- Finding 7: every call counts -----------------------------------------------------------


def test_a_quieter_call_keeps_every_feature_reported(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, call(T0, neuro=["limb_weakness"]), user="coord", clock=clock)
    clock.advance(timedelta(hours=3))
    ward = record_call(
        db, call(clock.now(), pain=["nocturnal"]), user="coord", clock=clock, case_id=first.case_id
    )
    assert ward.category == "emergency"
    features = load_case(db, first.case_id, now=clock.now()).referral.features
    first_seen = {f.key: f.first_reported_at for f in features}
    assert first_seen["neuro:limb_weakness"] == T0
    assert first_seen["pain:nocturnal"] == T0 + timedelta(hours=3)


def test_cancer_status_changes_only_by_a_correction(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, call(T0, pain=["nocturnal"]), user="coord", clock=clock)
    clock.advance(timedelta(hours=1))
    with pytest.raises(InputError) as caught:
        record_call(
            db,
            call(clock.now(), cancer_status="none"),
            user="coord",
            clock=clock,
            case_id=first.case_id,
        )
    assert caught.value.field == "cancer_status"
    assert "correction" in caught.value.problem
    corrected = record_call(
        db,
        call(
            clock.now(),
            cancer_status="suspected",
            cancer_status_correction="no histology yet: cancer suspected, not diagnosed",
        ),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    # A correction is recorded; it does not quieten the case (only an override does).
    assert corrected.category == "urgent_advice"
    follow_up = next(e for e in events(db, first.case_id) if e.action == "call.follow_up")
    assert follow_up.detail["cancer_status_correction"]["to"] == "suspected"


def test_an_override_can_be_cleared_in_the_case_view(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call(
            T0,
            neuro=["limb_weakness"],
            case={"category_override": "safety_net", "override_reason": "chronic, known"},
        ),
        user="coord",
        clock=clock,
    )
    assert "mri" not in open_clocks(db, first.case_id)
    clock.advance(timedelta(hours=2))
    version = load_case(db, first.case_id, now=clock.now()).version
    with pytest.raises(InputError) as caught:
        clear_override(db, first.case_id, "  ", "coord", clock.now(), version)
    assert caught.value.field == "reason"
    clear_override(db, first.case_id, "new weakness on review", "coord", clock.now(), version)
    case = get_case(db, first.case_id)
    assert case.category == "emergency" and case.category_override is None
    mri = open_clocks(db, first.case_id)["mri"]
    assert mri.starts_at == clock.now() and mri.due_at == clock.now() + H24
    cleared = [e for e in events(db, first.case_id) if e.action == "case.override_cleared"]
    assert cleared and cleared[0].detail["reason"] == "new weakness on review"
    with pytest.raises(InputError):  # nothing left to clear
        clear_override(db, first.case_id, "again", "coord", clock.now(), case.version)


def test_a_follow_up_about_another_patient_is_refused(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, call(T0, neuro=["limb_weakness"]), user="coord", clock=clock)
    other = call(clock.now(), pain=["nocturnal"])
    other["patient"] = {**other["patient"], "nhs_number": "4010232137"}
    with pytest.raises(InputError) as caught:
        record_call(db, other, user="coord", clock=clock, case_id=first.case_id)
    assert caught.value.field == "patient.nhs_number"
    assert len(load_case(db, first.case_id, now=T0).calls) == 1

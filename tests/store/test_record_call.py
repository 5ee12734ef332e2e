"""Recording a call (`store.calls.record_call`): everything written, or nothing.

Runs on SQLite and on a real PostgreSQL server (`db_url`). Time comes from a FakeClock;
2027-03-27 is the Saturday before the March clock change, so a 24-hour clock started that
morning runs across it and must still be exactly 86,400 s.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import (
    Assessment,
    AuditEvent,
    Base,
    Call,
    Case,
    ChecklistItem,
    Deadline,
    Patient,
    User,
)
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
H24 = timedelta(seconds=86_400)
D7 = timedelta(seconds=604_800)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


COMPLETE: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "pain": ["nocturnal", "mechanical"],
    "neuro": ["limb_weakness", "sensory_change"],
    "no_evidence_of_spinal_disease": False,
    "instability_signs": True,
    "pain_on_movement": "severe",
    "mscc_confirmed": False,
    "spinal_metastases_confirmed": False,
    "suspected_at": "2027-03-27T09:30:00+00:00",
    "immobilised_at": "2027-03-27T10:45:00+01:00",  # 09:45 UTC, written in another offset
    "call": {
        "received_at": "2027-03-27T10:50:00+01:00",
        "caller_name": "Dr Priya Patel",
        "caller_role": "FY2",
        "caller_organisation": "St James's",
        "caller_ward": "Ward 7",
        "caller_contact": "bleep 1234",
        "referral_source": "inpatient_ward",
        "notes": "Called from the ward round",
    },
    "patient": {
        "nhs_number": "943 476 5919",
        "hospital_number": "RX1234567",
        "family_name": "Okafor",
        "given_name": "Grace",
        "date_of_birth": "1950-02-01",
        "sex": "female",
        "postcode": "LS1 4AP",
        "imd_decile": 3,
    },
    "case": {
        "location": "ward",
        "location_detail": "Ward 7",
        "primary_site": "breast",
        "histology": "Invasive ductal carcinoma",
        "diagnosed_on": "2019-06-15",
        "known_bone_metastases": "yes",
        "previous_spinal_radiotherapy": "T10 (2022)",
        "systemic_treatment": "Letrozole",
        "treating_team": "Dr Jones, breast oncology",
        "escalation_plan": "For full escalation",
        "dnacpr": "no",
        "advice_given": ["mri", "immobilise", "steroids"],
        "advice_text": "Lie flat, log-roll",
        "plan": ["transfer", "mri_locally"],
        "next_contact_due": "2027-03-27T14:00:00+00:00",
    },
    "presentation": {
        "pain_site": "thoracic",
        "pain_score": 7,
        "pain_onset": "2027-03-01",
        "neuro_onset_at": "2027-03-26T20:00:00+00:00",
        "neuro_progressing": "yes",
        "power_left": 3,
        "power_right": 4,
        "sensory_level": "T10",
        "bladder": "retention",
        "bowel": "constipation",
        "frankel": "C",
        "mobility_before": "independent",
        "mobility_now": "bed",
        "ecog": 1,
    },
    "management": {
        "mri": {"requested_at": "2027-03-27T09:55:00+00:00", "location": "Leeds General"},
        "dexamethasone": {"dose_mg": 16, "given_at": "2027-03-27T10:50:00+01:00", "ppi": True},
        "immobilisation": {"position": "supine"},
    },
}

# Emergency with "start immobilisation now": the checklist items of the pathway file.
EMERGENCY_IMMOBILISED_CHECKLIST = [
    "coordinator_assessment",
    "mri",
    "immobilisation",
    "expert_review",
    "analgesia",
    "pain_assessment",
    "pain_plan",
    "pain_review",
    "pain_referral",
    "dexamethasone",
    "sins",
    "definitive_treatment",
    "rehabilitation",
    "discharge",
    "information",
]


def minimal(**facts: Any) -> dict[str, Any]:
    """A valid call with only the required fields, plus the given triage facts."""
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {
            "nhs_number": "9434765919",
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": "1950-02-01",
        },
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }
    data.update(facts)
    return data


def row_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            name: s.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def deadlines_of(db: Database, case_id: int) -> list[Deadline]:
    with db.session() as s:
        return list(
            s.scalars(select(Deadline).where(Deadline.case_id == case_id).order_by(Deadline.id))
        )


def open_clocks(db: Database, case_id: int) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for d in deadlines_of(db, case_id):
        if d.is_open:
            assert d.key not in out, f"two open {d.key} clocks"
            out[d.key] = d.due_at
    return out


def audit_actions(db: Database, case_id: int) -> list[str]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.case_id == case_id)
                .order_by(AuditEvent.id)
            )
        )


# --- a complete call -----------------------------------------------------------------


def test_a_complete_call_is_recorded_in_full(db: Database) -> None:
    pathway = default_pathway()
    outcome = record_call(db, copy.deepcopy(COMPLETE), user="coord", clock=FakeClock(T0))
    assert outcome.created_case and not outcome.escalated
    assert outcome.category == "emergency"

    suspected = utc("2027-03-27T09:30:00+00:00")
    immobilised = utc("2027-03-27T09:45:00+00:00")

    with db.sessions() as s:
        patient = s.scalars(select(Patient)).one()
        assert patient.id == outcome.patient_id
        assert {
            "nhs_number": patient.nhs_number,
            "hospital_number": patient.hospital_number,
            "family_name": patient.family_name,
            "given_name": patient.given_name,
            "date_of_birth": patient.date_of_birth,
            "sex": patient.sex,
            "postcode": patient.postcode,
            "imd_decile": patient.imd_decile,
            "created_at": patient.created_at,
        } == {
            "nhs_number": "9434765919",
            "hospital_number": "RX1234567",
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": date(1950, 2, 1),
            "sex": "female",
            "postcode": "LS1 4AP",
            "imd_decile": 3,
            "created_at": T0,
        }

        case = s.scalars(select(Case)).one()
        assert case.id == outcome.case_id
        assert case.patient_id == patient.id
        expected_case = {
            "status": "open",
            "category_computed": "emergency",
            "category_rule": "T1",
            "category_override": None,
            "override_reason": None,
            "immobilisation_advice": "start_now",
            "pathway_version": pathway.version,
            "suspected_at": suspected,
            "opened_at": T0,
            "updated_at": T0,
            "closed_at": None,
            "closed_by_id": None,
            "close_reason": None,
            "location": "ward",
            "location_detail": "Ward 7",
            "primary_site": "breast",
            "primary_site_other": None,
            "histology": "Invasive ductal carcinoma",
            "diagnosed_on": date(2019, 6, 15),
            "known_bone_metastases": "yes",
            "previous_spinal_radiotherapy": "T10 (2022)",
            "systemic_treatment": "Letrozole",
            "treating_team": "Dr Jones, breast oncology",
            "escalation_plan": "For full escalation",
            "dnacpr": "no",
            "advice_given": ["immobilise", "steroids", "mri"],
            "advice_text": "Lie flat, log-roll",
            "plan": ["mri_locally", "transfer"],
            "next_contact_due": utc("2027-03-27T14:00:00+00:00"),
            "outcome": None,
            "ambulatory_at_discharge": None,
            "frankel_at_discharge": None,
            "version": 1,
        }
        assert {k: getattr(case, k) for k in expected_case} == expected_case
        assert case.category == "emergency"
        for instant in (case.suspected_at, case.opened_at, case.next_contact_due):
            assert instant is not None and instant.utcoffset() == timedelta(0)

        call = s.scalars(select(Call)).one()
        assert call.id == outcome.call_id
        assert call.case_id == case.id
        assert call.taken_by.username == "coord"
        expected_call = {
            "received_at": utc("2027-03-27T09:50:00+00:00"),
            "caller_name": "Dr Priya Patel",
            "caller_role": "FY2",
            "caller_organisation": "St James's",
            "caller_ward": "Ward 7",
            "caller_contact": "bleep 1234",
            "referral_source": "inpatient_ward",
            "notes": "Called from the ward round",
            "is_follow_up": False,
        }
        assert {k: getattr(call, k) for k in expected_call} == expected_call

        assessment = s.scalars(select(Assessment)).one()
        assert (assessment.case_id, assessment.call_id) == (case.id, call.id)
        assert assessment.recorded_by_id == call.taken_by_id
        expected_assessment = {
            "recorded_at": T0,
            "cancer_status": "past_or_current",
            "suspected_at": suspected,
            "immobilised_at": immobilised,
            "pain_severe_unremitting": False,
            "pain_progressive": False,
            "pain_mechanical": True,
            "pain_straining": False,
            "pain_nocturnal": True,
            "pain_localised_tenderness": False,
            "pain_claudication": False,
            "neuro_bladder_bowel_dysfunction": False,
            "neuro_gait_disturbance": False,
            "neuro_limb_weakness": True,
            "neuro_neurological_signs": False,
            "neuro_sensory_change": True,
            "neuro_radicular_pain": False,
            "no_evidence_of_spinal_disease": False,
            "instability_signs": True,
            "pain_on_movement": "severe",
            "mscc_confirmed": False,
            "spinal_metastases_confirmed": False,
            "pain_site": "thoracic",
            "pain_score": 7,
            "pain_onset": date(2027, 3, 1),
            "neuro_onset_at": utc("2027-03-26T20:00:00+00:00"),
            "neuro_progressing": "yes",
            "power_left": 3,
            "power_right": 4,
            "sensory_level": "T10",
            "bladder": "retention",
            "bowel": "constipation",
            "frankel": "C",
            "mobility_before": "independent",
            "mobility_now": "bed",
            "ecog": 1,
            "category": "emergency",
            "category_rule": "T1",
            "pathway_version": pathway.version,
        }
        assert {k: getattr(assessment, k) for k in expected_assessment} == expected_assessment

        deadlines = {d.key: d for d in s.scalars(select(Deadline))}
        assert set(deadlines) == {"mri", "expert_review"}
        mri, review = deadlines["mri"], deadlines["expert_review"]
        assert (mri.starts_at, mri.due_at) == (suspected, utc("2027-03-28T09:30:00+00:00"))
        assert (review.starts_at, review.due_at) == (immobilised, utc("2027-03-28T09:45:00+00:00"))
        for d in (mri, review):
            assert d.due_at - d.starts_at == H24  # elapsed, across the clock change
            assert d.met_at is None and d.cancelled_at is None
            assert d.ref and d.label
        assert mri.ref == "NG234 (BMJ: MRI for suspected MSCC)"
        assert review.ref == "NG234 (BMJ: immobilisation)"

        items = s.scalars(select(ChecklistItem).order_by(ChecklistItem.position)).all()
        assert [i.key for i in items] == EMERGENCY_IMMOBILISED_CHECKLIST
        order = [item.key for item in pathway.checklist]
        assert all(i.position == order.index(i.key) for i in items)
        data = {i.key: i.data for i in items}
        assert data["mri"] == {
            "requested_at": "2027-03-27T09:55:00+00:00",
            "location": "Leeds General",
        }
        assert data["dexamethasone"] == {
            "dose_mg": 16,
            "given_at": "2027-03-27T09:50:00+00:00",
            "ppi": "yes",
        }
        assert data["immobilisation"] == {
            "position": "supine",
            "started_at": "2027-03-27T09:45:00+00:00",
        }
        untouched = set(EMERGENCY_IMMOBILISED_CHECKLIST) - {
            "mri",
            "dexamethasone",
            "immobilisation",
        }
        assert all(data[k] == {} for k in untouched)
        # Nothing has been performed yet, so nothing is done.
        assert all(i.state == "pending" and i.done_at is None for i in items)

        events = s.scalars(select(AuditEvent)).all()
        assert [e.action for e in events] == ["case.opened"]
        event = events[0]
        assert (event.case_id, event.user_id, event.at) == (case.id, call.taken_by_id, T0)
        assert event.detail["call_id"] == call.id
        assert event.detail["category"] == "emergency"
        assert event.detail["rule"] == "T1"
        assert event.detail["override"] is None
        assert event.detail["pathway_version"] == pathway.version
        assert {(d["key"], d["due"]) for d in event.detail["deadlines"]} == {
            ("mri", "2027-03-28T09:30:00+00:00"),
            ("expert_review", "2027-03-28T09:45:00+00:00"),
        }
        assert event.prev_hash is None and event.hash and len(event.hash) == 64

    out = outcome.to_json()
    assert out["case_id"] == outcome.case_id
    assert [(d["key"], d["due"]) for d in out["deadlines"]] == [
        ("mri", "2027-03-28T09:30:00+00:00"),
        ("expert_review", "2027-03-28T09:45:00+00:00"),
    ]
    assert all(d["ref"] for d in out["deadlines"])


def test_the_same_nhs_number_finds_the_same_patient(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    clock.advance(timedelta(days=30))
    second_call = minimal(neuro=["limb_weakness"], suspected_at="2027-04-26T09:00:00+00:00")
    second_call["patient"]["nhs_number"] = "943-476-5919"  # typed another way
    second_call["patient"]["hospital_number"] = "RX99"  # unknown before: filled in
    second_call["patient"]["family_name"] = "Okafor-Smith"  # known: never overwritten
    second = record_call(db, second_call, user="coord", clock=clock)
    assert second.case_id != first.case_id
    assert second.patient_id == first.patient_id
    with db.sessions() as s:
        patient = s.scalars(select(Patient)).one()
        assert patient.hospital_number == "RX99"
        assert patient.family_name == "Okafor"
        assert [c.id for c in patient.cases] == [first.case_id, second.case_id]


def test_a_call_without_an_nhs_number_makes_a_new_patient(db: Database) -> None:
    clock = FakeClock(T0)
    data = minimal(pain=["nocturnal"])
    del data["patient"]["nhs_number"]
    a = record_call(db, data, user="coord", clock=clock)
    b = record_call(db, copy.deepcopy(data), user="coord", clock=clock)
    assert a.patient_id != b.patient_id


# --- refused input writes nothing ----------------------------------------------------


def _bad_nhs(d: dict[str, Any]) -> None:
    d["patient"]["nhs_number"] = "9434765918"


def _future_received(d: dict[str, Any]) -> None:
    d["call"]["received_at"] = (T0 + timedelta(hours=2)).isoformat()


def _future_suspected(d: dict[str, Any]) -> None:
    d["suspected_at"] = (T0 + timedelta(hours=2)).isoformat()


def _unknown_top(d: dict[str, Any]) -> None:
    d["colour"] = "blue"


def _unknown_in_group(d: dict[str, Any]) -> None:
    d["patient"]["eye_colour"] = "brown"


def _no_contact(d: dict[str, Any]) -> None:
    del d["call"]["caller_contact"]


def _blank_contact(d: dict[str, Any]) -> None:
    d["call"]["caller_contact"] = "   "


def _bad_management(d: dict[str, Any]) -> None:
    d["management"] = {"mri": {"performed_at": "2027-03-27T09:00:00"}}  # no offset


def _unknown_checklist(d: dict[str, Any]) -> None:
    d["management"] = {"tea": {"given_at": "2027-03-27T09:00:00+00:00"}}


def _override_without_reason(d: dict[str, Any]) -> None:
    d["case"] = {"category_override": "safety_net"}


def _dob_future(d: dict[str, Any]) -> None:
    d["patient"]["date_of_birth"] = "2028-01-01"


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (_bad_nhs, "patient.nhs_number"),
        (_future_received, "call.received_at"),
        (_future_suspected, "suspected_at"),
        (_unknown_top, "colour"),
        (_unknown_in_group, "patient.eye_colour"),
        (_no_contact, "call.caller_contact"),
        (_blank_contact, "call.caller_contact"),
        (_bad_management, "management.mri.performed_at"),
        (_unknown_checklist, "management.tea"),
        (_override_without_reason, "case.override_reason"),
        (_dob_future, "patient.date_of_birth"),
    ],
)
def test_refused_input_names_the_field_and_writes_nothing(
    db: Database, spoil: Any, field: str
) -> None:
    clock = FakeClock(T0)
    record_call(db, minimal(neuro=["limb_weakness"]), user="coord", clock=clock)
    before = row_counts(db)
    data = minimal(pain=["nocturnal"], management={"dexamethasone": {"dose_mg": 16}})
    data["patient"]["nhs_number"] = "4010232137"  # another person
    spoil(data)
    with pytest.raises(InputError) as caught:
        record_call(db, data, user="someone_new", clock=clock)
    assert caught.value.field == field
    assert caught.value.problem
    assert row_counts(db) == before


def test_a_follow_up_on_a_missing_case_is_refused_and_writes_nothing(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    before = row_counts(db)
    with pytest.raises(InputError) as caught:
        record_call(db, minimal(neuro=["limb_weakness"]), user="new_user", clock=clock, case_id=999)
    assert caught.value.field == "case"
    assert row_counts(db) == before, "not even the new user is kept"
    assert open_clocks(db, first.case_id).keys() == {"mri", "coordinator_advice"}


def test_a_follow_up_for_another_patient_is_refused(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    before = row_counts(db)
    other = minimal(neuro=["limb_weakness"])
    other["patient"]["nhs_number"] = "4010232137"
    with pytest.raises(InputError) as caught:
        record_call(db, other, user="coord", clock=clock, case_id=first.case_id)
    assert caught.value.field == "patient.nhs_number"
    assert row_counts(db) == before


# --- follow-up calls -----------------------------------------------------------------


def test_a_follow_up_with_cord_compression_escalates_and_tightens_the_mri_clock(
    db: Database,
) -> None:
    clock = FakeClock(T0)
    suspected = utc("2027-03-27T09:30:00+00:00")
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    assert first.category == "urgent_advice"
    assert open_clocks(db, first.case_id) == {
        "mri": suspected + D7,
        "coordinator_advice": suspected + H24,
    }

    clock.advance(timedelta(days=2))
    follow_up_suspected = suspected + timedelta(days=2)
    follow = record_call(
        db,
        minimal(
            pain=["nocturnal"],
            neuro=["limb_weakness"],
            suspected_at=follow_up_suspected.isoformat(),
        ),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert follow.case_id == first.case_id
    assert follow.escalated and not follow.created_case
    assert follow.category == "emergency"
    assert open_clocks(db, first.case_id) == {
        "mri": follow_up_suspected + H24,  # 24 h from the follow-up, not from the first call
    }
    assert {d.key: d.due_at for d in follow.deadlines} == open_clocks(db, first.case_id)
    # The escalation answers the 24-hour advice clock: closed as met by it, and saying so.
    advice = [d for d in deadlines_of(db, first.case_id) if d.key == "coordinator_advice"]
    assert len(advice) == 1 and advice[0].met_at == clock.now()
    assert advice[0].met_by is not None and advice[0].met_by.startswith("escalated to Emergency")

    old_mri = [d for d in deadlines_of(db, first.case_id) if d.key == "mri" and not d.is_open]
    assert len(old_mri) == 1
    assert old_mri[0].due_at == suspected + D7
    assert old_mri[0].cancelled_at == clock.now()
    # In the words and the time a coordinator reads (BST after the clock change).
    assert old_mri[0].cancel_reason == (
        "replaced by a tighter clock at Mon 29 Mar 2027 11:00 BST"
    )
    assert old_mri[0].met_at is None

    with db.sessions() as s:
        case = s.get(Case, first.case_id)
        assert case is not None
        assert (case.category_computed, case.category_rule) == ("emergency", "T1")
        assert case.updated_at == clock.now()
        calls = s.scalars(select(Call).where(Call.case_id == case.id).order_by(Call.id)).all()
        assert [c.is_follow_up for c in calls] == [False, True]
        assessments = s.scalars(
            select(Assessment).where(Assessment.case_id == case.id).order_by(Assessment.id)
        ).all()
        assert [a.category for a in assessments] == ["urgent_advice", "emergency"]
        assert assessments[1].neuro_limb_weakness and not assessments[0].neuro_limb_weakness
        keys = [i.key for i in case.checklist]
        assert len(keys) == len(set(keys))
        assert {"dexamethasone", "rehabilitation"} <= set(keys)  # emergency-only items added
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
        ).all()
    assert [e.action for e in events] == ["case.opened", "call.follow_up", "case.category_changed"]
    changed = events[2].detail
    assert (changed["from"], changed["to"]) == ("urgent_advice", "emergency")
    assert events[1].detail["category_before"] == "urgent_advice"
    assert events[1].detail["category_after"] == "emergency"
    assert events[1].at == clock.now()


def test_a_quieter_follow_up_never_relaxes_a_clock(db: Database) -> None:
    clock = FakeClock(T0)
    suspected = utc("2027-03-27T09:30:00+00:00")
    first = record_call(db, minimal(neuro=["limb_weakness"]), user="coord", clock=clock)
    assert first.category == "emergency"
    before = open_clocks(db, first.case_id)
    assert before == {"mri": suspected + H24}

    clock.advance(timedelta(hours=20))
    quieter = record_call(
        db,
        minimal(pain=["nocturnal"], suspected_at=(suspected + timedelta(hours=20)).isoformat()),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert quieter.category == "emergency"
    assert not quieter.escalated
    assert open_clocks(db, first.case_id) == before
    assert [d.cancelled_at for d in deadlines_of(db, first.case_id)] == [None]
    with db.sessions() as s:
        case = s.get(Case, first.case_id)
        assert case is not None and case.category_computed == "emergency"
    assert audit_actions(db, first.case_id) == ["case.opened", "call.follow_up"]


def test_a_quieter_follow_up_leaves_a_database_that_passes_check(db_url: str) -> None:
    """`db check` must accept what `record` itself writes (see maintenance.invariant_problems)."""
    from mscc_desk.store import maintenance

    database = open_database(db_url)
    try:
        clock = FakeClock(T0)
        first = record_call(database, minimal(neuro=["limb_weakness"]), user="c", clock=clock)
        clock.advance(timedelta(hours=20))
        record_call(
            database,
            minimal(pain=["nocturnal"], suspected_at="2027-03-28T05:30:00+00:00"),
            user="c",
            clock=clock,
            case_id=first.case_id,
        )
    finally:
        database.dispose()
    report = maintenance.check(db_url)
    assert report["problems"] == []
    assert report["ok"] is True


def test_mri_performed_meets_the_mri_clock(db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(db, minimal(neuro=["limb_weakness"]), user="coord", clock=clock)
    clock.advance(timedelta(hours=6))
    performed = "2027-03-27T15:10:00+00:00"
    follow = record_call(
        db,
        minimal(
            neuro=["limb_weakness"],
            management={"mri": {"performed_at": performed, "levels": "T9-T11"}},
        ),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert [d.key for d in follow.deadlines] == []
    mri = [d for d in deadlines_of(db, first.case_id) if d.key == "mri"]
    assert len(mri) == 1
    assert mri[0].met_at == utc(performed)
    assert mri[0].cancelled_at is None
    with db.sessions() as s:
        item = s.scalars(
            select(ChecklistItem).where(
                ChecklistItem.case_id == first.case_id, ChecklistItem.key == "mri"
            )
        ).one()
        assert item.state == "done"
        assert item.done_at == utc(performed)
        assert item.data == {"performed_at": performed, "levels": "T9-T11"}
        assert item.done_by_id == s.scalar(select(User.id).where(User.username == "coord"))


def test_the_same_features_again_do_not_restart_a_met_clock(db: Database) -> None:
    clock = FakeClock(T0)
    done = {"mri": {"performed_at": "2027-03-27T09:45:00+00:00"}}
    first = record_call(
        db, minimal(neuro=["limb_weakness"], management=done), user="coord", clock=clock
    )
    clock.advance(timedelta(hours=30))
    again = record_call(
        db,
        minimal(neuro=["limb_weakness"], suspected_at="2027-03-28T15:00:00+00:00"),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert [d.key for d in again.deadlines] == []
    assert [d.key for d in deadlines_of(db, first.case_id)] == ["mri"]


def test_new_cord_compression_after_a_met_7_day_mri_starts_a_24_hour_mri(db: Database) -> None:
    clock = FakeClock(T0)
    done = {"mri": {"performed_at": "2027-03-28T12:00:00+00:00"}}
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    clock.advance(timedelta(days=2))
    record_call(
        db,
        minimal(pain=["nocturnal"], management=done),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    clock.advance(timedelta(days=3))
    escalation = "2027-04-01T09:30:00+00:00"
    follow = record_call(
        db,
        minimal(pain=["nocturnal"], neuro=["limb_weakness"], suspected_at=escalation),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    assert follow.escalated
    assert open_clocks(db, first.case_id)["mri"] == utc(escalation) + timedelta(hours=24)


def test_mri_performed_on_the_first_call_meets_the_clock_at_once(db: Database) -> None:
    performed = "2027-03-27T09:50:00+00:00"
    outcome = record_call(
        db,
        minimal(neuro=["limb_weakness"], management={"mri": {"performed_at": performed}}),
        user="coord",
        clock=FakeClock(T0),
    )
    assert outcome.deadlines == ()
    (mri,) = deadlines_of(db, outcome.case_id)
    assert mri.met_at == utc(performed)


def test_a_category_override_needs_a_reason_and_keeps_the_computed_category(
    db: Database,
) -> None:
    clock = FakeClock(T0)
    before = row_counts(db)
    with pytest.raises(InputError) as caught:
        record_call(
            db,
            minimal(pain=["nocturnal"], case={"category_override": "emergency"}),
            user="coord",
            clock=clock,
        )
    assert caught.value.field == "case.override_reason"
    assert row_counts(db) == before

    reason = "Registrar: new foot drop reported by the ward"
    outcome = record_call(
        db,
        minimal(
            pain=["nocturnal"],
            case={"category_override": "emergency", "override_reason": reason},
        ),
        user="coord",
        clock=clock,
    )
    assert outcome.category == "emergency"
    suspected = utc("2027-03-27T09:30:00+00:00")
    assert open_clocks(db, outcome.case_id) == {"mri": suspected + H24}
    with db.sessions() as s:
        case = s.get(Case, outcome.case_id)
        assert case is not None
        assert case.category_computed == "urgent_advice"
        assert case.category_rule == "T2"
        assert case.category_override == "emergency"
        assert case.override_reason == reason
        assert case.category == "emergency"
        event = s.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id)).one()
        assert event.detail["override"] == "emergency"
        assert event.detail["override_reason"] == reason
        assert event.detail["rule"] == "T2"


def test_a_follow_up_keeps_new_patient_details_and_audits_what_they_replaced(
    db: Database,
) -> None:
    clock = FakeClock(T0)
    first = record_call(db, minimal(pain=["nocturnal"]), user="coord", clock=clock)
    clock.advance(timedelta(hours=2))
    follow = minimal(pain=["nocturnal"])
    follow["patient"] = {**follow["patient"], "hospital_number": "RX12345", "postcode": "M1 4BT"}
    record_call(db, follow, user="coord", clock=clock, case_id=first.case_id)
    with db.session() as s:
        patient = s.get(Patient, first.patient_id)
        assert patient is not None
        assert (patient.hospital_number, patient.postcode) == ("RX12345", "M1 4BT")
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "call.follow_up")).one()
        assert event.detail["patient_changes"]["hospital_number"] == {
            "before": None,
            "after": "RX12345",
        }
        assert "family_name" not in event.detail["patient_changes"]


# --- values checked as a person would type them --------------------------------------


def test_a_diagnosis_known_to_the_month_is_stored_as_its_first_day_and_marked(
    db: Database,
) -> None:
    data = copy.deepcopy(COMPLETE)
    data["case"]["diagnosed_on"] = "2019-03"
    data["patient"]["postcode"] = "ls1 4ap"
    outcome = record_call(db, data, user="coord", clock=FakeClock(T0))
    with db.session() as session:
        case = session.get(Case, outcome.case_id)
        assert case is not None
        assert case.diagnosed_on == date(2019, 3, 1)
        assert case.patient.postcode == "LS1 4AP"  # as Royal Mail writes it
        opened = session.scalar(select(AuditEvent).where(AuditEvent.action == "case.opened"))
        assert opened is not None
        assert opened.detail["partial_dates"] == {"case.diagnosed_on": "2019-03"}


def test_a_precise_diagnosis_date_needs_no_marker(db: Database) -> None:
    outcome = record_call(db, COMPLETE, user="coord", clock=FakeClock(T0))
    with db.session() as session:
        opened = session.scalar(select(AuditEvent).where(AuditEvent.action == "case.opened"))
        assert opened is not None and "partial_dates" not in opened.detail
        case = session.get(Case, outcome.case_id)
        assert case is not None and case.diagnosed_on == date(2019, 6, 15)


@pytest.mark.parametrize(
    ("group", "key", "value", "why"),
    [
        ("patient", "postcode", "ABC", "'ABC' is not a UK postcode"),
        ("case", "diagnosed_on", "2019-13", "there is no month 13"),
        ("case", "diagnosed_on", "2090", "2090 is in the future"),
        ("patient", "date_of_birth", "1950-02-31", "February 1950 has 28 days"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_field_and_what_is_wrong(
    db: Database, group: str, key: str, value: str, why: str
) -> None:
    data = copy.deepcopy(COMPLETE)
    data[group][key] = value
    with pytest.raises(InputError) as caught:
        record_call(db, data, user="coord", clock=FakeClock(T0))
    assert caught.value.field == f"{group}.{key}"
    assert why in caught.value.problem
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0

"""The case view's store (`store.cases`): checklist entries and their clocks, re-triage,
closing and reopening, the timeline, and optimistic concurrency.

Cases are created by the real `record_call`. Time comes from a FakeClock; 2027-03-27 is
the Saturday before the March clock change, so 24-hour clocks started that day end in
BST and must still be exactly 86,400 s long. Tests where the database engine matters
(concurrent edits) run on SQLite and on a real PostgreSQL server (`db_url`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.domain.scales import SinsBand
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import (
    VersionConflict,
    add_note,
    close_case,
    load_case,
    reopen_case,
    retriage,
    timeline,
    update_checklist_item,
)
from mscc_desk.store.cases import changes as cases
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Alert, AuditEvent, Deadline, User
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
H24 = timedelta(seconds=86_400)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def iso(minutes: float) -> str:
    return at(minutes).isoformat()


def _open(target: str | Path) -> Iterator[Database]:
    database = open_database(target)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A SQLite file: enough wherever the engine does not change the behaviour."""
    yield from _open(tmp_path / "mscc.sqlite3")


@pytest.fixture
def any_db(db_url: str) -> Iterator[Database]:
    """SQLite and a real PostgreSQL server, for what locking and isolation decide."""
    yield from _open(db_url)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def call_data(**overrides: Any) -> dict[str, Any]:
    """An emergency referral (past cancer + limb weakness + instability), not immobilised."""
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "pain": ["mechanical"],
        "instability_signs": True,
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {
            "nhs_number": "9434765919",
            "hospital_number": "RX1234567",
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": "1950-02-01",
        },
        "call": {
            "caller_name": "Dr Priya Patel",
            "caller_role": "FY2",
            "caller_ward": "Ward 7",
            "caller_contact": "bleep 1234",
        },
        "case": {"location": "ward", "location_detail": "Ward 7", "primary_site": "breast"},
    }
    data.update(overrides)
    return data


def new_case(db: Database, clock: FakeClock, **overrides: Any) -> int:
    return record_call(db, call_data(**overrides), user="alice", clock=clock).case_id


def version(db: Database, case_id: int) -> int:
    return load_case(db, case_id, now=T0).version


def deadlines(db: Database, case_id: int, key: str) -> list[Deadline]:
    with db.session() as session:
        return list(
            session.scalars(
                select(Deadline)
                .where(Deadline.case_id == case_id, Deadline.key == key)
                .order_by(Deadline.id)
            )
        )


def open_deadline(db: Database, case_id: int, key: str) -> Deadline:
    live = [d for d in deadlines(db, case_id, key) if d.is_open]
    assert len(live) == 1, f"expected one open {key} clock, got {live}"
    return live[0]


def audit_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count(AuditEvent.id))) or 0)


def edit(
    db: Database, case_id: int, key: str, minutes: float, user: str = "alice", **kw: Any
) -> int:
    """One checklist save against the version now in the database."""
    return update_checklist_item(
        db,
        case_id,
        key,
        user=user,
        now=at(minutes),
        expected_version=version(db, case_id),
        **kw,
    )


# --- Reading ---------------------------------------------------------------------------------


def test_load_case_gives_patient_referral_clocks_and_checklist(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    detail = load_case(db, case_id, now=at(60))
    assert detail.patient.nhs_display == "943 476 5919"
    assert detail.patient.name == "OKAFOR, Grace"
    assert detail.patient.age == 77
    assert detail.patient.hospital_number == "RX1234567"
    r = detail.referral
    assert "Ward 7" in r.location
    assert r.primary_site == "Breast"
    assert r.cancer_status_text == "Past or current diagnosis of cancer"
    rule = next(x for x in default_pathway().triage if x.key == "T1")
    assert (r.category.key, r.category.rule_key) == ("emergency", "T1")
    assert (r.category.rule_text, r.category.rule_ref) == (rule.text, rule.ref)
    assert r.referred_by is not None and r.referred_by.caller == "Dr Priya Patel (FY2, Ward 7)"
    assert r.call_back == "bleep 1234"
    [mri] = detail.clocks
    assert (mri.key, mri.state, mri.due_at) == ("mri", "open", at(-30) + H24)
    assert mri.time_left == at(-30) + H24 - at(60)
    # The checklist is the pathway file's, in its order, with its status and reference.
    keys = [item.key for item in detail.checklist]
    assert keys == [i.key for i in default_pathway().checklist if i.key in keys]
    dex = detail.item("dexamethasone")
    assert dex.is_local and dex.status == "local" and dex.state == "pending"
    assert detail.item("mri").meets == ("mri", "performed_at")
    assert detail.status == "open" and detail.version == 1


# --- Checklist entries and the clocks ------------------------------------------------------


def test_mri_performed_meets_the_mri_clock(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    before = audit_count(db)
    edit(db, case_id, "mri", 30, data={"requested_at": iso(20), "location": "Local MRI"})
    assert open_deadline(db, case_id, "mri").met_at is None  # requested is not performed
    assert load_case(db, case_id, now=at(30)).item("mri").state == "pending"

    v = edit(db, case_id, "mri", 200, user="bob", data={"performed_at": iso(180)})
    [mri] = deadlines(db, case_id, "mri")
    assert mri.met_at == at(180)
    detail = load_case(db, case_id, now=at(200))
    assert detail.version == v == 3
    item = detail.item("mri")
    assert (item.state, item.done_at, item.done_by) == ("done", at(180), "bob")
    assert item.data["requested_at"] == iso(20)  # a partial save keeps the other fields
    assert detail.clocks[0].state == "met" and not detail.clocks[0].met_late
    # Each save is one audit event with before and after.
    assert audit_count(db) == before + 2
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.action == "checklist.updated"
        assert event.detail["before"]["state"] == "pending"
        assert event.detail["after"]["state"] == "done"
        assert event.detail["after"]["data"]["performed_at"] == iso(180)
        assert event.detail["clocks"][0]["action"] == "met"


def test_correcting_or_clearing_the_performed_time_follows_the_clock(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "mri", 200, data={"performed_at": iso(180)})
    edit(db, case_id, "mri", 210, data={"performed_at": iso(170)})  # a typing slip
    assert deadlines(db, case_id, "mri")[0].met_at == at(170)
    assert load_case(db, case_id).item("mri").done_at == at(170)
    edit(db, case_id, "mri", 220, data={"performed_at": None})  # not performed after all
    assert open_deadline(db, case_id, "mri").met_at is None
    assert load_case(db, case_id).item("mri").state == "pending"


def test_immobilisation_starts_the_expert_review_clock_and_review_meets_it(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    assert deadlines(db, case_id, "expert_review") == []  # not immobilised at the call
    edit(db, case_id, "immobilisation", 20, data={"started_at": iso(15), "position": "flat"})
    review = open_deadline(db, case_id, "expert_review")
    assert (review.starts_at, review.due_at) == (at(15), at(15) + H24)
    assert review.due_at - review.starts_at == H24  # across the clock change: elapsed
    # Saving the item again does not start a second clock.
    edit(db, case_id, "immobilisation", 25, note="log-roll")
    assert len(deadlines(db, case_id, "expert_review")) == 1
    # Correcting the start time moves the clock with it.
    edit(db, case_id, "immobilisation", 30, data={"started_at": iso(10)})
    assert open_deadline(db, case_id, "expert_review").due_at == at(10) + H24

    edit(
        db, case_id, "expert_review", 600, data={"reviewer": "Spinal SpR", "reviewed_at": iso(590)}
    )
    [review] = deadlines(db, case_id, "expert_review")
    assert review.met_at == at(590)
    assert load_case(db, case_id).item("expert_review").state == "done"


def test_a_clock_started_after_the_entry_that_meets_it_is_met_at_once(
    db: Database, clock: FakeClock
) -> None:
    """Entered out of order (the review first), the clock is not left running by mistake."""
    case_id = new_case(db, clock)
    edit(db, case_id, "expert_review", 300, data={"reviewed_at": iso(290)})
    edit(db, case_id, "immobilisation", 310, data={"started_at": iso(20)})
    [review] = deadlines(db, case_id, "expert_review")
    assert (review.starts_at, review.met_at) == (at(20), at(290))


def test_immobilisation_at_intake_keeps_its_clock(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock, immobilised_at=iso(-20))
    edit(db, case_id, "immobilisation", 20, data={"position": "flat"})
    [review] = deadlines(db, case_id, "expert_review")
    assert review.starts_at == at(-20)


def test_immobilisation_duration_is_derived(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "immobilisation", 20, data={"started_at": iso(0)})
    item = load_case(db, case_id).item("immobilisation")
    assert item.duration(at(150)) == timedelta(minutes=150)  # still immobilised
    edit(db, case_id, "immobilisation", 400, data={"stopped_at": iso(390)})
    item = load_case(db, case_id).item("immobilisation")
    assert item.duration(at(1000)) == timedelta(minutes=390)
    assert load_case(db, case_id).item("mri").duration(at(1000)) is None


def test_decision_to_treat_starts_radiotherapy_and_treatment_meets_it(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        300,
        data={"decision_at": iso(290), "modality": "radiotherapy"},
    )
    rt = open_deadline(db, case_id, "radiotherapy")
    rule = next(c for c in default_pathway().clocks if c.key == "radiotherapy")
    assert (rt.starts_at, rt.due_at, rt.ref, rt.label) == (
        at(290),
        at(290) + H24,
        rule.ref,
        rule.label,
    )
    assert load_case(db, case_id).item("definitive_treatment").state == "pending"
    edit(db, case_id, "definitive_treatment", 1000, data={"started_at": iso(990)})
    [rt] = deadlines(db, case_id, "radiotherapy")
    assert rt.met_at == at(990)
    assert load_case(db, case_id).item("definitive_treatment").state == "done"


def test_decision_and_start_in_one_save(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        2000,
        data={"decision_at": iso(290), "modality": "radiotherapy", "started_at": iso(1900)},
    )
    [rt] = deadlines(db, case_id, "radiotherapy")
    assert rt.met_at == at(1900) and rt.met_at > rt.due_at  # met, but late
    clock_detail = load_case(db, case_id, now=at(2000)).clocks
    radiotherapy = next(c for c in clock_detail if c.key == "radiotherapy")
    assert radiotherapy.state == "met" and radiotherapy.met_late


# --- The radiotherapy clock runs only for a decision to treat with radiotherapy (QS56 st.6) ---


def rt_effects(db: Database, case_id: int) -> list[dict[str, Any]]:
    """The clock effects of the last checklist save."""
    with db.session() as session:
        event = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.case_id == case_id, AuditEvent.action == "checklist.updated")
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event is not None
        return list(event.detail["clocks"])


@pytest.mark.parametrize("modality", ["surgery", "systemic", "supportive"])
def test_a_decision_to_treat_otherwise_starts_no_radiotherapy_clock(
    db: Database, clock: FakeClock, modality: str
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        300,
        data={"decision_at": iso(290), "modality": modality},
    )
    assert deadlines(db, case_id, "radiotherapy") == []
    assert rt_effects(db, case_id) == []
    # A day and more later: no false breach of a clock that never applied.
    detail = load_case(db, case_id, now=at(290 + 2 * 24 * 60))
    assert [c.key for c in detail.clocks] == ["mri"]
    assert detail.open_clock("radiotherapy") is None


def test_a_decision_to_treat_with_radiotherapy_starts_a_24_hour_clock(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        300,
        data={"decision_at": iso(290), "modality": "radiotherapy"},
    )
    rt = open_deadline(db, case_id, "radiotherapy")
    assert (rt.starts_at, rt.due_at) == (at(290), at(290) + H24)
    assert [e["action"] for e in rt_effects(db, case_id)] == ["started"]


def test_the_decision_time_alone_waits_for_the_modality(db: Database, clock: FakeClock) -> None:
    """Filled in either order: the clock runs from the decision, not from the later save."""
    case_id = new_case(db, clock)
    edit(db, case_id, "definitive_treatment", 300, data={"decision_at": iso(290)})
    assert deadlines(db, case_id, "radiotherapy") == []
    edit(db, case_id, "definitive_treatment", 400, data={"modality": "radiotherapy"})
    rt = open_deadline(db, case_id, "radiotherapy")
    assert (rt.starts_at, rt.due_at) == (at(290), at(290) + H24)
    [started] = rt_effects(db, case_id)
    assert (started["action"], started["clock"]) == ("started", "radiotherapy")
    # Correcting the decision time still moves the clock.
    edit(db, case_id, "definitive_treatment", 410, data={"decision_at": iso(280)})
    assert open_deadline(db, case_id, "radiotherapy").due_at == at(280) + H24
    assert [e["action"] for e in rt_effects(db, case_id)] == ["moved"]


def test_the_modality_alone_waits_for_the_decision_time(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "definitive_treatment", 300, data={"modality": "radiotherapy"})
    assert deadlines(db, case_id, "radiotherapy") == []
    edit(db, case_id, "definitive_treatment", 400, data={"decision_at": iso(350)})
    assert open_deadline(db, case_id, "radiotherapy").due_at == at(350) + H24


def test_changing_the_modality_away_from_radiotherapy_stops_the_clock(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        300,
        data={"decision_at": iso(290), "modality": "radiotherapy"},
    )
    edit(db, case_id, "definitive_treatment", 400, data={"modality": "surgery"})
    [rt] = deadlines(db, case_id, "radiotherapy")
    assert (rt.met_at, rt.cancelled_at) == (None, at(400))
    assert rt.cancel_reason == (
        "modality is surgery, not radiotherapy (definitive_treatment.modality)"
    )
    [stopped] = rt_effects(db, case_id)
    assert (stopped["action"], stopped["reason"]) == ("cancelled", rt.cancel_reason)
    detail = load_case(db, case_id, now=at(290 + 2 * 24 * 60))
    [clock_detail] = [c for c in detail.clocks if c.key == "radiotherapy"]
    assert clock_detail.state == "cancelled"  # stopped, never breached
    assert clock_detail.words(at(3000)).startswith("Stopped: modality is surgery")
    entries = timeline(db, case_id, now=at(290 + 2 * 24 * 60))
    assert not any(e.kind == "breach" and "Radiotherapy" in e.what for e in entries)
    assert any(e.what == f"Clock stopped: {rt.label}" for e in entries)

    # Back to radiotherapy: a fresh clock from the decision; clearing the modality stops it.
    edit(db, case_id, "definitive_treatment", 500, data={"modality": "radiotherapy"})
    assert open_deadline(db, case_id, "radiotherapy").starts_at == at(290)
    edit(db, case_id, "definitive_treatment", 510, data={"modality": None})
    assert [d for d in deadlines(db, case_id, "radiotherapy") if d.is_open] == []
    assert deadlines(db, case_id, "radiotherapy")[-1].cancel_reason == (
        "modality is not recorded, not radiotherapy (definitive_treatment.modality)"
    )


def test_a_met_radiotherapy_clock_stays_met_when_the_modality_changes(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        1000,
        data={"decision_at": iso(290), "modality": "radiotherapy", "started_at": iso(990)},
    )
    edit(db, case_id, "definitive_treatment", 1100, data={"modality": "systemic"})
    [rt] = deadlines(db, case_id, "radiotherapy")
    assert (rt.met_at, rt.cancelled_at) == (at(990), None)
    assert rt_effects(db, case_id) == []


def test_radiotherapy_already_started_is_met_when_the_modality_comes_last(
    db: Database, clock: FakeClock
) -> None:
    case_id = new_case(db, clock)
    edit(
        db,
        case_id,
        "definitive_treatment",
        1000,
        data={"decision_at": iso(290), "started_at": iso(900)},
    )
    assert deadlines(db, case_id, "radiotherapy") == []
    assert load_case(db, case_id).item("definitive_treatment").state == "done"
    edit(db, case_id, "definitive_treatment", 1100, data={"modality": "radiotherapy"})
    [rt] = deadlines(db, case_id, "radiotherapy")
    assert (rt.starts_at, rt.met_at) == (at(290), at(900))
    assert [e["action"] for e in rt_effects(db, case_id)] == ["started", "met"]


def test_clock_started_from_a_checklist_field_follows_its_when(
    db: Database, clock: FakeClock
) -> None:
    """Physiotherapy/OT clocks start from the MRI report only when MSCC is confirmed."""
    plain = new_case(db, clock)
    edit(db, plain, "mri", 300, data={"reported_at": iso(290)})
    assert deadlines(db, plain, "physiotherapy") == []
    confirmed = new_case(
        db, clock, mscc_confirmed=True, patient={**call_data()["patient"], "nhs_number": None}
    )
    edit(db, confirmed, "mri", 300, data={"reported_at": iso(290)})
    assert open_deadline(db, confirmed, "physiotherapy").due_at == at(290) + H24
    assert open_deadline(db, confirmed, "occupational_therapy").due_at == at(290) + 2 * H24


def test_not_applicable_needs_a_reason(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    with pytest.raises(InputError) as err:
        edit(db, case_id, "dexamethasone", 10, state="not_applicable")
    assert err.value.field == "dexamethasone.na_reason"
    edit(
        db,
        case_id,
        "dexamethasone",
        10,
        state="not_applicable",
        na_reason="Lymphoma: haematology first",
    )
    item = load_case(db, case_id).item("dexamethasone")
    assert (item.state, item.na_reason, item.done_by) == (
        "not_applicable",
        "Lymphoma: haematology first",
        "alice",
    )
    assert "_na_reason" not in item.data
    edit(db, case_id, "dexamethasone", 20, state="pending")
    item = load_case(db, case_id).item("dexamethasone")
    assert (item.state, item.na_reason, item.done_at) == ("pending", None, None)


def test_an_item_the_triage_did_not_add_can_be_recorded(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    assert "oncology_referral" not in [i.key for i in load_case(db, case_id).checklist]
    edit(db, case_id, "oncology_referral", 10, data={"referred_to": "Acute oncology"})
    assert load_case(db, case_id).item("oncology_referral").data["referred_to"] == "Acute oncology"


# --- SINS through the checklist -------------------------------------------------------------

SINS_ZERO = {
    "location": "rigid",
    "pain": "pain_free",
    "lesion": "blastic",
    "alignment": "normal",
    "collapse": "none",
    "posterolateral": "none",
}


@pytest.mark.parametrize(
    ("answers", "total", "band", "opinion"),
    [
        ({"location": "junctional", "pain": "mechanical"}, 6, SinsBand.STABLE, False),
        (
            {"location": "junctional", "pain": "mechanical", "posterolateral": "unilateral"},
            7,
            SinsBand.POTENTIALLY_UNSTABLE,
            True,
        ),
        (
            {
                "location": "junctional",
                "pain": "mechanical",
                "lesion": "lytic",
                "alignment": "subluxation_translation",
            },
            12,
            SinsBand.POTENTIALLY_UNSTABLE,
            True,
        ),
        (
            {
                "location": "junctional",
                "pain": "mechanical",
                "lesion": "lytic",
                "alignment": "subluxation_translation",
                "posterolateral": "unilateral",
            },
            13,
            SinsBand.UNSTABLE,
            True,
        ),
    ],
    ids=["6-stable", "7-potentially-unstable", "12-potentially-unstable", "13-unstable"],
)
def test_sins_totals_and_bands_at_the_boundaries(
    db: Database,
    clock: FakeClock,
    answers: dict[str, str],
    total: int,
    band: SinsBand,
    opinion: bool,
) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "sins", 30, data={"sins": {**SINS_ZERO, **answers}}, state="done")
    item = load_case(db, case_id).item("sins")
    assert item.data["sins"]["total"] == total
    assert item.sins is not None
    assert (item.sins.total, item.sins.band, item.sins.surgical_opinion) == (total, band, opinion)
    summary = " ".join(item.summary())
    assert ("consider a surgical opinion" in summary) is opinion


def test_a_partial_sins_is_refused(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    with pytest.raises(InputError) as err:
        edit(db, case_id, "sins", 30, data={"sins": {"location": "junctional"}})
    assert err.value.field == "sins.sins"


# --- Bad input writes nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "kwargs", "field"),
    [
        ("mri", {"data": {"performed_at": "yesterday"}}, "mri.performed_at"),
        ("mri", {"data": {"performed_at": "2027-03-27T11:00:00"}}, "mri.performed_at"),
        ("mri", {"data": {"performed_at": "2027-03-29T11:00:00+00:00"}}, "mri.performed_at"),
        ("mri", {"data": {"cord_compression": "maybe"}}, "mri.cord_compression"),
        ("mri", {"data": {"colour": "blue"}}, "mri.colour"),
        ("dexamethasone", {"data": {"dose_mg": -16}}, "dexamethasone.dose_mg"),
        ("pain_assessment", {"data": {"severity": 11}}, "pain_assessment.severity"),
        ("mri", {"state": "finished"}, "mri.state"),
        ("no_such_item", {"data": {}}, "no_such_item"),
    ],
)
def test_bad_checklist_input_names_the_field_and_writes_nothing(
    db: Database, clock: FakeClock, key: str, kwargs: dict[str, Any], field: str
) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "mri", 20, data={"requested_at": iso(10), "levels": "T4"})
    before = load_case(db, case_id, now=at(30))
    events = audit_count(db)
    with pytest.raises(InputError) as err:
        edit(db, case_id, key, 30, **kwargs)
    assert err.value.field == field
    after = load_case(db, case_id, now=at(30))
    assert after.version == before.version
    assert after.item("mri") == before.item("mri")
    assert after.clocks == before.clocks
    assert audit_count(db) == events


# --- Concurrency ------------------------------------------------------------------------------


def test_two_edits_with_one_version_the_second_conflicts(
    any_db: Database, clock: FakeClock
) -> None:
    db = any_db
    case_id = new_case(db, clock)
    seen = version(db, case_id)  # both users opened the case at this version
    update_checklist_item(
        db,
        case_id,
        "mri",
        data={"performed_at": iso(100)},
        user="alice",
        now=at(110),
        expected_version=seen,
    )
    events = audit_count(db)
    with pytest.raises(VersionConflict) as err:
        update_checklist_item(
            db,
            case_id,
            "mri",
            data={"performed_at": iso(95), "levels": "T4-T6"},
            user="bob",
            now=at(112),
            expected_version=seen,
        )
    conflict = err.value
    assert conflict.current_values["data"] == {"performed_at": iso(100)}
    assert conflict.current_values["done_by"] == "alice"
    assert conflict.your_values["data"] == {"performed_at": iso(95), "levels": "T4-T6"}
    assert (conflict.expected_version, conflict.current_version) == (seen, seen + 1)
    assert conflict.changed_by == "alice" and conflict.changed_at == at(110)
    assert "nothing was saved" in str(conflict)
    # Nothing of bob's was written: not the item, not the clock, not the audit trail.
    detail = load_case(db, case_id, now=at(120))
    assert dict(detail.item("mri").data) == {"performed_at": iso(100)}
    assert deadlines(db, case_id, "mri")[0].met_at == at(100)
    assert detail.version == seen + 1
    assert audit_count(db) == events


def test_close_against_an_old_version_conflicts(any_db: Database, clock: FakeClock) -> None:
    db = any_db
    case_id = new_case(db, clock)
    seen = version(db, case_id)
    edit(db, case_id, "analgesia", 10, data={"analgesia": "Oral morphine"})
    with pytest.raises(VersionConflict) as err:
        close_case(
            db,
            case_id,
            reason="Duplicate referral",
            outcome="other",
            ambulatory_at_discharge="unknown",
            frankel_at_discharge=None,
            user="bob",
            now=at(20),
            expected_version=seen,
        )
    assert err.value.current_values["status"] == "open"
    assert err.value.your_values["status"] == "closed"
    assert load_case(db, case_id).status == "open"
    assert open_deadline(db, case_id, "mri").cancelled_at is None


def test_simultaneous_edits_only_one_wins(any_db: Database, clock: FakeClock) -> None:
    """Four workstations save at once against one version: one is saved, three conflict."""
    db = any_db
    case_id = new_case(db, clock)
    with db.session() as session:  # users exist already, as they would after sign-in
        for name in ("u0", "u1", "u2", "u3"):
            session.add(User(username=name, display_name=name, created_at=T0))
    seen = version(db, case_id)
    barrier = threading.Barrier(4)
    results: list[object] = []

    def save(n: int) -> None:
        barrier.wait()
        try:
            results.append(
                update_checklist_item(
                    db,
                    case_id,
                    "analgesia",
                    data={"analgesia": f"plan {n}"},
                    user=f"u{n}",
                    now=at(10 + n),
                    expected_version=seen,
                )
            )
        except Exception as exc:  # noqa: BLE001 - collected and checked below
            results.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    conflicts = [r for r in results if isinstance(r, VersionConflict)]
    saved = [r for r in results if isinstance(r, int)]
    assert len(saved) == 1 and len(conflicts) == 3, results
    detail = load_case(db, case_id)
    assert detail.version == seen + 1
    winner = detail.item("analgesia").data["analgesia"]
    for c in conflicts:
        assert c.current_values["data"]["analgesia"] == winner
        assert c.your_values["data"]["analgesia"] != winner
    with db.session() as session:
        events = session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "checklist.updated")
        )
    assert events == 1


@pytest.mark.postgres
def test_a_write_between_read_and_update_is_caught_on_postgresql(
    pg_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """READ COMMITTED: both read version N; the row lock and `WHERE version = N` decide.

    Deterministic: the competing save commits after this one has read the case and
    before it writes, so only the version column can stop the overwrite (SQLite cannot
    interleave like this: BEGIN IMMEDIATE serialises writers from their first read).
    """
    db = open_database(pg_url)
    try:
        case_id = new_case(db, clock)
        seen = version(db, case_id)
        real_get = cases._get_case
        fired: list[bool] = []

        def get_then_compete(session: Any, cid: int) -> Any:
            case = real_get(session, cid)
            if not fired and threading.current_thread() is threading.main_thread():
                fired.append(True)
                t = threading.Thread(
                    target=update_checklist_item,
                    args=(db, cid, "mri"),
                    kwargs={
                        "data": {"performed_at": iso(100)},
                        "user": "alice",
                        "now": at(110),
                        "expected_version": seen,
                    },
                )
                t.start()
                t.join(30)
            return case

        monkeypatch.setattr(cases, "_get_case", get_then_compete)
        with pytest.raises(VersionConflict) as err:
            update_checklist_item(
                db,
                case_id,
                "mri",
                data={"performed_at": iso(90)},
                user="bob",
                now=at(111),
                expected_version=seen,
            )
        monkeypatch.undo()
        assert err.value.current_values["data"] == {"performed_at": iso(100)}
        assert err.value.your_values["data"] == {"performed_at": iso(90)}
        assert deadlines(db, case_id, "mri")[0].met_at == at(100)
        assert version(db, case_id) == seen + 1
    finally:
        db.dispose()


# --- Re-triage by a follow-up call ------------------------------------------------------------


def test_escalation_by_follow_up_call_starts_a_24h_mri_clock_from_then(
    db: Database, clock: FakeClock
) -> None:
    pain_only = call_data(neuro=[], instability_signs=False)
    case_id = record_call(db, pain_only, user="alice", clock=clock).case_id
    week = open_deadline(db, case_id, "mri")
    assert week.due_at - week.starts_at == timedelta(days=7)
    assert load_case(db, case_id).referral.category.key == "urgent_advice"
    v0 = version(db, case_id)

    clock.set(T0 + timedelta(days=2))
    escalation = T0 + timedelta(days=2, minutes=-10)
    follow_up = {
        **call_data(neuro=["limb_weakness", "bladder_bowel_dysfunction"]),
        "suspected_at": escalation.isoformat(),
        "call": {"caller_name": "District nurse", "caller_contact": "07700 900123"},
    }
    outcome = retriage(db, case_id, follow_up, user="bob", clock=clock)
    assert outcome.escalated and outcome.category == "emergency"
    mri = open_deadline(db, case_id, "mri")
    assert (mri.starts_at, mri.due_at) == (escalation, escalation + H24)
    detail = load_case(db, case_id, now=clock.now())
    assert detail.referral.category.key == "emergency"
    assert detail.referral.call_back == "07700 900123"  # the latest caller
    assert detail.referral.referred_by is not None
    assert detail.referral.referred_by.caller_name == "Dr Priya Patel"
    assert detail.version > v0  # a follow-up moves the version: open editors will conflict

    entries = timeline(db, case_id, now=clock.now())
    changed = [e for e in entries if e.kind == "category"]
    assert len(changed) == 1
    assert changed[0].at == clock.now() and changed[0].who == "bob"
    assert "Advice within 24 hours" in changed[0].what and "Emergency" in changed[0].what
    started = [e for e in entries if e.what == "Clock started: MRI within 24 h"]
    assert [e.at for e in started] == [escalation]
    assert any(e.what.startswith("Follow-up call from District nurse") for e in entries)
    assert any(
        e.what.startswith("Clock stopped: Whole-spine MRI") and "tighter" in e.detail
        for e in entries
    )


# --- Closing and reopening --------------------------------------------------------------------


def close(db: Database, case_id: int, minutes: float, **kw: Any) -> int:
    values: dict[str, Any] = {
        "reason": "Treated; discharged to the hospice",
        "outcome": "mscc_confirmed",
        "ambulatory_at_discharge": "yes",
        "frankel_at_discharge": "D",
    }
    values.update(kw)
    return close_case(
        db,
        case_id,
        user="alice",
        now=at(minutes),
        expected_version=version(db, case_id),
        **values,
    )


def test_close_stops_every_clock_and_reopen_needs_a_reason(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "immobilisation", 10, data={"started_at": iso(5)})
    edit(db, case_id, "mri", 200, data={"performed_at": iso(180)})
    close(db, case_id, 3000)
    detail = load_case(db, case_id, now=at(3000))
    assert detail.status == "closed"
    o = detail.closing
    assert (o.closed_at, o.closed_by, o.close_reason) == (
        at(3000),
        "alice",
        "Treated; discharged to the hospice",
    )
    assert (o.outcome, o.ambulatory_at_discharge, o.frankel_at_discharge) == (
        "mscc_confirmed",
        "yes",
        "D",
    )
    review = deadlines(db, case_id, "expert_review")[0]
    assert (review.cancelled_at, review.cancel_reason) == (at(3000), "case closed")
    assert deadlines(db, case_id, "mri")[0].cancelled_at is None  # met clocks stay met
    assert {c.state for c in detail.clocks} == {"met", "cancelled"}

    # A closed case's checklist is not changed until it is reopened.
    with pytest.raises(InputError):
        edit(db, case_id, "analgesia", 3010, data={"analgesia": "x"})
    with pytest.raises(InputError) as err:
        reopen_case(db, case_id, "  ", "bob", at(3100), version(db, case_id))
    assert err.value.field == "reason"
    reopen_case(
        db, case_id, "New weakness reported by the hospice", "bob", at(3100), version(db, case_id)
    )
    detail = load_case(db, case_id, now=at(3100))
    assert detail.status == "open" and detail.closing.closed_at is None
    assert detail.open_clock("expert_review") is None  # stopped clocks stay stopped

    entries = timeline(db, case_id, now=at(3200))
    kinds = [(e.kind, e.what) for e in entries]
    assert ("close", "Case closed: Treated; discharged to the hospice") in kinds
    assert ("reopen", "Case reopened: New weakness reported by the hospice") in kinds
    closed_entry = next(e for e in entries if e.kind == "close")
    assert "Frankel at discharge: D" in closed_entry.detail
    assert "Expert review" in closed_entry.detail
    # The expert review was due 24 h after 10:05 and not met: a breach, before the closing.
    breach = next(e for e in entries if e.kind == "breach")
    assert breach.at == at(5) + H24 and breach.at < closed_entry.at
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.closed")).one()
        assert event.detail["before"]["status"] == "open"
        assert event.detail["after"]["status"] == "closed"
        assert event.detail["clocks_stopped"][0]["clock"] == "expert_review"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"outcome": "cured"}, "outcome"),
        ({"ambulatory_at_discharge": "sometimes"}, "ambulatory_at_discharge"),
        ({"frankel_at_discharge": "F"}, "frankel_at_discharge"),
    ],
)
def test_bad_close_input_writes_nothing(
    db: Database, clock: FakeClock, kw: dict[str, Any], field: str
) -> None:
    case_id = new_case(db, clock)
    events = audit_count(db)
    with pytest.raises(InputError) as err:
        close(db, case_id, 100, **kw)
    assert err.value.field == field
    assert load_case(db, case_id).status == "open"
    assert audit_count(db) == events


def test_closing_twice_is_refused(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    close(db, case_id, 100)
    with pytest.raises(InputError):
        close(db, case_id, 200)
    with pytest.raises(InputError):
        retriage(db, case_id, call_data(), user="bob", clock=clock)


# --- Notes and the timeline -------------------------------------------------------------------


def test_notes_are_kept_and_do_not_move_the_version(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    v = version(db, case_id)
    add_note(db, case_id, "Spoke to the ward sister", "alice", at(30))
    add_note(db, case_id, "Family informed", "bob", at(40))
    with pytest.raises(InputError):
        add_note(db, case_id, "   ", "bob", at(50))
    with pytest.raises(InputError):
        add_note(db, case_id, "bad \ud800 text", "bob", at(50))
    detail = load_case(db, case_id)
    assert [(n.at, n.by, n.text) for n in detail.notes] == [
        (at(30), "alice", "Spoke to the ward sister"),
        (at(40), "bob", "Family informed"),
    ]
    assert detail.version == v
    notes = [e for e in timeline(db, case_id, now=at(60)) if e.kind == "note"]
    assert [n.detail for n in notes] == ["Spoke to the ward sister", "Family informed"]


def test_timeline_tells_the_whole_story_in_order(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    edit(db, case_id, "mri", 30, data={"requested_at": iso(25)})
    edit(db, case_id, "mri", 200, user="bob", data={"performed_at": iso(180)})
    edit(db, case_id, "immobilisation", 210, data={"started_at": iso(200)})
    review = open_deadline(db, case_id, "expert_review")
    with db.session() as session:
        bob = session.scalars(select(User).where(User.username == "bob")).one()
        session.add(
            Alert(
                deadline_id=review.id,
                stage="due_soon",
                raised_at=review.due_at - timedelta(hours=4),
            )
        )
        session.add(
            Alert(
                deadline_id=review.id,
                stage="breached",
                raised_at=review.due_at,
                acknowledged_at=review.due_at + timedelta(minutes=5),
                acknowledged_by_id=bob.id,
            )
        )
    add_note(db, case_id, "Spinal team bleeped", "alice", at(220))

    before_due = timeline(db, case_id, now=review.due_at - timedelta(minutes=1))
    assert not any(e.kind == "breach" for e in before_due)  # not breached yet

    entries = timeline(db, case_id, now=review.due_at + timedelta(hours=1))
    whats = [e.what for e in entries]
    assert whats[0] == "Clock started: MRI within 24 h"  # 09:30: MSCC suspected
    assert whats[1].startswith("Referral call from Dr Priya Patel")
    assert whats[2].startswith("Assessment: Emergency: suspected MSCC (rule T1)")
    assert whats[3] == "Case opened: Emergency: suspected MSCC"
    assert "MRI: requested at Sat 27 Mar 2027 10:25 GMT" in whats
    assert "MRI: marked done; performed at Sat 27 Mar 2027 13:00 GMT" in whats
    assert "Clock met: MRI within 24 h" in whats
    mri_entry = next(e for e in entries if e.what.startswith("MRI: marked done"))
    assert mri_entry.who == "bob" and "Met MRI within 24 h" in mri_entry.detail
    imm = next(e for e in entries if e.what.startswith("Immobilisation:"))
    assert "Started Expert review within 24 h of immobilisation" in imm.detail
    breach = next(e for e in entries if e.kind == "breach")
    assert breach.at == review.due_at and breach.who == ""
    alerts = [(e.what, e.who) for e in entries if e.kind == "alert"]
    assert alerts == [
        ("Alert raised: Expert review within 24 h of immobilisation — due soon", ""),
        ("Alert raised: Expert review within 24 h of immobilisation — breached", ""),
        ("Alert acknowledged: Expert review within 24 h of immobilisation — breached", "bob"),
    ]
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def test_checklist_items_come_only_from_the_pathway_file(db: Database, clock: FakeClock) -> None:
    pathway = default_pathway()
    case_id = new_case(db, clock)
    for item in load_case(db, case_id).checklist:
        rule = pathway.checklist_rule(item.key)
        assert (item.title, item.text, item.ref, item.status, item.fields) == (
            rule.title,
            rule.text,
            rule.ref,
            rule.status,
            rule.fields,
        )


def test_a_viewer_may_not_change_a_case(db: Database, clock: FakeClock) -> None:
    case_id = new_case(db, clock)
    with db.session() as session:
        session.add(User(username="vic", display_name="Vic", role="viewer", created_at=T0))
    events = audit_count(db)
    v = version(db, case_id)
    for attempt in (
        lambda: update_checklist_item(
            db, case_id, "mri", data={"levels": "T4"}, user="vic", now=at(5), expected_version=v
        ),
        lambda: add_note(db, case_id, "hello", "vic", at(5)),
        lambda: close_case(
            db,
            case_id,
            reason="x",
            outcome="other",
            ambulatory_at_discharge="unknown",
            frankel_at_discharge=None,
            user="vic",
            now=at(5),
            expected_version=v,
        ),
    ):
        with pytest.raises(InputError) as err:
            attempt()
        assert err.value.field == "user"
    assert version(db, case_id) == v and audit_count(db) == events


def test_an_unknown_case_is_refused(db: Database) -> None:
    with pytest.raises(InputError):
        load_case(db, 999)
    with pytest.raises(InputError):
        add_note(db, 999, "x", "alice", T0)

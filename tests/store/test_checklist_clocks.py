"""A checklist entry does the same to the clocks whichever way it is recorded.

Management so far entered with a call (`record_call`) and the same entry saved in the
case view (`update_checklist_item`) both go through `store.clocks`; these tests record
each entry both ways and compare the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import load_case, timeline, update_checklist_item
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent, ChecklistItem, Deadline
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
H24 = timedelta(hours=24)


def iso(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def call_data(nhs: str | None, **overrides: Any) -> dict[str, Any]:
    """An emergency referral with MSCC confirmed on imaging and signs of instability."""
    data: dict[str, Any] = {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "instability_signs": True,
        "mscc_confirmed": True,
        "suspected_at": iso(-60),
        "patient": {
            "nhs_number": nhs,
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": "1950-02-01",
        },
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }
    data.update(overrides)
    return data


def both_ways(db: Database, management: dict[str, dict[str, Any]], **facts: Any) -> tuple[int, int]:
    """The same entries at intake (first case) and in the case view (second case)."""
    clock = FakeClock(T0)
    at_intake = record_call(
        db, call_data("9434765919", management=management, **facts), user="coord", clock=clock
    ).case_id
    in_view = record_call(db, call_data(None, **facts), user="coord", clock=clock).case_id
    for rule in default_pathway().checklist:  # the order intake applies them in
        if rule.key in management:
            update_checklist_item(
                db,
                in_view,
                rule.key,
                data=management[rule.key],
                user="coord",
                now=T0,
                expected_version=load_case(db, in_view, now=T0).version,
            )
    return at_intake, in_view


def deadline_rows(db: Database, case_id: int) -> list[tuple[Any, ...]]:
    with db.session() as s:
        rows = s.scalars(select(Deadline).where(Deadline.case_id == case_id))
        return sorted(
            (
                d.key,
                d.label,
                d.ref,
                d.starts_at,
                d.due_at,
                d.met_at,
                d.cancelled_at,
                d.cancel_reason,
            )
            for d in rows
        )


def item_rows(db: Database, case_id: int) -> dict[str, tuple[Any, ...]]:
    with db.session() as s:
        items = s.scalars(select(ChecklistItem).where(ChecklistItem.case_id == case_id))
        return {i.key: (i.state, i.done_at, i.data) for i in items}


def events(db: Database, case_id: int, action: str) -> list[dict[str, Any]]:
    with db.session() as s:
        return [
            e.detail
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.case_id == case_id, AuditEvent.action == action)
                .order_by(AuditEvent.id)
            )
        ]


MRI_REPORTED = {
    "mri": {
        "performed_at": iso(-30),
        "reported_at": iso(-10),
        "levels": "T9-T11",
        "cord_compression": "yes",
    }
}


def test_mri_reported_at_intake_starts_rehabilitation_clocks_as_the_case_view_does(
    db: Database,
) -> None:
    at_intake, in_view = both_ways(db, MRI_REPORTED)
    rows = deadline_rows(db, at_intake)
    assert rows == deadline_rows(db, in_view)
    due = {row[0]: (row[3], row[4], row[5]) for row in rows}
    reported = T0 - timedelta(minutes=10)
    assert due["physiotherapy"] == (reported, reported + H24, None)
    assert due["occupational_therapy"] == (reported, reported + 2 * H24, None)
    assert due["mri"][2] == T0 - timedelta(minutes=30)  # performed: met
    assert item_rows(db, at_intake) == item_rows(db, in_view)
    assert item_rows(db, at_intake)["mri"][:2] == ("done", T0 - timedelta(minutes=30))

    # The audit says what the entry did to the clocks, in the same words both ways.
    [opened] = events(db, at_intake, "case.opened")
    view_effects = events(db, in_view, "checklist.updated")[-1]["clocks"]
    assert opened["management_clocks"] == [{"item": "mri", **e} for e in view_effects]
    assert {(e["action"], e["clock"]) for e in view_effects} == {
        ("met", "mri"),
        ("started", "physiotherapy"),
        ("started", "occupational_therapy"),
    }
    story = [e for e in timeline(db, at_intake, now=T0) if e.what.startswith("Case opened")]
    assert "Started Physiotherapy review within 24 h of diagnosis" in story[0].detail


def test_mri_reported_without_confirmed_mscc_starts_no_rehabilitation_clock(
    db: Database,
) -> None:
    at_intake, in_view = both_ways(db, MRI_REPORTED, mscc_confirmed=False)
    rows = deadline_rows(db, at_intake)
    assert rows == deadline_rows(db, in_view)
    assert [row[0] for row in rows] == ["mri"]


@pytest.mark.parametrize(
    "management",
    [
        pytest.param(
            {"definitive_treatment": {"decision_at": iso(-20), "modality": "surgery"}},
            id="surgery",
        ),
        pytest.param(
            {"definitive_treatment": {"decision_at": iso(-20), "modality": "radiotherapy"}},
            id="radiotherapy",
        ),
        pytest.param(
            {
                "definitive_treatment": {
                    "decision_at": iso(-20),
                    "modality": "radiotherapy",
                    "started_at": iso(-5),
                }
            },
            id="radiotherapy-started",
        ),
        pytest.param({"definitive_treatment": {"decision_at": iso(-20)}}, id="no-modality"),
        pytest.param(
            {
                "expert_review": {"reviewed_at": iso(-5), "reviewer": "Spinal SpR"},
                "immobilisation": {"started_at": iso(-40)},
            },
            id="immobilised-and-reviewed",
        ),
    ],
)
def test_intake_management_and_the_case_view_give_the_same_clocks(
    db: Database, management: dict[str, dict[str, Any]]
) -> None:
    at_intake, in_view = both_ways(db, management)
    assert deadline_rows(db, at_intake) == deadline_rows(db, in_view)
    assert item_rows(db, at_intake) == item_rows(db, in_view)
    radiotherapy = [row for row in deadline_rows(db, at_intake) if row[0] == "radiotherapy"]
    modality = management.get("definitive_treatment", {}).get("modality")
    if modality == "radiotherapy":
        [row] = radiotherapy
        assert (row[3], row[4]) == (T0 - timedelta(minutes=20), T0 - timedelta(minutes=20) + H24)
    else:
        assert radiotherapy == []
    if "expert_review" in management:
        [review] = [row for row in deadline_rows(db, at_intake) if row[0] == "expert_review"]
        assert (review[3], review[5]) == (T0 - timedelta(minutes=40), T0 - timedelta(minutes=5))


def test_a_follow_up_call_giving_the_modality_starts_the_radiotherapy_clock(
    db: Database,
) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        call_data("9434765919", management={"definitive_treatment": {"decision_at": iso(-20)}}),
        user="coord",
        clock=clock,
    )
    assert "radiotherapy" not in {d.key for d in first.deadlines}
    clock.advance(timedelta(hours=2))
    follow = record_call(
        db,
        call_data("9434765919", management={"definitive_treatment": {"modality": "radiotherapy"}}),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    rt = next(d for d in follow.deadlines if d.key == "radiotherapy")
    assert (rt.starts_at, rt.due_at) == (
        T0 - timedelta(minutes=20),
        T0 + timedelta(hours=23, minutes=40),
    )
    [detail] = events(db, first.case_id, "call.follow_up")
    [started] = detail["management_clocks"]
    assert (started["item"], started["action"], started["clock"]) == (
        "definitive_treatment",
        "started",
        "radiotherapy",
    )
    # And a later call changing it to surgery stops the clock, with the reason shown.
    clock.advance(timedelta(hours=1))
    record_call(
        db,
        call_data("9434765919", management={"definitive_treatment": {"modality": "surgery"}}),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    clocks = {c.key: c for c in load_case(db, first.case_id, now=clock.now()).clocks}
    assert clocks["radiotherapy"].state == "cancelled"
    assert clocks["radiotherapy"].cancel_reason == (
        "modality is surgery, not radiotherapy (definitive_treatment.modality)"
    )

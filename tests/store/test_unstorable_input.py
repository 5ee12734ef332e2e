"""Text and numbers no database can keep are refused by name, whatever the entry point.

A NUL, a lone surrogate (a paste can bring one) and a JSON NaN or infinity used to reach
the commit from the alert notes, the handover and management entries, and fail there
with a driver error (or, for NaN in SQLite's JSON, be kept as invalid JSON). Every
free-text entry now goes through `dataset.clean_text`, and a checklist number must be
finite. Run on SQLite and on a real PostgreSQL server: they differ in what they refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.dataset import clean_checklist_value
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.store import alerts
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import record_handover, set_handover_note
from mscc_desk.store.models import AuditEvent, Case
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
BAD_TEXT = ["x\x00y", "Okafor\ud800"]


@pytest.fixture
def any_db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def call_data(**overrides: Any) -> dict[str, Any]:
    """An emergency referral: its 24-hour MRI clock raises alerts a day later."""
    return {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {"family_name": "Okafor", "given_name": "Grace", "date_of_birth": "1950-02-01"},
        "call": {"caller_name": "Dr Priya Patel", "caller_contact": "bleep 1234"},
        **overrides,
    }


def _case(db: Database) -> int:
    return record_call(db, call_data(), user="alice", clock=FakeClock(T0)).case_id


def _events(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.mark.parametrize("text", BAD_TEXT)
def test_handover_text_that_cannot_be_stored_is_refused(any_db: Database, text: str) -> None:
    case_id = _case(any_db)
    before = _events(any_db)
    with pytest.raises(InputError) as caught:
        set_handover_note(any_db, case_id, text, "alice", T0)
    assert caught.value.field == "note"
    with pytest.raises(InputError) as caught:
        record_handover(any_db, "Alice", text, "alice", T0)
    assert caught.value.field == "to"
    assert _events(any_db) == before


@pytest.mark.parametrize("text", BAD_TEXT)
def test_alert_notes_that_cannot_be_stored_are_refused(any_db: Database, text: str) -> None:
    _case(any_db)
    later = T0 + timedelta(hours=30)
    raised = alerts.raise_alerts(any_db, later)
    assert raised
    with pytest.raises(InputError) as caught:
        alerts.acknowledge(any_db, raised[-1].alert_id, "alice", later, note=text)
    assert caught.value.field == "note"
    assert alerts.active_alerts(any_db, later)  # still showing: nothing was written


@pytest.mark.parametrize("dose", [float("nan"), float("inf"), float("-inf")])
def test_a_checklist_number_must_be_finite(any_db: Database, dose: float) -> None:
    data = call_data(management={"dexamethasone": {"dose_mg": dose}})
    with pytest.raises(InputError) as caught:
        record_call(any_db, data, user="alice", clock=FakeClock(T0))
    assert caught.value.field == "management.dexamethasone.dose_mg"
    with any_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_a_whole_number_too_big_for_a_float_is_still_a_number() -> None:
    rule = default_pathway().checklist_rule("dexamethasone")
    dose = next(f for f in rule.fields if f.key == "dose_mg")
    assert clean_checklist_value(dose, 10**400, "dose_mg", T0) == 10**400

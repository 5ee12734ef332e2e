"""Fixtures for the safety tests: a fresh SQLite file per test and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from mscc_desk.domain.clock import FakeClock
from mscc_desk.logs import forget_names
from mscc_desk.store import auth
from mscc_desk.store.engine import Database, open_database

NOW = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)

# A complete, valid `record` input: every field of every group has a value, so a
# refusal can always be traced to a field that is in the input.
FULL_CALL: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "pain": ["nocturnal", "mechanical"],
    "neuro": ["limb_weakness"],
    "no_evidence_of_spinal_disease": False,
    "instability_signs": False,
    "pain_on_movement": "mild",
    "mscc_confirmed": False,
    "spinal_metastases_confirmed": False,
    "suspected_at": "2027-03-27T09:30:00+00:00",
    "immobilised_at": "2027-03-27T09:40:00+00:00",
    "call": {
        "received_at": "2027-03-27T09:35:00+00:00",
        "caller_name": "Dr Patel",
        "caller_role": "FY2",
        "caller_organisation": "Royal Infirmary",
        "caller_ward": "Ward 7",
        "caller_contact": "bleep 1234",
        "referral_source": "inpatient_ward",
        "notes": "New back pain overnight",
    },
    "patient": {
        "nhs_number": "9434765919",
        "hospital_number": "RX1234567",
        "family_name": "Okafor",
        "given_name": "Grace",
        "date_of_birth": "1950-02-01",
        "sex": "female",
        "postcode": "SW1A 1AA",
        "imd_decile": 4,
    },
    "case": {
        "location": "ward",
        "location_detail": "Ward 7 bed 3",
        "primary_site": "breast",
        "primary_site_other": "n/a",
        "histology": "invasive ductal carcinoma",
        "diagnosed_on": "2019-05-01",
        "known_bone_metastases": "yes",
        "previous_spinal_radiotherapy": "T10 2023",
        "systemic_treatment": "letrozole",
        "treating_team": "Dr Jones",
        "escalation_plan": "full escalation",
        "dnacpr": "no",
        "advice_given": ["immobilise", "analgesia"],
        "advice_text": "lie flat, analgesia",
        "plan": ["mri_locally"],
        "next_contact_due": "2027-03-27T14:00:00+00:00",
        "category_override": "emergency",
        "override_reason": "clinical concern",
    },
    "presentation": {
        "pain_site": "thoracic",
        "pain_score": 7,
        "pain_onset": "2027-03-20",
        "neuro_onset_at": "2027-03-26T22:00:00+00:00",
        "neuro_progressing": "yes",
        "power_left": 4,
        "power_right": 5,
        "sensory_level": "T10",
        "bladder": "normal",
        "bowel": "normal",
        "frankel": "D",
        "mobility_before": "independent",
        "mobility_now": "with_aid",
        "ecog": 1,
    },
}


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Default backup and log folders live under these: keep them in tmp.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture(autouse=True)
def _no_remembered_names() -> Iterator[None]:
    """Patient names other tests put on screen are scrubbed from log lines for the rest
    of the process (logs.remember_names): start each test from none."""
    forget_names()
    yield
    forget_names()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "mscc.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def fast_hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[PasswordHasher]:
    """Argon2 at its lowest cost: the tests check the rules, not the hash's strength."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(auth, "HASHER", hasher)
    auth._dummy_hash.cache_clear()
    yield hasher
    auth._dummy_hash.cache_clear()

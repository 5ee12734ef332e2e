"""`mscc-desk demo`: realistic synthetic cases, written fast, and exactly as the app would."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.demo import make_demo, open_count
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.dataset import GROUPS, clean_group, clean_management
from mscc_desk.domain.nhs_number import is_valid
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.domain.triage import NEURO_FEATURES, PAIN_FEATURES, CaseFacts, triage
from mscc_desk.store.audit import first_broken_link
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import (
    Assessment,
    AuditEvent,
    Base,
    Call,
    Case,
    Deadline,
    Patient,
    User,
)
from mscc_desk.store.opening import open_database

NOW = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)  # the eve of the March clock change
BREACH_REASONS = {"mri_not_available", "patient_declined", "transfer_delayed", "other"}
OUTCOMES = {"mscc_confirmed", "spinal_metastases_without_mscc", "not_metastatic", "other"}
DEMO_TABLES = ("user", "patient", "case", "call", "assessment", "checklist_item", "deadline")


def _db(path: Path) -> Database:
    return open_database(path)


def _demo(db: Database, cases: int, seed: int = 7, now: datetime = NOW) -> dict[str, Any]:
    return make_demo(db, cases=cases, seed=seed, clock=FakeClock(now))


def _all_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.engine.connect() as conn:
        return {
            name: [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]
            for name, table in Base.metadata.tables.items()
        }


def _facts(a: Assessment) -> CaseFacts:
    return CaseFacts(
        cancer_status=a.cancer_status,
        suspected_at=a.suspected_at,
        immobilised_at=a.immobilised_at,
        pain=frozenset(k for k in PAIN_FEATURES if getattr(a, f"pain_{k}")),
        neuro=frozenset(k for k in NEURO_FEATURES if getattr(a, f"neuro_{k}")),
        no_evidence_of_spinal_disease=a.no_evidence_of_spinal_disease,
        instability_signs=a.instability_signs,
        pain_on_movement=a.pain_on_movement,
        mscc_confirmed=a.mscc_confirmed,
        spinal_metastases_confirmed=a.spinal_metastases_confirmed,
    )


@pytest.fixture(scope="module")
def demo500(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """One demo database shared by the read-only checks (built once: it is the slow part)."""
    db = _db(tmp_path_factory.mktemp("demo") / "x.sqlite3")
    _demo(db, 500)
    return db


def test_the_summary_counts_what_was_written(tmp_path: Path) -> None:
    db = _db(tmp_path / "x.sqlite3")
    summary = _demo(db, 120, seed=3)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 120
        assert s.scalar(select(func.count()).where(Case.status == "open")) == summary["open"]
        assert s.scalar(select(func.count()).select_from(Patient)) == summary["patients"]
        assert s.scalar(select(func.count()).select_from(Call)) == summary["calls"]
    assert summary["open"] == open_count(120) == 5
    assert summary["closed"] == 115
    assert summary["seed"] == 3
    assert summary["breached_open"] >= 1
    assert isinstance(summary["seconds"], float)


def test_open_count() -> None:
    assert [open_count(n) for n in (0, 1, 4, 5, 6, 100, 500, 1000, 20_000, 50_000)] == [
        0,
        1,
        4,
        5,
        5,
        5,
        10,
        20,
        400,
        400,
    ]


def test_the_same_seed_and_clock_give_the_same_rows(tmp_path: Path) -> None:
    one, two = _db(tmp_path / "one.sqlite3"), _db(tmp_path / "two.sqlite3")
    _demo(one, 300, seed=42)
    _demo(two, 300, seed=42)
    rows_one, rows_two = _all_rows(one), _all_rows(two)
    assert rows_one == rows_two
    assert len(rows_one["audit_event"]) > 600
    with one.session() as s:
        assert s.scalar(select(func.count()).select_from(Patient)) > 250


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    one, two = _db(tmp_path / "one.sqlite3"), _db(tmp_path / "two.sqlite3")
    _demo(one, 50, seed=1)
    _demo(two, 50, seed=2)
    with one.session() as s1, two.session() as s2:
        query = select(Patient.nhs_number, Patient.family_name).order_by(Patient.id)
        assert s1.execute(query).all() != s2.execute(query).all()


def test_nhs_numbers_are_valid_unique_and_in_the_test_range(demo500: Database) -> None:
    with demo500.session() as s:
        numbers = [n for n in s.scalars(select(Patient.nhs_number)) if n is not None]
        without = s.scalars(select(Patient).where(Patient.nhs_number.is_(None))).all()
    assert len(numbers) > 400
    assert len(set(numbers)) == len(numbers)
    assert all(is_valid(n) and n.startswith("999") and len(n) == 10 for n in numbers)
    # An unknown NHS number is allowed at first call, with a hospital number or name + DOB.
    assert all(p.family_name and p.given_name and p.date_of_birth for p in without)


def test_people_are_plausible(demo500: Database) -> None:
    with demo500.session() as s:
        patients = s.scalars(select(Patient)).all()
        cases = s.scalars(select(Case)).all()
        sexes = {c.id: c.patient.sex for c in cases}
    ages = [(NOW.date() - p.date_of_birth).days / 365.25 for p in patients]
    assert min(ages) >= 34 and max(ages) <= 99
    assert len({p.family_name for p in patients}) > 100
    assert len({p.given_name for p in patients}) > 100
    assert {p.sex for p in patients} >= {"female", "male"}
    deciles = [p.imd_decile for p in patients if p.imd_decile is not None]
    assert set(deciles) == set(range(1, 11)) and len(deciles) > 0.8 * len(patients)
    sites = Counter(c.primary_site for c in cases)
    assert {"breast", "prostate", "lung", "myeloma"} <= set(sites)
    assert all(sexes[c.id] == "male" for c in cases if c.primary_site == "prostate")
    assert len(patients) < len(cases)  # some people have a second episode


def test_a_plausible_mix_of_categories(demo500: Database) -> None:
    with demo500.session() as s:
        categories = Counter(c.category for c in s.scalars(select(Case)))
    total = sum(categories.values())
    assert set(categories) == {
        "emergency",
        "urgent_advice",
        "oncology_referral",
        "safety_net",
        "outside_pathway",
    }
    assert 0.27 < categories["emergency"] / total < 0.45
    assert 0.27 < categories["urgent_advice"] / total < 0.45


def test_every_case_is_what_triage_gives(demo500: Database) -> None:
    """Category, rule, clocks and checklist come from the real triage of the pathway file."""
    pathway = default_pathway()
    order = {item.key: i for i, item in enumerate(pathway.checklist)}
    with demo500.session() as s:
        for case in s.scalars(select(Case)):
            first = case.assessments[0]
            result = triage(_facts(first), pathway, case.category_override)
            assert first.category == result.category_rule.outcome
            assert first.category_rule == result.category_rule.key
            assert case.pathway_version == result.pathway_version
            items = {i.key: i for i in case.checklist}
            assert set(result.checklist) <= set(items)
            assert all(i.position == order[i.key] for i in items.values())
            starts = {(d.key, d.starts_at, d.due_at) for d in case.deadlines}
            for spec in result.deadlines:
                assert (spec.key, spec.starts_at, spec.due_at) in starts
            if case.status == "open":
                latest = triage(_facts(case.assessments[-1]), pathway, case.category_override)
                assert {d.key for d in latest.deadlines} <= {d.key for d in case.deadlines}
                assert latest.category == case.category


def test_closed_cases_have_outcomes_and_no_running_clock(demo500: Database) -> None:
    with demo500.session() as s:
        closed = s.scalars(select(Case).where(Case.status == "closed")).all()
        deadlines = s.scalars(select(Deadline)).all()
        users = {u.id for u in s.scalars(select(User))}
        assert len(closed) == 490
        years = {c.opened_at.year for c in closed}
        assert NOW - min(c.opened_at for c in closed) > timedelta(days=2 * 365)
        assert len(years) >= 3
        for case in closed:
            assert case.closed_at is not None and case.opened_at < case.closed_at <= NOW
            assert case.close_reason and case.closed_by_id in users
            assert case.outcome in OUTCOMES
            assert case.ambulatory_at_discharge in ("yes", "no", "unknown")
            assert case.frankel_at_discharge in (None, "A", "B", "C", "D", "E")
            assert all(d.met_at is not None or d.cancelled_at is not None for d in case.deadlines)
            assert all(c.received_at <= case.closed_at for c in case.calls)
            assert all(i.done_at is None or i.done_at <= case.closed_at for i in case.checklist)
        outcomes = Counter(c.outcome for c in closed)
        assert outcomes["mscc_confirmed"] > 50
    met = [d for d in deadlines if d.met_at is not None]
    late = [d for d in met if d.met_at > d.due_at]
    assert 0.6 * len(met) < len(met) - len(late)  # mostly in time
    reasoned = [d for d in late if d.breach_reason is not None]
    assert all(d.breach_reason in BREACH_REASONS and d.breach_note for d in reasoned)
    assert 0.7 * len(late) < len(reasoned) < len(late)  # mostly a reason; some left without
    never = [d for d in deadlines if d.met_at is None and d.breach_reason is not None]
    assert never and all(d.breach_reason in BREACH_REASONS for d in never)


def test_open_cases_have_clocks_due_soon_and_some_breached(demo500: Database) -> None:
    with demo500.session() as s:
        open_cases = s.scalars(select(Case).where(Case.status == "open")).all()
        assert len(open_cases) == open_count(500) == 10
        running = [d for c in open_cases for d in c.deadlines if d.is_open]
        assert all(c.opened_at <= NOW and c.closed_at is None for c in open_cases)
    soon = [d for d in running if NOW < d.due_at <= NOW + timedelta(hours=24)]
    breached = [d for d in running if d.due_at <= NOW]
    assert soon and breached


def test_follow_up_calls_and_escalations(demo500: Database) -> None:
    with demo500.session() as s:
        follow_ups = s.scalars(select(Call).where(Call.is_follow_up)).all()
        actions = Counter(s.scalars(select(AuditEvent.action)))
        assert follow_ups
        for call in follow_ups:
            assert call.received_at > call.case.calls[0].received_at
        assert len(s.scalars(select(Assessment)).all()) == len(s.scalars(select(Call)).all())
    assert actions["case.opened"] == 500
    assert actions["case.closed"] == 490
    assert actions["call.follow_up"] == len(follow_ups)


def test_the_audit_trail_is_chained_and_marked_demo(demo500: Database) -> None:
    with demo500.session() as s:
        assert first_broken_link(s) is None
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert all(e.detail.get("demo") is True for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_what_was_recorded_would_pass_the_record_checks(demo500: Database) -> None:
    """Every field a demo case holds is one the intake form would have accepted, on the
    day it was typed (plausible times are relative to then: domain/limits.py)."""
    pathway = default_pathway()
    with demo500.read_session() as s:
        for case in s.scalars(select(Case)):
            patient = case.patient
            raw_patient = {
                "nhs_number": patient.nhs_number,
                "hospital_number": patient.hospital_number,
                "family_name": patient.family_name,
                "given_name": patient.given_name,
                "date_of_birth": patient.date_of_birth.isoformat(),
                "sex": patient.sex,
                "postcode": patient.postcode,
                "imd_decile": patient.imd_decile,
            }
            raw_case = {f.key: getattr(case, f.key) for f in GROUPS["case"]}
            for call, assessment in zip(case.calls, case.assessments, strict=True):
                typed_at = call.received_at
                raw_call = {f.key: getattr(call, f.key) for f in GROUPS["call"]}
                raw_presentation = {
                    f.key: getattr(assessment, f.key) for f in GROUPS["presentation"]
                }
                for name, raw in (
                    ("call", raw_call),
                    ("patient", raw_patient),
                    ("case", raw_case),
                    ("presentation", raw_presentation),
                ):
                    clean_group(name, GROUPS[name], _jsonable(raw), typed_at, require=True)
            management = {
                i.key: {k: v for k, v in i.data.items() if k != "sins" and not k.startswith("_")}
                | ({"sins": _sins_input(i.data["sins"])} if "sins" in i.data else {})
                for i in case.checklist
            }
            clean_management(management, pathway, case.closed_at or NOW)


def _jsonable(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def _sins_input(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stored.items() if k != "total"}


def test_running_demo_twice_appends(tmp_path: Path) -> None:
    db = _db(tmp_path / "x.sqlite3")
    first = _demo(db, 60, seed=5)
    second = _demo(db, 60, seed=5, now=NOW + timedelta(hours=1))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 120
        assert s.scalar(select(func.count()).select_from(Patient)) == (
            first["patients"] + second["patients"]
        )
        assert s.scalar(select(func.count()).select_from(User)) == 4
        numbers = [n for n in s.scalars(select(Patient.nhs_number)) if n]
        assert len(numbers) == len(set(numbers))
        assert first_broken_link(s) is None


def test_demo_appends_to_real_cases_without_taking_their_nhs_numbers(tmp_path: Path) -> None:
    probe = _db(tmp_path / "probe.sqlite3")
    _demo(probe, 20, seed=9)
    with probe.session() as s:
        taken = s.scalar(select(Patient.nhs_number).where(Patient.nhs_number.is_not(None)))
    assert taken is not None

    db = _db(tmp_path / "x.sqlite3")
    record_call(
        db,
        {
            "cancer_status": "past_or_current",
            "pain": ["nocturnal"],
            "neuro": ["limb_weakness"],
            "suspected_at": (NOW - timedelta(hours=2)).isoformat(),
            "call": {"caller_name": "Dr A Test", "caller_contact": "bleep 1234"},
            "patient": {
                "nhs_number": taken,
                "family_name": "Realperson",
                "given_name": "Ann",
                "date_of_birth": "1950-01-01",
            },
        },
        user="coordinator",
        clock=FakeClock(NOW),
    )
    _demo(db, 20, seed=9)
    with db.session() as s:
        owners = s.scalars(select(Patient).where(Patient.nhs_number == taken)).all()
        assert [p.family_name for p in owners] == ["Realperson"]
        assert s.scalar(select(func.count()).select_from(Case)) == 21
        assert first_broken_link(s) is None
        assert (
            s.scalars(select(AuditEvent).order_by(AuditEvent.id)).first().detail.get("demo") is None
        )


def test_no_cases_writes_no_cases(tmp_path: Path) -> None:
    db = _db(tmp_path / "x.sqlite3")
    summary = _demo(db, 0)
    assert summary["cases"] == summary["open"] == summary["calls"] == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def test_on_both_databases_and_the_app_can_carry_on(db_url: str) -> None:
    """Ids are assigned by the demo, so PostgreSQL's sequences must be moved past them."""
    db = open_database(db_url)
    try:
        _demo(db, 150, seed=4)
        _demo(db, 10, seed=5)
        outcome = record_call(
            db,
            {
                "cancer_status": "past_or_current",
                "pain": ["mechanical"],
                "suspected_at": (NOW - timedelta(hours=1)).isoformat(),
                "call": {"caller_name": "Dr B Test", "caller_contact": "bleep 2222"},
                "patient": {
                    "family_name": "After",
                    "given_name": "Demo",
                    "date_of_birth": "1948-05-05",
                },
            },
            user="demo.coordinator",
            clock=FakeClock(NOW),
        )
        with db.session() as s:
            assert first_broken_link(s) is None
            assert outcome.case_id == s.scalar(select(func.max(Case.id))) == 161
            assert s.scalar(select(func.count()).select_from(User)) == 4
            for name in DEMO_TABLES:
                table = Base.metadata.tables[name]
                assert s.scalar(select(func.count()).select_from(table)) > 0
            open_cases = s.scalars(select(Case).where(Case.status == "open")).all()
            assert len(open_cases) == open_count(150) + open_count(10) + 1
    finally:
        db.dispose()


def test_the_app_reads_demo_cases_as_its_own(demo500: Database) -> None:
    """The case view, its history, the board and the handover all take demo cases."""
    from mscc_desk.store.board_refresh import read_board
    from mscc_desk.store.cases import load_case, timeline
    from mscc_desk.store.handover import handover_cases

    with demo500.session() as s:
        ids = s.scalars(select(Case.id).order_by(Case.id)).all()
        reasons = {i: r for i, r in s.execute(select(Case.id, Case.close_reason))}
    for case_id in ids[::7]:
        load_case(demo500, case_id, now=NOW)
        history = timeline(demo500, case_id, now=NOW)
        closing = [e for e in history if e.kind == "close"]
        if reasons[case_id] is not None:
            assert len(closing) == 1 and reasons[case_id] in closing[0].what
            assert closing[0].who.endswith("(demo coordinator)") or "registrar" in closing[0].who
    assert len(read_board(demo500, NOW).rows) == open_count(500)
    assert len(handover_cases(demo500, NOW)) == open_count(500)


def test_a_large_demo_is_written_in_batches_in_time_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices of history, one transaction each: the chain stays in time order across
    batches, every row is recorded by an event, and `open_cases` sets how many stay open."""
    from mscc_desk.demo import make
    from mscc_desk.store import maintenance

    monkeypatch.setattr(make, "BATCH_CASES", 40)
    db = _db(tmp_path / "x.sqlite3")
    try:
        summary = make_demo(db, cases=300, seed=3, clock=FakeClock(NOW), open_cases=60)
        with db.read_session() as s:
            events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
            statuses = Counter(s.scalars(select(Case.status)))
            patients = s.scalar(select(func.count()).select_from(Patient))
            calls = s.scalar(select(func.count()).select_from(Call))
    finally:
        db.dispose()
    assert summary["open"] == statuses["open"] == 60
    assert statuses["closed"] == 240
    assert summary["patients"] == patients and summary["calls"] == calls
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert sum(1 for e in events if e.action == "case.opened") == 300
    report = maintenance.check(str(tmp_path / "x.sqlite3"))
    assert report["ok"], report["problems"]


def test_open_cases_must_be_among_the_cases(tmp_path: Path) -> None:
    db = _db(tmp_path / "x.sqlite3")
    with pytest.raises(ValueError, match="open cases"):
        make_demo(db, cases=10, seed=1, clock=FakeClock(NOW), open_cases=11)

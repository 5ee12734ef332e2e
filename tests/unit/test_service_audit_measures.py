"""The service audit's computation (domain.service_audit) on hand-made case rows, and the
small-number suppression that guards what leaves the service (domain.small_numbers)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mscc_desk.domain.audit_period import Period, parse_period
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.measures import default_definitions, load_definitions
from mscc_desk.domain.pathway import PathwayError, default_pathway
from mscc_desk.domain.resources import resource_path
from mscc_desk.domain.service_audit import (
    QUINTILES,
    AuditCase,
    AuditClock,
    ServiceAudit,
    compute,
)
from mscc_desk.domain.small_numbers import HIDDEN, SMALL, deducible, fraction, split
from mscc_desk.domain.triage import CaseFacts

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 31))
EMERGENCY = CaseFacts("past_or_current", T0, neuro=frozenset({"limb_weakness"}))
PAIN_ONLY = CaseFacts("past_or_current", T0, pain=frozenset({"nocturnal"}))


def case(case_id: int, **kw: Any) -> AuditCase:
    emergency = kw.pop("emergency", True)
    values: dict[str, Any] = {
        "opened_at": T0,
        "suspected_at": T0,
        "status": "open",
        "category_computed": "emergency" if emergency else "urgent_advice",
        "facts": EMERGENCY if emergency else PAIN_ONLY,
        "call_at": T0,
    }
    values.update(kw)
    return AuditCase(case_id=case_id, **values)


def run(rows: list[AuditCase], as_of: datetime = T0 + timedelta(days=20)) -> ServiceAudit:
    return compute(
        rows,
        period=PERIOD,
        as_of=as_of,
        definitions=default_definitions(),
        pathway=default_pathway(),
    )


def mri(hours: float) -> dict[str, datetime]:
    return {"mri.performed_at": T0 + hours * H}


def test_mri_within_24h_counts_met_late_and_leaves_a_running_clock_out() -> None:
    rows = [
        case(1, checklist_times=mri(23.9)),
        case(2, checklist_times=mri(24.5)),
        case(3),  # no MRI, 24 h long gone: not met
        case(4, opened_at=T0 + 19 * 24 * H, suspected_at=T0 + 19 * 24 * H),  # still in time
        case(5, emergency=False, checklist_times=mri(2)),  # pain only: not this measure
    ]
    m = run(rows).overall.measure("mri_within_24h")
    assert (m.numerator, m.denominator, m.percent) == (1, 3, 33.3)
    assert m.met == (1,) and m.not_met == (2, 3)


def test_the_suspicion_is_the_start_of_the_latest_mri_clock_after_an_escalation() -> None:
    """Pain-only first (7-day clock), then a follow-up with neurology: 24 h from then."""
    later = T0 + 72 * H
    clocks = (
        AuditClock("mri", "7 d", T0, T0 + 168 * H, cancelled_at=later),
        AuditClock("mri", "24 h", later, later + 24 * H, met_at=later + 10 * H),
    )
    row = case(1, clocks=clocks, checklist_times={"mri.performed_at": later + 10 * H})
    assert run([row]).overall.measure("mri_within_24h").met == (1,)


def test_mri_and_plan_within_a_week_is_met_by_a_decision_or_by_closing() -> None:
    week = 168 * H
    rows = [
        case(
            1,
            emergency=False,
            checklist_times={**mri(30), "definitive_treatment.decision_at": T0 + 40 * H},
        ),
        case(2, emergency=False, checklist_times=mri(30), closed_at=T0 + 100 * H),
        case(3, emergency=False, checklist_times=mri(30), closed_at=T0 + week + H),
        case(4, emergency=False, checklist_times=mri(200), closed_at=T0 + 210 * H),
    ]
    m = run(rows).overall.measure("mri_and_plan_within_7d")
    assert m.met == (1, 2) and m.not_met == (3, 4)


def test_radiotherapy_counts_only_decisions_to_give_radiotherapy() -> None:
    decided = {"definitive_treatment.decision_at": T0 + 30 * H}
    rows = [
        case(
            1,
            checklist_times={**decided, "definitive_treatment.started_at": T0 + 50 * H},
            checklist_choices={"definitive_treatment.modality": ("radiotherapy",)},
        ),
        case(
            2,
            checklist_times={**decided, "definitive_treatment.started_at": T0 + 60 * H},
            checklist_choices={"definitive_treatment.modality": ("radiotherapy",)},
        ),
        case(
            3,
            checklist_times=decided,
            checklist_choices={"definitive_treatment.modality": ("surgery",)},
        ),
        case(
            4, checklist_choices={"definitive_treatment.modality": ("radiotherapy",)}
        ),  # no decision
    ]
    m = run(rows).overall.measure("radiotherapy_within_24h_of_decision")
    assert m.population == (1, 2) and m.met == (1,)


def test_coordinator_assessment_of_an_open_case_is_pending_until_it_closes() -> None:
    assessed = {"coordinator_assessment.assessed_at": T0 + H}
    rows = [
        case(1, checklist_times=assessed),
        case(2),  # open, not yet assessed: not a figure yet
        case(3, status="closed", closed_at=T0 + 5 * H),
    ]
    m = run(rows).overall.measure("coordinator_assessed")
    assert m.population == (1, 3) and m.met == (1,)


def test_intervals_median_and_quartiles_in_hours() -> None:
    rows = [case(i, checklist_times=mri(h)) for i, h in enumerate((1, 2, 3, 4, 10), start=1)]
    i = run(rows).overall.interval("call_to_mri")
    assert i.n == 5 and i.median == 3
    assert i.quartiles == (2, 4)


def test_onset_is_the_neurology_else_the_pain_onset_date_in_london() -> None:
    rows = [
        case(1, neuro_onset_at=T0 - 10 * H),
        case(2, pain_onset=date(2026, 3, 1)),  # 00:00 GMT: 33 h before the call
    ]
    i = run(rows).overall.interval("onset_to_call")
    assert i.hours == (10.0, 33.0)


def test_breaches_keep_their_reasons_and_a_missing_one_is_an_incident() -> None:
    clocks = (
        AuditClock(
            "mri", "MRI", T0, T0 + 24 * H, met_at=T0 + 30 * H, breach_reason="transfer_delayed"
        ),
        AuditClock("radiotherapy", "RT", T0, T0 + 24 * H),  # running, overdue, no reason
        AuditClock(
            "expert_review", "ER", T0, T0 + 24 * H, cancelled_at=T0 + 2 * H
        ),  # stopped early
    )
    audit = run([case(1, clocks=clocks)])
    assert [b.clock for b in audit.overall.breaches] == ["mri", "radiotherapy"]
    assert audit.overall.breach_reasons == {"transfer_delayed": 1, "none_recorded": 1}
    assert [(i.case_id, i.kind) for i in audit.incidents] == [(1, "breach_without_reason")]


def test_a_category_set_below_the_facts_is_an_incident() -> None:
    audit = run([case(1, category_override="safety_net")])
    assert [i.kind for i in audit.incidents] == ["override_lowered"]


def test_quintiles_from_deciles_and_cases_outside_the_period() -> None:
    rows = [case(i, imd_decile=d) for i, d in enumerate((1, 2, 3, 10, None), start=1)]
    rows.append(case(9, opened_at=T0 - timedelta(days=40), imd_decile=1))  # run chart only
    audit = run(rows)
    assert [audit.by_imd_quintile[q].cases for q in QUINTILES] == [2, 1, 0, 0, 1, 1]
    assert audit.without_decile == 1
    assert [c.case_id for c in audit.cases] == [1, 2, 3, 4, 5]
    assert sum(p.denominator for p in audit.run_chart) == 6


def test_status_at_presentation_and_discharge() -> None:
    rows = [
        case(
            1,
            frankel_at_presentation="D",
            mobility_at_presentation="with_aid",
            frankel_at_discharge="E",
            ambulatory_at_discharge="yes",
        ),
        case(2, frankel_at_presentation="B", mobility_at_presentation="bed"),
    ]
    o = run(rows).overall
    assert o.frankel["presentation"]["D"] == 1 and o.frankel["discharge"]["unknown"] == 1
    assert o.ambulatory["presentation"] == {"yes": 1, "no": 1, "unknown": 0}


def test_the_period_is_london_days_and_bad_dates_name_the_flag() -> None:
    now = datetime(2026, 7, 10, 12, tzinfo=UTC)
    p = parse_period("2026-04-01", "2026-04-30", now)
    assert p.starts_at == datetime(2026, 3, 31, 23, tzinfo=UTC)  # BST
    assert p.label == "April 2026"
    assert parse_period(None, None, now) == Period(date(2026, 1, 1), date(2026, 7, 10))
    with pytest.raises(InputError) as bad:
        parse_period("2026-05-01", "2026-04-01", now)
    assert bad.value.field == "--from"
    with pytest.raises(InputError) as bad:
        parse_period(None, "31/04/2026", now)
    assert bad.value.field == "--to"


def test_a_measure_that_names_an_unknown_field_is_refused(tmp_path: Path) -> None:
    source = resource_path("pathway", "ng234.toml")
    broken = tmp_path / "p.toml"
    broken.write_text(
        source.read_text(encoding="utf-8").replace(
            'to = ["checklist:mri.performed_at"]', 'to = ["checklist:mri.done_at"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(PathwayError, match="mri.done_at"):
        load_definitions(broken)


# --- Properties -------------------------------------------------------------------------

deciles = st.one_of(st.none(), st.integers(1, 10))
hours = st.one_of(st.none(), st.floats(0, 400))


@st.composite
def rows(draw: st.DrawFn) -> list[AuditCase]:
    out = []
    for i in range(draw(st.integers(0, 30))):
        mri_at = draw(hours)
        out.append(
            case(
                i + 1,
                emergency=draw(st.booleans()),
                imd_decile=draw(deciles),
                referral_source=draw(st.sampled_from((None, "gp", "hospice"))),
                checklist_times={} if mri_at is None else mri(mri_at),
                status=draw(st.sampled_from(("open", "closed"))),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(rows())
def test_figures_add_up(cases: list[AuditCase]) -> None:
    audit = run(cases)
    total = audit.overall
    assert sum(audit.by_imd_quintile[q].cases for q in QUINTILES) == total.cases
    assert sum(f.cases for f in audit.by_referral_source.values()) == total.cases
    for m in total.measures:
        assert 0 <= m.numerator <= m.denominator <= total.cases
        assert sum(audit.by_imd_quintile[q].measure(m.key).numerator for q in QUINTILES) == (
            m.numerator
        )
        assert sum(audit.by_imd_quintile[q].measure(m.key).denominator for q in QUINTILES) == (
            m.denominator
        )


@given(st.integers(0, 60), st.integers(0, 60))
def test_a_fraction_never_shows_or_gives_away_a_count_of_1_to_4(a: int, b: int) -> None:
    numerator, denominator = min(a, b), max(a, b)
    f = fraction(numerator, denominator)
    for value in (f.numerator, f.denominator):
        assert not (isinstance(value, int) and 0 < value < 5)
    if isinstance(f.numerator, int) and isinstance(f.denominator, int):
        missed = f.denominator - f.numerator
        assert not 0 < missed < 5  # not met, worked out by subtraction
        assert f.percent == (round(100 * numerator / denominator, 1) if denominator else None)
    else:
        assert f.percent is None


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12), min_size=1))
def test_a_split_never_shows_or_gives_away_a_count_of_1_to_4(parts: dict[str, int]) -> None:
    total = sum(parts.values())
    out = split(parts, total_shown=total >= 5)
    for name, value in out.items():
        if isinstance(value, int):
            assert value == parts[name] and not 0 < value < 5
        else:
            assert value in (SMALL, HIDDEN)
            if value == SMALL:
                assert 0 < parts[name] < 5
            else:  # hidden beside a small number: never more than needed (not everything)
                assert total >= 5
    if total >= 5:
        # Every way to fill the hidden counts that agrees with what is shown (a "<5" is
        # 1-4, a "*" any count, together they make the total minus the counts shown): a
        # "<5" must have more than one possible value.
        hidden = [n for n, v in out.items() if not isinstance(v, int)]
        rest = sum(parts[n] for n in hidden)
        ranges = [range(1, 5) if out[n] == SMALL else range(0, rest + 1) for n in hidden]
        possible: dict[str, set[int]] = {n: set() for n in hidden}
        for values in itertools.product(*ranges):
            if sum(values) == rest:
                for n, v in zip(hidden, values, strict=True):
                    possible[n].add(v)
        for n in hidden:
            if out[n] == SMALL:
                assert len(possible[n]) > 1, (parts, out)
        assert not deducible(parts, out)

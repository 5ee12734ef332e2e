"""The `triage` input contract (CLI.md): bad input is refused with the field named.

Every refusal is an `InputError` whose `.field` names the offending field, so the command
line can print one line and exit 2 and the window can mark the field. Property tests:
well-typed input always gives a valid answer; ill-typed input is always an InputError.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mscc_desk.domain.errors import InputError
from mscc_desk.domain.triage import (
    BOOLEAN_FACTS,
    CANCER_STATUSES,
    FACT_KEYS,
    NEURO_FEATURES,
    PAIN_FEATURES,
    PAIN_ON_MOVEMENT,
    parse_facts,
    triage,
)

VALID: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "pain": ["nocturnal"],
    "suspected_at": "2027-03-27T09:30:00+00:00",
}

CATEGORIES = ("emergency", "urgent_advice", "oncology_referral", "safety_net", "outside_pathway")
CONTACT_FOR = {
    "emergency": "immediately",
    "urgent_advice": "within_24h",
    "oncology_referral": "urgent_oncology_referral",
    "safety_net": "none",
    "outside_pathway": "none",
}
IMMOBILISATION = ("start_now", "consider", "assess", "not_indicated")


def refused(data: object, prefix: str = "") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_facts(data, prefix=prefix)
    error = caught.value
    assert error.problem.strip()
    assert str(error).startswith(f"{error.field}: ")
    return error


# --- examples ----------------------------------------------------------------------------


def test_minimal_valid_input_is_accepted_with_defaults() -> None:
    facts = parse_facts({"cancer_status": "none", "suspected_at": "2027-03-27T09:30:00Z"})
    assert facts.cancer_status == "none"
    assert facts.pain == frozenset() and facts.neuro == frozenset()
    assert facts.pain_on_movement == "none"
    assert not any(getattr(facts, k) for k in BOOLEAN_FACTS)
    assert facts.immobilised_at is None
    assert facts.suspected_at == datetime(2027, 3, 27, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("data", [[], ["cancer_status"], "{}", 42, None, True])
def test_not_an_object_is_refused(data: object) -> None:
    assert refused(data).field == "input"


def test_not_an_object_under_a_prefix_names_the_prefix() -> None:
    assert refused([], prefix="case.").field == "case"


def test_missing_cancer_status_is_refused() -> None:
    data = {k: v for k, v in VALID.items() if k != "cancer_status"}
    error = refused(data)
    assert error.field == "cancer_status"
    assert "required" in error.problem


@pytest.mark.parametrize("null", [False, True], ids=["absent", "null"])
def test_missing_suspected_at_is_refused(null: bool) -> None:
    data = {k: v for k, v in VALID.items() if k != "suspected_at"}
    if null:
        data["suspected_at"] = None
    error = refused(data)
    assert error.field == "suspected_at"
    assert "required" in error.problem


def test_unknown_key_is_refused() -> None:
    error = refused({**VALID, "cancer_type": "breast"})
    assert error.field == "cancer_type"
    assert "unknown" in error.problem


def test_unknown_key_under_a_prefix_names_the_full_path() -> None:
    assert refused({**VALID, "colour": "red"}, prefix="triage.").field == "triage.colour"


def test_extra_keys_are_left_to_the_caller() -> None:
    facts = parse_facts({**VALID, "patient": {}}, extra_keys=frozenset({"patient"}))
    assert facts.cancer_status == "past_or_current"


def test_unknown_pain_value_names_its_index() -> None:
    error = refused({**VALID, "pain": ["nocturnal", "throbbing"]})
    assert error.field == "pain[1]"
    assert "throbbing" in error.problem


def test_unknown_neuro_value_names_its_index() -> None:
    assert refused({**VALID, "neuro": ["numbness"]}).field == "neuro[0]"


def test_unknown_cancer_status_value_is_refused() -> None:
    assert refused({**VALID, "cancer_status": "past"}).field == "cancer_status"


def test_unknown_pain_on_movement_value_is_refused() -> None:
    assert refused({**VALID, "pain_on_movement": "unbearable"}).field == "pain_on_movement"


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("instability_signs", "true", "instability_signs"),
        ("mscc_confirmed", 1, "mscc_confirmed"),
        ("no_evidence_of_spinal_disease", "false", "no_evidence_of_spinal_disease"),
        ("spinal_metastases_confirmed", [True], "spinal_metastases_confirmed"),
        ("cancer_status", 1, "cancer_status"),
        ("cancer_status", ["past_or_current"], "cancer_status"),
        ("pain", "nocturnal", "pain"),
        ("neuro", "limb_weakness", "neuro"),
        ("pain", {"nocturnal": True}, "pain"),
        ("pain", ["nocturnal", 3], "pain[1]"),
        ("pain_on_movement", 2, "pain_on_movement"),
        ("suspected_at", 1711531800, "suspected_at"),
        ("immobilised_at", True, "immobilised_at"),
    ],
)
def test_wrong_types_are_refused(field: str, value: object, named: str) -> None:
    assert refused({**VALID, field: value}).field == named


@pytest.mark.parametrize("field", ["suspected_at", "immobilised_at"])
@pytest.mark.parametrize(
    "value", ["2027-03-27T09:30:00", "2027-03-27 09:30", "2027-03-27", "27/03/2027 09:30"]
)
def test_time_without_offset_is_refused(field: str, value: str) -> None:
    assert refused({**VALID, field: value}).field == field


# Out-of-range instants are bad input too (CLI.md: exit 2 naming the field, never a
# traceback). An offset that pushes the instant outside what a datetime can hold, or a
# clock that would run past year 9999, must not escape as OverflowError.


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("suspected_at", "9999-12-31T23:00:00-05:00"),
        ("immobilised_at", "0001-01-01T00:30:00+01:00"),
    ],
)
def test_instant_out_of_range_is_an_input_error(field: str, value: str) -> None:
    assert refused({**VALID, field: value}).field == field


def test_suspected_at_too_late_for_its_clock_is_refused_or_triaged() -> None:
    data = {**VALID, "suspected_at": "9999-12-31T12:00:00+00:00"}
    try:
        facts = parse_facts(data)
    except InputError as error:
        assert error.field == "suspected_at"
        return
    triage(facts)  # must not raise OverflowError either


# --- properties: well-typed input ----------------------------------------------------------

OFFSETS = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
ZONES = st.one_of(st.just(UTC), st.just(ZoneInfo("Europe/London")), OFFSETS)
INSTANTS = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31, 23, 59, 59),
    timezones=ZONES,
).map(lambda d: d.replace(microsecond=0))


def iso(instant: datetime, zulu: bool) -> str:
    if zulu:
        return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return instant.isoformat()


@st.composite
def well_typed(draw: st.DrawFn) -> tuple[dict[str, Any], datetime, datetime | None]:
    suspected = draw(INSTANTS)
    data: dict[str, Any] = {
        "cancer_status": draw(st.sampled_from(CANCER_STATUSES)),
        "suspected_at": iso(suspected, draw(st.booleans())),
    }
    for key, values in (("pain", PAIN_FEATURES), ("neuro", NEURO_FEATURES)):
        if draw(st.booleans()):
            data[key] = draw(st.lists(st.sampled_from(values), unique=True))
    for key in BOOLEAN_FACTS:
        if draw(st.booleans()):
            data[key] = draw(st.booleans())
    if contradictory(data):  # refused by design: see test_contradictions_are_refused
        for key in ("mscc_confirmed", "spinal_metastases_confirmed"):
            data[key] = False
    if draw(st.booleans()):
        data["instability_signs"] = draw(st.one_of(st.none(), st.booleans()))
    if draw(st.booleans()):
        data["pain_on_movement"] = draw(st.sampled_from(PAIN_ON_MOVEMENT))
    immobilised = draw(st.one_of(st.none(), INSTANTS))
    if immobilised is not None:
        data["immobilised_at"] = iso(immobilised, draw(st.booleans()))
    elif draw(st.booleans()):
        data["immobilised_at"] = None
    return data, suspected, immobilised


def contradictory(data: dict[str, Any]) -> bool:
    """PATHWAY.md, Contradictions: confirmed disease with no cancer or a negative scan."""
    disease = data.get("mscc_confirmed") or data.get("spinal_metastases_confirmed")
    return bool(
        disease and (data["cancer_status"] == "none" or data.get("no_evidence_of_spinal_disease"))
    )


@settings(max_examples=200, deadline=None)
@given(
    well_typed(), st.sampled_from(("mscc_confirmed", "spinal_metastases_confirmed")), st.booleans()
)
def test_contradictions_are_refused_naming_both_facts(
    case: tuple[dict[str, Any], datetime, datetime | None], disease: str, no_cancer: bool
) -> None:
    data = dict(case[0])
    data[disease] = True
    if no_cancer:
        data["cancer_status"] = "none"
    else:
        data["no_evidence_of_spinal_disease"] = True
        if data["cancer_status"] == "none":
            data["cancer_status"] = "suspected"
    error = refused(data)
    other = "cancer_status" if no_cancer else "no_evidence_of_spinal_disease"
    assert error.field in (disease, "mscc_confirmed", "spinal_metastases_confirmed")
    assert f"({other})" in error.problem


@settings(max_examples=200, deadline=None)
@given(well_typed())
def test_well_typed_input_gives_a_valid_result(
    case: tuple[dict[str, Any], datetime, datetime | None],
) -> None:
    data, suspected, immobilised = case
    result = triage(parse_facts(data))
    out = result.to_json()

    assert result.category in CATEGORIES
    assert result.contact == CONTACT_FOR[result.category]
    assert result.immobilisation in IMMOBILISATION
    assert out["pathway_version"] == "ng234-2023.4"

    starts = {suspected.astimezone(UTC)}
    if immobilised is not None:
        starts.add(immobilised.astimezone(UTC))
    for clock in result.deadlines:
        assert clock.starts_at in starts
        assert clock.due_at - clock.starts_at in (timedelta(hours=24), timedelta(hours=168))
        assert clock.ref.strip()
    for action in result.actions:
        assert action.ref.strip()
    keys = [d["key"] for d in out["deadlines"]]
    assert len(keys) == len(set(keys))
    assert ("coordinator_advice" in keys) == (result.category == "urgent_advice")
    assert ("expert_review" in keys) == (immobilised is not None)
    if immobilised is not None:
        review = next(d for d in result.deadlines if d.key == "expert_review")
        assert review.due_at == immobilised.astimezone(UTC) + timedelta(hours=24)

    if result.category == "emergency":
        mri = next(d for d in result.deadlines if d.key == "mri")
        assert mri.due_at == suspected.astimezone(UTC) + timedelta(hours=24)
        assert out["actions"][0]["key"] == "contact_coordinator"
    # PATHWAY.md §2: cord-compression features always win; no cancer is outside.
    if data["cancer_status"] != "none" and data.get("neuro"):
        assert result.category == "emergency"
    if data["cancer_status"] == "none":
        assert result.category == "outside_pathway"

    for deadline in out["deadlines"]:
        assert {"key", "due", "ref"} <= set(deadline)
        assert deadline["due"].endswith("+00:00")
        assert datetime.fromisoformat(deadline["due"]) in {
            s + timedelta(hours=h) for s in starts for h in (24, 168)
        }
    for action in out["actions"]:
        assert {"key", "text", "ref"} <= set(action)
    assert json.loads(json.dumps(out)) == out


# --- properties: ill-typed input -------------------------------------------------------------

ANY_JSON = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def wrong_for(field: str) -> st.SearchStrategy[object]:
    if field in BOOLEAN_FACTS or field == "instability_signs":
        return ANY_JSON.filter(lambda v: v is not None and not isinstance(v, bool))
    if field in ("pain", "neuro"):
        return st.one_of(
            ANY_JSON.filter(lambda v: v is not None and not isinstance(v, list)),
            st.lists(st.one_of(st.integers(), st.none(), st.booleans()), min_size=1, max_size=3),
        )
    if field == "cancer_status":
        return ANY_JSON.filter(lambda v: not isinstance(v, str))
    if field == "pain_on_movement":  # null means "not given", as for the other optional facts
        return ANY_JSON.filter(lambda v: v is not None and not isinstance(v, str))
    if field == "suspected_at":
        return ANY_JSON.filter(lambda v: not isinstance(v, str))
    if field == "immobilised_at":
        return ANY_JSON.filter(lambda v: v is not None and not isinstance(v, str))
    raise AssertionError(field)


@st.composite
def ill_typed(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data, _, _ = draw(well_typed())
    if draw(st.integers(0, len(FACT_KEYS))) == len(FACT_KEYS):
        key = draw(st.text(min_size=1, max_size=12).filter(lambda k: k not in FACT_KEYS))
        data[key] = draw(ANY_JSON)
        return data, key
    field = draw(st.sampled_from(FACT_KEYS))
    data[field] = draw(wrong_for(field))
    return data, field


@settings(max_examples=200, deadline=None)
@given(ill_typed())
def test_ill_typed_input_is_always_an_input_error_naming_the_field(
    case: tuple[dict[str, Any], str],
) -> None:
    data, field = case
    try:
        parse_facts(data)
    except InputError as error:
        assert error.field == field or error.field.startswith(f"{field}["), (error.field, field)
    else:
        pytest.fail(f"{field}={data[field]!r} was accepted")

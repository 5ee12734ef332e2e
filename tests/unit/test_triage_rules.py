"""Triage, immobilisation and imaging rules: one test per row of PATHWAY.md §2, §3 and §4.

Each test goes through the public path (`parse_facts` then `triage`), as the command line
and the window do, and checks the category, the contact, the immobilisation advice, the
clocks with their exact due instants, and that every action and clock carries its `ref`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from mscc_desk.domain.errors import InputError
from mscc_desk.domain.triage import TriageResult, override_effect, parse_facts, triage

SUSPECTED = "2027-03-27T09:30:00+00:00"
DUE_24H = "2027-03-28T09:30:00+00:00"
DUE_7D = "2027-04-03T09:30:00+00:00"

CONTACT_FOR = {
    "emergency": "immediately",
    "urgent_advice": "within_24h",
    "oncology_referral": "urgent_oncology_referral",
    "safety_net": "none",
    "outside_pathway": "none",
}


def run(**facts: Any) -> TriageResult:
    data: dict[str, Any] = {"suspected_at": SUSPECTED, **facts}
    return triage(parse_facts(data))


def deadlines(result: TriageResult) -> dict[str, str]:
    return {d["key"]: d["due"] for d in result.to_json()["deadlines"]}


def action_keys(result: TriageResult) -> list[str]:
    return [a.key for a in result.actions]


def assert_every_ref(result: TriageResult) -> None:
    out = result.to_json()
    assert out["actions"], "every category gives the coordinator at least one action"
    for action in out["actions"]:
        assert action["ref"].strip(), action
        assert action["text"].strip(), action
    for deadline in out["deadlines"]:
        assert deadline["ref"].strip(), deadline
    assert result.category_rule.ref.strip()
    assert result.immobilisation_rule.ref.strip()
    assert result.contact == CONTACT_FOR[result.category]


# --- PATHWAY.md §2: triage --------------------------------------------------------------


def test_t1_cancer_with_cord_compression_feature_is_emergency() -> None:
    result = run(cancer_status="past_or_current", neuro=["limb_weakness"])
    assert result.category == "emergency"
    assert result.category_rule.key == "T1"
    assert result.contact == "immediately"
    # Instability not recorded either way: the desk prompts for it (issue 10, finding 8).
    assert result.immobilisation == "assess"
    assert "assess_instability" in action_keys(result)
    assert deadlines(result) == {"mri": DUE_24H}
    assert "contact_coordinator" in action_keys(result)
    assert "mri_24h" in action_keys(result)
    assert "seek_advice_24h" not in action_keys(result)
    assert_every_ref(result)


@pytest.mark.parametrize(
    "neuro",
    [
        "bladder_bowel_dysfunction",
        "gait_disturbance",
        "limb_weakness",
        "neurological_signs",
        "sensory_change",
        "radicular_pain",
    ],
)
def test_t1_each_cord_compression_feature_alone_is_emergency(neuro: str) -> None:
    result = run(cancer_status="past_or_current", neuro=[neuro])
    assert result.category == "emergency"
    assert result.category_rule.key == "T1"


def test_t1_cord_compression_beats_pain_features() -> None:
    result = run(
        cancer_status="past_or_current",
        pain=["nocturnal", "mechanical", "severe_unremitting"],
        neuro=["gait_disturbance"],
    )
    assert result.category == "emergency"
    assert result.category_rule.key == "T1"
    assert result.contact == "immediately"
    # The 24 h MRI clock, not the 7-day one, and no pain-only advice clock.
    assert deadlines(result) == {"mri": DUE_24H}
    assert "mri_plan_1_week" not in action_keys(result)
    assert_every_ref(result)


def test_t1_cord_compression_beats_no_evidence_of_spinal_disease() -> None:
    result = run(
        cancer_status="past_or_current",
        pain=["mechanical"],
        neuro=["sensory_change"],
        no_evidence_of_spinal_disease=True,
    )
    assert result.category == "emergency"
    assert result.category_rule.key == "T1"


def test_t2_cancer_with_pain_only_is_urgent_advice() -> None:
    result = run(cancer_status="past_or_current", pain=["nocturnal", "mechanical"])
    assert result.category == "urgent_advice"
    assert result.category_rule.key == "T2"
    assert result.contact == "within_24h"
    assert result.immobilisation == "not_indicated"
    assert deadlines(result) == {"mri": DUE_7D, "coordinator_advice": DUE_24H}
    assert "seek_advice_24h" in action_keys(result)
    assert "mri_plan_1_week" in action_keys(result)
    assert "contact_coordinator" not in action_keys(result)
    assert "mri_24h" not in action_keys(result)
    assert_every_ref(result)


@pytest.mark.parametrize(
    "pain",
    [
        "severe_unremitting",
        "progressive",
        "mechanical",
        "straining",
        "nocturnal",
        "localised_tenderness",
        "claudication",
    ],
)
def test_t2_each_pain_feature_alone_is_urgent_advice(pain: str) -> None:
    result = run(cancer_status="past_or_current", pain=[pain])
    assert result.category == "urgent_advice"
    assert result.category_rule.key == "T2"


def test_t3_suspected_cancer_with_pain_is_oncology_referral() -> None:
    result = run(cancer_status="suspected", pain=["progressive"])
    assert result.category == "oncology_referral"
    assert result.category_rule.key == "T3"
    assert result.contact == "urgent_oncology_referral"
    assert result.immobilisation == "not_indicated"
    assert deadlines(result) == {}
    assert "urgent_oncology_referral" in action_keys(result)
    assert "contact_coordinator" not in action_keys(result)
    assert_every_ref(result)


def test_t4_suspected_cancer_with_cord_compression_is_emergency_local_reading() -> None:
    result = run(cancer_status="suspected", pain=["nocturnal"], neuro=["bladder_bowel_dysfunction"])
    assert result.category == "emergency"
    assert result.category_rule.key == "T4"
    # PATHWAY.md T4: a local reading of the seed, and shown as such.
    assert result.category_rule.status == "local"
    assert "local" in result.category_rule.ref
    assert result.contact == "immediately"
    assert result.immobilisation == "assess"
    assert deadlines(result) == {"mri": DUE_24H}
    assert "contact_coordinator" in action_keys(result)
    assert "mri_24h" in action_keys(result)
    assert_every_ref(result)


def test_t5_cancer_with_back_pain_but_no_evidence_is_safety_net() -> None:
    result = run(cancer_status="past_or_current", no_evidence_of_spinal_disease=True)
    assert result.category == "safety_net"
    assert result.category_rule.key == "T5"
    assert result.contact == "none"
    assert result.immobilisation == "not_indicated"
    assert deadlines(result) == {}  # T5: no clock
    assert "safety_net_advice" in action_keys(result)
    assert "seek_advice_24h" not in action_keys(result)
    assert_every_ref(result)


def test_t6_no_cancer_is_outside_pathway() -> None:
    result = run(cancer_status="none", pain=["nocturnal"])
    assert result.category == "outside_pathway"
    assert result.category_rule.key == "T6"
    assert result.contact == "none"
    assert result.immobilisation == "not_indicated"
    assert deadlines(result) == {}
    assert "outside_pathway" in action_keys(result)
    assert "acute_spinal_pathway" not in action_keys(result)
    assert_every_ref(result)


def test_t6_with_cord_compression_points_to_acute_spinal_pathway() -> None:
    result = run(cancer_status="none", neuro=["bladder_bowel_dysfunction", "limb_weakness"])
    assert result.category == "outside_pathway"
    assert result.category_rule.key == "T6"
    assert result.contact == "none"
    assert deadlines(result) == {}
    keys = action_keys(result)
    assert "outside_pathway" in keys
    assert "acute_spinal_pathway" in keys
    spinal = next(a for a in result.actions if a.key == "acute_spinal_pathway")
    assert "local" in spinal.ref
    assert "cauda equina" in spinal.text
    assert_every_ref(result)


def test_coordinator_advice_clock_only_for_urgent_advice() -> None:
    cases = {
        "emergency": {"cancer_status": "past_or_current", "neuro": ["limb_weakness"]},
        "urgent_advice": {"cancer_status": "past_or_current", "pain": ["nocturnal"]},
        "oncology_referral": {"cancer_status": "suspected", "pain": ["nocturnal"]},
        "safety_net": {"cancer_status": "past_or_current", "no_evidence_of_spinal_disease": True},
        "outside_pathway": {"cancer_status": "none", "neuro": ["limb_weakness"]},
    }
    for category, facts in cases.items():
        result = run(**facts)
        assert result.category == category
        has_advice_clock = "coordinator_advice" in deadlines(result)
        assert has_advice_clock == (category == "urgent_advice"), category


# --- PATHWAY.md §3: immobilisation and expert review -------------------------------------


def test_i1_suspected_mscc_with_instability_starts_immobilisation_now() -> None:
    result = run(cancer_status="past_or_current", neuro=["limb_weakness"], instability_signs=True)
    assert result.category == "emergency"
    assert result.immobilisation == "start_now"
    assert result.immobilisation_rule.key == "I1"
    keys = action_keys(result)
    assert "immobilise_now" in keys
    assert "expert_review_24h" in keys
    # No immobilisation time recorded yet: the expert-review clock has not started.
    assert deadlines(result) == {"mri": DUE_24H}
    assert_every_ref(result)


def test_i1_instability_without_suspected_mscc_does_not_start_immobilisation() -> None:
    result = run(cancer_status="past_or_current", pain=["nocturnal"], instability_signs=True)
    assert result.category == "urgent_advice"
    assert result.immobilisation != "start_now"


@pytest.mark.parametrize("pain_on_movement", ["moderate", "severe"])
def test_i2_moderate_to_severe_pain_on_movement_considers_immobilisation(
    pain_on_movement: str,
) -> None:
    result = run(
        cancer_status="past_or_current",
        pain=["mechanical"],
        pain_on_movement=pain_on_movement,
    )
    assert result.category == "urgent_advice"
    assert result.immobilisation == "consider"
    assert result.immobilisation_rule.key == "I2"
    assert "consider_immobilisation" in action_keys(result)
    assert "immobilise_now" not in action_keys(result)
    assert "expert_review" not in deadlines(result)
    assert_every_ref(result)


@pytest.mark.parametrize("pain_on_movement", ["none", "mild"])
def test_i2_mild_or_no_pain_on_movement_does_not_consider_immobilisation(
    pain_on_movement: str,
) -> None:
    result = run(
        cancer_status="past_or_current", pain=["mechanical"], pain_on_movement=pain_on_movement
    )
    assert result.immobilisation == "not_indicated"
    assert result.immobilisation_rule.key == "I0"


def test_i3_expert_review_clock_is_24h_from_immobilisation_start() -> None:
    result = run(
        cancer_status="past_or_current",
        neuro=["limb_weakness"],
        instability_signs=True,
        immobilised_at="2027-03-27T11:15:00+01:00",  # 10:15 UTC
    )
    assert result.category == "emergency"
    assert result.contact == "immediately"
    assert result.immobilisation == "start_now"
    assert deadlines(result) == {"mri": DUE_24H, "expert_review": "2027-03-28T10:15:00+00:00"}
    review = next(d for d in result.deadlines if d.key == "expert_review")
    assert (review.due_at - review.starts_at).total_seconds() == 86_400
    assert review.ref.strip()
    assert "expert_review_24h" in action_keys(result)
    assert_every_ref(result)


def test_i3_expert_review_clock_only_when_immobilised_at_is_given() -> None:
    base = {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "instability_signs": True,
    }
    assert "expert_review" not in deadlines(run(**base))
    assert "expert_review" not in deadlines(run(**base, immobilised_at=None))
    with_time = deadlines(run(**base, immobilised_at="2027-03-27T10:00:00+00:00"))
    assert with_time["expert_review"] == "2027-03-28T10:00:00+00:00"


# --- PATHWAY.md §4: imaging ---------------------------------------------------------------


def test_m1_mri_clock_is_24h_from_suspected_at() -> None:
    result = run(
        cancer_status="past_or_current",
        neuro=["neurological_signs"],
        suspected_at="2027-06-01T23:45:00+01:00",  # 22:45 UTC
    )
    assert result.category == "emergency"
    assert result.contact == "immediately"
    assert result.immobilisation == "assess"
    assert deadlines(result) == {"mri": "2027-06-02T22:45:00+00:00"}
    mri = result.deadlines[0]
    assert mri.ref == "NG234 (BMJ: MRI for suspected MSCC)"
    assert (mri.due_at - mri.starts_at).total_seconds() == 86_400
    assert_every_ref(result)


def test_m2_pain_only_mri_clock_is_7_days_from_suspected_at() -> None:
    result = run(
        cancer_status="past_or_current",
        pain=["claudication"],
        suspected_at="2027-06-01T23:45:00+01:00",  # 22:45 UTC
    )
    assert result.category == "urgent_advice"
    assert result.contact == "within_24h"
    assert result.immobilisation == "not_indicated"
    assert deadlines(result) == {
        "mri": "2027-06-08T22:45:00+00:00",
        "coordinator_advice": "2027-06-02T22:45:00+00:00",
    }
    mri = next(d for d in result.deadlines if d.key == "mri")
    assert mri.ref == "QS56 st.2"
    assert (mri.due_at - mri.starts_at).total_seconds() == 604_800
    assert_every_ref(result)


# --- the output contract (CLI.md) ----------------------------------------------------------


def test_output_json_has_the_contract_keys() -> None:
    result = run(
        cancer_status="past_or_current",
        pain=["nocturnal", "mechanical"],
        neuro=["limb_weakness"],
        instability_signs=True,
        immobilised_at="2027-03-27T10:00:00+00:00",
    )
    out = result.to_json()
    assert {
        "category",
        "contact",
        "immobilisation",
        "deadlines",
        "actions",
        "pathway_version",
    } <= set(out)
    assert out["category"] == "emergency"
    assert out["contact"] == "immediately"
    assert out["immobilisation"] == "start_now"
    assert out["pathway_version"] == "ng234-2023.4"
    assert out["deadlines"] and out["actions"]
    for deadline in out["deadlines"]:
        assert {"key", "due", "ref"} <= set(deadline)
        assert deadline["due"].endswith("+00:00")
    for action in out["actions"]:
        assert {"key", "text", "ref"} <= set(action)
    assert json.loads(json.dumps(out)) == out


def test_contract_example_gives_the_contract_output() -> None:
    """The worked example of CLI.md, input and output."""
    data = {
        "cancer_status": "past_or_current",
        "pain": ["nocturnal", "mechanical"],
        "neuro": ["limb_weakness"],
        "no_evidence_of_spinal_disease": False,
        "instability_signs": False,
        "pain_on_movement": "none",
        "mscc_confirmed": False,
        "spinal_metastases_confirmed": False,
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "immobilised_at": None,
    }
    out = triage(parse_facts(data)).to_json()
    assert out["category"] == "emergency"
    assert out["contact"] == "immediately"
    assert out["immobilisation"] == "not_indicated"
    assert [(d["key"], d["due"], d["ref"]) for d in out["deadlines"]] == [
        ("mri", "2027-03-28T09:30:00+00:00", "NG234 (BMJ: MRI for suspected MSCC)")
    ]
    first = out["actions"][0]
    assert (first["key"], first["ref"]) == ("contact_coordinator", "NG234 (BMJ Fig 2)")
    assert out["pathway_version"] == "ng234-2023.4"


def test_known_spinal_metastases_without_features_is_local_policy_advice() -> None:
    result = triage(
        parse_facts(
            {
                "cancer_status": "past_or_current",
                "spinal_metastases_confirmed": True,
                "suspected_at": "2027-05-01T10:00:00+00:00",
            }
        )
    )
    assert result.category == "urgent_advice"
    assert result.category_rule.key == "L2"
    # PATHWAY.md, Confirmed on imaging: everyone with spinal metastases is referred.
    assert result.category_rule.status == "seed"
    assert "coordinated service" in result.category_rule.ref


# --- Issue 10: a case is never quieter than its facts ------------------------------------


@pytest.mark.parametrize("pain", ["mechanical", "nocturnal", "severe_unremitting"])
def test_box3_pain_beats_an_earlier_negative_scan(pain: str) -> None:
    """Finding 3: Box 3 pain in a person with cancer is advice within 24 h, whatever an
    earlier scan showed; the scan is shown as context."""
    result = run(cancer_status="past_or_current", pain=[pain], no_evidence_of_spinal_disease=True)
    assert result.category == "urgent_advice"
    assert result.category_rule.key == "T2"
    assert set(deadlines(result)) == {"mri", "coordinator_advice"}
    assert "negative_scan_context" in action_keys(result)
    assert "safety_net_advice" not in action_keys(result)


def test_negative_scan_is_context_only_with_cord_compression() -> None:
    result = run(
        cancer_status="past_or_current", neuro=["limb_weakness"], no_evidence_of_spinal_disease=True
    )
    assert result.category == "emergency"
    assert "negative_scan_context" in action_keys(result)


@pytest.mark.parametrize(
    ("facts", "field", "other"),
    [
        ({"cancer_status": "none", "mscc_confirmed": True}, "mscc_confirmed", "cancer_status"),
        (
            {"cancer_status": "none", "spinal_metastases_confirmed": True},
            "spinal_metastases_confirmed",
            "cancer_status",
        ),
        (
            {
                "cancer_status": "past_or_current",
                "spinal_metastases_confirmed": True,
                "no_evidence_of_spinal_disease": True,
            },
            "spinal_metastases_confirmed",
            "no_evidence_of_spinal_disease",
        ),
        (
            {
                "cancer_status": "suspected",
                "mscc_confirmed": True,
                "no_evidence_of_spinal_disease": True,
            },
            "mscc_confirmed",
            "no_evidence_of_spinal_disease",
        ),
    ],
)
def test_contradictory_facts_are_refused_naming_both(
    facts: dict[str, Any], field: str, other: str
) -> None:
    """Finding 4: never triaged to the quieter reading."""
    with pytest.raises(InputError) as caught:
        run(**facts)
    assert caught.value.field == field
    assert f"({other})" in caught.value.problem


def test_suspected_cancer_with_confirmed_spinal_metastases_gets_advice_within_24h() -> None:
    """Finding 4: spinal metastases on imaging are referred whatever the diagnosis so far."""
    for pain in ([], ["nocturnal"]):
        result = run(cancer_status="suspected", pain=pain, spinal_metastases_confirmed=True)
        assert result.category == "urgent_advice", pain
        assert "coordinator_advice" in deadlines(result)


def test_suspected_cancer_with_confirmed_mscc_is_an_emergency() -> None:
    result = run(cancer_status="suspected", mscc_confirmed=True)
    assert result.category == "emergency"
    assert "mri" in deadlines(result)


def test_override_keeps_the_immobilisation_the_facts_call_for() -> None:
    """Finding 2: an override may drop a clock, never "start immobilisation now"."""
    facts = parse_facts(
        {
            "cancer_status": "past_or_current",
            "neuro": ["limb_weakness"],
            "instability_signs": True,
            "suspected_at": SUSPECTED,
        }
    )
    result = triage(facts, override="urgent_advice")
    assert result.category == "urgent_advice"
    assert result.immobilisation == "start_now"
    assert {"immobilise_now", "expert_review_24h"} <= set(action_keys(result))


def test_override_effect_lists_what_it_removes() -> None:
    facts = parse_facts(
        {
            "cancer_status": "past_or_current",
            "neuro": ["limb_weakness"],
            "instability_signs": True,
            "suspected_at": SUSPECTED,
        }
    )
    effect = override_effect(facts, "urgent_advice")
    assert [c.key for c in effect.removed_clocks] == ["mri"]  # 24 h loosened to 7 days
    removed = {a.key for a in effect.removed_actions}
    assert {"contact_coordinator", "mri_24h"} <= removed
    assert "immobilise_now" not in removed
    assert effect.removes_anything
    assert not override_effect(facts, "emergency").removes_anything


def test_instability_not_assessed_prompts_and_none_found_is_not_indicated() -> None:
    """Finding 8: "not assessed" never reads as "immobilisation not indicated"."""
    base = {"cancer_status": "past_or_current", "neuro": ["limb_weakness"]}
    assert run(**base).immobilisation == "assess"
    assert run(**base, instability_signs=None).immobilisation == "assess"
    assessed = run(**base, instability_signs=False)
    assert assessed.immobilisation == "not_indicated"
    assert "assess_instability" not in action_keys(assessed)
    assert run(**base, instability_signs=True).immobilisation == "start_now"


def test_suspected_cancer_with_box3_pain_shows_pain_relief_as_local_reading() -> None:
    result = run(cancer_status="suspected", pain=["nocturnal"])
    action = next(a for a in result.actions if a.key == "pain_relief_suspected_cancer")
    assert action.status == "local"
    assert "local reading" in action.ref


def test_t6_and_outside_pathway_are_labelled_local_readings() -> None:
    result = run(cancer_status="none", pain=["nocturnal"])
    assert result.category_rule.status == "local"
    assert next(a for a in result.actions if a.key == "outside_pathway").status == "local"


def test_an_override_keeps_the_prompt_to_assess_instability() -> None:
    """Immobilisation follows the facts, the prompt to assess the spine included."""
    facts = parse_facts(
        {"cancer_status": "past_or_current", "neuro": ["limb_weakness"], "suspected_at": SUSPECTED}
    )
    result = triage(facts, override="urgent_advice")
    assert result.immobilisation == "assess"
    assert "assess_instability" in action_keys(result)
    removed = {a.key for a in override_effect(facts, "urgent_advice").removed_actions}
    assert "assess_instability" not in removed

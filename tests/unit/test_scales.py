"""SINS arithmetic and banding, and completeness of the scale labels (PATHWAY.md §8)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mscc_desk.domain.scales import (
    ECOG_LABELS,
    FRANKEL_LABELS,
    MRC_LABELS,
    SINS_COMPONENTS,
    Ecog,
    Frankel,
    Mrc,
    SinsAlignment,
    SinsBand,
    SinsCollapse,
    SinsLesion,
    SinsLocation,
    SinsPain,
    SinsPosterolateral,
    SinsResult,
    sins_band,
    sins_score,
)

MINIMUM = (
    SinsLocation.RIGID,
    SinsPain.PAIN_FREE,
    SinsLesion.BLASTIC,
    SinsAlignment.NORMAL,
    SinsCollapse.NONE,
    SinsPosterolateral.NONE,
)
MAXIMUM = (
    SinsLocation.JUNCTIONAL,
    SinsPain.MECHANICAL,
    SinsLesion.LYTIC,
    SinsAlignment.SUBLUXATION_TRANSLATION,
    SinsCollapse.OVER_50,
    SinsPosterolateral.BILATERAL,
)


def test_minimum_is_zero_and_stable() -> None:
    assert sins_score(*MINIMUM) == SinsResult(0, SinsBand.STABLE, surgical_opinion=False)


def test_maximum_is_eighteen_and_unstable() -> None:
    assert sins_score(*MAXIMUM) == SinsResult(18, SinsBand.UNSTABLE, surgical_opinion=True)


def test_six_is_stable() -> None:
    # junctional 3 + mechanical 3
    result = sins_score("junctional", "mechanical", "blastic", "normal", "none", "none")
    assert result == SinsResult(6, SinsBand.STABLE, surgical_opinion=False)


def test_seven_is_potentially_unstable() -> None:
    # junctional 3 + mechanical 3 + mixed 1
    result = sins_score("junctional", "mechanical", "mixed", "normal", "none", "none")
    assert result == SinsResult(7, SinsBand.POTENTIALLY_UNSTABLE, surgical_opinion=True)


def test_twelve_is_potentially_unstable() -> None:
    # junctional 3 + mechanical 3 + lytic 2 + subluxation/translation 4
    result = sins_score(
        "junctional", "mechanical", "lytic", "subluxation_translation", "none", "none"
    )
    assert result == SinsResult(12, SinsBand.POTENTIALLY_UNSTABLE, surgical_opinion=True)


def test_thirteen_is_unstable() -> None:
    # as twelve, plus no collapse but > 50 % of the body involved 1
    result = sins_score(
        "junctional",
        "mechanical",
        "lytic",
        "subluxation_translation",
        "none_over_50_body_involved",
        "none",
    )
    assert result == SinsResult(13, SinsBand.UNSTABLE, surgical_opinion=True)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, SinsBand.STABLE), (6, SinsBand.STABLE), (7, SinsBand.POTENTIALLY_UNSTABLE)]
    + [(12, SinsBand.POTENTIALLY_UNSTABLE), (13, SinsBand.UNSTABLE), (18, SinsBand.UNSTABLE)],
)
def test_band_boundaries(total: int, band: SinsBand) -> None:
    assert sins_band(total) is band


@pytest.mark.parametrize("total", [-1, 19])
def test_band_refuses_impossible_totals(total: int) -> None:
    with pytest.raises(ValueError, match=str(total)):
        sins_band(total)


def test_string_keys_and_members_score_the_same() -> None:
    keys = [member.value for member in MAXIMUM]
    assert all(type(key) is str for key in keys)
    assert sins_score(*keys) == sins_score(*MAXIMUM)


def test_bad_key_is_refused_naming_the_component() -> None:
    with pytest.raises(ValueError) as caught:
        sins_score("junctional", "mechanical", "foo", "normal", "none", "none")
    assert str(caught.value) == "sins.lesion: 'foo' is not one of lytic, mixed, blastic"


def test_member_of_another_component_is_refused() -> None:
    # SinsCollapse.NONE == "none" == SinsPosterolateral.NONE as strings.
    with pytest.raises(TypeError, match=r"sins\.posterolateral"):
        sins_score(*MINIMUM[:5], SinsCollapse.NONE)


def test_components_table_matches_the_scorer() -> None:
    assert [spec.key for spec in SINS_COMPONENTS] == [
        "location",
        "pain",
        "lesion",
        "alignment",
        "collapse",
        "posterolateral",
    ]
    assert [spec.enum for spec in SINS_COMPONENTS] == [type(member) for member in MINIMUM]
    for spec in SINS_COMPONENTS:
        assert spec.label
        for member in spec.enum:
            assert member.label
            assert member.points >= 0


def test_points_per_pathway() -> None:
    points = {
        spec.key: {member.value: member.points for member in spec.enum} for spec in SINS_COMPONENTS
    }
    assert points == {
        "location": {"junctional": 3, "mobile": 2, "semi_rigid": 1, "rigid": 0},
        "pain": {"mechanical": 3, "occasional_non_mechanical": 1, "pain_free": 0},
        "lesion": {"lytic": 2, "mixed": 1, "blastic": 0},
        "alignment": {"subluxation_translation": 4, "de_novo_deformity": 2, "normal": 0},
        "collapse": {"over_50": 3, "under_50": 2, "none_over_50_body_involved": 1, "none": 0},
        "posterolateral": {"bilateral": 3, "unilateral": 1, "none": 0},
    }


def test_every_band_has_a_label() -> None:
    assert all(band.label for band in SinsBand)


def test_every_frankel_grade_has_a_label() -> None:
    assert [grade.value for grade in Frankel] == ["A", "B", "C", "D", "E"]
    assert set(FRANKEL_LABELS) == set(Frankel)
    assert all(grade.label == FRANKEL_LABELS[grade] != "" for grade in Frankel)


def test_every_ecog_status_has_a_label() -> None:
    assert [int(status) for status in Ecog] == [0, 1, 2, 3, 4]
    assert set(ECOG_LABELS) == set(Ecog)
    assert all(status.label == ECOG_LABELS[status] != "" for status in Ecog)


def test_every_mrc_grade_has_a_label() -> None:
    assert [int(grade) for grade in Mrc] == [0, 1, 2, 3, 4, 5]
    assert set(MRC_LABELS) == set(Mrc)
    assert all(grade.label == MRC_LABELS[grade] != "" for grade in Mrc)


@given(
    location=st.sampled_from(SinsLocation),
    pain=st.sampled_from(SinsPain),
    lesion=st.sampled_from(SinsLesion),
    alignment=st.sampled_from(SinsAlignment),
    collapse=st.sampled_from(SinsCollapse),
    posterolateral=st.sampled_from(SinsPosterolateral),
    as_keys=st.booleans(),
)
def test_total_is_the_sum_of_points_and_band_follows(
    location: SinsLocation,
    pain: SinsPain,
    lesion: SinsLesion,
    alignment: SinsAlignment,
    collapse: SinsCollapse,
    posterolateral: SinsPosterolateral,
    as_keys: bool,
) -> None:
    answers = (location, pain, lesion, alignment, collapse, posterolateral)
    args = [str(answer.value) for answer in answers] if as_keys else list(answers)
    result = sins_score(*args)
    assert result.total == sum(answer.points for answer in answers)
    assert 0 <= result.total <= 18
    expected = (
        SinsBand.STABLE
        if result.total <= 6
        else SinsBand.POTENTIALLY_UNSTABLE
        if result.total <= 12
        else SinsBand.UNSTABLE
    )
    assert result.band is expected is sins_band(result.total)
    assert result.surgical_opinion is (result.total >= 7)

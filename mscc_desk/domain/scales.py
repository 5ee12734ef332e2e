"""Clinical scales used when triaging a metastatic spinal cord compression (MSCC) referral.

The facts (grades, labels, SINS points) come from PATHWAY.md §8 and nowhere else, so a
clinical reviewer can check this one file against that one section.  The module is pure
Python on purpose: the same definitions feed the GUI, the database layer and the reports,
and none of those should be needed to test them.

Enum values are the keys that get stored and exchanged, so they must never change;
labels are display text and may be reworded freely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple, TypeVar

__all__ = [
    "ECOG_LABELS",
    "FRANKEL_LABELS",
    "MRC_LABELS",
    "SINS_COMPONENTS",
    "SINS_MAX",
    "SINS_MIN",
    "SURGICAL_OPINION_TEXT",
    "SURGICAL_OPINION_THRESHOLD",
    "Ecog",
    "Frankel",
    "Mrc",
    "SinsAlignment",
    "SinsBand",
    "SinsCollapse",
    "SinsComponent",
    "SinsComponentSpec",
    "SinsLesion",
    "SinsLocation",
    "SinsPain",
    "SinsPosterolateral",
    "SinsResult",
    "sins_band",
    "sins_score",
]


# --------------------------------------------------------------------------- Frankel


class Frankel(StrEnum):
    """Frankel grade of neurological function, recorded at referral and on each review.

    Letters rather than ordinals because that is how clinicians say and write them.
    """

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"

    @property
    def label(self) -> str:
        return FRANKEL_LABELS[self]


FRANKEL_LABELS: Final[Mapping[Frankel, str]] = MappingProxyType(
    {
        Frankel.A: "Complete (no motor or sensory function below the level)",
        Frankel.B: "Sensory only",
        Frankel.C: "Motor present but useless",
        Frankel.D: "Motor useful (can walk, with or without aids)",
        Frankel.E: "Normal (abnormal reflexes may persist)",
    }
)


# --------------------------------------------------------------------------- WHO/ECOG


class Ecog(IntEnum):
    """WHO/ECOG performance status; an int so that "PS 2 or worse" is a plain comparison."""

    PS0 = 0
    PS1 = 1
    PS2 = 2
    PS3 = 3
    PS4 = 4

    @property
    def label(self) -> str:
        return ECOG_LABELS[self]


ECOG_LABELS: Final[Mapping[Ecog, str]] = MappingProxyType(
    {
        Ecog.PS0: "Fully active",
        Ecog.PS1: "Restricted in strenuous activity, light work possible",
        Ecog.PS2: "Self-caring, unable to work, up > 50 % of waking hours",
        Ecog.PS3: "Limited self-care, in bed or chair > 50 % of waking hours",
        Ecog.PS4: "Completely disabled",
    }
)


# --------------------------------------------------------------------------- MRC power


class Mrc(IntEnum):
    """MRC muscle power grade; an int so that power can be compared between examinations."""

    M0 = 0
    M1 = 1
    M2 = 2
    M3 = 3
    M4 = 4
    M5 = 5

    @property
    def label(self) -> str:
        return MRC_LABELS[self]


MRC_LABELS: Final[Mapping[Mrc, str]] = MappingProxyType(
    {
        Mrc.M0: "None",
        Mrc.M1: "Flicker",
        Mrc.M2: "Movement with gravity eliminated",
        Mrc.M3: "Against gravity",
        Mrc.M4: "Against gravity and some resistance",
        Mrc.M5: "Normal",
    }
)


# --------------------------------------------------------------------------- SINS


class SinsComponent(StrEnum):
    """Common base of the six SINS components.

    Each member carries its points and label next to its key so the table can be
    reviewed line by line against Fisher 2010.  The key alone is the enum value: two
    components both have a ``none`` answer, and their points must never be confused,
    which is why :func:`sins_score` refuses a member of the wrong component.
    """

    points: int
    label: str

    def __new__(cls, key: str, points: int = 0, label: str = "") -> SinsComponent:
        member = str.__new__(cls, key)
        member._value_ = key
        member.points = points
        member.label = label
        return member


class SinsLocation(SinsComponent):
    """Junctional and mobile segments score higher because they fail under load first."""

    JUNCTIONAL = "junctional", 3, "Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)"
    MOBILE = "mobile", 2, "Mobile (C3–C6, L2–L4)"
    SEMI_RIGID = "semi_rigid", 1, "Semi-rigid (T3–T10)"
    RIGID = "rigid", 0, "Rigid (S2–S5)"


class SinsPain(SinsComponent):
    """Mechanical pain (worse on movement or loading) is itself a sign of instability."""

    MECHANICAL = "mechanical", 3, "Mechanical"
    OCCASIONAL_NON_MECHANICAL = "occasional_non_mechanical", 1, "Occasional non-mechanical"
    PAIN_FREE = "pain_free", 0, "Pain-free"


class SinsLesion(SinsComponent):
    """Lytic bone is weaker than blastic bone, hence more points."""

    LYTIC = "lytic", 2, "Lytic"
    MIXED = "mixed", 1, "Mixed (lytic/blastic)"
    BLASTIC = "blastic", 0, "Blastic"


class SinsAlignment(SinsComponent):
    """Radiographic spinal alignment; translation is the heaviest single item in SINS."""

    SUBLUXATION_TRANSLATION = "subluxation_translation", 4, "Subluxation/translation"
    DE_NOVO_DEFORMITY = "de_novo_deformity", 2, "De novo deformity"
    NORMAL = "normal", 0, "Normal"


class SinsCollapse(SinsComponent):
    """Vertebral body collapse.

    Exactly 50 % is not defined by the scale; the choice is left to the clinician.
    """

    OVER_50 = "over_50", 3, "> 50 % collapse"
    UNDER_50 = "under_50", 2, "< 50 % collapse"
    NONE_OVER_50_BODY_INVOLVED = (
        "none_over_50_body_involved",
        1,
        "No collapse, but > 50 % of the body involved",
    )
    NONE = "none", 0, "None of the above"


class SinsPosterolateral(SinsComponent):
    """Posterolateral involvement of the spinal elements (facet, pedicle, costovertebral joint)."""

    BILATERAL = "bilateral", 3, "Bilateral"
    UNILATERAL = "unilateral", 1, "Unilateral"
    NONE = "none", 0, "None"


class SinsComponentSpec(NamedTuple):
    """One row of the SINS calculator, so a GUI can be built without knowing the scale."""

    key: str
    enum: type[SinsComponent]
    label: str


SINS_COMPONENTS: Final[tuple[SinsComponentSpec, ...]] = (
    SinsComponentSpec("location", SinsLocation, "Location"),
    SinsComponentSpec("pain", SinsPain, "Pain"),
    SinsComponentSpec("lesion", SinsLesion, "Bone lesion"),
    SinsComponentSpec("alignment", SinsAlignment, "Radiographic spinal alignment"),
    SinsComponentSpec("collapse", SinsCollapse, "Vertebral body collapse"),
    SinsComponentSpec(
        "posterolateral", SinsPosterolateral, "Posterolateral involvement of spinal elements"
    ),
)

SINS_MIN: Final = 0
SINS_MAX: Final = 18

SURGICAL_OPINION_THRESHOLD: Final = 7
"""From this total up (potentially unstable or worse) a spinal surgeon should be asked."""

SURGICAL_OPINION_TEXT: Final = "Consider a surgical opinion"
"""Worded as a prompt, not an instruction: SINS supports the decision, it does not make it."""


class SinsBand(StrEnum):
    """Fisher's three bands; the band, not the raw total, is what gets communicated."""

    STABLE = "stable"
    POTENTIALLY_UNSTABLE = "potentially_unstable"
    UNSTABLE = "unstable"

    @property
    def label(self) -> str:
        return _SINS_BAND_LABELS[self]


_SINS_BAND_LABELS: Final[Mapping[SinsBand, str]] = MappingProxyType(
    {
        SinsBand.STABLE: "Stable (0–6)",
        SinsBand.POTENTIALLY_UNSTABLE: "Potentially unstable (7–12)",
        SinsBand.UNSTABLE: "Unstable (13–18)",
    }
)


@dataclass(frozen=True)
class SinsResult:
    """A score with its interpretation, so callers cannot pair a total with the wrong band.

    ``surgical_opinion`` only means :data:`SURGICAL_OPINION_TEXT` should be shown: an aid
    to the coordinator, never a decision about surgery.
    """

    total: int
    band: SinsBand
    surgical_opinion: bool


def sins_band(total: int) -> SinsBand:
    """Band a total; out-of-range totals are refused because they can only be a bug."""
    if not SINS_MIN <= total <= SINS_MAX:
        raise ValueError(f"sins total {total} is outside {SINS_MIN}..{SINS_MAX}")
    if total <= 6:
        return SinsBand.STABLE
    if total <= 12:
        return SinsBand.POTENTIALLY_UNSTABLE
    return SinsBand.UNSTABLE


_C = TypeVar("_C", bound=SinsComponent)


def _coerce(enum: type[_C], key: str, value: object) -> _C:
    # A StrEnum member compares equal to its key, so SinsCollapse.NONE would silently be
    # accepted as SinsPosterolateral.NONE; refuse members of another component instead.
    if isinstance(value, enum):
        return value
    if isinstance(value, SinsComponent):
        raise TypeError(f"sins.{key}: {type(value).__name__}.{value.name} is not a {enum.__name__}")
    if not isinstance(value, str):
        raise TypeError(f"sins.{key}: expected a {enum.__name__} or its key, got {value!r}")
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"sins.{key}: {value!r} is not one of {allowed}") from None


def sins_score(
    location: SinsLocation | str,
    pain: SinsPain | str,
    lesion: SinsLesion | str,
    alignment: SinsAlignment | str,
    collapse: SinsCollapse | str,
    posterolateral: SinsPosterolateral | str,
) -> SinsResult:
    """Score SINS from all six answers.

    String keys are accepted because answers arrive from forms and the database as
    stored keys; every component is required because a partial SINS is not a SINS.
    """
    answers: tuple[SinsComponent, ...] = (
        _coerce(SinsLocation, "location", location),
        _coerce(SinsPain, "pain", pain),
        _coerce(SinsLesion, "lesion", lesion),
        _coerce(SinsAlignment, "alignment", alignment),
        _coerce(SinsCollapse, "collapse", collapse),
        _coerce(SinsPosterolateral, "posterolateral", posterolateral),
    )
    total = sum(answer.points for answer in answers)
    return SinsResult(
        total=total,
        band=sins_band(total),
        surgical_opinion=total >= SURGICAL_OPINION_THRESHOLD,
    )

"""A case across its calls: what every call reported, and what a new call may change.

A case is never quieter than its facts (PATHWAY.md, Every call counts; Overrides): a
feature reported on any call stays reported, so a ward call that ticks only the pain
cannot hide the limb weakness rung through the night before; the cancer status changes
only by an explicit correction; and an override holds only for the facts it was made on.
These are rules about the case, not the database, so they live here and the store, the
window and the command line all apply the same ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from .errors import InputError
from .pathway import IMMOBILISATION_ADVICE, Pathway
from .triage import (
    FACT_LABELS,
    NEURO_FEATURES,
    PAIN_FEATURES,
    PAIN_ON_MOVEMENT,
    CaseFacts,
    check_consistent,
)

# The boolean facts that, once reported, stay reported.
_STICKY = ("mscc_confirmed", "spinal_metastases_confirmed")


def merged_facts(earlier: Sequence[CaseFacts], latest: CaseFacts) -> CaseFacts:
    """The facts of the whole case: `latest` with every feature an earlier call reported.

    Features and confirmations are the union over the calls; pain on movement is the
    worst reported; instability is present if any call found it, assessed if any call
    assessed it; immobilisation started at the earliest time any call gave. The cancer
    status, the time of suspicion and the earlier negative scan are the latest call's
    (the status is checked by `check_cancer_status`; the scan is context only, and a
    confirmation on any call outweighs it).
    """
    calls = (*earlier, latest)
    instability: bool | None = None
    if any(f.instability_signs for f in calls):
        instability = True
    elif any(f.instability_signs is False for f in calls):
        instability = False
    immobilised = [f.immobilised_at for f in calls if f.immobilised_at is not None]
    mscc = any(f.mscc_confirmed for f in calls)
    mets = any(f.spinal_metastases_confirmed for f in calls)
    return replace(
        latest,
        pain=frozenset().union(*(f.pain for f in calls)),
        neuro=frozenset().union(*(f.neuro for f in calls)),
        instability_signs=instability,
        pain_on_movement=max((f.pain_on_movement for f in calls), key=PAIN_ON_MOVEMENT.index),
        immobilised_at=min(immobilised) if immobilised else None,
        no_evidence_of_spinal_disease=latest.no_evidence_of_spinal_disease
        and not (mscc or mets),
        mscc_confirmed=mscc,
        spinal_metastases_confirmed=mets,
    )


def check_merged(merged: CaseFacts) -> None:
    """A new call whose facts contradict what earlier calls confirmed is refused."""
    try:
        check_consistent(merged)
    except InputError as exc:
        raise InputError(
            exc.field, f"{exc.problem} (counting what earlier calls on this case reported)"
        ) from None


def check_cancer_status(
    before: str, after: str, correction: str | None, labels: Mapping[str, str]
) -> None:
    """The cancer status changes only by an explicit correction with a reason.

    A follow-up that says "no known cancer" about a person with cancer is far more
    likely a wrong tick than news; a correction says it is meant, and why.
    """
    if after != before and not correction:
        raise InputError(
            "cancer_status",
            f"this case has '{labels[before]}'; a later call may change it to "
            f"'{labels[after]}' only as a correction: give the reason in "
            "'Reason for correcting the cancer status' (cancer_status_correction)",
        )
    if after == before and correction:
        raise InputError(
            "cancer_status_correction",
            f"the cancer status is unchanged ('{labels[before]}'): a correction reason "
            "goes with a change of cancer status only",
        )


@dataclass(frozen=True)
class CategoryDecision:
    """What a call does to a case's category."""

    computed: str  # what the case's facts compute now (never quieter than before)
    override: str | None  # the override in force after the call
    lifted: bool  # an override was lifted because the facts escalated past it
    why: str  # words for the audit trail and the timeline, when something changed

    @property
    def category(self) -> str:
        return self.override or self.computed


def decide_category(
    pathway: Pathway,
    *,
    computed_before: str,
    override_before: str | None,
    computed_now: str,
    new_override: str | None = None,
    clear_override: bool = False,
) -> CategoryDecision:
    """The category after a call, from what the facts computed before and now.

    - The computed category only ever escalates: features are never taken back.
    - An override the call itself sets or clears is the coordinator's explicit word.
    - Otherwise an override holds for the facts it was made on: when the facts now
      compute a more urgent category than before, and at least as urgent as the
      override, it is lifted. An override that is itself more urgent than the new facts
      stays, since lifting it would quieten the case.
    """
    rank = {k: c.rank for k, c in pathway.categories.items()}
    computed = min(computed_before, computed_now, key=rank.__getitem__)
    escalated = rank[computed] < rank[computed_before]
    if new_override is not None:
        return CategoryDecision(computed, new_override, False, "")
    if clear_override:
        return CategoryDecision(computed, None, False, "")
    if override_before is not None and escalated and rank[computed] <= rank[override_before]:
        label = pathway.categories
        why = (
            f"the facts now call for '{label[computed].label}', more urgent than "
            f"'{label[computed_before].label}' when the override to "
            f"'{label[override_before].label}' was made"
        )
        return CategoryDecision(computed, None, True, why)
    return CategoryDecision(computed, override_before, False, "")


def more_pressing_advice(current: str, new: str) -> str:
    """Immobilisation advice moves up the list, never down, with one exception: an
    instability assessment that found none answers the prompt to assess."""
    if current == "assess" and new == "not_indicated":
        return new
    return min(current, new, key=IMMOBILISATION_ADVICE.index)


@dataclass(frozen=True)
class ReportedFeature:
    """A feature of the case and the call that first reported it."""

    key: str  # "neuro:limb_weakness", "pain:nocturnal", "instability_signs", ...
    label: str
    first_reported_at: datetime


def reported_features(
    calls: Sequence[tuple[datetime, CaseFacts]], feature_labels: Mapping[str, Mapping[str, str]]
) -> list[ReportedFeature]:
    """Every feature reported on any call, in the order first reported (then Box 3 order).

    `calls` are (when reported, facts) in time order; `feature_labels` is the pathway
    file's `features` table, so the words are the file's.
    """
    first: dict[str, tuple[datetime, str]] = {}

    def seen(key: str, label: str, at: datetime) -> None:
        if key not in first or at < first[key][0]:
            first[key] = (at, label)

    for at, facts in calls:
        for key in NEURO_FEATURES:
            if key in facts.neuro:
                seen(f"neuro:{key}", feature_labels["neuro"][key], at)
        for key in PAIN_FEATURES:
            if key in facts.pain:
                seen(f"pain:{key}", feature_labels["pain"][key], at)
        if facts.instability_signs:
            seen("instability_signs", FACT_LABELS["instability_signs"], at)
        if facts.pain_on_movement in ("moderate", "severe"):
            words = feature_labels["pain_on_movement"][facts.pain_on_movement].lower()
            seen(f"pain_on_movement:{facts.pain_on_movement}", f"Pain on movement: {words}", at)
        for key in _STICKY:
            if getattr(facts, key):
                seen(key, FACT_LABELS[key], at)
    order = {k: n for n, k in enumerate(first)}
    return [
        ReportedFeature(key, label, at)
        for key, (at, label) in sorted(first.items(), key=lambda kv: (kv[1][0], order[kv[0]]))
    ]

"""Case facts -> what NG234 asks for this person.

A pure function of the facts and the pathway file, so the window, the command line and
the tests all get the same answer, and every answer carries the rule and its reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .clock import format_instant, parse_instant
from .deadlines import ClockSpec, clocks_for
from .errors import InputError
from .pathway import Pathway, Rule, default_pathway

PAIN_FEATURES = (
    "severe_unremitting",
    "progressive",
    "mechanical",
    "straining",
    "nocturnal",
    "localised_tenderness",
    "claudication",
)
NEURO_FEATURES = (
    "bladder_bowel_dysfunction",
    "gait_disturbance",
    "limb_weakness",
    "neurological_signs",
    "sensory_change",
    "radicular_pain",
)
CANCER_STATUSES = ("past_or_current", "suspected", "none")
PAIN_ON_MOVEMENT = ("none", "mild", "moderate", "severe")
BOOLEAN_FACTS = (
    "no_evidence_of_spinal_disease",
    "mscc_confirmed",
    "spinal_metastases_confirmed",
)
FACT_KEYS = (
    "cancer_status",
    "pain",
    "neuro",
    *BOOLEAN_FACTS,
    "instability_signs",
    "pain_on_movement",
    "suspected_at",
    "immobilised_at",
)


@dataclass(frozen=True)
class CaseFacts:
    """What the coordinator knows about the person, as triage needs it."""

    cancer_status: str
    suspected_at: datetime
    pain: frozenset[str] = frozenset()
    neuro: frozenset[str] = frozenset()
    no_evidence_of_spinal_disease: bool = False
    # None: not assessed. Only an assessment that found none may read "not indicated".
    instability_signs: bool | None = None
    pain_on_movement: str = "none"
    mscc_confirmed: bool = False
    spinal_metastases_confirmed: bool = False
    immobilised_at: datetime | None = None

    def as_facts(self) -> dict[str, Any]:
        return {
            "cancer_status": self.cancer_status,
            "pain": self.pain,
            "neuro": self.neuro,
            "no_evidence_of_spinal_disease": self.no_evidence_of_spinal_disease,
            "instability_signs": bool(self.instability_signs),
            "instability_assessed": self.instability_signs is not None,
            "pain_on_movement": self.pain_on_movement,
            "mscc_confirmed": self.mscc_confirmed,
            "spinal_metastases_confirmed": self.spinal_metastases_confirmed,
            "immobilised": self.immobilised_at is not None,
            "suspected_at": self.suspected_at,
            "immobilised_at": self.immobilised_at,
        }

    def to_json(self) -> dict[str, Any]:
        """The `triage` input form (CLI.md), lists in pathway order for stable output."""
        return {
            "cancer_status": self.cancer_status,
            "pain": [k for k in PAIN_FEATURES if k in self.pain],
            "neuro": [k for k in NEURO_FEATURES if k in self.neuro],
            "no_evidence_of_spinal_disease": self.no_evidence_of_spinal_disease,
            "instability_signs": self.instability_signs,
            "pain_on_movement": self.pain_on_movement,
            "mscc_confirmed": self.mscc_confirmed,
            "spinal_metastases_confirmed": self.spinal_metastases_confirmed,
            "suspected_at": format_instant(self.suspected_at),
            "immobilised_at": (
                format_instant(self.immobilised_at) if self.immobilised_at else None
            ),
        }


@dataclass(frozen=True)
class Action:
    key: str
    text: str
    ref: str
    status: str


@dataclass(frozen=True)
class TriageResult:
    category: str
    category_rule: Rule
    contact: str
    contact_text: str
    immobilisation: str
    immobilisation_rule: Rule
    deadlines: tuple[ClockSpec, ...]
    actions: tuple[Action, ...]
    checklist: tuple[str, ...]
    pathway_version: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The `triage` output of CLI.md; keys beyond the contract are additions only."""
        return {
            "category": self.category,
            "contact": self.contact,
            "immobilisation": self.immobilisation,
            "deadlines": [d.to_json() for d in self.deadlines],
            "actions": [
                {"key": a.key, "text": a.text, "ref": a.ref, "status": a.status}
                for a in self.actions
            ],
            "pathway_version": self.pathway_version,
            "category_rule": _rule_json(self.category_rule),
            "immobilisation_rule": _rule_json(self.immobilisation_rule),
            "contact_text": self.contact_text,
            "checklist": list(self.checklist),
        }


def _rule_json(rule: Rule) -> dict[str, str]:
    return {"key": rule.key, "text": rule.text, "ref": rule.ref, "status": rule.status}


def parse_facts(
    data: object, prefix: str = "", extra_keys: frozenset[str] = frozenset()
) -> CaseFacts:
    """Check the `triage` input strictly: unknown keys, values and types are refused.

    `extra_keys` are keys a caller (the `record` input) handles itself.
    """
    if not isinstance(data, Mapping):
        raise InputError(prefix.rstrip(".") or "input", "must be a JSON object")
    for key in data:
        if key not in FACT_KEYS and key not in extra_keys:
            raise InputError(f"{prefix}{key}", "unknown field")
    if "cancer_status" not in data:
        raise InputError(f"{prefix}cancer_status", "is required")
    if "suspected_at" not in data or data["suspected_at"] is None:
        raise InputError(f"{prefix}suspected_at", "is required")

    booleans = {k: _boolean(data, k, prefix) for k in BOOLEAN_FACTS}
    instability = data.get("instability_signs")  # absent or null: not assessed
    if instability is not None and not isinstance(instability, bool):
        raise InputError(
            f"{prefix}instability_signs",
            f"expected true, false or null (not assessed), got {_kind(instability)}",
        )
    immobilised = data.get("immobilised_at")
    facts = CaseFacts(
        cancer_status=_choice(data["cancer_status"], CANCER_STATUSES, f"{prefix}cancer_status"),
        suspected_at=parse_instant(data["suspected_at"], f"{prefix}suspected_at"),
        pain=_subset(data, "pain", PAIN_FEATURES, prefix),
        neuro=_subset(data, "neuro", NEURO_FEATURES, prefix),
        pain_on_movement=_choice(
            _or_default(data.get("pain_on_movement"), "none"),
            PAIN_ON_MOVEMENT,
            f"{prefix}pain_on_movement",
        ),
        immobilised_at=(
            None if immobilised is None else parse_instant(immobilised, f"{prefix}immobilised_at")
        ),
        instability_signs=instability,
        **booleans,
    )
    check_consistent(facts, prefix)
    return facts


# What the window calls each fact, so a refusal reads as the form does.
FACT_LABELS = {
    "cancer_status": "Cancer status",
    "no_evidence_of_spinal_disease": (
        "No clinical evidence of spinal metastases or MSCC on earlier investigation"
    ),
    "mscc_confirmed": "MSCC confirmed on imaging",
    "spinal_metastases_confirmed": "Spinal metastases confirmed",
    "instability_signs": "Signs suggesting spinal instability",
    "pain_on_movement": "Pain on movement",
}


def check_consistent(facts: CaseFacts, prefix: str = "") -> None:
    """Refuse facts that contradict each other, naming both (PATHWAY.md, Contradictions).

    Triaging a contradiction would pick one reading, and the rule order would pick the
    quieter one; the person taking the call knows which fact is wrong, the desk does not.
    """
    disease = [k for k in ("mscc_confirmed", "spinal_metastases_confirmed") if getattr(facts, k)]
    if facts.cancer_status == "none" and disease:
        _contradiction(prefix, disease[0], "cancer_status", "'No known or suspected cancer'")
    if facts.no_evidence_of_spinal_disease and disease:
        _contradiction(
            prefix,
            disease[0],
            "no_evidence_of_spinal_disease",
            f"'{FACT_LABELS['no_evidence_of_spinal_disease']}'",
        )


def _contradiction(prefix: str, field: str, other: str, other_words: str) -> None:
    raise InputError(
        f"{prefix}{field}",
        f"'{FACT_LABELS[field]}' contradicts {other_words} ({prefix}{other}): "
        "correct whichever is wrong",
    )


def _or_default(value: object, default: str) -> object:
    """JSON null means "not given" for every optional fact, as it does for the lists."""
    return default if value is None else value


def _choice(value: object, allowed: tuple[str, ...], name: str) -> str:
    if not isinstance(value, str):
        raise InputError(name, f"expected one of {', '.join(allowed)}, got {_kind(value)}")
    if value not in allowed:
        raise InputError(name, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _subset(
    data: Mapping[str, Any], key: str, allowed: tuple[str, ...], prefix: str
) -> frozenset[str]:
    value = data.get(key, [])
    name = f"{prefix}{key}"
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise InputError(name, f"expected a list of strings, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise InputError(f"{name}[{index}]", f"expected a string, got {_kind(item)}")
        if item not in allowed:
            raise InputError(f"{name}[{index}]", f"{item!r} is not one of {', '.join(allowed)}")
    return frozenset(value)


def _boolean(data: Mapping[str, Any], key: str, prefix: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(f"{prefix}{key}", f"expected true or false, got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def triage(
    facts: CaseFacts, pathway: Pathway | None = None, override: str | None = None
) -> TriageResult:
    """Apply the pathway: the first triage rule that holds decides the category.

    With `override` (the coordinator's category, given with a reason), the clocks,
    actions and checklist follow the overriding category; `category_rule` still names
    the rule the facts met, so both are kept.
    """
    p = pathway or default_pathway()
    category_rule = _first(p.triage, facts.as_facts(), "triage")
    if override is not None and override not in p.categories:
        raise InputError("category_override", f"{override!r} is not a category")
    # Immobilisation follows the facts whatever the category says (PATHWAY.md, Overrides):
    # an override may drop a clock, never the advice to keep a spine still.
    by_facts = derive_facts(p, facts, category_rule.outcome)
    immobilisation_rule = _first(p.immobilisation, by_facts, "immobilisation")
    known = derive_facts(p, facts, override or category_rule.outcome)
    known["immobilisation"] = immobilisation_rule.outcome
    category = p.categories[known["category"]]
    return TriageResult(
        category=category.key,
        category_rule=category_rule,
        contact=category.contact,
        contact_text=p.contacts[category.contact],
        immobilisation=immobilisation_rule.outcome,
        immobilisation_rule=immobilisation_rule,
        deadlines=clocks_for(p, known),
        actions=tuple(
            Action(a.key, a.text, a.ref, a.status) for a in p.actions if a.when.holds(known)
        ),
        checklist=tuple(item.key for item in p.checklist if item.when.holds(known)),
        pathway_version=p.version,
        facts=known,
    )


def derive_facts(p: Pathway, facts: CaseFacts, category: str) -> dict[str, Any]:
    """The facts with the category and the pathway's derived conditions, as rules test them
    (triage, and the service audit's populations)."""
    known: dict[str, Any] = facts.as_facts()
    known["category"] = category
    for name, condition in p.derived.items():
        known[name] = condition.holds(known)
    return known


@dataclass(frozen=True)
class OverrideEffect:
    """What an override takes away from (and adds to) what the facts call for."""

    removed_clocks: tuple[ClockSpec, ...]
    added_clocks: tuple[ClockSpec, ...]
    removed_actions: tuple[Action, ...]
    added_actions: tuple[Action, ...]

    @property
    def removes_anything(self) -> bool:
        return bool(self.removed_clocks or self.removed_actions)


def override_effect(
    facts: CaseFacts, override: str, pathway: Pathway | None = None
) -> OverrideEffect:
    """Shown before an override is saved, so nobody drops a 24-hour MRI unawares.

    A clock counts as removed when the override drops it or loosens it (a 7-day MRI in
    place of a 24-hour one).
    """
    by_facts = triage(facts, pathway)
    overridden = triage(facts, pathway, override)
    kept = {c.key: c for c in overridden.deadlines}
    facts_clocks = {c.key: c for c in by_facts.deadlines}
    removed = tuple(
        c for c in by_facts.deadlines if c.key not in kept or kept[c.key].due_at > c.due_at
    )
    added = tuple(
        c
        for c in overridden.deadlines
        if c.key not in facts_clocks or facts_clocks[c.key].due_at > c.due_at
    )
    facts_actions = {a.key for a in by_facts.actions}
    override_actions = {a.key for a in overridden.actions}
    return OverrideEffect(
        removed_clocks=removed,
        added_clocks=added,
        removed_actions=tuple(a for a in by_facts.actions if a.key not in override_actions),
        added_actions=tuple(a for a in overridden.actions if a.key not in facts_actions),
    )


def _first(rules: tuple[Rule, ...], known: Mapping[str, Any], section: str) -> Rule:
    for rule in rules:
        if rule.when.holds(known):
            return rule
    # The shipped file ends each list with a catch-all; a local edit that removes it
    # must fail loudly rather than leave a person without a category.
    raise LookupError(f"no {section} rule of the pathway file applies to these facts")

"""The pathway definition, loaded from `mscc_desk/resources/pathway/*.toml`.

The clinical rules live in data so that every rule carries its reference, a trust can
change a local policy without touching code, and each case can record the version it
was triaged with. This module only reads and checks the file; `triage` applies it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .resources import resource_path

DEFAULT_PATHWAY = "ng234.toml"

# The facts a condition may test, and how.
_LIST_FACTS = ("pain", "neuro")
_CHOICE_FACTS = ("cancer_status", "pain_on_movement", "category", "immobilisation")
_BOOL_FACTS = (
    "no_evidence_of_spinal_disease",
    "instability_signs",
    "instability_assessed",
    "mscc_confirmed",
    "spinal_metastases_confirmed",
    "immobilised",
)
STATUSES = ("seed", "QS56", "local")
# Immobilisation advice, most to least pressing: a follow-up may move a case up this list,
# never down (PATHWAY.md: immobilisation advice follows the facts).
IMMOBILISATION_ADVICE = ("start_now", "consider", "assess", "not_indicated")
_START_FACTS = ("suspected_at", "immobilised_at")


class PathwayError(ValueError):
    """The pathway file is malformed; the app must not guess what a rule meant."""


@dataclass(frozen=True)
class Condition:
    """All entries must hold; `any_of` holds when at least one of its conditions does."""

    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    presence: Mapping[str, bool] = field(default_factory=dict)  # "pain": any(True)/none(False)
    flags: Mapping[str, bool] = field(default_factory=dict)
    any_of: tuple[Condition, ...] = ()

    def holds(self, facts: Mapping[str, Any]) -> bool:
        for name, allowed in self.choices.items():
            if facts.get(name) not in allowed:
                return False
        for name, wanted in self.presence.items():
            if bool(facts.get(name)) != wanted:
                return False
        for name, wanted in self.flags.items():
            if bool(facts.get(name)) != wanted:
                return False
        return not self.any_of or any(c.holds(facts) for c in self.any_of)


@dataclass(frozen=True)
class Rule:
    """A triage, immobilisation or action rule: when it holds, its outcome applies."""

    key: str
    when: Condition
    text: str
    ref: str
    status: str
    outcome: str = ""  # the category (triage) or the advice (immobilisation)


@dataclass(frozen=True)
class ClockRule:
    key: str
    label: str
    hours: int
    start: str  # a fact name such as "suspected_at", or "checklist:<item>.<field>"
    when: Condition
    ref: str
    status: str
    short: str = ""  # for a narrow column (the board); the label where none is given

    @property
    def seconds(self) -> int:
        return self.hours * 3600

    @property
    def from_checklist(self) -> tuple[str, str] | None:
        if not self.start.startswith("checklist:"):
            return None
        item, _, fld = self.start.removeprefix("checklist:").partition(".")
        return item, fld


@dataclass(frozen=True)
class ChecklistField:
    key: str
    kind: str  # datetime, text, yesno, number, score10, sins, choice, choices
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistRule:
    key: str
    title: str
    text: str
    ref: str
    status: str
    when: Condition
    fields: tuple[ChecklistField, ...]
    starts: tuple[str, str] | None = None  # (clock key, field)
    meets: tuple[str, str] | None = None
    # The `if` of `starts`: the item's own data must hold these (field -> allowed options)
    # for the entry to start its clock, e.g. {"modality": {"radiotherapy"}}.
    starts_if: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Datetime fields that happen in this order (an MRI is requested, then performed, then
    # reported): an entry that puts them out of order is a typo, and is refused.
    order: tuple[str, ...] = ()

    def starts_holds(self, data: Mapping[str, Any]) -> bool:
        """Whether the item's data meets the `if` of its `starts` link (no `if`: always)."""
        for name, allowed in self.starts_if.items():
            value = data.get(name)
            if isinstance(value, list):  # a `choices` field: any chosen option will do
                if not allowed.intersection(str(v) for v in value):
                    return False
            elif value not in allowed:
                return False
        return True


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    short: str
    contact: str
    rank: int


@dataclass(frozen=True)
class Pathway:
    version: str
    title: str
    features: Mapping[str, Mapping[str, str]]
    feature_refs: Mapping[str, str]
    categories: Mapping[str, Category]
    contacts: Mapping[str, str]
    triage: tuple[Rule, ...]
    derived: Mapping[str, Condition]
    immobilisation: tuple[Rule, ...]
    actions: tuple[Rule, ...]
    clocks: tuple[ClockRule, ...]
    checklist: tuple[ChecklistRule, ...]

    def feature_keys(self, group: str) -> tuple[str, ...]:
        return tuple(self.features[group])

    def checklist_rule(self, key: str) -> ChecklistRule:
        for item in self.checklist:
            if item.key == key:
                return item
        raise KeyError(key)

    def clock_short(self, label: str) -> str:
        """A clock's short name from the label a deadline was stored with; the label itself
        when the file gives none or no longer has that clock."""
        for clock in self.clocks:
            if clock.label == label and clock.short:
                return clock.short
        return label


def load_pathway(path: Path | None = None) -> Pathway:
    """Read and check a pathway file; a malformed file is refused with the place named."""
    source = path or resource_path("pathway", DEFAULT_PATHWAY)
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PathwayError(f"{source}: {exc}") from exc
    return _build(raw, str(source))


@cache
def default_pathway() -> Pathway:
    return load_pathway()


def _build(raw: dict[str, Any], where: str) -> Pathway:
    try:
        features: dict[str, dict[str, str]] = {}
        feature_refs: dict[str, str] = {}
        for group, values in raw["features"].items():
            feature_refs[group] = str(values.get("ref", ""))
            features[group] = {k: str(v) for k, v in values.items() if k != "ref"}
        categories = {
            key: Category(key, c["label"], c["short"], c["contact"], int(c["rank"]))
            for key, c in raw["categories"].items()
        }
        derived = {key: _condition(c, f"derived.{key}") for key, c in raw["derived"].items()}
        pathway = Pathway(
            version=str(raw["version"]),
            title=str(raw["title"]),
            features=features,
            feature_refs=feature_refs,
            categories=categories,
            contacts={k: str(v) for k, v in raw["contacts"].items()},
            triage=tuple(_rule(r, "triage", "category") for r in raw["triage"]),
            derived=derived,
            immobilisation=tuple(
                _rule(r, "immobilisation", "advice") for r in raw["immobilisation"]
            ),
            actions=tuple(_rule(r, "actions", None) for r in raw["actions"]),
            clocks=tuple(_clock(r) for r in raw["clocks"]),
            checklist=tuple(_checklist(r) for r in raw["checklist"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PathwayError(f"{where}: {exc!r}") from exc
    _check(pathway, where)
    return pathway


def _condition(raw: Mapping[str, Any], where: str) -> Condition:
    choices: dict[str, frozenset[str]] = {}
    presence: dict[str, bool] = {}
    flags: dict[str, bool] = {}
    any_of: tuple[Condition, ...] = ()
    for name, value in raw.items():
        if name == "any_of":
            any_of = tuple(_condition(c, f"{where}.any_of") for c in value)
        elif name in _LIST_FACTS:
            if value not in ("any", "none"):
                raise PathwayError(f"{where}.{name} must be 'any' or 'none'")
            presence[name] = value == "any"
        elif name in _CHOICE_FACTS:
            choices[name] = frozenset(str(v) for v in value)
        elif isinstance(value, bool):
            flags[name] = value  # a boolean fact or a derived condition
        else:
            raise PathwayError(f"{where}: unknown condition {name!r}")
    return Condition(choices, presence, flags, any_of)


def _rule(raw: Mapping[str, Any], section: str, outcome_key: str | None) -> Rule:
    key = str(raw["key"])
    return Rule(
        key=key,
        when=_condition(raw.get("when", {}), f"{section}.{key}.when"),
        text=str(raw["text"]),
        ref=str(raw["ref"]),
        status=str(raw["status"]),
        outcome=str(raw[outcome_key]) if outcome_key else "",
    )


def _clock(raw: Mapping[str, Any]) -> ClockRule:
    key = str(raw["key"])
    return ClockRule(
        key=key,
        label=str(raw["label"]),
        hours=int(raw["hours"]),
        start=str(raw["from"]),
        when=_condition(raw.get("when", {}), f"clocks.{key}.when"),
        ref=str(raw["ref"]),
        status=str(raw["status"]),
        short=str(raw.get("short", "")),
    )


def _field(spec: str) -> ChecklistField:
    key, _, kind = spec.partition(":")
    options: tuple[str, ...] = ()
    if "(" in kind:
        kind, _, rest = kind.partition("(")
        options = tuple(o.strip() for o in rest.rstrip(")").split(","))
    return ChecklistField(key, kind, options)


_LINK_KEYS = {"starts": {"clock", "field", "if"}, "meets": {"clock", "field"}}


def _link(raw: Mapping[str, Any] | None, at: str) -> tuple[str, str] | None:
    if raw is None:
        return None
    kind = at.rpartition(".")[2]
    unknown = set(raw) - _LINK_KEYS[kind]
    if unknown:
        raise PathwayError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
    return str(raw["clock"]), str(raw["field"])


def _starts_if(raw: Mapping[str, Any] | None, at: str) -> dict[str, frozenset[str]]:
    """`if = { modality = "radiotherapy" }` (or a list of options) -> {field: options}."""
    if raw is None or "if" not in raw:
        return {}
    condition = raw["if"]
    if not isinstance(condition, Mapping) or not condition:
        raise PathwayError(f"{at}.if must be a table of field = option(s)")
    out: dict[str, frozenset[str]] = {}
    for name, value in condition.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) for v in values):
            raise PathwayError(f"{at}.if.{name} must be an option or a list of options")
        out[str(name)] = frozenset(values)
    return out


def _checklist(raw: Mapping[str, Any]) -> ChecklistRule:
    key = str(raw["key"])
    return ChecklistRule(
        key=key,
        title=str(raw["title"]),
        text=str(raw["text"]),
        ref=str(raw["ref"]),
        status=str(raw["status"]),
        when=_condition(raw.get("when", {}), f"checklist.{key}.when"),
        fields=tuple(_field(f) for f in raw.get("fields", [])),
        starts=_link(raw.get("starts"), f"checklist.{key}.starts"),
        meets=_link(raw.get("meets"), f"checklist.{key}.meets"),
        starts_if=_starts_if(raw.get("starts"), f"checklist.{key}.starts"),
        order=tuple(str(f) for f in raw.get("order", [])),
    )


def parse_condition(raw: Mapping[str, Any], where: str) -> Condition:
    """A `when`-style table as a Condition (the service audit's populations use it too)."""
    return _condition(raw, where)


def condition_problems(p: Pathway, c: Condition, at: str) -> list[str]:
    """The facts and values a condition names that this pathway does not know."""
    problems: list[str] = []
    known_flags = set(_BOOL_FACTS) | set(p.derived)
    for name in c.flags:
        if name not in known_flags:
            problems.append(f"{at}: unknown fact {name!r}")
    for name, allowed in c.choices.items():
        universe = (
            set(p.categories)
            if name == "category"
            else set(IMMOBILISATION_ADVICE)
            if name == "immobilisation"
            else set(p.features.get(name, {}))
        )
        for value in allowed - universe:
            problems.append(f"{at}: {name} value {value!r} is unknown")
    for sub in c.any_of:
        problems.extend(condition_problems(p, sub, at))
    return problems


def _check(p: Pathway, where: str) -> None:
    """Catch the mistakes a hand-edited rule file invites before any patient sees them."""
    problems: list[str] = []

    def check_condition(c: Condition, at: str) -> None:
        problems.extend(condition_problems(p, c, at))

    for rule in (*p.triage, *p.immobilisation, *p.actions):
        check_condition(rule.when, rule.key)
    for rule in p.triage:
        if rule.outcome not in p.categories:
            problems.append(f"{rule.key}: unknown category {rule.outcome!r}")
    for rule in p.immobilisation:
        if rule.outcome not in IMMOBILISATION_ADVICE:
            problems.append(f"{rule.key}: unknown immobilisation advice {rule.outcome!r}")
    for cat in p.categories.values():
        if cat.contact not in p.contacts:
            problems.append(f"category {cat.key}: unknown contact {cat.contact!r}")
    items = {item.key: item for item in p.checklist}
    clock_keys = {clock.key for clock in p.clocks}
    for clock in p.clocks:
        check_condition(clock.when, f"clock {clock.key}")
        source = clock.from_checklist
        if source is None:
            if clock.start not in _START_FACTS:
                problems.append(f"clock {clock.key}: unknown start {clock.start!r}")
        elif source[0] not in items or source[1] not in {f.key for f in items[source[0]].fields}:
            problems.append(f"clock {clock.key}: no checklist field {clock.start!r}")
    for item in p.checklist:
        check_condition(item.when, f"checklist {item.key}")
        for link in (item.starts, item.meets):
            if link and link[1] not in {f.key for f in item.fields}:
                problems.append(f"checklist {item.key}: no field {link[1]!r}")
            if link and link[0] not in clock_keys:
                problems.append(f"checklist {item.key}: no clock {link[0]!r}")
        fields = {f.key: f for f in item.fields}
        for name in item.order:
            if name not in fields or fields[name].kind != "datetime":
                problems.append(f"checklist {item.key}: order: {name!r} is not a datetime field")
        for name, allowed in item.starts_if.items():
            cf = fields.get(name)
            if cf is None:
                problems.append(f"checklist {item.key}: starts if: no field {name!r}")
                continue
            for value in sorted(allowed - set(cf.options)):
                problems.append(
                    f"checklist {item.key}: starts if: {name} value {value!r} is not one of "
                    f"its options ({', '.join(cf.options) or 'none'})"
                )
    for what, status, ref in (
        *((f"rule {r.key}", r.status, r.ref) for r in (*p.triage, *p.immobilisation, *p.actions)),
        *((f"clock {c.key}", c.status, c.ref) for c in p.clocks),
        *((f"checklist {i.key}", i.status, i.ref) for i in p.checklist),
    ):
        if status not in STATUSES:
            problems.append(f"{what}: status {status!r} is not one of {STATUSES}")
        if not ref.strip():
            problems.append(f"{what}: every rule must carry its reference")
    if problems:
        raise PathwayError(f"{where}: " + "; ".join(problems))

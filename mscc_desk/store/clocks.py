"""What a checklist entry does to a case's clocks: the one implementation.

A checklist entry reaches a case two ways, and both come here:

- the case view (`cases.update_checklist_item`), one item at a time;
- management so far, entered with a call (`calls.record_call`).

What an entry does comes from the pathway file, never from code: the item's `starts`
link (with its `if` on the item's own data), its `meets` link, and any clock whose `from`
is one of the item's fields and whose `when` holds for the case. A correction follows
the field: a changed start time moves the clock, a cleared one stops it; a changed met
time changes the met time, a cleared one reopens the clock.

Also here, because the clocks' `when` conditions need them: the case's facts,
reconstructed from its latest assessment (the same reconstruction `maintenance` checks
with).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ..domain.case_history import merged_facts
from ..domain.clock import as_utc, format_instant, format_london
from ..domain.deadlines import ClockSpec, clock_spec
from ..domain.errors import InputError
from ..domain.labels import field_label
from ..domain.pathway import ChecklistRule, ClockRule, Pathway
from ..domain.triage import NEURO_FEATURES, PAIN_FEATURES, CaseFacts, triage
from .models import Assessment, Case, ChecklistItem, Deadline

__all__ = [
    "NA_REASON_KEY",
    "add_deadline",
    "apply_entry",
    "assessment_columns",
    "assessment_facts",
    "case_facts",
    "merged_case_facts",
    "checklist_item",
    "clock_effects",
    "stored_instant",
]

# Kept in the item's JSON beside the pathway fields: the reason is part of the item's
# state (shown with it, cleared with it), and no pathway field starts with "_".
NA_REASON_KEY = "_na_reason"


def stored_instant(value: object) -> datetime | None:
    """An instant as a checklist entry stores it (ISO text), or None if there is none."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        # Stored, not typed: read as written, without the input's plausible range (a
        # record kept under older, wider limits must keep meaning what it meant).
        try:
            return as_utc(datetime.fromisoformat(value))
        except (ValueError, OverflowError):
            return None
    return None


# --- Facts ------------------------------------------------------------------------------------


def assessment_facts(a: Assessment) -> CaseFacts:
    """The triage facts recorded at one assessment."""
    return CaseFacts(
        cancer_status=a.cancer_status,
        suspected_at=a.suspected_at,
        pain=frozenset(k for k in PAIN_FEATURES if getattr(a, f"pain_{k}")),
        neuro=frozenset(k for k in NEURO_FEATURES if getattr(a, f"neuro_{k}")),
        no_evidence_of_spinal_disease=a.no_evidence_of_spinal_disease,
        instability_signs=a.instability_signs,
        pain_on_movement=a.pain_on_movement,
        mscc_confirmed=a.mscc_confirmed,
        spinal_metastases_confirmed=a.spinal_metastases_confirmed,
        immobilised_at=a.immobilised_at,
    )


def assessment_columns(facts: CaseFacts) -> dict[str, Any]:
    """The assessment row's columns for the triage facts: `assessment_facts` reversed."""
    return {
        "cancer_status": facts.cancer_status,
        "suspected_at": facts.suspected_at,
        "immobilised_at": facts.immobilised_at,
        **{f"pain_{k}": k in facts.pain for k in PAIN_FEATURES},
        **{f"neuro_{k}": k in facts.neuro for k in NEURO_FEATURES},
        "no_evidence_of_spinal_disease": facts.no_evidence_of_spinal_disease,
        "instability_signs": facts.instability_signs,
        "pain_on_movement": facts.pain_on_movement,
        "mscc_confirmed": facts.mscc_confirmed,
        "spinal_metastases_confirmed": facts.spinal_metastases_confirmed,
    }


def merged_case_facts(assessments: Sequence[Assessment]) -> CaseFacts:
    """The case's facts: the latest assessment with every feature an earlier one reported."""
    facts = [assessment_facts(a) for a in assessments]
    return merged_facts(facts[:-1], facts[-1])


def case_facts(case: Case, pathway: Pathway) -> Mapping[str, Any]:
    """The facts the pathway's `when` conditions test, over every call of the case."""
    if not case.assessments:
        return {"category": case.category}
    facts = merged_case_facts(case.assessments)
    override = case.category if case.category in pathway.categories else None
    return triage(facts, pathway, override).facts


# --- Rows -------------------------------------------------------------------------------------


def add_deadline(session: Session, case: Case, spec: ClockSpec) -> Deadline:
    deadline = Deadline(
        case=case,
        key=spec.key,
        label=spec.label,
        ref=spec.ref,
        starts_at=spec.starts_at,
        due_at=spec.due_at,
    )
    session.add(deadline)
    return deadline


def checklist_item(
    session: Session, case: Case, key: str, pathway: Pathway, now: datetime
) -> ChecklistItem:
    """The case's item `key`; one the triage did not add is added now, pending."""
    item = next((i for i in case.checklist if i.key == key), None)
    if item is None:
        order = {r.key: n for n, r in enumerate(pathway.checklist)}
        item = ChecklistItem(
            case=case, key=key, position=order[key], state="pending", data={}, updated_at=now
        )
        session.add(item)
        session.flush()
    return item


# --- One entry --------------------------------------------------------------------------------


def apply_entry(
    session: Session,
    case: Case,
    item: ChecklistItem,
    rule: ChecklistRule,
    changes: Mapping[str, Any],
    *,
    pathway: Pathway,
    user_id: int,
    now: datetime,
    state: str | None = None,
    na_reason: str | None = None,
) -> list[dict[str, Any]]:
    """Record one checklist entry on `item`: its data, the clocks, and its state.

    `changes` are checked values keyed by the item's fields (None clears a field); the
    other fields are kept. With `state` left None, filling the field that meets the
    item's clock marks the item done at the met time, a corrected met time moves
    `done_at` with it, and clearing it returns the item to pending. `na_reason` goes
    with `state="not_applicable"` (an item already not applicable keeps its reason).
    Returns what happened to the clocks (`clock_effects`).
    """
    old_data = dict(item.data or {})
    old_reason = old_data.pop(NA_REASON_KEY, None)
    new_data = {k: v for k, v in {**old_data, **changes}.items() if v is not None}
    check_times(case, rule, old_data, new_data)
    effects = clock_effects(session, case, rule, old_data, new_data, pathway, now)

    new_state = state or item.state
    met_field = rule.meets[1] if rule.meets else None
    met_changed = met_field is not None and new_data.get(met_field) != old_data.get(met_field)
    met_at = stored_instant(new_data.get(met_field)) if met_field else None
    if state is None and met_changed:
        # The entry that meets the clock is the item done; clearing it undoes that.
        if item.state == "pending" and met_at is not None:
            new_state = "done"
        elif item.state == "done" and met_at is None:
            new_state = "pending"
    if new_state != item.state:
        if new_state == "pending":
            item.done_at, item.done_by_id = None, None
        else:
            item.done_at = met_at if new_state == "done" and met_at else now
            item.done_by_id = user_id
    elif new_state == "done" and met_changed and met_at is not None:
        item.done_at = met_at  # a corrected time: done when it was really done
    item.state = new_state
    if new_state == "not_applicable":
        new_data[NA_REASON_KEY] = na_reason or old_reason
    item.data = new_data
    item.updated_at = now
    session.flush()
    return effects


# --- Times that cannot be -----------------------------------------------------------------


def check_times(
    case: Case, rule: ChecklistRule, old: Mapping[str, Any], new: Mapping[str, Any]
) -> None:
    """Refuse an entry whose times cannot be: out of the item's order, or meeting a clock
    before the clock started (PATHWAY.md §4: an MRI from before the suspicion is history,
    not the answer to it). Only changed fields are judged, so an old entry never blocks a
    new one."""
    changed = {k for k in new if new.get(k) != old.get(k)}
    times = {k: stored_instant(new.get(k)) for k in rule.order}
    filled = [(k, t) for k, t in times.items() if t is not None]
    for (early, t_early), (late, t_late) in zip(filled, filled[1:], strict=False):
        if t_late < t_early and changed & {early, late}:
            blamed = late if late in changed else early
            raise InputError(
                f"{rule.key}.{blamed}",
                f"{field_label(late)} ({format_london(t_late)}) is before "
                f"{field_label(early).lower()} ({format_london(t_early)}): "
                f"the times of '{rule.title}' must be in that order",
            )
    if not rule.meets or rule.meets[1] not in changed:
        return
    clock_key, met_field = rule.meets
    met = stored_instant(new.get(met_field))
    if met is None:
        return
    for d in case.deadlines:
        if d.key == clock_key and d.is_open and met < d.starts_at:
            raise InputError(
                f"{rule.key}.{met_field}",
                f"{field_label(met_field)} ({format_london(met)}) is before the clock "
                f"'{d.label}' started ({format_london(d.starts_at)}): something done before "
                "the clock started cannot meet it. Correct the time, or put the earlier "
                "one in the note",
            )


# --- The clocks -------------------------------------------------------------------------------


def clock_effects(
    session: Session,
    case: Case,
    rule: ChecklistRule,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    pathway: Pathway,
    now: datetime,
) -> list[dict[str, Any]]:
    """Start, move, stop, meet or reopen clocks as the pathway links say; returns what
    changed, one dict per change (`action`: started, moved, cancelled, met, reopened).

    `old` and `new` are the item's data before and after the entry. A clock started by a
    field runs from that field's time while the field is filled and, for the item's
    `starts` clock, while the item's data meets the link's `if`: so a condition filled
    after the time starts the clock, and one changed away stops a clock not yet met.
    """
    effects: list[dict[str, Any]] = []
    facts_cache: list[Mapping[str, Any]] = []

    def facts() -> Mapping[str, Any]:
        if not facts_cache:
            facts_cache.append(case_facts(case, pathway))
        return facts_cache[0]

    def effect(action: str, d: Deadline, **extra: Any) -> None:
        effects.append(
            {
                "action": action,
                "clock": d.key,
                "label": d.label,
                "starts": format_instant(d.starts_at),
                "due": format_instant(d.due_at),
                **extra,
            }
        )

    for f in rule.fields:
        if f.kind != "datetime":
            continue
        changed = old.get(f.key) != new.get(f.key)
        for clock_key, clock_rule in _starting_rules(pathway, rule, f.key, facts).items():
            gated = rule.starts is not None and rule.starts[0] == clock_key
            was = _start(rule, old, f.key, gated)
            start = _start(rule, new, f.key, gated)
            if was == start:
                continue
            live = [d for d in case.deadlines if d.key == clock_key and d.cancelled_at is None]
            from_old = [d for d in live if was is not None and d.starts_at == was]
            if start is None:
                why = (
                    f"start time removed ({rule.key}.{f.key})"
                    if stored_instant(new.get(f.key)) is None
                    else _condition_lost(rule, new)
                )
                for d in from_old:
                    if d.met_at is None:
                        d.cancelled_at = now
                        d.cancel_reason = why
                        effect("cancelled", d, reason=why)
            elif from_old:
                for d in from_old:
                    length = d.due_at - d.starts_at
                    d.starts_at, d.due_at = start, start + length
                    effect("moved", d)
                    if d.met_at is not None and d.met_at < d.starts_at:
                        d.met_at = None  # met only by an event at or after its start
                        effect("reopened", d, met_at=None)
            elif not any(d.met_at is None for d in live):
                d = add_deadline(session, case, clock_spec(clock_rule, start))
                session.flush()
                effect("started", d)
                met_at = _already_met(case, pathway, d)
                if met_at is not None:  # e.g. the review was entered before the start
                    d.met_at = met_at
                    effect("met", d, met_at=format_instant(met_at))
        if changed and rule.meets and rule.meets[1] == f.key:
            was_met, met = stored_instant(old.get(f.key)), stored_instant(new.get(f.key))
            for d in case.deadlines:
                if d.key != rule.meets[0] or d.cancelled_at is not None:
                    continue
                if d.met_at is None and met is not None and met >= d.starts_at:
                    d.met_at = met
                    effect("met", d, met_at=format_instant(met))
                elif d.met_at is not None and was_met is not None and d.met_at == was_met:
                    d.met_at = met
                    effect(
                        "met" if met else "reopened",
                        d,
                        met_at=format_instant(met) if met else None,
                    )
    session.flush()
    return effects


def _start(rule: ChecklistRule, data: Mapping[str, Any], fkey: str, gated: bool) -> datetime | None:
    """When the clock runs from, given the item's data: the field's time, if it is filled
    and (for the item's `starts` clock) the data meets the link's `if`."""
    if gated and not rule.starts_holds(data):
        return None
    return stored_instant(data.get(fkey))


def _condition_lost(rule: ChecklistRule, data: Mapping[str, Any]) -> str:
    """`modality is surgery, not radiotherapy (definitive_treatment.modality)`."""
    parts = []
    for name, allowed in rule.starts_if.items():
        value = data.get(name)
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        words = str(shown).replace("_", " ") if shown not in (None, "", []) else "not recorded"
        wanted = " or ".join(sorted(a.replace("_", " ") for a in allowed))
        parts.append(f"{name.replace('_', ' ')} is {words}, not {wanted} ({rule.key}.{name})")
    return "; ".join(parts)


def _starting_rules(
    pathway: Pathway, rule: ChecklistRule, fkey: str, facts: Callable[[], Mapping[str, Any]]
) -> dict[str, ClockRule]:
    """The clocks this field starts: the item's `starts` link, and any clock whose `from`
    is this field and whose `when` holds for the case."""
    out: dict[str, ClockRule] = {}
    for clock in pathway.clocks:
        if clock.from_checklist == (rule.key, fkey) and clock.when.holds(facts()):
            out.setdefault(clock.key, clock)
    if rule.starts and rule.starts[1] == fkey and rule.starts[0] not in out:
        same_field = [c for c in pathway.clocks if c.from_checklist == (rule.key, fkey)]
        linked = [c for c in pathway.clocks if c.key == rule.starts[0]]
        chosen = next((c for c in same_field if c.key == rule.starts[0]), None) or linked[0]
        out[rule.starts[0]] = chosen
    return out


def _already_met(case: Case, pathway: Pathway, d: Deadline) -> datetime | None:
    """The time an entry already on the checklist met a clock that has only now started."""
    for item in case.checklist:
        try:
            rule = pathway.checklist_rule(item.key)
        except KeyError:
            continue
        if rule.meets and rule.meets[0] == d.key:
            instant = stored_instant((item.data or {}).get(rule.meets[1]))
            if instant is not None and instant >= d.starts_at:
                return instant
    return None

"""Everything that happened to a case, in time order, in the coordinator's words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ...domain.clock import format_london
from ...domain.labels import field_label, option_label
from ...domain.pathway import ChecklistField, ChecklistRule, Pathway, default_pathway
from ...domain.triage import NEURO_FEATURES, PAIN_FEATURES
from ..clocks import stored_instant
from ..engine import Database
from ..models import Alert, Assessment, AuditEvent, Deadline
from .details import TimelineEntry
from .read import _call_detail, _get_case, _user_names
from .words import AMBULATORY, CHECKLIST_STATES, OUTCOMES, describe_value

# When two things happen at one instant, tell them in the order they happened.
_RANK = {
    "clock_start": 0,
    "call": 1,
    "assessment": 2,
    "triage": 3,
    "category": 4,
    "checklist": 5,
    "clock": 6,
    "note": 7,
    "alert": 8,
    "breach": 9,
    "close": 10,
    "reopen": 11,
    "other": 12,
}
_STAGE_WORDS = {"due_soon": "due soon", "imminent": "due within the hour", "breached": "breached"}


@dataclass(order=True)
class _Sortable:
    at: datetime
    rank: int
    seq: int
    entry: TimelineEntry = field(compare=False)


def timeline(
    db: Database,
    case_id: int,
    *,
    now: datetime | None = None,
    pathway: Pathway | None = None,
) -> list[TimelineEntry]:
    """Everything that happened to the case, in time order, in words.

    Breaches are not events anyone wrote: a clock not met by its due time is an entry at
    that due time (only once `now` has passed it). Alerts come from the `alert` table,
    the truth the scheduler writes, so `alert.*` audit events are not repeated.
    """
    pathway = pathway or default_pathway()
    with db.read_session() as session:
        case = _get_case(session, case_id)
        at_now = now or case.updated_at
        names = _user_names(session)
        out: list[_Sortable] = []

        def add(at: datetime, kind: str, who: str, what: str, detail: str = "") -> None:
            entry = TimelineEntry(at, who, what, detail, "clock" if kind == "clock_start" else kind)
            out.append(_Sortable(at, _RANK.get(kind, 12), len(out), entry))

        for call in case.calls:
            c = _call_detail(call, names)
            what = ("Follow-up call" if c.is_follow_up else "Referral call") + f" from {c.caller}"
            add(
                c.received_at,
                "call",
                c.taken_by,
                what,
                _join(
                    f"Call back: {c.caller_contact}",
                    f"Source: {option_label(c.referral_source)}" if c.referral_source else "",
                    c.notes or "",
                ),
            )
        for a in case.assessments:
            add(
                a.recorded_at,
                "assessment",
                names.get(a.recorded_by_id, ""),
                f"Assessment: {_category_label(pathway, a.category)} (rule {a.category_rule})",
                _assessment_words(a, pathway),
            )
        for d in case.deadlines:
            add(
                d.starts_at,
                "clock_start",
                "",
                f"Clock started: {d.label}",
                _join(f"Due {format_london(d.due_at)}", d.ref),
            )
            if d.met_at is not None:
                late = " (LATE)" if d.met_at > d.due_at else ""
                add(
                    d.met_at,
                    "clock",
                    "",
                    f"Clock met{late}: {d.label}",
                    f"Due {format_london(d.due_at)}",
                )
            if (
                d.due_at <= at_now
                and (d.met_at is None or d.met_at > d.due_at)
                and (d.cancelled_at is None or d.cancelled_at > d.due_at)
            ):
                add(
                    d.due_at,
                    "breach",
                    "",
                    f"BREACHED: {d.label} not met by the due time",
                    _join(
                        d.ref,
                        f"Reason recorded: {d.breach_reason}" if d.breach_reason else "",
                        d.breach_note or "",
                    ),
                )
            if d.cancelled_at is not None:
                add(d.cancelled_at, "clock", "", f"Clock stopped: {d.label}", d.cancel_reason or "")
        for alert, label in session.execute(
            select(Alert, Deadline.label)
            .join(Deadline, Alert.deadline_id == Deadline.id)
            .where(Deadline.case_id == case.id)
        ):
            stage = _STAGE_WORDS.get(alert.stage, alert.stage)
            add(alert.raised_at, "alert", "", f"Alert raised: {label} — {stage}")
            if alert.acknowledged_at is not None:
                add(
                    alert.acknowledged_at,
                    "alert",
                    names.get(alert.acknowledged_by_id, "") if alert.acknowledged_by_id else "",
                    f"Alert acknowledged: {label} — {stage}",
                    alert.note or "",
                )
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
        )
        for e in events:
            if e.action.startswith("alert."):
                continue
            who = names.get(e.user_id, "") if e.user_id else ""
            kind, what, detail = _event_words(e.action, e.detail, pathway)
            add(e.at, kind, who, what, detail)
        return [s.entry for s in sorted(out)]


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _category_label(pathway: Pathway, key: str | None) -> str:
    if not key:
        return "—"
    category = pathway.categories.get(key)
    return category.label if category else key


def _assessment_words(a: Assessment, pathway: Pathway) -> str:
    features = pathway.features
    neuro = [features["neuro"].get(k, k) for k in NEURO_FEATURES if getattr(a, f"neuro_{k}")]
    pain = [features["pain"].get(k, k) for k in PAIN_FEATURES if getattr(a, f"pain_{k}")]
    return _join(
        features.get("cancer_status", {}).get(a.cancer_status, a.cancer_status),
        f"Cord compression: {', '.join(neuro)}" if neuro else "No cord-compression features",
        f"Pain: {', '.join(pain)}" if pain else "",
        "Signs of spinal instability" if a.instability_signs else "",
        f"Pain on movement: {a.pain_on_movement}" if a.pain_on_movement != "none" else "",
        "MSCC confirmed" if a.mscc_confirmed else "",
        f"Frankel {a.frankel}" if a.frankel else "",
    )


def _event_words(action: str, detail: Mapping[str, Any], pathway: Pathway) -> tuple[str, str, str]:
    """(kind, what, detail) for one audit event, in the coordinator's words."""
    if action == "case.opened":
        override = detail.get("override")
        what = f"Case opened: {_category_label(pathway, detail.get('category'))}"
        extra = f"Rule {detail.get('rule')}"
        if override:
            extra = _join(extra, f"Category overridden: {detail.get('override_reason') or ''}")
        management = [_clock_effect_words(c) for c in detail.get("management_clocks", [])]
        return "triage", what, _join(extra, *management)
    if action == "call.follow_up":
        before, after = detail.get("category_before"), detail.get("category_after")
        if detail.get("escalated"):
            what = (
                f"Re-triage: escalated from {_category_label(pathway, before)} "
                f"to {_category_label(pathway, after)}"
            )
        else:
            what = f"Re-triage: category unchanged ({_category_label(pathway, after)})"
        clocks = _retriage_clock_words(detail)
        management = [_clock_effect_words(c) for c in detail.get("management_clocks", [])]
        correction = detail.get("cancer_status_correction")
        corrected = (
            f"Cancer status corrected to "
            f"{pathway.features['cancer_status'].get(str(correction.get('to')), '?')}: "
            f"{correction.get('reason')}"
            if isinstance(correction, Mapping)
            else ""
        )
        return (
            "triage",
            what,
            _join(f"Rule {detail.get('rule')}", corrected, *clocks, *management),
        )
    if action == "case.category_changed":
        return (
            "category",
            f"Category changed: {_category_label(pathway, detail.get('from'))} → "
            f"{_category_label(pathway, detail.get('to'))}",
            f"Rule {detail.get('rule')}"
            + (" at a follow-up call" if detail.get("from_call") else ""),
        )
    if action in ("case.override_lifted", "case.override_cleared", "case.override_set"):
        before = _category_label(pathway, detail.get("override_before"))
        if action == "case.override_lifted":
            what, why = f"Override to {before} lifted by a call", str(detail.get("why") or "")
        elif action == "case.override_cleared":
            what, why = f"Override to {before} cleared", str(detail.get("reason") or "")
        else:
            after = _category_label(pathway, detail.get("override_after"))
            what, why = f"Category overridden to {after}", str(detail.get("reason") or "")
        return "category", what, _join(why, *_retriage_clock_words(detail))
    if action == "checklist.updated":
        return "checklist", *_checklist_words(detail, pathway)
    if action == "case.note":
        return "note", "Note", str((detail.get("after") or {}).get("text", ""))
    if action == "case.closed":
        after = detail.get("after") or {}
        stopped = [str(c.get("label")) for c in detail.get("clocks_stopped", [])]
        return (
            "close",
            f"Case closed: {after.get('close_reason') or ''}",
            _join(
                f"Outcome: {OUTCOMES.get(str(after.get('outcome')), after.get('outcome'))}",
                f"Ambulatory at discharge: "
                f"{AMBULATORY.get(str(after.get('ambulatory_at_discharge')), '—')}",
                f"Frankel at discharge: {after.get('frankel_at_discharge') or 'not recorded'}",
                f"Clocks stopped: {', '.join(stopped)}" if stopped else "",
            ),
        )
    if action == "case.reopened":
        return "reopen", f"Case reopened: {detail.get('reason') or ''}", ""
    words = action.replace(".", ": ").replace("_", " ")
    return "other", words[:1].upper() + words[1:], ""


def _retriage_clock_words(detail: Mapping[str, Any]) -> list[str]:
    words = {"tighten": "Tightened", "start": "Started", "met_by_escalation": "Closed by it"}
    return [
        f"{words.get(str(c.get('action')), 'Changed')}: {c.get('label')}, "
        f"due {_london_text(c.get('due'))}"
        for c in detail.get("clocks", [])
    ]


def _london_text(value: object) -> str:
    instant = stored_instant(value)
    return format_london(instant) if instant else "—"


def _checklist_words(detail: Mapping[str, Any], pathway: Pathway) -> tuple[str, str]:
    key = str(detail.get("key"))
    try:
        rule: ChecklistRule | None = pathway.checklist_rule(key)
    except KeyError:
        rule = None
    title = rule.title if rule else str(detail.get("title", key))
    fields = {f.key: f for f in rule.fields} if rule else {}
    before = detail.get("before") or {}
    after = detail.get("after") or {}
    parts: list[str] = []
    if before.get("state") != after.get("state"):
        state = CHECKLIST_STATES.get(str(after.get("state")), str(after.get("state")))
        if after.get("state") == "not_applicable":
            parts.append(f"not applicable: {after.get('na_reason') or ''}")
        else:
            parts.append(f"marked {state.lower()}")
    old_data, new_data = before.get("data") or {}, after.get("data") or {}
    for fkey in [*fields, *(k for k in new_data if k not in fields)]:
        if old_data.get(fkey) == new_data.get(fkey):
            continue
        label = _in_sentence(field_label(fkey))
        cf = fields.get(fkey, ChecklistField(fkey, "text"))
        if new_data.get(fkey) in (None, "", []):
            parts.append(f"{label} cleared")
        else:
            parts.append(f"{label} {describe_value(cf, new_data[fkey])}")
    if before.get("note") != after.get("note"):
        parts.append(f"note: {after.get('note')}" if after.get("note") else "note cleared")
    what = f"{title}: {'; '.join(parts)}" if parts else f"{title}: saved unchanged"
    return what, _join(*(_clock_effect_words(c) for c in detail.get("clocks", [])))


def _clock_effect_words(c: Mapping[str, Any]) -> str:
    """One of `clocks.clock_effects`' changes in words."""
    return {
        "started": f"Started {c.get('label')}, due {_london_text(c.get('due'))}",
        "met": f"Met {c.get('label')} at {_london_text(c.get('met_at'))}",
        "reopened": f"Reopened {c.get('label')}",
        "moved": f"Moved {c.get('label')}: due {_london_text(c.get('due'))}",
        "cancelled": f"Stopped {c.get('label')}",
    }.get(str(c.get("action")), str(c.get("action")))


def _in_sentence(label: str) -> str:
    """`Performed at` -> `performed at`, but `PPI` stays `PPI`."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]

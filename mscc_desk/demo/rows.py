"""A drafted case as the rows the app would have written: patient, case, calls,
assessments, checklist, clocks, and the audit events that tell its story.

Ids are taken in order after the database's own (`Ids`); calls are numbered in time
order once every case is drafted, as they would have been recorded.
"""

from __future__ import annotations

import random
import zlib
from datetime import datetime
from typing import Any

from ..domain.clock import format_instant, london
from ..domain.pathway import Pathway
from ..store.clocks import assessment_columns
from .clinical import ADVICE_ITEMS, ADVICE_TEXT
from .drafts import CallDraft, CaseDraft, ClockDraft, Ids
from .draws import Draws
from .people import CONSULTANTS, OTHER_SITES, SYSTEMIC, TEAMS, TERTIARY, WARDS, People


def _iso(value: Any) -> Any:
    """Checklist data is stored as JSON, with instants in their ISO form (as the app does)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


class Rows(Draws):
    """The cases' rows, added in time order; every table as a list of row dicts."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        ids: Ids,
        used_nhs: set[str],
        users: dict[str, int],
        names: dict[int, str],
    ) -> None:
        super().__init__(rng)
        self.names = names
        self.now = now
        self.ids = ids
        self.coordinators = [users["demo.coordinator"], users["demo.coordinator2"]]
        self.registrars = [users["demo.registrar"], users["demo.registrar2"]]
        self.people = People(rng, ids, used_nhs)
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.events: list[tuple[datetime, int, dict[str, Any]]] = []
        self.calls: list[CallDraft] = []
        self._seq = 0  # orders events of the same instant, across batches
        self.next_batch()

    def next_batch(self) -> None:
        """Forget the rows and events already written; the people (and ids) carry on."""
        self.people.rows = []
        self.tables = {
            "patient": self.people.rows,
            **{name: [] for name in ("case", "call", "assessment", "checklist_item", "deadline")},
        }
        self.events = []
        self.calls = []

    def on_duty(self, at: datetime) -> int:
        """The coordinator by day on weekdays; the registrar covers nights and weekends."""
        local = london(at)
        if local.weekday() < 5 and 8 <= local.hour < 20:
            return self.rng.choice(self.coordinators)
        return self.rng.choice(self.registrars)

    def event(self, at: datetime, **values: Any) -> None:
        self._seq += 1
        self.events.append((at, self._seq, values))

    # ---- one case's rows

    def add(self, case: CaseDraft, pathway: Pathway) -> int:
        """The rows of one case (its calls are numbered later, in time order)."""
        rng = self.rng
        first = case.first
        person = self.people.person(case)
        person.busy_until = case.closed_at
        case_id = self.ids.take("case")
        closed_by = self.on_duty(case.closed_at) if case.closed_at else None
        status = first.facts.cancer_status
        site = person.site if status != "none" else None
        known = site is not None and status == "past_or_current"
        caller = self.people.caller(case.category, person)
        location, detail = self.location(caller)
        category = case.category
        self.tables["case"].append(
            {
                "id": case_id,
                "patient_id": person.id,
                "status": "closed" if case.closed_at else "open",
                "category_computed": case.category_computed,
                "category_rule": case.category_rule,
                "category_override": case.override,
                "override_reason": case.override_reason,
                "override_by_id": self.on_duty(first.received_at) if case.override else None,
                "override_at": case.opened_at if case.override else None,
                "immobilisation_advice": case.immobilisation,
                "pathway_version": first.result.pathway_version,
                "suspected_at": first.facts.suspected_at,
                "opened_at": case.opened_at,
                "updated_at": case.updated_at or case.opened_at,
                "closed_at": case.closed_at,
                "closed_by_id": closed_by,
                "close_reason": case.close_reason,
                "location": location,
                "location_detail": detail,
                "primary_site": site,
                "primary_site_other": rng.choice(OTHER_SITES) if site == "other" else None,
                "histology": person.histology if known else None,
                "diagnosed_on": person.diagnosed_on if known else None,
                "known_bone_metastases": (
                    rng.choices(("yes", "no", "unknown"), (45, 35, 20))[0]
                    if known
                    else "unknown"
                    if status == "suspected"
                    else None
                ),
                "previous_spinal_radiotherapy": (
                    f"{rng.choice(('8 Gy single fraction', '20 Gy in 5 fractions'))} to "
                    f"{self.levels_text()}"
                    if known and self.chance(0.08)
                    else None
                ),
                "systemic_treatment": rng.choice(SYSTEMIC[site]) if known and site else None,
                "treating_team": (
                    f"Dr {rng.choice(CONSULTANTS)}, {TEAMS[site]}" if known and site else None
                ),
                "escalation_plan": rng.choice(
                    (None, "Full escalation", "Ward-based care; not for ICU")
                ),
                "dnacpr": rng.choices(("yes", "no", "unknown"), (20, 55, 25))[0],
                "advice_given": self.advice(case),
                "advice_text": rng.choice(ADVICE_TEXT[category]),
                "plan": self.plan(case),
                "next_contact_due": case.next_contact_due,
                "outcome": case.outcome,
                "ambulatory_at_discharge": case.ambulatory,
                "frankel_at_discharge": case.frankel_discharge,
                "version": len(case.calls) + (1 if case.closed_at else 0),
            }
        )
        for call in case.calls:
            who = (
                caller
                if not call.follow_up or self.chance(0.5)
                else self.people.caller(category, person)
            )
            call.row = {
                "id": 0,  # assigned in time order, once every case is drafted
                "case_id": case_id,
                "received_at": call.received_at,
                "taken_by_id": self.on_duty(call.received_at),
                **who,
                "notes": call.note,
                "is_follow_up": call.follow_up,
            }
            self.calls.append(call)
        order = {item.key: i for i, item in enumerate(pathway.checklist)}
        for item in sorted(case.items.values(), key=lambda i: order[i.key]):
            self.tables["checklist_item"].append(
                {
                    "id": self.ids.take("checklist_item"),
                    "case_id": case_id,
                    "key": item.key,
                    "position": order[item.key],
                    "state": item.state,
                    "data": _iso(item.data),
                    "done_at": item.done_at,
                    "done_by_id": self.on_duty(item.done_at) if item.done_at else None,
                    "note": item.note,
                    "updated_at": item.updated_at,
                }
            )
        for d in case.deadlines:
            self.tables["deadline"].append(
                {
                    "id": self.ids.take("deadline"),
                    "case_id": case_id,
                    "key": d.spec.key,
                    "label": d.spec.label,
                    "ref": d.spec.ref,
                    "starts_at": d.spec.starts_at,
                    "due_at": d.spec.due_at,
                    "met_at": d.met_at,
                    "cancelled_at": d.cancelled_at,
                    "cancel_reason": d.cancel_reason,
                    "breach_reason": None if unexplained(d) else d.breach_reason,
                    "breach_note": None if unexplained(d) else d.breach_note,
                    "met_by": d.met_by,
                }
            )
        if case.closed_at is not None:
            self.event(
                case.closed_at,
                user_id=closed_by,
                case_id=case_id,
                action="case.closed",
                detail={  # the shape `cases.close_case` writes, which the case history reads
                    "before": {**dict.fromkeys(CLOSE_FIELDS), "status": "open"},
                    "after": {
                        "status": "closed",
                        "closed_at": format_instant(case.closed_at),
                        "closed_by": self.names.get(closed_by) if closed_by else None,
                        "close_reason": case.close_reason,
                        "outcome": case.outcome,
                        "ambulatory_at_discharge": case.ambulatory,
                        "frankel_at_discharge": case.frankel_discharge,
                    },
                    "clocks_stopped": [
                        {"clock": d.key, "label": d.label, "due": format_instant(d.due_at)}
                        for d in case.stopped
                    ],
                    "version": self.tables["case"][-1]["version"],
                    "demo": True,
                },
            )
        return case_id

    def advice(self, case: CaseDraft) -> list[str]:
        given = ADVICE_ITEMS[case.category]
        if case.immobilisation == "not_indicated":
            given = [a for a in given if a != "immobilise"]
        if not case.first.facts.neuro:
            given = [a for a in given if a != "steroids"]
        return list(given)

    def levels_text(self) -> str:
        region = self.rng.choice(("T", "T", "L", "C"))
        a = self.rng.randint(1, 5)
        return f"{region}{a}–{region}{a + 2}"

    def location(self, caller: dict[str, Any]) -> tuple[str, str | None]:
        source = caller["referral_source"]
        if source == "emergency_department":
            return "emergency_department", caller["caller_organisation"]
        if source in ("inpatient_ward", "other_hospital"):
            ward = caller["caller_ward"] or self.rng.choice(WARDS)
            return "ward", f"{ward}, {caller['caller_organisation']}"
        if source == "hospice":
            return "hospice", caller["caller_organisation"]
        if source == "other":
            return self.rng.choice((("other", "care home"), ("home", None)))
        return "home", None

    def plan(self, case: CaseDraft) -> list[str]:
        category = case.category
        if category == "emergency":
            plan = [
                "transfer" if case.mri_location == TERTIARY else "mri_locally",
                "clinical_oncology",
            ]
            if case.immobilisation == "start_now" or self.chance(0.3):
                plan.insert(1, "spinal_surgical_opinion")
            return plan
        if category == "urgent_advice":
            return ["mri_locally", "clinical_oncology"]
        if category == "oncology_referral":
            return ["clinical_oncology"]
        return ["safety_net_only"]

    # ---- ids in time order, then the audit trail

    def finish(self, cases: list[tuple[CaseDraft, int]]) -> None:
        """Number the calls in time order; write assessments and the audit events."""
        self.calls.sort(key=lambda c: (c.received_at, c.row["case_id"]))
        for call in self.calls:
            call.row["id"] = self.ids.take("call")
            self.assessment(call)
        self.tables["call"] = [c.row for c in self.calls]
        for case, case_id in cases:
            first = case.first
            self.event(
                case.opened_at,
                user_id=first.row["taken_by_id"],
                case_id=case_id,
                action="case.opened",
                detail={
                    "call_id": first.row["id"],
                    "category": first.result.category,
                    "rule": first.result.category_rule.key,
                    "override": case.override,
                    "override_reason": case.override_reason,
                    "pathway_version": first.result.pathway_version,
                    "deadlines": [d.to_json() for d in first.result.deadlines],
                    "demo": True,
                },
            )
            for call in case.calls[1:]:
                assert call.event is not None
                self.event(
                    call.recorded_at,
                    user_id=call.row["taken_by_id"],
                    case_id=case_id,
                    action="call.follow_up",
                    detail={"call_id": call.row["id"], **call.event, "demo": True},
                )
                if call.escalation is not None:
                    self.event(
                        call.recorded_at,
                        user_id=call.row["taken_by_id"],
                        case_id=case_id,
                        action="case.category_changed",
                        detail={**call.escalation, "from_call": call.row["id"], "demo": True},
                    )

    def assessment(self, call: CallDraft) -> None:
        row: dict[str, Any] = {
            "id": self.ids.take("assessment"),
            "case_id": call.row["case_id"],
            "call_id": call.row["id"],
            "recorded_at": call.recorded_at,
            "recorded_by_id": call.row["taken_by_id"],
            **assessment_columns(call.facts),
            **call.presentation,
            "category": call.result.category_rule.outcome,
            "category_rule": call.result.category_rule.key,
            "pathway_version": call.result.pathway_version,
        }
        self.tables["assessment"].append(row)


CLOSE_FIELDS = (
    "status",
    "closed_at",
    "closed_by",
    "close_reason",
    "outcome",
    "ambulatory_at_discharge",
    "frankel_at_discharge",
)


def unexplained(d: ClockDraft) -> bool:
    """About one breach in eight is written without its reason, as happens at a busy desk
    (the service audit lists those for review). Chosen from the clock itself, not drawn,
    so the demo's story and every other row stay as they were."""
    if d.breach_reason is None:
        return False
    return zlib.crc32(f"{d.spec.key}|{d.spec.due_at.isoformat()}".encode()) % 8 == 0

"""The clinical story of each case: facts, triage, calls, clocks met or breached, care,
closing, written as the desk would have written them.

Every case goes through the real `triage()` of the pathway file and the desk's own rules
for later calls (`domain.case_history`: every call's facts together, an override that
holds only for the facts it was made on, a clock never loosened), so the category, the
clocks and the checklist of each case are exactly what the pathway gives. Closed cases
run their whole course over the last three years; open ones are caught part-way, with
clocks due soon and some breached.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.case_history import decide_category, merged_facts, more_pressing_advice
from ..domain.clock import LONDON, london
from ..domain.deadlines import (
    answered_by_escalation,
    checklist_clock,
    merge_clocks,
    running_clocks,
)
from ..domain.pathway import Pathway
from ..domain.scales import SINS_COMPONENTS, sins_score
from ..domain.triage import PAIN_FEATURES, CaseFacts, triage
from ..store.cases import CLOSED_CLOCK_REASON
from ..store.clocks import NA_REASON_KEY
from .clinical import (
    ADVICE_TEXT,
    ANALGESIA,
    BREACH_NOTES,
    BREACH_REASONS,
    CALL_NOTES,
    CLOSE_REASONS,
    FOLLOW_UP_NOTES,
    FRANKEL,
    FRANKEL_EMERGENCY,
    HOUR_WEIGHTS,
    MOBILITY,
    MOBILITY_ORDER,
    NA_REASONS,
    NEURO_WEIGHTS,
    PAIN_IMPACT,
    PAIN_ON_MOVEMENT,
    PAIN_PLAN_OPTIONS,
    PAIN_SITES,
    PAIN_WEIGHTS,
)
from .drafts import CallDraft, CaseDraft, ClockDraft, FactsDraft, ItemDraft, minute
from .draws import Draws, Weights
from .people import TERTIARY

YEARS_OF_HISTORY = 3


class Story(Draws):
    """Drafts cases one by one from the run's generator: `closed_case` and `open_case`."""

    def __init__(self, rng: random.Random, now: datetime, pathway: Pathway) -> None:
        super().__init__(rng)
        self.now = now
        self.pathway = pathway
        self.start = now - timedelta(days=365 * YEARS_OF_HISTORY)
        self.seq = 0

    # ---- small draws

    def hours(self, lo: float, hi: float) -> timedelta:
        return timedelta(minutes=round(self.rng.uniform(lo * 60, hi * 60)))

    def minutes(self, lo: float, hi: float) -> timedelta:
        return timedelta(minutes=round(self.rng.uniform(lo, hi)))

    def features(self, weights: Weights[str], k: int) -> tuple[str, ...]:
        chosen: list[str] = []
        while len(chosen) < k:
            value = weights.pick(self.rng)
            if value not in chosen:
                chosen.append(value)
        return tuple(chosen)

    def call_time(self, earliest: datetime, latest: datetime) -> datetime:
        """A time between the two, more often by day than by night (London wall time)."""
        span_days = max(0, (latest - earliest).days)
        for _ in range(5):
            day = (london(earliest) + timedelta(days=self.rng.randint(0, span_days))).date()
            local = datetime(
                day.year,
                day.month,
                day.day,
                HOUR_WEIGHTS.pick(self.rng),
                self.rng.randrange(60),
                tzinfo=LONDON,
            )
            instant = local.astimezone(UTC)
            if earliest <= instant <= latest:
                return instant
        return minute(earliest + (latest - earliest) * self.rng.random())

    # ---- facts

    def facts_draft(self, target: str) -> FactsDraft:
        rng = self.rng
        if target == "emergency":
            status = "past_or_current" if self.chance(0.9) else "suspected"
            neuro = self.features(NEURO_WEIGHTS, rng.choices((1, 2, 3, 4), (45, 35, 15, 5))[0])
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 4)) if self.chance(0.92) else ()
            instability = self.chance(0.3)
            pom = PAIN_ON_MOVEMENT.pick(rng)
            immobilise = self.chance(
                0.55 if instability else 0.15 if pom in ("moderate", "severe") else 0
            )
            return FactsDraft(status, pain, neuro, False, instability, pom, immobilise)
        if target == "urgent_advice":
            pom = PAIN_ON_MOVEMENT.pick(rng)
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 4))
            immobilise = pom in ("moderate", "severe") and self.chance(0.1)
            return FactsDraft("past_or_current", pain, (), False, False, pom, immobilise)
        if target == "oncology_referral":
            pain = self.features(PAIN_WEIGHTS, rng.randint(1, 3))
            return FactsDraft("suspected", pain, (), pain_on_movement=PAIN_ON_MOVEMENT.pick(rng))
        if target == "safety_net":
            if self.chance(0.55):
                return FactsDraft("past_or_current", (), ())
            pain = self.features(Weights([("mechanical", 3), ("localised_tenderness", 1)]), 1)
            return FactsDraft(
                "past_or_current", pain, (), no_evidence=True, pain_on_movement="mild"
            )
        # outside_pathway
        if self.chance(0.3):
            return FactsDraft("suspected", (), ())
        pain = self.features(PAIN_WEIGHTS, rng.randint(1, 2)) if self.chance(0.8) else ()
        neuro = self.features(NEURO_WEIGHTS, 1) if self.chance(0.25) else ()
        return FactsDraft("none", pain, neuro, pain_on_movement=PAIN_ON_MOVEMENT.pick(rng))

    def facts(
        self, fd: FactsDraft, suspected_at: datetime, immobilised_at: datetime | None
    ) -> CaseFacts:
        return CaseFacts(
            cancer_status=fd.cancer_status,
            suspected_at=suspected_at,
            pain=frozenset(fd.pain),
            neuro=frozenset(fd.neuro),
            no_evidence_of_spinal_disease=fd.no_evidence,
            instability_signs=fd.instability,
            pain_on_movement=fd.pain_on_movement,
            immobilised_at=immobilised_at,
        )

    def presentation(self, facts: CaseFacts, at: datetime) -> dict[str, Any]:
        rng = self.rng
        neuro = facts.neuro
        before = MOBILITY.pick(rng)
        out: dict[str, Any] = {
            "pain_site": PAIN_SITES.pick(rng) if facts.pain else None,
            "pain_score": (
                rng.randint(4, 10) if "severe_unremitting" in facts.pain else rng.randint(2, 8)
            )
            if facts.pain
            else rng.randint(0, 3),
            "pain_onset": (at - timedelta(days=rng.randint(1, 60))).date() if facts.pain else None,
            "neuro_onset_at": None,
            "neuro_progressing": None,
            "power_left": 5,
            "power_right": 5,
            "sensory_level": None,
            "bladder": "normal",
            "bowel": "normal",
            "frankel": "E",
            "mobility_before": before,
            "mobility_now": before,
            "ecog": rng.choices((0, 1, 2, 3, 4), (15, 35, 30, 15, 5))[0],
        }
        if neuro:
            out["neuro_onset_at"] = minute(at - self.hours(2, 24 * 10))
            out["neuro_progressing"] = rng.choice(("yes", "yes", "no", "unknown"))
            out["frankel"] = FRANKEL_EMERGENCY.pick(rng)
            if "limb_weakness" in neuro or out["frankel"] in "ABC":
                worst = {"A": 0, "B": 0, "C": 2, "D": 3, "E": 4}[out["frankel"]]
                out["power_left"] = rng.randint(worst, min(5, worst + 1))
                out["power_right"] = rng.randint(worst, 5)
            if "sensory_change" in neuro or out["frankel"] in "AB":
                out["sensory_level"] = (
                    f"T{rng.randint(4, 12)}" if self.chance(0.8) else f"L{rng.randint(1, 3)}"
                )
            if "bladder_bowel_dysfunction" in neuro:
                out["bladder"] = rng.choice(("retention", "incontinence", "catheterised"))
                out["bowel"] = rng.choice(("constipation", "incontinence", "normal"))
            elif self.chance(0.2):
                out["bowel"] = "constipation"
            worse = {"A": 3, "B": 3, "C": 2, "D": 1, "E": 0}[out["frankel"]]
            index = min(3, MOBILITY_ORDER.index(before) + worse)
            out["mobility_now"] = MOBILITY_ORDER[index]
        elif facts.pain and self.chance(0.2):
            out["mobility_now"] = MOBILITY_ORDER[min(3, MOBILITY_ORDER.index(before) + 1)]
        return out

    # ---- clocks

    def met(self, d: ClockDraft, fate: str, not_before: datetime, reason_key: str) -> None:
        """Meet a clock in time or late (with a breach reason), or leave it unmet."""
        start, due = d.spec.starts_at, d.spec.due_at
        span = due - start
        if fate == "in_time":
            at = start + span * self.rng.uniform(0.1, 0.95)
        elif fate == "late":
            at = due + self.hours(0.5, max(1.0, span.total_seconds() / 3600 * 0.8))
        else:
            at = None
        if at is not None:
            d.met_at = minute(max(at, not_before))
        if d.met_at is None or d.met_at > due:
            self.breach(d, reason_key)

    def breach(self, d: ClockDraft, reason_key: str) -> None:
        weights = BREACH_REASONS.get(reason_key, BREACH_REASONS["coordinator_advice"])
        d.breach_reason = weights.pick(self.rng)
        d.breach_note = self.rng.choice(BREACH_NOTES[d.breach_reason])

    # ---- one case

    def new_case(
        self,
        calls: list[CallDraft],
        override: str | None,
        override_reason: str | None,
    ) -> CaseDraft:
        first = calls[0]
        result = first.result
        self.seq += 1
        case = CaseDraft(
            seq=self.seq,
            calls=calls,
            override=override,
            override_reason=override_reason,
            category_computed=result.category_rule.outcome,
            category_rule=result.category_rule.key,
            immobilisation=result.immobilisation,
            opened_at=first.recorded_at,
            deadlines=[ClockDraft(spec) for spec in result.deadlines],
            items={k: ItemDraft(k, first.recorded_at) for k in result.checklist},
        )
        return case

    def first_call(
        self, fd: FactsDraft, received: datetime, suspected: datetime, override: str | None
    ) -> CallDraft:
        recorded = received + self.minutes(3, 25)
        if recorded > self.now:
            recorded = minute(self.now) if minute(self.now) >= received else received
        immobilised = None
        if fd.immobilise:
            window = min(recorded - suspected, timedelta(hours=3))
            immobilised = minute(suspected + window * self.rng.random())
        facts = self.facts(fd, suspected, immobilised)
        result = triage(facts, self.pathway, override)
        return CallDraft(
            received_at=received,
            recorded_at=recorded,
            facts=facts,
            result=result,
            follow_up=False,
            presentation=self.presentation(facts, received),
            note=self.call_note(result.category),
        )

    def call_note(self, category: str) -> str:
        return self.rng.choice(CALL_NOTES[category])

    def follow_up(
        self, case: CaseDraft, received: datetime, facts: CaseFacts | None = None
    ) -> CallDraft:
        """A later call on the case, re-triaged as `record --case` does."""
        last = case.calls[-1]
        recorded = min(received + self.minutes(2, 15), max(received, minute(self.now)))
        facts = facts or last.facts
        ranks = {k: c.rank for k, c in self.pathway.categories.items()}
        before = case.category
        # The desk's own rules (domain.case_history): every call's facts together, and an
        # override that holds only for the facts it was made on.
        merged = merged_facts([c.facts for c in case.calls], facts)
        fresh = triage(merged, self.pathway)
        decision = decide_category(
            self.pathway,
            computed_before=case.category_computed,
            override_before=case.override,
            computed_now=fresh.category_rule.outcome,
        )
        if decision.computed != case.category_computed:
            case.category_computed = decision.computed
            case.category_rule = fresh.category_rule.key
        if decision.lifted:
            case.override, case.override_reason = None, None
        target = decision.category
        result = triage(merged, self.pathway, case.override)
        escalated = ranks[target] < ranks[before]
        case.immobilisation = more_pressing_advice(case.immobilisation, result.immobilisation)
        running = running_clocks(
            ((d.spec, d.met_at, d.cancelled_at) for d in case.deadlines), escalated
        )
        changes = merge_clocks(running, result.deadlines)
        for change in changes:
            if change.action == "keep":
                continue
            if change.action == "tighten":
                for d in case.deadlines:
                    if (
                        d.spec.key == change.spec.key
                        and d.met_at is None
                        and d.cancelled_at is None
                    ):
                        d.cancelled_at = recorded
                        d.cancel_reason = (
                            f"replaced by a tighter clock after the call at {recorded}"
                        )
            case.deadlines.append(ClockDraft(change.spec))
        if escalated:  # the escalation answers the clocks the new category no longer runs
            answered = answered_by_escalation(self.pathway, result.deadlines)
            for d in case.deadlines:
                if d.met_at is None and d.cancelled_at is None and d.spec.key in answered:
                    d.met_at = recorded
                    d.met_by = f"escalated to {self.pathway.categories[target].label}"
                    if recorded > d.spec.due_at:  # breached before the escalation
                        self.breach(d, d.spec.key)
        for key in result.checklist:
            if key not in case.items:
                case.items[key] = ItemDraft(key, recorded)
        call = CallDraft(
            received_at=received,
            recorded_at=recorded,
            facts=facts,
            result=result,
            follow_up=True,
            presentation=self.presentation(facts, received),
            note=self.rng.choice(FOLLOW_UP_NOTES),
            event={
                "category_before": before,
                "category_after": target,
                "escalated": escalated,
                "rule": result.category_rule.key,
                "clocks": [
                    {"action": c.action, **c.spec.to_json()} for c in changes if c.action != "keep"
                ],
            },
        )
        if escalated:
            call.escalation = {"from": before, "to": target, "rule": result.category_rule.key}
        case.calls.append(call)
        return call

    def open_clock(self, case: CaseDraft, key: str) -> ClockDraft | None:
        for d in case.deadlines:
            if d.spec.key == key and d.met_at is None and d.cancelled_at is None:
                return d
        return None

    # ---- closed cases

    def history_window(self) -> tuple[datetime, datetime]:
        """When closed cases were first called in: the years of history up to two hours ago."""
        return self.start, self.now - timedelta(hours=2)

    def closed_case(
        self, target: str, window: tuple[datetime, datetime] | None = None
    ) -> CaseDraft:
        """A case that ran its course; first called in within `window` (a slice of the
        history, so a large demo can be drafted and written a slice at a time)."""
        earliest, latest = window or self.history_window()
        for _ in range(50):
            received = self.call_time(earliest, latest)
            case = self.closed_course(target, received)
            if case.closed_at is not None and case.closed_at <= self.now - timedelta(minutes=20):
                return case
        # Near "now" every course ends in the future: settle for one that started long ago.
        received = self.call_time(self.start, self.start + timedelta(days=300))
        return self.closed_course(target, received)

    def closed_course(self, target: str, received: datetime) -> CaseDraft:
        rng = self.rng
        fd = self.facts_draft(target)
        override, reason = self.maybe_override(fd, target)
        roll = rng.random()
        if target == "urgent_advice" and roll < 0.03:
            suspected = received - self.hours(26, 60)  # the GP saw them days ago
        elif roll < 0.2:
            suspected = received - self.hours(1, 18)
        else:
            suspected = received
        first = self.first_call(fd, received, minute(suspected), override)
        case = self.new_case([first], override, reason)
        opened = case.opened_at
        last = opened

        # Escalation: pain only at first, cord-compression features at a later call.
        mri = self.open_clock(case, "mri")
        if (
            case.category == "urgent_advice"
            and override is None
            and mri is not None
            and self.chance(0.05)
        ):
            at = opened + self.hours(20, 5 * 24)
            new = replace(  # cord-compression features now: MSCC first suspected at this call
                first.facts,
                suspected_at=minute(at),
                neuro=frozenset(self.features(NEURO_WEIGHTS, rng.randint(1, 2))),
            )
            self.follow_up(case, minute(at), new)
            last = case.calls[-1].recorded_at

        advice = self.open_clock(case, "coordinator_advice")
        if advice is not None:
            fate = "in_time" if advice.spec.due_at > opened else "late"
            advice.met_at = minute(opened + self.minutes(0, 30))
            if fate == "late" or advice.met_at > advice.spec.due_at:
                self.breach(advice, "coordinator_advice")
        items = case.items
        last = max(last, self.initial_care(case, opened, closed=True))
        if advice is not None and advice.met_at is not None:
            last = max(last, advice.met_at)

        # Immobilisation advised but not yet started at the call: started from the checklist.
        imm = case.first.facts.immobilised_at
        if (
            imm is None
            and case.immobilisation in ("start_now", "consider")
            and "immobilisation" in items
        ):
            if self.chance(0.6 if case.immobilisation == "start_now" else 0.25):
                imm = minute(opened + self.minutes(10, 150))
                items["immobilisation"].fill(imm, started_at=imm, position="supine, flat")
                if self.open_clock(case, "expert_review") is None:
                    spec = checklist_clock(self.pathway, "expert_review", imm)
                    case.deadlines.append(ClockDraft(spec))
        review = self.open_clock(case, "expert_review")
        if review is not None:
            fate = rng.choices(("in_time", "late", "never"), (88, 9, 3))[0]
            self.met(review, fate, opened, "expert_review")
            if review.met_at is not None and "expert_review" in items:
                items["expert_review"].done(
                    review.met_at,
                    reviewer=rng.choice(
                        (
                            "spinal surgeon (on call)",
                            "specialist physiotherapist",
                            "clinical oncologist",
                        )
                    ),
                    reviewed_at=review.met_at,
                    advice=rng.choice(
                        (
                            "Stable on SINS; mobilise as pain allows.",
                            "Keep flat until MRI reviewed by spinal team.",
                            "Log-roll; sit up to 30 degrees if tolerated.",
                        )
                    ),
                )
                last = max(last, review.met_at)
            if "immobilisation" in items:
                started = review.spec.starts_at
                stop = (review.met_at or review.spec.due_at) + self.hours(2, 72)
                items["immobilisation"].done(
                    stop, started_at=started, position="supine, flat", stopped_at=stop
                )
                last = max(last, stop)

        # MRI.
        mri = self.open_clock(case, "mri")
        performed: datetime | None = None
        cord_compression = False
        if mri is not None:
            requested = minute(mri.spec.starts_at + self.minutes(5, 180))
            requested = max(requested, opened)
            fate = rng.choices(("in_time", "late", "never"), (85, 11, 4))[0]
            self.met(mri, fate, requested + timedelta(minutes=30), "mri")
            performed = mri.met_at
            transfer = mri.breach_reason == "transfer_delayed" or self.chance(0.08)
            case.mri_location = TERTIARY if transfer else "local MRI"
            if "mri" in items:
                items["mri"].fill(requested, requested_at=requested, location=case.mri_location)
            if performed is not None:
                emergency = case.category == "emergency"
                cord_compression = self.chance(0.6 if emergency else 0.08)
                reported = minute(performed + self.hours(0.5, 8))
                levels = self.levels()
                if "mri" in items:
                    items["mri"].done(
                        performed,
                        performed_at=performed,
                        reported_at=reported,
                        levels=levels,
                        cord_compression="yes" if cord_compression else "no",
                    )
                    items["mri"].updated_at = reported
                last = max(last, reported)
        self.outcome(case, performed is not None, cord_compression)

        # Definitive treatment.
        if case.outcome in ("mscc_confirmed", "spinal_metastases_without_mscc") and performed:
            last = self.treatment(case, last)
        self.after_care(case, last, closed=True)
        assert case.closed_at is not None

        # Follow-up calls, while the case was open.
        if case.category in ("emergency", "urgent_advice") and self.chance(0.2):
            after = case.calls[-1].recorded_at
            window = case.closed_at - timedelta(hours=1) - after
            if window > timedelta(hours=2):
                times = sorted(
                    minute(after + window * rng.uniform(0.05, 1.0))
                    for _ in range(rng.choice((1, 1, 2)))
                )
                for at in times:
                    self.follow_up(case, at)

        # Closing stops every clock still running (`cases.close_case`).
        for d in case.deadlines:
            if d.met_at is None and d.cancelled_at is None:
                d.cancelled_at = case.closed_at
                d.cancel_reason = CLOSED_CLOCK_REASON
                case.stopped.append(d.spec)
                if d.breach_reason is None and d.spec.due_at < case.closed_at:
                    self.breach(d, d.spec.key)
        # What was not done is often marked "not applicable", with the reason.
        for item in case.items.values():
            if item.state == "pending" and self.chance(0.6):
                at = minute(case.closed_at - self.minutes(0, 60))
                item.state = "not_applicable"
                item.done_at = max(at, item.updated_at)
                item.updated_at = item.done_at
                item.data[NA_REASON_KEY] = NA_REASONS.get(item.key, "Not needed for this person.")
        return case

    def maybe_override(self, fd: FactsDraft, target: str) -> tuple[str | None, str | None]:
        if not self.chance(0.02):
            return None, None
        if target == "urgent_advice":
            return "emergency", self.rng.choice(
                (
                    "Clinical concern: rapidly worsening pain, unable to weight-bear.",
                    "Oncologist asks for emergency management: known epidural disease.",
                )
            )
        if target == "safety_net":
            return "urgent_advice", "Treating oncologist asks for advice within 24 hours."
        if target == "outside_pathway" and fd.neuro:
            return "emergency", "Lytic lesion on X-ray: strong suspicion of an undiagnosed cancer."
        return None, None

    def levels(self) -> str:
        region = self.rng.choices(("C", "T", "L"), (10, 65, 25))[0]
        top = {"C": 7, "T": 12, "L": 5}[region]
        a = self.rng.randint(1, top)
        b = min(top, a + self.rng.randint(0, 2))
        return f"{region}{a}" if a == b else f"{region}{a}–{region}{b}"

    def outcome(self, case: CaseDraft, imaged: bool, cord_compression: bool) -> None:
        rng = self.rng
        category = case.category
        if cord_compression:
            outcome: str | None = "mscc_confirmed"
        elif imaged:
            weights = (60, 25, 15) if category == "emergency" else (45, 42, 13)
            outcome = rng.choices(
                ("spinal_metastases_without_mscc", "not_metastatic", "other"), weights
            )[0]
        elif category in ("emergency", "urgent_advice"):
            outcome = "other"
        elif category == "oncology_referral":
            outcome = rng.choices(
                ("other", "not_metastatic", "spinal_metastases_without_mscc"), (60, 25, 15)
            )[0]
        else:
            outcome = rng.choices(("not_metastatic", "other"), (40, 60))[0]
        case.outcome = outcome
        case.ambulatory = "yes" if self.chance(0.75) else "unknown"
        if category in ("emergency", "urgent_advice"):
            frankel = case.calls[-1].presentation["frankel"]
            index = FRANKEL.index(frankel)
            if outcome == "mscc_confirmed":
                index += rng.choices((1, 0, -1), (30, 55, 15))[0]
            index = max(0, min(4, index))
            case.frankel_discharge = FRANKEL[index]
            bedbound = case.first.presentation["mobility_before"] in ("chair", "bed")
            case.ambulatory = "yes" if index >= 3 and not bedbound else "no"

    def treatment(self, case: CaseDraft, last: datetime) -> datetime:
        rng = self.rng
        items = case.items
        mri_item = items.get("mri")
        reported = last
        if mri_item is not None and isinstance(mri_item.data.get("reported_at"), datetime):
            reported = mri_item.data["reported_at"]
        if case.outcome == "mscc_confirmed":
            modality = rng.choices(
                ("radiotherapy", "surgery", "supportive", "systemic"), (68, 15, 12, 5)
            )[0]
        else:
            modality = rng.choices(("radiotherapy", "systemic", "supportive"), (50, 30, 20))[0]
        item = items.get("definitive_treatment")
        if modality == "radiotherapy":  # QS56 st.6: the only modality with a clock
            decision = minute(reported + self.hours(1, 30))
            spec = checklist_clock(self.pathway, "radiotherapy", decision)
            d = ClockDraft(spec)
            case.deadlines.append(d)
            fate = rng.choices(("in_time", "late", "never"), (90, 8, 2))[0]
            self.met(d, fate, decision + timedelta(hours=1), "radiotherapy")
            if item is not None:
                item.fill(decision, decision_at=decision, modality=modality)
                if d.met_at is not None:
                    item.done(d.met_at, started_at=d.met_at)
                else:
                    item.note = "Treatment not started: " + (d.breach_note or "see notes")
            return max(last, d.met_at or decision)
        started = minute(
            reported + (self.hours(1, 24 * 10) if modality == "systemic" else self.hours(1, 12))
        )
        if item is not None:
            item.done(started, modality=modality, started_at=started)
        return max(last, started)

    def initial_care(self, case: CaseDraft, opened: datetime, closed: bool) -> datetime:
        """What is usually done in the first hours: advice, analgesia, steroids, referral."""
        rng = self.rng
        items = case.items
        now = self.now
        latest = opened

        def when(lo: float, hi: float) -> datetime:
            nonlocal latest
            at = minute(opened + self.minutes(lo, hi))
            at = at if closed else min(at, max(opened, minute(now)))
            latest = max(latest, at)
            return at

        if "coordinator_assessment" in items:
            items["coordinator_assessment"].done(
                opened, assessed_at=opened, advice=rng.choice(ADVICE_TEXT[case.category])
            )
        if "analgesia" in items and (closed or self.chance(0.7)):
            at = when(10, 180)
            items["analgesia"].done(at, given_at=at, analgesia=rng.choice(ANALGESIA))
        if "dexamethasone" in items and (closed or self.chance(0.85)):
            at = when(10, 120)
            items["dexamethasone"].done(
                at, dose_mg=16 if self.chance(0.9) else 8, given_at=at, ppi="yes"
            )
        if "pain_assessment" in items and (closed or self.chance(0.5)):
            at = when(15, 240)
            items["pain_assessment"].done(
                at,
                severity=case.first.presentation["pain_score"],
                location=case.first.presentation["pain_site"] or "back",
                characteristics=", ".join(
                    self.pathway.features["pain"][k].split(" (")[0].lower()
                    for k in PAIN_FEATURES
                    if k in case.first.facts.pain
                )
                or "non-specific back pain",
                cause="suspected metastatic disease",
                deteriorated="yes" if self.chance(0.6) else "no",
                impact=rng.choice(PAIN_IMPACT),
            )
        if "oncology_referral" in items and (closed or self.chance(0.5)):
            at = when(10, 360)
            items["oncology_referral"].done(
                at, referred_to="urgent oncology clinic (NG12 pathway)", referred_at=at
            )
        if "information" in items and (closed or self.chance(0.4)):
            at = when(5, 120)
            items["information"].done(
                at, given_at=at, note="Told what to look out for and whom to call."
            )
        return latest

    def after_care(self, case: CaseDraft, last: datetime, closed: bool) -> None:
        """Pain plan and review, SINS, rehabilitation, discharge; then closing."""
        rng = self.rng
        items = case.items
        opened = case.opened_at
        if "pain_plan" in items:
            at = minute(opened + self.hours(1, 30))
            items["pain_plan"].done(
                at,
                options=sorted(
                    rng.sample(
                        [
                            "radiotherapy",
                            "corticosteroids",
                            "bisphosphonates",
                            "physical_therapy",
                            "bracing",
                        ],
                        2,
                    ),
                    key=PAIN_PLAN_OPTIONS.index,
                ),
                plan="Regular and breakthrough analgesia; review in 48 hours.",
            )
            last = max(last, at)
        if "pain_review" in items:
            at = minute(opened + self.hours(24, 96))
            items["pain_review"].done(
                at, reviewed_at=at, effective="yes" if self.chance(0.75) else "no"
            )
            last = max(last, at)
        if "pain_referral" in items and self.chance(0.25):
            at = minute(opened + self.hours(24, 120))
            items["pain_referral"].done(
                at, referred_to="specialist palliative care", referred_at=at
            )
            last = max(last, at)
        mri = items.get("mri")
        reported = mri.data.get("reported_at") if mri is not None else None
        if "sins" in items and isinstance(reported, datetime) and self.chance(0.7):
            at = minute(reported + self.hours(1, 12))
            answers = {spec.key: rng.choice(list(spec.enum)).value for spec in SINS_COMPONENTS}
            total = sins_score(**answers).total
            items["sins"].done(at, sins={**answers, "total": total})
            last = max(last, at)
        if "rehabilitation" in items and self.chance(0.8):
            base = reported if isinstance(reported, datetime) else opened
            physio = minute(base + self.hours(4, 40))
            ot = minute(physio + self.hours(2, 72))
            items["rehabilitation"].done(ot, physiotherapy_at=physio, occupational_therapy_at=ot)
            last = max(last, ot)
        category = case.category
        if category == "emergency":
            discharged = last + self.hours(12, 24 * 12)
        elif category == "urgent_advice":
            discharged = last + self.hours(1, 24 * 3)
        elif category == "oncology_referral":
            discharged = last + self.hours(1, 24 * 3)
        elif category == "safety_net":
            discharged = last + self.hours(0.5, 36)
        else:
            discharged = last + self.hours(0.1, 12)
        discharged = minute(discharged)
        if "discharge" in items:
            items["discharge"].done(
                discharged,
                planned_with=rng.choice(
                    (
                        "district nurses and social services",
                        "community palliative care team",
                        "GP and family",
                    )
                ),
                discharged_at=discharged,
            )
        closed_at = minute(discharged + self.hours(0, 24))
        case.closed_at = closed_at
        case.close_reason = rng.choice(CLOSE_REASONS[case.outcome])
        case.updated_at = closed_at

    # ---- open cases

    def open_case(self, target: str, kind: str) -> CaseDraft:
        rng = self.rng
        now = self.now
        fd = self.facts_draft(target)
        if target == "emergency":
            age = self.hours(0.5, 22) if kind == "soon" else self.hours(25, 50)
        elif target == "urgent_advice":
            if kind == "breached":
                age = self.hours(7.05 * 24, 9 * 24)
            elif self.chance(0.5):
                age = self.hours(1, 22)
            else:
                age = self.hours(5.6 * 24, 6.9 * 24)
        else:
            age = self.hours(0.5, 60)
        received = minute(now - age)
        first = self.first_call(fd, received, received, None)
        case = self.new_case([first], None, None)
        opened = case.opened_at
        for d in case.deadlines:
            due, start = d.spec.due_at, d.spec.starts_at
            if d.spec.key == "coordinator_advice" and (due <= now or self.chance(0.6)):
                d.met_at = max(opened, minute(min(now, opened + self.minutes(0, 30))))
            elif due > now:
                continue
            elif kind == "breached" and d.spec.key == "mri":
                if self.chance(0.4):
                    self.breach(d, "mri")
            else:
                at = start + (due - start) * rng.uniform(0.1, 0.9)
                d.met_at = minute(min(max(at, opened), now))
        self.initial_care(case, opened, closed=False)
        items = case.items
        imm = first.facts.immobilised_at
        if imm is not None and "immobilisation" in items:
            items["immobilisation"].fill(imm, started_at=imm, position="supine, flat")
        for d in case.deadlines:
            if d.spec.key == "expert_review" and d.met_at is not None and "expert_review" in items:
                items["expert_review"].done(
                    d.met_at,
                    reviewer="spinal surgeon (on call)",
                    reviewed_at=d.met_at,
                    advice="Keep flat until the MRI is reported.",
                )
        if "mri" in items and self.chance(0.6):
            at = min(minute(opened + self.minutes(5, 120)), max(opened, minute(now)))
            items["mri"].fill(at, requested_at=at, location="local MRI")
        if self.chance(0.25) and now - opened > timedelta(minutes=30):
            at = minute(opened + (now - opened) * rng.uniform(0.2, 0.9))
            self.follow_up(case, max(at, opened))
        if self.chance(0.4):
            case.next_contact_due = minute(now + self.hours(0.5, 8))
        case.updated_at = max([case.calls[-1].recorded_at, *(i.updated_at for i in items.values())])
        return case

"""Which clocks run, when they fall due, and when their alerts are raised.

Every clock is elapsed time from an instant (24 h = 86,400 s), computed in UTC, so a
clock that runs across the March or October clock change is still exactly 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .clock import format_instant
from .pathway import ClockRule, Pathway


@dataclass(frozen=True)
class ClockSpec:
    """One running clock: what it is for, when it started, when it is due, and why."""

    key: str
    label: str
    starts_at: datetime
    due_at: datetime
    ref: str
    status: str

    def to_json(self) -> dict[str, str]:
        out = {
            "key": self.key,
            "due": format_instant(self.due_at),
            "ref": self.ref,
            "starts": format_instant(self.starts_at),
            "label": self.label,
        }
        if self.status:
            out["status"] = self.status
        return out


def clocks_for(pathway: Pathway, known: Mapping[str, Any]) -> tuple[ClockSpec, ...]:
    """The clocks that the facts start; of two clocks with one key, the tighter wins."""
    chosen: dict[str, ClockSpec] = {}
    for rule in pathway.clocks:
        if rule.from_checklist is not None or not rule.when.holds(known):
            continue
        start = known.get(rule.start)
        if not isinstance(start, datetime):
            continue
        spec = clock_spec(rule, start)
        if rule.key not in chosen or spec.due_at < chosen[rule.key].due_at:
            chosen[rule.key] = spec
    return tuple(chosen.values())


def clock_spec(rule: ClockRule, start: datetime) -> ClockSpec:
    """The clock `rule` runs from `start`: due after the rule's elapsed hours."""
    return ClockSpec(
        rule.key,
        rule.label,
        start,
        start + timedelta(seconds=rule.seconds),
        rule.ref,
        rule.status,
    )


def checklist_clock(pathway: Pathway, key: str, start: datetime) -> ClockSpec:
    """A clock started by a checklist entry (e.g. the decision to treat)."""
    for rule in pathway.clocks:
        if rule.key == key:
            return clock_spec(rule, start)
    raise KeyError(key)


@dataclass(frozen=True)
class ClockChange:
    """What a re-triage does to one clock: start it, tighten it, or leave it be."""

    action: str  # "start" | "tighten" | "keep"
    spec: ClockSpec


def running_clocks(
    clocks: Iterable[tuple[ClockSpec, datetime | None, datetime | None]], escalated: bool
) -> dict[str, ClockSpec]:
    """The clocks a follow-up call is merged against, from (spec, met_at, cancelled_at).

    A met clock counts as running unless the case escalates: the same features again
    must not restart an MRI that was done, but new cord-compression features need a new
    one. A cancelled clock never counts.
    """
    return {
        spec.key: spec
        for spec, met_at, cancelled_at in clocks
        if cancelled_at is None and (met_at is None or not escalated)
    }


def answered_by_escalation(pathway: Pathway, new_clocks: Iterable[ClockSpec]) -> frozenset[str]:
    """The clock keys an escalation answers: clocks run from the time of suspicion that
    the new category no longer runs (the 24-hour advice clock of a case that becomes an
    emergency). Checklist clocks and the expert review are never among them."""
    wanted = {c.key for c in new_clocks}
    return frozenset(
        c.key for c in pathway.clocks if c.start == "suspected_at" and c.key not in wanted
    )


def merge_clocks(
    open_clocks: Mapping[str, ClockSpec], new_clocks: Iterable[ClockSpec]
) -> list[ClockChange]:
    """A follow-up may tighten a clock but never loosen one (CLI.md, `record --case`).

    A tighter clock of the same key replaces the looser one (the 7-day MRI becomes 24 h
    from the follow-up); a clock that is not tightened keeps its due time.
    """
    changes: list[ClockChange] = []
    for spec in new_clocks:
        current = open_clocks.get(spec.key)
        if current is None:
            changes.append(ClockChange("start", spec))
        elif spec.due_at < current.due_at:
            changes.append(ClockChange("tighten", spec))
        else:
            changes.append(ClockChange("keep", current))
    return changes


class Stage(StrEnum):
    due_soon = "due_soon"
    imminent = "imminent"
    breached = "breached"


DEFAULT_LEADS = {Stage.due_soon: timedelta(hours=4), Stage.imminent: timedelta(hours=1)}
BREACH_REPEAT = timedelta(minutes=30)


def stage_times(
    due_at: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> dict[Stage, datetime]:
    """When each alert stage of a clock is raised (elapsed time before the due instant)."""
    lead = {**DEFAULT_LEADS, **(leads or {})}
    return {
        Stage.due_soon: due_at - lead[Stage.due_soon],
        Stage.imminent: due_at - lead[Stage.imminent],
        Stage.breached: due_at,
    }


def stages_due(
    now: datetime, due_at: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> list[Stage]:
    """The stages whose time has come, most urgent last."""
    return [stage for stage, at in stage_times(due_at, leads).items() if at <= now]


def format_time_left(delta: timedelta) -> str:
    """`5 h 12 min left` / `OVERDUE 1 h 03 min`: words, so urgency survives a grey printer."""
    seconds = int(delta.total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days == 1:  # a 24-hour clock reads in hours: "23 h 59 min", "24 h 00 min"
        days, hours = 0, hours + 24
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes:02d} min"
    else:
        text = f"{minutes} min"
    return f"OVERDUE {text}" if overdue else f"{text} left"

"""The service audit computed: frozen case rows in, every figure the lead reports out.

One computation gives the window, the CSV export, the JSON summary and the PDF report
their figures (`ServiceAudit`), so they cannot disagree. It is pure: the store reads the
rows (`store.service_audit`), this applies the pathway file's definitions
(`measures.AuditDefinitions`) to them. Exact counts here; small-number suppression is
applied by whatever takes the figures out of the service (`small_numbers`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from .audit_period import Period, add_months
from .clock import LONDON
from .measures import AuditDefinitions, Interval, Measure
from .pathway import Pathway
from .small_numbers import percent_of
from .triage import CaseFacts, derive_facts

RUN_CHART_MEASURE = "mri_within_24h"
UNKNOWN = "unknown"
NOT_RECORDED = "not_recorded"
NO_REASON = "none_recorded"
QUINTILES = ("1", "2", "3", "4", "5", UNKNOWN)
FRANKEL_GRADES = ("A", "B", "C", "D", "E", UNKNOWN)
AMBULATORY = ("yes", "no", UNKNOWN)


@dataclass(frozen=True)
class AuditClock:
    """One clock of a case (a `deadline` row), as the audit needs it."""

    key: str
    label: str
    starts_at: datetime
    due_at: datetime
    met_at: datetime | None = None
    cancelled_at: datetime | None = None
    breach_reason: str | None = None
    breach_note: str | None = None

    def breached(self, as_of: datetime) -> bool:
        """Not met by its due time: met late, or never met and not stopped before it fell
        due (a clock stopped early, by closing or by a tighter clock, is no breach)."""
        if self.met_at is not None:
            return self.met_at > self.due_at
        stopped = self.cancelled_at if self.cancelled_at is not None else as_of
        return stopped > self.due_at


@dataclass(frozen=True)
class AuditCase:
    """One case as the store reads it for the audit: no names, no NHS number."""

    case_id: int
    opened_at: datetime
    suspected_at: datetime
    status: str
    category_computed: str
    category_override: str | None = None
    closed_at: datetime | None = None
    facts: CaseFacts | None = None  # every call's features together
    call_at: datetime | None = None  # the first call
    referral_source: str | None = None  # the first call's
    imd_decile: int | None = None
    neuro_onset_at: datetime | None = None
    pain_onset: date | None = None
    checklist_times: Mapping[str, datetime] = field(default_factory=dict)  # "item.field"
    checklist_choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    clocks: tuple[AuditClock, ...] = ()  # in the order they were added
    frankel_at_presentation: str | None = None
    mobility_at_presentation: str | None = None
    frankel_at_discharge: str | None = None
    ambulatory_at_discharge: str | None = None
    outcome: str | None = None

    @property
    def category(self) -> str:
        return self.category_override or self.category_computed

    @property
    def onset_at(self) -> datetime | None:
        if self.neuro_onset_at is not None:
            return self.neuro_onset_at
        if self.pain_onset is not None:
            return datetime.combine(self.pain_onset, time(0), tzinfo=LONDON).astimezone(UTC)
        return None

    def time(self, name: str) -> datetime | None:
        """A time named as the pathway file's audit tables name it."""
        if name.startswith("checklist:"):
            return self.checklist_times.get(name.removeprefix("checklist:"))
        if name.startswith("clock:"):
            key = name.removeprefix("clock:").partition(".")[0]
            latest = [c for c in self.clocks if c.key == key]
            return latest[-1].starts_at if latest else None
        simple: dict[str, datetime | None] = {
            "suspected_at": self.suspected_at,
            "call_at": self.call_at,
            "onset_at": self.onset_at,
            "opened_at": self.opened_at,
            "closed_at": self.closed_at,
        }
        return simple[name]

    def first_time(self, names: Iterable[str]) -> datetime | None:
        for name in names:
            at = self.time(name)
            if at is not None:
                return at
        return None


@dataclass(frozen=True)
class MeasureFigure:
    key: str
    label: str
    ref: str
    status: str
    population: tuple[int, ...]  # the denominator's case ids
    met: tuple[int, ...]  # the numerator's

    @property
    def numerator(self) -> int:
        return len(self.met)

    @property
    def denominator(self) -> int:
        return len(self.population)

    @property
    def percent(self) -> float | None:
        return percent_of(self.numerator, self.denominator)

    @property
    def not_met(self) -> tuple[int, ...]:
        met = set(self.met)
        return tuple(c for c in self.population if c not in met)


@dataclass(frozen=True)
class IntervalFigure:
    key: str
    label: str
    ref: str
    status: str
    hours: tuple[float, ...]  # sorted

    @property
    def n(self) -> int:
        return len(self.hours)

    @property
    def median(self) -> float | None:
        return statistics.median(self.hours) if self.hours else None

    @property
    def quartiles(self) -> tuple[float, float] | None:
        """The lower and upper quartiles (inclusive method, as a spreadsheet's QUARTILE.INC)."""
        if not self.hours:
            return None
        if len(self.hours) == 1:
            return self.hours[0], self.hours[0]
        q1, _, q3 = statistics.quantiles(self.hours, n=4, method="inclusive")
        return q1, q3


@dataclass(frozen=True)
class Breach:
    case_id: int
    clock: str
    label: str
    due_at: datetime
    met_at: datetime | None
    reason: str | None
    note: str | None

    @property
    def reason_key(self) -> str:
        return self.reason or NO_REASON


@dataclass(frozen=True)
class Incident:
    """Something for the lead to look into (NG234: investigate and report incidents)."""

    case_id: int
    at: datetime
    kind: str  # breach_without_reason | override_lowered
    text: str


@dataclass(frozen=True)
class Figures:
    """Every figure for one set of cases: all of them, or one IMD quintile, or one source."""

    case_ids: tuple[int, ...]
    measures: tuple[MeasureFigure, ...]
    intervals: tuple[IntervalFigure, ...]
    frankel: Mapping[str, Mapping[str, int]]  # "presentation"/"discharge" -> grade -> n
    ambulatory: Mapping[str, Mapping[str, int]]  # "presentation"/"discharge" -> yes/no/unknown
    breaches: tuple[Breach, ...]

    @property
    def cases(self) -> int:
        return len(self.case_ids)

    def measure(self, key: str) -> MeasureFigure:
        for m in self.measures:
            if m.key == key:
                return m
        raise KeyError(key)

    def interval(self, key: str) -> IntervalFigure:
        for i in self.intervals:
            if i.key == key:
                return i
        raise KeyError(key)

    @property
    def breach_reasons(self) -> dict[str, int]:
        return dict(Counter(b.reason_key for b in self.breaches))

    @property
    def breaches_without_reason(self) -> int:
        return sum(1 for b in self.breaches if b.reason is None)


@dataclass(frozen=True)
class MonthPoint:
    month: date  # the first day
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return percent_of(self.numerator, self.denominator)


@dataclass(frozen=True)
class ServiceAudit:
    """The one computation behind the window, the CSV, the summary and the PDF."""

    period: Period
    as_of: datetime
    definitions: AuditDefinitions
    cases: tuple[AuditCase, ...]  # opened in the period, by case id
    overall: Figures
    by_imd_quintile: Mapping[str, Figures]  # "1".."5" (1 = most deprived), "unknown"
    by_referral_source: Mapping[str, Figures]
    run_chart: tuple[MonthPoint, ...]  # RUN_CHART_MEASURE month by month
    incidents: tuple[Incident, ...]
    imd_lookup: str = ""  # where derived deciles come from, when a lookup is loaded

    @property
    def run_chart_median(self) -> float | None:
        points = [p.percent for p in self.run_chart if p.percent is not None]
        return statistics.median(points) if points else None

    @property
    def without_decile(self) -> int:
        return self.by_imd_quintile[UNKNOWN].cases

    def case(self, case_id: int) -> AuditCase:
        for c in self.cases:
            if c.case_id == case_id:
                return c
        raise KeyError(case_id)

    def quintile(self, case: AuditCase) -> str:
        return self.definitions.quintile(case.imd_decile)


def compute(
    rows: Sequence[AuditCase],
    *,
    period: Period,
    as_of: datetime,
    definitions: AuditDefinitions,
    pathway: Pathway,
    imd_lookup: str = "",
) -> ServiceAudit:
    """All the figures for the cases opened in `period`; rows opened earlier (up to the
    run chart's first month) feed only the run chart."""
    in_period = tuple(sorted((c for c in rows if period.holds(c.opened_at)), key=_by_id))
    results = {c.case_id: _measure_results(c, definitions, pathway, as_of) for c in rows}

    def figures(cases: Sequence[AuditCase]) -> Figures:
        return _figures(cases, results, definitions, as_of)

    by_quintile = {
        q: figures([c for c in in_period if definitions.quintile(c.imd_decile) == q])
        for q in QUINTILES
    }
    sources = sorted({c.referral_source or NOT_RECORDED for c in in_period})
    by_source = {
        s: figures([c for c in in_period if (c.referral_source or NOT_RECORDED) == s])
        for s in sources
    }
    return ServiceAudit(
        period=period,
        as_of=as_of,
        definitions=definitions,
        cases=in_period,
        overall=figures(in_period),
        by_imd_quintile=by_quintile,
        by_referral_source=by_source,
        run_chart=_run_chart(rows, results, period),
        incidents=_incidents(in_period, as_of, pathway),
        imd_lookup=imd_lookup,
    )


def _by_id(c: AuditCase) -> int:
    return c.case_id


# A case's result for a measure: None (not counted), False (counted, not met), True (met).
Result = bool | None


def _measure_results(
    case: AuditCase, d: AuditDefinitions, pathway: Pathway, as_of: datetime
) -> dict[str, Result]:
    known: dict[str, Any] = (
        derive_facts(pathway, case.facts, case.category) if case.facts is not None else {}
    )
    return {m.key: measure_result(m, case, known, as_of) for m in d.measures}


def measure_result(
    m: Measure, case: AuditCase, known: Mapping[str, Any], as_of: datetime
) -> Result:
    """Whether the case counts for the measure and, if so, whether it met it.

    A case still in time is not counted yet (its MRI may be done within the 24 hours that
    have not run out), nor is an open case waiting for a step without a time limit: only
    a result that can no longer change is a figure."""
    if not known or not m.population.holds(known):
        return None
    for name, allowed in m.where.items():
        if not allowed.intersection(case.checklist_choices.get(name, ())):
            return None
    start = case.first_time(m.start)
    if start is None:
        return None
    for alternatives in m.end:
        at = case.first_time(alternatives)
        if at is None and _pending(m, case, start, as_of):
            return None
        if at is None or at < start:
            return False
        if m.within_seconds is not None and (at - start).total_seconds() > m.within_seconds:
            return False
    return True


def _pending(m: Measure, case: AuditCase, start: datetime, as_of: datetime) -> bool:
    if m.within_seconds is None:
        return case.closed_at is None
    return (as_of - start).total_seconds() <= m.within_seconds


def _figures(
    cases: Sequence[AuditCase],
    results: Mapping[int, Mapping[str, Result]],
    d: AuditDefinitions,
    as_of: datetime,
) -> Figures:
    measures = tuple(
        MeasureFigure(
            m.key,
            m.label,
            m.ref,
            m.status,
            population=tuple(c.case_id for c in cases if results[c.case_id][m.key] is not None),
            met=tuple(c.case_id for c in cases if results[c.case_id][m.key] is True),
        )
        for m in d.measures
    )
    return Figures(
        case_ids=tuple(c.case_id for c in cases),
        measures=measures,
        intervals=tuple(_interval(i, cases) for i in d.intervals),
        frankel={
            "presentation": _count(cases, lambda c: c.frankel_at_presentation, FRANKEL_GRADES),
            "discharge": _count(cases, lambda c: c.frankel_at_discharge, FRANKEL_GRADES),
        },
        ambulatory={
            "presentation": _count(cases, lambda c: ambulatory_at_presentation(c, d), AMBULATORY),
            "discharge": _count(cases, lambda c: c.ambulatory_at_discharge, AMBULATORY),
        },
        breaches=tuple(
            Breach(c.case_id, k.key, k.label, k.due_at, k.met_at, k.breach_reason, k.breach_note)
            for c in cases
            for k in c.clocks
            if k.breached(as_of)
        ),
    )


def interval_hours(i: Interval, case: AuditCase) -> float | None:
    start, end = case.first_time(i.start), case.first_time(i.end)
    if start is None or end is None or end < start:
        return None
    return (end - start).total_seconds() / 3600


def _interval(i: Interval, cases: Sequence[AuditCase]) -> IntervalFigure:
    hours = sorted(h for c in cases if (h := interval_hours(i, c)) is not None)
    return IntervalFigure(i.key, i.label, i.ref, i.status, tuple(hours))


def ambulatory_at_presentation(case: AuditCase, d: AuditDefinitions) -> str | None:
    mobility = case.mobility_at_presentation
    if mobility in d.walking:
        return "yes"
    if mobility in d.not_walking:
        return "no"
    return None


def _count(
    cases: Sequence[AuditCase], value: Callable[[AuditCase], str | None], keys: tuple[str, ...]
) -> dict[str, int]:
    counts = Counter(v if (v := value(c)) in keys else UNKNOWN for c in cases)
    return {k: counts.get(k, 0) for k in keys}


def _run_chart(
    rows: Sequence[AuditCase],
    results: Mapping[int, Mapping[str, Result]],
    period: Period,
) -> tuple[MonthPoint, ...]:
    points = []
    for month in period.months():
        starts, ends = _midnight(month), _midnight(add_months(month, 1))
        outcomes = [
            results[c.case_id].get(RUN_CHART_MEASURE)
            for c in rows
            if starts <= c.opened_at < ends and c.opened_at < period.ends_before
        ]
        counted = [r for r in outcomes if r is not None]
        points.append(MonthPoint(month, sum(1 for r in counted if r), len(counted)))
    return tuple(points)


def _incidents(
    cases: Sequence[AuditCase], as_of: datetime, pathway: Pathway
) -> tuple[Incident, ...]:
    out: list[Incident] = []
    for c in cases:
        for k in c.clocks:
            if k.breached(as_of) and k.breach_reason is None:
                out.append(
                    Incident(
                        c.case_id,
                        k.due_at,
                        "breach_without_reason",
                        f"{k.label}: breached, no reason recorded",
                    )
                )
        over = pathway.categories.get(c.category_override or "")
        computed = pathway.categories.get(c.category_computed)
        if over is not None and computed is not None and over.rank > computed.rank:
            out.append(
                Incident(
                    c.case_id,
                    c.opened_at,
                    "override_lowered",
                    f"category overridden from {computed.short} to {over.short}",
                )
            )
    return tuple(sorted(out, key=lambda i: (i.at, i.case_id)))


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def month_label(month: date) -> str:
    return f"{month:%b %Y}"

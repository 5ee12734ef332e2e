"""The service audit's definitions, read from the pathway file (`[[measure]]`, `[[interval]]`,
`[audit.*]`).

NG234 asks the service to audit "incidence, timeliness of management and outcomes" and to
look for health inequalities. What counts as a case for a measure and what "met" means is
clinical content, so it lives beside the rules it measures, with its reference, and where
PATHWAY.md leaves a detail open the file says how it is read (`note`, marked local). This
module only reads and checks those tables; `service_audit` applies them. (The audit
*trail*, who did what, is `store.audit` and has nothing to do with this.)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .pathway import (
    STATUSES,
    Condition,
    Pathway,
    PathwayError,
    condition_problems,
    default_pathway,
    load_pathway,
    parse_condition,
)
from .resources import resource_path

# Times every case has or may have, besides checklist fields and clock starts.
CASE_TIMES = ("suspected_at", "call_at", "onset_at", "opened_at", "closed_at")
MEASURE_KEYS = {
    "key",
    "label",
    "ref",
    "status",
    "population",
    "where",
    "from",
    "to",
    "within_hours",
    "note",
    "note_status",
}
INTERVAL_KEYS = {"key", "label", "ref", "status", "from", "to", "note"}


@dataclass(frozen=True)
class Measure:
    """A proportion: of the cases in `population` that reached `start`, how many met it."""

    key: str
    label: str
    ref: str
    status: str
    population: Condition
    where: Mapping[str, frozenset[str]]  # "item.field" -> allowed options
    start: tuple[str, ...]  # the first recorded time wins
    # Each must be recorded, at or after the start, within `within_hours`; an entry with
    # several times is met by the first of them recorded.
    end: tuple[tuple[str, ...], ...]
    within_hours: float | None = None
    note: str = ""
    note_status: str = ""

    @property
    def within_seconds(self) -> float | None:
        return None if self.within_hours is None else self.within_hours * 3600


@dataclass(frozen=True)
class Interval:
    """Hours between two times of a case, summarised as median and inter-quartile range."""

    key: str
    label: str
    ref: str
    status: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class AuditDefinitions:
    pathway_version: str
    measures: tuple[Measure, ...]
    intervals: tuple[Interval, ...]
    walking: frozenset[str]  # "Mobility now" values read as ambulatory
    not_walking: frozenset[str]
    ambulatory_ref: str
    quintiles: Mapping[int, str] = field(default_factory=dict)  # decile -> quintile
    small_number_below: int = 5
    deprivation_ref: str = ""

    def measure(self, key: str) -> Measure:
        for m in self.measures:
            if m.key == key:
                return m
        raise KeyError(key)

    def quintile(self, decile: int | None) -> str:
        """The quintile, "1".."5" (1 = most deprived), or "unknown" without a decile."""
        if decile is None:
            return "unknown"
        return self.quintiles.get(decile, "unknown")

    def local_readings(self) -> list[tuple[str, str]]:
        """(what, how it is read) for every local reading, for reports to list."""
        out = [(m.label, m.note) for m in self.measures if m.note and m.note_status == "local"]
        out += [(i.label, i.note) for i in self.intervals if i.note and i.status == "local"]
        return out


def load_definitions(path: Path | None = None, pathway: Pathway | None = None) -> AuditDefinitions:
    """Read and check the audit tables of a pathway file; a mistake names its place."""
    source = path or resource_path("pathway", "ng234.toml")
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PathwayError(f"{source}: {exc}") from exc
    p = pathway or (load_pathway(path) if path else default_pathway())
    try:
        return _build(raw, p)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, PathwayError):
            raise PathwayError(f"{source}: {exc}") from exc
        raise PathwayError(f"{source}: {exc!r}") from exc


@cache
def default_definitions() -> AuditDefinitions:
    return load_definitions()


def _times(raw: Any, at: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        raise PathwayError(f"{at} must be a time or a list of times")
    return tuple(raw)


def _key(table: Mapping[str, Any], allowed: set[str], what: str) -> str:
    """The table's key; a misspelt entry (`whithin_hours`) is refused, not ignored."""
    key = str(table["key"])
    unknown = set(table) - allowed
    if unknown:
        raise PathwayError(f"{what} {key}: unknown key(s) {', '.join(sorted(unknown))}")
    return key


def _entries(raw: Any) -> list[Any]:
    return [raw] if isinstance(raw, str) else list(raw)


def _build(raw: Mapping[str, Any], p: Pathway) -> AuditDefinitions:
    measures = []
    for m in raw.get("measure", []):
        key = _key(m, MEASURE_KEYS, "measure")
        where = {
            str(name): frozenset(str(v) for v in (opts if isinstance(opts, list) else [opts]))
            for name, opts in m.get("where", {}).items()
        }
        hours = m.get("within_hours")
        measures.append(
            Measure(
                key=key,
                label=str(m["label"]),
                ref=str(m["ref"]),
                status=str(m["status"]),
                population=parse_condition(m.get("population", {}), f"measure.{key}.population"),
                where=where,
                start=_times(m["from"], f"measure {key}: from"),
                end=tuple(_times(t, f"measure {key}: to") for t in _entries(m["to"])),
                within_hours=None if hours is None else float(hours),
                note=str(m.get("note", "")),
                note_status=str(m.get("note_status", "")),
            )
        )
    intervals = []
    for i in raw.get("interval", []):
        key = _key(i, INTERVAL_KEYS, "interval")
        intervals.append(
            Interval(
                key=key,
                label=str(i["label"]),
                ref=str(i["ref"]),
                status=str(i["status"]),
                start=_times(i["from"], f"interval {key}: from"),
                end=_times(i["to"], f"interval {key}: to"),
                note=str(i.get("note", "")),
            )
        )
    audit = raw.get("audit", {})
    amb = audit.get("ambulatory", {})
    dep = audit.get("deprivation", {})
    quintiles: dict[int, str] = {}
    for name, deciles in dep.get("quintiles", {}).items():
        for d in deciles:
            quintiles[int(d)] = str(name)
    out = AuditDefinitions(
        pathway_version=p.version,
        measures=tuple(measures),
        intervals=tuple(intervals),
        walking=frozenset(str(v) for v in amb.get("walking", [])),
        not_walking=frozenset(str(v) for v in amb.get("not_walking", [])),
        ambulatory_ref=str(amb.get("ref", "")),
        quintiles=quintiles,
        small_number_below=int(dep.get("small_number_below", 5)),
        deprivation_ref=str(dep.get("ref", "")),
    )
    _check(out, p)
    return out


def _check(d: AuditDefinitions, p: Pathway) -> None:
    """A measure that names a field or fact the pathway does not have would count nothing,
    silently; refuse the file instead."""
    problems: list[str] = []
    items = {item.key: {f.key: f for f in item.fields} for item in p.checklist}
    clocks = {c.key for c in p.clocks}

    def check_time(name: str, at: str) -> None:
        if name in CASE_TIMES:
            return
        if name.startswith("checklist:"):
            item, _, fld = name.removeprefix("checklist:").partition(".")
            f = items.get(item, {}).get(fld)
            if f is None or f.kind != "datetime":
                problems.append(f"{at}: {name!r} is not a datetime field of the checklist")
            return
        if name.startswith("clock:"):
            key, _, what = name.removeprefix("clock:").partition(".")
            if key not in clocks or what != "starts_at":
                problems.append(f"{at}: {name!r} is not a clock's starts_at")
            return
        problems.append(f"{at}: unknown time {name!r}")

    keys = [m.key for m in d.measures] + [i.key for i in d.intervals]
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.append(f"{key!r} is defined twice")
    for m in d.measures:
        at = f"measure {m.key}"
        problems.extend(condition_problems(p, m.population, f"{at}: population"))
        for name in (*m.start, *(t for alternatives in m.end for t in alternatives)):
            check_time(name, at)
        for name, allowed in m.where.items():
            item, _, fld = name.partition(".")
            f = items.get(item, {}).get(fld)
            if f is None or f.kind not in ("choice", "choices"):
                problems.append(f"{at}: where: {name!r} is not a choice field of the checklist")
            elif allowed - set(f.options):
                problems.append(f"{at}: where: {name} has no option {sorted(allowed)!r}")
        if m.within_hours is not None and m.within_hours <= 0:
            problems.append(f"{at}: within_hours must be positive")
        for status in (m.status, *([m.note_status] if m.note_status else [])):
            if status not in STATUSES:
                problems.append(f"{at}: status {status!r} is not one of {STATUSES}")
        if not m.ref.strip():
            problems.append(f"{at}: every measure must carry its reference")
    for i in d.intervals:
        at = f"interval {i.key}"
        for name in (*i.start, *i.end):
            check_time(name, at)
        if i.status not in STATUSES:
            problems.append(f"{at}: status {i.status!r} is not one of {STATUSES}")
    if sorted(d.quintiles) != list(range(1, 11)):
        problems.append("audit.deprivation.quintiles must place each decile 1-10 once")
    if d.walking & d.not_walking:
        problems.append("audit.ambulatory: a mobility is both walking and not walking")
    if problems:
        raise PathwayError("; ".join(problems))

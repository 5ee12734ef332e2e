"""The service audit as data for the cancer alliance: one CSV row per case, and the
figures as one JSON object (shared/contracts/CLI.md, `audit --csv` and `audit --summary`).

Both are drawn from the same `ServiceAudit` as the window and the PDF. The CSV is case by
case (case numbers, no names or NHS numbers) with the audit's result for each measure, so
anyone can recount the summary from it. The summary leaves the service, so its counts
from 1 to 4 are shown as "<5" (`small_numbers`), unless asked for exactly (`exact`, for
use inside the service).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.clock import format_instant
from ..domain.service_audit import (
    RUN_CHART_MEASURE,
    AuditCase,
    Figures,
    MeasureFigure,
    ServiceAudit,
    ambulatory_at_presentation,
    interval_hours,
)
from ..domain.small_numbers import Shown, ShownFraction, fraction, percent_of, shown, split

CONTRACT_COLUMNS = (
    "case_id",
    "opened_at",
    "category",
    "suspected_at",
    "mri_requested_at",
    "mri_performed_at",
    "mri_reported_at",
    "decision_at",
    "treatment_started_at",
    "modality",
    "imd_decile",
    "imd_quintile",
    "referral_source",
    "outcome",
    "breaches",
)
EXTRA_COLUMNS = (
    "status",
    "closed_at",
    "category_computed",
    "call_at",
    "onset_at",
    "coordinator_assessed_at",
    "frankel_at_presentation",
    "frankel_at_discharge",
    "ambulatory_at_presentation",
    "ambulatory_at_discharge",
)
# Checklist fields behind the contract's time columns.
_TIME_COLUMNS = {
    "mri_requested_at": "mri.requested_at",
    "mri_performed_at": "mri.performed_at",
    "mri_reported_at": "mri.reported_at",
    "decision_at": "definitive_treatment.decision_at",
    "treatment_started_at": "definitive_treatment.started_at",
    "coordinator_assessed_at": "coordinator_assessment.assessed_at",
}
MET, NOT_MET = "met", "not_met"


def csv_columns(audit: ServiceAudit) -> list[str]:
    """The contract's columns, the extras, then each measure's result and each interval."""
    d = audit.definitions
    return [
        *CONTRACT_COLUMNS,
        *EXTRA_COLUMNS,
        *(m.key for m in d.measures),
        *(f"{i.key}_hours" for i in d.intervals),
    ]


def _time(value: Any) -> str:
    return format_instant(value) if value is not None else ""


def case_row(audit: ServiceAudit, case: AuditCase) -> dict[str, Any]:
    d = audit.definitions
    overall = audit.overall
    row: dict[str, Any] = {
        "case_id": case.case_id,
        "opened_at": _time(case.opened_at),
        "category": case.category,
        "suspected_at": _time(case.suspected_at),
        **{col: _time(case.checklist_times.get(name)) for col, name in _TIME_COLUMNS.items()},
        "modality": ";".join(case.checklist_choices.get("definitive_treatment.modality", ())),
        "imd_decile": case.imd_decile if case.imd_decile is not None else "",
        "imd_quintile": d.quintile(case.imd_decile),
        "referral_source": case.referral_source or "",
        "outcome": case.outcome or "",
        "breaches": "; ".join(
            f"{b.clock}:{b.reason_key}" for b in overall.breaches if b.case_id == case.case_id
        ),
        "status": case.status,
        "closed_at": _time(case.closed_at),
        "category_computed": case.category_computed,
        "call_at": _time(case.call_at),
        "onset_at": _time(case.onset_at),
        "frankel_at_presentation": case.frankel_at_presentation or "",
        "frankel_at_discharge": case.frankel_at_discharge or "",
        "ambulatory_at_presentation": ambulatory_at_presentation(case, d) or "",
        "ambulatory_at_discharge": case.ambulatory_at_discharge or "",
    }
    for m in overall.measures:
        row[m.key] = result_word(m, case.case_id)
    for i in d.intervals:
        hours = interval_hours(i, case)
        row[f"{i.key}_hours"] = "" if hours is None else f"{hours:.2f}"
    return row


def result_word(m: MeasureFigure, case_id: int) -> str:
    """`met`, `not_met`, or empty when the case is not counted for the measure."""
    if case_id in m.met:
        return MET
    return NOT_MET if case_id in m.population else ""


def _cell(value: Any) -> Any:
    """A spreadsheet must not run a cell as a formula (`=`, `+`, `-`, `@` at its start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_csv(audit: ServiceAudit, stream: io.TextIOBase | Any) -> int:
    """Write the CSV (UTF-8 with a byte-order mark and CRLF, as Excel expects); returns
    the rows written."""
    stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=csv_columns(audit), lineterminator="\r\n")
    writer.writeheader()
    for case in audit.cases:
        writer.writerow({k: _cell(v) for k, v in case_row(audit, case).items()})
    return len(audit.cases)


# --- The summary ---------------------------------------------------------------------------


def _count(n: int, exact: bool, below: int) -> Shown:
    return n if exact else shown(n, below)


def fraction_json(numerator: int, denominator: int, exact: bool, below: int) -> dict[str, Any]:
    """`numerator`, `denominator`, `percent`: exact, or as they may leave the service."""
    if exact:
        percent = percent_of(numerator, denominator)
        return {"numerator": numerator, "denominator": denominator, "percent": percent}
    f = fraction(numerator, denominator, below)
    return {"numerator": f.numerator, "denominator": f.denominator, "percent": f.percent}


def measure_json(m: MeasureFigure, exact: bool, below: int) -> dict[str, Any]:
    return {
        "key": m.key,
        "label": m.label,
        "ref": m.ref,
        **fraction_json(m.numerator, m.denominator, exact, below),
    }


@dataclass(frozen=True)
class ShownGroup:
    """One group of a split (an IMD quintile, a referral source) as it may leave the
    service: its cases and each measure's fraction."""

    cases: Shown
    measures: dict[str, ShownFraction]


def shown_groups(
    groups: Mapping[str, Figures], total: Figures, below: int
) -> dict[str, ShownGroup]:
    """Each group's counts hidden so that none of 1-4 can be worked out, within the group
    (a numerator over its denominator) or across the groups (from the total shown): the
    stricter of the two views wins (`small_numbers`)."""
    cases = split({g: f.cases for g, f in groups.items()}, total.cases >= below, below)
    out = {g: ShownGroup(cases[g], {}) for g in groups}
    for m in total.measures:
        nums = split(
            {g: f.measure(m.key).numerator for g, f in groups.items()}, m.numerator >= below, below
        )
        dens = split(
            {g: f.measure(m.key).denominator for g, f in groups.items()},
            m.denominator >= below,
            below,
        )
        for g, f in groups.items():
            fig = f.measure(m.key)
            own = fraction(fig.numerator, fig.denominator, below)
            num = own.numerator if isinstance(nums[g], int) else _stricter(own.numerator, nums[g])
            den = (
                own.denominator if isinstance(dens[g], int) else _stricter(own.denominator, dens[g])
            )
            both = isinstance(num, int) and isinstance(den, int)
            out[g].measures[m.key] = ShownFraction(num, den, own.percent if both else None)
    return out


def _splits(
    groups: Mapping[str, Figures], total: Figures, exact: bool, below: int
) -> dict[str, dict[str, Any]]:
    if exact:
        return {
            g: {
                "cases": f.cases,
                "measures": {
                    m.key: fraction_json(m.numerator, m.denominator, True, below)
                    for m in f.measures
                },
            }
            for g, f in groups.items()
        }
    return {
        g: {
            "cases": row.cases,
            "measures": {
                key: {"numerator": v.numerator, "denominator": v.denominator, "percent": v.percent}
                for key, v in row.measures.items()
            },
        }
        for g, row in shown_groups(groups, total, below).items()
    }


def _stricter(a: Shown, b: Shown) -> Shown:
    return a if isinstance(a, str) else b


def summary_json(audit: ServiceAudit, *, exact: bool = False) -> dict[str, Any]:
    """`mscc-desk audit --summary` (CLI.md); keys beyond the contract's are additive."""
    d = audit.definitions
    below = d.small_number_below
    o = audit.overall
    return {
        "period": {
            **audit.period.to_json(),
            "label": audit.period.label,
            "as_of": format_instant(audit.as_of),
            "cases": _count(o.cases, exact, below),
            "pathway_version": d.pathway_version,
            "small_numbers": "exact" if exact else f"counts 1-{below - 1} shown as <{below}",
        },
        "measures": [
            {
                **measure_json(m, exact, below),
                "status": m.status,
                **({"note": definition.note} if (definition := d.measure(m.key)).note else {}),
            }
            for m in o.measures
        ],
        "by_imd_quintile": _splits(audit.by_imd_quintile, o, exact, below),
        "by_referral_source": _splits(audit.by_referral_source, o, exact, below),
        "imd": {
            "cases_without_decile": _count(audit.without_decile, exact, below),
            "lookup": audit.imd_lookup or None,
        },
        "intervals": [
            {
                "key": i.key,
                "label": i.label,
                "ref": i.ref,
                "n": _count(i.n, exact, below),
                # A median of fewer than five cases is close to one person's wait.
                **_quartiles(i.median, i.quartiles, exact or i.n >= below),
            }
            for i in o.intervals
        ],
        "breaches": {
            "total": _count(len(o.breaches), exact, below),
            "by_reason": _hide_all(o.breach_reasons, exact, below),
            "without_reason": _count(o.breaches_without_reason, exact, below),
        },
        "status": {
            "frankel": {k: _hide_all(v, exact, below) for k, v in o.frankel.items()},
            "ambulatory": {k: _hide_all(v, exact, below) for k, v in o.ambulatory.items()},
        },
        "run_chart": {
            "measure": RUN_CHART_MEASURE,
            "median_percent": audit.run_chart_median,
            # Without exact counts, a month's percentage only, and only from 5 cases up:
            # the months' counts would let small numbers be worked out from the total.
            "months": [
                {"month": p.month.strftime("%Y-%m"), "numerator": p.numerator}
                | {"denominator": p.denominator, "percent": p.percent}
                if exact
                else {
                    "month": p.month.strftime("%Y-%m"),
                    "percent": p.percent if p.denominator >= below else None,
                }
                for p in audit.run_chart
            ],
        },
    }


def _quartiles(
    median: float | None, quartiles: tuple[float, float] | None, show: bool
) -> dict[str, float | None]:
    if not show or median is None or quartiles is None:
        return {"median_hours": None, "q1_hours": None, "q3_hours": None}
    return {
        "median_hours": round(median, 2),
        "q1_hours": round(quartiles[0], 2),
        "q3_hours": round(quartiles[1], 2),
    }


def _hide_all(values: Mapping[str, int], exact: bool, below: int) -> dict[str, Shown]:
    return dict(values) if exact else split(values, sum(values.values()) >= below, below)

"""The service audit report for the MSCC lead: A4 portrait, marked, paginated.

What NG234 asks the service to report: the measures (numerator, denominator, percent,
each with its reference), a run chart of MRI within 24 hours, the measures by IMD
quintile and by referral source, the intervals (median and inter-quartile range),
ambulatory status and Frankel grade at presentation and discharge, the breaches with
their recorded reasons, and what needs looking into. Every figure comes from the same
`ServiceAudit` as the CSV and the JSON summary; the report leaves the service, so counts
from 1 to 4 are shown as "<5" (`small_numbers`) and cases are named by number only.

The page furniture (layout on the device, pagination, header, footer) is the handover's
(`pages`); the charts are the window's (`audit_charts`), drawn offscreen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QTextDocument

from ..domain.clock import format_london
from ..domain.resources import resource_path
from ..domain.service_audit import (
    AMBULATORY,
    FRANKEL_GRADES,
    NO_REASON,
    NOT_RECORDED,
    QUINTILES,
    Figures,
    IntervalFigure,
    ServiceAudit,
)
from ..domain.small_numbers import Shown, fraction, percent_text, shown, split
from ..store.alerts import BREACH_REASONS
from .audit_charts import QUINTILE_WORDS, chart_image, quintile_chart, run_chart, short_name
from .pages import (
    Block,
    PageLayout,
    body_span,
    ensure_gui_application,
    footer_html,
    paginate,
    paint_pages,
    shared_blocks,
    write_pdf,
)
from .service_audit_export import shown_groups

MARKING = (
    "OFFICIAL-SENSITIVE: case numbers, no names; counts of 1-4 shown as <5 — "
    "share only under the service's data-sharing agreement"
)
MARGIN_MM = 12.0
# The desk's "Other (see note)" points at a note the report leaves out (it may name
# someone): here it is "Other".
REASON_WORDS = {**BREACH_REASONS, "other": "Other", NO_REASON: "No reason recorded"}
SOURCE_WORDS = {
    "gp": "GP",
    "emergency_department": "Emergency department",
    "inpatient_ward": "Inpatient ward",
    "hospice": "Hospice",
    "community_team": "Community team",
    "other_hospital": "Other hospital",
    "patient_or_carer": "Patient or carer",
    "other": "Other",
    NOT_RECORDED: "Not recorded",
}
INCIDENT_WORDS = {
    "breach_without_reason": "Breach without a recorded reason",
    "override_lowered": "Category overridden to a less urgent one",
}


@dataclass(frozen=True)
class AuditReport:
    service: str
    prepared_by: str
    prepared_at: datetime
    audit: ServiceAudit


def _e(text: object) -> str:
    return html.escape(str(text), quote=False)


def _n(value: Shown) -> str:
    return str(value)


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], numeric_from: int = 1) -> str:
    cells = "".join(f'<td class="head">{_e(h)}</td>' for h in head)
    body = []
    for row in rows:
        tds = "".join(
            f'<td class="num">{_e(v)}</td>' if i >= numeric_from else f"<td>{_e(v)}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{tds}</tr>")
    return (
        f'<table class="figures" width="100%" cellspacing="0"><tr>{cells}</tr>'
        + "".join(body)
        + "</table>"
    )


def _fraction_cells(numerator: int, denominator: int, below: int) -> tuple[str, str, str]:
    f = fraction(numerator, denominator, below)
    return _n(f.numerator), _n(f.denominator), percent_text(f.percent)


def header_html(report: AuditReport) -> str:
    a = report.audit
    return (
        '<table width="100%" cellspacing="0" cellpadding="0">'
        f'<tr><td class="title">{_e(report.service)}: MSCC service audit</td>'
        f'<td class="period" align="right">{_e(a.period.label)}</td></tr>'
        f'<tr><td class="meta">Cases opened {_e(a.period.start.strftime("%d %b %Y"))} to '
        f"{_e(a.period.end.strftime('%d %b %Y'))}; pathway {_e(a.definitions.pathway_version)}"
        f'</td><td class="meta" align="right">Prepared {_e(format_london(report.prepared_at))}'
        f" by <b>{_e(report.prepared_by)}</b></td></tr></table>"
    )


def measures_html(a: ServiceAudit) -> str:
    below = a.definitions.small_number_below
    o = a.overall
    rows = [
        (f"{m.label} ({m.ref})", *_fraction_cells(m.numerator, m.denominator, below))
        for m in o.measures
    ]
    return (
        f"<h2>Measures</h2><p>Cases opened in the period: <b>{_e(shown(o.cases, below))}</b>; "
        f"without an IMD decile: <b>{_e(shown(a.without_decile, below))}</b>. A case is "
        "counted once its result can no longer change (a clock still running is not yet a "
        "figure). <b>&lt;5</b>: a count from 1 to 4; <b>*</b>: a count hidden (of any "
        "size, 0 too) so that a count under 5 cannot be worked out by subtraction.</p>"
        + _table(("Measure", "Met", "Cases", "%"), rows)
    )


def chart_html(name: str) -> str:
    return f'<p><img src="chart:{name}" width="{CHART_W}" height="{CHART_H}"></p>'


CHART_W, CHART_H = 690, 290  # px of 1/96 inch: the text width of A4 portrait


def split_rows(
    groups: Mapping[str, Figures], total: Figures, words: Callable[[str], str], below: int
) -> list[tuple[str, ...]]:
    """One row per group: its cases, and each measure as met/cases (percent)."""
    shown_rows = shown_groups(groups, total, below)
    return [
        (
            words(g),
            _n(row.cases),
            *(
                f"{f.numerator}/{f.denominator} ({percent_text(f.percent)})"
                for f in (row.measures[m.key] for m in total.measures)
            ),
        )
        for g, row in shown_rows.items()
    ]


def inequality_html(a: ServiceAudit) -> str:
    below = a.definitions.small_number_below
    heads = ("IMD quintile", "Cases", *(short_name(m.key) for m in a.overall.measures))
    rows = split_rows(
        {q: a.by_imd_quintile[q] for q in QUINTILES}, a.overall, QUINTILE_WORDS.__getitem__, below
    )
    source = (
        f"Deciles derived from the postcode come from {a.imd_lookup}; a decile typed at the desk "
        "wins over the lookup."
        if a.imd_lookup
        else "No postcode lookup is loaded: deciles are as typed at the desk."
    )
    return (
        "<h2>Health inequalities: the measures by deprivation</h2>"
        "<p>Each measure as met/cases (percent) by IMD quintile of the patient's home "
        f"(1 = most deprived fifth of areas in England). {_e(source)}</p>" + _table(heads, rows)
    )


def referral_html(a: ServiceAudit) -> str:
    below = a.definitions.small_number_below
    heads = ("Referral source", "Cases", *(short_name(m.key) for m in a.overall.measures))
    rows = split_rows(a.by_referral_source, a.overall, lambda s: SOURCE_WORDS.get(s, s), below)
    return "<h2>The measures by referral source</h2>" + _table(heads, rows)


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} h" if value < 72 else f"{value / 24:.1f} d"


def _interval_row(i: IntervalFigure, below: int) -> tuple[str, ...]:
    if i.n < below:
        return (f"{i.label} ({i.ref})", _n(shown(i.n, below)), "–", "–")
    q = i.quartiles
    iqr = "–" if q is None else f"{_hours(q[0])} to {_hours(q[1])}"
    return (f"{i.label} ({i.ref})", str(i.n), _hours(i.median), iqr)


def intervals_html(a: ServiceAudit) -> str:
    below = a.definitions.small_number_below
    rows = [_interval_row(i, below) for i in a.overall.intervals]
    return (
        "<h2>Timeliness: intervals</h2><p>Median and inter-quartile range of the cases with "
        f"both times recorded; fewer than {below} cases give no median.</p>"
        + _table(("Interval", "Cases", "Median", "Inter-quartile range"), rows)
    )


def status_html(a: ServiceAudit) -> str:
    below = a.definitions.small_number_below
    o = a.overall
    frankel = {k: split(v, sum(v.values()) >= below, below) for k, v in o.frankel.items()}
    walking = {k: split(v, sum(v.values()) >= below, below) for k, v in o.ambulatory.items()}
    rows = [
        (f"Frankel {g}" if g != "unknown" else "Frankel not recorded",)
        + tuple(_n(frankel[stage][g]) for stage in ("presentation", "discharge"))
        for g in FRANKEL_GRADES
    ] + [
        ({"yes": "Ambulatory", "no": "Not ambulatory", "unknown": "Ambulatory: not recorded"}[w],)
        + tuple(_n(walking[stage][w]) for stage in ("presentation", "discharge"))
        for w in AMBULATORY
    ]
    return (
        "<h2>Outcomes: Frankel grade and walking, at presentation and at discharge</h2>"
        "<p>At presentation: the first call (walking independently or with an aid counts as "
        "ambulatory, a local reading); at discharge: as recorded on closing the case.</p>"
        + _table(("", "Presentation", "Discharge"), rows)
    )


LIST_ROWS = 14  # rows of a case list kept together as one part (whole on its page)


def _chunks(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A long list as parts of LIST_ROWS rows, each with its heading row, so a page
    break falls between rows, never inside one."""
    return [_table(head, rows[i : i + LIST_ROWS], 99) for i in range(0, len(rows), LIST_ROWS)]


def breaches_html(a: ServiceAudit) -> list[str]:
    """The breaches by reason, then one line each (case number, clock, times, reason; the
    free-text note stays inside the service, in the window: it may name someone)."""
    below = a.definitions.small_number_below
    o = a.overall
    by_reason = split(o.breach_reasons, len(o.breaches) >= below, below)
    rows = [(REASON_WORDS.get(k, k), _n(v)) for k, v in sorted(by_reason.items())]
    listing = [
        (
            f"case {b.case_id}",
            b.label,
            format_london(b.due_at, with_zone=False),
            "not met" if b.met_at is None else format_london(b.met_at, with_zone=False),
            REASON_WORDS.get(b.reason_key, b.reason_key),
        )
        for b in o.breaches
    ]
    summary = (
        f"<h2>Breaches: {_e(shown(len(o.breaches), below))}</h2>"
        "<p>A clock not met by its due time (met late, or not met and not stopped before it "
        "fell due), with the reason recorded at the desk.</p>"
        + _table(("Reason", "Breaches"), rows)
    )
    return [summary, *_chunks(("Case", "Clock", "Due", "Met", "Reason"), listing)]


def incidents_html(a: ServiceAudit) -> list[str]:
    rows = [
        (
            f"case {i.case_id}",
            format_london(i.at, with_zone=False),
            INCIDENT_WORDS.get(i.kind, i.kind),
            i.text,
        )
        for i in a.incidents
    ]
    intro = (
        "<h2>To look into (incidents)</h2><p>Breaches without a recorded reason, and "
        "categories set by hand below what the facts gave: for the service's incident "
        "review (NG234: investigating and reporting incidents).</p>"
    )
    if not rows:
        return [intro + "<p>Nothing to look into in this period.</p>"]
    first, *rest = _chunks(("Case", "When", "What", "Detail"), rows)
    return [intro + first, *rest]  # the heading stays with the start of its list


def definitions_html(a: ServiceAudit) -> str:
    d = a.definitions
    items = "".join(
        f"<li><b>{_e(m.label)}</b> ({_e(m.ref)}, {_e(m.status)})"
        + (f": {_e(m.note)}" if m.note else "")
        + "</li>"
        for m in d.measures
    )
    local = "".join(f"<li><b>{_e(what)}</b>: {_e(how)}</li>" for what, how in d.local_readings())
    return (
        '<h2>Definitions</h2><p class="note">From the pathway file '
        f"{_e(d.pathway_version)}; local readings are marked there and listed here.</p>"
        f'<ul class="note">{items}</ul><p class="note"><b>Local readings</b></p>'
        f'<ul class="note">{local}</ul>'
    )


def sections_html(report: AuditReport) -> list[str]:
    """The report's parts in order; each is laid out and kept whole on a page."""
    a = report.audit
    return [
        measures_html(a),
        chart_html("run"),
        chart_html("quintiles"),
        inequality_html(a),
        referral_html(a),
        intervals_html(a),
        status_html(a),
        *breaches_html(a),
        *incidents_html(a),
        definitions_html(a),
    ]


def a4_portrait() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def paint_report(device: QPagedPaintDevice, report: AuditReport) -> int:
    """Lay out and paint the report; returns the number of pages."""
    ensure_gui_application()
    dpi = float(device.logicalDpiY())
    rect = device.pageLayout().paintRectPixels(round(dpi))
    width, height = float(rect.width()), float(rect.height())
    css = resource_path("reports", "service_audit.css").read_text(encoding="utf-8")
    lay = PageLayout(device, width, css)
    charts = {
        "run": chart_image(run_chart(report.audit, exact=False), CHART_W, CHART_H),
        "quintiles": chart_image(quintile_chart(report.audit, exact=False), CHART_W, CHART_H),
    }

    def document(body: str) -> QTextDocument:
        doc = lay.document("")
        for name, image in charts.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), image)
        doc.setHtml(f"<html><body>{body}</body></html>")
        doc.setTextWidth(width)
        return doc

    header = lay.document(header_html(report))
    top, bottom = body_span(lay, header, lay.document(footer_html(999, 999, MARKING)), height)
    blocks = shared_blocks(sections_html(report), document)
    pages = paginate(blocks, Block(lay.document("")), top, bottom, lay.document)
    return paint_pages(device, lay, header, pages, height, MARKING)


def render_audit_pdf(
    report: AuditReport, out: Path, before_replace: Callable[[int], None] | None = None
) -> int:
    """Write the report as an A4 portrait PDF beside `out`, renamed into place; returns the
    pages. `before_replace(pages)` (the record of the export) runs before the rename."""
    return write_pdf(
        out, a4_portrait(), "MSCC service audit", lambda w: paint_report(w, report), before_replace
    )

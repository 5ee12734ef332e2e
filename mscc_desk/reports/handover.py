"""The handover sheet: one painter for the PDF, the printer and the print preview.

The sheet is printed at the change of shift and carried all night by someone who did
not take the calls, so it must be right (the same code draws every copy: PDF from the
command line, paper from the window, the preview on screen), complete (every open case,
and what changed since the last handover) and readable at a glance (A4 landscape, no
text under 9 pt, urgency in words as well as shading so a grey printer loses nothing).

`QTextDocument.print_()` cannot draw a header and a "Page N of M" footer on every page,
and would split a case across pages; so the parts of the sheet (the "since the last
handover" section, then one block per case) are laid out on the printer itself, each a
region of one shared document, and the blocks are placed on pages, keeping each case whole on one
page unless it is taller than a page, with the header and footer painted around them
(`reports.pages`, the page furniture every printed report shares).
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from ..domain.clock import format_london, london
from ..domain.errors import InputError
from ..domain.pathway import Pathway, default_pathway
from ..domain.resources import resource_path
from ..store.engine import Database
from ..store.handover import (
    STAGE_WORDS,
    HandoverCase,
    HandoverChanges,
    changes_since_last_handover,
    check_may_print,
    current_coordinator,
    handover_cases,
    service_name,
    short_time,
)
from ..store.users import display_name_of
from .pages import (
    BODY_PT,
    MARKING,
    Block,
    PageLayout,
    body_span,
    ensure_gui_application,
    footer_html,
    paginate,
    paint_pages,
    report_font,
    shared_blocks,
    write_pdf,
)

NBSP = "\u00a0"
DAY_STARTS, NIGHT_STARTS = 8, 20  # hours, Europe/London
MARGIN_MM = 8.0  # inside what office printers reach; every millimetre is a line of text
# The case table: one row per case, read left to right from how urgent it is to what is
# left to do, and the last column left blank for the pen. Widths in percent, the same in
# every block so the columns line up down every page.
COLUMNS = (
    ("Urgency · next clock", 15),
    ("Patient · where", 18),
    ("What is wrong", 28),
    ("Outstanding († local policy)", 27),
    ("Note (write here)", 12),
)
LOCAL_MARK = "†"  # a trust's own rule, not NICE's: the column's heading says so
# "Since the last handover", a row per event; two side by side when there are many.
CHANGE_COLUMNS = (("When", 14), ("", 12), ("Patient", 44), ("What", 30))
CHANGES_SIDE_BY_SIDE = 6
# The checklist as a to-do line. Unknown keys fall back to the pathway file's title, so a
# trust's own items still print; the pain items are one group, as a registrar thinks of them.
TODO_WORDS = {
    "coordinator_assessment": "coordinator assessment",
    "mri": "MRI",
    "immobilisation": "immobilisation",
    "expert_review": "expert review",
    "analgesia": "analgesia",
    "dexamethasone": "dexamethasone",
    "sins": "SINS",
    "definitive_treatment": "definitive treatment",
    "rehabilitation": "rehabilitation",
    "discharge": "discharge planning",
    "information": "information to the person",
    "oncology_referral": "oncology referral",
}
PAIN_TODO = {
    "pain_assessment": "assessment",
    "pain_plan": "plan",
    "pain_review": "review",
    "pain_referral": "referral",
}


# --- What goes on the sheet ---------------------------------------------------------


@dataclass(frozen=True)
class HandoverSheet:
    """Everything printed, read once, so every page shows the same instant."""

    service: str
    shift: str
    coordinator: str
    printed_by: str
    printed_at: datetime
    cases: Sequence[HandoverCase]
    changes: HandoverChanges
    pathway: Pathway  # the clocks' short names


def load_sheet(
    db: Database, *, printed_by: str, now: datetime, pathway: Pathway | None = None
) -> HandoverSheet:
    pathway = pathway or default_pathway()
    return HandoverSheet(
        service=service_name(db),
        shift=shift_text(now),
        coordinator=current_coordinator(db),
        printed_by=display_name_of(db, printed_by),  # a person's name, not a sign-in name
        printed_at=now,
        cases=handover_cases(db, now, pathway),
        changes=changes_since_last_handover(db, now, pathway),
        pathway=pathway,
    )


def shift_text(now: datetime) -> str:
    """`Night shift, Tue 24 Nov 2026 20:00 → Wed 08:00`: the shift `now` falls in, London time.

    A night that started yesterday evening is still that night at 03:00, so the sheet
    printed at 03:00 and the one printed at 20:05 carry the same shift.
    """
    local = london(now)
    if DAY_STARTS <= local.hour < NIGHT_STARTS:
        return f"Day shift, {local:%a %d %b %Y} {DAY_STARTS:02d}:00 → {NIGHT_STARTS:02d}:00"
    start_day = local.date() if local.hour >= NIGHT_STARTS else local.date() - timedelta(days=1)
    end_day = start_day + timedelta(days=1)
    return (
        f"Night shift, {start_day:%a %d %b %Y} {NIGHT_STARTS:02d}:00 → "
        f"{end_day:%a} {DAY_STARTS:02d}:00"
    )


# --- HTML for each part ---------------------------------------------------------------


def _e(text: object) -> str:
    """Escaped, with no line break between a number and its unit (`24 h`, `16 mg`)."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"(?<=\d) (?=(?:h|min|d|mg|y)\b)", "\u00a0", escaped)


Line = tuple[str, str]  # (style, words): the sheet styles each line, a screen joins them


def change_rows(changes: HandoverChanges, now: datetime) -> list[tuple[str, str, str, str]]:
    """(when, what kind, who, what) for each event since the last handover, in time order.

    Names and case numbers only: a closed case's details no longer belong on a sheet
    carried round the hospital.
    """
    kinds = (
        ("New", changes.new_cases),
        ("Closed", changes.closed_cases),
        ("Breach", changes.breaches),
        ("Category", changes.category_changes),
    )
    events = sorted(
        ((item.at, kind, item) for kind, items in kinds for item in items),
        key=lambda e: (e[0], e[2].case_id),
    )
    return [
        (short_time(at, now), kind, f"{item.patient_name} (case {item.case_id})", item.what)
        for at, kind, item in events
    ]


def changes_heading(changes: HandoverChanges) -> str:
    if changes.last_handover is not None:
        last = changes.last_handover
        return f"Since the last handover: {last.text}, {format_london(last.at)}"
    return f"Since {format_london(changes.since)} (no handover recorded yet: the last 12 hours)"


def changes_counts(changes: HandoverChanges) -> str:
    counts = (
        ("new", changes.new_cases),
        ("closed", changes.closed_cases),
        ("breaches", changes.breaches),
        ("category changes", changes.category_changes),
    )
    return " · ".join(f"{len(items)} {word}" for word, items in counts)


def _change_table(rows: Sequence[tuple[str, str, str, str]]) -> str:
    widths = [w for _, w in CHANGE_COLUMNS]
    head = "".join(f'<td width="{w}%" class="head">{_e(t)}</td>' for t, w in CHANGE_COLUMNS)
    body = []
    for when, kind, who, what in rows:
        cells = (_e(when), f'<span class="kind">{_e(kind)}</span>', f"<b>{_e(who)}</b>", _e(what))
        body.append(
            "<tr>"
            + "".join(f'<td width="{w}%">{c}</td>' for c, w in zip(cells, widths, strict=True))
            + "</tr>"
        )
    return (
        f'<table class="changes" width="100%" cellspacing="0"><tr>{head}</tr>'
        + "".join(body)
        + "</table>"
    )


def changes_table_html(changes: HandoverChanges, now: datetime) -> str:
    """What happened since the role last changed hands: the counts, then a compact table
    of one line per event (two tables side by side when there are many). The sheet and
    the handover window both show it."""
    rows = change_rows(changes, now)
    parts = [f'<p class="counts">{_e(changes_counts(changes))}</p>']
    if len(rows) > CHANGES_SIDE_BY_SIDE:
        half = (len(rows) + 1) // 2
        parts.append(
            '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="50%" class="half">{_change_table(rows[:half])}</td>'
            f'<td width="50%" class="half">{_change_table(rows[half:])}</td></tr></table>'
        )
    elif rows:
        parts.append(_change_table(rows))
    return "".join(parts)


def changes_html(sheet: HandoverSheet) -> str:
    """The top of the first page: the changes since the last handover, then how many
    cases are open."""
    ch = sheet.changes
    parts = [
        f"<h2>{_e(changes_heading(ch))}</h2>",
        changes_table_html(ch, sheet.printed_at),
    ]
    cases = sheet.cases
    if cases:
        overdue = sum(1 for c in cases if c.overdue)
        by_category = Counter(c.category_short for c in cases)
        ranks = {c.category_short: c.category_rank for c in cases}
        counts = ", ".join(
            f"{_e(k)} {n}" for k, n in sorted(by_category.items(), key=lambda kv: ranks[kv[0]])
        )
        parts.append(
            f'<p class="summary">Open cases: {len(cases)} (overdue: {overdue}; {counts}), '
            "most urgent first.</p>"
        )
    else:
        parts.append('<p class="none">No open cases.</p>')
    return "".join(parts)


def _cells(cells: Iterable[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(
        f'<td width="{width}%"{attr}>{cell}</td>'
        for cell, (_, width) in zip(cells, COLUMNS, strict=True)
    )


def table_head_html() -> str:
    return (
        '<table class="cases" width="100%" cellspacing="0"><tr>'
        + _cells((_e(title) for title, _ in COLUMNS), "head")
        + "</tr></table>"
    )


def short_title(title: str) -> str:
    """A checklist title as a to-do word: `Adequate pain relief, promptly` -> `Adequate pain
    relief`; asides in brackets go, but "(local policy)" stays, as it does everywhere."""
    out: list[str] = []
    depth, aside = 0, ""
    for ch in title:
        if ch == "(":
            depth += 1
            aside = ""
        elif ch == ")" and depth:
            depth -= 1
            if aside.strip() == "local policy":
                out.append("(local policy)")
        elif depth:
            aside += ch
        else:
            out.append(ch)
    text = " ".join("".join(out).split())
    head, _, rest = text.partition(",")
    if rest and "(local policy)" in rest:
        head += " (local policy)"
    return head.strip() or title


def _started(label: str) -> str:
    return label[:-1] + ", started)" if label.endswith(")") else label + " (started)"


@dataclass(frozen=True)
class Todo:
    """One outstanding checklist item (or the pain items, as one)."""

    label: str
    started: bool  # something is entered already, so it is not done twice
    local: bool  # a local policy, not a NICE recommendation


def todo_items(case: HandoverCase) -> list[Todo]:
    """Outstanding checklist items in pathway order, the pain items as one group."""
    items: list[Todo] = []
    pain: list[str] = []
    pain_at = -1
    for key, title in zip(case.outstanding_keys, case.outstanding, strict=True):
        if key in PAIN_TODO:
            pain_at = len(items) if pain_at < 0 else pain_at
            pain.append(_started(PAIN_TODO[key]) if key in case.started else PAIN_TODO[key])
            continue
        label = (TODO_WORDS.get(key) or short_title(title)).replace("(local policy)", "").strip()
        started = key in case.started
        local = "(local policy)" in title
        if key in case.progress:  # how far it has got says more than "started"
            label = case.progress[key]
        elif started:
            label = _started(label)
        items.append(Todo(label, started or key in case.progress, local))
    if pain:
        items.insert(pain_at, Todo("pain: " + ", ".join(pain), False, False))
    return items


def todo_text(case: HandoverCase) -> str:
    """For a screen: the same list, "(local policy)" written out."""
    words = [f"{t.label} (local policy)" if t.local else t.label for t in todo_items(case)]
    return "; ".join(words) or "nothing"


def alert_lines(case: HandoverCase, pathway: Pathway) -> list[Line]:
    """An alert nobody has acknowledged, under the clock it is about (the stage goes
    without saying there: the time left says OVERDUE or how long is left)."""
    nxt = case.next_deadline
    lines: list[Line] = []
    for alert in case.alerts:
        if nxt is not None and alert.clock == nxt.label:
            lines.append(("alert", "alert not acknowledged"))
        else:
            stage = STAGE_WORDS.get(alert.stage, alert.stage)
            lines.append(
                ("alert", f"{pathway.clock_short(alert.clock)}: {stage}, alert not acknowledged")
            )
    return lines


def todo_html(case: HandoverCase) -> str:
    parts = []
    for t in todo_items(case):
        label = _e(t.label) + (LOCAL_MARK if t.local else "")
        parts.append(f'<span class="started">{label}</span>' if t.started else label)
    return "; ".join(parts) if parts else "nothing"


def urgency_lines(
    case: HandoverCase, now: datetime, pathway: Pathway, tags: Sequence[str] = ()
) -> list[Line]:
    """How urgent, in words: the category, the clock that runs out next and its time left,
    any other clock, and an alert nobody has acknowledged."""
    lines: list[Line] = [("cat", " · ".join((case.category_short, *tags)))]
    nxt = case.next_deadline
    if nxt is None:
        lines.append(("minor", "No clock running"))
    else:
        lines.append(("clock", pathway.clock_short(nxt.label)))
        lines.append(("when", nxt.time_left))
        was = "was due" if nxt.overdue else "due"
        lines.append(("minor", f"{was} {short_time(nxt.due_at, now)}"))
        for other in case.deadlines[1:]:
            lines.append(("minor", f"Also {pathway.clock_short(other.label)}: {other.time_left}"))
    return lines + alert_lines(case, pathway)


def identity(case: HandoverCase) -> str:
    """`NHS 943 476 5919`; the hospital number only when there is no NHS number to find
    the person by; or says there is neither."""
    if case.nhs_number:
        return f"NHS {case.nhs_display}"
    return f"MRN {case.hospital_number}" if case.hospital_number else "no NHS number"


def patient_lines(case: HandoverCase) -> list[Line]:
    """Who and where. Who called is on the case view: a sheet of 40 cases on five pages
    has room for what the next coordinator must act on, not for every telephone number."""
    return [
        ("name", case.patient_name),
        ("nhs", f"{identity(case)} · {case.age} y"),
        ("", case.location),
    ]


def situation_lines(case: HandoverCase) -> list[Line]:
    """What is wrong; what has been done is told item by item under Outstanding, or not
    at all once an item is done (the case view has it all)."""
    return [("", case.problem)]


def note_lines(case: HandoverCase, now: datetime) -> list[Line]:
    """The outgoing coordinator's note; none leaves the cell blank, for the pen."""
    if case.note is None:
        return []
    note = case.note
    return [
        *(("", line) for line in note.text.splitlines()),
        ("minor", f"— {note.author}, {short_time(note.at, now)}"),
    ]


def override_line(case: HandoverCase, now: datetime) -> str:
    """`Overridden from … by Dr A, 21:40: reason`, or "" when the category is the facts'."""
    if case.override is None:
        return ""
    when = short_time(case.override.at, now) if case.override.at else ""
    return case.override.words(when)


def words(lines: Sequence[Line]) -> list[str]:
    """The lines without their styles, for a screen."""
    return [text for _, text in lines]


def _html_lines(lines: Sequence[Line]) -> str:
    out = []
    for style, words in lines:
        if style == "when":  # "OVERDUE 2 h 05 min" is never split across lines
            out.append(f'<span class="when">{_e(words).replace(" ", NBSP)}</span>')
        elif style:
            out.append(f'<span class="{style}">{_e(words)}</span>')
        else:
            out.append(_e(words))
    return "<br>".join(out)


def case_html(case: HandoverCase, now: datetime, pathway: Pathway, tags: Sequence[str] = ()) -> str:
    """One case, one row: how urgent, who, what is wrong and done, what is left, a note;
    a category set by hand gets a line of its own across the row, with its reason."""
    cells = _cells(
        (
            _html_lines(urgency_lines(case, now, pathway, tags)),
            _html_lines(patient_lines(case)),
            _html_lines(situation_lines(case)),
            todo_html(case),
            _html_lines(note_lines(case, now)),
        )
    )
    override = override_line(case, now)
    extra = (
        f'<tr><td colspan="{len(COLUMNS)}" class="override">'
        f'<span class="what">Category set by hand.</span> {_e(override)}</td></tr>'
        if override
        else ""
    )
    return f'<table class="cases" width="100%" cellspacing="0"><tr>{cells}</tr>{extra}</table>'


def continued_html(case: HandoverCase) -> str:
    return (
        f'<p class="continued">Continued: <b>{_e(case.patient_name)}</b>, '
        f"{_e(identity(case))}, case {case.case_id}</p>"
    )


def case_tags(sheet: HandoverSheet) -> dict[int, list[str]]:
    """NEW and ESCALATED beside the category, so the top section need not be re-read."""
    tags: dict[int, list[str]] = {}
    for item in sheet.changes.new_cases:
        tags.setdefault(item.case_id, []).append("NEW")
    for item in sheet.changes.category_changes:
        word = "ESCALATED" if item.escalated else "RE-CATEGORISED"
        if word not in tags.get(item.case_id, []):
            tags.setdefault(item.case_id, []).append(word)
    return tags


def header_html(sheet: HandoverSheet) -> str:
    coordinator = sheet.coordinator or "not recorded"
    return (
        '<table width="100%" cellspacing="0" cellpadding="0">'
        f'<tr><td class="title">{_e(sheet.service)}: handover</td>'
        f'<td class="shift" align="right">{_e(sheet.shift)}</td></tr>'
        f'<tr><td class="meta">Coordinator now: <b>{_e(coordinator)}</b></td>'
        f'<td class="meta" align="right">Printed {_e(format_london(sheet.printed_at))} by '
        f"<b>{_e(sheet.printed_by)}</b>; times left are as at printing</td></tr></table>"
    )


def sheet_html(sheet: HandoverSheet) -> str:
    """The whole sheet as one HTML document, for a screen or a plain-text copy."""
    body = [header_html(sheet), "<hr>", changes_html(sheet)]
    if sheet.cases:
        body.append(table_head_html())
        tags = case_tags(sheet)
        body.extend(
            case_html(c, sheet.printed_at, sheet.pathway, tags.get(c.case_id, ()))
            for c in sheet.cases
        )
    body.append(f"<hr><p><b>{_e(MARKING)}</b></p>")
    return "<html><body>" + "".join(body) + "</body></html>"


# --- Layout on a page -------------------------------------------------------------------


def _style_sheet() -> str:
    return resource_path("reports", "handover.css").read_text(encoding="utf-8")


def paint_sheet(device: QPagedPaintDevice, sheet: HandoverSheet) -> int:
    """Lay out and paint the whole sheet on a PDF writer or a printer; returns the pages."""
    ensure_gui_application()
    dpi = float(device.logicalDpiY())
    paint = device.pageLayout().paintRectPixels(round(dpi))
    width, height = float(paint.width()), float(paint.height())
    lay = PageLayout(device, width, _style_sheet())

    header = lay.document(header_html(sheet))
    body_top, body_bottom = body_span(lay, header, lay.document(footer_html(999, 999)), height)

    now = sheet.printed_at
    tags = case_tags(sheet)
    parts = [changes_html(sheet)]
    parts.extend(case_html(c, now, sheet.pathway, tags.get(c.case_id, ())) for c in sheet.cases)
    changes, *rows = shared_blocks(parts, lay.document)
    blocks = [changes]
    blocks.extend(
        replace(row, is_case=True, shaded=c.overdue, continued=continued_html(c))
        for row, c in zip(rows, sheet.cases, strict=True)
    )
    head = Block(lay.document(table_head_html()))
    pages = paginate(blocks, head, body_top, body_bottom, lay.document)
    return paint_pages(device, lay, header, pages, height)


# --- Entry points -------------------------------------------------------------------------


def a4_landscape() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def configure_printer(printer: QPrinter) -> None:
    """A4 landscape, as the sheet is designed; the user may still change it in the dialog."""
    printer.setPageLayout(a4_landscape())
    printer.setDocName("MSCC handover")


def build_handover_document(
    db: Database, *, printed_by: str, now: datetime, pathway: Pathway | None = None
) -> QTextDocument:
    """The sheet as one flowing document (the same HTML parts) for a screen or a copy."""
    ensure_gui_application()
    sheet = load_sheet(db, printed_by=printed_by, now=now, pathway=pathway)
    doc = QTextDocument()
    doc.setDefaultFont(report_font())
    doc.setDefaultStyleSheet(_style_sheet())
    doc.setHtml(sheet_html(sheet))
    return doc


def print_handover(
    printer: QPrinter,
    db: Database,
    *,
    printed_by: str,
    now: datetime,
    pathway: Pathway | None = None,
    keep_layout: bool = False,
) -> int:
    """Print (or preview) the sheet; the same painter as the PDF. Returns the pages.

    `keep_layout` keeps the page set-up the user chose in the print dialog.
    """
    ensure_gui_application()
    if not keep_layout:
        configure_printer(printer)
    sheet = load_sheet(db, printed_by=printed_by, now=now, pathway=pathway)
    return paint_sheet(printer, sheet)


def render_handover_pdf(
    db: Database,
    out_path: str | os.PathLike[str],
    *,
    printed_by: str,
    now: datetime,
    pathway: Pathway | None = None,
    before_replace: Callable[[int, int], None] | None = None,
) -> int:
    """Write the sheet as an A4 landscape PDF; returns the number of pages.

    Written beside the target and renamed into place, so a failure never leaves a
    half-written sheet where a scheduled job or a printer would pick it up; and when
    `before_replace(pages, open_cases)` (the record of the printout) refuses, no file.
    """
    return _render(
        db,
        Path(out_path),
        printed_by=printed_by,
        now=now,
        pathway=pathway,
        before_replace=before_replace,
    )[0]


def _render(
    db: Database,
    out: Path,
    *,
    printed_by: str,
    now: datetime,
    pathway: Pathway | None,
    before_replace: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """`before_replace(pages, open_cases)` (the audit record) runs before the rename: if
    it refuses, no file is left."""
    sheet = load_sheet(db, printed_by=printed_by, now=now, pathway=pathway)

    def recorded(pages: int) -> None:
        if before_replace is not None:
            before_replace(pages, len(sheet.cases))

    pages = write_pdf(
        out, a4_landscape(), "MSCC handover", lambda w: paint_sheet(w, sheet), recorded
    )
    return pages, len(sheet.cases)


def cmd_handover(db_target: str | None, out: str, printed_by: str) -> dict[str, Any]:
    """`mscc-desk handover --pdf OUT`: the sheet of every open case, and a record of it."""
    from ..domain.clock import SystemClock
    from ..store.handover import record_printed
    from ..store.opening import open_database

    target = Path(out).expanduser()
    if not str(out).strip():
        raise InputError("--pdf", "is required")
    if target.is_dir():
        raise InputError("--pdf", f"{out} is a directory; give a file name")
    if not target.parent.resolve().is_dir():
        raise InputError("--pdf", f"the directory {target.parent} does not exist")
    if not printed_by.strip():
        raise InputError("user", "is required")
    now = SystemClock().now()
    path = str(target.resolve())

    def record(pages: int, open_cases: int) -> None:
        record_printed(db, printed_by, now, pages=pages, open_cases=open_cases, target=path)

    db = open_database(db_target)
    try:
        check_may_print(db, printed_by, now)  # a refused printout writes no file
        pages, open_cases = _render(
            db, target, printed_by=printed_by, now=now, pathway=None, before_replace=record
        )
    finally:
        db.dispose()
    return {"pdf": path, "pages": pages, "open_cases": open_cases}


__all__ = [
    "BODY_PT",
    "MARKING",
    "HandoverSheet",
    "build_handover_document",
    "cmd_handover",
    "configure_printer",
    "ensure_gui_application",
    "load_sheet",
    "paint_sheet",
    "print_handover",
    "render_handover_pdf",
    "shift_text",
]

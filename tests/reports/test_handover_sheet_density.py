"""The handover sheet as the dense table a handover is (issue 13, item 5).

40 typical open cases (the demo's, among 2,000) fit on five A4 pages, one row per case,
most urgent first, each with its urgency in words, its next clock and time left, what is
outstanding, an override with its reason, who and when, and room for a handwritten note.
What happened since the last handover is a compact table, a line per event. Read back
from the PDF, as the person holding the paper would read it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter

from mscc_desk.demo import make_demo
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import format_nhs
from mscc_desk.reports.handover import identity, print_handover, render_handover_pdf
from mscc_desk.store.alerts import raise_alerts
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import handover_cases, set_handover_note
from mscc_desk.store.opening import open_database
from tests.reports.handover_helpers import NOW, hours, nhs, open_db, payload, pdf_pages

DEMO_NOW = datetime(2026, 11, 30, 6, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 synthetic cases, 40 of them open: a busy desk's typical night."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    try:
        summary = make_demo(db, cases=2000, seed=1, clock=FakeClock(DEMO_NOW))
        assert summary["open"] == 40
        # As on a desk that is running: the overdue and nearly due clocks have alerts
        # nobody has acknowledged yet, and each says so in its row.
        assert len(raise_alerts(db, DEMO_NOW)) >= 8
    finally:
        db.dispose()
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def test_forty_typical_open_cases_fit_on_five_pages_one_row_each(
    demo: Path, tmp_path: Path
) -> None:
    db = open_database(demo)
    try:
        out = tmp_path / "handover.pdf"
        pages = render_handover_pdf(db, out, printed_by="demo.coordinator", now=DEMO_NOW)
        cases = handover_cases(db, DEMO_NOW)
    finally:
        db.dispose()
    assert len(cases) == 40
    assert pages <= 5
    texts = [flat(t) for t in pdf_pages(out)]
    assert len(texts) == pages
    whole = " ".join(texts)
    # Every case once, whole on one page, in the order of urgency.
    positions = []
    for case in cases:
        row = f"{case.patient_name} {identity(case)}"  # the name with who they are, in its row
        holding = [i for i, t in enumerate(texts) if row in t]
        assert len(holding) == 1, f"{row} on pages {holding}"
        positions.append((holding[0], texts[holding[0]].index(row)))
    assert positions == sorted(positions), "not most urgent first"
    # Urgency in words with the time left, and the note column, on every page.
    assert whole.count("OVERDUE") >= sum(1 for c in cases if c.overdue)
    assert whole.count("alert not acknowledged") == sum(len(c.alerts) for c in cases) >= 8
    for text in texts:
        assert "Urgency · next clock" in text and "Note (write here)" in text
        assert "Outstanding († local policy)" in text
    # Printed by a person's name, not the sign-in name.
    assert "by Alex Morgan (demo coordinator)" in texts[0]
    assert "demo.coordinator" not in whole


def test_since_the_last_handover_is_a_line_per_event(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        out = tmp_path / "handover.pdf"
        render_handover_pdf(db, out, printed_by="sam", now=DEMO_NOW)
    finally:
        db.dispose()
    first = flat(pdf_pages(out)[0])
    counts = re.search(r"(\d+) new · (\d+) closed · (\d+) breaches · (\d+) category changes", first)
    assert counts is not None
    events = sum(int(n) for n in counts.groups())
    # One line each: a time, what happened, the person and case number.
    lines = re.findall(r"(?:\w{3} )?\d\d:\d\d (?:New|Closed|Breach|Category) [A-Z'-]+, ", first)
    assert len(lines) == events > 6  # enough to be set out side by side


def test_an_override_is_in_its_row_with_reason_who_and_when(
    tmp_path: Path,
) -> None:
    db: Database = open_db(tmp_path)
    clock = FakeClock(NOW - hours(3))
    record_call(
        db,
        payload(
            "Okafor",
            "Grace",
            nhs(1),
            at=clock.now(),
            neuro=(),
            pain=("nocturnal",),
            case={"category_override": "emergency", "override_reason": "new weakness on exam"},
        ),
        user="coord",
        clock=clock,
    )
    case = record_call(
        db, payload("Hughes", "Dylan", nhs(2), at=clock.now()), user="coord", clock=clock
    )
    set_handover_note(db, case.case_id, "Ring the family at 08:00", "coord", NOW - hours(1))
    out = tmp_path / "sheet.pdf"
    render_handover_pdf(db, out, printed_by="coord", now=NOW)
    text = flat(" ".join(pdf_pages(out)))
    okafor = text[text.index("OKAFOR, Grace") :]
    assert "Category set by hand." in okafor
    assert "Overridden from" in okafor and "by coord, 17:05: new weakness on exam" in okafor
    assert "Ring the family at 08:00 — coord, 19:05" in text  # a typed note, signed
    assert format_nhs(nhs(2)) in text


def test_print_preview_draws_the_same_pages(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        pdf = tmp_path / "writer.pdf"
        pages = render_handover_pdf(db, pdf, printed_by="sam", now=DEMO_NOW)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printed = tmp_path / "printer.pdf"
        printer.setOutputFileName(str(printed))
        assert print_handover(printer, db, printed_by="sam", now=DEMO_NOW) == pages
        del printer
    finally:
        db.dispose()

    # The same words on the same pages (text extraction may space them differently).
    def squeezed(path: Path) -> list[str]:
        return [re.sub(r"\s+", "", t) for t in pdf_pages(path)]

    assert squeezed(printed) == squeezed(pdf)

"""The cases of the handover are laid out in one document, each case's table a block of
it: each block must be exactly as tall as that case alone in a document of its own (as
every case once was), so the pages break where they always did and the sheet looks the
same."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QPdfWriter

from mscc_desk.domain.clock import FakeClock
from mscc_desk.reports import handover as report
from mscc_desk.store.handover import set_handover_note
from tests.reports.handover_helpers import NOW, add_case, open_db


def test_each_case_block_is_as_tall_as_the_case_alone(
    qapp: QGuiApplication, tmp_path: Path
) -> None:
    db = open_db(tmp_path)
    clock = FakeClock(NOW)
    try:
        for n in range(8):
            case_id, _ = add_case(
                db, clock, n, NOW - timedelta(hours=2 + 5 * n), emergency=n % 3 != 1
            )
            if n % 2:
                note = "MRI booked 23:00 on the main site; porter arranged. " * (n + 1)
                set_handover_note(db, case_id, note, "coordinator", NOW - timedelta(minutes=5))
        sheet = report.load_sheet(db, printed_by="coordinator", now=NOW)
    finally:
        db.dispose()
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setResolution(report.PDF_DPI)
    writer.setPageLayout(report.a4_landscape())
    width = float(writer.pageLayout().paintRectPixels(report.PDF_DPI).width())
    lay = report._Layout(writer, width)
    cases = [
        (report.case_html(c, NOW, sheet.pathway), c.overdue, report.continued_html(c))
        for c in sheet.cases
    ]
    blocks = report._case_blocks(lay, cases)
    alone = [lay.document(html).size().height() for html, _, _ in cases]
    assert len({id(b.doc) for b in blocks}) == 1  # one document for all of them
    assert [b.height for b in blocks] == alone
    assert len(set(alone)) > 1  # cases of different heights were compared
    tops = [b.top for b in blocks]
    assert tops == [sum(alone[:i]) for i in range(len(alone))]

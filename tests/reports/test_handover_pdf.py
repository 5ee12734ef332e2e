"""The handover printout: complete, marked, paged, landscape, and the same on every path.

The sheet is read by pypdf, as a check of what a person holding the paper sees: every
open case's NHS number, no closed case's, the marking and "Page N of M" on each page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.resources import resource_path
from mscc_desk.reports.handover import (
    BODY_PT,
    MARKING,
    build_handover_document,
    cmd_handover,
    print_handover,
    render_handover_pdf,
    shift_text,
    short_title,
)
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import record_handover, set_handover_note
from mscc_desk.store.models import AuditEvent
from mscc_desk.store.settings import set_setting
from mscc_desk.version import version_line
from tests.reports.handover_helpers import (
    NOW,
    add_case,
    close,
    hours,
    open_db,
    pdf_pages,
    shown,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's QApplication: one application object serves every test in the run."""
    return qapp


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def _flat(text: str) -> str:
    return " ".join(text.split())


def check_every_page(pages: list[str]) -> None:
    """The marking, the build and the page number, on every page, with the right total."""
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        assert "OFFICIAL-SENSITIVE" in flat, f"page {number} lacks the marking"
        assert _flat(MARKING) in flat
        assert version_line() in flat, f"page {number} lacks the version"
        assert f"Page {number} of {len(pages)}" in flat, f"page {number}: {flat[-200:]}"


def test_open_cases_printed_closed_ones_not(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    record_handover(db, "Dr A, nights", "Coordinator day", "dr.a", NOW - hours(12))
    open_numbers = []
    for n in range(4):
        _, number = add_case(db, clock, n, NOW - hours(3 * n + 1), emergency=n % 2 == 0)
        open_numbers.append(number)
    closed_before, closed_before_nhs = add_case(db, clock, 10, NOW - hours(20))
    close(db, closed_before, NOW - hours(13))  # before the last handover: gone from the sheet
    closed_since, closed_since_nhs = add_case(db, clock, 11, NOW - hours(5), family="Closedsince")
    close(db, closed_since, NOW - hours(1))  # named under "Closed", but no details

    out = tmp_path / "handover.pdf"
    pages = render_handover_pdf(db, out, printed_by="Sam Jones", now=NOW)

    assert out.read_bytes().startswith(b"%PDF")
    texts = pdf_pages(out)
    assert len(texts) == pages >= 1
    whole = _flat(" ".join(texts))
    for number in open_numbers:
        assert shown(number) in whole
    for number in (closed_before_nhs, closed_since_nhs):
        assert shown(number) not in whole
        assert number not in whole
    assert "FAMILY10" not in whole
    assert "CLOSEDSINCE, Given11" in whole  # listed as closed since the handover
    check_every_page(texts)
    for page in PdfReader(str(out)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height
        assert abs(width - 842) < 2 and abs(height - 595) < 2


def test_header_says_service_shift_and_who_printed(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    add_case(db, clock, 1, NOW - hours(26))  # overdue
    add_case(db, clock, 2, NOW - timedelta(hours=23, minutes=15))  # due in 45 min
    with db.session() as session:
        set_setting(session, "service.name", "North Trust MSCC service", NOW)
    record_handover(db, "Coordinator day", "Dr B, oncology registrar, nights", "sam", NOW)
    out = tmp_path / "sheet.pdf"
    render_handover_pdf(db, out, printed_by="Sam Jones", now=NOW + timedelta(minutes=5))
    first = _flat(pdf_pages(out)[0])
    assert "North Trust MSCC service" in first
    assert "Night shift, Tue 24 Nov 2026 20:00 → Wed 08:00" in first
    assert "Printed Tue 24 Nov 2026 20:10 GMT by Sam Jones" in first
    assert "Coordinator now: Dr B, oncology registrar, nights" in first
    assert "Since the last handover" in first
    # Urgency in words, not colour alone.
    assert "EMERGENCY" in first
    assert "OVERDUE 2 h 05 min" in first
    assert "due in 40 min" in first


def test_an_empty_board_still_prints_a_sheet(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert render_handover_pdf(db, out, printed_by="Sam", now=NOW) == 1
    [text] = pdf_pages(out)
    assert "No open cases." in _flat(text)
    check_every_page([text])


def test_cases_kept_whole_across_pages(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    numbers = {}
    for n in range(14):
        case_id, number = add_case(db, clock, n, NOW - hours(n * 2 + 1), emergency=n % 3 != 2)
        numbers[case_id] = (number, f"FAMILY{n}, Given{n}")
        if n % 4 == 0:
            set_handover_note(
                db,
                case_id,
                "Awaiting MRI slot; ring the radiographer on 4410 if not scanned by 23:00.\n"
                "Family aware.",
                "sam",
                NOW - hours(1),
            )
    out = tmp_path / "long.pdf"
    pages = render_handover_pdf(db, out, printed_by="Sam", now=NOW)
    texts = [_flat(t) for t in pdf_pages(out)]
    assert pages == len(texts) >= 3
    check_every_page(pdf_pages(out))
    for number, name in numbers.values():
        holding = [i for i, t in enumerate(texts) if shown(number) in t]
        assert len(holding) == 1, f"{name}: NHS number on pages {holding}"
        assert name in texts[holding[0]], f"{name} split from its NHS number"
    # Every page after the first starts the case list with its column heads again.
    for text in texts[1:]:
        assert "Urgency · next clock" in text


def test_print_preview_and_pdf_are_one_code_path(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    for n in range(9):
        add_case(db, clock, n, NOW - hours(n + 1))
    pdf = tmp_path / "writer.pdf"
    pages = render_handover_pdf(db, pdf, printed_by="Sam", now=NOW)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(printed))
    assert print_handover(printer, db, printed_by="Sam", now=NOW) == pages
    del printer
    texts = pdf_pages(printed)
    assert len(texts) == pages
    check_every_page(texts)
    assert _flat(" ".join(texts)).count("NHS 999") == 9
    page = PdfReader(str(printed)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)

    doc = build_handover_document(db, printed_by="Sam", now=NOW)
    plain = doc.toPlainText()
    assert "OFFICIAL-SENSITIVE" in plain and plain.count("NHS 999") == 9


def test_cmd_handover_writes_the_pdf_and_records_it(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    add_case(db, clock, 1, NOW - hours(1))
    add_case(db, clock, 2, NOW - hours(2), emergency=False)
    target = str(db.url.database)
    db.dispose()
    out = tmp_path / "cli.pdf"
    result = cmd_handover(target, str(out), "night-job")
    assert result == {"pdf": str(out.resolve()), "pages": 1, "open_cases": 2}
    assert out.read_bytes().startswith(b"%PDF")
    reopened = open_db(tmp_path)
    with reopened.session() as session:
        [ev] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "handover.printed")
        ).all()
        assert ev.detail["pages"] == 1 and ev.detail["open_cases"] == 2
    assert not list(tmp_path.glob("*.partial"))


def test_cmd_handover_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        cmd_handover(str(tmp_path / "db.sqlite3"), str(tmp_path / "nowhere" / "x.pdf"), "sam")
    assert excinfo.value.field == "--pdf"
    assert not (tmp_path / "db.sqlite3").exists()


def test_headless_without_a_display(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    """A scheduled job has no display and no Qt application; it must still print, and exit
    cleanly (a crash at exit would fail the job after the PDF was written)."""
    for n in range(30):
        add_case(db, clock, n, NOW - hours(n + 1))
    target = str(db.url.database)
    db.dispose()
    out = tmp_path / "job.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    script = (
        "import json, sys\n"
        "from mscc_desk.reports.handover import cmd_handover\n"
        "print(json.dumps(cmd_handover(sys.argv[1], sys.argv[2], 'cron')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, target, str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"open_cases": 30' in done.stdout
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (
            datetime(2026, 11, 24, 20, 5, tzinfo=UTC),
            "Night shift, Tue 24 Nov 2026 20:00 → Wed 08:00",
        ),
        (
            datetime(2026, 11, 25, 3, 0, tzinfo=UTC),
            "Night shift, Tue 24 Nov 2026 20:00 → Wed 08:00",
        ),
        (datetime(2026, 11, 25, 8, 0, tzinfo=UTC), "Day shift, Wed 25 Nov 2026 08:00 → 20:00"),
        # British Summer Time: 07:30 UTC is 08:30 in London, the day shift.
        (datetime(2026, 6, 10, 7, 30, tzinfo=UTC), "Day shift, Wed 10 Jun 2026 08:00 → 20:00"),
        (
            datetime(2026, 6, 10, 19, 30, tzinfo=UTC),
            "Night shift, Wed 10 Jun 2026 20:00 → Thu 08:00",
        ),
    ],
)
def test_shift_from_london_time(at: datetime, expected: str) -> None:
    assert shift_text(at) == expected


def test_text_is_never_below_9_points() -> None:
    css = resource_path("reports", "handover.css").read_text(encoding="utf-8")
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert sizes and min(sizes) >= 9
    assert BODY_PT >= 9
    assert not re.findall(r"font-size:\s*[\d.]+px", css)  # points, so sizes are physical


def test_short_checklist_titles() -> None:
    assert short_title("Adequate pain relief, promptly") == "Adequate pain relief"
    assert short_title("Dexamethasone (local policy)") == "Dexamethasone (local policy)"
    assert (
        short_title("Spinal Instability Neoplastic Score (an aid, not a decision)")
        == "Spinal Instability Neoplastic Score"
    )


def test_a_case_taller_than_a_page_runs_on_and_says_whose_it_is(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    case_id, number = add_case(db, clock, 1, NOW - hours(1))
    note = "\n".join(
        f"Line {i:02d}: something the next coordinator must read about this case."
        for i in range(26)
    )
    set_handover_note(db, case_id, note, "sam", NOW)
    out = tmp_path / "tall.pdf"
    pages = render_handover_pdf(db, out, printed_by="Sam", now=NOW)
    texts = [_flat(t) for t in pdf_pages(out)]
    assert pages == len(texts) >= 2
    check_every_page(pdf_pages(out))
    whole = " ".join(texts)
    assert all(f"Line {i:02d}:" in whole for i in range(26))  # nothing lost at a page break
    for text in texts[1:]:  # pypdf puts a space where the bold name ends
        assert "Continued: FAMILY1, Given1" in text
        assert f"NHS {shown(number)}, case {case_id}" in text

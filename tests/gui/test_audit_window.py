"""The Audit window and the intake's decile from the postcode, driven by the keyboard
(pytest-qt, offscreen), on a real SQLite file with cases written as the desk writes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.domain.audit_period import Period
from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.audit.window import AuditWindow
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.intake.window import IntakeWindow
from mscc_desk.store.engine import Database
from mscc_desk.store.imd import import_lookup
from mscc_desk.store.models import AuditEvent
from mscc_desk.store.opening import open_database
from tests.imd_files import decile_of, postcodes, write_files
from tests.store.test_service_audit_read import populate

NOW = datetime(2026, 3, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "x.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def ctx(qapp: QApplication, db: Database) -> DeskContext:
    return DeskContext(db, user="coord", clock=FakeClock(NOW))


def test_a_measure_lists_its_cases_and_enter_opens_one(
    qtbot: QtBot, ctx: DeskContext, db: Database, tmp_path: Path
) -> None:
    ids = populate(db, 12)
    opened: list[int] = []
    window = AuditWindow(ctx, opened.append)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.period == Period(date(2026, 3, 1), date(2026, 3, 31))  # this month
    assert window.audit is not None and len(window.audit.cases) == 12
    table = window.ui.measuresTable
    assert table.item(0, 0).text() == "MRI ≤ 24 h"
    mri = window.audit.overall.measure("mri_within_24h")
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == (
        str(mri.numerator),
        str(mri.denominator),
    )
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    cases = window.ui.caseTable
    assert cases.hasFocus() and cases.rowCount() == mri.denominator
    assert cases.item(0, 4).text() == "NOT MET"  # those not met come first
    first = int(cases.item(0, 0).text())
    assert first in mri.not_met and first in ids
    qtbot.keyClick(cases, Qt.Key.Key_Return)
    assert opened == [first]
    # An earlier month has nothing; the charts are there whatever the period.
    window.ui.earlierButton.click()
    assert window.period.start == date(2026, 2, 1) and not window.audit.cases
    assert window.run_view.chart() is not None and window.quintile_view.chart() is not None
    # The exports are the command line's, and recorded as leaving the service.
    window.set_period(Period(date(2026, 3, 1), date(2026, 3, 31)))
    csv_path = window.export_csv(str(tmp_path / "a.csv"))
    pdf_path = window.export_pdf(str(tmp_path / "a.pdf"))
    assert csv_path is not None and csv_path.read_text(encoding="utf-8-sig").count("\n") == 13
    assert pdf_path is not None and pdf_path.read_bytes().startswith(b"%PDF")
    with db.read_session() as session:
        kinds = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "service_audit.exported")
        ).all()
    assert [k["kind"] for k in kinds] == ["csv", "pdf"]


def test_the_desk_menu_opens_the_audit_and_its_case_in_the_case_view(
    qtbot: QtBot, ctx: DeskContext, db: Database
) -> None:
    populate(db, 4)
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    main.ui.actionAudit.trigger()
    audit = main._audit
    assert audit is not None and audit.isVisible()
    audit.list_cases()
    case_id = audit.selected_case_id()
    assert case_id is not None
    audit.open_selected_case()
    view = main._cases.get(case_id)
    assert view is not None and shiboken6.isValid(view)
    view.close()
    # Esc closes it, as it closes the case and shift windows (the key list says so).
    audit.activateWindow()
    qtbot.waitUntil(audit.isActiveWindow)
    qtbot.keyClick(audit.ui.measuresTable, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not audit.isVisible())


def test_the_intake_fills_the_decile_from_the_postcode_and_never_over_a_typed_one(
    qtbot: QtBot, ctx: DeskContext, db: Database, tmp_path: Path
) -> None:
    import_lookup(db, *write_files(tmp_path, 50, lsoas=10), user="coord", now=NOW)
    window = IntakeWindow(ctx)
    window.resize(1400, 900)
    window.show()
    try:
        fields = window.fields.by_key
        postcode, decile = fields["patient.postcode"], fields["patient.imd_decile"]
        codes = list(postcodes(4))
        postcode.set_raw(codes[3].replace(" ", ""))  # row 3: LSOA 3
        assert decile.raw() == str(decile_of(3))
        assert decile.hint is None or "from postcode lookup, IoD 2019" in decile.hint.text()
        note = window.findChildren(type(window.ui.titleLabel))
        assert any("from postcode lookup, IoD 2019" in label.text() for label in note)
        postcode.set_raw(codes[1])  # another postcode: the lookup's decile follows it
        assert decile.raw() == str(decile_of(1))
        postcode.set_raw("ZZ99 9ZZ")  # not in the lookup: its decile is taken back
        assert decile.raw() == ""
        decile.set_raw("7")  # typed: the user's, and it wins
        postcode.set_raw(codes[2])
        assert decile.raw() == "7"
    finally:
        window.close()

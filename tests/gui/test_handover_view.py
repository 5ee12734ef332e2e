"""The shift view: the list, the notes, handing over, and printing through the sheet's code.

Offscreen, with pytest-qt; a real SQLite file and cases made by `record_call`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.handover.view import HandoverDialog, HandoverView
from mscc_desk.store.auth import create_user
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import current_coordinator, handover_cases, last_handover
from mscc_desk.store.models import AuditEvent
from tests.reports.handover_helpers import NOW, add_case, close, hours, open_db, pdf_pages, shown


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def cases(db: Database, clock: FakeClock) -> dict[str, tuple[int, str]]:
    made = {
        "overdue": add_case(db, clock, 1, NOW - hours(26), family="Overdue"),
        "advice": add_case(db, clock, 2, NOW - hours(1), emergency=False, family="Advice"),
        "soon": add_case(db, clock, 3, NOW - hours(20), family="Soon"),
        "closed": add_case(db, clock, 4, NOW - hours(3), family="Closed"),
    }
    close(db, made["closed"][0], NOW - hours(1))
    clock.set(NOW)
    return made


@pytest.fixture
def view(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, tuple[int, str]]
) -> HandoverView:
    ctx = DeskContext(db, user="sam", clock=clock)
    widget = HandoverView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def _row_ids(view: HandoverView) -> list[int]:
    return [
        view.model.data(view.model.index(r, 0), Qt.ItemDataRole.UserRole + 1)
        for r in range(view.model.rowCount())
    ]


def test_lists_open_cases_most_urgent_first(
    view: HandoverView, cases: dict[str, tuple[int, str]]
) -> None:
    assert _row_ids(view) == [cases["overdue"][0], cases["soon"][0], cases["advice"][0]]
    urgency = view.model.data(view.model.index(0, 0))
    assert "EMERGENCY" in urgency and "OVERDUE 2 h 00 min" in urgency
    patient = view.model.data(view.model.index(0, 1))
    assert "OVERDUE, Given1" in patient and shown(cases["overdue"][1]) in patient
    assert "3 (1 OVERDUE)" in view.ui.casesLabel.text()
    changes = view.ui.changesText.toPlainText()
    assert "no handover recorded yet" in view.ui.changesGroup.title()
    # The last 12 hours, a line per event, as on the sheet: the advice case and the
    # closed one were new, and one was closed.
    assert changes.startswith("2 new · 1 closed")
    assert "CLOSED, Given4 (case 4)" in changes and "MSCC excluded" in changes


def test_note_saved_with_author_and_time(
    qtbot: QtBot, view: HandoverView, db: Database, cases: dict[str, tuple[int, str]]
) -> None:
    case_id = cases["soon"][0]
    assert view.select_case(case_id)
    assert view.ui.noteEdit.isEnabled() and not view.ui.saveNoteButton.isEnabled()
    view.ui.noteEdit.setFocus()
    qtbot.keyClicks(view.ui.noteEdit, "MRI at 23:00; porter booked")
    assert view.ui.saveNoteButton.isEnabled()
    with qtbot.waitSignal(view.ctx.data_changed, timeout=2000):
        qtbot.mouseClick(view.ui.saveNoteButton, Qt.MouseButton.LeftButton)
    [case] = [c for c in handover_cases(db, NOW) if c.case_id == case_id]
    assert case.note is not None
    assert (case.note.text, case.note.author, case.note.at) == (
        "MRI at 23:00; porter booked",
        "sam",
        NOW,
    )
    assert view.selected_case_id() == case_id  # the refresh kept the case
    assert "Written by sam" in view.ui.noteMetaLabel.text()
    assert not view.ui.saveNoteButton.isEnabled()


def test_ctrl_s_saves_and_moving_on_keeps_the_note(
    qtbot: QtBot, view: HandoverView, db: Database, cases: dict[str, tuple[int, str]]
) -> None:
    first, second = cases["overdue"][0], cases["advice"][0]
    view.select_case(first)
    view.ui.noteEdit.setFocus()
    qtbot.keyClicks(view.ui.noteEdit, "Chase MRI")
    qtbot.keyClick(view.ui.noteEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    view.ui.noteEdit.setFocus()
    qtbot.keyClicks(view.ui.noteEdit, " and ring 7B")
    view.select_case(second)  # moving to another case keeps what was typed
    notes = {c.case_id: c.note for c in handover_cases(db, NOW)}
    kept = notes[first]
    assert kept is not None and kept.text == "Chase MRI and ring 7B"
    assert view.ui.noteEdit.toPlainText() == ""
    assert view.selected_case_id() == second


def test_refresh_never_overwrites_a_note_being_typed(
    qtbot: QtBot, view: HandoverView, db: Database, cases: dict[str, tuple[int, str]]
) -> None:
    case_id = cases["advice"][0]
    view.select_case(case_id)
    view.ui.noteEdit.setFocus()
    qtbot.keyClicks(view.ui.noteEdit, "half a thought")
    view.ctx.data_changed.emit()  # another window wrote something
    view.refresh()
    assert view.ui.noteEdit.toPlainText() == "half a thought"
    assert view.selected_case_id() == case_id
    notes = {c.case_id: c.note for c in handover_cases(db, NOW)}
    assert notes[case_id] is None  # nothing saved behind the user's back


def test_hand_over_records_the_new_coordinator(
    qtbot: QtBot, view: HandoverView, db: Database
) -> None:
    qtbot.mouseClick(view.ui.handOverButton, Qt.MouseButton.LeftButton)
    dialog = view.findChild(HandoverDialog)
    assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nobody to hand over to yet
    dialog.ui.fromEdit.setText("Coordinator day")
    qtbot.keyClicks(dialog.ui.toEdit, "Dr B, oncology registrar, nights")
    assert ok.isEnabled()
    assert dialog.ui.previewLabel.text() == "Coordinator day → Dr B, oncology registrar, nights"
    with qtbot.waitSignal(view.ctx.data_changed, timeout=2000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    last = last_handover(db)
    assert last is not None
    assert (last.from_text, last.to_text, last.by, last.at) == (
        "Coordinator day",
        "Dr B, oncology registrar, nights",
        "sam",
        NOW,
    )
    assert current_coordinator(db) == "Dr B, oncology registrar, nights"
    assert "Dr B, oncology registrar, nights" in view.ui.coordinatorLabel.text()
    assert "Since the last handover: Coordinator day → Dr B" in view.ui.changesGroup.title()


def test_save_pdf_uses_the_sheet_and_is_recorded(
    view: HandoverView,
    db: Database,
    cases: dict[str, tuple[int, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "from-window"
    monkeypatch.setattr(view, "ask_pdf_path", lambda: str(out))
    pages = view.save_pdf()
    pdf = tmp_path / "from-window.pdf"
    assert pages >= 1 and pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    for key in ("overdue", "advice", "soon"):
        assert shown(cases[key][1]) in text
    assert shown(cases["closed"][1]) not in text
    with db.session() as session:
        [ev] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "handover.printed")
        ).all()
        assert ev.detail["target"] == str(pdf) and ev.detail["open_cases"] == 3


def test_a_refused_printout_leaves_no_file_and_no_record(
    view: HandoverView, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once sign-in exists, a desk user an administrator never created may not print:
    asked before the file dialog, so nothing is drawn, saved or recorded."""
    create_user(db, "ada", "Dr Ada Obi", "admin", "long enough 1", actor=None, now=NOW)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    asked: list[str] = []
    monkeypatch.setattr(view, "ask_pdf_path", lambda: asked.append("pdf") or str(tmp_path / "x"))
    monkeypatch.setattr(view, "ask_printer", lambda: asked.append("printer"))
    assert view.save_pdf() == 0
    assert view.print_sheet() == 0
    assert asked == [] and list(tmp_path.glob("*.pdf")) == []
    assert len(warnings) == 2 and all("Nothing was printed or saved" in w for w in warnings)
    with db.session() as session:
        printed = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "handover.printed")
        ).all()
        assert printed == []


def test_print_goes_through_the_same_painter(
    view: HandoverView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    def printer() -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p

    monkeypatch.setattr(view, "ask_printer", printer)
    assert view.print_sheet() >= 1
    texts = pdf_pages(out)
    assert all("OFFICIAL-SENSITIVE" in t for t in texts)
    monkeypatch.setattr(view, "ask_printer", lambda: None)
    assert view.print_sheet() == 0  # cancelled: nothing printed, nothing recorded


def test_print_preview_is_not_modal(qtbot: QtBot, view: HandoverView) -> None:
    preview = view.print_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitUntil(lambda: "Preview:" in view.ui.statusLabel.text(), timeout=5000)
    assert not preview.isModal()
    assert view.isEnabled()
    preview.close()


def test_keyboard_only(qtbot: QtBot, view: HandoverView) -> None:
    """Every action has a key: mnemonics on the buttons, the list first in the tab order."""
    for button in (
        view.ui.handOverButton,
        view.ui.previewButton,
        view.ui.printButton,
        view.ui.pdfButton,
        view.ui.refreshButton,
        view.ui.saveNoteButton,
    ):
        assert "&" in button.text(), button.objectName()
    assert view.ui.noteLabel.buddy() is view.ui.noteEdit
    assert view.ui.noteEdit.tabChangesFocus()
    view.ui.casesTable.setFocus()
    qtbot.keyClick(view.ui.casesTable, Qt.Key.Key_Down)
    assert view.selected_case_id() is not None

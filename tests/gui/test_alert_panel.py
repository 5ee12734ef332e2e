"""The alert panel and its dialogs, offscreen, on a real database and a FakeClock.

Three cases as a desk would have them at 13:00 BST on 15 June 2027: one MRI due in 3 h
("due soon"), one due in 40 min ("imminent"), one 1 h 03 min overdue ("breached").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from mscc_desk.alerts.scheduler import AlertController
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.gui.alert_panel import AlertPanel, tray_message
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.settings_dialog import SettingsDialog
from mscc_desk.store import alerts as al
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database
from tests.alerts.helpers import USER, new_case, nhs

NOW = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)  # 13:00 BST
DAY = timedelta(hours=24)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "panel.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ctx(db: Database, clock: FakeClock) -> DeskContext:
    return DeskContext(db, user=USER, clock=clock)


def three_cases(db: Database, clock: FakeClock) -> dict[Stage, int]:
    """Case ids by the stage each one is at, at NOW."""
    made = {
        Stage.due_soon: new_case(
            db,
            clock,
            NOW - DAY + timedelta(hours=3),
            family="Okafor",
            given="Grace",
            nhs_number=nhs(11),
        ),
        Stage.imminent: new_case(
            db,
            clock,
            NOW - DAY + timedelta(minutes=40),
            family="Hughes",
            given="Dylan",
            nhs_number=nhs(12),
        ),
        Stage.breached: new_case(
            db,
            clock,
            NOW - DAY - timedelta(hours=1, minutes=3),
            family="Begum",
            given="Ayesha",
            nhs_number=nhs(13),
        ),
    }
    return {stage: out.case_id for stage, out in made.items()}


@pytest.fixture
def panel(
    qtbot: QtBot, db: Database, clock: FakeClock, ctx: DeskContext
) -> Iterator[tuple[AlertPanel, AlertController, dict[Stage, int]]]:
    cases = three_cases(db, clock)
    controller = AlertController(ctx)
    raised = controller.check_now()  # the scheduler is not needed to raise at a fake "now"
    assert len(raised) == 3  # the stage each clock has reached; earlier ones passed
    widget = AlertPanel(ctx, controller, use_tray=False)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.rows()) == 3, timeout=2000)
    yield widget, controller, cases
    controller.stop()


def visible_text(widget: QWidget) -> str:
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


def test_three_alerts_most_urgent_first_in_words_and_symbols(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, _, cases = panel
    rows = widget.rows()
    assert [r.alert.stage for r in rows] == [Stage.breached, Stage.imminent, Stage.due_soon]
    assert [r.alert.case_id for r in rows] == [
        cases[Stage.breached],
        cases[Stage.imminent],
        cases[Stage.due_soon],
    ]
    breached, imminent, due_soon = rows
    assert breached.badge.text() == "⚠ BREACHED"
    assert imminent.badge.text() == "▲ IMMINENT"
    assert due_soon.badge.text() == "● DUE SOON"
    assert breached.time_left.text() == "OVERDUE 1 h 03 min"
    assert imminent.time_left.text() == "40 min left"
    assert due_soon.time_left.text() == "3 h 00 min left"
    assert imminent.caption.text() == "due within 1 h"
    assert due_soon.caption.text() == "due within 4 h"
    assert "BEGUM, Ayesha" in breached.patient.text()
    # An NHS number or a due time never breaks across lines (non-breaking spaces).
    assert f"case\u00a0{cases[Stage.breached]}" in breached.patient.text()
    assert "NHS\u00a0999\u00a0000\u00a0" in breached.patient.text()
    # Due times in London, with the zone: 12:40 BST for the imminent one.
    assert imminent.deadline.text().replace("\u00a0", " ") == (
        "MRI within 24 h — due Tue 15 Jun 2027 13:40 BST"
    )
    assert breached.reason_button is not None and imminent.reason_button is None
    assert widget.ui.summaryLabel.text() == "3 to acknowledge: 1 breached, 1 imminent, 1 due soon"


def test_countdown_moves_with_the_clock(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]], clock: FakeClock
) -> None:
    widget, _, _ = panel
    clock.advance(timedelta(minutes=41))
    widget.tick()
    assert widget.rows()[1].time_left.text() == "OVERDUE 1 min"


def test_locked_mode_hides_who_but_not_what(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, _, _ = panel
    widget.locked_mode(True)
    text = visible_text(widget)
    for secret in ("BEGUM", "Ayesha", "HUGHES", "OKAFOR", "NHS", "case "):
        assert secret not in text
    assert "MRI within 24 h — OVERDUE" in text
    assert "MRI within 24 h — due 13:40 BST" in text
    assert "40 min left" in text  # the countdown names nobody
    assert "⚠ BREACHED" in text
    buttons = [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]
    assert buttons == []
    widget.locked_mode(False)
    assert "BEGUM, Ayesha" in visible_text(widget)


def test_acknowledge_opens_a_non_modal_dialog_and_records_who(
    qtbot: QtBot,
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
    db: Database,
) -> None:
    widget, controller, _ = panel
    imminent = widget.rows()[1]
    qtbot.mouseClick(imminent.ack_button, Qt.MouseButton.LeftButton)
    dialog = widget.open_acknowledge(imminent.alert)  # the same dialog, raised again
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None  # typing a call elsewhere still works
    assert "coord" in dialog.ui.whoLabel.text()
    dialog.set_note("MRI booked for 14:00")
    with qtbot.waitSignal(controller.alerts_changed, timeout=2000):
        assert dialog.submit()
    qtbot.waitUntil(lambda: len(widget.rows()) == 2, timeout=2000)
    rows = al.alerts_of_deadline(db, imminent.alert.deadline_id)
    latest = rows[-1]
    assert latest.stage is Stage.imminent
    assert latest.acknowledged_by == USER and latest.note == "MRI booked for 14:00"
    assert latest.acknowledged_at == NOW


def test_acknowledging_without_signing_in_is_refused_in_the_dialog(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]], ctx: DeskContext
) -> None:
    widget, _, _ = panel
    ctx.set_user("")
    dialog = widget.open_acknowledge(widget.rows()[0].alert)
    assert not dialog.submit()
    assert dialog.isVisible()
    assert "Sign in first" in dialog.error_text()
    assert len(widget.rows()) == 3


def test_open_case_asks_the_main_window(
    qtbot: QtBot, panel: tuple[AlertPanel, AlertController, dict[Stage, int]]
) -> None:
    widget, _, cases = panel
    with qtbot.waitSignal(widget.open_case_requested, timeout=1000) as blocker:
        qtbot.mouseClick(widget.rows()[2].open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [cases[Stage.due_soon]]


def test_breach_reason_other_needs_a_note(
    qtbot: QtBot, panel: tuple[AlertPanel, AlertController, dict[Stage, int]], db: Database
) -> None:
    widget, _, _ = panel
    breached = widget.rows()[0]
    assert breached.reason_button is not None
    qtbot.mouseClick(breached.reason_button, Qt.MouseButton.LeftButton)
    dialog = widget.open_breach_reason(breached.alert)
    assert not dialog.isModal()
    dialog.set_reason("other")
    assert not dialog.submit()
    assert dialog.error_text().startswith("⚠ Note is required")
    assert dialog.isVisible()
    dialog.set_note("Scanner down; transfer to the regional centre")
    assert dialog.submit()
    qtbot.waitUntil(lambda: len(widget.rows()) == 2, timeout=2000)  # the breach is seen
    (row, *_) = al.alerts_of_deadline(db, breached.alert.deadline_id)
    assert row.breach_reason == "other"
    assert row.breach_note == "Scanner down; transfer to the regional centre"


def test_settings_dialog_validates_and_saves(
    qtbot: QtBot,
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
    ctx: DeskContext,
    db: Database,
) -> None:
    widget, _, _ = panel
    dialog = SettingsDialog(ctx, widget)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.isModal()
    assert dialog.ui.dueSoonHint.text() == "= 4 h before the deadline"
    dialog.set_values(60, 60, True)
    assert not dialog.save()
    assert dialog.error_text().startswith("⚠ Imminent alert: must be shorter")
    assert al.alert_settings(db) == al.AlertSettings()
    dialog.set_values(180, 45, True)
    assert dialog.ui.imminentHint.text() == "= 45 min before the deadline"
    with qtbot.waitSignal(dialog.settings_saved, timeout=1000):
        assert dialog.save()
    assert al.alert_settings(db) == al.AlertSettings(180, 45, True)
    widget.refresh()
    assert widget.rows()[2].caption.text() == "due within 3 h"


def test_the_tray_message_names_no_patient(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, controller, cases = panel
    title, body, breach = tray_message(widget.alerts())
    assert breach and title == "MSCC Desk — deadline breached"
    assert body.splitlines()[0] == f"⚠ BREACHED: MRI within 24 h (case {cases[Stage.breached]})"
    for name in ("BEGUM", "HUGHES", "OKAFOR", "Ayesha"):
        assert name not in title + body


def test_screenshot_of_three_alerts(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]], tmp_path: Path
) -> None:
    widget, _, _ = panel
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "alerts.png"))


def test_a_failing_check_is_said_on_the_panel_and_cleared_when_it_works(
    qtbot: QtBot,
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widget, controller, _ = panel

    def broken(*_args: object, **_kw: object) -> list[al.RaisedAlert]:
        raise OSError("disk I/O error")

    monkeypatch.setattr(al, "raise_alerts", broken)
    with qtbot.waitSignal(controller.check_failed, timeout=1000) as blocker:
        assert controller.check_now() == []
    assert "disk I/O error" in blocker.args[0]
    assert widget.ui.statusLabel.isVisibleTo(widget)
    assert "could not be checked" in widget.ui.statusLabel.text()
    monkeypatch.undo()
    with qtbot.waitSignal(controller.check_failed, timeout=1000) as blocker:
        controller.check_now()
    assert blocker.args == [""]
    assert not widget.ui.statusLabel.isVisibleTo(widget)

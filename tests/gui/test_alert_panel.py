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
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from mscc_desk.alerts.scheduler import AlertController
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.domain.nhs_number import format_nhs
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.alert_panel import AlertPanel, tray_message
from mscc_desk.gui.settings.dialog import SettingsDialog
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


def nhs_shown(n: int) -> str:
    return format_nhs(nhs(n))


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
    qtbot.waitUntil(lambda: len(widget.alerts()) == 3, timeout=2000)
    yield widget, controller, cases
    controller.stop()


def visible_text(widget: AlertPanel) -> str:
    """Every word a passer-by could read: the labels, and the list's shown columns."""
    labels = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    listing = widget.ui.alertList
    cells = [
        text
        for row in range(listing.topLevelItemCount())
        for column, text in enumerate(widget.row_text(row))
        if not listing.isColumnHidden(column)
    ]
    return "\n".join(labels + cells)


def test_three_alerts_most_urgent_first_one_row_each_in_words_and_symbols(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, _, cases = panel
    alerts = widget.alerts()
    assert [a.stage for a in alerts] == [Stage.breached, Stage.imminent, Stage.due_soon]
    assert [a.case_id for a in alerts] == [
        cases[Stage.breached],
        cases[Stage.imminent],
        cases[Stage.due_soon],
    ]
    breached, imminent, due_soon = (widget.row_text(r) for r in range(3))
    assert breached[:4] == ["⚠ BREACHED", "OVERDUE 1 h 03 min", "BEGUM, Ayesha", nhs_shown(13)]
    assert imminent[:3] == ["▲ IMMINENT", "40 min left", "HUGHES, Dylan"]
    assert due_soon[:3] == ["● DUE SOON", "3 h 00 min left", "OKAFOR, Grace"]
    # The clock's short name and a compact due time, as on the board (13:40 BST today).
    assert imminent[4] == "MRI within 24 h · due Tue 13:40"
    assert widget.ui.summaryLabel.text() == "3 to acknowledge: 1 breached, 1 imminent, 1 due soon"


def test_the_selected_alert_is_told_in_full_beside_the_list(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, _, cases = panel
    widget.select(1)
    detail = widget.detail_text().replace("\u00a0", " ")
    assert "▲ IMMINENT" in detail and "due within 1 h" in detail and "40 min left" in detail
    assert f"HUGHES, Dylan · NHS {nhs_shown(12)} · case {cases[Stage.imminent]}" in detail
    # Due times in London, with the zone: 12:40 UTC is 13:40 BST.
    assert "MRI within 24 h — due Tue 15 Jun 2027 13:40 BST" in detail
    assert widget.ui.ackButton.isEnabled() and widget.ui.openButton.isEnabled()
    assert not widget.ui.reasonButton.isEnabled()  # only a breach has a reason to record
    widget.select(0)
    assert widget.ui.reasonButton.isEnabled()
    assert "deadline passed" in widget.detail_text()


def test_countdown_moves_with_the_clock(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]], clock: FakeClock
) -> None:
    widget, _, _ = panel
    clock.advance(timedelta(minutes=41))
    widget.tick()
    assert widget.row_text(1)[1] == "OVERDUE 1 min"


def test_locked_mode_hides_who_but_not_what(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
) -> None:
    widget, _, _ = panel
    widget.locked_mode(True)
    text = visible_text(widget)
    for secret in ("BEGUM", "Ayesha", "HUGHES", "OKAFOR", "NHS", "case ", "999 "):
        assert secret not in text
    assert "MRI within 24 h — OVERDUE" in text
    assert "MRI within 24 h — due 13:40 BST" in text
    assert "40 min left" in text  # the countdown names nobody
    assert "⚠ BREACHED" in text
    buttons = [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]
    assert buttons == []
    assert widget.acknowledge_selected() is None  # nor by keyboard
    widget.locked_mode(False)
    assert "BEGUM, Ayesha" in visible_text(widget)


def test_acknowledge_opens_a_non_modal_dialog_and_records_who(
    qtbot: QtBot,
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]],
    db: Database,
) -> None:
    widget, controller, _ = panel
    widget.select(1)
    imminent = widget.alerts()[1]
    qtbot.mouseClick(widget.ui.ackButton, Qt.MouseButton.LeftButton)
    dialog = widget.open_acknowledge(imminent)  # the same dialog, raised again
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None  # typing a call elsewhere still works
    assert "coord" in dialog.ui.whoLabel.text()
    dialog.set_note("MRI booked for 14:00")
    with qtbot.waitSignal(controller.alerts_changed, timeout=2000):
        assert dialog.submit()
    qtbot.waitUntil(lambda: len(widget.alerts()) == 2, timeout=2000)
    rows = al.alerts_of_deadline(db, imminent.deadline_id)
    latest = rows[-1]
    assert latest.stage is Stage.imminent
    assert latest.acknowledged_by == USER and latest.note == "MRI booked for 14:00"
    assert latest.acknowledged_at == NOW
    # The list keeps its place: the alert that moved up into row 1 is selected now.
    assert widget.selected_alert() == widget.alerts()[1]


def test_enter_acknowledges_and_ctrl_enter_confirms_then_the_next_is_ready(
    qtbot: QtBot, panel: tuple[AlertPanel, AlertController, dict[Stage, int]]
) -> None:
    widget, _, _ = panel
    listing = widget.ui.alertList
    widget.select(0)
    listing.setFocus()
    first = widget.alerts()[0]
    QTest.keyClick(listing, Qt.Key.Key_Return)
    dialog = widget.open_acknowledge(first)  # the one Enter opened
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert dialog.ui.noteEdit.hasFocus()
    QTest.keyClick(dialog.ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(widget.alerts()) == 2, timeout=2000)
    assert widget.selected_alert() == widget.alerts()[0]  # the next one, ready for Enter


def test_acknowledging_without_signing_in_is_refused_in_the_dialog(
    panel: tuple[AlertPanel, AlertController, dict[Stage, int]], ctx: DeskContext
) -> None:
    widget, _, _ = panel
    ctx.set_user("")
    dialog = widget.open_acknowledge(widget.alerts()[0])
    assert not dialog.submit()
    assert dialog.isVisible()
    assert "Sign in first" in dialog.error_text()
    assert len(widget.alerts()) == 3


def test_open_case_asks_the_main_window(
    qtbot: QtBot, panel: tuple[AlertPanel, AlertController, dict[Stage, int]]
) -> None:
    widget, _, cases = panel
    widget.select(2)
    with qtbot.waitSignal(widget.open_case_requested, timeout=1000) as blocker:
        qtbot.mouseClick(widget.ui.openButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [cases[Stage.due_soon]]


def test_breach_reason_other_needs_a_note(
    qtbot: QtBot, panel: tuple[AlertPanel, AlertController, dict[Stage, int]], db: Database
) -> None:
    widget, _, _ = panel
    widget.select(0)
    breached = widget.alerts()[0]
    qtbot.mouseClick(widget.ui.reasonButton, Qt.MouseButton.LeftButton)
    dialog = widget.open_breach_reason(breached)
    assert not dialog.isModal()
    dialog.set_reason("other")
    assert not dialog.submit()
    assert dialog.error_text().startswith("⚠ Note is required")
    assert dialog.isVisible()
    dialog.set_note("Scanner down; transfer to the regional centre")
    assert dialog.submit()
    qtbot.waitUntil(lambda: len(widget.alerts()) == 2, timeout=2000)  # the breach is seen
    (row, *_) = al.alerts_of_deadline(db, breached.deadline_id)
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
    widget.select(2)
    assert "due within 3 h" in widget.detail_text()


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

    def broken(*_args: object, **_kw: object) -> al.AlertCheck:
        raise OSError("disk I/O error")

    monkeypatch.setattr(al, "check_alerts", broken)
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

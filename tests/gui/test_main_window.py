"""The main window: the board on screen, keys, the header people, drafts and calls.

The intake window is replaced by a stand-in with the same contract (constructor and
`saved` signal), so these tests do not depend on the intake form being finished.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.board_model import Column
from mscc_desk.gui.desk.dialogs import (
    CoordinatorDialog,
    UserPicker,
    join_coordinator,
    split_coordinator,
)
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.desk.state import COORDINATOR_KEY, DESK_USER_KEY, KnownUser
from mscc_desk.store.drafts import save_draft
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent, Setting
from tests.gui.desk_helpers import NOW, fake_clock, open_db, payload, record, three_cases


class FakeIntake(QWidget):
    """Stands in for gui/intake/window.IntakeWindow (same constructor, same `saved` signal)."""

    saved = Signal(int)
    opened: list[FakeIntake] = []

    def __init__(
        self,
        ctx: DeskContext,
        draft_id: int | None = None,
        case_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.draft_id, self.case_id = ctx, draft_id, case_id
        FakeIntake.opened.append(self)


@pytest.fixture(autouse=True)
def fake_intake(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeIntake]]:
    module = types.ModuleType("mscc_desk.gui.intake.window")
    module.IntakeWindow = FakeIntake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mscc_desk.gui.intake.window", module)
    FakeIntake.opened = []
    yield FakeIntake
    for window in FakeIntake.opened:
        window.close()
        window.deleteLater()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return fake_clock()


@pytest.fixture
def cases(db: Database, clock: FakeClock) -> dict[str, int]:
    return three_cases(db, clock)


def open_window(qtbot: QtBot, db: Database, clock: FakeClock, user: str = "") -> MainWindow:
    window = MainWindow(DeskContext(db, user=user, clock=clock))
    qtbot.addWidget(window)
    loads: list[int] = []
    window.board_loaded.connect(loads.append)
    qtbot.waitUntil(lambda: bool(loads), timeout=10_000)
    return window


def reload(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.board_loaded, timeout=10_000):
        window.refresh()


def shown_names(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, Column.PATIENT).data() for r in range(proxy.rowCount())]


def settings(db: Database) -> dict[str, str]:
    with db.session() as session:
        return {s.key: s.value for s in session.scalars(select(Setting))}


def audit(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# --- the board ---------------------------------------------------------------------


def test_board_shows_the_recorded_cases_most_urgent_first(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    assert shown_names(window) == ["JONES, Mary", "SMITH, Ann", "BROWN, Peter"]
    smith = window.proxy.index(1, Column.NHS)
    assert smith.data() == "943 476 5919"
    assert window.proxy.index(1, Column.CATEGORY).data() == "EMERGENCY"
    assert window.proxy.index(1, Column.TIME_LEFT).data() == "24 h 00 min left"
    assert window.ui.board.font().pointSizeF() >= 10
    status = window.statusBar().findChildren(type(window.ui.clockLabel))
    texts = " ".join(label.text() for label in status)
    assert "3 open cases" in texts
    assert "desk.sqlite3" in texts


def test_clicking_a_header_sorts_by_that_column(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    window.show()
    header = window.ui.board.horizontalHeader()
    x = header.sectionViewportPosition(Column.AGE) + 5
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = shown_names(window)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = shown_names(window)
    assert {tuple(first), tuple(second)} == {
        ("JONES, Mary", "BROWN, Peter", "SMITH, Ann"),
        ("SMITH, Ann", "BROWN, Peter", "JONES, Mary"),
    }


def test_typing_in_find_filters_as_you_type(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    qtbot.keyClicks(window.ui.searchEdit, "943 476")
    assert shown_names(window) == ["SMITH, Ann"]
    window.ui.searchEdit.clear()
    qtbot.keyClicks(window.ui.searchEdit, "9434765919")
    assert shown_names(window) == ["SMITH, Ann"]
    window.ui.searchEdit.clear()
    qtbot.keyClicks(window.ui.searchEdit, "jones")
    assert shown_names(window) == ["JONES, Mary"]
    window.ui.searchEdit.clear()
    assert len(shown_names(window)) == 3


def test_category_filter(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    combo = window.ui.categoryCombo
    assert combo.count() == 6  # All + the five categories of the pathway
    combo.setCurrentIndex(combo.findData("oncology_referral"))
    assert shown_names(window) == ["BROWN, Peter"]
    combo.setCurrentIndex(0)
    assert len(shown_names(window)) == 3


def test_ctrl_f_focuses_find_and_keys_are_bound(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.ui.board.setFocus()
    QTest.keyClick(window.ui.board, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.ui.searchEdit)
    assert window.ui.actionNewCall.shortcut() == QKeySequence("Ctrl+N")
    assert window.ui.actionRefresh.shortcut() == QKeySequence("F5")


def test_enter_on_a_row_opens_the_case_view(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock, user="night registrar")
    window.show()
    board = window.ui.board
    board.setFocus()
    window.select_case(cases["smith"])
    QTest.keyClick(board, Qt.Key.Key_Return)
    view = window._cases.get(cases["smith"])
    assert view is not None and view.isVisible()
    assert not view.isModal()
    assert "SMITH, Ann" in view.ui.patientLabel.text()
    assert "943 476 5919" in view.ui.identifiersLabel.text()
    assert window.open_case(cases["smith"]) is view  # one window per case
    view.ui.followUpButton.click()
    assert FakeIntake.opened[-1].case_id == cases["smith"]
    assert FakeIntake.opened[-1] in window._intakes  # owned by the desk, not the case view
    view.close()
    qtbot.waitUntil(lambda: cases["smith"] not in window._cases)


def test_board_refreshes_when_data_changes_and_keeps_the_selection(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    window.select_case(cases["brown"])
    record(db, clock, payload("White", "Zoe", neuro=("sensory_change",)))
    with qtbot.waitSignal(window.board_loaded, timeout=10_000):
        window.ctx.data_changed.emit()
    assert "WHITE, Zoe" in shown_names(window)
    assert window.selected_case_id() == cases["brown"]


def test_a_burst_of_refreshes_ends_with_the_newest_rows(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    for _ in range(5):
        window.refresh()
    record(db, clock, payload("Black", "Sam", neuro=("sensory_change",)))
    window.refresh()
    qtbot.waitUntil(lambda: "BLACK, Sam" in shown_names(window), timeout=10_000)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=10_000)


# --- who is at the desk, who is coordinator ---------------------------------------------


def test_desk_user_is_remembered_in_the_settings(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    window = open_window(qtbot, db, clock)
    assert window.ctx.user == ""
    window.set_desk_user("Dr A Patel", "registrar")
    assert window.ctx.user == "Dr A Patel"
    assert settings(db)[DESK_USER_KEY] == "Dr A Patel"
    assert window.ui.userCombo.currentData() == "Dr A Patel"
    assert len(audit(db, "desk.user_changed")) == 1
    again = open_window(qtbot, db, clock)
    assert again.ctx.user == "Dr A Patel"


def test_choosing_someone_new_through_the_picker(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    window = open_window(qtbot, db, clock)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UserPicker)
        dialog.ui.nameEdit.setText("Sam Night")
        dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("registrar"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert window.choose_user()
    assert window.ctx.user == "Sam Night"
    assert settings(db)[DESK_USER_KEY] == "Sam Night"
    assert "Sam Night (registrar)" in [
        window.ui.userCombo.itemText(i) for i in range(window.ui.userCombo.count())
    ]


def test_user_picker_knows_existing_people(qtbot: QtBot) -> None:
    known = [KnownUser("apatel", "Dr A Patel", "registrar")]
    dialog = UserPicker(known)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("dr a patel")
    assert dialog.username() == "apatel" and dialog.role() == "registrar"
    assert not dialog.ui.roleCombo.isEnabled()
    dialog.ui.nameEdit.setText("New Person")
    assert dialog.username() == "New Person"
    assert dialog.ui.roleCombo.isEnabled()
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.ui.nameEdit.setText("  ")
    assert not ok.isEnabled()


def test_coordinator_change_is_kept_and_audited(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    window = open_window(qtbot, db, clock, user="night registrar")
    assert "not set" in window.ui.coordinatorLabel.text()
    assert window.set_coordinator("Dr A (registrar, covering nights)")
    assert settings(db)[COORDINATOR_KEY] == "Dr A (registrar, covering nights)"
    assert "Dr A (registrar, covering nights)" in window.ui.coordinatorLabel.text()
    (event,) = audit(db, "handover")
    assert event.detail == {"from": "", "to": "Dr A (registrar, covering nights)"}
    assert event.user_id is not None
    assert not window.set_coordinator("Dr A (registrar, covering nights)")
    assert len(audit(db, "handover")) == 1
    assert window.set_coordinator("Ms B (MSCC coordinator)")
    assert len(audit(db, "handover")) == 2
    assert open_window(qtbot, db, clock).ui.coordinatorLabel.text().count("Ms B") == 1


def test_coordinator_dialog_splits_and_joins_the_text(qtbot: QtBot) -> None:
    assert split_coordinator("Dr A (registrar, covering nights)") == (
        "Dr A",
        "registrar, covering nights",
    )
    assert join_coordinator(" Dr  A ", "") == "Dr A"
    dialog = CoordinatorDialog("Dr A (registrar, covering nights)", NOW)
    qtbot.addWidget(dialog)
    assert dialog.ui.nameEdit.text() == "Dr A"
    dialog.ui.nameEdit.setText("Dr C")
    assert dialog.text() == "Dr C (registrar, covering nights)"
    assert "Dr C" in dialog.ui.previewLabel.text()


# --- calls and drafts ---------------------------------------------------------------------


def test_new_call_opens_the_intake_window_and_shows_the_saved_case(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock, user="night registrar")
    window.ui.actionNewCall.trigger()
    intake = FakeIntake.opened[-1]
    assert intake.ctx is window.ctx and intake.draft_id is None
    new_case = record(db, clock, payload("Gray", "Ivy", neuro=("gait_disturbance",)))
    with qtbot.waitSignal(window.board_loaded, timeout=10_000):
        intake.saved.emit(new_case)
    assert window.selected_case_id() == new_case


def test_new_call_asks_who_is_at_the_desk_first(
    qtbot: QtBot, db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, db, clock)
    asked: list[bool] = []
    monkeypatch.setattr(window, "choose_user", lambda: asked.append(True) or False)
    assert window.new_call() is None
    assert asked == [True]
    assert FakeIntake.opened == []


def test_drafts_are_listed_and_reopened(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock, user="night registrar")
    assert not window.ui.draftsBox.isVisibleTo(window)
    draft_id = save_draft(
        db, None, {"patient": {}}, summary="TAYLOR, Jo — bleep 2200", user="coordinator", now=NOW
    )
    reload(qtbot, window)
    tree = window.ui.draftsList
    assert window.ui.draftsBox.isVisibleTo(window)
    assert tree.topLevelItemCount() == 1
    item = tree.topLevelItem(0)
    assert item.text(0) == "TAYLOR, Jo — bleep 2200"
    assert item.text(1) == "coordinator"
    assert "1 unsaved call" in window._count_label.text()
    tree.setCurrentItem(item)
    assert window.ui.openDraftButton.isEnabled()
    window.ui.openDraftButton.click()
    assert FakeIntake.opened[-1].draft_id == draft_id


def test_closing_waits_for_the_loader(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    window.refresh()
    window.close()
    assert window.loader._pool.activeThreadCount() == 0  # nothing left reading the database


def test_find_then_enter_opens_the_match_and_escape_clears(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    window.show()
    search = window.ui.searchEdit
    qtbot.keyClicks(search, "Mary")
    QTest.keyClick(search, Qt.Key.Key_Return)
    view = window._cases.get(cases["jones"])
    assert view is not None and "JONES, Mary" in view.ui.patientLabel.text()
    view.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    search.setFocus()
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert len(shown_names(window)) == 3


def test_a_background_refresh_keeps_the_scroll_position(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    for n in range(60):
        record(db, clock, payload(f"Row{n:02d}", "Test", neuro=("sensory_change",)))
    window = open_window(qtbot, db, clock)
    window.resize(900, 400)
    window.show()
    qtbot.waitExposed(window)
    window.select_case(window.proxy.case_id_at(0))
    bar = window.ui.board.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    position = bar.value()
    reload(qtbot, window)
    assert bar.value() == position
    assert window.selected_case_id() == window.proxy.case_id_at(0)


def test_alerts_dock_beside_the_board_and_mark_the_alerted_row(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    from mscc_desk.alerts.scheduler import AlertController

    window = open_window(qtbot, db, clock, user="night registrar")
    controller = AlertController(window.ctx)
    panel = window.attach_alerts(controller)
    try:
        clock.advance(timedelta(hours=25))  # every 24-hour clock has now breached
        controller.start()
        qtbot.waitUntil(
            lambda: window.model.alerted_stage(cases["smith"]) is not None, timeout=10_000
        )
        assert window.model.alerted_stage(cases["smith"]) == Stage.breached
        row = next(
            r
            for r in range(window.model.rowCount())
            if window.model.row(r).case_id == cases["smith"]
        )
        index = window.model.index(row, Column.PATIENT)
        assert "breached" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        dock = panel.parentWidget()
        assert dock is not None and dock.objectName() == "alertsDock"
        assert not panel.isModal()
    finally:
        controller.stop()


def test_signed_in_desk_locks_without_hiding_a_breach(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    from mscc_desk.gui.people.session import SessionController
    from mscc_desk.store.auth import create_user

    create_user(db, "ada", "Dr Ada Obi", "admin", "long enough 1", actor=None, now=NOW)
    create_user(db, "vic", "Vic Viewer", "viewer", "long enough 2", actor="ada", now=NOW)
    window = open_window(qtbot, db, clock)
    ctx = window.ctx
    session = SessionController(ctx, guard=False)
    session.sign_in("vic", "long enough 2")
    lock = window.attach_session(session)
    window.show()
    assert not window.ui.userCombo.isVisible()
    assert "Vic Viewer" in window.ui.signedInLabel.text()
    assert not window.ui.actionNewCall.isEnabled()  # a viewer reads and prints only
    assert not window.ui.actionUsers.isVisible()

    clock.advance(timedelta(hours=25))  # every open clock is now overdue
    reload(qtbot, window)
    session.lock()
    qtbot.waitUntil(lock.isVisible)
    summary = lock.alert_summary_text()
    assert "OVERDUE" in summary
    for name in ("SMITH", "JONES", "BROWN"):
        assert name not in summary.upper()
    session.unlock("long enough 2")
    qtbot.waitUntil(lambda: not lock.isVisible())
    session.shutdown()


def test_a_failed_backup_stays_in_the_status_bar_until_one_succeeds(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    from mscc_desk.alerts.scheduler import AlertController

    window = open_window(qtbot, db, clock)
    controller = AlertController(window.ctx)
    window.attach_alerts(controller)
    window.show()
    controller.backup_failed.emit("the folder /nowhere cannot be written")
    qtbot.waitUntil(window._backup_label.isVisible)
    assert "/nowhere" in window._backup_label.text()
    controller.backup_done.emit("/tmp/mscc-backup.sqlite3")
    qtbot.waitUntil(lambda: not window._backup_label.isVisible())
    controller.stop()


def test_the_alert_panel_settings_button_opens_the_desks_one_settings_window(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    from mscc_desk.alerts.scheduler import AlertController

    window = open_window(qtbot, db, clock)
    controller = AlertController(window.ctx)
    panel = window.attach_alerts(controller)
    window.show()
    panel.ui.settingsButton.click()
    dialog = window._settings
    assert dialog is not None and dialog.isVisible()
    assert dialog._alerts is controller  # saved backup settings reach the scheduled job
    window.ui.actionSettings.trigger()
    assert window._settings is dialog  # the menu brings the same window forward
    dialog.close()
    controller.stop()


def test_the_lock_screen_counts_with_the_desks_lead_times(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    from mscc_desk.gui.people.session import SessionController
    from mscc_desk.store.alerts import save_alert_settings
    from mscc_desk.store.auth import create_user

    create_user(db, "ada", "Dr Ada Obi", "admin", "long enough 1", actor=None, now=NOW)
    save_alert_settings(
        db, due_soon_minutes=8 * 60, imminent_minutes=2 * 60, sound=False, user="ada", now=NOW
    )
    window = open_window(qtbot, db, clock)
    first_due = min(r.next_deadline.due_at for r in window.model.rows() if r.next_deadline)
    clock.set(first_due - timedelta(hours=6))  # outside the default 4 h, inside the desk's 8 h
    reload(qtbot, window)
    session = SessionController(window.ctx, guard=False)
    session.sign_in("ada", "long enough 1")
    lock = window.attach_session(session)
    lines = lock.alert_summary_lines()
    assert any("due within 8 h" in line for line in lines), lines
    session.shutdown()


def test_the_count_line_says_when_the_rows_were_read(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock)
    read_at = window._count_label.text().split("updated ")[1]
    clock.advance(timedelta(hours=2))
    window.ui.searchEdit.setText("smith")  # filtering re-reads nothing
    assert window._count_label.text().endswith(f"updated {read_at}")


def test_closing_the_desk_closes_its_windows_and_keeps_the_call_as_a_draft(
    qtbot: QtBot, db: Database, clock: FakeClock, cases: dict[str, int]
) -> None:
    window = open_window(qtbot, db, clock, user="night registrar")
    window.show()
    view = window.open_case(cases["smith"])
    intake = window.new_call()
    assert intake is not None
    window.close()
    qtbot.waitUntil(lambda: not view.isVisible())
    assert not intake.isVisible()

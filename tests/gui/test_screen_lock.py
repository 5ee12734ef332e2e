"""The inactivity lock, unlocking, switching user at a locked desk, and what it shows.

The lock is driven by the fake clock: the controller compares `ctx.clock.now()` with the
time of the last key or mouse input (also read from `ctx.clock`), so "five minutes
without input" is a clock advance, not a five-minute test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.people.screen_lock import LockMode, ScreenLock, summarise_deadlines
from mscc_desk.gui.people.session import LOCK_MINUTES_KEY, SessionController, lock_minutes
from mscc_desk.store import auth
from mscc_desk.store.auth import create_user
from mscc_desk.store.board_refresh import read_board
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database
from mscc_desk.store.settings import set_setting
from tests.gui.desk_helpers import NOW, three_cases
from tests.gui.test_sign_in import CORA_PW, REG_PW, add_users, events

FIVE_MIN = timedelta(minutes=5)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ctx(db: Database, clock: FakeClock) -> DeskContext:
    add_users(db, clock)
    return DeskContext(db, clock=clock)


@pytest.fixture
def controller(ctx: DeskContext) -> Iterator[SessionController]:
    session = SessionController(ctx)
    session.sign_in("cora", CORA_PW)
    yield session
    session.shutdown()


class Desk(QMainWindow):
    """Stands in for the main window: a field with a patient name and a shortcut."""

    def __init__(self) -> None:
        super().__init__()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.patient = QLabel("SMITH, Ann · NHS 943 476 5919", central)
        self.search = QLineEdit(central)
        layout.addWidget(self.patient)
        layout.addWidget(self.search)
        self.setCentralWidget(central)
        self.new_calls = 0
        self.new_call = QAction("&New call", self)
        self.new_call.setShortcut(QKeySequence("Ctrl+N"))
        self.new_call.triggered.connect(self._count)
        self.addAction(self.new_call)
        self.resize(900, 600)

    def _count(self) -> None:
        self.new_calls += 1


@pytest.fixture
def desk(qtbot: QtBot, controller: SessionController) -> tuple[Desk, ScreenLock]:
    window = Desk()
    qtbot.addWidget(window)
    lock = ScreenLock(controller, window, overlay=True)
    window.show()
    qtbot.waitExposed(window)
    return window, lock


# --- inactivity --------------------------------------------------------------------------


def test_no_input_for_five_minutes_locks(
    qtbot: QtBot, db: Database, clock: FakeClock, controller: SessionController
) -> None:
    assert controller.lock_after == FIVE_MIN
    clock.advance(FIVE_MIN - timedelta(seconds=1))
    assert not controller.check_idle()
    clock.advance(timedelta(seconds=2))
    with qtbot.waitSignals([controller.locked, controller.cover_changed]):
        assert controller.check_idle()
    assert controller.is_locked and controller.covered
    assert events(db, "auth.lock")[-1][1]["reason"] == "inactivity"


def test_input_before_the_period_keeps_the_desk_open(
    qtbot: QtBot, clock: FakeClock, controller: SessionController
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    clock.advance(timedelta(minutes=4))
    QTest.keyClick(field, Qt.Key.Key_A)
    assert controller.last_input == clock.now()
    clock.advance(timedelta(minutes=4))
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    clock.advance(timedelta(minutes=4, seconds=59))
    assert not controller.check_idle()  # 12:59 since sign-in, but 4:59 since the last input
    assert not controller.is_locked
    clock.advance(timedelta(seconds=1))
    assert controller.check_idle()


def test_the_timer_checks_by_itself(qtbot: QtBot, ctx: DeskContext, clock: FakeClock) -> None:
    session = SessionController(ctx, check_interval_ms=10)
    try:
        session.sign_in("cora", CORA_PW)
        clock.advance(FIVE_MIN + timedelta(seconds=1))
        with qtbot.waitSignal(session.locked, timeout=2000):
            pass
    finally:
        session.shutdown()


def test_the_lock_period_is_a_setting(
    qtbot: QtBot, db: Database, ctx: DeskContext, clock: FakeClock
) -> None:
    with db.session() as s:
        set_setting(s, LOCK_MINUTES_KEY, "10", clock.now())
    assert lock_minutes(db) == 10
    session = SessionController(ctx)
    try:
        session.sign_in("cora", CORA_PW)
        clock.advance(timedelta(minutes=9))
        assert not session.check_idle()
        clock.advance(timedelta(minutes=1))
        assert session.check_idle()
    finally:
        session.shutdown()


@pytest.mark.parametrize("stored", ["0", "-3", "600", "soon", ""])
def test_a_bad_lock_setting_falls_back_to_five_minutes(
    db: Database, clock: FakeClock, stored: str
) -> None:
    with db.session() as s:
        set_setting(s, LOCK_MINUTES_KEY, stored, clock.now())
    assert lock_minutes(db) == 5


def test_a_clock_set_back_does_not_lock_at_once(
    clock: FakeClock, controller: SessionController
) -> None:
    clock.advance(-timedelta(hours=1))
    assert not controller.check_idle()
    clock.advance(timedelta(minutes=4))
    assert not controller.check_idle()


def test_nobody_signed_in_means_nothing_to_lock(ctx: DeskContext, clock: FakeClock) -> None:
    session = SessionController(ctx)
    try:
        clock.advance(timedelta(hours=1))
        assert not session.check_idle() and not session.is_locked
        assert session.covered  # but nothing is shown either
    finally:
        session.shutdown()


# --- unlocking ----------------------------------------------------------------------------


def test_unlock_with_the_right_password(
    qtbot: QtBot, db: Database, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    window, lock = desk
    assert not lock.isVisible()
    controller.lock()
    assert lock.isVisible() and lock.geometry() == window.rect()
    assert lock.mode is LockMode.locked
    assert lock.ui.titleLabel.text() == "Locked — Cora Coordinator"
    assert lock.ui.promptLabel.text().startswith("Locked at 09:30. Enter your password")
    assert not lock.ui.usernameEdit.isVisible()
    QTest.keyClicks(lock.ui.passwordEdit, CORA_PW)
    with qtbot.waitSignals([controller.unlocked, controller.cover_changed]):
        QTest.keyClick(lock.ui.passwordEdit, Qt.Key.Key_Return)
    assert not controller.is_locked and not lock.isVisible()
    assert lock.ui.passwordEdit.text() == ""
    assert [a for a, _ in events(db, "auth.lock", "auth.unlock")] == ["auth.lock", "auth.unlock"]


def test_a_wrong_password_stays_locked(
    qtbot: QtBot, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    _window, lock = desk
    controller.lock()
    lock.set_credentials("", "not it at all")
    assert not lock.submit()
    assert lock.message() == auth.WRONG_CREDENTIALS
    assert controller.is_locked and lock.isVisible()
    assert lock.ui.passwordEdit.text() == ""


def test_switch_user_at_a_locked_desk(
    qtbot: QtBot,
    db: Database,
    ctx: DeskContext,
    controller: SessionController,
    desk: tuple[Desk, ScreenLock],
) -> None:
    _window, lock = desk
    controller.lock()
    QTest.keyClick(lock.ui.passwordEdit, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: lock.mode is LockMode.switch)  # "&Switch user…" (animated click)
    assert lock.ui.usernameEdit.isVisible()
    assert "Cora Coordinator will be signed out" in lock.ui.promptLabel.text()
    lock.set_credentials("reg", REG_PW)
    with qtbot.waitSignals([controller.signed_out, controller.signed_in]):
        assert lock.submit()
    assert ctx.user == "reg" and not controller.covered and not lock.isVisible()
    trail = events(db, "auth.sign_in", "auth.sign_out")
    assert [(a, d["username"]) for a, d in trail][-2:] == [
        ("auth.sign_in", "reg"),
        ("auth.sign_out", "cora"),
    ]
    assert trail[-1][1]["reason"] == "switch_user"


def test_escape_leaves_switch_user_and_a_bad_switch_keeps_the_lock(
    qtbot: QtBot, db: Database, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    _window, lock = desk
    controller.lock()
    lock.set_mode(LockMode.switch)
    lock.set_credentials("reg", "wrong again")
    assert not lock.submit()
    assert lock.message() == auth.WRONG_CREDENTIALS
    assert controller.is_locked and controller.user is not None
    assert controller.user.username == "cora"
    assert events(db, "auth.sign_out") == []
    QTest.keyClick(lock.ui.usernameEdit, Qt.Key.Key_Escape)
    assert lock.mode is LockMode.locked


def test_after_sign_out_the_lock_screen_signs_in(
    qtbot: QtBot, ctx: DeskContext, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    _window, lock = desk
    controller.sign_out()
    assert lock.isVisible() and lock.mode is LockMode.signed_out
    assert lock.ui.titleLabel.text() == "Signed out"
    lock.set_credentials("reg", REG_PW)
    assert lock.submit()
    assert ctx.user == "reg" and not lock.isVisible()


# --- the cover hides everything ----------------------------------------------------------------


def test_nothing_behind_the_lock_takes_input(
    qtbot: QtBot, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    window, lock = desk
    window.activateWindow()
    window.search.setFocus()
    controller.lock()
    QTest.keyClicks(window.search, "smith")
    assert window.search.text() == ""
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.new_calls == 0
    # Tab cycles inside the lock screen instead of walking onto the desk behind it.
    lock.ui.passwordEdit.setFocus()
    for _ in range(6):
        QTest.keyClick(window.focusWidget() or lock, Qt.Key.Key_Tab)
        focused = window.focusWidget()
        assert focused is not None and lock.isAncestorOf(focused)
    lock.set_credentials("", CORA_PW)
    assert lock.submit()
    QTest.keyClicks(window.search, "smith")
    assert window.search.text() == "smith"
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.new_calls == 1


def test_other_windows_hide_while_locked_and_come_back(
    qtbot: QtBot, controller: SessionController, desk: tuple[Desk, ScreenLock]
) -> None:
    intake = QWidget()
    qtbot.addWidget(intake)
    intake.setWindowTitle("New call — SMITH, Ann")
    intake.show()
    controller.lock()
    assert not intake.isVisible()
    controller.unlock(CORA_PW)
    assert intake.isVisible()


# --- what the lock screen shows ---------------------------------------------------------------


def _all_text(widget: QWidget) -> str:
    parts = [widget.windowTitle(), widget.toolTip()]
    for child in widget.findChildren(QWidget):
        parts.append(child.toolTip())
        if isinstance(child, QLabel):
            parts.append(child.text())
        elif isinstance(child, QLineEdit):
            parts += [child.text(), child.placeholderText()]
        elif isinstance(child, QAbstractButton):
            parts.append(child.text())
    return "\n".join(parts)


def test_the_alert_summary_shows_counts_and_no_patient(
    qtbot: QtBot, db: Database, clock: FakeClock, controller: SessionController
) -> None:
    create_user(db, "night registrar", "", "registrar", REG_PW, actor="admin", now=NOW)
    three_cases(db, clock)
    clock.advance(timedelta(hours=23, minutes=30))  # the oldest 24 h clock has passed
    now = clock.now()
    due = [r.next_deadline.due_at for r in read_board(db, now).rows if r.next_deadline]
    lines = summarise_deadlines(due, now)
    assert lines[0] == "⚠ 1 clock OVERDUE" and "due within 1 h" in lines[1]
    lock = ScreenLock(controller)
    qtbot.addWidget(lock)
    controller.lock()
    assert not lock.ui.alertFrame.isVisibleTo(lock)  # no summary yet: no false "all clear"
    lock.set_alert_summary(lines, as_of=now)
    lock.show()
    assert lock.ui.alertFrame.isVisible()
    assert lock.alert_summary_lines() == lines
    shown = _all_text(lock)
    assert all(line in shown for line in lines)
    assert lock.ui.alertFrame.property("level") == "breach"
    for private in ("Smith", "SMITH", "Jones", "Brown", "Mary", "Ann", "943", "9434765919"):
        assert private not in shown, private
    assert lock.ui.alertSummaryLabel.font().pointSizeF() > lock.ui.promptLabel.font().pointSizeF()


def test_summary_wording() -> None:
    now = NOW
    due = [now - timedelta(minutes=5), now - timedelta(hours=2), now + timedelta(minutes=30)]
    due.append(now + timedelta(hours=3))
    due.append(now + timedelta(hours=9))
    assert summarise_deadlines(due, now) == [
        "⚠ 2 clocks OVERDUE",
        "▲ 1 due within 1 h",
        "● 1 due within 4 h",
    ]
    assert summarise_deadlines([now], now) == ["⚠ 1 clock OVERDUE"]
    assert summarise_deadlines([], now) == []


def test_an_empty_summary_says_so(qtbot: QtBot, controller: SessionController) -> None:
    lock = ScreenLock(controller)
    qtbot.addWidget(lock)
    lock.set_alert_summary([])
    assert "No deadline needs attention" in lock.ui.alertSummaryLabel.text()
    assert lock.ui.alertFrame.property("level") == "ok"


def test_role_and_can_follow_the_signed_in_person(
    controller: SessionController, clock: FakeClock
) -> None:
    assert controller.role == "coordinator" and controller.can("case.write")
    controller.switch_user("reg", REG_PW)
    assert controller.role == "registrar" and not controller.can("settings.manage")
    with pytest.raises(ValueError):
        controller.can("no.such.action")

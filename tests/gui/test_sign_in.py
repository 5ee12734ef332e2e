"""Signing in: the first-run wizard, the sign-in dialog, refusals and switching user.

A real SQLite file and a fake clock: the rate limit counts failures from the audit
trail by time, so the clock decides when a lock-out ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.people.first_run import MISMATCH, FirstRunWizard
from mscc_desk.gui.people.session import SessionController
from mscc_desk.gui.people.sign_in import SignInDialog, ask_switch_user, pause_style
from mscc_desk.gui.startup import sign_in_at_start
from mscc_desk.store import auth
from mscc_desk.store.auth import create_user, disable_user, needs_first_admin
from mscc_desk.store.backoff import FREE_FAILURES
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent
from mscc_desk.store.opening import open_database
from tests.gui.desk_helpers import NOW

ADMIN_PW = "admin pass 1"
CORA_PW = "cora pass 12"
REG_PW = "night shift 7"


def add_users(db: Database, clock: FakeClock) -> None:
    """An administrator, a coordinator and a registrar, as an install would have them."""
    now = clock.now()
    create_user(db, "admin", "Ada Admin", "admin", ADMIN_PW, actor=None, now=now)
    create_user(db, "cora", "Cora Coordinator", "coordinator", CORA_PW, actor="admin", now=now)
    create_user(db, "reg", "Dr Reg Night", "registrar", REG_PW, actor="admin", now=now)


def events(db: Database, *actions: str) -> list[tuple[str, dict[str, Any]]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.detail)
            .where(AuditEvent.action.in_(actions))
            .order_by(AuditEvent.id)
        ).all()
        return [(a, dict(d or {})) for a, d in rows]


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
    return DeskContext(db, clock=clock)


@pytest.fixture
def controller(ctx: DeskContext) -> Iterator[SessionController]:
    session = SessionController(ctx)
    yield session
    session.shutdown()


@pytest.fixture
def users(db: Database, clock: FakeClock) -> None:
    add_users(db, clock)


# --- first run -------------------------------------------------------------------------


def test_first_run_creates_the_admin_and_signs_them_in(
    qtbot: QtBot, db: Database, ctx: DeskContext, controller: SessionController
) -> None:
    assert needs_first_admin(db)
    wizard = FirstRunWizard(controller)
    qtbot.addWidget(wizard)
    wizard.fill("apatel", "Dr A Patel", "long enough 1", "long enough 1")
    with qtbot.waitSignal(controller.signed_in) as signal:
        assert wizard.submit()
    assert wizard.result() == QDialog.DialogCode.Accepted
    user = signal.args[0]
    assert (user.username, user.display_name, user.role) == ("apatel", "Dr A Patel", "admin")
    assert controller.user == user and ctx.user == "apatel"
    assert controller.can("users.manage")
    assert not needs_first_admin(db)
    created = events(db, "user.created")
    assert created[0][1]["first_run"] is True
    assert [a for a, _ in events(db, "auth.sign_in")] == ["auth.sign_in"]


def test_first_run_messages_name_the_field_and_create_nothing(
    qtbot: QtBot, db: Database, controller: SessionController
) -> None:
    wizard = FirstRunWizard(controller)
    qtbot.addWidget(wizard)
    wizard.fill("apatel", "", "short", "short")
    assert not wizard.submit()
    assert wizard.error("password") == "Password must be at least 8 characters."
    wizard.fill("apatel99", "", "APATEL99", "APATEL99")
    assert not wizard.submit()
    assert wizard.error("password") == "Password must not be the username."
    wizard.fill("apatel", "", "long enough 1", "long enough 2")
    assert not wizard.submit()
    assert wizard.error("repeat") == MISMATCH
    assert wizard.error("password") == ""
    wizard.fill("", "", "long enough 1", "long enough 1")
    assert not wizard.submit()
    assert wizard.error("username") == "Username is required."
    assert needs_first_admin(db)
    assert controller.user is None


def test_start_up_shows_the_wizard_on_a_fresh_desk(
    qtbot: QtBot, db: Database, controller: SessionController
) -> None:
    def finish() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, FirstRunWizard)
        assert wizard.windowModality() == Qt.WindowModality.ApplicationModal
        wizard.fill("apatel", "Dr A Patel", "long enough 1", "long enough 1")
        wizard.submit()

    QTimer.singleShot(0, finish)
    assert sign_in_at_start(controller)
    assert controller.role == "admin"


def test_start_up_asks_for_a_sign_in_once_an_admin_exists(
    qtbot: QtBot, users: None, controller: SessionController
) -> None:
    def finish() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
        dialog.set_credentials("cora", CORA_PW)
        QTest.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)

    QTimer.singleShot(0, finish)
    assert sign_in_at_start(controller)
    assert controller.role == "coordinator"


def test_cancelling_the_start_up_sign_in_signs_nobody_in(
    qtbot: QtBot, users: None, controller: SessionController
) -> None:
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert not sign_in_at_start(controller)
    assert controller.user is None


# --- the sign-in dialog ----------------------------------------------------------------


def test_the_right_password_signs_in_with_enter(
    qtbot: QtBot, users: None, ctx: DeskContext, controller: SessionController
) -> None:
    dialog = SignInDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.ui.usernameEdit, "cora")
    QTest.keyClicks(dialog.ui.passwordEdit, CORA_PW)
    with qtbot.waitSignal(controller.signed_in):
        QTest.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.user == "cora"
    assert controller.role == "coordinator"
    assert controller.can("case.write") and not controller.can("users.manage")


@pytest.mark.parametrize("username", ["cora", "nobody-here"])
def test_a_wrong_password_or_unknown_user_gets_the_same_message(
    qtbot: QtBot, users: None, ctx: DeskContext, controller: SessionController, username: str
) -> None:
    dialog = SignInDialog(controller)
    qtbot.addWidget(dialog)
    dialog.set_credentials(username, "not the password")
    assert not dialog.submit()
    assert dialog.message() == auth.WRONG_CREDENTIALS
    assert dialog.ui.passwordEdit.text() == ""  # a typed password never lingers on screen
    assert dialog.ui.usernameEdit.text() == username
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert controller.user is None and ctx.user == ""


def test_repeated_failures_say_calmly_how_long_to_wait(
    qtbot: QtBot, users: None, clock: FakeClock, controller: SessionController
) -> None:
    dialog = SignInDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(FREE_FAILURES):
        dialog.set_credentials("cora", "wrong wrong")
        assert not dialog.submit()
    assert "Please wait 30 seconds before trying again." in dialog.message()
    assert dialog.ui.messageLabel.styleSheet() == pause_style()  # not the alarm red
    label = dialog.ui.messageLabel
    QApplication.processEvents()
    assert label.height() >= label.heightForWidth(label.width())  # none of it cut off
    clock.advance(timedelta(seconds=10))
    dialog.set_credentials("cora", CORA_PW)  # even the right password waits
    assert not dialog.submit()
    assert dialog.message().startswith("Please wait 20 seconds before trying again.")
    assert "an administrator can lift the pause" in dialog.message()
    assert controller.user is None
    clock.advance(timedelta(seconds=20))
    dialog.set_credentials("cora", CORA_PW)
    assert dialog.submit()
    assert controller.user is not None and controller.user.username == "cora"


def test_a_disabled_user_is_refused(
    qtbot: QtBot, db: Database, clock: FakeClock, users: None, controller: SessionController
) -> None:
    disable_user(db, "cora", actor="admin", now=clock.now())
    dialog = SignInDialog(controller)
    qtbot.addWidget(dialog)
    dialog.set_credentials("cora", CORA_PW)
    assert not dialog.submit()
    assert dialog.message() == auth.DISABLED
    assert controller.user is None


def test_an_empty_username_is_asked_for_not_sent(
    qtbot: QtBot, db: Database, users: None, controller: SessionController
) -> None:
    dialog = SignInDialog(controller)
    qtbot.addWidget(dialog)
    dialog.set_credentials("  ", "whatever")
    assert not dialog.submit()
    assert dialog.message() == "Type your username."
    assert events(db, "auth.sign_in_failed") == []


# --- switching user ---------------------------------------------------------------------


def test_switch_user_records_the_sign_out_and_the_sign_in(
    qtbot: QtBot, db: Database, users: None, ctx: DeskContext, controller: SessionController
) -> None:
    controller.sign_in("cora", CORA_PW)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    dialog = ask_switch_user(controller, window)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.parentWidget() is window
    assert "Cora Coordinator will be signed out" in dialog.ui.introLabel.text()
    dialog.set_credentials("reg", REG_PW)
    with qtbot.waitSignals([controller.signed_out, controller.signed_in]):
        assert dialog.submit()
    assert ctx.user == "reg" and controller.role == "registrar"
    trail = events(db, "auth.sign_in", "auth.sign_out")
    assert [(a, d["username"]) for a, d in trail] == [
        ("auth.sign_in", "cora"),
        ("auth.sign_in", "reg"),
        ("auth.sign_out", "cora"),
    ]
    assert trail[-1][1]["reason"] == "switch_user"


def test_a_failed_switch_keeps_the_current_person_signed_in(
    qtbot: QtBot, db: Database, users: None, ctx: DeskContext, controller: SessionController
) -> None:
    controller.sign_in("cora", CORA_PW)
    window = QWidget()
    qtbot.addWidget(window)
    dialog = ask_switch_user(controller, window)
    dialog.set_credentials("reg", "typo typo")
    assert not dialog.submit()
    assert dialog.message() == auth.WRONG_CREDENTIALS
    assert ctx.user == "cora"
    assert events(db, "auth.sign_out") == []
    dialog.reject()


def test_signing_out_clears_the_desk_user(
    qtbot: QtBot, db: Database, users: None, ctx: DeskContext, controller: SessionController
) -> None:
    controller.sign_in("cora", CORA_PW)
    with qtbot.waitSignals([controller.signed_out, controller.cover_changed]):
        controller.sign_out()
    assert controller.user is None and ctx.user == "" and controller.covered
    assert not controller.can("case.read")
    assert events(db, "auth.sign_out")[-1][1]["reason"] == "user"


def test_closing_the_app_records_the_sign_out(
    db: Database, users: None, controller: SessionController
) -> None:
    controller.sign_in("reg", REG_PW)
    controller.shutdown()
    assert controller.user is None
    assert events(db, "auth.sign_out")[-1][1] == {"username": "reg", "reason": "exit"}

"""The users window: administrators manage accounts; everyone else gets the core's refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.people.session import SessionController
from mscc_desk.gui.people.user_admin import NEVER_DELETED, UserAdminDialog, open_user_admin
from mscc_desk.store import auth
from mscc_desk.store.auth import authenticate, list_users
from mscc_desk.store.backoff import FREE_FAILURES
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database
from mscc_desk.store.permissions import PermissionDenied, authorize
from tests.gui.desk_helpers import NOW
from tests.gui.test_sign_in import ADMIN_PW, CORA_PW, add_users, events


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def controller(db: Database, clock: FakeClock) -> Iterator[SessionController]:
    add_users(db, clock)
    session = SessionController(DeskContext(db, clock=clock))
    yield session
    session.shutdown()


@pytest.fixture
def admin_dialog(qtbot: QtBot, controller: SessionController) -> UserAdminDialog:
    controller.sign_in("admin", ADMIN_PW)
    dialog = UserAdminDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _by_name(db: Database) -> dict[str, auth.UserInfo]:
    return {u.username: u for u in list_users(db)}


def test_an_admin_adds_a_viewer(
    qtbot: QtBot, db: Database, clock: FakeClock, admin_dialog: UserAdminDialog
) -> None:
    ui = admin_dialog.ui
    assert [u.username for u in admin_dialog.users()] == ["admin", "cora", "reg"]
    assert ui.usersTable.rowCount() == 3
    QTest.keyClicks(ui.addUsernameEdit, "vic")
    QTest.keyClicks(ui.addDisplayNameEdit, "Vic Viewer")
    ui.addRoleCombo.setCurrentIndex(ui.addRoleCombo.findData("viewer"))
    QTest.keyClicks(ui.addPasswordEdit, "viewer pass 1")
    QTest.keyClicks(ui.addRepeatEdit, "viewer pass 1")
    QTest.keyClick(ui.addRepeatEdit, Qt.Key.Key_Return)  # Enter in the last field adds
    vic = _by_name(db)["vic"]
    assert (vic.display_name, vic.role, vic.active) == ("Vic Viewer", "viewer", True)
    assert "Added Vic Viewer (vic) as Viewer (reads only)" in admin_dialog.added_message()
    assert admin_dialog.selected_username() == "vic"
    assert ui.usersTable.rowCount() == 4
    assert admin_dialog.isVisible()  # Enter did not close the window
    assert ui.addUsernameEdit.text() == "" and ui.addPasswordEdit.text() == ""
    created = events(db, "user.created")[-1][1]
    assert created["username"] == "vic" and created["first_run"] is False
    assert authenticate(db, "vic", "viewer pass 1", clock.now()).role == "viewer"


def test_add_errors_go_beside_their_field(
    qtbot: QtBot, db: Database, admin_dialog: UserAdminDialog
) -> None:
    ui = admin_dialog.ui
    ui.addUsernameEdit.setText("CORA")
    ui.addPasswordEdit.setText("long enough 1")
    ui.addRepeatEdit.setText("long enough 1")
    assert not admin_dialog.add_user()
    assert admin_dialog.error("add.username") == "Username 'cora' already exists."
    ui.addUsernameEdit.setText("new1")
    ui.addPasswordEdit.setText("short")
    ui.addRepeatEdit.setText("short")
    assert not admin_dialog.add_user()
    assert admin_dialog.error("add.username") == ""
    assert admin_dialog.error("add.password") == "Password must be at least 8 characters."
    ui.addRepeatEdit.setText("shorter")
    assert not admin_dialog.add_user()
    assert "differ" in admin_dialog.error("add.password")
    assert "new1" not in _by_name(db)


def test_disable_enable_reset_and_change_role(
    qtbot: QtBot, db: Database, clock: FakeClock, admin_dialog: UserAdminDialog
) -> None:
    ui = admin_dialog.ui
    assert admin_dialog.select_user("cora")
    assert ui.enableButton.text() == "&Disable account"
    assert admin_dialog.toggle_enabled()
    assert not _by_name(db)["cora"].active
    assert ui.enableButton.text() == "&Enable account"
    with pytest.raises(auth.SignInError, match="disabled"):
        authenticate(db, "cora", CORA_PW, clock.now())
    assert admin_dialog.toggle_enabled()
    assert _by_name(db)["cora"].active

    ui.resetPasswordEdit.setText("fresh pass 99")
    ui.resetRepeatEdit.setText("fresh pass 99")
    assert admin_dialog.reset_password()
    assert authenticate(db, "cora", "fresh pass 99", clock.now()).username == "cora"

    ui.roleCombo.setCurrentIndex(ui.roleCombo.findData("registrar"))
    assert admin_dialog.change_role()
    assert _by_name(db)["cora"].role == "registrar"
    assert events(db, "user.role_changed")[-1][1]["role_before"] == "coordinator"


def test_an_admin_lifts_the_sign_in_pause_on_an_account(
    qtbot: QtBot, db: Database, clock: FakeClock, admin_dialog: UserAdminDialog
) -> None:
    ui = admin_dialog.ui
    assert admin_dialog.select_user("cora")
    assert ui.unlockButton.isHidden()  # nothing to lift
    for _ in range(FREE_FAILURES):
        with pytest.raises(auth.SignInError):
            authenticate(db, "cora", "wrong guess", clock.now(), workstation="corridor-pc")
    admin_dialog.refresh()
    assert admin_dialog.select_user("cora")
    assert ui.statusLabel.text() == "Active · sign-in paused until 09:31"
    assert not ui.unlockButton.isHidden() and ui.unlockButton.isEnabled()
    with pytest.raises(auth.SignInError, match="Please wait"):
        authenticate(db, "cora", CORA_PW, clock.now(), workstation="office-pc")
    assert admin_dialog.lift_pause()
    assert ui.statusLabel.text() == "Active"
    assert ui.unlockButton.isHidden()
    assert authenticate(db, "cora", CORA_PW, clock.now(), workstation="office-pc")
    assert events(db, "user.unlocked")[-1][1]["username"] == "cora"


def test_the_last_admin_cannot_be_disabled_or_demoted(
    qtbot: QtBot, db: Database, admin_dialog: UserAdminDialog
) -> None:
    ui = admin_dialog.ui
    admin_dialog.select_user("admin")
    assert not admin_dialog.toggle_enabled()
    assert "last active administrator" in admin_dialog.error("status")
    ui.roleCombo.setCurrentIndex(ui.roleCombo.findData("viewer"))
    assert not admin_dialog.change_role()
    assert "last active administrator" in admin_dialog.error("role")
    assert _by_name(db)["admin"].role == "admin"


def test_users_are_never_deleted(admin_dialog: UserAdminDialog) -> None:
    assert NEVER_DELETED in admin_dialog.ui.noteLabel.text()
    assert admin_dialog.ui.noteLabel.isVisible()
    buttons = [b.text().replace("&", "") for b in admin_dialog.findChildren(QAbstractButton)]
    assert not [t for t in buttons if "delete" in t.lower() or "remove" in t.lower()]


def test_a_non_admin_gets_the_cores_refusal(
    qtbot: QtBot, db: Database, controller: SessionController
) -> None:
    controller.sign_in("cora", CORA_PW)
    dialog = open_user_admin(controller)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, UserAdminDialog)
    with db.session() as session, pytest.raises(PermissionDenied) as refused:
        authorize(session, "cora", "users.manage")
    expected = refused.value.problem
    assert dialog.refusal().rstrip(".") == expected[:1].upper() + expected[1:]
    assert "which may not manage users" in dialog.refusal()
    assert not dialog.ui.usersTable.isVisible() and not dialog.ui.addBox.isVisible()
    assert dialog.users() == []
    # Even driven directly, the action is refused by the store and nothing is written.
    dialog.ui.addUsernameEdit.setText("sneaky")
    dialog.ui.addPasswordEdit.setText("long enough 1")
    dialog.ui.addRepeatEdit.setText("long enough 1")
    assert not dialog.add_user()
    assert "sneaky" not in _by_name(db)
    assert "may not manage users" in dialog.refusal()


def test_the_window_closes_when_the_desk_locks(
    qtbot: QtBot, controller: SessionController, admin_dialog: UserAdminDialog
) -> None:
    assert admin_dialog.isVisible()
    controller.lock()
    assert not admin_dialog.isVisible()


def test_an_admin_disabling_themselves_is_signed_out(
    qtbot: QtBot, db: Database, clock: FakeClock, controller: SessionController
) -> None:
    now = clock.now()
    auth.create_user(db, "admin2", "Second Admin", "admin", "second pw 12", actor="admin", now=now)
    controller.sign_in("admin", ADMIN_PW)
    dialog = UserAdminDialog(controller)
    qtbot.addWidget(dialog)
    dialog.select_user("admin")
    with qtbot.waitSignal(controller.signed_out):
        assert dialog.toggle_enabled()
    assert controller.user is None
    assert events(db, "auth.sign_out")[-1][1]["reason"] == "disabled"

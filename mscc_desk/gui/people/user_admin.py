"""Managing who may sign in: add, disable or enable, reset a password, change a role,
and lift the pause that wrong passwords put on an account.

Only administrators manage users, and the store checks that on every action: this window
also hides its controls from anyone else, but the refusal it shows is the store's own,
so the window cannot drift from the rule. Users are never deleted: the audit trail must
keep the name of everyone who ever recorded a call, so an account is disabled instead,
and the window says so, because "Delete" is the first thing an administrator looks for.

The window is not modal (a call may come in while an administrator is here), and it
closes itself when the desk locks or someone else signs in, so it cannot be used by
whoever walks up to an unattended desk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from ...domain.errors import InputError
from ...store.auth import (
    MIN_PASSWORD_LENGTH,
    UserInfo,
    account_pauses,
    change_role,
    create_user,
    disable_user,
    enable_user,
    list_users,
    pause_end_text,
    reset_password,
    unlock_account,
)
from ...store.permissions import PermissionDenied, authorize
from ...store.users import ROLES
from ..forms.ui_user_admin import Ui_UserAdminDialog
from ..look import error_style
from ..windows import bring_to_front
from .session import SessionController
from .sign_in import BANNER_STYLE, field_sentence, show_message

ROLE_LABELS = {
    "coordinator": "MSCC coordinator",
    "registrar": "Registrar",
    "viewer": "Viewer (reads only)",
    "admin": "Administrator",
}
NEVER_DELETED = "Users are never deleted, so the audit trail keeps their names."
MISMATCH = "The two passwords differ: type the same password twice."
USERNAME_ROLE = Qt.ItemDataRole.UserRole


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def account_text(user: UserInfo, paused_until: datetime | None = None) -> str:
    text = "Active" if user.active else "Disabled"
    if not user.has_password:
        text += " · no password yet"
    if paused_until is not None:
        text += f" · sign-in paused until {pause_end_text(paused_until)}"
    return text


class UserAdminDialog(QDialog):
    """Open with `open_user_admin`; the acting user is `controller.user`."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = controller.ctx
        self.ui = Ui_UserAdminDialog()
        self.ui.setupUi(self)
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self._users: list[UserInfo] = []
        self._pauses: dict[str, datetime] = {}
        ui = self.ui
        ui.noteLabel.setText(
            f"<b>{NEVER_DELETED}</b> To stop someone signing in, disable their account; "
            "an administrator can enable it again."
        )
        ui.refusalLabel.setStyleSheet(BANNER_STYLE)
        show_message(ui.refusalLabel, "")
        self._errors = {
            "role": ui.roleError,
            "status": ui.statusError,
            "reset": ui.resetError,
            "add.username": ui.addUsernameError,
            "add.display_name": ui.addDisplayNameError,
            "add.role": ui.addRoleError,
            "add.password": ui.addPasswordError,
        }
        for label in self._errors.values():
            label.setStyleSheet(error_style())
            show_message(label, "")
        show_message(ui.addMessage, "")
        for role in ROLES:
            ui.roleCombo.addItem(role_label(role), role)
            ui.addRoleCombo.addItem(role_label(role), role)
        ui.addRoleCombo.setCurrentIndex(max(ui.addRoleCombo.findData("coordinator"), 0))
        ui.addPasswordEdit.setPlaceholderText(f"at least {MIN_PASSWORD_LENGTH} characters")
        ui.resetPasswordEdit.setPlaceholderText(f"at least {MIN_PASSWORD_LENGTH} characters")

        table = ui.usersTable
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._selection_changed)

        close = ui.buttonBox.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        ui.buttonBox.rejected.connect(self.reject)
        ui.changeRoleButton.clicked.connect(self.change_role)
        ui.enableButton.clicked.connect(self.toggle_enabled)
        ui.unlockButton.clicked.connect(self.lift_pause)
        ui.resetButton.clicked.connect(self.reset_password)
        ui.addButton.clicked.connect(self.add_user)
        ui.resetPasswordEdit.returnPressed.connect(ui.resetRepeatEdit.setFocus)
        ui.resetRepeatEdit.returnPressed.connect(self.reset_password)
        ui.addUsernameEdit.returnPressed.connect(ui.addDisplayNameEdit.setFocus)
        ui.addDisplayNameEdit.returnPressed.connect(ui.addRoleCombo.setFocus)
        ui.addPasswordEdit.returnPressed.connect(ui.addRepeatEdit.setFocus)
        ui.addRepeatEdit.returnPressed.connect(self.add_user)

        # Whoever walks up to a locked or handed-over desk must not find this open.
        controller.locked.connect(self.close)
        controller.signed_out.connect(self.close)
        controller.signed_in.connect(self.close)

        self._refused = False
        self._check_admin()
        if not self._refused:
            self.refresh()
            table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- state -----------------------------------------------------------------------

    def users(self) -> list[UserInfo]:
        return list(self._users)

    def refusal(self) -> str:
        return self.ui.refusalLabel.text() if not self.ui.refusalLabel.isHidden() else ""

    def error(self, key: str) -> str:
        """The message beside a field: "role", "status", "reset", "add.<field>"."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    def added_message(self) -> str:
        return self.ui.addMessage.text() if not self.ui.addMessage.isHidden() else ""

    def selected_username(self) -> str | None:
        rows = self.ui.usersTable.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.ui.usersTable.item(rows[0].row(), 0)
        return str(item.data(USERNAME_ROLE)) if item is not None else None

    def select_user(self, username: str) -> bool:
        table = self.ui.usersTable
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(USERNAME_ROLE) == username:
                table.selectRow(row)
                return True
        return False

    # --- reading ---------------------------------------------------------------------

    def _actor(self) -> str:
        user = self.controller.user
        return user.username if user is not None else ""

    def _check_admin(self) -> None:
        """Ask the store itself whether the signed-in person may manage users."""
        try:
            with self.ctx.db.read_session() as session:
                authorize(session, self._actor(), "users.manage")
        except PermissionDenied as exc:
            self._refuse(exc)

    def _refuse(self, exc: InputError) -> None:
        self._refused = True
        show_message(self.ui.refusalLabel, field_sentence(exc))
        for widget in (self.ui.usersCaption, self.ui.usersTable, self.ui.selectedBox):
            widget.hide()
        self.ui.addBox.hide()
        self.ui.usersTable.setRowCount(0)
        self._users = []

    def refresh(self) -> None:
        keep = self.selected_username()
        self._users = list_users(self.ctx.db)
        self._pauses = account_pauses(self.ctx.db, self.ctx.clock.now())
        table = self.ui.usersTable
        table.setSortingEnabled(False)
        table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            status = account_text(user, self._pauses.get(user.username))
            cells = (user.username, user.display_name, role_label(user.role), status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(USERNAME_ROLE, user.username)
                if not user.active:
                    item.setForeground(self.palette().placeholderText())
                table.setItem(row, column, item)
        if keep is None or not self.select_user(keep):
            table.clearSelection()
        self._selection_changed()

    def _selected(self) -> UserInfo | None:
        name = self.selected_username()
        return next((u for u in self._users if u.username == name), None)

    def _selection_changed(self) -> None:
        ui = self.ui
        user = self._selected()
        for key in ("role", "status", "reset"):
            show_message(self._errors[key], "")
        for widget in (
            ui.roleCombo,
            ui.changeRoleButton,
            ui.enableButton,
            ui.unlockButton,
            ui.resetPasswordEdit,
            ui.resetRepeatEdit,
            ui.resetButton,
        ):
            widget.setEnabled(user is not None)
        if user is None:
            ui.selectedNameLabel.setText("Choose a user in the list.")
            ui.statusLabel.setText("")
            ui.enableButton.setText("&Disable account")
            ui.unlockButton.hide()
            return
        ui.selectedNameLabel.setText(
            f"<b>{escape(user.display_name)}</b> ({escape(user.username)})"
        )
        ui.roleCombo.setCurrentIndex(max(ui.roleCombo.findData(user.role), 0))
        ui.statusLabel.setText(account_text(user, self._pauses.get(user.username)))
        ui.enableButton.setText("&Disable account" if user.active else "&Enable account")
        ui.unlockButton.setVisible(user.username in self._pauses)

    # --- acting ----------------------------------------------------------------------

    def change_role(self) -> bool:
        user = self._selected()
        if user is None:
            return False
        role = str(self.ui.roleCombo.currentData())
        return self._act(
            lambda: change_role(
                self.ctx.db, user.username, role, actor=self._actor(), now=self.ctx.clock.now()
            ),
            {"role": "role", "username": "role"},
            "role",
        )

    def toggle_enabled(self) -> bool:
        user = self._selected()
        if user is None:
            return False
        action = disable_user if user.active else enable_user
        done = self._act(
            lambda: action(
                self.ctx.db, user.username, actor=self._actor(), now=self.ctx.clock.now()
            ),
            {"username": "status"},
            "status",
        )
        me = self.controller.user
        if done and user.active and me is not None and me.username == user.username:
            # Disabled their own account: the store refuses them from now on anyway.
            self.controller.sign_out(reason="disabled")
        return done

    def lift_pause(self) -> bool:
        """Let someone whose wrong passwords paused their account sign in at once."""
        user = self._selected()
        if user is None:
            return False
        return self._act(
            lambda: unlock_account(
                self.ctx.db, user.username, actor=self._actor(), now=self.ctx.clock.now()
            ),
            {"username": "status"},
            "status",
        )

    def reset_password(self) -> bool:
        user = self._selected()
        if user is None:
            return False
        password = self.ui.resetPasswordEdit.text()
        show_message(self._errors["reset"], "")
        if password != self.ui.resetRepeatEdit.text():
            show_message(self._errors["reset"], MISMATCH)
            self.ui.resetRepeatEdit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        done = self._act(
            lambda: reset_password(
                self.ctx.db,
                user.username,
                password,
                actor=self._actor(),
                now=self.ctx.clock.now(),
            ),
            {"password": "reset", "username": "reset"},
            "reset",
        )
        if done:
            self.ui.resetPasswordEdit.clear()
            self.ui.resetRepeatEdit.clear()
            self.ui.statusLabel.setText(f"{account_text(user)} · password reset")
        return done

    def add_user(self) -> bool:
        ui = self.ui
        for key in ("add.username", "add.display_name", "add.role", "add.password"):
            show_message(self._errors[key], "")
        show_message(ui.addMessage, "")
        password = ui.addPasswordEdit.text()
        if password != ui.addRepeatEdit.text():
            show_message(self._errors["add.password"], MISMATCH)
            ui.addRepeatEdit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        username = ui.addUsernameEdit.text().strip()
        role = str(ui.addRoleCombo.currentData())
        created: list[UserInfo] = []
        done = self._act(
            lambda: created.append(
                create_user(
                    self.ctx.db,
                    username,
                    ui.addDisplayNameEdit.text(),
                    role,
                    password,
                    actor=self._actor(),
                    now=self.ctx.clock.now(),
                )
            ),
            {
                "username": "add.username",
                "display_name": "add.display_name",
                "role": "add.role",
                "password": "add.password",
            },
            "add.username",
        )
        if done and created:
            new = created[0]
            for edit in (
                ui.addUsernameEdit,
                ui.addDisplayNameEdit,
                ui.addPasswordEdit,
                ui.addRepeatEdit,
            ):
                edit.clear()
            show_message(
                ui.addMessage,
                f"Added {new.display_name} ({new.username}) as {role_label(new.role)}. "
                "Give them the password in person; they can sign in now.",
            )
            self.select_user(new.username)
            ui.addUsernameEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        return done

    def _act(self, action: Callable[[], object], fields: dict[str, str], fallback: str) -> bool:
        """Run a store call; a refusal goes beside its field, a permission one on top."""
        try:
            action()
        except PermissionDenied as exc:
            self._refuse(exc)
            return False
        except InputError as exc:
            key = fields.get(exc.field, fallback)
            show_message(self._errors[key], field_sentence(exc))
            self._focus_for(key)
            return False
        self.refresh()
        self._check_admin()  # e.g. an administrator who just made themselves a viewer
        return True

    def _focus_for(self, key: str) -> None:
        edits: dict[str, QWidget] = {
            "role": self.ui.roleCombo,
            "reset": self.ui.resetPasswordEdit,
            "add.username": self.ui.addUsernameEdit,
            "add.display_name": self.ui.addDisplayNameEdit,
            "add.role": self.ui.addRoleCombo,
            "add.password": self.ui.addPasswordEdit,
        }
        widget = edits.get(key)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        # Enter belongs to the field being typed in (handled above); it must not
        # close the window half-way through adding a user.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


def open_user_admin(controller: SessionController, parent: QWidget | None = None) -> QDialog:
    """Show the users window (not modal). A non-administrator sees the store's refusal."""
    dialog = UserAdminDialog(controller, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    bring_to_front(dialog)
    return dialog

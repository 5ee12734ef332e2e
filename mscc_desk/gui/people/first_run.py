"""First run: create the administrator, then sign them in.

Until an administrator who can sign in exists, nobody can be let in, so this is the only
screen a fresh install shows. It asks for the password twice because a mistyped first
administrator password locks everybody out of user management. The policy and its
wording are the store's (`auth.check_password`), so this screen, the user admin screen
and the command line refuse the same passwords with the same words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ...domain.errors import InputError
from ...store.auth import MIN_PASSWORD_LENGTH, SignInError, check_password, create_user
from ...store.permissions import PermissionDenied
from ..forms.ui_first_run import Ui_FirstRunWizard
from ..look import colour_style, error_style
from .session import SessionController
from .sign_in import BANNER_STYLE, field_sentence, show_message

MISMATCH = "Repeat password does not match the password: type the same password twice."


class FirstRunWizard(QDialog):
    """Accepted once the administrator exists and is signed in."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ui = Ui_FirstRunWizard()
        self.ui.setupUi(self)
        controller.allow_while_covered(self)
        # Before anyone is signed in no patient data is on screen, so this may block.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        title_font = QFont(self.ui.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        self.ui.policyLabel.setText(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters and must not be "
            "the username. Keep it safe: only an administrator can add other users."
        )
        self.ui.policyLabel.setStyleSheet(colour_style("muted"))
        self._errors: dict[str, QLabel] = {
            "username": self.ui.usernameError,
            "display_name": self.ui.displayNameError,
            "password": self.ui.passwordError,
            "repeat": self.ui.repeatError,
        }
        for label in self._errors.values():
            label.setStyleSheet(error_style())
        self.ui.bannerLabel.setStyleSheet(BANNER_STYLE)
        self._clear_errors()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Create administrator and sign in")
        ok.setDefault(True)
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("&Quit")
        cancel.setToolTip("Close MSCC Desk; this screen comes back next time")
        self.resize(self.width(), self.sizeHint().height())
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.usernameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def fill(self, username: str, display_name: str, password: str, repeat: str) -> None:
        self.ui.usernameEdit.setText(username)
        self.ui.displayNameEdit.setText(display_name)
        self.ui.passwordEdit.setText(password)
        self.ui.repeatEdit.setText(repeat)

    def error(self, field: str) -> str:
        """The message beside a field ("username", "display_name", "password", "repeat")."""
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def banner(self) -> str:
        return self.ui.bannerLabel.text() if not self.ui.bannerLabel.isHidden() else ""

    def submit(self) -> bool:
        """Create the administrator, then sign them in; refusals go beside their field."""
        self._clear_errors()
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        # The policy first, so a short password is reported as such, not as a mismatch.
        try:
            check_password(password, username)
        except InputError as exc:
            return self._field_error(exc)
        if self.ui.repeatEdit.text() != password:
            show_message(self.ui.repeatError, MISMATCH)
            self._focus(self.ui.repeatEdit)
            return False
        now = self.controller.ctx.clock.now()
        try:
            create_user(
                self.controller.ctx.db,
                username,
                self.ui.displayNameEdit.text(),
                "admin",
                password,
                actor=None,
                now=now,
            )
        except PermissionDenied as exc:
            # Another workstation on a shared database finished set-up first.
            show_message(
                self.ui.bannerLabel,
                f"{field_sentence(exc)} Press Quit and start MSCC Desk again to sign in.",
            )
            return False
        except InputError as exc:
            return self._field_error(exc)
        try:
            self.controller.sign_in(username, password)
        except SignInError as exc:
            show_message(self.ui.bannerLabel, exc.message)
            return False
        self.ui.passwordEdit.clear()
        self.ui.repeatEdit.clear()
        self.accept()
        return True

    def _field_error(self, exc: InputError) -> bool:
        label = self._errors.get(exc.field)
        if label is None:
            show_message(self.ui.bannerLabel, field_sentence(exc))
            return False
        show_message(label, field_sentence(exc))
        edits: dict[str, QLineEdit] = {
            "username": self.ui.usernameEdit,
            "display_name": self.ui.displayNameEdit,
            "password": self.ui.passwordEdit,
        }
        self._focus(edits[exc.field])
        return False

    def _focus(self, edit: QLineEdit) -> None:
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.selectAll()

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            show_message(label, "")
        show_message(self.ui.bannerLabel, "")

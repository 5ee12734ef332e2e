"""The sign-in dialog: at start-up, and when a registrar takes over the desk at night.

It says only what the store says. A wrong password and an unknown username get the same
sentence, so the dialog cannot tell a passer-by which usernames exist; after several
failures sign-in pauses, and the store's message says how long to wait. That is shown
calmly, not in alarm red: the person at the desk has most likely just mistyped.

Modality is deliberate. At start-up, before any patient data is on screen, the dialog is
application-modal: there is nothing else to use yet. As "Switch user" it is modal to the
main window only: the alert banner stays on view, and separate alert windows, the tray
and alert sounds keep working, because a breach must never wait behind a sign-in box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ...domain.errors import InputError
from ...store.auth import SignInError
from ..forms.ui_sign_in import Ui_SignInDialog
from ..look import colour_style, error_style
from .session import SessionController


def pause_style() -> str:
    """A pause after wrong passwords is news, not a mistake: muted, not the error's red."""
    return colour_style("muted")


BANNER_STYLE = (
    "QLabel { background: #f8e1e1; color: #5c1010; border: 1px solid #8b1a1a;"
    " border-radius: 4px; padding: 6px; }"
)
# The store names fields by their Python names; people read these.
FIELD_NAMES = {
    "username": "Username",
    "display_name": "Display name",
    "role": "Role",
    "password": "Password",
    "user": "You",
}


def field_sentence(exc: InputError, field_name: str | None = None) -> str:
    """The store's refusal as a sentence that names the field ("Password must be ...")."""
    name = field_name or FIELD_NAMES.get(exc.field, exc.field.replace("_", " ").capitalize())
    problem = exc.problem
    if exc.field == "user":  # a permission refusal is already a whole sentence
        return problem[:1].upper() + problem[1:] + ("" if problem.endswith(".") else ".")
    if problem.startswith("'") or problem.startswith('"'):
        return f"{name} {problem}."  # "Username 'cora' already exists."
    return f"{name} {problem}" + ("" if problem.endswith(".") else ".")


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class SignInDialog(QDialog):
    """`switch=False`: start-up sign-in (Cancel quits); `switch=True`: switch user.

    Accepted once the controller has signed someone in; `controller.user` says who.
    """

    def __init__(
        self,
        controller: SessionController,
        parent: QWidget | None = None,
        *,
        switch: bool = False,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.switch = switch
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        controller.allow_while_covered(self)
        title_font = QFont(self.ui.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        self.ui.messageLabel.setStyleSheet(error_style())
        show_message(self.ui.messageLabel, "")
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        ok.setText("&Sign in")
        ok.setDefault(True)
        current = controller.user
        if switch:
            self.setWindowTitle("Switch user — MSCC Desk")
            self.ui.titleLabel.setText("Switch user")
            who = current.display_name if current is not None else "Nobody"
            self.ui.introLabel.setText(
                f"Sign in as yourself. {who} will be signed out; calls being typed are "
                "kept as drafts."
                if current is not None
                else "Sign in as yourself."
            )
            cancel.setText("Cancel")
            # Modal to the desk only: alert windows and the tray must stay usable.
            self.setWindowModality(Qt.WindowModality.WindowModal)
        else:
            cancel.setText("&Quit")
            cancel.setToolTip("Close MSCC Desk without signing in")
            # Only at start-up, before any patient data is on screen.
            self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(self.width(), self.sizeHint().height())
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.usernameEdit.textChanged.connect(self._update)
        self.ui.passwordEdit.textChanged.connect(self._update)
        self.ui.usernameEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def set_credentials(self, username: str, password: str) -> None:
        self.ui.usernameEdit.setText(username)
        self.ui.passwordEdit.setText(password)

    def message(self) -> str:
        return self.ui.messageLabel.text() if not self.ui.messageLabel.isHidden() else ""

    def submit(self) -> bool:
        """Sign in (or switch); on a refusal show the store's words and keep the username."""
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username:
            show_message(self.ui.messageLabel, "Type your username.")
            self.ui.usernameEdit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        try:
            if self.switch:
                self.controller.switch_user(username, password)
            else:
                self.controller.sign_in(username, password)
        except SignInError as exc:
            self._refused(exc.message, paused=exc.paused_until is not None)
            return False
        except InputError as exc:
            self._refused(field_sentence(exc))
            return False
        self.ui.passwordEdit.clear()
        self.accept()
        return True

    def _refused(self, text: str, *, paused: bool = False) -> None:
        self.ui.messageLabel.setStyleSheet(pause_style() if paused else error_style())
        show_message(self.ui.messageLabel, text)
        self._fit_message()
        self.ui.passwordEdit.clear()  # never leave a typed password lying on screen
        self.ui.passwordEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_message(self) -> None:
        """Grow to show the whole message: a cut-off "how long to wait" helps nobody."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _update(self) -> None:
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.ui.usernameEdit.text().strip()))


def ask_switch_user(controller: SessionController, window: QWidget) -> SignInDialog:
    """Open "Switch user" over the main window (window-modal, not blocking alerts).

    Returns the dialog (already shown, not exec'd: the desk's event loop keeps running
    and alerts keep arriving); `controller.signed_in` fires if someone signs in.
    """
    dialog = SignInDialog(controller, window, switch=True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

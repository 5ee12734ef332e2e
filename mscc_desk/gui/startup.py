"""Who is at the desk before any patient data shows: the first-run wizard while there is
no administrator who can sign in, otherwise the sign-in dialog.

Its own module because it needs both dialogs, and the first-run wizard uses the sign-in
dialog's helpers: so the imports point one way (startup -> first_run -> sign_in).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ..store.auth import needs_first_admin
from .people.first_run import FirstRunWizard
from .people.session import SessionController
from .people.sign_in import SignInDialog


def sign_in_at_start(controller: SessionController, parent: QWidget | None = None) -> bool:
    """Call before showing any patient data: first-run wizard or sign-in, application-modal.

    False if the person cancelled (quit the app). True once someone is signed in.
    """
    if needs_first_admin(controller.ctx.db):
        wizard = FirstRunWizard(controller, parent)
        return wizard.exec() == QDialog.DialogCode.Accepted and controller.user is not None
    dialog = SignInDialog(controller, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and controller.user is not None

"""Alert settings: how early "due soon" and "imminent" come, and whether alerts beep.

Non-modal, so it can stay open beside a call being typed. The rules (positive, imminent
nearer the deadline than due soon) live in `store.alerts`, not here, so the command line
and this dialog refuse the same things with the same words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..domain.errors import InputError
from ..store.alerts import (
    DUE_SOON_KEY,
    IMMINENT_KEY,
    AlertSettings,
    alert_settings,
    save_alert_settings,
)
from .context import DeskContext
from .forms.ui_settings_dialog import Ui_SettingsDialog


def _in_words(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return "= " + " ".join(parts) + " before the deadline"


class SettingsDialog(QDialog):
    """Emits `settings_saved(AlertSettings)` after a save; connect it to
    `AlertController.resync` so the armed alerts follow the new lead times."""

    settings_saved = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui.errorLabel.setStyleSheet("color: #8b1a1a; font-weight: bold;")
        current = alert_settings(ctx.db)
        self.ui.dueSoonSpin.setValue(current.due_soon_minutes)
        self.ui.imminentSpin.setValue(current.imminent_minutes)
        self.ui.soundCheck.setChecked(current.sound)
        self.ui.dueSoonSpin.valueChanged.connect(self._update_hints)
        self.ui.imminentSpin.valueChanged.connect(self._update_hints)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._update_hints()

    def _update_hints(self) -> None:
        self.ui.dueSoonHint.setText(_in_words(self.ui.dueSoonSpin.value()))
        self.ui.imminentHint.setText(_in_words(self.ui.imminentSpin.value()))

    def set_values(self, due_soon: int, imminent: int, sound: bool) -> None:
        self.ui.dueSoonSpin.setValue(due_soon)
        self.ui.imminentSpin.setValue(imminent)
        self.ui.soundCheck.setChecked(sound)

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def save(self) -> bool:
        """Validate and store; on a refusal say why beside the fields and stay open."""
        try:
            saved: AlertSettings = save_alert_settings(
                self.ctx.db,
                due_soon_minutes=self.ui.dueSoonSpin.value(),
                imminent_minutes=self.ui.imminentSpin.value(),
                sound=self.ui.soundCheck.isChecked(),
                user=self.ctx.user,
                now=self.ctx.clock.now(),
            )
        except InputError as exc:
            names = {DUE_SOON_KEY: "Due soon alert", IMMINENT_KEY: "Imminent alert"}
            where = names.get(exc.field)
            if exc.field == "user":
                text = "⚠ Sign in to change the alert settings."
            elif where:
                text = f"⚠ {where}: {exc.problem}"
            else:
                text = f"⚠ {exc}"
            self.ui.errorLabel.setText(text)
            self.ui.errorLabel.setVisible(True)
            target = self.ui.dueSoonSpin if exc.field == DUE_SOON_KEY else self.ui.imminentSpin
            target.setFocus()
            return False
        self.ui.errorLabel.setVisible(False)
        self.settings_saved.emit(saved)
        self.accept()
        return True

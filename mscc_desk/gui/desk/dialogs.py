"""The two small header dialogs: who is at the desk, and who is the coordinator now.

Both are typed into, not clicked through: a registrar taking over at 3 a.m. types a
name and presses Enter. A name the desk already knows is picked; a new one is added.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QWidget

from ...domain.clock import format_london
from ...store.users import ROLES
from ..forms.ui_coordinator_dialog import Ui_CoordinatorDialog
from ..forms.ui_user_picker import Ui_UserPicker
from ..people.user_admin import role_label
from .state import KnownUser

COVER_SUGGESTIONS = (
    "MSCC coordinator",
    "registrar, covering nights",
    "registrar, covering the weekend",
    "consultant clinical oncologist",
    "acute oncology nurse specialist",
)


class UserPicker(QDialog):
    """Pick a known person by typing their name, or add a new one with a role."""

    def __init__(
        self, known: list[KnownUser], current: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_UserPicker()
        self.ui.setupUi(self)
        self._known = {u.username.casefold(): u for u in known}
        self._known |= {u.display_name.casefold(): u for u in known}
        completer = QCompleter(sorted({u.display_name for u in known}), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.ui.nameEdit.setCompleter(completer)
        for role in ROLES:
            self.ui.roleCombo.addItem(role_label(role), role)
        self.ui.nameEdit.textChanged.connect(self._update)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.nameEdit.setText(current)
        self.ui.nameEdit.selectAll()
        self._update()

    def known_user(self) -> KnownUser | None:
        return self._known.get(self.name().casefold())

    def name(self) -> str:
        return " ".join(self.ui.nameEdit.text().split())

    def username(self) -> str:
        """The stored user name: a known person's own, or the new name as typed."""
        known = self.known_user()
        return known.username if known else self.name()

    def role(self) -> str:
        known = self.known_user()
        return known.role if known else str(self.ui.roleCombo.currentData())

    def _update(self) -> None:
        known = self.known_user()
        name = self.name()
        self.ui.roleCombo.setEnabled(known is None)
        if known is not None:
            index = self.ui.roleCombo.findData(known.role)
            if index >= 0:
                self.ui.roleCombo.setCurrentIndex(index)
            self.ui.hintLabel.setText(f"{known.display_name} is known to the desk.")
        elif name:
            self.ui.hintLabel.setText(f"{name} is new here and will be added with this role.")
        else:
            self.ui.hintLabel.setText("Type a name.")
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name))


def split_coordinator(text: str) -> tuple[str, str]:
    """`Dr A (registrar, covering nights)` -> (`Dr A`, `registrar, covering nights`)."""
    text = text.strip()
    if text.endswith(")") and " (" in text:
        name, _, rest = text.partition(" (")
        return name.strip(), rest[:-1].strip()
    return text, ""


def join_coordinator(name: str, cover: str) -> str:
    name, cover = " ".join(name.split()), " ".join(cover.split())
    return f"{name} ({cover})" if name and cover else name


class CoordinatorDialog(QDialog):
    def __init__(
        self, current: str = "", since: datetime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CoordinatorDialog()
        self.ui.setupUi(self)
        self.ui.roleCombo.addItems(list(COVER_SUGGESTIONS))
        name, cover = split_coordinator(current)
        self.ui.nameEdit.setText(name)
        self.ui.roleCombo.setCurrentText(cover)
        if current and since is not None:
            self.ui.sinceLabel.setText(f"Now: {current}, since {format_london(since)}.")
        self.ui.nameEdit.textChanged.connect(self._update)
        self.ui.roleCombo.currentTextChanged.connect(self._update)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.nameEdit.selectAll()
        self._update()

    def text(self) -> str:
        return join_coordinator(self.ui.nameEdit.text(), self.ui.roleCombo.currentText())

    def _update(self) -> None:
        text = self.text()
        self.ui.previewLabel.setText(f"<b>{escape(text)}</b>" if text else "")
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.ui.nameEdit.text().strip()))

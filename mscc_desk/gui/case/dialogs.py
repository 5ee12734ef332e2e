"""The case view's dialogs: close a case, reopen it, clear an override. Each names why
it is asked (a reason is kept in the audit trail) and saves with Ctrl+Enter."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from ...domain.clock import format_london
from ...domain.errors import InputError
from ...domain.scales import FRANKEL_LABELS
from ...store.cases import (
    AMBULATORY,
    OUTCOMES,
    CaseDetail,
    VersionConflict,
    clear_override,
    close_case,
    field_label,
    reopen_case,
)
from ..context import DeskContext
from ..forms.ui_case_close import Ui_CaseCloseDialog
from ..forms.ui_case_reopen import Ui_CaseReopenDialog
from ..look import error_style


def _save_shortcuts(dialog: QDialog, save: Callable[[], None]) -> None:
    """Ctrl+Enter (or Ctrl+S, as in the call form) saves from anywhere, the reason box
    included (where Enter is a newline)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
        QShortcut(QKeySequence(keys), dialog).activated.connect(save)


class CloseCaseDialog(QDialog):
    """Close with the DATASET outcome fields and a reason; saves itself, like the editor."""

    saved = Signal(int)
    conflict = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        mine: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.ui = Ui_CaseCloseDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"Close case {detail.id} — {detail.patient.name}")
        self.ui.errorLabel.setStyleSheet(error_style())
        self.ui.errorLabel.hide()
        self.ui.outcomeCombo.addItem("— choose —", "")
        for key, label in OUTCOMES.items():
            self.ui.outcomeCombo.addItem(label, key)
        self.ui.ambulatoryCombo.addItem("— choose —", "")
        for key, label in AMBULATORY.items():
            self.ui.ambulatoryCombo.addItem(label, key)
        self.ui.frankelCombo.addItem("Not recorded", "")
        for grade, label in FRANKEL_LABELS.items():
            self.ui.frankelCombo.addItem(f"{grade.value} — {label}", grade.value)
        running = [
            f"{c.label} (due {format_london(c.due_at)})"
            for c in detail.clocks
            if c.met_at is None and c.cancelled_at is None
        ]
        self.ui.clocksLabel.setText(
            "Clocks that will stop: " + "; ".join(running) if running else "No clock is running."
        )
        if mine:
            self.ui.reasonEdit.setPlainText(str(mine.get("close_reason") or ""))
            for combo, key in (
                (self.ui.outcomeCombo, "outcome"),
                (self.ui.ambulatoryCombo, "ambulatory_at_discharge"),
                (self.ui.frankelCombo, "frankel_at_discharge"),
            ):
                combo.setCurrentIndex(max(combo.findData(mine.get(key) or ""), 0))
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        _save_shortcuts(self, self.save)
        self.ui.reasonEdit.setFocus()

    def save(self) -> None:
        outcome = str(self.ui.outcomeCombo.currentData() or "")
        ambulatory = str(self.ui.ambulatoryCombo.currentData() or "")
        try:
            if not self.ui.reasonEdit.toPlainText().strip():
                raise InputError("reason", "is required")
            if not outcome:
                raise InputError("outcome", "choose the outcome")
            if not ambulatory:
                raise InputError("ambulatory_at_discharge", "choose yes, no or unknown")
            version = close_case(
                self.ctx.db,
                self.detail.id,
                reason=self.ui.reasonEdit.toPlainText(),
                outcome=outcome,
                ambulatory_at_discharge=ambulatory,
                frankel_at_discharge=str(self.ui.frankelCombo.currentData() or "") or None,
                user=self.ctx.user,
                now=self.ctx.clock.now(),
                expected_version=self.detail.version,
            )
        except InputError as exc:
            widgets: dict[str, QWidget] = {
                "reason": self.ui.reasonEdit,
                "outcome": self.ui.outcomeCombo,
                "ambulatory_at_discharge": self.ui.ambulatoryCombo,
                "frankel_at_discharge": self.ui.frankelCombo,
            }
            self.ui.errorLabel.setText(f"{field_label(exc.field)}: {exc.problem}")
            self.ui.errorLabel.show()
            widgets.get(exc.field, self.ui.reasonEdit).setFocus()
            return
        except VersionConflict as exc:
            self.conflict.emit(exc)
            self.reject()
            return
        self.saved.emit(version)
        self.ctx.data_changed.emit()
        self.accept()


class ReasonDialog(QDialog):
    """A change to the whole case that needs only a reason: reopening it, or lifting its
    category override. `action(reason)` writes it and returns the new version."""

    saved = Signal(int)
    conflict = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        detail: CaseDetail,
        parent: QWidget | None = None,
        *,
        title: str,
        intro: str,
        label: str,
        action: Callable[[str], int],
        mine: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.action = action
        self.ui = Ui_CaseReopenDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"{title} — case {detail.id} — {detail.patient.name}")
        self.ui.introLabel.setText(intro)
        self.ui.reasonLabel.setText(label)
        self.ui.errorLabel.setStyleSheet(error_style())
        self.ui.errorLabel.hide()
        self.ui.reasonEdit.setPlainText(mine)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        _save_shortcuts(self, self.save)
        self.ui.reasonEdit.setFocus()

    def save(self) -> None:
        try:
            version = self.action(self.ui.reasonEdit.toPlainText())
        except InputError as exc:
            self.ui.errorLabel.setText(f"{field_label(exc.field)}: {exc.problem}")
            self.ui.errorLabel.show()
            self.ui.reasonEdit.setFocus()
            return
        except VersionConflict as exc:
            self.conflict.emit(exc)
            self.reject()
            return
        self.saved.emit(version)
        self.ctx.data_changed.emit()
        self.accept()


def reopen_dialog(
    ctx: DeskContext, detail: CaseDetail, parent: QWidget, mine: str = ""
) -> ReasonDialog:
    return ReasonDialog(
        ctx,
        detail,
        parent,
        title="Reopen",
        intro=(
            "The clocks stopped at closing stay stopped. Record a follow-up call to "
            "re-triage the case and start the clocks it needs."
        ),
        label="&Reason for reopening:",
        action=lambda reason: reopen_case(
            ctx.db, detail.id, reason, ctx.user, ctx.clock.now(), detail.version
        ),
        mine=mine,
    )


def clear_override_dialog(
    ctx: DeskContext, detail: CaseDetail, parent: QWidget, mine: str = ""
) -> ReasonDialog:
    c = detail.referral.category
    return ReasonDialog(
        ctx,
        detail,
        parent,
        title="Clear the category override",
        intro=(
            f"The case is {c.short} by override ({c.override_reason or ''}). Clearing it "
            f"makes the case {c.computed_label}, as its features call for, and starts the "
            "clocks that category runs from now."
        ),
        label="&Why the override no longer applies:",
        action=lambda reason: clear_override(
            ctx.db,
            detail.id,
            reason,
            ctx.user,
            ctx.clock.now(),
            detail.version,
            ctx.pathway,
        ),
        mine=mine,
    )

"""The intake window: one call, typed while the caller is still on the phone.

Three promises shape it. Nothing typed is lost: the whole form is kept as a draft a
moment after every change and whenever the window closes, and only Save or an explicit,
reasoned discard removes that draft. The coordinator sees NG234's answer as the boxes
are ticked, with its reasons. And every refusal names the field in the words on the
screen, next to that field, with the cursor put there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from ...domain import nhs_number
from ...domain.errors import InputError
from ...domain.triage import override_effect, parse_facts, triage
from ...domain.typed_time import format_uk_datetime
from ...store.calls import record_call
from ...store.drafts import discard_draft, load_draft, save_draft
from ...store.patients import PatientMatch, find_by_case, find_by_nhs_number
from ..context import DeskContext
from ..forms.ui_intake import Ui_IntakeForm
from ..look import inks, scaled_font
from .fields import Binding, IntakeFields, spoken_time
from .known_patient import banner_text, follow_up_text, patient_values
from .messages import FieldMessages, align_labels, set_role

DRAFT_DEBOUNCE_MS = 800
DRAFT_RETRY_MS = 5_000
DRAFT_FORM = "intake"
DRAFT_VERSION = 1
KEPT_TEXT = "Draft kept — reopen it from Drafts on the board."
GROUP_NAMES = (
    "groupCall",
    "groupPatient",
    "groupCancer",
    "groupFeatures",
    "groupNeuro",
    "groupManagement",
    "groupAdvice",
)


class IntakeWindow(QWidget):
    """A non-modal window for one call; several can be open at once (one per phone call).

    Closing it (Ctrl+W, the Close button, the window manager) keeps the draft; the
    window deletes itself when closed, so hold it through `destroyed`, not a reference.
    """

    saved = Signal(int)  # the case id, after the call is recorded

    def __init__(
        self,
        ctx: DeskContext,
        draft_id: int | None = None,
        case_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.ui = Ui_IntakeForm()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self._style_for_palette()
        self.ui.triagePanel.set_clock(ctx.clock)
        self.fields = IntakeFields(self.ui, ctx.pathway)
        self.draft_id = draft_id
        self.case_id = case_id
        self._loading = True
        self._dirty = False
        self._finished = False
        self._save_tried = False
        self._messages = FieldMessages(self)
        self._match: PatientMatch | None = None
        self._details_used = False  # the patient fields were filled from the record
        self._looked_up = ""
        self._jumping = False  # Ctrl+1..7 places the section itself

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DRAFT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.keep_draft)

        self._wire()
        self._start(draft_id, case_id)
        for binding in self.fields:
            if not binding.is_blank() or binding.hint is not None:
                self._show_problem(binding, final=True)
        self._look_up_patient()
        self._loading = False
        self._refresh()

    # ------------------------------------------------------------------ set-up
    def _style_for_palette(self) -> None:
        """The colours of hints and messages from the palette in use (a high-contrast theme
        too), and a title that grows with the system's text size."""
        ink = inks()
        self.setStyleSheet(
            self.styleSheet()
            + f"QLabel#takenByLabel, QLabel#legendLabel, QLabel[role=\"hint\"] "
            f"{{ color: {ink.muted.name()}; }}\n"
            f"QLabel[role=\"error\"] {{ color: {ink.error.name()}; font-weight: bold; }}\n"
            "QLineEdit[invalid=\"true\"], QPlainTextEdit[invalid=\"true\"], "
            f"QComboBox[invalid=\"true\"] {{ border: 2px solid {ink.error.name()}; "
            "border-radius: 3px; padding: 1px; }\n"
        )
        self.ui.titleLabel.setFont(scaled_font(self.font(), 1.5, bold=True))

    def _wire(self) -> None:
        ui = self.ui
        for binding in self.fields:
            binding.on_change(lambda *_, b=binding: self._changed(b))
            binding.widget.installEventFilter(self)
        for button in (ui.useDetailsButton, ui.followUpButton):
            button.installEventFilter(self)
        ui.saveButton.clicked.connect(self.save)
        ui.closeButton.clicked.connect(self.close)
        ui.discardButton.clicked.connect(self._ask_discard)
        ui.confirmDiscardButton.clicked.connect(self._discard)
        ui.keepTypingButton.clicked.connect(self._keep_typing)
        ui.useDetailsButton.clicked.connect(self._use_details)
        ui.followUpButton.clicked.connect(self._record_as_follow_up)
        ui.newCaseButton.clicked.connect(self._record_as_new_case)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        for number, name in enumerate(GROUP_NAMES, start=1):
            group = getattr(ui, name)
            assert isinstance(group, QGroupBox)
            group.setTitle(f"{group.title()}   (Ctrl+{number})")
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda *_, g=group: self._jump_to(g))
        align_labels(ui.formBody)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([860, 520])
        ui.knownPatientFrame.hide()
        ui.followUpFrame.hide()
        ui.discardFrame.hide()
        self._show_taken_by()
        self.ctx.user_changed.connect(self._user_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.keep_draft)

    def _start(self, draft_id: int | None, case_id: int | None) -> None:
        now = self.ctx.clock.now()
        payload = load_draft(self.ctx.db, draft_id) if draft_id is not None else None
        if draft_id is not None and payload is None:
            self.draft_id = None
            self._status("That draft is no longer there (it was saved or discarded).")
        if payload is not None:
            self.fields.restore(payload.get("fields", {}))
            self.case_id = payload.get("case_id", case_id)
            self._status(f"Draft restored. {KEPT_TEXT}")
        else:
            self.fields.by_key["call.received_at"].set_raw(format_uk_datetime(now))
            self._status("What you type is kept as a draft as you type; closing keeps it.")
            if case_id is not None:
                match = find_by_case(self.ctx.db, case_id)
                if match is not None:
                    self._fill_patient(match)
        if self.case_id is not None:
            self._show_follow_up(self.case_id)
        first_empty = next(
            (b for b in self.fields if b.required and b.is_blank()),
            self.fields.by_key["call.caller_name"],
        )
        first_empty.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ typing
    def _changed(self, binding: Binding) -> None:
        if self._loading:
            return
        self._dirty = True
        self._debounce.start()
        self._show_problem(binding)
        if binding.key == "patient.nhs_number":
            self._look_up_patient()
        if binding.key == "case.category_override":
            self._show_problem(self.fields.by_key["case.override_reason"])
        if binding.key == "call.received_at":
            self._show_problem(self.fields.by_key["suspected_at"])
        self._refresh()

    def _refresh(self) -> None:
        """Everything that follows from the whole form: triage, summary line, buttons."""
        self._retriage()
        self._summarise()
        self.ui.discardButton.setEnabled(self._dirty or self.draft_id is not None)
        self._update_title()

    def _retriage(self) -> None:
        now = self.ctx.clock.now()
        facts, missing = self.fields.facts(now)
        panel = self.ui.triagePanel
        if missing:
            panel.show_incomplete(missing)
            return
        try:
            case_facts = parse_facts(facts)
        except InputError as exc:
            panel.show_incomplete([f"{exc.field}: {exc.problem}"])
            return
        override = str(self.fields.by_key["case.category_override"].raw())
        reason = str(self.fields.by_key["case.override_reason"].raw()).strip()
        effect = override_effect(case_facts, override, self.ctx.pathway) if override else None
        if override and reason:
            result = triage(case_facts, self.ctx.pathway, override)
            panel.show_result(result, self.ctx.pathway, override_reason=reason, effect=effect)
        else:
            result = triage(case_facts, self.ctx.pathway)
            panel.show_result(result, self.ctx.pathway, pending_override=override, effect=effect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._finished:  # closing: the focus moves away as the window goes
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            if self.ui.formBody.isAncestorOf(watched) and not self._jumping:
                self.ui.formScroll.ensureWidgetVisible(watched, 40, 60)
        elif event.type() == QEvent.Type.FocusOut and isinstance(watched, QWidget):
            for binding in self.fields:
                if binding.widget is watched:
                    self._show_problem(binding, final=True)
                    break
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        # Esc never closes or discards: a stray Esc mid-call must not lose the window.
        if event.key() == Qt.Key.Key_Escape:
            if self.ui.discardFrame.isVisible():
                self._keep_typing()
            event.accept()
            return
        super().keyPressEvent(event)

    def _jump_to(self, group: QGroupBox) -> None:
        """Ctrl+1..7: the section's heading at the top of the form, its first field focused."""
        for binding in self.fields:
            if group.isAncestorOf(binding.widget):
                bar = self.ui.formScroll.verticalScrollBar()
                top = group.mapTo(self.ui.formBody, group.rect().topLeft()).y()
                bar.setValue(max(0, top - 4))
                self._jumping = True
                binding.widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self._jumping = False
                return

    # ------------------------------------------------------------------ messages
    def _show_problem(
        self, binding: Binding, final: bool = False, message: str | None = None
    ) -> None:
        """Put the field's message beside it (its hint) or on a line under it."""
        now = self.ctx.clock.now()
        if message is None:
            message = binding.problem(now)
            if message and not final and binding.widget.hasFocus() and binding.looks_unfinished():
                message = None
            if message is None and self._save_tried and binding in self.fields.missing():
                message = f"{binding.label}: is required"
            if message is None and binding.key == "case.override_reason":
                if binding in self.fields.missing():
                    message = f"{binding.label}: is required to override the category"
        self._messages.show(binding, message, self._readback(binding))

    def _readback(self, binding: Binding) -> str:
        now = self.ctx.clock.now()
        if binding.key == "suspected_at" and binding.is_blank():
            call = self.fields.by_key["call.received_at"].readback(now)
            return f"same as the call time ({call})" if call else "same as the call time"
        return binding.readback(now)

    def _summarise(self) -> None:
        now = self.ctx.clock.now()
        problems = self.fields.problems(now)
        missing = [b.label for b in self.fields.missing()]
        parts = []
        if problems:
            names = ", ".join(self.fields.by_key[k].label for k in problems)
            noun = "field needs" if len(problems) == 1 else "fields need"
            parts.append(f"{len(problems)} {noun} attention: {names}.")
        if missing:
            parts.append(f"Still needed to save: {', '.join(missing)}.")
        if not parts:
            parts.append("Ready to save (Ctrl+S).")
        self.ui.summaryLabel.setText(" ".join(parts))
        set_role(self.ui.summaryLabel, "error" if problems else "summary")

    def _status(self, text: str) -> None:
        self.ui.statusLabel.setText(text)

    # ------------------------------------------------------------------ drafts
    def keep_draft(self) -> None:
        """Write the whole form to its draft now (the debounce, close, hide and quit)."""
        self._debounce.stop()
        if self._finished or self._loading or not self._dirty:
            return
        now = self.ctx.clock.now()
        payload: dict[str, Any] = {
            "form": DRAFT_FORM,
            "version": DRAFT_VERSION,
            "fields": self.fields.snapshot(),
            "case_id": self.case_id,
        }
        first = self.draft_id is None
        try:
            self.draft_id = save_draft(
                self.ctx.db,
                self.draft_id,
                payload,
                summary=self.draft_summary(),
                user=self.ctx.user,
                now=now,
                case_id=self.case_id,
            )
        except InputError as exc:  # who is signed in may not write: retrying cannot help
            self._status(f"Not kept as a draft: {exc.problem}. What is typed stays in this window.")
            return
        except SQLAlchemyError as exc:  # busy or locked: the typing is still here, try again
            self._status(f"Could not keep the draft ({exc.__class__.__name__}); trying again soon.")
            QTimer.singleShot(DRAFT_RETRY_MS, self, self.keep_draft)
            return
        self._dirty = False
        self._status(
            f"Draft kept at {spoken_time(now)[-9:]}: closing keeps it; reopen it from Drafts "
            "on the board."
        )
        self.ui.discardButton.setEnabled(True)
        if first:
            self.ctx.data_changed.emit()  # the board lists drafts

    def draft_summary(self, with_case: bool = True) -> str:
        """How the draft is listed on the board: `OKAFOR, Grace · 943 476 5919 · EMERGENCY`."""
        by_key = self.fields.by_key
        family = str(by_key["patient.family_name"].raw()).strip().upper()
        given = str(by_key["patient.given_name"].raw()).strip()
        parts = [", ".join(p for p in (family, given) if p)]
        if not parts[0]:
            caller = str(by_key["call.caller_name"].raw()).strip()
            parts[0] = f"Call from {caller}" if caller else "New call"
        nhs = str(by_key["patient.nhs_number"].raw()).strip()
        if nhs and nhs_number.is_valid(nhs):
            parts.append(nhs_number.format_nhs(nhs))
        elif nhs:  # as typed, never dressed up in the 3-3-4 form of a real number
            digits = nhs_number.digits_of(nhs)
            short = digits.isdigit() and len(digits) < 10
            why = "NHS number incomplete" if short else "not a valid NHS number"
            parts.append(f"{nhs} ({why})")
        category = self.ui.triagePanel.category
        if category:
            parts.append(self.ctx.pathway.categories[category].short)
        if with_case and self.case_id is not None:
            parts.insert(0, f"Follow-up on #{self.case_id}")
        return " · ".join(parts)

    def _ask_discard(self) -> None:
        self.ui.discardButton.hide()
        self.ui.discardFrame.show()
        self.ui.discardReason.setFocus(Qt.FocusReason.OtherFocusReason)
        self._status(
            "Discarding throws this call away. Give a reason, or press Esc to keep typing."
        )

    def _keep_typing(self) -> None:
        self.ui.discardFrame.hide()
        self.ui.discardButton.show()
        self.ui.discardReason.clear()
        self.fields.by_key["call.caller_name"].widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._status("Nothing was discarded. The draft is still kept.")

    def _discard(self) -> None:
        reason = self.ui.discardReason.text().strip()
        if not reason:
            self._status("Reason for discarding this draft: is required. Nothing was discarded.")
            self.ui.discardReason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.keep_draft()  # the audit trail keeps what is thrown away
        if self.draft_id is not None:
            try:
                discard_draft(
                    self.ctx.db,
                    self.draft_id,
                    user=self.ctx.user,
                    now=self.ctx.clock.now(),
                    reason=reason,
                )
            except (SQLAlchemyError, InputError) as exc:
                self._status(f"Could not discard the draft ({exc}); it is still kept.")
                return
        self._finished = True
        self.ctx.data_changed.emit()
        self.close()

    # ------------------------------------------------------------------ known patient
    def _look_up_patient(self) -> None:
        raw = str(self.fields.by_key["patient.nhs_number"].raw())
        digits = nhs_number.digits_of(raw) if nhs_number.is_valid(raw) else ""
        if digits == self._looked_up:
            return
        self._looked_up = digits
        self._match = find_by_nhs_number(self.ctx.db, digits) if digits else None
        if not self._loading:
            self._details_used = False
        self._show_match()

    def _show_match(self) -> None:
        match, ui = self._match, self.ui
        if match is None:
            ui.knownPatientFrame.hide()
            return
        latest_open = match.open_cases[0] if match.open_cases else None
        ui.knownPatientLabel.setText(banner_text(match, self.ctx.pathway, self._details_used))
        ui.useDetailsButton.setVisible(not self._details_used)
        following = latest_open is not None and self.case_id == latest_open.id
        ui.followUpButton.setVisible(latest_open is not None and not following)
        if latest_open is not None:
            ui.followUpButton.setText(f"Record as f&ollow-up on case #{latest_open.id}")
        ui.knownPatientFrame.show()

    def _fill_patient(self, match: PatientMatch) -> None:
        for key, value in patient_values(match).items():
            self.fields.by_key[key].set_raw(value)
        self._details_used = True

    def _use_details(self) -> None:
        if self._match is None:
            return
        self._fill_patient(self._match)
        self._show_match()
        self.fields.by_key["case.location"].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _record_as_follow_up(self) -> None:
        match = self._match
        if match is None or not match.open_cases:
            return
        self._use_details()
        self.case_id = match.open_cases[0].id
        self._dirty = True
        self._debounce.start()
        self._show_follow_up(self.case_id)
        self._show_match()

    def _record_as_new_case(self) -> None:
        self.case_id = None
        self._dirty = True
        self._debounce.start()
        self.ui.followUpFrame.hide()
        self._update_title()
        self._show_match()
        self.fields.by_key["case.location"].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_follow_up(self, case_id: int) -> None:
        match = find_by_case(self.ctx.db, case_id)
        self.ui.followUpLabel.setText(follow_up_text(match, case_id, self.ctx.pathway))
        self.ui.followUpFrame.show()
        self._update_title()

    def _update_title(self) -> None:
        """Who the call is about stays in sight while the form scrolls past the patient."""
        kind = "New call" if self.case_id is None else f"Follow-up call on case #{self.case_id}"
        summary = self.draft_summary(with_case=False)
        title = kind if summary == "New call" else f"{kind}: {summary}"
        self.ui.titleLabel.setText(title)
        self.setWindowTitle(f"{title} — MSCC Desk")

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        """Check, then record the call in one transaction that also removes the draft."""
        if self._finished:
            return
        self._save_tried = True
        now = self.ctx.clock.now()
        problems = self.fields.problems(now)
        missing = self.fields.missing()
        for binding in self.fields:
            if binding.key in problems or binding in missing:
                self._show_problem(binding, final=True)
        if problems or missing:
            first = next(b for b in self.fields if b.key in problems or b in missing)
            self._summarise()
            self.ui.summaryLabel.setText("Not saved. " + self.ui.summaryLabel.text())
            set_role(self.ui.summaryLabel, "error")
            first.widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.keep_draft()
            return
        try:
            outcome = record_call(
                self.ctx.db,
                self.fields.record(now),
                user=self.ctx.user,
                case_id=self.case_id,
                clock=self.ctx.clock,
                pathway=self.ctx.pathway,
                draft_id=self.draft_id,
            )
        except InputError as exc:
            self._refused(exc)
            return
        except SQLAlchemyError as exc:
            self.keep_draft()
            self._not_saved(f"the database refused it ({exc.__class__.__name__}); try again.")
            return
        self._finished = True
        self._debounce.stop()
        self.saved.emit(outcome.case_id)
        self.ctx.data_changed.emit()
        self.close()

    def _refused(self, exc: InputError) -> None:
        field = exc.field.split("[")[0]
        binding = self.fields.by_key.get(field)
        if exc.field == "user":  # refused for who is signed in, not for what was typed
            self._not_saved(f"{exc.problem}.")
            return
        if binding is None:  # e.g. "case": closed by someone else meanwhile
            self._not_saved(f"{exc.field}: {exc.problem}.")
            return
        message = f"{binding.label}: {exc.problem}"
        self._show_problem(binding, final=True, message=message)
        self._not_saved(message)
        binding.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _not_saved(self, why: str) -> None:
        self.ui.summaryLabel.setText(f"Not saved: {why} Your typing is kept as a draft.")
        set_role(self.ui.summaryLabel, "error")
        self.keep_draft()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self._finished:
            self.keep_draft()
            if self.draft_id is not None:
                self._status(KEPT_TEXT)
                self.ctx.data_changed.emit()
        self._finished = True
        self._debounce.stop()
        app = QCoreApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self.keep_draft)
            except (RuntimeError, TypeError):
                pass
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self.keep_draft()
        super().hideEvent(event)

    def _user_changed(self, _user: str) -> None:
        self._show_taken_by()

    def _show_taken_by(self) -> None:
        self.ui.takenByLabel.setText(f"Taken by: {self.ctx.user_display or 'nobody signed in'}")

"""The case view: everything about one person's pathway in one window.

Who the person is and why they are on the pathway (the rule and its reference), the
clocks counting down, the checklist to work through, what has happened so far, and the
notes. It is a non-modal top-level window so the coordinator can keep it open beside the
board and the intake form, and several cases side by side.

Everything it writes goes through `store.cases` against the case version it last read;
when a colleague saved first, both values are shown in the window (never a blocking
box, never a silent overwrite) and the user chooses: reload, or try again on purpose.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import QDialog, QHeaderView, QListWidgetItem, QTableView, QWidget

from ...domain.clock import format_london, short_london
from ...domain.errors import InputError
from ...domain.pathway import ChecklistField as _ChecklistField
from ...store.alerts import lead_times
from ...store.cases import (
    AMBULATORY,
    OUTCOMES,
    CaseDetail,
    VersionConflict,
    add_note,
    case_fingerprint,
    frankel_words,
    load_case,
    timeline,
)
from ..context import DeskContext
from ..forms.ui_case_view import Ui_CaseView
from ..look import colour_style, error_style, scaled_font
from ..widgets.urgency import (
    CATEGORY_TINT,
    category_icon,
)
from ..windows import bring_to_front
from .checklist_editor import ChecklistEditor
from .conflict import conflict_html
from .dialogs import CloseCaseDialog, ReasonDialog, clear_override_dialog, reopen_dialog
from .tables import ChecklistModel, ClockModel
from .timeline_model import DETAIL, WHAT, WHEN, WHO, TimelineModel

COUNTDOWN_MS = 15_000  # the countdowns are in minutes; four repaints a minute is plenty
POLL_MS = 30_000  # another workstation's change shows within half a minute

# --- The window -------------------------------------------------------------------------------


class CaseView(QWidget):
    """One case, as a top-level window: `CaseView(ctx, case_id)`, then `show()`.

    Signals: `follow_up_requested(case_id)` when the user asks to record a follow-up call
    (the intake form does that, and re-triage with it). The view reloads itself when
    `ctx.data_changed` fires and polls the database every 30 s for other workstations'
    changes; it emits `ctx.data_changed` after each of its own writes.
    """

    follow_up_requested = Signal(int)

    def __init__(self, ctx: DeskContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.editor: ChecklistEditor | None = None
        self.dialog: QDialog | None = None
        self._fingerprint: tuple[int, int, int] | None = None
        self._retry: Callable[[], None] | None = None
        self.ui = Ui_CaseView()
        self.ui.setupUi(self)

        now = ctx.clock.now()
        self.clock_model = ClockModel(now, self)
        self.checklist_model = ChecklistModel(now, self)
        self.timeline_model = TimelineModel(self, detail_under_what=True)
        self._setup_table(
            self.ui.clocksView, self.clock_model, (200, 190, 0, 170), ClockModel.STATE
        )
        self._setup_table(
            self.ui.checklistView, self.checklist_model, (112, 240, 0, 150), ChecklistModel.RECORDED
        )
        self._setup_table(self.ui.timelineView, self.timeline_model, (0, 0, 0, 0), WHAT)
        # As wide as a time; a long name under it wraps rather than squeezing What.
        when_width = self.fontMetrics().horizontalAdvance("Mon 30 Nov 07:02 GMT") + 16
        self.ui.timelineView.setColumnWidth(WHEN, when_width)
        self.ui.timelineView.hideColumn(WHO)  # under the time, where a name has room
        self.ui.timelineView.hideColumn(DETAIL)  # under What

        # Sizes relative to the system's text, so a larger setting makes every line larger.
        self.ui.patientLabel.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.ui.closedLabel.setStyleSheet(
            "background: #e4e4e4; color: #1b1b1b; border: 1px solid #999; border-radius: 3px;"
        )
        self.ui.conflictFrame.setStyleSheet(
            "#conflictFrame { background: #fbe9c6; border: 2px solid #8a5a00; }"
            " QLabel { color: #1b1b1b; }"
        )
        self.ui.messageLabel.setStyleSheet(error_style())
        self.ui.closedLabel.hide()
        self.ui.conflictFrame.hide()
        self.ui.messageLabel.hide()
        self.ui.checklistHint.setStyleSheet(colour_style("muted"))
        self.ui.mainSplitter.setStretchFactor(0, 3)
        self.ui.mainSplitter.setStretchFactor(1, 2)
        self.ui.mainSplitter.setSizes([790, 590])
        self.ui.rightSplitter.setSizes([640, 200])

        self.ui.followUpButton.clicked.connect(lambda: self.follow_up_requested.emit(case_id))
        self.ui.closeCaseButton.clicked.connect(self.close_case)
        self.ui.reopenButton.clicked.connect(self.reopen_case)
        self.ui.clearOverrideButton.clicked.connect(self.clear_override)
        self.ui.reloadButton.clicked.connect(self.reload)
        self.ui.editItemButton.clicked.connect(self.edit_current_item)
        self.ui.checklistView.activated.connect(lambda index: self.edit_item(index.row()))
        self.ui.addNoteButton.clicked.connect(self.add_note)
        self.ui.conflictReloadButton.clicked.connect(self._conflict_reload)
        self.ui.conflictRetryButton.clicked.connect(self._conflict_retry)
        self.ui.conflictDismissButton.clicked.connect(self.ui.conflictFrame.hide)
        for keys, slot, widget in (
            ("F5", self.reload, self),
            ("F2", self.edit_current_item, self.ui.checklistView),
            ("Ctrl+Return", self.add_note, self.ui.noteEdit),
            ("Ctrl+Enter", self.add_note, self.ui.noteEdit),
            ("Ctrl+W", self.close, self),
            ("Esc", self.close, self),
        ):
            shortcut = QShortcut(QKeySequence(keys), widget)
            if widget is not self:
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        ctx.data_changed.connect(self._data_changed)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_MS)
        self._countdown.timeout.connect(self._tick)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_database)
        self._stale = False
        self.reload()
        self.ui.checklistView.setFocus()

    @staticmethod
    def _setup_table(
        view: QTableView, model: QAbstractTableModel, widths: Sequence[int], stretch: int
    ) -> None:
        view.setModel(model)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate(widths):
            if width:
                view.setColumnWidth(column, width)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setTabKeyNavigation(False)  # Tab leaves the table: arrows move inside it

    # --- loading --------------------------------------------------------------------

    def reload(self) -> None:
        """Read the case again and redraw, keeping the user's place in the checklist."""
        now = self.ctx.clock.now()
        try:
            detail = load_case(self.ctx.db, self.case_id, now=now, pathway=self.ctx.pathway)
            entries = timeline(self.ctx.db, self.case_id, now=now, pathway=self.ctx.pathway)
            self._fingerprint = case_fingerprint(self.ctx.db, self.case_id)
            leads = lead_times(self.ctx.db)  # so the case agrees with the board and alerts
        except Exception as exc:  # noqa: BLE001 - keep showing what was there
            self.show_message(f"Could not read case {self.case_id}: {exc}")
            return
        current = self.ui.checklistView.currentIndex()
        key = self.checklist_model.item(current.row()).key if current.isValid() else None
        bar = self.ui.timelineView.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        self.detail = detail
        self._stale = False
        self.clock_model.leads = self.checklist_model.leads = leads
        self.clock_model.set_clocks(detail.clocks, now)
        self.checklist_model.set_items(detail.checklist, detail.clocks, now)
        self.timeline_model.set_entries(entries)
        row = self.checklist_model.row_of(key) if key else -1
        if row < 0:  # first look at the case: start on the next thing to do
            pending = [i.key for i in detail.checklist if i.state == "pending"]
            row = self.checklist_model.row_of(pending[0]) if pending else 0
        self.ui.checklistView.setCurrentIndex(self.checklist_model.index(max(row, 0), 0))
        if at_end:
            self.ui.timelineView.scrollToBottom()
        self._render_header(detail)
        self._render_notes(detail)
        self._fit_clocks()
        closed = detail.status != "open"
        self.ui.closeCaseButton.setVisible(not closed)
        self.ui.reopenButton.setVisible(closed)
        self.ui.clearOverrideButton.setVisible(
            not closed and detail.referral.category.override is not None
        )
        self.ui.followUpButton.setEnabled(not closed)
        self.ui.followUpButton.setToolTip(
            "Reopen the case to record a follow-up call"
            if closed
            else "Record a follow-up call on this case: its new assessment re-triages the case"
        )
        self.ui.editItemButton.setEnabled(not closed)
        self.setWindowTitle(f"Case {detail.id} — {detail.patient.name} — MSCC Desk")

    def _render_header(self, d: CaseDetail) -> None:
        p, r, c = d.patient, d.referral, d.referral.category
        esc = html.escape
        self.ui.categoryIconLabel.setPixmap(category_icon(c.key).pixmap(32, 32))
        self.ui.patientLabel.setText(p.name)
        ids = [f"NHS {p.nhs_display}" if p.nhs_display else "NHS number not known"]
        if p.hospital_number:
            ids.append(f"MRN {p.hospital_number}")
        ids.append(f"Born {p.date_of_birth.strftime('%d %b %Y')} ({p.age} y)")
        if p.sex:
            ids.append(p.sex.replace("_", " ").capitalize())
        ids.append(f"Case {d.id}, opened {format_london(r.opened_at)}")
        self.ui.identifiersLabel.setText("  ·  ".join(ids))

        local = " — a local reading of the guideline" if c.rule_status == "local" else ""
        why = f"Why: rule {esc(c.rule_key)} — {esc(c.rule_text)} <i>({esc(c.rule_ref)}{local})</i>"
        if c.override:
            why = (
                f"<b>{esc(c.override_words)}</b>. It holds for the facts it was made on: a "
                f"call with more urgent facts lifts it. The features gave "
                f"{esc(c.computed_label)} — {why}"
            )
        version = (
            ""
            if d.pathway_current
            else f"<br><i>Triaged with pathway {esc(d.pathway_version)}, not the one in use.</i>"
        )
        self.ui.categoryLabel.setText(
            f"<span style='font-size: large'><b>{esc(c.short)}</b> — {esc(c.label)}</span>"
            f"<br>{why}{version}"
        )
        cancer = r.cancer_status_text + (f" — {r.primary_site}" if r.primary_site else "")
        parts = [
            f"<b>Location:</b> {esc(r.location or 'not recorded')}",
            f"<b>Cancer:</b> {esc(cancer or 'not recorded')}",
        ]
        if r.referred_by:
            ref = r.referred_by
            parts.append(
                f"<b>Referred by:</b> {esc(ref.caller)}, {esc(format_london(ref.received_at))}"
                f" (taken by {esc(ref.taken_by)})"
            )
        if r.last_call:
            caller = r.last_call.caller_name
            parts.append(
                f"<b>Call back:</b> <span style='font-size: large'><b>{esc(r.call_back)}</b></span>"
                f" ({esc(caller)})"
            )
        # Where and what on one line, who called and how to call back on the next; then
        # every feature any call reported, with when it was first reported.
        lines = ["  ·  ".join(parts[:2]), "  ·  ".join(parts[2:])]
        if r.features:
            seen = ", ".join(
                f"{esc(f.label)} ({esc(short_london(f.first_reported_at))})" for f in r.features
            )
            lines.append(f"<b>Features reported (any call, first reported):</b> {seen}")
        if r.immobilisation_advice in ("start_now", "consider"):
            advice = (
                "START IMMOBILISATION NOW"
                if r.immobilisation_advice == "start_now"
                else "Consider immobilisation"
            )
            lines.append(
                f"<b>Immobilisation:</b> {advice} (follows the facts, whatever the category)"
            )
        if r.immobilisation_advice == "assess":
            lines.append(
                "<b>Spinal instability not assessed:</b> assess for signs now; if present, "
                "start immobilisation without delay (record it with a follow-up call)."
            )
        self.ui.referralLabel.setText("<br>".join(lines))
        tint = CATEGORY_TINT.get(c.key)
        style = f"background: {tint.name()};" if tint else ""
        self.ui.headerFrame.setStyleSheet(
            f"#headerFrame {{ {style} border: 1px solid #999; border-radius: 4px; }}"
            " #headerFrame QLabel { color: #1b1b1b; }"
        )

        if d.status == "open":
            self.ui.closedLabel.hide()
        else:
            o = d.closing
            outcome = OUTCOMES.get(o.outcome or "", o.outcome or "not recorded")
            ambulatory = AMBULATORY.get(o.ambulatory_at_discharge or "", "not recorded")
            when = format_london(o.closed_at) if o.closed_at else ""
            self.ui.closedLabel.setText(
                f"<b>CLOSED</b> {esc(when)} by {esc(o.closed_by or '')}: "
                f"{esc(o.close_reason or '')}. Outcome: {esc(outcome)} · Ambulatory at "
                f"discharge: {esc(ambulatory)} · Frankel at discharge: "
                f"{esc(frankel_words(o.frankel_at_discharge))}. Clocks are stopped."
            )
            self.ui.closedLabel.show()

    def _fit_clocks(self) -> None:
        """As tall as its clocks (up to five), so the checklist below gets the room."""
        view = self.ui.clocksView
        view.resizeRowsToContents()
        rows = min(self.clock_model.rowCount(), 5)
        body = sum(view.rowHeight(r) for r in range(rows)) if rows else 28
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height() + body + 2 * view.frameWidth() + 2
        )

    def _render_notes(self, d: CaseDetail) -> None:
        self.ui.notesList.clear()
        for note in d.notes:
            QListWidgetItem(f"{format_london(note.at)} — {note.by}\n{note.text}", self.ui.notesList)
        if not d.notes:
            QListWidgetItem("No notes yet.", self.ui.notesList)
        self.ui.notesList.scrollToBottom()

    def _tick(self) -> None:
        now = self.ctx.clock.now()
        self.clock_model.set_now(now)
        self.checklist_model.set_now(now)

    def _poll_database(self) -> None:
        """Pick up another workstation's change; ours arrive through data_changed."""
        try:
            fingerprint = case_fingerprint(self.ctx.db, self.case_id)
        except Exception:  # noqa: BLE001 - a busy or absent database: try again later
            return
        if fingerprint != self._fingerprint:
            self.reload()

    # --- actions --------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.messageLabel.setVisible(bool(text))

    def edit_current_item(self) -> None:
        index = self.ui.checklistView.currentIndex()
        if index.isValid():
            self.edit_item(index.row())

    def edit_item(self, row: int, mine: Mapping[str, Any] | None = None) -> None:
        """Open the editor for one item, against the version on screen now."""
        if self.detail is None or not 0 <= row < self.checklist_model.rowCount():
            return
        if self.detail.status != "open":
            self.show_message("The case is closed: reopen it to change the checklist.")
            return
        item = self.checklist_model.item(row)
        if not item.on_pathway:
            self.show_message(
                f"{item.key!r} is not in the pathway file in use, so it cannot be edited here."
            )
            return
        self.show_message("")
        editor = ChecklistEditor(self.ctx, self.case_id, item, self.detail.version, self, mine=mine)
        editor.conflict.connect(self._on_conflict)
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        self.editor = editor
        editor.open()

    def _editor_closed(self, editor: ChecklistEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()
        self.ui.checklistView.setFocus()

    def close_case(self, mine: Mapping[str, Any] | None = None) -> None:
        if self.detail is None or self.detail.status != "open":
            return
        self._open_dialog(CloseCaseDialog(self.ctx, self.detail, self, mine=mine or None))

    def reopen_case(self, mine: Mapping[str, Any] | None = None) -> None:
        if self.detail is None or self.detail.status == "open":
            return
        reason = str((mine or {}).get("reopen_reason") or "")
        self._open_dialog(reopen_dialog(self.ctx, self.detail, self, reason))

    def clear_override(self, mine: Mapping[str, Any] | None = None) -> None:
        if self.detail is None or self.detail.referral.category.override is None:
            return
        reason = str((mine or {}).get("reason") or "")
        self._open_dialog(clear_override_dialog(self.ctx, self.detail, self, reason))

    def _open_dialog(self, dialog: CloseCaseDialog | ReasonDialog) -> None:
        dialog.conflict.connect(self._on_conflict)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_note(self) -> None:
        text = self.ui.noteEdit.toPlainText()
        if not text.strip():
            self.ui.noteEdit.setFocus()
            return
        try:
            add_note(self.ctx.db, self.case_id, text, self.ctx.user, self.ctx.clock.now())
        except InputError as exc:
            self.show_message(f"Note not added: {exc.problem}")
            return
        except Exception as exc:  # noqa: BLE001 - keep the typed note on screen
            self.show_message(f"Note not added: {exc}. Your text is still in the box.")
            return
        self.ui.noteEdit.clear()
        self.show_message("")
        self.ctx.data_changed.emit()
        self.ui.noteEdit.setFocus()

    # --- conflicts ------------------------------------------------------------------

    def _on_conflict(self, exc: VersionConflict) -> None:
        """Both values side by side, in the window, and the user decides."""
        mine = exc.your_values
        if "item" in mine and self.detail is not None:
            key = str(mine["item"])

            def retry() -> None:
                row = self.checklist_model.row_of(key)
                if row >= 0:
                    self.ui.checklistView.setCurrentIndex(self.checklist_model.index(row, 0))
                    self.edit_item(row, mine)

            self._retry = retry
        elif mine.get("status") == "closed":
            self._retry = lambda: self.close_case(mine)
        elif mine.get("status") == "open":
            self._retry = lambda: self.reopen_case(mine)
        elif "category_override" in mine:
            self._retry = lambda: self.clear_override(mine)
        else:
            self._retry = None
        self.ui.conflictRetryButton.setVisible(self._retry is not None)
        self.ui.conflictLabel.setText(conflict_html(exc, self._fields_of(mine)))
        self.ui.conflictFrame.show()
        self.ui.conflictReloadButton.setFocus()

    def _fields_of(self, values: Mapping[str, Any]) -> Mapping[str, _ChecklistField]:
        key = values.get("item")
        if not isinstance(key, str):
            return {}
        try:
            return {f.key: f for f in self.ctx.pathway.checklist_rule(key).fields}
        except KeyError:
            return {}

    def _conflict_reload(self) -> None:
        self.ui.conflictFrame.hide()
        self.reload()
        self.ui.checklistView.setFocus()

    def _conflict_retry(self) -> None:
        retry = self._retry
        self.ui.conflictFrame.hide()
        self.reload()
        if retry is not None:
            retry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_clocks()  # wrapped rows change height with the width

    def showEvent(self, event: QShowEvent) -> None:
        """A window shown again (the lead may keep it) must not show stale clocks."""
        super().showEvent(event)
        if self._stale:
            self.reload()
        else:
            self._tick()
        self._countdown.start()
        self._poll.start()
        self._fit_clocks()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A note typed and not yet added is never lost to Esc or Ctrl+W: the window says
        so and stays open (the desk, closing, asks again for this window)."""
        if self.ui.noteEdit.toPlainText().strip():
            self.show_message(
                "Your note is not added yet: Ctrl+Enter adds it to the case; "
                "clear the note box to close without it."
            )
            bring_to_front(self)
            self.ui.noteEdit.setFocus()
            event.ignore()
            return
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._countdown.stop()
        self._poll.stop()
        super().hideEvent(event)

    def _data_changed(self) -> None:
        """Reload now if on screen; a hidden window reloads when it is shown again."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

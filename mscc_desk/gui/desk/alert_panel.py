"""The alert panel: deadlines that need someone to look, and the means to say "seen".

It never interrupts: no modal box, no focus stealing, because the person at the desk may
be half-way through typing a call when a deadline passes. Each alert says what is due,
for whom, when (Europe/London, with GMT/BST) and how long is left in words, with a symbol
and the stage in capitals, so urgency survives colour blindness and a grey screen; the
tint only reinforces it. Acknowledging and recording a breach reason open small
non-modal dialogs, so a call can still be typed with one open.

The system-tray message carries the deadline and the case number but no patient name:
tray messages can show on a locked screen and in the notification history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyle,
    QSystemTrayIcon,
    QTreeWidgetItem,
    QWidget,
)

from ...alerts.scheduler import AlertController
from ...domain.clock import compact_london, format_london, london
from ...domain.deadlines import Stage, format_time_left
from ...domain.errors import InputError
from ...domain.nhs_number import format_nhs
from ...domain.pathway import Pathway
from ...store.alerts import BREACH_REASONS, AlertSettings, RaisedAlert, alert_settings
from ..context import DeskContext
from ..forms.ui_acknowledge_dialog import Ui_AcknowledgeDialog
from ..forms.ui_alert_panel import Ui_AlertPanel
from ..forms.ui_breach_reason_dialog import Ui_BreachReasonDialog
from ..look import error_style
from ..windows import alive, bring_to_front

TICK_MS = 15_000  # the countdown text is in minutes; four repaints a minute keep it honest

# Shape + words per stage; the tints match the board's (gui/widgets/urgency.py).
SYMBOL = {Stage.due_soon: "●", Stage.imminent: "▲", Stage.breached: "⚠"}
WORDS = {Stage.due_soon: "DUE SOON", Stage.imminent: "IMMINENT", Stage.breached: "BREACHED"}
TINT = {Stage.due_soon: "#f6e4c3", Stage.imminent: "#f0cf94", Stage.breached: "#e8b4b4"}
INK = "#1b1b1b"


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} h {mins:02d} min"
    return f"{hours} h" if hours else f"{mins} min"


def stage_caption(stage: Stage, settings: AlertSettings | None = None) -> str:
    """What the stage means, in words ("due within 4 h")."""
    s = settings or AlertSettings()
    if stage is Stage.due_soon:
        return f"due within {_duration(s.due_soon_minutes)}"
    if stage is Stage.imminent:
        return f"due within {_duration(s.imminent_minutes)}"
    return "deadline passed"


def badge_text(stage: Stage) -> str:
    return f"{SYMBOL[stage]} {WORDS[stage]}"


def short_time(instant: datetime) -> str:
    local = london(instant)
    return f"{local:%H:%M} {local.tzname()}"


def time_text(alert: RaisedAlert, now: datetime) -> str:
    """How long is left, or how far past it is, in words; and why a stopped clock shows."""
    if alert.deadline_state == "met" and alert.met_at is not None:
        late = alert.met_at - alert.due_at
        when = format_london(alert.met_at)
        if late > timedelta(0):
            return f"Met {when}, {format_time_left(-late).removeprefix('OVERDUE ')} late"
        return f"Met {when}"
    text = format_time_left(alert.due_at - now)
    if alert.deadline_state == "cancelled":
        return f"{text} (clock replaced or cancelled since)"
    if alert.deadline_state == "case closed":
        return f"{text} (case closed since)"
    return text


NBSP = "\u00a0"


def _keep_together(text: str) -> str:
    """No line break inside an NHS number or a time: a split one is misread."""
    return text.replace(" ", NBSP)


def patient_text(alert: RaisedAlert) -> str:
    parts = [alert.patient_name]
    if alert.nhs_number:
        parts.append(_keep_together(f"NHS {alert.nhs_number}"))
    parts.append(_keep_together(f"case {alert.case_id}"))
    return " · ".join(parts)


def deadline_text(alert: RaisedAlert) -> str:
    return f"{alert.label} — due {_keep_together(format_london(alert.due_at))}"


def extra_text(alert: RaisedAlert) -> str:
    bits = [f"raised {short_time(alert.raised_at)}"]
    if alert.repeat:
        bits.append("reminder: still not acknowledged")
    if alert.breach_reason:
        reason = BREACH_REASONS.get(alert.breach_reason, alert.breach_reason)
        bits.append(f"reason recorded: {reason}")
    if alert.override is not None:
        at = alert.override.at
        bits.append(alert.override.words(short_time(at) if at else ""))
    return " · ".join(bits)


def locked_text(alert: RaisedAlert, now: datetime) -> str:
    """No name, no NHS number: what a locked screen may show a passer-by."""
    if alert.due_at <= now:
        return f"{alert.label} — OVERDUE"
    return f"{alert.label} — due {short_time(alert.due_at)}"


def tray_message(raised: Sequence[RaisedAlert]) -> tuple[str, str, bool]:
    """Title, body and "is a breach" for one batch; one line per deadline, no names."""
    best: dict[int, RaisedAlert] = {}
    order = list(Stage)
    for a in raised:
        held = best.get(a.deadline_id)
        if held is None or order.index(a.stage) > order.index(held.stage):
            best[a.deadline_id] = a
    alerts = sorted(best.values(), key=lambda a: (-order.index(a.stage), a.due_at))
    breach = any(a.stage is Stage.breached for a in alerts)
    n = len(alerts)
    if breach:
        title = "MSCC Desk — deadline breached"
    else:
        title = f"MSCC Desk — {n} deadline{'s' if n != 1 else ''} approaching"
    lines = [f"{badge_text(a.stage)}: {a.label} (case {a.case_id})" for a in alerts[:6]]
    if n > 6:
        lines.append(f"… and {n - 6} more")
    return title, "\n".join(lines), breach


def error_words(exc: InputError) -> str:
    """The store's refusal as a sentence ("Note is required when ...")."""
    if exc.field == "user":
        return "Sign in first: the record says who acted."
    subject = {"note": "Note", "alert": "This alert", "reason": "Reason"}.get(exc.field)
    if subject and exc.problem.startswith(("is ", "was ", "must ")):
        return f"{subject} {exc.problem}"
    return exc.problem[:1].upper() + exc.problem[1:]


# Columns of the alert list: a row reads left to right as a sentence.
STAGE_COL, TIME_COL, PATIENT_COL, NHS_COL, DEADLINE_COL = range(5)
ROWS_WANTED = 3  # the list's height before it knows its alerts; the desk gives it more


def row_deadline_text(alert: RaisedAlert, pathway: Pathway, now: datetime) -> str:
    """`MRI within 24 h · due Sun 06:12`: the clock's short name and a compact time, as
    on the board; the full label and date are in the detail beside the list."""
    return f"{pathway.clock_short(alert.label)} · due {compact_london(alert.due_at, now)}"


def detail_html(alert: RaisedAlert, settings: AlertSettings, now: datetime) -> str:
    """What the selected alert is about, in full: the row only has room for the gist."""
    esc = escape
    return (
        f"<b>{esc(badge_text(alert.stage))}</b> — {esc(stage_caption(alert.stage, settings))}"
        f" · <b>{esc(time_text(alert, now))}</b><br>"
        f"<b>{esc(patient_text(alert))}</b><br>"
        f"{esc(deadline_text(alert))}<br>"
        f"{esc(extra_text(alert))}"
    )


class AlertPanel(QWidget):
    """Lists the active alerts, one row each, and acts on the selected one.

    Create it with the desk context and the `AlertController`; it follows the
    controller's signals by itself. `open_case_requested(case_id)` asks the main window
    to show a case; `count_changed(n)` says how many alerts are listed, so the desk can
    give the list the room it needs. `open_settings`, when given, is what its Settings…
    button calls (the main window's own, so the desk has one settings window); without
    it the panel opens one of its own.

    By keyboard: Up and Down choose an alert, Enter acknowledges it (a small dialog,
    Ctrl+Enter to confirm), and the list keeps its place for the next one.
    """

    open_case_requested = Signal(int)
    count_changed = Signal(int)

    def __init__(
        self,
        ctx: DeskContext,
        controller: AlertController,
        parent: QWidget | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
        use_tray: bool = True,
        open_settings: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = controller
        self.ui = Ui_AlertPanel()
        self.ui.setupUi(self)
        title_font = QFont(self.ui.titleLabel.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.ui.titleLabel.setFont(title_font)
        self._locked = False
        self._alerts: list[RaisedAlert] = []
        self._shape: tuple[object, ...] | None = None
        self._settings = AlertSettings()
        self._dialogs: dict[tuple[str, int], QDialog] = {}
        self._open_settings_elsewhere = open_settings
        self.tray = tray
        if self.tray is None and use_tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self._tray_icon(), self)
            self.tray.setToolTip("MSCC Desk alerts")
            self.tray.show()

        listing = self.ui.alertList
        header = listing.header()
        header.setStretchLastSection(True)
        for column in (STAGE_COL, TIME_COL, PATIENT_COL, NHS_COL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._fit_columns()
        self._rows_wanted = ROWS_WANTED
        listing.itemActivated.connect(lambda _item, _col: self.acknowledge_selected())
        listing.currentItemChanged.connect(lambda *_: self._show_detail())
        self.ui.ackButton.clicked.connect(self.acknowledge_selected)
        self.ui.openButton.clicked.connect(self.open_selected_case)
        self.ui.reasonButton.clicked.connect(self.breach_reason_selected)
        self.ui.settingsButton.clicked.connect(self._open_settings)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # as in the dialogs: "do it"
            shortcut = QShortcut(QKeySequence(keys), listing)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.acknowledge_selected)
        controller.alerts_changed.connect(self.refresh)
        controller.alerts_raised.connect(self._on_raised)
        controller.check_failed.connect(self._on_check_failed)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.tick)
        self._tick.start()
        self.refresh()

    # --- Public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the active alerts; rebuild the list only if the set of alerts changed."""
        alerts = self.controller.active_alerts()
        self._settings = alert_settings(self.ctx.db)
        shape = (
            self._settings,
            self._locked,
            tuple((a.alert_id, a.stage, a.deadline_state, a.breach_reason) for a in alerts),
        )
        if shape != self._shape:
            self._shape = shape
            self._rebuild(alerts)
        self.tick()

    def locked_mode(self, locked: bool) -> None:
        """Hide names, NHS numbers and actions (for the screen lock); the alerts stay."""
        if locked != self._locked:
            self._locked = locked
            self.ui.settingsButton.setVisible(not locked)
            for dialog in list(self._dialogs.values()):
                dialog.close()
            self.refresh()

    def is_locked(self) -> bool:
        return self._locked

    def alerts(self) -> list[RaisedAlert]:
        """The alerts on show, in the order shown."""
        return list(self._alerts)

    def row_text(self, row: int) -> list[str]:
        """The words of one row, column by column, as they are on screen."""
        item = self.ui.alertList.topLevelItem(row)
        if item is None:
            raise IndexError(row)
        return [item.text(c) for c in range(self.ui.alertList.columnCount())]

    def select(self, row: int) -> None:
        listing = self.ui.alertList
        item = listing.topLevelItem(row)
        if item is not None:
            listing.setCurrentItem(item)

    def selected_alert(self) -> RaisedAlert | None:
        item = self.ui.alertList.currentItem()
        if item is None:
            return None
        row = self.ui.alertList.indexOfTopLevelItem(item)
        return self._alerts[row] if 0 <= row < len(self._alerts) else None

    def detail_text(self) -> str:
        return self.ui.detailLabel.text()

    def focus_list(self) -> None:
        """Back to the list after a dialog, on the alert that now holds the same place."""
        listing = self.ui.alertList
        if listing.topLevelItemCount() and listing.currentItem() is None:
            listing.setCurrentItem(listing.topLevelItem(0))
        listing.setFocus(Qt.FocusReason.OtherFocusReason)

    def row_height(self) -> int:
        return self.ui.alertList.fontMetrics().height() + 8

    def rows_height(self, rows: int) -> int:
        """The panel's height with `rows` alert rows in sight (and its header and title)."""
        listing = self.ui.alertList
        body = (
            listing.header().sizeHint().height()
            + rows * self.row_height()
            + 2 * listing.frameWidth()
            + 2
        )
        layout = self.layout()
        margins = layout.contentsMargins()
        title = self.ui.headerLayout.sizeHint().height() + layout.spacing()
        return body + title + margins.top() + margins.bottom()

    def show_rows(self, rows: int) -> None:
        """How many rows the panel asks room for (the desk's dock follows its size hint)."""
        self._rows_wanted = rows
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), self.rows_height(self._rows_wanted))

    def acknowledge_selected(self) -> AcknowledgeDialog | None:
        alert = self.selected_alert()
        if alert is None or self._locked:
            return None
        return self.open_acknowledge(alert)

    def open_selected_case(self) -> None:
        alert = self.selected_alert()
        if alert is not None and not self._locked:
            self.open_case_requested.emit(alert.case_id)

    def breach_reason_selected(self) -> BreachReasonDialog | None:
        alert = self.selected_alert()
        if alert is None or self._locked or alert.stage is not Stage.breached:
            return None
        return self.open_breach_reason(alert)

    # --- Building ------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        listing = self.ui.alertList
        metrics = QFontMetrics(listing.font())
        bold = QFont(listing.font())
        bold.setBold(True)
        strong = QFontMetrics(bold)
        pad = 16
        listing.setColumnWidth(STAGE_COL, strong.horizontalAdvance("⚠ BREACHED") + pad)
        listing.setColumnWidth(TIME_COL, strong.horizontalAdvance("OVERDUE 23 h 59 min") + pad)
        name = metrics.horizontalAdvance("WORTHINGTON, Alexandra")
        listing.setColumnWidth(PATIENT_COL, name + pad)
        listing.setColumnWidth(NHS_COL, metrics.horizontalAdvance("999 999 9999") + pad)

    def _rebuild(self, alerts: list[RaisedAlert]) -> None:
        listing = self.ui.alertList
        kept = self.selected_alert()
        row_before = listing.indexOfTopLevelItem(listing.currentItem()) if kept else 0
        listing.blockSignals(True)
        listing.clear()
        self._alerts = list(alerts)
        bold = QFont(listing.font())
        bold.setBold(True)
        for alert in alerts:
            item = QTreeWidgetItem([""] * listing.columnCount())
            item.setSizeHint(STAGE_COL, QSize(0, self.row_height()))
            for column in range(listing.columnCount()):
                item.setBackground(column, QColor(TINT[alert.stage]))
                item.setForeground(column, QColor(INK))
            item.setFont(STAGE_COL, bold)
            item.setFont(TIME_COL, bold)
            listing.addTopLevelItem(item)
        listing.setColumnHidden(PATIENT_COL, self._locked)
        listing.setColumnHidden(NHS_COL, self._locked)
        listing.blockSignals(False)
        ids = [a.alert_id for a in alerts]
        if alerts:
            row = ids.index(kept.alert_id) if kept and kept.alert_id in ids else row_before
            listing.setCurrentItem(listing.topLevelItem(min(max(row, 0), len(alerts) - 1)))
        listing.setVisible(bool(alerts))
        self.ui.emptyLabel.setVisible(not alerts)
        self.ui.emptyLabel.setText(
            "✓ No deadline needs attention now. Alerts appear here "
            f"{_duration(self._settings.due_soon_minutes)} and "
            f"{_duration(self._settings.imminent_minutes)} before a deadline, "
            "and when it passes."
        )
        for key in [k for k in self._dialogs if k[1] not in {a.alert_id for a in alerts}]:
            # Acknowledged elsewhere (or the deadline met): its dialog has nothing to do.
            if key[0] == "ack":
                self._dialogs[key].close()
        self.count_changed.emit(len(alerts))

    def tick(self) -> None:
        """Repaint the countdowns (a timer does it every 15 s); rows are not rebuilt."""
        now = self.ctx.clock.now()
        listing = self.ui.alertList
        for row, alert in enumerate(self._alerts):
            item = listing.topLevelItem(row)
            if item is None:
                continue
            left = time_text(alert, now)
            item.setText(STAGE_COL, badge_text(alert.stage))
            item.setText(TIME_COL, left)
            if self._locked:
                item.setText(PATIENT_COL, "")
                item.setText(NHS_COL, "")
                item.setText(DEADLINE_COL, locked_text(alert, now))
                sentence = f"{WORDS[alert.stage]}: {locked_text(alert, now)}"
            else:
                item.setText(PATIENT_COL, alert.patient_name)
                item.setText(NHS_COL, format_nhs(alert.nhs_number) if alert.nhs_number else "—")
                item.setText(DEADLINE_COL, row_deadline_text(alert, self.ctx.pathway, now))
                sentence = f"{WORDS[alert.stage]}: {alert.label} for {alert.patient_name}, {left}"
            item.setToolTip(DEADLINE_COL, deadline_text(alert) if not self._locked else "")
            for column in range(listing.columnCount()):
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole, sentence)
        self.ui.summaryLabel.setText(self._summary())
        self._show_detail()

    def _show_detail(self) -> None:
        alert = self.selected_alert()
        ui = self.ui
        for button in (ui.ackButton, ui.openButton, ui.reasonButton):
            button.setVisible(not self._locked and bool(self._alerts))
        if self._locked or alert is None:
            ui.detailLabel.setText(
                "Sign in to see who the alerts are about and to act on them."
                if self._locked and self._alerts
                else ""
            )
            for button in (ui.ackButton, ui.openButton, ui.reasonButton):
                button.setEnabled(False)
            return
        ui.detailLabel.setText(detail_html(alert, self._settings, self.ctx.clock.now()))
        ui.ackButton.setEnabled(True)
        ui.openButton.setEnabled(True)
        ui.reasonButton.setEnabled(alert.stage is Stage.breached)
        ui.reasonButton.setText(
            "Change &breach reason…" if alert.breach_reason else "Record &breach reason…"
        )

    def _summary(self) -> str:
        if self._locked:
            base = "Screen locked — sign in to act on alerts."
            n = len(self._alerts)
            return f"{base} {n} alert{'s' if n != 1 else ''} waiting." if n else base
        if not self._alerts:
            return "No alerts need acknowledging."
        counts = {s: sum(1 for a in self._alerts if a.stage is s) for s in Stage}
        parts = [f"{counts[s]} {WORDS[s].lower()}" for s in reversed(list(Stage)) if counts[s]]
        return f"{len(self._alerts)} to acknowledge: " + ", ".join(parts)

    # --- Notifications -------------------------------------------------------------------

    def _tray_icon(self) -> QIcon:
        window_icon = self.window().windowIcon()
        if not window_icon.isNull():
            return window_icon
        return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def _on_raised(self, raised: list[RaisedAlert]) -> None:
        if not raised:
            return
        title, body, breach = tray_message(raised)
        if self.tray is not None and self.tray.isVisible():
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if breach
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(title, body, icon, 30_000 if breach else 10_000)
        if alert_settings(self.ctx.db).sound:
            QApplication.beep()

    def _on_check_failed(self, message: str) -> None:
        label = self.ui.statusLabel
        label.setText(f"⚠ {message} Trying again every 30 s." if message else "")
        label.setVisible(bool(message))

    # --- Dialogs -------------------------------------------------------------------------

    def _single(self, key: tuple[str, int], make: Callable[[], QDialog]) -> QDialog:
        """One dialog per key: the open one is brought forward, else `make()` is shown.

        When it closes, the keyboard goes back to the alert list, ready for the next one.
        """
        held = self._dialogs.get(key)
        if held is not None and alive(held):
            bring_to_front(held)
            return held
        dialog = make()
        self._dialogs[key] = dialog
        dialog.finished.connect(lambda _r=0, k=key: self._dialogs.pop(k, None))
        if key[0] != "settings":
            dialog.finished.connect(lambda _r=0: self._back_to_list())
        bring_to_front(dialog)
        return dialog

    def _back_to_list(self) -> None:
        window = self.window()
        if window.isVisible() and not self._locked:
            window.activateWindow()
            self.focus_list()

    def open_acknowledge(self, alert: RaisedAlert) -> AcknowledgeDialog:
        def submit(note: str | None) -> object:
            return self.controller.acknowledge(alert.alert_id, note)

        dialog = self._single(
            ("ack", alert.alert_id),
            lambda: AcknowledgeDialog(
                alert, self.ctx.user_display, self.ctx.clock.now(), submit, self
            ),
        )
        assert isinstance(dialog, AcknowledgeDialog)
        return dialog

    def open_breach_reason(self, alert: RaisedAlert) -> BreachReasonDialog:
        def submit(reason: str, note: str | None) -> object:
            return self.controller.record_breach_reason(alert.deadline_id, reason, note)

        dialog = self._single(
            ("reason", alert.deadline_id), lambda: BreachReasonDialog(alert, submit, self)
        )
        assert isinstance(dialog, BreachReasonDialog)
        return dialog

    def _open_settings(self) -> None:
        if self._open_settings_elsewhere is not None:
            self._open_settings_elsewhere()
            return
        from ..settings.dialog import SettingsDialog

        def make() -> QDialog:
            # With the controller: saved backup settings are checked by the scheduled job.
            dialog = SettingsDialog(self.ctx, self, alerts=self.controller)
            dialog.settings_saved.connect(lambda _s: self.controller.resync())
            dialog.settings_saved.connect(lambda _s: self.refresh())
            return dialog

        self._single(("settings", 0), make)


class _SubmitDialog(QDialog):
    """A small non-modal dialog whose OK runs an action and shows its InputError inline."""

    def _setup_common(self, button_box: QDialogButtonBox, error_label: QLabel) -> None:
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._error = error_label
        self._error.setStyleSheet(error_style())
        button_box.accepted.connect(self._submit)
        button_box.rejected.connect(self.reject)
        # From the note box too, where Enter is a newline.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._submit)

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except InputError as exc:
            self.show_error(exc)
            return False
        self.accept()
        return True

    def show_error(self, exc: InputError) -> None:
        self._error.setText(f"⚠ {error_words(exc)}")
        self._error.setVisible(True)

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def _submit(self) -> None:
        self.submit()

    def submit(self) -> bool:
        raise NotImplementedError


class AcknowledgeDialog(_SubmitDialog):
    """Who saw which alert, and an optional word on what is being done about it."""

    def __init__(
        self,
        alert: RaisedAlert,
        user: str,
        now: datetime,
        submit: Callable[[str | None], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.alert = alert
        self._action = submit
        self.ui = Ui_AcknowledgeDialog()
        self.ui.setupUi(self)
        self._setup_common(self.ui.buttonBox, self.ui.errorLabel)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Acknowledge")
        self.ui.summaryLabel.setText(
            f"<b>{badge_text(alert.stage)}</b> — {escape(alert.label, quote=False)}<br>"
            f"{escape(patient_text(alert), quote=False)}<br>"
            f"Due {format_london(alert.due_at)} ({time_text(alert, now)})"
        )
        who = escape(user or "nobody signed in", quote=False)
        self.ui.whoLabel.setText(
            f"Recorded as seen by <b>{who}</b> at the moment you press "
            "Acknowledge. Later stages of this deadline will still be raised."
            if alert.stage is not Stage.breached
            else f"Recorded as seen by <b>{who}</b> at the moment you "
            "press Acknowledge. The 30-minute reminders of this breach then stop."
        )
        self.ui.noteEdit.setFocus()

    def note(self) -> str:
        return self.ui.noteEdit.toPlainText()

    def set_note(self, text: str) -> None:
        self.ui.noteEdit.setPlainText(text)

    def submit(self) -> bool:
        """Press Acknowledge (for tests and keyboard shortcuts); False if refused."""
        note = self.note().strip() or None
        return self._run(lambda: self._action(note))


class BreachReasonDialog(_SubmitDialog):
    """Why a deadline was missed: one of the audit's reasons, with a note for "other"."""

    def __init__(
        self,
        alert: RaisedAlert,
        submit: Callable[[str, str | None], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.alert = alert
        self._action = submit
        self.ui = Ui_BreachReasonDialog()
        self.ui.setupUi(self)
        self._setup_common(self.ui.buttonBox, self.ui.errorLabel)
        for key, label in BREACH_REASONS.items():
            self.ui.reasonCombo.addItem(label, key)
        if alert.breach_reason in BREACH_REASONS:
            self.ui.reasonCombo.setCurrentIndex(list(BREACH_REASONS).index(alert.breach_reason))
        if alert.breach_note:
            self.ui.noteEdit.setPlainText(alert.breach_note)
        self.ui.summaryLabel.setText(
            f"<b>{badge_text(Stage.breached)}</b> — {escape(alert.label, quote=False)}<br>"
            f"{escape(patient_text(alert), quote=False)}<br>Was due {format_london(alert.due_at)}"
        )

    def set_reason(self, key: str) -> None:
        self.ui.reasonCombo.setCurrentIndex(list(BREACH_REASONS).index(key))

    def set_note(self, text: str) -> None:
        self.ui.noteEdit.setPlainText(text)

    def _values(self) -> tuple[str, str | None]:
        return str(self.ui.reasonCombo.currentData()), (
            self.ui.noteEdit.toPlainText().strip() or None
        )

    def submit(self) -> bool:
        """Press Save (for tests and keyboard shortcuts); False if refused."""
        reason, note = self._values()
        return self._run(lambda: self._action(reason, note))

    def show_error(self, exc: InputError) -> None:
        super().show_error(exc)
        (self.ui.noteEdit if exc.field == "note" else self.ui.reasonCombo).setFocus()

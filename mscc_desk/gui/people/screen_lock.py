"""The lock screen: covers the desk when it is locked or nobody is signed in.

A ward PC is left alone between calls, so whatever is behind this must not be readable:
no patient name, NHS number or case detail is ever given to this widget. Yet a locked
screen must never hide a breach, so it carries a summary of the deadlines in counts
only ("2 clocks OVERDUE · 1 due within 1 h"), large enough to read from across the room,
which the owner refreshes with `set_alert_summary`.

Unlocking takes the password of the person who locked it. Anyone else signs in over
them with "Switch user" right here, without a dialog: the registrar taking over at 3 a.m.
should not have to find the coordinator. After a sign-out the same screen is the
sign-in screen, so no modal box ever sits over the alerts during the day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ...domain.clock import london
from ...domain.errors import InputError
from ...store.auth import SignInError
from ..forms.ui_screen_lock import Ui_ScreenLock
from ..look import LIGHT_INKS
from .session import SessionController
from .sign_in import field_sentence, show_message

BACKDROP = "#1f2d3a"
LOCK_STYLE = f"""
#ScreenLock {{ background: {BACKDROP}; }}
QFrame#card {{ background: #ffffff; border-radius: 8px; }}
QFrame#card QLabel {{ color: #1b1b1b; }}
QFrame#alertFrame {{ border-radius: 8px; background: #e8edf1; border: 2px solid #8fa3b3; }}
QFrame#alertFrame[level="breach"] {{ background: #f8e1e1; border: 3px solid #8b1a1a; }}
QFrame#alertFrame[level="warn"] {{ background: #f6e4c3; border: 2px solid #8a5a00; }}
QFrame#alertFrame[level="ok"] {{ background: #e3efe3; border: 2px solid #2e6b2e; }}
QFrame#alertFrame QLabel {{ color: #1b1b1b; background: transparent; }}
QLabel#hintLabel {{ color: #dfe6ec; }}
"""


def _is_breach(line: str) -> bool:
    text = line.upper()
    return "OVERDUE" in text or "BREACH" in text


def _summary_line(line: str) -> str:
    """Breach lines in dark red as well as in words: the words carry it in greyscale."""
    text = escape(line)
    return f'<span style="color:#8b1a1a">{text}</span>' if _is_breach(line) else text


class LockMode(StrEnum):
    locked = "locked"  # the signed-in person unlocks with their password
    switch = "switch"  # someone else signs in over them
    signed_out = "signed_out"  # nobody signed in: the sign-in screen


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, mins = divmod(minutes, 60)
    if hours and not mins:
        return f"{hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def summarise_deadlines(
    due_ats: Iterable[datetime],
    now: datetime,
    *,
    imminent: timedelta = timedelta(hours=1),
    due_soon: timedelta = timedelta(hours=4),
) -> list[str]:
    """Counts of running clocks by urgency, one line each, most urgent first.

    It takes due times only, never rows, so no patient detail can reach the lock screen
    through it. Pass the open deadlines (e.g. each board row's next deadline, or the
    active alerts' `due_at`) and the alert settings' lead times.
    """
    overdue = soon_1 = soon_2 = 0
    for due in due_ats:
        if due <= now:
            overdue += 1
        elif due <= now + imminent:
            soon_1 += 1
        elif due <= now + due_soon:
            soon_2 += 1
    lines = []
    if overdue:
        lines.append(f"⚠ {overdue} clock{'s' if overdue != 1 else ''} OVERDUE")
    if soon_1:
        lines.append(f"▲ {soon_1} due within {_duration(imminent)}")
    if soon_2:
        lines.append(f"● {soon_2} due within {_duration(due_soon)}")
    return lines


class ScreenLock(QWidget):
    """Follows the controller by itself: locked, switch-user and signed-out modes.

    `overlay=True`: it covers its parent's whole area and shows/hides itself with
    `controller.cover_changed`. Otherwise the owner shows it (e.g. as a QStackedWidget
    page) on `cover_changed(True)` and hides it on `cover_changed(False)`.
    """

    def __init__(
        self,
        controller: SessionController,
        parent: QWidget | None = None,
        *,
        overlay: bool = False,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ui = Ui_ScreenLock()
        self.ui.setupUi(self)
        self.setObjectName("ScreenLock")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet(LOCK_STYLE)
        self._overlay = overlay
        self._mode = LockMode.signed_out
        self._alert_lines: list[str] | None = None
        controller.allow_while_covered(self)
        if parent is not None:
            controller.protect(parent.window())

        big = QFont(self.ui.titleLabel.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.ui.titleLabel.setFont(big)
        summary_font = QFont(self.ui.alertSummaryLabel.font())
        summary_font.setPointSizeF(summary_font.pointSizeF() * 1.7)
        summary_font.setBold(True)
        self.ui.alertSummaryLabel.setFont(summary_font)
        self.ui.alertSummaryLabel.setTextFormat(Qt.TextFormat.RichText)
        # On the white card whatever the theme: dark red, as on a light palette.
        self.ui.messageLabel.setStyleSheet(f"color: {LIGHT_INKS.error.name()}; font-weight: bold;")
        show_message(self.ui.messageLabel, "")
        self.ui.alertFrame.hide()  # until the owner gives a summary: never a false "all clear"

        self.ui.unlockButton.clicked.connect(self.submit)
        self.ui.usernameEdit.returnPressed.connect(self._username_entered)
        self.ui.passwordEdit.returnPressed.connect(self.submit)
        self.ui.switchButton.clicked.connect(lambda: self.set_mode(LockMode.switch))
        self.ui.backButton.clicked.connect(self._back)
        escape_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape_key.activated.connect(self._back)

        controller.locked.connect(self._follow)
        controller.unlocked.connect(self._follow)
        controller.signed_in.connect(self._follow)
        controller.signed_out.connect(self._follow)
        controller.cover_changed.connect(self._cover_changed)
        if overlay and parent is not None:
            parent.installEventFilter(self)
            self.setGeometry(parent.rect())
        self._follow()
        if overlay:
            self.setVisible(controller.covered)

    # --- what the owner calls ------------------------------------------------------------

    def set_alert_summary(self, lines: list[str], as_of: datetime | None = None) -> None:
        """Counts only, e.g. `summarise_deadlines(...)`; an empty list means "none due".

        `as_of` (the time the counts were taken) is shown, so a summary that stopped
        being refreshed does not pass for a current one.
        """
        self._alert_lines = list(lines)
        label = self.ui.alertSummaryLabel
        if lines:
            label.setText("<br>".join(_summary_line(line) for line in lines))
            level = "breach" if any(_is_breach(line) for line in lines) else "warn"
        else:
            label.setText("✓ No deadline needs attention now.")
            level = "ok"
        frame = self.ui.alertFrame
        frame.setProperty("level", level)
        frame.style().unpolish(frame)
        frame.style().polish(frame)
        for child in frame.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)
        self.ui.asOfLabel.setText(
            f"As of {london(as_of).strftime('%H:%M')} · sign in to see which patients"
            if as_of is not None
            else "Sign in to see which patients."
        )
        frame.show()

    def alert_summary_lines(self) -> list[str]:
        return list(self._alert_lines or [])

    def alert_summary_text(self) -> str:
        return "\n".join(self._alert_lines or [])

    @property
    def mode(self) -> LockMode:
        return self._mode

    def message(self) -> str:
        return self.ui.messageLabel.text() if not self.ui.messageLabel.isHidden() else ""

    def set_mode(self, mode: LockMode) -> None:
        if mode is LockMode.switch and self.controller.user is None:
            mode = LockMode.signed_out
        self._mode = mode
        user = self.controller.user
        name = user.display_name if user is not None else ""
        ui = self.ui
        ui.passwordEdit.clear()
        show_message(ui.messageLabel, "")
        asks_name = mode is not LockMode.locked
        ui.usernameCaption.setVisible(asks_name)
        ui.usernameEdit.setVisible(asks_name)
        ui.switchButton.setVisible(mode is LockMode.locked)
        ui.backButton.setVisible(mode is LockMode.switch)
        if mode is LockMode.locked:
            ui.titleLabel.setText(f"Locked — {name}")
            since = self.controller.locked_at
            at = f"Locked at {london(since).strftime('%H:%M')}. " if since is not None else ""
            ui.promptLabel.setText(
                f"{at}Enter your password to unlock. Someone else at the desk? Press Switch user."
            )
            ui.unlockButton.setText("Un&lock")
            ui.usernameEdit.clear()
        elif mode is LockMode.switch:
            ui.titleLabel.setText("Switch user")
            ui.promptLabel.setText(
                f"Sign in as yourself. {name} will be signed out; calls being typed are "
                "kept as drafts. Esc goes back."
            )
            ui.unlockButton.setText("Sign &in")
        else:
            ui.titleLabel.setText("Signed out")
            ui.promptLabel.setText("Sign in to use MSCC Desk.")
            ui.unlockButton.setText("Sign &in")
        self._focus_field()

    def set_credentials(self, username: str, password: str) -> None:
        self.ui.usernameEdit.setText(username)
        self.ui.passwordEdit.setText(password)

    def submit(self) -> bool:
        """Unlock, switch or sign in, by mode; a refusal shows the store's words."""
        password = self.ui.passwordEdit.text()
        try:
            if self._mode is LockMode.locked:
                self.controller.unlock(password)
            else:
                username = self.ui.usernameEdit.text().strip()
                if not username:
                    show_message(self.ui.messageLabel, "Type your username.")
                    self.ui.usernameEdit.setFocus(Qt.FocusReason.OtherFocusReason)
                    return False
                self.controller.switch_user(username, password)
        except SignInError as exc:
            self._refused(exc.message)
            return False
        except InputError as exc:
            self._refused(field_sentence(exc))
            return False
        return True

    # --- keeping the focus and the cover right ----------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt API)
        """Tab cycles inside the lock screen: it must never walk onto the desk behind."""
        ui = self.ui
        chain: list[QWidget] = [
            w
            for w in (
                ui.usernameEdit,
                ui.passwordEdit,
                ui.unlockButton,
                ui.switchButton,
                ui.backButton,
            )
            if w.isVisibleTo(self) and w.isEnabled()
        ]
        if not chain:
            return True
        current = QApplication.focusWidget()
        if current in chain:
            step = 1 if next else -1
            target = chain[(chain.index(current) + step) % len(chain)]
        else:
            target = chain[0]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        follows = event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
        if self._overlay and follows and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
            if self.isVisible():
                self.raise_()
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.window() is not self:
            self.controller.protect(self.window())
        self.raise_()
        self._focus_field()

    def _follow(self, *_args: object) -> None:
        """Mode from the controller: a lock, an unlock, a sign-in or a sign-out happened."""
        controller = self.controller
        if controller.user is None:
            self.set_mode(LockMode.signed_out)
        else:
            self.set_mode(LockMode.locked)  # ready for the next lock, fields cleared

    def _cover_changed(self, covered: bool) -> None:
        if not self._overlay:
            if covered:
                self._focus_field()
            return
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.setVisible(covered)
        if covered:
            self.raise_()
            self._focus_field()

    def _focus_field(self) -> None:
        ui = self.ui
        if self._mode is LockMode.locked or ui.usernameEdit.text().strip():
            target = ui.passwordEdit
        else:
            target = ui.usernameEdit
        self.setFocusProxy(target)
        if self.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _username_entered(self) -> None:
        if self.ui.usernameEdit.text().strip():
            self.ui.passwordEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back(self) -> None:
        if self._mode is LockMode.switch:
            self.set_mode(LockMode.locked)

    def _refused(self, text: str) -> None:
        show_message(self.ui.messageLabel, text)
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus(Qt.FocusReason.OtherFocusReason)

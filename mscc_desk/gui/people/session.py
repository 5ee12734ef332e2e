"""Who is signed in at the desk, and the screen lock that hides patient data when they walk off.

The desk is a ward PC shared through the day and left alone between calls, so the
session is the one place that knows whether patient data may be on screen. Every
sign-in, sign-out, lock and unlock goes through `store.auth`, which audits it: "who was
at the desk at 03:10" must have an answer.

Inactivity is measured with `ctx.clock` (both the last input and "now"), not with wall
time or a single-shot QTimer, so a test drives it with a `FakeClock`, and a PC that slept
through the lock period locks at the first check after waking instead of waiting for a
timer that was frozen during sleep.

Covering the window is not enough on its own: Tab walks behind an overlay, a menu
shortcut opens a new call behind it, and an intake window or a case summary is a
separate top-level window the overlay does not cover. So while the desk is covered
(locked, or nobody signed in) the controller's application-wide event filter drops input
to protected windows except the lock screen itself, and other top-level windows are
hidden until the cover lifts. Hiding rather than closing keeps a half-typed call: the
intake window saves its draft when hidden.
"""

from __future__ import annotations

import logging
import weakref
from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from ...store import auth
from ...store.auth import AuthenticatedUser
from ...store.engine import Database
from ...store.permissions import allowed
from ...store.settings import get_setting
from ..context import DeskContext

log = logging.getLogger(__name__)

LOCK_MINUTES_KEY = "security.lock_minutes"
DEFAULT_LOCK_MINUTES = int(auth.SCREEN_LOCK_AFTER.total_seconds() // 60)
# Below a minute the lock fights someone reading a scan report; above an hour a ward PC
# shows patient data to every passer-by for too long. A stored value outside is ignored.
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 60
CHECK_INTERVAL_MS = 5_000

_T = QEvent.Type
# What a person does, as opposed to what the app does to itself (paint, timers).
ACTIVITY_EVENTS = frozenset(
    {
        _T.KeyPress,
        _T.MouseButtonPress,
        _T.MouseButtonDblClick,
        _T.MouseMove,
        _T.Wheel,
        _T.TouchBegin,
        _T.TabletPress,
    }
)
# What must not reach the window behind the lock screen.
BLOCKED_WHILE_COVERED = frozenset(
    {
        _T.KeyPress,
        _T.KeyRelease,
        _T.ShortcutOverride,
        _T.Shortcut,
        _T.MouseButtonPress,
        _T.MouseButtonRelease,
        _T.MouseButtonDblClick,
        _T.MouseMove,
        _T.Wheel,
        _T.ContextMenu,
        _T.TouchBegin,
        _T.TouchUpdate,
        _T.TouchEnd,
        _T.TabletPress,
        _T.TabletMove,
        _T.TabletRelease,
        _T.DragEnter,
        _T.Drop,
    }
)


def lock_minutes(db: Database) -> int:
    """The inactivity period from the `security.lock_minutes` setting, or the default.

    A bad stored value falls back to the default rather than to "never lock": the
    setting must never be a way to leave patient data on an unattended screen.
    """
    with db.read_session() as session:
        raw = get_setting(session, LOCK_MINUTES_KEY)
    try:
        minutes = int(str(raw).strip()) if raw is not None else DEFAULT_LOCK_MINUTES
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    if not MIN_LOCK_MINUTES <= minutes <= MAX_LOCK_MINUTES:
        return DEFAULT_LOCK_MINUTES
    return minutes


class SessionController(QObject):
    """The signed-in person, the inactivity lock, and the guard while the desk is covered.

    Signals: `signed_in(AuthenticatedUser)`, `signed_out()`, `locked()`, `unlocked()`,
    and `cover_changed(bool)`: True whenever patient data must be hidden (locked, or
    nobody signed in), False when someone may see it again. A switch of user emits
    `signed_out` (the previous person) then `signed_in` (the new one).
    """

    signed_in = Signal(object)
    signed_out = Signal()
    locked = Signal()
    unlocked = Signal()
    cover_changed = Signal(bool)

    def __init__(
        self,
        ctx: DeskContext,
        parent: QObject | None = None,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        guard: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._user: AuthenticatedUser | None = None
        self._locked = False
        self._locked_at: datetime | None = None
        self._guard = guard
        self._last_input: datetime = ctx.clock.now()
        self._lock_after = timedelta(minutes=lock_minutes(ctx.db))
        self._protected: weakref.WeakSet[QWidget] = weakref.WeakSet()
        self._allowed: weakref.WeakSet[QWidget] = weakref.WeakSet()
        self._hidden: list[QWidget] = []
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before the SessionController")
        self._app = app
        app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check_idle)
        self._timer.start()

    # --- state --------------------------------------------------------------------------

    @property
    def user(self) -> AuthenticatedUser | None:
        return self._user

    @property
    def role(self) -> str | None:
        return self._user.role if self._user is not None else None

    @property
    def display_name(self) -> str:
        return self._user.display_name if self._user is not None else ""

    @property
    def is_locked(self) -> bool:
        return self._locked

    @property
    def locked_at(self) -> datetime | None:
        return self._locked_at if self._locked else None

    @property
    def covered(self) -> bool:
        """Whether patient data must be hidden now."""
        return self._user is None or self._locked

    @property
    def lock_after(self) -> timedelta:
        return self._lock_after

    @property
    def last_input(self) -> datetime:
        return self._last_input

    def can(self, action: str) -> bool:
        """For greying out controls only: the store checks every write again itself."""
        if self._user is None:
            return False
        return allowed(self._user.role, action)

    # --- signing in and out -------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> AuthenticatedUser:
        """Raises `auth.SignInError` (already audited) with a message fit to show.

        If someone else is signed in this is a switch of user (see `switch_user`).
        """
        now = self.ctx.clock.now()
        user = auth.authenticate(self.ctx.db, username, password, now)
        previous = self._user
        if previous is not None and previous.user_id != user.user_id:
            auth.sign_out(self.ctx.db, previous, now, reason="switch_user")
            self.signed_out.emit()
        self._start(user)
        return user

    def switch_user(self, username: str, password: str) -> AuthenticatedUser:
        """A registrar taking over at night signs in over the current session.

        The newcomer is checked first and the previous person signed out only when that
        succeeded, so a mistyped password does not throw the coordinator out; the audit
        trail therefore shows the new sign-in, then the previous sign-out (reason
        "switch_user"), at the same instant.
        """
        return self.sign_in(username, password)

    def sign_out(self, reason: str = "user") -> None:
        """`reason`: "user", "exit" (the app is closing), "disabled"."""
        previous = self._user
        if previous is None:
            return
        auth.sign_out(self.ctx.db, previous, self.ctx.clock.now(), reason=reason)
        was_covered = self.covered
        self._user = None
        self._locked = False
        self.ctx.set_user("")
        self.signed_out.emit()
        if not was_covered:
            self._cover(True)

    def lock(self, reason: str = "user") -> bool:
        """Hide the desk behind the lock screen; False if there was nothing to lock."""
        if self._user is None or self._locked:
            return False
        now = self.ctx.clock.now()
        auth.lock(self.ctx.db, self._user, now, reason=reason)
        self._locked = True
        self._locked_at = now
        self.locked.emit()
        self._cover(True)
        return True

    def unlock(self, password: str) -> AuthenticatedUser:
        """Only the person who locked the desk unlocks it; raises `auth.SignInError`."""
        if self._user is None:
            raise auth.SignInError("Nobody is signed in: sign in instead.")
        if not self._locked:
            return self._user
        user = auth.unlock(self.ctx.db, self._user, password, self.ctx.clock.now())
        self._user = user  # the role may have changed while the desk was locked
        self._locked = False
        self._reset_idle()
        self.unlocked.emit()
        self._cover(False)
        return user

    def shutdown(self) -> None:
        """At exit: stop watching input and record the sign-out.

        Nothing is hidden or signalled: the windows are closing anyway. A database that
        cannot take the audit event must not turn closing the app into a crash, so the
        failure is logged instead.
        """
        self._timer.stop()
        self._app.removeEventFilter(self)
        previous = self._user
        if previous is None:
            return
        self._user = None
        self._locked = False
        try:
            auth.sign_out(self.ctx.db, previous, self.ctx.clock.now(), reason="exit")
        except Exception:  # noqa: BLE001 (logged; exiting regardless)
            log.exception("could not record the sign-out at exit")

    def _start(self, user: AuthenticatedUser) -> None:
        was_covered = self.covered
        self._user = user
        self._locked = False
        self._reset_idle()
        self.ctx.set_user(user.username)
        self.signed_in.emit(user)
        if was_covered:
            self._cover(False)

    def _reset_idle(self) -> None:
        """A new session starts fresh, and picks up a changed lock period."""
        self._last_input = self.ctx.clock.now()
        self._lock_after = timedelta(minutes=lock_minutes(self.ctx.db))

    # --- inactivity -----------------------------------------------------------------------

    def check_idle(self) -> bool:
        """Lock if nobody touched the keyboard or mouse for the lock period; True if it did."""
        if self._user is None or self._locked:
            return False
        now = self.ctx.clock.now()
        if now < self._last_input:
            # The clock was set back: do not lock someone out for hours, start again.
            self._last_input = now
            return False
        if now - self._last_input >= self._lock_after:
            return self.lock(reason="inactivity")
        return False

    # --- guarding the covered desk ----------------------------------------------------------

    def protect(self, window: QWidget) -> None:
        """Drop input to this window (menus and shortcuts included) while the desk is covered.

        Call it for the main window. Widgets registered with `allow_while_covered` (the
        lock screen) still get their input.
        """
        self._protected.add(window.window())

    def allow_while_covered(self, widget: QWidget) -> None:
        """This widget, its children and its window stay usable while the desk is covered."""
        self._allowed.add(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in ACTIVITY_EVENTS:
            self._last_input = self.ctx.clock.now()
        if self._guard and kind in BLOCKED_WHILE_COVERED and self.covered:
            if not self._may_receive(watched):
                if kind == _T.KeyPress:
                    self._focus_cover()
                return True
        return False

    def _may_receive(self, watched: QObject) -> bool:
        if not shiboken6.isValid(watched):
            return True
        if isinstance(watched, QAction | QShortcut):
            owner = watched.parent()
            if not isinstance(owner, QWidget):
                return False  # an application-wide shortcut: nothing runs while covered
            widget = owner
        elif isinstance(watched, QWidget):
            widget = watched
        else:
            return True  # a QWindow: Qt passes the event on to a widget, checked then
        for ok in list(self._allowed):
            if shiboken6.isValid(ok) and (ok is widget or ok.isAncestorOf(widget)):
                return True
        return widget.window() not in self._protected

    def _focus_cover(self) -> None:
        """A key typed behind the cover brings the focus back to the lock screen's field."""
        for ok in list(self._allowed):
            if shiboken6.isValid(ok) and ok.isVisible() and ok.window() in self._protected:
                ok.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _cover(self, covered: bool) -> None:
        if covered:
            self._hide_other_windows()
        else:
            self._restore_windows()
        self.cover_changed.emit(covered)

    def _hide_other_windows(self) -> None:
        """Hide every other window with patient data in it; remember them for later."""
        if not isinstance(self._app, QApplication):
            return
        for _ in range(10):  # open menus grab the input; close them (nested ones too)
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        keep = set()
        for ok in list(self._allowed):
            if shiboken6.isValid(ok):
                keep.add(ok.window())
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or window in self._protected or window in keep:
                continue
            if window.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                continue
            window.hide()
            self._hidden.append(window)

    def _restore_windows(self) -> None:
        hidden, self._hidden = self._hidden, []
        for window in hidden:
            if shiboken6.isValid(window):
                window.show()

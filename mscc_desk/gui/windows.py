"""Showing a window the desk owns: once, on the screen, in front.

Each non-modal window (a case, the handover, settings, an alert's dialog, an intake
form) is opened once and brought forward when asked for again, never opened twice.

A ward PC's screen is often 1366x768, and a 1920x1080 laptop at 125 % scaling gives a
1536x864 desktop: a window designed larger than that opens with its Save button, its
status line or its alerts below the screen's edge, where nobody looks. So the size a
window asks for is a wish: the first time it is shown it is cut down to the screen it
opens on (title bar and borders included), and placed wholly on it. Long content
scrolls inside the window instead.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

# Title bar and borders, until the window manager has said how large they really are.
FRAME_GUESS = QSize(12, 36)
# The window manager decorates a window a moment after it is shown; look again then.
SETTLE_MS = (0, 250)
_PLACED = "_mscc_placed"


def alive(widget: QWidget | None) -> bool:
    """Whether a window held from earlier still exists (it may have deleted itself on close)."""
    return widget is not None and shiboken6.isValid(widget)


def bring_to_front(window: QWidget) -> None:
    """Show the window above others; the platform may only flash it in the task bar.

    The first time, the window is fitted to the screen (see the module docstring).
    """
    if not window.property(_PLACED):
        fit_to_screen(window, window.size())
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def screen_for(window: QWidget) -> QScreen:
    """The screen a window opens on: its parent's, the active window's, or the primary."""
    parent = window.parentWidget()
    for other in (parent.window() if parent is not None else None, QApplication.activeWindow()):
        if other is not None and other is not window and other.isVisible():
            return other.screen()
    if window.isVisible():
        return window.screen()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None, "a window needs a screen"
    return screen


def available_area(window: QWidget) -> QRect:
    """Where windows may go on that screen: without the task bar and panels."""
    return screen_for(window).availableGeometry()


def frame_extra(window: QWidget) -> QSize:
    """How much the title bar and borders add to the window's own size."""
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        if frame.size() != inner.size():
            return frame.size() - inner.size()
    return FRAME_GUESS


def fit_to_screen(window: QWidget, wish: QSize | None = None) -> QSize:
    """Size the window to `wish`, cut down to its screen, and place it wholly on it.

    Without a wish the window fills the screen (the desk itself). Returns the size
    given. The window checks again once it is shown and decorated, so a frame larger
    than guessed still never pushes its bottom edge off the screen.
    """
    area = available_area(window)
    extra = frame_extra(window)
    room = QSize(area.width() - extra.width(), area.height() - extra.height())
    wanted = room if wish is None else wish.boundedTo(room)
    wanted = wanted.expandedTo(window.minimumSize())
    window.resize(wanted)
    left = area.x() + max(0, (area.width() - wanted.width() - extra.width()) // 2)
    top = area.y() + max(0, (area.height() - wanted.height() - extra.height()) // 2)
    window.move(left, top)
    if not window.property(_PLACED):
        window.setProperty(_PLACED, True)
        window.installEventFilter(_ScreenGuard.instance())
    return wanted


def keep_on_screen(window: QWidget) -> None:
    """Pull a shown window back inside its screen, smaller if it must be."""
    if not alive(window) or not window.isVisible() or window.isMaximized():
        return
    if window.isFullScreen():
        return
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if area.contains(frame):
        return
    extra = frame.size() - window.geometry().size()
    size = window.size().boundedTo(
        QSize(area.width() - extra.width(), area.height() - extra.height())
    )
    window.resize(size.expandedTo(window.minimumSize()))
    frame = window.frameGeometry()
    left = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    top = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    window.move(max(left, area.x()), max(top, area.y()))


class _ScreenGuard(QObject):
    """Looks at each fitted window as it is shown, when its real frame is known."""

    _instance: _ScreenGuard | None = None

    @classmethod
    def instance(cls) -> _ScreenGuard:
        if cls._instance is None or not shiboken6.isValid(cls._instance):
            cls._instance = cls(QApplication.instance())
        return cls._instance

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            window = watched
            for delay in SETTLE_MS:
                QTimer.singleShot(delay, window, lambda w=window: keep_on_screen(w))
        return False

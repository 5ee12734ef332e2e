"""Bringing a window the desk already has open back into view.

Each non-modal window (a case, the handover, settings, an alert's dialog, an intake
form) is opened once and brought forward when asked for again, never opened twice.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget


def alive(widget: QWidget | None) -> bool:
    """Whether a window held from earlier still exists (it may have deleted itself on close)."""
    return widget is not None and shiboken6.isValid(widget)


def bring_to_front(window: QWidget) -> None:
    """Show the window above others; the platform may only flash it in the task bar."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()

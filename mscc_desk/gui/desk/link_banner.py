"""The line across the top of the desk that says the database cannot be reached.

A desk that cannot reach the shared database still shows a board, but the board is
old, no alert is being raised or cleared, and another desk's work does not arrive. That
must be said at once, in words, where every eye goes first: "Database unreachable since
14:02 — alerts are not being updated". When the database answers again the banner says
what the desk did about it (caught up the alerts, saved the calls kept on this PC) and
then goes. It is text with a symbol, not colour alone, and it is announced to a screen
reader as an alert.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.clock import london
from ...store.changes import Link

BACK_SHOWN_MS = 120_000  # the "answers again" line stays two minutes, then goes
DOWN_STYLE = (
    "QLabel { background: #f6d3d3; color: #1b1b1b; border: 2px solid #8b1a1a;"
    " border-radius: 3px; padding: 6px; font-weight: bold; }"
)
BACK_STYLE = (
    "QLabel { background: #d8ecd8; color: #1b1b1b; border: 1px solid #2e6b2e;"
    " border-radius: 3px; padding: 6px; }"
)


def first_line(message: str, limit: int = 160) -> str:
    """The first line of an error, cut to fit a status line: a driver's message may run
    to several lines, and a label must never widen the window past a ward screen."""
    line = (message.strip().splitlines() or [""])[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def hhmm(instant: datetime) -> str:
    return f"{london(instant):%H:%M}"


def down_text(link: Link) -> str:
    return (
        f"⚠ Database unreachable since {hhmm(link.since)} — alerts are not being updated, "
        "and other desks' changes are not arriving. What you type is kept on this PC and "
        "saved when the database is back. Trying again…"
    )


def back_text(link: Link, was_down_since: datetime | None, saved: int) -> str:
    gap = f" (unreachable from {hhmm(was_down_since)})" if was_down_since else ""
    calls = f"; {saved} call{'s' if saved != 1 else ''} kept on this PC saved" if saved else ""
    return (
        f"✓ Database reachable again at {hhmm(link.since)}{gap} — alerts caught up{calls}; "
        "the board is up to date."
    )


class LinkBanner(QLabel):
    """Hidden while the database answers; `show_link` is called with each change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkBanner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Database connection")
        self._down_since: datetime | None = None
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.timeout.connect(self.hide)
        self.hide()

    @property
    def down_since(self) -> datetime | None:
        return self._down_since

    def show_down(self, link: Link) -> None:
        self._hide_later.stop()
        self._down_since = link.since
        self._say(down_text(link), DOWN_STYLE)
        self.setToolTip(link.error)

    def show_back(self, link: Link, saved: int) -> None:
        self._say(back_text(link, self._down_since, saved), BACK_STYLE)
        self.setToolTip("")
        self._down_since = None
        self._hide_later.start(BACK_SHOWN_MS)

    def _say(self, text: str, style: str) -> None:
        self.setText(text)
        self.setStyleSheet(style)
        self.setAccessibleDescription(text)
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

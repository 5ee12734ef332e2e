"""The service's change feed, brought to the desk: other desks' work shows within seconds.

`store.changes.follow` runs on a thread of its own (never the GUI thread: it blocks on
PostgreSQL's LISTEN or sleeps between `PRAGMA data_version` looks). What it hears
crosses to the GUI thread only by queued Qt signals, as the board loader's and the alert
scheduler's results do, and is handed on through the desk's context
(`DeskContext.service_changed`, `DeskContext.link_changed`), so every view listens in
one place: the board and its header, the alert panel, each open case view.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal

from ...store.changes import Change, Link, follow
from ..context import DeskContext

log = logging.getLogger(__name__)

THREAD_NAME = "mscc-feed"


class LiveFeed(QObject):
    """Follows the database for the desk; `start()` once, `stop()` when the desk closes."""

    _heard = Signal(list)
    _link = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._heard.connect(self._deliver, queued)
        self._link.connect(self._deliver_link, queued)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 10.0) -> None:
        """End the thread (it notices within a second) and wait for it."""
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None:
            thread.join(timeout=wait_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            follow(self.ctx.db, self._stop, self._heard.emit, self._link.emit)
        except Exception:  # a bug, not the network: say so in the log, the desk polls on
            log.exception("the change feed stopped")

    def _deliver(self, changes: list[Change]) -> None:
        self.ctx.service_changed.emit(changes)

    def _deliver_link(self, link: Link) -> None:
        self.ctx.set_link(link)

"""Loading the board off the GUI thread.

A slow disk or a busy shared database must never freeze the window while someone is on
the phone. The job only queries (store/board.py and store/drafts.py) and hands plain
data back through a queued signal; no widget is touched outside the GUI thread. Requests
that arrive while a load runs are folded into one more load after it, so a burst of
`data_changed` costs at most two queries.

A load after a change re-reads only the cases the change touched (`store/board_refresh.py`,
from the rows of the load before); `request(full=True)` (F5, the desk's reload every
minute) reads every open case again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...domain.clock import Clock
from ...domain.deadlines import Stage
from ...store.alerts import lead_times
from ...store.board import BoardRow
from ...store.board_refresh import BoardRead, read_board
from ...store.drafts import DraftSummary, list_drafts
from ...store.engine import Database


@dataclass(frozen=True)
class BoardSnapshot:
    read: BoardRead
    drafts: list[DraftSummary]
    leads: dict[Stage, timedelta]  # the alert lead times, so the board and alerts agree

    @property
    def rows(self) -> list[BoardRow]:
        return self.read.rows


class _Relay(QObject):
    """Lives in the GUI thread; emitting it from the worker queues delivery to the GUI."""

    done = Signal(int, object)
    failed = Signal(int, str)


class _LoadJob(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        generation: int,
        db: Database,
        clock: Clock,
        previous: BoardRead | None,
    ) -> None:
        super().__init__()
        self._relay = relay
        self._generation = generation
        self._db = db
        self._clock = clock
        self._previous = previous

    def run(self) -> None:
        try:
            snapshot = BoardSnapshot(
                read_board(self._db, self._clock.now(), self._previous),
                list_drafts(self._db),
                lead_times(self._db),
            )
        except Exception as exc:  # noqa: BLE001 - reported in the window, not lost in a thread
            self._relay.failed.emit(self._generation, f"{type(exc).__name__}: {exc}")
            return
        self._relay.done.emit(self._generation, snapshot)


class BoardLoader(QObject):
    """`request()` from the GUI thread; `loaded` / `failed` arrive on the GUI thread."""

    loaded = Signal(object)  # BoardSnapshot
    failed = Signal(str)

    def __init__(self, db: Database, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._clock = clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._generation = 0
        self._busy = False
        self._again = False
        self._again_full = False
        self._read: BoardRead | None = None  # the last load's, which the next refreshes

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, full: bool = False) -> None:
        """Load the board: after a change, only what it touched; `full`, everything."""
        if self._busy:
            self._again = True
            self._again_full = self._again_full or full
            return
        self._busy = True
        self._generation += 1
        previous = None if full else self._read
        job = _LoadJob(self._relay, self._generation, self._db, self._clock, previous)
        self._pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        """Let a running job finish (before the database is closed)."""
        return bool(self._pool.waitForDone(msecs))

    def _settle(self, generation: int) -> bool:
        if generation != self._generation:
            return False
        self._busy = False
        return True

    def _again_if_asked(self) -> None:
        if self._again:
            full, self._again, self._again_full = self._again_full, False, False
            self.request(full)

    def _on_done(self, generation: int, snapshot: object) -> None:
        if self._settle(generation) and isinstance(snapshot, BoardSnapshot):
            self._read = snapshot.read
            self.loaded.emit(snapshot)
        self._again_if_asked()

    def _on_failed(self, generation: int, message: str) -> None:
        if self._settle(generation):
            self.failed.emit(message)
        self._again_if_asked()

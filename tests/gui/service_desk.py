"""One desk of a service, in a process of its own, that says what it shows.

    python -m tests.gui.service_desk DB_URL USER

Opens the real main window (1366x768, offscreen) with its alert scheduler and the
change feed, as `mscc-desk gui` does, and prints one JSON line each time what a person
would see changes:

    {"event": "board", "cases": [3, 1], "selected": 3, "scroll": 0}
    {"event": "alerts", "ids": [7]}
    {"event": "coordinator", "text": "Sister Jones"}
    {"event": "link", "up": false, "banner": "⚠ Database unreachable since 14:02 — ..."}
    {"event": "saved", "case_id": 4} / {"event": "save", "pending": true}

and does what it is told, one JSON command a line on stdin, as a person at the desk:
`{"do": "type", "values": {...}}` opens a new call and fills it in; `{"do": "save"}`
presses Save on it; `{"do": "ack", "alert_id": 7}` acknowledges an alert;
`{"do": "coordinator", "text": "..."}` hands the coordinator role over;
`{"do": "select", "case_id": 3}` selects a board row; `{"do": "quit"}` closes the desk.
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from mscc_desk.alerts.scheduler import AlertController
from mscc_desk.domain.clock import SystemClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.live_feed import LiveFeed
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.intake.window import IntakeWindow
from mscc_desk.store.changes import Link
from mscc_desk.store.opening import open_database


def say(event: str, **values: Any) -> None:
    print(json.dumps({"event": event, **values}, ensure_ascii=False), flush=True)


class Commands(QObject):
    """Lines from stdin, read on a thread, handed to the GUI thread by a queued signal."""

    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for text in sys.stdin:
            self.line.emit(text)
        self.line.emit('{"do": "quit"}')


class ServiceDesk:
    def __init__(self, url: str, user: str) -> None:
        self.db = open_database(url)
        self.ctx = DeskContext(self.db, user=user, clock=SystemClock())
        self.alerts = AlertController(self.ctx)
        self.window = MainWindow(self.ctx)
        self.window.attach_alerts(self.alerts)
        self.window.resize(1366, 768)
        self.feed = LiveFeed(self.ctx)
        self.intake: IntakeWindow | None = None
        self._last: dict[str, Any] = {}
        self.window.board_loaded.connect(lambda _n: self._board())
        self.alerts.alerts_changed.connect(lambda: QTimer.singleShot(0, self._alerts))
        self.ctx.service_changed.connect(lambda _c: self._coordinator())
        self.ctx.link_changed.connect(self._link)
        self.commands = Commands()
        self.commands.line.connect(self._do, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.window.show()
        self.alerts.start()
        self.feed.start()
        self.commands.start()
        say("ready", user=self.ctx.user)

    def _once(self, event: str, **values: Any) -> None:
        """Say it only when it differs from what was said last for this event."""
        if self._last.get(event) != values:
            self._last[event] = values
            say(event, **values)

    def _board(self, always: bool = False) -> None:
        proxy = self.window.proxy
        cases = [proxy.case_id_at(row) for row in range(proxy.rowCount())]
        scroll = self.window.ui.board.verticalScrollBar().value()
        seen = {"cases": cases, "selected": self.window.selected_case_id(), "scroll": scroll}
        if always:
            self._last["board"] = seen
            say("board", **seen)
        else:
            self._once("board", **seen)

    def _alerts(self) -> None:
        panel = self.window.alert_panel
        if panel is not None:
            self._once("alerts", ids=[a.alert_id for a in panel.alerts()])

    def _coordinator(self) -> None:
        self._once("coordinator", text=self.window.ui.coordinatorLabel.text())

    def _link(self, link: Link) -> None:
        QTimer.singleShot(0, lambda: say("link", up=link.up, banner=self.window.link_banner.text()))

    def _do(self, text: str) -> None:
        command = json.loads(text)
        action = command["do"]
        if action == "type":
            window = self.window.new_call()
            assert isinstance(window, IntakeWindow)
            self.intake = window
            window.saved.connect(lambda case_id: say("saved", case_id=case_id))
            for key, value in command["values"].items():
                window.fields.by_key[key].set_raw(value)
            window.keep_draft()
            say("typing", key=window.client_key)
        elif action == "save":
            assert self.intake is not None
            self.intake.save()
            say("save", pending=self.intake.save_pending)
        elif action == "ack":
            self.alerts.acknowledge(int(command["alert_id"]))
        elif action == "coordinator":
            self.window.set_coordinator(command["text"])
        elif action == "select":
            self.window.select_case(int(command["case_id"]))
            self._board(always=True)
        elif action == "quit":
            self.close()
            QApplication.quit()

    def close(self) -> None:
        self.feed.stop()
        self.window.close()
        self.alerts.stop()
        self.db.dispose()


def main(argv: list[str]) -> int:
    app = QApplication(argv[:1])
    desk = ServiceDesk(argv[1], argv[2])
    desk.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

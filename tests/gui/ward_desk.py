"""A desk as a ward PC has it: the demo's 40 open cases, alerts raised, someone signed in,
and every window of the desk opened, so each can be measured against the screen.

Used in-process by the ward-screen tests (1366x768, tests/screens/ward.json) and, as
`python -m tests.gui.ward_desk DB`, in a subprocess under another screen (1920x1080 at
125 %), which prints each window's frame and the screen's free area as one JSON line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from mscc_desk.alerts.scheduler import AlertController
from mscc_desk.demo import make_demo
from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.case.checklist_editor import ChecklistEditor
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.people.session import SessionController
from mscc_desk.gui.people.user_admin import open_user_admin
from mscc_desk.gui.windows import fit_to_screen
from mscc_desk.store.auth import create_user
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database

DEMO_NOW = datetime(2026, 11, 30, 6, 15, tzinfo=UTC)  # a Monday morning, GMT
ADMIN, ADMIN_PW = "ada", "correct horse 1"


def make_demo_db(path: Path) -> Path:
    """2,000 demo cases, 40 open, and an administrator who can sign in."""
    db = open_database(path)
    try:
        make_demo(db, cases=2000, seed=1, clock=FakeClock(DEMO_NOW))
        create_user(db, ADMIN, "Ada Lovelace", "admin", ADMIN_PW, actor=None, now=DEMO_NOW)
    finally:
        db.dispose()
    return path


@dataclass
class Desk:
    ctx: DeskContext
    window: MainWindow
    alerts: AlertController
    session: SessionController

    def close(self) -> None:
        self.window.close()
        self.session.shutdown()
        self.alerts.stop()


def open_desk(db: Database, clock: FakeClock | None = None) -> Desk:
    """The desk as `mscc-desk` opens it: alerts raised, signed in, fitted to the screen."""
    ctx = DeskContext(db, clock=clock or FakeClock(DEMO_NOW))
    alerts = AlertController(ctx)
    alerts.check_now()  # raise what is due at the fake "now", without the scheduler
    session = SessionController(ctx, guard=False)
    window = MainWindow(ctx)
    window.attach_alerts(alerts)
    window.attach_session(session)
    session.sign_in(ADMIN, ADMIN_PW)
    fit_to_screen(window)
    window.show()
    return Desk(ctx, window, alerts, session)


def wait_for_board(desk: Desk) -> None:
    app = QApplication.instance()
    assert app is not None
    while desk.window.model.rowCount() == 0:
        desk.window.loader.wait()
        app.processEvents()


def every_window(desk: Desk) -> Iterator[tuple[str, QWidget]]:
    """Each window of the desk, opened as a person opens it, one after another."""
    main = desk.window
    yield "desk", main
    case_id = main.selected_case_id()
    assert case_id is not None
    case = main.open_case(case_id)
    yield "case", case
    for row in range(case.checklist_model.rowCount()):
        item = case.checklist_model.item(row)
        if not item.on_pathway or case.detail is None:
            continue
        editor = ChecklistEditor(desk.ctx, case_id, item, case.detail.version, case)
        editor.show()
        yield f"checklist item {item.key}", editor
        editor.close()
    case.close()
    intake = main.new_call()
    assert intake is not None
    yield "intake", intake
    intake.close()
    handover = main.open_handover()
    yield "handover", handover
    preview = handover.print_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    yield "print preview", preview
    preview.close()
    handover.close()
    yield "settings", main.open_settings()
    yield "users", open_user_admin(desk.session, main)
    yield "keyboard shortcuts", main.show_shortcuts()
    alert_panel = main.alert_panel
    assert alert_panel is not None
    alert_panel.select(0)
    acknowledge = alert_panel.acknowledge_selected()
    assert acknowledge is not None
    yield "acknowledge", acknowledge
    reason = alert_panel.breach_reason_selected()
    assert reason is not None
    yield "breach reason", reason


def frame(widget: QWidget) -> list[int]:
    rect = widget.frameGeometry()
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main(argv: list[str]) -> int:
    app = QApplication(argv[:1])
    db = open_database(argv[1])
    desk = open_desk(db)
    wait_for_board(desk)
    screen = app.primaryScreen()
    assert screen is not None
    area: QRect = screen.availableGeometry()
    frames = {}
    for name, window in every_window(desk):
        app.processEvents()
        frames[name] = frame(window)
    print(json.dumps({"screen": [area.x(), area.y(), area.width(), area.height()], **frames}))
    desk.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

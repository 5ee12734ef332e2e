"""Starting the window: `mscc-desk`, `mscc-desk gui` and the `gui --smoke` diagnostic.

Qt is imported only once a display is known to exist: without one Qt aborts the process
with a core dump, which tells an administrator on a server nothing. The smoke run is
what a deployment script or an acceptance check uses to prove that the window really
starts on a given database, so it measures start-up to a painted, populated board.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .context import DeskContext
    from .main_window import MainWindow

NO_DISPLAY = (
    "mscc-desk: no display found; the window needs a desktop session. For a headless "
    "check run `QT_QPA_PLATFORM=offscreen mscc-desk gui --smoke`, or use the command-line "
    "sub-commands (see --help)."
)
APP_NAME = "MSCC Desk"
MIN_POINT_SIZE = 10
SMOKE_TIMEOUT_MS = 120_000


def display_missing(env: dict[str, str] | None = None) -> bool:
    """On Linux a window needs X11 or Wayland, unless a Qt platform is named explicitly."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return False
    return not any(env.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(db_target: str | None, smoke: bool) -> int:
    started = time.perf_counter()
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    if not smoke:
        from ..logs import setup_logging

        setup_logging()  # scrubbed of patient data, rotated, in the user's log folder

    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..store.engine import DatabaseError, open_database
    from .context import DeskContext
    from .main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)

    try:
        db = open_database(db_target)
    except DatabaseError as exc:
        if smoke:
            raise
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    try:
        ctx = DeskContext(db)
        if smoke:  # a diagnostic: it raises no alerts and takes no one's place at the desk
            window = MainWindow(ctx)
            window.resize(1400, 800)
            window.show()
            return _smoke(app, window, started)
        return _desk(app, ctx)
    finally:
        db.dispose()


def _desk(app: QApplication, ctx: DeskContext) -> int:
    """The real desk: one per database and login, with its alert scheduler running."""
    from ..alerts.scheduler import AlertController
    from ..alerts.single_instance import ALREADY_RUNNING, SingleInstance, bring_to_front
    from .main_window import MainWindow
    from .session import SessionController
    from .sign_in import sign_in_at_start

    guard = SingleInstance(ctx.db.url.render_as_string(hide_password=False))
    if not guard.is_primary():
        guard.notify_primary()
        print(ALREADY_RUNNING, file=sys.stderr)
        return 0
    # The alerts run from the first moment, whoever is (or is not yet) signed in.
    alerts = AlertController(ctx)
    ctx.data_changed.connect(alerts.resync)
    alerts.start()  # catches up at once on what fell due while the desk was closed
    session = SessionController(ctx)
    try:
        if not sign_in_at_start(session):  # first-run wizard, or sign-in
            return 0
        window = MainWindow(ctx)
        window.attach_alerts(alerts)
        window.attach_session(session)
        guard.activation_requested.connect(lambda: bring_to_front(window))
        window.resize(1500, 860)
        window.show()
        return app.exec()
    finally:
        session.shutdown()
        alerts.stop()
        guard.close()


def _smoke(app: QApplication, window: MainWindow, started: float) -> int:
    """Wait for the first populated board, paint it, print one JSON line, quit."""
    from PySide6.QtCore import QTimer

    outcome: dict[str, int] = {}

    def painted(open_cases: int) -> None:
        if outcome:
            return
        window.ui.board.viewport().repaint()  # synchronous: the rows are on screen
        report = {"startup_s": round(time.perf_counter() - started, 3), "open_cases": open_cases}
        print(json.dumps(report), flush=True)
        outcome["code"] = 0
        window.close()
        app.exit(0)

    def failed(message: str) -> None:
        if outcome:
            return
        print(f"mscc-desk: the board did not load: {message}", file=sys.stderr)
        outcome["code"] = 1
        window.close()
        app.exit(1)

    window.board_loaded.connect(painted)
    window.loader.failed.connect(failed)
    QTimer.singleShot(
        SMOKE_TIMEOUT_MS, lambda: failed(f"no answer within {SMOKE_TIMEOUT_MS // 1000} s")
    )
    app.exec()
    return outcome.get("code", 1)

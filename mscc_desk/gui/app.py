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

    from ..alerts.scheduler import AlertController
    from .context import DeskContext
    from .desk.main_window import MainWindow

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


def _debian_package(soname: str) -> str:
    """`libxcb-icccm.so.4` -> `libxcb-icccm4`, `libEGL.so.1` -> `libegl1`, as Debian and
    Ubuntu name the package (always in lower case)."""
    base, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    name = f"{base}-{version}" if base[-1:].isdigit() else f"{base}{version}"
    return name.lower()


def debian_packages(missing: list[str]) -> list[str]:
    """The packages that hold the missing libraries, for one `apt-get install` line
    (here and in packaging/qt-system-libs.sh, which `make run` calls)."""
    return sorted({_debian_package(name) for name in missing})


# Libraries Qt opens by name at run time instead of linking them, so `ldd` cannot see
# them missing: since Qt 6.5 the X11 plugin refuses to load without libxcb-cursor.
LOADED_AT_RUN_TIME = ("libxcb-cursor.so.0",)


def _cannot_load(soname: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return True
    return False


def missing_system_libraries(env: dict[str, str] | None = None) -> list[str]:
    """The system libraries Qt's X11 plugin needs and cannot find.

    Without them Qt aborts the process with a message about "platform plugins" that
    tells a ward IT team nothing; `ldd` names the linked libraries before Qt is loaded,
    and the dynamic loader is asked for the ones Qt opens itself.
    """
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return []
    if not env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return []
    import importlib.util
    import shutil
    import subprocess
    from pathlib import Path

    spec = importlib.util.find_spec("PySide6")
    ldd = shutil.which("ldd")
    if spec is None or spec.origin is None or ldd is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")]
    missing: set[str] = set()
    for file in files:
        if not file.exists():
            continue
        result = subprocess.run([ldd, str(file)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "=> not found" in line:
                missing.add(line.split("=>")[0].strip())
    if files[0].exists():  # Qt looks beside its own libraries first (the bundle puts it there)
        missing.update(
            name
            for name in LOADED_AT_RUN_TIME
            if not (qt / "lib" / name).exists() and _cannot_load(name)
        )
    return sorted(missing)


def missing_libraries_message(missing: list[str]) -> str:
    packages = " ".join(debian_packages(missing))
    return (
        f"mscc-desk: the window cannot open: Qt needs system libraries that are missing "
        f"({', '.join(missing)}). Install them (Debian/Ubuntu: `sudo apt install {packages}`) "
        "and start again; the command-line sub-commands work without them."
    )


def run(db_target: str | None, smoke: bool) -> int:
    started = time.perf_counter()
    if display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    missing = missing_system_libraries()
    if missing:
        print(missing_libraries_message(missing), file=sys.stderr)
        return 1
    if not smoke:
        from ..logs import setup_logging

        setup_logging()  # scrubbed of patient data, rotated, in the user's log folder

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..domain.resources import resource_path
    from ..store.engine import DatabaseError
    from ..store.opening import open_database
    from .context import DeskContext
    from .desk.main_window import MainWindow
    from .look import apply_desk_look
    from .windows import fit_to_screen

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "mscc-desk.png"))))  # every window's
    font = app.font()  # the system's size, never less than a ward PC can be read at
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    apply_desk_look(app)  # a focus ring that shows where the keyboard is, in every window

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
            fit_to_screen(window)  # as the desk opens: the whole screen it is on
            window.show()
            return _smoke(app, window, started)
        return _desk(app, ctx)
    finally:
        db.dispose()


def _desk(app: QApplication, ctx: DeskContext) -> int:
    """The real desk: one per database and login, with its alert scheduler running."""
    from ..alerts.single_instance import ALREADY_RUNNING, SingleInstance
    from .desk.live_feed import LiveFeed
    from .desk.main_window import MainWindow
    from .people.session import SessionController
    from .startup import sign_in_at_start
    from .windows import bring_to_front, fit_to_screen

    guard = SingleInstance(ctx.db.url.render_as_string(hide_password=False))
    if not guard.is_primary():
        guard.notify_primary()
        print(ALREADY_RUNNING, file=sys.stderr)
        return 0
    # The alerts run from the first moment, whoever is (or is not yet) signed in.
    alerts = start_alerts_after_first_paint(ctx)  # the daily backup runs on it too
    feed = LiveFeed(ctx)  # other desks' work, and whether the database answers
    feed.start()
    session = SessionController(ctx)
    try:
        if not sign_in_at_start(session):  # first-run wizard, or sign-in
            return 0
        window = MainWindow(ctx)
        window.attach_alerts(alerts)
        window.attach_session(session)
        window.save_kept_drafts()  # typed here while the database was away, last time
        guard.activation_requested.connect(lambda: bring_to_front(window))
        fit_to_screen(window)  # the desk fills the screen it opens on, whatever its size
        window.show()
        window.show_board_focus()  # Down and Enter work at once, without the mouse
        return app.exec()
    finally:
        session.shutdown()
        feed.stop()
        alerts.stop()
        guard.close()


def start_alerts_after_first_paint(ctx: DeskContext) -> AlertController:
    """The desk's alert scheduler (with the daily backup on it), started as soon as the
    event loop runs, that is once the first window (sign-in, or the desk) is up.

    Starting it is the catch-up of whatever fell due while the desk was closed: it runs
    on the scheduler's own worker, so it never holds the first paint back, and it comes
    within a moment of start (`tests/gui/test_desk_start.py` holds it to 5 s).
    """
    from PySide6.QtCore import QTimer

    from ..alerts.scheduler import AlertController

    alerts = AlertController(ctx, backups=True)
    ctx.data_changed.connect(alerts.resync)
    QTimer.singleShot(0, alerts.start)
    return alerts


def _smoke(app: QApplication, window: MainWindow, started: float) -> int:
    """Wait for the first populated board, paint it, print one JSON line, quit."""
    from PySide6.QtCore import QTimer

    outcome: dict[str, int] = {}

    def painted(open_cases: int) -> None:
        if outcome:
            return
        window.ui.board.viewport().repaint()  # synchronous: the rows are on screen
        frame = window.frameGeometry()
        report = {
            "startup_s": round(time.perf_counter() - started, 3),
            "open_cases": open_cases,
            "window": [frame.width(), frame.height()],  # title bar and borders included
        }
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

"""Start-up keeps the desk honest: the alert scheduler starts after the first paint, and a
deadline that fell due while the desk was closed is still raised within 5 s of start."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mscc_desk.domain.deadlines import Stage
from mscc_desk.gui.app import start_alerts_after_first_paint
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.store import alerts as store
from mscc_desk.store.opening import open_database
from tests.alerts.helpers import USER, fake_clock, new_case
from tests.gui.desk_helpers import NOW

CATCH_UP_MS = 5_000


def test_an_overdue_deadline_is_raised_within_5_s_of_start(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the daily backup's folder
    db = open_database(tmp_path / "desk.sqlite3")
    clock = fake_clock(NOW - timedelta(days=2))
    new_case(db, clock, NOW - timedelta(days=2))  # its 24-hour MRI clock ran out yesterday
    clock.set(NOW)
    ctx = DeskContext(db, user=USER, clock=clock)
    alerts = start_alerts_after_first_paint(ctx)
    try:
        raised: list[store.RaisedAlert] = []
        alerts.alerts_raised.connect(raised.extend)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.attach_alerts(alerts)
        assert not alerts.running  # nothing is started before the window is up
        window.show()
        qtbot.waitUntil(lambda: alerts.running, timeout=CATCH_UP_MS)
        qtbot.waitUntil(lambda: bool(raised), timeout=CATCH_UP_MS)
        assert any(a.stage is Stage.breached for a in raised)
        shown = store.active_alerts(db, clock.now())
        assert [a.stage for a in shown] == [Stage.breached]
    finally:
        alerts.stop()
        db.dispose()

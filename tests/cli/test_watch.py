"""`mscc-desk watch --json`: one JSON line per change, until Ctrl+C, which exits 0.

A real `mscc-desk` process follows the database (SQLite file or a real PostgreSQL
server) while this test writes to it as another desk would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from queue import Queue
from typing import Any

import pytest

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts
from mscc_desk.store.calls import record_call
from mscc_desk.store.opening import open_database
from tests.store.integrity_helpers import T0, call

WAIT_S = 60


class Watch:
    """The `watch` process and the lines it prints, read on a thread of their own."""

    def __init__(self, target: str, *extra: str, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mscc_desk", "watch", "--json", "--db", target, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: Queue[dict[str, Any]] = Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def next_of(self, kind: str) -> dict[str, Any]:
        while True:
            line = self.lines.get(timeout=WAIT_S)
            if line["kind"] == kind:
                return line

    def interrupt(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _out, err = self.proc.communicate(timeout=WAIT_S)
        return self.proc.returncode, err


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}


@pytest.fixture
def target(db_url: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    open_database(db_url).dispose()  # created and migrated, as by `db upgrade`
    yield db_url


def test_watch_prints_each_change_and_exits_0_on_ctrl_c(target: str, env: dict[str, str]) -> None:
    db = open_database(target)
    clock = FakeClock(T0)
    first = record_call(db, call("9434765919"), user="coord", clock=clock).case_id
    watch = Watch(target, "--after", "0", env=env)
    try:
        opened = watch.next_of("case.opened")  # written before the watch started
        assert opened["case_id"] == first
        assert {"at", "kind", "case_id", "event_id", "user"} <= set(opened)
        clock.advance(timedelta(hours=30))
        raised = alerts.raise_alerts(db, clock.now())
        assert watch.next_of("alert.raised")["case_id"] == first
        alerts.acknowledge(db, raised[-1].alert_id, "registrar", clock.now())
        acked = watch.next_of("alert.acknowledged")
        assert (acked["case_id"], acked["user"]) == (first, "registrar")
    finally:
        code, err = watch.interrupt()
        db.dispose()
    assert code == 0, err
    assert "Traceback" not in err


def test_watch_refuses_a_bad_start_in_one_line(env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mscc_desk", "watch", "--json", "--after", "-3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT_S,
        check=False,
    )
    assert done.returncode == 2
    assert "--after" in done.stderr and len(done.stderr.strip().splitlines()) == 1

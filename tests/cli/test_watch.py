"""`mscc-desk watch --json`: one JSON line per change, until Ctrl+C, which exits 0.

A real `mscc-desk` process follows the database (SQLite file or a real PostgreSQL
server) while this test writes to it as another desk would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts
from mscc_desk.store.calls import record_call
from mscc_desk.store.opening import open_database
from tests.json_process import WAIT_S, JsonProcess
from tests.store.integrity_helpers import T0, call


def watch(target: str, *extra: str, env: dict[str, str]) -> JsonProcess:
    argv = [sys.executable, "-m", "mscc_desk", "watch", "--json", "--db", target, *extra]
    return JsonProcess(argv, env)


def of(kind: str) -> Callable[[dict[str, Any]], bool]:
    return lambda line: bool(line["kind"] == kind)


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
    watching = watch(target, "--after", "0", env=env)
    try:
        # Written before the watch started: --after 0 reads from the first change.
        opened = watching.next_where(of("case.opened"), "case.opened")
        assert opened["case_id"] == first
        assert {"at", "kind", "case_id", "event_id", "user"} <= set(opened)
        clock.advance(timedelta(hours=30))
        raised = alerts.raise_alerts(db, clock.now())
        assert watching.next_where(of("alert.raised"), "alert.raised")["case_id"] == first
        alerts.acknowledge(db, raised[-1].alert_id, "registrar", clock.now())
        acked = watching.next_where(of("alert.acknowledged"), "alert.acknowledged")
        assert (acked["case_id"], acked["user"]) == (first, "registrar")
    finally:
        code, err = watching.interrupt()
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

"""Reads never wait for another process's write.

The board, the case view, the handover sheet, the alerts panel and `db check` only
read; on SQLite they must not queue behind a call being recorded on the other desk
(they did: every unit of work began with BEGIN IMMEDIATE). A child process holds a
write transaction open, as `record_call` does while it works, and this process runs
every one of those read paths meanwhile. The busy timeout is cut to 0.2 s here, so a
read that still asked for the write lock fails with "database is locked" rather than
waiting: the test needs no clock. A write from this process must still wait (and here
give up), which shows the child really held the lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import engine, maintenance
from mscc_desk.store.alerts import active_alerts, alert_settings, due_alerts, open_deadlines
from mscc_desk.store.board_refresh import read_board
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import case_fingerprint, load_case, timeline
from mscc_desk.store.handover import changes_since_last_handover, handover_cases
from mscc_desk.store.opening import open_database
from mscc_desk.store.patients import find_by_case
from mscc_desk.store.settings import get_setting, set_setting

from .conftest import FULL_CALL, NOW

HOLDER = Path(__file__).with_name("hold_writer.py")
ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def write_held_by_another_process(db_path: Path) -> Iterator[None]:
    proc = subprocess.Popen(
        [sys.executable, str(HOLDER), str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "committed"
    finally:
        proc.stdin.close()  # on a failure too: the child's readline ends and it exits
        proc.wait(timeout=60)


@pytest.fixture
def one_case(db_path: Path, clock: FakeClock) -> int:
    database = open_database(db_path)
    try:
        return record_call(database, FULL_CALL, user="cora", clock=clock).case_id
    finally:
        database.dispose()


def test_every_read_path_returns_while_another_process_holds_a_write(
    db_path: Path, one_case: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    db = open_database(db_path)
    try:
        with write_held_by_another_process(db_path):
            # The board.
            assert [r.case_id for r in read_board(db, NOW).rows] == [one_case]
            # The case view.
            assert load_case(db, one_case, now=NOW).patient.family_name == "Okafor"
            assert timeline(db, one_case, now=NOW)
            assert case_fingerprint(db, one_case)[0] >= 1
            match = find_by_case(db, one_case)
            assert match is not None
            # The handover sheet.
            assert [c.case_id for c in handover_cases(db, NOW)] == [one_case]
            assert [c.case_id for c in changes_since_last_handover(db, NOW).new_cases] == [one_case]
            # The alerts panel.
            assert {d.case_id for d in open_deadlines(db)} == {one_case}
            assert active_alerts(db, NOW) == []
            due_alerts(db, NOW)
            alert_settings(db)
            # `db check`, in this process and as the command another process runs.
            report = maintenance.check(str(db_path))
            assert report["ok"], report["problems"]
            command = subprocess.run(
                [sys.executable, "-m", "mscc_desk", "db", "check", "--db", str(db_path)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            assert command.returncode == 0, command.stderr
            # Reads see the last commit, not the other process's open transaction.
            with db.read_session() as session:
                assert get_setting(session, "test.held") is None
            # A write still waits for the lock, so the child really holds it.
            with pytest.raises(OperationalError, match="locked"), db.session() as session:
                set_setting(session, "test.mine", "x", NOW)
        with db.read_session() as session:
            assert get_setting(session, "test.held") == "by another process"
            assert get_setting(session, "test.mine") is None
    finally:
        db.dispose()


def test_a_read_session_cannot_write_and_a_write_session_still_can(db_url: str) -> None:
    """Read-only in the database itself, so a write slipped into a read path fails on
    both backends; the pooled connection it used writes again in a write session."""
    db = open_database(db_url)
    try:
        with pytest.raises(DBAPIError), db.read_session() as session:
            set_setting(session, "test.key", "from a read", NOW)
            session.flush()
        with db.read_session() as session:
            assert get_setting(session, "test.key") is None
        with db.session() as session:
            set_setting(session, "test.key", "from a write", NOW)
        with db.read_session() as session:
            assert get_setting(session, "test.key") == "from a write"
    finally:
        db.dispose()

"""Power cut: a writer killed at random moments never leaves a damaged database or
loses a call it reported as saved.

A child process records calls through the core (`record_call`) in a loop and logs each
committed case to an fsynced file; the parent SIGKILLs it at a random moment, KILLS
times, on the same database file, and after every kill checks what `db check` checks
(SQLite integrity, foreign keys, the audit chain, the clocks of open cases) and that
every case the child logged is there with its own NHS number.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mscc_desk.store import maintenance
from mscc_desk.store.backup import integrity_problems
from mscc_desk.store.opening import open_database

KILLS = 50
DELAY = (0.05, 0.6)  # seconds of writing before the kill
WRITER = Path(__file__).with_name("kill_writer.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def _committed(log_path: Path) -> dict[int, str]:
    """Case id -> NHS number for every complete line; a torn last line is ignored."""
    if not log_path.exists():
        return {}
    text = log_path.read_text(encoding="ascii")
    lines = text.split("\n")[:-1]  # the part after the last newline may be torn
    out: dict[int, str] = {}
    for line in lines:
        case_id, nhs = line.split()
        assert int(case_id) not in out, f"case {case_id} logged twice"
        out[int(case_id)] = nhs
    return out


def _in_database(db_path: Path) -> dict[int, str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            'SELECT c.id, p.nhs_number FROM "case" c JOIN patient p ON p.id = c.patient_id'
        ).fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    return {int(i): str(n) for i, n in rows}


def _start(db_path: Path, log_path: Path, run: int, stderr: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with stderr.open("a") as err:
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), str(log_path), str(run * 10_000)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            cwd=ROOT,
            env=env,
        )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        proc.kill()
        proc.wait()
        pytest.fail(f"the writer did not start: {stderr.read_text()[-2000:]}")
    return proc


def test_sigkill_never_damages_the_database_or_loses_a_committed_call(tmp_path: Path) -> None:
    db_path = tmp_path / "kill.sqlite3"
    log_path = tmp_path / "committed.log"
    stderr = tmp_path / "writer.stderr"
    open_database(db_path).dispose()  # create and migrate once, as the app's first start
    rng = random.Random(int(os.environ.get("MSCC_KILL_SEED", "20270327")))
    started = time.monotonic()
    seen_growth = 0
    previous = 0
    for run in range(KILLS):
        proc = _start(db_path, log_path, run, stderr)
        time.sleep(rng.uniform(*DELAY))
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert alive, f"the writer died by itself: {stderr.read_text()[-2000:]}"
        assert proc.returncode == -signal.SIGKILL

        assert integrity_problems(db_path) == [], f"after kill {run + 1}"
        committed = _committed(log_path)
        stored = _in_database(db_path)
        missing = {k: v for k, v in committed.items() if stored.get(k) != v}
        assert not missing, f"after kill {run + 1}: logged as committed but not stored: {missing}"
        seen_growth += len(committed) > previous
        previous = len(committed)

    report = maintenance.check(str(db_path))
    assert report["ok"], report["problems"][:5]
    elapsed = time.monotonic() - started
    # Most runs wrote after "ready", so the kills landed among writes (a loaded machine
    # may fit no whole call into the shortest delays).
    assert seen_growth >= KILLS // 2 and previous >= 2 * KILLS, (seen_growth, previous)
    assert report["cases"] >= previous
    print(f"\n{KILLS} kills, {previous} committed calls, {elapsed:.1f} s")

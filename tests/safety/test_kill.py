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


class Zygote:
    """The writer's parent process: imports once, forks a writer per run (kill_writer.py)."""

    def __init__(self, stderr: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.stderr = stderr
        with stderr.open("a") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(WRITER), "--zygote"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                cwd=ROOT,
                env=env,
            )
        self._expect("zygote")

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _expect(self, word: str) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith(word):
            self.close()
            pytest.fail(f"the writer said {line!r}: {self.stderr.read_text()[-2000:]}")
        return line.removeprefix(word).strip()

    def start(self, db_path: Path, log_path: Path, run: int) -> int:
        """A writer that has committed its first call; its pid."""
        self._send(f"run {db_path} {log_path} {run * 10_000}")
        pid = int(self._expect("pid"))
        self._expect("ready")
        return pid

    def reap(self, pid: int) -> int:
        """The signal that ended the writer, or -1 if it exited by itself."""
        self._send(f"reap {pid}")
        return int(self._expect("ended"))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def test_sigkill_never_damages_the_database_or_loses_a_committed_call(tmp_path: Path) -> None:
    db_path = tmp_path / "kill.sqlite3"
    log_path = tmp_path / "committed.log"
    stderr = tmp_path / "writer.stderr"
    open_database(db_path).dispose()  # create and migrate once, as the app's first start
    rng = random.Random(int(os.environ.get("MSCC_KILL_SEED", "20270327")))
    started = time.monotonic()
    seen_growth = 0
    previous = 0
    zygote = Zygote(stderr)
    try:
        for run in range(KILLS):
            pid = zygote.start(db_path, log_path, run)
            time.sleep(rng.uniform(*DELAY))
            os.kill(pid, signal.SIGKILL)
            ended_by = zygote.reap(pid)
            assert ended_by == signal.SIGKILL, (
                f"the writer died by itself: {stderr.read_text()[-2000:]}"
            )

            assert integrity_problems(db_path) == [], f"after kill {run + 1}"
            committed = _committed(log_path)
            stored = _in_database(db_path)
            missing = {k: v for k, v in committed.items() if stored.get(k) != v}
            assert not missing, f"after kill {run + 1}: logged, not stored: {missing}"
            seen_growth += len(committed) > previous
            previous = len(committed)

    finally:
        zygote.close()
    report = maintenance.check(str(db_path))
    assert report["ok"], report["problems"][:5]
    elapsed = time.monotonic() - started
    # Most runs wrote after "ready", so the kills landed among writes (a loaded machine
    # may fit no whole call into the shortest delays).
    assert seen_growth >= KILLS // 2 and previous >= 2 * KILLS, (seen_growth, previous)
    assert report["cases"] >= previous
    print(f"\n{KILLS} kills, {previous} committed calls, {elapsed:.1f} s")

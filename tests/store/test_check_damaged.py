"""`db check` of a file SQLite itself finds at fault reports only what SQLite found.

SQLite's checks run beside the rest of the check (store.integrity.inspect_database);
whatever the rest read or failed to read of a damaged file, the report holds only the
engine's findings, as it did when they ran first and alone.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store.engine import make_engine
from mscc_desk.store.integrity import inspect_database
from mscc_desk.store.opening import open_database
from mscc_desk.store.witness import witness_path
from tests.store.integrity_helpers import T0, fill


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    try:
        fill(db, FakeClock(T0))
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _inspect(path: Path) -> dict[str, object]:
    engine = make_engine(path)
    try:
        return inspect_database(engine, witness=witness_path(engine.url)).to_json()
    finally:
        engine.dispose()


def test_a_damaged_file_is_reported_by_sqlites_check_alone(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    good = path.read_bytes()
    page = 4096
    noise = random.Random(7).randbytes(len(good) - 2 * page)
    path.write_bytes(good[:page] + noise + good[len(good) - page :])
    report = _inspect(path)
    assert report["ok"] is False
    problems = report["problems"]
    assert isinstance(problems, list) and problems
    assert all(p.startswith("sqlite integrity_check: ") for p in problems), problems
    assert report["tampered_rows"] == {} and report["chain_head"] == {}


def test_a_broken_foreign_key_is_reported_alone(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    with sqlite3.connect(path) as conn:  # foreign keys are not enforced by default
        conn.execute("UPDATE deadline SET case_id = 999 WHERE id = 1")
    conn.close()
    report = _inspect(path)
    assert report["problems"] == ["foreign key broken: table deadline row 1 -> case"]
    assert report["tampered_rows"] == {} and report["chain_head"] == {}


def test_a_sound_file_is_checked_in_full(tmp_path: Path) -> None:
    report = _inspect(_filled(tmp_path))
    assert report["ok"] is True, report["problems"]
    assert report["audit_events"] and report["chain_head"]

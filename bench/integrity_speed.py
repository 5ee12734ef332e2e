"""What row digests and the witness cost: `record_call` and `db check` (not a test).

    .venv/bin/python bench/integrity_speed.py [--calls N] [--cases N] [--db URL]

1. `record_call` N times with the audit capture (row digests read back at commit, the
   witness written after it) and N times through a session factory without it, on the
   same kind of database, alternating so both see the same machine load; prints the
   median of each. The capture reads back a handful of rows and writes one small file.
2. `mscc-desk demo --cases N` then `db check` on it: the seconds each took (the target
   for the check is a minute at most for 20,000 cases).

A SQLite file in a temporary directory unless --db gives an empty PostgreSQL database
(its witness goes to the user data directory).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import sessionmaker

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import check_digit
from mscc_desk.store import maintenance
from mscc_desk.store.calls import record_call
from mscc_desk.store.demo import make_demo
from mscc_desk.store.engine import Database, open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)


def nhs(n: int) -> str:
    while True:
        first = f"999{n:06d}"
        digit = check_digit(first)
        if digit is not None:
            return first + str(digit)
        n += 1


def data(n: int) -> dict[str, Any]:
    return {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "pain": ["nocturnal"],
        "suspected_at": "2027-03-27T09:30:00+00:00",
        "patient": {
            "nhs_number": nhs(n * 10),
            "family_name": "Bench",
            "given_name": f"P{n}",
            "date_of_birth": "1950-02-01",
        },
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
        "management": {"dexamethasone": {"dose_mg": 16, "ppi": True}},
    }


def time_calls(target: str, calls: int) -> tuple[float, float]:
    db = open_database(target)
    bare = Database(db.engine, sessionmaker(db.engine, expire_on_commit=False), db.url)
    clock = FakeClock(T0)
    with_capture: list[float] = []
    without: list[float] = []
    try:
        for n in range(calls):
            for which, times in ((db, with_capture), (bare, without)):
                clock.advance(timedelta(seconds=1))
                started = time.perf_counter()
                record_call(which, data(2 * n + (which is bare)), user="bench", clock=clock)
                times.append(time.perf_counter() - started)
    finally:
        db.dispose()
    return statistics.median(with_capture), statistics.median(without)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--db", help="an empty PostgreSQL database URL (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mscc-integrity-bench-") as folder:
        calls_db = args.db or str(Path(folder) / "calls.sqlite3")
        captured, bare = time_calls(calls_db, args.calls)
        print(
            f"record_call median: {captured * 1000:.1f} ms with row digests and witness, "
            f"{bare * 1000:.1f} ms without ({args.calls} calls each)"
        )
        if args.db:
            return
        demo = str(Path(folder) / "demo.sqlite3")
        db = open_database(demo)
        try:
            started = time.perf_counter()
            make_demo(db, cases=args.cases, seed=1)
            print(f"demo: {args.cases} cases in {time.perf_counter() - started:.1f} s")
        finally:
            db.dispose()
        started = time.perf_counter()
        report = maintenance.check(demo)
        elapsed = time.perf_counter() - started
        print(f"db check: {elapsed:.1f} s, ok={report['ok']}, {report['audit_events']} events")


if __name__ == "__main__":
    main()

"""How soon does another desk hear of a change? 100 changes, SQLite and PostgreSQL.

One "desk" writes audited changes one at a time (a unit of work with its audit event,
as every write of the app is); a second desk's follower (`store.changes.follow`, the
feed the window and `mscc-desk watch` use, on its own `Database` and thread) hears each.
Latency is from the writer's commit returning to the follower's callback. The floor is
measured in the same run, on the same database: one read of the feed
(`changes_after`), the least a follower must do after being woken; the ratio says how
much of the latency is waiting to be woken (PostgreSQL: NOTIFY; SQLite: the
`PRAGMA data_version` poll every 0.5 s, so a median near 0.25 s is expected there;
PostgreSQL wakes the follower at the server's commit, before the writer's own commit
call has returned, so there the latency can be below one feed read).

Target (issue 15): every change on every desk within 2 s. Exits 1 if the maximum is
over it, or a change never arrived.

    .venv/bin/python bench/change_latency.py [--changes 100] [--pg URL | --no-pg]

Without --pg a throwaway PostgreSQL server is started (tests/pg.py), if one can be.
"""

from __future__ import annotations

import argparse
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from mscc_desk.store.audit import record_event
from mscc_desk.store.changes import (
    SQLITE_POLL_S,
    Change,
    changes_after,
    follow,
    latest_event_id,
)
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database

TARGET_MAX_S = 2.0
WAIT_S = 10.0


def measure(target: str, changes: int) -> dict[str, float]:
    writer, reader = open_database(target), open_database(target)
    heard: queue.Queue[tuple[Change, float]] = queue.Queue()
    stop = threading.Event()
    try:
        start_id = latest_event_id(reader)
        follower = threading.Thread(
            target=follow,
            args=(reader, stop, lambda batch: [heard.put((c, time.perf_counter())) for c in batch]),
            kwargs={"after_id": start_id},
            daemon=True,
        )
        follower.start()
        latencies: list[float] = []
        for n in range(changes):
            # Changes come when they come, not in step with the SQLite follower's poll.
            time.sleep(random.uniform(0, SQLITE_POLL_S))
            with writer.session() as session:
                record_event(session, at=datetime.now(UTC), action="bench.change", detail={"n": n})
            committed = time.perf_counter()
            change, arrived = heard.get(timeout=WAIT_S)
            if change.kind != "bench.change":
                raise RuntimeError(f"heard {change.kind}, expected bench.change")
            latencies.append(arrived - committed)
        floor = _floor(reader, start_id + changes - 1)  # warm, as the follower's reads are
    finally:
        stop.set()
        writer.dispose()
        reader.dispose()
    median = statistics.median(latencies)
    return {"median_s": median, "max_s": max(latencies), "floor_s": floor, "ratio": median / floor}


def _floor(db: Database, after: int) -> float:
    times = []
    for _ in range(50):
        began = time.perf_counter()
        changes_after(db, after)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database to use")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="mscc-bench-") as tmp:
        results["sqlite"] = measure(str(Path(tmp) / "bench.sqlite3"), args.changes)
    if args.pg:
        results["postgresql"] = measure(args.pg, args.changes)
    elif not args.no_pg:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.pg import PgUnavailable, start_server

        try:
            with start_server() as server:
                results["postgresql"] = measure(server.url, args.changes)
        except PgUnavailable as exc:
            print(f"postgresql: skipped ({exc})")
    failed = False
    for name, r in results.items():
        ok = r["max_s"] <= TARGET_MAX_S
        failed |= not ok
        print(
            f"{name:10s} {args.changes} changes: median {r['median_s'] * 1000:7.1f} ms, "
            f"max {r['max_s'] * 1000:7.1f} ms (target max {TARGET_MAX_S:.0f} s: "
            f"{'ok' if ok else 'MISSED'}); floor (one feed read) {r['floor_s'] * 1000:.2f} ms, "
            f"median/floor {r['ratio']:.1f}x"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""How long `mscc-desk imd import` takes for a full ONS Postcode Directory, and its memory
(not a test).

    .venv/bin/python bench/imd_import_speed.py [--postcodes 2700000] [--db URL]

Generates an ONSPD of N postcodes and an IoD 2019 File 1 (32,844 LSOAs) in the real
column layouts (tests/imd_files.py), then, in the same run and on the same files:

1. the floor: reading the directory with the csv module and normalising each postcode,
   writing nothing; the least any import of this file can cost on this machine now;
2. the import itself (`store.imd.import_lookup`) into a fresh SQLite file (or an empty
   PostgreSQL database with --db), with the peak resident memory of the process.

Prints the seconds of each and their ratio (the import's cost per row over reading it),
so the figure means the same on a busy two-core machine and a fast one.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mscc_desk.domain.postcode import normalise  # noqa: E402
from mscc_desk.store.imd import import_lookup  # noqa: E402
from mscc_desk.store.opening import open_database  # noqa: E402
from tests.imd_files import write_files  # noqa: E402

LSOAS_IN_ENGLAND = 32_844


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def floor_seconds(onspd: Path) -> float:
    started = time.perf_counter()
    with onspd.open(newline="", encoding="utf-8-sig") as stream:
        for row in csv.DictReader(stream):
            normalise(row["pcds"])
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postcodes", type=int, default=2_700_000)
    parser.add_argument("--db", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mscc-imd-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        onspd, iod = write_files(folder, args.postcodes, lsoas=LSOAS_IN_ENGLAND, welsh_every=20)
        made = time.perf_counter() - t0
        size = onspd.stat().st_size / 1e6
        db = open_database(args.db or folder / "imd.sqlite3")
        try:
            before = peak_mb()
            floor = floor_seconds(onspd)
            t0 = time.perf_counter()
            summary = import_lookup(db, onspd, iod, user="bench", now=datetime.now(UTC))
            took = time.perf_counter() - t0
            after = peak_mb()
        finally:
            db.dispose()
    print(
        f"ONSPD of {summary.postcode_rows:,} postcodes ({size:.0f} MB, made in {made:.0f} s), "
        f"{summary.postcodes:,} with an English decile: imported in {took:.1f} s; reading "
        f"and normalising alone {floor:.1f} s; ratio {took / floor:.1f}x the floor; peak "
        f"memory {after:.0f} MB ({after - before:+.0f} MB over the {before:.0f} MB before "
        "the import)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

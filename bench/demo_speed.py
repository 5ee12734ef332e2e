"""How long `make_demo` takes for 20,000 cases on a fresh SQLite file (not a test).

    .venv/bin/python bench/demo_speed.py [--cases N] [--seed S]

Prints the seconds taken (the target is well under a minute on two cores).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from mscc_desk.demo import make_demo
from mscc_desk.store.opening import open_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mscc-demo-bench-") as folder:
        db = open_database(Path(folder) / "demo.sqlite3")
        try:
            started = time.perf_counter()
            summary = make_demo(db, cases=args.cases, seed=args.seed)
            elapsed = time.perf_counter() - started
        finally:
            db.dispose()
    print(json.dumps(summary))
    print(f"make_demo: {args.cases} cases in {elapsed:.1f} s")


if __name__ == "__main__":
    main()

"""Child process of test_read_while_writing: hold a write transaction open.

Usage: hold_writer.py DB_PATH

Opens a write unit of work (on SQLite: BEGIN IMMEDIATE, so the write lock is held),
writes a setting, prints "holding" and keeps the transaction open until a line arrives
on stdin; then commits, prints "committed" and exits.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from mscc_desk.store.engine import open_database
from mscc_desk.store.settings import set_setting


def main(db_path: str) -> None:
    db = open_database(db_path)
    try:
        with db.session() as session:
            set_setting(session, "test.held", "by another process", datetime.now(UTC))
            session.flush()
            print("holding", flush=True)
            sys.stdin.readline()
        print("committed", flush=True)
    finally:
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1])

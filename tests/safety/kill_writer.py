"""Child process of test_kill: record calls through the core until it is killed.

Usage: kill_writer.py DB_PATH LOG_PATH START, or kill_writer.py --zygote.

A zygote imports the project once and then, for each `run DB_PATH LOG_PATH START` line
on its stdin, forks a writer (so each of the parent's fifty kills costs the writing
time, not a Python start-up); `reap PID` waits for that writer and prints how it ended.

After each `record_call` returns (its transaction committed), the case id and the
case's unique NHS number are appended to LOG_PATH and fsynced, so the parent knows
that everything in the log was committed before the SIGKILL. It prints "ready" once
the database is open, so the parent's random delay measures writing time, not start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.nhs_number import check_digit
from mscc_desk.store.calls import record_call
from mscc_desk.store.opening import open_database

CALL = {
    "cancer_status": "past_or_current",
    "pain": ["nocturnal"],
    "neuro": ["limb_weakness"],
    "suspected_at": "2027-03-27T09:30:00+00:00",
    "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234", "notes": "kill test"},
    "case": {"location": "ward", "advice_given": ["immobilise"]},
    "presentation": {"pain_score": 6, "power_left": 4},
}


def nhs_numbers(start: int) -> Iterator[str]:
    """Valid NHS numbers from the 999 test range, none shared with another child."""
    k = start
    while True:
        k += 1
        first_nine = f"999{k:06d}"
        check = check_digit(first_nine)
        if check is not None:
            yield first_nine + str(check)


def main(db_path: str, log_path: str, start: int) -> None:
    db = open_database(db_path)
    clock = FakeClock(datetime(2027, 3, 27, 10, 0, tzinfo=UTC))
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for count, number in enumerate(nhs_numbers(start)):
        clock.advance(timedelta(seconds=1))
        data = {
            **CALL,
            "patient": {
                "nhs_number": number,
                "hospital_number": f"K{number}",
                "family_name": "Test",
                "given_name": f"Kill{number[-4:]}",
                "date_of_birth": "1950-02-01",
            },
        }
        outcome = record_call(db, data, user="kill-writer", clock=clock)
        os.write(fd, f"{outcome.case_id} {number}\n".encode("ascii"))
        os.fsync(fd)
        if count == 0:
            # The first call pays the one-off costs (pathway file, mapper set-up); from
            # here on the parent's random delay is spent among steady writes.
            print("ready", flush=True)


def zygote() -> None:
    """Fork one writer per `run` line; report each writer's end on `reap`."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    print("zygote", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            pid = os.fork()
            if pid == 0:  # the writer: never returns, it is killed
                try:
                    main(args[0], args[1], int(args[2]))
                finally:
                    os._exit(1)
            print(f"pid {pid}", flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            signalled = os.WIFSIGNALED(status)
            print(f"ended {os.WTERMSIG(status) if signalled else -1}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        zygote()
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]))

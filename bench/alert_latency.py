"""How late do breach alerts arrive? 20 deadlines due within the next minute, real timing.

A real SQLite database in a temporary directory, cases recorded by `record_call`, the
real `AlertController` (APScheduler BackgroundScheduler) and a Qt event loop, offscreen.
Lateness is measured twice for each "breached" alert: when the row was written
(`raised_at - due_at`) and when the signal reached the GUI thread. Targets (DESIGN.md):
median < 0.5 s and maximum < 1 s. Exits 1 if a target is missed or an alert never came.

    .venv/bin/python bench/alert_latency.py [--count 20] [--window 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from mscc_desk.alerts.scheduler import AlertController  # noqa: E402
from mscc_desk.domain.clock import SystemClock  # noqa: E402
from mscc_desk.domain.deadlines import Stage  # noqa: E402
from mscc_desk.gui.context import DeskContext  # noqa: E402
from mscc_desk.store.alerts import RaisedAlert  # noqa: E402
from mscc_desk.store.calls import record_call  # noqa: E402
from mscc_desk.store.opening import open_database  # noqa: E402

MEDIAN_TARGET = 0.5
MAX_TARGET = 1.0


def call(suspected_at: datetime, n: int) -> dict[str, object]:
    return {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": suspected_at.isoformat(),
        "patient": {
            "family_name": f"Bench{n:02d}",
            "given_name": "Test",
            "date_of_birth": "1950-01-01",
        },
        "call": {"caller_name": "Bench", "caller_contact": "n/a"},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20, help="deadlines (default 20)")
    parser.add_argument(
        "--window", type=float, default=50.0, help="spread them over this many seconds"
    )
    parser.add_argument("--lead", type=float, default=8.0, help="seconds until the first")
    args = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="mscc-bench-") as tmp:
        db = open_database(Path(tmp) / "bench.sqlite3")
        first_due = datetime.now(UTC) + timedelta(seconds=args.lead)
        step = args.window / max(args.count - 1, 1)
        due_times = [first_due + timedelta(seconds=i * step) for i in range(args.count)]
        for n, due in enumerate(due_times):
            record_call(db, call(due - timedelta(hours=24), n), user="bench", clock=SystemClock())
        ready = datetime.now(UTC)
        if ready >= first_due:
            print(f"recording the cases took too long ({ready - first_due} past the first)")
            return 1

        ctx = DeskContext(db, user="bench", clock=SystemClock())
        controller = AlertController(ctx)
        breaches: dict[int, tuple[RaisedAlert, datetime]] = {}

        def on_raised(alerts: list[RaisedAlert]) -> None:
            arrived = datetime.now(UTC)
            for alert in alerts:
                if alert.stage is Stage.breached and not alert.repeat:
                    breaches[alert.deadline_id] = (alert, arrived)
            if len(breaches) == args.count:
                app.quit()

        controller.alerts_raised.connect(on_raised)
        deadline = (due_times[-1] - datetime.now(UTC)).total_seconds() + 10
        QTimer.singleShot(int(deadline * 1000), app.quit)
        controller.start()
        app.exec()
        controller.stop()
        leftover = AlertController.threads()
        db.dispose()

    if len(breaches) != args.count:
        print(f"only {len(breaches)} of {args.count} breaches arrived")
        return 1
    written = sorted((a.raised_at - a.due_at).total_seconds() for a, _ in breaches.values())
    shown = sorted((t - a.due_at).total_seconds() for a, t in breaches.values())
    print(f"{args.count} deadlines due over {args.window:.0f} s; lateness of the breach alert:")
    for name, values in (("row written", written), ("on GUI thread", shown)):
        print(
            f"  {name:14s} median {statistics.median(values) * 1000:7.1f} ms   "
            f"max {max(values) * 1000:7.1f} ms   min {min(values) * 1000:7.1f} ms"
        )
    print(f"  scheduler threads left after stop(): {len(leftover)}")
    ok = (
        statistics.median(shown) < MEDIAN_TARGET
        and max(shown) < MAX_TARGET
        and min(written) >= 0
        and not leftover
    )
    print(
        f"target median < {MEDIAN_TARGET} s, max < {MAX_TARGET} s, never early: "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

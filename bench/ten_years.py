"""Speed at ten years of history: every figure of the speed table, with its floor (not a test).

    .venv/bin/python bench/ten_years.py [--quick] [--pairs N] [--no-doc]   (`make bench`)

Each figure is measured at the scale the table names, on databases made by the demo
(`make_demo`, a fixed seed and a fixed clock) and kept in `bench/data/`, named by the
scale, the seed and the schema head, so a second run reuses them. A figure with a floor
is measured alternately with it, run by run, so both see the same load of this shared
machine; whole-process figures are timed from outside the process. Printed per figure:
the scale, the median, the spread (lowest to highest), the ratio to the floor, the
target and whether it is met. The same table, the machine, how to reproduce and the
profiles of the start-up and the heartbeat (cProfile) go to `docs/performance.md`.

Every part runs in a process of its own (`--part NAME`), so the figures do not share
imports, caches or Qt state: a part prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
DOC = ROOT / "docs" / "performance.md"
BEFORE = ROOT / "bench" / "before.md"
NOTES = ROOT / "bench" / "notes.md"
RESULTS = ROOT / "bench" / "out" / "ten_years.json"  # the last run, to write the doc again
SEED = 1
# The demo's clock: the history ends here. The heartbeat and the catch-up are measured
# some hours later (a desk closed overnight), the board at this instant.
NOW = datetime(2026, 11, 24, 20, 5, tzinfo=UTC)
CATCH_UP_AFTER = timedelta(hours=9)  # about 2,000 stages fall due at 2,000 open cases

BARE_WINDOW = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtGui import QStandardItemModel, QStandardItem
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication(sys.argv[:1])
model = QStandardItemModel(0, 9)
for r in range(40):
    model.appendRow([QStandardItem(f"{r}:{c}") for c in range(9)])
view = QTableView()
view.setModel(model)
view.resize(1280, 800)
view.show()
view.viewport().repaint()
print(round(time.perf_counter() - t0, 3))
"""


def env() -> dict[str, str]:
    """A private environment: offscreen Qt, data folders in the bench's temporary space."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("MSCC_DESK_")}
    scratch = Path(tempfile.gettempdir()) / "mscc-bench-home"
    out |= {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(scratch / "data"),
        "XDG_STATE_HOME": str(scratch / "state"),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return out


# --- the databases -----------------------------------------------------------------------


def head() -> str:
    from mscc_desk.store.engine import head_revision

    return head_revision()


def demo_file(cases: int, open_cases: int) -> Path:
    """The demo database of this scale, made once per seed and schema head."""
    path = DATA / f"demo-{cases}-{open_cases}-s{SEED}-{head()}.sqlite3"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    print(f"  making {path.name} (kept for later runs) ...", flush=True)
    made = _run_part("demo", "--cases", str(cases), "--open", str(open_cases), "--out", str(path))
    print(f"  made in {made['seconds']:.0f} s", flush=True)
    return path


@contextmanager
def copy_of(path: Path) -> Iterator[Path]:
    """A scratch copy (with its witness), for a measurement that writes."""
    with tempfile.TemporaryDirectory(prefix="mscc-bench-") as tmp:
        target = Path(tmp) / path.name
        shutil.copy(path, target)
        witness = path.with_name(path.name + ".witness")
        if witness.exists():
            shutil.copy(witness, target.with_name(target.name + ".witness"))
        yield target


# --- parts (each in its own process) -----------------------------------------------------


def part_demo(args: argparse.Namespace) -> dict[str, Any]:
    from mscc_desk.demo import make_demo
    from mscc_desk.domain.clock import FakeClock
    from mscc_desk.store.opening import open_database

    out = Path(args.out)
    for leftover in out.parent.glob(out.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    db = open_database(out)
    try:
        make_demo(db, cases=args.cases, seed=SEED, clock=FakeClock(NOW), open_cases=args.open)
    finally:
        db.dispose()
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def part_board(args: argparse.Namespace) -> dict[str, Any]:
    """The refresh after a change and the full reload (query + model + sort), the
    countdown tick and search as you type."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from mscc_desk.domain.clock import FakeClock
    from mscc_desk.domain.pathway import default_pathway
    from mscc_desk.gui.desk.board_model import BoardFilter, BoardModel, Column
    from mscc_desk.store.board_refresh import read_board
    from mscc_desk.store.cases import load_case, update_checklist_item
    from mscc_desk.store.opening import open_database

    app = QApplication(sys.argv[:1])
    db = open_database(args.db)
    clock = FakeClock(NOW)
    model = BoardModel(default_pathway(), clock, tick_ms=3_600_000)
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
    view.resize(1280, 800)
    view.show()
    app.processEvents()

    reload: list[float] = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        board = read_board(db, clock.now())
        model.set_rows(board.rows)
        proxy.index(0, 0)  # the sorted order is ready
        reload.append(time.perf_counter() - t0)
        app.processEvents()
    # After a change: a coordinator notes a checklist entry of one case (written through
    # the store, as the desk does, and not timed), then the board is brought up to date.
    refresh: list[float] = []
    cases = [r.case_id for r in board.rows]
    for i in range(args.reps):
        clock.advance(timedelta(seconds=20))
        case_id = cases[i * 97 % len(cases)]
        case = load_case(db, case_id, now=clock.now())
        update_checklist_item(
            db,
            case_id,
            case.checklist[0].key,
            note=f"rang the ward ({i})",
            user="demo.coordinator",
            now=clock.now(),
            expected_version=case.version,
        )
        t0 = time.perf_counter()
        board = read_board(db, clock.now(), board)
        model.set_rows(board.rows)
        proxy.index(0, 0)
        refresh.append(time.perf_counter() - t0)
        assert not board.full
        app.processEvents()
    tick: list[float] = []
    for _ in range(args.reps):
        clock.advance(timedelta(seconds=30))
        t0 = time.perf_counter()
        model.tick()
        proxy.index(0, 0)
        tick.append(time.perf_counter() - t0)
        app.processEvents()
    search: list[float] = []
    for _ in range(max(1, args.reps // 2)):
        for text in ("o", "ok", "oka", "okaf", ""):
            t0 = time.perf_counter()
            proxy.set_search(text)
            proxy.rowCount()
            search.append(time.perf_counter() - t0)
        app.processEvents()
    shown = proxy.rowCount()
    db.dispose()
    return {"refresh": refresh, "reload": reload, "tick": tick, "search": search, "rows": shown}


def part_alerts(args: argparse.Namespace) -> dict[str, Any]:
    """The catch-up of a night's backlog (statements counted), then heartbeats."""
    from sqlalchemy import event, func, select

    from mscc_desk.store import alerts
    from mscc_desk.store.models import Alert
    from mscc_desk.store.opening import open_database

    db = open_database(args.db)

    def alert_rows() -> int:
        with db.read_session() as session:
            return int(session.scalar(select(func.count()).select_from(Alert)) or 0)

    before = alert_rows()
    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    now = NOW + CATCH_UP_AFTER
    t0 = time.perf_counter()
    check = alerts.check_alerts(db, now)
    catch_up = time.perf_counter() - t0
    raised, made = len(check.raised), statements[0]
    stages = alert_rows() - before  # raised, and passed (a later stage was due already)
    check = alerts.check_alerts(db, now)  # the commit re-hashed the head: read once more
    steady: list[float] = []
    full: list[float] = []
    for i in range(args.reps):
        at = now + timedelta(seconds=1 + i)
        t0 = time.perf_counter()
        check = alerts.check_alerts(db, at, previous=check)
        steady.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        alerts.check_alerts(db, at)
        full.append(time.perf_counter() - t0)
    db.dispose()
    return {
        "catch_up": [catch_up],
        "raised": raised,
        "stages": stages,
        "statements": made,
        "heartbeat": steady,
        "full": full,
    }


def part_check(args: argparse.Namespace) -> dict[str, Any]:
    """`db check` and its floor, SQLite's integrity check alone, alternately."""
    from mscc_desk.store import maintenance
    from mscc_desk.store.backup import integrity_problems

    check: list[float] = []
    floor: list[float] = []
    ok = True
    for _ in range(args.reps):
        t0 = time.perf_counter()
        assert integrity_problems(Path(args.db)) == []
        floor.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = maintenance.check(args.db)
        check.append(time.perf_counter() - t0)
        ok = ok and bool(report["ok"])
    return {"check": check, "floor": floor, "ok": ok}


def part_profile_heartbeat(args: argparse.Namespace) -> dict[str, Any]:
    import cProfile

    from mscc_desk.store import alerts
    from mscc_desk.store.opening import open_database

    db = open_database(args.db)
    now = NOW + CATCH_UP_AFTER
    check = alerts.check_alerts(db, now)
    check = alerts.check_alerts(db, now)
    profile = cProfile.Profile()
    profile.enable()
    for i in range(5):
        alerts.check_alerts(db, now + timedelta(seconds=i))  # a full re-read
        check = alerts.check_alerts(db, now + timedelta(seconds=i), previous=check)
    profile.disable()
    db.dispose()
    return {"profile": _top(profile, 12)}


def _top(profile: Any, n: int) -> list[str]:
    """The top `n` entries by cumulative time of a profile (or a profile file)."""
    import io
    import pstats

    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(n * 4)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    plumbing = ("<frozen", "<string>", "builtins.exec", "builtins.__import__", "runpy")
    kept = [
        line.replace(str(ROOT) + "/", "").replace(sys.prefix, "<venv>")
        for line in lines[start + 1 :]
        if line and not any(p in line for p in plumbing)
    ]
    return [lines[start], *kept[:n]]


PARTS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "demo": part_demo,
    "board": part_board,
    "alerts": part_alerts,
    "check": part_check,
    "profile-heartbeat": part_profile_heartbeat,
}


def _run_part(name: str, *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--part", name, *args],
        capture_output=True,
        text=True,
        env=env(),
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"part {name} failed:\n{result.stderr}")
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env(), cwd=cwd, check=False)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def _timed_to_report(cmd: list[str], cwd: Path) -> float:
    """From launch until the process prints its first line: a painted window, for the desk
    (`gui --smoke` reports once the board is painted) and its floor alike. Closing the
    window and the interpreter's exit come after and are not start-up; the process must
    still exit cleanly."""
    t0 = time.perf_counter()
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), cwd=cwd
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.readline()
        elapsed = time.perf_counter() - t0
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed


# --- the table ---------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    scale: str
    runs: list[float]
    unit: str = "s"
    floor: list[float] = field(default_factory=list)
    floor_name: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def ratio(self) -> float | None:
        return self.median / statistics.median(self.floor) if self.floor else None

    def value(self, x: float) -> str:
        if self.unit == "ms":
            return f"{x * 1000:.1f} ms"
        if self.unit == "MB":
            return f"{x:.0f} MB"
        return f"{x:.2f} s"

    def cells(self) -> list[str]:
        spread = f"{self.value(min(self.runs))} – {self.value(max(self.runs))}"
        ratio = "" if self.ratio is None else f"{self.ratio:.1f}x"
        if self.floor:
            ratio += f" (floor {self.value(statistics.median(self.floor))})"
        met = "" if self.met is None else ("yes" if self.met else "NO")
        return [
            self.figure,
            self.scale,
            self.value(self.median),
            spread if len(self.runs) > 1 else "1 run",
            ratio or "—",
            self.target,
            met,
        ]


HEADER = ["figure", "scale", "median", "spread (low – high)", "ratio to floor", "target", "met?"]


def measure(pairs: int, quick: bool) -> tuple[list[Row], dict[str, list[str]]]:
    rows: list[Row] = []
    profiles: dict[str, list[str]] = {}
    # An installed desk runs from bytecode (pip and the bundle compile it); so does this,
    # or every start would compile the whole package first (PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "mscc_desk")], check=True)
    big = 20_000 if not quick else 4_000
    big_open = 2_000 if not quick else 400
    history = demo_file(big, big_open)
    hand = demo_file(10_000 if not quick else 2_000, 1_000 if not quick else 200)

    print("start-up to a painted board ...", flush=True)
    with copy_of(history) as db:
        app: list[float] = []
        bare: list[float] = []
        smoke = [sys.executable, "-m", "mscc_desk", "--db", str(db), "gui", "--smoke"]
        _timed(smoke, db.parent)  # once to warm the disk cache, not counted
        for _ in range(pairs):
            bare.append(_timed_to_report([sys.executable, "-c", BARE_WINDOW], db.parent))
            app.append(_timed_to_report(smoke, db.parent))
        row = Row(
            "start-up to painted board (`gui --smoke`, launch to its report)",
            f"{big:,} cases, {big_open:,} open",
            app,
            floor=bare,
            floor_name="bare PySide6 window with a QTableView",
            target="<= 4x floor",
        )
        row.met = row.ratio is not None and row.ratio <= 4
        rows.append(row)
        profiles["start-up"] = _profile_startup(db)

    print("board: refresh, countdown, search ...", flush=True)
    with copy_of(history) as db:
        board = _run_part("board", "--db", str(db), "--reps", str(max(7, pairs * 2)))
    scale = f"{big_open:,} open"
    for key, name, limit in (
        ("refresh", "board refresh after a change (query + model + sort)", 0.030),
        ("reload", "board full reload (F5; every minute, under the change feed)", 0.030),
        ("tick", "countdown tick", 0.005),
        ("search", "search as you type (per keystroke)", 0.010),
    ):
        row = Row(name, scale, board[key], unit="ms", target=f"<= {limit * 1000:.0f} ms")
        row.met = row.median <= limit
        rows.append(row)

    print("alerts: catch-up and heartbeat ...", flush=True)
    with copy_of(history) as db:
        alerts = _run_part("alerts", "--db", str(db), "--reps", str(max(7, pairs * 2)))
        profiles["heartbeat"] = _run_part("profile-heartbeat", "--db", str(db))["profile"]
    row = Row("alert heartbeat, nothing new since the last", scale, alerts["heartbeat"], unit="ms")
    row.target, row.met = "<= 50 ms", row.median <= 0.050
    rows.append(row)
    row = Row(
        "alert heartbeat after a change (every clock re-read)", scale, alerts["full"], unit="ms"
    )
    row.target, row.met = "<= 50 ms", row.median <= 0.050
    rows.append(row)
    row = Row(
        f"catch-up of {alerts['stages']:,} backlog alerts",
        scale,
        alerts["catch_up"],
        target="<= 1 s, batched",
        note=f"{alerts['raised']:,} raised, the rest passed; {alerts['statements']} SQL statements",
    )
    row.met = row.median <= 1.0
    rows.append(row)

    print("handover PDF ...", flush=True)
    hand_runs: list[float] = []
    for _ in range(max(3, pairs)):
        with copy_of(hand) as db:
            out = db.parent / "handover.pdf"
            cmd = [sys.executable, "-m", "mscc_desk", "--db", str(db), "handover"]
            cmd += ["--pdf", str(out), "--user", "demo.coordinator"]
            hand_runs.append(_timed(cmd, db.parent)[0])
    hand_open = 1_000 if not quick else 200
    row = Row("handover PDF (whole process)", f"{hand_open:,} open", hand_runs, target="<= 1.5 s")
    row.met = row.median <= 1.5
    rows.append(row)

    print("demo --cases 100000 ...", flush=True)
    cases = 100_000 if not quick else 10_000
    with tempfile.TemporaryDirectory(prefix="mscc-bench-demo-") as tmp:
        made = _run_part(
            "demo", "--cases", str(cases), "--open", "400", "--out", str(Path(tmp) / "d.sqlite3")
        )
        kept = DATA / f"demo-{cases}-400-s{SEED}-{head()}.sqlite3"
        if not kept.exists():
            for f in Path(tmp).glob("d.sqlite3*"):
                shutil.move(str(f), str(kept) + f.name.removeprefix("d.sqlite3"))
    row = Row("`demo` (time)", f"{cases:,} cases", [made["seconds"]], target="<= 60 s")
    row.met = made["seconds"] <= 60
    rows.append(row)
    row = Row("`demo` (peak memory)", f"{cases:,} cases", [made["peak_mb"]], unit="MB")
    row.target, row.met = "<= 500 MB", made["peak_mb"] <= 500
    rows.append(row)

    print("db check ...", flush=True)
    checked = _run_part("check", "--db", str(kept), "--reps", str(max(3, pairs // 2)))
    row = Row(
        "`db check`",
        f"{cases:,} cases",
        checked["check"],
        floor=checked["floor"],
        floor_name="PRAGMA integrity_check alone",
        target="<= 3x floor",
    )
    row.met = row.ratio is not None and row.ratio <= 3 and checked["ok"]
    rows.append(row)
    return rows, profiles


def _profile_startup(db: Path) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="mscc-bench-prof-") as tmp:
        out = Path(tmp) / "startup.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mscc_desk"]
        _timed([*cmd, "--db", str(db), "gui", "--smoke"], db.parent)
        return _top(str(out), 14)


# --- output ------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = row.cells()
        if row.note:
            cells[0] += f" ({row.note})"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    import sqlite3

    import PySide6
    import sqlalchemy

    return (
        f"{os.cpu_count()} cores ({cpu}), load average at the end {load}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def write_doc(
    rows: list[Row], profiles: dict[str, list[str]], pairs: int, on: str, at: str
) -> None:
    before = BEFORE.read_text() if BEFORE.exists() else ""
    parts = [
        "# Performance at ten years of history",
        "",
        "Written by `make bench` (`bench/ten_years.py`); do not edit it by hand: the notes",
        "come from `bench/notes.md` and the figures before this work from `bench/before.md`.",
        "",
        "## How to reproduce",
        "",
        "```",
        "make bench      # everything below: about 8 minutes here, more the first time",
        ".venv/bin/python bench/ten_years.py --quick --no-doc   # smaller scales, a smoke run",
        "```",
        "",
        "The databases are made by the demo (seed "
        f"{SEED}, clock {NOW.isoformat()}) and kept in `bench/data/`, named by scale, seed",
        "and schema head, so later runs reuse them. Figures with a floor are measured",
        f"alternately with it ({pairs} pairs of whole processes), so both see the same load.",
        "The catch-up and the heartbeats are measured "
        f"{CATCH_UP_AFTER.total_seconds() / 3600:.0f} h after the demo's clock (the desk",
        "closed overnight). Medians; the spread is the lowest and the highest run.",
        "",
        f"Measured {at} on: {on}.",
        "",
        "## Figures",
        "",
        table(rows),
        "",
    ]
    missed = [r for r in rows if r.met is False]
    if missed:
        parts += ["Not met on this run: " + "; ".join(r.figure for r in missed) + ".", ""]
    if NOTES.exists():
        parts += [NOTES.read_text().rstrip(), ""]
    parts += ["## Profiles after (cProfile, cumulative, top entries)", ""]
    for name, lines in profiles.items():
        parts += [f"### {name}", "", "```", *lines, "```", ""]
    if before:
        parts += [before.rstrip(), ""]
    DOC.write_text("\n".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS))
    parser.add_argument("--db")
    parser.add_argument("--out")
    parser.add_argument("--cases", type=int)
    parser.add_argument("--open", type=int)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--pairs", type=int, default=5, help="alternated runs per figure")
    parser.add_argument("--quick", action="store_true", help="smaller scales, for a smoke run")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/performance.md")
    parser.add_argument(
        "--doc-only", action="store_true", help="write the doc again from the last run"
    )
    args = parser.parse_args(argv)
    if args.part:
        print(json.dumps(PARTS[args.part](args)))
        return 0
    if args.doc_only:  # the notes were edited: the doc again from the last run's figures
        saved = json.loads(RESULTS.read_text())
        rows = [Row(**row) for row in saved["rows"]]
        write_doc(rows, saved["profiles"], saved["pairs"], saved["machine"], saved["at"])
        print(f"written: {DOC.relative_to(ROOT)}")
        return 0
    started = time.perf_counter()
    rows, profiles = measure(args.pairs, args.quick)
    print()
    print(table(rows))
    print(f"\n{len(rows)} figures in {time.perf_counter() - started:.0f} s")
    if not args.no_doc and not args.quick:
        at = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {
                    "rows": [asdict(row) for row in rows],
                    "profiles": profiles,
                    "pairs": args.pairs,
                    "machine": machine(),
                    "at": at,
                }
            )
        )
        write_doc(rows, profiles, args.pairs, machine(), at)
        print(f"written: {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

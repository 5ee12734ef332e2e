"""The bundle as a ward PC runs it: `python packaging/smoke.py dist/mscc-desk`.

Each program of the bundle is started as on a machine with no Python environment of the
project: an empty environment but a plain PATH and a new HOME (as `env -i` would give),
the window offscreen, in a folder outside the checkout, and with zoneinfo pointed at an
empty folder so the bundled tzdata must serve Europe/London (as on Windows, which has no
system time zone files). In that order it: prints the version, creates the database,
triages, records a call, checks the database, starts the desk (`gui --smoke`, with both
programs), prints the handover and reads its pages and footer, finds the version in the
log, and, where PostgreSQL can be started (always in CI), records a call into it.

A missing hidden import, plugin or data file fails here, before a ward PC sees it. Exits
1 naming the step that failed and what the program wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.pg and the record fixture, run from the venv

from pypdf import PdfReader  # noqa: E402

from mscc_desk.domain.pathway import default_pathway  # noqa: E402
from mscc_desk.store.engine import head_revision  # noqa: E402
from tests.cli.test_cli import record_input  # noqa: E402
from tests.pg import PgUnavailable, start_server  # noqa: E402

FACTS = {
    "cancer_status": "past_or_current",
    "neuro": ["limb_weakness"],
    "suspected_at": "2027-03-27T09:30:00+00:00",
}


class SmokeFailed(Exception):
    pass


class Bundle:
    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.home = home
        empty_tz = home / "no-zoneinfo"
        empty_tz.mkdir()
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONTZPATH": str(empty_tz),
        }

    def run(self, step: str, *args: str, program: str = "mscc-desk", **extra: str) -> str:
        started = time.monotonic()
        result = subprocess.run(
            [str(self.folder / program), *args],
            cwd=self.home,
            env=self.env | extra,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        took = time.monotonic() - started
        if result.returncode != 0 or "Traceback" in result.stderr:
            raise SmokeFailed(
                f"{step}: `{program} {' '.join(args)}` exited {result.returncode}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}"
            )
        print(f"ok   {step} ({took:.1f} s)")
        return result.stdout

    def json(self, step: str, *args: str, program: str = "mscc-desk", **extra: str) -> Any:
        out = self.run(step, *args, program=program, **extra).strip().splitlines()
        return json.loads(out[-1])


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailed(what)


def declared_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def smoke(folder: Path, home: Path) -> None:
    desk = Bundle(folder, home)
    version = declared_version()
    wanted = f"mscc-desk {version} (pathway {default_pathway().version})"
    shown = desk.run("version", "--version").strip()
    check(shown == wanted, f"--version printed {shown!r}, not {wanted!r}")

    made = desk.json("create the database", "db", "upgrade")
    check(made["revision"] == head_revision(), f"db upgrade reached {made['revision']}")
    default_db = home / ".local" / "share" / "mscc-desk" / "mscc.sqlite3"
    check(default_db.is_file(), f"no database at {default_db}")

    (home / "facts.json").write_text(json.dumps(FACTS), encoding="utf-8")
    triaged = desk.json("triage", "triage", "--json", "facts.json")
    check(triaged["category"] == "emergency", f"triage gave {triaged['category']}")

    call = record_input(neuro=["limb_weakness"])
    (home / "call.json").write_text(json.dumps(call), encoding="utf-8")
    recorded = desk.json("record a call", "record", "--json", "call.json")
    check(recorded["category"] == "emergency", f"record gave {recorded}")

    checked = desk.json("db check", "db", "check")
    check(checked["ok"] is True and checked["cases"] == 1, f"db check: {checked}")

    for program in ("mscc-desk", "mscc-desk-gui"):
        args = ("gui", "--smoke") if program == "mscc-desk" else ("--smoke",)
        started = desk.json(f"start the desk ({program})", *args, program=program)
        check(started["open_cases"] == 1, f"{program} gui --smoke: {started}")

    printed = desk.json("print the handover", "handover", "--pdf", "handover.pdf")
    pdf = home / "handover.pdf"
    pages = PdfReader(str(pdf)).pages
    check(len(pages) == printed["pages"] >= 1, f"handover.pdf has {len(pages)} pages")
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        check(f"MSCC Desk {version}" in text, f"page {number} of the handover lacks the version")
        check(f"Page {number} of {len(pages)}" in text, f"page {number} lacks its number")
    print(f"ok   the handover's {len(pages)} page(s) carry the version and the page number")

    audited = desk.json("the service audit report", "audit", "--pdf", "audit.pdf")
    report = PdfReader(str(home / "audit.pdf")).pages
    check(len(report) == audited["pages"] >= 1, f"audit.pdf has {len(report)} pages")
    text = " ".join(report[0].extract_text().split())
    check(f"MSCC Desk {version}" in text, "the audit report's first page lacks the version")
    print(f"ok   the audit report's {len(report)} page(s), charts drawn by the bundle's Qt")

    log = home / ".local" / "state" / "mscc-desk" / "log" / "mscc-desk.log"
    check(log.is_file(), f"no log at {log}")
    line = f"app.started version={version} bundle=true"
    check(line in log.read_text(encoding="utf-8"), f"the log lacks {line!r}")
    print("ok   the log names the version")


def smoke_postgresql(folder: Path, home: Path) -> None:
    """The shared database a trust points every PC at (MSCC_DESK_DB by group policy)."""
    try:
        server = start_server()
    except PgUnavailable as exc:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            raise SmokeFailed(f"PostgreSQL could not be started in CI: {exc}") from exc
        print(f"skip PostgreSQL: {exc}")
        return
    with server:
        url = server.new_database("smoke")
        desk = Bundle(folder, home)
        call = record_input(nhs="4010232137")
        (home / "pg-call.json").write_text(json.dumps(call), encoding="utf-8")
        recorded = desk.json(
            "record a call into PostgreSQL", "record", "--json", "pg-call.json", MSCC_DESK_DB=url
        )
        check(isinstance(recorded["case_id"], int), f"record on PostgreSQL: {recorded}")
        checked = desk.json("db check on PostgreSQL", "db", "check", MSCC_DESK_DB=url)
        check(checked["ok"] is True and checked["cases"] == 1, f"db check: {checked}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: smoke.py dist/mscc-desk", file=sys.stderr)
        return 2
    folder = Path(argv[1]).resolve()
    if not (folder / "mscc-desk").is_file():
        print(f"smoke: no bundle at {folder} (run `make bundle`)", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="mscc-smoke-") as tmp:
            home = Path(tmp) / "ward-pc"
            home.mkdir()
            smoke(folder, home)
        with tempfile.TemporaryDirectory(prefix="mscc-smoke-pg-") as tmp:
            smoke_postgresql(folder, Path(tmp))
    except SmokeFailed as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print("bundle smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""`mscc-desk audit` and `mscc-desk imd import` (CLI.md): the three outputs of the service
audit agree, bad input is one line and exit 2, and only roles that may read the audit
export it. In-process (`cli.main`), with one real process for the contract's summary."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mscc_desk import cli
from mscc_desk.store.auth import provision_user
from mscc_desk.store.engine import utcnow
from mscc_desk.store.opening import open_database
from tests.imd_files import decile_of, postcodes, write_files
from tests.store.test_service_audit_read import populate

MEASURES = (
    "mri_within_24h",
    "mri_and_plan_within_7d",
    "coordinator_assessed",
    "radiotherapy_within_24h_of_decision",
)
# The cases are made in March 2026 (tests/store/test_service_audit_read.py).
PERIOD = ["--from", "2026-03-01", "--to", "2026-03-31"]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "audit.sqlite3"
    for key in list(os.environ):
        if key.startswith("MSCC_DESK_") and key != "MSCC_DESK_STRICT_AUDIT":
            monkeypatch.delenv(key)
    monkeypatch.setenv("MSCC_DESK_DB", str(db))
    monkeypatch.setenv("MSCC_DESK_USER", "lead")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_summary_and_pdf_agree(env: Path, tmp_path: Path, capsys: Any) -> None:
    db = open_database(env)
    try:
        populate(db, 40)
    finally:
        db.dispose()
    code, out, err = run(capsys, "audit", "--summary", "--exact", *PERIOD)
    assert code == 0, err
    exact = json.loads(out)
    code, out, _ = run(capsys, "audit", "--summary", *PERIOD)
    shown = json.loads(out)
    code, out, err = run(capsys, "audit", "--csv", str(tmp_path / "a.csv"), *PERIOD)
    assert code == 0, err
    assert json.loads(out)["cases"] == 40
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel: BOM and CRLF
    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8-sig", newline="")))
    assert len(rows) == exact["period"]["cases"] == 40
    code, out, err = run(capsys, "audit", "--pdf", str(tmp_path / "a.pdf"), *PERIOD)
    assert code == 0, err
    text = _pdf_text(tmp_path / "a.pdf")

    for m in exact["measures"]:
        results = Counter(row[m["key"]] for row in rows)
        assert m["numerator"] == results["met"]
        assert m["denominator"] == results["met"] + results["not_met"]
    for q, group in exact["by_imd_quintile"].items():
        assert group["cases"] == sum(1 for row in rows if row["imd_quintile"] == q)
        for key in MEASURES:
            met = sum(1 for row in rows if row["imd_quintile"] == q and row[key] == "met")
            assert group["measures"][key]["numerator"] == met
    # The report shows what the summary for the alliance shows, measure by measure.
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for m in shown["measures"]:
        percent = "–" if m["percent"] is None else f"{m['percent']:.1f}%"
        assert any(
            line.endswith(f"{m['numerator']} {m['denominator']} {percent}") for line in lines
        ), m
    mri = next(m for m in exact["measures"] if m["key"] == "mri_within_24h")
    assert mri["denominator"] >= 5 and isinstance(shown["measures"][0]["denominator"], int)
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of" in text


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_bad_input_is_one_line_exit_2_and_writes_no_file(
    env: Path, tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "x.csv"
    for args, field in (
        (["audit", "--csv", str(out), "--from", "2026-02-30"], "--from"),
        (["audit", "--csv", str(out), "--from", "2026-05-01", "--to", "2026-04-01"], "--from"),
        (["audit", "--pdf", str(tmp_path / "no" / "x.pdf")], "--pdf"),
        (["audit", "--csv", str(tmp_path)], "--csv"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 2 and field in err and len(err.strip().splitlines()) == 1, err
    code, _, err = run(capsys, "audit", "--summary", "--csv", str(out))
    assert code == 2 and "not allowed with" in err
    assert not out.exists()


def test_only_coordinators_admins_and_managers_export_the_audit(
    env: Path, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(env)
    now = utcnow()
    try:
        provision_user(
            db, "admin", "Admin", "admin", "correct horse battery", now=now, os_user="t", actor=None
        )
        for name, role in (("lead", "manager"), ("reg", "registrar"), ("view", "viewer")):
            provision_user(
                db, name, name, role, "correct horse battery", now=now, os_user="t", actor="admin"
            )
    finally:
        db.dispose()
    monkeypatch.setattr(sys, "stdin", _Lines("correct horse battery"))
    code, out, err = run(capsys, "audit", "--summary", "--user", "lead", "--password-stdin")
    assert code == 0, err
    for name in ("reg", "view"):
        monkeypatch.setattr(sys, "stdin", _Lines("correct horse battery"))
        target = tmp_path / f"{name}.csv"
        code, _, err = run(
            capsys, "audit", "--csv", str(target), "--user", name, "--password-stdin"
        )
        assert code == 2 and "audit.read" in err and not target.exists(), err
    # The manager reads; the manager changes no clinical data.
    monkeypatch.setattr(sys, "stdin", _Lines("correct horse battery"))
    payload = tmp_path / "call.json"
    payload.write_text(json.dumps({"cancer_status": "none", "suspected_at": now.isoformat()}))
    code, _, err = run(
        capsys, "record", "--json", str(payload), "--user", "lead", "--password-stdin"
    )
    assert code == 2 and "case.write" in err


class _Lines:
    def __init__(self, *lines: str) -> None:
        self.lines = [f"{line}\n" for line in lines]

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""

    def read(self) -> str:
        text, self.lines = "".join(self.lines), []
        return text


def test_imd_import_then_record_fills_the_decile_from_the_postcode(
    env: Path, tmp_path: Path, capsys: Any
) -> None:
    onspd, iod = write_files(tmp_path, 200, lsoas=20)
    code, out, err = run(
        capsys, "imd", "import", "--postcodes", str(onspd), "--deprivation", str(iod)
    )
    assert code == 0, err
    assert json.loads(out)["postcodes"] == 200
    code, _, err = run(capsys, "imd", "import", "--postcodes", str(iod), "--deprivation", str(iod))
    assert code == 2 and "--postcodes" in err and "'pcds'" in err
    code, _, err = run(
        capsys,
        "imd",
        "import",
        "--postcodes",
        str(tmp_path / "none.csv"),
        "--deprivation",
        str(iod),
    )
    assert code == 2 and "does not exist" in err
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    code_of = list(postcodes(3))[2]  # row 2: LSOA 2
    data = {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": now.isoformat(),
        "patient": {
            "nhs_number": "9434765919",
            "family_name": "Okafor",
            "given_name": "Grace",
            "date_of_birth": "1950-02-01",
            "postcode": code_of.replace(" ", "").lower(),
        },
        "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
    }
    (tmp_path / "call.json").write_text(json.dumps(data))
    code, out, err = run(capsys, "record", "--json", str(tmp_path / "call.json"))
    assert code == 0, err
    result = json.loads(out)
    assert result["imd_decile"] == decile_of(2)
    assert result["imd_decile_from"] == "from postcode lookup, IoD 2019"
    # A decile typed is never replaced.
    data["patient"] |= {"nhs_number": "9990000018", "imd_decile": 9}
    (tmp_path / "call.json").write_text(json.dumps(data))
    code, out, err = run(capsys, "record", "--json", str(tmp_path / "call.json"))
    assert code == 0, err
    assert "imd_decile_from" not in json.loads(out)


def test_the_summary_from_a_real_process_has_the_contract_keys(env: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mscc_desk",
            "audit",
            "--summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["period"]["from"] == "2026-01-01" and summary["period"]["to"] == "2026-12-31"
    assert [m["key"] for m in summary["measures"]] == list(MEASURES)
    for m in summary["measures"]:
        assert {"key", "label", "ref", "numerator", "denominator", "percent"} <= set(m)
    assert set(summary["by_imd_quintile"]) == {"1", "2", "3", "4", "5", "unknown"}
    assert set(summary["by_imd_quintile"]["1"]) == {"cases", "measures"}

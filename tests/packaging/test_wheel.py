"""`pip install .` (not editable) gives a working desk: the wheel carries the pathway
file, the report styles and the Alembic environment, and its dependencies resolve.

The wheel is built from this checkout and installed with its dependencies into a fresh
venv (no site packages of this one; the pip cache makes that quick), then run from a
folder outside the checkout, so nothing can be read from the source tree. It takes about
a minute, so it is marked `packaging`: `make test` leaves it out and `make package-test`
(run by CI, .ci/run) runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.cli.test_cli import record_input

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
TRIAGE = {
    "cancer_status": "past_or_current",
    "neuro": ["limb_weakness"],
    "suspected_at": "2027-03-27T09:30:00+00:00",
}


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{args[:4]} exited {result.returncode}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its dependencies; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        cwd=tmp,
    )
    [wheel] = wheels.glob("mscc_desk-*.whl")
    venv.create(tmp / "venv", with_pip=True)
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp)
    return bin_dir


def desk_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MSCC_DESK_", "PYTHON"))}
    return env | {
        "MSCC_DESK_DB": str(tmp / "desk.sqlite3"),
        "MSCC_DESK_USER": "ward_it",
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_STATE_HOME": str(tmp / "state"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_the_installed_wheel_runs_from_outside_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    python, desk = str(installed / "python"), str(installed / "mscc-desk")
    env = desk_env(tmp_path)
    where = run([python, "-c", "import mscc_desk; print(mscc_desk.__file__)"], tmp_path, env)
    assert not Path(where.strip()).is_relative_to(ROOT), "imported from the checkout"
    # The wheel's dependencies bring the one Addons module the desk uses (the audit's
    # charts), and the service audit report draws them from the installed package.
    run([python, "-c", "from PySide6.QtCharts import QChart"], tmp_path, env)

    (tmp_path / "facts.json").write_text(json.dumps(TRIAGE))
    triaged = json.loads(run([desk, "triage", "--json", "facts.json"], tmp_path, env))
    assert triaged["category"] == "emergency"
    assert triaged["pathway_version"].startswith("ng234-")

    (tmp_path / "call.json").write_text(json.dumps(record_input(neuro=["limb_weakness"])))
    recorded = json.loads(run([desk, "record", "--json", "call.json"], tmp_path, env))
    assert recorded["category"] == "emergency"
    assert isinstance(recorded["case_id"], int)

    checked = json.loads(run([desk, "db", "check"], tmp_path, env))
    assert checked["ok"] is True and checked["cases"] == 1

    printed = json.loads(run([desk, "handover", "--pdf", "sheet.pdf"], tmp_path, env))
    assert printed["open_cases"] == 1 and printed["pages"] >= 1
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")

    smoke = json.loads(run([desk, "gui", "--smoke"], tmp_path, env).strip().splitlines()[-1])
    assert smoke["open_cases"] == 1

    report = json.loads(run([desk, "audit", "--pdf", "audit.pdf"], tmp_path, env))
    assert report["pages"] >= 1
    assert (tmp_path / "audit.pdf").read_bytes().startswith(b"%PDF")

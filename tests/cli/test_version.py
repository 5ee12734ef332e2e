"""`mscc-desk --version`: one number, pyproject.toml's, with the pathway's."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from mscc_desk.domain.pathway import default_pathway
from mscc_desk.version import app_version, version_line

ROOT = Path(__file__).resolve().parents[2]


def declared_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def test_the_installed_version_is_the_declared_one() -> None:
    assert app_version() == declared_version()
    assert version_line() == f"MSCC Desk {declared_version()}"


def test_version_flag_prints_the_version_and_the_pathway_and_opens_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "never.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "mscc_desk", "--db", str(db), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = f"mscc-desk {declared_version()} (pathway {default_pathway().version})"
    assert result.stdout == expected + "\n"
    assert result.stderr == ""
    assert not db.exists()

"""`mscc-desk gui --smoke` and the no-display message, through a real process.

A subprocess is the only honest test here: Qt without a display aborts the whole
process, which no in-process test could survive or see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mscc_desk import cli
from mscc_desk.gui import app
from tests.gui.desk_helpers import fake_clock, nhs, open_db, payload, record

ROOT = Path(__file__).resolve().parents[2]


def run_desk(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mscc_desk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSCC_DESK")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")  # never the real user's database
    return env


def test_smoke_prints_startup_time_and_open_cases(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    clock = fake_clock()
    for n in range(4):
        data = payload(f"Smoke{n}", "Test", nhs_number=nhs(500 + n), neuro=("limb_weakness",))
        record(db, clock, data)
    db.dispose()
    env = base_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    done = run_desk(["gui", "--smoke", "--db", str(tmp_path / "desk.sqlite3")], env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["open_cases"] == 4
    assert isinstance(report["startup_s"], float) and 0 < report["startup_s"] < 60


def test_smoke_on_a_new_database_creates_it_and_reports_none(tmp_path: Path) -> None:
    target = tmp_path / "new" / "desk.sqlite3"
    env = base_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    done = run_desk(["gui", "--smoke", "--db", str(target)], env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["open_cases"] == 0
    assert target.exists()


def test_without_a_display_one_clear_line_and_exit_1(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check applies to Linux desktops")
    for args in ([], ["gui"], ["gui", "--smoke"]):
        done = run_desk([*args, "--db", str(tmp_path / "desk.sqlite3")], env)
        assert done.returncode == 1, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "no display" in lines[0] and "--smoke" in lines[0]
        assert "Aborted" not in done.stderr and "core dumped" not in done.stderr
        assert done.stdout == ""
    assert not (tmp_path / "desk.sqlite3").exists()  # nothing opened without a window


def test_display_check_reads_the_environment() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    assert app.display_missing({})
    assert not app.display_missing({"DISPLAY": ":0"})
    assert not app.display_missing({"WAYLAND_DISPLAY": "wayland-0"})
    assert not app.display_missing({"QT_QPA_PLATFORM": "offscreen"})


def test_no_sub_command_and_gui_route_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str | None, bool]] = []

    def fake_run(db_target: str | None, smoke: bool) -> int:
        calls.append((db_target, smoke))
        return 7

    monkeypatch.setattr(app, "run", fake_run)
    assert cli.main([]) == 7
    assert cli.main(["--db", "x.sqlite3"]) == 7
    assert cli.main(["gui", "--smoke", "--db", "y.sqlite3"]) == 7
    assert calls == [(None, False), ("x.sqlite3", False), ("y.sqlite3", True)]


def test_missing_system_libraries_are_named_before_qt_aborts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mscc_desk.gui import app

    message = app.missing_libraries_message(["libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    assert "libxcb-icccm.so.4" in message
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message
    assert app._debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert app.debian_packages(["libEGL.so.1", "libX11-xcb.so.1", "libxcb-cursor.so.0"]) == [
        "libegl1",
        "libx11-xcb1",
        "libxcb-cursor0",
    ]
    # A library Qt opens by name (not linked, so ldd cannot see it) is asked of the loader.
    assert "libc.so.6" not in app.missing_system_libraries({"DISPLAY": ":0"})
    monkeypatch.setattr(app, "LOADED_AT_RUN_TIME", ("libc.so.6", "libmscc-no-such.so.0"))
    assert "libmscc-no-such.so.0" in app.missing_system_libraries({"DISPLAY": ":0"})
    assert "libc.so.6" not in app.missing_system_libraries({"DISPLAY": ":0"})
    # Not asked on a headless platform or under Wayland: the X11 plugin is not used.
    assert app.missing_system_libraries({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}) == []
    assert app.missing_system_libraries({"WAYLAND_DISPLAY": "wayland-0"}) == []

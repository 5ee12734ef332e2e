"""The ward PC's desk for these tests: the demo's 40 open cases on a 1366x768 screen.

Fixtures of their own folder, so the other window tests cannot trip over them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database
from tests.conftest import WARD_SCREEN
from tests.gui.ward_desk import Desk, make_demo_db, open_desk, wait_for_board


def ward_screen() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    if (area.width(), area.height()) != WARD_SCREEN:
        pytest.skip(f"not the ward screen of tests/screens/ward.json: {area}")
    return area


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_db(tmp_path_factory.mktemp("ward") / "demo.sqlite3")


@pytest.fixture
def db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "desk.sqlite3"
    shutil.copyfile(demo_file, copy)
    database = open_database(copy)
    yield database
    database.dispose()


@pytest.fixture
def desk(qtbot: QtBot, db: Database) -> Iterator[Desk]:
    ward_screen()
    opened = open_desk(db)
    qtbot.addWidget(opened.window)
    qtbot.waitExposed(opened.window)
    wait_for_board(opened)
    yield opened
    opened.close()

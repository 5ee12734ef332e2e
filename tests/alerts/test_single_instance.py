"""One desk per database and login on a PC: the second copy defers to the first.

Both "copies" live in this one process here; they meet only through the local socket,
exactly as two processes would. Each test uses its own login name so runs in parallel
(or a real desk open on this machine) cannot interfere.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from mscc_desk.alerts.single_instance import SingleInstance, server_name


@pytest.fixture
def login() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def made() -> Iterator[list[SingleInstance]]:
    instances: list[SingleInstance] = []
    yield instances
    for instance in instances:
        instance.close()


def instance(url: str, login: str, made: list[SingleInstance]) -> SingleInstance:
    one = SingleInstance(url, user=login)
    made.append(one)
    return one


def test_the_second_copy_is_not_primary_and_wakes_the_first(
    qtbot: QtBot, tmp_path: Path, login: str, made: list[SingleInstance]
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    first = instance(url, login, made)
    second = instance(url, login, made)
    assert first.name == second.name
    assert first.is_primary()
    assert not second.is_primary()
    assert first.is_primary()  # decided once; asking again does not change it
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.notify_primary()


def test_another_database_or_login_is_another_desk(
    tmp_path: Path, login: str, made: list[SingleInstance]
) -> None:
    one = instance(f"sqlite:///{tmp_path / 'a.sqlite3'}", login, made)
    other_db = instance(f"sqlite:///{tmp_path / 'b.sqlite3'}", login, made)
    other_login = instance(f"sqlite:///{tmp_path / 'a.sqlite3'}", login + "-2", made)
    assert one.is_primary()
    assert other_db.is_primary()
    assert other_login.is_primary()
    assert len({one.name, other_db.name, other_login.name}) == 3


def test_the_name_hides_the_url(login: str) -> None:
    name = server_name("postgresql://desk:s3cret@db.trust.nhs.uk/mscc", login)
    assert "s3cret" not in name and "nhs" not in name
    assert name.startswith("mscc-desk-") and len(name) < 60


def test_after_the_first_closes_a_new_copy_takes_over(
    qtbot: QtBot, tmp_path: Path, login: str, made: list[SingleInstance]
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    first = instance(url, login, made)
    assert first.is_primary()
    first.close()
    later = instance(url, login, made)
    assert later.is_primary()
    third = instance(url, login, made)
    assert not third.is_primary()
    with qtbot.waitSignal(later.activation_requested, timeout=3000):
        assert third.notify_primary()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="socket files are a Unix thing")
def test_a_crashed_copy_leaves_a_stale_socket_that_is_cleared(
    tmp_path: Path, login: str, made: list[SingleInstance]
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    name = server_name(url, login)
    path = os.path.join(QDir.tempPath(), name)
    # What a killed process leaves behind: a socket file with nobody listening.
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()
    assert os.path.exists(path)
    try:
        desk = instance(url, login, made)
        assert desk.is_primary()
        assert not instance(url, login, made).is_primary()
    finally:
        made[0].close()
        if os.path.exists(path):
            os.unlink(path)


def test_notifying_with_no_first_copy_says_so(login: str, tmp_path: Path) -> None:
    lonely = SingleInstance(f"sqlite:///{tmp_path / 'none.sqlite3'}", user=login)
    assert lonely.notify_primary() is False

"""Shared fixtures: an offscreen Qt platform, and databases of both supported kinds."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.pg import PgServer, PgUnavailable, start_server

# Before any Qt import (none of the imports above pulls Qt in; keep it that way):
# tests must run on machines without a display. The offscreen screen is a ward PC's,
# 1366x768, so every window is tried at the size it will meet (tests/screens/).
SCREENS = Path(__file__).resolve().parent / "screens"
WARD_SCREEN = (1366, 768)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREENS / 'ward.json'}"
# A write to patient data without an audit event fails its test instead of being given a
# generic event (store.audit_capture), so a new write path cannot forget its event.
os.environ.setdefault("MSCC_DESK_STRICT_AUDIT", "1")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


@contextmanager
def _running_server() -> Iterator[PgServer]:
    """A new server, stopped after; CI must test PostgreSQL, a laptop without it may skip."""
    try:
        server = start_server()
    except PgUnavailable as exc:
        reason = f"PostgreSQL test server unavailable: {exc}"
        if _in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server per run, shared by every test that only needs a fresh database."""
    with _running_server() as server:
        yield server


@pytest.fixture
def own_pg_server() -> Iterator[PgServer]:
    """A server of the test's own, for a test that stops it or changes its settings."""
    with _running_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.new_database(f"t_{uuid.uuid4().hex[:16]}")


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "mscc.sqlite3"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A plain file path for SQLite or a fresh PostgreSQL URL; the store accepts both."""
    if request.param == "sqlite":
        return str(tmp_path / "mscc.sqlite3")
    url: str = request.getfixturevalue("pg_url")
    return url

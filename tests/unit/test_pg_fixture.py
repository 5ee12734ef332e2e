"""The PostgreSQL fixture really starts a server and gives each test its own database."""

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tests.pg import PgServer

pytestmark = pytest.mark.postgres


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_select_one(pg_url: str) -> None:
    with psycopg.connect(_conninfo(pg_url)) as conn:
        assert conn.execute("select 1").fetchone() == (1,)


def test_sqlalchemy_accepts_the_url(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert (
                conn.execute(text("select current_database()")).scalar_one()
                == (pg_url.rsplit("/", 1)[1])
            )
    finally:
        engine.dispose()


def test_two_urls_are_different_databases(pg_url: str, pg_server: PgServer) -> None:
    other = pg_server.new_database("t_other_for_isolation")
    assert other != pg_url
    with psycopg.connect(_conninfo(pg_url)) as conn:
        conn.execute("create table marker (id int)")
    with psycopg.connect(_conninfo(other)) as conn:
        found = conn.execute("select to_regclass('public.marker')").fetchone()
        assert found == (None,)


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_starts_empty(pg_url: str, run: int) -> None:
    with psycopg.connect(_conninfo(pg_url)) as conn:
        tables = conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)
        conn.execute("create table leftover (run int)")

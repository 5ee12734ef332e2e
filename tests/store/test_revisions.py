"""The revisions read from the migration files agree with Alembic's own reading, and a
database's revision is read as Alembic reads it (start-up does without Alembic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from mscc_desk.store.engine import (
    NewerDatabaseError,
    alembic_config,
    check_revision,
    current_revision,
    head_revision,
    make_engine,
    migrate_connection,
)
from mscc_desk.store.revisions import head_of, known_revisions


def test_the_files_give_alembics_revisions_and_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    walked = {rev.revision: tuple(rev._all_down_revisions) for rev in script.walk_revisions()}
    assert known_revisions() == walked


def test_a_chain_with_two_heads_is_refused(tmp_path: Path) -> None:
    for name, revision, down in (("a", "1", None), ("b", "2", "1"), ("c", "3", "1")):
        (tmp_path / f"{name}.py").write_text(f"revision = {revision!r}\ndown_revision = {down!r}\n")
    revisions = known_revisions(tmp_path)
    assert revisions == {"1": (), "2": ("1",), "3": ("1",)}
    with pytest.raises(ValueError, match="2 heads"):
        head_of(revisions)


def test_a_databases_revision_is_read_as_alembic_reads_it(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite3")
    try:
        assert current_revision(engine) is None  # nothing yet
        with engine.begin() as conn:
            migrate_connection(conn, "0004")
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0004"
        assert current_revision(engine) == check_revision(engine) == "0004"
        with engine.begin() as conn:  # one written by a newer version: refused
            conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
        with pytest.raises(NewerDatabaseError):
            check_revision(engine)
    finally:
        engine.dispose()

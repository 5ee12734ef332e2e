"""A call typed while the database was away: kept on the PC, written once when it is back.

Runs on SQLite and on a real PostgreSQL server (`db_url`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import offline_drafts
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import close_case, load_case
from mscc_desk.store.drafts import load_draft, save_draft
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Call, Draft
from mscc_desk.store.opening import open_database
from tests.store.integrity_helpers import T0, call


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


def _count(db: Database, model: type[Call] | type[Draft]) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_call_saved_again_with_its_key_is_written_once(db: Database) -> None:
    """The commit happened, its answer was lost, the desk tries again: one call."""
    key = offline_drafts.new_key()
    clock = FakeClock(T0)
    first = record_call(db, call("9434765919"), user="coord", clock=clock, client_key=key)
    again = record_call(db, call("9434765919"), user="coord", clock=clock, client_key=key)
    assert not first.already_saved and again.already_saved
    assert (again.case_id, again.call_id) == (first.case_id, first.call_id)
    assert _count(db, Call) == 1


def test_a_draft_written_again_with_its_key_is_one_draft(db: Database) -> None:
    key = offline_drafts.new_key()
    kept = {"fields": {"call.caller_name": "Dr Patel"}}
    one = save_draft(db, None, kept, summary="x", user="coord", now=T0, client_key=key)
    two = save_draft(db, None, kept, summary="x", user="coord", now=T0, client_key=key)
    assert one == two and _count(db, Draft) == 1


def _kept(db: Database, record: dict[str, object] | None, case_id: int | None = None) -> Path:
    draft = offline_drafts.OfflineDraft(
        key=offline_drafts.new_key(),
        database=offline_drafts.database_name(db.url),
        user="coord",
        payload={"form": "intake", "fields": {"call.caller_name": "Dr Patel"}},
        summary="OKAFOR, Grace",
        case_id=case_id,
        draft_id=None,
        record=record,
    )
    return offline_drafts.keep(draft)


def test_a_kept_save_becomes_the_call_and_its_file_goes(db: Database) -> None:
    path = _kept(db, call("9434765919"))
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    (kept,) = offline_drafts.kept_for(db.url)
    written = offline_drafts.write_kept(db, kept, clock=FakeClock(T0))
    assert written.outcome is not None and written.draft_id is None
    assert not path.exists()
    assert _count(db, Call) == 1
    # The same file found again (a second desk start, a crash before it was removed):
    offline_drafts.keep(kept)
    assert offline_drafts.write_kept(db, kept, clock=FakeClock(T0)).outcome.already_saved  # type: ignore[union-attr]
    assert _count(db, Call) == 1


def test_a_kept_save_the_database_refuses_becomes_a_draft(db: Database) -> None:
    """The case was closed on another desk meanwhile: the typing is kept, not dropped."""
    clock = FakeClock(T0)
    case_id = record_call(db, call("9434765919"), user="coord", clock=clock).case_id
    close_case(
        db,
        case_id,
        reason="discharged",
        outcome="other",
        ambulatory_at_discharge="unknown",
        frankel_at_discharge=None,
        user="coord",
        now=clock.now(),
        expected_version=load_case(db, case_id, now=clock.now()).version,
    )
    _kept(db, call("9434765919"), case_id=case_id)
    (kept,) = offline_drafts.kept_for(db.url)
    written = offline_drafts.write_kept(db, kept, clock=clock)
    assert written.outcome is None and written.refused is not None
    assert written.draft_id is not None
    payload = load_draft(db, written.draft_id)
    assert payload is not None and payload["client_key"] == kept.key
    assert _count(db, Call) == 1


def test_drafts_kept_for_another_database_are_left_alone(db: Database, tmp_path: Path) -> None:
    _kept(db, None)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        assert offline_drafts.kept_for(other.url) == []
    finally:
        other.dispose()
    assert len(offline_drafts.kept_for(db.url)) == 1

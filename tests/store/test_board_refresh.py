"""The board's refresh after a change re-reads only what the change touched, and shows
exactly what a full read would: after every kind of write the desk makes, on SQLite and
PostgreSQL, and it falls back to a full read whenever the chain cannot say what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts
from mscc_desk.store.board import BoardRow
from mscc_desk.store.board_refresh import MOST_EVENTS, BoardRead, read_board
from mscc_desk.store.cases import (
    add_note,
    clear_override,
    close_case,
    load_case,
    reopen_case,
    update_checklist_item,
)
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Deadline
from mscc_desk.store.opening import open_database
from tests.gui.desk_helpers import NOW, nhs, payload, record


@pytest.fixture
def any_db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def by_case(rows: list[BoardRow]) -> dict[int, BoardRow]:
    return {r.case_id: r for r in rows}


def version(db: Database, case_id: int, clock: FakeClock) -> int:
    return load_case(db, case_id, now=clock.now()).version


def refreshed(db: Database, clock: FakeClock, before: BoardRead) -> BoardRead:
    """The refresh after a change, checked against a full read at the same instant."""
    after = read_board(db, clock.now(), before)
    full = read_board(db, clock.now())
    assert full.full
    assert by_case(after.rows) == by_case(full.rows)
    assert len(after.rows) == len(full.rows)
    assert after.through == full.through
    return after


def test_every_kind_of_write_refreshes_to_what_a_full_read_shows(
    any_db: Database, clock: FakeClock
) -> None:
    db = any_db
    clock.set(NOW)
    jones = record(db, clock, payload("Jones", "Mary", nhs_number=nhs(1), pain=("nocturnal",)))
    smith = record(db, clock, payload("Smith", "Ann", nhs_number=nhs(2), neuro=("limb_weakness",)))
    board = read_board(db, clock.now())
    assert board.full and set(by_case(board.rows)) == {jones, smith}

    writes: list[tuple[str, Callable[[], object]]] = [
        (
            "a new call",
            lambda: record(db, clock, payload("Brown", "Peter", neuro=("sensory_change",))),
        ),
        (
            "a follow-up that escalates",
            lambda: record(
                db,
                clock,
                payload("Jones", "Mary", nhs_number=nhs(1), neuro=("limb_weakness",)),
                case_id=jones,
            ),
        ),
        (
            "a checklist tick",
            lambda: update_checklist_item(
                db,
                smith,
                "analgesia",
                data={"analgesia": "paracetamol 1 g"},
                user="coord",
                now=clock.now(),
                expected_version=version(db, smith, clock),
            ),
        ),
        ("a note", lambda: add_note(db, smith, "spoke to the ward", "coord", clock.now())),
        ("alerts raised a day on", lambda: alerts.raise_alerts(db, clock.now())),
        (
            "a clock met",
            lambda: alerts.meet_deadline(
                db,
                first_clock(db, smith),
                clock.now() - timedelta(minutes=5),
                "coord",
                clock.now(),
            ),
        ),
        (
            "an override",
            lambda: record(
                db,
                clock,
                payload("Smith", "Ann", nhs_number=nhs(2), override="emergency"),
                case_id=smith,
            ),
        ),
        (
            "an override cleared",
            lambda: clear_override(
                db,
                smith,
                "facts reviewed",
                "coord",
                clock.now(),
                version(db, smith, clock),
            ),
        ),
        (
            "a case closed",
            lambda: close_case(
                db,
                jones,
                reason="treated",
                outcome="other",
                ambulatory_at_discharge="unknown",
                frankel_at_discharge=None,
                user="coord",
                now=clock.now(),
                expected_version=version(db, jones, clock),
            ),
        ),
        (
            "a case reopened",
            lambda: reopen_case(
                db, jones, "new pain", "coord", clock.now(), version(db, jones, clock)
            ),
        ),
    ]
    for what, write in writes:
        clock.advance(timedelta(hours=13) if what.startswith("alerts") else timedelta(minutes=7))
        write()
        board = refreshed(db, clock, board)
        assert not board.full, f"{what}: a full read where the chain says what changed"
    assert jones in by_case(board.rows)  # reopened: back on the board


def first_clock(db: Database, case_id: int) -> int:
    with db.read_session() as session:
        found = session.scalars(
            select(Deadline.id)
            .where(Deadline.case_id == case_id, Deadline.met_at.is_(None))
            .order_by(Deadline.id)
        ).first()
    assert found is not None
    return found


def test_time_alone_marks_a_clock_breached_as_a_full_read_would(
    any_db: Database, clock: FakeClock
) -> None:
    clock.set(NOW)
    case = record(any_db, clock, payload("Smith", "Ann", neuro=("limb_weakness",)))
    board = read_board(any_db, clock.now())
    assert not by_case(board.rows)[case].breached
    clock.advance(timedelta(hours=25))  # the 24-hour MRI clock has passed; nothing written
    board = refreshed(any_db, clock, board)
    assert by_case(board.rows)[case].breached


def test_a_new_day_and_a_rewritten_chain_read_everything(
    any_db: Database, clock: FakeClock
) -> None:
    clock.set(NOW)
    record(any_db, clock, payload("Smith", "Ann", neuro=("limb_weakness",)))
    board = read_board(any_db, clock.now())
    clock.advance(timedelta(days=1))  # every age is worked out again at a new London day
    assert read_board(any_db, clock.now(), board).full
    board = read_board(any_db, clock.now())
    assert board.through is not None
    # The event the board was current to is not the one in the chain any more (a restore
    # of another history, a rewrite): nothing after it can be trusted to say what changed.
    with any_db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_event SET hash = 'elsewhere' WHERE id = :id"),
            {"id": board.through[0]},
        )
    assert read_board(any_db, clock.now(), board).full


def test_more_events_than_a_refresh_is_for_read_everything(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = open_database(tmp_path / "desk.sqlite3")
    try:
        clock.set(NOW)
        case = record(db, clock, payload("Smith", "Ann", neuro=("limb_weakness",)))
        board = read_board(db, clock.now())
        for _ in range(MOST_EVENTS + 1):
            add_note(db, case, "still waiting", "coord", clock.now())
        after = read_board(db, clock.now(), board)
        assert after.full
        assert by_case(after.rows) == by_case(read_board(db, clock.now()).rows)
    finally:
        db.dispose()


def test_a_write_outside_the_app_shows_at_the_next_full_read(
    any_db: Database, clock: FakeClock
) -> None:
    """Not in the chain, so not in a refresh: the desk's reload every minute (and F5)
    reads everything, and `db check` names the row as changed behind the app's back."""
    clock.set(NOW)
    case = record(any_db, clock, payload("Smith", "Ann", neuro=("limb_weakness",)))
    board = read_board(any_db, clock.now())
    with any_db.engine.begin() as conn:
        conn.execute(text("UPDATE \"case\" SET location = 'hospice' WHERE id = :id"), {"id": case})
    assert by_case(read_board(any_db, clock.now(), board).rows)[case].location != "Hospice"
    assert by_case(read_board(any_db, clock.now()).rows)[case].location == "Hospice"

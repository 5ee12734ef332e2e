"""The case board: the query (store/board.py), the model, its countdown and its filter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, update

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.deadlines import Stage
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.gui.desk.board_model import (
    CASE_ID_ROLE,
    SORT_ROLE,
    BoardFilter,
    BoardModel,
    Column,
)
from mscc_desk.store.board import location_text, read_open_cases
from mscc_desk.store.board_refresh import read_board
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Case, ChecklistItem
from tests.gui.desk_helpers import NOW, fake_clock, nhs, open_db, payload, record, three_cases


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return fake_clock()


def by_name(rows: list[Any]) -> dict[str, Any]:
    return {r.patient_name: r for r in rows}


# --- the query ---------------------------------------------------------------------


def test_open_cases_gives_what_the_board_shows(db: Database, clock: FakeClock) -> None:
    ids = three_cases(db, clock)
    rows = by_name(read_board(db, NOW).rows)
    smith = rows["SMITH, Ann"]
    assert smith.case_id == ids["smith"]
    assert smith.nhs_number == "9434765919"
    assert smith.hospital_number == "RX1 234"
    assert smith.age == 77
    assert smith.location == "Ward 7, St Aidan's"
    assert smith.category == "emergency" and not smith.category_overridden
    assert smith.next_deadline is not None
    assert smith.next_deadline.key == "mri"
    assert smith.next_deadline.due_at == NOW + timedelta(hours=24)
    assert smith.checklist_total > 0 and smith.checklist_done == 0
    assert smith.last_activity == NOW
    assert not smith.breached
    jones = rows["JONES, Mary"]
    assert jones.category == "urgent_advice"
    assert jones.next_deadline is not None
    assert jones.next_deadline.key == "coordinator_advice"  # the earlier of its two clocks
    assert jones.location == "Home"
    brown = rows["BROWN, Peter"]
    assert brown.nhs_number is None and brown.next_deadline is None


def test_breach_and_age_are_computed_at_the_given_instant(db: Database, clock: FakeClock) -> None:
    three_cases(db, clock)
    later = NOW + timedelta(hours=25)
    rows = by_name(read_board(db, later).rows)
    assert rows["SMITH, Ann"].breached
    assert rows["JONES, Mary"].breached
    assert not rows["BROWN, Peter"].breached
    # Born 30 Sep 1965: 61 on the day before the birthday, 62 on it (London calendar).
    assert (
        by_name(read_board(db, NOW.replace(year=2027, month=9, day=29)).rows)["BROWN, Peter"].age
        == 61
    )
    assert (
        by_name(read_board(db, NOW.replace(year=2027, month=9, day=30)).rows)["BROWN, Peter"].age
        == 62
    )


def test_closed_cases_are_not_on_the_board(db: Database, clock: FakeClock) -> None:
    ids = three_cases(db, clock)
    with db.session() as session:
        session.execute(update(Case).where(Case.id == ids["brown"]).values(status="closed"))
    names = {r.patient_name for r in read_board(db, NOW).rows}
    assert names == {"SMITH, Ann", "JONES, Mary"}


def test_override_is_the_effective_category(db: Database, clock: FakeClock) -> None:
    record(db, clock, payload("Green", "Li", pain=("nocturnal",), override="emergency"))
    (row,) = read_board(db, NOW).rows
    assert row.category == "emergency"
    assert row.category_overridden


def test_last_activity_follows_calls_and_checklist(db: Database, clock: FakeClock) -> None:
    ids = three_cases(db, clock)
    clock.set(NOW + timedelta(hours=3))
    record(db, clock, payload("Smith", "Ann", nhs_number="9434765919"), case_id=ids["smith"])
    assert by_name(read_board(db, clock.now()).rows)["SMITH, Ann"].last_activity == NOW + timedelta(
        hours=3
    )
    ticked = NOW + timedelta(hours=5)
    with db.session() as session:
        session.execute(
            update(ChecklistItem)
            .where(ChecklistItem.case_id == ids["jones"])
            .values(state="done", updated_at=ticked)
        )
    jones = by_name(read_board(db, ticked).rows)["JONES, Mary"]
    assert jones.last_activity == ticked
    assert jones.checklist_done == jones.checklist_total


def test_the_board_is_a_few_queries_whatever_the_number_of_cases(
    db: Database, clock: FakeClock
) -> None:
    """No query per case: 30 cases cost what 3 cost."""
    for n in range(30):
        data = payload(f"Case{n}", "Test", nhs_number=nhs(100 + n), neuro=("gait_disturbance",))
        record(db, clock, data)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # Queries only: BEGIN and the PRAGMA that makes a read transaction read-only are
        # transaction control, the same whatever the number of cases.
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.read_session() as session:
            rows = read_open_cases(session, NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 30
    assert len(statements) <= 4, statements


def test_location_text_drops_repeated_words() -> None:
    assert location_text("ward", "Ward 3 (haematology)") == "Ward 3 (haematology)"
    assert location_text("emergency_department", "Kingsmead") == "ED: Kingsmead"
    assert location_text("home", None) == "Home"
    assert location_text(None, None) == ""


def make_model(db: Database, clock: FakeClock, qtbot: QtBot) -> tuple[BoardModel, BoardFilter]:
    model = BoardModel(default_pathway(), clock, tick_ms=60_000)
    model.set_rows(read_board(db, clock.now()).rows)
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    return model, proxy


def row_of(model: BoardModel, name: str) -> int:
    for r in range(model.rowCount()):
        if model.index(r, Column.PATIENT).data() == name:
            return r
    raise AssertionError(f"{name} is not on the board")


def test_model_shows_formatted_nhs_category_and_countdown(
    db: Database, clock: FakeClock, qtbot: QtBot
) -> None:
    three_cases(db, clock)
    model, _ = make_model(db, clock, qtbot)
    r = row_of(model, "SMITH, Ann")
    cell = lambda col: model.index(r, col).data()  # noqa: E731
    assert cell(Column.NHS) == "943 476 5919"
    assert cell(Column.AGE) == "77"
    assert cell(Column.CATEGORY) == "EMERGENCY"
    assert model.index(r, Column.CATEGORY).data(Qt.ItemDataRole.DecorationRole) is not None
    assert cell(Column.NEXT_DEADLINE) == "MRI within 24 h · Sun 28 Mar 10:30 BST"
    assert cell(Column.TIME_LEFT) == "24 h 00 min left"
    assert cell(Column.CHECKLIST).startswith("0/")
    assert model.index(r, Column.PATIENT).data(CASE_ID_ROLE) > 0
    brown = row_of(model, "BROWN, Peter")
    assert model.index(brown, Column.NHS).data() == "not known"
    assert model.index(brown, Column.TIME_LEFT).data() == "—"


def test_countdown_repaints_only_its_column_and_says_overdue(
    db: Database, clock: FakeClock, qtbot: QtBot
) -> None:
    three_cases(db, clock)
    model, _ = make_model(db, clock, qtbot)
    r = row_of(model, "SMITH, Ann")
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.column(), b.column())))
    clock.advance(timedelta(hours=21))
    model.tick()
    assert changed == [(Column.TIME_LEFT, Column.TIME_LEFT)]
    assert model.index(r, Column.TIME_LEFT).data() == "DUE SOON 3 h 00 min"
    clock.advance(timedelta(hours=2, minutes=30))
    model.tick()
    assert model.index(r, Column.TIME_LEFT).data() == "IMMINENT 30 min"
    # The desk's lead times are a setting: the board follows them as the alerts do.
    model.set_leads({Stage.due_soon: timedelta(hours=6), Stage.imminent: timedelta(minutes=20)})
    model.tick()
    assert model.index(r, Column.TIME_LEFT).data() == "DUE SOON 30 min"
    clock.advance(timedelta(hours=1, minutes=33))
    model.tick()
    assert model.index(r, Column.TIME_LEFT).data() == "OVERDUE 1 h 03 min"
    assert model.index(r, Column.TIME_LEFT).data(Qt.ItemDataRole.FontRole).bold()
    assert model.overdue_count() == 2  # Smith, and Jones whose clock started 2 h earlier


def test_sort_keys_are_values_not_text(db: Database, clock: FakeClock, qtbot: QtBot) -> None:
    three_cases(db, clock)
    model, proxy = make_model(db, clock, qtbot)
    r = row_of(model, "SMITH, Ann")
    assert model.index(r, Column.AGE).data(SORT_ROLE) == 77
    assert isinstance(model.index(r, Column.TIME_LEFT).data(SORT_ROLE), float)
    assert model.index(r, Column.CATEGORY).data(SORT_ROLE) == 1  # the pathway's rank

    def names() -> list[str]:
        return [proxy.index(i, Column.PATIENT).data() for i in range(proxy.rowCount())]

    proxy.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    assert names() == ["JONES, Mary", "BROWN, Peter", "SMITH, Ann"]
    proxy.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert names() == ["SMITH, Ann", "BROWN, Peter", "JONES, Mary"]
    proxy.sort(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
    assert names() == ["JONES, Mary", "SMITH, Ann", "BROWN, Peter"]  # no clock sorts last
    proxy.sort(Column.CATEGORY, Qt.SortOrder.AscendingOrder)
    assert names() == ["SMITH, Ann", "JONES, Mary", "BROWN, Peter"]


def test_sorting_keeps_a_selected_row_on_its_case_and_the_tick_reorders_nothing(
    db: Database, clock: FakeClock, qtbot: QtBot
) -> None:
    """The rows are sorted in the model over keys worked out as they arrive: a selection
    (a persistent index) follows its case through a sort, a refresh keeps the order, and
    the countdown tick changes no sort key, so the order stays as it was."""
    from PySide6.QtCore import QPersistentModelIndex

    three_cases(db, clock)
    model, proxy = make_model(db, clock, qtbot)

    def names() -> list[str]:
        return [proxy.index(i, Column.PATIENT).data() for i in range(proxy.rowCount())]

    proxy.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    smith = proxy.row_of_case(proxy.case_id_at(names().index("SMITH, Ann")))
    assert smith is not None
    held = QPersistentModelIndex(proxy.index(smith, Column.PATIENT))
    proxy.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert names()[0] == "SMITH, Ann"
    assert held.row() == 0 and held.data() == "SMITH, Ann"
    order = names()
    model.set_rows(read_board(db, clock.now()).rows)  # a refresh: sorted as it was
    assert names() == order
    clock.advance(timedelta(hours=3))
    model.tick()
    assert names() == order
    case_id = proxy.case_id_at(0)
    proxy.set_search("jones")
    assert names() == ["JONES, Mary"]
    assert proxy.row_of_case(case_id) is None  # filtered out: not shown
    assert proxy.row_of_case(proxy.case_id_at(0)) == 0


def test_filter_by_category_and_search(db: Database, clock: FakeClock, qtbot: QtBot) -> None:
    three_cases(db, clock)
    _, proxy = make_model(db, clock, qtbot)

    def names() -> set[str]:
        return {proxy.index(i, Column.PATIENT).data() for i in range(proxy.rowCount())}

    proxy.set_category("emergency")
    assert names() == {"SMITH, Ann"}
    proxy.set_category(None)
    assert len(names()) == 3
    for typed in ("943 476 5919", "9434765919", "943476", "476 59"):
        proxy.set_search(typed)
        assert names() == {"SMITH, Ann"}, typed
    proxy.set_search("smith")
    assert names() == {"SMITH, Ann"}
    proxy.set_search("ann smith")
    assert names() == {"SMITH, Ann"}
    proxy.set_search("Mary")
    assert names() == {"JONES, Mary"}
    proxy.set_search("rx1234")
    assert names() == {"SMITH, Ann"}
    proxy.set_search("nobody")
    assert names() == set()
    proxy.set_search("")
    proxy.set_category("urgent_advice")
    assert names() == {"JONES, Mary"}

"""The change feed: what one desk writes, another desk's follower hears (store.changes).

Runs on SQLite (PRAGMA data_version) and on a real PostgreSQL server (LISTEN/NOTIFY).
Each "desk" is its own `Database` on the same target, as two PCs would have.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store import alerts
from mscc_desk.store.audit import record_event
from mscc_desk.store.calls import record_call
from mscc_desk.store.changes import Change, Link, backoff_s, follow
from mscc_desk.store.engine import Database
from mscc_desk.store.handover import HANDOVER_ACTION, record_handover
from mscc_desk.store.opening import open_database
from tests.pg import PgServer
from tests.store.integrity_helpers import T0, call

WAIT_S = 30  # how long a test waits for what must come; never a measure of speed


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


class Follower:
    """`follow` on a thread, as the desk runs it; what it hears goes into queues."""

    def __init__(self, db: Database) -> None:
        self.changes: queue.Queue[Change] = queue.Queue()
        self.links: queue.Queue[Link] = queue.Queue()
        self.stop = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(
            target=follow,
            args=(db, self.stop, self._heard, self._link),
            kwargs={"after_id": 0},
            daemon=True,
        )
        self._thread.start()

    def _heard(self, batch: list[Change]) -> None:
        for change in batch:
            self.changes.put(change)

    def _link(self, link: Link) -> None:
        self.links.put(link)

    def next_of(self, kind: str) -> Change:
        while True:
            change = self.changes.get(timeout=WAIT_S)
            if change.kind == kind:
                return change

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=WAIT_S)
        assert not self._thread.is_alive()


@pytest.fixture
def desks(db_url: str) -> Iterator[tuple[Database, Database]]:
    a, b = open_database(db_url), open_database(db_url)
    try:
        yield a, b
    finally:
        a.dispose()
        b.dispose()


def test_what_one_desk_writes_the_other_hears(desks: tuple[Database, Database]) -> None:
    writer, reader = desks
    follower = Follower(reader)
    try:
        clock = FakeClock(T0)
        case_id = record_call(writer, call("9434765919"), user="coord", clock=clock).case_id
        opened = follower.next_of("case.opened")
        assert (opened.case_id, opened.user) == (case_id, "coord")
        clock.advance(timedelta(hours=30))
        raised = alerts.raise_alerts(writer, clock.now())
        assert follower.next_of("alert.raised").case_id == case_id
        alerts.acknowledge(writer, raised[-1].alert_id, "registrar", clock.now())
        acked = follower.next_of("alert.acknowledged")
        assert (acked.case_id, acked.user) == (case_id, "registrar")
        record_handover(writer, "", "Sister Jones", "coord", clock.now())
        assert follower.next_of(HANDOVER_ACTION).case_id is None
    finally:
        follower.close()
    assert follower.links.empty()  # the database answered throughout


def test_a_change_rolled_back_is_never_announced(desks: tuple[Database, Database]) -> None:
    writer, reader = desks
    follower = Follower(reader)
    try:
        with pytest.raises(RuntimeError), writer.session() as session:
            record_event(session, at=T0, action="test.rolled_back")
            raise RuntimeError("the unit of work fails after writing its event")
        with writer.session() as session:
            record_event(session, at=T0, action="test.committed")
        kinds = [follower.changes.get(timeout=WAIT_S).kind]
        assert kinds == ["test.committed"]
    finally:
        follower.close()


def test_the_json_line_has_the_contract_keys() -> None:
    line = Change(7, T0, "case.opened", 3, "coord").to_json()
    assert {"at", "kind", "case_id"} <= set(line)
    assert line["at"] == "2027-03-27T10:00:00+00:00"


def test_back_off_grows_and_is_capped() -> None:
    waits = [backoff_s(n) for n in range(1, 8)]
    assert waits == sorted(waits)
    assert waits[0] == 0.5 and waits[-1] == 5.0


@pytest.mark.postgres
def test_a_dropped_server_is_said_at_once_and_missed_changes_caught_up(
    own_pg_server: PgServer,
) -> None:
    url = own_pg_server.url
    writer, reader = open_database(url), open_database(url)
    follower = Follower(reader)
    try:
        clock = FakeClock(T0)
        record_call(writer, call("9434765919"), user="coord", clock=clock)
        follower.next_of("case.opened")
        own_pg_server.pause()
        lost = follower.links.get(timeout=WAIT_S)
        assert not lost.up and lost.error
        own_pg_server.resume()
        # Written before this follower is back: it must still be heard, once.
        case_id = record_call(writer, call("4010232137"), user="coord", clock=clock).case_id
        back = follower.links.get(timeout=WAIT_S)
        assert back.up
        opened = follower.next_of("case.opened")
        assert opened.case_id == case_id
        with writer.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar_one() >= 2
    finally:
        follower.close()
        writer.dispose()
        reader.dispose()
    assert follower.changes.empty()  # nothing heard twice

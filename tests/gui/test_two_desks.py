"""Several desks, one service: real desk processes on one database, as a person sees them.

Each desk is `python -m tests.gui.service_desk` (the real main window, its alert
scheduler and the change feed, offscreen) with a data folder of its own, as two PCs
have. What one does, the other shows without a refresh; a server stopped while a call
is being saved is caught up when it is back, and the call is saved once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.clock import SystemClock
from mscc_desk.store.calls import record_call
from mscc_desk.store.models import Alert, Call, User
from mscc_desk.store.opening import open_database
from tests.json_process import JsonProcess
from tests.pg import PgServer

TYPED = {
    "call.caller_name": "Dr Amir Patel",
    "call.caller_contact": "bleep 4471",
    "patient.family_name": "Okafor",
    "patient.given_name": "Grace",
    "patient.date_of_birth": "01/02/1950",
    "cancer_status": "past_or_current",
}


def breached_call(family: str) -> dict[str, Any]:
    """A call whose 24-hour MRI clock ran out an hour ago: alerted at once."""
    suspected = datetime.now(UTC) - timedelta(hours=25)
    return {
        "cancer_status": "past_or_current",
        "neuro": ["limb_weakness"],
        "suspected_at": suspected.isoformat(),
        "patient": {"family_name": family, "given_name": "Test", "date_of_birth": "1950-02-01"},
        "call": {"caller_name": "Ward 7", "caller_contact": "x1234"},
    }


def event(name: str, test: Callable[[dict[str, Any]], bool] = lambda _l: True) -> Any:
    return lambda line: line.get("event") == name and test(line)


@pytest.fixture
def start_desk(tmp_path: Path) -> Iterator[Callable[[str, str], JsonProcess]]:
    started: list[JsonProcess] = []

    def start(url: str, user: str) -> JsonProcess:
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / f"pc-{user}")}
        desk = JsonProcess([sys.executable, "-m", "tests.gui.service_desk", url, user], env)
        started.append(desk)
        desk.next_where(event("ready"), f"{user}'s desk")
        return desk

    yield start
    for desk in started:
        if desk.proc.poll() is None:  # a failed test may have stopped it already
            desk.send({"do": "quit"})
            code, err = desk.interrupt()
            assert code == 0, err


def test_what_one_desk_does_shows_on_the_other(
    db_url: str,
    start_desk: Callable[[str, str], JsonProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "pc-test"))
    db = open_database(db_url)
    try:
        first = record_call(db, breached_call("Adeyemi"), user="coord_c", clock=SystemClock())
        a = start_desk(db_url, "coord_a")
        b = start_desk(db_url, "coord_b")
        b.next_where(event("board", lambda e: first.case_id in e["cases"]), "b's first board")
        b.send({"do": "select", "case_id": first.case_id})
        b.next_where(event("board", lambda e: e["selected"] == first.case_id), "b's selection")

        # A call recorded on desk A is on desk B's board, B's selection where it was.
        a.send({"do": "type", "values": TYPED})
        a.next_where(event("typing"), "a's call form")
        a.send({"do": "save"})
        saved = a.next_where(event("saved"), "a's saved call")["case_id"]
        board = b.next_where(event("board", lambda e: saved in e["cases"]), "the call on b")
        assert board["selected"] == first.case_id

        # One alert for the service: both desks show the same row; acknowledged on A,
        # it leaves B; the acknowledgement names A's user.
        shown_a = a.latest("event", "alerts", lambda e: bool(e["ids"]), "an alert on a")
        shown_b = b.latest("event", "alerts", lambda e: bool(e["ids"]), "an alert on b")
        assert shown_a["ids"] == shown_b["ids"]
        alert_id = shown_a["ids"][0]
        a.send({"do": "ack", "alert_id": alert_id})
        b.next_where(event("alerts", lambda e: alert_id not in e["ids"]), "the ack on b")
        with db.read_session() as session:
            row = session.get(Alert, alert_id)
            assert row is not None and row.acknowledged_by_id is not None
            assert session.get(User, row.acknowledged_by_id).username == "coord_a"  # type: ignore[union-attr]
            keys = session.execute(select(Alert.deadline_id, Alert.stage, Alert.reminder)).all()
        assert len(keys) == len(set(keys))

        # A hand-over of the coordinator role on A is in B's header.
        a.send({"do": "coordinator", "text": "Sister Jones"})
        b.next_where(event("coordinator", lambda e: "Sister Jones" in e["text"]), "b's header")
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_call_saved_while_the_server_is_down_is_saved_once_when_it_is_back(
    own_pg_server: PgServer,
    start_desk: Callable[[str, str], JsonProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "pc-test"))
    url = own_pg_server.url
    open_database(url).dispose()
    desk = start_desk(url, "coord_a")
    desk.send({"do": "type", "values": TYPED})
    key = desk.next_where(event("typing"), "the call form")["key"]

    own_pg_server.pause()
    lost = desk.next_where(event("link", lambda e: not e["up"]), "the banner")
    assert lost["banner"].startswith("⚠ Database unreachable since ")
    assert "alerts are not being updated" in lost["banner"]
    desk.send({"do": "save"})
    assert desk.next_where(event("save"), "the save")["pending"] is True
    kept = list((tmp_path / "pc-coord_a").rglob(f"{key}.json"))
    assert len(kept) == 1 and oct(kept[0].stat().st_mode & 0o777) == "0o600"

    own_pg_server.resume()
    saved = desk.next_where(event("saved"), "the call saved after the server came back")
    back = desk.next_where(event("link", lambda e: e["up"]), "the banner's all clear")
    assert "reachable again" in back["banner"]
    db = open_database(url)
    try:
        with db.read_session() as session:
            calls = session.scalar(
                select(func.count()).select_from(Call).where(Call.client_key == key)
            )
            case_of = session.scalar(select(Call.case_id).where(Call.client_key == key))
    finally:
        db.dispose()
    assert calls == 1
    assert case_of == saved["case_id"]
    assert not list((tmp_path / "pc-coord_a").rglob(f"{key}.json"))

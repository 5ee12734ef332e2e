"""Wrong passwords slow guessing down; they never let a stranger lock someone out.

A real SQLite file and a FakeClock; each attempt names the workstation it was typed at,
as the window does with its host name. The audit trail is read back: it is where the
pauses are counted from, and it must hold nothing derived from a name that is not an
account.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store.auth import (
    WRONG_CREDENTIALS,
    AuthenticatedUser,
    SignInError,
    account_pauses,
    authenticate,
    create_user,
    reset_password,
    sign_in_pause,
    unlock_account,
    unlock_workstation,
)
from mscc_desk.store.backoff import FREE_FAILURES, MAX_PAUSE, MEMORY, pause_after
from mscc_desk.store.engine import Database, open_database
from mscc_desk.store.permissions import PermissionDenied
from tests.safety.test_auth import ADMIN_PW, PW, _admin, _coordinator, _events

pytestmark = pytest.mark.usefixtures("fast_hasher")

WARD, CORRIDOR, OFFICE = "ward-pc-1", "corridor-pc", "office-pc"


def _attempt(
    db: Database, name: str, password: str, clock: FakeClock, at: str
) -> AuthenticatedUser | SignInError:
    try:
        return authenticate(db, name, password, clock.now(), workstation=at)
    except SignInError as exc:
        return exc


def _refused(db: Database, name: str, password: str, clock: FakeClock, at: str) -> SignInError:
    outcome = _attempt(db, name, password, clock, at)
    assert isinstance(outcome, SignInError), f"{name} was let in at {at}"
    return outcome


def _signed_in(db: Database, name: str, password: str, clock: FakeClock, at: str) -> None:
    outcome = _attempt(db, name, password, clock, at)
    assert isinstance(outcome, AuthenticatedUser), getattr(outcome, "message", outcome)


def _fail_until_paused(db: Database, name: str, clock: FakeClock, at: str) -> SignInError:
    for i in range(FREE_FAILURES):
        refusal = _refused(db, name, f"wrong-guess-{i}", clock, at)
    assert refusal.paused_until is not None
    return refusal


def test_a_stranger_typing_the_administrators_name_cannot_keep_them_out(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _signed_in(db, "root", ADMIN_PW, clock, OFFICE)  # the office PC is one of root's desks
    clock.advance(timedelta(hours=1))
    # A stranger at another PC types root's name all afternoon, as fast as allowed.
    for i in range(40):
        _refused(db, "root", f"guess-{i}", clock, CORRIDOR)
        clock.advance(timedelta(minutes=2))
    # The guessing is slowed where it happens: even the right password waits there...
    at_corridor = _refused(db, "root", ADMIN_PW, clock, CORRIDOR)
    assert at_corridor.paused_until is not None
    assert at_corridor.paused_until - clock.now() <= MAX_PAUSE
    # ...and the real administrator, at their own desk, is not kept out at all.
    _signed_in(db, "root", ADMIN_PW, clock, OFFICE)


def test_pauses_grow_to_a_cap_and_never_become_a_lockout(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    waits: list[timedelta] = []
    for i in range(FREE_FAILURES - 1):
        assert _refused(db, "cora", f"wrong-{i}", clock, WARD).message == WRONG_CREDENTIALS
    for i in range(8):
        refusal = _refused(db, "cora", f"wrong-again-{i}", clock, WARD)
        assert refusal.paused_until is not None
        assert refusal.message.startswith(WRONG_CREDENTIALS + " Please wait ")
        waits.append(refusal.paused_until - clock.now())
        # Trying during the pause, even with the right password, is refused unlooked-at
        # and does not lengthen the pause.
        clock.advance(timedelta(seconds=1))
        early = _refused(db, "cora", PW, clock, WARD)
        assert early.paused_until == refusal.paused_until
        assert early.message.startswith("Please wait ")
        clock.set(refusal.paused_until)
    seconds = [int(w.total_seconds()) for w in waits]
    assert seconds == [30, 60, 120, 240, 480, 900, 900, 900]
    assert [pause_after(FREE_FAILURES + k) for k in range(2)] == waits[:2]
    _signed_in(db, "cora", PW, clock, WARD)  # the right password works once it is over
    reasons = [e.detail["reason"] for e in _events(db, "auth.sign_in_failed")]
    assert reasons.count("paused") == 8


def test_the_wait_is_said_calmly_with_until_when_for_longer_waits(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    first = _fail_until_paused(db, "cora", clock, WARD)
    assert "Please wait 30 seconds before trying again." in first.message
    assert "an administrator can lift the pause" in first.message
    for i in range(3):  # 60 s, 120 s, then 240 s
        assert first.paused_until is not None
        clock.set(first.paused_until)
        first = _refused(db, "cora", f"more-{i}", clock, WARD)
    # 10:00 GMT + 30 s + 60 s + 120 s = 10:03:30; the pause then ends at 10:07:30.
    assert "Please wait 4 minutes before trying again (until 10:08)." in first.message


def test_a_name_that_is_not_an_account_leaves_no_trace(db: Database, clock: FakeClock) -> None:
    """Someone types their password into the username box: nothing of it is kept."""
    _admin(db, clock)
    typed = "Hunter2-Typed-As-Name"
    _refused(db, typed, "x", clock, WARD)
    [failure] = _events(db, "auth.sign_in_failed")
    assert failure.detail == {"reason": "unknown_user", "context": "sign_in", "workstation": WARD}
    assert failure.user_id is None
    folded = unicodedata.normalize("NFKC", typed).casefold()
    old_key = hashlib.sha256(f"mscc-desk sign-in:{folded}".encode()).hexdigest()[:32]
    everything = json.dumps([(e.action, e.detail) for e in _events(db)])
    for derived in (typed, folded, old_key, hashlib.sha256(typed.encode()).hexdigest()):
        assert derived not in everything


def test_unknown_names_are_paused_at_the_workstation_like_real_ones(
    db: Database, clock: FakeClock
) -> None:
    """Otherwise the pause itself would tell which usernames exist."""
    _admin(db, clock)
    _coordinator(db, clock)
    ghost = _fail_until_paused(db, "ghost", clock, WARD)
    clock.advance(timedelta(seconds=1))
    real = _refused(db, "cora", PW, clock, WARD)  # the whole workstation waits
    assert real.paused_until == ghost.paused_until
    assert real.message == _refused(db, "ghost", "again", clock, WARD).message
    # Nothing about "ghost" was kept, so another workstation is not paused for it, and
    # cora (whose account has no failures) signs in there.
    assert sign_in_pause(db, "ghost", clock.now(), workstation=OFFICE) is None
    _signed_in(db, "cora", PW, clock, OFFICE)


def test_guessing_one_account_from_several_workstations_is_slowed_too(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    places = [f"pc-{n}" for n in range(FREE_FAILURES)]
    for n, place in enumerate(places):
        refusal = _refused(db, "cora", f"spread-{n}", clock, place)
    assert refusal.paused_until is not None
    # A workstation where cora has never signed in waits for the account's pause.
    assert _refused(db, "cora", PW, clock, "pc-new").paused_until == refusal.paused_until
    assert account_pauses(db, clock.now()) == {"cora": refusal.paused_until}


def test_an_administrator_lifts_an_account_pause_and_a_workstation_pause(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    create_user(db, "second", "", "admin", ADMIN_PW, actor="root", now=clock.now())
    _fail_until_paused(db, "second", clock, CORRIDOR)
    _refused(db, "second", ADMIN_PW, clock, OFFICE)  # never signed in there: paused
    with pytest.raises(PermissionDenied):
        unlock_account(db, "second", actor="cora", now=clock.now())
    with pytest.raises(PermissionDenied):
        unlock_workstation(db, CORRIDOR, actor="cora", now=clock.now())
    unlock_account(db, "second", actor="root", now=clock.now())
    _signed_in(db, "second", ADMIN_PW, clock, OFFICE)
    # The corridor PC itself is still paused (for every name) until that is lifted too.
    _refused(db, "cora", PW, clock, CORRIDOR)
    assert unlock_workstation(db, f" {CORRIDOR} ", actor="root", now=clock.now()) == CORRIDOR
    _signed_in(db, "cora", PW, clock, CORRIDOR)
    lifted = [(e.action, e.detail) for e in _events(db) if "unlocked" in e.action]
    assert lifted == [
        ("user.unlocked", {"username": "second", "role": "admin", "account": 3}),
        ("auth.workstation_unlocked", {"workstation": CORRIDOR}),
    ]


def test_a_success_a_password_reset_or_a_day_resets_the_count(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    for _ in range(FREE_FAILURES - 1):
        _refused(db, "cora", "wrong", clock, WARD)
    _signed_in(db, "cora", PW, clock, WARD)
    for _ in range(FREE_FAILURES - 1):
        _refused(db, "cora", "wrong", clock, WARD)
    clock.advance(MEMORY + timedelta(seconds=1))
    assert _refused(db, "cora", "wrong", clock, WARD).paused_until is None
    _fail_until_paused(db, "cora", clock, CORRIDOR)
    reset_password(db, "cora", "brand-new-pass", actor="root", now=clock.now())
    assert sign_in_pause(db, "cora", clock.now(), workstation=OFFICE) is None
    _signed_in(db, "cora", "brand-new-pass", clock, OFFICE)


def test_a_pause_survives_a_restart(db: Database, db_path: Path, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    _fail_until_paused(db, "cora", clock, WARD)
    db.dispose()
    reopened = open_database(db_path)
    try:
        assert _refused(reopened, "cora", PW, clock, WARD).paused_until is not None
    finally:
        reopened.dispose()

"""API tokens and the credential check behind the command line, through the store.

A FakeClock drives expiry; the audit trail is read back for what a token's life leaves
on record, which must never include a secret.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store.auth import disable_user
from mscc_desk.store.credentials import Credential, CredentialError, act_as
from mscc_desk.store.engine import Database
from mscc_desk.store.permissions import PermissionDenied
from mscc_desk.store.settings import set_setting
from mscc_desk.store.tokens import (
    DEFAULT_LIFETIME,
    MAX_DAYS_KEY,
    TokenRefused,
    issue_token,
    list_tokens,
    revoke_tokens,
    token_user,
)
from tests.safety.test_auth import ADMIN_PW, PW, _admin, _coordinator, _events

pytestmark = pytest.mark.usefixtures("fast_hasher")

HERE = "ward-pc-1"


def _act(db: Database, clock: FakeClock, name: str, action: str, **given: str) -> str:
    return act_as(db, name, Credential(**given), action, now=clock.now(), workstation=HERE)


def test_before_the_first_administrator_a_name_is_enough(db: Database, clock: FakeClock) -> None:
    assert _act(db, clock, "anyone", "case.write") == "anyone"
    _admin(db, clock)
    with pytest.raises(CredentialError) as caught:
        _act(db, clock, "root", "case.write")
    assert caught.value.field == "--user root"
    assert caught.value.problem == (
        "a password (--password-stdin) or MSCC_DESK_TOKEN is needed once an administrator exists"
    )


def test_a_password_proves_the_name_and_the_role_still_decides(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    assert _act(db, clock, "CORA", "case.write", password=PW) == "cora"
    with pytest.raises(PermissionDenied):
        _act(db, clock, "cora", "users.manage", password=PW)
    with pytest.raises(CredentialError) as caught:
        _act(db, clock, "cora", "case.write", password=ADMIN_PW)
    assert caught.value.field == "--password-stdin"
    [failure] = _events(db, "auth.sign_in_failed")
    assert failure.detail["context"] == "command_line" and failure.detail["workstation"] == HERE


def test_a_token_lives_until_it_expires_or_is_revoked(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    with pytest.raises(PermissionDenied):
        issue_token(db, "cora", actor="cora", now=clock.now())
    issued = issue_token(db, "cora", actor="root", now=clock.now())
    assert issued.expires_at == clock.now() + DEFAULT_LIFETIME
    assert token_user(db, issued.token, clock.now(), workstation=HERE) == "cora"
    assert _act(db, clock, "", "case.write", token=issued.token) == "cora"
    clock.advance(DEFAULT_LIFETIME)
    with pytest.raises(TokenRefused, match="has expired"):
        token_user(db, issued.token, clock.now(), workstation=HERE)
    second = issue_token(db, "cora", actor="root", now=clock.now())
    third = issue_token(db, "cora", actor="root", now=clock.now())
    assert revoke_tokens(db, "cora", second.token_id, actor="root", now=clock.now()) == [
        second.token_id
    ]
    with pytest.raises(TokenRefused, match="revoked"):
        token_user(db, second.token, clock.now(), workstation=HERE)
    states = [t.state(clock.now()) for t in list_tokens(db, "cora", actor="root")]
    assert states == ["active", "revoked", "expired"]  # newest first
    everyone = revoke_tokens(db, "cora", "all", actor="root", now=clock.now())
    assert everyone == [issued.token_id, third.token_id]
    states = [t.state(clock.now()) for t in list_tokens(db, "cora", actor="root")]
    assert states == ["revoked", "revoked", "revoked"]
    with pytest.raises(InputError) as caught:
        revoke_tokens(db, "cora", "0123456789ab", actor="root", now=clock.now())
    assert caught.value.field == "--revoke"
    # A tampered secret and a made-up token are refused alike; only a real id is kept.
    tampered = third.token[:-1] + ("A" if third.token[-1] != "A" else "B")
    for bad in (tampered, "mscc_0123456789ab_" + "x" * 43, "not-a-token"):
        with pytest.raises(TokenRefused):
            token_user(db, bad, clock.now(), workstation=HERE)
    refused = [e.detail for e in _events(db, "token.refused")]
    assert [d["reason"] for d in refused] == [
        "expired",
        "revoked",
        "wrong_secret",
        "unknown",
        "malformed",
    ]
    assert [d.get("token_id") for d in refused[2:]] == [third.token_id, None, None]
    everything = json.dumps([e.detail for e in _events(db)])
    for token in (issued, second, third):
        assert token.token.rsplit("_", 1)[1] not in everything


def test_a_disabled_users_token_acts_no_more(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    issued = issue_token(db, "cora", actor="root", now=clock.now())
    disable_user(db, "cora", actor="root", now=clock.now())
    with pytest.raises(PermissionDenied, match="disabled"):
        _act(db, clock, "", "case.write", token=issued.token)
    with pytest.raises(InputError, match="disabled"):
        issue_token(db, "cora", actor="root", now=clock.now())


def test_expiry_is_bounded_by_the_desks_setting(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    with db.session() as session:
        set_setting(session, MAX_DAYS_KEY, "30", clock.now())
    short = issue_token(db, "root", actor="root", now=clock.now())
    assert short.expires_at == clock.now() + timedelta(days=30)
    for bad in (clock.now(), clock.now() + timedelta(days=31)):
        with pytest.raises(InputError) as caught:
            issue_token(db, "root", actor="root", now=clock.now(), expires_at=bad)
        assert caught.value.field == "--expires"
    with db.session() as session:
        set_setting(session, MAX_DAYS_KEY, "forever", clock.now())
    assert issue_token(db, "root", actor="root", now=clock.now()).expires_at == (
        clock.now() + DEFAULT_LIFETIME
    )

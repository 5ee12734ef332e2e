"""Signing in on a shared ward PC: passwords, the first admin, the last admin.

The pauses after wrong passwords are in test_sign_in_pauses.py.

Every rule is checked through the store on a real SQLite file, and the audit trail is
read back, because "who tried to sign in as whom" must be on record and must never
hold a password.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store import auth
from mscc_desk.store.audit import first_broken_link
from mscc_desk.store.auth import (
    DISABLED,
    WRONG_CREDENTIALS,
    SignInError,
    authenticate,
    change_password,
    change_role,
    create_user,
    disable_user,
    enable_user,
    list_users,
    lock,
    needs_first_admin,
    provision_user,
    reset_password,
    sign_out,
    unlock,
)
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent, User
from mscc_desk.store.permissions import PermissionDenied
from mscc_desk.store.users import ensure_user

pytestmark = pytest.mark.usefixtures("fast_hasher")

ADMIN_PW = "correct horse battery"
PW = "s3cret-pass"


def _admin(db: Database, clock: FakeClock, name: str = "root") -> None:
    create_user(db, name, "Ada Admin", "admin", ADMIN_PW, actor=None, now=clock.now())


def _coordinator(db: Database, clock: FakeClock, name: str = "cora") -> None:
    create_user(db, name, "Cora Ward", "coordinator", PW, actor="root", now=clock.now())


def _events(db: Database, action: str | None = None) -> list[AuditEvent]:
    with db.session() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action is not None:
            query = query.where(AuditEvent.action == action)
        return list(session.scalars(query))


def _refused(db: Database, name: str, password: str, clock: FakeClock) -> SignInError:
    with pytest.raises(SignInError) as caught:
        authenticate(db, name, password, clock.now())
    return caught.value


# ------------------------------------------------------------------ signing in


def test_right_password_signs_in_and_is_audited(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    user = authenticate(db, "cora", PW, clock.now())
    assert (user.username, user.display_name, user.role) == ("cora", "Cora Ward", "coordinator")
    assert user.signed_in_at == clock.now()
    assert user.may("case.write") and not user.may("users.manage")
    [event] = _events(db, "auth.sign_in")
    assert event.user_id == user.user_id and event.detail["username"] == "cora"


def test_username_ignores_case_and_spaces(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    assert authenticate(db, "  CORA ", PW, clock.now()).username == "cora"


def test_wrong_password_and_unknown_user_get_the_same_message(
    db: Database, clock: FakeClock
) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    wrong = _refused(db, "cora", "not-the-password", clock)
    unknown = _refused(db, "nobody", "not-the-password", clock)
    assert wrong.message == unknown.message == WRONG_CREDENTIALS
    assert str(wrong) == str(unknown)
    assert wrong.paused_until is None


def test_failures_are_audited_without_the_password(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    _refused(db, "cora", "Hunter2-wrong", clock)
    # Someone types their password into the username box:
    _refused(db, "Hunter2-typed-as-name", "x", clock)
    failures = _events(db, "auth.sign_in_failed")
    assert [e.detail["reason"] for e in failures] == ["wrong_password", "unknown_user"]
    assert failures[0].detail["username"] == "cora"
    assert "username" not in failures[1].detail
    assert all(e.user_id is None for e in failures)  # a failure proves nobody's identity
    everything = json.dumps([(e.action, e.detail) for e in _events(db)])
    for secret in ("Hunter2", ADMIN_PW, PW):
        assert secret not in everything
    with db.session() as session:
        assert first_broken_link(session) is None


def test_disabled_user_is_refused(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    disable_user(db, "cora", actor="root", now=clock.now())
    assert _refused(db, "cora", PW, clock).message == DISABLED
    # Without the right password a disabled account looks like any other refusal.
    assert _refused(db, "cora", "wrong-password", clock).message == WRONG_CREDENTIALS
    reasons = [e.detail["reason"] for e in _events(db, "auth.sign_in_failed")]
    assert reasons == ["disabled", "wrong_password"]
    enable_user(db, "cora", actor="root", now=clock.now())
    assert authenticate(db, "cora", PW, clock.now()).username == "cora"


def test_user_made_by_ensure_user_cannot_sign_in_until_a_password_is_set(
    db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        ensure_user(session, "legacy", clock.now())
    _admin(db, clock)
    for attempt in ("", "anything-at-all"):
        assert _refused(db, "legacy", attempt, clock).message == WRONG_CREDENTIALS
    assert _events(db, "auth.sign_in_failed")[-1].detail["reason"] == "no_password"
    with pytest.raises(InputError) as caught:
        create_user(db, "legacy", "", "coordinator", PW, actor="root", now=clock.now())
    assert caught.value.field == "username" and "no password yet" in caught.value.problem
    reset_password(db, "legacy", PW, actor="root", now=clock.now())
    assert authenticate(db, "legacy", PW, clock.now()).role == "coordinator"


# ----------------------------------------------------- sign-out, lock and unlock


def test_sign_out_lock_and_unlock_are_audited(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    user = authenticate(db, "cora", PW, clock.now())
    lock(db, user, clock.now())
    with pytest.raises(SignInError):
        unlock(db, user, "wrong-password", clock.now())
    again = unlock(db, user, PW, clock.now())
    assert again == user
    sign_out(db, user, clock.now())
    actions = [e.action for e in _events(db) if e.action.startswith("auth.")]
    assert actions == [
        "auth.sign_in",
        "auth.lock",
        "auth.sign_in_failed",
        "auth.unlock",
        "auth.sign_out",
    ]
    failed = _events(db, "auth.sign_in_failed")[0]
    assert failed.detail["context"] == "unlock"


def test_unlock_refused_once_the_account_is_disabled(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    user = authenticate(db, "cora", PW, clock.now())
    lock(db, user, clock.now())
    disable_user(db, "cora", actor="root", now=clock.now())
    with pytest.raises(SignInError) as caught:
        unlock(db, user, PW, clock.now())
    assert caught.value.message == DISABLED


def test_change_own_password(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    with pytest.raises(SignInError):
        change_password(db, "cora", "wrong-password", "another-pass", clock.now())
    change_password(db, "cora", PW, "another-pass", clock.now())
    _refused(db, "cora", PW, clock)
    assert authenticate(db, "cora", "another-pass", clock.now()).username == "cora"


def test_an_outdated_hash_is_upgraded_at_sign_in(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin(db, clock)
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    strong = PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1)
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == "root"))
        assert user is not None
        user.password_hash = weak.hash(ADMIN_PW)
    monkeypatch.setattr(auth, "HASHER", strong)
    authenticate(db, "root", ADMIN_PW, clock.now())
    with db.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "root"))
    assert stored is not None and not strong.check_needs_rehash(stored)
    assert authenticate(db, "root", ADMIN_PW, clock.now()).role == "admin"


# ------------------------------------------------------------- managing users


def test_first_admin_only_through_the_wizard(db: Database, clock: FakeClock) -> None:
    assert needs_first_admin(db)
    with pytest.raises(InputError) as caught:
        create_user(db, "cora", "", "coordinator", PW, actor=None, now=clock.now())
    assert caught.value.field == "role"
    _admin(db, clock)
    assert not needs_first_admin(db)
    with pytest.raises(PermissionDenied):
        create_user(db, "eve", "", "admin", PW, actor=None, now=clock.now())
    [created] = _events(db, "user.created")
    assert created.detail["first_run"] is True and "password" not in json.dumps(created.detail)


def test_an_admin_without_a_password_does_not_close_the_wizard(
    db: Database, clock: FakeClock
) -> None:
    """An `ensure_user` admin cannot sign in, so the desk would have no way in."""
    with db.session() as session:
        ensure_user(session, "old-admin", clock.now(), role="admin")
    assert needs_first_admin(db)
    _admin(db, clock)
    assert not needs_first_admin(db)


def test_only_an_admin_manages_users(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    calls: list[Callable[[], object]] = [
        lambda: create_user(db, "x1", "", "viewer", PW, actor="cora", now=clock.now()),
        lambda: disable_user(db, "root", actor="cora", now=clock.now()),
        lambda: enable_user(db, "cora", actor="cora", now=clock.now()),
        lambda: reset_password(db, "root", "taken-over!", actor="cora", now=clock.now()),
        lambda: change_role(db, "cora", "admin", actor="cora", now=clock.now()),
        lambda: create_user(db, "x2", "", "viewer", PW, actor="nobody", now=clock.now()),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as caught:
            call()
        assert caught.value.action == "users.manage"
    assert {u.username for u in list_users(db)} == {"root", "cora"}
    assert authenticate(db, "root", ADMIN_PW, clock.now()).role == "admin"


def test_password_policy_and_username_checks(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    cases = [
        ("new", "short", "coordinator", "password"),
        ("new", " " * 12, "coordinator", "password"),
        ("newuser1", "NEWUSER1", "coordinator", "password"),
        ("new", "x" * 2000, "coordinator", "password"),
        ("", PW, "coordinator", "username"),
        ("a\x00b", PW, "coordinator", "username"),
        ("n" * 81, PW, "coordinator", "username"),
        ("ROOT", PW, "coordinator", "username"),  # already exists, ignoring case
        ("new", PW, "superuser", "role"),
    ]
    for username, password, role, field in cases:
        with pytest.raises(InputError) as caught:
            create_user(db, username, "", role, password, actor="root", now=clock.now())
        assert caught.value.field == field, (username, role)
        assert password.strip() == "" or password not in str(caught.value)
    assert [u.username for u in list_users(db)] == ["root"]


def test_last_active_admin_cannot_be_disabled_or_demoted(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    with pytest.raises(InputError) as caught:
        disable_user(db, "root", actor="root", now=clock.now())
    assert caught.value.field == "username" and "last active administrator" in str(caught.value)
    with pytest.raises(InputError):
        change_role(db, "root", "coordinator", actor="root", now=clock.now())
    # With a second admin, either may step down.
    create_user(db, "second", "", "admin", PW, actor="root", now=clock.now())
    disable_user(db, "root", actor="root", now=clock.now())
    with pytest.raises(PermissionDenied):  # a disabled admin can no longer act
        enable_user(db, "root", actor="root", now=clock.now())
    with pytest.raises(InputError):
        disable_user(db, "second", actor="second", now=clock.now())
    enable_user(db, "root", actor="second", now=clock.now())
    change_role(db, "second", "registrar", actor="root", now=clock.now())
    roles = {u.username: (u.role, u.active) for u in list_users(db)}
    assert roles == {"root": ("admin", True), "second": ("registrar", True)}
    actions = [e.action for e in _events(db) if e.action.startswith("user.")]
    assert actions == [
        "user.created",
        "user.created",
        "user.disabled",
        "user.enabled",
        "user.role_changed",
    ]


def test_users_are_never_deleted(db: Database, clock: FakeClock) -> None:
    _admin(db, clock)
    _coordinator(db, clock)
    disable_user(db, "cora", actor="root", now=clock.now())
    [cora] = [u for u in list_users(db) if u.username == "cora"]
    assert not cora.active and cora.has_password
    assert not hasattr(auth, "delete_user")


def test_command_line_provisioning(db: Database, clock: FakeClock) -> None:
    """`mscc-desk user add`: open until the first administrator, then an administrator's."""
    with db.session() as session:
        ensure_user(session, "legacy", clock.now())  # named by `record --user` earlier
    provision_user(db, "cora", "", "coordinator", PW, now=clock.now(), os_user="itadmin")
    assert needs_first_admin(db)  # a coordinator does not close the first-run wizard
    provision_user(db, "root", "Ada", "admin", ADMIN_PW, now=clock.now(), os_user="itadmin")
    assert not needs_first_admin(db)
    # From now on nobody at a terminal may make themselves an administrator.
    with pytest.raises(PermissionDenied) as denied:
        provision_user(db, "mallory", "", "admin", "take-over-pw", now=clock.now(), os_user="m")
    assert "administrator's credential" in denied.value.problem
    with pytest.raises(PermissionDenied):
        provision_user(
            db, "mallory", "", "admin", "take-over-pw", now=clock.now(), os_user="m", actor="cora"
        )
    legacy = provision_user(
        db, "LEGACY", "Lee", "registrar", PW, now=clock.now(), os_user="it", actor="root"
    )
    assert (legacy.username, legacy.role, legacy.display_name) == ("legacy", "registrar", "Lee")
    assert authenticate(db, "legacy", PW, clock.now()).role == "registrar"
    with pytest.raises(InputError) as caught:
        provision_user(
            db, "cora", "", "admin", "take-over-pw", now=clock.now(), os_user="x", actor="root"
        )
    assert caught.value.field == "username"
    with pytest.raises(InputError) as caught:
        provision_user(db, "new", "", "boss", PW, now=clock.now(), os_user="x", actor="root")
    assert caught.value.field == "role"
    assert "mallory" not in {u.username for u in list_users(db)}
    events = [e for e in _events(db) if e.action.startswith("user.")]
    assert [e.action for e in events] == ["user.created", "user.created", "user.password_set"]
    assert all(e.detail["via"] == "command_line" and e.detail["os_user"] for e in events)
    assert [e.user_id for e in events] == [None, None, 3]  # root, the administrator who acted
    assert PW not in json.dumps([e.detail for e in events])

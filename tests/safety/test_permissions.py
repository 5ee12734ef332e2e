"""Role checks live in the core: what a role may do is refused by the store itself.

The window hides controls, but the command line and scripts reach the same functions,
so these tests call `authorize` and `acting_user` directly on a real database.
"""

from __future__ import annotations

import pytest

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.errors import InputError
from mscc_desk.store.auth import create_user, disable_user
from mscc_desk.store.engine import Database
from mscc_desk.store.models import User
from mscc_desk.store.permissions import (
    ACTIONS,
    PermissionDenied,
    acting_user,
    allowed,
    authorize,
    sign_in_configured,
)
from mscc_desk.store.users import ROLES

pytestmark = pytest.mark.usefixtures("fast_hasher")
PW = "s3cret-pass"

EXPECTED = {
    "viewer": {"case.read", "print", "export"},
    "coordinator": {"case.read", "print", "export", "case.write", "audit.read"},
    "registrar": {"case.read", "print", "export", "case.write"},
    # The service's lead or manager: reads cases and the service audit, changes nothing.
    "manager": {"case.read", "print", "export", "audit.read"},
    "admin": set(ACTIONS),
}


@pytest.fixture
def staffed(db: Database, clock: FakeClock) -> Database:
    create_user(db, "root", "Ada", "admin", "admin-password", actor=None, now=clock.now())
    for role in ("coordinator", "registrar", "viewer", "manager"):
        create_user(db, role[:4], role, role, PW, actor="root", now=clock.now())
    return db


def test_role_table() -> None:
    assert set(EXPECTED) == set(ROLES)
    for role, actions in EXPECTED.items():
        assert {a for a in ACTIONS if allowed(role, a)} == actions, role


@pytest.mark.parametrize("role", ["coordinator", "registrar", "viewer", "manager", "admin"])
def test_authorize_matches_the_role_table(staffed: Database, role: str) -> None:
    name = "root" if role == "admin" else role[:4]
    with staffed.session() as session:
        for action in ACTIONS:
            if action in EXPECTED[role]:
                user = authorize(session, name, action)
                assert isinstance(user, User) and user.username == name
            else:
                with pytest.raises(PermissionDenied) as caught:
                    authorize(session, name, action)
                refusal = caught.value
                assert isinstance(refusal, InputError) and refusal.field == "user"
                assert (refusal.action, refusal.role) == (action, role)
                assert action in str(refusal) and role in str(refusal)


def test_viewer_may_read_but_not_write(staffed: Database) -> None:
    with staffed.session() as session:
        assert authorize(session, "view", "case.read").role == "viewer"
        with pytest.raises(PermissionDenied, match="case.write"):
            authorize(session, "view", "case.write")


def test_unknown_and_disabled_users_are_refused(staffed: Database, clock: FakeClock) -> None:
    disable_user(staffed, "coor", actor="root", now=clock.now())
    with staffed.session() as session:
        for name in ("coor", "ghost", "", None):
            with pytest.raises(PermissionDenied):
                authorize(session, name, "case.read")


def test_unknown_action_is_a_programming_error(staffed: Database) -> None:
    with staffed.session() as session, pytest.raises(ValueError, match="unknown action"):
        authorize(session, "root", "case.delete")


def test_acting_user_before_and_after_the_first_admin(db: Database, clock: FakeClock) -> None:
    """Scripts naming a user keep working until sign-in is set up, and not after."""
    with db.session() as session:
        assert not sign_in_configured(session)
        made = acting_user(session, "night-reg", "case.write", clock.now())
        assert (made.username, made.role, made.password_hash) == ("night-reg", "coordinator", None)
    create_user(db, "root", "Ada", "admin", "admin-password", actor=None, now=clock.now())
    with db.session() as session:
        assert sign_in_configured(session)
        assert acting_user(session, "night-reg", "case.write", clock.now()).id == made.id
        with pytest.raises(PermissionDenied, match="not a user"):
            acting_user(session, "stranger", "case.write", clock.now())
    with db.session() as session:
        assert session.query(User).filter_by(username="stranger").first() is None

"""Who may do what, checked in the core rather than in the window.

The window hides buttons a role cannot use, but hiding is not protection: the command
line, a script or a future screen reach the same store functions. So every store
function that writes (record_call, case edits and closing, notes, checklist, alert
acknowledgement, settings, user management, maintenance) calls `authorize` (or
`acting_user`, for callers that name a user rather than sign one in) at its start,
inside its own transaction, before it writes anything. A refusal is an `InputError`
subclass naming the field `user`, so the command line already prints it as one line
(exit 2, nothing written) and the window already shows it without a traceback.

A user disabled by an administrator is refused at their next action, even while their
window is still signed in, because the check reads the database every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from .models import User
from .users import ROLES, ensure_user

_EVERYONE = frozenset(ROLES)
_CLINICAL = frozenset({"coordinator", "registrar", "admin"})
_ADMIN = frozenset({"admin"})
# The service audit (figures for the MSCC lead and the cancer alliance): the coordinators
# who keep the service, its administrators, and the read-only manager.
_SERVICE_AUDIT = frozenset({"coordinator", "admin", "manager"})

ACTIONS: Mapping[str, frozenset[str]] = {
    # Record a call, edit or close a case, add notes, tick the checklist, acknowledge alerts.
    "case.write": _CLINICAL,
    "case.read": _EVERYONE,
    "print": _EVERYONE,
    "export": _EVERYONE,
    "audit.read": _SERVICE_AUDIT,
    "imd.import": _ADMIN,
    "users.manage": _ADMIN,
    "settings.manage": _ADMIN,
    "db.maintain": _ADMIN,
}

ACTION_TEXT: Mapping[str, str] = {
    "case.write": "record or change cases",
    "case.read": "see cases",
    "print": "print",
    "export": "export data",
    "audit.read": "see the service audit",
    "imd.import": "load the postcode deprivation lookup",
    "users.manage": "manage users",
    "settings.manage": "change settings",
    "db.maintain": "maintain the database",
}


class PermissionDenied(InputError):
    """Refused because of who is asking, not because of what they typed."""

    def __init__(self, username: str | None, action: str, role: str | None, reason: str) -> None:
        super().__init__("user", reason)
        self.username = username
        self.action = action
        self.role = role


def allowed(role: str, action: str) -> bool:
    """Whether a role may do an action; an unknown action is a programming error."""
    try:
        return role in ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}") from None


def authorize(session: Session, username: str | None, action: str) -> User:
    """The acting user, if they exist, are active and their role allows `action`.

    Call this first in every store function that writes, in the same session, so the
    refusal happens before anything is written and a disabled user is stopped at once.
    """
    roles = ACTIONS.get(action)
    if roles is None:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    what = ACTION_TEXT[action]
    name = (username or "").strip()
    if not name:
        raise PermissionDenied(None, action, None, f"nobody is signed in, so nobody may {what}")
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise PermissionDenied(
            name, action, None, f"{name!r} is not a user of this desk, so may not {what}"
        )
    if not user.active:
        raise PermissionDenied(
            name,
            action,
            user.role,
            f"{name!r} is disabled, so may not {what}; an administrator can enable the account",
        )
    if user.role not in roles:
        raise PermissionDenied(
            name,
            action,
            user.role,
            f"{name!r} has the role {user.role}, which may not {what} ({action}); "
            f"that needs the role {' or '.join(r for r in ROLES if r in roles)}",
        )
    return user


def sign_in_configured(session: Session) -> bool:
    """True once an administrator who can sign in exists.

    Until then the desk runs as before sign-in existed (a fresh install, scripts and
    acceptance checks that name a user), so the first-run wizard is the switch.
    """
    count = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == "admin", User.active.is_(True), User.password_hash.is_not(None))
    )
    return bool(count)


def acting_user(session: Session, username: str, action: str, now: datetime) -> User:
    """The user a caller names (command line `--user`, scripts), authorized for `action`.

    Before the first administrator exists, an unknown name is created on the fly as a
    coordinator, exactly as `ensure_user` always did, so existing scripts keep working;
    the administrator's actions (settings, loading the postcode lookup) are then open to
    the desk, since nobody yet holds that role. Afterwards only users an administrator
    created may act: an unknown name is refused instead of silently becoming a new account
    with write access.
    """
    if not sign_in_configured(session):
        user = ensure_user(session, username, now)
        if action in ("settings.manage", "imd.import") and user.active:
            return user
    return authorize(session, username, action)

"""Signing in, the screen lock and managing users, for a ward PC several people share.

Passwords are kept only as Argon2 hashes. Every sign-in, failure, sign-out, lock and
unlock is an audit event, so "who was at the desk at 03:10" has an answer; no event ever
holds a password. Failed sign-ins are counted from those audit events rather than in
memory, so restarting the app does not reset the count an attacker is working against.

The refusal for an unknown username and for a wrong password is the same sentence, and
both verify a password hash so they take the same time: a passer-by cannot learn which
usernames exist. Users are never deleted (the audit trail must keep their names); they
are disabled instead.

Each function is one transaction of its own; a failed sign-in commits its audit event
before the error is raised, so a refusal is still on record.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.clock import as_utc, london
from ..domain.errors import InputError
from ..domain.limits import MAX_USER_NAME, check_user_name
from .audit import record_event
from .engine import Database
from .models import AuditEvent, User
from .permissions import PermissionDenied, allowed, authorize, sign_in_configured
from .users import ROLES

MIN_PASSWORD_LENGTH = 8
# Argon2 of a megabyte-long "password" is a cheap way to keep the PC busy.
MAX_PASSWORD_LENGTH = 1024
MAX_USERNAME_LENGTH = MAX_USER_NAME  # User.username is String(80)
MAX_DISPLAY_NAME_LENGTH = 200

# Rate limiting: after MAX_FAILURES failed sign-ins for one username within
# FAILURE_WINDOW, further attempts are refused until LOCKOUT after the last failure.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=5)
# The window's inactivity lock; the GUI reads it (a setting may override it later).
SCREEN_LOCK_AFTER = timedelta(minutes=5)

SIGN_IN = "auth.sign_in"
SIGN_IN_FAILED = "auth.sign_in_failed"
SIGN_OUT = "auth.sign_out"
LOCK = "auth.lock"
UNLOCK = "auth.unlock"

WRONG_CREDENTIALS = (
    "Wrong username or password. If you have not been given a password yet, "
    "ask an administrator to set one."
)
DISABLED = "This account is disabled. Ask an administrator to enable it."
LOCKED_OUT = "Too many failed sign-ins for this username. Try again after {until}."

HASHER = PasswordHasher()


class SignInError(Exception):
    """A refused sign-in or unlock; `message` is fit to show on the sign-in screen."""

    def __init__(self, message: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.locked_until = locked_until


@dataclass(frozen=True)
class AuthenticatedUser:
    """Who is at the desk; store functions get `username` and authorize it themselves."""

    user_id: int
    username: str
    display_name: str
    role: str
    signed_in_at: datetime

    def may(self, action: str) -> bool:
        """For showing or hiding controls; the store still checks every write."""
        return allowed(self.role, action)


@dataclass(frozen=True)
class UserInfo:
    user_id: int
    username: str
    display_name: str
    role: str
    active: bool
    has_password: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(
            user.id,
            user.username,
            user.display_name,
            user.role,
            user.active,
            user.password_hash is not None,
            user.created_at,
        )


# ---------------------------------------------------------------------------- sign-in


def needs_first_admin(db: Database) -> bool:
    """True until an administrator who can sign in exists: show the first-run wizard."""
    with db.read_session() as session:
        return not sign_in_configured(session)


def authenticate(db: Database, username: str, password: str, now: datetime) -> AuthenticatedUser:
    """Check a username and password; raises SignInError (after auditing) if refused."""
    now = as_utc(now)
    name = username.strip()
    key = attempt_key(name)
    refusal: SignInError | None = None
    with db.session() as session:
        user = _find_for_sign_in(session, name)
        refusal = _check_password(session, user, name, key, password, now, context="sign_in")
        if refusal is None:
            assert user is not None
            record_event(
                session,
                at=now,
                action=SIGN_IN,
                user_id=user.id,
                detail={"username": user.username, "key": key},
            )
            signed_in = _authenticated(user, now)
    if refusal is not None:
        raise refusal
    return signed_in


def sign_out(db: Database, user: AuthenticatedUser, now: datetime, *, reason: str = "user") -> None:
    """`reason`: "user" (clicked sign out), "switch_user", "exit", "disabled"."""
    with db.session() as session:
        record_event(
            session,
            at=as_utc(now),
            action=SIGN_OUT,
            user_id=user.user_id,
            detail={"username": user.username, "reason": reason},
        )


def lock(
    db: Database, user: AuthenticatedUser, now: datetime, *, reason: str = "inactivity"
) -> None:
    """The screen is hidden behind the lock; `reason`: "inactivity" or "user"."""
    with db.session() as session:
        record_event(
            session,
            at=as_utc(now),
            action=LOCK,
            user_id=user.user_id,
            detail={"username": user.username, "reason": reason},
        )


def unlock(
    db: Database, user: AuthenticatedUser, password: str, now: datetime
) -> AuthenticatedUser:
    """Only the person who locked the screen unlocks it, with their password.

    Someone else at a locked desk signs the first person out and signs in themselves
    (`sign_out(..., reason="switch_user")` then `authenticate`). A wrong password here
    counts towards the same rate limit as at the sign-in screen.
    """
    now = as_utc(now)
    key = attempt_key(user.username)
    refusal: SignInError | None = None
    with db.session() as session:
        row = session.get(User, user.user_id)
        refusal = _check_password(session, row, user.username, key, password, now, "unlock")
        if refusal is None:
            assert row is not None
            record_event(
                session,
                at=now,
                action=UNLOCK,
                user_id=row.id,
                detail={"username": row.username, "key": key},
            )
            unlocked = _authenticated(row, user.signed_in_at)
    if refusal is not None:
        raise refusal
    return unlocked


def locked_until(db: Database, username: str, now: datetime) -> datetime | None:
    """When sign-in for this username is possible again, or None if it is now."""
    with db.read_session() as session:
        return _locked_until(session, attempt_key(username.strip()), as_utc(now))


def attempt_key(username: str) -> str:
    """What failed attempts are counted by, and stored as, in the audit trail.

    Not the typed name itself: people type their password into the username box, and
    the audit trail must never hold a password.
    """
    folded = unicodedata.normalize("NFKC", username.strip()).casefold()
    return hashlib.sha256(f"mscc-desk sign-in:{folded}".encode()).hexdigest()[:32]


def _find_for_sign_in(session: Session, name: str) -> User | None:
    """Usernames are matched ignoring case: nobody should be locked out by Caps Lock."""
    if not name:
        return None
    exact = session.scalar(select(User).where(User.username == name))
    if exact is not None:
        return exact
    matches = session.scalars(select(User).where(func.lower(User.username) == name.lower())).all()
    return matches[0] if len(matches) == 1 else None


def _check_password(
    session: Session,
    user: User | None,
    name: str,
    key: str,
    password: str,
    now: datetime,
    context: str,
) -> SignInError | None:
    """None if the password is right for an active user; else the audited refusal."""
    until = _locked_until(session, key, now)
    if until is not None:
        _record_failure(session, now, user, key, "locked_out", context)
        return SignInError(LOCKED_OUT.format(until=_clock_text(until)), locked_until=until)
    verified = _verify(user, password)
    if user is not None and verified and not user.active:
        # Said only to someone who knows the password, so it reveals no username.
        _record_failure(session, now, user, key, "disabled", context)
        return SignInError(DISABLED)
    if user is None or not verified:
        if user is None:
            reason = "unknown_user"
        elif user.password_hash is None:
            reason = "no_password"
        else:
            reason = "wrong_password"
        _record_failure(session, now, user, key, reason, context)
        until = _locked_until(session, key, now)
        if until is not None:
            message = f"{WRONG_CREDENTIALS} {LOCKED_OUT.format(until=_clock_text(until))}"
            return SignInError(message, locked_until=until)
        return SignInError(WRONG_CREDENTIALS)
    assert user.password_hash is not None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    return None


def _verify(user: User | None, password: str) -> bool:
    """Always spends one Argon2 verification, so timing does not reveal usernames."""
    stored = user.password_hash if user is not None else None
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[:MAX_PASSWORD_LENGTH]
        stored = None  # cannot be right: the policy never accepted such a password
    try:
        HASHER.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


@cache
def _dummy_hash() -> str:
    return HASHER.hash("mscc-desk: no such user")


def _record_failure(
    session: Session, now: datetime, user: User | None, key: str, reason: str, context: str
) -> None:
    # user_id stays empty: a failed attempt proves nobody's identity. A username is kept
    # only when it names a real account (so it is not a password typed in the wrong box).
    detail: dict[str, Any] = {"key": key, "reason": reason, "context": context}
    if user is not None:
        detail["username"] = user.username
    record_event(session, at=now, action=SIGN_IN_FAILED, detail=detail)


_RESETS = (
    SIGN_IN,
    UNLOCK,
    "user.password_reset",
    "user.password_changed",
    "user.password_set",
    "user.enabled",
)


def _locked_until(session: Session, key: str, now: datetime) -> datetime | None:
    """Count the failures since the last success within the window, from the audit trail."""
    rows = session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.detail)
        .where(
            AuditEvent.action.in_((SIGN_IN_FAILED, *_RESETS)),
            AuditEvent.at >= now - FAILURE_WINDOW,
            AuditEvent.at <= now,  # a clock set back must not lock anyone out for hours
        )
        .order_by(AuditEvent.id)
    ).all()
    failures: list[datetime] = []
    for action, at, detail in rows:
        if not isinstance(detail, dict) or detail.get("key") != key:
            continue
        if action in _RESETS:
            failures.clear()
        elif detail.get("reason") != "locked_out":
            failures.append(at)
    if len(failures) < MAX_FAILURES:
        return None
    until: datetime = max(failures) + LOCKOUT
    return until if now < until else None


def _clock_text(instant: datetime) -> str:
    return london(instant).strftime("%H:%M")


def _authenticated(user: User, signed_in_at: datetime) -> AuthenticatedUser:
    return AuthenticatedUser(user.id, user.username, user.display_name, user.role, signed_in_at)


# ------------------------------------------------------------------------ managing users


def create_user(
    db: Database,
    username: str,
    display_name: str,
    role: str,
    password: str,
    *,
    actor: str | None,
    now: datetime,
) -> UserInfo:
    """Create a user who can sign in.

    `actor` None is the first-run wizard: allowed only while no administrator who can
    sign in exists, and only for an administrator, so the wizard cannot be reused later
    to let anyone in. Afterwards only an administrator may create users.
    """
    now = as_utc(now)
    name = _check_username(username)
    shown = _check_display_name(display_name, name)
    _check_role(role)
    check_password(password, name)
    with db.session() as session:
        if actor is None:
            if sign_in_configured(session):
                raise PermissionDenied(
                    None,
                    "users.manage",
                    None,
                    "an administrator already exists: sign in as an administrator to add users",
                )
            if role != "admin":
                raise InputError("role", "the first user must be an administrator (admin)")
            acting: User | None = None
        else:
            acting = authorize(session, actor, "users.manage")
        clash = session.scalar(select(User).where(func.lower(User.username) == name.lower()))
        if clash is not None:
            hint = (
                "; it has no password yet: an administrator can set one"
                if clash.password_hash is None
                else ""
            )
            raise InputError("username", f"{clash.username!r} already exists{hint}")
        user = User(
            username=name,
            display_name=shown,
            role=role,
            active=True,
            password_hash=HASHER.hash(password),
            created_at=now,
        )
        session.add(user)
        session.flush()
        record_event(
            session,
            at=now,
            action="user.created",
            user_id=acting.id if acting is not None else user.id,
            detail={
                "username": name,
                "display_name": shown,
                "role": role,
                "first_run": acting is None,
            },
        )
        return UserInfo.of(user)


def provision_user(
    db: Database,
    username: str,
    display_name: str,
    role: str,
    password: str,
    *,
    now: datetime,
    os_user: str,
) -> UserInfo:
    """`mscc-desk user add`: create a user from the command line, any role, no sign-in.

    The command line is trusted as the machine's administrator: to run it against this
    database one needs the SQLite file (or the PostgreSQL credentials), which already
    allow any change at all, so asking for an admin password there would protect
    nothing and would push administrators to edit the user table by hand, unaudited.
    The operating-system account is recorded instead. A user who exists without a
    password (made by `ensure_user` when a script named them) gets one, so a name
    already in the records can start signing in; an existing password is never
    replaced here (that is `reset_password`, by an administrator).
    """
    now = as_utc(now)
    name = _check_username(username)
    _check_role(role)
    check_password(password, name)
    with db.session() as session:
        user = session.scalar(select(User).where(func.lower(User.username) == name.lower()))
        if user is not None and user.password_hash is not None:
            raise InputError("username", f"{user.username!r} already exists")
        if user is None:
            user = User(
                username=name,
                display_name=_check_display_name(display_name, name),
                role=role,
                active=True,
                created_at=now,
            )
            session.add(user)
            action = "user.created"
        else:
            if display_name and display_name.strip():
                user.display_name = _check_display_name(display_name, user.username)
            user.role = role
            action = "user.password_set"
        user.password_hash = HASHER.hash(password)
        session.flush()
        record_event(
            session,
            at=now,
            action=action,
            detail={
                "username": user.username,
                "display_name": user.display_name,
                "role": role,
                "via": "command_line",
                "os_user": os_user,
                "key": attempt_key(user.username),
            },
        )
        return UserInfo.of(user)


def list_users(db: Database) -> list[UserInfo]:
    with db.read_session() as session:
        return [UserInfo.of(u) for u in session.scalars(select(User).order_by(User.username))]


def disable_user(db: Database, username: str, *, actor: str, now: datetime) -> UserInfo:
    """The account stays (the audit trail names it) but can no longer sign in or act."""
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _target(session, username)
        if user.active and _is_last_admin(session, user):
            raise InputError(
                "username",
                f"{user.username!r} is the last active administrator; make another user "
                "an administrator first",
            )
        if user.active:
            user.active = False
            _audit_user(session, now, acting, "user.disabled", user)
        return UserInfo.of(user)


def enable_user(db: Database, username: str, *, actor: str, now: datetime) -> UserInfo:
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _target(session, username)
        if not user.active:
            user.active = True
            _audit_user(session, now, acting, "user.enabled", user, key=attempt_key(user.username))
        return UserInfo.of(user)


def reset_password(
    db: Database, username: str, password: str, *, actor: str, now: datetime
) -> UserInfo:
    """Set a new password; also lifts a sign-in lockout and lets `ensure_user` users in."""
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _target(session, username)
        check_password(password, user.username)
        user.password_hash = HASHER.hash(password)
        _audit_user(
            session, now, acting, "user.password_reset", user, key=attempt_key(user.username)
        )
        return UserInfo.of(user)


def change_password(
    db: Database, username: str, old_password: str, new_password: str, now: datetime
) -> None:
    """A user changes their own password; the old one must be right (rate limited)."""
    now = as_utc(now)
    name = username.strip()
    key = attempt_key(name)
    check_password(new_password, name)
    refusal: SignInError | None = None
    with db.session() as session:
        user = _find_for_sign_in(session, name)
        refusal = _check_password(session, user, name, key, old_password, now, "change_password")
        if refusal is None:
            assert user is not None
            user.password_hash = HASHER.hash(new_password)
            _audit_user(session, now, user, "user.password_changed", user, key=key)
    if refusal is not None:
        raise refusal


def change_role(db: Database, username: str, role: str, *, actor: str, now: datetime) -> UserInfo:
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        _check_role(role)
        user = _target(session, username)
        if user.role == role:
            return UserInfo.of(user)
        if role != "admin" and user.active and _is_last_admin(session, user):
            raise InputError(
                "role",
                f"{user.username!r} is the last active administrator; make another user "
                "an administrator first",
            )
        before = user.role
        user.role = role
        _audit_user(session, now, acting, "user.role_changed", user, before=before)
        return UserInfo.of(user)


def check_password(password: str, username: str = "") -> None:
    """The password policy; the message never repeats the password."""
    if not isinstance(password, str):
        raise InputError("password", "must be text")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError("password", f"must be at most {MAX_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise InputError("password", "must not be only spaces")
    if username and password.strip().casefold() == username.strip().casefold():
        raise InputError("password", "must not be the username")


def _check_username(username: str) -> str:
    return check_user_name(username, "username")


def _check_display_name(display_name: str, username: str) -> str:
    shown = (display_name or "").strip() or username
    if len(shown) > MAX_DISPLAY_NAME_LENGTH:
        raise InputError("display_name", f"must be at most {MAX_DISPLAY_NAME_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in shown):
        raise InputError("display_name", "must not contain control characters")
    return shown


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")


def _target(session: Session, username: str) -> User:
    name = (username or "").strip()
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise InputError("username", f"there is no user {name!r}")
    return user


def _is_last_admin(session: Session, user: User) -> bool:
    """Whether `user` is the only active administrator who can sign in."""
    if user.role != "admin" or not user.active or user.password_hash is None:
        return False
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            User.role == "admin",
            User.active.is_(True),
            User.password_hash.is_not(None),
            User.id != user.id,
        )
    )
    return not others


def _audit_user(
    session: Session,
    now: datetime,
    acting: User,
    action: str,
    user: User,
    *,
    key: str | None = None,
    before: str | None = None,
) -> None:
    detail: dict[str, Any] = {"username": user.username, "role": user.role}
    if key is not None:
        detail["key"] = key  # lifts a sign-in lockout (see _locked_until)
    if before is not None:
        detail["role_before"] = before
    record_event(session, at=as_utc(now), action=action, user_id=acting.id, detail=detail)

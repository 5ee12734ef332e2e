"""Signing in, the screen lock and managing users, for a ward PC several people share.

Passwords are kept only as Argon2 hashes. Every sign-in, failure, sign-out, lock and
unlock is an audit event, so "who was at the desk at 03:10" has an answer; no event ever
holds a password, nor anything derived from a name that is not an account (people type
their password into the username box). Wrong passwords earn a growing pause, per account
and per workstation, never a lockout (see `backoff`); the pauses are counted from those
audit events, so restarting the app does not reset the count an attacker works against.

The refusal for an unknown username and for a wrong password is the same sentence, and
both verify a password hash so they take the same time: a passer-by cannot learn which
usernames exist. Users are never deleted (the audit trail must keep their names); they
are disabled instead.

Each function is one transaction of its own; a failed sign-in commits its audit event
before the error is raised, so a refusal is still on record.
"""

from __future__ import annotations

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
from .backoff import (
    PAUSED,
    SIGN_IN,
    SIGN_IN_FAILED,
    UNLOCK,
    Pause,
    current_pause,
    wait_text,
    workstation_name,
    workstation_or_here,
)
from .engine import Database
from .models import User
from .permissions import PermissionDenied, allowed, authorize, sign_in_configured
from .retry import run_unit_of_work
from .users import ROLES

MIN_PASSWORD_LENGTH = 8
# Argon2 of a megabyte-long "password" is a cheap way to keep the PC busy.
MAX_PASSWORD_LENGTH = 1024
MAX_USERNAME_LENGTH = MAX_USER_NAME  # User.username is String(80)
MAX_DISPLAY_NAME_LENGTH = 200

# The window's inactivity lock; the GUI reads it (a setting may override it later).
SCREEN_LOCK_AFTER = timedelta(minutes=5)

SIGN_OUT = "auth.sign_out"
LOCK = "auth.lock"
WORKSTATION_UNLOCKED = "auth.workstation_unlocked"

WRONG_CREDENTIALS = (
    "Wrong username or password. If you have not been given a password yet, "
    "ask an administrator to set one."
)
DISABLED = "This account is disabled. Ask an administrator to enable it."
PAUSE_MESSAGE = (
    "Please wait {wait} before trying again{until}. After several wrong passwords "
    "sign-in pauses for a while, to slow down guessing; an administrator can lift the pause."
)

HASHER = PasswordHasher()


class SignInError(Exception):
    """A refused sign-in or unlock; `message` is fit to show on the sign-in screen."""

    def __init__(self, message: str, *, paused_until: datetime | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.paused_until = paused_until


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


def authenticate(
    db: Database,
    username: str,
    password: str,
    now: datetime,
    *,
    workstation: str | None = None,
    context: str = "sign_in",
) -> AuthenticatedUser:
    """Check a username and password; raises SignInError (after auditing) if refused.

    `workstation` defaults to this computer's host name; `context` says where the
    password was typed ("sign_in" in the window, "command_line").
    """
    now = as_utc(now)
    place = workstation_or_here(workstation)
    with db.session() as session:
        user = _find_for_sign_in(session, username.strip())
        refusal = _check_password(session, user, password, now, place, context)
        if refusal is None:
            assert user is not None
            record_event(
                session,
                at=now,
                action=SIGN_IN,
                user_id=user.id,
                detail={
                    "username": user.username,
                    "account": user.id,
                    "workstation": place,
                    "context": context,
                },
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
    db: Database,
    user: AuthenticatedUser,
    password: str,
    now: datetime,
    *,
    workstation: str | None = None,
) -> AuthenticatedUser:
    """Only the person who locked the screen unlocks it, with their password.

    Someone else at a locked desk signs the first person out and signs in themselves
    (`sign_out(..., reason="switch_user")` then `authenticate`). A wrong password here
    counts towards the same pauses as at the sign-in screen.
    """
    now = as_utc(now)
    place = workstation_or_here(workstation)
    with db.session() as session:
        row = session.get(User, user.user_id)
        refusal = _check_password(session, row, password, now, place, "unlock")
        if refusal is None:
            assert row is not None
            record_event(
                session,
                at=now,
                action=UNLOCK,
                user_id=row.id,
                detail={"username": row.username, "account": row.id, "workstation": place},
            )
            unlocked = _authenticated(row, user.signed_in_at)
    if refusal is not None:
        raise refusal
    return unlocked


def sign_in_pause(
    db: Database, username: str, now: datetime, *, workstation: str | None = None
) -> Pause | None:
    """The pause in force for this name typed at this workstation, or None."""
    now = as_utc(now)
    place = workstation_or_here(workstation)
    with db.read_session() as session:
        user = _find_for_sign_in(session, username.strip())
        return current_pause(
            session, account_id=user.id if user else None, workstation=place, now=now
        )


def account_pauses(db: Database, now: datetime) -> dict[str, datetime]:
    """Username -> when its account's pause ends, for the accounts paused now."""
    now = as_utc(now)
    with db.session() as session:
        paused: dict[str, datetime] = {}
        for user in session.scalars(select(User).order_by(User.username)):
            pause = current_pause(session, account_id=user.id, workstation=None, now=now)
            if pause is not None:
                paused[user.username] = pause.until
        return paused


def pause_message(pause: Pause, now: datetime) -> str:
    """How long to wait (and, for a longer wait, until when), and who can lift it."""
    wait = pause.wait_from(as_utc(now))
    # "until 09:30" for a 30-second wait would mislead, so only longer waits say it.
    until = f" (until {pause_end_text(pause.until)})" if wait >= timedelta(minutes=2) else ""
    return PAUSE_MESSAGE.format(wait=wait_text(wait), until=until)


def pause_end_text(until: datetime) -> str:
    """When a pause ends, as a London wall-clock time rounded up to the minute."""
    ends = until + timedelta(seconds=59, microseconds=999_999)
    return _clock_text(ends.replace(second=0, microsecond=0))


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
    password: str,
    now: datetime,
    workstation: str,
    context: str,
) -> SignInError | None:
    """None if the password is right for an active user; else the audited refusal."""
    account_id = user.id if user is not None else None
    pause = current_pause(session, account_id=account_id, workstation=workstation, now=now)
    if pause is not None:
        # Refused without looking at the password, and not counted: waiting is the rule.
        _record_failure(session, now, user, PAUSED, context, workstation)
        return SignInError(pause_message(pause, now), paused_until=pause.until)
    verified = _verify(user, password)
    if user is not None and verified and not user.active:
        # Said only to someone who knows the password, so it reveals no username.
        _record_failure(session, now, user, "disabled", context, workstation)
        return SignInError(DISABLED)
    if user is None or not verified:
        if user is None:
            reason = "unknown_user"
        elif user.password_hash is None:
            reason = "no_password"
        else:
            reason = "wrong_password"
        _record_failure(session, now, user, reason, context, workstation)
        pause = current_pause(session, account_id=account_id, workstation=workstation, now=now)
        if pause is not None:
            message = f"{WRONG_CREDENTIALS} {pause_message(pause, now)}"
            return SignInError(message, paused_until=pause.until)
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
    session: Session,
    now: datetime,
    user: User | None,
    reason: str,
    context: str,
    workstation: str,
) -> None:
    # user_id stays empty: a failed attempt proves nobody's identity. The account is
    # named only when the typed name is one; a name that is not an account (perhaps a
    # password typed in the wrong box) leaves no trace, not even a hash.
    detail: dict[str, Any] = {"reason": reason, "context": context, "workstation": workstation}
    if user is not None:
        detail["account"] = user.id
        detail["username"] = user.username
    record_event(session, at=now, action=SIGN_IN_FAILED, detail=detail)


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
    password_hash = HASHER.hash(password)

    def write(session: Session) -> UserInfo:
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
            password_hash=password_hash,
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

    # Two administrators adding the same name at once: the second is told it exists.
    return run_unit_of_work(db, write)


def provision_user(
    db: Database,
    username: str,
    display_name: str,
    role: str,
    password: str,
    *,
    now: datetime,
    os_user: str,
    actor: str | None = None,
) -> UserInfo:
    """`mscc-desk user add`: create a user from the command line, any role.

    Until the first administrator exists this needs no one (`actor` None): a fresh
    install or a script sets the desk up, and the operating-system account is recorded.
    From then on only an administrator may, so `actor` must name one whose credential
    the command line has checked (`credentials.act_as`); otherwise anyone at a terminal
    could make themselves an administrator. A user who exists without a password (made
    by `ensure_user` when a script named them) gets one, so a name already in the
    records can start signing in; an existing password is never replaced here (that is
    `reset_password`, by an administrator).
    """
    now = as_utc(now)
    name = _check_username(username)
    _check_role(role)
    check_password(password, name)
    password_hash = HASHER.hash(password)

    def write(session: Session) -> UserInfo:
        acting: User | None = None
        if actor is not None:
            acting = authorize(session, actor, "users.manage")
        elif sign_in_configured(session):
            raise PermissionDenied(
                None,
                "users.manage",
                None,
                "an administrator already exists, so adding a user needs an "
                "administrator's credential",
            )
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
        user.password_hash = password_hash
        session.flush()
        record_event(
            session,
            at=now,
            action=action,
            user_id=acting.id if acting is not None else None,
            detail={
                "username": user.username,
                "display_name": user.display_name,
                "role": role,
                "via": "command_line",
                "os_user": os_user,
                "account": user.id,  # ends a sign-in pause (see backoff)
            },
        )
        return UserInfo.of(user)

    return run_unit_of_work(db, write)


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
            _audit_user(session, now, acting, "user.enabled", user, ends_pause=True)
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
        _audit_user(session, now, acting, "user.password_reset", user, ends_pause=True)
        return UserInfo.of(user)


def change_password(
    db: Database,
    username: str,
    old_password: str,
    new_password: str,
    now: datetime,
    *,
    workstation: str | None = None,
) -> None:
    """A user changes their own password; the old one must be right (and pauses count)."""
    now = as_utc(now)
    name = username.strip()
    place = workstation_or_here(workstation)
    check_password(new_password, name)
    with db.session() as session:
        user = _find_for_sign_in(session, name)
        refusal = _check_password(session, user, old_password, now, place, "change_password")
        if refusal is None:
            assert user is not None
            user.password_hash = HASHER.hash(new_password)
            _audit_user(session, now, user, "user.password_changed", user, ends_pause=True)
    if refusal is not None:
        raise refusal


def unlock_account(db: Database, username: str, *, actor: str, now: datetime) -> UserInfo:
    """An administrator lifts the sign-in pause on an account, at once (audited)."""
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _target(session, username)
        _audit_user(session, now, acting, "user.unlocked", user, ends_pause=True)
        return UserInfo.of(user)


def unlock_workstation(db: Database, workstation: str, *, actor: str, now: datetime) -> str:
    """An administrator lifts the sign-in pause on a workstation (by its host name)."""
    name = workstation_name(workstation or "")
    if not workstation or not workstation.strip():
        raise InputError("--workstation", "is required: the host name of the workstation")
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        record_event(
            session,
            at=as_utc(now),
            action=WORKSTATION_UNLOCKED,
            user_id=acting.id,
            detail={"workstation": name},
        )
    return name


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
    ends_pause: bool = False,
    before: str | None = None,
) -> None:
    detail: dict[str, Any] = {"username": user.username, "role": user.role}
    if ends_pause:
        detail["account"] = user.id  # ends the account's sign-in pause (see backoff)
    if before is not None:
        detail["role_before"] = before
    record_event(session, at=as_utc(now), action=action, user_id=acting.id, detail=detail)

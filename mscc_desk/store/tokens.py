"""API tokens: how a script proves who it acts for, without a password in a file.

An administrator issues a token for a user (`mscc-desk user token NAME`); it is shown
once and never again. It reads `mscc_<id>_<secret>`: the id (not secret) finds the row,
and the secret is checked against an Argon2 hash, the only thing kept, so a copy of the
database gives no token away. A token expires (90 days unless the administrator says
otherwise, never later than the desk's `security.token_max_days`), can be revoked one by
one or all at once, and acts only while its user is active and only as that user's role
allows. Issuing, revoking and every refused use are audit events; none holds a secret,
and a refused token's id is recorded only when it names a real token.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.clock import as_utc
from ..domain.errors import InputError
from . import auth
from .audit import record_event
from .engine import Database
from .models import ApiToken, User
from .permissions import authorize
from .settings import get_setting

PREFIX = "mscc"
DEFAULT_LIFETIME = timedelta(days=90)
MAX_DAYS_KEY = "security.token_max_days"
DEFAULT_MAX_DAYS = 365
ENV_VAR = "MSCC_DESK_TOKEN"

ISSUED = "token.issued"
REVOKED = "token.revoked"
REFUSED = "token.refused"

_SHAPE = re.compile(rf"{PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{43}})")


class TokenRefused(InputError):
    """A token that cannot act: malformed, unknown, wrong, expired or revoked."""

    def __init__(self, problem: str) -> None:
        super().__init__(ENV_VAR, problem)


@dataclass(frozen=True)
class IssuedToken:
    """The token itself is here and nowhere else: print it once."""

    token: str
    token_id: str
    username: str
    expires_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    token_id: str
    username: str
    issued_at: datetime
    issued_by: str
    expires_at: datetime
    revoked_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if as_utc(now) >= self.expires_at else "active"

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "token_id": self.token_id,
            "user": self.username,
            "issued_at": self.issued_at.isoformat(),
            "issued_by": self.issued_by,
            "expires_at": self.expires_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "state": self.state(now),
        }


def issue_token(
    db: Database,
    username: str,
    *,
    actor: str,
    now: datetime,
    expires_at: datetime | None = None,
) -> IssuedToken:
    """A new token for `username`; only an administrator may issue one."""
    now = as_utc(now)
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _user(session, username)
        if not user.active:
            raise InputError("NAME", f"{user.username!r} is disabled; enable the account first")
        expires = _check_expiry(session, expires_at, now)
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        session.add(
            ApiToken(
                token_id=token_id,
                user_id=user.id,
                secret_hash=auth.HASHER.hash(secret),
                issued_at=now,
                issued_by_id=acting.id,
                expires_at=expires,
            )
        )
        session.flush()
        record_event(
            session,
            at=now,
            action=ISSUED,
            user_id=acting.id,
            detail={
                "token_id": token_id,
                "username": user.username,
                "expires_at": expires.isoformat(),
            },
        )
        return IssuedToken(f"{PREFIX}_{token_id}_{secret}", token_id, user.username, expires)


def revoke_tokens(
    db: Database, username: str, which: str, *, actor: str, now: datetime
) -> list[str]:
    """Revoke one of the user's tokens by id, or `all` of them; returns the ids revoked."""
    now = as_utc(now)
    with db.session() as session:
        acting = authorize(session, actor, "users.manage")
        user = _user(session, username)
        query = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        if which.strip().lower() != "all":
            token_id = which.strip().lower()
            known = session.scalar(
                select(ApiToken).where(ApiToken.token_id == token_id, ApiToken.user_id == user.id)
            )
            if known is None:
                raise InputError("--revoke", f"{user.username!r} has no token {which.strip()!r}")
            query = query.where(ApiToken.token_id == token_id)
        revoked = []
        for token in session.scalars(query.order_by(ApiToken.id)):
            token.revoked_at = now
            token.revoked_by_id = acting.id
            revoked.append(token.token_id)
        if revoked:
            record_event(
                session,
                at=now,
                action=REVOKED,
                user_id=acting.id,
                detail={"token_ids": revoked, "username": user.username},
            )
        return revoked


def list_tokens(db: Database, username: str, *, actor: str) -> list[TokenInfo]:
    """A user's tokens, newest first, without their secrets (which are not kept)."""
    with db.session() as session:
        authorize(session, actor, "users.manage")
        user = _user(session, username)
        rows = session.execute(
            select(ApiToken, User.username)
            .join(User, User.id == ApiToken.issued_by_id)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.issued_at.desc(), ApiToken.id.desc())
        ).all()
        return [
            TokenInfo(t.token_id, user.username, t.issued_at, issuer, t.expires_at, t.revoked_at)
            for t, issuer in rows
        ]


def token_user(db: Database, token: str, now: datetime, *, workstation: str) -> str:
    """The username a token acts for; raises TokenRefused (after auditing) if it cannot."""
    now = as_utc(now)
    refusal: TokenRefused | None = None
    with db.session() as session:
        reason, row = _check(session, token.strip(), now)
        if reason is None:
            assert row is not None
            user = session.get(User, row.user_id)
            assert user is not None
            return user.username
        detail: dict[str, Any] = {"reason": reason, "workstation": workstation}
        if row is not None:  # a real token's id is no secret; a made-up one is not kept
            detail["token_id"] = row.token_id
            detail["account"] = row.user_id
        record_event(session, at=now, action=REFUSED, detail=detail)
        refusal = TokenRefused(_REFUSALS[reason])
    raise refusal


_REFUSALS = {
    "malformed": "is not a token from `mscc-desk user token` (mscc_<id>_<secret>)",
    "unknown": "is not a token of this desk (or it was mistyped)",
    "wrong_secret": "is not a token of this desk (or it was mistyped)",
    "revoked": "has been revoked; ask an administrator for a new token",
    "expired": "has expired; ask an administrator for a new token",
}


def _check(session: Session, token: str, now: datetime) -> tuple[str | None, ApiToken | None]:
    shape = _SHAPE.fullmatch(token)
    if shape is None:
        return "malformed", None
    token_id, secret = shape.groups()
    row = session.scalar(select(ApiToken).where(ApiToken.token_id == token_id))
    if row is None:
        return "unknown", None
    try:
        auth.HASHER.verify(row.secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return "wrong_secret", row
    if row.revoked_at is not None:
        return "revoked", row
    if now >= row.expires_at:
        return "expired", row
    return None, row


def _check_expiry(session: Session, expires_at: datetime | None, now: datetime) -> datetime:
    raw = get_setting(session, MAX_DAYS_KEY)
    try:
        max_days = int(str(raw).strip()) if raw is not None else DEFAULT_MAX_DAYS
    except ValueError:
        max_days = DEFAULT_MAX_DAYS
    max_days = max(1, max_days)  # a bad setting must not make tokens that never expire
    if expires_at is None:
        return now + min(DEFAULT_LIFETIME, timedelta(days=max_days))
    expires = as_utc(expires_at)
    if expires <= now:
        raise InputError("--expires", "must be in the future")
    if expires > now + timedelta(days=max_days):
        raise InputError("--expires", f"must be within {max_days} days (the desk's {MAX_DAYS_KEY})")
    return expires


def _user(session: Session, username: str) -> User:
    name = (username or "").strip()
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        raise InputError("NAME", f"there is no user {name!r}")
    return user

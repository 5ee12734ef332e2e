"""Users as the store knows them: every entry in the database records one of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..domain.limits import check_user_name
from .engine import Database
from .models import User

# "manager": the service's lead or manager, who reads the service audit and changes nothing.
ROLES = ("coordinator", "registrar", "viewer", "manager", "admin")


def ensure_user(
    session: Session,
    username: str,
    now: datetime,
    display_name: str | None = None,
    role: str = "coordinator",
) -> User:
    """Find a user by name, creating them on first use (until sign-in exists)."""
    name = check_user_name(username, "user")
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    # One person, one account: `Cora` and `cora` are the same user.
    user = session.scalar(select(User).where(func.lower(User.username) == name.lower()))
    if user is None:
        user = User(username=name, display_name=display_name or name, role=role, created_at=now)
        session.add(user)
        session.flush()
    return user


def display_name_of(db: Database, username: str) -> str:
    """How a person is named on screen and on paper ("Dr A Patel"), never their sign-in
    name; the name as given when nobody has it (a script's `--user` before sign-in)."""
    name = username.strip()
    if not name:
        return ""
    with db.session() as session:
        found = session.scalar(
            select(User.display_name).where(func.lower(User.username) == name.lower())
        )
    return found or name

"""Who is at the desk and who holds the coordinator role, kept in the `setting` table.

Both live in the database rather than on the PC, so every workstation on a shared
database shows the same coordinator, and the desk comes back to the last person who
used it after a restart. A change of coordinator is a clinical hand-over, so it goes in
the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...store.audit import record_event
from ...store.engine import Database
from ...store.handover import COORDINATOR_SETTING, record_handover
from ...store.models import Setting, User
from ...store.settings import get_setting, set_setting
from ...store.users import ensure_user

DESK_USER_KEY = "desk.last_user"
COORDINATOR_KEY = COORDINATOR_SETTING


@dataclass(frozen=True)
class KnownUser:
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class Coordinator:
    text: str
    since: datetime | None


def known_users(db: Database) -> list[KnownUser]:
    with db.read_session() as session:
        users = session.scalars(
            select(User).where(User.active.is_(True)).order_by(User.display_name)
        ).all()
        return [KnownUser(u.username, u.display_name, u.role) for u in users]


def last_desk_user(db: Database) -> str:
    with db.read_session() as session:
        return get_setting(session, DESK_USER_KEY) or ""


def remember_desk_user(
    db: Database, username: str, now: datetime, role: str = "coordinator"
) -> KnownUser:
    """Create the person on first use, and make them the desk's user from now on."""
    with db.session() as session:
        user = ensure_user(session, username, now, role=role)
        previous = get_setting(session, DESK_USER_KEY)
        set_setting(session, DESK_USER_KEY, user.username, now)
        if previous != user.username:
            record_event(
                session,
                at=now,
                action="desk.user_changed",
                user_id=user.id,
                detail={"from": previous, "to": user.username},
            )
        return KnownUser(user.username, user.display_name, user.role)


def current_coordinator(db: Database) -> Coordinator:
    with db.read_session() as session:
        row = session.get(Setting, COORDINATOR_KEY)
        return Coordinator(row.value, row.updated_at) if row else Coordinator("", None)


def change_coordinator(db: Database, text: str, *, user: str, now: datetime) -> bool:
    """The header's Change…: a hand-over of the coordinator role, recorded as one.

    False (and nothing written) when nothing changed.
    """
    text = " ".join(text.split())
    if not text:
        raise ValueError("the coordinator's name is required")
    previous = current_coordinator(db).text
    if previous == text:
        return False
    record_handover(db, previous, text, user, now)
    return True

"""What a handover writes, and who holds the coordinator role.

There are no handover tables: a per-case handover note, the role passing from one person
to another, and a printed sheet are audit events (append-only, with author and time,
chained like every other change), and the current coordinator is the setting the main
window's header shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.dataset import clean_text
from ...domain.errors import InputError
from ..audit import record_event
from ..engine import Database
from ..models import Case
from ..permissions import acting_user
from ..settings import get_setting, set_setting

COORDINATOR_SETTING = "coordinator.current"
SERVICE_SETTING = "service.name"
DEFAULT_SERVICE_NAME = "MSCC coordination service"

NOTE_ACTION = "case.handover_note"
HANDOVER_ACTION = "handover"
# The main window's header changes the coordinator too; that is the role changing hands
# as surely as the handover dialog, so "since the last handover" counts from either.
ROLE_CHANGE_ACTIONS = (HANDOVER_ACTION, "coordinator.changed")
PRINTED_ACTION = "handover.printed"

MAX_NOTE = 2000
MAX_NAME = 200


@dataclass(frozen=True)
class HandoverNote:
    """The outgoing coordinator's words for one case, signed and timed."""

    case_id: int
    text: str
    author: str
    at: datetime


@dataclass(frozen=True)
class HandoverRecord:
    """The coordinator role passing from one person to another."""

    from_text: str
    to_text: str
    by: str
    at: datetime

    @property
    def text(self) -> str:
        return f"{self.from_text or 'not recorded'} → {self.to_text}"


def current_coordinator(db: Database) -> str:
    with db.read_session() as session:
        return get_setting(session, COORDINATOR_SETTING) or ""


def service_name(db: Database) -> str:
    with db.read_session() as session:
        return (get_setting(session, SERVICE_SETTING) or "").strip() or DEFAULT_SERVICE_NAME


def _clean(text: str, field: str, limit: int, required: bool) -> str:
    cleaned = clean_text(text or "", field, limit)
    if required and not cleaned:
        raise InputError(field, "is required")
    return cleaned


def set_handover_note(
    db: Database, case_id: int, text: str, user: str, now: datetime
) -> HandoverNote | None:
    """Keep a new note for the case; an empty text clears it. Earlier notes stay in the
    audit trail, so who told whom what at which handover can always be read back."""
    cleaned = _clean(text, "note", MAX_NOTE, required=False)
    with db.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise InputError("case", f"there is no case {case_id}")
        author = acting_user(session, user, "case.write", now)
        record_event(
            session,
            at=now,
            action=NOTE_ACTION,
            user_id=author.id,
            case_id=case_id,
            detail={"text": cleaned},
        )
        if not cleaned:
            return None
        return HandoverNote(case_id, cleaned, author.display_name, now)


def record_handover(
    db: Database, from_text: str, to_text: str, user: str, now: datetime
) -> HandoverRecord:
    """The role passes: kept as an event and made the coordinator every header shows."""
    from_clean = _clean(from_text, "from", MAX_NAME, required=False)
    to_clean = _clean(to_text, "to", MAX_NAME, required=True)
    with db.session() as session:
        author = acting_user(session, user, "case.write", now)
        record_event(
            session,
            at=now,
            action=HANDOVER_ACTION,
            user_id=author.id,
            detail={"from": from_clean, "to": to_clean},
        )
        set_setting(session, COORDINATOR_SETTING, to_clean, now)
        return HandoverRecord(from_clean, to_clean, author.display_name, now)


def check_may_print(db: Database, user: str, now: datetime) -> None:
    """Asked before a sheet is drawn, so a refused printout leaves no file behind.

    Only asks: a user named for the first time (before sign-in exists) is created with
    the printout's own audit event by `record_printed`, not here.
    """
    with db.session() as session:
        acting_user(session, user, "print", now)
        session.rollback()


def record_printed(
    db: Database, user: str, now: datetime, *, pages: int, open_cases: int, target: str
) -> None:
    """A printed sheet holds personal data: who printed which copy, and when, is kept."""
    with db.session() as session:
        author = acting_user(session, user, "print", now)
        record_event(
            session,
            at=now,
            action=PRINTED_ACTION,
            user_id=author.id,
            detail={"pages": pages, "open_cases": open_cases, "target": target},
        )

"""The alert options every workstation on one database shares: how long before a clock's
due time "due soon" and "imminent" are raised, and whether alerts make a sound.

A value edited behind the app's back falls back to its default rather than silence the
alarms; a change is checked whole (imminent nearer the deadline than due soon, neither
longer than the longest clock) and recorded as an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ...domain.deadlines import DEFAULT_LEADS, Stage
from ...domain.errors import InputError
from ..audit import record_event
from ..engine import Database
from ..permissions import acting_user
from ..settings import get_setting, set_setting

DUE_SOON_KEY = "alerts.due_soon_minutes"
IMMINENT_KEY = "alerts.imminent_minutes"
SOUND_KEY = "alerts.sound"
DEFAULT_DUE_SOON_MINUTES = int(DEFAULT_LEADS[Stage.due_soon].total_seconds() // 60)
DEFAULT_IMMINENT_MINUTES = int(DEFAULT_LEADS[Stage.imminent].total_seconds() // 60)
# A week: the longest clock is 7 days, and a lead longer than its clock would only ever
# raise "due soon" at the moment the clock starts.
MAX_LEAD_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class AlertSettings:
    """The alert options every workstation on one database shares."""

    due_soon_minutes: int = DEFAULT_DUE_SOON_MINUTES
    imminent_minutes: int = DEFAULT_IMMINENT_MINUTES
    sound: bool = False

    def leads(self) -> dict[Stage, timedelta]:
        return {
            Stage.due_soon: timedelta(minutes=self.due_soon_minutes),
            Stage.imminent: timedelta(minutes=self.imminent_minutes),
        }


def _stored_minutes(session: Session, key: str, default: int) -> int:
    # A value edited behind the app's back must not silence the alarms: fall back.
    text = get_setting(session, key)
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if 0 < value <= MAX_LEAD_MINUTES else default


def _settings(session: Session) -> AlertSettings:
    due_soon = _stored_minutes(session, DUE_SOON_KEY, DEFAULT_DUE_SOON_MINUTES)
    imminent = _stored_minutes(session, IMMINENT_KEY, DEFAULT_IMMINENT_MINUTES)
    if imminent >= due_soon:
        due_soon, imminent = DEFAULT_DUE_SOON_MINUTES, DEFAULT_IMMINENT_MINUTES
    sound = (get_setting(session, SOUND_KEY) or "").strip().lower() in ("1", "true", "yes", "on")
    return AlertSettings(due_soon, imminent, sound)


def alert_settings(db: Database) -> AlertSettings:
    with db.read_session() as session:
        return _settings(session)


def lead_times(db: Database) -> dict[Stage, timedelta]:
    """How long before the due instant each early stage is raised, as set for this desk."""
    return alert_settings(db).leads()


def _check_minutes(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, f"expected a whole number of minutes, got {value!r}")
    if value <= 0:
        raise InputError(field, "must be a positive number of minutes")
    if value > MAX_LEAD_MINUTES:
        raise InputError(field, f"must be at most {MAX_LEAD_MINUTES} minutes (7 days)")
    return value


def validate_lead_times(due_soon_minutes: object, imminent_minutes: object) -> tuple[int, int]:
    """Both leads positive, and "imminent" nearer the deadline than "due soon"."""
    due_soon = _check_minutes(DUE_SOON_KEY, due_soon_minutes)
    imminent = _check_minutes(IMMINENT_KEY, imminent_minutes)
    if imminent >= due_soon:
        raise InputError(
            IMMINENT_KEY,
            f"must be shorter than the due-soon lead ({due_soon} min), "
            f"or the stages would arrive out of order",
        )
    return due_soon, imminent


def save_alert_settings(
    db: Database,
    *,
    due_soon_minutes: object,
    imminent_minutes: object,
    sound: bool,
    user: str,
    now: datetime,
) -> AlertSettings:
    """Validate and store all alert options in one transaction, with an audit event."""
    due_soon, imminent = validate_lead_times(due_soon_minutes, imminent_minutes)
    if not isinstance(sound, bool):
        raise InputError(SOUND_KEY, f"expected true or false, got {sound!r}")
    after = AlertSettings(due_soon, imminent, sound)
    with db.session() as session:
        who = acting_user(session, user, "settings.manage", now)
        before = _settings(session)
        set_setting(session, DUE_SOON_KEY, str(due_soon), now)
        set_setting(session, IMMINENT_KEY, str(imminent), now)
        set_setting(session, SOUND_KEY, "true" if sound else "false", now)
        if before != after:
            record_event(
                session,
                at=now,
                action="settings.changed",
                user_id=who.id,
                detail={
                    "before": _settings_json(before),
                    "after": _settings_json(after),
                },
            )
    return after


def set_lead_times(
    db: Database,
    *,
    due_soon_minutes: object,
    imminent_minutes: object,
    user: str,
    now: datetime,
) -> AlertSettings:
    """Change the two lead times, keeping the sound option as it is."""
    current = alert_settings(db)
    return save_alert_settings(
        db,
        due_soon_minutes=due_soon_minutes,
        imminent_minutes=imminent_minutes,
        sound=current.sound,
        user=user,
        now=now,
    )


def set_sound(db: Database, enabled: bool, *, user: str, now: datetime) -> AlertSettings:
    current = alert_settings(db)
    return save_alert_settings(
        db,
        due_soon_minutes=current.due_soon_minutes,
        imminent_minutes=current.imminent_minutes,
        sound=enabled,
        user=user,
        now=now,
    )


def _settings_json(settings: AlertSettings) -> dict[str, Any]:
    return {
        DUE_SOON_KEY: settings.due_soon_minutes,
        IMMINENT_KEY: settings.imminent_minutes,
        SOUND_KEY: settings.sound,
    }

"""Settings kept in the database, so every workstation on one database agrees."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .models import Setting


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: str, now: datetime) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=now))
    else:
        row.value = value
        row.updated_at = now

"""What leaves the service is recorded: every export of the service audit (CSV, summary,
report) is an event in the audit trail, with who, which period and where it went."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...domain.audit_period import Period
from ..audit import record_event
from ..engine import Database
from ..permissions import acting_user

EXPORT_ACTION = "service_audit.exported"


def record_export(
    db: Database,
    user: str,
    now: datetime,
    *,
    kind: str,
    period: Period,
    cases: int,
    target: str | None = None,
    exact: bool = False,
) -> None:
    """Record one export; refused (writing nothing) unless `user` may read the audit."""
    with db.session() as session:
        actor = acting_user(session, user, "audit.read", now)
        detail: dict[str, Any] = {"kind": kind, **period.to_json(), "cases": cases}
        if target is not None:
            detail["target"] = target
        if exact:
            detail["exact"] = True
        record_event(session, at=now, action=EXPORT_ACTION, user_id=actor.id, detail=detail)

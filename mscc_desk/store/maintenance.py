"""`mscc-desk db ...`: migrate, check, back up and restore a database.

`check` runs everything in `store.integrity`: the engine's own integrity check, the
exact schema, the app's invariants, the audit chain, every covered row against the
digest the chain last recorded for it, and the chain's head against its witness file.
`restore` is the same restore as the Settings window's (`store.restore`): the backup is
checked in full first, a safety copy of the current contents is written, and the
restore is recorded in the audit trail.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.errors import InputError
from .backup import backup_to
from .backup_schedule import read_settings
from .engine import current_revision, open_database
from .engine import upgrade as _upgrade
from .integrity import inspect_database
from .restore import RestoreRefused, checked_backup, restore_backup
from .witness import witness_path


def upgrade(target: str | None) -> dict[str, Any]:
    db = open_database(target, migrate=False)
    try:
        backup_file = _upgrade(db.engine)
        return {"revision": current_revision(db.engine), "backup": backup_file}
    finally:
        db.dispose()


def check(target: str | None) -> dict[str, Any]:
    db = open_database(target, migrate=False)
    try:
        return inspect_database(db.engine, witness=witness_path(db.url)).to_json()
    finally:
        db.dispose()


def backup(target: str | None, out: Path) -> dict[str, Any]:
    db = open_database(target)
    try:
        written = backup_to(db.engine, out)
    finally:
        db.dispose()
    return {"backup": str(written), "bytes": written.stat().st_size}


def restore(target: str | None, source: Path, *, user: str, now: datetime) -> dict[str, Any]:
    """What the window's Restore does: check the backup in full (refused: exit 2, nothing
    touched), write a safety copy to the backup folder, restore, record `db.restore`."""
    try:
        with checked_backup(source) as backup:
            db = open_database(target)  # only now: a refused file leaves it as it was
            try:
                with db.session() as session:
                    folder = read_settings(session).folder
                result = restore_backup(db, backup, folder, actor=user, now=now)
            finally:
                db.dispose()
    except RestoreRefused as exc:
        raise InputError("IN", f"refused: {exc.summary()}") from None
    return {"restored_from": str(result.source), "safety_copy": str(result.safety_copy)}

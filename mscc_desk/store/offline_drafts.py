"""Calls typed while the database could not be reached, kept in files on this PC.

The intake form keeps its draft in the database as it is typed (`store.drafts`). When
the database does not answer (the network dropped, the server restarts), the same
draft goes into a private file in the user's data folder instead (0600, in a 0700
folder; `private_files`), written whole and atomically (a new file, then a rename), so
a crash or a power cut mid-write leaves the previous copy, never half of one.

Each file is named by the call's key (`Call.client_key`, made when the call was first
typed), and holds the database it belongs to, who typed it, the form's payload, and
whether Save was pressed. When the database answers again the desk writes it where it
belongs: as the draft with that key, or, if Save was pressed, as the call itself, which
`record_call` writes once however often it is tried (the key is unique). The file is
removed only after that has committed. A desk that was closed (or crashed) while the
database was away finds its files at the next start (`kept_for`).
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from ..domain.clock import Clock
from ..domain.errors import InputError
from ..domain.pathway import Pathway
from ..log_events import log_event
from ..private_files import open_private, private_dir, replaced_whole
from .calls import RecordOutcome, record_call
from .drafts import save_draft
from .engine import Database, app_data_dir

log = logging.getLogger(__name__)

FOLDER = "offline-drafts"
VERSION = 1


def new_key() -> str:
    """A call's key: random, so two desks typing at once never make the same one."""
    return str(uuid.uuid4())


def folder() -> Path:
    return app_data_dir() / FOLDER


def database_name(url: URL) -> str:
    """Which database a file belongs to, without its password."""
    return url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class OfflineDraft:
    key: str
    database: str
    user: str
    payload: dict[str, Any]
    summary: str
    case_id: int | None
    draft_id: int | None
    # What `record_call` takes, when Save was pressed: the call is to be recorded, not
    # only kept. None while it is still being typed.
    record: dict[str, Any] | None = None


def _path(key: str, where: Path | None = None) -> Path:
    uuid.UUID(key)  # a key is a UUID: never a path of someone's choosing
    return (where or folder()) / f"{key}.json"


def keep(draft: OfflineDraft, where: Path | None = None) -> Path:
    """Write the whole draft to its file (replacing the last copy at once)."""
    target = _path(draft.key, where)
    private_dir(target.parent)
    with replaced_whole(target) as partial, open_private(partial, "w") as out:
        json.dump({"version": VERSION, **asdict(draft)}, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    return target


def forget(key: str, where: Path | None = None) -> None:
    """The draft reached the database: its file goes."""
    _path(key, where).unlink(missing_ok=True)


def load(path: Path) -> OfflineDraft | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("version", None)
        return OfflineDraft(**data)
    except (OSError, ValueError, TypeError) as exc:
        # Never deleted: whatever it holds is somebody's typing, for a person to look at.
        log_event(log, "offline_draft.unreadable", level=logging.ERROR, path=path, error=str(exc))
        return None


def kept_for(url: URL, where: Path | None = None) -> list[OfflineDraft]:
    """The drafts kept on this PC for this database, oldest first."""
    base = where or folder()
    if not base.is_dir():
        return []
    files = sorted(base.glob("*.json"), key=lambda p: p.stat().st_mtime)
    name = database_name(url)
    found = [d for d in (load(p) for p in files) if d is not None]
    return [d for d in found if d.database == name]


@dataclass(frozen=True)
class Written:
    """What became of a kept draft: the call recorded, or a draft in the database (with
    the reason when Save had been pressed but the call was refused on its way in)."""

    outcome: RecordOutcome | None = None
    draft_id: int | None = None
    refused: InputError | None = None


def write_kept(
    db: Database, draft: OfflineDraft, *, clock: Clock, pathway: Pathway | None = None
) -> Written:
    """Put a kept draft where it belongs, then remove its file. Raises the database's
    error (and keeps the file) if it is still out of reach."""
    refused: InputError | None = None
    if draft.record is not None:
        try:
            outcome = record_call(
                db,
                draft.record,
                user=draft.user,
                case_id=draft.case_id,
                clock=clock,
                pathway=pathway,
                draft_id=draft.draft_id,
                client_key=draft.key,
            )
        except InputError as exc:  # e.g. the case was closed meanwhile: keep it as a draft
            refused = exc
        else:
            forget(draft.key)
            return Written(outcome=outcome)
    draft_id = save_draft(
        db,
        draft.draft_id,
        {**draft.payload, "client_key": draft.key},
        summary=draft.summary,
        user=draft.user,
        now=clock.now(),
        case_id=draft.case_id,
        client_key=draft.key,
    )
    forget(draft.key)
    return Written(draft_id=draft_id, refused=refused)

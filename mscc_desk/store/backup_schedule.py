"""The daily backup: what to write, how many to keep, and whether one is due.

The scheduler only decides *when to ask*; everything here is a plain function of the
database, the backup folder and an injected `now`, so it can be tested without waiting
for 02:00. The folder itself is the record of what was done: a backup is due when the
newest file in it is older than the last scheduled time, so a backup missed while the
PC was off (or asleep at 02:00) is caught up at the next start.

File names carry the time in UTC (`mscc-YYYYMMDD-HHMMSS.sqlite3`), so name order is
time order even across the October clock change, when 01:00–02:00 London time happens
twice. Pruning only ever touches files with exactly that name pattern: a folder shared
with anything else never loses someone else's files.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from ..domain.clock import LONDON, as_utc
from ..domain.errors import InputError
from ..log_events import log_event
from ..private_files import tighten, tighten_dir
from .audit import record_event
from .backup import PARTIAL, backup_to, remove_unfinished
from .engine import Database, app_backup_dir
from .permissions import authorize
from .settings import get_setting, set_setting

log = logging.getLogger(__name__)

FOLDER_KEY = "backup.folder"
KEEP_KEY = "backup.keep"
TIME_KEY = "backup.time"
DEFAULT_KEEP = 14
DEFAULT_TIME = "02:00"
MAX_KEEP = 3650

BACKUP_NAME = re.compile(r"^mscc-(\d{8})-(\d{6})\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep: int
    time: time


def default_folder() -> Path:
    return app_backup_dir()


def backup_name(now: datetime) -> str:
    return f"mscc-{as_utc(now).strftime(_STAMP)}.sqlite3"


def parse_backup_time(text: str) -> time:
    """`HH:MM`, London wall-clock time."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(TIME_KEY, f"{text!r} is not a time of day HH:MM")
    return time(int(match[1]), int(match[2]))


def parse_keep(value: str | int) -> int:
    try:
        keep = int(value)
    except (TypeError, ValueError):
        raise InputError(KEEP_KEY, f"{value!r} is not a whole number") from None
    if not 1 <= keep <= MAX_KEEP:
        raise InputError(KEEP_KEY, f"must be between 1 and {MAX_KEEP}")
    return keep


def read_settings(session: Session) -> BackupSettings:
    """The backup settings; a damaged stored value falls back to its default.

    This runs unattended at night: a bad setting must not stop the backup, so it is
    logged and the default used, rather than raised to nobody.
    """
    folder_text = get_setting(session, FOLDER_KEY)
    folder = Path(folder_text).expanduser() if folder_text else default_folder()
    try:
        keep = parse_keep(get_setting(session, KEEP_KEY) or DEFAULT_KEEP)
    except InputError:
        _ignored_setting(KEEP_KEY, DEFAULT_KEEP)
        keep = DEFAULT_KEEP
    try:
        at = parse_backup_time(get_setting(session, TIME_KEY) or DEFAULT_TIME)
    except InputError:
        _ignored_setting(TIME_KEY, DEFAULT_TIME)
        at = parse_backup_time(DEFAULT_TIME)
    return BackupSettings(folder, keep, at)


def _ignored_setting(key: str, default: str | int) -> None:
    log_event(log, "settings.ignored", level=logging.WARNING, key=key, used=default)


def save_settings(
    db: Database,
    *,
    actor: str,
    now: datetime,
    folder: Path | None = None,
    keep: int | None = None,
    at: str | None = None,
) -> BackupSettings:
    """Change any of the three settings (administrators only); None leaves one as it is."""
    now = as_utc(now)
    with db.session() as session:
        user = authorize(session, actor, "settings.manage")
        changed: dict[str, str] = {}
        if folder is not None:
            if not str(folder).strip():
                raise InputError(FOLDER_KEY, "is required")
            changed[FOLDER_KEY] = str(Path(folder).expanduser())
        if keep is not None:
            changed[KEEP_KEY] = str(parse_keep(keep))
        if at is not None:
            changed[TIME_KEY] = parse_backup_time(at).strftime("%H:%M")
        for key, value in changed.items():
            set_setting(session, key, value, now)
        if changed:
            record_event(
                session, at=now, action="settings.changed", user_id=user.id, detail=changed
            )
        return read_settings(session)


def backups_in(folder: Path) -> list[tuple[datetime, Path]]:
    """Our backup files in `folder`, oldest first, with the instant their name carries."""
    found: list[tuple[datetime, Path]] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = BACKUP_NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            at = datetime.strptime(f"{match[1]}-{match[2]}", _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # e.g. month 13: not one of ours after all
        found.append((at, entry))
    found.sort()
    return found


def last_backup_at(folder: Path) -> datetime | None:
    backups = backups_in(folder)
    return backups[-1][0] if backups else None


def last_scheduled_at(now: datetime, at: time | str) -> datetime:
    """The latest scheduled backup time not after `now` (London wall time, as UTC)."""
    when = parse_backup_time(at) if isinstance(at, str) else at
    local = as_utc(now).astimezone(LONDON)
    for days_back in (0, 1, 2):
        day = local.date() - timedelta(days=days_back)
        candidate = datetime.combine(day, when, tzinfo=LONDON).astimezone(UTC)
        if candidate <= now:
            return candidate
    raise AssertionError("unreachable: a scheduled time within two days is always past")


def next_scheduled_at(now: datetime, at: time | str) -> datetime:
    """The next scheduled backup time after `now`, for arming the scheduler's job."""
    when = parse_backup_time(at) if isinstance(at, str) else at
    local = as_utc(now).astimezone(LONDON)
    for days_ahead in (0, 1, 2):
        day = local.date() + timedelta(days=days_ahead)
        candidate = datetime.combine(day, when, tzinfo=LONDON).astimezone(UTC)
        if candidate > now:
            return candidate
    raise AssertionError("unreachable: a scheduled time within two days is always ahead")


def backup_due(folder: Path, now: datetime, at: time | str = DEFAULT_TIME) -> bool:
    """True when no backup was written since the last scheduled time (so also at start)."""
    last = last_backup_at(folder)
    return last is None or last < last_scheduled_at(as_utc(now), at)


def run_scheduled_backup(db: Database, folder: Path, keep: int, now: datetime) -> Path:
    """Write and check one backup, then keep only the newest `keep` of ours.

    Nothing is pruned unless the new backup was written and passed its integrity check,
    so a failing disk never leaves fewer good backups than before. A failure is put in
    the audit trail too (when the database can still take it), so the window can show
    that last night's backup did not happen.
    """
    now = as_utc(now)
    keep = parse_keep(keep)
    folder = Path(folder).expanduser()
    target = folder / backup_name(now)
    try:
        written = backup_to(db.engine, target)
    except Exception as exc:
        _audit_failure(db, now, folder, exc)
        raise
    pruned = prune(folder, keep, protect=written)
    size = written.stat().st_size
    with db.session() as session:
        record_event(
            session,
            at=now,
            action="db.backup",
            detail={
                "file": written.name,
                "folder": str(folder),
                "bytes": size,
                "kept": keep,
                "pruned": [p.name for p in pruned],
                "scheduled": True,
            },
        )
    log_event(log, "backup.written", file=written.name, bytes=size, pruned=len(pruned))
    return written


def run_due_backup(db: Database, now: datetime) -> Path | None:
    """The scheduler's one call (at start, at the backup time, on the heartbeat)."""
    with db.read_session() as session:
        settings = read_settings(session)
    keep_private(settings.folder)
    if not backup_due(settings.folder, now, settings.time):
        return None
    return run_scheduled_backup(db, settings.folder, settings.keep, now)


def prune(folder: Path, keep: int, *, protect: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups; `protect` (the one just written) stays
    even if the PC clock was set back and its name sorts as the oldest."""
    backups = [p for _, p in backups_in(folder)]
    if protect is not None and protect in backups:
        backups.remove(protect)
        keep -= 1
    doomed = backups[: max(len(backups) - keep, 0)]
    removed: list[Path] = []
    for path in doomed:
        try:
            path.unlink()
            removed.append(path)
        except OSError as exc:
            log_event(
                log, "backup.prune_failed", level=logging.WARNING, file=path.name, errno=exc.errno
            )
    # Left by a power cut during an earlier backup; never a usable backup. One that
    # another process is writing right now is left alone.
    for entry in _entries(folder):
        name = entry.name.removesuffix(PARTIAL)
        if name != entry.name and BACKUP_NAME.match(name) and remove_unfinished(entry):
            log_event(log, "backup.unfinished_removed", level=logging.WARNING, file=entry.name)
    return removed


def keep_private(folder: Path) -> None:
    """Our backups in `folder` 0600 (and the folder 0700 if it is the app's own)."""
    if folder.resolve() == default_folder().resolve():
        tighten_dir(folder)
    for _, path in backups_in(folder):
        tighten(path)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _audit_failure(db: Database, now: datetime, folder: Path, exc: Exception) -> None:
    log_event(log, "backup.failed", level=logging.ERROR, folder=folder, error=type(exc).__name__)
    try:
        with db.session() as session:
            record_event(
                session,
                at=now,
                action="db.backup_failed",
                detail={"folder": str(folder), "error": str(exc)[:500]},
            )
    except Exception:  # the database may be what failed; the raised error says so
        log.exception("could not record the failed backup in the audit trail")

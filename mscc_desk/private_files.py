"""Files that hold patient data belong to the person running the desk, and nobody else.

The database (and SQLite's `-wal`/`-shm`, which SQLite creates with the database file's
own mode), backups, pre-migration copies, handover PDFs, logs and crash reports all
hold, or may hold, personal data. On POSIX each is created 0600, in folders created
0700, and the program runs with umask 077 so that a file a library creates is private
too. Files, and the app's own folders, that an older version (or a copy by hand) left
readable by others are tightened when the desk starts, with a log line naming them.

A folder the app did not create (the one a `--db` path or the backup setting points
into) keeps its mode: it may be shared on purpose, and the files in it are private.

On Windows these modes do not apply (`os.chmod` only sets the read-only flag). The data
lives in the per-user `%LOCALAPPDATA%` folder, which Windows' default permissions give
to that user and administrators alone; nothing is done here.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .log_events import log_event

log = logging.getLogger(__name__)

POSIX = os.name == "posix"
DIR_MODE = 0o700
FILE_MODE = 0o600
UMASK = 0o077


def restrict_umask() -> None:
    """For the whole process, at the start of the program: new files private by default."""
    if POSIX:
        os.umask(UMASK)


@contextmanager
def private_umask() -> Iterator[None]:
    """Create files and folders under umask 077 (the caller may be a library or a test
    that did not call `restrict_umask`)."""
    if not POSIX:
        yield
        return
    previous = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def private_dir(path: str | os.PathLike[str]) -> Path:
    """The folder, created (with any missing parents) 0700 if it does not exist."""
    folder = Path(path)
    if not folder.is_dir():
        with private_umask():
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return folder


def private_file(path: str | os.PathLike[str]) -> Path:
    """An existing file tightened to 0600, or a new empty one created 0600.

    SQLite takes an empty file for an empty database, so creating the database file this
    way first is how it (and its -wal/-shm) come to be private.
    """
    file = Path(path)
    private_dir(file.parent)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(file)
        return file
    os.close(fd)
    return file


def open_private(path: str | os.PathLike[str], mode: str = "a") -> io.TextIOWrapper:
    """A UTF-8 text file opened for writing (`a` or `w`), created 0600 if new."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    file = Path(path)
    private_dir(file.parent)
    fd = os.open(file, flags, FILE_MODE)
    try:
        if POSIX:
            _tighten_fd(fd)
        # The flags above decide appending or truncating; "w" only wraps the descriptor.
        return open(fd, "w", encoding="utf-8")  # noqa: SIM115 - the caller closes it
    except BaseException:
        os.close(fd)
        raise


def tighten(path: str | os.PathLike[str], mode: int = FILE_MODE) -> bool:
    """Take away what `mode` does not allow; True (and a log line) if anything changed.

    Only ever removes permissions, never adds any; a missing file is no error. Where a
    mode cannot be changed (a file of another user; a share mounted with fixed modes),
    that is logged once per process, not at every start of every backup check.
    """
    if not POSIX:
        return False
    target = Path(path)
    try:
        info = target.lstat()
    except OSError:
        return False
    current = stat.S_IMODE(info.st_mode)
    if stat.S_ISLNK(info.st_mode) or not current & ~mode or str(target) in _cannot_tighten:
        return False
    try:
        target.chmod(current & mode)
        now = stat.S_IMODE(target.lstat().st_mode)
    except OSError as exc:
        now, errno = current, exc.errno
    else:
        errno = None
    if now & ~mode:
        _cannot_tighten.add(str(target))
        log_event(
            log,
            "file.cannot_tighten",
            level=logging.WARNING,
            path=target,
            mode=f"{now:04o}",
            errno=errno,
        )
        return False
    log_event(
        log,
        "file.tightened",
        level=logging.WARNING,
        path=target,
        was=f"{current:04o}",
        now=f"{now:04o}",
    )
    return True


# Paths whose mode could not be changed, so they are reported once.
_cannot_tighten: set[str] = set()


def tighten_dir(path: str | os.PathLike[str]) -> bool:
    """An app-owned folder: 0700."""
    return tighten(path, DIR_MODE)


def _tighten_fd(fd: int) -> None:
    # Silent: this runs inside a log handler opening its file, where logging would recurse.
    # Start-up tightening (which logs) has normally been there first.
    current = stat.S_IMODE(os.fstat(fd).st_mode)
    if current & ~FILE_MODE:
        os.fchmod(fd, current & FILE_MODE)


@contextmanager
def replaced_whole(out: str | os.PathLike[str]) -> Iterator[Path]:
    """A private temporary file beside `out` to write; renamed onto `out` when the block
    ends without an error, removed when it fails, so a half-written export or report is
    never left where a scheduled job or a printer would pick it up."""
    target = Path(out).expanduser().resolve()
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)  # mkstemp creates it 0600
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

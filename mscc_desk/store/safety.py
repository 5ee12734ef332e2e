"""Refuse to keep the SQLite database on a network share.

SQLite's locking relies on the operating system's file locks, which network filesystems
(NFS, SMB/CIFS, sshfs...) implement badly or not at all, and WAL mode needs shared
memory that only works on one machine. Two ward PCs opening one file on a share, or one
PC losing the share mid-write, can corrupt the database silently. Sharing one database
between workstations is what the PostgreSQL option is for, so the refusal points there.

Backups may live on a share (they are written once and checked), so only the live
database is checked, in `open_database`.
"""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .engine import DatabaseError, to_url

PROC_MOUNTS = Path("/proc/mounts")

# Linux fstypes (as in /proc/mounts) whose locking SQLite cannot trust.
NETWORK_FSTYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "smb2",
        "ncpfs",
        "9p",
        "afs",
        "openafs",
        "coda",
        "ceph",
        "fuse.ceph",
        "fuse.ceph-fuse",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "davfs",
        "fuse.davfs2",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",  # GNOME's "Connect to Server" (smb://, sftp://)
        "vboxsf",  # virtual machine shared folders: same broken locking
        "fuse.vmhgfs-fuse",
    }
)

DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


class NetworkShareError(DatabaseError):
    """The SQLite file lies on a network filesystem."""


def refuse_network_database(target: str | Path, *, mounts: Path = PROC_MOUNTS) -> None:
    """Check what `open_database` is about to open; only a SQLite file can be refused.

    Called from `open_database`, not `make_engine`: `make_engine` also opens backup
    files, and a backup on a share (off this PC) is a good thing, not a danger.
    """
    url = to_url(target)
    if url.get_backend_name() != "sqlite":
        return
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    refuse_network_share(Path(database), mounts=mounts)


def refuse_network_share(
    path: str | Path,
    *,
    mounts: Path = PROC_MOUNTS,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> None:
    """Raise NetworkShareError if `path` (existing or not yet) is on a network share."""
    where = network_location(path, mounts=mounts, windows=windows, drive_type=drive_type)
    if where is None:
        return
    raise NetworkShareError(
        f"the database file {path} is on a network share ({where}). SQLite's locking is "
        "not reliable over a network and the file could be corrupted. Keep the database "
        "on this PC's own disk, or, for several workstations sharing one MSCC database, "
        "use PostgreSQL (--db postgresql+psycopg://USER@HOST/mscc or MSCC_DESK_DB)."
    )


def network_location(
    path: str | Path,
    *,
    mounts: Path = PROC_MOUNTS,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """Why `path` counts as a network location (for the message), or None if local."""
    if windows if windows is not None else sys.platform == "win32":
        return _windows_network_location(str(path), drive_type or _get_drive_type)
    return _posix_network_location(Path(path), mounts)


# --------------------------------------------------------------------------- Linux


def _posix_network_location(path: Path, mounts: Path) -> str | None:
    try:
        text = mounts.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None  # not Linux (or /proc hidden): nothing to go on, do not refuse
    # realpath follows symlinks of the parts that exist, so a link into a share counts.
    resolved = os.path.realpath(path)
    best: tuple[str, str] | None = None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fstype = _unescape(parts[1]), parts[2].lower()
        if _under(resolved, mount_point) and (best is None or len(mount_point) >= len(best[0])):
            best = (mount_point, fstype)  # >=: a later mount on the same point hides earlier
    if best is None:
        return None
    mount_point, fstype = best
    if fstype in NETWORK_FSTYPES:
        return f"{fstype} filesystem mounted at {mount_point}"
    return None


def _under(path: str, mount_point: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    r"""/proc/mounts writes space, tab, newline and backslash as \040 \011 \012 \134."""
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        chunk = field[i + 1 : i + 4]
        if field[i] == "\\" and len(chunk) == 3 and all(c in "01234567" for c in chunk):
            out.append(chr(int(chunk, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


# ------------------------------------------------------------------------- Windows


def _windows_network_location(raw: str, drive_type: Callable[[str], int]) -> str | None:
    candidates = [raw]
    if sys.platform == "win32":
        # A mapped drive often resolves to its UNC form; a local path stays local.
        candidates.append(os.path.realpath(raw))
    for candidate in candidates:
        text = candidate.replace("/", "\\")
        upper = text.upper()
        if upper.startswith("\\\\?\\UNC\\"):
            return f"network path {_unc_share(text[8:])}"
        if upper.startswith(("\\\\?\\", "\\\\.\\")):
            text = text[4:]  # a long-path or device prefix in front of a local drive
        elif text.startswith("\\\\"):
            return f"network path {_unc_share(text[2:])}"
        drive = ntpath.splitdrive(text)[0]
        if len(drive) == 2 and drive[1] == ":":
            root = drive.upper() + "\\"
            try:
                kind = drive_type(root)
            except OSError:
                continue
            if kind == DRIVE_REMOTE:
                return f"mapped network drive {drive.upper()}"
    return None


def _unc_share(rest: str) -> str:
    parts = [p for p in rest.split("\\") if p]
    return "\\\\" + "\\".join(parts[:2])


def _get_drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll")  # noqa: B009 - absent off Windows, and mypy knows it
    return int(windll.kernel32.GetDriveTypeW(root))

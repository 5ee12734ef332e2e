"""The SQLite file must not live on a network share; the refusal points to PostgreSQL.

/proc/mounts is replaced by a file written here, and Windows drive types by a function,
so both platforms' rules run on any machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mscc_desk.store.engine import DatabaseError
from mscc_desk.store.safety import (
    DRIVE_REMOTE,
    NetworkShareError,
    network_location,
    refuse_network_database,
    refuse_network_share,
)

DRIVE_FIXED = 3


def _mounts(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "mounts"
    path.write_text(
        "\n".join(["/dev/vda1 / ext4 rw,relatime 0 0", "proc /proc proc rw 0 0", *lines]) + "\n"
    )
    return path


def test_nfs_is_refused_with_a_pointer_to_postgresql(tmp_path: Path) -> None:
    mounts = _mounts(tmp_path, "fileserver:/export/mscc /srv/mscc nfs4 rw,vers=4.2 0 0")
    with pytest.raises(NetworkShareError) as caught:
        refuse_network_share("/srv/mscc/data/mscc.sqlite3", mounts=mounts, windows=False)
    message = str(caught.value)
    assert "PostgreSQL" in message and "nfs4" in message and "/srv/mscc" in message
    assert isinstance(caught.value, DatabaseError)


def test_local_ext4_is_allowed(tmp_path: Path) -> None:
    mounts = _mounts(tmp_path, "fileserver:/export /srv/mscc nfs rw 0 0")
    refuse_network_share("/home/coordinator/mscc.sqlite3", mounts=mounts, windows=False)
    refuse_network_share("/srv/mscc-local/mscc.sqlite3", mounts=mounts, windows=False)
    assert network_location("/srv/mscc2/x", mounts=mounts, windows=False) is None


@pytest.mark.parametrize(
    "fstype", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs", "ceph"]
)
def test_every_network_fstype_is_refused(tmp_path: Path, fstype: str) -> None:
    mounts = _mounts(tmp_path, f"remote /mnt/share {fstype} rw 0 0")
    with pytest.raises(NetworkShareError):
        refuse_network_share("/mnt/share/mscc.sqlite3", mounts=mounts, windows=False)


def test_longest_mount_point_wins(tmp_path: Path) -> None:
    mounts = _mounts(
        tmp_path,
        "server:/ /mnt nfs rw 0 0",
        "/dev/sdb1 /mnt/local\\040disk ext4 rw 0 0",  # a space, escaped as /proc does
    )
    refuse_network_share("/mnt/local disk/mscc.sqlite3", mounts=mounts, windows=False)
    with pytest.raises(NetworkShareError):
        refuse_network_share("/mnt/other/mscc.sqlite3", mounts=mounts, windows=False)


def test_a_symlink_into_a_share_is_followed(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    link = tmp_path / "looks-local"
    link.symlink_to(share)
    mounts = _mounts(tmp_path, f"server:/x {share.resolve()} cifs rw 0 0")
    with pytest.raises(NetworkShareError):
        refuse_network_share(link / "mscc.sqlite3", mounts=mounts, windows=False)


def test_no_mounts_file_means_no_refusal(tmp_path: Path) -> None:
    refuse_network_share("/srv/x.sqlite3", mounts=tmp_path / "absent", windows=False)


@pytest.mark.parametrize(
    "path",
    [
        r"\\fileserver\mscc\mscc.sqlite3",
        "//fileserver/mscc/mscc.sqlite3",
        r"\\?\UNC\fileserver\mscc\mscc.sqlite3",
        r"Z:\mscc\mscc.sqlite3",
    ],
)
def test_windows_unc_paths_and_mapped_drives_are_refused(path: str) -> None:
    def drive_type(root: str) -> int:
        return DRIVE_REMOTE if root == "Z:\\" else DRIVE_FIXED

    with pytest.raises(NetworkShareError, match="PostgreSQL"):
        refuse_network_share(path, windows=True, drive_type=drive_type)


@pytest.mark.parametrize(
    "path", [r"C:\Users\cora\AppData\Local\mscc-desk\mscc.sqlite3", r"\\?\C:\data\mscc.sqlite3"]
)
def test_windows_local_drives_are_allowed(path: str) -> None:
    refuse_network_share(path, windows=True, drive_type=lambda root: DRIVE_FIXED)


def test_only_sqlite_files_are_checked(tmp_path: Path) -> None:
    refuse_network_database("postgresql+psycopg://mscc@db.example/mscc")
    refuse_network_database("sqlite://")
    if network_location(tmp_path) is None:  # this machine's real /proc/mounts
        refuse_network_database(tmp_path / "local.sqlite3")


def test_database_targets_on_a_share_are_refused(tmp_path: Path) -> None:
    """What `open_database` will call with its target (a path or a sqlite URL)."""
    mounts = _mounts(tmp_path, f"//nas/mscc {tmp_path / 'share'} cifs rw 0 0")
    for target in (tmp_path / "share" / "mscc.sqlite3", f"sqlite:///{tmp_path}/share/m.db"):
        with pytest.raises(NetworkShareError, match="PostgreSQL"):
            refuse_network_database(target, mounts=mounts)
    refuse_network_database(tmp_path / "local" / "mscc.sqlite3", mounts=mounts)

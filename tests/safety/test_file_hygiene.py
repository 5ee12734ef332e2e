"""Files that hold patient data are the user's alone, and none is left behind unfinished.

On POSIX the database and its -wal/-shm, backups, pre-migration copies, logs and crash
reports are created 0600 in folders created 0700, whatever the umask the process was
started with; ones left readable by others are tightened when the desk starts, with a
log line. An unfinished pre-migration copy (a `.partial`, killed half-way) is removed at
the next start; a finished copy never is, nor a copy another process is still writing.
The command line's own runs are checked in tests/cli/test_cli.py.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mscc_desk.logs import setup_logging, write_crash_report
from mscc_desk.private_files import tighten
from mscc_desk.store.backup import _claimed, backup_to
from mscc_desk.store.backup_schedule import run_due_backup
from mscc_desk.store.engine import app_backup_dir, app_data_dir, open_database
from mscc_desk.store.settings import set_setting

from .conftest import NOW
from .test_logs import restore_logging  # noqa: F401 - a fixture

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most systems start a process with: files 0644, folders 0755."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_database_wal_shm_and_its_new_folder_are_private(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "new" / "folder" / "mscc.sqlite3"
    db = open_database(path)
    try:
        with db.session() as session:
            set_setting(session, "probe", "x", NOW)
        with db.engine.connect() as conn:  # an open connection keeps -wal and -shm
            conn.exec_driver_sql("SELECT count(*) FROM setting").all()
            files = {p.name: mode(p) for p in path.parent.iterdir()}
        assert files == {
            "mscc.sqlite3": 0o600,
            "mscc.sqlite3-wal": 0o600,
            "mscc.sqlite3-shm": 0o600,
        }
        assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    finally:
        db.dispose()


def test_backups_and_pre_migration_copies_are_private(tmp_path: Path, loose_umask: None) -> None:
    legacy = tmp_path / "legacy.sqlite3"
    with sqlite3.connect(legacy) as conn:  # another program's file, with data: 0644
        conn.execute("CREATE TABLE legacy_note (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO legacy_note (body) VALUES ('Okafor, 9434765919')")
    conn.close()
    assert mode(legacy) == 0o644
    db = open_database(legacy)  # migrates, after a pre-migration copy
    try:
        [copy] = tmp_path.glob("legacy.sqlite3.pre-migration-*.bak")
        assert mode(copy) == 0o600
        assert mode(legacy) == 0o600  # tightened at the start
        written = backup_to(db.engine, tmp_path / "made" / "here" / "backup.sqlite3")
        assert mode(written) == 0o600 and mode(written.parent) == 0o700
        nightly = run_due_backup(db, NOW)  # the default folder, in XDG_DATA_HOME
        assert nightly is not None and nightly.parent == app_backup_dir()
        assert mode(nightly) == 0o600 and mode(app_backup_dir()) == 0o700
    finally:
        db.dispose()


@pytest.mark.usefixtures("restore_logging")
def test_logs_and_crash_reports_are_private(tmp_path: Path, loose_umask: None) -> None:
    folder = tmp_path / "logs"
    log_file = setup_logging(folder, excepthook=False)
    logging.getLogger("mscc_desk.test").warning("a line")
    for handler in logging.getLogger().handlers:
        handler.flush()
    report = write_crash_report(RuntimeError("boom"), folder)
    assert report is not None
    assert mode(folder) == 0o700
    assert mode(log_file) == 0o600 and mode(report) == 0o600


def test_loose_files_are_tightened_at_start_with_a_log_line(
    tmp_path: Path, loose_umask: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = app_data_dir() / "mscc.sqlite3"  # the default place: the folder is the app's
    open_database(path).dispose()
    copy = app_data_dir() / "mscc.sqlite3.pre-migration-0001-20270101T000000Z.bak"
    copy.write_bytes(b"a finished copy")
    for file in (path, copy):
        file.chmod(0o644)
    app_data_dir().chmod(0o755)
    chosen = tmp_path / "chosen"  # a folder the user chose keeps its mode
    chosen.mkdir(mode=0o755)
    other = chosen / "mscc.sqlite3"
    open_database(other).dispose()
    other.chmod(0o640)

    with caplog.at_level(logging.WARNING, logger="mscc_desk"):
        open_database(path).dispose()
        open_database(other).dispose()

    assert mode(path) == 0o600 and mode(copy) == 0o600 and mode(app_data_dir()) == 0o700
    assert mode(other) == 0o600 and mode(chosen) == 0o755
    tightened = [r.getMessage() for r in caplog.records if r.getMessage().startswith("file.")]
    assert f"file.tightened path={path} was=0644 now=0600" in tightened
    assert f"file.tightened path={copy} was=0644 now=0600" in tightened
    assert f"file.tightened path={app_data_dir()} was=0755 now=0700" in tightened
    assert f"file.tightened path={other} was=0640 now=0600" in tightened
    assert len(tightened) == 4


def _pre_migration_folder(db_url: str) -> tuple[Path, str]:
    if "://" in db_url:
        return app_backup_dir(), "postgresql"
    return Path(db_url).parent, Path(db_url).name


def test_unfinished_pre_migration_copies_are_removed_at_the_next_start(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    open_database(db_url).dispose()
    folder, stem = _pre_migration_folder(db_url)
    folder.mkdir(parents=True, exist_ok=True)
    killed = folder / f"{stem}.pre-migration-0001-20270327T093000Z.bak.partial"
    killed.write_bytes(b"half a copy of patient data")
    Path(f"{killed}-journal").write_bytes(b"its journal")
    orphan_journal = folder / f"{stem}.pre-migration-0001-20270327T093500Z.bak.partial-wal"
    orphan_journal.write_bytes(b"a journal without its file")
    finished = folder / f"{stem}.pre-migration-0001-20270327T094000Z.bak"
    finished.write_bytes(b"a finished copy")
    unrelated = folder / "someone-else.bak.partial"
    unrelated.write_bytes(b"not ours")
    nightly = folder / "mscc-20270327-020000.sqlite3.partial"  # the nightly's, not ours
    nightly.write_bytes(b"left to the nightly pruning")

    with caplog.at_level(logging.WARNING, logger="mscc_desk"):
        open_database(db_url).dispose()

    assert not killed.exists() and not Path(f"{killed}-journal").exists()
    assert not orphan_journal.exists()
    assert finished.read_bytes() == b"a finished copy"
    assert unrelated.exists() and nightly.exists()
    removed = [r.getMessage() for r in caplog.records if "unfinished_removed" in r.getMessage()]
    assert f"backup.unfinished_removed file={killed.name}" in removed


def test_a_copy_still_being_written_is_not_removed(db_path: Path) -> None:
    open_database(db_path).dispose()
    writing = db_path.with_name(db_path.name + ".pre-migration-0002-20270327T100000Z.bak.partial")
    with _claimed(writing):  # held as a live backup holds it (another process, in life)
        writing.write_bytes(b"being written")
        open_database(db_path).dispose()
        assert writing.read_bytes() == b"being written"
    open_database(db_path).dispose()  # once nobody holds it, it is a leftover
    assert not writing.exists()


def test_a_mode_that_cannot_be_changed_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A file of another user, or a share mounted with fixed modes: one log line per
    process, not one at every backup check of the heartbeat."""
    shared = tmp_path / "on-a-share.sqlite3"
    shared.write_bytes(b"x")
    shared.chmod(0o644)

    def refused(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "chmod", refused)
    with caplog.at_level(logging.WARNING, logger="mscc_desk"):
        assert tighten(shared) is False
        assert tighten(shared) is False
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [f"file.cannot_tighten path={shared} mode=0644 errno=1"]

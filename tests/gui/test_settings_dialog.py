"""The settings dialog's Backups section, offscreen, on a real database and a FakeClock.

Back up now and Restore run on a worker thread; the tests wait for their result signal
as the window would. The confirmation box is replaced by an answer, the rest is real:
real SQLite files, real integrity checks, the core's own refusals.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mscc_desk.alerts.backups import BackupResult, RestoreResult
from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.settings.dialog import SettingsDialog
from mscc_desk.store import alerts as al
from mscc_desk.store import auth
from mscc_desk.store.auth import create_user
from mscc_desk.store.backup import backup_problems, backup_to
from mscc_desk.store.backup_schedule import read_settings
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from mscc_desk.store.models import AuditEvent, Case
from mscc_desk.store.opening import open_database
from tests.alerts.helpers import emergency_call, nhs

NOW = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)  # 13:00 BST
DAY = timedelta(hours=24)


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Argon2 at its lowest cost: these tests check the dialog, not the hash."""
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    auth._dummy_hash.cache_clear()
    yield
    auth._dummy_hash.cache_clear()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ctx(db: Database, clock: FakeClock) -> DeskContext:
    create_user(db, "root", "Ada Admin", "admin", "admin-password", actor=None, now=NOW)
    create_user(db, "cora", "Cora", "coordinator", "cora-password", actor="root", now=NOW)
    return DeskContext(db, user="root", clock=clock)


@pytest.fixture
def dialog(qtbot: QtBot, ctx: DeskContext, tmp_path: Path) -> SettingsDialog:
    made = SettingsDialog(ctx)
    made.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # qtbot closes it
    qtbot.addWidget(made)
    made.set_backup_values(folder=tmp_path / "backups")
    made.show()
    return made


def cases(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def add_case(db: Database, clock: FakeClock, n: int) -> None:
    call = emergency_call(clock.now() - timedelta(hours=1), family=f"Patient{n}", nhs_number=nhs(n))
    record_call(db, call, user="cora", clock=clock)


def back_up(qtbot: QtBot, dialog: SettingsDialog) -> BackupResult:
    with qtbot.waitSignal(dialog.backup_written, timeout=5000) as blocker:
        assert dialog.back_up_now() is not None
    result = blocker.args[0]
    assert isinstance(result, BackupResult)
    return result


def test_the_dialog_is_non_modal_and_keyboard_usable(dialog: SettingsDialog) -> None:
    assert not dialog.isModal()
    keys: list[str] = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(dialog):
            match = re.search(r"&(\w)", widget.text())
            if match:
                keys.append(match[1].lower())
    assert len(keys) == len(set(keys)), f"mnemonics used twice: {sorted(keys)}"
    for key in ("f", "w", "k", "t", "u", "r", "s"):  # folder, browse, keep, time, ...
        assert key in keys
    for label in (dialog.ui.folderLabel, dialog.ui.keepLabel, dialog.ui.timeLabel):
        assert label.buddy() is not None


def test_back_up_now_writes_a_checked_backup(
    qtbot: QtBot, dialog: SettingsDialog, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    add_case(db, clock, 1)
    assert dialog.ui.lastBackupLabel.text() == "None in this folder yet."
    result = back_up(qtbot, dialog)
    assert result.path.parent == tmp_path / "backups"
    assert backup_problems(result.path) == []
    assert result.size == result.path.stat().st_size > 0
    with sqlite3.connect(result.path) as conn:
        assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 1
    conn.close()
    status = dialog.backup_status()
    assert status.startswith("✔ Backup written and checked: ")
    assert str(result.path) in status and "KB" in status
    assert result.path.name in dialog.ui.lastBackupLabel.text()
    assert "Tue 15 Jun 2027 13:00 BST" in dialog.ui.lastBackupLabel.text()
    assert dialog.ui.backupNowButton.isEnabled()
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "db.backup")).one()
    assert event.detail["scheduled"] is False and event.user_id is not None


def test_back_up_now_reports_a_failure(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog.set_backup_values(folder=blocker)
    task = dialog.back_up_now()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.backup_status().startswith("⚠ Backup failed: "), timeout=5000)
    assert str(blocker) in dialog.backup_status()
    assert "failed" in dialog.ui.lastBackupLabel.text()
    assert dialog.ui.backupNowButton.isEnabled()


def answer(dialog: SettingsDialog, yes: bool, asked: list[Path] | None = None) -> None:
    """Stand in for the person answering the confirmation box."""

    def confirm(path: Path, safety_folder: Path) -> bool:
        if asked is not None:
            asked.extend((path, safety_folder))
        return yes

    dialog.confirm_restore = confirm  # type: ignore[method-assign]


def damaged_copy(good: Path, out: Path) -> Path:
    data = bytearray(good.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page + 100 : 3 * page] = b"\xa5" * (2 * page - 100)
    out.write_bytes(bytes(data))
    return out


def test_restore_refuses_a_corrupt_file_with_the_reason(
    qtbot: QtBot, dialog: SettingsDialog, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    add_case(db, clock, 1)
    good = backup_to(db.engine, tmp_path / "good.sqlite3")
    damaged = damaged_copy(good, tmp_path / "damaged.sqlite3")
    stranger = tmp_path / "stranger.sqlite3"
    with sqlite3.connect(stranger) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    asked: list[Path] = []
    answer(dialog, True, asked)
    add_case(db, clock, 2)
    assert dialog.restore_file(damaged) is None
    status = dialog.backup_status()
    assert status.startswith(f"⚠ Refused, nothing was changed: {damaged} ")
    assert "integrity check" in status or "not a usable SQLite database" in status
    assert dialog.restore_file(stranger) is None
    assert "is not an MSCC Desk database" in dialog.backup_status()
    assert dialog.restore_file(tmp_path / "missing.sqlite3") is None
    assert "does not exist" in dialog.backup_status()
    assert asked == []  # refused before anyone was asked to confirm
    assert cases(db) == 2  # nothing was touched
    assert not (tmp_path / "backups").exists()  # and no safety copy was needed


def test_restore_refuses_a_planted_trigger_or_a_broken_chain_as_the_command_line_does(
    qtbot: QtBot, dialog: SettingsDialog, db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    """The window and `db restore` share one restore: the same checks, the same words."""
    add_case(db, clock, 1)
    good = backup_to(db.engine, tmp_path / "good.sqlite3")
    add_case(db, clock, 2)
    trigger, chain = tmp_path / "trigger.sqlite3", tmp_path / "chain.sqlite3"
    for path, sql in (
        (trigger, "CREATE TRIGGER later AFTER INSERT ON deadline BEGIN SELECT 1; END;"),
        (chain, "UPDATE audit_event SET action = 'case.closed' WHERE id = 1"),
    ):
        path.write_bytes(good.read_bytes())
        with sqlite3.connect(path) as conn:
            conn.execute(sql)
        conn.close()
    asked: list[Path] = []
    answer(dialog, True, asked)
    # A planted trigger shows in the schema: refused before anyone is asked.
    assert dialog.restore_file(trigger) is None
    assert dialog.backup_status().startswith("⚠ Refused, nothing was changed: schema: ")
    assert "trigger 'later'" in dialog.backup_status()
    assert asked == []
    # A broken chain is found by the full check on the worker thread, before any change.
    task = dialog.restore_file(chain)
    assert task is not None
    qtbot.waitUntil(lambda: dialog.backup_status().startswith("⚠ Not restored"), timeout=10000)
    assert "the chain breaks at event 1" in dialog.backup_status()
    assert cases(db) == 2  # nothing was touched
    assert not (tmp_path / "backups").exists()  # not even a safety copy was written


def test_restore_brings_back_the_rows_as_they_were(
    qtbot: QtBot,
    dialog: SettingsDialog,
    ctx: DeskContext,
    db: Database,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    add_case(db, clock, 1)
    good = back_up(qtbot, dialog).path
    clock.advance(timedelta(hours=1))
    add_case(db, clock, 2)
    add_case(db, clock, 3)
    assert cases(db) == 3

    answer(dialog, False)
    assert dialog.restore_file(good) is None
    assert dialog.backup_status() == "Restore cancelled; nothing was changed."
    assert cases(db) == 3

    asked: list[Path] = []
    answer(dialog, True, asked)
    with (
        qtbot.waitSignal(ctx.data_changed, timeout=5000),
        qtbot.waitSignal(dialog.restored, timeout=5000) as blocker,
    ):
        assert dialog.restore_file(good) is not None
    result = blocker.args[0]
    assert isinstance(result, RestoreResult)
    assert asked == [good, tmp_path / "backups"]
    assert cases(db) == 1  # as at backup time
    # The safety copy holds what was there before, checked, and is not a generation.
    assert backup_problems(result.safety_copy) == []
    assert result.safety_copy.name.startswith("pre-restore-")
    with sqlite3.connect(result.safety_copy) as conn:
        assert conn.execute('SELECT count(*) FROM "case"').fetchone()[0] == 3
    conn.close()
    status = dialog.backup_status()
    assert status.startswith(f"✔ Restored from {good}.") and str(result.safety_copy) in status
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "db.restore")).one()
    assert event.detail["safety_copy"] == str(result.safety_copy)
    # The desk works on the restored database.
    add_case(db, clock, 4)
    assert cases(db) == 2


def test_a_non_admin_cannot_save_back_up_or_restore(
    qtbot: QtBot, dialog: SettingsDialog, ctx: DeskContext, db: Database, tmp_path: Path
) -> None:
    ctx.set_user("cora")
    dialog.set_backup_values(keep=3, at="03:15")
    dialog.set_values(180, 45, True)
    assert not dialog.save()
    error = dialog.error_text()
    assert error == (
        "⚠ Not saved: 'cora' has the role coordinator, which may not change settings "
        "(settings.manage); that needs the role admin."
    )
    # Beside the Save button.
    row = dialog.ui.saveRow
    assert row.indexOf(dialog.ui.errorLabel) >= 0 and row.indexOf(dialog.ui.buttonBox) >= 0
    with db.session() as session:
        stored = read_settings(session)
    assert stored.keep == 14 and stored.time.strftime("%H:%M") == "02:00"
    assert al.alert_settings(db) == al.AlertSettings()  # nothing at all was saved
    assert dialog.isVisible()

    assert dialog.back_up_now() is not None
    qtbot.waitUntil(lambda: dialog.backup_status().startswith("⚠ Backup failed"), timeout=5000)
    assert "may not maintain the database" in dialog.backup_status()
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())

    good = backup_to(db.engine, tmp_path / "good.sqlite3")
    answer(dialog, True)
    assert dialog.restore_file(good) is None
    assert dialog.backup_status().startswith("⚠ Not restored: 'cora' has the role coordinator")


def test_an_admin_saves_the_backup_settings(
    qtbot: QtBot, dialog: SettingsDialog, db: Database, tmp_path: Path
) -> None:
    nightly = tmp_path / "nightly"
    dialog.set_backup_values(folder=nightly, keep=7, at="03:15")
    with qtbot.waitSignal(dialog.settings_saved, timeout=1000):
        assert dialog.save()
    with db.session() as session:
        stored = read_settings(session)
    assert (stored.folder, stored.keep, stored.time.strftime("%H:%M")) == (nightly, 7, "03:15")
    reopened = SettingsDialog(dialog.ctx)
    qtbot.addWidget(reopened)
    assert reopened.ui.folderEdit.text() == str(nightly)
    assert reopened.ui.keepSpin.value() == 7
    assert reopened.ui.timeEdit.time().toString("HH:mm") == "03:15"


def test_an_empty_folder_is_refused_beside_save(dialog: SettingsDialog) -> None:
    dialog.set_backup_values(folder="")
    dialog.ui.folderEdit.setText("")
    assert not dialog.save()
    assert dialog.error_text() == "⚠ Backup folder: is required. Nothing was saved."

"""Settings: alert lead times and sound, and the daily backup (folder, generations, time).

Non-modal, so it can stay open beside a call being typed. The rules live in the core,
not here, so the command line and this dialog refuse the same things with the same
words: lead times in `store.alerts`; the backup settings in `store.backup_schedule`
(administrators only: a refusal is shown, in the core's words, beside Save); backing
up and restoring in `alerts.backups` (administrators only, `db.maintain`).

"Back up now" and "Restore" run on a worker thread (`alerts.backups.BackgroundTask`),
so the window never freezes on a slow disk; only their result comes back to this
dialog. A restore first refuses a file that fails the quick checks (`restore_problems`:
damaged, foreign, newer, not its revision's exact schema) with the reason, then asks for
confirmation; the worker then checks the file in full, as `db check` would (refused:
nothing changed), takes a checked safety copy of the current contents and replaces them
(`store.restore`, the same as `mscc-desk db restore`); afterwards `ctx.data_changed`
tells every view to reload.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from ...alerts.backups import (
    BackgroundTask,
    BackupResult,
    RestoreResult,
    backup_now,
    human_size,
    last_backup,
    may_maintain,
    restore_problems,
    restore_with_safety_copy,
)
from ...domain.clock import format_london
from ...domain.errors import InputError
from ...store.alerts import (
    DUE_SOON_KEY,
    IMMINENT_KEY,
    AlertSettings,
    alert_settings,
    save_alert_settings,
    validate_lead_times,
)
from ...store.backup_schedule import (
    BACKUP_NAME,
    FOLDER_KEY,
    KEEP_KEY,
    TIME_KEY,
    BackupSettings,
    read_settings,
    save_settings,
)
from ..context import DeskContext
from ..forms.ui_settings_dialog import Ui_SettingsDialog
from ..look import colour_style, error_style

if TYPE_CHECKING:
    from ...alerts.scheduler import AlertController



def _in_words(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return "= " + " ".join(parts) + " before the deadline"


class SettingsDialog(QDialog):
    """Emits `settings_saved(AlertSettings)` after a save; connect it to
    `AlertController.resync` so the armed alerts follow the new lead times.

    `backup_written(BackupResult)` and `restored(RestoreResult)` follow "Back up now" and
    a restore. With the desk's `AlertController` (passed, or found as the parent's
    `alerts`), saved backup settings are checked at once by the scheduled backup job,
    and the "Last backup" line follows the nightly backups while the dialog is open.
    """

    settings_saved = Signal(object)
    backup_written = Signal(object)
    restored = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        *,
        alerts: AlertController | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui.errorLabel.setStyleSheet(error_style())
        buttons = QDialogButtonBox.StandardButton
        self.ui.buttonBox.button(buttons.Save).setText("&Save")  # Esc cancels
        self._alerts = alerts if alerts is not None else _controller_of(parent)
        self._task: BackgroundTask | None = None
        self._backup_settings: BackupSettings
        self._load()
        self.ui.dueSoonSpin.valueChanged.connect(self._update_hints)
        self.ui.imminentSpin.valueChanged.connect(self._update_hints)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.browseButton.clicked.connect(self.browse_folder)
        self.ui.folderEdit.editingFinished.connect(self.show_last_backup)
        self.ui.backupNowButton.clicked.connect(self.back_up_now)
        self.ui.restoreButton.clicked.connect(self.choose_restore_file)
        if self._alerts is not None:
            self._alerts.backup_done.connect(self.show_last_backup)
            self._alerts.backup_failed.connect(self.show_last_backup)
        self._update_hints()

    # --- loading and saving ----------------------------------------------------------------

    def _load(self) -> None:
        current = alert_settings(self.ctx.db)
        self.ui.dueSoonSpin.setValue(current.due_soon_minutes)
        self.ui.imminentSpin.setValue(current.imminent_minutes)
        self.ui.soundCheck.setChecked(current.sound)
        with self.ctx.db.read_session() as session:
            backups = read_settings(session)
        self._backup_settings = backups
        self.ui.folderEdit.setText(str(backups.folder))
        self.ui.keepSpin.setValue(backups.keep)
        self.ui.timeEdit.setTime(QTime(backups.time.hour, backups.time.minute))
        self.show_last_backup()

    def _update_hints(self) -> None:
        self.ui.dueSoonHint.setText(_in_words(self.ui.dueSoonSpin.value()))
        self.ui.imminentHint.setText(_in_words(self.ui.imminentSpin.value()))

    def set_values(self, due_soon: int, imminent: int, sound: bool) -> None:
        self.ui.dueSoonSpin.setValue(due_soon)
        self.ui.imminentSpin.setValue(imminent)
        self.ui.soundCheck.setChecked(sound)

    def set_backup_values(
        self, folder: Path | str | None = None, keep: int | None = None, at: str | None = None
    ) -> None:
        if folder is not None:
            self.ui.folderEdit.setText(str(folder))
            self.show_last_backup()
        if keep is not None:
            self.ui.keepSpin.setValue(keep)
        if at is not None:
            self.ui.timeEdit.setTime(QTime.fromString(at, "HH:mm"))

    def error_text(self) -> str:
        return self.ui.errorLabel.text() if not self.ui.errorLabel.isHidden() else ""

    def backup_status(self) -> str:
        label = self.ui.backupStatusLabel
        return label.text() if not label.isHidden() else ""

    def _backup_changes(self) -> dict[str, Any]:
        """The backup fields that differ from what is stored (the core gets only those)."""
        stored = self._backup_settings
        changes: dict[str, Any] = {}
        folder = self.ui.folderEdit.text().strip()
        if Path(folder).expanduser() != stored.folder or not folder:
            changes["folder"] = Path(folder) if folder else ""
        if self.ui.keepSpin.value() != stored.keep:
            changes["keep"] = self.ui.keepSpin.value()
        at = self.ui.timeEdit.time().toString("HH:mm")
        if at != stored.time.strftime("%H:%M"):
            changes["at"] = at
        return changes

    def _refuse(self, text: str, focus: QWidget) -> bool:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(True)
        self._fit()
        focus.setFocus()
        return False

    def _fit(self) -> None:
        """Grow (never shrink) so a message just shown squeezes no field."""
        self.layout().activate()
        wanted = self.sizeHint().height()
        if self.height() < wanted:
            self.resize(self.width(), wanted)

    def save(self) -> bool:
        """Validate and store; on a refusal say why beside Save and stay open.

        Nothing is written unless everything can be: the lead times are checked first,
        then the backup settings go to the core (which may refuse a non-administrator),
        and only then the alert settings.
        """
        due_soon, imminent = self.ui.dueSoonSpin.value(), self.ui.imminentSpin.value()
        try:
            validate_lead_times(due_soon, imminent)
        except InputError as exc:
            return self._refuse_alerts(exc)
        changes = self._backup_changes()
        if changes:
            try:
                self._backup_settings = save_settings(
                    self.ctx.db, actor=self.ctx.user, now=self.ctx.clock.now(), **changes
                )
            except InputError as exc:
                fields = {
                    FOLDER_KEY: ("Backup folder", self.ui.folderEdit),
                    KEEP_KEY: ("Keep", self.ui.keepSpin),
                    TIME_KEY: ("Daily time", self.ui.timeEdit),
                }
                name, widget = fields.get(exc.field, ("Backups", self.ui.folderEdit))
                if exc.field == "user":
                    text = f"⚠ Not saved: {exc.problem}."
                else:
                    text = f"⚠ {name}: {exc.problem}. Nothing was saved."
                return self._refuse(text, widget)
            if self._alerts is not None:
                self._alerts.backup_soon()  # e.g. a new folder gets its first backup now
        try:
            saved: AlertSettings = save_alert_settings(
                self.ctx.db,
                due_soon_minutes=due_soon,
                imminent_minutes=imminent,
                sound=self.ui.soundCheck.isChecked(),
                user=self.ctx.user,
                now=self.ctx.clock.now(),
            )
        except InputError as exc:
            return self._refuse_alerts(exc)
        self.ui.errorLabel.setVisible(False)
        self.settings_saved.emit(saved)
        self.accept()
        return True

    def _refuse_alerts(self, exc: InputError) -> bool:
        names = {DUE_SOON_KEY: "Due soon alert", IMMINENT_KEY: "Imminent alert"}
        where = names.get(exc.field)
        if exc.field == "user":
            text = "⚠ Sign in to change the alert settings."
        elif where:
            text = f"⚠ {where}: {exc.problem}"
        else:
            text = f"⚠ {exc}"
        target = self.ui.dueSoonSpin if exc.field == DUE_SOON_KEY else self.ui.imminentSpin
        return self._refuse(text, target)

    # --- backups ---------------------------------------------------------------------------

    def _folder(self) -> Path:
        text = self.ui.folderEdit.text().strip()
        return Path(text).expanduser() if text else self._backup_settings.folder

    def browse_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Backup folder", str(self._folder()), QFileDialog.Option.ShowDirsOnly
        )
        if chosen:
            self.set_backup_values(folder=chosen)

    def show_last_backup(self, *_args: object) -> None:
        try:
            last = last_backup(self.ctx.db, self._folder())
        except Exception as exc:  # noqa: BLE001 - a label, not a reason to fail the dialog
            self.ui.lastBackupLabel.setText(f"⚠ Could not read the backups: {exc}")
            return
        if last.written_at is None or last.path is None:
            text = "None in this folder yet."
        else:
            size = f", {human_size(last.size)}" if last.size is not None else ""
            text = f"{format_london(last.written_at)} ({last.path.name}{size})"
        if last.failed_at is not None:
            text += (
                f"<br><span style='{error_style()}'>⚠ The last attempt, "
                f"{format_london(last.failed_at)}, failed: {_html(_plain(last.failure))}</span>"
            )
            self.ui.lastBackupLabel.setTextFormat(Qt.TextFormat.RichText)
            self.ui.lastBackupLabel.setText(_html_lines(text))
        else:
            self.ui.lastBackupLabel.setTextFormat(Qt.TextFormat.PlainText)
            self.ui.lastBackupLabel.setText(text)
        self._fit()

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.ui.backupStatusLabel
        label.setStyleSheet(error_style() if error else colour_style("ok"))
        label.setText(text)
        label.setVisible(True)
        self._fit()

    def _set_busy(self, busy: bool) -> None:
        self.ui.backupNowButton.setEnabled(not busy)
        self.ui.restoreButton.setEnabled(not busy)

    def _start(self, task: BackgroundTask) -> BackgroundTask:
        self._task = task
        self._set_busy(True)
        task.start()
        return task

    def back_up_now(self) -> BackgroundTask | None:
        """Write and check one backup in the folder shown, off the GUI thread."""
        if self._task is not None and self._task.running:
            return None
        folder, keep = self._folder(), self.ui.keepSpin.value()
        db, user, now = self.ctx.db, self.ctx.user, self.ctx.clock.now()
        self._status(f"Backing up to {folder}…")
        task = BackgroundTask(lambda: backup_now(db, folder, keep, actor=user, now=now))
        task.done.connect(self._backup_done)
        task.failed.connect(self._backup_failed)
        return self._start(task)

    def _backup_done(self, result: BackupResult) -> None:
        self._set_busy(False)
        self._status(f"✔ Backup written and checked: {result.path} ({human_size(result.size)}).")
        self.show_last_backup()
        self.backup_written.emit(result)

    def _backup_failed(self, message: str, _exc: object) -> None:
        self._set_busy(False)
        self._status(f"⚠ Backup failed: {message}", error=True)
        self.show_last_backup()

    def choose_restore_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup",
            str(self._folder()),
            "MSCC Desk backups (*.sqlite3 *.bak);;All files (*)",
        )
        if path:
            self.restore_file(Path(path))

    def restore_file(self, path: Path) -> BackgroundTask | None:
        """Refuse a bad file with the reason; else confirm, then restore off the GUI thread."""
        if self._task is not None and self._task.running:
            return None
        path = Path(path)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            problems = restore_problems(path)
            refusal = may_maintain(self.ctx.db, self.ctx.user)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if problems:
            self._status(f"⚠ Refused, nothing was changed: {problems[0]}", error=True)
            return None
        if refusal:
            self._status(f"⚠ Not restored: {refusal}.", error=True)
            return None
        safety_folder = self._folder()
        if not self.confirm_restore(path, safety_folder):
            self._status("Restore cancelled; nothing was changed.")
            return None
        db, user, now = self.ctx.db, self.ctx.user, self.ctx.clock.now()
        self._status(f"Restoring from {path.name}…")
        task = BackgroundTask(
            lambda: restore_with_safety_copy(db, path, safety_folder, actor=user, now=now)
        )
        task.done.connect(self._restore_done)
        task.failed.connect(self._restore_failed)
        return self._start(task)

    def confirm_restore(self, path: Path, safety_folder: Path) -> bool:
        """Ask before replacing everything; Cancel is the default (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Restore from a backup")
        taken = _taken_at(path)
        of = f" of {format_london(taken)}" if taken else ""
        box.setText(
            f"Replace the current contents of the database with the backup{of} ({path.name})?"
        )
        box.setInformativeText(
            "Every case, clock, alert, user and audit event now in the database is replaced "
            "by what the backup holds; anything recorded after the backup was taken will no "
            "longer be in the database.\n\n"
            f"A checked safety copy of the current contents is written first, to\n{safety_folder}"
        )
        restore = box.addButton("&Replace with the backup", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def _restore_done(self, result: RestoreResult) -> None:
        self._set_busy(False)
        self._load()  # the settings, too, are as the backup had them
        self._status(
            f"✔ Restored from {result.source}. The contents before the restore were saved "
            f"first to {result.safety_copy}."
        )
        self.ctx.data_changed.emit()
        self.restored.emit(result)

    def _restore_failed(self, message: str, _exc: object) -> None:
        self._set_busy(False)
        self._status(f"⚠ Not restored: {message}", error=True)


def _controller_of(parent: QWidget | None) -> AlertController | None:
    from ...alerts.scheduler import AlertController

    found = getattr(parent, "alerts", None)
    return found if isinstance(found, AlertController) else None


def _taken_at(path: Path) -> datetime | None:
    """When a backup was taken, from its name (`mscc-YYYYMMDD-HHMMSS.sqlite3`, UTC)."""
    match = BACKUP_NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _plain(error: str | None) -> str:
    """An error as stored (`str(exc)`), without Python's "[Errno 17] " prefix."""
    return re.sub(r"^\[Errno \d+\]\s*", "", error or "unknown error")


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def _html_lines(text: str) -> str:
    """The plain first part escaped; the styled failure line is already HTML."""
    head, sep, tail = text.partition("<br>")
    return _html(head) + sep + tail

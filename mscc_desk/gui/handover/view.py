"""The shift view: what the next coordinator must know, their notes, and the printout.

At the change of shift the outgoing coordinator reads down the open cases, most urgent
first, writes a note where the next person must act, records who takes the role, and
prints the sheet that is carried through the night. Everything here is read through
`store/handover/` and printed through `reports/handover.py`, the same code the
`mscc-desk handover --pdf` command uses, so the screen, the preview, the paper and the
PDF never disagree.

Notes are never lost to a click elsewhere: moving to another case keeps the note being
typed (saved with the author and the time), and a refresh never overwrites it.
"""

from __future__ import annotations

import getpass
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ...domain.clock import format_london, london
from ...domain.errors import InputError
from ...domain.pathway import Pathway
from ...reports.handover import (
    changes_heading,
    changes_table_html,
    configure_printer,
    identity,
    note_lines,
    override_line,
    patient_lines,
    print_handover,
    render_handover_pdf,
    shift_text,
    todo_text,
    urgency_lines,
    words,
)
from ...store.handover import (
    HandoverCase,
    HandoverChanges,
    changes_since_last_handover,
    check_may_print,
    current_coordinator,
    handover_cases,
    record_handover,
    record_printed,
    set_handover_note,
)
from ..context import DeskContext
from ..forms.ui_handover_dialog import Ui_HandoverDialog
from ..forms.ui_handover_view import Ui_HandoverView
from ..widgets.rows_model import RowsModel
from ..windows import bring_to_front

ModelIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REFRESH_MS = 60_000  # time left is shown in minutes; other desks write to the database too
OVERDUE_TINT = QColor("#f8d7d3")  # with the word OVERDUE in the row, never instead of it
# On screen, as on paper: the kind of event in bold, the heading row underlined.
CHANGES_STYLE = (
    "td { padding-right: 8px; } td.head { font-weight: bold; border-bottom: 1px solid; }"
    " .kind { font-weight: bold; } p.counts { margin-bottom: 2px; }"
)
HEADERS = ("Urgency · next clock", "Patient", "What is wrong · done", "Outstanding", "Note")
URGENCY, PATIENT, WRONG, OUTSTANDING, NOTE = range(len(HEADERS))


class HandoverModel(RowsModel[HandoverCase]):
    """Open cases as the sheet lists them, one row each, in the sheet's order."""

    COLUMNS = HEADERS

    def __init__(self, pathway: Pathway, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pathway = pathway
        self._now: datetime | None = None

    def set_rows(self, rows: list[HandoverCase], now: datetime) -> None:
        self._now = now
        self.replace_rows(rows)

    def case_at(self, row: int) -> HandoverCase | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: int) -> int:
        for i, case in enumerate(self._rows):
            if case.case_id == case_id:
                return i
        return -1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        case = self.case_at(index.row())
        if case is None or self._now is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(case, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == CASE_ID_ROLE:
            return case.case_id
        if role == Qt.ItemDataRole.BackgroundRole and case.overdue:
            return OVERDUE_TINT
        if role == Qt.ItemDataRole.ForegroundRole and case.overdue:
            return QColor("#000000")  # the tint is light: keep ink dark in any theme
        if role == Qt.ItemDataRole.FontRole and column == URGENCY:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, case: HandoverCase, column: int) -> str:
        """The sheet's words for each cell (reports/handover.py), with more room on screen
        for what has been done and who called."""
        now = self._now
        assert now is not None
        if column == URGENCY:
            lines = words(urgency_lines(case, now, self._pathway))
            override = override_line(case, now)
            return "\n".join([*lines, override] if override else lines)
        if column == PATIENT:
            lines = words(patient_lines(case)) + [f"case {case.case_id}"]
            return "\n".join([*lines, f"Call back: {case.caller}"] if case.caller else lines)
        if column == WRONG:
            return f"{case.problem}\nDone: {case.done or 'nothing recorded yet'}"
        if column == OUTSTANDING:
            return todo_text(case)
        return "\n".join(words(note_lines(case, now)))


def name_preview_controls(preview: QPrintPreviewDialog) -> None:
    """Qt's print preview leaves its page box unnamed for a screen reader; name it."""
    for edit in preview.findChildren(QLineEdit):
        if not isinstance(edit.parentWidget(), QComboBox) and not edit.accessibleName():
            edit.setAccessibleName("Page")


class HandoverDialog(QDialog):
    """Who hands the role over and who takes it; OK only when someone takes it."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_HandoverDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Hand over")
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.fromEdit.setText(current)
        self.ui.fromEdit.textChanged.connect(self._update)
        self.ui.toEdit.textChanged.connect(self._update)
        self.ui.toEdit.setFocus()
        self._update()

    def from_text(self) -> str:
        return " ".join(self.ui.fromEdit.text().split())

    def to_text(self) -> str:
        return " ".join(self.ui.toEdit.text().split())

    def _update(self) -> None:
        to, frm = self.to_text(), self.from_text()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(to) and to != frm)
        if not to:
            self.ui.previewLabel.setText("Type who takes over the coordinator role.")
        elif to == frm:
            self.ui.previewLabel.setText("That is who holds the role now.")
        else:
            self.ui.previewLabel.setText(f"{frm or 'not recorded'} → {to}")


class HandoverView(QWidget):
    """The shift view. Embed it in a tab or show it as a window of its own."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_HandoverView()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.model = HandoverModel(ctx.pathway, self)
        self._note_case: int | None = None  # the case whose note is in the editor
        self._note_original = ""
        self._preview: QPrintPreviewDialog | None = None
        self._dialog: HandoverDialog | None = None
        self._printer: QPrinter | None = None
        self._refreshing = False

        title = self.ui.titleLabel.font()
        title.setPointSizeF(title.pointSizeF() * 1.4)
        title.setBold(True)
        self.ui.titleLabel.setFont(title)

        table = self.ui.casesTable
        table.setModel(self.model)
        # Urgency, patient and note take what their words need; the two long columns share
        # the rest, so the table never runs under its own scroll bar sideways.
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = table.fontMetrics()
        for column, sample in (
            (URGENCY, "OVERDUE 23 h 59 min"),
            (PATIENT, "WORTHINGTON, Alexandra"),
            (NOTE, "Awaiting MRI; ring"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        for column in (WRONG, OUTSTANDING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([900, 320])

        self.ui.saveNoteButton.clicked.connect(self.save_note)
        self.ui.revertNoteButton.clicked.connect(self._revert_note)
        self.ui.noteEdit.textChanged.connect(self._note_edited)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.handOverButton.clicked.connect(self.hand_over)
        self.ui.previewButton.clicked.connect(self.print_preview)
        self.ui.printButton.clicked.connect(self.print_sheet)
        self.ui.pdfButton.clicked.connect(self.save_pdf)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save_note),
            (QKeySequence.StandardKey.Print, self.print_sheet),
            (QKeySequence.StandardKey.Refresh, self.refresh),
            (QKeySequence("Esc"), self.close),
            (QKeySequence("Ctrl+W"), self.close),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        ctx.data_changed.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._set_note_enabled(False)
        self.refresh()

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the board again; the case and any note being typed are kept."""
        now = self.ctx.clock.now()
        keep = self._note_case if self._note_case is not None else self.selected_case_id()
        cases = handover_cases(self.ctx.db, now, self.ctx.pathway)
        changes = changes_since_last_handover(self.ctx.db, now, self.ctx.pathway)
        self._refreshing = True
        try:
            self.model.set_rows(cases, now)
            row = self.model.row_of(keep) if keep is not None else -1
            if row >= 0:
                self.ui.casesTable.selectRow(row)
        finally:
            self._refreshing = False
        self._show_header(now)
        self._show_changes(changes, now)
        overdue = sum(1 for c in cases if c.overdue)
        self.ui.casesLabel.setText(
            f"Open &cases, most urgent first: {len(cases)}"
            + (f" ({overdue} OVERDUE)" if overdue else "")
            if cases
            else "No open &cases."
        )
        if self._note_dirty():
            if row < 0:  # closed elsewhere while a note was being typed: keep the note
                self._save_current_note(quiet=False, emit=False)
                self._load_note(None)
            else:
                self._show_case_label()
        else:
            self._load_note(keep if row >= 0 else None)  # another desk may have written

    def _show_header(self, now: datetime) -> None:
        coordinator = current_coordinator(self.ctx.db)
        self.ui.coordinatorLabel.setText(
            f"Coordinator now: <b>{escape(coordinator)}</b>"
            if coordinator
            else "Coordinator now: <i>not recorded</i>"
        )
        self.ui.shiftLabel.setText(f"{shift_text(now)} · {format_london(now)}")

    def _show_changes(self, changes: HandoverChanges, now: datetime) -> None:
        """The sheet's table of what happened since the last handover, a line per event."""
        self.ui.changesGroup.setTitle(changes_heading(changes))
        self.ui.changesText.document().setDefaultStyleSheet(CHANGES_STYLE)
        self.ui.changesText.setHtml(changes_table_html(changes, now))

    def selected_case_id(self) -> int | None:
        rows = self.ui.casesTable.selectionModel().selectedRows()
        if not rows:
            return None
        case = self.model.case_at(rows[0].row())
        return case.case_id if case else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row >= 0:
            self.ui.casesTable.selectRow(row)
        return row >= 0

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._refreshing:
            return
        case_id = self.selected_case_id()
        if case_id == self._note_case:
            self._show_case_label()
            return
        saved = self._note_dirty() and self._save_current_note(quiet=False, emit=False)
        self._load_note(case_id)  # moving on keeps what was typed: saved just above
        if saved:
            self.ctx.data_changed.emit()

    def _show_case_label(self) -> None:
        case_id = self._note_case
        row = self.model.row_of(case_id) if case_id is not None else -1
        case = self.model.case_at(row)
        if case is None:
            self.ui.caseLabel.setText("Select a case to read or write its handover note.")
            return
        nxt = case.next_deadline
        clock = f"{escape(nxt.label)}: <b>{escape(nxt.time_left)}</b>" if nxt else "no clock"
        self.ui.caseLabel.setText(
            f"<b>{escape(case.patient_name)}</b> · {escape(identity(case))} · "
            f"case {case.case_id}<br>{escape(case.category_short)} · {clock}"
        )

    # --- the note ------------------------------------------------------------------------

    def _set_note_enabled(self, enabled: bool) -> None:
        for widget in (self.ui.noteEdit, self.ui.saveNoteButton, self.ui.revertNoteButton):
            widget.setEnabled(enabled)

    def _load_note(self, case_id: int | None) -> None:
        self._note_case = case_id
        case = self.model.case_at(self.model.row_of(case_id)) if case_id is not None else None
        text = case.note.text if case and case.note else ""
        self._note_original = text
        if self.ui.noteEdit.toPlainText().strip() != text:  # else keep the cursor where it is
            self.ui.noteEdit.blockSignals(True)
            self.ui.noteEdit.setPlainText(text)
            self.ui.noteEdit.blockSignals(False)
        self._set_note_enabled(case is not None)
        self._show_note_meta(case)
        self._show_case_label()
        self._note_edited()

    def _show_note_meta(self, case: HandoverCase | None) -> None:
        if case is None or case.note is None:
            self.ui.noteMetaLabel.setText("No note yet." if case else "")
            return
        self.ui.noteMetaLabel.setText(
            f"Written by {case.note.author}, {format_london(case.note.at)}"
        )

    def _note_dirty(self) -> bool:
        return (
            self._note_case is not None
            and self.ui.noteEdit.toPlainText().strip() != self._note_original.strip()
        )

    def _note_edited(self) -> None:
        dirty = self._note_dirty()
        self.ui.saveNoteButton.setEnabled(dirty)
        self.ui.revertNoteButton.setEnabled(dirty)

    def _revert_note(self) -> None:
        self.ui.noteEdit.setPlainText(self._note_original)

    def save_note(self) -> bool:
        """Keep the note with the author and the time; True when something was saved."""
        if not self._note_dirty():
            return False
        return self._save_current_note(quiet=False)

    def _save_current_note(self, quiet: bool, emit: bool = True) -> bool:
        case_id = self._note_case
        if case_id is None:
            return False
        text = self.ui.noteEdit.toPlainText()
        now = self.ctx.clock.now()
        try:
            set_handover_note(self.ctx.db, case_id, text, self._user(), now)
        except InputError as exc:
            self._status(f"The note was not saved: {exc.field} {exc.problem}")
            QMessageBox.warning(self, "Handover note", f"Not saved: {exc.field} {exc.problem}")
            return False
        self._note_original = text
        self._note_edited()
        if not quiet:
            self._status(f"Note saved for case {case_id} at {london(now):%H:%M}.")
        if emit:
            self.ctx.data_changed.emit()
        return True

    # --- handing over --------------------------------------------------------------------

    def hand_over(self) -> HandoverDialog:
        """Open the hand-over dialog (window-modal, so the board stays readable)."""
        if self._note_dirty():
            self._save_current_note(quiet=False)
        dialog = HandoverDialog(current_coordinator(self.ctx.db), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._record_handover(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self._dialog = dialog
        dialog.open()
        return dialog

    def _record_handover(self, dialog: HandoverDialog) -> None:
        now = self.ctx.clock.now()
        try:
            record = record_handover(
                self.ctx.db, dialog.from_text(), dialog.to_text(), self._user(), now
            )
        except InputError as exc:
            QMessageBox.warning(self, "Hand over", f"Not recorded: {exc.field} {exc.problem}")
            return
        self._status(f"Handed over at {london(now):%H:%M}: {record.text}")
        self.ctx.data_changed.emit()

    # --- printing ------------------------------------------------------------------------

    def _user(self) -> str:
        return self.ctx.user or getpass.getuser()

    def _new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer)
        return printer

    def print_preview(self) -> QPrintPreviewDialog:
        """Non-modal: the preview can stay open beside the board while calls come in."""
        if self._preview is not None:
            self._preview.close()
        printer = self._new_printer()
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Handover sheet: print preview")
        preview.paintRequested.connect(self._paint_preview)
        preview.finished.connect(lambda _result: self._preview_closed(preview))
        self._preview = preview
        self._printer = printer
        name_preview_controls(preview)
        preview.resize(1200, 860)  # a wish: cut down to the screen when shown
        preview.setModal(False)
        bring_to_front(preview)
        return preview

    def _paint_preview(self, printer: QPrinter) -> None:
        pages = print_handover(
            printer,
            self.ctx.db,
            printed_by=self._user(),
            now=self.ctx.clock.now(),
            pathway=self.ctx.pathway,
            keep_layout=True,
        )
        self._status(f"Preview: {pages} page(s).")

    def _preview_closed(self, preview: QPrintPreviewDialog) -> None:
        if self._preview is preview:
            self._preview = None
        preview.deleteLater()

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose, or None if they cancelled (tests replace this)."""
        printer = self._new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the handover sheet")
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_sheet(self) -> int:
        """Print on paper; returns the pages printed (0 when cancelled, refused or failed)."""
        if not self._may_print("Print"):
            return 0
        printer = self.ask_printer()
        if printer is None:
            return 0
        now = self.ctx.clock.now()
        try:
            pages = print_handover(
                printer,
                self.ctx.db,
                printed_by=self._user(),
                now=now,
                pathway=self.ctx.pathway,
                keep_layout=True,
            )
        except OSError as exc:
            QMessageBox.critical(self, "Print", f"The sheet was not printed: {exc}")
            return 0
        target = printer.outputFileName() or f"printer {printer.printerName() or '(default)'}"
        self._printed(now, pages, target, self.model.rowCount())
        return pages

    def _may_print(self, title: str) -> bool:
        """Asked before anything is drawn: a refused printout leaves no paper and no file."""
        try:
            check_may_print(self.ctx.db, self._user(), self.ctx.clock.now())
        except InputError as exc:
            QMessageBox.warning(self, title, f"Nothing was printed or saved: {exc.problem}")
            return False
        return True

    def ask_pdf_path(self) -> str:
        """Where to save the PDF, or "" if the user cancelled (tests replace this)."""
        name = f"handover-{london(self.ctx.clock.now()):%Y%m%d-%H%M}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the handover sheet as PDF", name, "PDF documents (*.pdf)"
        )
        return path

    def save_pdf(self) -> int:
        if not self._may_print("Save PDF"):
            return 0
        path = self.ask_pdf_path()
        if not path:
            return 0
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        now = self.ctx.clock.now()
        try:
            pages = render_handover_pdf(
                self.ctx.db,
                path,
                printed_by=self._user(),
                now=now,
                pathway=self.ctx.pathway,
                # recorded before the file is put in place: an unrecorded copy never exists
                before_replace=lambda pages, cases: self._printed(now, pages, path, cases),
            )
        except (OSError, InputError) as exc:
            QMessageBox.critical(self, "Save PDF", f"The PDF was not saved: {exc}")
            return 0
        return pages

    def _printed(self, now: datetime, pages: int, target: str, open_cases: int) -> None:
        record_printed(
            self.ctx.db, self._user(), now, pages=pages, open_cases=open_cases, target=target
        )
        self._status(f"Handover sheet of {pages} page(s) sent to {target} at {london(now):%H:%M}.")

    def _status(self, text: str) -> None:
        self.ui.statusLabel.setText(text)

    def closeEvent(self, event: Any) -> None:
        if self._note_dirty():
            self._save_current_note(quiet=True)
        self._timer.stop()
        if self._preview is not None:
            self._preview.close()
        super().closeEvent(event)

"""Every key of the desk in one list (F1), from any window.

The desk-wide keys are read from the main window's own actions, so the list cannot
promise a key the menus do not have; the keys that belong to one window are listed
here, beside the code that binds them (intake/window.py, case/view.py, handover/view.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from .forms.ui_shortcuts_dialog import Ui_ShortcutsDialog

Rows = Sequence[tuple[str, str]]

BOARD_KEYS: Rows = (
    ("Up, Down, Page Up, Page Down", "Move on the board"),
    ("Enter", "Open the selected case"),
    ("Tab, Shift+Tab", "Board → alerts → Find box, and on round"),
    (
        "Alt+I",
        "The Find box: type a name or number; Enter opens, Down goes to the board, Esc clears",
    ),
    ("Alt+S", "Show one category only"),
    ("Alt+A", "The alert list: Up and Down choose an alert"),
    ("Enter (in the alert list)", "Acknowledge the alert (Ctrl+Enter in the dialog confirms)"),
    ("Alt+K, Alt+P, Alt+B", "Acknowledge, open its case, record why a deadline was missed"),
    ("Alt+F, Alt+C, Alt+D, Alt+H", "The File, Case, Desk and Help menus"),
)
INTAKE_KEYS: Rows = (
    ("Ctrl+S, Ctrl+Enter", "Save the call"),
    ("Ctrl+1 … Ctrl+7", "Go to a section of the form"),
    ("Tab, Shift+Tab", "Next or previous field, in the order a call runs"),
    ("Ctrl+W", "Close the window; what is typed is kept as a draft"),
    ("Esc", "Never closes the form (a stray Esc must not lose a call)"),
)
CASE_KEYS: Rows = (
    ("Enter, F2", "Edit the selected checklist item"),
    ("Ctrl+Enter", "Add the note typed in the note box"),
    ("F5", "Read the case again"),
    ("Esc, Ctrl+W", "Close the case window"),
)
HANDOVER_KEYS: Rows = (
    ("Ctrl+S", "Save the handover note of the selected case"),
    ("Ctrl+P", "Print the handover sheet"),
    ("F5", "Read the open cases again"),
    ("Esc, Ctrl+W", "Close the handover window (a note being typed is saved)"),
)
AUDIT_KEYS: Rows = (
    ("Enter", "On a measure: list its cases; on a case: open it"),
    ("Esc, Ctrl+W", "Close the audit window"),
)
DIALOG_KEYS: Rows = (
    ("Ctrl+Enter", "Save or confirm"),
    ("Esc", "Cancel"),
    ("Ctrl+N (in a time box)", "Fill in the time now"),
)


def key_text(action: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def action_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every visible action that has a key, in menu order."""
    rows = []
    for action in actions:
        if action.shortcuts() and action.isVisible():
            rows.append((key_text(action), action.text().replace("&", "").rstrip("…")))
    return rows


def shortcuts_html(desk: Rows, board: Rows) -> str:
    groups = (
        ("In every window of the desk", desk),
        ("On the board", board),
        ("Taking a call", INTAKE_KEYS),
        ("In a case", CASE_KEYS),
        ("Handover", HANDOVER_KEYS),
        ("Service audit", AUDIT_KEYS),
        ("In the small windows (dialogs)", DIALOG_KEYS),
    )
    parts = []
    for title, rows in groups:
        body = "".join(
            f"<tr><td width='34%'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
            for keys, what in rows
        )
        table = f"<table cellspacing='0' cellpadding='3'>{body}</table>"
        parts.append(f"<h3>{escape(title)}</h3>{table}")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """The list of keys; not modal, so it can stay open beside the desk while learning."""

    def __init__(self, desk: Rows, board: Rows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShortcutsDialog()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui.buttonBox.rejected.connect(self.close)
        self.ui.shortcutsText.setHtml(shortcuts_html(desk, board))
        self.ui.shortcutsText.setFocus()

    def text(self) -> str:
        return self.ui.shortcutsText.toPlainText()

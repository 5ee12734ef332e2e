"""The desk's other windows as the main window opens them: the shift view, the service
audit, the settings, the key list and About, each one window brought to the front when
asked for again; and where the keyboard goes when one closes (back to the window it was
opened from, or to the board on a selected row), so nobody reaches for the mouse.

A mixin of `MainWindow`: it uses the window's context, session, alerts and board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..shortcuts import BOARD_KEYS, ShortcutsDialog, action_rows
from ..windows import alive, bring_to_front
from .about import AboutDialog

if TYPE_CHECKING:  # the windows opened later are imported when first opened
    from ..audit.window import AuditWindow
    from ..handover.view import HandoverView
    from ..settings.dialog import SettingsDialog


def _address(obj: object) -> int:
    """A Qt object's identity that still holds while it is being destroyed."""
    return int(shiboken6.getCppPointer(obj)[0]) if shiboken6.isValid(obj) else id(obj)


class WindowOpeners:
    """Opens the desk's other windows; `MainWindow` provides what is used here."""

    ctx: Any
    ui: Any
    session: Any
    alerts: Any
    alert_panel: Any
    _handover: HandoverView | None
    _audit: AuditWindow | None
    _settings: SettingsDialog | None
    _shortcuts: ShortcutsDialog | None
    _about: AboutDialog | None
    _openers: dict[int, QWidget]

    def open_handover(self) -> HandoverView:
        """The shift view, in a window of its own so the board stays in sight."""
        view = self._handover
        if view is None or not alive(view):
            from ..handover.view import HandoverView

            view = HandoverView(self.ctx)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.setWindowTitle("Handover — MSCC Desk")
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.resize(1280, 800)  # a wish: cut down to the screen when first shown
            self._return_here_after(view)
            self._handover = view
        bring_to_front(view)
        return view

    def open_audit(self) -> AuditWindow | None:
        """The service audit, in a window of its own; its cases open in the case view."""
        if self.session is not None and not self.session.can("audit.read"):
            return None
        window = self._audit
        if window is None or not alive(window):
            from ..audit.window import AuditWindow  # with QtCharts: only when asked for

            window = AuditWindow(self.ctx, self.open_case)
            window.setWindowFlag(Qt.WindowType.Window, True)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.resize(1300, 720)  # a wish: cut down to the screen when first shown
            self._return_here_after(window)
            self._audit = window
        bring_to_front(window)
        window.ui.measuresTable.setFocus()
        return window

    def open_settings(self) -> SettingsDialog:
        dialog = self._settings
        if dialog is None or not alive(dialog):
            from ..settings.dialog import SettingsDialog

            dialog = SettingsDialog(self.ctx, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if self.alerts is not None:
                dialog.settings_saved.connect(self.alerts.resync)
            if self.alert_panel is not None:  # its captions name the lead times
                dialog.settings_saved.connect(self.alert_panel.refresh)
            dialog.settings_saved.connect(self.refresh)  # the board's stages follow them too
            self._return_here_after(dialog)
            self._settings = dialog
        bring_to_front(dialog)
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        """F1, from any window: every key of the desk."""
        dialog = self._shortcuts
        if dialog is None or not alive(dialog):
            menus = (self.ui.menuFile, self.ui.menuCase, self.ui.menuDesk, self.ui.menuHelp)
            desk = action_rows(a for a in self.desk_wide_actions())
            board = [
                *action_rows(
                    a for menu in menus for a in menu.actions() if a not in self.desk_wide_actions()
                ),
                *BOARD_KEYS,
            ]
            dialog = ShortcutsDialog(desk, board, self)
            self._return_here_after(dialog)
            self._shortcuts = dialog
        bring_to_front(dialog)
        return dialog

    def show_about(self) -> AboutDialog:
        """Help -> About: the version, the pathway, the database in use, the licence."""
        dialog = self._about
        if dialog is None or not alive(dialog):
            dialog = AboutDialog(self.ctx.db.url, self.ctx.pathway, self)
            self._return_here_after(dialog)
            self._about = dialog
        bring_to_front(dialog)
        return dialog

    def _return_here_after(self, window: QWidget) -> None:
        """When a window of the desk closes, the keyboard goes back where it came from:
        the board (on a selected row) for a window opened from the board, or the window
        it was opened from, such as a call being typed."""
        opener = QApplication.activeWindow()
        if opener is None or opener is window or not isinstance(opener, QWidget):
            opener = self
        self._openers[_address(window)] = opener
        window.destroyed.connect(self._window_closed)

    def _window_closed(self, window: object = None) -> None:
        opener = self._openers.pop(_address(window), self) if window is not None else self
        # Once the window manager is done with the closing window.
        QTimer.singleShot(0, self, lambda: self._return_to(opener))

    def _board_after_cover(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self.show_board_focus)

    def _return_to(self, opener: QWidget) -> None:
        if not self.isVisible() or QApplication.activeModalWidget() is not None:
            return
        if self.session is not None and self.session.covered:
            return  # the lock screen has the keyboard
        if opener is not self and alive(opener) and opener.isVisible():
            opener.activateWindow()
            return
        self.activateWindow()
        self.show_board_focus()

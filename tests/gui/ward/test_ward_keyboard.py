"""The desk by keyboard alone (issue 13, items 2-4): where the keyboard is after sign-in,
a save and a window closing; Tab between the board, the alerts and the Find box; a focus
ring that shows; the desk's keys in every window; F1; Alt+F.

Keys go through QTest to the active window, as a person's would: a shortcut that only
works in the main window fails here when pressed in another.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from mscc_desk.gui.case.view import CaseView
from mscc_desk.gui.handover.view import HandoverView
from mscc_desk.gui.intake.window import IntakeWindow
from mscc_desk.gui.look import RING_ON_LIGHT, apply_desk_look
from mscc_desk.gui.shortcuts import ShortcutsDialog
from tests.gui.ward_desk import ADMIN, ADMIN_PW, Desk

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(
    qtbot: QtBot,
    window: QWidget,
    key: Qt.Key | str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed in `window`, once it is the active one, on whatever has the focus."""

    def ready() -> bool:
        if not window.isActiveWindow():
            window.activateWindow()
        return window.isActiveWindow()

    qtbot.waitUntil(ready, timeout=3000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def active(kind: type) -> QWidget | None:
    window = QApplication.activeWindow()
    return window if isinstance(window, kind) else None


def board_ready(desk: Desk) -> bool:
    board = desk.window.ui.board
    return QApplication.focusWidget() is board and board.selectionModel().hasSelection()


# --- 2. The keyboard is on the board ------------------------------------------------------


def test_after_sign_in_down_and_enter_work_at_once(qtbot: QtBot, desk: Desk) -> None:
    qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)
    first = desk.window.selected_case_id()
    press(qtbot, desk.window, Qt.Key.Key_Down)
    second = desk.window.selected_case_id()
    assert second is not None and second != first
    press(qtbot, desk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: active(CaseView) is not None, timeout=3000)
    view = active(CaseView)
    assert isinstance(view, CaseView) and view.case_id == second
    # 3. Esc closes the case; the keyboard is back on the board, on the same row.
    press(qtbot, view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)
    assert desk.window.selected_case_id() == second


def test_after_switching_user_the_board_has_the_keyboard(qtbot: QtBot, desk: Desk) -> None:
    desk.window.ui.searchEdit.setFocus()
    desk.session.lock()
    desk.session.unlock(ADMIN_PW)
    qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)
    desk.session.sign_out()
    desk.session.sign_in(ADMIN, ADMIN_PW)
    qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)


def test_after_a_save_enter_opens_the_case_just_saved(qtbot: QtBot, desk: Desk) -> None:
    case_id = desk.window.proxy.case_id_at(5)
    intake = desk.window.new_call()
    assert isinstance(intake, IntakeWindow)
    qtbot.waitUntil(lambda: active(IntakeWindow) is intake, timeout=3000)
    intake.saved.emit(case_id)  # what Save says once the call is written
    intake.close()
    qtbot.waitUntil(lambda: board_ready(desk) and desk.window.selected_case_id() == case_id)
    press(qtbot, desk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: active(CaseView) is not None, timeout=3000)
    view = active(CaseView)
    assert isinstance(view, CaseView) and view.case_id == case_id
    view.close()


def test_after_closing_any_window_the_board_has_the_keyboard(qtbot: QtBot, desk: Desk) -> None:
    main = desk.window
    for open_window in (main.open_handover, main.open_settings, main.show_shortcuts):
        window = open_window()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        window.close()
        qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)


# --- 3. Tab, and a focus ring that shows ---------------------------------------------------


def test_tab_goes_from_the_board_to_the_alerts_and_round_to_the_find_box(
    qtbot: QtBot, desk: Desk
) -> None:
    main = desk.window
    panel = main.alert_panel
    assert panel is not None
    qtbot.waitUntil(lambda: board_ready(desk), timeout=3000)
    press(qtbot, main, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.ui.alertList
    seen = []
    for _ in range(15):
        press(qtbot, main, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is main.ui.searchEdit:
            break
    assert panel.ui.ackButton in seen and main.ui.searchEdit in seen
    press(qtbot, main, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is main.ui.board


def test_every_focused_control_has_a_ring_that_shows(qtbot: QtBot, desk: Desk) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ring = apply_desk_look(app)
    main = desk.window
    panel = main.alert_panel
    assert panel is not None
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=3000)
    for widget in (main.ui.searchEdit, main.ui.board, panel.ui.alertList, panel.ui.ackButton):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: ring.target is w, timeout=2000)
        assert ring.isVisible()
        around = ring.geometry()
        inside = widget.geometry() if ring.parentWidget() is widget.parentWidget() else None
        if inside is not None:
            assert around.contains(inside)
        image = ring.grab().toImage()
        strong = sum(
            1
            for x in range(image.width())
            for y in (1, 2, image.height() - 3)
            if image.pixelColor(x, y).rgb() == RING_ON_LIGHT.rgb()
        )
        assert strong > image.width(), f"{widget.objectName()}: a faint ring"


# --- 4. The desk's keys in every window ---------------------------------------------------


def test_ctrl_l_in_the_handover_window_locks_and_hides_it(qtbot: QtBot, desk: Desk) -> None:
    handover = desk.window.open_handover()
    press(qtbot, handover, "l", CTRL)
    qtbot.waitUntil(lambda: desk.session.is_locked, timeout=3000)
    assert not handover.isVisible()  # no patient on screen behind the lock
    desk.session.unlock(ADMIN_PW)
    qtbot.waitUntil(handover.isVisible, timeout=3000)


def test_new_call_and_handover_from_other_windows(qtbot: QtBot, desk: Desk) -> None:
    main = desk.window
    view = main.open_case(main.proxy.case_id_at(0))
    press(qtbot, view, "n", CTRL)
    qtbot.waitUntil(lambda: active(IntakeWindow) is not None, timeout=3000)
    intake = active(IntakeWindow)
    assert intake is not None
    press(qtbot, intake, "h", CTRL)
    qtbot.waitUntil(lambda: active(HandoverView) is not None, timeout=3000)
    handover = active(HandoverView)
    assert handover is not None
    # Esc and Ctrl+W close the handover, and the keyboard goes back to the call being
    # typed, which Esc never closes.
    press(qtbot, handover, "w", CTRL)
    qtbot.waitUntil(lambda: not handover.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: active(IntakeWindow) is intake, timeout=3000)
    press(qtbot, intake, Qt.Key.Key_Escape)
    assert intake.isVisible()
    press(qtbot, intake, "w", CTRL)
    qtbot.waitUntil(lambda: not intake.isVisible(), timeout=3000)
    view.close()


def test_quit_from_another_window_closes_the_desk(qtbot: QtBot, desk: Desk) -> None:
    view = desk.window.open_case(desk.window.proxy.case_id_at(0))
    press(qtbot, view, "q", CTRL)
    qtbot.waitUntil(lambda: not desk.window.isVisible(), timeout=3000)


def test_a_note_typed_in_a_case_is_not_lost_to_esc(qtbot: QtBot, desk: Desk) -> None:
    view = desk.window.open_case(desk.window.proxy.case_id_at(0))
    view.ui.noteEdit.setPlainText("Family told")
    press(qtbot, view, Qt.Key.Key_Escape)
    assert view.isVisible()
    assert "not added yet" in view.ui.messageLabel.text()
    view.ui.noteEdit.clear()
    press(qtbot, view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)


def test_f1_lists_every_key_from_any_window(qtbot: QtBot, desk: Desk) -> None:
    main = desk.window
    intake = main.new_call()
    assert isinstance(intake, IntakeWindow)
    press(qtbot, intake, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: active(ShortcutsDialog) is not None, timeout=3000)
    dialog = active(ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)
    text = dialog.text()
    actions = [
        a
        for menu in (main.ui.menuFile, main.ui.menuCase, main.ui.menuDesk, main.ui.menuHelp)
        for a in menu.actions()
        if a.shortcut().toString() and a.isVisible()
    ]
    assert len(actions) >= 8
    for action in actions:
        assert action.shortcut().toString() in text, action.text()
    for words in ("Ctrl+S", "Ctrl+1", "Esc", "Alt+I", "Alt+A", "F2"):
        assert words in text
    dialog.close()
    intake.close()


def test_alt_f_opens_the_file_menu_and_alt_i_the_find_box(qtbot: QtBot, desk: Desk) -> None:
    main = desk.window
    press(qtbot, main, "i", ALT)
    assert QApplication.focusWidget() is main.ui.searchEdit
    press(qtbot, main, "f", ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    assert QApplication.activePopupWidget() is main.ui.menuFile
    main.ui.menuFile.close()

"""Every window on a ward PC's 1366x768 screen, and on 1920x1080 at 125 % (issue 13).

The offscreen platform of the test run has one 1366x768 screen (tests/screens/ward.json),
window frames included; the 125 % runs are separate processes with their own screen.
The desk holds the demo's 40 open cases and its alerts, as a busy night would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from mscc_desk.gui.case.timeline_model import WHEN, WHO
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.alert_panel import AcknowledgeDialog
from mscc_desk.gui.desk.board_model import DEADLINE_ROLE, Column
from mscc_desk.gui.desk.board_view import PAD
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.intake.window import GROUP_NAMES, IntakeWindow
from mscc_desk.store.opening import open_database
from tests.conftest import SCREENS
from tests.gui.ward.conftest import ward_screen
from tests.gui.ward_desk import Desk, every_window

ROOT = Path(__file__).resolve().parents[3]


def fully_shown(widget: QWidget) -> bool:
    """Visible, not cut by anything above it, and inside its window and the screen."""
    if not widget.isVisible():
        return False
    if widget.visibleRegion().boundingRect() != widget.rect():
        return False
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    on_screen = QRect(top_left, widget.size())
    return ward_screen().contains(on_screen)


# --- 1. Every window fits ----------------------------------------------------------------


def test_every_window_fits_the_ward_screen_frame_and_all(qtbot: QtBot, desk: Desk) -> None:
    area = ward_screen()
    seen = []
    for name, window in every_window(desk):
        qtbot.waitExposed(window)
        QApplication.processEvents()
        assert area.contains(window.frameGeometry()), f"{name}: {window.frameGeometry()}"
        seen.append(name)
    assert {"desk", "intake", "case", "handover", "print preview", "settings"} <= set(seen)
    assert "checklist item mri" in seen


def test_the_buttons_that_matter_are_on_screen(qtbot: QtBot, desk: Desk) -> None:
    main = desk.window
    panel = main.alert_panel
    assert panel is not None
    for widget in (
        main.ui.newCallButton,
        main.ui.handoverButton,
        main.ui.searchEdit,
        panel.ui.ackButton,
        panel.ui.openButton,
        panel.ui.reasonButton,
        main.statusBar(),
    ):
        assert fully_shown(widget), widget.objectName()
    intake = main.new_call()
    assert isinstance(intake, IntakeWindow)
    qtbot.waitExposed(intake)
    for widget in (intake.ui.saveButton, intake.ui.statusLabel, intake.ui.summaryLabel):
        assert fully_shown(widget), widget.objectName()
    intake.close()


def test_ten_breaches_are_seen_at_once_and_acknowledged_by_keyboard(
    qtbot: QtBot, desk: Desk
) -> None:
    panel = desk.window.alert_panel
    assert panel is not None
    listing = panel.ui.alertList
    alerts = panel.alerts()
    assert len(alerts) == 10
    QApplication.processEvents()
    for row in range(len(alerts)):
        item = listing.topLevelItem(row)
        assert item is not None
        assert listing.viewport().rect().contains(listing.visualItemRect(item)), f"row {row}"
    # Alt+A goes to the list; then Enter and Ctrl+Enter, ten times.
    desk.window.activateWindow()
    qtbot.waitUntil(desk.window.isActiveWindow, timeout=2000)
    qtbot.keyClick(desk.window, "a", Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is listing
    for left in range(len(alerts), 0, -1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), AcknowledgeDialog))
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(lambda n=left: len(panel.alerts()) == n - 1, timeout=3000)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is listing or not panel.alerts())
    assert panel.ui.summaryLabel.text() == "No alerts need acknowledging."


# --- 8. Nothing cut -------------------------------------------------------------------------


def test_the_board_shows_every_clock_name_whole(desk: Desk) -> None:
    board = desk.window.ui.board
    metrics = QFontMetrics(board.font())
    width = board.columnWidth(Column.NEXT_DEADLINE)
    proxy = desk.window.proxy
    names = set()
    for row in range(proxy.rowCount()):
        parts = proxy.index(row, Column.NEXT_DEADLINE).data(DEADLINE_ROLE)
        if not parts:
            continue
        label, due = parts
        names.add(label)
        needed = metrics.horizontalAdvance(f"{label}   {due}") + PAD - 10
        assert needed <= width, f"{label} · {due} needs {needed} px of {width}"
    assert {"MRI within 24 h", "MRI and plan within 1 week"} <= names
    # The whole board fits across the screen: no sideways scrolling on a ward PC.
    assert board.horizontalScrollBar().maximum() == 0


def test_an_empty_board_says_what_to_do_first(qtbot: QtBot, tmp_path: Path) -> None:
    ward_screen()
    db = open_database(tmp_path / "empty.sqlite3")
    try:
        window = MainWindow(DeskContext(db, user="ada"))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.board_loaded, timeout=10_000):
            window.show()
        text = window._empty_board_text()
        assert "No open cases" in text and "Ctrl+N" in text
        image = window.ui.board.viewport().grab().toImage()
        dark = sum(
            1
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
            if image.pixelColor(x, y).lightness() < 100
        )
        assert dark > 50  # the words are painted, not just kept in a string
        window.ui.searchEdit.setText("zz")
        window.close()
    finally:
        db.dispose()


def test_the_timeline_names_who_under_when(qtbot: QtBot, desk: Desk) -> None:
    case_id = desk.window.selected_case_id()
    assert case_id is not None
    view = desk.window.open_case(case_id)
    qtbot.waitExposed(view)
    timeline = view.ui.timelineView
    assert timeline.isColumnHidden(WHO)
    whens = [
        view.timeline_model.index(r, WHEN).data() for r in range(view.timeline_model.rowCount())
    ]
    assert any("Dr " in w for w in whens)  # a display name, on its own line
    assert all("\n" in w for w in whens)
    view.close()


def test_the_handover_table_has_no_column_behind_a_scroll_bar(qtbot: QtBot, desk: Desk) -> None:
    view = desk.window.open_handover()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    table = view.ui.casesTable
    used = sum(table.columnWidth(c) for c in range(view.model.columnCount()))
    assert used <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    view.close()


def test_ctrl_number_puts_the_section_at_the_top(qtbot: QtBot, desk: Desk) -> None:
    intake = desk.window.new_call()
    assert isinstance(intake, IntakeWindow)
    qtbot.waitExposed(intake)
    for number, name in enumerate(GROUP_NAMES[:5], start=1):
        intake._jump_to(getattr(intake.ui, name))
        group = getattr(intake.ui, name)
        viewport = intake.ui.formScroll.viewport()
        top = group.mapTo(viewport, group.rect().topLeft()).y()
        bar = intake.ui.formScroll.verticalScrollBar()
        if bar.value() < bar.maximum():  # the last sections cannot scroll past the end
            assert 0 <= top <= 10, f"Ctrl+{number}: section starts {top} px down"
        focused = intake.focusWidget()
        assert focused is not None and group.isAncestorOf(focused)
        fw_top = focused.mapTo(viewport, focused.rect().topLeft()).y()
        assert fw_top < viewport.height() // 2, f"Ctrl+{number}: first field at {fw_top}"
    intake.close()


def test_a_message_in_the_mri_dialog_leaves_its_hints_whole(qtbot: QtBot, desk: Desk) -> None:
    case_id = desk.window.selected_case_id()
    assert case_id is not None
    view = desk.window.open_case(case_id)
    row = view.checklist_model.row_of("mri")
    view.edit_item(row)
    editor = view.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.inputs["performed_at"].focus_widget.setFocus()
    qtbot.keyClicks(editor.inputs["performed_at"].focus_widget, "31/02/2026 10:00")
    editor.save()
    assert editor.ui.errorLabel.isVisible()
    assert "February 2026 has 28 days" in editor.ui.errorLabel.text()
    QApplication.processEvents()
    for label in editor.findChildren(QLabel):
        if label.isVisible() and label.text():
            wanted = (
                label.heightForWidth(label.width())
                if label.wordWrap()
                else label.sizeHint().height()
            )
            assert label.height() >= wanted - 1, f"{label.objectName()}: {label.text()[:40]}"
    assert ward_screen().contains(editor.frameGeometry())
    editor.reject()
    view.close()


# --- 1920x1080 at 125 % ------------------------------------------------------------------


def _run(args: list[str], platform: str, extra: dict[str, str] | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSCC_DESK")}
    env["QT_QPA_PLATFORM"] = platform
    env.update(extra or {})
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("screen_file", "extra", "logical"),
    [
        ("ward.json", {}, (1366, 768)),
        ("fullhd.json", {"QT_SCALE_FACTOR": "1.25"}, (1536, 864)),
    ],
    ids=["1366x768", "1920x1080-at-125"],
)
def test_smoke_says_the_window_it_opened_and_it_fits(
    demo_file: Path, screen_file: str, extra: dict[str, str], logical: tuple[int, int]
) -> None:
    platform = f"offscreen:configfile={SCREENS / screen_file}"
    line = _run(["-m", "mscc_desk", "gui", "--smoke", "--db", str(demo_file)], platform, extra)
    report = json.loads(line)
    assert report["open_cases"] == 40
    width, height = report["window"]
    assert width <= logical[0] and height <= logical[1]
    assert width >= logical[0] * 0.9 and height >= logical[1] * 0.9  # and uses the screen


def test_every_window_fits_1920x1080_at_125_percent(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "desk.sqlite3"
    shutil.copyfile(demo_file, copy)
    platform = f"offscreen:configfile={SCREENS / 'fullhd.json'}"
    line = _run(["-m", "tests.gui.ward_desk", str(copy)], platform, {"QT_SCALE_FACTOR": "1.25"})
    report = json.loads(line)
    x, y, width, height = report.pop("screen")
    assert (width, height) == (1536, 864)
    area = QRect(x, y, width, height)
    assert len(report) > 10
    for name, (fx, fy, fw, fh) in report.items():
        assert area.contains(QRect(fx, fy, fw, fh)), f"{name}: {fx, fy, fw, fh}"

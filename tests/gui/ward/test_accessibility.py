"""Accessibility on the ward PC (issue 13, item 9).

Every input of every window has a name a screen reader can say (its buddy label, or one
set in code); every alert has a sentence; text follows the system's font size; and a
high-contrast palette leaves every word readable, checked on the pixels drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible, QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mscc_desk.gui.case.dialogs import CloseCaseDialog
from mscc_desk.gui.case.view import CaseView
from mscc_desk.gui.desk.dialogs import CoordinatorDialog, UserPicker
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.gui.handover.view import HandoverView
from mscc_desk.gui.intake.window import IntakeWindow
from mscc_desk.gui.look import contrast
from mscc_desk.gui.people.first_run import FirstRunWizard
from mscc_desk.gui.people.session import SessionController
from mscc_desk.gui.people.sign_in import SignInDialog
from mscc_desk.store.engine import Database
from tests.gui.ward_desk import Desk, every_window

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_inputs(window: QWidget) -> list[str]:
    """Inputs a person can reach that a screen reader could not name."""
    out = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QTextEdit) and widget.isReadOnly() and not widget.isEnabled():
            continue
        if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QComboBox):
            continue  # a table's headings; the box of a combo box, which is named
        if widget.objectName().startswith("qt_"):  # Qt's own parts (a spin box's line edit)
            continue
        if not accessible_name(widget).replace("&", ""):
            out.append(f"{type(widget).__name__} {widget.objectName() or '(no name)'}")
    return out


def more_windows(desk: Desk) -> Iterator[tuple[str, QWidget]]:
    """The small windows every_window() does not open: sign-in, set-up, hand-over."""
    main = desk.window
    yield "sign in", SignInDialog(desk.session, main)
    yield "switch user", SignInDialog(desk.session, main, switch=True)
    spare = SessionController(desk.ctx, guard=False)
    yield "first run", FirstRunWizard(spare, main)
    yield "coordinator", CoordinatorDialog("Dr A Patel (coordinator)", None, main)
    yield "who is at the desk", UserPicker([], "", main)
    handover = main.open_handover()
    yield "hand over", handover.hand_over()
    case = main.open_case(main.proxy.case_id_at(0))
    assert case.detail is not None
    yield "close case", CloseCaseDialog(desk.ctx, case.detail, case)
    spare.shutdown()


def test_every_input_of_every_window_has_an_accessible_name(qtbot: QtBot, desk: Desk) -> None:
    missing: list[str] = []
    for name, window in [*every_window(desk), *more_windows(desk)]:
        window.show()
        qtbot.waitExposed(window)
        missing += [f"{name}: {widget}" for widget in unnamed_inputs(window)]
    assert missing == [], "\n".join(missing)


def test_every_alert_has_a_sentence(desk: Desk) -> None:
    panel = desk.window.alert_panel
    assert panel is not None
    listing = panel.ui.alertList
    assert accessible_name(listing) == "Deadline alerts"
    assert listing.topLevelItemCount() == 10
    from PySide6.QtCore import Qt

    for row in range(listing.topLevelItemCount()):
        item = listing.topLevelItem(row)
        assert item is not None
        sentence = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
        assert sentence.startswith(("BREACHED: ", "DUE SOON: ", "IMMINENT: "))
        assert " for " in sentence and ("OVERDUE" in sentence or "left" in sentence)


# --- text follows the system's size -------------------------------------------------------


@pytest.fixture
def large_text() -> Iterator[float]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    large = QFont(before)
    large.setPointSizeF(16.0)
    app.setFont(large)
    yield 16.0
    app.setFont(before)


def test_text_follows_the_system_font_size(
    qtbot: QtBot, db: Database, desk: Desk, large_text: float
) -> None:
    main = MainWindow(desk.ctx)
    qtbot.addWidget(main)
    assert main.ui.board.font().pointSizeF() >= large_text
    case = CaseView(desk.ctx, main.proxy.case_id_at(0) if main.proxy.rowCount() else 1)
    qtbot.addWidget(case)
    assert case.ui.patientLabel.font().pointSizeF() >= large_text * 1.5
    assert case.ui.identifiersLabel.font().pointSizeF() >= large_text
    intake = IntakeWindow(desk.ctx)  # deletes itself on close: not handed to qtbot
    assert intake.ui.titleLabel.font().pointSizeF() >= large_text * 1.4
    assert intake.fields.by_key["call.caller_name"].widget.font().pointSizeF() >= large_text
    handover = HandoverView(desk.ctx)
    qtbot.addWidget(handover)
    assert handover.ui.titleLabel.font().pointSizeF() >= large_text * 1.3
    intake.close()


# --- a high-contrast palette ---------------------------------------------------------------


def high_contrast() -> QPalette:
    """Windows' "High Contrast Black": white on black, yellow and cyan for what stands out."""
    palette = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.AlternateBase,
        QPalette.ColorRole.Button,
    ):
        palette.setColor(role, black)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.BrightText,
    ):
        palette.setColor(role, white)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1aebff"))
    palette.setColor(QPalette.ColorRole.HighlightedText, black)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, black)
    palette.setColor(QPalette.ColorRole.ToolTipText, white)
    return palette


@pytest.fixture
def dark_theme() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    app.setPalette(high_contrast())
    yield
    app.setPalette(before)


def drawn_contrast(window_image: QImage, window: QWidget, label: QLabel) -> float:
    """The contrast of the words as drawn in the window: the commonest colour where the
    label is is its background, the words are the colour furthest from it."""
    top_left = label.mapTo(window, label.rect().topLeft())
    image = window_image.copy(QRect(top_left, label.size()))
    colours = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height())
    )
    background = QColor.fromRgb(colours.most_common(1)[0][0])
    return max(contrast(background, QColor.fromRgb(rgb)) for rgb in colours)


def test_a_high_contrast_palette_leaves_every_word_readable(
    qtbot: QtBot, desk: Desk, dark_theme: None
) -> None:
    main = desk.window
    windows: list[QWidget] = [
        MainWindow(desk.ctx),
        CaseView(desk.ctx, main.proxy.case_id_at(0)),
        IntakeWindow(desk.ctx),
        HandoverView(desk.ctx),
    ]
    faint = []
    for window in windows:
        if not isinstance(window, IntakeWindow):  # which deletes itself on close
            qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        drawn = window.grab().toImage()
        for label in window.findChildren(QLabel):
            if not label.isVisibleTo(window) or not label.text().strip():
                continue
            if label.width() < 4 or label.height() < 4:
                continue
            if label.visibleRegion().boundingRect() != label.rect():
                continue  # scrolled out of sight (the long intake form): not drawn now
            if drawn_contrast(drawn, window, label) < 4.5:
                faint.append(f"{type(window).__name__}: {label.objectName()} {label.text()[:40]!r}")
    if isinstance(windows[2], IntakeWindow):
        windows[2].close()
    assert faint == [], "\n".join(faint)

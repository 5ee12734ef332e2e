"""How the board table is laid out: column widths, the next-deadline cell, the empty board.

Nine columns must fit a 1366-pixel ward PC's screen without a sideways scroll, and the
two that matter most at night (the next deadline and the time left) must never be the
ones cut off. The deadline cell shows the clock's short name (the pathway file's) and
its due time, right-aligned so the times line up down the board; only the location,
which has a tooltip, gives way when space runs out. An empty board says what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from .board_model import DEADLINE_ROLE, Column

PAD = 22  # cell margins and a little air
ICON = 24  # a 16 px icon and its gap
PATIENT_MAX = 200
CATEGORY_MAX = 200  # the longest short text and its icon; an override is elided
# The widest short clock name of the pathway file and the widest compact due time (a
# week-long clock is due on a date, not a weekday).
DEADLINE_SAMPLE = "Physiotherapy within 24 h   28 Nov 16:30"


class DeadlineDelegate(QStyledItemDelegate):
    """`MRI within 24 h ...... Wed 25 Nov 16:30 GMT`: the name is elided, never the time."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        parts = index.data(DEADLINE_ROLE)
        if not parts:
            super().paint(painter, option, index)
            return
        label, due = parts
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 0, -3, 0)
        metrics = QFontMetrics(opt.font)
        due_width = metrics.horizontalAdvance(due)
        label_width = max(0, rect.width() - due_width - metrics.horizontalAdvance("   "))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        align = Qt.AlignmentFlag.AlignVCenter
        label_rect = rect.adjusted(0, 0, -(rect.width() - label_width), 0)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
        painter.drawText(label_rect, align | Qt.AlignmentFlag.AlignLeft, elided)
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, due)
        painter.restore()


FIT_SAMPLE_ROWS = 100


def fit_columns(view: QTableView) -> None:
    """Widths from the font and the real contents; Location takes whatever is left."""
    metrics = QFontMetrics(view.font())
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    header = view.horizontalHeader()

    def text(sample: str, font: QFontMetrics = metrics, extra: int = 0) -> int:
        return font.horizontalAdvance(sample) + PAD + extra

    def widest(column: Column, cap: int) -> int:
        """The widest cell of the first rows (the rows in view and a sample after them):
        found by measuring each text in its own font with its icon, then sized by Qt's
        own hint for that one cell (its margins are the style's). Qt's hints for every
        cell ask the model for every role of each, a quarter of a second at start-up."""
        model = view.model()
        rows = min(model.rowCount(), FIT_SAMPLE_ROWS) if model is not None else 0
        best: tuple[int, QModelIndex] | None = None
        for r in range(rows):
            index = model.index(r, column)
            font = index.data(Qt.ItemDataRole.FontRole)
            measure = QFontMetrics(font) if isinstance(font, QFont) else metrics
            icon = ICON if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            width = measure.horizontalAdvance(str(index.data() or "")) + icon
            if best is None or width > best[0]:
                best = (width, index)
        if best is None:
            return 0
        grid = 1 if view.showGrid() else 0
        return min(view.sizeHintForIndex(best[1]).width() + grid, cap)

    widths = {
        Column.PATIENT: max(widest(Column.PATIENT, PATIENT_MAX), 120),
        Column.NHS: text("999 999 9999"),
        Column.AGE: text("Age "),
        Column.CATEGORY: max(widest(Column.CATEGORY, CATEGORY_MAX), 120),
        Column.NEXT_DEADLINE: text(DEADLINE_SAMPLE),
        Column.TIME_LEFT: text("OVERDUE 23 h 59 min", bold, ICON),
        Column.CHECKLIST: text("Checklist"),
        Column.LAST_ACTIVITY: text("Last activity"),
    }
    widths[Column.LAST_ACTIVITY] = max(widths[Column.LAST_ACTIVITY], text("25 Nov 16:30"))
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(Column.LOCATION, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(metrics.horizontalAdvance("Age") + 12)


class EmptyBoardHint(QObject):
    """Paints what to do on an empty board: a blank table tells a newcomer nothing.

    `text()` gives the words for the moment (nothing open yet, or nothing matching the
    search); they are painted in the middle of the view's viewport, and also make the
    view's accessible description, so a screen reader says them too.
    """

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]) -> None:
        super().__init__(view)
        self._view = view
        self._text = text
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and watched is self._view.viewport():
            model = self._view.model()
            if model is not None and model.rowCount() == 0:
                self._paint(watched)
        return False

    def _paint(self, viewport: QObject) -> None:
        assert isinstance(viewport, QWidget)
        painter = QPainter(viewport)
        font = QFont(self._view.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(self._view.palette().color(QPalette.ColorRole.Text))
        rect = viewport.rect().adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), self._text())
        painter.end()

"""How the board table is laid out: column widths and the next-deadline cell.

Nine columns must fit a ward PC's screen without a sideways scroll, and the two that
matter most at night (the next deadline and the time left) must never be the ones cut
off. The deadline cell therefore keeps its due time whole, right-aligned so the times
line up down the board, and shortens only the clock's name when space runs out.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from .board_model import DEADLINE_ROLE, Column

PAD = 22  # cell margins and a little air
ICON = 24  # a 16 px icon and its gap
PATIENT_MAX = 230
CATEGORY_MAX = 210  # the longest short text and its icon; an override is elided


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


def fit_columns(view: QTableView) -> None:
    """Widths from the font and the real contents; Location takes whatever is left."""
    metrics = QFontMetrics(view.font())
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    header = view.horizontalHeader()

    def text(sample: str, font: QFontMetrics = metrics, extra: int = 0) -> int:
        return font.horizontalAdvance(sample) + PAD + extra

    widths = {
        Column.PATIENT: min(max(view.sizeHintForColumn(Column.PATIENT), 120), PATIENT_MAX),
        Column.NHS: text("999 999 9999"),
        Column.AGE: text("Age "),
        Column.CATEGORY: min(max(view.sizeHintForColumn(Column.CATEGORY), 120), CATEGORY_MAX),
        Column.NEXT_DEADLINE: text("MRI within 24 h    Wed 25 Nov 16:30 GMT"),
        Column.TIME_LEFT: text("OVERDUE 23 h 59 min", bold, ICON),
        Column.CHECKLIST: text("Checklist"),
        Column.LAST_ACTIVITY: text("Last activity"),
    }
    widths[Column.LAST_ACTIVITY] = max(widths[Column.LAST_ACTIVITY], text("25 Nov 16:30 GMT"))
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(Column.LOCATION, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(metrics.horizontalAdvance("Age") + 12)

"""How urgency looks: a shape, words and a muted colour, never colour alone.

A tired registrar, a colour-blind coordinator and a grey handover printout must all read
the same urgency, so every category has its own shape and its pathway "short" text, and
the countdown says OVERDUE or "due soon" in words; the colours only reinforce.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ...domain.deadlines import Stage, stages_due

INK = QColor("#1b1b1b")  # dark text on every tinted cell, whatever the desktop palette

# Light tints: dark text stays readable on each of them, in colour or in grey.
CATEGORY_TINT = {
    "emergency": QColor("#f3d3d3"),
    "urgent_advice": QColor("#f6e4c3"),
    "oncology_referral": QColor("#d9e2f1"),
    "safety_net": QColor("#e3ece0"),
}
_CATEGORY_INK = {
    "emergency": QColor("#8b1a1a"),
    "urgent_advice": QColor("#8a5a00"),
    "oncology_referral": QColor("#1f3f7a"),
    "safety_net": QColor("#3d5c35"),
    "outside_pathway": QColor("#555555"),
}
STAGE_TINT = {
    Stage.breached: QColor("#e8b4b4"),
    Stage.imminent: QColor("#f0cf94"),
    Stage.due_soon: QColor("#f6e4c3"),
}


def stage_at(
    now: datetime, due_at: datetime, leads: Mapping[Stage, timedelta] | None = None
) -> Stage | None:
    """The most urgent alert stage reached, or None while the clock is comfortably running.

    `leads` are the desk's alert lead times (a setting), so a row and its alert agree.
    """
    reached = stages_due(now, due_at, leads)
    return reached[-1] if reached else None


def _pixmap(size: int = 16) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def category_icon(category: str) -> QIcon:
    """Triangle, diamond, disc, ring, dash: five shapes that differ without colour."""
    colour = _CATEGORY_INK.get(category, _CATEGORY_INK["outside_pathway"])
    pixmap, p = _pixmap()
    p.setPen(QPen(colour, 1.6))
    p.setBrush(QBrush(colour))
    if category == "emergency":
        p.drawPolygon(QPolygonF([QPointF(8, 1.5), QPointF(15, 14.5), QPointF(1, 14.5)]))
        p.setPen(QPen(QColor("white"), 2))
        p.drawLine(QPointF(8, 6), QPointF(8, 10))
        p.drawPoint(QPointF(8, 12.6))
    elif category == "urgent_advice":
        p.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 8), QPointF(8, 15), QPointF(1, 8)]))
    elif category == "oncology_referral":
        p.drawEllipse(QRectF(2, 2, 12, 12))
    elif category == "safety_net":
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour, 2.2))
        p.drawEllipse(QRectF(3, 3, 10, 10))
    else:
        p.drawRect(QRectF(3, 7, 10, 2))
    p.end()
    return QIcon(pixmap)


@cache
def stage_icon(stage: Stage) -> QIcon:
    """An hourglass for a clock nearing its end, a filled warning mark once it has passed."""
    colour = QColor("#8b1a1a") if stage is Stage.breached else QColor("#7a4f00")
    pixmap, p = _pixmap()
    p.setPen(QPen(colour, 1.6))
    if stage is Stage.breached:
        p.setBrush(QBrush(colour))
        p.drawEllipse(QRectF(1, 1, 14, 14))
        p.setPen(QPen(QColor("white"), 2.2))
        p.drawLine(QPointF(8, 4), QPointF(8, 9.5))
        p.drawPoint(QPointF(8, 12.2))
    else:
        path = QPainterPath()
        path.moveTo(3, 2)
        path.lineTo(13, 2)
        path.lineTo(3, 14)
        path.lineTo(13, 14)
        path.closeSubpath()
        p.setBrush(QBrush(colour if stage is Stage.imminent else QColor("white")))
        p.drawPath(path)
    p.end()
    return QIcon(pixmap)

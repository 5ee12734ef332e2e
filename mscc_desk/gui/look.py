"""How the desk looks on a ward PC: a focus ring nobody can miss, coloured words that stay
readable whatever the palette, and text that follows the system's size.

Someone working by keyboard alone must see at a glance where the keyboard is: Qt's own
focus hint is a faint line that a ward PC's tired screen loses. So one ring, thick and
of a colour that stands out from the palette, follows the focus from window to window.

Colours that mean something (an error, a muted aside, a local policy) are chosen for the
palette in use: dark red on a light window, light red on the black of a high-contrast
theme. Cells and banners that set their own background also set their own dark ink, so
they read the same in any theme; anything drawn on the palette's own background takes
its colour from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QWidget

RING_WIDTH = 3  # pixels, outside the control so it never covers what is typed
RING_ON_LIGHT = QColor("#0b4fc2")  # strong blue: not a colour the desk uses for urgency
RING_ON_DARK = QColor("#ffd400")  # yellow on a dark or high-contrast theme


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.1)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours (1 to 21); 4.5 is the least for body text."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.25


@dataclass(frozen=True)
class Inks:
    """Text colours with a meaning, each readable on the palette's window and base."""

    muted: QColor
    error: QColor
    ok: QColor
    warn: QColor


LIGHT_INKS = Inks(QColor("#4a4a4a"), QColor("#8b1a1a"), QColor("#1d5e20"), QColor("#6b4a00"))
DARK_INKS = Inks(QColor("#c8c8c8"), QColor("#ff9e9e"), QColor("#8fe38f"), QColor("#ffd27a"))


def inks(palette: QPalette | None = None) -> Inks:
    return DARK_INKS if is_dark(palette) else LIGHT_INKS


def colour_style(kind: str, *, bold: bool = False, italic: bool = False) -> str:
    """A style sheet for a label of that meaning ("error", "muted", "ok", "warn")."""
    colour: QColor = getattr(inks(), kind)
    extra = (" font-weight: bold;" if bold else "") + (" font-style: italic;" if italic else "")
    return f"color: {colour.name()};{extra}"


def error_style() -> str:
    """The style of a message that says what is wrong."""
    return colour_style("error", bold=True)


def scaled_font(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A heading's font: the system's size times `factor`, so it grows with it."""
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold or scaled.bold())
    return scaled


class FocusRing(QWidget):
    """A thick ring drawn around the focused control, in its parent, above its siblings."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("focusRing")
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []

    @property
    def target(self) -> QWidget | None:
        target = self._target
        return target if target is not None and shiboken6.isValid(target) else None

    def follow(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self._target = widget if widget is not None and _wants_ring(widget) else None
        target = self.target
        if target is None or target.parentWidget() is None:
            self.hide()
            return
        host = _host_for(target)
        self.setParent(host)
        # Whatever moves the control within its host moves the ring: the control, and
        # the containers in between (a layout that grows when a message appears).
        widget_chain: QWidget | None = target
        while widget_chain is not None and widget_chain is not host:
            widget_chain.installEventFilter(self)
            self._watched.append(widget_chain)
            widget_chain = widget_chain.parentWidget()
        self._place()

    def _place(self) -> None:
        target = self.target
        host = self.parentWidget()
        if target is None or host is None or not target.isVisible():
            self.hide()
            return
        pad = RING_WIDTH + 1
        top_left = target.mapTo(host, QPoint(0, 0))
        rect = QRect(top_left, target.size()).adjusted(-pad, -pad, pad, pad)
        self.setGeometry(rect)
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kinds = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)
        if watched in self._watched and event.type() in kinds:
            self._place()
        return False

    def colour(self) -> QColor:
        parent = self.parentWidget()
        palette = parent.palette() if parent is not None else QGuiApplication.palette()
        return RING_ON_DARK if is_dark(palette) else RING_ON_LIGHT

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.colour())
        pen.setWidth(RING_WIDTH)
        painter.setPen(pen)
        half = RING_WIDTH // 2 + 1
        painter.drawRoundedRect(QRect(self.rect()).adjusted(half, half, -half, -half), 4, 4)
        painter.end()


def _host_for(target: QWidget) -> QWidget:
    """The nearest container with room for the ring all round the control (a field's
    own row may be exactly its size); the window at the most."""
    pad = RING_WIDTH + 1
    host = target.parentWidget()
    assert host is not None
    while not host.isWindow():
        top_left = target.mapTo(host, QPoint(0, 0))
        if host.rect().contains(QRect(top_left, target.size()).adjusted(-pad, -pad, pad, pad)):
            break
        parent = host.parentWidget()
        if parent is None:
            break
        host = parent
    return host


def _wants_ring(widget: QWidget) -> bool:
    """Every control that takes the keyboard, except menus (which show their own)."""
    if isinstance(widget.window(), QMenu) or widget.window().windowType() == Qt.WindowType.Popup:
        return False
    if isinstance(widget.parentWidget(), QAbstractScrollArea) and widget.objectName() in (
        "qt_scrollarea_viewport",
    ):
        return False
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus


class _FocusTracker(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring = FocusRing()
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.ring):  # went with the window it was drawn in
            self.ring = FocusRing()
        self.ring.follow(new)


_TRACKER: _FocusTracker | None = None


def apply_desk_look(app: QApplication) -> FocusRing:
    """Install the focus ring for the whole application (once); returns the ring."""
    global _TRACKER
    if _TRACKER is None or not shiboken6.isValid(_TRACKER):
        _TRACKER = _FocusTracker(app)
    if not shiboken6.isValid(_TRACKER.ring):
        _TRACKER.ring = FocusRing()
    return _TRACKER.ring

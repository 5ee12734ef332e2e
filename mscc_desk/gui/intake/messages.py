"""Where the intake form puts what it has to say about a field.

A message belongs next to the field it is about, in words that name it, so a tired
reader never has to match a list of errors to boxes on the screen. Colour and a red
frame only repeat what the words say.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QWidget

from .fields import Binding


class FieldMessages:
    """Each field's message: in its hint beside it when it has one, else on a line under it."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._lines: dict[str, QLabel] = {}

    def show(self, binding: Binding, message: str | None, readback: str = "") -> None:
        mark_invalid(binding.widget, bool(message))
        if binding.hint is not None:
            binding.hint.setText(message or readback)
            set_role(binding.hint, "error" if message else "hint")
            return
        line = self._lines.get(binding.key)
        if line is None and not message:
            return
        if line is None:
            line = self._line_under(binding)
        line.setText(message or "")
        line.setVisible(bool(message))

    def _line_under(self, binding: Binding) -> QLabel:
        # Made on first use: a line per field would double the height of an empty form.
        line = QLabel(self._owner)
        line.setObjectName(f"message_{binding.widget.objectName()}")
        line.setWordWrap(True)
        line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        set_role(line, "error")
        parent = binding.widget.parentWidget()
        form = parent.layout() if parent is not None else None
        if isinstance(form, QFormLayout):
            position = cast(tuple[int, Any], form.getWidgetPosition(binding.widget))
            if position[0] >= 0:
                form.insertRow(position[0] + 1, "", line)
        self._lines[binding.key] = line
        return line


def align_labels(body: QWidget) -> None:
    """One label column for every section, so the fields line up down the whole form."""
    labels = []
    for form in body.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((w.sizeHint().width() for w in labels), default=0)
    for widget in labels:
        widget.setMinimumWidth(width)
        if isinstance(widget, QLabel):
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def set_role(widget: QWidget, role: str) -> None:
    """Styles hang off the `role` property (the form's style sheet), so re-polish on change."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def mark_invalid(widget: QWidget, bad: bool) -> None:
    if widget.property("invalid") != bad:
        widget.setProperty("invalid", bad)
        widget.style().unpolish(widget)
        widget.style().polish(widget)

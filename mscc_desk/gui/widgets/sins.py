"""The SINS calculator: six answers, the total, its band, and a prompt, never a verdict.

SINS (Fisher 2010) supports the question "should a spinal surgeon see this?"; it does not
answer it. So the widget says "consider a surgical opinion" from 7 up, and says on its
face that it is an aid. The components, points and bands come from `domain.scales`, the
one place a clinical reviewer checks against PATHWAY.md §8.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from ...domain.scales import (
    SINS_COMPONENTS,
    SURGICAL_OPINION_TEXT,
    SinsResult,
    sins_score,
)
from ..look import colour_style

AID_TEXT = "An aid to the decision, not a decision (SINS, Fisher 2010)."
_CHOOSE = "— choose —"


class SinsWidget(QWidget):
    """Six drop-downs, keyboard first: Tab between them, type or arrow to choose."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for row, spec in enumerate(SINS_COMPONENTS):
            combo = QComboBox(self)
            combo.setObjectName(f"sins_{spec.key}")
            combo.addItem(_CHOOSE, None)
            for member in spec.enum:
                points = "point" if member.points == 1 else "points"
                combo.addItem(f"{member.label} — {member.points} {points}", member.value)
            combo.currentIndexChanged.connect(self._update)
            label = QLabel(f"{spec.label}:", self)
            label.setBuddy(combo)
            layout.addWidget(label, row, 0)
            layout.addWidget(combo, row, 1)
            self.combos[spec.key] = combo
        row = len(SINS_COMPONENTS)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("sinsTotal")
        self.opinion_label = QLabel(self)
        self.opinion_label.setObjectName("sinsOpinion")
        self.opinion_label.setWordWrap(True)
        aid = QLabel(AID_TEXT, self)
        aid.setWordWrap(True)
        aid.setStyleSheet(colour_style("muted", italic=True))
        layout.addWidget(self.total_label, row, 0, 1, 2)
        layout.addWidget(self.opinion_label, row + 1, 0, 1, 2)
        layout.addWidget(aid, row + 2, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        self._update()

    def answers(self) -> dict[str, str]:
        """The components answered so far (key -> stored value)."""
        out: dict[str, str] = {}
        for key, combo in self.combos.items():
            value = combo.currentData()
            if isinstance(value, str):
                out[key] = value
        return out

    def value(self) -> dict[str, str] | None:
        """All six answers, None when none is given; a partial SINS is refused.

        Raises ValueError naming what is missing: a total of five answers would read as
        a lower score than the person has.
        """
        answers = self.answers()
        if not answers:
            return None
        missing = [spec.label for spec in SINS_COMPONENTS if spec.key not in answers]
        if missing:
            raise ValueError(f"answer all six components (missing: {', '.join(missing)})")
        return answers

    def set_value(self, value: Mapping[str, object] | None) -> None:
        for key, combo in self.combos.items():
            wanted = (value or {}).get(key)
            index = combo.findData(wanted) if isinstance(wanted, str) else 0
            combo.setCurrentIndex(max(index, 0))
        self._update()

    def result(self) -> SinsResult | None:
        answers = self.answers()
        if len(answers) != len(SINS_COMPONENTS):
            return None
        return sins_score(**answers)

    def _update(self) -> None:
        result = self.result()
        if result is None:
            done = len(self.answers())
            self.total_label.setText(
                f"Total: — ({done} of {len(SINS_COMPONENTS)} answered; answer all six)"
            )
            self.opinion_label.setText("")
        else:
            self.total_label.setText(f"<b>Total: {result.total} of 18 — {result.band.label}</b>")
            self.opinion_label.setText(
                f"<b>{SURGICAL_OPINION_TEXT}</b> (score 7 or more)."
                if result.surgical_opinion
                else "Below 7: no prompt for a surgical opinion from the score alone."
            )
        self.changed.emit()

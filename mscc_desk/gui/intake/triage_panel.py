"""What NG234 asks for this person, beside the call as it is typed.

The coordinator must see *why* the desk says what it says, so every line carries its
rule and reference, local policy is called local policy, and the category is written in
words (colour only repeats it: a grey printout or a colour-blind reader loses nothing).
When the facts are not yet enough to triage, the panel says what is missing instead of
going blank, so an empty panel never reads as "nothing to do".
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ...domain.clock import Clock, SystemClock, format_london
from ...domain.deadlines import format_time_left
from ...domain.pathway import Pathway, Rule
from ...domain.triage import OverrideEffect, TriageResult
from ..look import inks

# Colour repeats the words; it never carries the meaning alone.
_BANNER = {
    "emergency": ("#ffffff", "#a4161a"),
    "urgent_advice": ("#1f1300", "#f4a259"),
    "oncology_referral": ("#ffffff", "#5a3d8a"),
    "safety_net": ("#ffffff", "#2d6a4f"),
    "outside_pathway": ("#ffffff", "#52606d"),
}
_PENDING = ("#1f2933", "#d9dee3")
_IMMOBILISATION_WORDS = {
    "start_now": "Start immobilisation now",
    "consider": "Consider immobilisation",
    "assess": "Spinal instability not assessed: assess now",
    "not_indicated": "Immobilisation not indicated",
}
REFRESH_MS = 30_000  # time left is shown to the minute


def reference(ref: str, status: str) -> str:
    """A rule's reference as shown: local policy is always named as such (PATHWAY.md)."""
    if ref.strip() == "local":
        return "local policy"
    return f"{ref} — local policy" if status == "local" else ref


class TriagePanel(QWidget):
    """Shows one `TriageResult`; knows nothing about the form that feeds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock: Clock = SystemClock()
        self._last: tuple[TriageResult, Pathway, str, str, OverrideEffect | None] | None = None
        self.category: str | None = None  # the category in force, None until triaged

        self.caption = QLabel("NG234 triage — updates as you type", self)
        self.caption.setObjectName("triageCaption")
        self.banner = QLabel(self)
        self.banner.setObjectName("triageBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        font = self.banner.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.banner.setFont(font)
        self.words = QLabel(self)
        self.words.setObjectName("triageWords")
        self.words.setWordWrap(True)
        words_font = self.words.font()
        words_font.setPointSizeF(words_font.pointSizeF() * 1.2)
        words_font.setBold(True)
        self.words.setFont(words_font)
        self.details = QLabel(self)
        self.details.setObjectName("triageDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        scroll = QScrollArea(self)
        scroll.setObjectName("triageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(scroll)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(2, 0, 6, 0)
        inner_layout.addWidget(self.details)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.banner)
        layout.addWidget(self.words)
        layout.addWidget(scroll, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.show_incomplete([])

    def set_clock(self, clock: Clock) -> None:
        self._clock = clock

    # ------------------------------------------------------------------ showing
    def show_incomplete(self, missing: list[str]) -> None:
        """Not enough to triage yet: say what is needed, never a blank panel."""
        self._last = None
        self.category = None
        self._banner("NOT TRIAGED YET", _PENDING)
        self.words.setText("Triage runs as you type.")
        items = "".join(f"<li>{escape(m)}</li>" for m in missing) or "<li>Cancer status</li>"
        self.details.setText(f"{_h('Still needed to triage')}<ul>{items}</ul>")

    def show_result(
        self,
        result: TriageResult,
        pathway: Pathway,
        *,
        override_reason: str = "",
        pending_override: str = "",
        effect: OverrideEffect | None = None,
    ) -> None:
        """`result` may carry an override (then `override_reason` is set); the rule the
        facts met is shown either way, so the computed category is never hidden, and
        `effect` (what the override takes away) is shown before it is saved."""
        self._last = (result, pathway, override_reason, pending_override, effect)
        self._render()

    def _tick(self) -> None:
        if self._last is not None:
            self._render()

    def _render(self) -> None:
        assert self._last is not None
        result, pathway, reason, pending, effect = self._last
        now = self._clock.now()
        category = pathway.categories[result.category]
        computed = pathway.categories[result.category_rule.outcome]
        self.category = category.key
        self._banner(category.short, _BANNER.get(category.key, _PENDING))
        self.words.setText(category.label)
        parts: list[str] = []
        if reason:
            parts.append(
                _p(
                    f"<b>Overridden by the coordinator.</b> Computed: {escape(computed.short)} "
                    f"({escape(computed.label)}). Reason: {escape(reason)}"
                )
            )
        elif pending:
            wanted = pathway.categories[pending].short
            parts.append(
                _p(
                    f"<b>Override to {escape(wanted)} not applied:</b> "
                    "give the Reason for the override."
                )
            )
        if effect is not None and effect.removes_anything:
            removed = [
                f"{escape(c.label)} (due {escape(format_london(c.due_at))})"
                for c in effect.removed_clocks
            ] + [escape(a.text) for a in effect.removed_actions]
            items = "".join(f"<li>{r}</li>" for r in removed)
            red = inks().error.name()
            parts.append(
                f"<p style='color:{red}'><b>This override removes what the facts call "
                f"for:</b></p><ul style='margin-left:-20px'>{items}</ul>"
                "<p>Immobilisation advice still follows the facts. A later call whose "
                "facts are more urgent lifts the override.</p>"
            )
        parts.append(_h("Contact"))
        parts.append(_p(f"<b>{escape(result.contact_text)}</b>"))
        parts.append(_h("Clocks"))
        if result.deadlines:
            for d in result.deadlines:
                parts.append(
                    _p(
                        f"<b>{escape(d.label)}</b><br>"
                        f"Due <b>{escape(format_london(d.due_at))}</b> · "
                        f"<b>{escape(format_time_left(d.due_at - now))}</b><br>"
                        f"Counted from {escape(format_london(d.starts_at))}<br>"
                        f"<i>{escape(reference(d.ref, d.status))}</i>"
                    )
                )
        else:
            parts.append(_p("No clock runs for this category."))
        parts.append(_h("Why"))
        parts.append(_rule(result.category_rule, f"Rule {result.category_rule.key}"))
        parts.append(_h("Immobilisation"))
        words = _IMMOBILISATION_WORDS.get(result.immobilisation, result.immobilisation)
        parts.append(_rule(result.immobilisation_rule, words))
        parts.append(_h("Actions"))
        items = "".join(
            f"<li style='margin-bottom:4px'>{escape(a.text)} "
            f"<i>({escape(reference(a.ref, a.status))})</i></li>"
            for a in result.actions
        )
        parts.append(f"<ol style='margin-left:-20px'>{items}</ol>")
        muted = inks().muted.name()
        parts.append(f"<p style='color:{muted}'>Pathway {escape(result.pathway_version)}</p>")
        self.details.setText("".join(parts))

    def _banner(self, text: str, colours: tuple[str, str]) -> None:
        fg, bg = colours
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; padding: 10px; border-radius: 4px; }}"
        )

    def details_text(self) -> str:
        """The panel's words without markup, for tests and screen readers."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.details.text())
        return f"{self.banner.text()}\n{self.words.text()}\n{doc.toPlainText()}"


def _h(text: str) -> str:
    return f"<h4 style='margin:10px 0 2px 0'>{escape(text)}</h4>"


def _p(html: str) -> str:
    return f"<p style='margin:2px 0 6px 0'>{html}</p>"


def _rule(rule: Rule, heading: str) -> str:
    return _p(
        f"<b>{escape(heading)}</b>: {escape(rule.text)}<br>"
        f"<i>{escape(reference(rule.ref, rule.status))}</i>"
    )

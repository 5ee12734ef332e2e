"""The read-only case summary: what was said, by whom, which clocks run and what is done.

Read-only on purpose: it is opened while on the phone to answer "where are we with
Mrs Smith?", so nothing in it can be changed by a stray key. It is not modal, so the
board and a new call stay reachable, and it refreshes itself after any write.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..domain.clock import format_london
from ..domain.deadlines import format_time_left
from ..domain.nhs_number import format_nhs
from ..store.board import RESOLVED_STATES, CaseSummary, age_at, case_summary
from .context import DeskContext
from .forms.ui_case_summary import Ui_CaseSummary

IMMOBILISATION = {
    "start_now": "Immobilise now (flat, log-roll)",
    "consider": "Consider immobilisation",
    "not_indicated": "Not indicated",
}
STATE_WORDS = {"pending": "to do", "done": "done", "not_applicable": "not applicable"}


class CaseSummaryWindow(QDialog):
    """`follow_up_requested(case_id)`: the desk opens the intake window, and owns it, so
    closing this summary can never take a half-typed follow-up call with it.
    """

    follow_up_requested = Signal(int)

    def __init__(self, ctx: DeskContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CaseSummary()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.case_id = case_id
        self.setModal(False)
        self.ui.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.closeButton.clicked.connect(self.close)
        self.ui.followUpButton.clicked.connect(self.record_follow_up)
        ctx.data_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        summary = case_summary(self.ctx.db, self.case_id, self.ctx.pathway)
        if summary is None:
            self.setWindowTitle(f"Case {self.case_id}")
            self.ui.titleLabel.setText(f"There is no case {self.case_id}.")
            self.ui.body.clear()
            self.ui.followUpButton.setEnabled(False)
            return
        self.setWindowTitle(f"{summary.patient_name} · case {summary.case_id} · MSCC Desk")
        self.ui.titleLabel.setText(self._title(summary))
        self.ui.body.setHtml(self._body(summary, self.ctx.clock.now()))
        self.ui.followUpButton.setEnabled(summary.status == "open")

    def record_follow_up(self) -> None:
        self.follow_up_requested.emit(self.case_id)

    # --- rendering -------------------------------------------------------------

    def _title(self, s: CaseSummary) -> str:
        """The name on its own line, then the identifiers read back over the phone."""
        nhs = f"NHS {format_nhs(s.nhs_number)}" if s.nhs_number else "NHS number not known"
        age = age_at(s.date_of_birth, self.ctx.clock.now())
        parts = [escape(nhs), f"born {s.date_of_birth:%d %b %Y} (age {age})"]
        if s.hospital_number:
            parts.append(f"hospital no. {escape(s.hospital_number)}")
        if s.location:
            parts.append(escape(s.location))
        closed = " &nbsp;<b>CLOSED</b>" if s.status != "open" else ""
        return (
            f"<span style='font-size:15pt; font-weight:600'>{escape(s.patient_name)}</span>"
            f"{closed}<br>{' &nbsp;·&nbsp; '.join(parts)}"
        )

    def _body(self, s: CaseSummary, now: datetime) -> str:
        category = self.ctx.pathway.categories.get(s.category)
        short = category.short if category else s.category
        label = category.label if category else s.category
        out = [f"<h3>{escape(short)} — {escape(label)}</h3>"]
        if s.category_override:
            out.append(
                f"<p><b>Category set by hand</b> (triage said "
                f"{escape(s.category_computed)}): {escape(s.override_reason or '')}</p>"
            )
        rule = escape(s.rule_text) if s.rule_text else "(rule not in the current pathway file)"
        out.append(
            f"<p>Rule {escape(s.rule_key)}: {rule}<br><i>Reference: {escape(s.rule_ref)}"
            f" · pathway {escape(s.pathway_version)}</i></p>"
        )
        out.append(
            "<p>"
            f"Suspected at {format_london(s.suspected_at)} · opened {format_london(s.opened_at)}"
            f"<br>Immobilisation: "
            f"{escape(IMMOBILISATION.get(s.immobilisation_advice, s.immobilisation_advice))}</p>"
        )
        out.append(self._deadlines(s, now))
        out.append(self._calls(s))
        out.append(self._checklist(s))
        return "\n".join(out)

    @staticmethod
    def _deadlines(s: CaseSummary, now: datetime) -> str:
        rows = []
        for d in s.deadlines:
            if d.met_at is not None:
                state = f"met {format_london(d.met_at)}"
            elif d.cancelled_at is not None:
                state = f"replaced {format_london(d.cancelled_at)}"
            else:
                state = f"<b>{escape(format_time_left(d.due_at - now))}</b>"
            rows.append(
                f"<tr><td>{escape(d.label)}</td><td>{format_london(d.due_at)}</td>"
                f"<td>{state}</td><td><i>{escape(d.ref)}</i></td></tr>"
            )
        return _table("Clocks", ("Clock", "Due", "Now", "Reference"), rows, "No clocks.")

    @staticmethod
    def _calls(s: CaseSummary) -> str:
        rows = []
        for c in s.calls:
            who = ", ".join(
                escape(x)
                for x in (c.caller_name, c.caller_role, c.caller_organisation, c.caller_ward)
                if x
            )
            kind = "follow-up" if c.is_follow_up else "first call"
            notes = f"<br><i>{escape(c.notes)}</i>" if c.notes else ""
            rows.append(
                f"<tr><td>{format_london(c.received_at)}<br>{kind}</td><td>{who}{notes}</td>"
                f"<td><b>{escape(c.call_back)}</b></td><td>{escape(c.taken_by)}</td></tr>"
            )
        return _table("Calls", ("Received", "Caller", "Call back on", "Taken by"), rows, "")

    @staticmethod
    def _checklist(s: CaseSummary) -> str:
        rows = []
        for item in s.checklist:
            when = format_london(item.done_at) if item.done_at else ""
            note = f"<br><i>{escape(item.note)}</i>" if item.note else ""
            rows.append(
                f"<tr><td>{escape(item.title)}{note}</td>"
                f"<td>{escape(STATE_WORDS.get(item.state, item.state))}</td><td>{when}</td></tr>"
            )
        done = sum(1 for i in s.checklist if i.state in RESOLVED_STATES)
        return _table(
            f"Checklist ({done}/{len(s.checklist)})", ("Item", "State", "When"), rows, "No items."
        )


def _table(title: str, headers: tuple[str, ...], rows: list[str], empty: str) -> str:
    if not rows:
        return f"<h4>{escape(title)}</h4><p>{escape(empty)}</p>"
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    return (
        f"<h4>{escape(title)}</h4><table cellspacing='0' cellpadding='4'>"
        f"<tr style='background:#e6e6e6'>{head}</tr>{''.join(rows)}</table>"
    )

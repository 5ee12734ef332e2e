"""What the window shows about overrides and about every call's features (issue 10).

The triage panel says what an override removes before it is saved; the case view shows
the override with who and when, every feature reported on any call, the instability
prompt, and lifts an override with a reason; the instability box has a third state.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.domain.triage import override_effect, parse_facts, triage
from mscc_desk.gui.case.dialogs import ReasonDialog
from mscc_desk.gui.case.view import CaseView
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.intake.fields import tristate_box
from mscc_desk.gui.intake.triage_panel import TriagePanel
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import load_case
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
FACTS: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "neuro": ["limb_weakness"],
    "instability_signs": True,
    "suspected_at": T0.isoformat(),
}
PATIENT = {"family_name": "Okafor", "given_name": "Grace", "date_of_birth": "1950-02-01"}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


def test_the_triage_panel_shows_what_an_override_removes(qtbot: QtBot) -> None:
    pathway = default_pathway()
    facts = parse_facts(FACTS)
    panel = TriagePanel()
    qtbot.addWidget(panel)
    panel.set_clock(FakeClock(T0))
    effect = override_effect(facts, "urgent_advice", pathway)
    panel.show_result(
        triage(facts, pathway), pathway, pending_override="urgent_advice", effect=effect
    )
    text = panel.details_text()
    assert "This override removes what the facts call for" in text
    assert "MRI within 24 h" in text
    assert "Contact the MSCC coordinator immediately" in text
    # Saved with its reason: still listed, and the immobilisation still follows the facts.
    panel.show_result(
        triage(facts, pathway, "urgent_advice"),
        pathway,
        override_reason="seen in clinic today",
        effect=effect,
    )
    text = panel.details_text()
    assert "This override removes" in text and "Start immobilisation now" in text


def test_the_case_view_shows_the_override_and_clears_it(qtbot: QtBot, db: Database) -> None:
    clock = FakeClock(T0)
    first = record_call(
        db,
        {
            **FACTS,
            "patient": PATIENT,
            "call": {"caller_name": "Dr Patel", "caller_contact": "bleep 1234"},
            "case": {"category_override": "safety_net", "override_reason": "chronic, known"},
        },
        user="alice",
        clock=clock,
    )
    clock.advance(timedelta(hours=1))
    record_call(
        db,
        {
            "cancer_status": "past_or_current",
            "pain": ["nocturnal"],
            "suspected_at": clock.now().isoformat(),
            "patient": PATIENT,
            "call": {"caller_name": "Ward 7", "caller_contact": "x4471"},
        },
        user="alice",
        clock=clock,
        case_id=first.case_id,
    )
    ctx = DeskContext(db, user="alice", clock=clock)
    view = CaseView(ctx, first.case_id)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    qtbot.waitExposed(view)
    header = view.ui.categoryLabel.text()
    assert "Overridden from" in header and "chronic, known" in header
    referral = view.ui.referralLabel.text()
    assert "Limb weakness" in referral and "Night-time back pain" in referral
    assert view.ui.clearOverrideButton.isVisible()

    view.clear_override()
    dialog = view.dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.waitExposed(dialog)
    dialog.ui.reasonEdit.setPlainText("weakness confirmed on review")
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        dialog.save()
    detail = load_case(db, first.case_id, now=clock.now())
    assert detail.referral.category.override is None
    assert detail.referral.category.key == "emergency"
    qtbot.waitUntil(lambda: not view.ui.clearOverrideButton.isVisible(), timeout=3000)


def test_instability_is_not_assessed_until_answered(qtbot: QtBot) -> None:
    box = QCheckBox()
    qtbot.addWidget(box)
    tristate_box(box, "Signs suggesting spinal instability")
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    assert "not assessed" in box.text()
    box.show()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.checkState() == Qt.CheckState.Checked and "PRESENT" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.checkState() == Qt.CheckState.Unchecked and "none found" in box.text()
    assert "none found" in box.accessibleName()
    assert QApplication.instance() is not None

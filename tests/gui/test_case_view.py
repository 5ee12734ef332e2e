"""The case view, driven the way a coordinator drives it: from the keyboard.

A case is created by the real `record_call` and moved mid-pathway through `store.cases`;
time comes from a FakeClock, so the countdowns and the breach are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from mscc_desk.domain.clock import FakeClock
from mscc_desk.gui.case.checklist_editor import ChecklistEditor
from mscc_desk.gui.case.dialogs import CloseCaseDialog, ReasonDialog
from mscc_desk.gui.case.tables import ChecklistModel, ClockModel
from mscc_desk.gui.case.view import CaseView
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.widgets.sins import SinsWidget
from mscc_desk.store.calls import record_call
from mscc_desk.store.cases import load_case, update_checklist_item
from mscc_desk.store.engine import Database
from mscc_desk.store.opening import open_database

T0 = datetime(2027, 3, 27, 10, 0, tzinfo=UTC)  # Saturday before the March clock change


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


CALL: dict[str, Any] = {
    "cancer_status": "past_or_current",
    "neuro": ["limb_weakness"],
    "pain": ["mechanical"],
    "instability_signs": True,
    "suspected_at": "2027-03-27T09:30:00+00:00",
    "patient": {
        "nhs_number": "9434765919",
        "hospital_number": "RX1234567",
        "family_name": "Okafor",
        "given_name": "Grace",
        "date_of_birth": "1950-02-01",
    },
    "call": {"caller_name": "Dr Priya Patel", "caller_role": "FY2", "caller_contact": "bleep 1234"},
    "case": {"location": "ward", "location_detail": "Ward 7", "primary_site": "breast"},
    "management": {"mri": {"requested_at": "2027-03-27T09:50:00+00:00"}},
}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "desk.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def ctx(db: Database, clock: FakeClock) -> DeskContext:
    return DeskContext(db, user="alice", clock=clock)


@pytest.fixture
def case_id(db: Database, clock: FakeClock) -> int:
    """Emergency case mid-pathway: MRI requested, immobilised, pain relief given."""
    cid = record_call(db, CALL, user="alice", clock=clock).case_id
    for key, minutes, data in (
        ("immobilisation", 20, {"started_at": at(15).isoformat(), "position": "flat"}),
        ("analgesia", 30, {"given_at": at(25).isoformat(), "analgesia": "Oral morphine"}),
    ):
        update_checklist_item(
            db,
            cid,
            key,
            data=data,
            state="done" if key == "analgesia" else None,
            user="alice",
            now=at(minutes),
            expected_version=load_case(db, cid).version,
        )
    clock.set(at(120))
    return cid


@pytest.fixture
def view(ctx: DeskContext, case_id: int, qtbot: QtBot) -> CaseView:
    w = CaseView(ctx, case_id)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def wait_active(qtbot: QtBot, window: QWidget) -> None:
    """Keys go to the active window; a new dialog becomes active asynchronously."""
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def open_editor(view: CaseView, key: str, qtbot: QtBot) -> ChecklistEditor:
    view.edit_item(view.checklist_model.row_of(key))
    editor = view.editor
    assert editor is not None
    wait_active(qtbot, editor)
    return editor


def type_into_focus(qtbot: QtBot, text: str) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def state_text(model: ClockModel, key: str) -> str:
    for row in range(model.rowCount()):
        if model.clock(row).key == key:
            return str(model.data(model.index(row, ClockModel.STATE)))
    raise KeyError(key)


def test_header_shows_who_why_and_how_to_call_back(view: CaseView) -> None:
    ui = view.ui
    assert ui.patientLabel.text() == "OKAFOR, Grace"
    assert "NHS 943 476 5919" in ui.identifiersLabel.text()
    assert "MRN RX1234567" in ui.identifiersLabel.text()
    assert "(77 y)" in ui.identifiersLabel.text()
    category = ui.categoryLabel.text()
    assert "EMERGENCY" in category and "Emergency: suspected MSCC" in category
    assert "rule T1" in category and "NG234 (BMJ Fig 2)" in category
    referral = ui.referralLabel.text()
    assert "Ward 7" in referral and "Breast" in referral
    assert "Dr Priya Patel" in referral and "bleep 1234" in referral
    assert view.windowTitle().startswith(f"Case {view.case_id} — OKAFOR, Grace")
    # Local-policy items say so in the checklist.
    model = view.checklist_model
    dex = model.row_of("dexamethasone")
    assert "LOCAL POLICY" in str(model.data(model.index(dex, ChecklistModel.ITEM)))
    # The expert-review clock started by immobilisation is running, in words.
    assert state_text(view.clock_model, "expert_review").startswith("Running: 22 h 15 min left")


def test_mark_mri_performed_through_the_editor_by_keyboard(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    table = view.ui.checklistView
    table.setFocus()
    assert focused() is table
    entries_before = view.timeline_model.rowCount()
    # Arrow down to the MRI item and press Enter.
    target = view.checklist_model.row_of("mri")
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(target):
        press(qtbot, Qt.Key.Key_Down)
    assert table.currentIndex().row() == target
    press(qtbot, Qt.Key.Key_Return)
    editor = view.editor
    assert isinstance(editor, ChecklistEditor) and editor.isVisible()
    assert editor.item.key == "mri"
    # The cursor starts in the first field; Tab to "Performed at" (past Location).
    qtbot.waitUntil(lambda: focused() is editor.inputs["requested_at"].focus_widget)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    performed = editor.inputs["performed_at"].focus_widget
    assert focused() is performed and isinstance(performed, QLineEdit)
    type_into_focus(qtbot, "27/03/2027 11:40")
    # Filling the field that meets the clock shows the item will be done.
    assert editor.ui.doneRadio.isChecked()
    press(qtbot, Qt.Key.Key_Return)  # Enter saves (the default button)
    qtbot.waitUntil(lambda: view.editor is None)

    detail = load_case(ctx.db, case_id, now=ctx.clock.now())
    mri = next(c for c in detail.clocks if c.key == "mri")
    assert mri.met_at == at(100) and mri.state == "met"
    assert detail.item("mri").state == "done" and detail.item("mri").done_by == "alice"
    # The window followed by itself (ctx.data_changed): the clock says met ...
    assert state_text(view.clock_model, "mri").startswith("Met (")
    # ... and the timeline gained the entry.
    whats = [view.timeline_model.entry(r).what for r in range(view.timeline_model.rowCount())]
    assert view.timeline_model.rowCount() > entries_before
    assert "MRI: marked done; performed at Sat 27 Mar 2027 11:40 GMT" in whats
    assert "Clock met: MRI within 24 h" in whats
    assert view.focusWidget() is table  # back where the user was


def test_bad_time_is_shown_by_the_field_and_nothing_is_saved(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    version = load_case(ctx.db, case_id).version
    editor = open_editor(view, "mri", qtbot)
    performed = editor.inputs["performed_at"].focus_widget
    performed.setFocus()
    type_into_focus(qtbot, "31/02/2027 11:40")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert "Performed at" in editor.ui.errorLabel.text()
    # The label on screen and what is wrong with the value; no stored field names.
    assert "February 2027 has 28 days" in editor.ui.errorLabel.text()
    assert "mri.performed_at" not in editor.ui.errorLabel.text()
    assert focused() is performed and isinstance(performed, QLineEdit)
    # A time in the future is refused by the store, also by the field.
    performed.clear()
    type_into_focus(qtbot, "28/03/2027 11:40")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.isVisible() and "in the future" in editor.ui.errorLabel.text()
    assert load_case(ctx.db, case_id).version == version


def test_ctrl_n_fills_now(view: CaseView, ctx: DeskContext, qtbot: QtBot) -> None:
    editor = open_editor(view, "expert_review", qtbot)
    reviewed = editor.inputs["reviewed_at"].focus_widget
    reviewed.setFocus()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(reviewed, QLineEdit) and reviewed.text() == "27/03/2027 12:00"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.editor is None)
    assert state_text(view.clock_model, "expert_review").startswith("Met (")


def test_close_with_reason_by_keyboard(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    view.ui.checklistView.setFocus()
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # &Close case…
    qtbot.waitUntil(lambda: view.dialog is not None)
    dialog = view.dialog
    assert isinstance(dialog, CloseCaseDialog)
    wait_active(qtbot, dialog)
    ui = dialog.ui
    assert "Expert review within 24 h of immobilisation" in ui.clocksLabel.text()
    assert focused() is ui.reasonEdit
    # Saving without a reason is refused, in the dialog, with the cursor put back.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and ui.errorLabel.text() == "Reason: is required"
    assert focused() is ui.reasonEdit
    # The reason, then Tab through the three choices, choosing with the arrow keys.
    type_into_focus(qtbot, "Transferred to the spinal centre")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.outcomeCombo
    press(qtbot, Qt.Key.Key_Down)  # MSCC confirmed
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # ambulatory: yes
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.frankelCombo
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Down)  # Frankel D
    press(qtbot, Qt.Key.Key_Return)  # OK is the default button
    qtbot.waitUntil(lambda: view.dialog is None)

    detail = load_case(ctx.db, case_id, now=ctx.clock.now())
    assert detail.status == "closed"
    assert detail.closing.close_reason == "Transferred to the spinal centre"
    assert (detail.closing.outcome, detail.closing.ambulatory_at_discharge) == (
        "mscc_confirmed",
        "yes",
    )
    assert detail.closing.frankel_at_discharge == "D"
    assert all(c.met_at or c.cancelled_at for c in detail.clocks)
    assert view.ui.closedLabel.isVisible()
    assert "Transferred to the spinal centre" in view.ui.closedLabel.text()
    assert view.ui.reopenButton.isVisible() and not view.ui.closeCaseButton.isVisible()
    assert not view.ui.followUpButton.isEnabled()
    whats = [view.timeline_model.entry(r).what for r in range(view.timeline_model.rowCount())]
    assert "Case closed: Transferred to the spinal centre" in whats


def test_reopen_needs_a_reason(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    from mscc_desk.store.cases import close_case

    close_case(
        ctx.db,
        case_id,
        reason="Duplicate",
        outcome="other",
        ambulatory_at_discharge="unknown",
        frankel_at_discharge=None,
        user="bob",
        now=at(121),
        expected_version=load_case(ctx.db, case_id).version,
    )
    ctx.data_changed.emit()
    assert view.ui.reopenButton.isVisible()
    view.ui.reopenButton.click()
    dialog = view.dialog
    assert isinstance(dialog, ReasonDialog)
    ui = dialog.ui
    ui.buttonBox.button(ui.buttonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Reason" in ui.errorLabel.text()
    qtbot.keyClicks(ui.reasonEdit, "Not a duplicate after all")
    ui.buttonBox.button(ui.buttonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: view.dialog is None)
    assert load_case(ctx.db, case_id).status == "open"
    assert not view.ui.closedLabel.isVisible()


def colleague_saves(ctx: DeskContext, case_id: int, **data: Any) -> None:
    """Another workstation saves: no signal reaches this window."""
    update_checklist_item(
        ctx.db,
        case_id,
        "mri",
        data=data,
        user="bob",
        now=at(119),
        expected_version=load_case(ctx.db, case_id).version,
    )


def save_performed(view: CaseView, qtbot: QtBot, text: str) -> None:
    editor = open_editor(view, "mri", qtbot)
    editor.inputs["performed_at"].focus_widget.setFocus()
    type_into_focus(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.editor is None)


def test_a_colleagues_save_is_shown_not_overwritten(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    seen = view.detail.version if view.detail else 0
    colleague_saves(ctx, case_id, performed_at=at(90).isoformat())
    save_performed(view, qtbot, "27/03/2027 11:45")

    banner = view.ui.conflictFrame
    assert banner.isVisible()
    text = view.ui.conflictLabel.text()
    assert "Not saved" in text and "bob" in text
    assert "Sat 27 Mar 2027 11:45 GMT" in text  # mine
    assert "Sat 27 Mar 2027 11:30 GMT" in text  # theirs
    assert load_case(ctx.db, case_id).item("mri").data["performed_at"] == at(90).isoformat()

    # Edit again with mine: reloads, then reopens the editor with my value, on purpose.
    view.ui.conflictRetryButton.click()
    assert not banner.isVisible()
    editor = view.editor
    assert editor is not None and editor.expected_version == seen + 1
    field = editor.inputs["performed_at"].focus_widget
    assert isinstance(field, QLineEdit) and field.text() == "27/03/2027 11:45"
    wait_active(qtbot, editor)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.editor is None)
    assert load_case(ctx.db, case_id).item("mri").data["performed_at"] == at(105).isoformat()


def test_reload_after_a_conflict_discards_mine(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    colleague_saves(ctx, case_id, performed_at=at(90).isoformat())
    save_performed(view, qtbot, "27/03/2027 11:45")
    assert view.ui.conflictFrame.isVisible()
    view.ui.conflictReloadButton.setFocus()
    qtbot.keyClick(view.ui.conflictReloadButton, Qt.Key.Key_Space)
    assert not view.ui.conflictFrame.isVisible()
    assert view.detail is not None
    assert view.detail.item("mri").data["performed_at"] == at(90).isoformat()
    assert load_case(ctx.db, case_id).version == view.detail.version


def test_notes_are_added_with_ctrl_enter(view: CaseView, ctx: DeskContext, qtbot: QtBot) -> None:
    view.ui.noteEdit.setFocus()
    type_into_focus(qtbot, "Spoke to the ward sister")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.ui.noteEdit.toPlainText() == ""
    texts = [view.ui.notesList.item(i).text() for i in range(view.ui.notesList.count())]
    assert any("Spoke to the ward sister" in t and "alice" in t for t in texts)
    whats = [view.timeline_model.entry(r).detail for r in range(view.timeline_model.rowCount())]
    assert "Spoke to the ward sister" in whats


def test_follow_up_button_asks_for_the_intake_with_the_case(
    view: CaseView, case_id: int, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(view.follow_up_requested) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == [case_id]


def test_countdown_turns_to_breach_as_time_passes(
    view: CaseView, clock: FakeClock, ctx: DeskContext
) -> None:
    clock.set(at(15) + timedelta(hours=23, minutes=30))
    view._tick()
    assert "due within the hour" in state_text(view.clock_model, "expert_review")
    clock.set(at(15) + timedelta(hours=25))
    view._tick()
    assert state_text(view.clock_model, "expert_review").startswith("BREACHED: OVERDUE 1 h 00 min")
    view.reload()
    whats = [view.timeline_model.entry(r).what for r in range(view.timeline_model.rowCount())]
    assert any(w.startswith("BREACHED: Expert review") for w in whats)


def test_a_hidden_window_catches_up_when_shown(
    view: CaseView, ctx: DeskContext, case_id: int, qtbot: QtBot
) -> None:
    view.hide()
    colleague_saves(ctx, case_id, performed_at=at(90).isoformat())
    ctx.data_changed.emit()
    assert view.detail is not None and view.detail.item("mri").state == "pending"
    view.show()
    qtbot.waitExposed(view)
    assert view.detail.item("mri").state == "done"
    assert state_text(view.clock_model, "mri").startswith("Met (")


def test_sins_widget_totals_bands_and_prompt(qtbot: QtBot) -> None:
    w = SinsWidget()
    qtbot.addWidget(w)
    assert w.value() is None and w.result() is None
    answers = {
        "location": "junctional",
        "pain": "mechanical",
        "lesion": "blastic",
        "alignment": "normal",
        "collapse": "none",
        "posterolateral": "none",
    }
    w.set_value(answers)
    result = w.result()
    assert result is not None and result.total == 6
    assert "Stable" in w.total_label.text()
    assert "Consider a surgical opinion" not in w.opinion_label.text()
    w.combos["posterolateral"].setCurrentIndex(w.combos["posterolateral"].findData("unilateral"))
    assert "Potentially unstable" in w.total_label.text()
    assert "Consider a surgical opinion" in w.opinion_label.text()
    w.combos["lesion"].setCurrentIndex(0)  # unanswered
    with pytest.raises(ValueError, match="Bone lesion"):
        w.value()


def test_clock_words_follow_the_desk_lead_times() -> None:
    from datetime import timedelta as td

    from mscc_desk.domain.deadlines import Stage
    from mscc_desk.gui.case.tables import _stage_words

    assert _stage_words(Stage.imminent, None) == "due within the hour"
    assert _stage_words(Stage.imminent, {Stage.imminent: td(minutes=20)}) == "due within 20 min"
    assert _stage_words(Stage.imminent, {Stage.imminent: td(minutes=90)}) == "due within 1 h 30 min"
    assert _stage_words(Stage.due_soon, None) == "due soon"

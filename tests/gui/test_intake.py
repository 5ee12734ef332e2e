"""The intake window, driven the way a coordinator on the phone drives it: the keyboard.

Each test uses a real SQLite file and a fake clock, and checks the rows the window
wrote (or did not write), not just what it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from mscc_desk.domain import dataset
from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.intake.fields import MANAGEMENT
from mscc_desk.gui.intake.window import IntakeWindow
from mscc_desk.store.calls import record_call
from mscc_desk.store.drafts import list_drafts, load_draft
from mscc_desk.store.engine import Database
from mscc_desk.store.models import Call, Case, Deadline, Draft, Patient
from mscc_desk.store.opening import open_database
from mscc_desk.store.users import ensure_user

NOW = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)  # the night before the clocks go forward
NHS = "9434765919"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "x.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def ctx(qapp: QApplication, db: Database) -> DeskContext:
    return DeskContext(db, user="coord", clock=FakeClock(NOW))


@pytest.fixture
def windows() -> Iterator[list[IntakeWindow]]:
    opened: list[IntakeWindow] = []
    yield opened
    for window in opened:
        if shiboken6.isValid(window):
            window.close()


@pytest.fixture
def open_window(qtbot: QtBot, ctx: DeskContext, windows: list[IntakeWindow]) -> Any:
    def opener(**kwargs: Any) -> IntakeWindow:
        window = IntakeWindow(ctx, **kwargs)
        windows.append(window)
        window.resize(1400, 900)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return opener


# ---------------------------------------------------------------- keyboard helpers
def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def tab_to(qtbot: QtBot, name: str, limit: int = 250) -> QWidget:
    """Press Tab until `name` has the focus: proves it is reachable without the mouse."""
    for _ in range(limit):
        widget = focused()
        if widget.objectName() == name:
            return widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; stuck at {focused().objectName()}")


def type_at(qtbot: QtBot, name: str, text: str) -> None:
    qtbot.keyClicks(tab_to(qtbot, name), text)


def tick(qtbot: QtBot, name: str) -> None:
    qtbot.keyClick(tab_to(qtbot, name), Qt.Key.Key_Space)


def save_by_keyboard(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def count(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def row_counts(db: Database) -> dict[str, int]:
    return {m.__name__: count(db, m) for m in (Patient, Case, Call, Deadline)}


def fill_minimum(window: IntakeWindow, **extra: Any) -> None:
    """The required fields, set directly: for tests about something other than typing."""
    values = {
        "call.caller_name": "Dr Amir Patel",
        "call.caller_contact": "bleep 4471",
        "patient.family_name": "Okafor",
        "patient.given_name": "Grace",
        "patient.date_of_birth": "01/02/1950",
        "cancer_status": "past_or_current",
        **extra,
    }
    for key, value in values.items():
        window.fields.by_key[key].set_raw(value)


def message_for(window: IntakeWindow, key: str) -> str:
    """The text shown beside (hint) or under (message line) a field."""
    binding = window.fields.by_key[key]
    if binding.hint is not None:
        return binding.hint.text()
    label = window.findChild(QLabel, f"message_{binding.widget.objectName()}")
    return label.text() if label is not None and label.isVisible() else ""


# ---------------------------------------------------------------- the tests
def test_form_holds_the_whole_dataset(open_window: Any) -> None:
    window = open_window()
    keys = set(window.fields.by_key)
    for group, fields in dataset.GROUPS.items():
        for f in fields:
            if f.kind == "choices":
                assert {f"{group}.{f.key}:{c}" for c in f.choices} <= keys, f.key
            else:
                assert f"{group}.{f.key}" in keys, f"{group}.{f.key}"
    pathway = default_pathway()
    for group in ("pain", "neuro"):
        for key, label in pathway.features[group].items():
            assert window.fields.by_key[f"{group}:{key}"].widget.text() == label
    for item, names in MANAGEMENT.items():
        for name in names:
            assert f"management.{item}.{name}" in keys
    for fact in ("cancer_status", "suspected_at", "immobilised_at", "instability_signs"):
        assert fact in keys


def test_every_field_is_reached_by_tab_in_call_order(qtbot: QtBot, open_window: Any) -> None:
    window = open_window()
    window.fields.by_key["call.received_at"].widget.setFocus()
    visited = []
    for _ in range(len(window.fields.bindings) + 5):
        visited.append(focused().objectName())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    names = [b.widget.objectName() for b in window.fields]
    assert visited[: len(names)] == names


def test_an_emergency_call_taken_by_keyboard_alone(
    qtbot: QtBot, open_window: Any, ctx: DeskContext, db: Database
) -> None:
    window = open_window()
    assert focused().objectName() == "call_caller_name"  # who is calling comes first
    qtbot.keyClicks(focused(), "Dr Amir Patel")
    type_at(qtbot, "call_caller_role", "ST4 acute medicine")
    type_at(qtbot, "call_caller_contact", "bleep 4471")
    type_at(qtbot, "patient_nhs_number", "943 476 5919")
    type_at(qtbot, "patient_family_name", "Okafor")
    type_at(qtbot, "patient_given_name", "Grace")
    type_at(qtbot, "patient_date_of_birth", "01/02/1950")
    assert "age 77" in message_for(window, "patient.date_of_birth")
    type_at(qtbot, "fact_cancer_status", "Past")
    assert window.fields.by_key["cancer_status"].raw() == "past_or_current"
    tick(qtbot, "pain_mechanical")
    tick(qtbot, "pain_nocturnal")
    tick(qtbot, "neuro_limb_weakness")
    assert window.ui.triagePanel.category == "emergency"

    qtbot.waitUntil(lambda: window.draft_id is not None and count(db, Draft) == 1)
    with (
        qtbot.waitSignal(window.saved, timeout=3000) as saved,
        qtbot.waitSignal(ctx.data_changed, timeout=3000),
    ):
        save_by_keyboard(qtbot)
    case_id = saved.args[0]

    with db.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.category_computed == "emergency"
        assert case.category_override is None
        assert case.patient.nhs_number == NHS
        assert (case.patient.family_name, case.patient.given_name) == ("Okafor", "Grace")
        assert case.patient.date_of_birth.isoformat() == "1950-02-01"
        (call,) = case.calls
        assert call.caller_name == "Dr Amir Patel"
        assert call.caller_contact == "bleep 4471"
        assert call.received_at == NOW
        assessment = case.assessments[0]
        assert assessment.pain_mechanical and assessment.pain_nocturnal
        assert assessment.neuro_limb_weakness and not assessment.pain_progressive
        mri = [d for d in case.deadlines if d.key == "mri"]
        assert len(mri) == 1
        assert mri[0].starts_at == NOW  # suspected_at defaults to the call time
        assert mri[0].due_at - mri[0].starts_at == timedelta(hours=24)
    assert count(db, Draft) == 0, "a saved call leaves no draft behind"
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())


def test_a_draft_survives_the_window_being_destroyed(
    qtbot: QtBot, open_window: Any, ctx: DeskContext, db: Database
) -> None:
    window = open_window()
    qtbot.keyClicks(focused(), "Sr Jones")
    type_at(qtbot, "call_caller_contact", "ext 2231")
    type_at(qtbot, "call_notes", "Rang from ward 7.")
    type_at(qtbot, "patient_nhs_number", "943 476")  # half typed: kept as typed
    type_at(qtbot, "patient_family_name", "Okafor")
    type_at(qtbot, "patient_date_of_birth", "31/02/1950")  # wrong: still kept
    type_at(qtbot, "fact_cancer_status", "Sus")
    tick(qtbot, "neuro_gait_disturbance")
    type_at(qtbot, "presentation_pain_score", "7")

    def kept(key: str, value: str) -> bool:
        payload = load_draft(db, window.draft_id) if window.draft_id is not None else None
        return payload is not None and payload["fields"].get(key) == value

    qtbot.waitUntil(lambda: kept("presentation.pain_score", "7"), timeout=3000)
    draft_id = window.draft_id
    assert draft_id is not None
    # An NHS number half typed is shown as typed, never in the 3-3-4 form of a real one.
    assert list_drafts(db)[0].summary == "OKAFOR · 943 476 (NHS number incomplete) · EMERGENCY"

    # The last keystrokes before closing are not lost to the debounce.
    type_at(qtbot, "presentation_sensory_level", "T10")
    expected = window.fields.snapshot()
    with qtbot.waitSignal(window.destroyed, timeout=3000):
        window.close()
    assert count(db, Draft) == 1
    assert load_draft(db, draft_id) is not None

    again = open_window(draft_id=draft_id)
    assert again.fields.snapshot() == expected
    ui = again.ui
    assert ui.call_caller_name.text() == "Sr Jones"
    assert ui.call_notes.toPlainText() == "Rang from ward 7."
    assert ui.patient_nhs_number.text() == "943 476"
    assert ui.patient_date_of_birth.text() == "31/02/1950"
    assert "not a real date" in message_for(again, "patient.date_of_birth")
    assert ui.fact_cancer_status.currentData() == "suspected"
    assert ui.neuro_gait_disturbance.isChecked()
    assert ui.presentation_sensory_level.text() == "T10"
    assert again.ui.triagePanel.category == "emergency"
    assert again.draft_id == draft_id


def test_ticking_a_cord_compression_box_turns_advice_into_emergency(
    qtbot: QtBot, open_window: Any
) -> None:
    window = open_window()
    panel = window.ui.triagePanel
    assert panel.category is None
    assert "Cancer status" in panel.details_text()  # says what is missing, not blank
    type_at(qtbot, "fact_cancer_status", "Past")
    tick(qtbot, "pain_progressive")
    assert panel.category == "urgent_advice"
    text = panel.details_text()
    assert "ADVICE 24 H" in text and "within 1 week" in text and "QS56 st.2" in text
    tick(qtbot, "neuro_sensory_change")
    assert panel.category == "emergency"
    text = panel.details_text()
    assert "EMERGENCY" in text
    assert "MRI within 24 h" in text
    assert "Due Sun 28 Mar 2027 10:30 BST" in text  # 24 elapsed hours, across the change
    assert "(local policy)" in text  # dexamethasone is local policy, and says so


def test_an_override_needs_a_reason_and_both_categories_are_kept(
    qtbot: QtBot, open_window: Any, db: Database
) -> None:
    window = open_window()
    fill_minimum(window, **{"pain:progressive": True})
    assert window.ui.triagePanel.category == "urgent_advice"
    type_at(qtbot, "case_category_override", "E")
    assert window.fields.by_key["case.category_override"].raw() == "emergency"
    assert window.ui.triagePanel.category == "urgent_advice"  # not applied without a reason
    assert "Reason for the override" in message_for(window, "case.override_reason")

    before = row_counts(db)
    save_by_keyboard(qtbot)
    assert row_counts(db) == before
    assert "Reason for the override" in window.ui.summaryLabel.text()
    assert focused().objectName() == "case_override_reason"

    qtbot.keyClicks(focused(), "Deteriorating on the phone; consultant asked")
    assert window.ui.triagePanel.category == "emergency"
    assert "Overridden by the coordinator" in window.ui.triagePanel.details_text()
    with qtbot.waitSignal(window.saved, timeout=3000) as saved:
        save_by_keyboard(qtbot)
    with db.session() as session:
        case = session.get(Case, saved.args[0])
        assert case is not None
        assert case.category_computed == "urgent_advice"
        assert case.category_override == "emergency"
        assert case.override_reason == "Deteriorating on the phone; consultant asked"
        assert case.category == "emergency"
        assert {d.key: d.due_at - d.starts_at for d in case.deadlines}["mri"] == timedelta(hours=24)


def test_bad_nhs_number_and_future_dates_are_named_and_nothing_is_saved(
    qtbot: QtBot, open_window: Any, db: Database
) -> None:
    window = open_window()
    fill_minimum(window)
    type_at(qtbot, "patient_nhs_number", "943 476 5918")
    assert message_for(window, "patient.nhs_number") == (
        "NHS number: fails the check digit: please re-read it from the notes"
    )
    window.ui.patient_date_of_birth.clear()
    type_at(qtbot, "patient_date_of_birth", "01/02/2030")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert message_for(window, "patient.date_of_birth") == "Date of birth: is in the future"
    window.ui.call_received_at.setFocus()
    window.ui.call_received_at.selectAll()
    qtbot.keyClicks(focused(), "28/03/2027 09:30")
    assert message_for(window, "call.received_at").startswith("Call received at: is in the future")
    summary = window.ui.summaryLabel.text()
    assert "NHS number" in summary and "Date of birth" in summary

    before = row_counts(db)
    save_by_keyboard(qtbot)
    assert row_counts(db) == before == {"Patient": 0, "Case": 0, "Call": 0, "Deadline": 0}
    assert window.ui.summaryLabel.text().startswith("Not saved.")
    assert focused().objectName() == "call_received_at"  # the first bad field, in call order
    assert window.isVisible()


def test_a_known_nhs_number_offers_the_patient_and_a_follow_up(
    qtbot: QtBot, open_window: Any, ctx: DeskContext, db: Database
) -> None:
    first = record_call(
        db,
        {
            "cancer_status": "past_or_current",
            "pain": ["progressive"],
            "suspected_at": (NOW - timedelta(hours=3)).isoformat(),
            "call": {"caller_name": "GP", "caller_contact": "01632 960001"},
            "patient": {
                "nhs_number": NHS,
                "family_name": "Okafor",
                "given_name": "Grace",
                "date_of_birth": "1950-02-01",
                "postcode": "SE1 7EH",
            },
        },
        user="coord",
        clock=ctx.clock,
    )
    assert first.category == "urgent_advice"

    window = open_window()
    qtbot.keyClicks(focused(), "Sr Jones")
    type_at(qtbot, "call_caller_contact", "ext 2231")
    type_at(qtbot, "patient_nhs_number", "9434765919")
    assert window.ui.knownPatientFrame.isVisible()
    text = window.ui.knownPatientLabel.text()
    assert text.startswith("Known patient: OKAFOR, Grace, 01/02/1950")
    assert f"open case #{first.case_id} (ADVICE 24 H" in text
    button = tab_to(qtbot, "followUpButton")
    assert button.text().replace("&", "") == f"Record as follow-up on case #{first.case_id}"
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.case_id == first.case_id
    assert window.ui.patient_family_name.text() == "Okafor"
    assert window.ui.patient_postcode.text() == "SE1 7EH"
    assert window.ui.followUpFrame.isVisible()
    assert "Follow-up call on case" in window.ui.followUpLabel.text()

    type_at(qtbot, "fact_cancer_status", "Past")
    tick(qtbot, "neuro_limb_weakness")
    with qtbot.waitSignal(window.saved, timeout=3000) as saved:
        save_by_keyboard(qtbot)
    assert saved.args[0] == first.case_id
    assert count(db, Case) == 1 and count(db, Patient) == 1
    with db.session() as session:
        case = session.get(Case, first.case_id)
        assert case is not None
        assert [c.is_follow_up for c in case.calls] == [False, True]
        assert case.category == "emergency"  # the follow-up escalated the case
        open_mri = [d for d in case.deadlines if d.key == "mri" and d.is_open]
        assert open_mri[0].due_at == NOW + timedelta(hours=24)
    assert count(db, Draft) == 0


def test_discarding_a_draft_needs_a_reason(qtbot: QtBot, open_window: Any, db: Database) -> None:
    window = open_window()
    qtbot.keyClicks(focused(), "Wrong number")
    window.keep_draft()
    assert count(db, Draft) == 1
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # Esc closes nothing, discards nothing
    assert window.isVisible() and count(db, Draft) == 1
    window.ui.discardButton.click()
    assert focused().objectName() == "discardReason"
    window.ui.confirmDiscardButton.click()
    assert "Reason for discarding" in window.ui.statusLabel.text()
    assert count(db, Draft) == 1
    qtbot.keyClicks(focused(), "Caller rang the wrong team")
    with qtbot.waitSignal(window.destroyed, timeout=3000):
        window.ui.confirmDiscardButton.click()
    assert count(db, Draft) == 0


def test_every_field_of_the_dataset_reaches_the_database(
    qtbot: QtBot, open_window: Any, db: Database
) -> None:
    window = open_window()
    typed = {
        "call.caller_role": "ST4",
        "call.referral_source": "gp",
        "call.notes": "line one\nline two",
        "patient.nhs_number": "943 476 5919",
        "patient.hospital_number": "H123",
        "patient.sex": "female",
        "patient.postcode": "SE1 7EH",
        "patient.imd_decile": "3",
        "case.location": "ward",
        "case.location_detail": "AMU bed 12",
        "case.primary_site": "other",
        "case.primary_site_other": "melanoma",
        "case.diagnosed_on": "03/04/2020",
        "case.known_bone_metastases": "yes",
        "neuro:limb_weakness": True,
        "suspected_at": "27/03/2027 08:00",
        "presentation.neuro_onset_at": "26/03/2027 22:00",
        "presentation.power_left": "4",
        "presentation.frankel": "D",
        "presentation.ecog": "1",
        "presentation.pain_score": "8",
        "instability_signs": True,
        "immobilised_at": "27/03/2027 09:00",
        "management.immobilisation.position": "flat",
        "management.dexamethasone.dose_mg": "16",
        "management.dexamethasone.ppi": "yes",
        "management.mri.requested_at": "27/03/2027 09:15",
        "case.dnacpr": "no",
        "case.advice_given:immobilise": True,
        "case.plan:mri_locally": True,
        "case.next_contact_due": "27/03/2027 13:00",  # a reminder may lie ahead
    }
    fill_minimum(window, **typed)
    assert window.fields.problems(NOW) == {}
    with qtbot.waitSignal(window.saved, timeout=3000) as saved:
        save_by_keyboard(qtbot)
    with db.session() as session:
        case = session.get(Case, saved.args[0])
        assert case is not None
        assert (case.patient.imd_decile, case.patient.sex) == (3, "female")
        assert case.location_detail == "AMU bed 12"
        assert case.diagnosed_on is not None and case.diagnosed_on.isoformat() == "2020-04-03"
        assert case.advice_given == ["immobilise"] and case.plan == ["mri_locally"]
        assert case.next_contact_due == datetime(2027, 3, 27, 13, 0, tzinfo=UTC)
        assert case.calls[0].notes == "line one\nline two"
        assessment = case.assessments[0]
        assert (assessment.power_left, assessment.frankel, assessment.ecog) == (4, "D", 1)
        assert assessment.pain_score == 8 and assessment.instability_signs
        assert case.suspected_at == datetime(2027, 3, 27, 8, 0, tzinfo=UTC)
        items = {item.key: item.data for item in case.checklist}
        assert items["dexamethasone"] == {"dose_mg": 16, "ppi": "yes"}
        assert items["immobilisation"]["position"] == "flat"
        assert {d.key for d in case.deadlines if d.is_open} == {"mri", "expert_review"}


def test_ctrl_and_a_number_jumps_to_a_section(qtbot: QtBot, open_window: Any) -> None:
    open_window()
    qtbot.keyClick(focused(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert focused().objectName() == "pain_severe_unremitting"
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused().objectName() == "patient_nhs_number"


def test_someone_who_may_not_record_is_told_why_and_keeps_the_typing(
    qtbot: QtBot, open_window: Any, ctx: DeskContext, db: Database
) -> None:
    with db.session() as session:
        ensure_user(session, "watcher", NOW, role="viewer")
    ctx.set_user("watcher")
    window = open_window()
    fill_minimum(window)
    save_by_keyboard(qtbot)
    assert row_counts(db) == {"Patient": 0, "Case": 0, "Call": 0, "Deadline": 0}
    assert "role viewer" in window.ui.summaryLabel.text()
    assert window.isVisible()
    assert window.ui.patient_family_name.text() == "Okafor"


# ---------------------------------------------------------------- the user's words (issue 13)
def test_words_are_the_users_and_values_are_checked_as_a_person_writes_them(
    open_window: Any, ctx: DeskContext, db: Database
) -> None:
    with db.session() as session:
        ensure_user(session, "coord", NOW, display_name="Dr Cora Coordinator")
    window = open_window()
    # People by their display name, never their sign-in name.
    assert window.ui.takenByLabel.text() == "Taken by: Dr Cora Coordinator"
    fill_minimum(window)
    fields = window.fields.by_key
    # A postcode that is not one is refused, saying so; a real one is written one way.
    fields["patient.postcode"].set_raw("ABC")
    window._show_problem(fields["patient.postcode"], final=True)
    assert "'ABC' is not a UK postcode" in message_for(window, "patient.postcode")
    fields["patient.postcode"].set_raw("sw1a1aa")
    assert fields["patient.postcode"].value(NOW) == "SW1A 1AA"
    # A date of diagnosis known only to the month is taken, and read back as a month.
    fields["case.diagnosed_on"].set_raw("03/2019")
    assert fields["case.diagnosed_on"].problem(NOW) is None
    assert fields["case.diagnosed_on"].readback(NOW) == "March 2019"
    assert window.fields.record(NOW)["case"]["diagnosed_on"] == "2019-03"
    # A date written right but impossible says what is wrong with it, not how to write it.
    fields["patient.date_of_birth"].set_raw("31/02/1950")
    problem = fields["patient.date_of_birth"].problem(NOW)
    assert problem == "Date of birth: 31/02/1950 is not a real date: February 1950 has 28 days"
    # An NHS number that is not valid is never shown as if it were.
    fields["patient.date_of_birth"].set_raw("01/02/1950")
    fields["patient.nhs_number"].set_raw("9434765918")
    assert "9434765918 (not a valid NHS number)" in window.windowTitle()
    assert "943 476 5918" not in window.windowTitle()
    fields["patient.nhs_number"].set_raw("9434765919")
    assert "943 476 5919" in window.windowTitle()

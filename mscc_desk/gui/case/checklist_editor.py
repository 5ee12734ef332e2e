"""Recording one checklist item: a form built from the item's `fields` in the pathway file.

The pathway file says which fields an item has and of what kind (`performed_at:datetime`,
`cord_compression:yesno`, `options:choices(...)`, `sins:sins`); this module turns each kind
into an input a coordinator can fill from the keyboard at 3 a.m., so a trust that adds a
field to its pathway file gets it on screen without a code change.

Times are typed as London wall time, `dd/mm/yyyy hh:mm` (or `now`, or Ctrl+N), by the same
rules as the intake form (`typed_time`), and shown back with GMT/BST so nobody misreads a
clock-change night; they are stored in UTC.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from ...domain.clock import format_london
from ...domain.dataset import MAX_TEXT
from ...domain.errors import InputError
from ...domain.pathway import ChecklistField
from ...domain.typed_time import format_uk_datetime, parse_uk_datetime
from ...store.cases import (
    ChecklistDetail,
    VersionConflict,
    field_label,
    option_label,
    update_checklist_item,
)
from ..context import DeskContext
from ..forms.ui_checklist_item import Ui_ChecklistItemDialog
from ..look import colour_style, error_style
from ..widgets.sins import SinsWidget
from ..windows import fit_to_screen, keep_on_screen

INPUT_FORMAT = "dd/mm/yyyy hh:mm"


def _mnemonic(label: str, used: set[str]) -> str:
    """Give every field label its own Alt+letter, so any field is one keystroke away."""
    for i, ch in enumerate(label):
        if ch.isalpha() and ch.lower() not in used:
            used.add(ch.lower())
            return f"{label[:i]}&{label[i:]}"
    return label


class _Input:
    """One field of the form: how to show a stored value and read it back.

    `value()` raises ValueError with a message for the user when the typed text cannot
    be read; when nothing was touched it returns the stored value unchanged, so saving
    an untouched form changes nothing (not even the seconds of a time).
    """

    def __init__(self, cf: ChecklistField, widget: QWidget, focus: QWidget) -> None:
        self.field = cf
        self.widget = widget
        self.focus_widget = focus
        self.stored: Any = None
        self.edited: Callable[[], None] = lambda: None

    def set_value(self, value: Any) -> None:
        self.stored = value

    def value(self) -> Any:
        return self.stored


class DateTimeInput(QWidget):
    """A line for `dd/mm/yyyy hh:mm`, a Now button (Ctrl+N) and an echo in words."""

    changed = Signal()

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(INPUT_FORMAT)
        self.edit.setToolTip(f"London time, {INPUT_FORMAT}; Ctrl+N or 'now' for the current time")
        self.edit.setMinimumWidth(190)
        self.now_button = QToolButton(self)
        self.now_button.setText("Now")
        self.now_button.setToolTip("Fill in the current time (Ctrl+N in the field)")
        self.now_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+N keeps Tab short
        self.echo = QLabel(self)
        self.echo.setMinimumWidth(200)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.now_button)
        layout.addWidget(self.echo, 1)
        self.now_button.clicked.connect(self.fill_now)
        # Ctrl+N is also the desk's "new call" in every window; in a time box it means
        # "now", so the box claims the key before the desk's shortcut sees it.
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._echo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.edit and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            if event.keyCombination() == QKeyCombination(
                Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_N
            ):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.fill_now()
                return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)

    def fill_now(self) -> None:
        self.edit.setText(format_uk_datetime(self._now()))
        self.edit.setFocus()

    def instant(self) -> datetime | None:
        text = self.edit.text().strip()
        return parse_uk_datetime(text, self._now()) if text else None

    def _echo(self) -> None:
        try:
            instant = self.instant()
        except ValueError as exc:
            # A date written right but impossible says why; anything else, how to write it.
            why = str(exc).partition(": ")[2] if "not a real date" in str(exc) else ""
            self.echo.setText(f"<i>{html.escape(why or 'type ' + INPUT_FORMAT)}</i>")
        else:
            self.echo.setText(f"= {format_london(instant)}" if instant else "")
        self.changed.emit()


class _DateTimeField(_Input):
    def __init__(self, cf: ChecklistField, now: Callable[[], datetime]) -> None:
        self.input = DateTimeInput(now)
        super().__init__(cf, self.input, self.input.edit)
        self._text = ""
        self.input.changed.connect(lambda: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        instant = None
        if isinstance(value, str) and value:
            try:
                instant = datetime.fromisoformat(value)
            except ValueError:
                instant = None
        self._text = format_uk_datetime(instant) if instant else (value or "")
        self.input.edit.setText(self._text)

    def value(self) -> Any:
        if self.input.edit.text().strip() == self._text.strip():
            return self.stored
        instant = self.input.instant()
        return instant.isoformat() if instant else None


class _TextField(_Input):
    def __init__(self, cf: ChecklistField) -> None:
        self.edit = QLineEdit()
        self.edit.setMaxLength(MAX_TEXT)
        super().__init__(cf, self.edit, self.edit)
        self.edit.textChanged.connect(lambda: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self.edit.setText("" if value is None else str(value))

    def value(self) -> Any:
        text = self.edit.text().strip()
        return text or None


class _NumberField(_Input):
    def __init__(self, cf: ChecklistField) -> None:
        self.edit = QLineEdit()
        validator = QDoubleValidator(0.0, 100000.0, 3, self.edit)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.edit.setValidator(validator)
        self.edit.setMaximumWidth(120)
        super().__init__(cf, self.edit, self.edit)
        self.edit.textChanged.connect(lambda: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self.edit.setText("" if value is None else f"{value:g}")

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
        return int(number) if number.is_integer() else number


class _ScoreField(_Input):
    def __init__(self, cf: ChecklistField) -> None:
        self.spin = QSpinBox()
        self.spin.setRange(-1, 10)
        self.spin.setSpecialValueText("not recorded")
        self.spin.setSuffix(" / 10")
        self.spin.setMaximumWidth(140)
        super().__init__(cf, self.spin, self.spin)
        self.spin.valueChanged.connect(lambda _v: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self.spin.setValue(int(value) if isinstance(value, int) else -1)

    def value(self) -> Any:
        return None if self.spin.value() < 0 else self.spin.value()


class _ChoiceField(_Input):
    """Radio buttons (yes/no, or one of the options) and "not recorded"."""

    def __init__(self, cf: ChecklistField) -> None:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        options = ("yes", "no") if cf.kind == "yesno" else cf.options
        self.group = QButtonGroup(box)
        self.buttons: dict[str | None, QRadioButton] = {}
        for option in (*options, None):
            button = QRadioButton(option_label(option) if option else "Not recorded", box)
            button.setObjectName(f"{cf.key}_{option or 'none'}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[option] = button
        layout.addStretch(1)
        super().__init__(cf, box, self.buttons[options[0]] if options else box)
        self.group.buttonToggled.connect(lambda _b, _on: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        button = self.buttons.get(value if isinstance(value, str) else None, self.buttons[None])
        button.setChecked(True)
        self.focus_widget = button

    def value(self) -> Any:
        for option, button in self.buttons.items():
            if button.isChecked():
                return option
        return None


class _ChoicesField(_Input):
    """Ticks: any number of the options."""

    def __init__(self, cf: ChecklistField) -> None:
        box = QWidget()
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, option in enumerate(cf.options):
            check = QCheckBox(option_label(option), box)
            check.setObjectName(f"{cf.key}_{option}")
            check.toggled.connect(lambda _on: self.edited())
            layout.addWidget(check, i // 3, i % 3)
            self.boxes[option] = check
        first = next(iter(self.boxes.values()), None)
        super().__init__(cf, box, first or box)

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        chosen = set(value) if isinstance(value, list) else set()
        for option, check in self.boxes.items():
            check.setChecked(option in chosen)

    def value(self) -> Any:
        return [o for o, check in self.boxes.items() if check.isChecked()] or None


class _SinsField(_Input):
    def __init__(self, cf: ChecklistField) -> None:
        self.sins = SinsWidget()
        first = next(iter(self.sins.combos.values()))
        super().__init__(cf, self.sins, first)
        self.sins.changed.connect(lambda: self.edited())

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self.sins.set_value(value if isinstance(value, Mapping) else None)

    def value(self) -> Any:
        answers = self.sins.value()
        stored = self.stored if isinstance(self.stored, Mapping) else {}
        if answers is not None and all(stored.get(k) == v for k, v in answers.items()):
            return self.stored  # unchanged: keep the stored total with it
        return answers


def make_input(cf: ChecklistField, now: Callable[[], datetime]) -> _Input:
    if cf.kind == "datetime":
        return _DateTimeField(cf, now)
    if cf.kind in ("yesno", "choice"):
        return _ChoiceField(cf)
    if cf.kind == "choices":
        return _ChoicesField(cf)
    if cf.kind == "number":
        return _NumberField(cf)
    if cf.kind == "score10":
        return _ScoreField(cf)
    if cf.kind == "sins":
        return _SinsField(cf)
    return _TextField(cf)


class ChecklistEditor(QDialog):
    """Edit one checklist item of one case, against the case version the user saw.

    Saves through `store.cases.update_checklist_item` itself, so a refusal is shown next
    to the field while everything typed stays on screen. A version conflict is handed to
    the case view (`conflict`), which shows both values; this dialog then closes.
    `mine` (a VersionConflict's `your_values`) pre-fills the form to try again on purpose.
    """

    saved = Signal(int)
    conflict = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        case_id: int,
        item: ChecklistDetail,
        expected_version: int,
        parent: QWidget | None = None,
        *,
        mine: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.item = item
        self.expected_version = expected_version
        self.ui = Ui_ChecklistItemDialog()
        self.ui.setupUi(self)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"{item.title} — case {case_id}")
        self.ui.titleLabel.setText(f"<b style='font-size: large'>{html.escape(item.title)}</b>")
        self.ui.localLabel.setVisible(item.is_local)
        self.ui.localLabel.setStyleSheet(colour_style("warn", bold=True))
        self.ui.textLabel.setText(item.text)
        self.ui.refLabel.setText(f"Reference: {item.ref}" if item.ref else "")
        self.ui.refLabel.setStyleSheet(colour_style("muted"))
        self.ui.errorLabel.setStyleSheet(error_style())
        self.ui.errorLabel.hide()

        used = {"p", "d", "i", "w", "o", "s", "c"}
        self.inputs: dict[str, _Input] = {}
        data = dict(item.data)
        if mine and isinstance(mine.get("data"), Mapping):
            data.update(mine["data"])
        previous: QWidget | None = None
        for cf in item.fields:
            field = make_input(cf, self._now)
            field.set_value(data.get(cf.key))
            field.edited = self._suggest_state
            label = QLabel(_mnemonic(f"{field_label(cf.key)}:", used), self)
            label.setBuddy(field.focus_widget)
            # The buddy is found by a screen reader only beside its field; a time box sits
            # in a row of its own (box, Now, what it read), so it is named here too.
            field.focus_widget.setAccessibleName(field_label(cf.key))
            self.ui.fieldsLayout.addRow(label, field.widget)
            self.inputs[cf.key] = field
            if previous is not None:
                QWidget.setTabOrder(previous, field.focus_widget)
            previous = field.focus_widget
        self.ui.fieldsGroup.setVisible(bool(item.fields))
        if any(cf.kind == "datetime" for cf in item.fields):
            hint = QLabel(
                f"Times are London time, typed {INPUT_FORMAT} (or hh:mm for today); "
                "Ctrl+N or typing 'now' fills in the current time.",
                self,
            )
            hint.setWordWrap(True)
            hint.setStyleSheet(colour_style("muted"))
            self.ui.fieldsLayout.insertRow(0, hint)

        self._radios = {
            "pending": self.ui.pendingRadio,
            "done": self.ui.doneRadio,
            "not_applicable": self.ui.naRadio,
        }
        self._setting_state = False
        self._state_touched = False
        state = str(mine.get("state")) if mine and mine.get("state") else item.state
        self._set_state(state)
        self._state_touched = bool(mine and mine.get("state"))
        for radio in self._radios.values():
            radio.toggled.connect(self._state_toggled)
        self.ui.naReasonEdit.setText(
            str(mine.get("na_reason") or "") if mine else (item.na_reason or "")
        )
        self.ui.noteEdit.setText(
            str(mine.get("note") or "") if mine and "note" in mine else (item.note or "")
        )
        self.ui.naReasonEdit.setMaxLength(MAX_TEXT)
        self.ui.noteEdit.setMaxLength(MAX_TEXT)
        self._update_na()
        if previous is not None:
            QWidget.setTabOrder(previous, self._radios[item.state])

        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        first = next(iter(self.inputs.values()), None)
        (first.focus_widget if first else self.ui.doneRadio).setFocus()
        self.resize(max(self.width(), 680), self.sizeHint().height())
        fit_to_screen(self, self.size())  # a long item on a 768-pixel screen scrolls

    # --- state ---------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.ctx.clock.now()

    def state(self) -> str:
        for key, radio in self._radios.items():
            if radio.isChecked():
                return key
        return self.item.state

    def _set_state(self, state: str) -> None:
        self._setting_state = True
        self._radios.get(state, self.ui.pendingRadio).setChecked(True)
        self._setting_state = False
        self._update_na()

    def _state_toggled(self, on: bool) -> None:
        if on and not self._setting_state:
            self._state_touched = True
        self._update_na()

    def _update_na(self) -> None:
        na = self.ui.naRadio.isChecked()
        self.ui.naReasonEdit.setEnabled(na)
        self.ui.naReasonLabel.setEnabled(na)

    def _suggest_state(self) -> None:
        """Show the state the entry will leave the item in, before it is saved.

        An item linked to a clock is done when the field that meets the clock is
        filled (the MRI is done when performed, not when requested); any other item is
        done once something is recorded. The user can still choose otherwise.
        """
        if self._state_touched or self.item.state != "pending":
            return
        if self.item.meets:
            field = self.inputs.get(self.item.meets[1])
            filled = field is not None and _filled(field)
        else:
            filled = any(_filled(f) for f in self.inputs.values())
        self._set_state("done" if filled else "pending")

    # --- saving --------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The keyword arguments for `update_checklist_item`: only what was changed.

        An untouched form gives {} and saves nothing, so opening and closing an item
        never moves the case version under a colleague's feet.
        """
        data: dict[str, Any] = {}
        for key, field in self.inputs.items():
            try:
                value = field.value()
            except ValueError as exc:
                raise InputError(f"{self.item.key}.{key}", str(exc)) from None
            if value != self.item.data.get(key):
                data[key] = value
        state = self.state()
        reason = self.ui.naReasonEdit.text().strip()
        note = self.ui.noteEdit.text().strip()
        note_changed = note != (self.item.note or "")
        reason_changed = state == "not_applicable" and reason != (self.item.na_reason or "")
        if not data and not note_changed and not reason_changed and state == self.item.state:
            return {}
        out: dict[str, Any] = {}
        if data:
            out["data"] = data
        if state != self.item.state or self._state_touched or reason_changed:
            out["state"] = state  # also a chosen "pending": the user overrides auto-done
        if state == "not_applicable":
            out["na_reason"] = reason  # the store needs the reason with the state
        if note_changed:
            out["note"] = note
        return out

    def save(self) -> None:
        try:
            changes = self.changes()
        except InputError as exc:
            self.show_error(exc)
            return
        if not changes:
            self.accept()
            return
        try:
            version = update_checklist_item(
                self.ctx.db,
                self.case_id,
                self.item.key,
                user=self.ctx.user,
                now=self.ctx.clock.now(),
                expected_version=self.expected_version,
                pathway=self.ctx.pathway,
                **changes,
            )
        except InputError as exc:
            self.show_error(exc)
            return
        except VersionConflict as exc:
            self.conflict.emit(exc)
            self.reject()
            return
        except Exception as exc:  # noqa: BLE001 - the database may be away; keep the typing
            self.ui.errorLabel.setText(f"Not saved: {exc}. What you typed is still here.")
            self.ui.errorLabel.show()
            self._grow_to_fit()
            return
        self.saved.emit(version)
        self.ctx.data_changed.emit()
        self.accept()

    def show_error(self, exc: InputError) -> None:
        """Say which field and what is wrong, and put the cursor there."""
        key = exc.field.rsplit(".", 1)[-1].split("[")[0]
        field = self.inputs.get(key)
        label = field_label(key)  # the label on screen, never the stored field's name
        target: QWidget
        if key == "na_reason":
            label, target = "Why not applicable", self.ui.naReasonEdit
        elif key == "note":
            label, target = "Note", self.ui.noteEdit
        else:
            target = field.focus_widget if field else self.ui.errorLabel
        self.ui.errorLabel.setText(f"{label}: {exc.problem}")
        self.ui.errorLabel.show()
        self._grow_to_fit()
        target.setFocus()

    def _grow_to_fit(self) -> None:
        """A message shown must not squeeze the hints: the dialog grows to hold it all,
        and stays on the screen."""
        self.layout().activate()
        wanted = self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)
            keep_on_screen(self)


def _filled(field: _Input) -> bool:
    try:
        return field.value() not in (None, "", [])
    except ValueError:
        return True  # something is typed, even if not yet readable

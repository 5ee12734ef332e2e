"""The intake form's widgets bound to the dataset and the pathway file.

Each widget of `ui/intake.ui` is tied to the field it records, named the way the
`record` input and `InputError` name it (`patient.nhs_number`, `cancer_status`,
`management.mri.performed_at`). Labels, choices and checks come from
`domain/dataset.py` and the pathway file, so the form cannot drift from the command line:
a value the form accepts is a value `record_call` accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain import dataset, nhs_number, scales
from ...domain.clock import format_london, london, parse_instant
from ...domain.dataset import FUTURE_TOLERANCE, Field
from ...domain.errors import InputError
from ...domain.pathway import ChecklistField, Pathway
from ...domain.triage import BOOLEAN_FACTS, NEURO_FEATURES, PAIN_FEATURES
from ...domain.typed_time import (
    TypedTimeError,
    age_on,
    parse_uk_date,
    parse_uk_datetime,
    spoken_date,
)

# Only a reminder may lie in the future; every other time records something that happened.
FUTURE_ALLOWED = frozenset({"case.next_contact_due"})
# Management so far: the checklist items of the pathway file the intake asks about.
MANAGEMENT = {
    "immobilisation": ("position",),
    "analgesia": ("analgesia", "given_at"),
    "dexamethasone": ("dose_mg", "given_at", "ppi"),
    "mri": (
        "requested_at",
        "location",
        "performed_at",
        "reported_at",
        "levels",
        "cord_compression",
    ),
}
_ACRONYMS = {"gp": "GP", "mri": "MRI", "ed": "ED", "imd": "IMD"}
NOT_RECORDED = "—"

Value = str | bool


def humanise(key: str) -> str:
    """`emergency_department` -> `Emergency department`, for keys the dataset has no label for."""
    words = [_ACRONYMS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


# A yes/no fact that may not have been assessed: the box's third state says so, and
# the words beside it say which state it is in (a half-filled box alone is easy to miss).
_TRISTATE = {
    Qt.CheckState.PartiallyChecked: ("", "not assessed yet (Space: present, Space again: none)"),
    Qt.CheckState.Checked: ("present", "PRESENT"),
    Qt.CheckState.Unchecked: ("none", "assessed, none found"),
}


def tristate_box(box: QCheckBox, text: str) -> None:
    """Make `box` the three-state answer to `text`, starting at "not assessed"."""
    box.setTristate(True)

    def show(state: object = None) -> None:
        words = _TRISTATE[box.checkState()][1]
        box.setText(f"{text}: {words}")
        box.setAccessibleName(f"{text}: {words}")

    box.checkStateChanged.connect(show)
    box.setCheckState(Qt.CheckState.PartiallyChecked)
    show()


@dataclass
class Binding:
    """One widget and the field it records."""

    key: str
    label: str
    widget: QWidget
    # text, nhs, postcode, date, dob, past_date, partial_date, datetime, int, number,
    # choice, check
    kind: str
    required: bool = False
    field: Field | None = None
    checklist: ChecklistField | None = None
    hint: QLabel | None = None

    # ---------------------------------------------------------------- raw, as typed
    def raw(self) -> Value:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            data = w.currentData()
            return "" if data is None else str(data)
        if isinstance(w, QCheckBox) and w.isTristate():
            return _TRISTATE[w.checkState()][0]
        if isinstance(w, QAbstractButton):
            return w.isChecked()
        raise TypeError(type(w).__name__)

    def set_raw(self, value: object) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            w.setText(str(value or ""))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        elif isinstance(w, QComboBox):
            index = w.findData(str(value or ""))
            w.setCurrentIndex(max(index, 0))
        elif isinstance(w, QCheckBox) and w.isTristate():
            # A draft from before the third state kept a bare tick: unticked was unknown.
            state = {"present": Qt.CheckState.Checked, True: Qt.CheckState.Checked}.get(
                value if isinstance(value, str | bool) else "", Qt.CheckState.PartiallyChecked
            )
            w.setCheckState(Qt.CheckState.Unchecked if value == "none" else state)
        elif isinstance(w, QAbstractButton):
            w.setChecked(bool(value))

    def is_blank(self) -> bool:
        raw = self.raw()
        return raw is False or (isinstance(raw, str) and not raw.strip())

    def on_change(self, callback: Callable[[], None]) -> None:
        w = self.widget
        if isinstance(w, QLineEdit | QPlainTextEdit):
            w.textChanged.connect(callback)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(callback)
        elif isinstance(w, QCheckBox) and w.isTristate():
            w.checkStateChanged.connect(callback)
        elif isinstance(w, QAbstractButton):
            w.toggled.connect(callback)

    # ---------------------------------------------------------------- checked value
    def value(self, now: datetime) -> Any:
        """The JSON value for the `record` input; None when blank; InputError when wrong."""
        if self.is_blank():
            return None
        raw = self.raw()
        if isinstance(raw, bool):
            return raw
        text = raw.strip()
        value: Any = text
        try:
            if self.kind == "nhs":
                reason = nhs_number.problem(text)
                if reason:
                    raise InputError(self.key, reason)
            elif self.kind in ("date", "dob", "past_date"):
                value = parse_uk_date(text, london(now).date()).isoformat()
            elif self.kind == "partial_date":  # as precise as known: 2019-03, 2019
                value = dataset.partial_date(text, self.key, now).iso()
            elif self.kind == "datetime":
                instant = parse_uk_datetime(text, now)
                if self.key not in FUTURE_ALLOWED and instant > now + FUTURE_TOLERANCE:
                    raise InputError(self.key, f"is in the future ({spoken_time(instant)})")
                value = instant.isoformat()
            elif self.kind == "int":
                value = _whole_number(self.key, text)
            elif self.kind == "number":
                value = _number(self.key, text)
        except TypedTimeError as exc:
            raise InputError(self.key, str(exc)) from None
        if self.field is not None:
            cleaned = dataset.clean_value(self.field, value, self.key, now)
            if self.kind == "postcode":
                value = cleaned  # as Royal Mail writes it: SW1A 1AA
        elif self.checklist is not None:
            dataset.clean_checklist_value(self.checklist, value, self.key, now)
        elif self.kind == "datetime":
            parse_instant(value, self.key)
        return value

    def problem(self, now: datetime) -> str | None:
        """The message shown under the field, naming it; None when the value is fine."""
        try:
            self.value(now)
        except InputError as exc:
            return f"{self.label}: {exc.problem}"
        return None

    def looks_unfinished(self) -> bool:
        """Still being typed: a message now would only nag (3 digits of an NHS number)."""
        raw = self.raw()
        if not isinstance(raw, str):
            return False
        text = raw.strip()
        if self.kind == "nhs":
            digits = nhs_number.digits_of(text)
            return digits.isdigit() and len(digits) < 10
        if self.kind in ("date", "dob", "past_date", "partial_date"):
            return _partial_time(text, len("dd/mm/yyyy"))
        if self.kind == "datetime":
            return _partial_time(text, len("dd/mm/yyyy hh:mm"))
        return False

    def readback(self, now: datetime) -> str:
        """What the field understood, in words (a date with its month spelled out, an age)."""
        try:
            value = self.value(now)
        except InputError:
            return ""
        if value is None:
            return ""
        if self.kind == "nhs":
            return f"{nhs_number.format_nhs(value)} · check digit correct"
        if self.kind == "partial_date":
            return dataset.partial_date(value, self.key, now).spoken()
        if self.kind in ("date", "dob", "past_date"):
            day = date.fromisoformat(value)
            if self.kind == "dob":
                return f"{spoken_date(day)} · age {age_on(day, london(now).date())}"
            return spoken_date(day)
        if self.kind == "datetime":
            return spoken_time(datetime.fromisoformat(value))
        return ""


def spoken_time(instant: datetime) -> str:
    return format_london(instant)


_WORDS = ("now", "today", "yesterday")


def _partial_time(text: str, full_length: int) -> bool:
    """Digits and separators short of a full date (or a word being spelled) may yet parse."""
    lowered = text.lower()
    for word in _WORDS:
        if word.startswith(lowered):
            return True
        if lowered.startswith(word):
            lowered = lowered.removeprefix(word).lstrip()
            full_length = len("hh:mm")
    return len(lowered) < full_length and all(ch.isdigit() or ch in "/.-: " for ch in lowered)


def _whole_number(key: str, text: str) -> int:
    if not text.lstrip("-").isdigit():
        raise InputError(key, f"{text!r} is not a whole number")
    return int(text)


def _number(key: str, text: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        raise InputError(key, f"{text!r} is not a number") from None
    return int(number) if number.is_integer() else number


class IntakeFields:
    """Every field of the form, in the order the call runs (the tab order)."""

    def __init__(self, ui: Any, pathway: Pathway) -> None:
        self.pathway = pathway
        self._ui = ui
        self.bindings: list[Binding] = []
        self._build()
        self.by_key = {b.key: b for b in self.bindings}

    def __iter__(self) -> Iterator[Binding]:
        return iter(self.bindings)

    # ---------------------------------------------------------------- building
    def _widget(self, name: str) -> QWidget:
        widget = getattr(self._ui, name, None)
        if not isinstance(widget, QWidget):
            raise LookupError(f"ui/intake.ui has no widget {name!r}")
        return widget

    def _hint(self, name: str) -> QLabel | None:
        hint = getattr(self._ui, f"hint_{name}", None)
        return hint if isinstance(hint, QLabel) else None

    def _add(self, name: str, binding: Binding) -> None:
        binding.hint = self._hint(name)
        label = getattr(self._ui, f"label_{name}", None)
        if isinstance(label, QLabel):
            label.setText(labelled(label.text(), binding.label, binding.required))
        self.bindings.append(binding)

    def _build(self) -> None:
        p = self.pathway
        fields = {f"{g}.{f.key}": f for g, group in dataset.GROUPS.items() for f in group}
        features = p.features
        order = [w for w in _tab_order(self._ui)]
        for name in order:
            key = _key_for(name)
            if key is None:
                continue
            widget = self._widget(name)
            if key in fields:
                f = fields[key]
                binding = Binding(key, f.label, widget, _kind_of(f), f.required, field=f)
                _fill_choices(widget, f, p)
            elif key.startswith("management."):
                _, item, fkey = key.split(".")
                cf = next(c for c in p.checklist_rule(item).fields if c.key == fkey)
                text = _plain(getattr(self._ui, f"label_{name}").text())
                kind = {"datetime": "datetime", "number": "number", "yesno": "choice"}.get(
                    cf.kind, "text"
                )
                binding = Binding(key, text, widget, kind, checklist=cf)
                if cf.kind == "yesno":
                    _set_items(widget, [("yes", "Yes"), ("no", "No")])
            elif ":" in key:  # one feature or one advice/plan item of a list
                group, item = key.split(":")
                if group in ("pain", "neuro"):
                    text = features[group][item]
                else:
                    text = humanise(item)
                assert isinstance(widget, QCheckBox)
                widget.setText(text)
                binding = Binding(key, text, widget, "check")
            else:  # the triage facts
                binding = self._fact(name, key, widget)
            self._add(name, binding)
        self._headings(fields)

    def _headings(self, fields: dict[str, Field]) -> None:
        """Headings over the tick lists: the dataset's words, the pathway's reference."""
        for group in ("pain", "neuro"):
            first = self.pathway.feature_keys(group)[0]
            heading = getattr(self._ui, f"heading_{group}_{first}", None)
            if isinstance(heading, QLabel) and self.pathway.feature_refs.get(group):
                heading.setText(f"{heading.text()} · {self.pathway.feature_refs[group]}")
        for prefix, key in (("advice", "advice_given"), ("plan", "plan")):
            field = fields[f"case.{key}"]
            heading = getattr(self._ui, f"heading_{prefix}_{field.choices[0]}", None)
            if isinstance(heading, QLabel):
                heading.setText(field.label)

    def _fact(self, name: str, key: str, widget: QWidget) -> Binding:
        p = self.pathway
        ui_text = _plain(self._ui_text(name))
        if key in ("cancer_status", "pain_on_movement"):
            _set_items(widget, list(p.features[key].items()))
            return Binding(key, ui_text, widget, "choice", required=key == "cancer_status")
        if key in BOOLEAN_FACTS:
            return Binding(key, ui_text, widget, "check")
        if key == "instability_signs":
            assert isinstance(widget, QCheckBox)
            tristate_box(widget, ui_text)
            return Binding(key, ui_text, widget, "tristate")
        return Binding(key, ui_text, widget, "datetime")  # suspected_at, immobilised_at

    def _ui_text(self, name: str) -> str:
        label = getattr(self._ui, f"label_{name}", None)
        if isinstance(label, QLabel):
            return label.text()
        widget = self._widget(name)
        return widget.text() if isinstance(widget, QAbstractButton) else name

    # ---------------------------------------------------------------- state
    def snapshot(self) -> dict[str, Value]:
        """Every field exactly as typed, valid or not: what a draft keeps."""
        return {b.key: b.raw() for b in self.bindings}

    def restore(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            binding = self.by_key.get(key)
            if binding is not None:
                binding.set_raw(value)

    def problems(self, now: datetime) -> dict[str, str]:
        out = {}
        for b in self.bindings:
            message = b.problem(now)
            if message:
                out[b.key] = message
        return out

    def missing(self) -> list[Binding]:
        """Required fields left blank, and the reason an override cannot go without."""
        out = [b for b in self.bindings if b.required and b.is_blank()]
        override = self.by_key["case.category_override"]
        reason = self.by_key["case.override_reason"]
        if not override.is_blank() and reason.is_blank():
            out.append(reason)
        return out

    def facts(self, now: datetime) -> tuple[dict[str, Any], list[str]]:
        """The triage input as far as it can be built, and what is still missing or wrong."""
        missing: list[str] = []
        facts: dict[str, Any] = {
            "pain": [k for k in PAIN_FEATURES if self.by_key[f"pain:{k}"].raw()],
            "neuro": [k for k in NEURO_FEATURES if self.by_key[f"neuro:{k}"].raw()],
            **{k: bool(self.by_key[k].raw()) for k in BOOLEAN_FACTS},
            "instability_signs": {"present": True, "none": False}.get(
                str(self.by_key["instability_signs"].raw())
            ),
            "pain_on_movement": self.by_key["pain_on_movement"].raw() or "none",
        }
        status = self.by_key["cancer_status"]
        if status.is_blank():
            missing.append(f"{status.label} (section 3, Cancer)")
        else:
            facts["cancer_status"] = status.raw()
        facts["suspected_at"] = self.suspected_at(now, missing)
        immobilised = self.by_key["immobilised_at"]
        try:
            facts["immobilised_at"] = immobilised.value(now)
        except InputError:
            missing.append(f"{immobilised.label}: not a valid time")
        return facts, missing

    def suspected_at(self, now: datetime, missing: list[str] | None = None) -> str:
        """When MSCC was first suspected: as typed, else the call time, else now (PATHWAY §4)."""
        for key in ("suspected_at", "call.received_at"):
            b = self.by_key[key]
            try:
                value = b.value(now)
            except InputError:
                if missing is not None:
                    missing.append(f"{b.label}: not a valid time")
                return str(now.isoformat())
            if value is not None:
                return str(value)
        return now.isoformat()

    def record(self, now: datetime) -> dict[str, Any]:
        """The `record` input of CLI.md; call only when `problems` is empty."""
        facts, _ = self.facts(now)
        data: dict[str, Any] = {k: v for k, v in facts.items() if v not in (None, [])}
        groups: dict[str, dict[str, Any]] = {g: {} for g in dataset.GROUPS}
        management: dict[str, dict[str, Any]] = {}
        lists: dict[str, list[str]] = {"advice_given": [], "plan": []}
        for b in self.bindings:
            if b.key.startswith("case.advice_given:") or b.key.startswith("case.plan:"):
                name, item = b.key.removeprefix("case.").split(":")
                if b.raw():
                    lists[name].append(item)
                continue
            value = b.value(now)
            if value is None:
                continue
            head, _, rest = b.key.partition(".")
            if head in groups:
                groups[head][rest] = value
            elif head == "management":
                item, fkey = rest.split(".")
                management.setdefault(item, {})[fkey] = value
        for name, items in lists.items():
            if items:
                groups["case"][name] = items
        data.update(groups)
        if management:
            data["management"] = management
        return data


def labelled(ui_text: str, label: str, required: bool) -> str:
    """The dataset's label, keeping the mnemonic letter the form designer chose."""
    letter = ""
    if "&" in ui_text:
        i = ui_text.index("&")
        letter = ui_text[i + 1 : i + 2]
    text = label
    if letter:
        starts = [i for i, ch in enumerate(label) if ch.lower() == letter.lower()]
        words = [i for i in starts if i == 0 or not label[i - 1].isalpha()]
        if words or starts:
            pick = (words or starts)[0]
            text = label[:pick] + "&" + label[pick:]
    return f"{text} *" if required else text


def _plain(text: str) -> str:
    return text.replace("&", "").removesuffix("*").strip()


def _kind_of(f: Field) -> str:
    """How the typed text is read; scale scores are picked from a list but stay numbers."""
    return "choice" if f.kind in ("yesno", "yesnounknown", "choices") else f.kind


_SCALES: dict[str, dict[str, str]] = {
    "power_left": {str(int(k)): v for k, v in scales.MRC_LABELS.items()},
    "power_right": {str(int(k)): v for k, v in scales.MRC_LABELS.items()},
    "ecog": {str(int(k)): v for k, v in scales.ECOG_LABELS.items()},
    "frankel": {str(k): v for k, v in scales.FRANKEL_LABELS.items()},
}


def _fill_choices(widget: QWidget, f: Field, p: Pathway) -> None:
    if not isinstance(widget, QComboBox):
        return
    if f.key in _SCALES:
        items = [(k, f"{k} — {v}") for k, v in _SCALES[f.key].items()]
    elif f.key == "category_override":
        items = [(k, f"{c.short} — {c.label}") for k, c in p.categories.items()]
    elif f.kind == "yesnounknown":
        items = [("yes", "Yes"), ("no", "No"), ("unknown", "Unknown")]
    elif f.kind == "yesno":
        items = [("yes", "Yes"), ("no", "No")]
    else:
        items = [(c, humanise(c)) for c in f.choices]
    _set_items(widget, items)


def _set_items(widget: QWidget, items: list[tuple[str, str]]) -> None:
    assert isinstance(widget, QComboBox)
    widget.clear()
    widget.addItem(NOT_RECORDED, "")
    for key, text in items:
        widget.addItem(text, key)


def _tab_order(ui: Any) -> list[str]:
    """Widget names in the tab order the .ui file sets, which is the order of the call."""
    first = ui.call_received_at
    names = []
    widget = first
    seen = set()
    while widget is not None and id(widget) not in seen:
        seen.add(id(widget))
        names.append(widget.objectName())
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return [n for n in names if n]


def _key_for(name: str) -> str | None:
    """`patient_nhs_number` -> `patient.nhs_number`, `pain_nocturnal` -> `pain:nocturnal`."""
    for group in dataset.GROUPS:
        if name.startswith(f"{group}_"):
            return f"{group}.{name.removeprefix(group + '_')}"
    if name.startswith("fact_"):
        return name.removeprefix("fact_")
    if name.startswith("mgmt_"):
        item, fkey = _split_management(name.removeprefix("mgmt_"))
        return f"management.{item}.{fkey}"
    for prefix, list_key in (
        ("pain_", "pain"),
        ("neuro_", "neuro"),
        ("advice_", "case.advice_given"),
        ("plan_", "case.plan"),
    ):
        if name.startswith(prefix):
            return f"{list_key}:{name.removeprefix(prefix)}"
    return None


def _split_management(rest: str) -> tuple[str, str]:
    for item in MANAGEMENT:
        if rest.startswith(f"{item}_"):
            return item, rest.removeprefix(f"{item}_")
    raise LookupError(f"no checklist item for {rest!r}")

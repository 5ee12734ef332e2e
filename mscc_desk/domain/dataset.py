"""The coordinator's minimum dataset (DATASET.md) as field definitions, and its checks.

One list of fields serves the `record` command, the intake form and the database, so a
field cannot be required in one place and optional in another, and every refusal names
the field the way the user sees it (`patient.nhs_number`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import limits, nhs_number, postcode
from .clock import format_london, london, parse_date, parse_instant
from .errors import InputError
from .pathway import ChecklistField, Pathway
from .scales import sins_score
from .triage import FACT_KEYS, CaseFacts, parse_facts
from .typed_time import PartialDate, TypedTimeError, parse_partial_date

MAX_TEXT = 2000
FUTURE_TOLERANCE = limits.FUTURE_TOLERANCE  # the window's typed times check it as you type


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    # text, date, datetime, choice, choices, int, yesno, yesnounknown, nhs, postcode, and
    # partial_date (a past date known to the day, the month or only the year)
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    help: str = ""
    max_len: int = MAX_TEXT  # the database column's width, where it has one
    window: limits.Window = limits.CALL  # for a datetime: its plausible range around now


def _f(key: str, label: str, kind: str = "text", **kw: Any) -> Field:
    return Field(key, label, kind, **kw)


REFERRAL_SOURCES = (
    "gp",
    "emergency_department",
    "inpatient_ward",
    "hospice",
    "community_team",
    "other_hospital",
    "patient_or_carer",
    "other",
)
LOCATIONS = ("home", "ward", "emergency_department", "hospice", "other")
SEXES = ("female", "male", "other", "not_known")
PRIMARY_SITES = (
    "breast",
    "prostate",
    "lung",
    "kidney",
    "myeloma",
    "lymphoma",
    "bowel",
    "unknown_primary",
    "other",
)
SPINE_LEVELS = ("cervical", "thoracic", "lumbar", "sacral", "multiple")
BLADDER = ("normal", "retention", "incontinence", "catheterised")
BOWEL = ("normal", "constipation", "incontinence")
MOBILITY = ("independent", "with_aid", "chair", "bed")
FRANKEL = ("A", "B", "C", "D", "E")
ADVICE_ITEMS = ("immobilise", "analgesia", "steroids", "mri", "safety_net")
PLAN_ITEMS = (
    "mri_locally",
    "transfer",
    "spinal_surgical_opinion",
    "clinical_oncology",
    "systemic_treatment",
    "best_supportive_care",
    "safety_net_only",
)

CALL = (
    _f("received_at", "Call received at", "datetime", required=True),
    _f("caller_name", "Caller name", required=True, max_len=200),
    _f("caller_role", "Caller role / grade", max_len=200),
    _f("caller_organisation", "Caller organisation / site", max_len=200),
    _f("caller_ward", "Caller ward or department", max_len=200),
    _f("caller_contact", "Call-back number or bleep", required=True, max_len=200),
    _f("referral_source", "Referral source", "choice", choices=REFERRAL_SOURCES),
    _f("notes", "Call notes"),
)
PATIENT = (
    _f("nhs_number", "NHS number", "nhs"),
    _f("hospital_number", "Hospital number (MRN)", max_len=40),
    _f("family_name", "Family name", required=True, max_len=200),
    _f("given_name", "Given name", required=True, max_len=200),
    _f("date_of_birth", "Date of birth", "dob", required=True),
    _f("sex", "Sex", "choice", choices=SEXES),
    _f("postcode", "Postcode", "postcode", max_len=10),
    _f("imd_decile", "IMD decile (1 = most deprived)", "int", low=1, high=10),
)
CASE = (
    _f("location", "Current location", "choice", choices=LOCATIONS),
    _f("location_detail", "Ward or place", max_len=200),
    _f("primary_site", "Primary site", "choice", choices=PRIMARY_SITES),
    _f("primary_site_other", "Primary site (other)", max_len=200),
    _f("histology", "Histology"),
    _f("diagnosed_on", "Date of cancer diagnosis", "partial_date"),
    _f("known_bone_metastases", "Known bone / spinal metastases", "yesnounknown"),
    _f("previous_spinal_radiotherapy", "Previous radiotherapy to the spine (level)"),
    _f("systemic_treatment", "Current systemic treatment"),
    _f("treating_team", "Treating team / oncologist"),
    _f("escalation_plan", "Treatment escalation plan"),
    _f("dnacpr", "DNACPR in place", "yesnounknown"),
    _f("advice_given", "Advice given", "choices", choices=ADVICE_ITEMS),
    _f("advice_text", "Advice given (free text)"),
    _f("plan", "Plan", "choices", choices=PLAN_ITEMS),
    _f("next_contact_due", "Next contact due", "datetime", window=limits.PLANNED),
    _f(
        "category_override",
        "Category override",
        "choice",
        choices=(
            "emergency",
            "urgent_advice",
            "oncology_referral",
            "safety_net",
            "outside_pathway",
        ),
    ),
    _f("override_reason", "Reason for the override"),
)
# Not a column: a follow-up that changes the cancer status must say why (the call's audit
# event keeps it). A top-level key of the `record` input, beside the triage facts.
CANCER_STATUS_CORRECTION = _f("cancer_status_correction", "Reason for correcting the cancer status")
PRESENTATION = (
    _f("pain_site", "Pain site / spinal level", "choice", choices=SPINE_LEVELS),
    _f("pain_score", "Pain score (0–10)", "int", low=0, high=10),
    _f("pain_onset", "Pain onset date", "past_date"),
    _f("neuro_onset_at", "Onset of neurological symptoms", "datetime", window=limits.HISTORY),
    _f("neuro_progressing", "Neurological symptoms progressing", "yesnounknown"),
    _f("power_left", "Lower-limb power, left (MRC 0–5)", "int", low=0, high=5),
    _f("power_right", "Lower-limb power, right (MRC 0–5)", "int", low=0, high=5),
    _f("sensory_level", "Sensory level", max_len=100),
    _f("bladder", "Bladder", "choice", choices=BLADDER),
    _f("bowel", "Bowel", "choice", choices=BOWEL),
    _f("frankel", "Frankel grade", "choice", choices=FRANKEL),
    _f("mobility_before", "Mobility before onset", "choice", choices=MOBILITY),
    _f("mobility_now", "Mobility now", "choice", choices=MOBILITY),
    _f("ecog", "WHO/ECOG performance status before this episode", "int", low=0, high=4),
)
GROUPS: dict[str, tuple[Field, ...]] = {
    "call": CALL,
    "patient": PATIENT,
    "case": CASE,
    "presentation": PRESENTATION,
}
# `management` is keyed by checklist item (the pathway file's fields), e.g.
# {"mri": {"requested_at": ..., "performed_at": ...}, "dexamethasone": {"dose_mg": 16}}.
RECORD_KEYS = (
    frozenset(FACT_KEYS) | frozenset(GROUPS) | {"management", CANCER_STATUS_CORRECTION.key}
)


@dataclass(frozen=True)
class CallRecord:
    """A checked `record` input: the triage facts and each group's cleaned values."""

    facts: CaseFacts
    call: dict[str, Any]
    patient: dict[str, Any]
    case: dict[str, Any]
    presentation: dict[str, Any]
    management: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Dates known only to the month or the year, as given (`{"case.diagnosed_on":
    # "2019-03"}`): the date column holds the 1st, and this says how much was known.
    partial_dates: dict[str, str] = field(default_factory=dict)
    # A follow-up's explicit `"case": {"category_override": null}`: lift the override.
    clear_override: bool = False
    cancer_status_correction: str | None = None


def parse_record(data: object, pathway: Pathway, now: datetime) -> CallRecord:
    """Check a whole call; the first problem found is refused with its field named."""
    facts = parse_facts(data, extra_keys=RECORD_KEYS - frozenset(FACT_KEYS))
    assert isinstance(data, Mapping)  # parse_facts refused anything else
    raw_call = data.get("call")
    if raw_call is None:
        raw_call = {}
    if isinstance(raw_call, Mapping) and raw_call.get("received_at") is None:
        raw_call = {**raw_call, "received_at": now.isoformat()}  # DATASET.md: defaults to now
    raw = {**data, "call": raw_call}
    groups = {
        name: clean_group(name, fields, raw.get(name), now, require=True)
        for name, fields in GROUPS.items()
    }
    patient = groups["patient"]
    raw_correction = data.get(CANCER_STATUS_CORRECTION.key)
    correction = (
        None
        if raw_correction is None
        or (isinstance(raw_correction, str) and not raw_correction.strip())
        else clean_value(
            CANCER_STATUS_CORRECTION, raw_correction, CANCER_STATUS_CORRECTION.key, now
        )
    )
    raw_case = raw.get("case")
    clear_override = (
        isinstance(raw_case, Mapping)
        and "category_override" in raw_case
        and raw_case["category_override"] is None
    )
    if groups["case"].get("category_override") and not groups["case"].get("override_reason"):
        raise InputError("case.override_reason", "is required when the category is overridden")
    if clear_override and groups["case"].get("override_reason"):
        raise InputError(
            "case.override_reason", "goes with an override; this call clears the override"
        )
    check_fact_times(facts, now)
    check_suspicion_not_after_call(facts.suspected_at, groups["call"]["received_at"])
    return CallRecord(
        facts=facts,
        call=groups["call"],
        patient=patient,
        case=groups["case"],
        presentation=groups["presentation"],
        management=clean_management(data.get("management"), pathway, now),
        partial_dates=_partial_dates(raw, now),
        clear_override=clear_override,
        cancer_status_correction=correction,
    )


def _partial_dates(raw: Mapping[str, Any], now: datetime) -> dict[str, str]:
    out: dict[str, str] = {}
    for group, fields in GROUPS.items():
        values = raw.get(group)
        if not isinstance(values, Mapping):
            continue
        for f in fields:
            value = values.get(f.key)
            if f.kind == "partial_date" and isinstance(value, str) and value.strip():
                known = partial_date(value, f"{group}.{f.key}", now)
                if known.precision != "day":
                    out[f"{group}.{f.key}"] = known.iso()
    return out


def partial_date(value: object, name: str, now: datetime) -> PartialDate:
    """A past date as precise as the person knows it (`2019-03`, `03/2019`, `2019`)."""
    if not isinstance(value, str):
        wanted = "a date such as 2019-03-14, 2019-03 or 2019"
        raise InputError(name, f"expected {wanted}, got {_kind(value)}")
    today = london(now).date()
    try:
        known = parse_partial_date(value, today)
    except TypedTimeError as exc:
        raise InputError(name, str(exc)) from None
    if known.first_day > today:
        raise InputError(name, f"{known.spoken()} is in the future")
    limits.check_past_date(known.first_day, today, name)  # not before 1900
    return known


def check_suspicion_not_after_call(suspected_at: datetime, received_at: datetime) -> None:
    """PATHWAY.md M1: the MRI clock runs from the call that raised the suspicion unless an
    *earlier* time is recorded, so a later one would only delay the clock: refused."""
    if suspected_at > received_at:
        raise InputError(
            "suspected_at",
            f"{format_london(suspected_at)} is after the call was received "
            f"({format_london(received_at)}): the clock runs from the call unless an "
            "earlier time of suspicion is recorded. Leave it blank to use the call's time",
        )


def check_fact_times(facts: CaseFacts, now: datetime) -> None:
    """The triage facts' instants lie in a call's plausible range (`limits.CALL`).

    `triage` alone has no "now" and only knows the absolute range; a recorded call does.
    The call's own fields are checked by their `Field.window` in `clean_value`.
    """
    limits.check_instant(facts.suspected_at, now, limits.CALL, "suspected_at")
    if facts.immobilised_at is not None:
        limits.check_instant(facts.immobilised_at, now, limits.CALL, "immobilised_at")


def clean_group(
    group: str, fields: tuple[Field, ...], raw: object, now: datetime, require: bool
) -> dict[str, Any]:
    """Check one group's values; with `require`, required fields must be present."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise InputError(group, "must be a JSON object")
    known = {f.key: f for f in fields}
    for key in raw:
        if key not in known:
            raise InputError(f"{group}.{key}", "unknown field")
    out: dict[str, Any] = {}
    for f in fields:
        value = raw.get(f.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if require and f.required:
                raise InputError(f"{group}.{f.key}", "is required")
            continue
        out[f.key] = clean_value(f, value, f"{group}.{f.key}", now)
    return out


def clean_text(value: str, name: str, max_len: int = MAX_TEXT) -> str:
    """Free text as every store keeps it: stripped, not too long, and storable.

    A NUL or a lone surrogate (which a paste can bring) cannot be stored by PostgreSQL
    or by SQLite's driver, so it is refused here, naming the field, rather than failing
    at the commit.
    """
    text = value.strip()
    if len(text) > max_len:
        raise InputError(name, f"is too long ({len(text)} characters; at most {max_len})")
    if "\x00" in text:
        raise InputError(name, "contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(name, "contains characters that are not valid text") from None
    return text


def clean_value(f: Field, value: object, name: str, now: datetime) -> Any:
    if f.kind in ("text", "nhs", "postcode"):
        if not isinstance(value, str):
            raise InputError(name, f"expected text, got {_kind(value)}")
        text = clean_text(value, name, f.max_len)
        if f.kind == "nhs":
            reason = nhs_number.problem(text)
            if reason:
                raise InputError(name, f"NHS number {reason}")
            return nhs_number.digits_of(text)
        if f.kind == "postcode":
            reason = postcode.problem(text)
            if reason:
                raise InputError(name, reason)
            return postcode.normalise(text)
        return text
    if f.kind == "partial_date":
        return partial_date(value, name, now).first_day
    if f.kind == "datetime":
        return limits.check_instant(parse_instant(value, name), now, f.window, name)
    if f.kind == "dob":
        return limits.check_birth_date(parse_date(value, name), london(now).date(), name)
    if f.kind == "past_date":
        return limits.check_past_date(parse_date(value, name), london(now).date(), name)
    if f.kind == "choice":
        if not isinstance(value, str) or value not in f.choices:
            raise InputError(name, f"{value!r} is not one of {', '.join(f.choices)}")
        return value
    if f.kind == "choices":
        if not isinstance(value, list):
            raise InputError(name, f"expected a list, got {_kind(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in f.choices:
                raise InputError(f"{name}[{i}]", f"{item!r} is not one of {', '.join(f.choices)}")
        return [c for c in f.choices if c in value]
    if f.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(name, f"expected a whole number, got {_kind(value)}")
        if (f.low is not None and value < f.low) or (f.high is not None and value > f.high):
            raise InputError(name, f"{value} is outside {f.low}–{f.high}")
        return value
    if f.kind in ("yesno", "yesnounknown"):
        allowed = ("yes", "no", "unknown") if f.kind == "yesnounknown" else ("yes", "no")
        if isinstance(value, bool):
            return "yes" if value else "no"
        if not isinstance(value, str) or value not in allowed:
            raise InputError(name, f"{value!r} is not one of {', '.join(allowed)}")
        return value
    raise AssertionError(f"unknown field kind {f.kind}")


def checklist_field(cf: ChecklistField, label: str) -> Field:
    """The dataset form of a checklist field from the pathway file."""
    kinds = {
        "datetime": "datetime",
        "text": "text",
        "yesno": "yesno",
        "number": "number",
        "score10": "int",
        "choice": "choice",
        "choices": "choices",
        "sins": "sins",
    }
    return Field(
        cf.key,
        label,
        kinds[cf.kind],
        choices=cf.options,
        low=0 if cf.kind == "score10" else None,
        high=10 if cf.kind == "score10" else None,
        window=limits.HISTORY,
    )


def clean_management(raw: object, pathway: Pathway, now: datetime) -> dict[str, dict[str, Any]]:
    """Management so far, keyed by the checklist items of the pathway file."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InputError("management", "must be a JSON object")
    items = {item.key: item for item in pathway.checklist}
    out: dict[str, dict[str, Any]] = {}
    for key, values in raw.items():
        if key not in items:
            raise InputError(f"management.{key}", "unknown checklist item")
        if not isinstance(values, Mapping):
            raise InputError(f"management.{key}", "must be a JSON object")
        fields = {cf.key: cf for cf in items[key].fields}
        cleaned: dict[str, Any] = {}
        for fkey, value in values.items():
            name = f"management.{key}.{fkey}"
            if fkey not in fields:
                raise InputError(name, "unknown field")
            if value is None:
                continue
            cleaned[fkey] = clean_checklist_value(fields[fkey], value, name, now)
        out[key] = cleaned
    return out


def clean_checklist_value(cf: ChecklistField, value: object, name: str, now: datetime) -> Any:
    """Checklist values are stored as JSON, so instants are kept in their ISO form."""
    if cf.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(name, f"expected a number, got {_kind(value)}")
        if isinstance(value, float) and not math.isfinite(value):  # JSON lets NaN in
            raise InputError(name, f"{value!r} is not a number")
        if value < 0:
            raise InputError(name, "must not be negative")
        return value
    if cf.kind == "sins":
        if not isinstance(value, Mapping):
            raise InputError(name, "must be a JSON object of the six SINS components")
        try:
            result = sins_score(**{str(k): v for k, v in value.items()})
        except (TypeError, ValueError) as exc:
            raise InputError(name, str(exc)) from None
        return {**{str(k): str(v) for k, v in value.items()}, "total": result.total}
    cleaned = clean_value(checklist_field(cf, cf.key), value, name, now)
    if isinstance(cleaned, datetime):  # its window (limits.HISTORY) was checked
        return cleaned.isoformat()
    return cleaned


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__

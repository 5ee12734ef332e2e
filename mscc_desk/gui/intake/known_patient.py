"""Words for a patient the desk already knows, and the values to fill the form with.

A second call about the same person should land on their open case, not start a
duplicate: the form offers the match as soon as a valid NHS number is typed. Pure
Python, so the wording can be checked without a window.
"""

from __future__ import annotations

from ...domain import nhs_number
from ...domain.clock import format_london
from ...domain.pathway import Pathway
from ...domain.typed_time import format_uk_date
from ...store.patients import CaseSummary, PatientMatch

# Form field -> PatientMatch attribute (the date of birth is formatted separately).
PATIENT_FIELDS = {
    "patient.nhs_number": "nhs_number",
    "patient.hospital_number": "hospital_number",
    "patient.family_name": "family_name",
    "patient.given_name": "given_name",
    "patient.sex": "sex",
    "patient.postcode": "postcode",
    "patient.imd_decile": "imd_decile",
}


def patient_values(match: PatientMatch) -> dict[str, str]:
    """The patient fields as the coordinator would have typed them."""
    values = {}
    for key, attr in PATIENT_FIELDS.items():
        value = getattr(match, attr)
        if key == "patient.nhs_number" and value:
            value = nhs_number.format_nhs(value)
        values[key] = "" if value is None else str(value)
    values["patient.date_of_birth"] = format_uk_date(match.date_of_birth)
    return values


def name_of(match: PatientMatch) -> str:
    return f"{match.family_name.upper()}, {match.given_name}"


def case_words(case: CaseSummary, pathway: Pathway) -> str:
    category = pathway.categories.get(case.category)
    short = category.short if category else case.category
    state = "" if case.status == "open" else f", {case.status}"
    return f"#{case.id} ({short}{state}, opened {format_london(case.opened_at)})"


def banner_text(match: PatientMatch, pathway: Pathway, details_used: bool) -> str:
    """`Known patient: OKAFOR, Grace, 01/02/1950 — open case #12 (EMERGENCY, …)`."""
    latest_open = match.open_cases[0] if match.open_cases else None
    text = f"Known patient: {name_of(match)}, {format_uk_date(match.date_of_birth)}"
    if latest_open is not None:
        text += f" — open case {case_words(latest_open, pathway)}"
    others = [c for c in match.cases if c is not latest_open]
    if others:
        text += ". Earlier: " + "; ".join(case_words(c, pathway) for c in others[:4])
    text += "."
    if details_used:
        text += " Details filled in from the patient record."
    return text


def follow_up_text(match: PatientMatch | None, case_id: int, pathway: Pathway) -> str:
    case = next((c for c in match.cases if c.id == case_id), None) if match else None
    words = case_words(case, pathway) if case else f"#{case_id}"
    who = f" for {name_of(match)}" if match else ""
    return (
        f"Follow-up call on case {words}{who}. Save adds this call to that case and "
        "re-triages it; a clock can tighten but never relax."
    )

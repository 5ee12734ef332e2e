"""The words the case view, its timeline and its printouts use for what is stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...domain.clock import format_london
from ...domain.labels import option_label
from ...domain.pathway import ChecklistField
from ...domain.scales import (
    FRANKEL_LABELS,
    SURGICAL_OPINION_TEXT,
    SURGICAL_OPINION_THRESHOLD,
    Frankel,
    sins_band,
)
from ..clocks import stored_instant

CHECKLIST_STATES = {
    "pending": "Pending",
    "done": "Done",
    "not_applicable": "Not applicable",
}
OUTCOMES = {
    "mscc_confirmed": "MSCC confirmed",
    "spinal_metastases_without_mscc": "Spinal metastases without MSCC",
    "not_metastatic": "Not metastatic",
    "other": "Other",
}
AMBULATORY = {"yes": "Yes", "no": "No", "unknown": "Unknown"}


def describe_value(cf: ChecklistField, value: Any) -> str:
    """A stored checklist value in words; instants in London time with GMT/BST."""
    if value is None or value == "" or value == []:
        return "—"
    if cf.kind == "datetime":
        instant = stored_instant(value)
        return format_london(instant) if instant else str(value)
    if cf.kind == "yesno":
        return "Yes" if value in ("yes", True) else "No"
    if cf.kind == "choice":
        return option_label(str(value))
    if cf.kind == "choices" and isinstance(value, list):
        return ", ".join(option_label(str(v)) for v in value)
    if cf.kind == "score10":
        return f"{value}/10"
    if cf.kind == "number" and isinstance(value, int | float):
        return f"{value:g}"
    if cf.kind == "sins" and isinstance(value, Mapping) and "total" in value:
        total = int(value["total"])
        text = f"{total} — {sins_band(total).label}"
        if total >= SURGICAL_OPINION_THRESHOLD:
            return f"{text}; {SURGICAL_OPINION_TEXT.lower()}"
        return text
    return str(value)


def frankel_words(grade: str | None) -> str:
    if not grade:
        return "not recorded"
    try:
        return f"{grade} — {FRANKEL_LABELS[Frankel(grade)]}"
    except ValueError:
        return grade

"""When a colleague saved first: both values side by side, in words a user can compare,
never a blocking box and never a silent overwrite."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ...domain.clock import format_london
from ...domain.pathway import ChecklistField as _ChecklistField
from ...store.cases import (
    AMBULATORY,
    CHECKLIST_STATES,
    OUTCOMES,
    VersionConflict,
    describe_value,
    field_label,
    frankel_words,
)


def _value_words(key: str, value: Any, fields: Mapping[str, _ChecklistField]) -> str:
    if key == "state":
        return CHECKLIST_STATES.get(str(value), str(value))
    if key == "outcome":
        return OUTCOMES.get(str(value), str(value))
    if key == "ambulatory_at_discharge":
        return AMBULATORY.get(str(value), str(value))
    if key == "frankel_at_discharge":
        return frankel_words(value if isinstance(value, str) else None)
    if key in ("closed_at", "done_at") and isinstance(value, str):
        try:
            return format_london(datetime.fromisoformat(value))
        except ValueError:
            return value
    if value in (None, "", [], {}):
        return "—"
    return str(value)


def _lines(values: Mapping[str, Any], fields: Mapping[str, _ChecklistField]) -> list[str]:
    out: list[str] = []
    for key, value in values.items():
        if key in ("item", "title"):
            continue
        if key == "data" and isinstance(value, Mapping):
            for fkey, fvalue in value.items():
                cf = fields.get(fkey, _ChecklistField(fkey, "text"))
                out.append(f"{field_label(fkey)}: {describe_value(cf, fvalue)}")
            continue
        out.append(f"{field_label(key)}: {_value_words(key, value, fields)}")
    return out


def conflict_html(exc: VersionConflict, fields: Mapping[str, _ChecklistField]) -> str:
    """The conflict banner: what happened, then yours and the record's, side by side."""
    esc = html.escape
    by = f" by <b>{esc(exc.changed_by)}</b>" if exc.changed_by else ""
    at = f" at {esc(format_london(exc.changed_at))}" if exc.changed_at else ""
    title = exc.your_values.get("title") or exc.current_values.get("title")
    what = f"“{esc(str(title))}”" if title else esc(exc.what or "the case")
    mine = "<br>".join(esc(line) for line in _lines(exc.your_values, fields)) or "—"
    theirs = "<br>".join(esc(line) for line in _lines(exc.current_values, fields)) or "—"
    return (
        f"<b>Not saved.</b> {what} was changed{by}{at} while you were working "
        f"(you had version {exc.expected_version}; the record is now at version "
        f"{exc.current_version}). Nothing has been overwritten: choose what to keep."
        "<table cellspacing='0' cellpadding='4' style='margin-top: 4px'>"
        "<tr><th align='left'>Yours (not saved)</th><th align='left'>In the record now</th></tr>"
        f"<tr><td valign='top'>{mine}</td><td valign='top'>{theirs}</td></tr></table>"
    )

"""What the app writes to its log: events with ids and counts, never a field's value.

A log line is read by people who may not see patient records (IT support, a supplier),
so the app never formats a record into a message. It logs an *event*: an action name
and a few `key=value` pairs of ids, counts, file names, modes and error types, e.g.
`backup.written file=mscc-20270327-020000.sqlite3 bytes=135168 pruned=1`. The scrubber
in `logs.py` is the second line, for what slips through (a library's message, an
exception text).

A value with a space or a quote in it is written quoted, so the scrubber's rule for
quoted values removes it: free text never reaches the file even if passed by mistake.
Keys that name a patient field are refused outright.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from enum import Enum
from pathlib import PurePath

REDACTED = "[redacted]"

# Fields whose value identifies a person (DATASET.md), wherever they show up: as
# `extra=` attributes, as keys of a mapping passed as the log arguments, as keys of an
# event, or written as `key=value` / `'key': value` inside a message.
PII_FIELDS = frozenset(
    {
        "nhs_number",
        "hospital_number",
        "family_name",
        "given_name",
        "name",
        "patient",
        "patient_name",
        "date_of_birth",
        "dob",
        "postcode",
        "address",
        "phone",
        "caller_name",
        "caller_contact",
        "notes",
        "note",
        "advice_text",
        "histology",
        "location_detail",
        "password",
        "password_hash",
    }
)

Value = int | float | bool | str | datetime | PurePath | Enum | None

# A bare value: an id, a file name, an action or error type; anything else is quoted.
_BARE = re.compile(r"[\w.:/\\@+\-]{1,200}")


def log_event(
    logger: logging.Logger, action: str, *, level: int = logging.INFO, **fields: Value
) -> None:
    """Log `action key=value ...`; the record carries `event=action` for a machine reader."""
    if not logger.isEnabledFor(level):
        return
    logger.log(level, event_text(action, **fields), extra={"event": action})


def event_text(action: str, **fields: Value) -> str:
    parts = [action]
    for key, value in fields.items():
        parts.append(f"{key}={REDACTED if key.lower() in PII_FIELDS else _text(value)}")
    return " ".join(parts)


def _text(value: Value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        value = str(value.value)
    text = str(value)
    if _BARE.fullmatch(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

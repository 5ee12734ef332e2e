"""What the next coordinator must know: the open cases, what changed, and who holds the role.

- `sheet`: the open cases as the handover sheet and window show them, most urgent first;
- `since`: what changed since the role last changed hands;
- `records`: what a handover writes (notes, the role passing, printouts: audit events)
  and who holds the role now.

Import from here (`from mscc_desk.store.handover import handover_cases`): the modules are
how the package is kept readable, not separate doors.
"""

from .records import (
    COORDINATOR_SETTING,
    DEFAULT_SERVICE_NAME,
    HANDOVER_ACTION,
    MAX_NAME,
    MAX_NOTE,
    NOTE_ACTION,
    PRINTED_ACTION,
    ROLE_CHANGE_ACTIONS,
    SERVICE_SETTING,
    HandoverNote,
    HandoverRecord,
    check_may_print,
    current_coordinator,
    record_handover,
    record_printed,
    service_name,
    set_handover_note,
)
from .sheet import (
    MOBILITY_WORDS,
    NEURO_WORDS,
    PAIN_WORDS,
    PRIMARY_SITE_WORDS,
    STAGE_WORDS,
    HandoverAlert,
    HandoverCase,
    HandoverDeadline,
    done_items,
    handover_cases,
    problem_line,
    short_time,
    sort_key,
    time_left_words,
)
from .since import (
    CATEGORY_CHANGED_ACTION,
    DEFAULT_LOOKBACK,
    ChangedCase,
    HandoverChanges,
    changes_since_last_handover,
    last_handover,
)

__all__ = [
    "CATEGORY_CHANGED_ACTION",
    "COORDINATOR_SETTING",
    "DEFAULT_LOOKBACK",
    "DEFAULT_SERVICE_NAME",
    "HANDOVER_ACTION",
    "MAX_NAME",
    "MAX_NOTE",
    "MOBILITY_WORDS",
    "NEURO_WORDS",
    "NOTE_ACTION",
    "PAIN_WORDS",
    "PRIMARY_SITE_WORDS",
    "PRINTED_ACTION",
    "ROLE_CHANGE_ACTIONS",
    "SERVICE_SETTING",
    "STAGE_WORDS",
    "ChangedCase",
    "HandoverAlert",
    "HandoverCase",
    "HandoverChanges",
    "HandoverDeadline",
    "HandoverNote",
    "HandoverRecord",
    "changes_since_last_handover",
    "check_may_print",
    "current_coordinator",
    "done_items",
    "handover_cases",
    "last_handover",
    "problem_line",
    "record_handover",
    "record_printed",
    "service_name",
    "set_handover_note",
    "short_time",
    "sort_key",
    "time_left_words",
]

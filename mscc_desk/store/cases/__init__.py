"""One case, whole: what the case view reads, and every change it makes to a case.

- `details`: the case as frozen values (patient, referral, clocks, checklist, notes);
- `read`: `load_case` fills them in one transaction, `case_fingerprint` polls cheaply;
- `timeline`: everything that happened to the case, in time order, in words;
- `changes`: every change (checklist, notes, closing, reopening, clearing an override),
  each checked against the version the user was looking at (`VersionConflict`);
- `words`: the words for stored values that all of them share.

Import from here (`from mscc_desk.store.cases import load_case`): the modules are how the
package is kept readable, not separate doors. No Qt: the command line, reports and tests
use the same functions as the case view.
"""

from ...domain.labels import field_label, option_label
from .changes import (
    CLOSED_CLOCK_REASON,
    VersionConflict,
    add_note,
    clear_override,
    close_case,
    reopen_case,
    retriage,
    update_checklist_item,
)
from .details import (
    CallDetail,
    CaseDetail,
    CategoryDetail,
    ChecklistDetail,
    ClockDetail,
    NoteDetail,
    OutcomeDetail,
    PatientDetail,
    ReferralDetail,
    TimelineEntry,
)
from .read import case_fingerprint, load_case
from .timeline import timeline
from .words import AMBULATORY, CHECKLIST_STATES, OUTCOMES, describe_value, frankel_words

__all__ = [
    "AMBULATORY",
    "CHECKLIST_STATES",
    "CLOSED_CLOCK_REASON",
    "OUTCOMES",
    "CallDetail",
    "CaseDetail",
    "CategoryDetail",
    "ChecklistDetail",
    "ClockDetail",
    "NoteDetail",
    "OutcomeDetail",
    "PatientDetail",
    "ReferralDetail",
    "TimelineEntry",
    "VersionConflict",
    "add_note",
    "case_fingerprint",
    "clear_override",
    "close_case",
    "describe_value",
    "field_label",
    "frankel_words",
    "load_case",
    "option_label",
    "reopen_case",
    "retriage",
    "timeline",
    "update_checklist_item",
]

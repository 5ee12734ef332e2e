"""Deadline alerts in the database: when each stage is raised, what is showing, who saw it.

- `lifecycle`: an alert's life, from the stage falling due to its acknowledgement (the
  scheduler in `mscc_desk.alerts` only decides when to ask);
- `acting`: acknowledging an alert, a breach's reason, meeting a deadline from an alert;
- `settings`: the lead times and the sound, shared by every workstation on a database.

Import from here (`from mscc_desk.store.alerts import raise_alerts`): the modules are how
the package is kept readable, not separate doors.
"""

from .acting import acknowledge, meet_deadline, record_breach_reason
from .lifecycle import (
    BREACH_REASONS,
    NOTE_MAX,
    PASSED_NOTE,
    STAGE_ORDER,
    AlertCheck,
    OpenDeadline,
    PendingAlert,
    RaisedAlert,
    ScheduledAlert,
    active_alerts,
    alerts_of_deadline,
    check_alerts,
    due_alerts,
    next_fire_time,
    open_deadlines,
    patient_name,
    raise_alerts,
    upcoming_alerts,
)
from .settings import (
    DEFAULT_DUE_SOON_MINUTES,
    DEFAULT_IMMINENT_MINUTES,
    DUE_SOON_KEY,
    IMMINENT_KEY,
    MAX_LEAD_MINUTES,
    SOUND_KEY,
    AlertSettings,
    alert_settings,
    lead_times,
    save_alert_settings,
    set_lead_times,
    set_sound,
    validate_lead_times,
)

__all__ = [
    "BREACH_REASONS",
    "DEFAULT_DUE_SOON_MINUTES",
    "DEFAULT_IMMINENT_MINUTES",
    "DUE_SOON_KEY",
    "IMMINENT_KEY",
    "MAX_LEAD_MINUTES",
    "NOTE_MAX",
    "PASSED_NOTE",
    "SOUND_KEY",
    "STAGE_ORDER",
    "AlertCheck",
    "AlertSettings",
    "OpenDeadline",
    "PendingAlert",
    "RaisedAlert",
    "ScheduledAlert",
    "acknowledge",
    "active_alerts",
    "alert_settings",
    "alerts_of_deadline",
    "check_alerts",
    "due_alerts",
    "lead_times",
    "meet_deadline",
    "next_fire_time",
    "open_deadlines",
    "patient_name",
    "raise_alerts",
    "record_breach_reason",
    "save_alert_settings",
    "set_lead_times",
    "set_sound",
    "upcoming_alerts",
    "validate_lead_times",
]

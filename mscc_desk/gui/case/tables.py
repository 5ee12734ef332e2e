"""The case view's two tables: its clocks counting down and its checklist, each a
read-only model over the frozen details `store.cases.load_case` returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
)

from ...domain.clock import short_london
from ...domain.deadlines import Stage, format_time_left
from ...store.cases import (
    ChecklistDetail,
    ClockDetail,
)
from ..look import inks
from ..widgets.rows_model import RowsModel
from ..widgets.urgency import (
    INK,
    STAGE_TINT,
    stage_at,
    stage_icon,
)

MET_TINT = QColor("#dcebd5")
_Index = QModelIndex | QPersistentModelIndex
_STATE_MARK = {"done": "✓ Done", "pending": "○ Pending", "not_applicable": "– Not applicable"}


def _stage_words(stage: Stage, leads: Mapping[Stage, timedelta] | None) -> str:
    """The stage in words, with the desk's lead time when it is not the usual hour."""
    if stage is Stage.due_soon:
        return "due soon"
    if stage is not Stage.imminent:
        return ""
    lead = (leads or {}).get(Stage.imminent, timedelta(hours=1))
    return "due within the hour" if lead == timedelta(hours=1) else f"due within {_lead_text(lead)}"


def _lead_text(lead: timedelta) -> str:
    minutes = int(lead.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return (
        f"{hours} h {rest:02d} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"
    )


_CLOCK_ORDER = {"breached": 0, "open": 1, "met": 2, "cancelled": 3}


def _duration_words(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h {minutes:02d} min"
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


# --- Models -------------------------------------------------------------------------------


class ClockModel(RowsModel[ClockDetail]):
    """The case's clocks; the countdown repaints from `set_now`, not by rebuilding rows."""

    leads: Mapping[Stage, timedelta] | None = None  # the desk's alert lead times

    COLUMNS = ("Clock", "Due (London)", "State", "Reference")
    STATE = 2

    def __init__(self, now: datetime, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = now

    def set_clocks(self, clocks: Sequence[ClockDetail], now: datetime) -> None:
        self._now = now
        self.replace_rows(
            sorted(clocks, key=lambda c: (_CLOCK_ORDER[c.state_at(now)], c.due_at, c.id))
        )

    def set_now(self, now: datetime) -> None:
        self._now = now
        self.repaint()

    def clock(self, row: int) -> ClockDetail:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        state = c.state_at(self._now)
        stage = stage_at(self._now, c.due_at, self.leads) if state in ("open", "breached") else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{c.label}\n(local policy)" if c.status == "local" else c.label
            if column == 1:
                return f"{short_london(c.due_at)}\nstarted {short_london(c.starts_at)}"
            if column == self.STATE:
                words = c.words(self._now)
                if state == "met" and c.met_at:
                    words = f"{words}\nat {short_london(c.met_at)}"
                extra = _stage_words(stage, self.leads) if state == "open" and stage else ""
                return f"{words} — {extra}" if extra else words
            return c.ref
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.label}\n{c.ref}" + (
                f"\nStopped: {c.cancel_reason}" if c.cancel_reason else ""
            )
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATE:
            if stage is not None:
                return STAGE_TINT[stage]
            if state == "met":
                return MET_TINT
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "cancelled":
                return inks().muted
            if column == self.STATE and (stage is not None or state == "met"):
                return INK
        if role == Qt.ItemDataRole.FontRole and column == self.STATE and state == "breached":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE and stage is not None:
            return stage_icon(stage)
        if role == Qt.ItemDataRole.UserRole:
            return c
        return None


class ChecklistModel(RowsModel[ChecklistDetail]):
    """The checklist, in pathway order; what is still pending is what stands out.

    The reference sits under the title (a column of its own was too narrow to read),
    and a pending item linked to a running clock shows that clock, so the deadline is
    beside the thing that meets it.
    """

    leads: Mapping[Stage, timedelta] | None = None  # the desk's alert lead times

    COLUMNS = ("State", "Item and reference", "Recorded", "By / when")
    STATE, ITEM, RECORDED, WHO = range(4)

    def __init__(self, now: datetime, parent: Any = None) -> None:
        super().__init__(parent)
        self._clocks: dict[str, ClockDetail] = {}
        self._now = now

    def set_items(
        self, items: Sequence[ChecklistDetail], clocks: Sequence[ClockDetail], now: datetime
    ) -> None:
        self._clocks = {c.key: c for c in clocks if c.met_at is None and c.cancelled_at is None}
        self._now = now
        self.replace_rows(items)

    def set_now(self, now: datetime) -> None:
        """Running durations and linked countdowns change with time; nothing else does."""
        self._now = now
        self.repaint(self.RECORDED, self.RECORDED)

    def item(self, row: int) -> ChecklistDetail:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        for row, item in enumerate(self._rows):
            if item.key == key:
                return row
        return -1

    def linked_clock(self, item: ChecklistDetail) -> ClockDetail | None:
        return self._clocks.get(item.meets[0]) if item.meets else None

    def recorded(self, item: ChecklistDetail) -> str:
        lines = item.summary()
        duration = item.duration(self._now)
        if duration is not None:
            so_far = "" if "stopped_at" in item.data else " so far"
            lines.append(f"Duration: {_duration_words(duration)}{so_far}")
        clock = self.linked_clock(item)
        if clock is not None and item.state == "pending":
            left = format_time_left(clock.due_at - self._now)
            lines.append(f"Clock: due {short_london(clock.due_at)} — {left}")
        if item.state == "not_applicable" and item.na_reason:
            lines.append(f"Not applicable: {item.na_reason}")
        if item.note:
            lines.append(f"Note: {item.note}")
        return "\n".join(lines) or "—"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATE:
                return _STATE_MARK.get(item.state, item.state)
            if column == self.ITEM:
                if item.is_local:  # the reference of a local rule is just "local"
                    ref = item.ref if item.ref.strip().lower() != "local" else ""
                    return f"{item.title}\nLOCAL POLICY{' · ' + ref if ref else ''}"
                return f"{item.title}\n{item.ref}"
            if column == self.RECORDED:
                return self.recorded(item)
            if item.state == "pending" or not item.done_at:
                return "—"
            return f"{item.done_by or ''}\n{short_london(item.done_at)}".strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            local = (
                "\nLocal policy: a trust rule, not a NICE recommendation." if item.is_local else ""
            )
            return f"{item.title}\n{item.text}\nReference: {item.ref}{local}"
        if role == Qt.ItemDataRole.FontRole and column == self.STATE and item.state == "pending":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and item.state != "pending":
            return inks().muted if column != self.RECORDED else None
        if role == Qt.ItemDataRole.BackgroundRole and column == self.RECORDED:
            clock = self.linked_clock(item)
            if clock is not None and item.state == "pending":
                stage = stage_at(self._now, clock.due_at, self.leads)
                return STAGE_TINT[stage] if stage is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

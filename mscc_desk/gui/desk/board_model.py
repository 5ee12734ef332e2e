"""The case board as an item model, and the filter the coordinator types into.

Rows come from one query (store/board.py) loaded off the GUI thread; the countdown is
recomputed in `data()` from a clock the model holds, and a timer tells the view that
the countdown column changed, so time passing never rebuilds a widget or re-queries the
database. Sort keys are the real values (instants, counts, ranks), not the shown text,
so "10 h" sorts after "9 h" and an overdue clock sorts before a running one.

Speed at 2,000 open cases: the sort keys and the text the search looks in are worked out
once per row as the rows arrive, and the rows are sorted here, in Python, once (the
filter only filters: a proxy that sorts asks `data()` some 40,000 times). The countdown
tick changes no sort key (the time left sorts by the due instant), so it repaints the
countdown column and re-sorts nothing.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont

from ...domain.clock import Clock, compact_london, short_london
from ...domain.deadlines import DEFAULT_LEADS, Stage, format_time_left
from ...domain.nhs_number import digits_of, format_nhs
from ...domain.pathway import Pathway
from ...store.board import BoardRow
from ..look import inks
from ..widgets.rows_model import RowsModel
from ..widgets.urgency import (
    CATEGORY_TINT,
    INK,
    STAGE_TINT,
    category_icon,
    stage_at,
    stage_icon,
)

ModelIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
DEADLINE_ROLE = Qt.ItemDataRole.UserRole + 3  # (label, due text) for the board's delegate
COUNTDOWN_MS = 30_000  # the countdown shows minutes: half a minute stale at most


class Column(IntEnum):
    PATIENT = 0
    NHS = 1
    AGE = 2
    LOCATION = 3
    CATEGORY = 4
    NEXT_DEADLINE = 5
    TIME_LEFT = 6
    CHECKLIST = 7
    LAST_ACTIVITY = 8


_COLUMNS = tuple(Column)

HEADERS = {
    Column.PATIENT: "Patient",
    Column.NHS: "NHS number",
    Column.AGE: "Age",
    Column.LOCATION: "Location",
    Column.CATEGORY: "Category",
    Column.NEXT_DEADLINE: "Next deadline",
    Column.TIME_LEFT: "Time left",
    Column.CHECKLIST: "Checklist",
    Column.LAST_ACTIVITY: "Last activity",
}


def time_left_text(now: datetime, due_at: datetime, stage: Stage | None) -> str:
    """`OVERDUE 1 h 03 min`, `IMMINENT 40 min`, `DUE SOON 3 h 10 min`, `5 h 12 min left`:
    the stage in words, as the alert panel says it."""
    text = format_time_left(due_at - now)
    if stage is Stage.imminent:
        return f"IMMINENT {text.removesuffix(' left')}"
    if stage is Stage.due_soon:
        return f"DUE SOON {text.removesuffix(' left')}"
    return text


class BoardModel(RowsModel[BoardRow]):
    """Open cases; the countdown column repaints every `tick_ms` from the injected clock."""

    COLUMNS = tuple(HEADERS[c] for c in Column)

    def __init__(
        self,
        pathway: Pathway,
        clock: Clock,
        parent: QObject | None = None,
        tick_ms: int = COUNTDOWN_MS,
    ) -> None:
        super().__init__(parent)
        self._pathway = pathway
        self._clock = clock
        self._rows: list[BoardRow] = []
        self._keys: dict[int, list[Any]] = {}  # column -> each row's sort key, as asked
        self._found: list[tuple[str, str, str]] = []  # name, NHS and hospital digits
        # What was worked out of each row, by the row object: a refresh after a change
        # brings back the same objects for the cases it did not touch.
        self._worked: dict[int, tuple[BoardRow, tuple[str, str, str], dict[int, Any]]] = {}
        self._by_case: dict[int, int] = {}  # case id -> row
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._alerted: dict[int, Stage] = {}
        self._leads: dict[Stage, timedelta] | None = None
        self._now = clock.now()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    # --- feeding ---------------------------------------------------------------

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = self._clock.now()
        self._keys = {}
        worked: dict[int, tuple[BoardRow, tuple[str, str, str], dict[int, Any]]] = {}
        for r in self._rows:
            seen = self._worked.get(id(r))
            worked[id(r)] = seen if seen is not None and seen[0] is r else (r, _found(r), {})
        self._worked = worked
        self._found = [worked[id(r)][1] for r in self._rows]
        self._order_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's key, in Python, keeping the selection on its rows."""
        self._sort_column, self._sort_order = column, order
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        was = [r.case_id for r in self._rows]
        self._order_rows()
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(self._by_case[was[p.row()]], p.column()) for p in persistent],
        )
        self.layoutChanged.emit()

    def _column_keys(self, col: int) -> list[Any]:
        keys = self._keys.get(col)
        if keys is None:
            keys = self._keys[col] = [self._row_key(r, col) for r in self._rows]
        return keys

    def _row_key(self, row: BoardRow, col: int) -> Any:
        known = self._worked[id(row)][2]
        if col not in known:
            known[col] = self._sort_key(row, _COLUMNS[col])
        return known[col]

    def _order_rows(self) -> None:
        if 0 <= self._sort_column < len(Column):
            keys = self._column_keys(self._sort_column)
            order = sorted(
                range(len(self._rows)),
                key=keys.__getitem__,
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
            self._rows = [self._rows[i] for i in order]
            self._found = [self._found[i] for i in order]
            self._keys = {c: [k[i] for i in order] for c, k in self._keys.items()}
        self._by_case = {r.case_id: i for i, r in enumerate(self._rows)}

    def source_row_of(self, case_id: int) -> int | None:
        return self._by_case.get(case_id)

    def matches(
        self, source_row: int, category: str | None, tokens: list[str], compact: str
    ) -> bool:
        """Whether a row passes the category and the search (see `BoardFilter`)."""
        if category is not None and self._rows[source_row].category != category:
            return False
        if not tokens:
            return True
        name, nhs, hospital = self._found[source_row]
        if nhs and compact.isdigit() and compact in nhs:
            return True
        if hospital and compact and compact in hospital:
            return True
        return all(token in name for token in tokens)

    def set_leads(self, leads: dict[Stage, timedelta]) -> None:
        self._leads = dict(leads)

    def leads(self) -> dict[Stage, timedelta]:
        """The alert lead times the stages are worked out with (the defaults until loaded)."""
        return {**DEFAULT_LEADS, **(self._leads or {})}

    def set_alerted(self, stages: dict[int, Stage]) -> None:
        """Cases with an unacknowledged alert: their patient cell says so, in words too."""
        if stages == self._alerted:
            return
        self._alerted = dict(stages)
        self.repaint(Column.PATIENT, Column.PATIENT)

    def alerted_stage(self, case_id: int) -> Stage | None:
        return self._alerted.get(case_id)

    def row(self, source_row: int) -> BoardRow:
        return self._rows[source_row]

    def rows(self) -> list[BoardRow]:
        return list(self._rows)

    def overdue_count(self) -> int:
        return sum(1 for r in self._rows if r.next_deadline and r.next_deadline.due_at <= self._now)

    def tick(self) -> None:
        """Time moved: only the countdown cells change, so only they are repainted."""
        self._now = self._clock.now()
        self.repaint(Column.TIME_LEFT, Column.TIME_LEFT)

    # --- the model interface ---------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = _COLUMNS[index.column()]  # a tuple: Column(n) is slow, and data() is hot
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._column_keys(col)[index.row()]
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == DEADLINE_ROLE and col is Column.NEXT_DEADLINE and row.next_deadline:
            d = row.next_deadline
            return (self._pathway.clock_short(d.label), compact_london(d.due_at, self._now))
        if role == Qt.ItemDataRole.ToolTipRole:
            alerted = self._alerted.get(row.case_id)
            if col is Column.PATIENT and alerted is not None:
                return f"Alert to acknowledge: {alerted.value.replace('_', ' ')}"
            return self._tooltip(row, col)
        return self._style(row, col, role)

    # --- presentation ----------------------------------------------------------

    def _stage(self, row: BoardRow) -> Stage | None:
        if row.next_deadline is None:
            return None
        return stage_at(self._now, row.next_deadline.due_at, self._leads)

    def _category_text(self, row: BoardRow) -> str:
        category = self._pathway.categories.get(row.category)
        short = category.short if category else row.category
        if row.override is not None:  # the reason on the board, who and when in the tip
            return f"{short} (override: {row.override.reason})"
        return short

    def _text(self, row: BoardRow, col: Column) -> str:
        if col is Column.PATIENT:
            return row.patient_name
        if col is Column.NHS:
            return format_nhs(row.nhs_number) if row.nhs_number else "not known"
        if col is Column.AGE:
            return str(row.age)
        if col is Column.LOCATION:
            return row.location or "not recorded"
        if col is Column.CATEGORY:
            return self._category_text(row)
        if col is Column.NEXT_DEADLINE:
            d = row.next_deadline
            return f"{d.label} · {short_london(d.due_at)}" if d else "no clock running"
        if col is Column.TIME_LEFT:
            if row.next_deadline is None:
                return "—"
            return time_left_text(self._now, row.next_deadline.due_at, self._stage(row))
        if col is Column.CHECKLIST:
            return f"{row.checklist_done}/{row.checklist_total}"
        return compact_london(row.last_activity, self._now)

    def _sort_key(self, row: BoardRow, col: Column) -> Any:
        if col is Column.PATIENT:
            return row.patient_name.casefold()
        if col is Column.NHS:
            return row.nhs_number or "~"  # unknown numbers after every real one
        if col is Column.AGE:
            return row.age
        if col is Column.LOCATION:
            return row.location.casefold()
        if col is Column.CATEGORY:
            category = self._pathway.categories.get(row.category)
            return category.rank if category else 99
        if col in (Column.NEXT_DEADLINE, Column.TIME_LEFT):
            return row.next_deadline.due_at.timestamp() if row.next_deadline else math.inf
        if col is Column.CHECKLIST:
            return row.checklist_done / row.checklist_total if row.checklist_total else 1.0
        return row.last_activity.timestamp()

    def _tooltip(self, row: BoardRow, col: Column) -> str | None:
        if col is Column.PATIENT:
            parts = [f"Born {row.date_of_birth:%d %b %Y} (age {row.age})"]
            if row.hospital_number:
                parts.append(f"Hospital number {row.hospital_number}")
            return "\n".join(parts)
        if col is Column.CATEGORY:
            category = self._pathway.categories.get(row.category)
            label = category.label if category else row.category
            if row.override is not None:
                when = short_london(row.override.at) if row.override.at else ""
                return f"{label}\n{row.override.words(when)}"
            return label
        if col in (Column.NEXT_DEADLINE, Column.TIME_LEFT) and row.next_deadline:
            d = row.next_deadline
            return f"{d.label}\nDue {short_london(d.due_at)}"
        if col is Column.LAST_ACTIVITY:
            return f"Last call, checklist entry or change: {short_london(row.last_activity)}"
        if col is Column.LOCATION and row.location:
            return row.location
        return None

    def _style(self, row: BoardRow, col: Column, role: int) -> Any:
        alerted = self._alerted.get(row.case_id)
        if col is Column.PATIENT and alerted is not None:
            if role == Qt.ItemDataRole.DecorationRole:
                return stage_icon(alerted)
            if role == Qt.ItemDataRole.BackgroundRole:
                return STAGE_TINT[alerted]
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
        if col is Column.CATEGORY:
            if role == Qt.ItemDataRole.DecorationRole:
                return category_icon(row.category)
            if role == Qt.ItemDataRole.BackgroundRole:
                return CATEGORY_TINT.get(row.category)
            if role == Qt.ItemDataRole.ForegroundRole:
                return INK
            if role == Qt.ItemDataRole.FontRole and row.category == "emergency":
                return _bold()
        elif col is Column.TIME_LEFT:
            stage = self._stage(row)
            if role == Qt.ItemDataRole.DecorationRole and stage is not None:
                return stage_icon(stage)
            if role == Qt.ItemDataRole.BackgroundRole and stage is not None:
                return STAGE_TINT[stage]
            if role == Qt.ItemDataRole.ForegroundRole:
                return inks().muted if row.next_deadline is None else INK
            if role == Qt.ItemDataRole.FontRole and stage in (Stage.breached, Stage.imminent):
                return _bold()
        elif role == Qt.ItemDataRole.ForegroundRole and (
            (col is Column.NHS and not row.nhs_number)
            or (col is Column.NEXT_DEADLINE and not row.next_deadline)
            or (col is Column.LOCATION and not row.location)
        ):
            return inks().muted
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (Column.AGE, Column.CHECKLIST):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _found(row: BoardRow) -> tuple[str, str, str]:
    """What search matches a row on: its name, NHS number and hospital number's digits."""
    return (
        row.patient_name.casefold(),
        row.nhs_number or "",
        digits_of(row.hospital_number.casefold()) if row.hospital_number else "",
    )


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class BoardFilter(QSortFilterProxyModel):
    """Category and search-as-you-type; the search matches a name, an NHS number typed with
    or without spaces, or a hospital number, because callers read out whichever they have.

    It only filters: `sort()` (a header click, `sortByColumn`) is passed to the board
    model, which sorts its rows once over keys worked out as they arrived.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        # What is filtered on changes only with new rows (a reset, which always filters
        # again) or with the filter itself: a countdown tick (dataChanged) must not run
        # the filter over every row.
        self.setDynamicSortFilter(False)
        self._category: str | None = None
        self._tokens: list[str] = []
        self._compact = ""

    @property
    def category(self) -> str | None:
        return self._category

    def set_category(self, category: str | None) -> None:
        self.beginFilterChange()
        self._category = category or None
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        folded = text.casefold().strip()
        self._tokens = folded.replace(",", " ").split()
        self._compact = digits_of(folded)
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, BoardModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def case_id_at(self, proxy_row: int) -> int:
        source = self.sourceModel()
        if isinstance(source, BoardModel):
            return source.row(self.mapToSource(self.index(proxy_row, 0)).row()).case_id
        return int(self.index(proxy_row, 0).data(CASE_ID_ROLE))

    def row_of_case(self, case_id: int) -> int | None:
        """The proxy row showing a case, or None if it is not on the board or filtered out."""
        source = self.sourceModel()
        if not isinstance(source, BoardModel):
            return next((r for r in range(self.rowCount()) if self.case_id_at(r) == case_id), None)
        row = source.source_row_of(case_id)
        if row is None:
            return None
        mapped = self.mapFromSource(source.index(row, 0))
        return mapped.row() if mapped.isValid() else None

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        source = self.sourceModel()
        if not isinstance(source, BoardModel):
            return True
        return source.matches(source_row, self._category, self._tokens, self._compact)

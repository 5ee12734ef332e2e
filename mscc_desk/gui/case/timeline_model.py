"""The case timeline as a table model: when, who, what, detail.

A model, not a list of widgets, so a long case (dozens of calls, clocks and alerts)
scrolls without building a widget per line, and the view can be read with the keyboard
row by row. What happened is decided by `store.cases.timeline`; this only shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ...domain.clock import format_london, short_london
from ...domain.deadlines import Stage
from ...store.cases import TimelineEntry
from ..look import inks
from ..widgets.rows_model import RowsModel
from ..widgets.urgency import stage_icon

COLUMNS = ("When", "Who", "What", "Detail")
WHEN, WHO, WHAT, DETAIL = range(4)
# Things that change what happens next stand out; routine entries stay plain.
_BOLD_KINDS = frozenset({"breach", "category", "close", "reopen", "triage"})

_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(RowsModel[TimelineEntry]):
    """Rows in time order; `entry(row)` gives the entry for a row.

    With `detail_under_what`, for a narrow pane where four columns would each be too
    thin to read, the When column carries who under the time and the What column the
    detail under what happened (the view then hides the Who and Detail columns); the
    full instant is in every tooltip.
    """

    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None, *, detail_under_what: bool = False) -> None:
        super().__init__(parent)
        self.detail_under_what = detail_under_what

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.replace_rows(entries)

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHEN:
                if self.detail_under_what:
                    return f"{short_london(e.at)}\n{e.who or 'the clock'}"
                return short_london(e.at)
            if column == WHO:
                return e.who or "—"
            if column == WHAT:
                if self.detail_under_what and e.detail:
                    return f"{e.what}\n{e.detail}"
                return e.what
            return e.detail
        if role == Qt.ItemDataRole.ToolTipRole:
            who = e.who or "the clock"
            return f"{format_london(e.at)} — {who}\n{e.what}" + (
                f"\n{e.detail}" if e.detail else ""
            )
        if role == Qt.ItemDataRole.FontRole and column == WHAT and e.kind in _BOLD_KINDS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and e.kind == "breach":
            return inks().error
        if role == Qt.ItemDataRole.DecorationRole and column == WHAT and e.kind == "breach":
            return stage_icon(Stage.breached)
        if role == Qt.ItemDataRole.UserRole:
            return e
        return None

"""The desk's list of unsaved calls (drafts): a call typed and not yet saved is never
out of sight, and one keypress reopens it where it was left.

The list is part of the main window's form (`draftsBox`, `draftsList`, `openDraftButton`,
`actionOpenDraft`); this class fills it from each board load and says which draft the
user chose. The main window opens the intake form for it (one draft, one window).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidgetItem

from ...domain.clock import format_london, short_london
from ...store.drafts import DraftSummary
from ..forms.ui_main_window import Ui_MainWindow

ROWS_SHOWN = 4  # the box grows to four rows, so the board keeps the rest of the screen


class DraftsList(QObject):
    """`open_requested(draft_id)` when a draft is activated or Open draft is pressed."""

    open_requested = Signal(int)

    def __init__(self, ui: Ui_MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.count = 0
        tree = ui.draftsList
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        tree.itemActivated.connect(lambda item, _col: self._request(item))
        tree.itemSelectionChanged.connect(self._update_button)
        ui.actionOpenDraft.triggered.connect(self.open_selected)
        ui.openDraftButton.clicked.connect(ui.actionOpenDraft.trigger)

    def open_selected(self) -> None:
        items = self.ui.draftsList.selectedItems()
        if items:
            self._request(items[0])

    def fill(self, drafts: list[DraftSummary]) -> None:
        """Show these drafts, keeping the one the user had selected; hide an empty box."""
        tree = self.ui.draftsList
        keep = _draft_id(tree.currentItem())
        tree.clear()
        for d in drafts:
            item = QTreeWidgetItem(
                [d.summary or "(nothing typed yet)", d.user or "—", short_london(d.updated_at)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, d.id)
            item.setToolTip(0, f"Started {format_london(d.created_at)}")
            tree.addTopLevelItem(item)
            if d.id == keep:
                tree.setCurrentItem(item)
        count = len(drafts)
        self.ui.draftsBox.setTitle(
            f"Unsaved calls (drafts): {count}" if count else "Unsaved calls (drafts): none"
        )
        # Shown only when there is something to finish: an empty box takes room from the board.
        self.ui.draftsBox.setVisible(bool(count))
        self.count = count
        if count:  # as tall as its rows, so the board keeps the rest
            rows = min(count, ROWS_SHOWN)
            height = tree.header().sizeHint().height() + rows * tree.sizeHintForRow(0)
            tree.setFixedHeight(height + 2 * tree.frameWidth() + 2)
        self._update_button()

    def _request(self, item: QTreeWidgetItem | None) -> None:
        draft_id = _draft_id(item)
        if draft_id is not None:
            self.open_requested.emit(draft_id)

    def _update_button(self) -> None:
        has = bool(self.ui.draftsList.selectedItems())
        self.ui.openDraftButton.setEnabled(has)
        self.ui.actionOpenDraft.setEnabled(has)


def _draft_id(item: QTreeWidgetItem | None) -> int | None:
    if item is None:
        return None
    value = item.data(0, Qt.ItemDataRole.UserRole)
    return int(value) if value is not None else None

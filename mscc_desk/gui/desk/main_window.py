"""The desk: who is here, who is coordinator, every open case, and the calls being typed.

Everything a coordinator does with a phone in the other hand has a key: Ctrl+N a new
call, Ctrl+F find a patient, Enter on a case its summary, F5 refresh, F1 the list of
keys. New call, handover, lock and quit work from every window of the desk (a lock
pressed in the handover window must hide the handover too). The keyboard comes back
to the board, on a selected row, after sign-in, after a call is saved and after any
window of the desk closes, so Down and Enter always do something. The board is loaded
off the GUI thread and refreshed after every write (`ctx.data_changed`), so a call
saved in an intake window shows here without anyone asking; and after every write of
any other desk of the service, as the change feed hears it (`ctx.service_changed`, from
`live_feed.LiveFeed`), in place: the selected case and the scroll position stay. The
60-second reload stays as a safety net (a draft's typing is not announced). When the
database stops answering, a banner says so at once (`link_banner`); when it answers
again the alerts are caught up and calls kept on this PC are saved.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QWidget,
)

from ...domain.clock import format_london, short_london
from ...domain.deadlines import Stage
from ...store import offline_drafts
from ...store.changes import Change, Link
from ...store.handover import ROLE_CHANGE_ACTIONS
from ..context import DeskContext
from ..forms.ui_main_window import Ui_MainWindow
from ..look import error_style
from ..people.screen_lock import ScreenLock, summarise_deadlines
from ..people.session import SessionController
from ..people.sign_in import ask_switch_user
from ..shortcuts import ShortcutsDialog
from ..widgets.urgency import category_icon
from ..windows import alive, bring_to_front
from .about import AboutDialog, database_in_use
from .board_loader import BoardLoader, BoardSnapshot
from .board_model import CASE_ID_ROLE, BoardFilter, BoardModel, Column
from .board_view import DeadlineDelegate, EmptyBoardHint, fit_columns
from .dialogs import CoordinatorDialog, UserPicker
from .drafts_list import DraftsList
from .link_banner import LinkBanner, first_line
from .openers import WindowOpeners
from .state import (
    change_coordinator,
    current_coordinator,
    known_users,
    last_desk_user,
    remember_desk_user,
)

if TYPE_CHECKING:  # the windows opened later are imported when first opened
    from ...alerts.scheduler import AlertController
    from ..audit.window import AuditWindow
    from ..case.view import CaseView
    from ..handover.view import HandoverView
    from ..settings.dialog import SettingsDialog
    from .alert_panel import AlertPanel

BOARD_POINT_SIZE = 10.0
AUTO_REFRESH_MS = 60_000  # a safety net under the change feed (drafts are not announced)
CLOCK_MS = 15_000
_SOMEONE_ELSE = "__someone_else__"
ALERT_ROWS_MIN, ALERT_ROWS_MAX = 3, 10  # the alert list grows with the alerts, to ten rows
STAGE_ORDER = {Stage.due_soon: 0, Stage.imminent: 1, Stage.breached: 2}


class MainWindow(WindowOpeners, QMainWindow):
    """`board_loaded(n)` fires each time fresh rows reach the board (n open cases)."""

    board_loaded = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.ctx = ctx
        self._cases: dict[int, CaseView] = {}
        self.alerts: AlertController | None = None
        self.alert_panel: AlertPanel | None = None
        self.session: SessionController | None = None
        self.screen_lock: ScreenLock | None = None
        self._handover: HandoverView | None = None
        self._audit: AuditWindow | None = None
        self._settings: SettingsDialog | None = None
        self._shortcuts: ShortcutsDialog | None = None
        self._about: AboutDialog | None = None
        self._openers: dict[int, QWidget] = {}  # window -> the window it was opened from
        self._intakes: list[QWidget] = []
        self._fitted = False
        self._select_after_load: int | None = None
        self._focus_after_load = False
        self._loaded_once = False
        self._alert_rows = 0
        self._loaded_at: datetime | None = None

        self.model = BoardModel(ctx.pathway, ctx.clock, self)
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.model)
        self._setup_board()
        self._setup_filters()
        self._setup_actions()
        self._setup_banner()
        self._setup_status_bar()

        self.loader = BoardLoader(ctx.db, ctx.clock, self)
        self.loader.loaded.connect(self._show_snapshot)
        self.loader.failed.connect(self._show_failure)
        ctx.data_changed.connect(self.refresh)
        ctx.user_changed.connect(self._user_changed)
        ctx.service_changed.connect(self._service_changed)
        ctx.link_changed.connect(self._link_changed)

        self._auto_refresh = QTimer(self)
        self._auto_refresh.setInterval(AUTO_REFRESH_MS)
        self._auto_refresh.timeout.connect(self.reload)
        self._auto_refresh.start()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_MS)
        self._clock_timer.timeout.connect(self._show_time)
        self._clock_timer.start()

        if not ctx.user:
            ctx.set_user(last_desk_user(ctx.db))
        self._fill_user_combo()
        self._show_coordinator()
        self._show_time()
        self.refresh()

    # --- set-up ----------------------------------------------------------------

    def _setup_board(self) -> None:
        board = self.ui.board
        board.setModel(self.proxy)
        font = QFont(board.font())
        font.setPointSizeF(max(font.pointSizeF(), BOARD_POINT_SIZE))
        board.setFont(font)
        board.verticalHeader().setDefaultSectionSize(board.fontMetrics().height() + 12)
        board.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        board.setItemDelegateForColumn(Column.NEXT_DEADLINE, DeadlineDelegate(board))
        header = board.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(board)
        board.sortByColumn(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
        board.activated.connect(self._board_activated)
        self._empty_hint = EmptyBoardHint(board, self._empty_board_text)
        self.drafts = DraftsList(self.ui, self)
        self.drafts.open_requested.connect(self.open_draft)

    def _setup_filters(self) -> None:
        combo = self.ui.categoryCombo
        combo.addItem("All categories", None)
        for cat in sorted(self.ctx.pathway.categories.values(), key=lambda c: c.rank):
            combo.addItem(category_icon(cat.key), f"{cat.short} — {cat.label}", cat.key)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 40)
        combo.currentIndexChanged.connect(self._category_chosen)
        search = self.ui.searchEdit
        search.textChanged.connect(self._search_typed)
        # Find, then act without the mouse: Enter opens the (first) match, Down goes to the
        # board, Esc clears the search.
        search.returnPressed.connect(self._open_from_search)
        keys = ((Qt.Key.Key_Down, self._board_from_search), (Qt.Key.Key_Escape, search.clear))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.ui.userCombo.activated.connect(self._user_chosen)

    def _setup_actions(self) -> None:
        ui = self.ui
        ui.actionNewCall.triggered.connect(self.new_call)
        ui.actionRefresh.triggered.connect(self.reload)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionOpenCase.triggered.connect(self.open_selected_case)
        ui.actionFind.triggered.connect(self.focus_search)
        ui.actionChangeUser.triggered.connect(self.choose_user)
        ui.actionChangeCoordinator.triggered.connect(self.change_coordinator)
        ui.newCallButton.clicked.connect(ui.actionNewCall.trigger)
        ui.refreshButton.clicked.connect(ui.actionRefresh.trigger)
        ui.changeCoordinatorButton.clicked.connect(ui.actionChangeCoordinator.trigger)
        ui.actionHandover.triggered.connect(self.open_handover)
        ui.handoverButton.clicked.connect(ui.actionHandover.trigger)
        ui.actionAudit.triggered.connect(self.open_audit)
        ui.actionSettings.triggered.connect(self.open_settings)
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        ui.actionAbout.triggered.connect(self.show_about)
        ctx = self.ctx
        ctx.data_changed.connect(self._show_coordinator)  # a hand-over changes the header
        for action in (ui.actionRefresh, ui.actionFind, ui.actionOpenCase):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # From every window of the desk (a modal dialog still blocks them, as it should).
        for action in self.desk_wide_actions():
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    def desk_wide_actions(self) -> list[QAction]:
        ui = self.ui
        return [
            ui.actionNewCall,
            ui.actionHandover,
            ui.actionLock,
            ui.actionSwitchUser,
            ui.actionQuit,
            ui.actionShortcuts,
        ]

    def _setup_banner(self) -> None:
        self.link_banner = LinkBanner(self.ui.centralwidget)
        self.ui.centralLayout.insertWidget(0, self.link_banner)

    def _setup_status_bar(self) -> None:
        self._count_label = QLabel()
        self._db_label = QLabel(f"Database: {database_in_use(self.ctx.db.url)}")
        self._db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._db_label.setContentsMargins(0, 0, 12, 0)
        # A long message is cut, never allowed to widen the window past a ward screen.
        self._count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self._count_label, 1)
        self._backup_label = QLabel()
        self._backup_label.setStyleSheet(error_style())
        self._backup_label.hide()
        self._backup_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self._backup_label, 1)
        self.statusBar().addPermanentWidget(self._db_label)

    # --- the board ---------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the board and the drafts up to date in the background, after a write
        here or on another desk: only the cases written since the last load are read."""
        self.loader.request()

    def reload(self) -> None:
        """Read the whole board again (F5; every minute, under the change feed)."""
        self.loader.request(full=True)

    def _show_snapshot(self, snapshot: BoardSnapshot) -> None:
        self._loaded_once = True
        selected = self.selected_case_id()
        scroll = self.ui.board.verticalScrollBar()
        position = scroll.value()
        self._loaded_at = self.ctx.clock.now()
        self.model.set_leads(snapshot.leads)
        self.model.set_rows(snapshot.rows)
        self.drafts.fill(snapshot.drafts)
        if not self._fitted and snapshot.rows:
            self._fit_columns()
        # A background refresh must not move the board under the reader's eyes; only a
        # call just saved is brought into view.
        if self._select_after_load is not None:
            self.select_case(self._select_after_load)
            self._select_after_load = None
        else:
            if selected is not None:
                self.select_case(selected, scroll=False)
            scroll.setValue(position)
        self._ensure_selection()
        if self._focus_after_load:
            self._focus_after_load = False
            self.show_board_focus()
        self._update_counts()
        self.board_loaded.emit(len(snapshot.rows))

    def _ensure_selection(self) -> None:
        """A row is always selected when there is one, so Enter always opens something."""
        board = self.ui.board
        if self.proxy.rowCount() and not board.selectionModel().hasSelection():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            board.selectionModel().setCurrentIndex(self.proxy.index(0, 0), flags)

    def show_board_focus(self) -> None:
        """The keyboard on the board, on a selected row: Down and Enter work at once."""
        self._ensure_selection()
        self.ui.board.setFocus(Qt.FocusReason.OtherFocusReason)

    def _empty_board_text(self) -> str:
        if not self._loaded_once:
            return "Reading the open cases…"
        if self.model.rowCount():
            return (
                "No open case matches what is in the Find box or the category chosen.\n"
                "Esc in the Find box clears the search; Alt+S chooses “All categories”."
            )
        return (
            "No open cases.\nTo record a call press Ctrl+N (New call): the case is listed "
            "here, most urgent first, with its clocks.\nF1 lists every key."
        )

    def _show_failure(self, message: str) -> None:
        """One short line (the banner says when the database is away); the rest in the
        tooltip, so a driver's long message never widens the window past the screen."""
        if not self.ctx.reachable:
            self._count_label.setText(
                "Board not updated: the database is unreachable (see the banner above)."
            )
        else:
            self._count_label.setText(
                f"Could not load the board: {first_line(message)}. Press F5 to try again."
            )
        self._count_label.setToolTip(message)

    def _fit_columns(self) -> None:
        """Fit the columns to the first real rows, then leave them to the user's hand."""
        fit_columns(self.ui.board)
        self._fitted = True

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        overdue = self.model.overdue_count()
        text = f"{total} open case{'s' if total != 1 else ''}"
        if overdue:
            text += f" · {overdue} overdue"
        if shown != total:
            text += f" · showing {shown}"
        drafts = self.drafts.count
        text += f" · {drafts} unsaved call{'s' if drafts != 1 else ''}" if drafts else ""
        if self._loaded_at is not None:  # when the rows were read, not when filtered
            text += f" · updated {short_london(self._loaded_at)}"
        self._count_label.setText(text)

    def _category_chosen(self, index: int) -> None:
        self.proxy.set_category(self.ui.categoryCombo.itemData(index))
        self._update_counts()

    def _search_typed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()
        if self.proxy.rowCount() and not self.ui.board.selectionModel().hasSelection():
            self.ui.board.selectRow(0)

    def _open_from_search(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if self.selected_case_id() is None:
            self.ui.board.selectRow(0)
        self.open_selected_case()

    def _board_from_search(self) -> None:
        if self.proxy.rowCount() and self.selected_case_id() is None:
            self.ui.board.selectRow(0)
        self.ui.board.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def selected_case_id(self) -> int | None:
        rows = self.ui.board.selectionModel().selectedRows()
        return self.proxy.case_id_at(rows[0].row()) if rows else None

    def select_case(self, case_id: int, scroll: bool = True) -> bool:
        row = self.proxy.row_of_case(case_id)
        if row is None:
            return False
        index = self.proxy.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.ui.board.selectionModel().setCurrentIndex(index, flags)
        if scroll:
            self.ui.board.scrollTo(index)
        return True

    def _board_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id is not None:
            self.open_case(int(case_id))

    def open_selected_case(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_id: int) -> CaseView:
        """Show the case view; a case already open is brought to the front."""
        window = self._cases.get(case_id)
        if window is None or not alive(window):
            from ..case.view import CaseView

            window = CaseView(self.ctx, case_id)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _=None, cid=case_id: self._cases.pop(cid, None))
            window.follow_up_requested.connect(self.record_follow_up)
            self._return_here_after(window)
            self._cases[case_id] = window
        bring_to_front(window)
        return window

    # --- sign-in ---------------------------------------------------------------------------

    def _open_user_admin(self, session: SessionController) -> None:
        from ..people.user_admin import open_user_admin

        self._return_here_after(open_user_admin(session, self))

    def attach_session(self, session: SessionController) -> ScreenLock:
        """Sign-in replaces the "who is at the desk" picker; the lock covers the window.

        The lock screen still shows how many clocks are due or overdue (never whose), so
        a locked desk never hides a breach.
        """
        self.session = session
        ui = self.ui
        ui.userCombo.hide()
        ui.userCaption.setText("Signed in:")
        ui.signedInLabel.show()
        ui.actionChangeUser.setVisible(False)
        for action in (ui.actionSwitchUser, ui.actionLock, ui.actionSignOut):
            action.setVisible(True)
        ui.actionSwitchUser.triggered.connect(lambda: ask_switch_user(session, self))
        ui.actionLock.triggered.connect(lambda: session.lock())
        ui.actionSignOut.triggered.connect(lambda: session.sign_out())
        ui.actionUsers.triggered.connect(lambda: self._open_user_admin(session))
        session.signed_in.connect(self._show_session)
        session.unlocked.connect(self._show_session)
        session.signed_out.connect(self._show_session)
        # Whoever signs in (or unlocks) starts on the board, not in an empty Find box:
        # once the lock screen has gone, which hands the focus on as it hides.
        session.signed_in.connect(self._board_after_cover)
        session.cover_changed.connect(
            lambda covered: None if covered else self._board_after_cover()
        )
        lock = ScreenLock(session, self, overlay=True)
        self.screen_lock = lock
        if self.alert_panel is not None:
            panel = self.alert_panel
            session.cover_changed.connect(panel.locked_mode)
        self.board_loaded.connect(self._update_lock_summary)
        if self.alerts is not None:
            self.alerts.alerts_changed.connect(self._update_lock_summary)
        self._show_session()
        self._update_lock_summary()
        return lock

    def _show_session(self, *_args: object) -> None:
        session = self.session
        if session is None:
            return
        user = session.user
        text = f"<b>{escape(session.display_name)}</b> ({session.role})" if user else "nobody"
        self.ui.signedInLabel.setText(text)
        self.ui.actionUsers.setVisible(session.can("users.manage"))
        self.ui.actionAudit.setVisible(session.can("audit.read"))
        self.ui.actionSettings.setEnabled(session.can("settings.manage"))
        for action in (self.ui.actionNewCall, self.ui.actionOpenDraft):
            action.setEnabled(session.can("case.write"))
        self.ui.newCallButton.setEnabled(session.can("case.write"))
        if self.alert_panel is not None:  # the panel's Settings… is the menu's, same rule
            self.alert_panel.ui.settingsButton.setEnabled(session.can("settings.manage"))

    def _update_lock_summary(self, *_args: object) -> None:
        if self.screen_lock is None:
            return
        now = self.ctx.clock.now()
        due = [r.next_deadline.due_at for r in self.model.rows() if r.next_deadline]
        leads = self.model.leads()  # the desk's lead times, as the board and alerts use
        lines = summarise_deadlines(
            due, now, imminent=leads[Stage.imminent], due_soon=leads[Stage.due_soon]
        )
        self.screen_lock.set_alert_summary(lines, as_of=now)

    # --- alerts ------------------------------------------------------------------------

    def attach_alerts(self, controller: AlertController) -> AlertPanel:
        """Show the alert panel under the board and mark alerted cases on the board.

        The panel is a dock, never a modal box: an alert must not stop a call being typed.
        """
        self.alerts = controller
        from .alert_panel import AlertPanel

        panel = AlertPanel(self.ctx, controller, self, open_settings=self.open_settings)
        dock = QDockWidget("Alerts", self)
        dock.setObjectName("alertsDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget(dock))  # the panel has its own title: no second one
        dock.setWidget(panel)
        # Below the board, full width: an alert row reads left to right (stage, time left,
        # patient, clock) and the board keeps every column in view.
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self._alerts_dock = dock
        self.alert_panel = panel
        panel.count_changed.connect(self._fit_alert_dock)
        self._fit_alert_dock(len(panel.alerts()))
        ui = self.ui
        chain = [
            ui.searchEdit,
            ui.board,
            ui.draftsList,
            ui.openDraftButton,
            panel.ui.alertList,
            panel.ui.ackButton,
            panel.ui.openButton,
            panel.ui.reasonButton,
            panel.ui.settingsButton,
            ui.categoryCombo,
            ui.userCombo,
            ui.changeCoordinatorButton,
            ui.refreshButton,
            ui.handoverButton,
            ui.newCallButton,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        panel.open_case_requested.connect(self.open_case)
        controller.alerts_changed.connect(self._mark_alerted_cases)
        controller.backup_failed.connect(self._show_backup_failure)
        controller.backup_done.connect(lambda _path: self._backup_label.hide())
        self._mark_alerted_cases()
        return panel

    def _fit_alert_dock(self, count: int, force: bool = False) -> None:
        """As many alert rows in sight as there are alerts (three to ten), the rest board."""
        rows = min(max(count, ALERT_ROWS_MIN), ALERT_ROWS_MAX)
        if self.alert_panel is None or (rows == self._alert_rows and not force):
            return
        self._alert_rows = rows
        self.alert_panel.show_rows(rows)
        height = self.alert_panel.rows_height(rows)
        self.resizeDocks([self._alerts_dock], [height], Qt.Orientation.Vertical)

    def showEvent(self, event: QShowEvent) -> None:
        """Docks take their size once the window is laid out: give the alerts theirs then."""
        super().showEvent(event)
        if self.alert_panel is not None:
            QTimer.singleShot(
                0,
                self,
                lambda: (
                    self._fit_alert_dock(len(self.alert_panel.alerts()), True)
                    if self.alert_panel is not None
                    else None
                ),
            )

    def _show_backup_failure(self, message: str) -> None:
        """A failed backup stays in sight until one succeeds: it is the desk's safety net."""
        self._backup_label.setText(f"⚠ Backup failed: {first_line(message)}")
        self._backup_label.setToolTip(message)
        self._backup_label.show()

    def _mark_alerted_cases(self) -> None:
        if self.alerts is None:
            return
        stages: dict[int, Stage] = {}
        for alert in self.alerts.active_alerts():
            known = stages.get(alert.case_id)
            if known is None or STAGE_ORDER[alert.stage] > STAGE_ORDER[known]:
                stages[alert.case_id] = alert.stage
        self.model.set_alerted(stages)

    # --- calls and drafts ----------------------------------------------------------

    def new_call(self) -> QWidget | None:
        """Open a fresh intake window; the desk must know who is taking the call first."""
        return self._open_intake()

    def record_follow_up(self, case_id: int) -> QWidget | None:
        return self._open_intake(case_id=case_id)

    def open_draft(self, draft_id: int | None) -> QWidget | None:
        if draft_id is None:
            return None
        return self._open_intake(draft_id=draft_id)

    def _open_intake(
        self, draft_id: int | None = None, case_id: int | None = None
    ) -> QWidget | None:
        if not self.ctx.user and not self.choose_user():
            return None
        from ..intake.window import IntakeWindow  # written alongside; imported only when used

        # The desk holds every intake window it opened (they have no parent): forget only
        # those already closed, so a window being typed in is never collected.
        self._intakes = [w for w in self._intakes if alive(w) and w.isVisible()]
        if draft_id is not None:
            # One draft, one window: two windows on one draft would overwrite each other.
            for open_window in self._intakes:
                if getattr(open_window, "draft_id", None) == draft_id:
                    bring_to_front(open_window)
                    return open_window
        window = IntakeWindow(self.ctx, draft_id=draft_id, case_id=case_id)
        window.saved.connect(self._call_saved)
        self._return_here_after(window)
        self._intakes.append(window)
        bring_to_front(window)
        return window

    def _call_saved(self, case_id: int) -> None:
        """Show the person just recorded: the next board load selects their case, and the
        keyboard is on it, so Enter opens it."""
        self._select_after_load = case_id
        self._focus_after_load = True
        self.refresh()

    # --- who is here -----------------------------------------------------------------

    def _user_changed(self, _username: str) -> None:
        self._fill_user_combo()

    def _fill_user_combo(self) -> None:
        combo = self.ui.userCombo
        combo.blockSignals(True)
        combo.clear()
        users = known_users(self.ctx.db)
        if not self.ctx.user:
            combo.addItem("— choose who is at the desk —", "")
        for u in users:
            combo.addItem(f"{u.display_name} ({u.role})", u.username)
        combo.insertSeparator(combo.count())
        combo.addItem("Someone else…", _SOMEONE_ELSE)
        index = combo.findData(self.ctx.user) if self.ctx.user else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _user_chosen(self, index: int) -> None:
        data = self.ui.userCombo.itemData(index)
        if data == _SOMEONE_ELSE:
            if not self.choose_user():
                self._fill_user_combo()
        elif data:
            self.set_desk_user(str(data))

    def choose_user(self) -> bool:
        """Ask who is at the desk (type a name; a new name is added). False if cancelled."""
        dialog = UserPicker(known_users(self.ctx.db), self.ctx.user, self)
        if dialog.exec() != UserPicker.DialogCode.Accepted:
            return False
        self.set_desk_user(dialog.username(), dialog.role())
        return True

    def set_desk_user(self, username: str, role: str = "coordinator") -> None:
        """Everything entered from now on is recorded under this user; remembered on restart."""
        user = remember_desk_user(self.ctx.db, username, self.ctx.clock.now(), role)
        self.ctx.set_user(user.username)
        self._fill_user_combo()

    # --- who is coordinator ------------------------------------------------------------

    def _show_coordinator(self) -> None:
        coordinator = current_coordinator(self.ctx.db)
        label = self.ui.coordinatorLabel
        if coordinator.text:
            label.setText(f"<b>{escape(coordinator.text)}</b>")
            if coordinator.since:
                label.setToolTip(f"Since {format_london(coordinator.since)}")
        else:
            label.setText("<i>not set — press Change… to set</i>")

    def change_coordinator(self) -> bool:
        coordinator = current_coordinator(self.ctx.db)
        dialog = CoordinatorDialog(coordinator.text, coordinator.since, self)
        if dialog.exec() != CoordinatorDialog.DialogCode.Accepted:
            return False
        return self.set_coordinator(dialog.text())

    def set_coordinator(self, text: str) -> bool:
        """Hand the coordinator role over; recorded in the audit trail. False if unchanged."""
        changed = change_coordinator(
            self.ctx.db, text, user=self.ctx.user, now=self.ctx.clock.now()
        )
        self._show_coordinator()
        if changed:
            self.ctx.data_changed.emit()
        return changed

    # --- the other desks of the service ------------------------------------------------

    def _service_changed(self, changes: list[Change]) -> None:
        """Another desk (or this one) wrote: the board, header and alerts follow."""
        self.refresh()
        if any(c.kind in ROLE_CHANGE_ACTIONS for c in changes):
            self._show_coordinator()
        if self.alerts is not None:
            self.alerts.resync()  # re-plans its jobs; the panel hears if its alerts changed

    def _link_changed(self, link: Link) -> None:
        if not link.up:
            self.link_banner.show_down(link)
            return
        if self.alerts is not None:
            self.alerts.resync()  # the catch-up of whatever fell due meanwhile
            self.alerts.backup_soon()  # a backup that failed for the outage is not left
        saved = self.save_kept_drafts()
        self.link_banner.show_back(link, saved)
        self.refresh()

    def save_kept_drafts(self) -> int:
        """Write the calls kept on this PC while the database was away, of windows no
        longer open (an open window saves its own); returns how many calls were saved."""
        open_keys = {
            getattr(w, "client_key", None) for w in self._intakes if alive(w) and w.isVisible()
        }
        saved = 0
        for kept in offline_drafts.kept_for(self.ctx.db.url):
            if kept.key in open_keys:
                continue
            try:
                written = offline_drafts.write_kept(
                    self.ctx.db, kept, clock=self.ctx.clock, pathway=self.ctx.pathway
                )
            except Exception:  # noqa: BLE001 - still away: the file stays for next time
                return saved
            saved += written.outcome is not None
        return saved

    # --- misc ----------------------------------------------------------------------------

    def _show_time(self) -> None:
        self.ui.clockLabel.setText(format_london(self.ctx.clock.now()))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the desk closes its windows: a call being typed is kept as a draft."""
        self._auto_refresh.stop()
        self._clock_timer.stop()
        self.loader.wait()
        others: list[QWidget | None] = [*self._intakes, *self._cases.values(), self._handover]
        for window in others:
            if window is not None and alive(window) and not window.close():
                # A case with a note typed and not added: the desk stays open to say so.
                event.ignore()
                self._auto_refresh.start()
                self._clock_timer.start()
                return
        super().closeEvent(event)

"""What every window of the desk shares: the database, the clock, the pathway, the user.

One object, passed to each widget, instead of globals: tests build their own with a
fresh database and a fake clock.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..domain.clock import Clock, SystemClock
from ..domain.pathway import Pathway, default_pathway
from ..store.changes import Link
from ..store.engine import Database
from ..store.users import display_name_of


class DeskContext(QObject):
    """Emits `data_changed` after any write, so every view can refresh itself.

    `service_changed(list[Change])` carries what any desk of the service wrote (this one
    included), as the change feed hears it (`gui.desk.live_feed`); `link_changed(Link)`
    says when the database stops answering and when it answers again.
    """

    data_changed = Signal()
    user_changed = Signal(str)
    service_changed = Signal(list)
    link_changed = Signal(object)

    def __init__(
        self,
        db: Database,
        user: str = "",
        clock: Clock | None = None,
        pathway: Pathway | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.clock: Clock = clock or SystemClock()
        self.pathway = pathway or default_pathway()
        self._user = user
        self._link: Link | None = None

    @property
    def user(self) -> str:
        return self._user

    @property
    def user_display(self) -> str:
        """Who is signed in, as people are named on screen: "Dr A Patel", not "apatel"."""
        return display_name_of(self.db, self._user) if self._user else ""

    @property
    def link(self) -> Link | None:
        """The database's state as last heard (None: nothing said yet, assume it answers)."""
        return self._link

    @property
    def reachable(self) -> bool:
        return self._link is None or self._link.up

    def set_link(self, link: Link) -> None:
        if link != self._link:
            self._link = link
            self.link_changed.emit(link)

    def set_user(self, username: str) -> None:
        if username != self._user:
            self._user = username
            self.user_changed.emit(username)

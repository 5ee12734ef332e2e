"""One desk, one scheduler: a second copy on the same database and PC hands over to the first.

Two copies of the app on one database would each raise, notify and beep for the same
deadline, and two people could acknowledge one alert from two windows without knowing.
So the first copy listens on a local socket (`QLocalServer`: a Unix socket, or a named
pipe on Windows) whose name is a hash of the database URL and the login name; a second
copy finds it, asks it to come to the front, and exits.

The name is hashed because the URL may hold a password and a path too long for a socket
name; the login name is in it so that two people signed in to one terminal server each
get their own desk. A copy that crashed leaves its socket file behind on Unix: a name we
cannot *connect* to is stale, and only then is it removed (`QLocalServer.removeServer`),
so a live first copy is never cut off.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500
ALREADY_RUNNING = (
    "MSCC Desk is already open on this computer for this database; "
    "that window has been brought to the front."
)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment: share one name
        return "unknown"


def server_name(db_url: str, user: str | None = None) -> str:
    """The local socket name for one database and one login on this PC."""
    who = _login() if user is None else user
    digest = hashlib.sha256(f"{db_url}\x00{who}".encode()).hexdigest()[:32]
    return f"mscc-desk-{digest}"


class SingleInstance(QObject):
    """Decide, once, whether this copy is the desk; the first copy hears later ones.

    `activation_requested` is emitted on the first copy when a later one starts: connect
    it to `gui.windows.bring_to_front(main_window)`.
    """

    activation_requested = Signal()

    def __init__(self, db_url: str, user: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db_url, user)
        self._server: QLocalServer | None = None
        self._primary: bool | None = None

    def is_primary(self) -> bool:
        """True if this copy is (now) the one that runs the desk."""
        if self._primary is None:
            self._primary = self._claim()
        return self._primary

    def notify_primary(self) -> bool:
        """Ask the first copy to come to the front; False if it could not be reached."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS) or socket.bytesToWrite() == 0
        socket.disconnectFromServer()
        return sent

    def close(self) -> None:
        """Stop listening, so a copy started after this one becomes the desk."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        self._primary = None

    # --- Inside --------------------------------------------------------------------------

    def _someone_listening(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(CONNECT_TIMEOUT_MS)
        if alive:
            probe.disconnectFromServer()
        return alive

    def _claim(self) -> bool:
        for _attempt in range(2):
            if self._someone_listening():
                return False
            server = QLocalServer(self)
            # Only this login may connect (and so raise our window).
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if server.listen(self.name):
                server.newConnection.connect(self._on_connection)
                self._server = server
                return True
            # Nobody answered, yet the name is taken: the file of a crashed copy.
            # Remove it and try once more (another copy may win the race; then we lose).
            server.deleteLater()
            QLocalServer.removeServer(self.name)
        return False

    def _on_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                break
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if ACTIVATE.strip() in data:
            self.activation_requested.emit()
